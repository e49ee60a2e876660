"""The store: everything Vigil knows, in one database per workspace.

The only module (with ``db``) that talks SQL. Stages never see it: the runner reads batches
from here and writes what stages return back, one transaction per batch.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from sqlalchemy import Engine, and_, bindparam, delete, func, insert, or_, select, text, update

from vigil import __version__
from vigil.errors import VigilError
from vigil.ids import slug
from vigil.model import Case, Entity, PlatformKind, Post, Signal, Source, utcnow
from vigil.pipeline.stage import StageResult
from vigil.store import schema as t
from vigil.store.db import open_engine
from vigil.store.images import ImageStoreMixin
from vigil.store.rows import (
    entity_to_row,
    post_to_row,
    row_to_entity,
    row_to_post,
    row_to_signal,
    score_to_row,
    signal_to_row,
)

_CHUNK = 500  # ids per IN (...) clause; well below SQLite's variable limit


def _upsert_insert(engine: Engine) -> Any:
    """The dialect's INSERT that knows ON CONFLICT (SQLite and PostgreSQL both do)."""
    if engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def _chunks(seq: Sequence[Any], n: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


@dataclass(slots=True)
class UpsertCounts:
    stored: int = 0  # new posts
    updated: int = 0  # known posts whose content changed
    unchanged: int = 0  # known posts seen again as they were
    changed_ids: list[str] = field(default_factory=list)  # ids stored or updated by this call

    def add(self, other: UpsertCounts) -> None:
        self.stored += other.stored
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.changed_ids += other.changed_ids


@dataclass(frozen=True, slots=True)
class SearchHit:
    post_id: str
    source_id: str
    title: str
    snippet: str
    url: str | None
    rank: float


class Store(ImageStoreMixin):
    def __init__(self, workspace: Path, engine: Engine) -> None:
        self.workspace = workspace
        self.engine = engine
        self._sources: dict[str, Source] = {}

    @classmethod
    def open(cls, workspace: str | Path | None = None, *, create: bool = False) -> Self:
        ws, engine = open_engine(workspace, create=create)
        return cls(ws, engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sources ---------------------------------------------------------------------------

    def ensure_source(
        self,
        name: str,
        kind: str | None = None,
        country: str | None = None,
        url: str | None = None,
        language: str | None = None,
    ) -> Source:
        """The source called ``name``, created on first use; given attributes fill in blanks."""
        sid = slug(name)
        country = country.upper() if country else None
        known = self._sources.get(sid)
        given = {"kind": kind, "country": country, "url": url, "language": language}
        if known is not None and all(v is None or getattr(known, k) == v for k, v in given.items()):
            return known
        with self.engine.begin() as conn:
            row = conn.execute(select(t.sources).where(t.sources.c.id == sid)).mappings().first()
            if row is None:
                src = Source(
                    id=sid,
                    name=name,
                    kind=kind or PlatformKind.IMPORT.value,
                    country=country,
                    url=url,
                    language=language,
                )
                conn.execute(insert(t.sources).values(**src.to_dict(), created_at=utcnow()))
            else:
                changes = {k: v for k, v in given.items() if v and row[k] != v}
                if changes:
                    conn.execute(update(t.sources).where(t.sources.c.id == sid).values(**changes))
                merged = {**dict(row), **changes}
                src = Source.from_dict(merged)
        self._sources[sid] = src
        return src

    def sources(self) -> list[Source]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.sources).order_by(t.sources.c.id)).mappings().all()
        return [Source.from_dict(r) for r in rows]

    # -- posts -----------------------------------------------------------------------------

    def upsert_posts(self, posts: Sequence[Post]) -> UpsertCounts:
        """Insert new posts and update changed ones, in one transaction. Idempotent."""
        counts = UpsertCounts()
        latest: dict[str, Post] = {p.id: p for p in posts}  # a repeated id in one batch: last wins
        now = utcnow()
        with self.engine.begin() as conn:
            known: dict[str, str] = {}
            for ids in _chunks(list(latest)):
                known.update(conn.execute(select(t.posts.c.id, t.posts.c.version).where(t.posts.c.id.in_(ids))).all())
            new_rows, changed_rows = [], []
            for pid, p in latest.items():
                if pid not in known:
                    new_rows.append({**post_to_row(p), "first_seen_at": now, "updated_at": now})
                elif known[pid] != p.version:
                    changed_rows.append({**post_to_row(p), "updated_at": now, "b_id": pid})
                else:
                    counts.unchanged += 1
            if new_rows:
                conn.execute(insert(t.posts), new_rows)
            if changed_rows:
                cols = {k: bindparam(k) for k in changed_rows[0] if k not in ("id", "b_id")}
                conn.execute(update(t.posts).where(t.posts.c.id == bindparam("b_id")).values(**cols), changed_rows)
            counts.stored, counts.updated = len(new_rows), len(changed_rows)
            counts.changed_ids = [r["id"] for r in new_rows] + [r["b_id"] for r in changed_rows]
        return counts

    def get_posts(self, ids: Iterable[str]) -> list[Post]:
        out: list[Post] = []
        ids = list(ids)
        with self.engine.connect() as conn:
            for chunk in _chunks(ids):
                out.extend(row_to_post(r) for r in conn.execute(select(t.posts).where(t.posts.c.id.in_(chunk))).mappings())
        order = {pid: i for i, pid in enumerate(ids)}
        return sorted(out, key=lambda p: order[p.id])

    def iter_posts(self, batch_size: int = 1000) -> Iterator[Post]:
        """All posts in arrival order, fetched page by page (flat memory)."""
        last = 0
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(t.posts).where(t.posts.c.seq > last).order_by(t.posts.c.seq).limit(batch_size)
                ).mappings().all()
            if not rows:
                return
            last = rows[-1]["seq"]
            yield from (row_to_post(r) for r in rows)

    def count_posts(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t.posts)).scalar_one())

    # -- stages ----------------------------------------------------------------------------

    def pending(self, stage: str, after_seq: int, limit: int) -> list[tuple[int, Post]]:
        """Posts (after ``after_seq``) whose current version ``stage`` has not processed."""
        ss = t.stage_state
        q = (
            select(t.posts)
            .outerjoin(ss, and_(ss.c.stage == stage, ss.c.post_id == t.posts.c.id))
            .where(t.posts.c.seq > after_seq, or_(ss.c.version.is_(None), ss.c.version != t.posts.c.version))
            .order_by(t.posts.c.seq)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [(r["seq"], row_to_post(r)) for r in conn.execute(q).mappings()]

    def count_pending(self, stage: str) -> int:
        ss = t.stage_state
        q = (
            select(func.count())
            .select_from(t.posts.outerjoin(ss, and_(ss.c.stage == stage, ss.c.post_id == t.posts.c.id)))
            .where(or_(ss.c.version.is_(None), ss.c.version != t.posts.c.version))
        )
        with self.engine.connect() as conn:
            return int(conn.execute(q).scalar_one())

    def write_stage(self, stage: str, posts: Sequence[Post], result: StageResult) -> None:
        """Replace ``stage``'s outputs for these posts and mark their versions seen: one transaction."""
        ids = [p.id for p in posts]
        done = [p for p in posts if p.id not in result.errors]
        now = utcnow()
        with self.engine.begin() as conn:
            for chunk in _chunks(ids):
                for table in (t.entities, t.signals, t.scores):
                    conn.execute(delete(table).where(table.c.stage == stage, table.c.post_id.in_(chunk)))
            if result.entities:
                conn.execute(insert(t.entities), [entity_to_row(e, stage) for e in result.entities])
            if result.signals:
                conn.execute(insert(t.signals), [signal_to_row(s, stage) for s in result.signals])
            if result.scores:
                conn.execute(insert(t.scores), [score_to_row(s, stage) for s in result.scores])
            if done:
                self._mark_seen(conn, stage, done, now)

    def _mark_seen(self, conn: Any, stage: str, posts: Sequence[Post], now: Any) -> None:
        ss = t.stage_state
        ins = _upsert_insert(self.engine)(ss)
        stmt = ins.on_conflict_do_update(
            index_elements=[ss.c.stage, ss.c.post_id],
            set_={"version": ins.excluded.version, "runs": ss.c.runs + 1, "processed_at": ins.excluded.processed_at},
        )
        conn.execute(
            stmt, [{"stage": stage, "post_id": p.id, "version": p.version, "runs": 1, "processed_at": now} for p in posts]
        )

    def entities_for(self, post_ids: Sequence[str]) -> dict[str, list[Entity]]:
        out: dict[str, list[Entity]] = defaultdict(list)
        with self.engine.connect() as conn:
            for chunk in _chunks(post_ids):
                q = select(t.entities).where(t.entities.c.post_id.in_(chunk)).order_by(t.entities.c.id)
                for r in conn.execute(q).mappings():
                    out[r["post_id"]].append(row_to_entity(r))
        return dict(out)

    def signals_for(self, post_ids: Sequence[str]) -> dict[str, list[Signal]]:
        out: dict[str, list[Signal]] = defaultdict(list)
        with self.engine.connect() as conn:
            for chunk in _chunks(post_ids):
                q = select(t.signals).where(t.signals.c.post_id.in_(chunk)).order_by(t.signals.c.id)
                for r in conn.execute(q).mappings():
                    out[r["post_id"]].append(row_to_signal(r))
        return dict(out)

    def stage_runs(self, stage: str) -> dict[str, int]:
        """post id -> how many times ``stage`` processed it (tests and audits rely on this)."""
        with self.engine.connect() as conn:
            q = select(t.stage_state.c.post_id, t.stage_state.c.runs).where(t.stage_state.c.stage == stage)
            return dict(conn.execute(q).all())

    # -- overview and search ---------------------------------------------------------------

    def status(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            n_posts = conn.execute(select(func.count()).select_from(t.posts)).scalar_one()
            per_source = conn.execute(
                select(t.sources.c.id, t.sources.c.name, t.sources.c.kind, t.sources.c.country, func.count(t.posts.c.id))
                .select_from(t.sources.outerjoin(t.posts, t.posts.c.source_id == t.sources.c.id))
                .group_by(t.sources.c.id)
                .order_by(t.sources.c.id)
            ).all()
            per_stage = dict(
                conn.execute(select(t.stage_state.c.stage, func.count()).group_by(t.stage_state.c.stage)).all()
            )
            per_lang = dict(
                conn.execute(select(t.posts.c.language, func.count()).group_by(t.posts.c.language)).all()
            )
            counts = {
                name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in (("entities", t.entities), ("signals", t.signals), ("scores", t.scores),
                                    ("links", t.links), ("groups", t.groups))
            }  # fmt: skip
        return {
            "workspace": str(self.workspace),
            "posts": int(n_posts),
            "sources": [
                {"id": sid, "name": name, "kind": kind, "country": country, "posts": int(n)}
                for sid, name, kind, country, n in per_source
            ],
            "stages": {k: int(v) for k, v in per_stage.items()},
            "languages": {(k or "unknown"): int(v) for k, v in per_lang.items()},
            **{k: int(v) for k, v in counts.items()},
        }

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and texts, diacritics folded, best matches first."""
        terms = re.findall(r"\w+", query)
        if not terms:
            return []
        if self.engine.dialect.name != "sqlite":
            return self._search_like(terms, limit)
        match = " ".join('"' + w.replace('"', '""') + '"' for w in terms)
        sql = text(
            "SELECT p.id, p.source_id, p.title, p.url, bm25(posts_fts) AS rank, "
            "snippet(posts_fts, 1, '[', ']', ' … ', 12) AS snip "
            "FROM posts_fts JOIN posts p ON p.seq = posts_fts.rowid "
            "WHERE posts_fts MATCH :m ORDER BY rank LIMIT :n"
        )
        with self.engine.connect() as conn:
            rows = conn.execute(sql, {"m": match, "n": limit}).mappings().all()
        return [SearchHit(r["id"], r["source_id"], r["title"], r["snip"], r["url"], float(r["rank"])) for r in rows]

    def _search_like(self, terms: list[str], limit: int) -> list[SearchHit]:
        conds = [or_(t.posts.c.title.ilike(f"%{w}%"), t.posts.c.text.ilike(f"%{w}%")) for w in terms]
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.posts).where(and_(*conds)).limit(limit)).mappings().all()
        return [SearchHit(r["id"], r["source_id"], r["title"], r["text"][:160], r["url"], 0.0) for r in rows]

    # -- cases and chain of custody ----------------------------------------------------------

    def add_case(self, name: str, purpose: str, legal_basis: str, operator: str | None = None) -> Case:
        """Record an investigation. Purpose and legal basis are required: collection must have both."""
        if not purpose.strip() or not legal_basis.strip():
            raise VigilError("a case needs a purpose and a legal basis (e.g. the court order or statute)")
        case = Case(id=slug(name), name=name, purpose=purpose, legal_basis=legal_basis, operator=operator,
                    created_at=utcnow())  # fmt: skip
        with self.engine.begin() as conn:
            if conn.execute(select(t.cases.c.id).where(t.cases.c.id == case.id)).first() is not None:
                raise VigilError(f"a case called {name!r} exists already")
            conn.execute(insert(t.cases).values(**case.to_dict() | {"created_at": case.created_at}))
        return case

    def cases(self) -> list[Case]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.cases).order_by(t.cases.c.created_at)).mappings().all()
        return [Case.from_dict(r) for r in rows]


    def record_ingest(self, source_id: str | None, files: list[str], counts: dict[str, int], started: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(t.ingest_runs).values(
                    started_at=started, finished_at=utcnow(), source_id=source_id, files=files,
                    counts=counts, tool_version=__version__,
                )
            )  # fmt: skip
