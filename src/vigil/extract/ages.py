"""Ages as ads state them: '19yo', '19 y.o.', '19 ans', '19 Jahre', 'возраст 19', 'just turned 18'.

Words come from each language's ``context.yaml`` (``age.before``, ``age.after``, ``age.phrases``).
Ages 12 to 79 are kept: an ad's stated age under 18 is exactly what an analyst must see.
'20 years of experience' is not an age; neither is '18+'.
"""

from __future__ import annotations

import re
from functools import cache

from vigil.extract.base import Doc, Found, Recognizer, first_runs
from vigil.extract.packs import per_language
from vigil.extract.text import HAS_DIGIT as _HAS_DIGIT
from vigil.extract.text import LETTER, NOT_LETTER_BEFORE, trie_regex

_NOT_AGE_AFTER = r"(?!\s*(?:of\s+)?(?i:experience|exp\b|erfahrung|berufserfahrung|expérience|esperienza|experiencia|ervaring|do[sś]wiadczeni|досвід|опыт|стаж))"


def _words(key: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for code, data in per_language("context").items():
        for w in data["age"][key]:
            out.setdefault(str(w).lower(), code)
    return out


@cache
def _runs() -> dict[str, frozenset[str] | None]:
    """Per rule, the words one of which a match needs (every list word stands between non-letters)."""
    return {"age.after": first_runs(_words("after")), "age.before": first_runs(_words("before")),
            "age.phrase": first_runs(_words("phrases"))}


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    after, before, phrases = _words("after"), _words("before"), _words("phrases")
    end = rf"(?!{LETTER})"
    return [
        ("age.after", re.compile(rf"(?<![\d.,])(?P<n>\d{{2}})\s?-?\s?(?P<w>(?i:{trie_regex(after)})){end}{_NOT_AGE_AFTER}")),
        ("age.before", re.compile(rf"{NOT_LETTER_BEFORE}(?P<w>(?i:{trie_regex(before)}))\s*[:\-]?\s*(?P<n>\d{{2}})(?![\d+%.,]\d|\d|\+|\s?{LETTER}|\s?[%€$£])")),
        ("age.phrase", re.compile(rf"{NOT_LETTER_BEFORE}(?P<w>(?i:{trie_regex(phrases)}))\s+(?P<n>\d{{2}})(?![\d+])")),
    ]


@cache
def _lang_of() -> dict[str, dict[str, str]]:
    return {"age.after": _words("after"), "age.before": _words("before"), "age.phrase": _words("phrases")}


class AgeRecognizer(Recognizer):
    type = "age"
    fields = ("title", "text")

    @property
    def patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        return _patterns()

    def prefilter(self, text: str) -> bool:
        return _HAS_DIGIT.search(text) is not None

    def gate(self, rule: str, doc: Doc, field: str) -> bool:
        runs = _runs()[rule]
        return runs is None or not doc.tokens(field).isdisjoint(runs)

    def accept(self, m: re.Match[str], rule: str, doc: Doc, field: str) -> Found | None:
        n = int(m.group("n"))
        if not 12 <= n <= 79:
            return None
        lang = _lang_of()[rule].get(m.group("w").lower(), "xx")
        conf = {"age.after": 0.9, "age.before": 0.75, "age.phrase": 0.8}[rule]
        return Found(str(n), f"{rule}.{lang}", conf, {"minor": n < 18})
