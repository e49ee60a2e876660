"""``vigil demo``: the small synthetic world, generated, ingested, analysed, scored and reported.

Steps: generate the small world (seed 1, ``eval`` template families, which models trained on ``train``
worlds never saw) into ``<workspace>/world``; serve it on a free loopback port and crawl it with the
collection stage, obstacles and all, keeping WARC evidence (the default), or with ``crawl=False``
(``vigil demo --jsonl``) ingest its ``posts.jsonl`` instead; run the pipeline; score the workspace against the
world's truth (``vigil eval``), print the table and save it to ``<workspace>/eval.json``; write the
report. Everything is synthetic: no real person, example domains only.

``sample.jsonl`` (a hand-written sample) stays for the signal benchmark that reads it.
"""

from __future__ import annotations

import json
import time
from importlib import resources
from pathlib import Path

from rich.console import Console

from vigil.eval import evaluate_workspace
from vigil.eval.table import print_report
from vigil.ingest import ingest_files
from vigil.pipeline.runner import run_pipeline
from vigil.report import write_report
from vigil.store import Store

SAMPLE = "sample.jsonl"
DEMO_SEED = 1
DEMO_SIZE = "small"
DEMO_SPLIT = "eval"  # honest figures: phrasings unseen by anything trained on --split train worlds


def sample_path() -> Path:
    return Path(str(resources.files(__package__).joinpath(SAMPLE)))


def _crawl(store: Store, world: Path, console: Console) -> None:
    """Serve the world on 127.0.0.1 (a free port) and crawl it into the store, obstacles and all."""
    from vigil.collect.world_sites import crawl_served_world
    from vigil.world.server import serve_in_thread

    server, _ = serve_in_thread(world, port=0, burst=100)
    try:
        port = server.server_address[1]
        crawl_served_world(store, world, port, rate_per_s=100.0)
    finally:
        server.shutdown()
        server.server_close()
    console.print(f"crawl of http://127.0.0.1:{port}/: {store.count_posts()} posts in the workspace")


def run_demo(workspace: Path | None, console: Console, crawl: bool = True) -> Path:
    from vigil.world.generate import generate

    started = time.perf_counter()
    with Store.open(workspace, create=True) as store:
        console.print(f"[bold]Vigil demo[/] in workspace [bold]{store.workspace}[/]")
        world = store.workspace / "world"
        summary = generate(world, DEMO_SEED, DEMO_SIZE, DEMO_SPLIT)
        console.print(f"world: {summary.posts} synthetic posts on {summary.sites} sites, {summary.networks} networks "
                      f"(seed {DEMO_SEED}, {DEMO_SPLIT} phrasings) in {world}")  # fmt: skip
        if crawl:
            _crawl(store, world, console)
        else:
            rep = ingest_files(store, [world / "posts.jsonl"])
            console.print(
                f"ingest: read {rep.read}, stored {rep.stored}, updated {rep.updated}, "
                f"unchanged {rep.unchanged}, rejected {rep.rejected}"
            )
        for r in run_pipeline(store):
            if r.built:
                console.print(f"{r.name}: {r.processed} processed, {r.failed} failed")
            else:
                console.print(f"[dim]{r.name}: not built yet (skipped)[/]")
        report = evaluate_workspace(store, world / "truth.json")
        (store.workspace / "eval.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print_report(report, console)
        path = write_report(store)
    console.print(f"Report: [bold]{path}[/]  ({time.perf_counter() - started:.1f}s)")
    return path
