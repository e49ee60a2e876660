"""Reading what a fetch brought: pages (links to follow, posts to store, optionally rendered
first) and images. A mixin of the ``Crawler``: it uses the crawler's store, frontier, health
counters and WARC writer, and keeps the crawler module about fetching and ordering.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from vigil.collect import history
from vigil.collect.fetch import charset, decoded, header, looks_cut_off
from vigil.collect.frontier import Item
from vigil.collect.parse import classify_links, extract_items, extract_post, is_post_url, parse_html
from vigil.collect.policy import IMAGE_TYPES, PAGE_TYPES, ResponseLimits
from vigil.collect.sites import Site
from vigil.errors import RecordError
from vigil.evidence.warc import Exchange
from vigil.ids import post_id
from vigil.ingest.records import to_post
from vigil.model import utcnow
from vigil.store.images import sniff_media_type

if TYPE_CHECKING:
    from datetime import datetime

    from vigil.collect.frontier import Frontier
    from vigil.collect.health import CrawlSettings, SiteHealth
    from vigil.evidence.warc import WarcStore
    from vigil.store import Store


class PageReader:
    """Mixed into ``Crawler``, which provides these and ``_get``, ``_write_hops``, ``_durable``, ``_meta``."""

    store: Store
    frontier: Frontier
    health: dict[str, SiteHealth]
    settings: CrawlSettings
    warc: WarcStore | None
    started: datetime
    safety: Any
    robots: Any
    _renderer: Any
    _sizes: dict[str, int]
    _get: Any
    _write_hops: Any
    _durable: Any
    _meta: Any

    async def _render(self, site: Site, item: Item, html: bytes, rid: str, content_type: str | None) -> str:
        """The page's DOM after its scripts ran; every request they make goes through the crawler."""
        if self._renderer is None:
            from vigil.collect.render import PlaywrightRenderer

            self._renderer = self.settings.renderer or PlaywrightRenderer(user_agent=self.settings.user_agent)
        from vigil.collect.render import SubResponse

        async def sub_fetch(url: str) -> SubResponse | None:
            for gate in (self.safety, self.robots):
                if await gate.check(site, url) is not None:
                    return None
            res, _ = await self._get(site, url, None, site.limits.max_bytes)
            await self._write_hops(site, res.hops, None, "requested by the page's scripts", kind="subresource")
            f = res.final
            if f is None:
                return None
            drop = ("content-encoding", "content-length", "transfer-encoding")
            return SubResponse(f.status, {k: v for k, v in f.response_headers if k.lower() not in drop},
                               decoded(f, site.limits.max_bytes))  # fmt: skip

        rendered = await self._renderer.render(item.url, html, sub_fetch, content_type or "text/html")
        assert self.warc is not None
        w = self.warc.write_conversion(item.url, rendered.encode("utf-8"), rid, "text/html; charset=utf-8",
                                       self._meta(site, item.kind, "DOM after rendering JavaScript"))  # fmt: skip
        await self._durable()
        history.save_records(self.store.engine, w.refs, site.id)
        return rendered

    async def _content(self, site: Site, item: Item, ex: Exchange, rid: str, done: dict[str, Any]) -> str | None:
        h = self.health[site.id]
        ctype = header(ex, "Content-Type")
        if item.kind == "image":
            data = decoded(ex, site.limits.max_image_bytes)
            media = (ctype or "").split(";")[0].strip() or None
            if ex.truncated or not (ResponseLimits(0, IMAGE_TYPES).type_ok(media) and sniff_media_type(data)):
                h.problems.append(f"{item.url}: not an image ({media}) or too large")
                return "bad_type" if not ex.truncated else "too_large"
            sha = self.store.add_image(data, sniff_media_type(data))
            done["content_sha256"] = sha
            fresh = self.frontier.get(site.id, item.url)  # posts found while it was in flight count too
            for pid in fresh.refs if fresh else item.refs:
                history.link_image(self.store, pid, item.url, sha)
            h.images += 1
            return "image"
        h.pages += 1
        if ex.truncated:
            h.problems.append(f"{item.url}: larger than {site.limits.max_bytes:,} bytes; kept truncated, not read")
            return "too_large"
        if not ResponseLimits(site.limits.max_bytes, PAGE_TYPES).type_ok(ctype):
            return "bad_type"
        body = decoded(ex, site.limits.max_bytes)
        if site.render_js:
            doc = parse_html((await self._render(site, item, body, rid, ctype)).encode("utf-8"), "utf-8")
        else:
            doc = parse_html(body, charset(ctype))
        if doc is None:
            h.problems.append(f"{item.url}: empty or unreadable page")
            return "unreadable"
        listing, posts = classify_links(doc, item.url, site)
        outcome = None
        if site.item or item.kind == "post" or is_post_url(site, item.url):
            outcome = self._post(site, item, doc, ex, rid, done)
        if item.depth < site.limits.max_depth:
            room = site.limits.max_pages - self._known(site)
            if room < len(listing) + len(posts):
                h.problems.append(f"{site.name}: max_pages ({site.limits.max_pages}) reached; links not followed")
            posts = posts[: max(0, room)]  # the posts on this page first, then more listings
            listing = listing[: max(0, room - len(posts))]
            self._sizes[site.id] += self.frontier.add(site.id, listing, "listing", item.depth + 1, due=self.started)
            self._sizes[site.id] += self.frontier.add(site.id, posts, "post", item.depth + 1, due=self.started)
        return outcome

    def _known(self, site: Site) -> int:
        """Pages (listings and posts) the site's frontier holds: ``limits.max_pages`` caps it."""
        if site.id not in self._sizes:
            c = self.frontier.counts(site.id, kinds=("listing", "post"))
            self._sizes[site.id] = sum(c.values())
        return self._sizes[site.id]

    def _takedowns(self, site: Site, item: Item, recs: list[dict[str, Any]], present: set[str], rid: str,
                   status: int) -> None:  # fmt: skip
        """Posts gone from a multi-post page that is still there become ``deleted`` versions. A page
        where no item is found at all is not taken as every post gone (more likely a new layout)."""
        h = self.health[site.id]
        if not recs:
            h.problems.append(f"{item.url}: no items found; take-downs not recorded (has the layout changed?)")
            return
        ids = set(present)  # and the items on the page that could not be stored (still there)
        ids.update(post_id(site.id, str(r.get("id") or "").strip() or None, r["url"]) for r in recs if r.get("url"))
        gone = history.note_gone_from_page(self.store.engine, site.id, item.url, ids, rid, status)
        h.deleted_posts += len(gone)

    def _post(self, site: Site, item: Item, doc: Any, ex: Exchange, rid: str, done: dict[str, Any]) -> str:
        """Store the post(s) on this page: one per post page, or one per item on chat-like pages."""
        h = self.health[site.id]
        recs = extract_items(doc, item.url, site) if site.item else [extract_post(doc, item.url, site)]
        if not site.item and looks_cut_off(ex):  # keep what there is, say so, try again next crawl
            recs[0]["capture_incomplete"] = True
            h.problems.append(f"{item.url}: page cut off (no </html>) after retries; stored as incomplete")
            done.update(state="failed", attempts=item.attempts + 1, next_at=utcnow() + timedelta(hours=1))
        posts = []
        for rec in recs:
            where = (item.url, rec.get("id") or "page")
            try:
                posts.append(to_post(rec, site.id, where, captured_at=ex.fetched_at, raw=ex.body))
            except RecordError as exc:
                if exc.field == "posted_at":  # keep the post, keep the odd date as found
                    rec["posted_at_raw"] = rec.pop("posted_at")
                    posts.append(to_post(rec, site.id, where, captured_at=ex.fetched_at, raw=ex.body))
                else:
                    h.errors += 1
                    h.problems.append(str(exc))
        if site.item and ex.status == 200 and not looks_cut_off(ex):
            self._takedowns(site, item, recs, {p.id for p in posts}, rid, ex.status)
        if not posts:
            return "parse_error" if recs else "no_posts"
        counts = self.store.upsert_posts(posts)
        h.new_posts += counts.stored
        for post in posts:
            change = history.note_version(self.store.engine, post, rid, ex.status)
            h.updated_posts += change in ("edited", "restored")
            if site.fetch_images and post.images:
                self.frontier.add(site.id, list(post.images), "image", item.depth + 1, ref=post.id, due=self.started)
                for url in post.images:
                    known = self.frontier.get(site.id, url)
                    if known and known.state == "done" and known.content_sha256:
                        history.link_image(self.store, post.id, url, known.content_sha256)
        if not site.item:
            done["post_id"] = posts[0].id
        if counts.stored or counts.updated:
            from vigil.collect.watch import check_posts

            changed = set(counts.changed_ids)
            check_posts(self.store.engine, [p for p in posts if p.id in changed])
        return "post"
