"""The link and assess stages' edge to the store: the only module of ``vigil.link`` that does I/O.

It reads and writes the tables these stages own (``link_state``, ``image_hashes``) and their
outputs (``links``, ``groups``, ``group_members``); the runner calls it, the stages never do.
Each write that must be atomic (index state + links + 'seen' marks; groups + state) is one
transaction, so a run killed at any point resumes without losing or duplicating anything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, insert, select, update

from vigil.model import Group, Link, Post, Score, utcnow
from vigil.store import Store
from vigil.store import schema as t

_CHUNK = 500


def _chunks(seq: Sequence[Any], n: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


def load_state(store: Store, stage: str) -> bytes | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.link_state.c.state).where(t.link_state.c.stage == stage)).first()
    return bytes(row[0]) if row else None


def _save_state(conn: Any, stage: str, blob: bytes, n_posts: int) -> None:
    conn.execute(delete(t.link_state).where(t.link_state.c.stage == stage))
    conn.execute(insert(t.link_state).values(stage=stage, state=blob, posts=n_posts, format="pickle-1",
                                             updated_at=utcnow()))  # fmt: skip


def _mark_seen(conn: Any, store: Store, stage: str, posts: Sequence[Post]) -> None:
    store._mark_seen(conn, stage, posts, utcnow())


def checkpoint(store: Store, stage: str, blob: bytes, n_posts: int, posts: Sequence[Post], links: Sequence[Link]) -> None:
    """Links made by these posts (replacing their earlier ones), the index state and the marks: one transaction."""
    ids = [p.id for p in posts]
    with store.engine.begin() as conn:
        for chunk in _chunks(ids):
            conn.execute(delete(t.links).where(t.links.c.a.in_(chunk)))
        if links:
            rows = [{"a": x.a, "b": x.b, "type": x.type, "strength": x.strength, "evidence": x.evidence} for x in links]
            for chunk in _chunks(rows, 5000):
                conn.execute(insert(t.links), list(chunk))
        _save_state(conn, stage, blob, n_posts)
        if posts:
            _mark_seen(conn, store, stage, posts)


def write_groups(store: Store, stage: str, upsert: Sequence[Group], remove: Sequence[str], blob: bytes,
                 n_posts: int) -> None:  # fmt: skip
    """Replace changed groups (label emptied: assess will fill it), drop vanished ones, save state."""
    now = utcnow()
    gone = [*remove, *(g.id for g in upsert)]
    with store.engine.begin() as conn:
        for chunk in _chunks(gone):
            conn.execute(delete(t.group_members).where(t.group_members.c.group_id.in_(chunk)))
            conn.execute(delete(t.groups).where(t.groups.c.id.in_(chunk)))
        if upsert:
            conn.execute(insert(t.groups), [{"id": g.id, "kind": g.kind, "label": "", "score": 0.0,
                                             "summary": g.summary, "updated_at": now} for g in upsert])  # fmt: skip
            members = [{"group_id": g.id, "post_id": p} for g in upsert for p in g.post_ids]
            for chunk in _chunks(members, 5000):
                conn.execute(insert(t.group_members), list(chunk))
        _save_state(conn, stage, blob, n_posts)


def image_hashes(store: Store, post_ids: Sequence[str]) -> dict[str, list[tuple[str, str, int, int]]]:
    """post id -> [(reference, sha256, pHash, dHash)], hashing each stored picture once (cached)."""
    files = store.image_files(list(post_ids)) if hasattr(store, "image_files") else {}
    if not files:
        return {}
    from vigil.link.images import image_hashes as compute

    shas = sorted({sha for refs in files.values() for _, sha, _ in refs})
    known: dict[str, tuple[str | None, str | None]] = {}
    ih = t.image_hashes
    with store.engine.connect() as conn:
        for chunk in _chunks(shas):
            for sha, ph, dh in conn.execute(select(ih.c.sha256, ih.c.phash, ih.c.dhash).where(ih.c.sha256.in_(chunk))):
                known[sha] = (ph, dh)
    new_rows = []
    paths = {sha: path for refs in files.values() for _, sha, path in refs}
    for sha in shas:
        if sha in known:
            continue
        try:
            ph, dh = compute(paths[sha])
            known[sha] = (f"{ph:016x}", f"{dh:016x}")
            new_rows.append({"sha256": sha, "phash": known[sha][0], "dhash": known[sha][1], "error": None})
        except Exception as exc:  # one unreadable picture must not stop the run
            known[sha] = (None, None)
            new_rows.append({"sha256": sha, "phash": None, "dhash": None, "error": f"{type(exc).__name__}: {exc}"[:500]})
    if new_rows:
        with store.engine.begin() as conn:
            conn.execute(insert(ih), new_rows)
    out: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
    for pid, refs in files.items():
        for ref, sha, _ in refs:
            ph, dh = known.get(sha, (None, None))
            if ph and dh:
                out[pid].append((ref, sha, int(ph, 16), int(dh, 16)))
    return dict(out)


def pending_groups(store: Store, limit: int) -> list[Group]:
    """Groups the link stage (re)wrote and assess has not yet filled in (empty label)."""
    g, m = t.groups, t.group_members
    with store.engine.connect() as conn:
        rows = conn.execute(select(g).where(g.c.label == "").order_by(g.c.id).limit(limit)).mappings().all()
        members: dict[str, list[str]] = defaultdict(list)
        for chunk in _chunks([r["id"] for r in rows]):
            for gid, pid in conn.execute(select(m.c.group_id, m.c.post_id).where(m.c.group_id.in_(chunk))):
                members[gid].append(pid)
    return [Group(r["id"], r["kind"], tuple(sorted(members[r["id"]])), r["label"], r["score"], dict(r["summary"] or {}))
            for r in rows]  # fmt: skip


def scores_for(store: Store, post_ids: Sequence[str]) -> dict[str, Score]:
    s = t.scores
    out: dict[str, Score] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(list(post_ids)):
            for r in conn.execute(select(s).where(s.c.post_id.in_(chunk))).mappings():
                out[r["post_id"]] = Score(r["post_id"], r["category"], dict(r["category_scores"] or {}),
                                          dict(r["risk"] or {}), r["model"])  # fmt: skip
    return out


def write_assessed(store: Store, groups: Sequence[Group], skipped: Sequence[str]) -> None:
    now = utcnow()
    with store.engine.begin() as conn:
        for grp in groups:
            conn.execute(update(t.groups).where(t.groups.c.id == grp.id).values(
                label=grp.label or "?", score=grp.score, summary=grp.summary, updated_at=now))  # fmt: skip
        for chunk in _chunks(list(skipped)):
            conn.execute(update(t.groups).where(t.groups.c.id.in_(chunk)).values(label="?", updated_at=now))


def mark_all_seen(store: Store, stage: str, batch: int = 5000) -> int:
    """Mark every post pending for ``stage`` as seen (assess works per group, not per post)."""
    done = 0
    while True:
        rows = store.pending(stage, 0, batch)
        if not rows:
            return done
        with store.engine.begin() as conn:
            _mark_seen(conn, store, stage, [p for _, p in rows])
        done += len(rows)


def iter_groups(store: Store, kind: str | None = None, group_ids: Sequence[str] | None = None,
                page: int = 500) -> Iterable[dict[str, Any]]:  # fmt: skip
    """Groups with their members as ``{"id", "kind", "label", "score", "summary", "posts", "post_ids"}``.

    ``posts`` lists the members by the ids they were ingested with (``posts.native_id``, else the
    store id); ``post_ids`` by store id, in the same order. Highest score first, paged (flat memory).
    """
    g, m, p = t.groups, t.group_members, t.posts
    offset = 0
    while True:
        q = select(g).order_by(g.c.score.desc(), g.c.id).limit(page).offset(offset)
        if kind:
            q = q.where(g.c.kind == kind)
        if group_ids is not None:
            q = q.where(g.c.id.in_(list(group_ids)))
        with store.engine.connect() as conn:
            rows = conn.execute(q).mappings().all()
            members: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for chunk in _chunks([r["id"] for r in rows]):
                mq = (select(m.c.group_id, m.c.post_id, p.c.native_id, p.c.source_id)
                      .select_from(m.join(p, p.c.id == m.c.post_id)).where(m.c.group_id.in_(chunk))
                      .order_by(m.c.group_id, m.c.post_id))  # fmt: skip
                for gid, pid, native, src in conn.execute(mq):
                    members[gid].append((pid, native or pid, src))
        for r in rows:
            mem = members[r["id"]]
            yield {"id": r["id"], "kind": r["kind"], "label": r["label"], "score": r["score"],
                   "posts": [n for _, n, _ in mem], "post_ids": [i for i, _, _ in mem],
                   "sources": sorted({s for _, _, s in mem}), "summary": dict(r["summary"] or {})}  # fmt: skip
        if len(rows) < page:
            return
        offset += page


def links_among(store: Store, post_ids: Sequence[str], limit: int = 5000) -> list[Link]:
    """The links between members of one group (its evidence), strongest first."""
    ids = list(post_ids)
    members = set(ids)
    out: list[Link] = []
    with store.engine.connect() as conn:
        for chunk in _chunks(ids):
            for r in conn.execute(select(t.links).where(t.links.c.a.in_(chunk))).mappings():
                if r["b"] in members:
                    out.append(Link(r["a"], r["b"], r["type"], r["strength"], dict(r["evidence"] or {})))
    return sorted(out, key=lambda x: (-x.strength, x.type, x.a, x.b))[:limit]
