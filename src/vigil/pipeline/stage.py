"""What a pipeline stage is: a pure function over a batch of posts.

A stage never touches the store, the network or files. The runner (``vigil.pipeline.runner``)
feeds it batches from the store and writes what it returns back in one transaction; the same
stage object can be called on a list in a test or inside a Spark ``mapPartitions``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Protocol, runtime_checkable

from vigil.model import Entity, Post, Score, Signal


@dataclass(frozen=True, slots=True)
class Batch:
    """Posts plus what earlier stages found in them (keyed by post id)."""

    posts: Sequence[Post]
    entities: Mapping[str, Sequence[Entity]] = field(default_factory=dict)
    signals: Mapping[str, Sequence[Signal]] = field(default_factory=dict)


@dataclass(slots=True)
class StageResult:
    """What a per-post stage found. The runner replaces this stage's earlier rows for the batch."""

    entities: list[Entity] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    scores: list[Score] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # post id -> why it could not be processed


@runtime_checkable
class Stage(Protocol):
    """A per-post stage. ``needs`` names earlier outputs the runner must load into the batch."""

    name: ClassVar[str]
    built: ClassVar[bool]
    needs: ClassVar[tuple[str, ...]]  # subset of ("entities", "signals")

    def process(self, batch: Batch) -> StageResult: ...


class NotBuilt:
    """A stage whose issue has not landed: the runner reports it and records nothing."""

    built: ClassVar[bool] = False
    needs: ClassVar[tuple[str, ...]] = ()
    name: ClassVar[str] = "?"

    def process(self, batch: Batch) -> StageResult:  # pragma: no cover - never called by the runner
        raise NotImplementedError(f"stage '{self.name}' is not built yet")
