"""The indicator matcher: folding keeps offsets, the pattern dialect, and what overlapping phrases give."""

from __future__ import annotations

import re

import pytest

from vigil.signals.indicators import Matcher, compile_pattern, first_chars, fold, guess_language, matcher_for

FOLD_CASES = [
    ("Mädchen", "madchen", "umlaut stripped"),
    ("ŁÓDŹ", "lodz", "Polish letters without a decomposition"),
    ("Πρόσφυγες", "προσφυγεσ", "Greek tonos and final sigma"),
    ("Ёлка ЙОД", "елка иод", "Cyrillic ё/й fold like the patterns"),
    ("İstanbul", "istanbul", "dotted capital I keeps its length"),
    ("🌹 24/7", "🌹 24/7", "emoji and digits untouched"),
]


@pytest.mark.parametrize(("text", "expected", "why"), FOLD_CASES, ids=[c[2] for c in FOLD_CASES])
def test_fold_keeps_offsets(text: str, expected: str, why: str) -> None:
    assert fold(text) == expected
    assert len(fold(text)) == len(text)


PATTERN_CASES = [
    ("new in town", "NEW-in  town", True, "space matches separators and runs"),
    ("new in town", "newintown", False, "space needs at least one separator"),
    ("24 ?/ ?7", "24/7", True, "' ?' is an optional separator"),
    ("girls?", "girlfriend", False, "word boundary at the end"),
    ("girl\\w*", "girlfriend", True, "explicit suffix"),
    ("teen", "canteen", False, "word boundary at the start"),
    ("(a|b)c", "bc", True, "groups are non-capturing"),
]


@pytest.mark.parametrize(("pattern", "text", "hit", "why"), PATTERN_CASES, ids=[c[3] for c in PATTERN_CASES])
def test_pattern_dialect(pattern: str, text: str, hit: bool, why: str) -> None:
    rx = re.compile(compile_pattern(pattern))
    assert bool(rx.search(fold(text))) is hit
    assert rx.groups == 0


@pytest.mark.parametrize(
    ("regex", "expected"),
    [("abc", {"a"}), ("(?:x|y)z", {"x", "y"}), ("\\d+", set("0123456789")), ("(?:a)?b", {"a", "b"}), ("\\w+", None)],
)
def test_first_chars(regex: str, expected: set[str] | None) -> None:
    assert first_chars(regex) == expected


def test_overlapping_phrases_of_one_family_are_all_found() -> None:
    hits = {h.indicator.id for h in Matcher(["fr"]).match("Jeunes filles de l'Est, nouvelles à Paris")}
    assert {"fr.sex.youth", "fr.sex.ethnicity", "fr.sex.new_in_town"} <= hits


def test_one_phrase_counts_for_two_families() -> None:
    hits = {h.indicator.id for h in Matcher(["en"]).match("Room free, girls only")}
    assert {"en.hou.women_only", "en.lab.women_only"} <= hits


def test_spans_point_at_the_original_text() -> None:
    text = "Dringend! Ohne Erfahrung, Unterkunft wird gestellt."
    for h in matcher_for("de").match(text):
        assert text[h.start : h.end] == h.text


def test_english_and_shared_packs_apply_to_every_language() -> None:
    hits = {h.indicator.id for h in matcher_for("pl").match("Nowe dziewczyny 24/7, WhatsApp only 🍒")}
    assert {"xx.sex.always_available", "xx.sex.emoji_virgin", "en.sex.text_only"} <= hits


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Ich bin neu in der Stadt und nur diese Woche da", "de"), ("Je suis nouvelle à Paris pour une semaine", "fr"),
     ("Я новая в городе, только на этой неделе", "ru"), ("xyz 123", None)],
)
def test_guess_language(text: str, lang: str | None) -> None:
    assert guess_language(fold(text)) == lang
