"""The per-language floor rule of the signal benchmark (bench/bench_signals.py): verdicts and intervals."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

# bench/ is a folder of scripts run with `python -m bench.<name>` from the repo root, not an installed package
_SPEC = importlib.util.spec_from_file_location("bench_signals", Path(__file__).parents[2] / "bench" / "bench_signals.py")
assert _SPEC is not None and _SPEC.loader is not None
bench = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(bench)
MIN_POSITIVES, bootstrap_ci, floor_verdict = bench.MIN_POSITIVES, bench.bootstrap_ci, bench.floor_verdict


@pytest.mark.parametrize(
    ("auc", "positives", "ci", "expected", "why"),
    [
        (0.99, MIN_POSITIVES - 1, None, "too few to judge", "a high figure on too few positives is not judged either"),
        (0.50, 2, None, "too few to judge", "two positives: their rank, not the language"),
        (0.95, MIN_POSITIVES, (0.92, 0.97), "met", "enough positives, interval above the floor"),
        (0.91, 80, (0.87, 0.94), "met (interval reaches below 0.90)", "point above, interval straddles"),
        (0.89, 80, (0.85, 0.93), "below floor", "point under 0.90 fails even if the interval reaches above"),
    ],
)
def test_floor_verdict(auc: float, positives: int, ci: tuple[float, float] | None, expected: str, why: str) -> None:
    assert floor_verdict(auc, positives, ci) == expected, why


def test_bootstrap_interval_brackets_the_estimate() -> None:
    rng = np.random.default_rng(1)
    y = np.r_[np.ones(40, dtype=int), np.zeros(400, dtype=int)]
    p = np.r_[rng.normal(1.0, 1.0, 40), rng.normal(0.0, 1.0, 400)]  # overlapping: AUC well under 1
    from sklearn.metrics import roc_auc_score

    lo, hi = bootstrap_ci(y, p, n=200)
    assert lo < roc_auc_score(y, p) < hi
    assert 0.02 < hi - lo < 0.3, "40 positives leave a visible interval"
    perfect = np.r_[np.ones(40), np.zeros(400)]
    assert bootstrap_ci(y, perfect, n=50) == (1.0, 1.0), "a perfect ranking stays perfect under resampling"
