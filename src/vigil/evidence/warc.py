"""Writing WARC/1.1 evidence: one open file at a time, records written whole or not at all.

Why this shape: a court needs to see exactly what the server sent, when, to whom, with digests
that prove nothing changed since. Each exchange (request, response or revisit, metadata) is
serialised in memory, then appended in one write and fsynced; if the write fails (a full disk),
the file is cut back to where it was, so a file never holds half a record. Files rotate by
size; closing one *seals* it: a manifest with the file's SHA-256 and its record index, chained
to the previous manifest's SHA-256 (see ``manifest``). A crash leaves an unsealed file; the next
writer repairs its tail (moving any partial bytes aside, never deleting them) and seals it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import io
import os
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from vigil import __version__
from vigil.evidence import DiskFullError, EvidenceError
from vigil.evidence.manifest import seal_file, sealed_names
from vigil.evidence.records import (
    Exchange,
    RecordRef,
    Written,
    complete_length,
    iter_refs,
    read_record,
    sha256_digest,
)

__all__ = ["DEFAULT_ROTATE_BYTES", "WARC_SUFFIX", "Exchange", "FileOpener", "RecordRef", "WarcStore", "Written",
           "complete_length", "iter_refs", "read_record", "sha256_digest"]  # fmt: skip

WARC_SUFFIX = ".warc.gz"
DEFAULT_ROTATE_BYTES = 256 * 1024 * 1024
_NAME_RE = re.compile(r"^VIGIL-(\d{6})-")

FileOpener = Callable[[Path], IO[bytes]]


def _append_open(path: Path) -> IO[bytes]:
    return open(path, "ab")


class _Sha256Writer(WARCWriter):
    """warcio's writer with SHA-256 digests (warcio defaults to SHA-1)."""

    @staticmethod
    def _create_digester() -> Digester:
        return Digester("sha256")


def _warc_date(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _fields(meta: dict[str, Any]) -> bytes:
    """``application/warc-fields``: one ``name: value`` line per item, values on one line."""
    lines = []
    for k, v in meta.items():
        if v is None:
            continue
        val = str(v).replace("\r", " ").replace("\n", " ")
        lines.append(f"{k}: {val}\r\n")
    return "".join(lines).encode("utf-8")


def _request_target(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


class WarcStore:
    """The evidence folder of one workspace. One writer at a time (a lock file enforces it)."""

    def __init__(
        self,
        root: Path,
        *,
        info: dict[str, Any] | None = None,
        rotate_bytes: int = DEFAULT_ROTATE_BYTES,
        opener: FileOpener = _append_open,
    ) -> None:
        self.root = Path(root)
        self.info = {"software": f"vigil {__version__}", "format": "WARC File Format 1.1", **(info or {})}
        self.rotate_bytes = rotate_bytes
        self.opener = opener
        self._file: IO[bytes] | None = None
        self._path: Path | None = None
        self._size = 0
        self._lock: IO[bytes] | None = None
        self.records_written = 0
        self._warcinfo_id = ""
        self.sync_each_write = True  # False: the caller syncs in groups (``sync_handle``/``synced``)
        self._synced: tuple[str | None, int] = (None, 0)

    # -- lifecycle ---------------------------------------------------------------------------

    def open(self) -> WarcStore:
        self.root.mkdir(parents=True, exist_ok=True)
        lock = open(self.root / ".lock", "ab")  # noqa: SIM115
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            raise EvidenceError(f"{self.root} is being written by another Vigil process; wait for it to end") from None
        self._lock = lock
        self.recover()
        return self

    def __enter__(self) -> WarcStore:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Seal the open file (if it holds records) and release the lock."""
        try:
            self._seal_current()
        finally:
            if self._lock is not None:
                fcntl.flock(self._lock, fcntl.LOCK_UN)
                self._lock.close()
                self._lock = None

    def recover(self) -> list[str]:
        """Seal files a crashed writer left open; partial tails are moved aside, not deleted."""
        sealed = sealed_names(self.root)
        done = []
        for path in sorted([*self.root.glob(f"*{WARC_SUFFIX}"), *self.root.glob("*.warc")]):
            if path.name in sealed:
                continue
            good = complete_length(path)
            size = path.stat().st_size
            if good < size:
                with open(path, "rb") as f:
                    f.seek(good)
                    tail = f.read()
                (self.root / f"{path.name}.partial-{good}").write_bytes(tail)
                os.truncate(path, good)
            if good == 0:
                path.unlink()
                continue
            seal_file(self.root, path.name, note="sealed on recovery after an interrupted run")
            done.append(path.name)
        return done

    # -- writing -----------------------------------------------------------------------------

    def _next_name(self) -> str:
        seqs = [int(m.group(1)) for p in self.root.iterdir() if (m := _NAME_RE.match(p.name))]
        seq = max(seqs, default=0) + 1
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        return f"VIGIL-{seq:06d}-{stamp}-{os.getpid()}{WARC_SUFFIX}"

    def _ensure_file(self) -> None:
        if self._file is not None and self._size < self.rotate_bytes:
            return
        self._seal_current()
        if self._lock is None:
            raise EvidenceError("the evidence store is not open")
        name = self._next_name()
        self._path = self.root / name
        self._file = self.opener(self._path)
        self._size = 0
        writer = _Sha256Writer(io.BytesIO(), gzip=True, warc_version="1.1")
        rec = writer.create_warcinfo_record(name, self.info)
        self._append([rec], [None])
        self._warcinfo_id = rec.rec_headers.get_header("WARC-Record-ID")

    def _seal_current(self) -> None:
        if self._file is None or self._path is None:
            return
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self._file = None
        seal_file(self.root, self._path.name)
        self._path = None

    def _append(self, records: Sequence[Any], sites: Sequence[str | None]) -> list[RecordRef]:
        """Serialise ``records`` and append them in one write; all or nothing."""
        assert self._file is not None and self._path is not None
        buf = io.BytesIO()
        writer = _Sha256Writer(buf, gzip=True, warc_version="1.1")
        refs = []
        for rec in records:
            start = buf.tell()
            writer.write_record(rec)
            h = rec.rec_headers
            refs.append(
                RecordRef(
                    record_id=h.get_header("WARC-Record-ID"), warc_file=self._path.name, offset=self._size + start,
                    length=buf.tell() - start, record_type=h.get_header("WARC-Type"),
                    target_uri=h.get_header("WARC-Target-URI"), warc_date=h.get_header("WARC-Date"),
                    block_digest=h.get_header("WARC-Block-Digest"), payload_digest=h.get_header("WARC-Payload-Digest"),
                    concurrent_to=h.get_header("WARC-Concurrent-To"),
                )
            )  # fmt: skip
        data = buf.getvalue()
        try:
            self._file.write(data)
            self._file.flush()
            if self.sync_each_write:
                os.fsync(self._file.fileno())
        except OSError as exc:
            self._rollback()
            if exc.errno == errno.ENOSPC:
                raise DiskFullError(f"disk full while writing {self._path}; nothing partial was kept") from exc
            raise EvidenceError(f"cannot write {self._path}: {exc}") from exc
        self._size += len(data)
        self.records_written += len(refs)
        if self.sync_each_write:
            self._synced = (self._path.name, self._size)
        return refs

    # -- group commit: callers that overlap many writes sync once for all of them ---------------

    def position(self) -> tuple[str | None, int]:
        """(current file, bytes written to it): what ``durable`` is asked about."""
        return (self._path.name if self._path else None, self._size)

    def durable(self, name: str | None, upto: int) -> bool:
        """Whether bytes up to ``upto`` of ``name`` are on disk (sealed files always are)."""
        if name is None or self._path is None or name != self._path.name:
            return True
        return self._synced[0] == name and self._synced[1] >= upto

    def sync_handle(self) -> tuple[int, str, int] | None:
        """A duplicate descriptor of the open file, its name and size, for an ``fsync`` elsewhere."""
        if self._file is None or self._path is None:
            return None
        return os.dup(self._file.fileno()), self._path.name, self._size

    def synced(self, name: str, size: int) -> None:
        if self._synced[0] != name or self._synced[1] < size:
            self._synced = (name, size)

    def _rollback(self) -> None:
        """Cut the file back to its last whole record and drop the handle (a fresh one is opened)."""
        assert self._path is not None
        try:
            if self._file is not None:
                self._file.close()
        except OSError:
            pass
        self._file = None
        os.truncate(self._path, self._size)
        path, self._path = self._path, None
        if self._size == 0:
            path.unlink(missing_ok=True)
        else:
            with contextlib.suppress(OSError):  # still full: the next writer's recovery seals it
                seal_file(self.root, path.name, note="sealed after a failed write")

    def write_exchange(self, ex: Exchange, meta: dict[str, Any], *, site: str | None = None) -> Written:
        """Request, response and metadata records for one fetch."""
        self._ensure_file()
        writer = _Sha256Writer(io.BytesIO(), gzip=True, warc_version="1.1")
        date = _warc_date(ex.fetched_at)
        base = {"WARC-Date": date, "WARC-Warcinfo-ID": self._warcinfo_id}
        if ex.ip:
            base["WARC-IP-Address"] = ex.ip
        req_http = StatusAndHeaders(
            f"{ex.method} {_request_target(ex.url)}", ex.request_headers, protocol="HTTP/1.1", is_http_request=True
        )
        req = writer.create_warc_record(
            ex.url, "request", payload=io.BytesIO(b""), length=0, http_headers=req_http, warc_headers_dict=dict(base)
        )
        resp_headers = dict(base)
        resp_headers["WARC-Concurrent-To"] = req.rec_headers.get_header("WARC-Record-ID")
        if ex.truncated:
            resp_headers["WARC-Truncated"] = "length"
        elif ex.incomplete:
            resp_headers["WARC-Truncated"] = "disconnect"
        resp_http = StatusAndHeaders(f"{ex.status} {ex.reason}".strip(), ex.response_headers, protocol="HTTP/1.1")
        resp = writer.create_warc_record(
            ex.url, "response", payload=io.BytesIO(ex.body), length=len(ex.body), http_headers=resp_http,
            warc_headers_dict=resp_headers,
        )  # fmt: skip
        resp_id = resp.rec_headers.get_header("WARC-Record-ID")
        md = writer.create_warc_record(
            ex.url, "metadata", payload=io.BytesIO(_fields(meta)), length=len(_fields(meta)),
            warc_content_type="application/warc-fields",
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": resp_id, "WARC-Warcinfo-ID": self._warcinfo_id},
        )  # fmt: skip
        refs = self._append([req, resp, md], [site] * 3)
        return Written(refs[0], refs[1], refs[2], refs)

    def write_revisit(
        self, ex: Exchange, refers_to: RecordRef, payload_digest: str, meta: dict[str, Any]
    ) -> Written:
        """A fetch whose payload is identical to an earlier capture: headers only, pointing back."""
        self._ensure_file()
        writer = _Sha256Writer(io.BytesIO(), gzip=True, warc_version="1.1")
        date = _warc_date(ex.fetched_at)
        resp_http = StatusAndHeaders(f"{ex.status} {ex.reason}".strip(), ex.response_headers, protocol="HTTP/1.1")
        rev = writer.create_revisit_record(
            ex.url, payload_digest, refers_to.target_uri or ex.url, refers_to.warc_date, http_headers=resp_http
        )
        rev.rec_headers.replace_header("WARC-Date", date)
        rev.rec_headers.add_header("WARC-Refers-To", refers_to.record_id)
        rev.rec_headers.add_header("WARC-Warcinfo-ID", self._warcinfo_id)
        rev_id = rev.rec_headers.get_header("WARC-Record-ID")
        body = _fields(meta)
        md = writer.create_warc_record(
            ex.url, "metadata", payload=io.BytesIO(body), length=len(body), warc_content_type="application/warc-fields",
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": rev_id, "WARC-Warcinfo-ID": self._warcinfo_id},
        )  # fmt: skip
        refs = self._append([rev, md], [None, None])
        return Written(None, refs[0], refs[1], refs)


    def write_conversion(self, uri: str, data: bytes, refers_to: str, content_type: str, meta: dict[str, Any]) -> Written:
        """A transformation of an earlier record (e.g. the DOM after rendering its JavaScript)."""
        self._ensure_file()
        writer = _Sha256Writer(io.BytesIO(), gzip=True, warc_version="1.1")
        conv = writer.create_warc_record(uri, "conversion", payload=io.BytesIO(data), length=len(data),
                                         warc_content_type=content_type,
                                         warc_headers_dict={"WARC-Refers-To": refers_to,
                                                            "WARC-Warcinfo-ID": self._warcinfo_id})  # fmt: skip
        body = _fields(meta)
        md = writer.create_warc_record(
            uri, "metadata", payload=io.BytesIO(body), length=len(body), warc_content_type="application/warc-fields",
            warc_headers_dict={"WARC-Concurrent-To": conv.rec_headers.get_header("WARC-Record-ID"),
                               "WARC-Warcinfo-ID": self._warcinfo_id},
        )  # fmt: skip
        refs = self._append([conv, md], [None, None])
        return Written(None, refs[0], refs[1], refs)

    def write_resource(self, uri: str, data: bytes, content_type: str, meta: dict[str, Any]) -> Written:
        """A file brought in by an importer (e.g. a Telegram export), with its metadata."""
        self._ensure_file()
        writer = _Sha256Writer(io.BytesIO(), gzip=True, warc_version="1.1")
        res = writer.create_warc_record(uri, "resource", payload=io.BytesIO(data), length=len(data),
                                        warc_content_type=content_type,
                                        warc_headers_dict={"WARC-Warcinfo-ID": self._warcinfo_id})  # fmt: skip
        rid = res.rec_headers.get_header("WARC-Record-ID")
        body = _fields(meta)
        md = writer.create_warc_record(
            uri, "metadata", payload=io.BytesIO(body), length=len(body), warc_content_type="application/warc-fields",
            warc_headers_dict={"WARC-Concurrent-To": rid, "WARC-Warcinfo-ID": self._warcinfo_id},
        )  # fmt: skip
        refs = self._append([res, md], [None, None])
        return Written(None, refs[0], refs[1], refs)

    def adopt(self, source: Path) -> tuple[str, list[dict[str, Any]]]:
        """Copy an outside WARC file into the store unchanged and seal it into the chain.

        Returns the stored name and its record index (offsets in the copy)."""
        from vigil.evidence.manifest import file_sha256, record_index

        self._seal_current()
        seqs = [int(m.group(1)) for p in self.root.iterdir() if (m := _NAME_RE.match(p.name))]
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(source).name)
        for suffix in (".warc.gz", ".warc"):
            if stem.endswith(suffix):
                stem = stem[: -len(suffix)]
        gz = Path(source).name.endswith(".gz")
        name = f"VIGIL-{max(seqs, default=0) + 1:06d}-import-{stem}" + (WARC_SUFFIX if gz else ".warc")
        dest = self.root / name
        tmp = self.root / f".{name}.tmp"
        with open(source, "rb") as src, open(tmp, "wb") as out:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if file_sha256(tmp) != file_sha256(Path(source)):
            tmp.unlink()
            raise EvidenceError(f"copy of {source} does not match the original; nothing imported")
        tmp.replace(dest)
        seal_file(self.root, name, note=f"imported from {Path(source).name}")
        return name, record_index(dest)
