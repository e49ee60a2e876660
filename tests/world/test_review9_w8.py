"""Review 9's findings N1, N2, N5, N6, N8 and N10 (W8's share) as tables of cases, each checked where it can fail:
on the phrasebook, on the plan, or on one generated world (seed 15 small, shared with test_review8)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import phonenumbers
import pytest

from vigil.world.compose import _PAY_CASH, CAREFUL_JOB
from vigil.world.phrasebook import LANGUAGES, _raw

Row = tuple[dict[str, Any], dict[str, Any]]
# a mailbox built from a company's name keeps its legal form ('eurofarmspzoo.jobs@', 'hr-nordhotelgmbh@')
_LEGAL = re.compile(r"(spzoo|ltd|gmbh|sl|srl|kft|lda|bv|sarl|sa|nv|llc|sro|ag)(?:$|[.\-_])")
_HOME = {"pl": "PL", "ro": "RO", "hu": "HU", "es": "ES", "pt": "PT", "uk": "UA", "ru": "UA"}


@pytest.fixture(scope="module")
def rows(world_rows: Callable[..., list[Row]]) -> list[Row]:
    return world_rows(15, 2000)


@pytest.fixture(scope="module")
def big(world_rows: Callable[..., list[Row]]) -> list[Row]:
    """The seed-7 8,000-post world test_balance reads: enough careful recruiter networks to count shares."""
    return world_rows(7, 8000)


def _kind(tp: dict[str, Any]) -> str:
    return tp["role"] + ("*" if tp["hard"] else "")


def _mailboxes(rows: list[Row], roles: tuple[str, ...]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {r: [] for r in roles}
    for tp, _ in rows:
        if tp["role"] in roles:
            out[tp["role"]] += [i["value"].split("@")[0] for i in tp["identifiers"] if i["type"] == "email"]
    return out


# ---- N1: the mailbox's shape named the class ------------------------------------------------------------------

# (role, shape, lowest share of its e-mail addresses in that shape, why)
MAILBOX_SHAPES = [
    ("recruiter", "company", 0.3, "careful networks and half the loud ones write from their brand's mailbox: 0/29 were"),
    ("recruiter", "personal", 0.1, "the other loud ones keep a personal handle"),
    ("employer", "personal", 0.1, "a quarter of small firms answer from the owner's own mailbox: 0/95 did"),
    ("employer", "company", 0.5, "most firms still write from the company's mailbox"),
]


@pytest.mark.parametrize(("role", "shape", "low", "why"), MAILBOX_SHAPES)
def test_the_mailbox_shape_is_shared_by_recruiters_and_employers(rows: list[Row], role: str, shape: str, low: float,
                                                                 why: str) -> None:
    boxes = _mailboxes(rows, ("recruiter", "employer"))[role]
    company = sum(bool(_LEGAL.search(b)) for b in boxes)
    share = (company if shape == "company" else len(boxes) - company) / max(1, len(boxes))
    assert len(boxes) >= 10 and share >= low, (why, share, len(boxes))


# ---- N2: a destination coordinator's phone on both sides of job-abroad ads --------------------------------------


def _dest_phone_share(rows: list[Row], kind: str) -> tuple[float, int]:
    """Of the home-language ads for work abroad with a phone, how many give a number of the job's country."""
    hits = n = 0
    for tp, post in rows:
        if _kind(tp) != kind or _HOME.get(post["language"]) in (None, post["country"]):
            continue
        phones = [i["value"] for i in tp["identifiers"] if i["type"] == "phone"]
        if phones:
            n += 1
            hits += phonenumbers.region_code_for_number(phonenumbers.parse(phones[0])) == post["country"]
    return hits / max(1, n), n


# (kind, why)
DEST_PHONE = [
    ("recruiter*", "careful recruiters had 0/18: a destination number meant 'benign'"),
    ("employer*", "licensed agencies abroad had 18/60; drawn once per agency it swung with the few agencies"),
]


@pytest.mark.parametrize(("kind", "why"), DEST_PHONE)
def test_a_destination_phone_is_on_about_three_in_ten_abroad_ads_of_both_classes(big: list[Row], kind: str,
                                                                                 why: str) -> None:
    share, n = _dest_phone_share(big, kind)
    assert n >= 10 and 0.12 <= share <= 0.5, (why, share, n)


# ---- N8: no cash in hand inside a licensed agency's frame -------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_careful_slot_skips_every_cash_wage_line(lang: str) -> None:
    """'Oferta EURES … kasa do ręki' (praca-teraz/18): the cash lines of job.salary.high are the careful skips."""
    unit = _raw(lang)["units"]["job.salary.high"]
    cash = {(fam, k) for fam in ("a", "b") for k, text in enumerate(unit.get(fam, [])) if _PAY_CASH.search(text)}
    assert cash and cash <= CAREFUL_JOB["job.salary.high"], (lang, cash)


def test_no_careful_recruiter_ad_pays_cash(rows: list[Row]) -> None:
    careful = [post for tp, post in rows if tp["role"] == "recruiter" and any(".job.title.abroad." in f for f in tp["families"])]
    cash = [post["text"][:120] for post in careful if _PAY_CASH.search(post["text"])]
    assert len(careful) >= 10 and not cash, cash
