"""`vigil score` (stream) and `vigil platforms`: the signal stage from the command line."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from vigil.cli import JsonOut, Workspace, console, emit_json, open_store
from vigil.cli.stream import post_from_record


def score_handler():
    """Per record: entities (when the extraction stage is built), then category, risk and reasons."""
    from vigil.signals.stage import score_posts

    try:
        from vigil.extract import extract
    except ImportError:  # pragma: no cover - extraction not installed
        extract = None

    def handle(rec: dict[str, Any]) -> dict[str, Any]:
        post = post_from_record(rec, require_text=True)
        ents = list(extract(post, None)) if extract is not None else []
        out = score_posts([post], {post.id: ents})[0].to_dict()
        return out

    return handle


def platforms(
    workspace: Workspace = None,
    as_json: JsonOut = False,
    limit: Annotated[int, typer.Option(help="Most sources to show in the table.")] = 30,
) -> None:
    """Platforms ranked as likely offering sexual services or used for recruitment, with the posts why."""
    from vigil.signals.platforms import assess_platforms

    with open_store(workspace) as store:
        data = assess_platforms(store)
    if as_json:
        emit_json(data)
        return
    if not data:
        console.print("no posts in this workspace")
        return
    table = Table("source", "kind", "posts", "categories", "high risk s/l/h", "flags", "justifying posts")
    for a in data[:limit]:
        cats = ", ".join(f"{c} {v:.0%}" for c, v in sorted(a["categories"].items(), key=lambda x: -x[1])[:3])
        high = "/".join(f"{a['risk_bands'].get(f, {}).get('high', 0):.0%}" for f in ("sexual", "labour", "housing"))
        ev = "; ".join(f"{e['id']} ({e['risk']:.2f})" for posts in a["evidence"].values() for e in posts[:2])
        table.add_row(a["name"], a["kind"] or "", str(a["volume"]), cats, high, ", ".join(a["flags"]), ev)
    console.print(table)
    console.print("[dim]A flag is a lead for an investigator, never a verdict; --json lists each flag's posts and reasons.[/]")


def register(app: typer.Typer) -> None:
    app.command()(platforms)
