"""The local pipeline runner: feeds stages from the store, writes results back.

Incremental: a stage sees only posts whose current version it has not processed.
Resumable: each batch is one transaction (outputs + 'seen' marks), so a run killed at any point
leaves every batch either wholly done or not done at all; the next run picks up the rest.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from vigil.model import Post
from vigil.pipeline.registry import build_stages
from vigil.pipeline.stage import Batch, CorpusStage, GroupStage, Stage, StageResult
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


def run_stage(
    store: Store,
    stage: Stage,
    batch_size: int = BATCH,
    on_progress: OnProgress | None = None,
    workers: int = 1,
) -> StageReport:
    """Run one stage over what it has not seen. ``workers`` > 1 runs a per-post stage's batches in
    that many forked processes (stages are pure); the store is still written here, batch by batch."""
    report = StageReport(stage.name, built=stage.built)
    if not stage.built:
        return report
    if hasattr(stage, "update"):
        return run_corpus_stage(store, stage, report, batch_size, on_progress)  # type: ignore[arg-type]
    if hasattr(stage, "assess"):
        return run_group_stage(store, stage, report, on_progress)  # type: ignore[arg-type]
    started = time.perf_counter()
    report.pending = store.count_pending(stage.name)
    with _Executor(stage, workers if report.pending > batch_size else 1) as ex:
        last_seq = 0
        while True:
            rows = store.pending(stage.name, last_seq, batch_size)
            if rows:
                last_seq = rows[-1][0]
                posts: list[Post] = [p for _, p in rows]
                ids = [p.id for p in posts]
                ex.submit(posts, Batch(
                    posts,
                    store.entities_for(ids) if "entities" in stage.needs else {},
                    store.signals_for(ids) if "signals" in stage.needs else {},
                ))  # fmt: skip
            for done_posts, result in ex.ready(drain=not rows):
                store.write_stage(stage.name, done_posts, result)
                report.processed += len(done_posts) - len(result.errors)
                report.failed += len(result.errors)
                for pid, why in list(result.errors.items())[: max(0, 100 - len(report.errors))]:
                    report.errors[pid] = why
                if on_progress:
                    on_progress(stage.name, report.processed + report.failed, report.pending)
            if not rows:
                break
    report.seconds = time.perf_counter() - started
    return report


_WORKER_STAGE: Stage | None = None  # set before forking; each worker process inherits it


def _work(batch: Batch) -> StageResult:
    assert _WORKER_STAGE is not None
    return _process_isolating(_WORKER_STAGE, batch)


class _Executor:
    """Batches in order: in this process (one worker) or in a pool of forked processes.

    Results are written in submission order, so 'seen' marks still advance batch by batch and a
    killed run resumes exactly as the serial runner does.
    """

    def __init__(self, stage: Stage, workers: int) -> None:
        self.stage = stage
        self.pool: Any = None
        self.queue: deque[tuple[list[Post], Any]] = deque()
        self.depth = 2 * workers
        if workers > 1 and "fork" in mp.get_all_start_methods():
            global _WORKER_STAGE
            _WORKER_STAGE = stage
            self.pool = mp.get_context("fork").Pool(workers)

    def __enter__(self) -> _Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()

    def submit(self, posts: list[Post], batch: Batch) -> None:
        if self.pool is None:
            self.queue.append((posts, _process_isolating(self.stage, batch)))
        else:
            self.queue.append((posts, self.pool.apply_async(_work, (batch,))))

    def ready(self, drain: bool) -> Iterator[tuple[list[Post], StageResult]]:
        while self.queue and (drain or self.pool is None or len(self.queue) >= self.depth):
            posts, result = self.queue.popleft()
            yield posts, (result if self.pool is None else result.get())


CORPUS_BATCH = 5000  # posts per ``update`` call of a corpus stage
CHECKPOINT = 100_000  # posts between saves of a corpus stage's index state


def run_corpus_stage(
    store: Store, stage: CorpusStage, report: StageReport, batch_size: int = BATCH, on_progress: OnProgress | None = None
) -> StageReport:
    """Feed a corpus stage the posts it has not seen, checkpointing its state, then regroup.

    State, links and 'seen' marks are saved together (one transaction per checkpoint), so a
    killed run resumes from the last checkpoint; ``update`` accepts posts it has seen again.
    A batch that fails is reported and left pending; the rest go on.
    """
    from vigil.link import store as edge

    started = time.perf_counter()
    report.pending = store.count_pending(stage.name)
    blob = edge.load_state(store, stage.name)
    state = stage.load_state(blob) if blob else stage.initial_state()
    seen: list[Post] = []
    links: list = []
    changed = False
    last_seq = 0
    size = max(batch_size, CORPUS_BATCH)
    while True:
        rows = store.pending(stage.name, last_seq, size)
        if not rows:
            break
        last_seq = rows[-1][0]
        posts = [p for _, p in rows]
        ids = [p.id for p in posts]
        batch = Batch(
            posts,
            store.entities_for(ids) if "entities" in stage.needs else {},
            store.signals_for(ids) if "signals" in stage.needs else {},
            edge.image_hashes(store, ids) if "images" in stage.needs else {},
        )
        try:
            state, new_links = stage.update(state, batch)
        except Exception as exc:
            for pid in ids[: max(0, 100 - len(report.errors))]:
                report.errors[pid] = f"{type(exc).__name__}: {exc}"
            report.failed += len(ids)
            continue
        seen += posts
        links += new_links
        changed = True
        report.processed += len(posts)
        if len(seen) >= CHECKPOINT:
            edge.checkpoint(store, stage.name, stage.dump_state(state), report.processed, seen, links)
            seen, links = [], []
        if on_progress:
            on_progress(stage.name, report.processed + report.failed, report.pending)
    if seen:
        edge.checkpoint(store, stage.name, stage.dump_state(state), report.processed, seen, links)
    if changed or blob is None:
        state, groups = stage.finalize(state)
        edge.write_groups(store, stage.name, groups.upsert, groups.remove, stage.dump_state(state), report.processed)
    report.seconds = time.perf_counter() - started
    return report


def run_group_stage(
    store: Store, stage: GroupStage, report: StageReport, on_progress: OnProgress | None = None, chunk: int = 200
) -> StageReport:
    """Let a group stage fill in every group the corpus stage (re)wrote; then mark posts seen."""
    from vigil.link import store as edge
    from vigil.pipeline.stage import GroupContext

    started = time.perf_counter()
    report.pending = store.count_pending(stage.name)
    while True:
        groups = edge.pending_groups(store, chunk)
        if not groups:
            break
        ids = sorted({p for g in groups for p in g.post_ids})
        ctx = GroupContext(
            {p.id: p for p in store.get_posts(ids)}, store.entities_for(ids), store.signals_for(ids),
            edge.scores_for(store, ids),
        )  # fmt: skip
        try:
            done = stage.assess(groups, ctx)
        except Exception as exc:
            done = []
            for g in groups[: max(0, 100 - len(report.errors))]:
                report.errors[g.id] = f"{type(exc).__name__}: {exc}"
            report.failed += len(groups)
        returned = {g.id for g in done}
        edge.write_assessed(store, done, [g.id for g in groups if g.id not in returned])
        if on_progress:
            on_progress(stage.name, report.processed, report.pending)
    report.processed = edge.mark_all_seen(store, stage.name)
    report.seconds = time.perf_counter() - started
    return report


def run_pipeline(
    store: Store,
    stages: Sequence[Stage] | None = None,
    batch_size: int = BATCH,
    on_progress: OnProgress | None = None,
    workers: int = 1,
) -> list[StageReport]:
    """Run every stage in order over what it has not seen yet (per-post stages on ``workers`` processes)."""
    chosen = stages if stages is not None else build_stages()
    return [run_stage(store, s, batch_size, on_progress, workers) for s in chosen]
