"""Evaluation maths on hand-made truths: perfect, empty and half-right predictions."""

from __future__ import annotations

import random

import pytest
from sklearn.metrics import adjusted_rand_score

from vigil.eval import metrics as m

TRUE_SET = {("p1", "phone", "+4915112345678"), ("p2", "email", "a@example.com"), ("p3", "handle", "telegram:x"),
            ("p4", "phone", "+40721000000")}  # fmt: skip


@pytest.mark.parametrize(
    ("predicted", "precision", "recall", "why"),
    [
        (TRUE_SET, 1.0, 1.0, "perfect"),
        (set(), None, 0.0, "empty: precision undefined, nothing found"),
        ({("p1", "phone", "+4915112345678"), ("p2", "email", "a@example.com"), ("p9", "url", "x"), ("p8", "url", "y")},
         0.5, 0.5, "half right: two hits, two false"),
    ],
)
def test_set_prf(predicted: set, precision: float | None, recall: float, why: str) -> None:
    r = m.set_prf(predicted, TRUE_SET)
    assert (r.precision, r.recall) == (precision, recall), why


def test_f1_is_harmonic_mean_and_zero_without_hits() -> None:
    assert m.PRF(1, 1, 1).f1 == pytest.approx(0.5)
    assert m.PRF(0, 3, 2).f1 == 0.0
    assert m.PRF(0, 0, 0).f1 is None


def test_binary_prf_treats_unpredicted_items_as_negative() -> None:
    true = {"a": True, "b": True, "c": False, "d": False}
    assert m.binary_prf(true, true).to_dict()["f1"] == 1.0
    half = m.binary_prf({"a": True, "c": True}, true)
    assert (half.tp, half.fp, half.fn) == (1, 1, 1)
    empty = m.binary_prf({}, true)
    assert (empty.tp, empty.fp, empty.fn) == (0, 0, 2)


def test_category_prf_one_vs_rest() -> None:
    true = {"a": "escort", "b": "job", "c": "job", "d": "other"}
    pred = {"a": "escort", "b": "job", "c": "other"}  # c wrong, d unpredicted
    r = m.category_prf(pred, true, ("escort", "job", "other"))
    assert (r["escort"].precision, r["escort"].recall) == (1.0, 1.0)
    assert (r["job"].precision, r["job"].recall) == (1.0, 0.5)
    assert (r["other"].tp, r["other"].fp, r["other"].fn) == (0, 1, 1)


TRUE_PART = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 3}


@pytest.mark.parametrize(
    ("predicted", "tp", "fp", "fn", "why"),
    [
        (TRUE_PART, 4, 0, 0, "perfect: pairs ab ac bc de"),
        ({}, 0, 0, 4, "empty: everything a singleton"),
        ({"a": "x", "b": "x", "d": "y", "e": "z", "f": "y"}, 1, 1, 3, "half: ab right, df wrong"),
    ],
)
def test_pairwise_prf(predicted: dict, tp: int, fp: int, fn: int, why: str) -> None:
    r = m.pairwise_prf(predicted, TRUE_PART, TRUE_PART)
    assert (r.tp, r.fp, r.fn) == (tp, fp, fn), why


def test_adjusted_rand_perfect_empty_and_against_sklearn() -> None:
    items = list(TRUE_PART)
    assert m.adjusted_rand(TRUE_PART, TRUE_PART, items) == pytest.approx(1.0)
    assert m.adjusted_rand({}, {}, items) == 1.0, "all singletons on both sides agree"
    rng = random.Random(4)
    for _ in range(20):
        n = rng.randint(5, 40)
        t = {i: rng.randrange(4) for i in range(n)}
        p = {i: rng.randrange(5) for i in range(n)}
        ours = m.adjusted_rand(p, t, range(n))
        ref = adjusted_rand_score([t[i] for i in range(n)], [p[i] for i in range(n)])
        assert ours == pytest.approx(ref, abs=1e-9)


def test_missing_items_are_singletons_not_one_big_cluster() -> None:
    pred = {"a": "g"}  # only a is placed; b, c, d... must not cluster together
    r = m.pairwise_prf(pred, TRUE_PART, TRUE_PART)
    assert r.fp == 0


@pytest.mark.parametrize(
    ("ranked", "k", "expected"),
    [(["x", "y", "z"], 2, 1.0), (["x", "q", "y"], 3, 2 / 3), ([], 3, None), (["q", "q", "x"], 2, 0.5)],
)
def test_precision_at_k(ranked: list[str], k: int, expected: float | None) -> None:
    assert m.precision_at_k(ranked, {"x", "y", "z"}, k) == (pytest.approx(expected) if expected is not None else None)


def test_count_match() -> None:
    assert m.count_match(6, 4) == {"predicted": 6, "true": 4, "ratio": 1.5}
    assert m.count_match(3, 0)["ratio"] is None
