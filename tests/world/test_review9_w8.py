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


def test_most_careful_recruiter_networks_give_a_destination_number_somewhere(big: list[Row]) -> None:
    """N2's cause: the coordinator was drawn once per network (0.35), so a world's few careful networks had none."""
    nets: dict[str, list[bool]] = {}
    for tp, post in big:
        if _kind(tp) == "recruiter*" and _HOME.get(post["language"]) not in (None, post["country"]):
            phones = [i["value"] for i in tp["identifiers"] if i["type"] == "phone"]
            if phones:
                region = phonenumbers.region_code_for_number(phonenumbers.parse(phones[0]))
                nets.setdefault(tp["network"], []).append(region == post["country"])
    nets = {n: v for n, v in nets.items() if len(v) >= 5}
    assert len(nets) >= 4 and sum(any(v) for v in nets.values()) / len(nets) >= 0.6, nets


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


# ---- N5: places and institutions fit the post's country ---------------------------------------------------------

# (lang, how the book may not name Great Britain: England is only part of it)
GB_NAMES = [("de", "England"), ("es", "Inglaterra"), ("fr", "Angleterre"), ("hu", "Angli"), ("it", "Inghilterra"),
            ("nl", "Engeland"), ("pl", "Angli"), ("pt", "Inglaterra"), ("ro", "Anglia"), ("ru", "Англи"), ("uk", "Англі")]


@pytest.mark.parametrize(("lang", "england"), GB_NAMES)
def test_work_in_britain_is_not_called_england(lang: str, england: str) -> None:
    """'Trabajo de temporada en Inglaterra' for Belfast, 'MUNKA Angliaban' for Glasgow (todo-anuncios/90, hirdetes-pont/6)."""
    assert england not in _raw(lang)["dest"]["GB"], _raw(lang)["dest"]["GB"]


# (pattern of a national institution or place, the countries it belongs to, why)
INSTITUTIONS = [
    (r"(?i)PESEL|\bmeldun|zameld", {"PL"}, "Polish registration on London rooms (pinboard-uk/6 'meldunek i PESEL')"),
    (r"(?i)Anmeld", {"DE", "AT"}, "the German Anmeldung is Germany's and Austria's"),
    (r"(?i)empadron", {"ES"}, "the padrón is Spain's"),
    (r"(?i)nach Deutschland", {"DE", "PL"}, "a ride from Graz or Feldkirch went 'nach Deutschland' (markt-allerlei/138)"),
]


@pytest.mark.parametrize(("pattern", "countries", "why"), INSTITUTIONS)
def test_institutions_and_places_belong_to_the_posts_country(big: list[Row], pattern: str, countries: set[str],
                                                             why: str) -> None:
    wrong = [(post["country"], post["text"][:100]) for tp, post in big
             if tp["category"] in ("housing", "transport") and post["country"] not in countries
             and re.search(pattern, post["title"] + " " + post["text"])]
    assert not wrong, (why, wrong[:3])


# ---- N6: job-ad grammar and the language not needed ----------------------------------------------------------

# (lang, unit, a phrase that must not be in any variant, why)
JOB_LINES = [
    ("es", "job.nolang", "español", "'No hace falta español' for Spaniards going to Hamburg: the destination's language"),
    ("it", "job.nolang", "italiano", "the same latent flaw for Italians abroad"),
    ("fr", "job.nolang", "Français", "the same latent flaw"),
    ("nl", "job.nolang", "Nederlands", "the same latent flaw"),
    ("de", "job.nolang", "Deutsch", "the same latent flaw"),
    ("en", "job.nolang", "English", "'No English needed' on an English ad for work in Germany"),
    ("ru", "job.title.fraud", "за границей - {dest}", "'Работа за границей - Германии': a locative without a preposition"),
    ("uk", "job.title.fraud", "за кордоном - {dest}", "'Робота за кордоном - Німеччині'"),
    ("it", "job.open.legit", "affidabile per {role}", "'personale affidabile per ragazza immagine bar'"),
    ("nl", "job.open.legit", "medewerkers voor {role}", "'zoekt betrouwbare medewerkers voor barhostess' (koopjeshoek/83)"),
    ("pt", "job.open.legit", "mulheres para {role}", "'Procuramos homens e mulheres para hostess de bar' (classificados-pt/5)"),
    ("ro", "job.open.legit", "bărbați pentru {role}", "'Angajăm femei și bărbați pentru hostess bar'"),
    ("ro", "job.open.legit", "recrutează pentru {role}", "'beststaff S.R.L. … recrutează pentru hostess bar'"),
    ("ro", "job.open.fraud", "oameni pentru {role}", "'Avem nevoie de oameni pentru hostess bar în Italia'"),
    ("nl", "job.open.fraud", "mensen nodig voor {role}", "'Wij hebben mensen nodig voor barhostess in Duitsland'"),
    ("pt", "job.open.fraud", "pessoas para {role}", "'precisamos de pessoas para hostess de bar na Espanha'"),
    ("it", "job.open.fraud", "persone per {role}", "'Cerchiamo persone per ragazza immagine bar'"),
]


@pytest.mark.parametrize(("lang", "unit", "phrase", "why"), JOB_LINES)
def test_job_lines_read_right_wherever_the_job_is(lang: str, unit: str, phrase: str, why: str) -> None:
    variants = [t for fam in ("a", "b") for t in _raw(lang)["units"][unit][fam]]
    assert not [t for t in variants if phrase in t], why


# (lang, job, a person noun that cannot follow 'help/people for', why)
ACTIVITY_ROLES = [
    ("it", "warehouse", "magazziniere", "'Azienda familiare cerca aiuto per magazziniere' (annunci-ovunque/25)"),
    ("it", "care", "badante", "'cerca aiuto per badante'"),
    ("pt", "care", "cuidadora", "'procuramos pessoas para cuidadora de idosos' (classificados-pt/47)"),
    ("pt", "warehouse", "operador", "'procura ajuda para operador de armazém'"),
    ("es", "warehouse", "mozo", "'busca ayuda para mozo de almacén'"),
    ("de", "hotel", "Küchenhilfe", "'Familienbetrieb sucht Hilfe für Küchenhilfe'"),
]


@pytest.mark.parametrize(("lang", "job", "person", "why"), ACTIVITY_ROLES)
def test_a_jobs_role_is_the_work_not_the_worker(lang: str, job: str, person: str, why: str) -> None:
    assert person not in _raw(lang)["roles"][job], why


# ---- N10: landlords' hard negatives are more than refugee hosts, and describe the room ----------------------------


def _landlords_hard(rows: list[Row]) -> list[dict[str, Any]]:
    return [tp for tp, _ in rows if tp["role"] == "landlord" and tp["hard"]]


# (check over the landlords' hard negatives, lowest, highest, why)
LANDLORD_HARD = [
    ("count", 20, 10**6, "11 hard negatives in a small world are too thin a class"),
    ("refugee", 0.0, 0.7, "all 11 carried the refugee line, so the line made a landlord hard"),
    ("informal", 0.25, 1.0, "an ordinary sublet or cash rent without a contract, in a women-only flat-share"),
    ("room", 1.0, 1.0, "markt-allerlei/133 had three help lines and no room"),
]


@pytest.mark.parametrize(("check", "low", "high", "why"), LANDLORD_HARD)
def test_landlords_hard_negatives_are_ordinary_landlords_too(rows: list[Row], big: list[Row], check: str, low: float,
                                                              high: float, why: str) -> None:
    hard = _landlords_hard(big if check == "room" else rows)  # a missing room is rare: read the large world for it
    share = {
        "count": len(hard),
        "refugee": sum("refugee_welcome" in tp["indicators"] for tp in hard) / max(1, len(hard)),
        "informal": sum("no_documents" in tp["indicators"] and "refugee_welcome" not in tp["indicators"]
                        for tp in hard) / max(1, len(hard)),
        "room": sum(any(".hou.room." in f for f in tp["families"]) for tp in hard) / max(1, len(hard)),
    }[check]
    assert low <= share <= high, (why, share, len(hard))


def test_the_sublet_or_cash_rent_line_is_on_careful_room_lures_too(big: list[Row]) -> None:
    """N10: a line only landlord* carry would name them; a careful lure poses as an ordinary sublet as often."""
    lures = [tp for tp, _ in big if tp["role"] == "housing_exploiter" and tp["hard"]]
    share = sum("no_documents" in tp["indicators"] for tp in lures) / max(1, len(lures))
    informal = sum(any(".hou.informal." in f for f in tp["families"]) for tp in lures)
    assert len(lures) >= 30 and share >= 0.2 and informal > 0, (share, informal, len(lures))
