"""Names and aliases a post introduces: 'I am Anna', 'She is Gift', 'Meet our sweet Anna', 'Gift here'.

Person counting (``vigil.assess.persons``) splits one touring worker into two people when one of
her ads writes her name in a form we miss, so the forms that ads really use are covered:

* first-person introducers before the name ('I am', 'ich bin', 'меня зовут');
* third-person and presenter introducers, which may have up to ``between`` filler words (our,
  new, sweet, girl ... from the pack's ``fillers``) before the name ('we present our sweet Anna');
* postfix words (``after: true``) after a name that opens a line or follows punctuation or a
  greeting ('Gift here :)', 'Olga aici', 'Hi gents, Sofia hier').

Introducers are data (``<code>/names.yaml``). The name must be capitalised as written, must not be
a guard word of any pack (``not_names``: 'I am New', 'Meet new Girls') nor a country; with the new
forms it must not be the post's own location either ('Munich here'). A pack may list
``accusative`` endings (Polish 'Poznaj Anię' -> Ania) applied to names after entries marked
``case: accusative``. The value is the name title-cased.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from vigil.errors import LangDataError
from vigil.extract.base import Doc, Found, Recognizer, first_runs
from vigil.extract.packs import per_language
from vigil.extract.text import LETTER, NOT_LETTER_BEFORE, trie_regex

_UPPER = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper() and c.isalpha())
_NAME = rf"[{re.escape(_UPPER)}]{LETTER}{{1,20}}(?:-[{re.escape(_UPPER)}]{LETTER}{{1,20}})?"
_END = rf"(?!{LETTER}|['’]{LETTER})"
# A postfix name opens the field or a line, or follows punctuation, an emoji or a bracket ('Hi, Gift here').
_OPENS = r"(?:^|(?<=\n)|(?<=[^\w\s])|(?<=[^\w\s])\s)"


@dataclass(frozen=True, slots=True)
class _Intro:
    lang: str
    kind: str  # 'intro' (before the name, nothing between), 'third' (fillers allowed), 'after' (postfix)
    accusative: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class _Tables:
    rules: tuple[tuple[str, re.Pattern[str]], ...]
    intro: dict[tuple[str, bool], _Intro]  # (lower-case introducer, postfix?) -> what it is
    stop: frozenset[str]
    also_names: frozenset[str]  # given names that are also towns (Sofia, Mila): names in every form
    runs: dict[str, frozenset[str] | None]  # rule -> token gate


def _entry_kind(code: str, e: dict[str, Any]) -> tuple[str, int]:
    path = f"vigil/lang/{code}/names.yaml"
    between = e.get("between", 0)
    if not isinstance(between, int) or not 0 <= between <= 3:
        raise LangDataError(path, f"{e['id']}: between must be a whole number 0-3")
    if e.get("case", "nominative") not in ("nominative", "accusative"):
        raise LangDataError(path, f"{e['id']}: case must be 'nominative' or 'accusative'")
    if e.get("after") and between:
        raise LangDataError(path, f"{e['id']}: a postfix word ('after') takes no fillers")
    return ("after" if e.get("after") else "third" if between else "intro"), between


def _accusative(code: str, data: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    acc = data.get("accusative", {})
    if not isinstance(acc, dict) or not all(isinstance(k, str) and k and isinstance(v, str) for k, v in acc.items()):
        raise LangDataError(f"vigil/lang/{code}/names.yaml", "accusative must map an ending to its nominative ending")
    return tuple(sorted(acc.items(), key=lambda kv: -len(kv[0])))


@cache
def _tables() -> _Tables:
    intro: dict[tuple[str, bool], _Intro] = {}
    stop: set[str] = set()
    fillers: set[str] = set()
    also: set[str] = set()
    most = 0
    for code, data in per_language("names").items():
        acc = _accusative(code, data)
        for e in data["introducers"]:
            kind, between = _entry_kind(code, e)
            most = max(most, between)
            case = acc if e.get("case") == "accusative" else ()
            intro.setdefault((e["pattern"].lower(), kind == "after"), _Intro(code, kind, case))
        stop |= {str(w).lower() for w in data.get("not_names", [])}
        fillers |= {str(w).lower() for w in data.get("fillers", [])}
        also |= {str(w).lower() for w in data.get("also_names", [])}
    words = {k: [w for (w, _), i in intro.items() if i.kind == k] for k in ("intro", "third", "after")}
    rules: list[tuple[str, re.Pattern[str]]] = [
        ("name.intro", re.compile(rf"{NOT_LETTER_BEFORE}(?P<w>(?i:{trie_regex(words['intro'])}))[,:]?\s+(?P<n>{_NAME}){_END}")),
    ]
    if words["third"]:
        fill = rf"(?:(?i:{trie_regex(fillers)})\s+){{0,{most}}}" if fillers else ""
        rules.append(("name.third", re.compile(
            rf"{NOT_LETTER_BEFORE}(?P<w>(?i:{trie_regex(words['third'])}))[,:]?\s+{fill}(?P<n>{_NAME}){_END}")))
    if words["after"]:
        rules.append(("name.after", re.compile(
            rf"{_OPENS}(?P<n>{_NAME})[,:]?[ \t]+(?P<w>(?i:{trie_regex(words['after'])})){_END}", re.M)))
    runs = {rule: first_runs(words[rule.split(".")[1]]) for rule, _ in rules}
    return _Tables(tuple(rules), intro, frozenset(stop), frozenset(also), runs)


class NameRecognizer(Recognizer):
    type = "name"
    fields = ("title", "text")

    @property
    def patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        return list(_tables().rules)

    def gate(self, rule: str, doc: Doc, field: str) -> bool:
        runs = _tables().runs.get(rule)
        return runs is None or not doc.tokens(field).isdisjoint(runs)

    def accept(self, m: re.Match[str], rule: str, doc: Doc, field: str) -> Found | None:
        t = _tables()
        name = m.group("n")
        if name.lower() in t.stop:
            return None
        info = t.intro.get((m.group("w").lower(), rule == "name.after"), _Intro("xx", "intro"))
        if info.kind == "after" and (name.isupper() or not m.group("w").islower()):
            return None  # 'CLICK HERE', 'Begin Here', 'Apply Here': a heading or a shouted word, not a name
        for end, nominative in info.accusative:
            if name.endswith(end):
                name = name[: -len(end)] + nominative
                break
        if not self._not_a_place(name, doc, strict=info.kind != "intro", also=t.also_names):
            return None
        conf = 0.7 if info.kind == "after" or len(m.group("w")) <= 3 else 0.85
        value = "-".join(p.capitalize() for p in name.split("-"))
        return Found(value, f"name.{info.kind}.{info.lang}", conf, {}, m.start("n"), m.end("n"))

    @staticmethod
    def _not_a_place(name: str, doc: Doc, strict: bool, also: frozenset[str]) -> bool:
        """A country is never a name. With the looser forms ('Munich here', 'Voici Paris', 'Это Москва')
        no town is either, except the given names that packs list as ``also_names`` (Sofia, Mila,
        Larisa are towns and names), and never the post's own location."""
        from vigil.extract.places import gazetteer

        places = gazetteer().names.get(name.lower())
        if not places:
            return True
        if places[0].kind == "country":
            return False
        if not strict:
            return True
        return name.lower() in also and name.lower() not in doc.lower("location")
