"""The leftovers of review 9's fix round (W9's share) as tables of cases, each checked where it can fail: on the
composer's line kinds, on the phrasebook, or on worlds the other files already generate (seed 15 2000, seed 7 8000)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from vigil.world.compose import _CLASH, _PERMANENT, _kinds

Row = tuple[dict[str, Any], dict[str, Any]]
_SEASON_WORD = re.compile(r"(?i)season|saison|stagional|temporada|sazona|sezon|сезон|idény|seizoen|summer job")
_CASH_WORD = re.compile(r"(?i)\bcash\b|gotówk|do ręki|kézbe|készpénz|in hand|на руки|готівк|наличн|contanti|efectivo")
_FORMAL_WORD = re.compile(r"(?i)social insurance|sozialversicherung|seguridad social|\bZUS\b|bejelentett|страховк|"
                          r"страхуванн|contributi|segurança social|asigurări|verzekering|mutuelle")


@pytest.fixture(scope="module")
def rows(world_rows: Callable[..., list[Row]]) -> list[Row]:
    return world_rows(15, 2000)


def _kind(tp: dict[str, Any]) -> str:
    return tp["role"] + ("*" if tp["hard"] else "")


@pytest.mark.parametrize(("line", "kind", "why"), [
    ("Idénymunka Németországban: eperszedés (engedélyes közvetítő)", "seasonal", "Hungarian 'season work' (review 9, P7)"),
    ("Seizoenswerk in Duitsland: aardbeien plukken (erkend bureau)", "seasonal", "Dutch 'season work'"),
    ("Seasonal work in Germany: strawberry picking (licensed agency)", "seasonal", "English 'seasonal'"),
    ("Trabalho sazonal na Alemanha: apanha de morango", "seasonal", "Portuguese 'seasonal'"),
    ("Сезонна робота в Німеччині: збір полуниці, офіційно", "seasonal", "Ukrainian"),
    ("Сезонная работа в Германии: сбор клубники, официально", "seasonal", "Russian"),
    ("Praca sezonowa w Niemczech: zbiór truskawek", "seasonal", "Polish"),
    ("Lavoro stagionale in Germania: raccolta fragole", "seasonal", "Italian"),
    ("Travail saisonnier en Allemagne: cueillette de fraises", "seasonal", "French"),
    ("Munkaszerződés, bejelentett munka, szabadság.", "formal", "declared work: no 'cash in hand' beside it"),
    ("Written contract, social insurance, 28 days holiday.", "formal", "English declared work"),
    ("Umowa o pracę, ZUS, 26 dni urlopu.", "formal", "Polish declared work"),
    ("Трудовий договір, страхування, оплачувана відпустка.", "formal", "Ukrainian declared work"),
])
def test_job_lines_know_season_and_declared_work(line: str, kind: str, why: str) -> None:
    assert kind in _kinds(line), why


@pytest.mark.parametrize(("first", "then", "why"), [
    ("Idénymunka Hollandiában: eperszedés", "Határozatlan szerződés a próbaidő után, cafeteria.",
     "season work, then a permanent contract (recruiter* workabroad-eu/39, review 9)"),
    ("Seizoenswerk in Duitsland: oogst", "Vast contract na proeftijd, pensioenregeling.", "the same in Dutch"),
    ("Wypłata 4200 zł/mies., gotówka co tydzień!", "Umowa o pracę, ZUS, 26 dni urlopu.",
     "cash every week beside declared work (seed 21 read, W6)"),
    ("Written contract, social insurance, 28 days holiday.", "up to 2400£ monthly, money in hand",
     "declared work, then money in hand"),
])
def test_a_later_job_line_that_contradicts_is_banned(first: str, then: str, why: str) -> None:
    banned = {c for k in _kinds(first) for c in _CLASH[k]}
    assert _kinds(then) & banned, why


def test_no_job_ad_is_both_seasonal_and_permanent_or_cash_and_declared(rows: list[Row]) -> None:
    bad: list[tuple[str, str]] = []
    for tp, p in rows:
        if tp["category"] != "job":
            continue
        text = f"{p.get('title') or ''}\n{p['text']}"
        if (_SEASON_WORD.search(text) and _PERMANENT.search(text)) or (
                _CASH_WORD.search(text) and _FORMAL_WORD.search(text)):
            bad.append((_kind(tp), text[:120]))
    assert not bad, bad[:5]


def test_employers_at_home_pass_their_contact_mix(rows: list[Row]) -> None:
    """benign.employer's contact=(0.8, 0.5) was a comment, never passed: its WhatsApp line never showed (W6). Now
    the phone is left out of some ads and the messenger line stands alone, as on careful lures' ads."""
    home = [tp for tp, _ in rows if tp["role"] == "employer" and not any(".abroad." in f for f in tp["families"])]
    msg = [tp for tp in home if any(".con.msg." in f for f in tp["families"])]
    phone = [tp for tp in home if any(".con.phone." in f for f in tp["families"])]
    assert msg, "no employer at home writes a messenger line"
    assert len(phone) > 2 * len(msg), (len(phone), len(msg))


@pytest.fixture(scope="module")
def big(world_rows: Callable[..., list[Row]]) -> list[Row]:
    """The seed-7 8,000-post world test_balance reads (shared, not generated again)."""
    return world_rows(7, 8000)


@pytest.mark.parametrize(("check", "why"), [
    ("papers", "'Pomagamy z dokumentami i pozwoleniem na pracę dla obywateli Ukrainy' is a line for a job in Poland, "
               "not in a Polish ad for Poles going to the Netherlands or for an Italian hotel (before: seed 7 8000 6)"),
    ("casting", "a casting in Munich or Rome written in Russian or Ukrainian is a local studio's, on a local number, "
                "not +380 (before: seed 7 8000 3 of 16)"),
])
def test_job_lines_fit_the_frame_of_the_ad(big: list[Row], rows: list[Row], check: str, why: str) -> None:
    bad = []
    for tp, p in big + rows:
        if tp["category"] != "job":
            continue
        abroad = any(".abroad." in f for f in tp["families"])
        if check == "papers" and "obywateli ukrainy" in p["text"].lower() and (p.get("country") != "PL" or abroad):
            bad.append((_kind(tp), p["country"], p["text"][:100]))
        if (check == "casting" and tp["role"] == "employer" and tp["language"] in ("uk", "ru")
                and any(".job.title.casting." in f for f in tp["families"]) and "+380" in p["text"].replace(" ", "")):
            bad.append((_kind(tp), p["country"], p["text"][-80:]))
    assert not bad, (why, bad[:4])


@pytest.mark.parametrize(("lang", "word", "why"), [
    ("hu", r"fot[oó]modell", "Hungarian lures offer photo-model jobs most; Budapest studios post castings too "
                             "(before: seed 15 small 6 harmful, 0 benign)"),
])
def test_a_job_word_of_the_lures_is_on_honest_ads_in_the_same_language(rows: list[Row], lang: str, word: str,
                                                                      why: str) -> None:
    sides = {True: 0, False: 0}
    for tp, p in rows:
        if tp["category"] == "job" and tp["language"] == lang and re.search(word, f"{p.get('title')} {p['text']}", re.I):
            sides[any(tp["risk"].values())] += 1
    assert sides[True] and sides[False], (why, sides)
