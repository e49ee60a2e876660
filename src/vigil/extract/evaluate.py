"""Scoring extraction against a labelled corpus: precision, recall and F1 per entity type.

A labelled record is a post plus ``expect`` (type, normalised value; prices also currency).
Found and expected are compared as sets of (type, value) per post. Languages count the most
likely language only. In hard negatives (``negative: true``) only the tempted types are scored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vigil.model import Entity, Post

SCORED = ("phone", "email", "handle", "wallet", "url", "domain", "age", "price", "name", "place", "language")
NEGATIVE_TYPES = ("phone", "email", "handle", "wallet", "age", "name")


@dataclass(slots=True)
class TypeScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)  # (post id, value)
    false_hits: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def post_of(rec: dict[str, Any]) -> Post:
    return Post(id=rec["id"], source_id="corpus", title=rec.get("title", ""), text=rec.get("text", ""),
                url=rec.get("url"), location=rec.get("location"), country=rec.get("country"),
                language=rec.get("language") if isinstance(rec.get("language"), str) else None,
                extra={"source_country": rec["source_country"]} if rec.get("source_country") else {})


def _key(e: dict[str, Any] | Entity) -> tuple[str, str]:
    if isinstance(e, Entity):
        t, v, cur = e.type, e.value, e.attrs.get("currency")
    else:
        t, v, cur = e["type"], e["value"], e.get("currency")
    return (t, f"{v} {cur}") if t == "price" else (t, v)


def score(records: Iterable[dict[str, Any]], found: Iterable[list[Entity]]) -> dict[str, TypeScore]:
    scores = {t: TypeScore() for t in SCORED}
    for rec, ents in zip(records, found, strict=True):
        types = NEGATIVE_TYPES if rec.get("negative") else SCORED
        got = {_key(e) for e in ents if e.type in types and e.type != "language"}
        langs = [e.value for e in ents if e.type == "language"]
        if langs and "language" in types:
            got.add(("language", langs[0]))
        want = {_key(e) for e in rec.get("expect", []) if e["type"] in types}
        for t, _ in got & want:
            scores[t].tp += 1
        for t, v in got - want:
            scores[t].fp += 1
            scores[t].false_hits.append((rec["id"], v))
        for t, v in want - got:
            scores[t].fn += 1
            scores[t].misses.append((rec["id"], v))
    return scores
