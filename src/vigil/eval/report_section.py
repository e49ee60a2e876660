"""The report's 'Evaluation' section: shown when the workspace holds a synthetic world (the demo's)."""

from __future__ import annotations

from html import escape
from typing import Any

from markupsafe import Markup

from vigil.report import SECTIONS, Section
from vigil.store import Store


def _f(x: Any) -> str:
    return "n/a" if x is None else f"{x:.3f}" if isinstance(x, float) else escape(str(x))


def evaluation(store: Store) -> Section | None:
    """Scores against ``<workspace>/world/truth.json`` when there is one (synthetic data only)."""
    from vigil.eval import evaluate_workspace

    truth = store.workspace / "world" / "truth.json"
    if not truth.is_file():
        return None
    r = evaluate_workspace(store, truth)
    rows: list[tuple[str, dict[str, Any]]] = []
    if r["post_level"]["available"]:
        rows += [(f"category {c}", d) for c, d in r["post_level"]["categories"].items()]
        rows += [(f"risk {f}", d) for f, d in r["post_level"]["risk"].items()]
        rows.append(("linked to trafficking", r["post_level"]["linked"]))
    if r["identifiers"]["available"]:
        rows += [(f"identifiers {k}", r["identifiers"][k]) for k in ("all", "phone", "email", "handle", "wallet", "url")]
    if r["networks"]["available"]:
        rows.append(("network pairs", r["networks"]["pairwise"]))
    if r["platforms"]["available"]:
        rows.append(("platform flags", r["platforms"]["flags"]))
    body = "".join(f"<tr><td>{escape(n)}</td><td>{_f(d['precision'])}</td><td>{_f(d['recall'])}</td><td>{_f(d['f1'])}</td></tr>"
                   for n, d in rows)  # fmt: skip
    net = r["networks"]
    extra = ""
    if net["available"]:
        c, v = net["controllers"], net["victims"]
        extra = (f"<p>Adjusted Rand index {_f(net['ari'])}; controllers precision@{c['k']} {_f(c['precision_at_k'])}; "
                 f"persons counted in trafficking networks {v['predicted']} (true {v['true']}).</p>")  # fmt: skip
    missing = "".join(f"<li>{escape(k)}: {escape(d['why'])}</li>" for k, d in r.items() if isinstance(d, dict) and not d.get("available", True))
    html = (f"<p>Scored against the synthetic world's ground truth ({r['posts']} posts). Synthetic data: these figures "
            f"measure the tools, not any real person.</p><table><tr><th></th><th>precision</th><th>recall</th><th>F1</th></tr>"
            f"{body}</table>{extra}" + (f"<p>Not available:</p><ul>{missing}</ul>" if missing else ""))  # fmt: skip
    return Section("Evaluation against the synthetic world", "evaluation", {"html": Markup(html)})


if evaluation not in SECTIONS:
    SECTIONS.append(evaluation)
