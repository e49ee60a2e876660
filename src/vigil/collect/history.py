"""What the crawl keeps besides posts: WARC record pointers, each post's version history (edits
and take-downs, each with the record that proves it) and the fetch log for health summaries.

Every write here is idempotent, so an item fetched again after a crash adds nothing twice: a
version row is added only when the post's state differs from its latest row.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, insert, select

from vigil.evidence.warc import RecordRef
from vigil.model import Post, utcnow
from vigil.store import schema as t

DELETED = "deleted"


def save_records(engine: Engine, refs: Sequence[RecordRef], site: str | None) -> None:
    if not refs:
        return
    with engine.begin() as conn:
        ids = [r.record_id for r in refs]
        known = set(conn.execute(select(t.warc_records.c.record_id).where(t.warc_records.c.record_id.in_(ids))).scalars())
        rows = [{**r.to_dict(), "site": site} for r in refs if r.record_id not in known]
        if rows:
            conn.execute(insert(t.warc_records), rows)


def latest_version(engine: Engine, post_id: str) -> dict[str, Any] | None:
    pv = t.post_versions
    with engine.connect() as conn:
        r = conn.execute(select(pv).where(pv.c.post_id == post_id).order_by(pv.c.id.desc()).limit(1)).mappings().first()
    return dict(r) if r else None


def note_version(engine: Engine, post: Post, record_id: str | None, status: int | None) -> str | None:
    """Record this capture of ``post`` if it is new, edited or back after a take-down."""
    last = latest_version(engine, post.id)
    if last is None:
        change = "new"
    elif last["change"] == DELETED:
        change = "restored"
    elif last["version"] != post.version:
        change = "edited"
    else:
        return None
    content = {k: v for k, v in post.to_dict().items() if k not in ("extra",)}
    _add(engine, post.id, post.version, change, record_id, post.url, status, content)
    return change


def note_deleted(engine: Engine, post_id: str, url: str, record_id: str | None, status: int | None) -> bool:
    """The post's page is gone (404/410): evidence too. Recorded once per take-down."""
    last = latest_version(engine, post_id)
    if last is None or last["change"] == DELETED:
        return False
    _add(engine, post_id, last["version"], DELETED, record_id, url, status, {"status": status})
    return True


def note_gone_from_page(engine: Engine, source_id: str, page_url: str, present: set[str], record_id: str | None,
                        status: int | None) -> list[str]:  # fmt: skip
    """Posts last seen on a multi-post page (a chat or channel export) that it no longer lists:
    each take-down recorded once, with the capture of the page without it as the evidence.

    Only posts whose stored URL is this page (``page#anchor``) count: a post already seen on
    another page since is not claimed gone from this one.
    """
    base = page_url.split("#", 1)[0]
    p = t.posts.c
    pv = t.post_versions.c
    with engine.connect() as conn:
        q = select(p.id).where(p.source_id == source_id, (p.url == base) | p.url.startswith(base + "#", autoescape=True))
        missing = [pid for pid in conn.execute(q).scalars() if pid not in present]
        # the newest version of the missing posts, a few hundred per query, not one query each on every revisit
        last = {}
        for i in range(0, len(missing), 500):
            newest = select(func.max(pv.id)).where(pv.post_id.in_(missing[i:i + 500])).group_by(pv.post_id)
            last.update((r.post_id, r) for r in conn.execute(select(pv.post_id, pv.version, pv.change).where(pv.id.in_(newest))))
    gone = []
    for pid in missing:
        row = last.get(pid)
        if row is None or row.change == DELETED:
            continue
        _add(engine, pid, row.version, DELETED, record_id, base, status, {"status": status, "missing_from": base})
        gone.append(pid)
    return gone


def _add(engine: Engine, post_id: str, version: str, change: str, record_id: str | None, url: str | None,
         status: int | None, content: dict[str, Any]) -> None:  # fmt: skip
    with engine.begin() as conn:
        conn.execute(
            insert(t.post_versions).values(
                post_id=post_id, version=version, change=change, observed_at=utcnow(), record_id=record_id,
                url=url, http_status=status, content=content,
            )
        )  # fmt: skip


def versions(engine: Engine, post_id: str) -> list[dict[str, Any]]:
    pv = t.post_versions
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(pv).where(pv.c.post_id == post_id).order_by(pv.c.id)).mappings()]


def log_fetches(engine: Engine, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        with engine.begin() as conn:
            conn.execute(insert(t.fetch_log), list(rows))


def fetch_summary(engine: Engine, run_id: str) -> dict[str, dict[str, int]]:
    fl = t.fetch_log
    with engine.connect() as conn:
        rows = conn.execute(
            select(fl.c.site, fl.c.outcome, func.count()).where(fl.c.run_id == run_id).group_by(fl.c.site, fl.c.outcome)
        ).all()
    out: dict[str, dict[str, int]] = {}
    for site, outcome, n in rows:
        out.setdefault(site, {})[outcome] = int(n)
    return out


def log_row(run_id: str, site: str, url: str, outcome: str, *, status: int | None = None, size: int = 0,
            seconds: float = 0.0, record_id: str | None = None, error: str | None = None,
            at: datetime | None = None) -> dict[str, Any]:  # fmt: skip
    return {"run_id": run_id, "site": site, "url": url, "status": status, "outcome": outcome, "bytes": size,
            "seconds": seconds, "record_id": record_id, "error": (error or None) and error[:500], "at": at or utcnow()}  # fmt: skip


def link_image(store: Any, post_id: str, ref: str, sha: str) -> None:
    """Add one (reference, sha256) to a post's images, keeping the others; image watches are checked."""
    with store.engine.connect() as conn:
        pi = t.post_images
        have = [(r, s) for r, s in conn.execute(select(pi.c.ref, pi.c.sha256).where(pi.c.post_id == post_id))]
    if (ref, sha) not in have:
        store.link_post_images(post_id, [*[(r, s) for r, s in have if r != ref], (ref, sha)])
        from vigil.collect.watch import check_image

        for post in store.get_posts([post_id]):
            check_image(store.engine, post, sha)

