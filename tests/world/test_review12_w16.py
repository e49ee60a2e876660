"""Review 12B's findings 1-4 (W16's share: jobs and rides) as tables of cases, each read on the reviewer's world
(seed 19 small, cached by the conftest) where it can fail."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import pytest

from vigil.world.actors import COMPANY_PARTS
from vigil.world.generate import units_of
from vigil.world.phrasebook import load

Row = tuple[dict[str, Any], dict[str, Any]]


@pytest.fixture(scope="module")
def rows(world_rows: Callable[..., list[Row]]) -> list[Row]:
    return world_rows(19, "small")


def _units(tp: dict[str, Any]) -> set[str]:
    return units_of(tp["families"])


def _harmful(tp: dict[str, Any]) -> bool:
    return any(tp["risk"].values())


# ---- 1: a ride lure is not told apart by one work line ---------------------------------------------------------------

# (who, unit, low, high, why): share of that group's posts that carry the unit
WORK_LINES = [
    (lambda tp: tp["role"] == "driver", "tra.work", 0.10, 0.32,
     "one driver in five says he commutes or knows the job centre; 0 of 124 did, so a job line meant a lure"),
    (lambda tp: tp["role"] == "driver", "tra.job", 0.0, 0.0,
     "no driver offers a job waiting at the end: that stays the lure's cue"),
    (lambda tp: tp["role"] == "transport_exploiter" and "tra.title.legit" in _units(tp), "tra.job", 0.3, 0.95,
     "a careful ride lure carries its job line about two times in three, not on every ride"),
]


@pytest.mark.parametrize(("who", "unit", "low", "high", "why"), WORK_LINES)
def test_work_lines_on_rides(rows: list[Row], who: Callable[[dict[str, Any]], bool], unit: str, low: float,
                             high: float, why: str) -> None:  # fmt: skip
    picked = [tp for tp, _ in rows if who(tp)]
    assert len(picked) >= 5, "the world holds the rides the check reads"
    share = sum(unit in _units(tp) for tp in picked) / len(picked)
    assert low <= share <= high, f"{share:.2f} of {len(picked)}: {why}"


# ---- 2: the first half of a company's name is in both classes --------------------------------------------------------

_COMPANY = re.compile(rf"\b({'|'.join(COMPANY_PARTS[0])})({'|'.join(COMPANY_PARTS[1])})\b")


def _companies(rows: list[Row]) -> dict[str, dict[str, set[bool]]]:
    seen: dict[str, dict[str, set[bool]]] = {"first": defaultdict(set), "full": defaultdict(set)}
    for tp, p in rows:
        if tp["category"] == "job" and tp["role"] in ("employer", "recruiter"):
            for m in _COMPANY.finditer(f"{p['title']} {p['text']}"):
                seen["first"][m.group(1)].add(_harmful(tp))
                seen["full"][m.group(0)].add(_harmful(tp))
    return seen


def test_no_full_company_name_in_both_classes(rows: list[Row]) -> None:
    full = _companies(rows)["full"]
    assert full, "the check saw company names"
    both = sorted(n for n, cls in full.items() if len(cls) == 2)
    assert not both, f"one firm is a lure and an honest employer in one world: {both}"


def test_first_halves_are_no_class_cue(rows: list[Row]) -> None:
    first = _companies(rows)["first"]
    both = sorted(f for f, cls in first.items() if len(cls) == 2)
    # before the fix: none (Flex-/Prima-/Vita-/Nord- only employers, Green-/Euro-/Best-/Star- only recruiters)
    assert len(both) >= 3, f"only {both} of {sorted(first)} appear in both classes: the first half names the class"


# ---- 3: Romanian wages and contract terms ------------------------------------------------------------------------------

_LEI = re.compile(r"(\d[\d.  ]*\d)\s*lei")


def test_romanian_wages_are_at_least_the_minimum(rows: list[Row]) -> None:
    wages = []
    for tp, p in rows:
        if tp["category"] == "job" and p["country"] == "RO" and (m := _LEI.search(p["text"])):
            wages.append((int(re.sub(r"\D", "", m.group(1))), tp["source"], tp["id"]))
    assert wages, "the world holds Romanian job ads with a wage"
    low = [w for w in wages if w[0] < 4050]
    assert not low, f"below the 2025 gross minimum of 4,050 lei: {low}"


# (pattern, language, why): a term that names the writer's country, said of a job elsewhere
HOME_TERMS = [
    (r"21 zile concediu", "ro", "Romanian statutory leave on a UK job"),
    (r"Seguridad Social", "es", "Spanish social security on a Dutch job"),
    (r"CCNL", "it", "an Italian collective agreement on a German job"),
    (r"\bZUS\b", "pl", "Polish social insurance on a job abroad"),
]
_HOME = {"ro": "RO", "es": "ES", "it": "IT", "pl": "PL"}


@pytest.mark.parametrize(("pattern", "lang", "why"), HOME_TERMS)
def test_contract_terms_follow_the_work_country(rows: list[Row], pattern: str, lang: str, why: str) -> None:
    wrong = [(tp["source"], tp["id"], p["country"]) for tp, p in rows
             if tp["category"] == "job" and tp["language"] == lang and re.search(pattern, p["text"])
             and (p["country"] != _HOME[lang] or tp["role"] == "recruiter")]  # fmt: skip
    assert not wrong, f"{why}: {wrong}"


# ---- 4: Russian-language job ads hold lures ----------------------------------------------------------------------------

# (language, why)
JOB_LANGS = [
    ("ru", "Ukrainian networks post in Russian too: ru jobs were 0/15 harmful, the main case the tool is for"),
    ("uk", "moving some Ukrainian ads to Russian leaves lures in Ukrainian"),
]


@pytest.mark.parametrize(("lang", "why"), JOB_LANGS)
def test_russian_and_ukrainian_jobs_hold_lures(rows: list[Row], lang: str, why: str) -> None:
    cell = [_harmful(tp) for tp, _ in rows if tp["category"] == "job" and tp["language"] == lang]
    assert cell, f"no {lang} job ads"
    assert 0 < sum(cell) <= 0.65 * len(cell), f"{sum(cell)}/{len(cell)} harmful: {why}"


# ---- 5: the Seasonal Worker visa is said of farm work only; a Hungarian line keeps its accents ------------------------

def _fold(text: str) -> str:
    """Lower case without accents: an ad may drop its diacritics ('cules de capsuni')."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))


def test_seasonal_worker_visa_only_on_farm_work(rows: list[Row]) -> None:
    visa = [(tp, p) for tp, p in rows if tp["category"] == "job" and "job.visa.gb" in _units(tp)]
    assert visa, "the world holds UK jobs that name the visa"
    wrong = [(tp["source"], tp["id"], tp["role"]) for tp, p in visa
             if _fold(load(tp["language"]).roles["agri"]) not in _fold(f"{p['title']} {p['text']}")]  # fmt: skip
    assert not wrong, f"the Seasonal Worker visa covers farm work only: {wrong}"


def test_hungarian_housing_line_has_its_accents() -> None:
    lines = [t for _, t in load("hu").variants("job.legit.house")]
    assert any("közelében" in t for t in lines), "the line is there, accented"
    assert not any("kozeleben" in t for t in lines), "no unaccented line inside accented ads (folding is per post)"
