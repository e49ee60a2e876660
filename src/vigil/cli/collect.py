"""Collection commands: ``vigil crawl``, ``vigil monitor``, ``vigil evidence verify|export``,
``vigil watch add|list|remove``, ``vigil alerts``, ``vigil import telegram|warc``."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from vigil.cli import JsonOut, Workspace, console, emit_json, err_console, open_store

evidence_app = typer.Typer(help="Evidence: verify the WARC store, export a post's records.", no_args_is_help=True)
watch_app = typer.Typer(help="Standing watches: new posts that match raise alerts.", no_args_is_help=True)
import_app = typer.Typer(help="Import what investigators hold: Telegram exports, WARC files.", no_args_is_help=True)

SitesArg = Annotated[Path, typer.Argument(help="A site file (YAML) or a folder of them.", show_default=False)]
Operator = Annotated[str | None, typer.Option(envvar="VIGIL_OPERATOR", help="Who runs the crawl (goes in every WARC).")]
Case = Annotated[str | None, typer.Option(help="Case id the crawl serves (goes in every WARC).")]
Proxy = Annotated[
    str | None, typer.Option(envvar="VIGIL_PROXY", help="HTTP(S) or SOCKS proxy URL (never browse from a police address).")
]


def _settings(operator: str | None, case: str | None, proxy: str | None, polite: bool, concurrency: int,
              max_items: int | None, revisit_all: bool) -> Any:  # fmt: skip
    from vigil.collect.crawler import CrawlSettings

    return CrawlSettings(operator=operator, case=case, proxy=proxy, polite=polite, concurrency=concurrency,
                         max_items=max_items, revisit_all=revisit_all)  # fmt: skip


def _health_table(report: Any) -> Table:
    table = Table("site", "pages", "new posts", "updated", "deleted", "unchanged", "images", "errors", "incomplete",
                  "retries", "robots blocked", "unsafe", "pages/s",
                  title=f"crawl {report.run_id} ({report.seconds:.1f}s)")  # fmt: skip
    for h in report.sites.values():
        rate = f"{h.pages / h.seconds:.1f}" if h.seconds and h.pages else "-"
        table.add_row(h.site, *(str(x) for x in (h.pages, h.new_posts, h.updated_posts, h.deleted_posts,
                      h.unchanged + h.not_modified, h.images, h.errors, h.incomplete, h.retries, h.robots_blocked,
                      h.unsafe)), rate)  # fmt: skip
    return table


def _crawl_once(store: Any, sites: Path, settings: Any, quiet: bool) -> Any:
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from vigil.collect import crawl_sites

    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err_console,
                        disable=quiet or not err_console.is_terminal)  # fmt: skip
    with progress:
        task = progress.add_task("crawl", total=None)

        def on_progress(h: Any) -> None:
            progress.update(task, description=f"{h.site}: {h.pages} pages, {h.new_posts} new posts, {h.errors} errors")

        return crawl_sites(store, sites, settings, on_progress)


def crawl(
    sites: SitesArg,
    operator: Operator = None,
    case: Case = None,
    proxy: Proxy = None,
    polite: Annotated[bool, typer.Option("--polite/--no-politeness", help="Politeness delays (off: benchmarks only).")] = True,
    concurrency: Annotated[int, typer.Option(help="Requests in flight over all sites.")] = 8,
    max_items: Annotated[int | None, typer.Option(help="Stop after this many URLs (a trial run).")] = None,
    revisit_all: Annotated[bool, typer.Option(help="Re-check every known post now (edits, take-downs).")] = False,
    workspace: Workspace = None,
    as_json: JsonOut = False,
) -> None:
    """Crawl the sites once: what is due, new posts, changed pages; every response into the WARC store."""
    with open_store(workspace, create=True) as store:
        report = _crawl_once(store, sites, _settings(operator, case, proxy, polite, concurrency, max_items, revisit_all),
                             as_json)  # fmt: skip
    if as_json:
        emit_json(report.to_dict())
    else:
        console.print(_health_table(report))
        for h in report.sites.values():
            for p in h.problems[:5]:
                err_console.print(f"  [yellow]{h.site}[/]: {p}", highlight=False)
    if report.aborted:
        err_console.print(f"[red]crawl stopped:[/] {report.aborted}", highlight=False)
        raise typer.Exit(1)


def monitor(
    sites: SitesArg,
    operator: Operator = None,
    case: Case = None,
    proxy: Proxy = None,
    every: Annotated[float, typer.Option(help="Longest sleep between rounds, in seconds.")] = 300.0,
    rounds: Annotated[int | None, typer.Option(help="Stop after this many rounds (default: run until stopped).")] = None,
    analyze: Annotated[bool, typer.Option("--analyze/--no-analyze", help="Run the pipeline after each round.")] = True,
    workspace: Workspace = None,
) -> None:
    """Keep the sites watched: crawl what each site's revisit schedule says is due (listings and
    posts alike), analyse what changed, sleep until the next item is due (at most --every), repeat."""
    from vigil.collect.frontier import Frontier
    from vigil.collect.sites import load_sites
    from vigil.model import utcnow
    from vigil.pipeline.runner import run_pipeline

    n = 0
    while rounds is None or n < rounds:
        n += 1
        settings = _settings(operator, case, proxy, True, 8, None, False)
        settings.refresh_listings = False  # the schedule decides
        with open_store(workspace, create=True) as store:
            report = _crawl_once(store, sites, settings, False)
            console.print(_health_table(report))
            if analyze:
                for r in run_pipeline(store):
                    if r.built and r.processed:
                        console.print(f"{r.name}: {r.processed} processed")
            nxt = Frontier(store.engine).next_due([s.id for s in load_sites(sites)])
        if report.aborted:
            err_console.print(f"[red]monitor stopped:[/] {report.aborted}", highlight=False)
            raise typer.Exit(1)
        if rounds is None or n < rounds:
            wait = every if nxt is None else min(every, max(0.0, (nxt - utcnow()).total_seconds()))
            console.print(f"[dim]next round in {wait:.0f}s[/]")
            time.sleep(wait)


@evidence_app.command("verify")
def evidence_verify(workspace: Workspace = None, as_json: JsonOut = False) -> None:
    """Re-check every WARC record's SHA-256 digests, every sealed file, the manifest chain and the pointers."""
    from vigil.evidence import evidence_dir
    from vigil.evidence.verify import verify

    with open_store(workspace) as store:
        report = verify(evidence_dir(store.workspace), store.engine)
    if as_json:
        emit_json(report.to_dict())
    else:
        console.print(f"{report.files} WARC files ({report.sealed} sealed), {report.records} records, "
                      f"{report.pointers} database pointers")  # fmt: skip
        for w in report.warnings:
            err_console.print(f"[yellow]warning:[/] {w}", highlight=False)
        for p in report.problems:
            err_console.print(f"[red]problem:[/] {p}", highlight=False)
        console.print("[green]evidence verified[/]" if report.ok else "[red]evidence does NOT verify[/]")
    if not report.ok:
        raise typer.Exit(1)


@evidence_app.command("export")
def evidence_export(
    post_id: Annotated[str, typer.Argument(help="The post's id (see 'vigil search').")],
    out: Annotated[Path, typer.Option(help="Folder to write the case-file copy into.")] = Path("evidence-export"),
    workspace: Workspace = None,
    as_json: JsonOut = False,
) -> None:
    """Write a post's WARC records (byte-exact copies) and their hashes and history for a case file."""
    from vigil.evidence.export import export_post

    with open_store(workspace) as store:
        summary = export_post(store, post_id, out)
    if as_json:
        emit_json({k: summary[k] for k in ("export_file", "export_sha256", "records", "source_files")})
        return
    console.print(f"{len(summary['records'])} records → {out / summary['export_file']} (SHA-256 {summary['export_sha256']})")
    console.print(f"hashes and history → {out / (post_id + '.evidence.json')}")


@watch_app.command("add")
def watch_add(
    kind: Annotated[str, typer.Argument(metavar="TYPE", help="phone, handle, wallet, image or phrase.")],
    value: Annotated[str, typer.Argument(help="The value (an image: a file or its SHA-256).")],
    note: Annotated[str | None, typer.Option(help="Why this is watched.")] = None,
    workspace: Workspace = None,
) -> None:
    """Watch for a phone, handle, wallet, image or phrase; posts already stored are checked now."""
    from vigil.collect.watch import add_watch, scan_existing

    with open_store(workspace, create=True) as store:
        w = add_watch(store.engine, kind, value, note)
        n = scan_existing(store.engine, store.iter_posts())
    console.print(f"watch {w.id}: {w.type} [bold]{w.value}[/] ({n} new alerts from stored posts)")


@watch_app.command("list")
def watch_list(workspace: Workspace = None, as_json: JsonOut = False) -> None:
    """The workspace's watches."""
    from vigil.collect.watch import list_watches

    with open_store(workspace) as store:
        ws = list_watches(store.engine)
    if as_json:
        emit_json([{"id": w.id, "type": w.type, "value": w.value, "raw": w.raw, "note": w.note} for w in ws])
        return
    table = Table("id", "type", "value", "note")
    for w in ws:
        table.add_row(str(w.id), w.type, w.value, w.note or "")
    console.print(table)


@watch_app.command("remove")
def watch_remove(watch_id: Annotated[int, typer.Argument(help="The watch's id.")], workspace: Workspace = None) -> None:
    """Stop a watch (its alerts go with it)."""
    from vigil.collect.watch import remove_watch

    with open_store(workspace) as store:
        ok = remove_watch(store.engine, watch_id)
    console.print(f"watch {watch_id} removed" if ok else f"no watch {watch_id}")


def alerts(
    limit: Annotated[int, typer.Option(help="Most alerts to show.")] = 100,
    workspace: Workspace = None,
    as_json: JsonOut = False,
) -> None:
    """Posts that matched a watch, newest first."""
    from vigil.collect.watch import alerts as list_alerts
    from vigil.collect.watch import scan_new

    with open_store(workspace) as store:
        scan_new(store)
        rows = list_alerts(store.engine, limit)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        console.print("no alerts")
        return
    table = Table("when (UTC)", "watch", "post", "field", "matched", "title")
    for r in rows:
        table.add_row(f"{r['created_at']:%Y-%m-%d %H:%M}", f"{r['type']} {r['raw']}", r["post_id"], r["field"],
                      r["matched"], (r["title"] or "")[:50])  # fmt: skip
    console.print(table)


@import_app.command("telegram")
def import_telegram(
    path: Annotated[Path, typer.Argument(help="result.json of a Telegram Desktop export (channel or chat).")],
    source: Annotated[str | None, typer.Option(help="Source name (default: the export's chat name).")] = None,
    country: Annotated[str | None, typer.Option(help="Country of the channel (ISO alpha-2).")] = None,
    workspace: Workspace = None,
    as_json: JsonOut = False,
) -> None:
    """Import a Telegram Desktop JSON export: one post per message, photos stored content-addressed."""
    from vigil.collect.importers.telegram import import_telegram as run

    with open_store(workspace, create=True) as store:
        report = run(store, path, source=source, country=country)
    _print_import(report, as_json)


@import_app.command("warc")
def import_warc(
    paths: Annotated[list[Path], typer.Argument(help="WARC files (.warc or .warc.gz), e.g. from Webrecorder.")],
    sites: Annotated[Path | None, typer.Option(help="Site files to read posts with (by URL scope).")] = None,
    source: Annotated[str | None, typer.Option(help="Source name for pages no site file claims.")] = None,
    workspace: Workspace = None,
    as_json: JsonOut = False,
) -> None:
    """Import HTML pages captured in WARC files; the files are copied into the evidence store first."""
    from vigil.collect.importers.warc import import_warc as run

    with open_store(workspace, create=True) as store:
        report = run(store, paths, sites_path=sites, source=source)
    _print_import(report, as_json)


def _print_import(report: Any, as_json: bool) -> None:
    counts = report.counts()
    if as_json:
        emit_json({**counts, "errors": [str(e) for e in report.errors[:100]]})
        return
    for e in report.errors[:20]:
        err_console.print(f"[yellow]skipped[/] {e}", highlight=False)
    console.print(", ".join(f"{k} {v}" for k, v in counts.items()))


def register(app: typer.Typer) -> None:
    """Add the collection commands to the ``vigil`` app."""
    app.command()(crawl)
    app.command()(monitor)
    app.command()(alerts)
    app.add_typer(evidence_app, name="evidence")
    app.add_typer(watch_app, name="watch")
    app.add_typer(import_app, name="import")
