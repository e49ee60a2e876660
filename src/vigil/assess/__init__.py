"""The assess stage: from networks to leads (dossier, classification, controllers, victims).

A group stage: for each cluster or network the link stage (re)wrote, it builds the summary an
investigator reads. For clusters: the shared template and the slots that vary (InfoShield-style).
For networks: the dossier (posts, sources, identifiers, persons, cities, movement timeline and
circuits, languages, categories, risk), a T-Net-style classification with reasons, suspected
controllers and potential victims. Pure: it sees only what the runner hands it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, ClassVar

from vigil.assess import classify as cl
from vigil.assess.persons import city_of, find_persons, timeline
from vigil.link.template import extract_template
from vigil.model import Group, GroupKind
from vigil.pipeline.stage import GroupContext

MAX_TIMELINE = 500


def cluster_summary(group: Group, ctx: GroupContext) -> Group:
    posts = [ctx.posts[p] for p in group.post_ids if p in ctx.posts]
    tpl = extract_template([f"{p.title}\n{p.text}".strip() for p in posts])
    summary = {**group.summary, "size": len(posts), "template": tpl["template"], "coverage": tpl["coverage"],
               "slots": dict(zip([p.id for p in posts], tpl["slots"], strict=False))}  # fmt: skip
    return Group(group.id, group.kind, group.post_ids, "cluster", float(tpl["coverage"]), summary)


def network_summary(group: Group, ctx: GroupContext) -> Group:
    posts = sorted((ctx.posts[p] for p in group.post_ids if p in ctx.posts), key=lambda p: p.id)
    ents = {p.id: list(ctx.entities.get(p.id, ())) for p in posts}
    cluster_of: dict[str, str] = dict(group.summary.get("cluster_of", {}))
    persons = find_persons(posts, ents, cluster_of, group.summary.get("images_of", {}))
    cities_of = {p.id: city_of(p, ents[p.id]) for p in posts}
    events, circuits = timeline(posts, ents, persons)
    contacts = len({(e.type, e.value) for p in posts for e in ents[p.id] if e.type in ("phone", "email", "handle", "wallet")})
    f = cl.features(posts, ctx.signals, ctx.scores, persons, [c for c in cities_of.values() if c], contacts)
    label, reasons, score = cl.classify(f)
    ctrl = cl.controllers(posts, ents, ctx.signals, persons, cities_of, cl.RISKY[label])
    hubs = {(h["type"], h["value"]) for h in group.summary.get("hubs", [])}
    ctrl = [c for c in ctrl if (c["type"], c["value"]) not in hubs]
    identifiers: Counter[tuple[str, str]] = Counter()
    for p in posts:
        for e in {(e.type, e.value) for e in ents[p.id] if e.type in cl.CONTACT_TYPES and e.field != "url"}:
            identifiers[e] += 1
    dates = sorted(e["date"] for e in events)
    summary: dict[str, Any] = {
        "size": len(posts),
        "classification": label,
        "reasons": reasons,
        "features": f,
        "controllers": ctrl[:20],
        "persons": persons,
        "victims": cl.victims(persons, ctx.signals, label),
        "identifiers": [{"type": k, "value": v, "posts": n, "hub": (k, v) in hubs}
                        for (k, v), n in identifiers.most_common(50)],
        "hubs": group.summary.get("hubs", []),
        "sources": dict(Counter(p.source_id for p in posts).most_common()),
        "languages": dict(Counter(p.language or "unknown" for p in posts).most_common()),
        "categories": f["categories"],
        "risk": f["risk"],
        "cities": dict(Counter(c for c in cities_of.values() if c).most_common()),
        "timeline": events[:MAX_TIMELINE],
        "circuits": circuits,
        "first_seen": dates[0] if dates else None,
        "last_seen": dates[-1] if dates else None,
        "clusters": sorted(set(cluster_of.values())),
    }
    if group.summary.get("style"):  # writing-style support link found between parts of the network
        summary["style"] = group.summary["style"]
    return Group(group.id, group.kind, group.post_ids, label, round(score, 4), summary)


class AssessStage:
    """Group stage: fills the summary of every group the link stage (re)wrote."""

    name: ClassVar[str] = "assess"
    built: ClassVar[bool] = True
    needs: ClassVar[tuple[str, ...]] = ("entities", "signals", "scores")

    def assess(self, groups: Sequence[Group], context: GroupContext) -> list[Group]:
        out = []
        for g in groups:
            if g.kind == GroupKind.CLUSTER.value:
                out.append(cluster_summary(g, context))
            else:
                out.append(network_summary(g, context))
        return out


__all__ = ["AssessStage", "cluster_summary", "network_summary"]
