"""What a pipeline stage is: a pure function over a batch of posts.

A stage never touches the store, the network or files. The runner (``vigil.pipeline.runner``)
feeds it batches from the store and writes what it returns back in one transaction; the same
stage object can be called on a list in a test or inside a Spark ``mapPartitions``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, runtime_checkable

from vigil.model import Entity, Group, Link, Post, Score, Signal


@dataclass(frozen=True, slots=True)
class Batch:
    """Posts plus what earlier stages found in them (keyed by post id)."""

    posts: Sequence[Post]
    entities: Mapping[str, Sequence[Entity]] = field(default_factory=dict)
    signals: Mapping[str, Sequence[Signal]] = field(default_factory=dict)
    # post id -> [(reference, sha256, pHash, dHash)]; loaded only for stages that need "images"
    images: Mapping[str, Sequence[tuple[str, str, int, int]]] = field(default_factory=dict)


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


@dataclass(slots=True)
class GroupUpdate:
    """What a corpus stage's ``finalize`` returns: groups to (re)write and ids of vanished groups."""

    upsert: list[Group] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)


@runtime_checkable
class CorpusStage(Protocol):
    """A stage over the whole corpus (link): it keeps an index state between batches and runs.

    The runner loads the saved state, feeds ``update`` the posts this stage has not seen (in
    batches, with what ``needs`` names), saves state, links and 'seen' marks together at
    checkpoints, then calls ``finalize`` for the groups that changed. ``update`` must accept a
    post it has seen before (a new version) and replace what it knew about it.
    """

    name: ClassVar[str]
    built: ClassVar[bool]
    needs: ClassVar[tuple[str, ...]]  # subset of ("entities", "signals", "images")

    def initial_state(self) -> Any: ...

    def update(self, state: Any, batch: Batch) -> tuple[Any, list[Link]]: ...

    def finalize(self, state: Any) -> tuple[Any, GroupUpdate]: ...

    def dump_state(self, state: Any) -> bytes: ...

    def load_state(self, data: bytes) -> Any: ...


@dataclass(frozen=True, slots=True)
class GroupContext:
    """The members of groups with what earlier stages found in them (keyed by post id)."""

    posts: Mapping[str, Post]
    entities: Mapping[str, Sequence[Entity]] = field(default_factory=dict)
    signals: Mapping[str, Sequence[Signal]] = field(default_factory=dict)
    scores: Mapping[str, Score] = field(default_factory=dict)


@runtime_checkable
class GroupStage(Protocol):
    """A stage over groups (assess): it fills in the summary of groups that changed.

    The runner hands it the groups that the corpus stage wrote or rewrote (their ``label`` is
    still empty) with their members' posts, entities, signals and scores, and writes back the
    groups it returns (label, score, summary). A group it does not return is labelled '?'.
    """

    name: ClassVar[str]
    built: ClassVar[bool]

    def assess(self, groups: Sequence[Group], context: GroupContext) -> list[Group]: ...
