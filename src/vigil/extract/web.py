"""URLs and the registrable domains they point to.

A URL is anything with a scheme or ``www.``, or a bare host ending in a known top-level domain
(``xx/context.yaml``: 'anna-escort.de/profil'). The value is canonical: ``http`` and no scheme
become ``https``, host lower-cased without ``www.`` and default port, fragment and ``utm_*`` parameters
dropped, trailing slash removed. ``domain`` is the registrable domain: the last two labels, or
three under a known second-level suffix (``co.uk``, ``com.ua`` …). E-mail domains are not URLs.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from vigil.extract.base import Doc, Found, Recognizer, first_runs
from vigil.extract.packs import shared
from vigil.extract.text import trie_regex

SECOND_LEVEL = frozenset(
    ["co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "com.ua", "org.ua", "net.ua", "kiev.ua", "com.tr", "org.tr", "net.tr", "com.pl", "net.pl", "org.pl", "com.ru", "org.ru", "net.ru", "com.by", "com.cy", "com.mt", "co.at", "or.at", "com.es", "com.pt", "com.gr", "co.rs", "org.rs", "co.il", "com.au", "co.nz", "co.za", "com.br", "com.mx", "co.jp"]
)
_TRAIL = ".,;:!?)]}'\"»”’>"


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    tlds = trie_regex(t.lower() for t in shared("context")["tlds"])
    full = re.compile(r"(?<![\w@.])(?:https?://|www\.)[^\s<>\"'`]{2,2000}", re.I)
    host = r"(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+"
    bare = re.compile(rf"(?<![\w@.\-/]){host}(?:{tlds})(?![\w\-@])(?:/[^\s<>\"'`]{{0,2000}})?", re.I)
    return [("url.full", full), ("url.bare", bare)]


@cache
def _tld_runs() -> frozenset[str] | None:
    return first_runs(shared("context")["tlds"])


def canonical_url(raw: str) -> str | None:
    """The canonical form described in the module docstring, or ``None`` if it is no URL."""
    text = raw if re.match(r"^[a-z][a-z0-9+.\-]*://", raw, re.I) else "http://" + raw
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower().rstrip(".")
        port = parts.port
    except ValueError:
        return None
    if "." not in host or not re.fullmatch(r"[a-z0-9.\-]+|[^\s/]+", host):
        return None
    if host.startswith("www."):
        host = host[4:]
    scheme = parts.scheme.lower()
    if scheme == "http":
        scheme = "https"  # the same page either way; one value joins posts that differ only here
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith("utm_")])
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, netloc, path, query, ""))


def registrable_domain(host: str) -> str:
    labels = host.lower().strip(".").split(".")
    if len(labels) >= 3 and ".".join(labels[-2:]) in SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def strip_trailing(raw: str) -> str:
    while raw and raw[-1] in _TRAIL:
        if raw[-1] == ")" and raw.count("(") >= raw.count(")"):
            break
        raw = raw[:-1]
    return raw


class UrlRecognizer(Recognizer):
    """URLs written in a post; the post's own address (its ``url`` field) is not an identifier in it."""

    type = "url"
    fields = ("title", "text", "location")

    @property
    def patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        return _patterns()

    def prefilter(self, text: str) -> bool:
        return "." in text

    def gate(self, rule: str, doc: Doc, field: str) -> bool:
        if rule == "url.full":
            low = doc.lower(field)
            return "http" in low or "www." in low
        runs = _tld_runs()
        return runs is None or not doc.tokens(field).isdisjoint(runs)

    def accept(self, m: re.Match[str], rule: str, doc: Doc, field: str) -> list[Found] | None:
        raw = strip_trailing(m.group())
        value = canonical_url(raw)
        if value is None:
            return None
        host = urlsplit(value).hostname or ""
        end = m.start() + len(raw)
        conf = 0.95 if rule == "url.full" else 0.8
        return [Found(value, rule, conf, {"host": host}, m.start(), end),
                Found(registrable_domain(host), "domain." + rule.split(".")[1], conf, {"url": value}, m.start(), end,
                      type="domain")]

