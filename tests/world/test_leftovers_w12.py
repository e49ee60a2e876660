"""Review 10's leftovers (W12's share) as tables of cases, each checked where it can fail: on one actor's plan or on
the shared seed-15 small world."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from vigil.world.actors import Ctx
from vigil.world.behaviour import JOB_ALT, ORIGINS, independent, trafficker
from vigil.world.compose import Composer, Idents, Style
from vigil.world.phrasebook import load

Row = tuple[dict[str, Any], dict[str, Any]]


@pytest.fixture(scope="module")
def rows(world_rows: Callable[..., list[Row]]) -> list[Row]:
    return world_rows(15, 2000)


# ---- 2: every big job language gets lures across a small world -----------------------------------------------------

def test_a_small_worlds_recruiters_reach_french_spanish_and_italian_readers() -> None:
    """A small world has five or six recruiters: their origins (ro, pl, uk, hu, en, ru) left fr and es jobs all benign."""
    reached = {lang for t in range(5) for lang in ORIGINS[t][:1] + JOB_ALT[t][:1]}
    assert {"fr", "es", "it"} <= reached, reached


# (language, why: a job cell of 12+ posts with no lure, or mostly lures, tells the language from the class)
JOB_CELLS = [
    ("fr", "seed 17 French jobs were 0/20 harmful: no recruiter wrote French"),
    ("es", "seed 16 Spanish jobs were 0/20"),
    ("it", "seed 15 Italian jobs were 0/12"),
    ("ro", "seed 15 Romanian jobs were 0/23 (review 10)"),
    ("pl", "a Polish job cell must not be the lures' either"),
]


@pytest.mark.parametrize(("lang", "why"), JOB_CELLS)
def test_big_job_cells_hold_lures_and_are_mostly_benign(rows: list[Row], lang: str, why: str) -> None:
    cell = Counter(any(tp["risk"].values()) for tp, _ in rows if tp["category"] == "job" and tp["language"] == lang)
    total = cell[True] + cell[False]
    assert total >= 12, (lang, cell)
    assert 0 < cell[True] <= 0.65 * total, (why, cell)


# ---- 4: careful massage fronts give no controller's messenger handle (aa122d0) ------------------------------------

def _front_ads() -> tuple[int, list[str]]:
    """(careful front ads seen, those among them naming a messenger account): a careful front ad gives its town's
    line, which is none of the controllers' numbers."""
    seen, with_handle = 0, []
    for k in range(80):
        ctx = Ctx(rng=random.Random(k), split="all", actor=f"t{k}", role="trafficker", style=Style(), turn=k, seed=3)
        net = trafficker(ctx)
        if not net["massage"]:
            continue
        controllers = {p for ct in net["controllers"] for p in ct["phones"]}
        for d in ctx.drafts:
            phones = [p.value for p in d.planted if p.type == "phone"]
            if d.category == "massage" and phones and phones[0] not in controllers:
                seen += 1
                with_handle += [d.text] if any(p.type == "handle" for p in d.planted) else []
    return seen, with_handle


def test_careful_massage_fronts_name_no_controllers_handle() -> None:
    """aa122d0: a salon's account bears its name; a front's careful ad carried '@vip.lami' in 3 of 10 (review 10, R1)."""
    seen, with_handle = _front_ads()
    assert seen >= 20, seen
    assert not with_handle, with_handle[:3]


# ---- 1: Spanish escort ads are not mostly a network's ---------------------------------------------------------------

def test_a_share_of_independents_work_in_spain() -> None:
    """Seed 17 small: Spanish escort ads were 37 harmful / 9 benign, an Italian network's; Spain had 1 in 9
    independents, now about 1 in 3 (its own stream: the others' draws are unchanged)."""
    in_spain = 0
    for k in range(300):
        ctx = Ctx(rng=random.Random(k), split="all", actor=f"i{k}", role="independent", style=Style(), turn=k, seed=3)
        independent(ctx)
        in_spain += Counter(d.country for d in ctx.drafts).most_common(1)[0][0] == "ES"
    assert 0.22 <= in_spain / 300 <= 0.45, in_spain


@pytest.fixture(scope="module")
def big(world_rows: Callable[..., list[Row]]) -> list[Row]:
    return world_rows(7, 8000)


def test_spanish_escort_ads_are_a_plausible_mix(rows: list[Row], big: list[Row]) -> None:
    for world in (rows, big):
        cell = Counter(any(tp["risk"].values()) for tp, _ in world
                       if tp["category"] == "escort" and tp["language"] == "es")  # fmt: skip
        assert cell[False] >= 15 and cell[True] <= 0.65 * (cell[True] + cell[False]), cell


# ---- 3: the typo engine leaves a line's first word alone ------------------------------------------------------------

# (line, why: its first word must come out as written even when every other long word gets a typo)
FIRST_WORDS = [
    ("Buche Maria heute abend", "'Bche Maria' (review 10, R9): the first word garbled read as a name"),
    ("Zimmer frei in Berlin ab sofort", "a title's first word"),
    ("Wohnung gesucht, bitte melden", "a line's first word"),
]


@pytest.mark.parametrize(("line", "why"), FIRST_WORDS)
def test_typos_never_hit_the_first_word(line: str, why: str) -> None:
    changed = 0
    for k in range(30):
        cp = Composer(random.Random(k), load("de"), Style(typos=1.0), {"name": "Maria"}, Idents())
        out = cp._noise(line, "hou.room").split(" ")
        assert out[0] == line.split(" ")[0], (why, out)
        changed += out != line.split(" ")
    assert changed >= 20, changed  # the rest does get typos: the engine is on


# ---- 3: travel paid only for work away from home ---------------------------------------------------------------------

# (destination slot, job, travel line expected, why)
TRAVEL = [
    ("", "clean", False, "a bus ticket and a station pickup for a cleaner's job in her own city (review 10, R9)"),
    ("", "care", False, "a carer's local job: no travel"),
    ("", "agri", True, "a harvest: pickers come from elsewhere"),
    ("", "hotel", True, "a season in a resort"),
    ("DE", "clean", True, "work abroad: travel is the offer"),
]


@pytest.mark.parametrize(("dest", "job", "expected", "why"), TRAVEL)
def test_travel_is_paid_only_for_work_away(dest: str, job: str, expected: bool, why: str) -> None:
    book = load("pl")
    slots = {"dest": book.dest[dest] if dest else "", "job": job, "city": "Łódź", "cur": "zł", "salary": "4500",
             "bed": "30", "role": book.roles[job]}
    said = [Composer(random.Random(k), book, Style(), dict(slots), Idents()).say("job.travel", "travel_paid")
            for k in range(10)]  # fmt: skip
    assert all(s == expected for s in said), (why, said)
