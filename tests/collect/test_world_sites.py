"""The synthetic world's served sites, crawled through the site files ``world_sites`` writes:
every post found, with the fields its page shows, despite the world's obstacles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vigil.collect import crawl_sites
from vigil.collect.crawler import CrawlSettings
from vigil.collect.sites import load_sites
from vigil.collect.world_sites import crawl_served_world, describe, write_site_files
from vigil.errors import VigilError
from vigil.evidence import evidence_dir
from vigil.evidence.verify import verify
from vigil.ids import post_id, slug
from vigil.store import Store

world_gen = pytest.importorskip("vigil.world.generate")
world_srv = pytest.importorskip("vigil.world.server")


def test_describe_a_detail_layout() -> None:
    meta = {"name": "ads-x", "kind": "classifieds", "layout": "classifieds", "prefix": "ax", "countries": ["PL"],
            "languages": ["pl"], "start": "/ads-x/ads/list-1.html", "listing": "/ads-x/ads/list-{n}.html",
            "detail": "/ads-x/ads/{id}.html"}  # fmt: skip
    d = describe(meta, 8123)
    assert d["start_urls"] == ["http://127.0.0.1:8123/ads-x/ads/list-1.html"]
    assert d["allow_loopback"] is True and d["robots"]["obey"] is True and d["country"] == "PL"
    import re

    cases = [("/ads-x/ads/AX-000001.html", True, "a post"), ("/ads-x/ads/AX-000001.html?from=old", True, "redirected"),
             ("/ads-x/ads/list-2.html", True, "matches the post shape..."), ("/ads-x/img/a.jpg", False, "an image")]  # fmt: skip
    for path, hit, why in cases:
        assert bool(re.search(d["links"]["post_pattern"], path)) is hit, why
    assert re.search(d["links"]["listing_pattern"], "/ads-x/ads/list-2.html"), "...so listings are told apart"


def test_no_world_no_site_files(tmp_path: Path) -> None:
    with pytest.raises(VigilError, match="generate the world first"):
        write_site_files(tmp_path, 1, tmp_path / "sites")


def test_crawl_a_small_world(tmp_path: Path) -> None:
    world = tmp_path / "world"
    world_gen.generate(world, 11, 150)
    server, _ = world_srv.serve_in_thread(world, 0)
    try:
        port = server.server_address[1]
        with Store.open(tmp_path / "ws", create=True) as store:
            crawl_served_world(store, world, port)
            assert len(load_sites(tmp_path / "ws" / "world-sites")) >= 20
            truth = [json.loads(line) for line in (world / "posts.jsonl").open(encoding="utf-8")]
            ids = [post_id(slug(r["source"]), r["id"]) for r in truth]
            got = {p.id: p for p in store.get_posts(ids)}
            assert len(got) == len(truth), "every post found"
            right = sum(
                1 for r, pid in zip(truth, ids, strict=True)
                if got[pid].title == r["title"] and " ".join(got[pid].text.split()) == " ".join(r["text"].split())
            )  # fmt: skip
            assert not any(p.extra.get("capture_incomplete") for p in got.values()), "cut pages were retried"
            assert right == len(truth), (right, len(truth))
            second = crawl_sites(store, tmp_path / "ws" / "world-sites", CrawlSettings(concurrency=16))
            assert sum(h.new_posts + h.updated_posts for h in second.sites.values()) == 0
            assert sum(h.pages for h in second.sites.values()) == 0, "nothing changed: nothing re-read"
            assert verify(evidence_dir(store.workspace), store.engine).ok
    finally:
        server.shutdown()
        server.server_close()
