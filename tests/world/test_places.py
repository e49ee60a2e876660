"""Place names as the post's writer spells them: a table of (city, language, expected, why), then every
city in every language for the script, then a generated world (review 5, P1 and P10)."""

from __future__ import annotations

import random

import pytest

from vigil.world import geo
from vigil.world.phrasebook import LANGUAGES
from vigil.world.platforms import NATIVE

CYRILLIC_LANGS = frozenset({"uk", "ru"})


def _cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)

NAMES = [
    ("Berlin", "de", "Berlin", "the locals' name, not the first exonym listed ('Берлін' was)"),
    ("Berlin", "pl", "Berlin", "a Polish writer keeps Berlin (declined by the phrasebook's cases)"),
    ("Berlin", "pt", "Berlim", "the Portuguese exonym"),
    ("Berlin", "uk", "Берлін", "Ukrainian writers write the Cyrillic name"),
    ("Berlin", "ru", "Берлин", "Russian writers write the Cyrillic name"),
    ("Warsaw", "de", "Warschau", "a German exonym"),
    ("Warsaw", "pl", "Warszawa", "the locals' name"),
    ("Warsaw", "nl", "Warschau", "a Dutch exonym"),
    ("Prague", "fr", "Prague", "not the German 'Prag' for every writer"),
    ("Prague", "hu", "Praha", "no Hungarian exonym listed: the locals' name"),
    ("Gent", "fr", "Gand", "French writers in Flanders use the French names"),
    ("Kortrijk", "fr", "Courtrai", "French name of a Flemish town"),
    ("Leuven", "fr", "Louvain", "French name of a Flemish town"),
    ("Mechelen", "fr", "Malines", "French name of a Flemish town"),
    ("Brugge", "fr", "Bruges", "French name of a Flemish town"),
    ("Antwerp", "fr", "Anvers", "French name of a Flemish town"),
    ("Gent", "nl", "Gent", "the locals' name"),
    ("Brugge", "en", "Bruges", "the English name"),
    ("Ostend", "nl", "Oostende", "the gazetteer's English name is not the locals'"),
    ("Ostend", "en", "Ostend", "English keeps the English name"),
    ("Liège", "nl", "Luik", "Dutch name of a Walloon city"),
    ("Hasselt", "fr", "Hasselt", "no French exonym: the same name"),
]


@pytest.mark.parametrize(("city", "lang", "expected", "why"), NAMES, ids=[f"{c}-{lang}" for c, lang, *_ in NAMES])
def test_a_city_is_written_as_the_posts_writer_writes_it(city: str, lang: str, expected: str, why: str) -> None:
    assert geo.local_name(city, lang) == expected, why


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_latin_script_post_never_gets_a_cyrillic_place_name(lang: str) -> None:
    """Every city of every country in every language: Cyrillic only for uk/ru writers."""
    wrong = [
        (cc, city, geo.local_name(city, lang)) for cc in NATIVE for city in geo.cities(cc)
        if lang not in CYRILLIC_LANGS and _cyrillic(geo.local_name(city, lang))
    ]  # fmt: skip
    assert not wrong, wrong[:5]


@pytest.mark.parametrize(("lang", "country", "away"), [
    ("fr", "BE", {"Hasselt", "Aalst", "Ieper", "Oudenaarde", "Lommel", "Turnhout"}),
    ("nl", "BE", {"Charleroi", "Liège", "Namur", "Mons", "Tournai"}),
], ids=["French ads not in small Flemish towns", "Dutch ads not in Wallonia"])  # fmt: skip
def test_a_post_is_placed_where_its_language_is_written(lang: str, country: str, away: set[str]) -> None:
    rng = random.Random(3)
    drawn = {geo.pick_city(rng, country, lang) for _ in range(600)}
    assert not drawn & away, drawn & away


def test_a_generated_world_writes_places_in_the_posts_script_and_language(posts: list[dict[str, str]]) -> None:
    latin = [p for p in posts if p["language"] not in CYRILLIC_LANGS]
    assert latin
    bad = [(p["source"], p["id"], p["location"]) for p in latin
           if _cyrillic(p["title"] + p["text"] + p["location"])]  # fmt: skip
    assert not bad, bad[:5]
    dutch = {"Gent", "Brugge", "Kortrijk", "Leuven", "Mechelen", "Oudenaarde", "Ieper", "Antwerpen"}
    french_in_be = [p for p in posts if p["language"] == "fr" and p["country"] == "BE"]
    bad = [(p["source"], p["id"], p["location"]) for p in french_in_be if p["location"] in dutch]
    assert not bad, bad[:5]


@pytest.mark.parametrize(("written", "lang", "expected", "why"), [
    ("Antwerpen", "fr", "Anvers", "a studio keeps the city name of its first post; a French post still says Anvers"),
    ("Köln", "pl", "Kolonia", "the gazetteer's 'Köln' is the key 'Cologne' written by a German"),
    ("Köln", "en", "Cologne", "English writes Cologne"),
    ("Gand", "nl", "Gent", "back from the French name"),
    ("Берлин", "de", "Berlin", "back from the Russian name"),
    ("Hamburg", "fr", "Hamburg", "a name without exonyms stays"),
], ids=["Antwerpen-fr", "Köln-pl", "Köln-en", "Gand-nl", "Берлин-de", "Hamburg-fr"])  # fmt: skip
def test_a_name_written_for_another_post_is_rewritten_for_this_one(written: str, lang: str, expected: str, why: str) -> None:
    assert geo.local_name(written, lang) == expected, why
