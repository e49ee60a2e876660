"""Watches: values normalised, matches explained, hard negatives stay quiet, alerts raised once."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from vigil.collect import crawl_sites
from vigil.collect.crawler import CrawlSettings
from vigil.collect.watch import Watch, add_watch, alerts, match_post, normalise, scan_new
from vigil.errors import VigilError
from vigil.model import Post
from vigil.store import Store

from .conftest import tiny_png


@pytest.mark.parametrize(
    ("kind", "value", "expected", "why"),
    [
        ("phone", "+49 (151) 234-56789", "+4915123456789", "E.164"),
        ("handle", "@Anna_Work", "anna_work", "@ dropped, lower case"),
        ("wallet", "0xAbC123", "0xabc123", "Ethereum addresses are case-insensitive"),
        ("wallet", "bc1QxyZ", "bc1QxyZ", "others kept as given"),
        ("phrase", "  Visa  GRATUIT ", "visa gratuit", "folded, spaces squeezed"),
        ("phrase", "Málaga", "malaga", "accents folded"),
    ],
)
def test_normalise(kind: str, value: str, expected: str, why: str) -> None:
    assert normalise(kind, value) == expected, why


@pytest.mark.parametrize(("kind", "value"), [("phone", "0151 2345"), ("colour", "red"), ("image", "/no/such/file")])
def test_bad_watches_are_refused(kind: str, value: str) -> None:
    with pytest.raises(VigilError):
        normalise(kind, value)


def _post(text: str, country: str | None = "DE") -> Post:
    return Post(id="p1", source_id="s", native_id="1", url=None, author=None, title="", text=text, language=None,
                posted_at=None, captured_at=None, location=None, country=country, images=(), raw_sha256=None,
                version="v", extra={})  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "value", "text", "hit", "why"),
    [
        ("phone", "+4915123456789", "call +49 151 234 56789 now", True, "international, spaced"),
        ("phone", "+4915123456789", "call 0151-234-56789", True, "national form in a German post"),
        ("phone", "+4915123456789", "call 0049 151 23456789", True, "00 prefix"),
        ("phone", "+4915123456789", "ref 9015123456789", False, "digits inside a longer number"),
        ("phone", "+4915123456789", "call +49 151 234 5678", False, "one digit short"),
        ("handle", "anna_work", "telegram @Anna_Work", True, "case-insensitive handle"),
        ("handle", "anna", "write to @anna_work", False, "a longer handle is another handle"),
        ("wallet", "bc1qxyz", "pay bc1qxyz.", True, "wallet as a word"),
        ("wallet", "bc1qxyz", "pay bc1qxyzz", False, "a longer wallet"),
        ("phrase", "visa gratuit", "Travail, VISA  gratuit!", True, "folded phrase"),
        ("phrase", "visa gratuit", "visa payante", False, "a different phrase"),
    ],
)
def test_matching(kind: str, value: str, text: str, hit: bool, why: str) -> None:
    assert (match_post(Watch(1, kind, value, value, None), _post(text)) is not None) is hit, why


def test_image_watch_matches_stored_bytes(tmp_path: Path) -> None:
    f = tmp_path / "i.png"
    f.write_bytes(tiny_png(3))
    sha = normalise("image", str(f))
    assert sha == hashlib.sha256(tiny_png(3)).hexdigest()
    assert match_post(Watch(1, "image", sha, str(f), None), _post("x"), [sha]) == ("images", sha)


def test_crawl_raises_alerts_once(ads: Any, store: Store) -> None:
    _web, sites = ads
    add_watch(store.engine, "phone", "+49 151 23450004")
    add_watch(store.engine, "phrase", "ref 2.")
    add_watch(store.engine, "image", hashlib.sha256(tiny_png(5)).hexdigest())
    add_watch(store.engine, "handle", "nobody_here")
    crawl_sites(store, sites, CrawlSettings())
    got = sorted((a["type"], a["title"]) for a in alerts(store.engine))
    assert got == [("image", "Ad number 5"), ("phone", "Ad number 4"), ("phrase", "Ad number 2")]
    crawl_sites(store, sites, CrawlSettings(revisit_all=True))
    scan_new(store)
    assert len(alerts(store.engine)) == 3, "one alert per watch and post"


def test_report_shows_alerts_and_crawl_health(ads: Any, store: Store, tmp_path: Path) -> None:
    from vigil.report import render_report

    _web, sites = ads
    add_watch(store.engine, "handle", "user3")
    crawl_sites(store, sites, CrawlSettings())
    html = render_report(store)
    assert "Watches and alerts" in html and "Ad number 3" in html
    assert "Collection: crawl health per site" in html and "test-classifieds" in html
    assert "<script" not in html.split("<body>", 1)[1], "page content never becomes markup"
