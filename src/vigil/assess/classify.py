"""Network-level classification, suspected controllers and potential victims.

In the spirit of T-Net (Tong et al.'s network typing of escort-ad networks): what a network *is*
shows in its shape as much as in its words. Many persons under one contact moving between cities
with third-person language reads as trafficking; one person in her own words reads as an
independent worker; many persons at one fixed address under a business name reads as an agency or
parlour; one template pasted into many cities with no person behind it reads as spam or a scam;
job offers with travel paid and documents 'arranged' read as fraudulent recruitment. Every label
carries its reasons; every rank is a lead for an investigator, never a finding about a person.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from vigil.link.identifiers import handle_value
from vigil.model import Entity, Post, Score, Signal

LIKELY_TRAFFICKING = "likely trafficking"
INDEPENDENT = "independent"
AGENCY = "agency/parlour"
SPAM = "spam/scam"
RECRUITMENT = "fraudulent recruitment"
BENIGN = "benign"

RISKY = {LIKELY_TRAFFICKING: 1.0, RECRUITMENT: 0.9, AGENCY: 0.45, SPAM: 0.3, INDEPENDENT: 0.25, BENIGN: 0.1}
CONTACT_TYPES = ("phone", "email", "handle", "wallet", "url", "author")
SEXUAL = {"escort", "massage", "sexual", "dating"}
LABOUR = {"job", "recruitment", "labour"}
HOUSING = {"housing", "transport"}


def cue(signal: Signal) -> str:
    """An indicator's language-independent name: 'de.sex.third_person' -> 'sex.third_person'."""
    return signal.indicator.split(".", 1)[1] if "." in signal.indicator else signal.indicator


def _share(posts: Sequence[Post], signals: Mapping[str, Sequence[Signal]], *names: str) -> float:
    if not posts:
        return 0.0
    hit = sum(1 for p in posts if any(cue(s).endswith(names) for s in signals.get(p.id, ())))
    return hit / len(posts)


def features(posts: Sequence[Post], signals: Mapping[str, Sequence[Signal]], scores: Mapping[str, Score],
             persons: Sequence[dict[str, Any]], cities: Sequence[str], contacts: int = 1) -> dict[str, Any]:  # fmt: skip
    cats = Counter(scores[p.id].category for p in posts if p.id in scores)
    risk: dict[str, float] = defaultdict(float)
    for p in posts:
        for fam, v in (scores[p.id].risk if p.id in scores else {}).items():
            risk[fam] = max(risk[fam], float(v))
    return {
        "posts": len(posts), "persons": len(persons), "cities": len(set(cities)), "contacts": contacts,
        "sources": len({p.source_id for p in posts}), "categories": dict(cats), "risk": dict(risk),
        "third_person": _share(posts, signals, "third_person", "multiple_persons"),
        "youth": _share(posts, signals, "youth", "minors"),
        "vulnerable": _share(posts, signals, "refugees", "undocumented", "ethnicity"),
        "new_in_town": _share(posts, signals, "new_in_town"),
        "recruitment": _share(posts, signals, "abroad_paid", "documents_arranged", "fees", "high_pay", "no_experience"),
        "housing": _share(posts, signals, "free_for_help", "free_transport", "no_questions"),
    }  # fmt: skip


def classify(f: Mapping[str, Any]) -> tuple[str, list[str], float]:
    """(label, reasons, score 0..1) for a network's features."""
    cats: Counter[str] = Counter(f["categories"])
    total = sum(cats.values())
    sexual = sum(v for k, v in cats.items() if k in SEXUAL) / total if total else 0.0
    labour = sum(v for k, v in cats.items() if k in LABOUR) / total if total else 0.0
    housing = sum(v for k, v in cats.items() if k in HOUSING) / total if total else 0.0
    risk = f["risk"]
    reasons: list[str] = []
    persons, cities = f["persons"], f["cities"]
    if persons >= 2:
        reasons.append(f"{persons} distinct advertised persons behind shared contacts")
    if cities >= 2:
        reasons.append(f"advertised in {cities} cities")
    if f["third_person"] >= 0.2:
        reasons.append(f"third-person or 'we' language in {f['third_person']:.0%} of posts")
    if f["youth"] > 0:
        reasons.append(f"youth cues in {f['youth']:.0%} of posts")
    if f["vulnerable"] > 0:
        reasons.append(f"nationality/refugee/undocumented cues in {f['vulnerable']:.0%} of posts")
    top_risk = max(risk.values(), default=0.0)
    if (labour >= 0.5 or f["recruitment"] >= 0.3) and (risk.get("labour", 0.0) >= 0.5 or f["recruitment"] >= 0.3):
        return RECRUITMENT, [*reasons, "job offers with recruitment-fraud cues (travel/documents/fees/high pay)"], \
            max(0.6, risk.get("labour", 0.0))
    if housing >= 0.5 and (risk.get("housing", 0.0) >= 0.5 or f["housing"] >= 0.3):
        return LIKELY_TRAFFICKING, [*reasons, "housing or transport offers with exploitation cues"], \
            max(0.6, risk.get("housing", 0.0))
    # sexual services by risk, not by category alone: a category model calls many sales ads 'escort'
    sex_like = risk.get("sexual", 0.0) >= 0.5 or (not risk and (sexual >= 0.5 or not total))
    cues = f["third_person"] + f["youth"] + f["vulnerable"] + 0.5 * f["new_in_town"]
    adult = sum(v for k, v in cats.items() if k in ("escort", "massage")) / total if total else 0.0
    if ((sex_like and persons >= 2) or (adult >= 0.8 and persons >= 3)) and cities <= 1:
        return AGENCY, [*reasons, "several persons at one fixed location: a studio, parlour or agency"], \
            min(0.6, 0.35 + 0.1 * cues)
    control = f.get("contacts", 1) >= 2 or f["third_person"] >= 0.2 or f["youth"] >= 0.2
    if sex_like and cities >= 2 and persons >= 2 and control:
        why = "persons moved between cities under shared, rotating contacts or in third-person language"
        return LIKELY_TRAFFICKING, [*reasons, why] + ([] if total else ["(no category scores: structure only)"]), \
            min(1.0, 0.5 + 0.08 * min(persons, 4) + 0.04 * min(cities, 4) + 0.1 * min(cues, 1.0)
                + 0.15 * risk.get("sexual", 0.0))
    if f["posts"] >= 5 and cities >= 5 and persons == 0:
        return SPAM, [*reasons, f"one template in {cities} cities with no person behind it"], 0.3
    if sex_like and (persons <= 1 or not control):
        return INDEPENDENT, [*reasons, "one person advertising, without signs of control"], 0.2 + 0.2 * top_risk
    return BENIGN, [*reasons, "no category or structure that points to exploitation"], 0.1 * top_risk


def merge_variants(by_ident: dict[tuple[str, str], set[str]],
                   explicit: set[tuple[str, str]] | None = None) -> dict[tuple[str, str], set[str]]:  # fmt: skip
    """Fold misread variants into the identifier they come from, so one contact ranks once.

    Two phones with the same last nine digits (a country code read wrongly) and a handle that is
    a strict prefix of a longer one on the same platform (cut off by the text) are one contact;
    the variant written with its country code (``explicit``), else the one seen in most posts,
    names it.
    """
    explicit = explicit or set()
    keys = sorted(by_ident, key=lambda k: (k not in explicit, -len(by_ident[k]), k))
    canon: dict[tuple[str, str], tuple[str, str]] = {}
    tails: dict[str, tuple[str, str]] = {}
    for k in keys:
        kind, value = k
        if kind == "phone":
            digits = "".join(ch for ch in value if ch.isdigit())
            target = tails.setdefault(digits[-9:], k) if len(digits) >= 9 else k
        elif kind == "handle":
            plat, _, name = value.partition(":")
            longer = [o for o in keys if o[0] == "handle" and o != k and o[1].startswith(f"{plat}:{name}")
                      and len(o[1]) > len(value) and len(name) >= 3]  # fmt: skip
            target = longer[0] if longer else k
        else:
            target = k
        canon[k] = canon.get(target, target)
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for k, pids in by_ident.items():
        out[canon[k]].update(pids)
    return dict(out)


def controllers(posts: Sequence[Post], entities: Mapping[str, Sequence[Entity]],
                signals: Mapping[str, Sequence[Signal]], persons: Sequence[dict[str, Any]],
                city_of: Mapping[str, str | None], weight: float) -> list[dict[str, Any]]:  # fmt: skip
    """Identifiers ranked by how many persons, cities and platforms they connect (times the network's weight)."""
    person_of: dict[str, set[str]] = defaultdict(set)
    for x in persons:
        for pid in x["posts"]:
            person_of[pid].add(x["id"])
    by_ident: dict[tuple[str, str], set[str]] = defaultdict(set)
    for p in posts:
        for e in entities.get(p.id, ()):
            if e.type in CONTACT_TYPES and e.value and not (e.type == "url" and e.field == "url"):
                by_ident[(e.type, handle_value(e) if e.type == "handle" else e.value)].add(p.id)
    explicit = {(e.type, e.value) for p in posts for e in entities.get(p.id, ())
                if e.type == "phone" and (e.raw or "").lstrip().startswith(("+", "00"))}  # fmt: skip
    by_ident = merge_variants(by_ident, explicit)
    src = {p.id: p.source_id for p in posts}
    third = {p.id for p in posts if any(cue(s).endswith(("third_person", "multiple_persons")) for s in signals.get(p.id, ()))}
    out = []
    for (kind, value), pids in by_ident.items():
        connected = sorted(set().union(*(person_of[p] for p in pids)))
        n_persons = len(connected)
        n_cities = len({c for p in pids if (c := city_of.get(p))})
        n_sources = len({src[p] for p in pids})
        third_share = len(pids & third) / len(pids)
        raw = 1.0 * min(n_persons, 6) + 0.5 * min(n_cities, 6) + 0.5 * min(n_sources, 4) + 1.0 * third_share \
            + 0.1 * min(len(pids), 20) ** 0.5  # fmt: skip
        reasons = [f"{n_persons} persons", f"{n_cities} cities", f"{n_sources} platforms", f"{len(pids)} posts"]
        if third_share:
            reasons.append(f"third-person language in {third_share:.0%} of its posts")
        out.append({"value": value, "type": kind, "score": round(weight * raw / 10.0, 4), "reasons": reasons,
                    "persons": n_persons, "cities": n_cities, "platforms": n_sources, "posts": len(pids),
                    "person_ids": connected})  # fmt: skip
    return sorted(out, key=lambda d: (-d["score"], d["type"], d["value"]))


def victims(persons: Sequence[dict[str, Any]], signals: Mapping[str, Sequence[Signal]], label: str) -> list[dict[str, Any]]:
    """Persons of a risky network with their vulnerability cues (text evidence quoted)."""
    if label not in (LIKELY_TRAFFICKING, RECRUITMENT):
        return []
    out = []
    for x in persons:
        cues: dict[str, list[str]] = defaultdict(list)
        for pid in x["posts"]:
            for s in signals.get(pid, ()):
                c = cue(s)
                for name, keys in (("nationality", ("ethnicity",)), ("youth", ("youth", "minors")),
                                   ("refugee", ("refugees", "undocumented")), ("new in town", ("new_in_town",))):
                    if c.endswith(keys) and s.text not in cues[name]:
                        cues[name].append(s.text)
        if any(a <= 19 for a in x["ages"]):
            cues["youth"].append(f"age {min(x['ages'])} advertised")
        out.append({"person": x["id"], "names": x["names"], "ages": x["ages"], "cities": x["cities"],
                    "posts": len(x["posts"]), "cues": {k: v[:5] for k, v in cues.items()}})  # fmt: skip
    return out
