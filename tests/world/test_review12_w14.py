"""Review 12, share C (W14's fixes) as tables of cases, each checked on the reviewer's world (seed 19 small, cached
by the conftest): private posters keep one home, one language and one username; room lures and hard landlords share
the official-route and no-phone cues; small wording slips."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import vigil.world as world_pkg

Row = tuple[dict[str, Any], dict[str, Any]]


@pytest.fixture(scope="module")
def rows(world_rows: Callable[..., list[Row]]) -> list[Row]:
    return world_rows(19, "small")


def _spread(rows: list[Row], role: str, key: Callable[[dict[str, Any]], Any], per_site: bool = False) -> tuple[int, int]:
    """(actors, or actor-site pairs, with two or more posts and more than one value of ``key``; those with two or more)."""
    seen: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for t, p in rows:
        if t["role"] == role:
            seen[(t["actor"], p["source"] if per_site else "")].append(key(p))
    many = [v for v in seen.values() if len(v) > 1]
    return sum(len(set(v)) > 1 for v in many), len(many)


# ---- 2 and 3: a private poster keeps one home, one language, one username per site ---------------------------------

# (role, what, key, per site, most allowed share, why)
ONE_HOME = [
    ("dater", "country", lambda p: p["country"], False, 0.0, "a woman new in town is not in Toulouse and Livorno at once"),
    ("dater", "language", lambda p: p["language"], False, 0.0, "a private dater writes in her one language"),
    ("dater", "town", lambda p: p["location"], False, 0.05, "one town (the site may lack her country: review 12C, 2)"),
    ("landlord", "username", lambda p: p["author"], True, 0.0, "one account per site: 53/53 pairs had two names"),
    ("seller", "username", lambda p: p["author"], True, 0.0, "one account per site: 163/163 pairs had two names"),
    ("driver", "username", lambda p: p["author"], True, 0.0, "one account per site: 37/37 pairs had two names"),
    ("seller", "town", lambda p: p["location"], False, 0.05, "a seller sells from home, not München and Berlin on one number"),
    ("driver", "start town", lambda p: p["location"], False, 0.05, "a driver's rides start from his own town"),
]


@pytest.mark.parametrize(("role", "what", "key", "per_site", "most", "why"), ONE_HOME, ids=[f"{r}-{w}" for r, w, *_ in ONE_HOME])
def test_private_posters_keep_one_home(rows: list[Row], role: str, what: str, key: Callable[[dict[str, Any]], Any],
                                       per_site: bool, most: float, why: str) -> None:  # fmt: skip
    spread, total = _spread(rows, role, key, per_site)
    assert total >= 10, f"too few {role}s with two posts to judge ({total})"
    assert spread <= most * total, f"{role}: {spread}/{total} with more than one {what}: {why}"


def test_a_signed_or_network_author_is_left_alone(rows: list[Row]) -> None:
    """Daters sign with their first name, so their names are unchanged; and a private poster's two sites may give two
    usernames (one account per site, not one for the whole web)."""
    for t, p in rows:
        if t["role"] == "dater":
            assert p["author"] and p["author"][0].isupper(), (t["actor"], p["author"])


# ---- 1: careful room lures name an official route about as often as hard landlords ---------------------------------

_OFFICIAL = re.compile(r"(?i)червон\w* хрест|красн\w* крест|міськ\w* рад|офіційн\w* програм|официальн\w* програм|"
                       r"über die stadt|ueber die stadt|sozialamt|\bMOPS\b|official scheme|council|crucea ro|ayuntamiento|"
                       r"gemeente|tramite il comune|mairie|câmara|camara municipal|primări|önkormányzat|rode kruis|"
                       r"croix.rouge|croce rossa|cruz roja|cruz vermelha|vöröskereszt|czerwony krzyż")
_FREE = re.compile(r"(?i)kostenlos|\bfree\b|gratis|gratuit|ingyen|za darmo|grátis|бесплатно|безкоштовно")
_MONEY = re.compile(r"\d[\d .]*\s?(?:€|zł|£|lei|Ft|Kč)|(?:€|£)\s?\d")


def _hard_rooms(rows: list[Row], role: str) -> list[dict[str, Any]]:
    return [p for t, p in rows if t["role"] == role and t["category"] == "housing" and t["hard"]]


def test_careful_lures_claim_an_official_route_as_hard_landlords_do(rows: list[Row]) -> None:
    """37/110 hard landlords and 0/29 lures named the Red Cross, the council or the scheme: the route told the class."""
    lures, hosts = _hard_rooms(rows, "housing_exploiter"), _hard_rooms(rows, "landlord")
    share = {k: sum(bool(_OFFICIAL.search(p["title"] + " " + p["text"])) for p in v) / len(v)
             for k, v in (("lure", lures), ("host", hosts))}  # fmt: skip
    assert share["lure"] > 0.0, "no careful lure names an official route"
    assert share["lure"] >= share["host"] / 2, share


def test_an_official_free_place_is_never_under_a_rent(rows: list[Row]) -> None:
    """A lure posing as a scheme host keeps its ad consistent: no 'free via the official scheme' beside '560 €'."""
    bad = [(p["source"], p["id"]) for p in _hard_rooms(rows, "housing_exploiter")
           if _OFFICIAL.search(p["text"]) and _FREE.search(p["text"]) and _MONEY.search(p["title"])]  # fmt: skip
    assert not bad, bad


# ---- 5: small wording slips ----------------------------------------------------------------------------------------

# (language, phrase that must not appear, why)
SLIPS = [
    ("hu", r"(?i)k[oö]lt[oö]ztem ide:", "'most költöztem ide: Debrecen' leaves the town undeclined"),
    ("uk", r"(?i)сусідку, не курить", "'a flatmate, does not smoke' wants 'яка не курить'"),
    ("uk", r"(?i)некурящ", "'некурящих' is Russian; Ukrainian writes 'без куріння'"),
]


@pytest.mark.parametrize(("lang", "bad", "why"), SLIPS)
def test_small_slips_are_gone(lang: str, bad: str, why: str) -> None:
    text = (Path(world_pkg.__file__).parent / "texts" / f"{lang}.yaml").read_text(encoding="utf-8")
    assert not re.search(bad, text), why


# ---- 4 (part): every landlord ad gives a price or a size -----------------------------------------------------------

_SIZE_OR_PRICE = re.compile(r"(?i)\d+\s?(?:m²|m2|mq|qm|mp|кв|м²|м2|nm|€|zł|zl|£|lei|Ft|Kč|kr|eur)|€\s?\d|£\s?\d")


def test_every_landlord_ad_gives_a_price_or_a_size(rows: list[Row]) -> None:
    """'Camera luminosa - Torino | Camera in appartamento moderno …' had no price, size or contact (7/50 plain ads)."""
    bare = [(p["source"], p["id"]) for t, p in rows if t["role"] == "landlord" and t["category"] == "housing"
            and not _SIZE_OR_PRICE.search(p["title"] + " " + p["text"])]  # fmt: skip
    assert not bare, bare
