"""The self-contained HTML report (no external files, scripts or fonts: it goes into case files).

The report is a list of sections; each is a function of the store that returns a ``Section``
or ``None`` when it has nothing to show. Later stages add their sections to ``SECTIONS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import func, select

from vigil import __version__
from vigil.model import utcnow
from vigil.pipeline.registry import build_stages
from vigil.store import Store
from vigil.store import schema as t


@dataclass(slots=True)
class Section:
    title: str
    template: str  # name of a macro in report.html.j2
    data: dict[str, Any] = field(default_factory=dict)


def overview(store: Store) -> Section:
    status = store.status()
    stages = [
        {"name": s.name, "built": s.built, "processed": status["stages"].get(s.name, 0),
         "pending": store.count_pending(s.name) if s.built else None}
        for s in build_stages()
    ]  # fmt: skip
    return Section("Overview", "overview", {"status": status, "stages": stages})


def top_entities(store: Store) -> Section | None:
    e = t.entities
    q = (
        select(e.c.type, e.c.value, func.count(func.distinct(e.c.post_id)).label("posts"))
        .group_by(e.c.type, e.c.value)
        .order_by(func.count(func.distinct(e.c.post_id)).desc())
        .limit(30)
    )
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(q).mappings()]
    return Section("Identifiers seen in most posts", "entities", {"rows": rows}) if rows else None


def top_risk(store: Store) -> Section | None:
    s, p = t.scores, t.posts
    q = (
        select(p.c.id, p.c.title, p.c.source_id, p.c.url, s.c.category, s.c.risk, s.c.risk_max)
        .select_from(s.join(p, p.c.id == s.c.post_id))
        .order_by(s.c.risk_max.desc())
        .limit(30)
    )
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(q).mappings()]
    if not rows:
        return None
    reasons = store.signals_for([r["id"] for r in rows])
    for r in rows:
        r["reasons"] = sorted(reasons.get(r["id"], []), key=lambda x: -x.weight)[:6]
    return Section("Posts to look at first (a lead, never a verdict)", "risk", {"rows": rows})


SECTIONS: list[Callable[[Store], Section | None]] = [overview, top_entities, top_risk]


def render_report(store: Store) -> str:
    env = Environment(loader=PackageLoader("vigil.report", "templates"), autoescape=select_autoescape(["html", "j2"]))
    sections = [s for s in (fn(store) for fn in SECTIONS) if s is not None]
    return env.get_template("report.html.j2").render(
        sections=sections, generated_at=utcnow().isoformat(timespec="seconds"), version=__version__,
        workspace=str(store.workspace),
    )  # fmt: skip


def write_report(store: Store, out: Path | None = None) -> Path:
    path = out or (store.workspace / "report.html")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(render_report(store), encoding="utf-8")
    tmp.replace(path)
    return path


# Sections contributed by later stages' own modules (imported last: they use Section and SECTIONS).
import vigil.assess.report  # noqa: E402
import vigil.collect.report  # noqa: E402
import vigil.eval.report_section  # noqa: E402
import vigil.signals.report  # noqa: E402,F401
