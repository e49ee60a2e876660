"""Names and aliases introduced in the text."""

from __future__ import annotations

import pytest

from tests.extract.helpers import values

CASES = [
    ("Hi, I am Anna, 21", ["Anna"], "English"), ("my name is LENA", ["Lena"], "title-cased"),
    ("Hallo, ich bin Mara", ["Mara"], "German"), ("je m'appelle Chloé", ["Chloé"], "French"),
    ("Привет, я Маша", ["Маша"], "Russian 'я'"), ("меня зовут Оля", ["Оля"], "Russian"),
    ("mam na imię Kasia", ["Kasia"], "Polish"), ("I am Anna-Maria", ["Anna-Maria"], "hyphenated"),
    ("I am New here", [], "stop word"), ("ich bin neu", [], "lower case"), ("je suis Nouvelle", [], "French stop word"),
    ("I am Germany", [], "a country is not a name"),
]


@pytest.mark.parametrize(("text", "expected", "why"), CASES)
def test_name(text: str, expected: list[str], why: str) -> None:
    assert values(text, "name") == expected, why
