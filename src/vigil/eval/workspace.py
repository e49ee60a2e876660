"""Reading a workspace's predictions for eval: the store adapter, kept apart from the maths.

Each field is ``None`` when the stage that makes it has not run (or is not built yet), so that
eval can say 'not available' instead of scoring an empty table as a failure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from vigil.eval.truth import IDENT_TYPES, normalise
from vigil.store import Store
from vigil.store import schema as t


@dataclass(slots=True)
class Predictions:
    category: dict[str, str] | None = None
    risk: dict[str, dict[str, float]] | None = None
    identifiers: set[tuple[str, str, str]] | None = None
    network_of: dict[str, str] | None = None  # post -> network group id
    summaries: dict[str, dict[str, Any]] = field(default_factory=dict)  # network group id -> summary
    platforms: list[dict[str, Any]] | None = None
    missing: dict[str, str] = field(default_factory=dict)  # metric -> why not available


def _chunks(ids: list[str], n: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(ids), n):
        yield ids[i : i + n]


def read_predictions(store: Store, post_ids: Iterable[str]) -> Predictions:
    """Everything eval compares with the truth, for the given posts (store ids)."""
    ids = sorted(set(post_ids))
    pred = Predictions()
    cat: dict[str, str] = {}
    risk: dict[str, dict[str, float]] = {}
    idents: set[tuple[str, str, str]] = set()
    with store.engine.connect() as conn:
        for chunk in _chunks(ids):
            for r in conn.execute(select(t.scores.c.post_id, t.scores.c.category, t.scores.c.risk)
                                  .where(t.scores.c.post_id.in_(chunk))):  # fmt: skip
                cat[r.post_id] = r.category
                risk[r.post_id] = {k: float(v) for k, v in (r.risk or {}).items()}
            e = t.entities
            # the page's own address (field 'url') is where the post was found, not an identifier in it
            for r in conn.execute(select(e.c.post_id, e.c.type, e.c.value)
                                  .where(e.c.post_id.in_(chunk), e.c.type.in_(IDENT_TYPES), e.c.field != "url")):  # fmt: skip
                idents.add((r.post_id, r.type, normalise(r.type, r.value)))
        groups = {r.id: r.summary or {} for r in conn.execute(select(t.groups.c.id, t.groups.c.summary)
                                                              .where(t.groups.c.kind == "network"))}  # fmt: skip
        members: dict[str, str] = {}
        if groups:
            for r in conn.execute(select(t.group_members.c.group_id, t.group_members.c.post_id)
                                  .where(t.group_members.c.group_id.in_(list(groups)))):  # fmt: skip
                members[r.post_id] = r.group_id
        any_entities = conn.execute(select(t.entities.c.id).limit(1)).first() is not None
    if cat:
        pred.category, pred.risk = cat, risk
    else:
        pred.missing["posts"] = "no scores in the workspace (signals stage not run or not built)"
    if any_entities:
        pred.identifiers = idents
    else:
        pred.missing["identifiers"] = "no entities in the workspace (extract stage not run or not built)"
    if groups:
        pred.network_of, pred.summaries = members, groups
    else:
        pred.missing["networks"] = "no network groups in the workspace (link/assess stage not run or not built)"
    try:
        from vigil.signals.platforms import assess_platforms

        pred.platforms = assess_platforms(store)
    except (ImportError, AttributeError) as exc:
        pred.missing["platforms"] = f"platform assessment not available ({exc})"
    return pred
