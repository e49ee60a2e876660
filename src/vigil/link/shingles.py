"""Text normalisation and shingling for near-duplicate detection, vectorised over batches.

Why masking: a controller who rotates phone numbers, prices or ages keeps the same template.
Identifiers (URLs, e-mails, handles) and every digit are replaced by placeholders *before*
shingling, so two posts that differ only in those slots shingle the same.

Why this normalisation: NFKC folds full-width and mathematical look-alike digits/letters,
case folding and dropping combining marks fold accents in Latin, Greek (ά → α) and Cyrillic
(й → и), and ``\\w`` in Python's ``re`` is Unicode-aware, so Latin, Cyrillic and Greek text all
tokenise the same way. Shingles are word bigrams (plus unigrams of very short texts), hashed
with a polynomial rolling hash over code points computed for a whole batch at once in numpy;
the hash is deterministic across processes (unlike Python's ``hash``), so signatures persist.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np

_TLDS = r"(?:com|net|org|info|biz|eu|de|nl|fr|it|es|pl|ru|ua|ro|io|me)"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"(?<!\w)@[\w.]{2,}")
_URL_SCHEME = re.compile(r"(?:https?://|www\.)\S+", re.I)
_TLD = re.compile(rf"\.{_TLDS}\b", re.I)
_URL_DOMAIN = re.compile(rf"\b[\w-]+(?:\.[\w-]+)*\.{_TLDS}\b\S*", re.I)
_DIGITS = re.compile(r"\d+(?:[\s.\-/()]*\d+)*")
_NONWORD = re.compile(r"[\W_]+")
_MARKS = re.compile(r"[\u0300-\u036f\u0483-\u0489\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")

MIN_TOKENS = 6  # texts shorter than this are too generic to link on ("call me now")

_Q = np.uint64(1099511628211)  # odd multiplier: invertible modulo 2**64
_Q_INV = np.uint64(pow(1099511628211, -1, 2**64))


def normalize(text: str) -> str:
    """Masked, folded text: identifiers -> placeholder words, digits -> '0', words space-separated."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    if "@" in text:  # cheap guards first: most posts have no e-mail, handle or URL
        text = _HANDLE.sub(" xhandlex ", _EMAIL.sub(" xemailx ", text))
    low = text.lower()
    if "http" in low or "www." in low:
        text = _URL_SCHEME.sub(" xurlx ", text)
    if _TLD.search(text):
        text = _URL_DOMAIN.sub(" xurlx ", text)
    text = _DIGITS.sub(" 0 ", text).casefold()
    if not text.isascii():  # drop combining marks: accents of Latin, Greek (tonos) and Cyrillic (breve)
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return _NONWORD.sub(" ", text).strip()


def _powers(base: np.uint64, n: int) -> np.ndarray:
    out = np.full(n, base, dtype=np.uint64)
    out[0] = np.uint64(1)
    with np.errstate(over="ignore"):
        return np.cumprod(out, dtype=np.uint64)


def shingle_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Word-bigram hashes for a batch of *normalised* texts.

    Returns ``(hashes uint64, owner int64)``: the shingle hashes of all texts, concatenated,
    and for each the index of its text. Texts with fewer than ``MIN_TOKENS`` words get none.
    """
    kept = [t if t.count(" ") + 1 >= MIN_TOKENS else "" for t in texts]
    joined = "\n".join(kept) + "\n"
    cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = cps.size
    if n == 0:
        return np.empty(0, np.uint64), np.empty(0, np.int64)
    with np.errstate(over="ignore"):
        prefix = np.zeros(n + 1, dtype=np.uint64)
        np.cumsum(cps * _powers(_Q, n), out=prefix[1:], dtype=np.uint64)
        inv = _powers(_Q_INV, n + 1)
        is_sep = (cps == 32) | (cps == 10)
        # token starts: non-separator preceded by separator (or at 0); ends: separator positions
        prev_sep = np.concatenate(([True], is_sep[:-1]))
        starts = np.flatnonzero(~is_sep & prev_sep)
        ends = np.flatnonzero(is_sep & ~prev_sep)  # position just after each token
        line_of_token = np.searchsorted(np.flatnonzero(cps == 10), starts)  # text index of each token
        same_line = line_of_token[:-1] == line_of_token[1:]
        a, b = starts[:-1][same_line], ends[1:][same_line]
        hashes = (prefix[b] - prefix[a]) * inv[a]
        owner = line_of_token[:-1][same_line].astype(np.int64)
    return hashes, owner
