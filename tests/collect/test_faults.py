"""Faults: a crawler killed mid-crawl and a full disk. Nothing stored is lost or duplicated, and
the evidence verifies after each; the next crawl resumes and finishes the job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func, select

from tests.faults import FullDisk
from vigil.collect import crawl_sites
from vigil.collect.crawler import CrawlSettings
from vigil.evidence import evidence_dir
from vigil.evidence.verify import verify
from vigil.store import Store
from vigil.store import schema as t

from .conftest import Route, classifieds


def _post_counts(store: Store) -> tuple[int, int, int]:
    with store.engine.connect() as conn:
        posts = conn.execute(select(func.count()).select_from(t.posts)).scalar_one()
        versions = conn.execute(select(func.count()).select_from(t.post_versions)).scalar_one()
        natives = conn.execute(select(func.count(func.distinct(t.posts.c.native_id)))).scalar_one()
    return int(posts), int(versions), int(natives)


def test_killed_mid_crawl_resumes_without_loss_or_duplicates(web: Any, tmp_path: Path) -> None:
    from .conftest import SITE_YAML

    classifieds(web, n_posts=30, per_page=10)
    for i in range(1, 31):  # slow post pages so the kill lands mid-crawl
        r = web.routes[f"/ad/{i}"]
        assert isinstance(r, Route)
        r.delay_s = 0.05
    sites = tmp_path / "s.yaml"
    sites.write_text(SITE_YAML.format(base=web.base).replace("concurrency: 4", "concurrency: 2"), encoding="utf-8")
    ws = tmp_path / "ws"
    Store.open(ws, create=True).close()
    vigil = Path(sys.executable).with_name("vigil")
    proc = subprocess.Popen([str(vigil), "crawl", str(sites), "-w", str(ws), "--concurrency", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and sum(web.hits[f"/ad/{i}"] for i in range(1, 31)) < 8:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store.open(ws) as store:
        first, _, _ = _post_counts(store)
        assert 0 < first < 30, "the kill landed mid-crawl"
        assert verify(evidence_dir(ws), store.engine).ok, "evidence verifies right after the kill"
        report = crawl_sites(store, sites, CrawlSettings())
        posts, versions, natives = _post_counts(store)
        assert posts == natives == 30, "every post once"
        assert versions == 30, "one 'new' version per post, none twice"
        assert report.sites["test-classifieds"].new_posts == 30 - first
        check = verify(evidence_dir(ws), store.engine)
        assert check.ok and not check.warnings, check.problems



def test_full_disk_stops_the_crawl_cleanly_and_the_next_one_finishes(ads: Any, store: Store) -> None:
    _web, sites = ads

    def opener(p: Path) -> IO[bytes]:
        return FullDisk(p, 9000)  # type: ignore[return-value]

    report = crawl_sites(store, sites, CrawlSettings(warc_opener=opener, concurrency=1))
    assert report.aborted and "disk full" in report.aborted
    stored, _, _ = _post_counts(store)
    assert stored < 6
    assert verify(evidence_dir(store.workspace), store.engine).ok
    report = crawl_sites(store, sites, CrawlSettings())
    assert report.aborted is None
    posts, versions, _ = _post_counts(store)
    assert (posts, versions) == (6, 6)
    check = verify(evidence_dir(store.workspace), store.engine)
    assert check.ok and not check.warnings, check.problems
