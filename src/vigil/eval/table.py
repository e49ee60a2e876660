"""The evaluation report as rich tables (the CLI's and the demo's view of ``score.evaluate``)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def _f(x: Any) -> str:
    return "n/a" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)


def _prf_row(table: Table, name: str, d: dict[str, Any]) -> None:
    table.add_row(name, _f(d["precision"]), _f(d["recall"]), _f(d["f1"]), str(d["tp"]), str(d["fp"]), str(d["fn"]))


def _prf_table(title: str) -> Table:
    return Table("", "precision", "recall", "F1", "tp", "fp", "fn", title=title, title_justify="left")


def print_report(report: dict[str, Any], console: Console) -> None:
    console.print(f"[bold]Evaluation[/] against {report['truth']} ({report['posts']} posts)")
    pl = report["post_level"]
    if pl["available"]:
        t = _prf_table(f"Posts ({pl['scored']} scored, risk threshold {pl['threshold']})")
        for cat, d in pl["categories"].items():
            _prf_row(t, f"category {cat}", d)
        for fam, d in pl["risk"].items():
            _prf_row(t, f"risk {fam}", d)
        _prf_row(t, "linked to trafficking", pl["linked"])
        console.print(t)
    else:
        console.print(f"[dim]posts: not available ({pl['why']})[/]")
    idt = report["identifiers"]
    if idt["available"]:
        t = _prf_table("Identifier extraction")
        for key in ("all", "phone", "email", "handle", "wallet", "url"):
            _prf_row(t, key, idt[key])
        console.print(t)
        console.print(f"recall on obfuscated identifiers: {_f(idt['obfuscated_recall'])}")
    else:
        console.print(f"[dim]identifiers: not available ({idt['why']})[/]")
    net = report["networks"]
    if net["available"]:
        t = Table("network recovery", "value", title_justify="left")
        pw = net["pairwise"]
        t.add_row("groups predicted / true trafficking networks", f"{net['groups']} / {net['true_networks']}")
        t.add_row("pairwise precision / recall", f"{_f(pw['precision'])} / {_f(pw['recall'])}")
        t.add_row("adjusted Rand index", _f(net["ari"]))
        c = net["controllers"]
        t.add_row(f"controllers precision@{c['k']} / @10", f"{_f(c['precision_at_k'])} / {_f(c['precision_at_10'])}")
        v = net["victims"]
        t.add_row("victims counted / true", f"{v['predicted']} / {v['true']} (all groups: {v['predicted_all_groups']})")
        console.print(t)
    else:
        console.print(f"[dim]networks: not available ({net['why']})[/]")
    pf = report["platforms"]
    if pf["available"]:
        t = _prf_table("Platforms flagged")
        _prf_row(t, "flags (platform, flag)", pf["flags"])
        _prf_row(t, "platforms (any flag)", pf["platforms"])
        console.print(t)
    else:
        console.print(f"[dim]platforms: not available ({pf['why']})[/]")
