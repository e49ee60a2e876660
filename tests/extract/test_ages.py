"""Ages in many languages; experience, disclaimers and counts are not ages."""

from __future__ import annotations

import pytest

from tests.extract.helpers import run, values

CASES = [
    ("sweet girl 19yo", ["19"], "yo glued"), ("Anna, 19 y.o.", ["19"], "y.o."), ("j'ai 19 ans", ["19"], "French"),
    ("Lena, 19 Jahre", ["19"], "German"), ("Sofía 19 años", ["19"], "Spanish"), ("Оля, 19 років", ["19"], "Ukrainian"),
    ("Маша 19 лет", ["19"], "Russian"), ("just turned 18!", ["18"], "phrase"), ("age: 22, new", ["22"], "before"),
    ("Ela, 21 éves", ["21"], "Hungarian"), ("Kasia, 20 lat", ["20"], "Polish"), ("17 years old", ["17"], "a minor is kept"),
    ("20 years of experience", [], "experience"), ("only 18+ clients", [], "disclaimer"),
    ("на 30 минут", [], "a duration after a generic word"), ("available 24/7", [], "hours"),
]


@pytest.mark.parametrize(("text", "expected", "why"), CASES)
def test_age(text: str, expected: list[str], why: str) -> None:
    assert values(text, "age") == expected, why


def test_minor_flag() -> None:
    (e,) = run("16 y.o. new", "age")
    assert e.attrs["minor"] is True and e.rule == "age.after.en"
