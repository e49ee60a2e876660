"""Review 7's top findings (R1-R4, R9) as tables of cases, each checked where it can fail: on the plan, on the
phrasebook, or on one generated world (seed 14, as the reviewer read it)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any

import phonenumbers
import pytest

from vigil.world.behaviour import housing_exploit_plan
from vigil.world.compose import _CONTRACT, LODGER, LURE_WELCOME, Composer, Idents, Style
from vigil.world.phrasebook import LANGUAGES, _raw, load

Row = tuple[dict[str, Any], dict[str, Any]]


@pytest.fixture(scope="module")
def rows(world_rows: Callable[..., list[Row]]) -> list[Row]:
    """Seed 15 small, which the review-8/9 files read: shared, not a second 2,000-post world (was seed 14)."""
    return world_rows(15, 2000)


def _text(p: dict[str, Any]) -> str:
    return p["title"] + "\n" + p["text"]


def _has_unit(tp: dict[str, Any], unit: str) -> bool:
    return any(f".{unit}." in f for f in tp["families"])


def _phone_region(tp: dict[str, Any]) -> str | None:
    phones = [i["value"] for i in tp["identifiers"] if i["type"] == "phone"]
    return phonenumbers.region_code_for_number(phonenumbers.parse(phones[0])) if phones else None


# ---- R1: room ads -------------------------------------------------------------------------------------------

def test_careful_room_lures_are_priced_and_described_as_landlords_rooms() -> None:
    """R1: careful lures were priced at 0.5-0.8 of the city's rent (under every landlord's) and never gave a size."""
    rng = random.Random(5)
    plans = [housing_exploit_plan(rng, careful=True) for _ in range(400)]
    assert all(0.9 <= p["rent_factor"] <= 1.1 for p in plans)
    assert all(any(u == "hou.room" and w >= 0.5 for u, _, w in p["middle"]) for p in plans)
    welcome = [p for p in plans if any(u == "hou.refugee" and w > 0 for u, _, w in p["middle"])]
    # review 8, P1: the welcome is now the careful lure's one line in about 3 of 10 (not a 0.3 extra in 7 of 10)
    assert len(welcome) > 80, "a lure may carry a host's welcome to Ukrainians too"
    assert not any(any(u == "hou.nodocs" for u, *_ in p["middle"]) for p in welcome), "'no registration' + 'I help register'"


def test_careful_room_lures_give_a_room_size_in_the_world(rows: list[Row]) -> None:
    careful = [tp for tp, _ in rows if tp["role"] == "housing_exploiter" and tp["hard"]]
    assert careful
    assert sum(_has_unit(tp, "hou.room") for tp in careful) / len(careful) >= 0.4  # was 0 of 24


# (language, a landlord's opener, dropped beside 'no contract, no papers'?, why)
OPENERS = [
    ("ru", "Ищу аккуратную соседку, некурящую, договор и залог.", True, "contract and deposit"),
    ("en", "Looking for a tidy flatmate, no smokers, contract and deposit.", True, "contract and deposit"),
    ("de", "Kaution kannst du auch in Raten zahlen, Hilfe bei Anmeldung und Dokumenten.", True, "registration help"),
    ("pl", "Wynajmę tylko dziewczynie lub parze bez zwierząt, umowa i kaucja.", True, "umowa i kaucja"),
    ("fr", "Chambre dans appart moderne, lave-linge, rue calme, garant demandé.", True, "a guarantor"),
    ("en", "Furnished room in a 3-bed flat, bills included, near bus stop.", False, "hard negative: says nothing of papers"),
    ("de", "Zimmer mit Schreibtisch und Schrank, 10 Min zur Innenstadt, Besichtigung möglich.", False, "a plain room"),
    ("ru", "Комната со столом и шкафом, 10 мин до центра, можно посмотреть.", False, "a plain room"),
]


@pytest.mark.parametrize(("lang", "line", "dropped", "why"), OPENERS)
def test_a_no_contract_lure_never_opens_with_a_contract(lang: str, line: str, dropped: bool, why: str) -> None:
    assert line in {t for _, t in load(lang).variants("hou.open.legit")}, "the case is a real opener"
    assert bool(_CONTRACT.search(line)) is dropped, why


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_family_keeps_openers_and_fitting_lines(lang: str) -> None:
    """The filters must leave a line in each family (else the composer falls back to all, contradictions included)."""
    book = _raw(lang)
    for fam in ("a", "b"):
        assert [t for t in book["units"]["hou.open.legit"][fam] if not _CONTRACT.search(t)], (lang, fam)
        for unit, skip in (*LODGER.items(), *LURE_WELCOME.items()):
            kept = [k for k, _ in enumerate(book["units"][unit][fam]) if (fam, k) not in skip]
            assert kept, (lang, unit, fam)


_POSITIVE_CONTRACT = re.compile(r"(?i)всё по договору|contract and deposit|umowa i kaucja|Mietvertrag und Kaution|"
                                r"contrato y fianza|contratto e cauzione|bail et caution|договір і застава|договор и залог|"
                                r"contract și garanție|szerződéssel|szerződés és kaució|contrato e caução|contract en borg")
_AGE_WINDOW = re.compile(r"18\s*-\s*30|(?i:under|unter|onder|до|sub|sotto|moins de|menores de|até|do)\s*30\b|30 alatti")
_ALONE = re.compile(r"(?i)no children|ohne Kinder|sin hijos|sans enfants|senza bambini|geen kinderen|bez dzieci|sem filhos|"
                    r"fără copii|gyerek nélkül|без детей|без дітей")


def test_room_ads_do_not_contradict_themselves(rows: list[Row]) -> None:
    """R1: 'contract and deposit' beside 'no contract'; 'family welcome' beside 'a young woman alone, 18-30'."""
    housing = [(tp, p) for tp, p in rows if tp["category"] == "housing"]
    both = [p["id"] for tp, p in housing if "no_documents" in tp["indicators"] and _POSITIVE_CONTRACT.search(_text(p))]
    assert not both
    women = [(tp, p) for tp, p in housing if tp["role"] == "landlord" and "women_only" in tp["indicators"]]
    assert len(women) >= 10
    assert not [p["id"] for _, p in women if _AGE_WINDOW.search(_text(p))], "a flat-share gives no lure's age window"
    mixed = [p["id"] for tp, p in women if "refugee_welcome" in tp["indicators"] and _ALONE.search(_text(p))]
    assert not mixed, "a refugee host takes a woman or a mother with a child, not 'alone, no children'"
    hosts = [tp for tp, _ in women if "refugee_welcome" in tp["indicators"]]
    assert hosts and all(_has_unit(tp, "hou.mother") for tp in hosts)


# ---- R2: photo models ---------------------------------------------------------------------------------------

def test_no_photo_model_or_hostess_job_in_a_licensed_agencys_frame(rows: list[Row]) -> None:
    """R2: 'EURES vacancy: photo modelling', 'seasonal work: photo model (licensed agency)' in every class."""
    person = {lang: re.compile("|".join(re.escape(_raw(lang)["roles"][j]) for j in ("model", "hostess")), re.I)
              for lang in LANGUAGES}
    abroad = [(tp, p) for tp, p in rows if tp["category"] == "job" and _has_unit(tp, "job.title.abroad")]
    assert len(abroad) > 30
    assert not [p["id"] for tp, p in abroad if tp["risk"]["sexual"] or person[p["language"]].search(_text(p))]
    benign = [p for tp, p in rows if tp["role"] == "employer" and person[p["language"]].search(_text(p))]
    assert len(benign) >= 10, "photo-model and hostess jobs stay on the benign side too (local castings)"


# ---- R3: phone origins of rides -----------------------------------------------------------------------------

def test_ride_numbers_come_from_where_the_driver_lives(rows: list[Row]) -> None:
    """R3: careful ride lures were +48 on 8 of 10 rides; volunteers in Kraków had Italian SIMs."""
    careful = [(tp, p) for tp, p in rows if tp["role"] == "transport_exploiter" and tp["hard"]]
    assert careful
    local = sum(_phone_region(tp) == p["country"] for tp, p in careful) / len(careful)
    assert local >= 0.5, f"careful ride lures local in {local:.0%}"
    volunteers = [(tp, p) for tp, p in rows if tp["role"] == "driver" and _has_unit(tp, "tra.title.help")]
    assert volunteers
    odd = [(p["id"], _phone_region(tp), p["country"]) for tp, p in volunteers
           if _phone_region(tp) not in (None, "UA", p["country"])]
    assert not odd


# ---- R4: youth lines ----------------------------------------------------------------------------------------

# (age, voice, a youth line possible?, why)
YOUTH = [
    ("19", "first", True, "a 19-year-old may say 'young and fresh'"),
    ("25", "third", True, "25 still reads young"),
    ("26", "first", False, "'petite student, very young looking' beside 26"),
    ("32", "third", False, "'first time in this work' beside 32 (review 7: 13 posts)"),
    ("21", "we", False, "a salon does not describe one unnamed 'petite student'"),
]


@pytest.mark.parametrize(("age", "voice", "young", "why"), YOUTH)
@pytest.mark.parametrize("lang", ["en", "pl", "ro", "uk"])
def test_youth_lines_fit_the_age_and_the_voice(lang: str, age: str, voice: str, young: bool, why: str) -> None:
    said = False
    for i in range(30):
        cp = Composer(random.Random(i), load(lang), Style(), {"age": age, "city": "X", "name": "Ana"}, Idents())
        cp.voice = voice
        said = cp.say("esc.young", "youth") or said
    assert said is young, why


# ---- R9 (and review 8, P9): agreement of the nationality slot ----------------------------------------------

# (language, a phrase that must not be written, why)
AGREEMENT = [
    ("pl", "dziewczyny, {nat}", "'Zawsze nowe dziewczyny, Rumunka': plural girls, one Romanian"),
    ("pl", "młoda {nat} i inne", "'młoda Rumunka i inne': 'and other (girls)' after one"),
    ("ro", "fiecare {nat}", "'fiecare nigeriancă': 'each Nigerian woman'"),
    ("ro", "({nat})", "'fete tinere (româncă)': plural girls, one nationality noun"),
    # review 8, P9: {nat} is one woman's nationality ('ungherese', 'румынка')
    ("it", "ragazze {nat}", "'Sempre nuove ragazze ungherese': plural girls, singular adjective"),
    ("it", "massaggiatrici {nat}", "'Giovani massaggiatrici ungherese': plural masseuses, singular adjective"),
    ("ru", "девушки - {nat}", "'Наши девушки - румынка': plural girls, one Romanian"),
    ("ru", "девочки, {nat}", "'Всегда новые девочки, румынка': plural girls, one Romanian"),
    ("uk", "дівчата - {nat}", "'Наші дівчата - румунка': plural girls, one Romanian"),
    ("uk", "дівчата, {nat}", "'Завжди нові дівчата, румунка': plural girls, one Romanian"),
]


@pytest.mark.parametrize(("lang", "phrase", "why"), AGREEMENT)
def test_the_nationality_noun_agrees_with_the_girls(lang: str, phrase: str, why: str) -> None:
    lines = [t for unit in _raw(lang)["units"].values() for fam in unit.values() for t in fam]
    assert not [t for t in lines if phrase in t], why


def test_benign_photo_model_jobs_are_castings_paid_by_the_day(rows: list[Row]) -> None:
    """R2: 'a cleaning company hiring a photo model at a collective-agreement wage'; honest ads are castings."""
    model = {lang: _raw(lang)["roles"]["model"].lower() for lang in LANGUAGES}
    benign = [(tp, p) for tp, p in rows if tp["role"] == "employer" and not _has_unit(tp, "job.title.abroad")
              and (_has_unit(tp, "job.title.casting") or model[p["language"]] in _text(p).lower())]
    assert len(benign) >= 5
    assert all(_has_unit(tp, "job.open.casting") and not _has_unit(tp, "job.salary.market") for tp, _ in benign)
