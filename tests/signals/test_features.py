"""The explainable feature block: concept columns, per-family cue counts and entity cues, language-free."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from vigil.model import Entity, Post
from vigil.signals.features import (
    COUNT_FEATURES,
    ENTITY_FEATURES,
    N_HASH,
    dense_features,
    feature_matrix,
    find_reasons,
)
from vigil.signals.indicators import FAMILIES
from vigil.signals.train import all_concepts, scale_text

CONCEPTS = all_concepts()


def _dense(text: str, lang: str, ents: list[Entity] | None = None) -> dict[str, float]:
    p = Post(id="p", source_id="t", text=text, language=lang)
    v = dense_features(CONCEPTS, find_reasons(p, ents or []), ents or [])
    tail = v[len(CONCEPTS) + 3 :]
    return dict(zip([*ENTITY_FEATURES, *COUNT_FEATURES], tail.tolist(), strict=True))


def _ent(kind: str, value: str) -> Entity:
    return Entity(post_id="p", type=kind, value=value, raw=value, field="text", start=0, end=1, rule="t", confidence=1.0)


# (text, language, family, expected count feature, why)
COUNT_CASES = [
    ("Работа за границей, срочно, без опыта", "ru", "n.labour", 0.75, "three distinct labour cues in Russian"),
    ("Praca za granicą, pilnie, bez doświadczenia", "pl", "n.labour", 0.75, "the same three cues in Polish count the same"),
    ("Bike for sale, 40 euro", "en", "n.labour", 0.0, "no cue, no count"),
    ("Urgent! Urgent! URGENT", "en", "n.labour", 0.25, "one concept repeated is still one cue"),
]


@pytest.mark.parametrize(("text", "lang", "name", "expected", "why"), COUNT_CASES, ids=[c[4] for c in COUNT_CASES])
def test_distinct_cue_counts_are_language_free(text: str, lang: str, name: str, expected: float, why: str) -> None:
    assert _dense(text, lang)[name] == pytest.approx(expected), why


def test_count_features_cover_every_family() -> None:
    assert [c.removeprefix("n.") for c in COUNT_FEATURES] == list(FAMILIES)


# (entities, handle_only expected, why)
HANDLE_CASES = [
    ([_ent("handle", "telegram:abc")], 1.0, "a messenger handle and nothing else: reachable only there"),
    ([_ent("handle", "telegram:abc"), _ent("phone", "+4915123456789")], 0.0, "a phone too: not messenger-only"),
    ([_ent("handle", "telegram:abc"), _ent("email", "a@b.de")], 0.0, "an e-mail too: not messenger-only"),
    ([], 0.0, "no contact at all is not messenger-only"),
]


@pytest.mark.parametrize(("ents", "expected", "why"), HANDLE_CASES, ids=[c[2] for c in HANDLE_CASES])
def test_handle_only_contact(ents: list[Entity], expected: float, why: str) -> None:
    assert _dense("Contact me", "en", ents)["ent.handle_only"] == expected, why


def test_text_scale_touches_only_the_hashed_columns() -> None:
    posts = [Post(id="p", source_id="t", text="Work abroad, visa arranged", language="en")]
    x = feature_matrix(posts, [find_reasons(posts[0])], [[]], CONCEPTS)
    y = scale_text(x, 0.5)
    assert isinstance(y, sparse.csr_matrix)
    np.testing.assert_allclose(y[:, :N_HASH].toarray(), 0.5 * x[:, :N_HASH].toarray())
    np.testing.assert_array_equal(y[:, N_HASH:].toarray(), x[:, N_HASH:].toarray())
    assert scale_text(x, 1.0) is x


def test_text_scale_is_folded_into_the_stored_weights() -> None:
    """A head trained on scaled text columns, stored for the plain matrix, predicts exactly the same."""
    from sklearn.linear_model import LogisticRegression

    from vigil.signals.train import fit_risk

    texts = ["Work abroad, visa arranged, fee", "Hostess wanted, girls only", "Bike for sale", "Piano lessons"] * 6
    posts = [Post(id=f"p{i}", source_id="t", text=t, language="en") for i, t in enumerate(texts)]
    reasons = [find_reasons(p) for p in posts]
    x = feature_matrix(posts, reasons, [[] for _ in posts], CONCEPTS)
    y = np.array([1, 1, 0, 0] * 6)
    coef, icpt, *_ = fit_risk(x, y, np.zeros(len(y)), text_scale=0.5)
    ref = LogisticRegression(C=2.0, max_iter=3000, random_state=0).fit(scale_text(x, 0.5), y)
    np.testing.assert_allclose(x @ coef + icpt, ref.decision_function(scale_text(x, 0.5)), rtol=1e-5, atol=1e-6)
