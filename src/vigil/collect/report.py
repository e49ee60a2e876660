"""The report's 'Watches and alerts' and 'Collection' sections: which watched phones, handles,
wallets, images or phrases turned up in which posts, and how each monitored site's crawls went.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup
from sqlalchemy import func, select

from vigil.collect.watch import alerts, list_watches, scan_new
from vigil.report import SECTIONS, Section
from vigil.store import Store
from vigil.store import schema as t


def alerts_section(store: Store) -> Section | None:
    watches = list_watches(store.engine)
    if not watches:
        return None
    scan_new(store)
    rows = alerts(store.engine, 200)
    html = [f"<p>{len(watches)} watches; {len(rows)} alerts (newest first). A match is a lead to check.</p>",
            "<table><tr><th>when (UTC)</th><th>watch</th><th>post</th><th>field</th><th>matched</th></tr>"]  # fmt: skip
    for r in rows:
        html.append(
            f"<tr><td>{r['created_at']:%Y-%m-%d %H:%M}</td><td>{escape(r['type'])} <code>{escape(r['raw'])}</code></td>"
            f"<td>{escape(r['title'] or '')}<br><span class='dim'>{escape(r['source_id'] or '')} · "
            f"<code>{escape(r['post_id'])}</code></span></td><td>{escape(r['field'])}</td>"
            f"<td><code>{escape(r['matched'])}</code></td></tr>"
        )
    html.append("</table>")
    return Section("Watches and alerts", "alerts", {"html": Markup("".join(html))})


def collection_section(store: Store) -> Section | None:
    fl = t.fetch_log
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(fl.c.site, fl.c.outcome, func.count(), func.max(fl.c.at)).group_by(fl.c.site, fl.c.outcome)
        ).all()
        records = conn.execute(select(func.count()).select_from(t.warc_records)).scalar_one()
    if not rows:
        return None
    per: dict[str, dict[str, int]] = {}
    last: dict[str, str] = {}
    for site, outcome, n, at in rows:
        per.setdefault(site, {})[outcome] = int(n)
        last[site] = max(last.get(site, ""), f"{at:%Y-%m-%d %H:%M}")
    cols = ["post", "stored", "unchanged", "not_modified", "image", "gone", "http_error", "error", "timeout", "robots",
            "unsafe"]  # fmt: skip
    html = [f"<p>{records} WARC records in the evidence store; check them with <code>vigil evidence verify</code>.</p>",
            "<table><tr><th>site</th><th>last fetch (UTC)</th>" + "".join(f"<th>{c}</th>" for c in cols) + "</tr>"]  # fmt: skip
    for site in sorted(per):
        html.append(f"<tr><td>{escape(site)}</td><td>{last[site]}</td>"
                    + "".join(f"<td class='num'>{per[site].get(c, 0)}</td>" for c in cols) + "</tr>")  # fmt: skip
    html.append("</table>")
    return Section("Collection: crawl health per site", "collection", {"html": Markup("".join(html))})


for _section in (collection_section, alerts_section):
    if _section not in SECTIONS:
        SECTIONS.append(_section)
