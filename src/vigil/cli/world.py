"""``vigil world generate|serve`` and ``vigil eval``: the synthetic world and scoring against it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from vigil.cli import JsonOut, Workspace, console, emit_json, err_console, open_store

world_app = typer.Typer(help="A synthetic online world with known answers: generate it, serve it.", no_args_is_help=True)


@world_app.command("generate")
def generate_cmd(
    out: Annotated[Path, typer.Argument(help="Folder to write the world into (its generated files are replaced).")],
    seed: Annotated[int | None, typer.Option(help="Random seed (default 1): the same seed gives byte-identical output.")] = None,
    size: Annotated[str, typer.Option(help="tiny (300), small (2,000), medium (50,000), large (1,000,000) posts.")] = "small",
    split: Annotated[str, typer.Option(help="Template families: train, eval (disjoint per language) or all.")] = "all",
    posts: Annotated[int | None, typer.Option(help="Exact number of posts (overrides --size).")] = None,
    port: Annotated[int, typer.Option(help="Port written into post URLs (serve on the same port).")] = 8765,
    no_sites: Annotated[bool, typer.Option("--no-sites", help="Skip the HTML sites (posts, truth, images only).")] = False,
    as_json: JsonOut = False,
) -> None:
    """Write OUT/posts.jsonl, OUT/truth.json, OUT/sites/<site>/ and OUT/images/."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from vigil.errors import VigilError
    from vigil.world.generate import SIZES, generate

    if posts is None and size not in SIZES:
        raise VigilError(f"unknown size {size!r}; one of {', '.join(SIZES)} (or give --posts N)")
    if split == "eval" and seed is None:  # same-seed splits share actors (review 11, P10): warn, change no file
        err_console.print("warning: train and eval worlds must use different seeds (same seed, same actors); "
                          "give --seed N unlike the training world's", soft_wrap=True)  # fmt: skip
    seed = 1 if seed is None else seed
    started = time.perf_counter()
    progress = Progress(TextColumn("generate"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err_console, disable=as_json or not err_console.is_terminal)  # fmt: skip
    with progress:
        task = progress.add_task("generate", total=posts or SIZES.get(size))
        try:
            summary = generate(out, seed, posts or size, split, port=port, write_sites=not no_sites,
                               on_progress=lambda done, total: progress.update(task, completed=done))  # fmt: skip
        except ValueError as exc:
            raise VigilError(str(exc)) from None
    secs = time.perf_counter() - started
    if as_json:
        emit_json({**summary.to_dict(), "seconds": round(secs, 2)})
    else:
        console.print(f"World written to [bold]{out}[/]: {summary.posts} posts, {summary.networks} networks, "
                      f"{summary.images} images, {summary.sites} sites in {secs:.1f}s")  # fmt: skip


@world_app.command("serve")
def serve_cmd(
    out: Annotated[Path, typer.Argument(help="A generated world folder.")],
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8765,
    burst: Annotated[int, typer.Option(help="Requests per second per site before a 429.")] = 10,
    sites_dir: Annotated[Path | None, typer.Option("--sites-dir", help="Also write crawler site files for this port here.")] = None,
    fast: Annotated[bool, typer.Option("--fast", help="Site files with demo politeness (just under --burst).")] = False,
) -> None:
    """Serve the world's sites on 127.0.0.1 (path prefix per site), with rate limits, redirects and broken pages."""
    from vigil.errors import VigilError
    from vigil.world.server import make_server

    try:
        server = make_server(out, port, burst)
    except (FileNotFoundError, OSError) as exc:
        raise VigilError(str(exc)) from None
    host, real_port = server.server_address[:2]
    if sites_dir is not None:
        from vigil.collect.world_sites import write_site_files

        files = write_site_files(out, real_port, sites_dir, fast=fast, rate_per_s=float(burst))
        console.print(f"{len(files)} crawler site files in {sites_dir} (crawl with 'vigil crawl {sites_dir}')")
    console.print(f"Serving {len(server.sites)} sites from {out} on http://{host}:{real_port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def eval_cmd(
    truth: Annotated[Path, typer.Option("--truth", help="A world's truth.json.")],
    workspace: Workspace = None,
    threshold: Annotated[float, typer.Option(help="Risk from which a post counts as flagged.")] = 0.5,
    as_json: JsonOut = False,
) -> None:
    """Score the workspace against a synthetic world's truth: posts, identifiers, networks, platforms."""
    from vigil.eval import evaluate_workspace
    from vigil.eval.table import print_report

    with open_store(workspace) as store:
        report = evaluate_workspace(store, truth, threshold)
    if as_json:
        emit_json(report)
    else:
        print_report(report, console)


def register(app: typer.Typer) -> None:
    app.add_typer(world_app, name="world")
    app.command("eval")(eval_cmd)
