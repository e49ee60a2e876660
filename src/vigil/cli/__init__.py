"""Vigil's command line: ``vigil COMMAND --help``.

Every workspace command takes ``--workspace DIR`` (else $VIGIL_WORKSPACE, else ./vigil-data).
Commands a script would call take ``--json``. Errors print one line naming what to fix, exit 1.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from vigil import __version__
from vigil.errors import RecordError, VigilError

app = typer.Typer(
    name="vigil",
    help="Vigil: find human traffickers who recruit and advertise victims online. A score is a lead, never a verdict.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)

Workspace = Annotated[
    Path | None,
    typer.Option("--workspace", "-w", envvar="VIGIL_WORKSPACE", help="Workspace folder (default ./vigil-data)."),
]
JsonOut = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def open_store(workspace: Path | None, create: bool = False) -> Any:
    from vigil.store import Store

    return Store.open(workspace, create=create)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        console.print(f"vigil {__version__}")
        raise typer.Exit()


@app.command()
def init(workspace: Workspace = None) -> None:
    """Create a workspace (one SQLite file) or bring an existing one to the latest schema."""
    with open_store(workspace, create=True) as store:
        console.print(f"Workspace ready: [bold]{store.workspace}[/] ({store.count_posts()} posts)")


@app.command()
def ingest(
    files: Annotated[list[Path], typer.Argument(help="JSONL or CSV files.", show_default=False)],
    source: Annotated[str | None, typer.Option("--source", "-s", help="Source name for records without one.")] = None,
    kind: Annotated[str | None, typer.Option(help="Platform kind of --source (escort_directory, job_board …).")] = None,
    country: Annotated[str | None, typer.Option(help="Country of --source (ISO alpha-2).")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="jsonl or csv (default: from the file name).")] = None,
    mapping: Annotated[Path | None, typer.Option(help="CSV column mapping (YAML: columns: {field: column}).")] = None,
    map_: Annotated[list[str] | None, typer.Option("--map", help="CSV mapping FIELD=COLUMN, repeatable.")] = None,
    workspace: Workspace = None,
    as_json: JsonOut = False,
) -> None:
    """Import posts; bad records are reported (file:line field) and skipped, the rest goes in."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from vigil.ingest import ingest_files
    from vigil.ingest.readers import load_mapping

    conf = load_mapping(mapping, map_) if (mapping or map_) else None
    shown = 0

    def on_error(err: RecordError) -> None:
        nonlocal shown
        shown += 1
        if shown <= 20:
            err_console.print(f"[yellow]skipped[/] {err}", highlight=False)
        elif shown == 21:
            err_console.print("[yellow]… more skipped records; see the counts below[/]")

    with open_store(workspace, create=True) as store:
        progress = Progress(
            TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err_console, disable=as_json or not err_console.is_terminal,
        )  # fmt: skip
        with progress:
            task = progress.add_task("ingest", total=None)
            report = ingest_files(
                store, files, source=source, source_kind=kind, source_country=country, fmt=fmt, mapping=conf,
                on_error=on_error, on_progress=lambda n: progress.advance(task, n),
            )  # fmt: skip
    counts = report.counts()
    if as_json:
        emit_json({**counts, "errors": [e.to_dict() for e in report.errors[:100]]})
    else:
        console.print(
            f"read {counts['read']}, stored {counts['stored']}, updated {counts['updated']}, "
            f"unchanged {counts['unchanged']}, rejected {counts['rejected']}"
        )


@app.command()
def analyze(
    workspace: Workspace = None,
    batch_size: Annotated[int, typer.Option(help="Posts per transaction.")] = 500,
    workers: Annotated[int, typer.Option(help="Processes for the per-post stages (0: one per CPU core).")] = 0,
    as_json: JsonOut = False,
) -> None:
    """Run the pipeline (extract → signals → link → assess) over new and changed posts."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from vigil.pipeline.runner import run_pipeline

    with open_store(workspace) as store:
        progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err_console, disable=as_json or not err_console.is_terminal,
        )  # fmt: skip
        tasks: dict[str, Any] = {}

        def on_progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=total)
            progress.update(tasks[stage], completed=done)

        with progress:
            reports = run_pipeline(
                store, batch_size=batch_size, on_progress=on_progress, workers=workers or (os.cpu_count() or 1)
            )
    if as_json:
        emit_json([r.to_dict() for r in reports])
        return
    for r in reports:
        if not r.built:
            console.print(f"[dim]{r.name}: not built yet (skipped)[/]")
        else:
            line = f"{r.name}: {r.processed} processed, {r.failed} failed in {r.seconds:.1f}s"
            console.print(line + ("" if r.pending else " (nothing new)"))
            for pid, why in list(r.errors.items())[:5]:
                err_console.print(f"  [yellow]{r.name} failed on post {pid}[/]: {why}", highlight=False)


@app.command()
def status(workspace: Workspace = None, as_json: JsonOut = False) -> None:
    """What the workspace holds: posts per source, per language, per stage."""
    from vigil.pipeline.registry import build_stages

    with open_store(workspace) as store:
        data = store.status()
        data["pending"] = {s.name: (store.count_pending(s.name) if s.built else None) for s in build_stages()}
    if as_json:
        emit_json(data)
        return
    console.print(f"[bold]{data['workspace']}[/]: {data['posts']} posts, {len(data['sources'])} sources")
    table = Table("source", "kind", "country", "posts")
    for s in data["sources"]:
        table.add_row(s["name"], s["kind"], s["country"] or "", str(s["posts"]))
    console.print(table)
    stages = Table("stage", "processed", "pending")
    for name, pend in data["pending"].items():
        stages.add_row(name, str(data["stages"].get(name, 0)), "not built yet" if pend is None else str(pend))
    console.print(stages)
    console.print("languages: " + ", ".join(f"{k} {v}" for k, v in sorted(data["languages"].items())))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find (all must occur; accents ignored).")],
    limit: Annotated[int, typer.Option(help="Most hits to show.")] = 20,
    workspace: Workspace = None,
    as_json: JsonOut = False,
) -> None:
    """Full-text search over post titles and texts."""
    with open_store(workspace) as store:
        hits = store.search(query, limit)
    if as_json:
        emit_json(
            [{"id": h.post_id, "source": h.source_id, "title": h.title, "snippet": h.snippet, "url": h.url} for h in hits]
        )
        return
    if not hits:
        console.print("no posts match")
        return
    table = Table("post", "source", "title", "snippet")
    for h in hits:
        table.add_row(h.post_id, h.source_id, h.title[:40], h.snippet)
    console.print(table)


@app.command()
def report(
    out: Annotated[Path | None, typer.Option(help="HTML file to write (default: WORKSPACE/report.html).")] = None,
    workspace: Workspace = None,
) -> None:
    """Write a self-contained HTML report of what the workspace holds."""
    from vigil.report import write_report

    with open_store(workspace) as store:
        path = write_report(store, out)
    console.print(f"Report written: [bold]{path}[/]")


@app.command()
def demo(
    workspace: Workspace = None,
    crawl: Annotated[
        bool, typer.Option("--crawl/--jsonl", help="Crawl the world served on loopback (default), or ingest its JSONL.")
    ] = True,
) -> None:
    """Generate the small synthetic world, crawl it on loopback, analyse it, score it against its truth, report."""
    from vigil.demo import run_demo

    run_demo(workspace, console, crawl=crawl)


@app.command()
def extract(
    region: Annotated[str | None, typer.Option(help="Default phone region (ISO alpha-2).")] = None,
) -> None:
    """Stream: JSONL posts on stdin -> one JSON object of entities per post on stdout."""
    from vigil.cli.extract import handler
    from vigil.cli.stream import run_stream, stdin_lines

    failed = run_stream(handler(region), stdin_lines(), sys.stdout, sys.stderr)
    raise typer.Exit(1 if failed else 0)


@app.command()
def score() -> None:
    """Stream: JSONL posts on stdin -> one JSON object of category, risk and reasons per post."""
    from vigil.cli.signals import score_handler
    from vigil.cli.stream import run_stream, stdin_lines

    failed = run_stream(score_handler(), stdin_lines(), sys.stdout, sys.stderr)
    raise typer.Exit(1 if failed else 0)


# Command groups that live in their own modules (imported last: they use the helpers above).
from vigil.cli.cases import case_app  # noqa: E402

app.add_typer(case_app, name="case")
from vigil.cli.networks import register as _register_networks  # noqa: E402

_register_networks(app)
from vigil.cli.collect import register as _register_collect  # noqa: E402

_register_collect(app)
from vigil.cli.signals import register as _register_signals  # noqa: E402

_register_signals(app)
from vigil.cli.world import register as _register_world  # noqa: E402

_register_world(app)


def main() -> None:
    try:
        app()
    except VigilError as exc:
        err_console.print(f"[red]error:[/] {exc}", highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err_console.print("[yellow]interrupted: what was committed is kept; run the command again to resume[/]")
        sys.exit(130)
