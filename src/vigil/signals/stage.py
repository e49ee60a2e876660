"""The signal stage: indicator hits (the reasons) and calibrated scores (the ranking), per post.

Pure over a batch: it reads posts and, when the extraction stage ran, their entities; it returns
one ``Signal`` per indicator hit and one ``Score`` per post. A post that cannot be scored is
reported in ``errors`` and the rest of the batch goes on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from vigil.model import Entity, Post, Score, Signal
from vigil.pipeline.stage import Batch, StageResult
from vigil.signals.features import Reason, feature_matrix, find_reasons
from vigil.signals.indicators import FAMILIES
from vigil.signals.model import CATEGORIES, RISKS, SignalModel, shipped_model

RISK_DECIMALS = 6  # 4 decimals tied the many low-risk posts at 0.0000 and lost their order (the ranking is the product)


@dataclass(frozen=True, slots=True)
class Scored:
    post: Post
    category: str
    category_scores: dict[str, float]
    risk: dict[str, float]
    reasons: list[Reason]
    model: str

    def to_score(self) -> Score:
        return Score(self.post.id, self.category, self.category_scores, self.risk, self.model)

    def to_signals(self) -> list[Signal]:
        return [r.to_signal(self.post.id) for r in self.reasons]

    def to_dict(self) -> dict[str, Any]:
        """The shape ``vigil score`` prints: reasons strongest first."""
        reasons = sorted(self.reasons, key=lambda r: (-r.indicator.weight, r.field, r.start))
        return {"category": self.category, "category_scores": self.category_scores, "risk": self.risk,
                "reasons": [r.to_dict() for r in reasons], "model": self.model}  # fmt: skip


def score_posts(
    posts: Sequence[Post], entities: Mapping[str, Sequence[Entity]] | None = None, model: SignalModel | None = None,
) -> list[Scored]:  # fmt: skip
    """Score posts in one vectorised pass. Without a shipped model, risk is the indicator prior."""
    model = model or shipped_model()
    entities = entities or {}
    ents = [list(entities.get(p.id, ())) for p in posts]
    reasons = [find_reasons(p, e) for p, e in zip(posts, ents, strict=True)]
    if not posts:
        return []
    if model is None:
        from vigil.signals.features import family_prior

        return [
            Scored(p, "other", dict.fromkeys(CATEGORIES, 0.0) | {"other": 1.0},
                   {f: round(family_prior(r)[f], 4) for f in RISKS}, r, "indicators-only")
            for p, r in zip(posts, reasons, strict=True)
        ]  # fmt: skip
    x = feature_matrix(posts, reasons, ents, model.concepts)
    cat, risk = model.predict(x, reasons)
    out = []
    for i, p in enumerate(posts):
        scores = {c: round(float(cat[i, j]), 4) for j, c in enumerate(CATEGORIES)}
        out.append(Scored(
            p, CATEGORIES[int(np.argmax(cat[i]))], scores,
            {f: round(float(risk[i, j]), RISK_DECIMALS) for j, f in enumerate(RISKS)}, reasons[i], model.name,
        ))  # fmt: skip
    return out


class SignalsStage:
    """Pipeline stage ``signals``: needs the extraction stage's entities when there are any."""

    name: ClassVar[str] = "signals"
    built: ClassVar[bool] = True
    needs: ClassVar[tuple[str, ...]] = ("entities",)

    def __init__(self, model: SignalModel | None = None) -> None:
        self.model = model

    def process(self, batch: Batch) -> StageResult:
        result = StageResult()
        try:
            scored = score_posts(batch.posts, batch.entities, self.model)
        except Exception:  # one bad post must not sink the batch: retry one by one
            scored = []
            for p in batch.posts:
                try:
                    scored.extend(score_posts([p], batch.entities, self.model))
                except Exception as exc:
                    result.errors[p.id] = f"signals: {type(exc).__name__}: {exc}"
        for s in scored:
            result.signals.extend(s.to_signals())
            result.scores.append(s.to_score())
        return result


__all__ = ["FAMILIES", "Scored", "SignalsStage", "score_posts"]
