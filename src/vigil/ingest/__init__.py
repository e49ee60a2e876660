"""Import posts from files into the store: streaming, batched, idempotent, resumable.

Each bad record is reported (file, record, field) and skipped; the rest goes in. Every batch is
committed on its own, so an interrupted import keeps what it stored and a rerun only counts
those posts as unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from vigil.errors import RecordError, VigilError
from vigil.ids import slug
from vigil.ingest.readers import Item, detect_format, read_csv, read_jsonl
from vigil.ingest.records import source_hint, to_post
from vigil.model import Post, utcnow
from vigil.store import Store, UpsertCounts
from vigil.store.images import MAX_IMAGE_BYTES, sniff_media_type

BATCH = 2000


@dataclass(slots=True)
class IngestReport:
    read: int = 0
    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    images_stored: int = 0  # local image files copied into the workspace
    images_missing: int = 0  # local image references that were not found or not images
    errors: list[RecordError] = field(default_factory=list)  # the first MAX_KEPT_ERRORS

    MAX_KEPT_ERRORS = 1000

    def counts(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "errors"}

    def add(self, c: UpsertCounts) -> None:
        self.stored += c.stored
        self.updated += c.updated
        self.unchanged += c.unchanged


OnError = Callable[[RecordError], None]
OnProgress = Callable[[int], None]


def _items(path: Path, fmt: str, mapping: dict[str, Any] | None) -> Iterator[Item]:
    if fmt == "jsonl":
        return read_jsonl(path)
    if fmt == "csv":
        return read_csv(path, mapping)
    raise VigilError(f"unknown format {fmt!r}; use jsonl or csv")


def ingest_files(
    store: Store,
    paths: Iterable[Path],
    *,
    source: str | None = None,
    source_kind: str | None = None,
    source_country: str | None = None,
    fmt: str | None = None,
    mapping: dict[str, Any] | None = None,
    on_error: OnError | None = None,
    on_progress: OnProgress | None = None,
    batch_size: int = BATCH,
) -> IngestReport:
    """Import every record of every file; return the counts (read, stored, updated, rejected …)."""
    report = IngestReport()
    started = utcnow()
    paths = list(paths)
    for path in paths:
        if not path.is_file():
            raise VigilError(f"{path}: no such file")
    if source:
        store.ensure_source(source, kind=source_kind, country=source_country)
    default_source = (mapping or {}).get("source") or source
    captured = utcnow()
    batch: list[Post] = []
    base_dirs: dict[str, Path] = {}

    def flush() -> None:
        if batch:
            counts = store.upsert_posts(batch)
            report.add(counts)
            changed = set(counts.changed_ids)
            for post in batch:
                if post.images and post.id in changed:
                    _store_local_images(store, post, base_dirs[post.id], report)
            if on_progress:
                on_progress(len(batch))
            batch.clear()
            base_dirs.clear()

    def reject(err: RecordError) -> None:
        report.rejected += 1
        if len(report.errors) < report.MAX_KEPT_ERRORS:
            report.errors.append(err)
        if on_error:
            on_error(err)

    for path in paths:
        name = str(path)
        for n, rec, raw in _items(path, detect_format(path, fmt), mapping):
            report.read += 1
            if isinstance(rec, RecordError):
                reject(rec)
                continue
            try:
                hint = source_hint(rec, default_source, (name, n))
                src = store.ensure_source(hint.name, hint.kind, hint.country, hint.url)
                post = to_post(rec, src.id, (name, n), captured_at=captured, raw=raw)
                batch.append(post)
                base_dirs[post.id] = path.parent
            except RecordError as err:
                reject(err)
                continue
            if len(batch) >= batch_size:
                flush()
        flush()
    store.record_ingest(slug(source) if source else None, [str(p) for p in paths], report.counts(), started)
    return report


def _store_local_images(store: Store, post: Post, base: Path, report: IngestReport) -> None:
    """Copy the post's local image files (paths relative to the input file) into the workspace.

    URLs are left to the crawler. Files that are missing or are not images are counted, not fatal.
    """
    refs: list[tuple[str, str]] = []
    for ref in post.images:
        if "://" in ref:
            continue
        path = Path(ref) if Path(ref).is_absolute() else base / ref
        try:
            data = path.read_bytes() if path.is_file() else None
        except OSError:
            data = None
        if data is None or sniff_media_type(data) is None or len(data) > MAX_IMAGE_BYTES:
            report.images_missing += 1
            continue
        refs.append((ref, store.add_image(data)))
        report.images_stored += 1
    if refs:
        store.link_post_images(post.id, refs)


__all__ = ["IngestReport", "ingest_files"]
