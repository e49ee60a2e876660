"""Exporting one post's evidence: byte-exact records that still verify, with their hashes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from vigil.collect import crawl_sites
from vigil.collect.crawler import CrawlSettings
from vigil.evidence import EvidenceError
from vigil.evidence.export import export_post
from vigil.store import Store


def test_export_a_crawled_post(ads: Any, store: Store, tmp_path: Path) -> None:
    web, sites = ads
    crawl_sites(store, sites, CrawlSettings(operator="op", case="case-7"))
    web.page("/ad/1", "<html><body><h1 class='t'>Ad number 1</h1><span class='id'>1</span>"
                      "<div class='body'>edited text</div></body></html>")  # fmt: skip
    crawl_sites(store, sites, CrawlSettings(revisit_all=True))
    post = next(p for p in store.iter_posts() if p.native_id == "1")
    out = tmp_path / "case"
    summary = export_post(store, post.id, out)
    warc = out / f"{post.id}.warc.gz"
    assert hashlib.sha256(warc.read_bytes()).hexdigest() == summary["export_sha256"]
    with open(warc, "rb") as f:
        it = ArchiveIterator(f, check_digests=True)
        recs = []
        for r in it:
            r.content_stream().read()
            recs.append((r.rec_type, r.digest_checker.passed))
    assert [t for t, _ in recs].count("response") == 2, "both versions' captures"
    assert {t for t, _ in recs} >= {"warcinfo", "request", "response", "metadata"}
    assert recs[0][0] == "warcinfo", "who captured it, with what, comes first"
    assert all(ok is not False for _, ok in recs)
    data = json.loads((out / f"{post.id}.evidence.json").read_text())
    assert [v["change"] for v in data["versions"]] == ["new", "edited"]
    assert all(len(h["sha256"]) == 64 for h in data["source_files"].values())


def test_export_refuses_unknown_and_uncrawled_posts(store: Store, tmp_path: Path, write_jsonl: Any) -> None:
    with pytest.raises(EvidenceError, match="no post"):
        export_post(store, "p000", tmp_path)
    from vigil.ingest import ingest_files

    ingest_files(store, [write_jsonl([{"id": "1", "text": "x", "source": "s"}])])
    pid = next(store.iter_posts()).id
    with pytest.raises(EvidenceError, match="no WARC evidence"):
        export_post(store, pid, tmp_path)
