"""Names and aliases a post introduces: 'I am Anna', 'my name is', 'ich bin', 'меня зовут', 'я'.

Introducers are data (``<code>/names.yaml``); the name must be capitalised as written and must
not be a word that often follows an introducer ('I am New', 'je suis Nouvelle'), nor a country
name. The value is the name title-cased.
"""

from __future__ import annotations

import re
from functools import cache

from vigil.extract.base import Doc, Found, Recognizer, first_runs
from vigil.extract.packs import per_language
from vigil.extract.text import LETTER, NOT_LETTER_BEFORE, trie_regex

_UPPER = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper() and c.isalpha())
_NAME = rf"[{re.escape(_UPPER)}]{LETTER}{{1,20}}(?:-[{re.escape(_UPPER)}]{LETTER}{{1,20}})?"


@cache
def _tables() -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    intro: dict[str, str] = {}
    stop: set[str] = set()
    for code, data in per_language("names").items():
        for e in data["introducers"]:
            intro.setdefault(e["pattern"].lower(), code)
        stop |= {str(w).lower() for w in data.get("not_names", [])}
    rx = re.compile(rf"{NOT_LETTER_BEFORE}(?P<w>(?i:{trie_regex(intro)}))[,:]?\s+(?P<n>{_NAME})(?!{LETTER}|['’]{LETTER})")
    return rx, intro, frozenset(stop)


@cache
def _intro_runs() -> frozenset[str] | None:
    return first_runs(_tables()[1])


class NameRecognizer(Recognizer):
    type = "name"
    fields = ("title", "text")

    @property
    def patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        return [("name.intro", _tables()[0])]

    def gate(self, rule: str, doc: Doc, field: str) -> bool:
        runs = _intro_runs()
        return runs is None or not doc.tokens(field).isdisjoint(runs)

    def accept(self, m: re.Match[str], rule: str, doc: Doc, field: str) -> Found | None:
        _, intro, stop = _tables()
        name = m.group("n")
        if name.lower() in stop:
            return None
        from vigil.extract.places import gazetteer

        places = gazetteer().names.get(name.lower())
        if places and places[0].kind == "country":
            return None
        lang = intro.get(m.group("w").lower(), "xx")
        conf = 0.7 if len(m.group("w")) <= 3 else 0.85
        return Found("-".join(p.capitalize() for p in name.split("-")), f"name.intro.{lang}", conf, {}, m.start("n"), m.end("n"))
