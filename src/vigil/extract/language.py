"""Which languages a post is written in, with lingua's bundled models (offline).

The detector is built once per process for the project's languages, in low-accuracy mode with
models preloaded: the stage must run at thousands of posts per second. Only a bounded prefix of
the text is read: its first 100 characters give the main language; where lingua is unsure of them
(top confidence below 0.98, 4% of world posts), the whole prefix read decides. Mixed posts: in a post of 140
characters or more with two long sentences, the last of them is judged too; when it differs, each of the first few lines or
sentences long enough to judge is detected on its own, and every other language holding at least
30% of the judged text is reported after the main one.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

LANGUAGES = ("en", "de", "nl", "fr", "it", "es", "pt", "ro", "hu", "pl", "cs", "sk", "sl", "hr", "bg", "el",
             "lv", "lt", "et", "da", "sv", "fi", "uk", "ru")
PREFIX = 800  # raw characters read
MAIN_CHARS = 100  # cleaned characters judged for the main language (and for the tail check)
MIXED_CHARS = 140  # shorter posts are judged once; longer ones with two long sentences also by the last
TAIL_CHARS = 80
MIN_CHARS = 12
MAX_CHUNKS = 3
CHUNK_CHARS = 60
_CHUNK = re.compile(r"[^\n.!?]+[\n.!?]*")
_ENOUGH_LETTERS = re.compile(rf"[^\W\d_](?:[\W\d_]*[^\W\d_]){{{MIN_CHARS - 1}}}")  # MIN_CHARS letters, anything between
_NOISE = re.compile(r"[^\s\d@/#:=_]*[\d@/#:=_]\S*")  # words with digits, '@', '/' …: numbers, addresses, URLs
# lingua's Romanian model knows s and t with a cedilla, not the comma-below letters most Romanian text
# uses: 'Vând mașină de spălat' came out Swedish (0.99). Judged with the cedilla forms it is Romanian.
_FOLD = str.maketrans("șțȘȚ", "şţŞŢ")
CONFIDENT = 0.98  # below this top confidence the main language is judged again on the whole prefix


@cache
def detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().with_preloaded_language_models().build()


def _code(lang: Any) -> str:
    return lang.iso_code_639_1.name.lower()


def detect(text: str) -> list[tuple[str, float]]:
    """[(ISO 639-1 code, share of judged text)], most likely first; [] when there is too little text."""
    return list(_detect(_NOISE.sub(" ", text[:PREFIX]).translate(_FOLD)))


@lru_cache(maxsize=20_000)
def _detect(text: str) -> tuple[tuple[str, float], ...]:
    """Cached on the cleaned prefix: reposts and templates repeat it word for word."""
    return tuple(_judge(text))


def _judge(text: str) -> list[tuple[str, float]]:
    if _ENOUGH_LETTERS.search(text) is None:
        return []
    det = detector()
    stripped = text.strip()
    values = det.compute_language_confidence_values(stripped[:MAIN_CHARS])
    if not values or values[0].value <= 0:
        return []
    main = values[0].language
    if values[0].value < CONFIDENT and len(stripped) > MAIN_CHARS:
        # unsure on the first 100 characters (4% of world posts): judge everything read instead
        main = det.detect_language_of(stripped) or main
    out = [(_code(main), 1.0)]
    if len(stripped) < MIXED_CHARS:
        return out  # one call for most posts
    chunks = [c for c in (m.group().strip() for m in _CHUNK.finditer(text)) if len(c) >= CHUNK_CHARS][:MAX_CHUNKS]
    if len(chunks) < 2:
        return out
    tail = det.detect_language_of(chunks[-1][:TAIL_CHARS])
    if tail is None or tail == main:
        return out
    weight: dict[str, float] = {}
    for chunk in chunks:
        lang = det.detect_language_of(chunk)
        if lang is not None:
            weight[_code(lang)] = weight.get(_code(lang), 0.0) + len(chunk)
    total = sum(weight.values()) or 1.0
    main_share = round(weight.get(out[0][0], 0.0) / total, 3)
    out = [(out[0][0], main_share or round(1 / (len(weight) + 1), 3))]
    others = sorted(((c, w / total) for c, w in weight.items() if c != out[0][0]), key=lambda t: -t[1])
    return out + [(c, round(s, 3)) for c, s in others if s >= 0.3]
