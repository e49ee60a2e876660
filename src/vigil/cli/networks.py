"""Commands over the link and assess stages' groups: clusters, networks, one network's dossier,
suspected controllers and potential victims. Every line is a lead, never a verdict.

``--format jsonl`` prints one group per line: ``{"id", "kind", "label", "score", "posts": [ids as
ingested], "post_ids": [store ids], "sources", ...summary}``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from vigil.cli import JsonOut, Workspace, console, emit_json, open_store
from vigil.errors import VigilError

Fmt = Annotated[str, typer.Option("--format", help="table or jsonl (one group per line).")]
Limit = Annotated[int, typer.Option(help="Most rows to show in a table (jsonl prints all).")]


def _check_fmt(fmt: str) -> None:
    if fmt not in ("table", "jsonl"):
        raise VigilError(f"--format must be 'table' or 'jsonl', not '{fmt}'")


def _jsonl(rows: Any) -> None:
    for r in rows:
        summary = r.pop("summary")
        sys.stdout.write(json.dumps({**summary, **r}, ensure_ascii=False, default=str) + "\n")


def clusters(fmt: Fmt = "table", limit: Limit = 30, workspace: Workspace = None) -> None:
    """Near-duplicate text clusters with their shared template (InfoShield-style)."""
    from vigil.link.store import iter_groups

    _check_fmt(fmt)
    with open_store(workspace) as store:
        if fmt == "jsonl":
            _jsonl(iter_groups(store, "cluster"))
            return
        table = Table("cluster", "posts", "sources", "template (… = varying slot)")
        for i, g in enumerate(iter_groups(store, "cluster")):
            if i >= limit:
                break
            table.add_row(g["id"], str(len(g["posts"])), ", ".join(g["sources"][:3]), g["summary"].get("template", "")[:160])
    console.print(table)


def networks(fmt: Fmt = "table", limit: Limit = 30, workspace: Workspace = None) -> None:
    """Networks of linked posts, riskiest first, with their classification and reasons."""
    from vigil.link.store import iter_groups

    _check_fmt(fmt)
    with open_store(workspace) as store:
        if fmt == "jsonl":
            _jsonl(iter_groups(store, "network"))
            return
        table = Table("network", "class", "score", "posts", "persons", "cities", "why")
        for i, g in enumerate(iter_groups(store, "network")):
            if i >= limit:
                break
            s = g["summary"]
            table.add_row(g["id"], g["label"], f"{g['score']:.2f}", str(len(g["posts"])), str(len(s.get("persons", []))),
                          str(len(s.get("cities", {}))), "; ".join(s.get("reasons", [])[:3]))  # fmt: skip
    console.print(table)


def network(
    group: Annotated[str, typer.Argument(help="Network (or cluster) id, from 'vigil networks'.")],
    workspace: Workspace = None,
    as_json: JsonOut = False,
) -> None:
    """One network's whole dossier: persons, identifiers, timeline, controllers, victims, evidence."""
    from vigil.link.store import iter_groups, links_among

    with open_store(workspace) as store:
        found = list(iter_groups(store, group_ids=[group]))
        if not found:
            raise VigilError(f"no group '{group}' in {store.workspace}; list them with 'vigil networks'")
        g = found[0]
        g["evidence"] = [x.to_dict() for x in links_among(store, g["post_ids"], 500)]
    if as_json:
        emit_json(g)
        return
    s = g["summary"]
    console.print(f"[bold]{g['id']}[/] {g['kind']} · {g['label']} · score {g['score']:.2f} · {len(g['posts'])} posts")
    for r in s.get("reasons", []):
        console.print(f"  • {r}")
    if s.get("template"):
        console.print(f"template: {s['template']}")
    for title, rows, cols in (
        ("Suspected controllers", s.get("controllers", [])[:10], ("type", "value", "score", "reasons")),
        ("Persons", s.get("persons", [])[:20], ("id", "names", "ages", "cities", "posts")),
        ("Potential victims", s.get("victims", [])[:20], ("person", "names", "ages", "cues")),
        ("Timeline", s.get("timeline", [])[:40], ("date", "city", "persons", "post")),
        ("Evidence (links)", g["evidence"][:40], ("type", "strength", "a", "b", "evidence")),
    ):
        if not rows:
            continue
        table = Table(*cols, title=title)
        for r in rows:
            table.add_row(*[(str(len(v)) if k == "posts" and isinstance(v, list) else str(v))[:120]
                            for k, v in ((c, r.get(c, "")) for c in cols)])  # fmt: skip
        console.print(table)


def _ranked(workspace: Path | None, key: str) -> list[dict[str, Any]]:
    from vigil.link.store import iter_groups

    out = []
    with open_store(workspace) as store:
        for g in iter_groups(store, "network"):
            for row in g["summary"].get(key, []):
                out.append({**row, "network": g["id"], "classification": g["label"]})
    return out


def controllers(limit: Limit = 30, workspace: Workspace = None, as_json: JsonOut = False) -> None:
    """Suspected controllers: identifiers ranked by how many persons, cities and platforms they connect."""
    rows = sorted(_ranked(workspace, "controllers"), key=lambda r: -r["score"])[:limit]
    if as_json:
        emit_json(rows)
        return
    table = Table("score", "type", "value", "network", "class", "why")
    for r in rows:
        table.add_row(f"{r['score']:.3f}", r["type"], r["value"], r["network"], r["classification"], "; ".join(r["reasons"]))
    console.print(table)


def victims(limit: Limit = 50, workspace: Workspace = None, as_json: JsonOut = False) -> None:
    """Potential victims: distinct persons in risky networks, with vulnerability cues."""
    rows = _ranked(workspace, "victims")
    rows.sort(key=lambda r: (-len(r["cues"]), -r["posts"]))
    if as_json:
        emit_json(rows[:limit])
        return
    console.print(f"{len(rows)} persons in risky networks")
    table = Table("person", "names", "ages", "cities", "network", "cues")
    for r in rows[:limit]:
        cues = "; ".join(f"{k}: {', '.join(v[:2])}" for k, v in r["cues"].items())
        table.add_row(r["person"], ", ".join(r["names"]), ", ".join(map(str, r["ages"])), ", ".join(r["cities"]),
                      r["network"], cues)  # fmt: skip
    console.print(table)


def register(app: typer.Typer) -> None:
    for fn in (clusters, networks, network, controllers, victims):
        app.command()(fn)
