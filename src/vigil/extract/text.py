"""Text helpers shared by the recognizers: safe text, word-list regexes, nearby-context tests."""

from __future__ import annotations

import re
from collections.abc import Iterable

_SURROGATE = re.compile(r"[\ud800-\udfff]")
HAS_DIGIT = re.compile(r"\d")
LETTER = r"[^\W\d_]"  # any Unicode letter
NOT_LETTER_BEFORE = rf"(?<!{LETTER})"
NOT_LETTER_AFTER = rf"(?!{LETTER})"


def safe_text(text: object) -> str:
    """Text that every library accepts, with the same length (so spans stay valid).

    Lone surrogates (invalid UTF-8 decoded with ``surrogateescape``) become U+FFFD one for one;
    non-text becomes ``''``.
    """
    if not isinstance(text, str):
        return ""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def trie_regex(words: Iterable[str]) -> str:
    """One regex alternation for many words, factored by prefix so matching stays fast.

    Python's ``re`` tries alternatives one by one; a trie-shaped pattern tries each character once.
    Longer words win over their prefixes.
    """
    trie: dict = {}
    for w in set(words):
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items(), key=lambda kv: kv[0]) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return build(trie)


def words_regex(words: Iterable[str]) -> str:
    """A whole-word alternation (no letter directly before or after)."""
    return f"{NOT_LETTER_BEFORE}(?:{trie_regex(words)}){NOT_LETTER_AFTER}"


def near(text: str, start: int, end: int, pattern: re.Pattern[str], before: int = 40, after: int = 20) -> bool:
    """Whether ``pattern`` occurs in the window around ``text[start:end]``."""
    return pattern.search(text, max(0, start - before), start) is not None or (
        after > 0 and pattern.search(text, end, min(len(text), end + after)) is not None
    )
