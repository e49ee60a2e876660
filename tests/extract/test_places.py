"""Places: cities and countries resolved to GeoNames with coordinates."""

from __future__ import annotations

import pytest

from tests.extract.helpers import run

CASES = [  # (text, fields, [(name, country, kind)], why)
    ("Neu in Berlin", {}, [("Berlin", "DE", "city")], "city"),
    ("Nowa, Warszawa centrum", {}, [("Warsaw", "PL", "city")], "native alternate name"),
    ("Neu in München", {}, [("Munich", "DE", "city")], "alternate name with umlaut"),
    ("New in Frankfurt am Main", {}, [("Frankfurt am Main", "DE", "city")], "multi-word name"),
    ("Work in Deutschland", {}, [("Germany", "DE", "country")], "country in its own language"),
    ("Робота в Україна", {}, [("Ukraine", "UA", "country")], "Cyrillic country name"),
    ("the Most beautiful, Nice girl", {}, [], "town names that are words are stop-listed"),
    ("berlin lowercase", {}, [], "must be capitalised"),
]


@pytest.mark.parametrize(("text", "fields", "expected", "why"), CASES)
def test_place(text: str, fields: dict, expected: list, why: str) -> None:
    got = [(e.attrs["name"], e.attrs["country"], e.attrs["kind"]) for e in run(text, "place", **fields)]
    assert got == expected, why


def test_place_has_coordinates_and_id() -> None:
    (e,) = run("Neu in Berlin", "place")
    assert e.value.startswith("geonames:") and abs(e.attrs["lat"] - 52.5) < 0.5 and abs(e.attrs["lon"] - 13.4) < 0.5


def test_post_country_breaks_ties() -> None:
    (e,) = run("Hotel in Paris", "place", country="US")
    assert e.attrs["country"] == "US", "Paris, Texas when the post is from the US"
