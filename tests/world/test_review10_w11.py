"""Review 10's findings R2, R6, R8, R9 and R10 (W11's share) as tables of cases, each checked where it can fail: on
the plan, on the phrasebook, or on one generated world (seed 15 small, shared with test_review9_w8)."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from vigil.world.behaviour import housing_exploit_plan

Row = tuple[dict[str, Any], dict[str, Any]]
_HOST = {"hou.mother", "hou.refugee", "hou.women", "hou.nodocs", "hou.later", "hou.informal"}


@pytest.fixture(scope="module")
def rows(world_rows: Callable[..., list[Row]]) -> list[Row]:
    return world_rows(15, 2000)


def _rooms(rows: list[Row], harmful: bool, hard: bool | None = None) -> list[dict[str, Any]]:
    return [tp for tp, _ in rows if tp["category"] == "housing" and any(tp["risk"].values()) == harmful
            and (hard is None or tp["hard"] == hard)]  # fmt: skip


# ---- R2: room hard cases do not separate by cue count ------------------------------------------------------------

def test_a_third_of_careful_room_lures_carry_two_host_lines() -> None:
    """R2: every careful lure had one cue line; 2022's abusers wrote 'Ukrainians welcome … a mother with a child'."""
    rng = random.Random(10)
    n = [sum(m[0] in _HOST and m[2] > 0 for m in housing_exploit_plan(rng, careful=True)["middle"]) for _ in range(600)]
    assert set(n) == {1, 2}
    assert 0.28 <= n.count(2) / len(n) <= 0.42, n.count(2) / len(n)


# (class, harmful, why: the share of hard room ads with two or more cues must be neither 0 nor all)
COUNT_MIX = [
    (True, "a hard room lure had exactly one cue (29/29): the count alone named it"),
    (False, "a landlord's hard negative had two or three (33/33): the count alone cleared it"),
]


@pytest.mark.parametrize(("harmful", "why"), COUNT_MIX)
def test_cue_count_does_not_separate_hard_room_ads(rows: list[Row], harmful: bool, why: str) -> None:
    hard = _rooms(rows, harmful, hard=True)
    counts = Counter(min(len(tp["indicators"]), 2) for tp in hard)
    assert len(hard) >= 10 and counts[1] and counts[2], (why, counts)
    assert 0.1 <= counts[2] / len(hard) <= 0.55, (why, counts)


def test_a_hard_room_lure_has_no_loud_line_and_a_loud_one_is_not_hard(rows: list[Row]) -> None:
    """R2: 'hard' for a room lure is the loudness of its lines (free, pay with work, young women only), not their count."""
    loud = {".hou.title.exploit.", ".hou.free.", ".hou.women."}
    for tp in _rooms(rows, True):
        is_loud = any(u in f for f in tp["families"] for u in loud) or bool(
            {"free_offer", "pay_with_work", "obscured_contact"} & set(tp["indicators"]))
        assert tp["hard"] != is_loud, (tp["source"], tp["id"], tp["families"])


def test_no_documents_alone_is_not_mostly_a_lure(rows: list[Row]) -> None:
    """R2: 'no documents' as a room ad's only cue was harmful 71 % of the time; a quarter of plain landlords sublet."""
    alone = [tp for tp, _ in rows if tp["category"] == "housing" and tp["indicators"] == ["no_documents"]]
    harmful = sum(any(tp["risk"].values()) for tp in alone)
    assert len(alone) >= 15 and harmful / len(alone) <= 0.4, (harmful, len(alone))
    plain = [tp for tp in _rooms(rows, False) if not {"refugee_welcome", "women_only"} & set(tp["indicators"])]
    sublet = sum("no_documents" in tp["indicators"] for tp in plain) / len(plain)
    assert 0.15 <= sublet <= 0.35, f"{sublet:.2f} of plain landlords' ads sublet without registration (was 0.08)"


def test_every_landlord_ad_with_a_line_lures_carry_is_hard(rows: list[Row]) -> None:
    shared = {"refugee_welcome", "women_only", "no_documents", "job_offered"}
    for tp in _rooms(rows, False):
        assert tp["hard"] == bool(shared & set(tp["indicators"])), (tp["source"], tp["id"], tp["indicators"])


def test_jobs_and_sexual_services_keep_their_hard_shares(rows: list[Row]) -> None:
    """R2's check: the loudness rule is for rooms; jobs and escort ads keep sensible hard shares (by cue count)."""
    for role, lo, hi in (("trafficker", 0.1, 0.35), ("recruiter", 0.05, 0.4), ("independent", 0.3, 0.7),
                         ("employer", 0.2, 0.45)):  # fmt: skip
        mine = [tp for tp, _ in rows if tp["role"] == role]
        assert lo <= sum(tp["hard"] for tp in mine) / len(mine) <= hi, role


# ---- R10: the train and eval worlds of one seed share actors, so train and eval use different seeds ---------------

def _bench_eval_seeds() -> set[int]:
    """The eval seeds bench_signals generates by default (--eval-seed, --pool-seeds), read from its source."""
    import ast
    from pathlib import Path

    tree = ast.parse((Path(__file__).resolve().parents[2] / "bench" / "bench_signals.py").read_text(encoding="utf-8"))
    seeds: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "add_argument" and node.args:
            flag = getattr(node.args[0], "value", None)
            default = next((k.value for k in node.keywords if k.arg == "default"), None)
            if flag in ("--eval-seed", "--pool-seeds") and default is not None:
                value = ast.literal_eval(default)
                seeds |= set(value) if isinstance(value, list) else {value}
    return seeds


def test_the_signals_model_is_judged_on_seeds_it_never_trained_on() -> None:
    """R10: world_train and world_eval of one seed share 448 of ~505 phones and the same networks; only the phrasebook
    split differs. The model trains on seeds 101-106 and bench_signals judges it on 901-903 (docs/WORLD.md)."""
    from vigil.signals.train import EVAL_SEEDS, TRAIN_SEEDS

    bench = _bench_eval_seeds()
    assert len(bench) >= 1 and set(TRAIN_SEEDS), (bench, TRAIN_SEEDS)
    assert not set(TRAIN_SEEDS) & (bench | set(EVAL_SEEDS)), (TRAIN_SEEDS, bench, EVAL_SEEDS)


# ---- R8: institutions, landlords' numbers and rents -------------------------------------------------------------

# (country, line as a book writes it, as it must read there, why)
LOCAL_WORDS = [
    ("AT", "Zimmer in moderner Wohnung, SCHUFA nötig.", "Zimmer in moderner Wohnung, KSV-Auskunft nötig.",
     "Austria's credit register is the KSV1870, SCHUFA is German"),
    ("AT", "Schnellkredit ohne Schufa, Linz", "Schnellkredit ohne KSV, Linz", "an Austrian spammer names the KSV"),
    ("DE", "Schnellkredit ohne Schufa, Köln", "Schnellkredit ohne Schufa, Köln", "hard negative: SCHUFA is right in Germany"),
    ("BE", "Snelle lening zonder BKR, Antwerpen", "Snelle lening zonder kredietcheck, Antwerpen",
     "BKR is Dutch; Belgium's register is the Centrale voor Kredieten"),
    ("NL", "Snelle lening zonder BKR, Utrecht", "Snelle lening zonder BKR, Utrecht", "hard negative: BKR is right in the Netherlands"),
    ("BE", "Familiebedrijf in Brugge, geen Engels vereist", "Familiebedrijf in Brugge, geen Frans vereist",
     "R9: a Flemish reader is told 'no French needed', not 'no English'"),
    ("NL", "Engels niet nodig.", "Engels niet nodig.", "hard negative: in the Netherlands 'no English needed' is right"),
]


@pytest.mark.parametrize(("country", "line", "expected", "why"), LOCAL_WORDS)
def test_institutions_are_the_countrys_own(country: str, line: str, expected: str, why: str) -> None:
    from vigil.world.compose import _LOCAL_WORDS

    for rx, local in _LOCAL_WORDS.get(country, ()):
        line = rx.sub(local, line)
    assert line == expected, why


def test_no_austrian_schufa_or_belgian_bkr_in_a_world(rows: list[Row]) -> None:
    import re

    for tp, p in rows:
        text = p["title"] + " " + p["text"]
        assert not (p["country"] == "AT" and re.search(r"(?i)schufa", text)), (tp["source"], tp["id"])
        assert not (p["country"] == "BE" and re.search(r"\bBKR\b|geen Engels", text)), (tp["source"], tp["id"])


def test_few_landlords_give_a_foreign_number_other_than_a_ukrainian_one(rows: list[Row]) -> None:
    """R8: 22 of 173 landlords with a phone were on a foreign non-Ukrainian one; about 5 % is what room ads show."""
    import phonenumbers

    phones = [(phonenumbers.region_code_for_number(phonenumbers.parse(i["value"])), p["country"])
              for tp, p in rows if tp["role"] == "landlord" for i in tp["identifiers"][:1] if i["type"] == "phone"]
    foreign = sum(region not in (country, "UA") for region, country in phones)
    assert len(phones) > 100 and foreign / len(phones) <= 0.08, (foreign, len(phones))


# (country, city, lowest and highest plausible room rent in €, why)
RENTS = [
    ("DE", "Stuttgart", 420, 900, "'Stuttgart (300 €)' was too cheap: it is one of Germany's dearest"),
    ("PT", "Cascais", 350, 700, "'Cascais, 200€' was too cheap: Lisbon's coast costs 450-650 €"),
    ("AT", "Linz", 300, 600, "'Linz (650€)' was too dear: Austria's rents are Vienna's"),
    ("AT", "Vienna", 450, 750, "hard negative: Vienna keeps Austria's range"),
]


@pytest.mark.parametrize(("country", "city", "lo", "hi", "why"), RENTS)
def test_room_rents_fit_the_city(country: str, city: str, lo: int, hi: int, why: str) -> None:
    from vigil.world import geo

    low, high = (r * geo.rent_factor(country, city) for r in geo.MONEY[country].rent)
    assert lo <= low and high <= hi, (why, low, high)


# ---- R6: per-language label mix of rooms, rides and escort ads ---------------------------------------------------

# (languages a lure writes in, his home, the other language he also posts in, why)
SECOND_LANGUAGE = [
    (("uk", "ru"), "DE", ("de",), "a lure aimed at Ukrainians in Germany posts in German too: de rooms were 0/34"),
    (("ru", "uk"), "IT", ("it",), "…and in Italy in Italian: it rooms were 0/18"),
    (("de",), "AT", ("ru", "uk"), "a local lure also writes to refugees in their language (turn 0)"),
    (("fr",), "FR", ("uk", "ru"), "turn 1 of 2: Ukrainian"),
]


@pytest.mark.parametrize(("langs", "home", "alt", "why"), SECOND_LANGUAGE)
def test_a_room_lure_posts_in_a_second_language(langs: tuple[str, ...], home: str, alt: tuple[str, ...], why: str) -> None:
    from vigil.world.behaviour import _second_language

    turn = 1 if why.startswith("turn 1") else 0
    assert _second_language(langs, home, turn) == alt, why


def test_room_and_ride_lures_take_the_big_languages_twice_and_french_rides() -> None:
    from vigil.world.behaviour import HOU_LANGS, TRA_LANGS

    for lang in ("de", "es", "it", "fr", "pl"):
        assert sum(t[0] == lang for t in HOU_LANGS) == 2, lang
    assert ("fr",) in TRA_LANGS


@pytest.fixture(scope="module")
def big(world_rows: Callable[..., list[Row]]) -> list[Row]:
    """The seed-7 8,000-post world test_balance and test_review9_w8 read."""
    return world_rows(7, 8000)


# (category, language, why: a cell of 30+ posts neither all benign nor 70 %+ harmful)
CELLS = [
    ("housing", "de", "de rooms 0/34 in seed 17"), ("housing", "it", "it rooms 0/18"), ("housing", "es", "es rooms"),
    ("housing", "fr", "fr rooms"), ("housing", "uk", "uk rooms"), ("housing", "ru", "ru rooms"),
    ("transport", "fr", "fr rides 0/19"), ("transport", "ro", "ro rides were posted in German: 0/42 in seed 7"),
    ("transport", "de", "de rides"), ("transport", "ru", "ru rides"), ("sexual", "es", "es escort ads 29/10"),
]


@pytest.mark.parametrize(("category", "lang", "why"), CELLS)
def test_no_language_is_all_benign_or_mostly_harmful(big: list[Row], category: str, lang: str, why: str) -> None:
    cats = {"sexual": ("escort", "massage")}.get(category, (category,))
    cell = [any(tp["risk"].values()) for tp, p in big if tp["category"] in cats and p["language"] == lang]
    assert len(cell) >= 30 and 0 < sum(cell) / len(cell) < 0.7, (why, sum(cell), len(cell))


# ---- R9: small slips ----------------------------------------------------------------------------------------------

# (how the account is made, a word it must never spell, why)
PLAIN_HANDLES = [
    ({"plain": True}, "vip", "'Irj Signal-on @lavip7': syllables and a letter spelled an escort's word on a landlord"),
    ({"plain": True}, "xoxo", "a landlord's or seller's account is plain"),
    ({"words": ("work", "jobs", "eu", "top", "info", "team", "hr", "euro")}, "xoxo",
     "'xoxojobs@' was a licensed agency's CV mailbox"),
]


@pytest.mark.parametrize(("how", "word", "why"), PLAIN_HANDLES)
def test_plain_and_work_accounts_spell_no_escort_word(how: dict[str, Any], word: str, why: str) -> None:
    from vigil.world.contacts import nickname

    rng = random.Random(9)
    names = [nickname(rng, **how) for _ in range(20_000)]
    assert not [n for n in names if word in n], why


def test_a_person_may_still_be_xoxo() -> None:
    """Hard negative: an escort's own handle may be flirty ('xoxo.lina'); only plain and work accounts are not."""
    from vigil.world.contacts import nickname

    rng = random.Random(9)
    assert any("xoxo" in nickname(rng) for _ in range(20_000))
