"""`vigil score` (stream) and `vigil platforms`: the signal stage from the command line."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from vigil.cli import JsonOut, Workspace, console, emit_json, open_store
from vigil.errors import RecordError
from vigil.model import Post

_TEXT_FIELDS = ("title", "text", "url", "location", "country", "language", "source")


def post_from_record(rec: dict[str, Any]) -> Post:
    """A ``Post`` from a streamed record; a non-text field is an error naming that field."""
    values: dict[str, str] = {}
    for key in _TEXT_FIELDS:
        v = rec.get(key)
        if v is None:
            continue
        if isinstance(v, bool) or not isinstance(v, (str, int, float)):
            raise RecordError("<stdin>", str(rec.get("id")), key, f"expected text, got {type(v).__name__}")
        values[key] = str(v)
    if not values.get("title", "").strip() and not values.get("text", "").strip():
        raise RecordError("<stdin>", str(rec.get("id")), "text", "both 'title' and 'text' are empty")
    return Post(id=str(rec["id"]), source_id=values.get("source", "stdin"), title=values.get("title", ""),
                text=values.get("text", ""), url=values.get("url"), location=values.get("location"),
                country=values.get("country"), language=(values.get("language") or "").lower() or None)  # fmt: skip


def score_handler():
    """Per record: entities (when the extraction stage is built), then category, risk and reasons."""
    from vigil.signals.stage import score_posts

    try:
        from vigil.extract import extract
    except ImportError:  # pragma: no cover - extraction not installed
        extract = None

    def handle(rec: dict[str, Any]) -> dict[str, Any]:
        post = post_from_record(rec)
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
