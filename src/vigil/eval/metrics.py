"""The arithmetic of evaluation: pure functions over plain dicts and sets, no store, no I/O.

Conventions a caller may rely on: a ratio whose denominator is zero is ``None`` (shown as
'n/a'), never a silent 0 or 1; partitions are dicts item -> label, and an item missing from a
partition is a cluster of its own (a singleton); ARI of two partitions that are both all
singletons is 1.0 (they agree), as in scikit-learn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from math import comb
from typing import Any


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts and the precision, recall and F1 they give (``None`` where undefined)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": _r(self.precision),
                "recall": _r(self.recall), "f1": _r(self.f1)}  # fmt: skip


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def set_prf(predicted: Iterable[Hashable], true: Iterable[Hashable]) -> PRF:
    """Precision/recall of a predicted set against a true set (identifiers, flags …)."""
    p, t = set(predicted), set(true)
    return PRF(len(p & t), len(p - t), len(t - p))


def binary_prf(predicted: Mapping[Hashable, bool], true: Mapping[Hashable, bool]) -> PRF:
    """Positives among the true items; an item missing from ``predicted`` counts as negative."""
    tp = sum(1 for k, v in true.items() if v and predicted.get(k, False))
    fp = sum(1 for k, v in true.items() if not v and predicted.get(k, False))
    fn = sum(1 for k, v in true.items() if v and not predicted.get(k, False))
    return PRF(tp, fp, fn)


def category_prf(predicted: Mapping[Hashable, str], true: Mapping[Hashable, str],
                 categories: Sequence[str]) -> dict[str, PRF]:  # fmt: skip
    """One-vs-rest scores per category over the true items (unpredicted items are misses)."""
    out = {}
    for cat in categories:
        out[cat] = binary_prf({k: v == cat for k, v in predicted.items()}, {k: v == cat for k, v in true.items()})
    return out


def _contingency(true: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable],
                 items: Iterable[Hashable]) -> tuple[Counter[Any], Counter[Any], Counter[Any], int]:  # fmt: skip
    cells: Counter[Any] = Counter()
    rows: Counter[Any] = Counter()
    cols: Counter[Any] = Counter()
    n = 0
    for it in items:
        t = true.get(it, ("solo", it))
        p = predicted.get(it, ("solo", it))
        cells[(t, p)] += 1
        rows[t] += 1
        cols[p] += 1
        n += 1
    return cells, rows, cols, n


def pairwise_prf(predicted: Mapping[Hashable, Hashable], true: Mapping[Hashable, Hashable],
                 items: Iterable[Hashable] | None = None) -> PRF:  # fmt: skip
    """Pairs of items put together: predicted pairs that are true pairs, and the reverse.

    Counted from the contingency table, so it is linear in the number of items.
    """
    universe = set(true) | set(predicted) if items is None else items
    cells, rows, cols, _ = _contingency(true, predicted, universe)
    both = sum(comb(c, 2) for c in cells.values())
    pred_pairs = sum(comb(c, 2) for c in cols.values())
    true_pairs = sum(comb(c, 2) for c in rows.values())
    return PRF(both, pred_pairs - both, true_pairs - both)


def adjusted_rand(predicted: Mapping[Hashable, Hashable], true: Mapping[Hashable, Hashable],
                  items: Iterable[Hashable] | None = None) -> float | None:  # fmt: skip
    """Adjusted Rand index (Hubert & Arabie 1985) of two partitions of ``items``."""
    universe = set(true) | set(predicted) if items is None else items
    cells, rows, cols, n = _contingency(true, predicted, universe)
    if n < 2:
        return None
    index = sum(comb(c, 2) for c in cells.values())
    a = sum(comb(c, 2) for c in rows.values())
    b = sum(comb(c, 2) for c in cols.values())
    expected = a * b / comb(n, 2)
    maximum = (a + b) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


def precision_at_k(ranked: Sequence[Hashable], relevant: Iterable[Hashable], k: int) -> float | None:
    """Share of the first ``k`` ranked items that are relevant (over k, or fewer if fewer ranked)."""
    top = list(dict.fromkeys(ranked))[:k]
    if not top or k <= 0:
        return None
    rel = set(relevant)
    return sum(1 for x in top if x in rel) / len(top)


def count_match(predicted: int, true: int) -> dict[str, Any]:
    """A predicted count beside the true one, with their ratio."""
    return {"predicted": predicted, "true": true, "ratio": _r(predicted / true) if true else None}
