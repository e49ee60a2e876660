"""Stylometric profiles: how a post is written, not what it says; weak supporting evidence only.

Why character *shapes*: the same writer keeps habits across different texts and languages:
capitals, punctuation runs ('!!!', '...'), emoji, spacing, line breaks, where digits sit. Each
post is reduced to its shape string after identifiers and digits are masked (e-mails, handles
and URLs become '@', digits '0', so a rotated phone does not change the style): upper-case
letters become 'A', other letters 'a', runs of the same letter class, digit or space collapse
to one, everything else (punctuation, emoji) stays as written. Character 3-grams of that string
(typed character n-grams in the spirit of Sapkota et al. 2015, without the content) are hashed
into ``DIMS`` buckets, square-rooted, L2-normalised and stored as int8: 128 bytes a post.

Why only supporting evidence: a shared template gives the same shape trivially, and two people
of one community may punctuate alike. ``vigil.link.graph`` adds style only between groups that
already hold other weak evidence, are not near-duplicate texts of each other, and never on its
own; see ``docs/LINK.md``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np

DIMS = 128
SCALE = 127  # int8 quantisation of unit-length profiles
MIN_GRAMS = 16  # shapes with fewer 3-grams than this say nothing about style
_AT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\w)@[\w.]{2,}")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_SEP = 0  # code between texts in the joined buffer
_A, _LOW, _ZERO, _SPACE = ord("A"), ord("a"), ord("0"), ord(" ")
_MULT = np.uint64(0x9E3779B97F4A7C15)


def _letters(cps: np.ndarray) -> np.ndarray:
    """Letters of the Latin, Greek and Cyrillic scripts (the project's languages), vectorised."""
    return (((cps >= 65) & (cps <= 90)) | ((cps >= 97) & (cps <= 122))
            | ((cps >= 0xC0) & (cps <= 0x24F) & (cps != 0xD7) & (cps != 0xF7))
            | ((cps >= 0x370) & (cps <= 0x3FF)) | ((cps >= 0x400) & (cps <= 0x52F)))  # fmt: skip


def _mask(text: str) -> str:
    """E-mails, handles and URLs as '@' (cheap guards first: most posts have none)."""
    if "@" in text:
        text = _AT.sub("@", text)
    if "http" in text or "www." in text or "HTTP" in text or "WWW." in text:
        text = _URL.sub("@", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text.replace("\x00", " ")


def profiles(texts: Sequence[str]) -> np.ndarray:
    """(len(texts), DIMS) int8 style profiles; all-zero rows for texts too short to profile."""
    n = len(texts)
    out = np.zeros((n, DIMS), dtype=np.int8)
    if n == 0:
        return out
    joined = "\x00".join(_mask(t) for t in texts) + "\x00"
    cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.int32)
    low_s = joined.lower()
    low = np.frombuffer(low_s.encode("utf-32-le"), dtype=np.int32) if len(low_s) == len(joined) else cps
    letter = _letters(cps)
    code = np.where(letter & (cps != low), _A, np.where(letter, _LOW, cps))
    code = np.where((cps >= 48) & (cps <= 57), _ZERO, code)
    code = np.where((cps == 9) | (cps == 32) | (cps == 0xA0), _SPACE, code)
    collapsible = (code == _A) | (code == _LOW) | (code == _ZERO) | (code == _SPACE)
    keep = np.ones(code.size, dtype=bool)
    keep[1:] = ~(collapsible[1:] & (code[1:] == code[:-1]))
    code = code[keep]
    owner = np.cumsum(code == _SEP) - (code == _SEP)  # text index of each code (separators belong to the next)
    if code.size < 3:
        return out
    c0, c1, c2 = code[:-2], code[1:-1], code[2:]
    ok = (c0 != _SEP) & (c1 != _SEP) & (c2 != _SEP)
    with np.errstate(over="ignore"):
        h = ((c0[ok].astype(np.uint64) * np.uint64(1_000_003) + c1[ok].astype(np.uint64)) * np.uint64(1_000_003)
             + c2[ok].astype(np.uint64)) * _MULT  # fmt: skip
    bucket = (h >> np.uint64(64 - 7)).astype(np.int64)  # 2**7 = DIMS
    own = owner[:-2][ok]
    counts = np.bincount(own * DIMS + bucket, minlength=n * DIMS).reshape(n, DIMS).astype(np.float32)
    grams = counts.sum(axis=1)
    vec = np.sqrt(counts)
    norm = np.linalg.norm(vec, axis=1, keepdims=True)
    good = (grams >= MIN_GRAMS)[:, None] & (norm > 0)
    vec = np.where(good, vec / np.where(norm > 0, norm, 1.0), 0.0)
    out[:] = np.rint(vec * SCALE).astype(np.int8)
    return out


def centroid_cosine(prof: np.ndarray, group: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine between the mean profiles of groups ``a[k]`` and ``b[k]`` (``group``: label of each profile row).

    Only the groups named in ``a``/``b`` are averaged (the rest of a million posts is not touched).
    Groups without a usable profile get cosine 0.
    """
    if a.size == 0:
        return np.empty(0, dtype=np.float32)
    wanted, inv = np.unique(np.concatenate([a, b]), return_inverse=True)
    rows = np.flatnonzero(np.isin(group, wanted))
    slot = np.searchsorted(wanted, group[rows])
    sums = np.zeros((wanted.size, prof.shape[1]), dtype=np.float32)
    np.add.at(sums, slot, prof[rows].astype(np.float32))
    norm = np.linalg.norm(sums, axis=1)
    unit = sums / np.where(norm > 0, norm, 1.0)[:, None]
    ia, ib = inv[: a.size], inv[a.size :]
    return np.einsum("ij,ij->i", unit[ia], unit[ib]).astype(np.float32)
