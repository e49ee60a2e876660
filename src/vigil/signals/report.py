"""The report's 'Platforms' section: sources ranked as likely offering sexual services or used
for recruitment, each with the posts (and their reasons) that justify it. A lead, never a verdict.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from vigil.report import SECTIONS, Section
from vigil.signals.platforms import FLAGS, assess_platforms, ranked
from vigil.store import Store

_TITLES = {"sexual_services": "Likely offering sexual services", "recruitment": "Likely used for recruitment",
           "housing_transport": "Housing or transport offers aimed at vulnerable people"}  # fmt: skip


def platforms_section(store: Store) -> Section | None:
    assessments = assess_platforms(store)
    if not any(a["scored"] for a in assessments):
        return None
    html = ["<table><tr><th>source</th><th>posts</th><th>categories</th><th>high risk (sexual / labour / housing)</th>"
            "<th>flags</th></tr>"]  # fmt: skip
    for a in assessments[:30]:
        cats = ", ".join(f"{escape(c)} {v:.0%}" for c, v in sorted(a["categories"].items(), key=lambda x: -x[1])[:4])
        high = " / ".join(f"{a['risk_bands'].get(f, {}).get('high', 0):.0%}" for f in ("sexual", "labour", "housing"))
        html.append(f"<tr><td>{escape(a['name'])}<br><span class='dim'>{escape(a['kind'] or '')}</span></td>"
                    f"<td class='num'>{a['volume']}</td><td>{cats}</td><td>{high}</td>"
                    f"<td>{escape(', '.join(a['flags']))}</td></tr>")  # fmt: skip
    html.append("</table>")
    for flag in FLAGS:
        top = ranked(assessments, flag)
        if not top:
            continue
        html.append(f"<h3>{escape(_TITLES[flag])}</h3><ol>")
        for a in top[:10]:
            posts = "".join(
                f"<li><code>{escape(e['id'])}</code> {escape(e['title'] or '')} (risk {e['risk']:.2f}) "
                + "".join(f'<span class="reason" title="{escape(r["indicator"])}">{escape(r["text"])}</span>'
                          for r in e.get("reasons", []))
                + "</li>"
                for e in a["evidence"].get(flag, [])
            )  # fmt: skip
            html.append(f"<li><b>{escape(a['name'])}</b> score {a['scores'][flag]:.2f}<ul>{posts}</ul></li>")
        html.append("</ol>")
    return Section("Platforms (signals)", "platforms", {"html": Markup("".join(html))})


if platforms_section not in SECTIONS:
    SECTIONS.append(platforms_section)
