"""Review 12 share A's findings (W15's share) as tables of cases, checked on the reviewer's world (seed 19 small,
cached by the conftest): a link or handle must not tell an independent from a controlled person (P1)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from vigil.world.actors import NAMES_BY_NAT

Row = tuple[dict[str, Any], dict[str, Any]]
_NAMES = sorted({n.lower() for names in NAMES_BY_NAT.values() for n in names if len(n) >= 4}, key=len, reverse=True)


@pytest.fixture(scope="module")
def rows(world_rows: Callable[..., list[Row]]) -> list[Row]:
    return world_rows(19, "small")


def _links(tp: dict[str, Any]) -> list[str]:
    return [i["value"].lower() for i in tp["identifiers"] if i["type"] in ("handle", "url")]


def _named(tp: dict[str, Any], post: dict[str, Any]) -> bool:
    """A link or handle that carries a name the ad itself gives ('anna-vip' in an ad of Anna's)."""
    text = f"{post.get('title', '')} {post.get('text', '')} {post.get('author', '')}".lower()
    return any(n in link and re.search(rf"\b{n}\b", text) for link in _links(tp) for n in _NAMES)


def _escort(rows: list[Row], role: str) -> list[Row]:
    return [(tp, p) for tp, p in rows if tp["role"] == role and tp["category"] == "escort"]


# (role, why) — no escort link or handle says work, jobs or agency, for either class
WORK = [
    ("trafficker", "'agency-models' beside '100% independent', 'rilawork': only controllers had them (35 vs 0)"),
    ("independent", "a woman's own page never had them; it must stay so"),
]


@pytest.mark.parametrize(("role", "why"), WORK)
def test_no_work_word_in_an_escort_link(rows: list[Row], role: str, why: str) -> None:
    bad = [link for tp, _ in _escort(rows, role) for link in _links(tp) if re.search(r"work|jobs|agency", link)]
    assert bad == [], f"{role}: {bad[:5]} ({why})"


# (role, lowest share of escort ads with a named link or handle, why)
NAMED = [
    ("trafficker", 0.2, "controllers name their persona's pages ('anna-vip'); it was 0/129 vs 87/171 (review 12, P1)"),
    ("independent", 0.2, "an independent's own page bears her name; the hard negatives must keep it"),
]


@pytest.mark.parametrize(("role", "low", "why"), NAMED)
def test_named_links_in_both_classes(rows: list[Row], role: str, low: float, why: str) -> None:
    ads = _escort(rows, role)
    share = sum(_named(tp, p) for tp, p in ads) / len(ads)
    assert share >= low, f"{role}: {share:.2f} ({why})"


def test_named_link_rate_is_alike(rows: list[Row]) -> None:
    """Neither class may carry named links at more than twice the other's rate."""
    rate = {r: sum(_named(tp, p) for tp, p in _escort(rows, r)) / len(_escort(rows, r)) for r in ("trafficker", "independent")}
    assert max(rate.values()) <= 2 * min(rate.values()), rate
