"""The model file: reproducible bytes, hash-checked loading, calibrated steps, no pickle."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from vigil.model import Post
from vigil.signals.model import ModelError, SignalModel, calibrate, shipped_model
from vigil.signals.stage import score_posts
from vigil.signals.train import Corpus, train

SEX = ["Our young girls 24/7 no condom cheap", "New girls from Romania, driver, text only", "Barely legal fresh girls, cheap"]
JOB = ["Work abroad, visa arranged, registration fee", "Hostesses wanted, young girls 18-25 only, easy money"]
OK = ["Bike for sale in Lyon", "Piano lessons on Saturdays", "Accountant wanted at Siemens, apply online"]


def _corpus() -> Corpus:
    c = Corpus()
    for i, (t, cat, risk) in enumerate(
        [(t, "escort", {"sexual": 1, "labour": 0, "housing": 0}) for t in SEX * 4]
        + [(t, "job", {"sexual": 0, "labour": 1, "housing": 0}) for t in JOB * 5]
        + [(t, "other", {"sexual": 0, "labour": 0, "housing": 0}) for t in OK * 4]
    ):  # fmt: skip
        c.posts.append(Post(id=f"p{i}", source_id="t", text=t, language="en"))
        c.category.append(cat)
        c.risk.append(risk)
        c.origin.append("test")
    return c


@pytest.fixture(scope="module")
def tiny() -> SignalModel:
    return train(_corpus(), version="vtest")


def test_same_inputs_same_bytes(tiny: SignalModel, tmp_path: Path) -> None:
    a = tiny.save(tmp_path / "a").read_bytes()
    b = train(_corpus(), version="vtest").save(tmp_path / "b").read_bytes()
    assert a == b


def test_round_trip_predicts_the_same(tiny: SignalModel, tmp_path: Path) -> None:
    tiny.save(tmp_path)
    loaded = SignalModel.load(tmp_path / "signals-vtest.json")
    posts = [Post(id="x", source_id="t", text="Our young girls, cheap, no condom", language="en")]
    a, b = score_posts(posts, model=tiny)[0], score_posts(posts, model=loaded)[0]
    assert a.category == b.category == "escort"
    assert a.risk == pytest.approx(b.risk, abs=0.01)


def test_tampered_weights_are_refused(tiny: SignalModel, tmp_path: Path) -> None:
    npz = tiny.save(tmp_path)
    npz.write_bytes(npz.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(ModelError, match="sha256"):
        SignalModel.load(tmp_path / "signals-vtest.json")


def test_missing_model_file_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="make model"):
        SignalModel.load(tmp_path / "nope.json")


def test_calibration_is_monotone_and_bounded(tiny: SignalModel) -> None:
    xs = np.linspace(0, 1, 101)
    for fam, (ix, iy) in tiny.iso.items():
        ys = calibrate(xs, ix, iy)
        assert np.all(np.diff(ys) >= -1e-12), fam
        assert ys.min() >= 0 and ys.max() <= 1


def test_shipped_model_records_its_recipe() -> None:
    m = shipped_model()
    if m is None:
        pytest.skip("no shipped model")
    assert m.meta["weights_sha256"] and m.meta["recipe"] and m.meta["training_rows"]
    assert set(m.categories) <= {"escort", "massage", "job", "housing", "transport", "dating", "other"}


def test_weights_for_another_feature_layout_are_refused(tiny: SignalModel, tmp_path: Path) -> None:
    """A model built before a feature change must say 'rebuild', not fail inside a matrix product."""
    narrow = SignalModel(version="vold", concepts=tiny.concepts, categories=tiny.categories,
                         cat_coef=tiny.cat_coef[:, :-1], cat_intercept=tiny.cat_intercept)  # fmt: skip
    narrow.save(tmp_path)
    with pytest.raises(ModelError, match="rebuild with `make model`"):
        SignalModel.load(tmp_path / "signals-vold.json")


ORDER_CASES = [
    (0.01, 0.05, "both in the lowest step (value 0): most posts live there and must keep their order"),
    (0.0, 1e-3, "near-zero raw scores still rank"),
    (0.9, 0.95, "both in the top step (value 1): the strongest leads keep their order"),
    (0.3, 0.5, "inside a middle step"),
]


@pytest.mark.parametrize(("lo", "hi", "why"), ORDER_CASES, ids=[c[2][:30] for c in ORDER_CASES])
def test_calibration_keeps_order_within_flat_steps(lo: float, hi: float, why: str) -> None:
    xs, ys = np.array([0.0, 0.2, 0.25, 0.8, 0.85, 1.0]), np.array([0.0, 0.0, 0.4, 0.4, 1.0, 1.0])
    out = calibrate(np.array([lo, hi]), xs, ys)
    assert out[0] < out[1], why
    assert out.min() >= 0.0 and out.max() <= 1.0
    assert round(float(out[1]), 6) > round(float(out[0]), 6), "the stage's rounding must not tie them again"
