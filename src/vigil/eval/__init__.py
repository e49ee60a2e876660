"""Scoring a workspace against a synthetic world's ground truth (``vigil eval``).

``metrics`` holds the maths (pure, unit-tested on hand-made truths), ``truth`` reads the truth
file, ``workspace`` reads predictions from the store, ``score`` joins them into a report and
``table`` prints it. Nothing here imports the generator (``vigil.world``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vigil.eval.score import evaluate
from vigil.eval.truth import Truth, load_truth
from vigil.eval.workspace import Predictions, read_predictions
from vigil.store import Store


def evaluate_workspace(store: Store, truth_path: Path, threshold: float = 0.5) -> dict[str, Any]:
    """Load the truth, read the workspace's predictions for its posts, and score them."""
    truth = load_truth(truth_path)
    return evaluate(truth, read_predictions(store, truth.category), threshold)


__all__ = ["Predictions", "Truth", "evaluate", "evaluate_workspace", "load_truth", "read_predictions"]
