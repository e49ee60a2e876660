"""E-mail addresses, plain or disguised ('anna at gmail dot com', 'anna[at]mail(dot)de').

A disguised address must end in a known top-level domain (``xx/context.yaml``), so that prose
such as 'meet at home dot' never becomes an address. The value is the lower-cased address.
"""

from __future__ import annotations

import re
from functools import cache

from vigil.extract.base import Doc, Found, Recognizer, first_runs
from vigil.extract.packs import shared
from vigil.extract.text import trie_regex

_LOCAL = r"[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,62}[A-Za-z0-9_])?"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    ctx = shared("context")
    tld = rf"(?:{trie_regex(t.lower() for t in ctx['tlds'])})(?![A-Za-z0-9])"
    plain = re.compile(rf"(?<![A-Za-z0-9._%+\-]){_LOCAL}[@＠]{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,24}}(?![A-Za-z0-9])")
    at_words = [w.strip() for w in ctx["email"]["at"] if w.strip() not in ("@", "＠")]
    dot_words = [w.strip() for w in ctx["email"]["dot"] if w.strip() != "."]
    at = rf"\s*(?:@|＠|(?i:{trie_regex(at_words)}))\s*"
    dot = rf"\s*(?:\.|(?i:{trie_regex(dot_words)}))\s*"
    hidden = re.compile(rf"(?<![A-Za-z0-9._%+\-]){_LOCAL}{at}(?P<dom>{_LABEL}(?:{dot}{_LABEL})*?){dot}(?P<tld>(?i:{tld}))")
    return [("email.plain", plain), ("email.obfuscated", hidden)]


def _clean(part: str, dot_rx: re.Pattern[str]) -> str:
    return ".".join(p for p in dot_rx.split(part) if p)


_AT_SPLIT = re.compile(r"\s*(?:[@＠]|[(\[{<]\s*(?:at|@)\s*[)\]}>]|\s(?:at|arroba|chiocciola|собачка|собака|kukac|ma[lł]pa|zavin[aá][cč]|snabel-a|klammeraffe)\s|_at_|-at-)\s*", re.I)
_DOT_SPLIT = re.compile(r"\s*(?:[(\[{<]\s*(?:dot|\.|punkt|punto|point)\s*[)\]}>]|\s(?:dot|punkt|punto|point|ponto|punct|pont|kropka|te[cč]ka|точка|piste|prik)\s|\.)\s*", re.I)


# the words that ``_AT_SPLIT`` accepts as '@' (their first run of letters): a disguised address needs one
_AT_TOKENS = frozenset({"at", "arroba", "chiocciola", "собака", "собачка", "kukac", "malpa", "małpa", "zavinac", "zavinác",
                        "zavinač", "zavináč", "snabel", "klammeraffe"})


@cache
def _at_tokens() -> frozenset[str] | None:
    """Tokens of the pack's 'at' words (those without '@', which the gate checks itself) and of ``_AT_SPLIT``'s:
    the gate may skip the obfuscated pattern only where none of the words it matches can be."""
    runs = first_runs(w.strip() for w in shared("context")["email"]["at"] if "@" not in w and "＠" not in w)
    return None if runs is None else runs | _AT_TOKENS


class EmailRecognizer(Recognizer):
    type = "email"
    fields = ("title", "text", "url")

    @property
    def patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        return _patterns()

    def gate(self, rule: str, doc: Doc, field: str) -> bool:
        text = doc.fields[field]
        if "@" in text or "＠" in text:
            return True
        if rule != "email.obfuscated":
            return False
        tokens = _at_tokens()
        return tokens is None or not doc.tokens(field).isdisjoint(tokens)

    def accept(self, m: re.Match[str], rule: str, doc: Doc, field: str) -> Found | None:
        raw = m.group()
        if rule == "email.plain":
            local, _, domain = raw.replace("＠", "@").partition("@")
            if ".." in domain or domain.startswith("-"):
                return None
            return Found(f"{local}@{domain}".lower(), rule, 0.97, {"obfuscated": False})
        parts = _AT_SPLIT.split(raw, maxsplit=1)
        if len(parts) != 2:
            return None
        local, domain = parts[0].strip(), _clean(parts[1], _DOT_SPLIT)
        if not local or "." not in domain or " " in domain:
            return None
        plain_words = re.search(r"\s(?:at)\s", raw, re.I) and not re.search(r"[\[\]()@{}<>]", raw)
        if re.search(r"\.\s", raw):
            return None  # 'I am at Berlin. Com…', 'Contact @anna.\nApp…': a sentence ends, no address
        conf = 0.8 if plain_words else 0.9
        return Found(f"{local}@{domain}".lower(), rule, conf, {"obfuscated": True})
