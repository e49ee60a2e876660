"""The persistent frontier: every URL a site's crawl knows, what the last fetch saw, when it is due.

Why in the store: killing the crawler at any point and starting again must lose nothing and
duplicate nothing. (site, canonical URL) is unique, so re-discovering a URL is a no-op; an item is
marked done only after its evidence and its post are written, so an interrupted item is simply
fetched again (the store's upserts and the version history are idempotent).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, bindparam, func, or_, select, update

from vigil.ids import canonical_url
from vigil.model import utcnow
from vigil.store import schema as t

FAR_FUTURE = timedelta(days=3650)
F = t.crawl_frontier


def url_key(url: str) -> str:
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Item:
    id: int
    site: str
    url: str
    kind: str  # listing | post | image
    depth: int
    state: str
    attempts: int
    etag: str | None
    last_modified: str | None
    content_sha256: str | None
    record_id: str | None
    post_id: str | None
    refs: tuple[str, ...]

    @classmethod
    def from_row(cls, r: Any) -> Item:
        return cls(r["id"], r["site"], r["url"], r["kind"], r["depth"], r["state"], r["attempts"], r["etag"],
                   r["last_modified"], r["content_sha256"], r["record_id"], r["post_id"], tuple(r["refs"] or ()))  # fmt: skip


class Frontier:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, site: str, urls: Sequence[str], kind: str, depth: int, *, ref: str | None = None,
            due: datetime | None = None) -> int:  # fmt: skip
        """Add URLs not yet known (in one transaction); for images, note the post that shows them."""
        if not urls:
            return 0
        now = due or utcnow()
        keys = {url_key(u): u for u in urls}
        added = 0
        with self.engine.begin() as conn:
            known = {}
            ks = list(keys)
            for i in range(0, len(ks), 500):
                q = select(F.c.url_key, F.c.id, F.c.refs).where(F.c.site == site, F.c.url_key.in_(ks[i : i + 500]))
                known.update({k: (fid, refs) for k, fid, refs in conn.execute(q)})
            rows = []
            for k, u in keys.items():
                if k in known:
                    fid, refs = known[k]
                    if ref and ref not in (refs or []):
                        conn.execute(update(F).where(F.c.id == fid).values(refs=[*(refs or []), ref]))
                    continue
                rows.append({"site": site, "url": u, "url_key": k, "kind": kind, "depth": depth, "state": "pending",
                             "attempts": 0, "next_at": now, "refs": [ref] if ref else []})  # fmt: skip
            if rows:
                conn.execute(F.insert(), rows)
                added = len(rows)
        return added

    def make_due(self, site: str, kinds: Sequence[str], now: datetime | None = None) -> int:
        """Bring these kinds of items forward to now (a crawl re-reads listings for new posts)."""
        with self.engine.begin() as conn:
            r = conn.execute(
                update(F).where(F.c.site == site, F.c.kind.in_(list(kinds)), F.c.state != "blocked")
                .values(next_at=now or utcnow())
            )  # fmt: skip
            return int(r.rowcount or 0)

    def due(self, sites: Sequence[str], now: datetime, limit: int, exclude: set[int]) -> list[Item]:
        """Items whose time has come, listings and posts before images, oldest first."""
        q = (
            select(F)
            .where(F.c.site.in_(list(sites)), F.c.next_at <= now, F.c.state.in_(("pending", "done", "failed", "gone")))
            .order_by(F.c.next_at, F.c.id)
            .limit(limit + len(exclude))
        )
        with self.engine.connect() as conn:
            rows = conn.execute(q).mappings().all()
        return [Item.from_row(r) for r in rows if r["id"] not in exclude][:limit]

    def get(self, site: str, url: str) -> Item | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(F).where(F.c.site == site, F.c.url_key == url_key(url))).mappings().first()
        return Item.from_row(r) if r else None

    def finish(self, item_id: int, **values: Any) -> None:
        """Record the outcome (state, next_at, validators, record id …) of one item."""
        with self.engine.begin() as conn:
            conn.execute(update(F).where(F.c.id == item_id).values(fetched_at=utcnow(), **values))

    def counts(self, site: str, kinds: Sequence[str] | None = None) -> dict[str, int]:
        """Items per state (of these kinds)."""
        q = select(F.c.state, func.count()).where(F.c.site == site)
        if kinds:
            q = q.where(F.c.kind.in_(list(kinds)))
        with self.engine.connect() as conn:
            rows = conn.execute(q.group_by(F.c.state)).all()
        return {s: int(n) for s, n in rows}

    def reschedule(self, site: str, listings_h: float, posts_h: float) -> int:
        """Apply a shortened revisit schedule to items fetched under the old one."""
        hours = {"listing": listings_h, "post": posts_h}
        q = select(F.c.id, F.c.kind, F.c.fetched_at, F.c.next_at).where(
            F.c.site == site, F.c.kind.in_(list(hours)), F.c.fetched_at.is_not(None), F.c.state.in_(("done", "gone"))
        )
        with self.engine.begin() as conn:
            moved = [
                {"b_id": fid, "b_next": fetched + timedelta(hours=hours[kind])}
                for fid, kind, fetched, nxt in conn.execute(q)
                if fetched + timedelta(hours=hours[kind]) < nxt
            ]
            if moved:
                conn.execute(update(F).where(F.c.id == bindparam("b_id")).values(next_at=bindparam("b_next")), moved)
        return len(moved)

    def next_due(self, sites: Sequence[str]) -> datetime | None:
        """When the earliest item of these sites is due (blocked items never are)."""
        q = select(func.min(F.c.next_at)).where(F.c.site.in_(list(sites)), F.c.state != "blocked")
        with self.engine.connect() as conn:
            return conn.execute(q).scalar_one()

    def pending_count(self, sites: Sequence[str], now: datetime) -> int:
        with self.engine.connect() as conn:
            q = select(func.count()).select_from(F).where(
                and_(F.c.site.in_(list(sites)), F.c.next_at <= now, or_(F.c.state == "pending", F.c.state == "failed"))
            )
            return int(conn.execute(q).scalar_one())
