"""``vigil case``: investigations, each with its purpose and legal basis (privacy by design)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from vigil.cli import JsonOut, Workspace, console, emit_json, open_store

case_app = typer.Typer(help="Investigations: why data is collected, on what legal basis.", no_args_is_help=True)


@case_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="Case name, e.g. 'EMPACT 2026 NL-03'.")],
    purpose: Annotated[str, typer.Option(help="What the collection is for.")],
    legal_basis: Annotated[str, typer.Option("--legal-basis", help="Statute, order or authorisation.")],
    operator: Annotated[str | None, typer.Option(help="Who is responsible.")] = None,
    workspace: Workspace = None,
) -> None:
    """Open a case."""
    with open_store(workspace, create=True) as store:
        case = store.add_case(name, purpose, legal_basis, operator)
    console.print(f"case [bold]{case.id}[/] opened")


@case_app.command("list")
def list_(workspace: Workspace = None, as_json: JsonOut = False) -> None:
    """The workspace's cases."""
    with open_store(workspace) as store:
        cases = store.cases()
    if as_json:
        emit_json([c.to_dict() for c in cases])
        return
    table = Table("case", "purpose", "legal basis", "operator", "opened (UTC)")
    for c in cases:
        table.add_row(c.id, c.purpose, c.legal_basis, c.operator or "", c.created_at.isoformat() if c.created_at else "")
    console.print(table)


