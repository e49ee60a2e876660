"""The local pipeline runner: feeds stages from the store, writes results back.

Incremental: a stage sees only posts whose current version it has not processed.
Resumable: each batch is one transaction (outputs + 'seen' marks), so a run killed at any point
leaves every batch either wholly done or not done at all; the next run picks up the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from vigil.model import Post
from vigil.pipeline.registry import build_stages
from vigil.pipeline.stage import Batch, Stage, StageResult
from vigil.store import Store

BATCH = 500

OnProgress = Callable[[str, int, int], None]  # (stage, done in this run, pending at start)


@dataclass(slots=True)
class StageReport:
    name: str
    built: bool
    pending: int = 0
    processed: int = 0
    failed: int = 0
    seconds: float = 0.0
    errors: dict[str, str] = field(default_factory=dict)  # post id -> why (first 100)

    def to_dict(self) -> dict[str, object]:
        return {
            "stage": self.name, "built": self.built, "pending": self.pending, "processed": self.processed,
            "failed": self.failed, "seconds": round(self.seconds, 3), "errors": self.errors,
        }  # fmt: skip


def _process_isolating(stage: Stage, batch: Batch) -> StageResult:
    """Run the batch; if the stage fails on it, run post by post so one bad post fails alone."""
    try:
        return stage.process(batch)
    except Exception:
        merged = StageResult()
        for post in batch.posts:
            one = Batch([post], {post.id: batch.entities.get(post.id, [])}, {post.id: batch.signals.get(post.id, [])})
            try:
                r = stage.process(one)
            except Exception as exc:
                merged.errors[post.id] = f"{type(exc).__name__}: {exc}"
                continue
            merged.entities += r.entities
            merged.signals += r.signals
            merged.scores += r.scores
            merged.errors.update(r.errors)
        return merged


def run_stage(store: Store, stage: Stage, batch_size: int = BATCH, on_progress: OnProgress | None = None) -> StageReport:
    report = StageReport(stage.name, built=stage.built)
    if not stage.built:
        return report
    started = time.perf_counter()
    report.pending = store.count_pending(stage.name)
    last_seq = 0
    while True:
        rows = store.pending(stage.name, last_seq, batch_size)
        if not rows:
            break
        last_seq = rows[-1][0]
        posts: list[Post] = [p for _, p in rows]
        ids = [p.id for p in posts]
        batch = Batch(
            posts,
            store.entities_for(ids) if "entities" in stage.needs else {},
            store.signals_for(ids) if "signals" in stage.needs else {},
        )
        result = _process_isolating(stage, batch)
        store.write_stage(stage.name, posts, result)
        report.processed += len(posts) - len(result.errors)
        report.failed += len(result.errors)
        for pid, why in list(result.errors.items())[: max(0, 100 - len(report.errors))]:
            report.errors[pid] = why
        if on_progress:
            on_progress(stage.name, report.processed + report.failed, report.pending)
    report.seconds = time.perf_counter() - started
    return report


def run_pipeline(
    store: Store,
    stages: Sequence[Stage] | None = None,
    batch_size: int = BATCH,
    on_progress: OnProgress | None = None,
) -> list[StageReport]:
    """Run every stage in order over what it has not seen yet."""
    return [run_stage(store, s, batch_size, on_progress) for s in (stages if stages is not None else build_stages())]
