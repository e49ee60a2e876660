"""Who posts what, where and at what price (reviews 4 and 5: N4, N9, rides, rents; P2, P3, P4, P7, P11, P12).

Tables of cases (input, expected, why) over the pure helpers, then checks over one generated world.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

import phonenumbers
import pytest

from vigil.world import geo
from vigil.world.actors import _ROLE_WEIGHTS, POST_SHARE, ROLES
from vigil.world.benign import PLAN_BLOCK, _planned_roles
from vigil.world.compose import Composer, Idents, Style
from vigil.world.phrasebook import load

Row = tuple[dict[str, Any], dict[str, Any]]


@pytest.fixture(scope="module")
def rows(world_rows: Callable[..., list[Row]]) -> list[Row]:
    return world_rows(7, 8000)


# --- roles: planned, so that a small world has the networks its size promises ---------------------------------

@pytest.mark.parametrize("seed", [1, 7, 11, 12])
def test_every_block_of_actors_holds_each_role_in_its_expected_number(seed: int) -> None:
    """Seed 12 drew 2 traffickers in its first 981 actors where 10 were expected (review 5, P4)."""
    total = sum(_ROLE_WEIGHTS)
    for block in range(3):
        roles = Counter(_planned_roles(seed, block))
        assert sum(roles.values()) == PLAN_BLOCK
        for role, weight in zip(ROLES, _ROLE_WEIGHTS, strict=True):
            assert abs(roles[role] - weight / total * PLAN_BLOCK) < 1.0, (seed, block, role, roles[role])


def test_realised_post_shares_follow_post_share(rows: list[Row]) -> None:
    """MEAN_POSTS was a guess (trafficker 28 posts, really 17): traffickers made half their share."""
    roles = Counter(tp["role"] for tp, _ in rows)
    for role in ("trafficker", "independent", "employer", "landlord", "seller"):
        assert abs(roles[role] / len(rows) - POST_SHARE[role]) < 0.35 * POST_SHARE[role], (role, roles[role])


# --- no language's rooms, rides, jobs or sex ads are mostly the lures' -------------------------------------------

GROUP = {"escort": "sexual services", "massage": "sexual services", "job": "jobs", "housing": "rooms", "transport": "rides"}


def test_no_language_category_cell_is_mostly_harmful(rows: list[Row]) -> None:
    """Per (language, category), not pooled: uk rooms were 80 % harmful, ru rides 100 %, uk sex ads 90 %."""
    cells: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for tp, _ in rows:
        if tp["category"] in GROUP:
            cells[(GROUP[tp["category"]], tp["language"])][int(any(tp["risk"].values()))] += 1
    big = {k: v for k, v in cells.items() if sum(v) >= 40}
    assert len(big) >= 25
    worst = max(big.items(), key=lambda kv: kv[1][1] / sum(kv[1]))
    assert worst[1][1] / sum(worst[1]) <= 0.6, worst
    for lang in ("uk", "ru"):  # benign Ukrainian and Russian rooms and rides exist, not only the lures
        for group in ("rooms", "rides"):
            benign, harmful = cells[(group, lang)]
            assert benign >= 2 * harmful, (lang, group, benign, harmful)


@pytest.mark.parametrize(("lang", "why"), [
    ("fr", "controller networks work in France and Belgium too (Nigerian, Romanian networks)"),
    ("it", "Nigerian and Romanian networks in Italy are the best described in the literature"),
    ("pl", "recruiters from Poland"), ("uk", "recruiters writing Ukrainian"), ("pt", "recruiters from Portugal"),
])  # fmt: skip
def test_harm_is_written_in_many_languages(rows: list[Row], lang: str, why: str) -> None:
    assert any(any(tp["risk"].values()) and tp["language"] == lang for tp, _ in rows), why


def test_hostess_jobs_are_offered_by_honest_employers_too(rows: list[Row]) -> None:
    """'bár hostess' was only ever a lure (review 4, N4)."""
    hostess = load("hu").roles["hostess"].lower()
    benign = [p for tp, p in rows if tp["role"] == "employer" and hostess in (p["title"] + p["text"]).lower()]
    benign += [p for tp, p in rows if tp["role"] == "employer" and "hostess" in (p["title"] + p["text"]).lower()]
    assert benign


# --- exploiters write whole ads; recruiters one company --------------------------------------------------------

def _fams(tp: dict[str, Any], unit: str) -> bool:
    return any(f".{unit}." in f for f in tp["families"])


@pytest.mark.parametrize(("role", "title", "body", "least"), [
    ("housing_exploiter", "hou.title.exploit", "hou.room", 0.7),
    ("transport_exploiter", "tra.title.exploit", "tra.pickup", 0.95),
])  # fmt: skip
def test_loud_exploiters_describe_the_room_or_the_trip(rows: list[Row], role: str, title: str, body: str, least: float) -> None:
    """Review 4 N9: a title and one lure line; a real lure hides inside a real room or ride ad."""
    loud = [tp for tp, _ in rows if tp["role"] == role and _fams(tp, title)]
    assert loud
    assert sum(_fams(tp, body) for tp in loud) / len(loud) >= least


def test_the_room_and_border_run_lines_are_written_by_honest_posters_too(rows: list[Row]) -> None:
    for unit, role in (("hou.room", "landlord"), ("tra.pickup", "driver")):
        assert any(tp["role"] == role and _fams(tp, unit) for tp, _ in rows), unit


_FIRM = re.compile(r"\b([A-Z][a-z]+[a-z]+ (?:Ltd|GmbH|B\.V\.|BV|SARL|S\.r\.l\.|S\.L\.|Lda|S\.R\.L\.|Sp\. z o\.o\.|Kft\.))")


def test_a_recruiter_names_one_company(rows: list[Row]) -> None:
    """Review 5 P3: 'Besthotel Sp. z o.o. szuka …' signed by 'Nordplus Sp. z o.o.' (30 posts)."""
    named = [(tp, p) for tp, p in rows if tp["role"] == "recruiter" and tp["network"] and p["author"]]
    checked = 0
    for _, p in named:
        for firm in _FIRM.findall(p["title"] + " " + p["text"]):
            if firm.split()[-1] == p["author"].split()[-1]:  # the same legal form: a company of this recruiter
                checked += 1
                assert firm.lower() == p["author"].lower(), (firm, p["author"])
    assert checked


def test_recruiters_have_several_jobs_and_some_local_numbers(rows: list[Row]) -> None:
    """Review 5 P3: one job type per network and never a number of the job's country gave them away."""
    jobs: dict[str, set[str]] = defaultdict(set)
    local = total = no_phone = 0
    for tp, p in rows:
        if tp["role"] == "recruiter" and tp["network"] and tp["risk"]["labour"]:
            jobs[tp["network"]].add(p["title"].split(" - ")[0][:12])
            phones = [i["value"] for i in tp["identifiers"] if i["type"] == "phone"]
            total += 1
            no_phone += not phones
            local += any(phonenumbers.region_code_for_number(phonenumbers.parse(ph)) == p["country"] for ph in phones)
    assert total and local / total >= 0.05 and no_phone / total >= 0.05, (local, no_phone, total)
    assert sum(len(v) > 1 for v in jobs.values()) >= len(jobs) / 2


# --- places and money ---------------------------------------------------------------------------------------------

LANDMASS = [
    ("PT", "Ponta Delgada", "azores", "the Azores: 1,400 km of sea from Lisbon"),
    ("PT", "Funchal", "madeira", "Madeira"),
    ("ES", "Palma", "balearics", "Mallorca"),
    ("ES", "Las Palmas de Gran Canaria", "gran canaria", "Gran Canaria"),
    ("ES", "Santa Cruz de Tenerife", "tenerife", "another Canary island than Las Palmas"),
    ("IT", "Cagliari", "sardinia", "Sardinia"),
    ("GB", "Belfast", "ireland", "Northern Ireland is not reached by car from Great Britain"),
    ("PT", "Lisbon", "main", "the mainland"),
    ("IT", "Palermo", "main", "Sicily: cars cross at Messina every hour"),
    ("GB", "Glasgow", "main", "Scotland is on Great Britain"),
]


@pytest.mark.parametrize(("country", "city", "expected", "why"), LANDMASS, ids=[c for _, c, *_ in LANDMASS])
def test_landmass(country: str, city: str, expected: str, why: str) -> None:
    assert geo.landmass(country, city) == expected, why


RIDES = [
    ("ES", "Barcelona", "Alcalá de Henares", 30, 70, "600 km by road: a seat costs 30-60 €, not 10 €"),
    ("RO", "Satu Mare", "Bucharest", 100, 250, "Satu Mare - București: about 150 lei a seat"),
    ("FR", "Brest", "Lyon", 45, 110, "1,000 km: BlaBlaCar asks 60-70 €"),
    ("BE", "Liège", "Brussels", 5, 15, "90 km: 5-10 €"),
    ("HU", "Budapest", "Debrecen", 3000, 9000, "230 km: about 5,000 Ft"),
]


@pytest.mark.parametrize(("country", "a", "b", "low", "high", "why"), RIDES, ids=[f"{a}-{b}" for _, a, b, *_ in RIDES])
def test_a_seat_costs_by_distance(country: str, a: str, b: str, low: int, high: int, why: str) -> None:
    km = geo.km_between(country, a, b)
    assert km is not None
    assert low <= geo.ride_price(country, km) <= high, (why, km, geo.ride_price(country, km))


@pytest.mark.parametrize(("country", "big", "small"), [("HU", "Budapest", "Kecskemét"), ("DE", "Berlin", "Oldenburg"),
                                                       ("RO", "Bucharest", "Zalău")])  # fmt: skip
def test_rent_is_higher_in_the_capital_than_in_a_small_town(country: str, big: str, small: str) -> None:
    """Review 5 P16: 'Kiadó szoba Kecskemét, 180 000 Ft' was Budapest's rent (Kecskemét ≈ 90-110k)."""
    assert geo.rent_factor(country, big) >= 1.5 * geo.rent_factor(country, small)


def _picks(unit: str, slots: dict[str, str], n: int = 200) -> set[int]:
    book = load("en", "all")
    rng = random.Random(3)
    chosen = set()
    for _ in range(n):
        cp = Composer(rng, book, Style(), {"price": "20", "cur": "€", "salary": "2500", "month": "/month", "bed": "8",
                                           **slots}, Idents())  # fmt: skip
        cp.say(unit)
        chosen.add(next(i for i, (_, t) in enumerate(book.units[unit]) if _matches(t, cp.parts[-1])))
    return chosen


def _matches(template: str, text: str) -> bool:
    parts = re.split(r"\{\w+\}", template)
    return re.fullmatch(".*?".join(map(re.escape, parts)), text) is not None


SAME_DAY = [({"km": "600"}, False, "600 km and back the same day is 12 hours' driving"),
            ({"km": "120"}, True, "a short trip: back the same day")]


@pytest.mark.parametrize(("slots", "allowed", "why"), SAME_DAY, ids=["far", "near"])
def test_back_the_same_day_only_on_a_short_trip(slots: dict[str, str], allowed: bool, why: str) -> None:
    book = load("en", "all")
    same_day = next(i for i, (f, t) in enumerate(book.units["tra.open.legit"]) if "same day" in t)
    assert (same_day in _picks("tra.open.legit", {"city": "A", "city2": "B", "seats": "2", "date": "01.07", **slots})) == allowed, why


JOB_FIT = [
    ("job.legit.house", "farm", {"job": "care", "dest": ""}, False, "'near the farm' on an elderly-care job"),
    ("job.legit.house", "farm", {"job": "agri", "dest": ""}, True, "a farm job's bed"),
    ("job.salary.high", "tips", {"job": "agri", "dest": "Germany"}, False, "no tips for strawberry pickers"),
    ("job.salary.high", "tips", {"job": "hotel", "dest": "Germany"}, True, "tips in a hotel"),
    ("job.legit.terms", "Tips", {"job": "agri", "dest": ""}, False, "'tips shared between the team' on a farm"),
    ("job.legit.terms", "Tips", {"job": "hostess", "dest": ""}, True, "a bar hostess gets tips"),
    ("job.urgent", "Departure", {"job": "clean", "dest": ""}, False, "'departure this week' for a job in one's town"),
    ("job.urgent", "Departure", {"job": "clean", "dest": "Germany"}, True, "departure for work abroad"),
]


@pytest.mark.parametrize(("unit", "word", "slots", "allowed", "why"), JOB_FIT, ids=[w for *_, w in JOB_FIT])
def test_a_job_line_fits_the_job(unit: str, word: str, slots: dict[str, str], allowed: bool, why: str) -> None:
    book = load("en", "all")
    index = next(i for i, (_, t) in enumerate(book.units[unit]) if word in t)
    assert (index in _picks(unit, {"role": "x", "city": "A", **slots})) == allowed, why


def test_spam_money_is_in_local_money(rows: list[Row]) -> None:
    """Review 5 P11: 'Keress napi 500Ft-t' (€1.30)."""
    hu = [p for tp, p in rows if tp["role"] == "spammer" and p["language"] == "hu"]
    assert not any(re.search(r"(?<![\d ])500 ?Ft", p["title"] + p["text"]) for p in hu)


def test_no_ride_leaves_its_island(rows: list[Row]) -> None:
    islands = {c for cc in geo.MONEY for c in geo.cities(cc) if geo.landmass(cc, c) != "main"}
    rides = [p for tp, p in rows if tp["category"] == "transport"]
    assert rides
    assert not [p["title"] for p in rides if any(i in p["title"] + p["location"] for i in islands)]


def test_a_border_run_starts_within_a_days_drive_of_the_border(rows: list[Row]) -> None:
    """'Going to Medyka on 24.08, back in Madrid the next day' is 3,000 km each way."""
    runs = [(tp["role"], p["country"]) for tp, p in rows if _fams(tp, "tra.pickup")]
    assert {role for role, _ in runs} >= {"driver", "transport_exploiter"}
    assert not [r for r in runs if r[1] not in ("DE", "PL", "AT", "RO", "HU")]


def test_a_ride_title_keeps_one_script(rows: list[Row]) -> None:
    """Review 4 N9: 'Поїздка Dortmund -> Берлін' (one city Latin, the other Cyrillic)."""
    rides = [p["title"] for tp, p in rows if tp["category"] == "transport" and p["language"] in ("uk", "ru")]
    pairs = [m for t in rides if (m := re.search(r"(\S+) ?(?:->|-) ?(\S+)", t))]
    assert pairs
    assert not [m.group(0) for m in pairs if geo.cyrillic(m.group(1)) != geo.cyrillic(m.group(2))
                and not m.group(2).isdigit() and m.group(2).lower() not in ("сім'ї", "семьи")
                and m.group(1).lower() not in ("кордон", "граница")]  # 'border -> Lublin' names one city
