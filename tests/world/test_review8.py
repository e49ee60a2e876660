"""Review 8's top findings (P1, P2, P9) as tables of cases, each checked where it can fail: on the plan, on the
phrasebook, or on one generated world (seed 15 small, as the reviewer read it)."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import phonenumbers
import pytest

from vigil.world.behaviour import HOU_CUES, housing_exploit_plan
from vigil.world.compose import CAREFUL_JOB
from vigil.world.phrasebook import LANGUAGES, _raw

Row = tuple[dict[str, Any], dict[str, Any]]
CUE_UNITS = {"hou.mother", "hou.refugee", "hou.informal", *(u for u, _, _ in HOU_CUES)}  # informal: review 9, N10


@pytest.fixture(scope="module")
def rows(world_rows: Callable[..., list[Row]]) -> list[Row]:
    return world_rows(15, 2000)


def _has_unit(tp: dict[str, Any], unit: str) -> bool:
    return any(f".{unit}." in f for f in tp["families"])


# ---- P1: the host's lines on both sides of room ads; careful lures are many ----------------------------------

def test_a_careful_room_lure_carries_one_line_often_a_hosts_own() -> None:
    """P1: the 'woman or mother with a child' and refugee lines were only on landlords; a careful lure shows one or
    two host lines (two in about a third: review 10, R2, where exactly one made the cue count a tell)."""
    rng = random.Random(8)
    units = [[m[0] for m in housing_exploit_plan(rng, careful=True)["middle"] if m[0] in CUE_UNITS and m[2] > 0]
             for _ in range(400)]
    assert all(1 <= len(u) <= 2 for u in units), "a careful lure carries one or two host lines (it is a hard positive)"
    share = {unit: sum(unit in u for u in units) / len(units) for unit in ("hou.mother", "hou.refugee")}
    assert all(0.2 <= s <= 0.6 for s in share.values()), share


# (unit, why it must be on harmful and on benign room ads)
SHARED_LINES = [
    ("hou.mother", "'Ideal für eine Frau, gern auch mit Kind' is what abusers posted in 2022; landlord-only was a tell"),
    ("hou.refugee", "a welcome to Ukrainians on landlords only named the hard negatives"),
]


@pytest.mark.parametrize(("unit", "why"), SHARED_LINES)
def test_host_lines_appear_on_both_sides_of_room_ads(rows: list[Row], unit: str, why: str) -> None:
    housing = [tp for tp, _ in rows if tp["category"] == "housing"]
    harmful = [tp for tp in housing if tp["role"] == "housing_exploiter" and tp["hard"]]
    benign = [tp for tp in housing if tp["role"] == "landlord"]
    h = sum(_has_unit(tp, unit) for tp in harmful) / max(1, len(harmful))
    b = sum(_has_unit(tp, unit) for tp in benign) / max(1, len(benign))
    assert h >= 0.15 and b > 0, (why, h, b)


def test_most_room_lures_are_hard(rows: list[Row]) -> None:
    """P1: hard room lures fell to 7 of 34 (review 7: 24 of 33); a thin hard case teaches nothing."""
    lures = [tp for tp, _ in rows if tp["role"] == "housing_exploiter"]
    assert len(lures) >= 20
    assert 0.5 <= sum(tp["hard"] for tp in lures) / len(lures) <= 0.85


# ---- P2: a destination phone is no class tell on job-abroad ads ----------------------------------------------

def _destination_phone_share(rows: list[Row], role: str) -> float:
    hits = n = 0
    for tp, p in rows:
        if tp["role"] != role or tp["category"] != "job":
            continue
        if role == "employer" and not _has_unit(tp, "job.title.abroad"):
            continue
        phones = [i["value"] for i in tp["identifiers"] if i["type"] == "phone"]
        if phones:
            n += 1
            hits += phonenumbers.region_code_for_number(phonenumbers.parse(phones[0])) == p["country"]
    return hits / max(1, n)


def test_licensed_agencies_give_a_destination_number_as_often_as_recruiters(rows: list[Row]) -> None:
    """P2: recruiter* local 7/12 against employer* 5/60: a +31 number on an abroad ad pointed to harm."""
    employer, recruiter = _destination_phone_share(rows, "employer"), _destination_phone_share(rows, "recruiter")
    assert 0.1 <= employer <= 0.4 and abs(employer - recruiter) <= 0.2, (employer, recruiter)


# ---- P4: no loud line inside a careful recruiter's licensed-agency frame -------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_family_keeps_a_soft_papers_line(lang: str) -> None:
    """The careful filter must leave a line in each family (else the composer falls back to all, loud ones included)."""
    book = _raw(lang)
    for fam in ("a", "b"):
        for unit, skip in CAREFUL_JOB.items():
            assert [k for k, _ in enumerate(book["units"][unit][fam]) if (fam, k) not in skip], (lang, unit, fam)


def _loud_papers(lang: str) -> list[str]:
    units = _raw(lang)["units"]["job.docs"]
    return [units[fam][k].lower().rstrip(".!") for fam, k in CAREFUL_JOB["job.docs"]]


# (what a careful recruiter's post must not carry, why)
CAREFUL_RECRUITER = [
    ("young_women_only", "'только девушки 18-30, приятная внешность' in a care-work agency ad is a lure in itself"),
    ("loud_papers", "'немає документів? не проблема' beside 'no fees, licensed' says the lure twice"),
]


@pytest.mark.parametrize(("what", "why"), CAREFUL_RECRUITER)
def test_careful_recruiters_keep_the_agency_frame(rows: list[Row], what: str, why: str) -> None:
    careful = [(tp, p) for tp, p in rows if tp["role"] == "recruiter" and _has_unit(tp, "job.open.abroad")]
    assert len(careful) >= 5
    if what == "young_women_only":
        bad = [p["id"] for tp, p in careful if _has_unit(tp, "job.women")]
    else:
        bad = [p["id"] for tp, p in careful
               if any(line in (p["title"] + " " + p["text"]).lower() for line in _loud_papers(tp["language"]))]
    assert not bad, (why, bad)
