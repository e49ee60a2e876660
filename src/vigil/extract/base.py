"""What a recognizer is, and the one match loop every recognizer shares.

A recognizer is a small class: a type, compiled ``patterns`` (rule id -> regex) and an ``accept``
method that validates one regex match and normalises it (or rejects it by returning ``None``).
Recognizers never re-implement the match loop: ``Recognizer.run`` is the only place that walks
matches, applies the per-field limits and builds ``Entity`` records with span, rule and evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from vigil.extract.text import safe_text
from vigil.model import Entity, Post

FIELDS: tuple[str, ...] = ("title", "text", "url", "location")
MAX_HITS = 500  # per recognizer, field and post: a post with more is noise, not evidence


@dataclass(slots=True)
class Found:
    """One accepted match before it becomes an ``Entity``. ``start``/``end`` default to the match's."""

    value: str
    rule: str
    confidence: float
    attrs: dict[str, Any] = field(default_factory=dict)
    start: int | None = None
    end: int | None = None
    type: str | None = None  # when one match yields a second kind (a URL and its domain)


class Doc:
    """One post as recognizers see it: safe text per field plus facts shared between recognizers.

    ``region_hints`` and ``places`` are computed lazily and at most once per post, because only
    some posts (phones without a country code) need them.
    """

    def __init__(self, post: Post, default_region: str | None = None, languages: tuple[str, ...] = ()) -> None:
        self.post = post
        self.default_region = default_region.upper() if default_region else None
        self.languages = languages
        self.fields: dict[str, str] = {}
        for name in FIELDS:
            value = safe_text(getattr(post, name, "") or "")
            if value:
                self.fields[name] = value
        extra = post.extra if isinstance(post.extra, dict) else {}
        sc = extra.get("source_country")
        self.source_country = sc.upper() if isinstance(sc, str) and len(sc) == 2 else None
        self.country = post.country.upper() if isinstance(post.country, str) and len(post.country) == 2 else None
        self.memo: dict[str, Any] = {}

    @cached_property
    def all_text(self) -> str:
        return "\n".join(self.fields.values())

    def lower(self, field: str) -> str:
        """The field in lower case (for substring gates), computed once per post and field."""
        key = ("lower", field)
        got = self.memo.get(key)
        if got is None:
            got = self.memo[key] = _fold(self.fields.get(field, "")).lower()
        return got

    def tokens(self, field: str) -> frozenset[str]:
        """The field's words (runs of letters), case-folded, once per post and field: recognizers whose
        regex needs a whole word from a list ask this set first and skip the scan when none is there."""
        key = ("tokens", field)
        got = self.memo.get(key)
        if got is None:
            got = self.memo[key] = frozenset(_RUN.findall(_fold(self.fields.get(field, "")).casefold()))
        return got


_RUN = re.compile(r"[^\W\d_]+")
_TURKISH_I = str.maketrans({"İ": "i", "ı": "i"})  # 're' ignores case with these as 'i'; casefold() does not


def _fold(text: str) -> str:
    return text.translate(_TURKISH_I) if ("İ" in text or "ı" in text) else text


def first_runs(words: Iterable[str]) -> frozenset[str] | None:
    """The case-folded first run of letters of each word: a text in which a word list's regex matches
    (the word bounded by non-letters) holds one of them as a token. ``None`` when some word has no
    letters at all: then no token gate is possible."""
    out = set()
    for w in words:
        m = _RUN.search(_fold(str(w)).casefold())
        if m is None:
            return None
        out.add(m.group())
    return frozenset(out)


class Recognizer:
    """Base class. Subclasses set ``type`` and ``patterns`` and implement ``accept``."""

    type: ClassVar[str]
    fields: ClassVar[tuple[str, ...]] = FIELDS

    @property
    def patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        """(rule id, compiled regex); built lazily from the packs by subclasses."""
        raise NotImplementedError

    def prefilter(self, text: str) -> bool:
        """A cheap test that lets the loop skip a field; ``True`` means 'maybe'."""
        return True

    def gate(self, rule: str, doc: Doc, field: str) -> bool:
        """A cheap necessary condition for ``rule``'s regex to match in ``field`` (a marker character,
        a word from its list); ``False`` skips that scan. Must never be ``False`` where it could match."""
        return True

    def accept(self, m: re.Match[str], rule: str, doc: Doc, field: str) -> Found | list[Found] | None:
        raise NotImplementedError

    def run(self, doc: Doc) -> Iterator[Entity]:
        """The match loop: every field, every pattern, every match -> validated ``Entity``."""
        seen: set[tuple[str, int, int]] = set()
        for name, text in doc.fields.items():
            if name not in self.fields or not self.prefilter(text):
                continue
            hits = 0
            for rule, rx in self.patterns:
                if not self.gate(rule, doc, name):
                    continue
                for m in rx.finditer(text):
                    got = self.accept(m, rule, doc, name)
                    if got is None:
                        continue
                    for f in got if isinstance(got, list) else (got,):
                        start = m.start() if f.start is None else f.start
                        end = m.end() if f.end is None else f.end
                        key = (f"{f.type}:{f.value}" if f.type else f.value, start, end)
                        if key in seen or any(s <= start and end <= e and v == key[0] for v, s, e in seen):
                            continue
                        seen.add(key)
                        hits += 1
                        yield Entity(doc.post.id, f.type or self.type, f.value, text[start:end], name, start, end,
                                     f.rule, round(f.confidence, 3), f.attrs)
                    if hits >= MAX_HITS:
                        break
                if hits >= MAX_HITS:
                    break
