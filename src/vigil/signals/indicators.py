"""Indicator packs (``vigil/lang/<code>/indicators.yaml``): loading, checking and matching.

An indicator is data a linguist can review: an id (``<lang>.<fam>.<name>``), a family, text
patterns (a small regex dialect, see ``compile_pattern``) or an entity rule, a weight grounded in a
publication (``source``) and example sentences that the tests check. Matching is case- and
diacritics-insensitive without changing offsets, so every hit points at the exact characters an
investigator can quote. Packs are compiled once per language set and cached.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from vigil.errors import LangDataError
from vigil.lang import languages_with, load_pack, register_schema
from vigil.signals.patterns import STARTS, compile_pattern, first_chars, fold

FAMILIES = ("sexual", "labour", "housing", "vulnerability")
RISK_FAMILIES = ("sexual", "labour", "housing")
_FAM_PREFIX = {"sex": "sexual", "lab": "labour", "hou": "housing", "vul": "vulnerability"}
_ID_RE = re.compile(r"^[a-z]{2}\.(sex|lab|hou|vul)\.[a-z0-9_]+$")
PACK = "indicators"
SHARED = "xx"  # language-independent indicators (emoji, crypto, entity rules)
FALLBACK = "en"  # English phrases are matched in every post: ads mix it in everywhere


# -- the pack schema ----------------------------------------------------------------------------


def _fail(path: str, where: str, msg: str) -> None:
    raise LangDataError(path, f"{where}: {msg}")


def validate_pack(path: str, data: Any) -> None:
    """Schema check run by ``vigil.lang.load_pack`` for every ``indicators.yaml``."""
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        _fail(path, "top level", "expected a mapping with an 'indicators' list")
    code = path.split("/")[-2]
    markers = data.get("markers", [])
    if not isinstance(markers, list) or not all(isinstance(m, str) for m in markers):
        _fail(path, "markers", "expected a list of words")
    seen: set[str] = set()
    for n, ind in enumerate(data["indicators"]):
        where = f"indicators[{n}]"
        if not isinstance(ind, dict):
            _fail(path, where, "expected a mapping")
        iid = ind.get("id")
        if not isinstance(iid, str) or not _ID_RE.match(iid) or not iid.startswith(code + "."):
            _fail(path, where, f"id {iid!r} must look like '{code}.sex|lab|hou|vul.name'")
        if iid in seen:
            _fail(path, where, f"duplicate id {iid}")
        seen.add(iid)
        where = f"{where} ({iid})"
        concept = {**(data.get("concepts") or {}), **_concepts()}.get(iid.split(".", 1)[1], {})
        ind = {**concept, **ind}
        fam = ind.get("family", _FAM_PREFIX[iid.split(".")[1]])
        if fam not in FAMILIES or _FAM_PREFIX[iid.split(".")[1]] != fam:
            _fail(path, where, f"family {fam!r} must be one of {FAMILIES} and agree with the id")
        w = ind.get("weight")
        if not isinstance(w, (int, float)) or not 0 < w <= 0.6:
            _fail(path, where, "weight must be a number in (0, 0.6] (here or in the xx concepts): none decides alone")
        if not isinstance(ind.get("source"), str) or not ind["source"].strip():
            _fail(path, where, "source (publication or guideline) is required, here or in the xx concepts")
        pats, ent = ind.get("patterns"), ind.get("entity")
        if (pats is None) == (ent is None):
            _fail(path, where, "give either 'patterns' (list of phrases) or 'entity' (a rule)")
        if pats is not None:
            if not isinstance(pats, list) or not pats or not all(isinstance(p, str) and p for p in pats):
                _fail(path, where, "patterns must be a non-empty list of strings")
            for p in pats:
                try:
                    re.compile(compile_pattern(p))
                except re.error as exc:
                    _fail(path, where, f"pattern {p!r} is not valid: {exc}")
        if ent is not None and (not isinstance(ent, dict) or not isinstance(ent.get("type"), str)):
            _fail(path, where, "entity rule needs a 'type'")
        ex = ind.get("examples")
        if not isinstance(ex, dict) or not ex.get("pos") or not ex.get("neg"):
            _fail(path, where, "examples need at least one 'pos' and one 'neg'")


register_schema(PACK, validate_pack)


@cache
def _concepts() -> dict[str, dict[str, Any]]:
    """Shared defaults per concept (weight, source, explanation) from ``xx/indicators.yaml``.

    A language entry may override any of them; keeping them in one place stops the same
    indicator drifting to different weights in different languages.
    """
    ref = resources.files("vigil.lang").joinpath(SHARED, f"{PACK}.yaml")
    if not ref.is_file():
        return {}
    data = yaml.safe_load(ref.read_text(encoding="utf-8")) or {}
    return dict(data.get("concepts") or {})


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    family: str
    weight: float
    source: str
    patterns: tuple[str, ...] = ()
    entity: Mapping[str, Any] | None = None
    explanation: str = ""
    examples: Mapping[str, Sequence[Any]] = field(default_factory=dict)

    @property
    def concept(self) -> str:
        """The language-independent key ('sex.third_person'): what the model learns a weight for."""
        return self.id.split(".", 1)[1]


@dataclass(frozen=True, slots=True)
class Hit:
    indicator: Indicator
    start: int
    end: int
    text: str


def pack_indicators(code: str) -> list[Indicator]:
    data = load_pack(code, PACK)
    if data is None:
        return []
    out = []
    for entry in data["indicators"]:
        concept = entry["id"].split(".", 1)[1]
        d = {**_concepts().get(concept, {}), **entry}
        out.append(Indicator(
            id=d["id"], family=_FAM_PREFIX[concept.split(".")[0]], weight=float(d["weight"]), source=d["source"],
            patterns=tuple(d.get("patterns") or ()), entity=d.get("entity"),
            explanation=d.get("explanation", ""), examples=d.get("examples", {}),
        ))  # fmt: skip
    return out


def pack_languages() -> list[str]:
    return [c for c in languages_with(PACK) if c != SHARED]


@cache
def _markers() -> dict[str, frozenset[str]]:
    out = {}
    for code in pack_languages():
        data = load_pack(code, PACK) or {}
        out[code] = frozenset(fold(m) for m in data.get("markers", []))
    return out


_WORD = re.compile(r"\w+")


@cache
def _marker_weights() -> dict[str, dict[str, float]]:
    """Marker -> {language: 1 / number of languages sharing it}: 'i' says less than 'jestem'."""
    langs: dict[str, list[str]] = {}
    for code, marks in _markers().items():
        for m in marks:
            langs.setdefault(m, []).append(code)
    return {m: {c: 1.0 / len(cs) for c in cs} for m, cs in langs.items()}


def guess_language(folded: str) -> str | None:
    """A cheap guess from function words (weighted by how many languages share them), for posts
    that arrive without a language; None below one distinctive word' worth of evidence."""
    weights = _marker_weights()
    score: dict[str, float] = {}
    for w in set(_WORD.findall(folded[:800])):
        for code, v in weights.get(w, {}).items():
            score[code] = score.get(code, 0.0) + v
    if not score:
        return None
    best = max(sorted(score), key=lambda c: score[c])
    return best if score[best] >= 1.0 else None


class Matcher:
    """The text indicators of some languages, dispatched on the first character of each phrase.

    Python's regex engine tries every alternative at every offset, which is far too slow for
    thousands of phrases. Here a phrase is only tried where a word (or an emoji) starts and only
    if it can begin with that character; each start is tried on its own, so phrases that overlap
    ('jeunes filles de l'Est': youth and ethnicity) are both found. At one start, one phrase per
    family wins (the first listed). Phrases whose first character is unknown are scanned whole.
    """

    def __init__(self, codes: Sequence[str]) -> None:
        self.codes = tuple(codes)
        self.text_indicators: list[Indicator] = []
        self.entity_indicators: list[Indicator] = []
        buckets: dict[tuple[str, str], list[str]] = {}
        wild: dict[str, list[str]] = {}
        for code in self.codes:
            for ind in pack_indicators(code):
                if ind.entity is not None:
                    self.entity_indicators.append(ind)
                    continue
                g = len(self.text_indicators)
                self.text_indicators.append(ind)
                for n, pat in enumerate(ind.patterns):
                    rx = compile_pattern(pat)
                    named = f"(?P<g{g}_{n}>{rx})"
                    first = first_chars(rx)
                    if first is None:
                        wild.setdefault(ind.family, []).append(named)
                        continue
                    for ch in first:
                        buckets.setdefault((ch, ind.family), []).append(named)
        per_char: dict[str, list[str]] = {}
        for (ch, _fam), alts in buckets.items():
            per_char.setdefault(ch, []).append("|".join(alts))
        # Most word starts begin no phrase: one combined test per start, then the families apart.
        self.by_char: dict[str, tuple[re.Pattern[str], list[re.Pattern[str]]]] = {}
        for ch, fams in per_char.items():
            rxs = [re.compile(f) for f in fams]
            test = rxs[0] if len(rxs) == 1 else re.compile("|".join(f"(?:{f})" for f in fams).replace("(?P<", "(?P<t"))
            self.by_char[ch] = (test, rxs)
        self.wild = [re.compile(r"(?<![\w])(?:" + "|".join(alts) + ")") for alts in wild.values()]

    def _hit(self, m: re.Match[str], text: str) -> Hit:
        g = m.lastgroup or "g0_0"
        return Hit(self.text_indicators[int(g[1:].split("_")[0])], m.start(), m.end(), text[m.start() : m.end()])

    def match(self, text: str) -> list[Hit]:
        if not text:
            return []
        folded = fold(text)
        by_char = self.by_char
        hits: list[Hit] = []
        for s in STARTS.finditer(folded):
            entry = by_char.get(s.group())
            if entry is None:
                continue
            pos = s.start()
            test, rxs = entry
            if not test.match(folded, pos):
                continue
            for rx in rxs:
                m = rx.match(folded, pos)
                if m and m.end() > pos:
                    hits.append(self._hit(m, text))
        for rx in self.wild:
            hits.extend(self._hit(m, text) for m in rx.finditer(folded) if m.end() > m.start())
        return hits


@cache
def matcher_for(code: str | None) -> Matcher:
    """The matcher for a post in ``code``: its pack, plus English and the shared pack."""
    codes = [SHARED, FALLBACK]
    if code and code not in codes and code in pack_languages():
        codes.insert(0, code)
    return Matcher(codes)


@cache
def single_pack_matcher(code: str) -> Matcher:
    """Only one pack: the tests check each pack's examples against its own patterns."""
    return Matcher([code])
