"""The report's 'Networks' section: the top networks with their graph (inline SVG) and timeline.

Self-contained on purpose (no scripts, no external files): the report goes into case files.
The graph draws persons (circles) around the identifiers they share (squares), so a phone
behind several names stands out at a glance; the timeline lists who was advertised where, when.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

from markupsafe import Markup

from vigil.report import SECTIONS, Section
from vigil.store import Store

TOP = 10


def _svg(summary: dict[str, Any], size: int = 360) -> str:
    persons = summary.get("persons", [])[:16]
    ctrl = [c for c in summary.get("controllers", []) if c.get("persons", 0) >= 1][:6]
    c = size / 2
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" role="img" '
             f'aria-label="network graph" style="background:#fafbfd;border:1px solid #e6e9ef">']  # fmt: skip
    pos_p = {}
    for k, x in enumerate(persons):
        a = 2 * math.pi * k / max(len(persons), 1)
        pos_p[x["id"]] = (c + 0.78 * c * math.cos(a), c + 0.78 * c * math.sin(a))
    pos_c = {}
    for k, x in enumerate(ctrl):
        a = 2 * math.pi * k / max(len(ctrl), 1)
        pos_c[(x["type"], x["value"])] = (c + 0.3 * c * math.cos(a), c + 0.3 * c * math.sin(a))
    for cc in ctrl:  # an edge: the identifier appears in at least one of the person's posts
        x1, y1 = pos_c[(cc["type"], cc["value"])]
        for pid in cc.get("person_ids", []):
            if pid in pos_p:
                x2, y2 = pos_p[pid]
                parts.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="#9aa6b8"/>')
    for x in persons:
        px, py = pos_p[x["id"]]
        label = escape(", ".join(x["names"]) or "unnamed")
        parts.append(f'<circle cx="{px:.0f}" cy="{py:.0f}" r="9" fill="#d9534f"><title>{label}: '
                     f'{len(x["posts"])} posts, {escape(", ".join(x["cities"]))}</title></circle>'
                     f'<text x="{px + 11:.0f}" y="{py + 4:.0f}" font-size="10">{label[:14]}</text>')  # fmt: skip
    for (kind, value), (px, py) in pos_c.items():
        parts.append(f'<rect x="{px - 7:.0f}" y="{py - 7:.0f}" width="14" height="14" fill="#2b6cb0">'
                     f'<title>{escape(kind)} {escape(value)}</title></rect>'
                     f'<text x="{px + 9:.0f}" y="{py + 4:.0f}" font-size="9">{escape(value[-8:])}</text>')  # fmt: skip
    parts.append("</svg>")
    return "".join(parts)


def networks_section(store: Store) -> Section | None:
    from vigil.link.store import iter_groups

    rows = []
    for g in iter_groups(store, "network"):
        rows.append(g)
        if len(rows) >= TOP:
            break
    if not rows:
        return None
    html = [f"<p>{len(rows)} networks with the highest scores. Circles are advertised persons, squares the "
            "identifiers that connect them (a lead, never a verdict).</p>"]  # fmt: skip
    for g in rows:
        s = g["summary"]
        reasons = "".join(f'<span class="reason">{escape(r)}</span>' for r in s.get("reasons", []))
        ctrl = "".join(f"<li><code>{escape(c['value'])}</code> ({escape(c['type'])}, {c['score']:.2f}): "
                       f"{escape('; '.join(c['reasons']))}</li>" for c in s.get("controllers", [])[:5])  # fmt: skip
        events = "".join(f"<tr><td>{escape(e['date'])}</td><td>{escape(e['city'])}</td>"
                         f"<td>{len(e['persons'])}</td><td><code>{escape(e['post'])}</code></td></tr>"
                         for e in s.get("timeline", [])[:25])  # fmt: skip
        html.append(
            f"<h3><code>{escape(g['id'])}</code> · {escape(g['label'])} · score {g['score']:.2f} · "
            f"{len(g['posts'])} posts · {len(s.get('persons', []))} persons · {len(s.get('cities', {}))} cities</h3>"
            f"<p>{reasons}</p><div style='display:flex;gap:1rem;flex-wrap:wrap'>{_svg(s)}"
            f"<div><b>Suspected controllers</b><ul>{ctrl}</ul>"
            f"<b>Timeline</b><table><tr><th>date</th><th>city</th><th>persons</th><th>post</th></tr>{events}</table>"
            "</div></div>"
        )
    return Section("Networks (link and assess)", "networks", {"html": Markup("".join(html))})


if networks_section not in SECTIONS:
    SECTIONS.append(networks_section)
