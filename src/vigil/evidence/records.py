"""The records of the evidence store as Vigil sees them: an HTTP ``Exchange`` to write, the
``RecordRef`` a post keeps, and small helpers to read records back (whole ones only).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.utils import Digester


@dataclass(frozen=True, slots=True)
class RecordRef:
    """Where one record lies and what its digests are: the pointer a post keeps."""

    record_id: str
    warc_file: str  # file name inside the evidence folder
    offset: int
    length: int
    record_type: str
    target_uri: str | None
    warc_date: str
    block_digest: str | None
    payload_digest: str | None
    concurrent_to: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Exchange:
    """One HTTP request and what came back, as the fetcher saw it on the wire."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    response_headers: list[tuple[str, str]]
    body: bytes
    fetched_at: datetime
    truncated: bool = False  # over the size cap: cut by us (WARC-Truncated: length)
    ip: str | None = None
    incomplete: bool = False  # the server closed before sending what it declared (WARC-Truncated: disconnect)


@dataclass(slots=True)
class Written:
    request: RecordRef | None
    response: RecordRef  # response or revisit
    metadata: RecordRef | None
    refs: list[RecordRef] = field(default_factory=list)


def sha256_digest(data: bytes) -> str:
    """A payload digest in the form WARC uses: ``sha256:<base32>``."""
    d = Digester("sha256")
    d.update(data)
    return str(d)


def complete_length(path: Path) -> int:
    """Bytes of ``path`` up to the end of its last whole record (a crash may leave a tail)."""
    good = 0
    try:
        with open(path, "rb") as f:
            it = ArchiveIterator(f, no_record_parse=True)
            for rec in it:
                want = int(rec.rec_headers.get_header("Content-Length") or -1)
                got = len(rec.raw_stream.read())
                it.read_to_end(rec)
                if not rec.rec_headers.get_header("WARC-Record-ID") or got != want:
                    break  # a torn record: it and anything after it are not whole
                good = it.get_record_offset() + it.get_record_length()
    except Exception:  # a torn record: everything before it is whole
        pass
    return good


def read_record(root: Path, ref_file: str, offset: int, length: int) -> bytes:
    """The raw (gzip member) bytes of one record, as written."""
    with open(Path(root) / ref_file, "rb") as f:
        f.seek(offset)
        return f.read(length)


def iter_refs(refs: Iterable[RecordRef]) -> list[dict[str, Any]]:
    return [r.to_dict() for r in refs]
