"""Messenger and social handles with their platform: profile URLs, 'Telegram: @name', '@name'.

Platforms, the words ads use for them, their profile hosts and handle syntax are data
(``xx/handles.yaml``). Three rules: ``handle.url.<platform>`` (t.me/name, wa.me/4915…),
``handle.word.<platform>`` (a platform word, then ':'/'-'/'@' or 'id', then the handle) and
``handle.at.<platform>`` (a bare '@name' when the post names exactly one platform), and
``handle.tail.<platform>`` ('Only messages on Signal! No calls. lara_94': a platform sentence, one
short sentence, and the handle alone at the end of the line). Phone-number
handles (WhatsApp, Viber, Signal) are normalised to E.164 when valid. The value is
``platform:handle`` in lower case.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import phonenumbers

from vigil.extract.base import Doc, Found, Recognizer, first_runs
from vigil.extract.packs import shared
from vigil.extract.text import LETTER, trie_regex

_ONLY = ("only", "nur", "solo", "sólo", "seulement", "uniquement", "doar", "tylko", "csak", "jen", "iba", "samo", "alleen",
         "kun", "endast", "vain", "только", "тільки", "само", "μόνο")
_VIA = re.compile(r"(?i:\b(?:on|auf|sur|su|pe|na|en|op|via|por|per|på|в|на|у|σε|στο))\s+$")
_PHONE_PLATFORMS = frozenset({"whatsapp", "viber", "signal"})
_PHONE_ONLY = frozenset({"whatsapp", "viber"})  # Signal has usernames ('@lara.94'); these two have none
TAIL_GAP = 40  # characters of one short sentence ('No calls.') between the platform word and a tail handle
NEAR_PLATFORM = 60  # characters before a bare '@name' in which a platform word decides between several named
_RESERVED_PATHS = frozenset({"share", "joinchat", "s", "p", "explore", "login", "home", "search", "hashtag", "send",
                             "add", "intent", "invite", "watch", "groups", "pages", "profile.php", "i", "reel", "reels"})


@cache
def _platforms() -> dict[str, Any]:
    data = shared("handles")
    by_word: dict[str, str] = {}
    hosts: list[tuple[str, str]] = []
    syntax: dict[str, re.Pattern[str]] = {}
    for p in data["platforms"]:
        for w in p["words"]:
            by_word.setdefault(w.lower(), p["platform"])
        for h in p["hosts"]:
            hosts.append((h.lower(), p["platform"]))
        syntax[p["platform"]] = re.compile(rf"(?:{p['handle']})")
    hosts.sort(key=lambda t: -len(t[0]))
    host_rx = "|".join(re.escape(h) for h, _ in hosts)
    url = re.compile(rf"(?<![\w.])(?:https?://)?(?:www\.)?(?P<host>{host_rx})/?(?P<h>[@~]?[A-Za-z0-9_.+\-]{{1,64}})", re.I)
    word = re.compile(
        rf"(?<!{LETTER})(?P<w>(?i:{trie_regex(by_word)}))(?!{LETTER})"
        rf"(?P<case>-(?!only){LETTER}{{1,4}}(?!{LETTER}))?"  # a case ending: Hungarian 'Instagram-on', 'Telegram-ra'
        rf"(?:\s*(?i:id|nick|name|user|app))?"
        rf"(?P<only>\s+(?i:{trie_regex(_ONLY)}))?"
        rf"(?P<sep>\s*[:=\-–>👉➡→]+\s*|\s*@|\s+(?=@)|\s+)\s*(?P<at>@)?"
        rf"(?!(?i:{trie_regex(by_word)})(?![A-Za-z0-9_]))"  # 'Telegram: tg: name' -> the inner word introduces it
        rf"(?P<h>[A-Za-z0-9_.](?: [A-Za-z0-9_.]){{3,31}}(?![A-Za-z0-9_.])"  # spaced out: 'l a r a _ 9 4'
        rf"|[A-Za-z0-9.]{{1,32}}(?: _ [A-Za-z0-9.]{{1,32}}){{1,3}}(?![A-Za-z0-9_.])"  # 'lara _ vip94'
        rf"|[A-Za-z0-9_.+\-#]{{1,64}})"
    )
    bare = re.compile(r"(?<![\w@.])@(?P<h>[A-Za-z][A-Za-z0-9_.]{2,31})(?![\w@])")
    words_rx = re.compile(rf"(?<!{LETTER})(?:{trie_regex(by_word)})(?!{LETTER})", re.I)
    tail = re.compile(  # the platform's sentence ends, one short sentence may follow, the handle ends the line
        rf"(?<!{LETTER})(?P<w>(?i:{trie_regex(by_word)}))(?!{LETTER})[^\n@\d]{{0,12}}?[.!]"
        rf"(?P<mid>[^\n@\d.!:]{{0,{TAIL_GAP}}}[.!:])?\s+"
        rf"(?P<h>[A-Za-z][A-Za-z0-9_.]{{2,31}}(?<!\.))(?=[^\w\n]*(?:\n|$))")
    return {"by_word": by_word, "hosts": dict(hosts), "syntax": syntax, "url": url, "word": word, "bare": bare,
            "words_rx": words_rx, "tail": tail, "stop": {w.lower() for w in data["not_handles"]}, "word_runs": first_runs(by_word),
            "host_names": tuple(h.split("/")[0] for h, _ in hosts),
            "host_ends": tuple({_host_end(h) for h, _ in hosts})}


def _host_end(host: str) -> str:
    """The host's last label with its dot ('.me', '.com'), or the host itself when it has no dot ('viber:')."""
    name = host.split("/")[0]
    return name[name.rfind("."):] if "." in name else name


def _phone_handle(h: str, doc: Doc) -> str | None:
    digits = re.sub(r"\D", "", h)
    for region in (None, doc.source_country, doc.country, doc.default_region):
        try:
            n = phonenumbers.parse(("+" + digits) if region is None else digits, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(n):
            return phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)
    return None


class HandleRecognizer(Recognizer):
    type = "handle"

    @property
    def patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        p = _platforms()
        return [("handle.url", p["url"]), ("handle.word", p["word"]), ("handle.at", p["bare"]),
                ("handle.tail", p["tail"])]

    def gate(self, rule: str, doc: Doc, field: str) -> bool:
        p = _platforms()
        if rule == "handle.at":
            return "@" in doc.fields[field]
        if rule == "handle.url":
            low = doc.lower(field)
            return any(e in low for e in p["host_ends"]) and any(h in low for h in p["host_names"])
        return p["word_runs"] is None or not doc.tokens(field).isdisjoint(p["word_runs"])

    def _platform_of(self, m: re.Match[str], rule: str, doc: Doc) -> str | None:
        p = _platforms()
        if rule == "handle.url":
            host = m.group("host").lower()
            return p["hosts"].get(host) or p["hosts"].get(host + "/")
        if rule in ("handle.word", "handle.tail"):
            return p["by_word"].get(m.group("w").lower())
        named = {p["by_word"][w.lower()] for w in p["words_rx"].findall(doc.all_text[:20_000])}
        named -= _PHONE_ONLY
        if len(named) == 1:
            return named.pop()
        if named:  # several named: the one written last before the '@name', close to it, says whose it is
            before = [p["by_word"][w.group().lower()]
                      for w in p["words_rx"].finditer(m.string, max(0, m.start() - NEAR_PLATFORM), m.start())]
            before = [b for b in before if b not in _PHONE_ONLY]
            return before[-1] if before else None
        return None

    def accept(self, m: re.Match[str], rule: str, doc: Doc, field: str) -> Found | None:
        p = _platforms()
        platform = self._platform_of(m, rule, doc)
        if platform is None:
            return None
        h = m.group("h").lstrip("@~").rstrip(".-_").replace(" ", "")  # 'x o r a 1 9 9 6' is spaced out
        key = h.lower()
        claimed = doc.memo.setdefault("handles_claimed", {})
        if rule == "handle.at" and claimed.get(key, platform) != platform:
            return None  # 'Signal only 👉 @name' was read with its platform already; the '@' adds no second one
        explicit = bool(m.group("at")) or bool(m.group("sep").strip()) if rule == "handle.word" else True
        if rule == "handle.word" and not explicit and (len(m.group("w")) < 5 or not (
                re.search(r"[\d_.]", h) or m.group("case") or _VIA.search(m.string, max(0, m.start() - 12), m.start()))):
            return None  # 'Instagram masha1998' yes, 'Telegram please' no; short words need 'IG: name'
        if rule == "handle.at" and re.search(r"\.(?:com|net|org|info|biz|edu|gov)$", key):
            return None  # 'or @floodauto.com' is a mail domain, not a profile
        if rule == "handle.tail" and (p["words_rx"].search(m.group("mid") or "") or not (
                re.search(r"[\d_.]", h) or (len(h) >= 6 and h.islower()))):
            return None  # 'Signal only! No calls. lara_94' yes; 'Telegram only. Thanks' no
        if rule == "handle.word" and m.group("w").lower() in ("wa", "sc", "ig", "fb", "tg", "vk", "line") \
                and not (m.group("at") or "@" in m.group("sep") or ":" in m.group("sep")):
            return None  # short platform words need 'IG: name' or 'IG @name'
        if h.lower() in p["stop"] or (rule == "handle.url" and h.lower() in _RESERVED_PATHS):
            return None
        if platform in _PHONE_PLATFORMS or (platform == "telegram" and re.fullmatch(r"\+?[\d\-]{7,}", h)):
            e164 = _phone_handle(h, doc) if re.fullmatch(r"\+?[\d\-]{7,}", h) else None
            if e164 is None:
                if platform != "signal" or not p["syntax"]["signal"].fullmatch(h):
                    return None
            else:
                h = e164
        elif not p["syntax"][platform].fullmatch(h) or len(h) < 3:
            return None
        claimed.setdefault(key, platform)
        conf = {"handle.url": 0.97, "handle.word": 0.9 if explicit else 0.75, "handle.at": 0.7, "handle.tail": 0.6}[rule]
        return Found(f"{platform}:{h.lower()}", f"{rule}.{platform}", conf, {"platform": platform}, m.start(), m.end("h"))
