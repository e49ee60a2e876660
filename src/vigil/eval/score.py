"""From truth and predictions to the evaluation report (a plain dict, JSON-ready). No I/O.

A post counts as flagged for a risk family when its calibrated risk reaches ``threshold``;
'linked to trafficking' is predicted for a post flagged in any family. Network recovery compares
the predicted network groups with the true actors (every post belongs to one actor: a trafficker
with all persons they advertise, an agency, a spammer, a single seller …).
"""

from __future__ import annotations

from typing import Any

from vigil.eval import metrics as m
from vigil.eval.truth import IDENT_TYPES, Truth, normalise
from vigil.eval.workspace import Predictions

CATEGORIES = ("escort", "massage", "job", "housing", "transport", "dating", "other")
FAMILIES = ("sexual", "labour", "housing")


def _na(why: str) -> dict[str, Any]:
    return {"available": False, "why": why}


def _posts(truth: Truth, pred: Predictions, threshold: float) -> dict[str, Any]:
    if pred.category is None or pred.risk is None:
        return _na(pred.missing.get("posts", "no scores"))
    cats = m.category_prf(pred.category, truth.category, CATEGORIES)
    flagged = {pid: {f: r.get(f, 0.0) >= threshold for f in FAMILIES} for pid, r in pred.risk.items()}
    fams = {f: m.binary_prf({p: v[f] for p, v in flagged.items()}, {p: bool(r.get(f)) for p, r in truth.risk.items()})
            for f in FAMILIES}  # fmt: skip
    linked = m.binary_prf({p: any(v.values()) for p, v in flagged.items()}, truth.linked)
    return {"available": True, "scored": len(pred.category), "posts": truth.posts, "threshold": threshold,
            "categories": {c: v.to_dict() for c, v in cats.items()}, "risk": {f: v.to_dict() for f, v in fams.items()},
            "linked": linked.to_dict()}  # fmt: skip


def _identifiers(truth: Truth, pred: Predictions) -> dict[str, Any]:
    if pred.identifiers is None:
        return _na(pred.missing.get("identifiers", "no entities"))
    out: dict[str, Any] = {"available": True, "all": m.set_prf(pred.identifiers, truth.identifiers).to_dict()}
    for typ in IDENT_TYPES:
        out[typ] = m.set_prf({x for x in pred.identifiers if x[1] == typ}, {x for x in truth.identifiers if x[1] == typ}).to_dict()
    hidden = truth.obfuscated
    out["obfuscated_recall"] = m.PRF(len(hidden & pred.identifiers), 0, len(hidden - pred.identifiers)).to_dict()["recall"]
    return out


def _networks(truth: Truth, pred: Predictions, k: int | None) -> dict[str, Any]:
    if pred.network_of is None:
        return _na(pred.missing.get("networks", "no network groups"))
    items = list(truth.actor)
    network_of = {p: g for p, g in pred.network_of.items() if p in truth.actor}
    pair = m.pairwise_prf(network_of, truth.actor, items)
    ari = m.adjusted_rand(network_of, truth.actor, items)
    traff = truth.trafficking_networks()
    kinds = {"phones": "phone", "handles": "handle", "emails": "email", "wallets": "wallet", "urls": "url"}
    relevant = {normalise(kind, v) for n in traff for c in n.get("controllers", []) for key, kind in kinds.items()
                for v in c.get(key, [])}  # fmt: skip
    ranked = sorted(((float(c.get("score", 0.0)), normalise(str(c.get("type", "")), str(c.get("value"))))
                     for s in pred.summaries.values() for c in s.get("controllers", []) if isinstance(c, dict)),
                    key=lambda x: -x[0])  # fmt: skip
    values = [v for _, v in ranked]
    kk = k or max(len(traff), 1)
    true_victims = sum(len(n.get("victims", [])) for n in traff if n.get("kind") == "sexual")
    linked_groups = _linked_groups(truth, network_of)
    persons_all = sum(len(s.get("persons", []) or []) for s in pred.summaries.values())
    persons_linked = sum(len(pred.summaries[g].get("persons", []) or []) for g in linked_groups)
    return {
        "available": True, "groups": len(pred.summaries), "true_networks": len(traff),
        "pairwise": pair.to_dict(), "ari": None if ari is None else round(ari, 4),
        "controllers": {"k": kk, "precision_at_k": _round(m.precision_at_k(values, relevant, kk)),
                        "precision_at_10": _round(m.precision_at_k(values, relevant, 10)), "ranked": len(set(values)),
                        "true": len(relevant)},
        "victims": {**m.count_match(persons_linked, true_victims), "predicted_all_groups": persons_all},
    }  # fmt: skip


def _linked_groups(truth: Truth, network_of: dict[str, str]) -> set[str]:
    """Predicted groups whose posts are mostly truly linked to trafficking."""
    tally: dict[str, list[int]] = {}
    for pid, g in network_of.items():
        t = tally.setdefault(g, [0, 0])
        t[0] += truth.linked.get(pid, False)
        t[1] += 1
    return {g for g, (a, n) in tally.items() if a * 2 > n}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _platforms(truth: Truth, pred: Predictions) -> dict[str, Any]:
    if pred.platforms is None:
        return _na(pred.missing.get("platforms", "no platform assessment"))
    true_pairs = {(p["source_id"], f) for p in truth.platforms for f in p.get("flags", [])}
    pred_pairs = {(p["source_id"], f) for p in pred.platforms for f in p.get("flags", [])}
    return {
        "available": True,
        "flags": m.set_prf(pred_pairs, true_pairs).to_dict(),
        "platforms": m.set_prf({s for s, _ in pred_pairs}, {s for s, _ in true_pairs}).to_dict(),
        "true_flagged": sorted({s for s, _ in true_pairs}), "predicted_flagged": sorted({s for s, _ in pred_pairs}),
    }  # fmt: skip


def evaluate(truth: Truth, pred: Predictions, threshold: float = 0.5, k: int | None = None) -> dict[str, Any]:
    """The whole report: posts, identifiers, networks, platforms (each may be 'not available')."""
    return {
        "truth": str(truth.path), "posts": truth.posts,
        "post_level": _posts(truth, pred, threshold),
        "identifiers": _identifiers(truth, pred),
        "networks": _networks(truth, pred, k),
        "platforms": _platforms(truth, pred),
    }  # fmt: skip
