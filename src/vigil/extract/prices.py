"""Prices with currency and, when stated, the unit they are for (hour, night, month salary …).

Currencies are ``xx/context.yaml`` data (symbols, codes and words; 'kr' resolved by language or
country); unit words come from each language's ``context.yaml``. A number without a currency is
never a price. The value is the amount as a plain decimal ('1500', '99.5').
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from vigil.extract.base import Doc, Found, Recognizer, first_runs
from vigil.extract.packs import per_language, shared
from vigil.extract.text import HAS_DIGIT as _HAS_DIGIT
from vigil.extract.text import LETTER, trie_regex

_AMOUNT = r"\d{1,3}(?:[.,' \u00a0]\d{3})+(?:[.,]\d{1,2})?|\d{1,7}(?:[.,]\d{1,2})?"
_THOUSANDS = re.compile(r"^\d{1,3}(?:([.,' \u00a0])\d{3})(?:\1\d{3})*(?:[.,]\d{1,2})?$")


@cache
def _tables() -> dict[str, Any]:
    cur: dict[str, dict[str, Any]] = {}
    for c in shared("context")["currencies"]:
        for t in [*c.get("symbols", []), *c["words"]]:
            cur.setdefault(t.lower(), c)
    units: dict[str, str] = {}
    for data in per_language("context").values():
        for e in data["price_units"]:
            for w in e["words"]:
                units.setdefault(w.lower(), e["unit"])
    cur_rx = f"(?:{trie_regex(cur)})"
    before = re.compile(rf"(?<![\w])(?P<cur>(?i:{cur_rx}))\s?(?P<amt>{_AMOUNT})(?![\d])")
    after = re.compile(rf"(?<![\w.,])(?P<amt>{_AMOUNT})\s?-?\s?(?P<cur>(?i:{cur_rx}))(?!{LETTER})")
    unit_after = re.compile(
        rf"\s*(?:(?P<slash>/)\s*|[:,\-–]?\s*(?:{LETTER}{{1,6}}\s+){{0,2}})(?P<one>1\s?)?(?P<unit>(?i:{trie_regex(units)}))(?!{LETTER})")
    unit_before = re.compile(rf"(?<!{LETTER})(?P<one>1\s?)?(?P<unit>(?i:{trie_regex(units)}))\s*[:=\-–]?\s*$")
    return {"cur": cur, "units": units, "before": before, "after": after, "unit_after": unit_after,
            "unit_before": unit_before}


@cache
def _currency_marks() -> tuple[tuple[str, ...], frozenset[str]]:
    """(currency tokens without letters, first letter runs of those with letters)."""
    cur = _tables()["cur"]
    symbols = tuple(t for t in cur if not any(c.isalpha() for c in t))
    return symbols, first_runs(t for t in cur if any(c.isalpha() for c in t)) or frozenset()


def normalise_amount(raw: str) -> str | None:
    s = raw.replace("\u00a0", " ").strip()
    m = _THOUSANDS.match(s)
    if m:
        sep = m.group(1)
        head, _, dec = s.rpartition(sep)
        if re.search(r"[.,]\d{1,2}$", dec) and len(dec) > 3:
            dec, cents = dec[:-3] if dec[-3] in ".," else dec[:-2], dec[-2:] if dec[-3] in ".," else dec[-1:]
            s = (head + dec).replace(sep, "") + "." + cents
        else:
            s = (head + dec).replace(sep, "")
    else:
        s = s.replace(",", ".")
    try:
        v = float(s)
    except ValueError:
        return None
    if not 0 < v < 10_000_000:
        return None
    return str(int(v)) if v == int(v) else f"{v:.2f}".rstrip("0")


class PriceRecognizer(Recognizer):
    type = "price"
    fields = ("title", "text")

    @property
    def patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        t = _tables()
        return [("price.before", t["before"]), ("price.after", t["after"])]

    def prefilter(self, text: str) -> bool:
        return _HAS_DIGIT.search(text) is not None

    def gate(self, rule: str, doc: Doc, field: str) -> bool:
        """A price needs a currency: a symbol written as such ('€') or a word ('EUR', 'lei', 'US$')."""
        symbols, runs = _currency_marks()
        text = doc.fields[field]
        return any(s in text for s in symbols) or not doc.tokens(field).isdisjoint(runs)

    def _currency(self, token: str, doc: Doc) -> str:
        c = _tables()["cur"][token.lower()]
        for lang in doc.languages[:1]:
            if lang in c.get("by_language", {}):
                return c["by_language"][lang]
        for country in (doc.country, doc.source_country, doc.default_region):
            if country and country in c.get("by_country", {}):
                return c["by_country"][country]
        return c["code"]

    def accept(self, m: re.Match[str], rule: str, doc: Doc, field: str) -> Found | None:
        amount = normalise_amount(m.group("amt"))
        if amount is None:
            return None
        t = _tables()
        text = m.string
        attrs: dict[str, Any] = {"currency": self._currency(m.group("cur"), doc)}
        unit = None
        ub = t["unit_before"].search(text[max(0, m.start() - 16):m.start()])
        if ub and (len(ub.group("unit")) > 2 or ub.group("one")):
            unit = t["units"][ub.group("unit").lower()]  # '1h 150€', 'Nacht: 800 EUR'
        else:
            ua = t["unit_after"].match(text, m.end())
            if ua and (len(ua.group("unit")) > 2 or ua.group("slash") or ua.group("one")):
                unit = t["units"][ua.group("unit").lower()]
        if unit:
            attrs["unit"] = unit
        return Found(amount, rule, 0.9 if unit else 0.8, attrs)
