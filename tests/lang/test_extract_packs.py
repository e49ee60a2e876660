"""The extraction packs load and pass their schema checks; broken packs fail with their path."""

from __future__ import annotations

import pytest

import vigil.extract.packs  # noqa: F401 - registers the schema checks
from vigil.errors import LangDataError
from vigil.extract.packs import _check_numbers, digit_words
from vigil.lang import languages_with, load_pack

PROJECT = ["en", "de", "nl", "fr", "it", "es", "pt", "ro", "hu", "pl", "cs", "sk", "sl", "hr", "bg", "el", "lv", "lt",
           "et", "da", "sv", "fi", "uk", "ru"]


@pytest.mark.parametrize("code", PROJECT)
@pytest.mark.parametrize("pack", ["numbers", "context", "names"])
def test_every_language_has_valid_pack(code: str, pack: str) -> None:
    assert code in languages_with(pack)
    assert load_pack(code, pack) is not None


@pytest.mark.parametrize("pack", ["lookalikes", "handles", "places", "context"])
def test_shared_packs(pack: str) -> None:
    assert load_pack("xx", pack) is not None


def test_every_language_spells_all_ten_digits() -> None:
    for code in PROJECT:
        digits = {e["digit"] for e in load_pack(code, "numbers")["digits"]}
        assert set(range(10)) <= digits, code
    assert digit_words()["fünf"] == ("5", "de") and digit_words()["нуль"][0] == "0"


@pytest.mark.parametrize(("data", "why"), [
    ({"digits": [{"id": "x", "digit": 12, "words": ["a"]}]}, "digit out of range"),
    ({"digits": [{"id": "x", "digit": 1}]}, "no words"),
    ({"digits": "nope"}, "not a list"),
])
def test_broken_numbers_pack_is_rejected(data: dict, why: str) -> None:
    with pytest.raises(LangDataError, match=r"numbers\.yaml"):
        _check_numbers("vigil/lang/zz/numbers.yaml", data)
