"""The shipped signal model: weights in a compressed NumPy file, its recipe in a JSON file beside it.

No pickle: the file holds plain arrays (logistic-regression weights over the features of
``vigil.signals.features``, isotonic calibration steps per risk family), so loading it runs no
code and does not depend on the scikit-learn version that trained it. The JSON records the
content hash of the weights, the training recipe and its held-out figures.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from vigil.errors import VigilError
from vigil.signals.features import N_DENSE_EXTRA, N_HASH, Reason, family_prior

CATEGORIES = ("escort", "massage", "job", "housing", "transport", "dating", "other")
RISKS = ("sexual", "labour", "housing")
MODEL_NAME = "signals"
MODEL_DIR = "models"


class ModelError(VigilError):
    """The model file is missing, damaged or does not match its recorded hash."""


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass(slots=True)
class SignalModel:
    """Category and risk heads over one feature space. ``risk_coef`` may be absent (no risk labels)."""

    version: str
    concepts: list[str]
    categories: list[str]
    cat_coef: np.ndarray  # (k, d)
    cat_intercept: np.ndarray  # (k,)
    risk_coef: np.ndarray | None = None  # (3, d)
    risk_intercept: np.ndarray | None = None
    iso: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)  # family -> (x, y)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{MODEL_NAME}-{self.version}"

    def predict(self, x: sparse.csr_matrix, reasons: Sequence[Sequence[Reason]]) -> tuple[np.ndarray, np.ndarray]:
        """Category probabilities (n, 7, in ``CATEGORIES`` order) and calibrated risks (n, 3)."""
        n = x.shape[0]
        probs = _softmax(np.asarray(x @ self.cat_coef.T.astype(np.float32)) + self.cat_intercept)
        cat = np.zeros((n, len(CATEGORIES)), dtype=np.float64)
        for j, c in enumerate(self.categories):
            cat[:, CATEGORIES.index(c)] = probs[:, j]
        if self.risk_coef is None or self.risk_intercept is None:
            return cat, priors(reasons)
        raw = blend(_sigmoid(np.asarray(x @ self.risk_coef.T.astype(np.float32)) + self.risk_intercept),
                    priors(reasons), self.alpha)  # fmt: skip
        risk = np.empty_like(raw, dtype=np.float64)
        for j, fam in enumerate(RISKS):
            risk[:, j] = calibrate(raw[:, j], *self.iso[fam]) if fam in self.iso else raw[:, j]
        return cat, risk

    @property
    def alpha(self) -> float:
        return float(self.meta.get("alpha", 1.0))

    # -- files -------------------------------------------------------------------------------

    def save(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {
            "cat_coef": self.cat_coef.astype(np.float16), "cat_intercept": self.cat_intercept.astype(np.float64),
        }  # fmt: skip
        if self.risk_coef is not None and self.risk_intercept is not None:
            arrays["risk_coef"] = self.risk_coef.astype(np.float16)
            arrays["risk_intercept"] = self.risk_intercept.astype(np.float64)
        for fam, (xs, ys) in self.iso.items():
            arrays[f"iso_x_{fam}"], arrays[f"iso_y_{fam}"] = xs, ys
        npz = folder / f"{self.name}.npz"
        _save_npz_deterministic(npz, arrays)
        meta = {**self.meta, "name": MODEL_NAME, "version": self.version, "concepts": self.concepts,
                "categories": self.categories, "weights_file": npz.name,
                "weights_sha256": hashlib.sha256(npz.read_bytes()).hexdigest()}  # fmt: skip
        (folder / f"{self.name}.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return npz

    @classmethod
    def load(cls, json_path: Path | Any) -> SignalModel:
        try:
            meta = json.loads(json_path.read_text(encoding="utf-8"))
            blob = json_path.parent.joinpath(meta["weights_file"]).read_bytes()
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"{json_path}: cannot read the signal model ({exc}); rebuild it with `make model`") from exc
        if hashlib.sha256(blob).hexdigest() != meta.get("weights_sha256"):
            raise ModelError(f"{json_path}: weights do not match their recorded sha256; rebuild with `make model`")
        import io

        with np.load(io.BytesIO(blob)) as z:
            arr = {k: z[k] for k in z.files}
        width = N_HASH + len(meta["concepts"]) + N_DENSE_EXTRA
        if arr["cat_coef"].shape[1] != width:  # built for another feature layout (older code)
            raise ModelError(f"{json_path}: weights have {arr['cat_coef'].shape[1]} columns, this code makes {width}; "
                             "rebuild with `make model`")  # fmt: skip
        iso = {f: (arr[f"iso_x_{f}"], arr[f"iso_y_{f}"]) for f in RISKS if f"iso_x_{f}" in arr}
        return cls(
            version=meta["version"], concepts=list(meta["concepts"]), categories=list(meta["categories"]),
            cat_coef=arr["cat_coef"].astype(np.float32), cat_intercept=arr["cat_intercept"],
            risk_coef=arr["risk_coef"].astype(np.float32) if "risk_coef" in arr else None,
            risk_intercept=arr.get("risk_intercept"), iso=iso, meta=meta,
        )  # fmt: skip


def _save_npz_deterministic(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """``np.savez_compressed`` stamps zip entries with the current time; fix it so builds are byte-identical."""
    import io
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())


def priors(reasons: Sequence[Sequence[Reason]]) -> np.ndarray:
    """The literature prior per post and risk family (n, 3): see ``features.family_prior``."""
    return np.array([[family_prior(r)[f] for f in RISKS] for r in reasons], dtype=np.float64).reshape(len(reasons), 3)


def blend(learned: np.ndarray, prior: np.ndarray, alpha: float) -> np.ndarray:
    """Learned probability anchored to the published-evidence prior, before calibration.

    The model learns from the synthetic world, which lacks some cues the literature reports
    (fees, documents 'arranged'); a fixed share of the prior keeps those cues counting. The
    calibration is fitted on the blended score, so the output stays calibrated.
    """
    return alpha * learned + (1.0 - alpha) * prior


TIE_BREAK = 1e-3


def calibrate(raw: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Isotonic calibration as stored steps: piecewise-linear between the fitted thresholds.

    Isotonic steps give many posts the same value, which would hide their order from an analyst
    (and from ROC-AUC); a 0.001 share of the raw score keeps the order within a step. It is mixed
    in (not added and clipped): adding put every post of the lowest steps (step value under 0.0005,
    most posts) at exactly 0 and the top steps at exactly 1, all tied, whatever their raw score.
    """
    return (1.0 - TIE_BREAK) * np.interp(raw, xs, ys) + TIE_BREAK * np.clip(raw, 0.0, 1.0)


@cache
def shipped_model() -> SignalModel | None:
    """The model committed under ``vigil/signals/models/`` (latest version), or None if none ships."""
    folder = resources.files("vigil.signals").joinpath(MODEL_DIR)
    if not folder.is_dir():
        return None
    metas = sorted(p for p in folder.iterdir() if p.name.startswith(MODEL_NAME) and p.name.endswith(".json"))
    return SignalModel.load(metas[-1]) if metas else None
