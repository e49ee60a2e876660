"""Platform assessment: which sources likely offer sexual services or are used for recruitment.

Built from the signal stage's scores in the store. Per source: volume, share of posts by
category and by risk band, a weekly trend, flags and the posts that justify each flag (with
their reasons), so that a ranking of platforms can be checked post by post. A flag is a lead.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select

from vigil.model import PlatformKind
from vigil.signals.model import CATEGORIES, RISKS
from vigil.store import Store
from vigil.store import schema as t

HIGH, MEDIUM = 0.7, 0.4  # risk bands: high >= 0.7 > medium >= 0.4 > low
FLAG_RISK = 0.5  # a post counts as likely risky from this calibrated risk on
MIN_SHARE = 0.05  # flag a platform when about one post in twenty is likely risky ...
MIN_POSTS = 2  # ... and never on a single post
TOP_POSTS = 5

FLAGS = {
    # flag: (risk family, categories that make the flag plausible on their own, platform kinds that do)
    "sexual_services": ("sexual", ("escort", "massage"), (PlatformKind.ESCORT_DIRECTORY.value,)),
    "recruitment": ("labour", ("job",), (PlatformKind.JOB_BOARD.value,)),
    "housing_transport": ("housing", ("housing", "transport"), ()),
}


def _band(p: float) -> str:
    return "high" if p >= HIGH else "medium" if p >= MEDIUM else "low"


def _week(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    y, w, _ = dt.isocalendar()
    return f"{y}-W{w:02d}"


def _rows(store: Store) -> list[dict[str, Any]]:
    s, p = t.scores, t.posts
    q = select(p.c.id, p.c.source_id, p.c.title, p.c.url, p.c.posted_at, p.c.captured_at, p.c.first_seen_at,
               s.c.category, s.c.risk).select_from(p.outerjoin(s, s.c.post_id == p.c.id))  # fmt: skip
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def assess_platforms(store: Store, min_posts: int = MIN_POSTS, min_share: float = MIN_SHARE) -> list[dict[str, Any]]:
    """One record per source, ranked: flagged sources first, by their strongest flag score.

    Each record: ``source_id``, ``name``, ``kind``, ``volume``, ``scored``, ``categories`` (share),
    ``risk_bands`` (family -> band -> share), ``trend`` (week -> posts, high-risk posts),
    ``expected_share`` (flag -> mean calibrated risk: the expected share of risky posts),
    ``scores`` (flag -> 0..1), ``flags`` (list), ``evidence`` (flag -> top posts with reasons).
    A flag needs an expected share of at least ``min_share`` and ``min_posts`` posts at risk >= 0.5.
    """
    sources = {src.id: src for src in store.sources()}
    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in _rows(store):
        by_source[r["source_id"]].append(r)
    out = [_assess(sid, rows, sources.get(sid), min_posts, min_share) for sid, rows in by_source.items()]
    ids = [e["id"] for rec in out for posts in rec["evidence"].values() for e in posts]
    reasons = store.signals_for(ids) if ids else {}
    for rec in out:
        for posts in rec["evidence"].values():
            for e in posts:
                top = sorted(reasons.get(e["id"], []), key=lambda x: -x.weight)[:4]
                e["reasons"] = [{"indicator": x.indicator, "family": x.family, "text": x.text, "weight": x.weight}
                                for x in top]  # fmt: skip
    out.sort(key=lambda r: (-len(r["flags"]), -max(r["scores"].values(), default=0.0), r["source_id"]))
    return out


def _assess(sid: str, rows: Sequence[dict[str, Any]], src: Any, min_posts: int, min_share: float) -> dict[str, Any]:
    scored = [r for r in rows if r["category"] is not None]
    n = len(scored)
    cats = Counter(r["category"] for r in scored)
    bands = {f: Counter(_band(float((r["risk"] or {}).get(f, 0.0))) for r in scored) for f in RISKS}
    trend: dict[str, dict[str, int]] = defaultdict(lambda: {"posts": 0, "high_risk": 0})
    for r in rows:
        wk = _week(r["posted_at"] or r["captured_at"] or r["first_seen_at"])
        if wk:
            trend[wk]["posts"] += 1
            risk = r["risk"] or {}
            trend[wk]["high_risk"] += int(max(risk.values(), default=0.0) >= HIGH)
    kind = getattr(src, "kind", None)
    scores, expected, flags, evidence = {}, {}, [], {}
    for flag, (fam, flag_cats, kinds) in FLAGS.items():
        risks = [float((r["risk"] or {}).get(fam, 0.0)) for r in scored]
        risky = sorted((r for r in scored if float((r["risk"] or {}).get(fam, 0.0)) >= FLAG_RISK),
                       key=lambda r: -float(r["risk"][fam]))  # fmt: skip
        cat_share = sum(cats[c] for c in flag_cats) / n if n else 0.0
        expected[flag] = round(sum(risks) / n, 4) if n else 0.0
        scores[flag] = round(min(1.0, 0.25 * cat_share + 0.75 * min(1.0, 4 * expected[flag])
                                 + (0.05 if kind in kinds else 0.0)), 4)  # fmt: skip
        if expected[flag] >= min_share and len(risky) >= min_posts:
            flags.append(flag)
            evidence[flag] = [
                {"id": r["id"], "title": r["title"], "url": r["url"], "category": r["category"],
                 "risk": round(float(r["risk"][fam]), 4)}
                for r in risky[:TOP_POSTS]
            ]  # fmt: skip
    return {
        "source_id": sid, "name": getattr(src, "name", sid), "kind": kind, "volume": len(rows), "scored": n,
        "categories": {c: round(cats[c] / n, 4) for c in CATEGORIES if cats[c]} if n else {},
        "risk_bands": {f: {b: round(bands[f][b] / n, 4) for b in ("high", "medium", "low")} for f in RISKS} if n else {},
        "trend": dict(sorted(trend.items())), "expected_share": expected, "scores": scores, "flags": flags,
        "evidence": evidence,
    }  # fmt: skip


def ranked(assessments: Sequence[dict[str, Any]], flag: str) -> list[dict[str, Any]]:
    """The sources carrying ``flag``, strongest first: 'likely offering sexual services' etc."""
    return sorted((a for a in assessments if flag in a["flags"]), key=lambda a: -a["scores"][flag])
