"""Phone numbers, however an ad writes them, normalised to E.164 with ``phonenumbers``.

A candidate is a run of digit tokens: digits in any script (fullwidth, keycap emoji, circled),
look-alike letters glued to digits (O for 0, l for 1, from ``xx/lookalikes.yaml``) and digits
spelled out in any supported language (``<code>/numbers.yaml``), joined by any separators,
brackets or line breaks. The run is cut greedily into the longest valid numbers; a number without
a country code is tried in the regions of ``vigil.extract.region`` in evidence order. Dates, prices,
measurements, ids, IBANs and postcodes are rejected by their shape and context.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from vigil.extract.base import Doc, Found, Recognizer
from vigil.extract.packs import digit_words, per_language, shared
from vigil.extract.region import SUPPORTED, region_candidates
from vigil.extract.text import LETTER, trie_regex, words_regex

# phonenumbers compiles its metadata patterns through re's 512-entry cache; across the 39 regions we
# try, that cache thrashed (hundreds of recompiles per 5,000 posts). Its own cache keeps them.
phonenumbers.enable_pattern_cache()

_DIGIT_CHARS = r"\d\u2460-\u2468\u24ea\u2776-\u277e\u2780-\u2788\u278a-\u2792"
_DIG = rf"[{_DIGIT_CHARS}](?:\ufe0f?\u20e3)?"
_SEP = (r"(?:[\s\-\u2010-\u2015./\\()\[\]{}_·•~*\"]{0,5}"  # also 214"705"4934
        r"|\s*(?:\.{3}|…)\s*(?:[+&]|(?i:and|und|et|y|e|i|og|och|ja|és|и|і|και))?\s*)")  # '0151 ... and 234'
_JOINED = re.compile(r"\.{3}|…")
_PLUS = r"[+\uff0b][.\-_/*]?"
_DATE = re.compile(r"(?<![\d./-])(?:(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?:\d\d)?\d\d|(?:19|20)\d\d[./-](?P<m2>\d{1,2})[./-](?P<d2>\d{1,2})|(?:19|20)\d\d\s*[-–/]\s*(?:19|20)\d\d)(?![./-]?\d)")
_MEASURE = re.compile(r"^\d{2,3}\s?[-/]\s?\d{2}\s?[-/]\s?\d{2,3}$")
_ALNUM = re.compile(r"[A-Za-z0-9]")


def _dates(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans no number may overlap: plausible dates, day ranges, year ranges and IBANs."""
    out = [m.span() for m in _DAY_RANGE.finditer(text, start, end)]
    out += [m.span() for m in _IBAN.finditer(text, max(0, start - 4), end)]
    for m in _DATE.finditer(text, start, end):
        d, mo = m.group("d") or m.group("d2"), m.group("m") or m.group("m2")
        a, b = (int(d), int(mo)) if d is not None else (0, 0)
        if d is None or (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31):  # d/m or US m/d
            out.append(m.span())
    return out
_UNIT_AFTER = re.compile(r"%|‰|\s?(?:cm|kg|mm|km|m²|m2|qm|sqm|lbs?|ft|gb|mb|px)(?![^\W\d_])", re.I)
BUDGET = 20_000  # candidate numbers tried per post; real posts need a few dozen
MAX_TOKENS = 40  # tokens per run: bounds the work on pathological input; real numbers need far fewer
_IBAN_BEFORE = re.compile(r"[A-Z]{2}$")
_ID_GAP = re.compile(r"[\s:.#№\-]*(?:(?i:nr|no|n[º°o]|num|number|nummer|numéro|numero|número|numer)\.?[\s:.#]*)?")  # 'Ref: ', 'Kundennummer ', 'Order #'
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])")
_DAY_RANGE = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.?\s*[-–]\s*\d{1,2}\.\d{1,2}(?![\d])")


@dataclass(slots=True)
class _Tok:
    digits: str
    start: int
    end: int
    plus: bool
    kinds: frozenset[str]
    lang: str | None
    newline_before: bool


@cache
def _compiled() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], re.Pattern[str], re.Pattern[str],
                         re.Pattern[str], re.Pattern[str]]:
    alike = {e["char"]: str(e["digit"]) for e in shared("lookalikes")["lookalikes"]}
    lclass = "[" + "".join(re.escape(c) for c in alike) + "]"
    numtok = (rf"(?:(?<!{LETTER}){lclass}{{1,2}}(?={_DIG}))?{_DIG}(?:{lclass}{{0,2}}{_DIG})*"
              rf"(?:{lclass}{{1,2}}(?!{LETTER}))?")
    words = trie_regex(digit_words())
    word = rf"(?<!{LETTER})(?i:{words}){{1,12}}(?!{LETTER})"  # glued words too: 'fiveZerofive'
    alone = rf"(?<!{LETTER}){lclass}{{1,3}}(?!{LETTER})"
    first = rf"(?:(?P<plus>{_PLUS})\s?)?(?:(?P<num>{numtok})|(?P<word>{word}))"
    tok = first[:-1] + rf"|(?P<alike>{alone}))"
    plain = first.replace("(?P<plus>", "(?:").replace("(?P<num>", "(?:").replace("(?P<word>", "(?:")
    rest = tok.replace("(?P<plus>", "(?:").replace("(?P<num>", "(?:").replace("(?P<word>", "(?:").replace("(?P<alike>", "(?:")
    run = re.compile(rf"{plain}(?:{_SEP}{rest}){{0,{MAX_TOKENS}}}")
    ctx = per_language("context")
    phone_words = [w for d in ctx.values() for w in d["phone"]["words"]]
    not_words = [w for d in ctx.values() for w in d["not_phone"]["words"]]
    cur = shared("context")["currencies"]
    money = [s for c in cur for s in c.get("symbols", [])] + [w for c in cur for w in c["words"]]
    messengers = [w for p in shared("handles")["platforms"] if p["platform"] in ("whatsapp", "viber", "signal", "telegram")
                  for w in p["words"]]
    return (run, re.compile(tok), alike, re.compile(rf"(?i:{words})"),
            re.compile(words_regex(phone_words + messengers), re.I),
            re.compile(words_regex(not_words) + r"|#\s*$|№", re.I),
            re.compile(rf"(?:{trie_regex(s.lower() for s in money)})(?!{LETTER})", re.I))


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    _, tok_rx, alike, word_rx, *_ = _compiled()
    words = digit_words()
    out: list[_Tok] = []
    prev_end = start
    for m in tok_rx.finditer(text, start, end):
        kinds: set[str] = set()
        lang = None
        if m.group("word") is not None:
            parts = [words[w.lower()] for w in word_rx.findall(m.group("word"))]
            lang = parts[0][1]
            if parts[0][0] == "+":
                out.append(_Tok("", m.start(), m.end(), True, frozenset({"spelled"}), lang, False))
                prev_end = m.end()
                if len(parts) == 1:
                    continue
                parts = parts[1:]
            digits = "".join(d for d, _ in parts if d != "+")
            kinds.add("spelled")
        else:
            chars = []
            for ch in m.group("num") or m.group("alike"):
                if ch in alike and not ch.isdigit():
                    chars.append(alike[ch])
                    kinds.add("lookalike")
                elif ch in "\ufe0f\u20e3":
                    kinds.add("emoji")
                else:
                    d = unicodedata.digit(ch, None)
                    if d is None:
                        continue
                    if not ("0" <= ch <= "9"):
                        kinds.add("unicode")
                    chars.append(str(d))
            digits = "".join(chars)
        plus = m.group("plus") is not None and not _JOINED.search(text, prev_end, m.start())
        if out and out[-1].plus and not out[-1].digits:  # a spelled 'plus' before this token
            out.pop()
            plus = True
        out.append(_Tok(digits, m.start(), m.end(), plus, frozenset(kinds), lang, "\n" in text[prev_end:m.start()]))
        prev_end = m.end()
    return [t for t in out if t.digits]


_MOBILE = frozenset({phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE})


_TYPES = ("fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "personal_number", "voip", "pager",
          "uan", "voicemail")


@cache
def _shape(region: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None, str]:
    """(international dialling prefix, national prefix, any valid national number, country code) of
    ``region``, from phonenumbers' own metadata: every number type's pattern of every region that
    shares the country code (a number parsed for FI may be valid in AX) in one alternation."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if meta is None or not meta.country_code:
        return None, None, None, ""
    kinds = []
    for r in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(meta.country_code, (region,)):
        other = phonenumbers.PhoneMetadata.metadata_for_region(r)
        if other is None:
            return None, None, None, ""
        kinds += [d.national_number_pattern for d in (getattr(other, t, None) for t in _TYPES) if d and d.national_number_pattern]
    if not kinds:
        return None, None, None, ""
    prefix = meta.national_prefix_for_parsing or meta.national_prefix
    return (re.compile(meta.international_prefix) if meta.international_prefix else None,
            re.compile(prefix) if prefix else None,
            re.compile("|".join(f"(?:{k})" for k in kinds)), str(meta.country_code))


def _may_be_valid(digits: str, region: str) -> bool:
    """A cheap necessary condition for ``digits`` being a valid number in ``region``: the digits, or
    what is left once the national prefix ('0', '06', '8') or the country code itself is stripped as
    phonenumbers strips them, have the shape of some number type there. Digits that start with the
    international prefix ('00', '011') go to the full parse. Rejecting here saves a
    ``phonenumbers.parse`` for most candidates (and most of the 39 regions ``_unique`` tries)."""
    idd, prefix, shape, cc = _shape(region)
    if shape is None or (idd is not None and idd.match(digits)):
        return True
    for rest in (digits, digits[len(cc):] if digits.startswith(cc) else None):
        if rest is None:
            continue
        if shape.fullmatch(rest):
            return True
        m = prefix.match(rest) if prefix is not None else None
        if m is not None and shape.fullmatch(rest, m.end()):
            return True
    return False


@lru_cache(maxsize=100_000)
def _parse(digits: str, region: str | None) -> tuple[str, str, bool] | None:
    """(E.164, region, is mobile) if ``digits`` is a valid number in ``region`` (``None``: digits start with a CC)."""
    if region is not None and (not _may_be_valid(digits, region)
                               or (_TRUNK.get(region) == "0" and not digits.startswith("0"))):
        return None  # where national numbers are written with a leading 0, one without it is not national
    try:
        n = phonenumbers.parse("+" + digits if region is None else digits, region)
    except NumberParseException:
        return None
    kind = phonenumbers.number_type(n)  # UNKNOWN exactly when not is_valid_number(n): one metadata walk, not two
    if kind == phonenumbers.PhoneNumberType.UNKNOWN:
        return None
    return (phonenumbers.format_number(n, PhoneNumberFormat.E164), phonenumbers.region_code_for_number(n) or "",
            kind in _MOBILE)


@lru_cache(maxsize=20_000)
def _unique(digits: str) -> tuple[str, str, bool] | None:
    """The number, if it is valid in exactly one supported region, or a mobile in exactly one (a last
    resort when no evidence names a region where it is valid)."""
    found = {got[0]: got for r in sorted(SUPPORTED) if (got := _parse(digits, r))}
    mobiles = [g for g in found.values() if g[2]]
    if len(found) == 1:
        return next(iter(found.values()))
    return mobiles[0] if len(mobiles) == 1 else None


def _trunk_prefixes() -> dict[str, str]:
    out = {}
    for region in phonenumbers.SUPPORTED_REGIONS:
        meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
        if meta is not None and meta.national_prefix:
            out[region] = meta.national_prefix
    return out


_TRUNK = _trunk_prefixes()


_BASE = {"explicit_cc": 0.95, "source_country": 0.9, "text_cc": 0.85, "place": 0.8, "url": 0.8, "language": 0.75,
         "default": 0.75, "unique_region": 0.5}


class PhoneRecognizer(Recognizer):
    type = "phone"

    @property
    def patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        return [("phone", _compiled()[0])]

    def _resolve(self, toks: list[_Tok], doc: Doc, text: str) -> tuple[str, str, str, float] | None:
        digits = "".join(t.digits for t in toks)
        if not 7 <= len(digits) <= 17:
            return None
        if toks[0].plus:
            got = _parse(digits, None)
            return (got[0], got[1], "explicit_cc", _BASE["explicit_cc"]) if got else None
        if digits.startswith("00") and not digits.startswith("000"):
            got = _parse(digits[2:], None)
            if got:
                return got[0], got[1], "explicit_cc", _BASE["explicit_cc"]
        first = None
        for i, (region, evidence) in enumerate(region_candidates(doc)):
            got = _parse(digits, region)
            if got and got[2]:  # ads give mobiles: a mobile in a later region beats a landline in an earlier one
                return got[0], got[1], evidence, _BASE[evidence] - (0.1 if i else 0.0)
            if got and first is None:
                first = (got[0], got[1], evidence, _BASE[evidence] - (0.1 if i else 0.0))
        if first:
            got = _unique(digits) if digits.startswith("0") else None
            if got and got[2] and got[0] != first[0]:  # a landline here, a mobile in exactly one other country
                return got[0], got[1], "unique_region", _BASE["unique_region"]
            return first
        ctx_rx = _compiled()[4]
        raw = text[toks[0].start:toks[-1].end]
        if len(digits) >= 11 and "/" not in raw and (ctx_rx.search(text, max(0, toks[0].start - 40), toks[0].start)
                                                     or "wa.me/" in text[max(0, toks[0].start - 8):toks[0].start]):
            got = _parse(digits, None)
            if got:
                return got[0], got[1], "explicit_cc", 0.7
        return None

    def _rejected(self, toks: list[_Tok], text: str, dates: list[tuple[int, int]]) -> bool:
        start, end = toks[0].start, toks[-1].end
        raw = text[start:end]
        if _MEASURE.match(raw) or any(s < end and start < e for s, e in dates):
            return True
        if start and end < len(text) and _ALNUM.match(text[start - 1]) and _ALNUM.match(text[end]):
            return True  # inside a hash, an address or a code
        not_rx, money_rx = _compiled()[5:]
        before = text[max(0, start - 30):start]
        last = None
        for last in not_rx.finditer(before):  # noqa: B007 - the last id word before the number counts
            pass
        if (last and _ID_GAP.fullmatch(before, last.end())) or _IBAN_BEFORE.search(before):
            return True
        if _UNIT_AFTER.match(text, end) or money_rx.match(text, end + (1 if text[end:end + 1] == " " else 0)):
            return True
        tail = before.rstrip()
        # '€ 150 000' is a price; 'Chanel $tack$ 8042623045' is a name written with dollar signs
        return bool(tail) and tail[-1:] in "€$£₴₽₺" and not tail[-2:-1].isalpha()

    def accept(self, m: re.Match[str], rule: str, doc: Doc, field: str) -> list[Found] | None:
        text = m.string
        raw = m.group()
        digits = sum(c.isdigit() for c in raw)
        if digits < 3 and len(raw) < 12:
            return None
        if digits < 7 and raw.isascii() and not any(c.isalpha() or c == "|" for c in raw):
            return None  # plain digits and separators only: fewer than 7 digits is never a number
        toks = _tokens(text, m.start(), m.end())
        if sum(len(t.digits) for t in toks) < 7:
            return None
        dates = _dates(text, m.start(), m.end())
        out: list[Found] = []
        budget = doc.memo.get("phone_budget", BUDGET)
        i = 0
        cum = [0]
        for t in toks:
            cum.append(cum[-1] + len(t.digits))
        while i < len(toks):
            for j in range(min(len(toks), i + 24), i, -1):
                if not 7 <= cum[j] - cum[i] <= 17:
                    continue
                budget -= 1
                if budget < 0:
                    doc.memo["phone_budget"] = 0
                    return out or None
                part = toks[i:j]
                got = self._resolve(part, doc, text)
                if got is None or self._rejected(part, text, dates):
                    continue
                out.append(self._found(part, got, text))
                i = j
                break
            else:
                i += 1
        doc.memo["phone_budget"] = budget
        if not out and toks[0].digits.startswith("0") and 9 <= cum[-1] <= 12 and not self._rejected(toks, text, dates):
            got = _unique(cum and "".join(t.digits for t in toks))
            if got:
                out.append(self._found(toks, (got[0], got[1], "unique_region", _BASE["unique_region"]), text))
        return out or None

    def _found(self, part: list[_Tok], got: tuple[str, str, str, float], text: str) -> Found:
        e164, region, evidence, conf = got
        kinds = sorted(set().union(*(t.kinds for t in part)) | ({"split_lines"} if any(t.newline_before for t in part[1:]) else set()))
        langs = sorted({t.lang for t in part if t.lang})
        if "spelled" in kinds:
            rule = f"phone.spelled.{langs[0]}" if len(langs) == 1 else "phone.spelled"
        elif "lookalike" in kinds:
            rule = "phone.lookalike"
        elif "emoji" in kinds or "unicode" in kinds:
            rule = "phone.unicode"
        else:
            rule = "phone.plain"
        conf -= 0.05 * len([k for k in kinds if k != "split_lines"])
        attrs: dict[str, object] = {"region": region, "region_evidence": evidence, "obfuscated": bool(kinds)}
        if kinds:
            attrs["obfuscation"] = kinds
        if langs:
            attrs["spelled_languages"] = langs
        start, end = part[0].start, part[-1].end
        near = text[max(0, start - 40):min(len(text), end + 40)].lower()
        messengers = [p for p in ("whatsapp", "viber", "signal", "telegram") if p in near or (p == "whatsapp" and "wa.me" in near)]
        if messengers:
            attrs["messengers"] = messengers
        return Found(e164, rule, max(0.3, conf), attrs, start, end)
