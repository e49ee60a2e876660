"""The crawler: sites in, posts and evidence out, politely, resumably.

Why httpx + protego + our own limiter rather than Scrapy: see docs/COLLECT.md. In short, the
crawl has to interleave with our own store (frontier, post upserts, version history) and our own
WARC writer in a strict order (evidence on disk first, then the database, the frontier item
marked done last), which is a few lines of asyncio here and a fight with Scrapy's engine,
its own scheduler persistence and its Twisted reactor there.

Order of writes per item, so that a kill at any point loses nothing and duplicates nothing:
WARC records (fsynced) → their index rows → the post (upsert, idempotent) → its version row (only
if changed) → images → the frontier item (done, next due time). An item interrupted before the
last step is simply fetched again.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import select

from vigil import __version__
from vigil.collect import history
from vigil.collect.fetch import FetchResult, decoded, fetch, header, looks_cut_off
from vigil.collect.frontier import FAR_FUTURE, Frontier, Item
from vigil.collect.health import CrawlReport, CrawlSettings, SiteHealth
from vigil.collect.pages import PageReader
from vigil.collect.policy import (
    AddressSafety,
    RetryPolicy,
)
from vigil.collect.ratelimit import RateLimiter
from vigil.collect.robots import RobotsGate
from vigil.collect.sites import Site
from vigil.evidence import DiskFullError, evidence_dir
from vigil.evidence.warc import (
    Exchange,
    RecordRef,
    WarcStore,
    sha256_digest,
)
from vigil.model import utcnow
from vigil.store import Store
from vigil.store import schema as t

log = logging.getLogger("vigil.collect")


class Crawler(PageReader):
    def __init__(self, store: Store, sites: Sequence[Site], settings: CrawlSettings | None = None,
                 on_progress: Callable[[SiteHealth], None] | None = None) -> None:  # fmt: skip
        self.store = store
        self.sites = {s.id: s for s in sites}
        self.settings = settings or CrawlSettings()
        self.on_progress = on_progress
        self.frontier = Frontier(store.engine)
        self.limiter = RateLimiter(enabled=self.settings.polite)
        self.safety = AddressSafety(self.settings.resolve)
        self.robots = RobotsGate(self._fetch_robots, self.settings.user_agent)
        self.health = {s.id: SiteHealth(s.id) for s in sites}
        self.run_id = f"{utcnow():%Y%m%dT%H%M%S.%f}-{os.getpid()}"
        self._abort: str | None = None
        self._log: list[dict[str, Any]] = []
        self.warc: WarcStore | None = None
        self._clients: dict[str | None, httpx.AsyncClient] = {}
        self._sizes: dict[str, int] = {}
        self._renderer: Any = None

    # -- entry -------------------------------------------------------------------------------

    def run(self) -> CrawlReport:
        return asyncio.run(self._run())

    async def _run(self) -> CrawlReport:
        t0 = self._t0 = asyncio.get_running_loop().time()
        self.started = utcnow()
        for s in self.sites.values():
            self.store.ensure_source(s.name, kind=s.kind, country=s.country, url=s.start_urls[0], language=s.language)
            self.frontier.add(s.id, list(s.start_urls), "listing", 0, due=self.started)
            self.frontier.reschedule(s.id, s.revisit_listings_h, s.revisit_posts_h)
            if self.settings.refresh_listings:
                self.frontier.make_due(s.id, ["listing"], self.started)
            if self.settings.revisit_all:
                self.frontier.make_due(s.id, ["listing", "post"], self.started)
        info = {"operator": self.settings.operator, "case": self.settings.case, "crawl-run": self.run_id}
        self.warc = WarcStore(evidence_dir(self.store.workspace), info={k: v for k, v in info.items() if v},
                              rotate_bytes=self.settings.rotate_bytes,
                              **({"opener": self.settings.warc_opener} if self.settings.warc_opener else {}))  # fmt: skip
        items = 0
        self._sync_lock = asyncio.Lock()
        self.warc.sync_each_write = False
        with self.warc:
            try:
                items = await self._loop()
            finally:
                for client in self._clients.values():
                    await client.aclose()
                if self._renderer is not None:
                    await self._renderer.close()
            self._flush_log()
        measured = {key: {"requests": len(starts), "min_gap_s": self.limiter.min_gap(key),
                          "max_in_flight": self.limiter.max_in_flight(key)}
                    for key, starts in self.limiter.starts.items()}  # fmt: skip
        return CrawlReport(self.run_id, self.health, asyncio.get_running_loop().time() - t0, self._abort, items, measured)

    async def _loop(self) -> int:
        """One worker per site, so a slow or rate-limited site never holds up the others; the
        global semaphore (in ``_get``) bounds requests on the wire over all sites."""
        self._dispatched = 0
        self._wire = asyncio.Semaphore(max(1, self.settings.concurrency))
        await asyncio.gather(*(self._site_loop(s) for s in self.sites.values()))
        return self._dispatched

    async def _site_loop(self, site: Site) -> None:
        width = site.politeness.concurrency if self.settings.polite else self.settings.concurrency
        tasks: dict[asyncio.Task[None], int] = {}
        budget = self.settings.max_items
        while self._abort is None:
            room = width - len(tasks)
            if budget is not None:
                room = min(room, budget - self._dispatched)
            if room > 0:
                for item in self.frontier.due([site.id], self.started, room, set(tasks.values())):
                    tasks[asyncio.create_task(self._guarded(item))] = item.id
                    self._dispatched += 1
            if not tasks:
                break
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            for d in done:
                tasks.pop(d)
            if len(self._log) > 200:
                self._flush_log()
        if tasks:  # aborted: let what is in flight end (or fail) cleanly
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _guarded(self, item: Item) -> None:
        try:
            await self._process(item)
        except DiskFullError as exc:
            self._abort = str(exc)
        except Exception as exc:  # one bad item never ends the run
            log.exception("item %s failed", item.url)
            h = self.health[item.site]
            h.errors += 1
            h.problems.append(f"{item.url}: {type(exc).__name__}: {exc}")
            self.frontier.finish(item.id, state="failed", attempts=item.attempts + 1,
                                 next_at=utcnow() + timedelta(hours=1), error=str(exc)[:500])  # fmt: skip
        self.health[item.site].seconds = round(asyncio.get_running_loop().time() - self._t0, 2)
        if self.on_progress:
            self.on_progress(self.health[item.site])

    # -- fetching ----------------------------------------------------------------------------

    def _client(self, site: Site) -> httpx.AsyncClient:
        """One connection pool per proxy; only an explicit proxy is ever used (no environment)."""
        proxy = site.proxy or self.settings.proxy
        if proxy not in self._clients:
            self._clients[proxy] = httpx.AsyncClient(
                proxy=proxy, transport=self.settings.transport, trust_env=False, follow_redirects=False,
                timeout=httpx.Timeout(60.0), limits=httpx.Limits(max_connections=max(4, self.settings.concurrency * 2)),
            )  # fmt: skip
        return self._clients[proxy]

    def _headers(self, site: Site, item: Item | None) -> dict[str, str]:
        h = {"User-Agent": site.user_agent or self.settings.user_agent, "Accept-Encoding": "gzip, deflate",
             "Accept": "text/html,application/xhtml+xml,image/*;q=0.8,*/*;q=0.5"}  # fmt: skip
        if item is not None and item.record_id and item.kind != "image":
            if item.etag:
                h["If-None-Match"] = item.etag
            if item.last_modified:
                h["If-Modified-Since"] = item.last_modified
        return h

    async def _get(self, site: Site, url: str, item: Item | None, max_bytes: int) -> tuple[FetchResult, int]:
        """Fetch with politeness and retries; failed attempts are written to the WARC too."""
        client = self._client(site)
        key = site.rate_key(url)
        retry = RetryPolicy(retries=site.limits.retries, cap_s=site.politeness.max_backoff_s)
        delay = site.politeness.delay_s if self.settings.polite else 0.0
        cd = self.robots.crawl_delay(site, url) if site.robots else None
        if cd is not None and self.settings.polite:
            delay = max(delay, min(cd, site.politeness.max_crawl_delay_s))
        attempt = 0
        while True:
            async with self.limiter.slot(key, delay, site.politeness.concurrency), self._wire:
                res = await fetch(
                    client, url, headers=self._headers(site, item), safety=lambda u: self.safety.check(site, u),
                    max_bytes=max_bytes, max_redirects=site.limits.max_redirects, timeout_s=site.limits.timeout_s,
                    ip_of=self.safety.last_ip.get, pin=not (site.proxy or self.settings.proxy),
                )  # fmt: skip
            status = res.final.status if res.final else None
            net_error = res.error if res.outcome in ("timeout", "error", "incomplete") else None
            if res.final is not None and item is not None and item.kind == "post" and looks_cut_off(res.final):
                # one more try: a cut connection is usually transient; a server that always cuts is not
                net_error = "the page ends before </html> (cut off)" if attempt == 0 else None
            if not retry.should_retry(attempt, status, net_error):
                if status is not None and status < 500 and status != 429:
                    self.limiter.went_well(key)
                return res, attempt
            await self._write_hops(site, res.hops, item, "retried")
            wait = retry.delay(attempt, res.header("Retry-After"))
            if status in (429, 503):
                self.limiter.push_back(key, wait, site.politeness.max_backoff_s)
            else:
                await asyncio.sleep(wait)
            attempt += 1
            self.health[site.id].retries += 1

    async def _fetch_robots(self, site: Site, url: str) -> tuple[int | None, bytes]:
        res, _ = await self._get(site, url, None, 512 * 1024)
        await self._write_hops(site, res.hops, None, "robots")
        f = res.final
        return (f.status, decoded(f, 512 * 1024)) if f else (None, b"")

    def _meta(self, site: Site, kind: str, note: str | None = None) -> dict[str, Any]:
        return {
            "case": site.case or self.settings.case, "legal-basis": site.legal_basis, "site": site.name,
            "site-file": site.path, "operator": self.settings.operator, "tool": f"vigil {__version__}",
            "crawl-run": self.run_id, "frontier-kind": kind, "note": note,
            "robots": "obeyed" if site.robots else f"ignored: {site.robots_override_reason}",
            "via-proxy": "yes" if (site.proxy or self.settings.proxy) else "no",
        }  # fmt: skip

    async def _write_hops(self, site: Site, hops: Sequence[Exchange], item: Item | None, note: str,
                          kind: str | None = None) -> list[RecordRef]:  # fmt: skip
        """Write the exchanges, wait until they are on disk, then index them in the store."""
        assert self.warc is not None
        refs: list[RecordRef] = []
        for ex in hops:
            refs.extend(self.warc.write_exchange(ex, self._meta(site, kind or (item.kind if item else "robots"), note)).refs)
        if refs:
            await self._durable()
        history.save_records(self.store.engine, refs, site.id)
        return refs

    async def _durable(self) -> None:
        """Group commit: one fsync (in a thread) covers every record written before it started."""
        assert self.warc is not None
        name, upto = self.warc.position()
        async with self._sync_lock:
            if self.warc.durable(name, upto):
                return
            handle = self.warc.sync_handle()
            if handle is None:
                return
            fd, fname, size = handle
            try:
                await asyncio.to_thread(os.fsync, fd)
            except OSError as exc:
                raise DiskFullError(f"cannot sync {fname}: {exc}") from exc
            finally:
                os.close(fd)
            self.warc.synced(fname, size)

    # -- one frontier item -------------------------------------------------------------------

    def _note(self, site: Site, item: Item, outcome: str, **kw: Any) -> None:
        self._log.append(history.log_row(self.run_id, site.id, item.url, outcome, **kw))

    def _next(self, site: Site, kind: str) -> Any:
        if kind == "image":
            return utcnow() + FAR_FUTURE
        hours = site.revisit_listings_h if kind == "listing" else site.revisit_posts_h
        return utcnow() + timedelta(hours=hours)

    async def _process(self, item: Item) -> None:
        site, h = self.sites[item.site], self.health[item.site]
        for gate in (self.safety, self.robots):
            refusal = await gate.check(site, item.url)
            if refusal is not None:
                if refusal.outcome == "robots":
                    h.robots_blocked += 1
                else:
                    h.unsafe += 1
                self._note(site, item, refusal.outcome, error=refusal.reason)
                self.frontier.finish(item.id, state="blocked", next_at=utcnow() + FAR_FUTURE, error=refusal.reason)
                return
        is_image = item.kind == "image"
        max_bytes = site.limits.max_image_bytes if is_image else site.limits.max_bytes
        res, attempts = await self._get(site, item.url, item, max_bytes)
        ex = res.final
        if ex is None:
            refs = await self._write_hops(site, res.hops, item, "failed")
            unsafe = res.outcome in ("unsafe", "too_many_redirects")
            if res.outcome == "unsafe":
                h.unsafe += 1
            else:
                h.errors += 1
            if res.outcome == "incomplete":  # flagged, not stored as a whole page; the next crawl tries again
                h.incomplete += 1
                h.problems.append(f"{item.url}: incomplete after {attempts + 1} attempt(s) ({res.error}); "
                                  "kept in the WARC as truncated, not read")  # fmt: skip
            else:
                h.problems.append(f"{item.url}: {res.error}")
            self._note(site, item, res.outcome or "error", error=res.error, seconds=res.seconds,
                       record_id=refs[-2].record_id if len(refs) >= 2 else None)  # fmt: skip
            self.frontier.finish(item.id, state="blocked" if unsafe else "failed", attempts=item.attempts + 1,
                                 next_at=utcnow() + (FAR_FUTURE if unsafe else timedelta(hours=1)), error=res.error)  # fmt: skip
            return
        if len(res.hops) > 1:
            await self._write_hops(site, res.hops[:-1], item, "redirect")
        raw_sha = hashlib.sha256(ex.body).hexdigest()
        done: dict[str, Any] = {"state": "done", "attempts": 0, "last_status": ex.status, "error": None,
                                "next_at": self._next(site, item.kind)}  # fmt: skip
        if ex.status == 304:
            await self._write_hops(site, [ex], item, "not modified")
            h.not_modified += 1
            self._note(site, item, "not_modified", status=304, seconds=res.seconds)
            self.frontier.finish(item.id, **done)
            return
        if ex.status == 200 and not ex.truncated and item.record_id and raw_sha == item.content_sha256:
            await self._write_revisit(site, item, ex)
            h.unchanged += 1
            self._note(site, item, "unchanged", status=200, size=len(ex.body), seconds=res.seconds)
            self.frontier.finish(item.id, **done)
            return
        refs = await self._write_hops(site, [ex], item, "capture")
        rid = refs[1].record_id
        done.update(record_id=rid, content_sha256=raw_sha, etag=header(ex, "ETag"), last_modified=header(ex, "Last-Modified"))
        outcome = "stored"
        if 200 <= ex.status < 300:
            outcome = await self._content(site, item, ex, rid, done) or outcome
        elif ex.status in (404, 410) and item.kind == "post":
            if item.post_id and history.note_deleted(self.store.engine, item.post_id, item.url, rid, ex.status):
                h.deleted_posts += 1
            outcome, done["state"] = "gone", "gone"
        else:
            h.errors += 1
            h.problems.append(f"{item.url}: HTTP {ex.status} after {attempts + 1} attempt(s)")
            outcome, done["state"], done["next_at"] = "http_error", "failed", utcnow() + timedelta(hours=1)
            done["attempts"] = item.attempts + 1
        self._note(site, item, outcome, status=ex.status, size=len(ex.body), seconds=res.seconds, record_id=rid)
        self.frontier.finish(item.id, **done)

    async def _write_revisit(self, site: Site, item: Item, ex: Exchange) -> None:
        assert self.warc is not None and item.record_id
        with self.store.engine.connect() as conn:
            row = conn.execute(select(t.warc_records).where(t.warc_records.c.record_id == item.record_id)).mappings().first()
        if row is None:  # the earlier capture is unknown (should not happen): keep a full copy
            await self._write_hops(site, [ex], item, "capture")
            return
        ref = RecordRef(**{k: row[k] for k in RecordRef.__dataclass_fields__})
        w = self.warc.write_revisit(ex, ref, sha256_digest(ex.body), self._meta(site, item.kind, "unchanged"))
        await self._durable()
        history.save_records(self.store.engine, w.refs, site.id)

    def _flush_log(self) -> None:
        rows, self._log = self._log, []
        history.log_fetches(self.store.engine, rows)
