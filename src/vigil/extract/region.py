"""Which country a phone number written without a country code belongs to.

Evidence is tried in a fixed order (docs/EXTRACT.md): the post's or its source's country
(``source_country``), a '+CC' written elsewhere in the post (``text_cc``), a city or country named
in the post (``place``), the country-code top-level domain of the post's URL (``url``), the country of the
post's language where it has one (``language``), then the configured default (``default``). The
phone recognizer takes the first region in which the number is a valid mobile number (else the
first in which it is valid at all) and records which evidence decided.
"""

from __future__ import annotations

import contextlib
import re
from urllib.parse import urlsplit

import phonenumbers

from vigil.extract.base import Doc

# Countries the project supports explicitly: EU, its neighbours and the US/Canada.
SUPPORTED = frozenset(
    ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "UA", "MD", "RU", "BY", "GB", "CH", "NO", "RS", "AL", "TR", "US", "CA"]
)
# A language points to a country only where it is mostly spoken in one (not en, ru is RU).
LANGUAGE_REGION = {"de": "DE", "nl": "NL", "fr": "FR", "it": "IT", "es": "ES", "pt": "PT", "ro": "RO", "hu": "HU",
                   "pl": "PL", "cs": "CZ", "sk": "SK", "sl": "SI", "hr": "HR", "bg": "BG", "el": "GR", "lv": "LV",
                   "lt": "LT", "et": "EE", "da": "DK", "sv": "SE", "fi": "FI", "uk": "UA", "ru": "RU"}
_TLD_REGION = {"uk": "GB", "gr": "GR", "eu": None}
_CC_RX = re.compile(r"(?<![\w+])(?:\+|00)\s?([1-9]\d{0,2})")
_HOST_RX = re.compile(r"https?://([^/\s:?#]+)", re.I)


def cc_region(digits: str) -> str | None:
    """The main region of the country code at the start of ``digits`` (codes are prefix-free)."""
    for n in (1, 2, 3):
        regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(digits[:n])) if len(digits) >= n else None
        if regions:
            return regions[0] if regions[0] != "001" else None
    return None


def tld_region(host: str) -> str | None:
    tld = host.rsplit(".", 1)[-1].lower()
    if tld in _TLD_REGION:
        return _TLD_REGION[tld]
    region = tld.upper()
    return region if region in SUPPORTED else None


def _url_regions(doc: Doc) -> list[str]:
    out: list[str] = []
    hosts = []
    if doc.post.url:
        with contextlib.suppress(ValueError):
            hosts.append(urlsplit(doc.post.url).hostname or "")
    hosts += _HOST_RX.findall(doc.fields.get("text", "")[:20_000])
    for host in hosts:
        r = tld_region(host) if host else None
        if r and r not in out:
            out.append(r)
    return out


def region_candidates(doc: Doc) -> list[tuple[str, str]]:
    """[(region, evidence)] in evidence order, each region once. Computed once per post."""
    cached = doc.memo.get("regions")
    if cached is not None:
        return cached
    out: list[tuple[str, str]] = []

    def add(region: str | None, evidence: str) -> None:
        if region and all(r != region for r, _ in out):
            out.append((region, evidence))

    add(doc.source_country, "source_country")
    add(doc.country, "source_country")
    for m in _CC_RX.finditer(doc.all_text[:20_000]):
        add(cc_region(m.group(1)), "text_cc")
    from vigil.extract.places import place_countries  # local: places loads the gazetteer lazily

    for country in place_countries(doc):
        add(country, "place")
    for region in _url_regions(doc):
        add(region, "url")
    for lang in (doc.post.language, *doc.languages[:1]):
        add(LANGUAGE_REGION.get((lang or "")[:2].lower()), "language")
    add(doc.default_region, "default")
    doc.memo["regions"] = out
    return out
