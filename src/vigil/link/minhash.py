"""MinHash signatures and banded LSH keys, computed for a whole batch in numpy.

The same scheme as ``datasketch.MinHash``/``MinHashLSH`` (min over universal hashes of the shingle
set; bands of rows hashed into bucket keys), written batch-first because the pipeline links
millions of posts: one vectorised pass per permutation over all shingles of a batch instead of
a Python object per post. Permutation parameters come from a fixed seed, so signatures computed
today and next month are comparable and can be persisted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

EMPTY = np.uint32(0xFFFFFFFF)  # signature value of a text with no shingles


@dataclass(frozen=True, slots=True)
class MinHasher:
    """``bands`` x ``rows`` permutations. The LSH threshold is about (1/bands) ** (1/rows)."""

    bands: int = 16
    rows: int = 3
    seed: int = 1

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows

    def _params(self) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(self.seed)
        xors = rng.integers(0, 2**63, size=self.num_perm, dtype=np.uint64)
        mults = rng.integers(0, 2**63, size=self.num_perm, dtype=np.uint64) | np.uint64(1)
        return xors, mults

    def signatures(self, hashes: np.ndarray, owner: np.ndarray, n_texts: int) -> np.ndarray:
        """(n_texts, num_perm) uint32 signatures; rows of texts without shingles are ``EMPTY``."""
        sig = np.full((n_texts, self.num_perm), EMPTY, dtype=np.uint32)
        if hashes.size == 0:
            return sig
        order = np.argsort(owner, kind="stable")
        hashes, owner = hashes[order], owner[order]
        starts = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1])))
        who = owner[starts]
        xors, mults = self._params()
        with np.errstate(over="ignore"):
            for p in range(self.num_perm):
                h = ((hashes ^ xors[p]) * mults[p]) >> np.uint64(32)
                sig[who, p] = np.minimum.reduceat(h.astype(np.uint32), starts)
        return sig

    def band_keys(self, sig: np.ndarray) -> np.ndarray:
        """(n, bands) uint64 bucket keys; a band's index is mixed in so bands never collide."""
        n = sig.shape[0]
        keys = np.zeros((n, self.bands), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for b in range(self.bands):
                k = np.full(n, np.uint64(0x9E3779B97F4A7C15) * np.uint64(b + 1), dtype=np.uint64)
                for r in range(self.rows):
                    k = (k ^ sig[:, b * self.rows + r].astype(np.uint64)) * np.uint64(0x100000001B3)
                keys[:, b] = k
        return keys


def similarity(sig: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity between rows ``a[i]`` and ``b[i]`` of ``sig``."""
    if len(a) == 0:
        return np.empty(0, dtype=np.float32)
    return (sig[a] == sig[b]).mean(axis=1).astype(np.float32)


def has_text(sig: np.ndarray) -> np.ndarray:
    return sig[:, 0] != EMPTY
