"""How a post is typed and voiced (review 5): one keyboard per post (P8), no 'our new girl' voice in an
independent's ad (P5), 'no language needed' only for readers foreign to the job's country (P6)."""

from __future__ import annotations

import random
import re
from typing import Any

import phonenumbers
import pytest

from vigil.world.compose import Composer, Idents, Style
from vigil.world.phrasebook import LANGUAGES, load

_SLOT = re.compile(r"\{(\w+)\}")
_IDENT = {"phone", "handle", "email", "url", "wallet"}
# Slot values full of letters a keyboard without diacritics cannot type, 'ł' and 'ő' among them.
_VALUE = "Łódź Győr Coruña Ştefăneşti Smørrebrød"


def _composer(lang: str, fold: bool) -> Composer:
    book = load(lang, "all")
    names = {n for variants in book.units.values() for _, t in variants for n in _SLOT.findall(t)} - _IDENT
    slots = {n: _VALUE for n in names}
    slots.update(age="22", km="100")
    idents = Idents(phone=phonenumbers.parse("+48 512 345 678"), handle=("telegram", "lodz_girl"),
                    email="biuro@example.com", url="https://lodz.example.com/", wallet=("btc", "bc1qexample"))  # fmt: skip
    return Composer(random.Random(1), book, Style(), slots, idents, country="PL", fold=fold)


def _letters_off_the_keyboard(text: str) -> set[str]:
    return {ch for ch in text if ch.isalpha() and not ch.isascii()}


FOLDED = [
    ("pl", "'ł' has no Unicode decomposition: it survived while ą, ę, ś were dropped ('pocałunki … rol')"),
    ("hu", "a city in the contact line kept 'Győr' while the title said 'Gyor'"),
    ("es", "'A Coruña' in the contact line of a folded post"),
    ("ro", "'ş' and 'ă' in slot values"),
    ("pt", "slot values in a line with a phone"),
    ("fr", "'œ' has no decomposition either"),
    ("it", "slot values"),
    ("nl", "slot values"),
    ("de", "a German keyboard writes 'ae', 'oe', 'ue', 'ss'"),
]


@pytest.mark.parametrize(("lang", "why"), FOLDED, ids=[lang for lang, _ in FOLDED])
def test_a_post_typed_without_diacritics_has_none_anywhere(lang: str, why: str) -> None:
    """Every variant of every unit, title and contact lines included, rendered on a keyboard without diacritics."""
    cp = _composer(lang, fold=True)
    for unit, variants in cp.book.units.items():
        for k in range(len(variants)):
            cp.aligned = k
            cp.say(unit)
    cp.head("esc.title.first")
    text = cp.title + "\n" + cp.text()
    assert cp.parts and not _letters_off_the_keyboard(text), (why, sorted(_letters_off_the_keyboard(text)))


def test_a_post_typed_with_diacritics_keeps_them() -> None:
    """The hard negative of the table above: without folding the letters stay."""
    cp = _composer("pl", fold=False)
    for unit, variants in cp.book.units.items():
        for k in range(len(variants)):
            cp.aligned = k
            cp.say(unit)
    assert {"ł", "Ł", "ą", "ó"} <= _letters_off_the_keyboard(cp.text())


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang not in ("uk", "ru", "en")])
def test_a_fold_keeps_identifiers_exact(lang: str) -> None:
    cp = _composer(lang, fold=True)
    cp.say("con.phone")
    assert cp.planted and all(p.written in cp.text() for p in cp.planted)


NO_LANGUAGE = [
    ("de", "DE", True, "a German job in German: its readers speak German ('Sprache nicht notwendig' was drawn)"),
    ("hu", "HU", True, "a Hungarian job in Hungarian"),
    ("fr", "BE", True, "French is a language of Belgium"),
    ("en", "GB", True, "an English job in the UK"),
    ("ro", "IT", False, "a Romanian writing to Romanians about Italy: Italian is not needed"),
    ("pl", "DE", False, "a Polish ad for work in Germany"),
    ("uk", "PL", False, "a Ukrainian ad for work in Poland"),
    ("nl", "DE", False, "a Dutch ad for work in Germany"),
]


@pytest.mark.parametrize(("lang", "country", "local", "why"), NO_LANGUAGE, ids=[f"{lg}-{cc}" for lg, cc, *_ in NO_LANGUAGE])
def test_no_language_needed_only_for_readers_foreign_to_the_job(lang: str, country: str, local: bool, why: str) -> None:
    book = load(lang, "all")
    foreign = {t for _, t in book.variants("job.nolang")}
    home = {t for _, t in book.variants("job.nolang.local")}
    said = set()
    for seed in range(12):
        cp = _composer(lang, fold=False)
        cp.rng, cp.country = random.Random(seed), country
        cp.say("job.nolang", "no_language")
        said.add(cp.parts[0])
        assert ("no_language" in cp.indicators) is not local, why
    assert said <= (home if local else foreign) and said, (why, said)


def test_an_independent_never_writes_as_a_controller(truth: dict[str, Any]) -> None:
    """'We have a new girl from far away' is the controller's voice: an independent's hard negative took it and
    read as more controlled than the traffickers' own ads. Her hard cases come from shared first-person cues."""
    mine = [tp for tp in truth["posts"] if tp["role"] == "independent"]
    assert len(mine) > 20
    we = [tp["id"] for tp in mine if "we_language" in tp["indicators"] or any(".esc.open.we." in f for f in tp["families"])]
    assert not we, we[:5]
    assert any(tp["hard"] for tp in mine), "independents still make hard negatives"
    assert any("third_person" in tp["indicators"] for tp in mine), "she may describe herself in the third person"
