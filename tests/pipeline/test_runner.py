from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import ClassVar

from tests.conftest import make_record

from vigil.ingest import ingest_files
from vigil.model import Entity
from vigil.pipeline.registry import build_stages
from vigil.pipeline.runner import run_pipeline
from vigil.pipeline.stage import Batch, NotBuilt, StageResult
from vigil.store import Store

ROOT = Path(__file__).resolve().parents[2]


class WordCount:
    """A test stage: one entity per post with the number of words; fails on posts saying 'boom'."""

    name: ClassVar[str] = "extract"
    built: ClassVar[bool] = True
    needs: ClassVar[tuple[str, ...]] = ()

    def __init__(self) -> None:
        self.seen: list[str] = []

    def process(self, batch: Batch) -> StageResult:
        out = StageResult()
        for p in batch.posts:
            if "boom" in p.text:
                raise RuntimeError("boom")
            self.seen.append(p.id)
            out.entities.append(Entity(p.id, "words", str(len(p.text.split())), "", "text", 0, 0, "test.words", 1.0))
        return out


class NeedsEntities:
    name: ClassVar[str] = "signals"
    built: ClassVar[bool] = True
    needs: ClassVar[tuple[str, ...]] = ("entities",)

    def __init__(self) -> None:
        self.got: dict[str, int] = {}

    def process(self, batch: Batch) -> StageResult:
        self.got.update({p.id: len(batch.entities.get(p.id, [])) for p in batch.posts})
        return StageResult()


class Later(NotBuilt):
    name: ClassVar[str] = "later"


def test_unbuilt_stages_say_so_and_record_nothing(store: Store, write_jsonl) -> None:
    ingest_files(store, [write_jsonl([make_record(i) for i in range(3)])], source="ads")
    (report,) = run_pipeline(store, [Later()])
    assert (report.built, report.processed, report.pending) == (False, 0, 0)
    assert store.stage_runs("later") == {}


def test_registry_lists_the_pipeline_in_order() -> None:
    assert [s.name for s in build_stages()] == ["extract", "signals", "link", "assess"]


def test_runner_is_incremental(store: Store, write_jsonl) -> None:
    ingest_files(store, [write_jsonl([make_record(i) for i in range(25)])], source="ads")
    stage, later = WordCount(), NeedsEntities()
    first = run_pipeline(store, [stage, later], batch_size=10)
    assert [r.processed for r in first] == [25, 25]
    assert set(later.got.values()) == {1}  # the later stage saw the earlier stage's output
    assert run_pipeline(store, [stage, later])[0].processed == 0
    ingest_files(store, [write_jsonl([make_record(3, text="now different words")], name="e.jsonl")], source="ads")
    again = run_pipeline(store, [stage, later])
    assert [r.processed for r in again] == [1, 1]
    assert len(stage.seen) == 26 and len(set(stage.seen)) == 25


def test_one_bad_post_fails_alone_and_is_retried_later(store: Store, write_jsonl) -> None:
    recs = [make_record(i) for i in range(5)] + [make_record(99, text="boom")]
    ingest_files(store, [write_jsonl(recs)], source="ads")
    report = run_pipeline(store, [WordCount()])[0]
    assert (report.processed, report.failed) == (5, 1)
    assert "RuntimeError" in next(iter(report.errors.values()))
    assert store.count_pending("extract") == 1


def test_parallel_workers_give_the_serial_result(tmp_path: Path, write_jsonl) -> None:
    path = write_jsonl([make_record(i, text="word " * (i % 13 + 1)) for i in range(120)] + [make_record(999, text="boom")])
    outcomes = []
    for workers in (1, 2):
        with Store.open(tmp_path / f"ws{workers}", create=True) as store:
            ingest_files(store, [path], source="ads")
            (report,) = run_pipeline(store, [WordCount()], batch_size=10, workers=workers)
            ents = store.entities_for([p.id for p in store.iter_posts()])
            outcomes.append((report.processed, report.failed, sorted((k, [e.value for e in v]) for k, v in ents.items()),
                             sorted(store.stage_runs("extract").values())))  # fmt: skip
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][:2] == (120, 1)


KILLABLE = textwrap.dedent(
    """
    import sys, time
    from typing import ClassVar
    from vigil.model import Entity
    from vigil.pipeline.runner import run_pipeline
    from vigil.pipeline.stage import StageResult
    from vigil.store import Store

    class Slow:
        name: ClassVar[str] = "extract"
        built: ClassVar[bool] = True
        needs: ClassVar[tuple] = ()
        def process(self, batch):
            time.sleep(0.05)
            return StageResult(entities=[Entity(p.id, "x", "1", "", "text", 0, 0, "t", 1.0) for p in batch.posts])

    with Store.open(sys.argv[1]) as store:
        run_pipeline(store, [Slow()], batch_size=7)
    """
)


def test_killed_run_resumes_with_each_post_processed_once(tmp_path: Path, write_jsonl) -> None:
    ws = tmp_path / "ws"
    with Store.open(ws, create=True) as store:
        ingest_files(store, [write_jsonl([make_record(i) for i in range(300)])], source="ads")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", KILLABLE, str(ws)], env=env)
    with Store.open(ws) as store:
        deadline = time.monotonic() + 60
        while len(store.stage_runs("extract")) < 50 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        done_before = len(store.stage_runs("extract"))
        assert 0 < done_before < 300, "the kill must land mid-run"
    subprocess.run([sys.executable, "-c", KILLABLE, str(ws)], env=env, check=True, timeout=120)
    with Store.open(ws) as store:
        runs = store.stage_runs("extract")
        assert len(runs) == 300 and set(runs.values()) == {1}
        assert store.status()["entities"] == 300  # nothing doubled
