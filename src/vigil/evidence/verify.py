"""Re-check the evidence: every record's digests, every sealed file's hash, the manifest chain,
and that every pointer the database keeps lands on the record it names.

Read-only: verify never repairs. A file a crashed run left unsealed is checked record by record;
a torn last record is reported as a warning (it was never referenced: the database is written
only after the record is on disk) and the next crawl seals the file.
"""

from __future__ import annotations

import gzip
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from warcio.archiveiterator import ArchiveIterator

from vigil.evidence.manifest import MANIFEST_SUFFIX, file_sha256, manifests, sealed_names
from vigil.evidence.warc import WARC_SUFFIX, complete_length


@dataclass(slots=True)
class VerifyReport:
    files: int = 0
    sealed: int = 0
    records: int = 0
    pointers: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "files": self.files, "sealed": self.sealed, "records": self.records,
                "pointers": self.pointers, "problems": self.problems, "warnings": self.warnings}  # fmt: skip


def _check_records(path: Path, report: VerifyReport) -> dict[str, tuple[int, int]]:
    """Digest-check every record; return record id -> (offset, length)."""
    seen: dict[str, tuple[int, int]] = {}
    end = complete_length(path)
    try:
        with open(path, "rb") as f:
            it = ArchiveIterator(f, check_digests=True)
            for rec in it:
                if it.get_record_offset() >= end:
                    break  # the torn tail, reported below
                rec.content_stream().read()
                it.read_to_end(rec)
                rid = rec.rec_headers.get_header("WARC-Record-ID")
                report.records += 1
                if rec.digest_checker.passed is False:
                    report.problems.append(f"{path.name}: record {rid}: {'; '.join(rec.digest_checker.problems)}")
                elif rec.rec_type != "revisit" and not rec.rec_headers.get_header("WARC-Block-Digest"):
                    if "-import-" in path.name:  # written by another tool: its choice, checked by the file hash
                        report.warnings.append(f"{path.name}: record {rid} has no block digest (imported file)")
                    else:
                        report.problems.append(f"{path.name}: record {rid} has no block digest")
                seen[rid] = (it.get_record_offset(), it.get_record_length())
    except Exception as exc:  # torn tail in an unsealed file, or damage
        if not _torn_tail(path, end, report):
            report.problems.append(f"{path.name}: unreadable after {len(seen)} records: {exc}")
        return seen
    _torn_tail(path, end, report)
    return seen


def _torn_tail(path: Path, end: int, report: VerifyReport) -> bool:
    """Report bytes after the last whole record: a warning in an unsealed file, else a problem."""
    size = path.stat().st_size
    if size <= end:
        return False
    if path.name in sealed_names(path.parent):
        report.problems.append(f"{path.name}: {size - end} bytes after the last whole record of a sealed file")
    else:
        report.warnings.append(
            f"{path.name}: {size - end} bytes after the last whole record (an interrupted write); "
            "the next crawl moves them aside and seals the file"
        )
    return True


def verify(root: Path, engine: Engine | None = None) -> VerifyReport:
    root = Path(root)
    report = VerifyReport()
    if not root.exists():
        return report
    index: dict[str, dict[str, tuple[int, int]]] = {}
    for path in sorted([*root.glob(f"*{WARC_SUFFIX}"), *root.glob("*.warc")]):
        report.files += 1
        index[path.name] = _check_records(path, report)
    prev = None
    for m in manifests(root):
        report.sealed += 1
        try:
            data = json.loads(m.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            report.problems.append(f"{m.name}: unreadable manifest: {exc}")
            prev = m
            continue
        want_prev = prev.name if prev else None
        if data.get("previous_manifest") != want_prev:
            report.problems.append(f"{m.name}: chain broken: names {data.get('previous_manifest')}, expected {want_prev}")
        elif prev is not None and data.get("previous_manifest_sha256") != file_sha256(prev):
            report.problems.append(f"{m.name}: chain broken: {prev.name} changed since it was sealed")
        warc = root / data.get("warc_file", "")
        if not warc.is_file():
            report.problems.append(f"{m.name}: sealed file {data.get('warc_file')} is missing")
        elif file_sha256(warc) != data.get("sha256"):
            report.problems.append(f"{warc.name}: SHA-256 differs from its manifest (changed after sealing)")
        else:
            listed = {r["record_id"]: (r["offset"], r["length"]) for r in data.get("records", [])}
            if listed != index.get(warc.name, {}):
                report.problems.append(f"{warc.name}: records differ from its manifest's index")
        prev = m
    for name in sealed_names(root):
        if not (root / name).exists() and not (root / f"{name}{MANIFEST_SUFFIX}").exists():
            report.problems.append(f"{name}: missing")
    if engine is not None:
        _check_pointers(engine, index, report)
    return report


def _check_pointers(engine: Engine, index: dict[str, dict[str, tuple[int, int]]], report: VerifyReport) -> None:
    from vigil.store import schema as t

    with engine.connect() as conn:
        rows = conn.execute(
            select(t.warc_records.c.record_id, t.warc_records.c.warc_file, t.warc_records.c.offset,
                   t.warc_records.c.length)
        ).all()  # fmt: skip
        known = {r[0] for r in rows}
        for rid, wf, off, ln in rows:
            report.pointers += 1
            if index.get(wf, {}).get(rid) != (off, ln):
                report.problems.append(f"database points to {rid} at {wf}:{off} but it is not there")
        q = select(t.post_versions.c.post_id, t.post_versions.c.record_id).where(t.post_versions.c.record_id.is_not(None))
        for pid, rid in conn.execute(q):
            if rid not in known:
                report.problems.append(f"post {pid}: evidence record {rid} is not in the WARC index")


def record_bytes_ok(raw: bytes) -> bool:
    """Whether one exported record (a gzip member) still matches its digests."""
    try:
        it = ArchiveIterator(io.BytesIO(raw), check_digests=True)
        for rec in it:
            rec.content_stream().read()
            return rec.digest_checker.passed is not False
    except (OSError, gzip.BadGzipFile, ValueError):
        return False
    return False
