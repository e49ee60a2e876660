"""Perceptual image hashes and Hamming-distance search.

Why two hashes: pHash (DCT) survives resizing, recompression and small overlays; dHash
(gradients) survives brightness and colour changes. A pair of pictures matches when both are
close, or one is very close. Hashes are computed once per image SHA-256 and cached by the caller.

Why the search is fast: each 64-bit hash is cut into four 16-bit blocks; two hashes within
Hamming distance 3 share at least one block exactly (pigeonhole), and most near-duplicates
within the larger thresholds below do too. Candidates come from exact block matches in sorted
arrays (no all-pairs), then the full distances are checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

PHASH_MAX = 12  # bits of 64
DHASH_MAX = 14
VERY_CLOSE = 6
_BLOCKS = 4
_MAX_BUCKET = 2000


def image_hashes(path: Path) -> tuple[int, int]:
    """(pHash, dHash) as unsigned 64-bit ints. Raises ``OSError``/``ValueError`` on unreadable files."""
    import imagehash
    from PIL import Image

    with Image.open(path) as im:
        im.load()
        gray = im.convert("L")
    ph = int(str(imagehash.phash(gray)), 16)
    dh = int(str(imagehash.dhash(gray)), 16)
    return ph, dh


def _popcount(x: np.ndarray) -> np.ndarray:
    x = x.astype(np.uint64)
    return np.unpackbits(x.view(np.uint8).reshape(-1, 8), axis=1).sum(axis=1)


@dataclass(frozen=True, slots=True)
class ImageMatch:
    a: int  # image index
    b: int
    phash_distance: int
    dhash_distance: int

    @property
    def similarity(self) -> float:
        return round(1.0 - min(self.phash_distance, self.dhash_distance) / 64.0, 3)


def match_new(ph: np.ndarray, dh: np.ndarray, new_from: int) -> list[ImageMatch]:
    """Near-duplicate pairs (old or new, new) for images ``new_from..`` against all images."""
    n = ph.size
    if n == 0 or new_from >= n:
        return []
    cand_a: list[np.ndarray] = []
    cand_b: list[np.ndarray] = []
    for arr in (ph, dh):
        for blk in range(_BLOCKS):
            key = (arr >> np.uint64(16 * blk)) & np.uint64(0xFFFF)
            order = np.argsort(key, kind="stable")
            sk = key[order]
            new_idx = np.arange(new_from, n)
            lo = np.searchsorted(sk, key[new_idx], side="left")
            hi = np.searchsorted(sk, key[new_idx], side="right")
            counts = hi - lo
            counts[counts > _MAX_BUCKET] = 0  # a block value shared by thousands (blank images): no signal
            if counts.sum() == 0:
                continue
            rep_new = np.repeat(new_idx, counts)
            pos = np.repeat(lo - np.cumsum(np.concatenate(([0], counts[:-1]))), counts) + np.arange(counts.sum())
            other = order[pos]
            keep = other < rep_new
            cand_a.append(other[keep])
            cand_b.append(rep_new[keep])
    if not cand_a:
        return []
    pairs = np.unique(np.stack([np.concatenate(cand_a), np.concatenate(cand_b)], axis=1), axis=0)
    if pairs.size == 0:
        return []
    a, b = pairs[:, 0], pairs[:, 1]
    dp = _popcount(ph[a] ^ ph[b])
    dd = _popcount(dh[a] ^ dh[b])
    ok = ((dp <= PHASH_MAX) & (dd <= DHASH_MAX)) | (dp <= VERY_CLOSE) | (dd <= VERY_CLOSE)
    return [ImageMatch(int(x), int(y), int(p), int(d)) for x, y, p, d in zip(a[ok], b[ok], dp[ok], dd[ok], strict=True)]
