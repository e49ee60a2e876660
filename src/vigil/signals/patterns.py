"""The pattern dialect of the indicator packs: folding, compiling, and where a phrase can start.

Folding lower-cases and strips diacritics without moving any character, so a hit on folded text
is a span of the original. ``first_chars`` reads a compiled pattern's possible first characters
from Python's own regex parser, which lets the matcher try a phrase only where it can begin.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# -- folding: lower-case, strip diacritics, same length ---------------------------------------


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [(0xC0, 0x250), (0x370, 0x400), (0x400, 0x530), (0x1E00, 0x1F00), (0x1F00, 0x2000)]
    for lo, hi in ranges:
        for cp in range(lo, hi):
            ch = chr(cp)
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            low = base.lower()
            if len(low) == 1 and low != ch:
                table[cp] = low
    extra = {"ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ı": "i", "İ": "i", "ς": "σ",
             "’": "'", "‘": "'", "ё": "е", "Ё": "е", "ß": "ß"}  # fmt: skip
    for k, v in extra.items():
        table[ord(k)] = v
    return table


_FOLD = _build_fold_table()


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its diacritics, keeping every character at its offset."""
    out = text.translate(_FOLD).lower()
    if len(out) == len(text):
        return out
    return "".join((c.translate(_FOLD).lower() or c)[:1] for c in text)  # rare: 'İ'-like expansions


# -- the pattern dialect ------------------------------------------------------------------------

_SEP = r"[\s\-_.*/|·,]"  # a space in a pattern: any run of blanks or obfuscating punctuation


def compile_pattern(pattern: str) -> str:
    """One pack pattern -> a regex fragment over folded text.

    The dialect is Python regex with three conveniences: letters are folded like the text, a
    space matches any run of blanks or separators ('new in  town', 'new-in-town'; ' ?' makes it
    optional), and groups are
    non-capturing. Word boundaries are added where the pattern starts or ends with a letter or
    digit, so 'girl' does not hit 'girlfriend' unless written 'girl\\w*'.
    """
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        if c == " " and not in_class:
            optional = pattern.startswith("?", i + 1)
            out.append(_SEP + ("*" if optional else "+"))
            i += 2 if optional else 1
            continue
        elif c == "(" and not in_class and not pattern.startswith("(?", i):
            out.append("(?:")
        else:
            out.append(fold(c))
        i += 1
    body = "".join(out)
    core = pattern.lstrip("(?:")
    tail = pattern.rstrip(")?*+")
    left = r"(?<!\w)" if core[:1].isalnum() else ""  # kept for whole-text scans; starts are word starts
    right = r"(?!\w)" if tail[-1:].isalnum() and tail[-2:-1] != "\\" else ""
    return f"{left}(?:{body}){right}"


STARTS = re.compile(r"(?<!\w)\w|[^\w\s]")  # where a phrase may begin: word starts, emoji, signs
_DIGITS = frozenset("0123456789")


def _first_chars(items: Any) -> tuple[set[str] | None, bool]:
    """The characters a parsed regex can start with (None: any), and whether it can be empty."""
    out: set[str] = set()
    for op, av in items:
        first, nullable = _first_op(op, av)
        if first is None:
            return None, False
        out |= first
        if not nullable:
            return out, False
    return out, True


def _first_op(op: Any, av: Any) -> tuple[set[str] | None, bool]:
    c = re._constants  # type: ignore[attr-defined]
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        chars: set[str] = set()
        for iop, iav in av:
            if iop is c.LITERAL:
                chars.add(chr(iav))
            elif iop is c.RANGE and iav[1] - iav[0] < 300:
                chars.update(chr(x) for x in range(iav[0], iav[1] + 1))
            elif iop is c.CATEGORY and iav is c.CATEGORY_DIGIT:
                chars |= _DIGITS
            else:
                return None, False
        return chars, False
    if op is c.CATEGORY and av is c.CATEGORY_DIGIT:
        return set(_DIGITS), False
    if op is c.BRANCH:
        out: set[str] = set()
        nullable = False
        for alt in av[1]:
            first, n = _first_chars(alt)
            if first is None:
                return None, False
            out |= first
            nullable = nullable or n
        return out, nullable
    if op is c.SUBPATTERN:
        return _first_chars(av[-1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        first, n = _first_chars(av[2])
        return first, n or av[0] == 0
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return set(), True
    return None, False


def first_chars(regex: str) -> set[str] | None:
    first, nullable = _first_chars(re._parser.parse(regex))  # type: ignore[attr-defined]
    return None if nullable or first is None or len(first) > 60 else first


