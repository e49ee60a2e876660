"""Crawling the loopback classifieds site: posts with their fields, evidence, change detection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from vigil.collect import crawl_sites
from vigil.collect.crawler import CrawlSettings
from vigil.evidence import evidence_dir
from vigil.evidence.verify import verify
from vigil.store import Store
from vigil.store import schema as t

from .conftest import Route, post_html


def _crawl(store: Store, sites: Path, **kw: Any) -> Any:
    return crawl_sites(store, sites, CrawlSettings(operator="test-operator", case="case-test", **kw))


def _verified(store: Store) -> None:
    report = verify(evidence_dir(store.workspace), store.engine)
    assert report.ok, report.problems


def _versions(store: Store, post_id: str) -> list[str]:
    with store.engine.connect() as conn:
        q = select(t.post_versions.c.change).where(t.post_versions.c.post_id == post_id).order_by(t.post_versions.c.id)
        return list(conn.execute(q).scalars())


def test_crawl_recovers_every_post_with_its_fields(ads: Any, store: Store) -> None:
    web, sites = ads
    report = _crawl(store, sites)
    h = report.sites["test-classifieds"]
    assert (h.new_posts, h.images, h.errors) == (6, 6, 0)
    posts = {p.native_id: p for p in store.iter_posts()}
    assert sorted(posts) == [str(i) for i in range(1, 7)]
    p3 = posts["3"]
    cases = [  # (field, expected, why)
        ("title", "Ad number 3", "h1 selector, not the <title>"),
        ("text", "Call +49 151 23450003 for work in Berlin. Ref 3.\nSecond line.", "paragraphs kept, script dropped"),
        ("author", "user3", "author selector"),
        ("location", "Berlin", "location selector"),
        ("country", "DE", "site country as default"),
        ("url", f"{web.base}/ad/3", "the page URL"),
    ]
    for field, want, why in cases:
        assert getattr(p3, field) == want, why
    assert p3.posted_at is not None and p3.posted_at.isoformat() == "2026-11-04T10:00:00+00:00"
    assert "do not read" not in p3.text
    files = store.image_files([p3.id])[p3.id]
    assert [ref for ref, _, _ in files] == [f"{web.base}/img/3.png"] and files[0][2].is_file()
    assert web.hits["/private/x"] == 0
    assert _versions(store, p3.id) == ["new"]
    _verified(store)


def test_every_post_points_at_its_response_record(ads: Any, store: Store) -> None:
    _web, sites = ads
    _crawl(store, sites)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(t.post_versions.c.post_id, t.warc_records.c.record_type, t.warc_records.c.target_uri,
                   t.warc_records.c.payload_digest)
            .join(t.warc_records, t.warc_records.c.record_id == t.post_versions.c.record_id)
        ).all()  # fmt: skip
    assert len(rows) == 6
    assert all(r[1] == "response" and r[2].endswith(f"/ad/{r[2].rsplit('/', 1)[1]}") for r in rows)
    assert all(r[3].startswith("sha256:") for r in rows)


def test_second_crawl_fetches_only_listings_and_stores_nothing_new(ads: Any, store: Store) -> None:
    web, sites = ads
    _crawl(store, sites)
    before = dict(web.hits)
    report = _crawl(store, sites)
    h = report.sites["test-classifieds"]
    fetched = {k: web.hits[k] - before.get(k, 0) for k in web.hits if web.hits[k] != before.get(k, 0)}
    assert set(fetched) == {"/list?page=1", "/list?page=2", "/robots.txt"}, "posts are not due yet"
    assert (h.new_posts, h.updated_posts, h.unchanged) == (0, 0, 2)
    with store.engine.connect() as conn:
        types = list(conn.execute(select(t.warc_records.c.record_type)).scalars())
    assert types.count("revisit") == 2, "unchanged listings are revisit records, not copies"
    _verified(store)


def test_new_post_on_listing_is_fetched_on_the_next_crawl(ads: Any, store: Store) -> None:
    web, sites = ads
    _crawl(store, sites)
    web.page("/ad/7", post_html(7, "Ad number 7", "Brand new."))
    web.page("/list?page=2", '<ul><li><a class="ad" href="/ad/4">4</a></li><li><a class="ad" href="/ad/7">7</a></li></ul>')
    report = _crawl(store, sites)
    assert report.sites["test-classifieds"].new_posts == 1
    assert web.hits["/ad/7"] == 1 and web.hits["/ad/4"] == 1


def test_edits_and_takedowns_become_versions(ads: Any, store: Store) -> None:
    web, sites = ads
    _crawl(store, sites)
    web.page("/ad/2", post_html(2, "Ad number 2", "Now a different text."))
    del web.routes["/ad/5"]
    report = _crawl(store, sites, revisit_all=True)
    h = report.sites["test-classifieds"]
    assert (h.updated_posts, h.deleted_posts) == (1, 1)
    posts = {p.native_id: p for p in store.iter_posts()}
    assert posts["2"].text.startswith("Now a different text")
    assert _versions(store, posts["2"].id) == ["new", "edited"]
    assert _versions(store, posts["5"].id) == ["new", "deleted"], "a post taken down is evidence too"
    assert posts["5"].text.startswith("Call"), "the stored post is kept"
    web.page("/ad/5", post_html(5, "Ad number 5", "Call +49 151 23450005 for work in Berlin. Ref 5."))
    _crawl(store, sites, revisit_all=True)
    assert _versions(store, posts["5"].id)[-1] == "restored"
    _verified(store)


def test_etag_gives_not_modified(web: Any, tmp_path: Path, store: Store) -> None:
    from .conftest import SITE_YAML

    web.routes["/list?page=1"] = Route(body=b"<html><body>nothing yet</body></html>", etag='"v1"')
    sites = tmp_path / "s.yaml"
    sites.write_text(SITE_YAML.format(base=web.base), encoding="utf-8")
    _crawl(store, sites)
    report = _crawl(store, sites)
    assert report.sites["test-classifieds"].not_modified == 1
    assert any(h.get("If-None-Match") == '"v1"' for h in web.headers_seen)


@pytest.mark.parametrize(
    ("route", "expect_errors", "expect_posts", "why"),
    [
        (Route(fail_first=2, fail_status=503, retry_after="0"), 0, 1, "503 twice, then fine: retried"),
        (Route(fail_first=1, fail_status=429, retry_after="0.2"), 0, 1, "429 with Retry-After: backed off"),
        (Route(fail_first=9, fail_status=500), 1, 0, "always 500: gives up after the retries, logs an error"),
        (Route(body=b"<html><body><h1 class='t'>Broken <b>page<div class='body'>unclosed"), 0, 1, "malformed HTML"),
        (Route(body=b"<html>" + b"<p>x</p>" * 40_000), 0, 0, "huge page: kept truncated, not read"),
        (Route(body=b"", trickle=False), 0, 0, "empty body"),
        (Route(body=b"%PDF-1.4 not html", headers={"Content-Type": "application/pdf"}), 0, 0, "wrong content type"),
    ],
)
def test_obstacles(ads: Any, store: Store, route: Route, expect_errors: int, expect_posts: int, why: str) -> None:
    web, sites = ads
    base = web.routes["/ad/1"]
    if not route.body and not route.trickle and route.fail_first:
        route.body = base.body
    web.routes["/ad/1"] = route
    report = _crawl(store, sites)
    h = report.sites["test-classifieds"]
    assert h.errors == expect_errors, why
    ids = {p.native_id or p.url for p in store.iter_posts()}
    assert (("1" in ids) or any(str(i).endswith("/ad/1") for i in ids)) == bool(expect_posts), why
    assert h.new_posts == 5 + expect_posts, why
    _verified(store)


def test_slow_response_times_out_and_the_rest_goes_on(ads: Any, store: Store, tmp_path: Path) -> None:
    web, sites = ads
    sites.write_text(sites.read_text().replace("timeout_s: 5, retries: 2", "timeout_s: 0.3, retries: 0"))
    web.routes["/ad/1"] = Route(body=web.routes["/ad/1"].body, trickle=True)
    report = _crawl(store, sites)
    h = report.sites["test-classifieds"]
    assert h.errors == 1 and h.new_posts == 5
    assert any("no complete answer" in p for p in h.problems)
    _verified(store)


def test_robots_disallow_is_honoured_and_logged(ads: Any, store: Store) -> None:
    web, sites = ads
    web.page("/list?page=2", '<ul><li><a class="ad" href="/private/9">9</a></li></ul>')
    report = _crawl(store, sites)
    assert report.sites["test-classifieds"].robots_blocked == 1
    assert web.hits["/private/9"] == 0


def test_redirect_to_a_private_address_is_refused(ads: Any, store: Store) -> None:
    web, sites = ads
    web.routes["/ad/1"] = Route(status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    report = _crawl(store, sites)
    h = report.sites["test-classifieds"]
    assert h.unsafe == 1 and h.new_posts == 5
    _verified(store)


def test_loopback_needs_the_site_file_to_allow_it(ads: Any, store: Store) -> None:
    web, sites = ads
    sites.write_text(sites.read_text().replace("allow_loopback: true", "allow_loopback: false"))
    report = _crawl(store, sites)
    assert report.sites["test-classifieds"].unsafe == 1
    assert sum(web.hits.values()) == 0


def test_cut_off_pages_are_retried_then_kept_as_incomplete(ads: Any, store: Store) -> None:
    web, sites = ads
    whole = web.routes["/ad/1"].body
    calls = {"n": 0}

    def cut_once() -> Route:
        calls["n"] += 1
        return Route(body=whole if calls["n"] > 1 else whole[: len(whole) // 2])

    web.routes["/ad/1"] = cut_once
    web.routes["/ad/2"] = Route(body=web.routes["/ad/2"].body[:300])
    report = _crawl(store, sites)
    posts = {p.native_id: p for p in store.iter_posts()}
    assert "capture_incomplete" not in posts["1"].extra and posts["1"].text.endswith("Second line."), "retried"
    assert posts["2"].extra.get("capture_incomplete") is True, "always cut: kept, and flagged"
    assert any("cut off" in p for p in report.sites["test-classifieds"].problems)
    _verified(store)


@pytest.mark.parametrize(
    ("cut_first", "stored", "incomplete", "why"),
    [
        (1, True, 0, "cut once (declared length not met): retried with backoff, then stored whole"),
        (2, True, 0, "cut twice: still within the site's two retries"),
        (99, False, 1, "always cut: flagged incomplete, not stored as a post with half its fields"),
    ],
)
def test_declared_length_not_met_is_retried_then_flagged(ads: Any, store: Store, cut_first: int, stored: bool,
                                                         incomplete: int, why: str) -> None:  # fmt: skip
    web, sites = ads
    web.routes["/ad/4"].cut_first = cut_first
    report = _crawl(store, sites)
    h = report.sites["test-classifieds"]
    posts = {p.native_id: p for p in store.iter_posts()}
    assert ("4" in posts) is stored, why
    if stored:
        assert posts["4"].text.endswith("Second line.") and "capture_incomplete" not in posts["4"].extra, why
    assert h.incomplete == incomplete and h.retries >= min(cut_first, 2), why
    assert web.hits["/ad/4"] == min(cut_first + 1, 3), "one try plus at most `retries` more"
    with store.engine.connect() as conn:
        log = conn.execute(select(t.fetch_log.c.outcome).where(t.fetch_log.c.url.like("%/ad/4"))).scalars().all()
    assert log == (["post"] if stored else ["incomplete"]), why
    if not stored:
        assert any("incomplete after 3 attempt(s)" in p and "of" in p for p in h.problems), h.problems
    from warcio.archiveiterator import ArchiveIterator

    cut = 0
    for path in sorted(evidence_dir(store.workspace).glob("*.warc.gz")):
        with path.open("rb") as f:
            for rec in ArchiveIterator(f):
                cut += rec.rec_headers.get_header("WARC-Truncated") == "disconnect"
    assert cut == min(cut_first, 3), "every cut answer is kept as evidence, marked WARC-Truncated: disconnect"
    _verified(store)


@pytest.mark.parametrize("where", ["command line", "site file"])
def test_everything_goes_through_the_proxy(ads: Any, store: Store, proxy: Any, where: str) -> None:
    web, sites = ads
    if where == "site file":
        sites.write_text(sites.read_text() + f"proxy: {proxy.url}\n")
        report = _crawl(store, sites)
    else:
        report = _crawl(store, sites, proxy=proxy.url)
    assert report.sites["test-classifieds"].new_posts == 6
    assert len(proxy.seen) == sum(web.hits.values()) > 0, "every request the site saw came through the proxy"
    assert all(u.startswith(web.base) for u in proxy.seen)


def test_max_pages_caps_the_frontier(ads: Any, store: Store) -> None:
    web, sites = ads
    sites.write_text(sites.read_text().replace("max_bytes: 200000", "max_bytes: 200000, max_pages: 4"))
    report = _crawl(store, sites)
    assert report.sites["test-classifieds"].new_posts == 3, "1 listing + 3 posts"
    assert any("max_pages" in p for p in report.sites["test-classifieds"].problems)
    assert web.hits["/list?page=2"] == 0


def test_an_image_shared_by_posts_is_stored_once_and_linked_to_each(ads: Any, store: Store) -> None:
    web, sites = ads
    shared = web.routes["/img/1.png"]
    shared.delay_s = 0.4  # still in flight when the second post that shows it is read
    web.routes["/ad/2"] = Route(body=post_html(2, "Ad number 2", "Same picture.").replace("/img/2.png", "/img/1.png")
                                .encode(), delay_s=0.2)  # fmt: skip
    _crawl(store, sites)
    posts = {p.native_id: p for p in store.iter_posts()}
    files = store.image_files([posts["1"].id, posts["2"].id])
    assert files[posts["1"].id][0][1] == files[posts["2"].id][0][1]
    assert web.hits["/img/1.png"] == 1


def test_connections_go_to_the_address_that_was_checked(ads: Any, store: Store) -> None:
    """DNS rebinding: the crawler connects to the IP the safety check approved, keeping the name
    in the Host header. 'ads.test' has no real DNS answer: only the pinned address can work."""
    web, sites = ads
    port = web.base.rsplit(":", 1)[1]
    sites.write_text(sites.read_text().replace("http://127.0.0.1:", "http://ads.test:"))

    async def resolve(host: str, p: int) -> list[str]:
        return ["127.0.0.1"] if host in ("ads.test", "127.0.0.1") else []

    report = crawl_sites(store, sites, CrawlSettings(resolve=resolve))
    assert report.sites["test-classifieds"].new_posts == 6
    assert any(h.get("Host") == f"ads.test:{port}" for h in web.headers_seen)
    assert all(p.url and p.url.startswith(f"http://ads.test:{port}/") for p in store.iter_posts())
    _verified(store)


def test_rotation_during_a_crawl_keeps_every_pointer_valid(ads: Any, store: Store) -> None:
    _web, sites = ads
    _crawl(store, sites, rotate_bytes=4000)
    files = sorted(evidence_dir(store.workspace).glob("*.warc.gz"))
    assert len(files) > 3
    report = verify(evidence_dir(store.workspace), store.engine)
    assert report.ok and report.sealed == len(files) and report.pointers > 40
