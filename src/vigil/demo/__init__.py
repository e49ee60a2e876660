"""``vigil demo``: a workspace from a small bundled synthetic sample, analysed and reported.

The sample is hand-written and synthetic (no real person, example domains, fictitious numbers).
"""

from __future__ import annotations

import time
from importlib import resources
from pathlib import Path

from rich.console import Console

from vigil.ingest import ingest_files
from vigil.pipeline.runner import run_pipeline
from vigil.report import write_report
from vigil.store import Store

SAMPLE = "sample.jsonl"


def sample_path() -> Path:
    return Path(str(resources.files(__package__).joinpath(SAMPLE)))


def run_demo(workspace: Path | None, console: Console) -> Path:
    started = time.perf_counter()
    with Store.open(workspace, create=True) as store:
        console.print(f"[bold]Vigil demo[/] in workspace [bold]{store.workspace}[/]")
        rep = ingest_files(store, [sample_path()])
        console.print(
            f"ingest: read {rep.read}, stored {rep.stored}, updated {rep.updated}, "
            f"unchanged {rep.unchanged}, rejected {rep.rejected}"
        )
        for r in run_pipeline(store):
            if r.built:
                console.print(f"{r.name}: {r.processed} processed, {r.failed} failed")
            else:
                console.print(f"[dim]{r.name}: not built yet (skipped)[/]")
        status = store.status()
        console.print(
            f"workspace holds {status['posts']} posts from {len(status['sources'])} sources "
            f"in {len(status['languages'])} languages"
        )
        path = write_report(store)
    console.print(f"Report: [bold]{path}[/]  ({time.perf_counter() - started:.1f}s)")
    return path
