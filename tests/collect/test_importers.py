"""Importers: Telegram Desktop exports and WARC files, each with provenance in the evidence store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vigil.collect import crawl_sites
from vigil.collect.crawler import CrawlSettings
from vigil.collect.history import versions
from vigil.collect.importers.telegram import flatten_text, import_telegram
from vigil.collect.importers.warc import import_warc
from vigil.errors import VigilError
from vigil.evidence import evidence_dir
from vigil.evidence.verify import verify
from vigil.store import Store

from .conftest import tiny_png

EXPORT: dict[str, Any] = {
    "name": "Jobs abroad (synthetic)", "type": "public_channel", "id": 1000001,
    "messages": [
        {"id": 1, "type": "service", "date": "2026-10-01T10:00:00", "actor": "Jobs", "action": "create_channel"},
        {"id": 2, "type": "message", "date": "2026-10-01T12:00:00", "date_unixtime": "1790856000", "from": "Jobs",
         "from_id": "channel1000001", "text": ["Work in ", {"type": "bold", "text": "Berlin"}, ", call ",
                                                {"type": "phone", "text": "+49 151 00000001"}],
         "photo": "photos/photo_1.jpg", "width": 8, "height": 8},
        {"id": 3, "type": "message", "date": "2026-10-02T12:00:00", "date_unixtime": "1790942400", "from": "Jobs",
         "text": "Visa free, housing included", "forwarded_from": "Other channel"},
        {"id": 4, "type": "message", "date_unixtime": "not-a-time", "text": "bad time"},
        {"id": 5, "type": "message", "date_unixtime": "1790942400", "text": "", "media_type": "sticker"},
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [("plain", "plain"), (["a ", {"type": "link", "text": "http://x"}], "a http://x"), (None, ""), ([1, {"x": 1}], "")],
)
def test_flatten_text(text: Any, expected: str) -> None:
    assert flatten_text(text) == expected


def test_telegram_export(tmp_path: Path, store: Store) -> None:
    exp = tmp_path / "export"
    (exp / "photos").mkdir(parents=True)
    (exp / "photos" / "photo_1.jpg").write_bytes(tiny_png(1))
    (exp / "result.json").write_text(json.dumps(EXPORT), encoding="utf-8")
    report = import_telegram(store, exp / "result.json", country="DE")
    assert (report.read, report.stored, report.rejected) == (4, 3, 1)
    assert "date_unixtime" in str(report.errors[0]) and "message 4" in str(report.errors[0])
    posts = {p.native_id: p for p in store.iter_posts()}
    p2 = posts["2"]
    assert p2.text == "Work in Berlin, call +49 151 00000001"
    assert p2.posted_at is not None and p2.posted_at.isoformat() == "2026-10-01T12:00:00+00:00"
    assert p2.author == "Jobs" and p2.source_id == "jobs-abroad-synthetic"
    assert posts["3"].extra["telegram_forwarded_from"] == "Other channel"
    assert posts["5"].title == "[sticker]"
    assert list(store.image_files([p2.id])) == [p2.id]
    assert versions(store.engine, p2.id)[0]["record_id"], "points at the export in the WARC store"
    assert verify(evidence_dir(store.workspace), store.engine).ok
    again = import_telegram(store, exp / "result.json", country="DE")
    assert (again.stored, again.unchanged) == (0, 3), "re-import updates nothing"


def test_not_a_telegram_export(tmp_path: Path, store: Store) -> None:
    f = tmp_path / "x.json"
    f.write_text('{"hello": 1}')
    with pytest.raises(VigilError, match="not a Telegram Desktop JSON export"):
        import_telegram(store, f)


def test_warc_import_reads_what_a_crawl_captured(ads: Any, store: Store, tmp_path: Path) -> None:
    _web, sites = ads
    crawl_sites(store, sites, CrawlSettings())
    crawled = {p.native_id: p for p in store.iter_posts()}
    warcs = sorted(evidence_dir(store.workspace).glob("*.warc.gz"))
    with Store.open(tmp_path / "other", create=True) as other:
        report = import_warc(other, warcs, sites_path=sites)
        imported = {p.native_id: p for p in other.iter_posts()}
        assert report.stored == 6 and report.rejected == 0
        assert {k: (p.id, p.title, p.text, p.version) for k, p in imported.items()} == {
            k: (p.id, p.title, p.text, p.version) for k, p in crawled.items()
        }, "the same posts, ids and versions as the crawl"
        pid = imported["1"].id
        assert len(other.image_files([pid])[pid]) == 1
        assert versions(other.engine, pid)[0]["record_id"]
        check = verify(evidence_dir(other.workspace), other.engine)
        assert check.ok, check.problems


def test_warc_import_without_site_files_reads_pages_generically(ads: Any, store: Store, tmp_path: Path) -> None:
    _web, sites = ads
    crawl_sites(store, sites, CrawlSettings())
    warcs = sorted(evidence_dir(store.workspace).glob("*.warc.gz"))
    with Store.open(tmp_path / "other", create=True) as other:
        skipped = import_warc(other, warcs)
        assert skipped.read == 0, "no site file and no --source: nothing is claimed"
        report = import_warc(other, warcs, source="Captured pages")
        titles = {p.title for p in other.iter_posts()}
        assert report.stored == 8, "6 posts and 2 listing pages: the generic extractor cannot tell them apart"
        assert "Ad number 3" in titles
        assert verify(evidence_dir(other.workspace), other.engine).ok
