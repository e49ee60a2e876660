"""The WARC store: whole records only, SHA-256 digests, sealed files chained, tampering found."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.faults import FullDisk
from vigil.evidence import DiskFullError, EvidenceError
from vigil.evidence.manifest import MANIFEST_SUFFIX, manifests
from vigil.evidence.verify import verify
from vigil.evidence.warc import Exchange, WarcStore, sha256_digest


def exchange(i: int, body: bytes | None = None) -> Exchange:
    return Exchange(
        url=f"http://127.0.0.1:9/ad/{i}", method="GET", request_headers=[("User-Agent", "test")], status=200,
        reason="OK", response_headers=[("Content-Type", "text/html")], body=body or f"<p>ad {i}</p>".encode(),
        fetched_at=datetime(2026, 11, 1, 12, 0, i % 60, tzinfo=UTC),
    )  # fmt: skip


def fill(root: Path, n: int, rotate: int = 10**9) -> None:
    with WarcStore(root, info={"operator": "op"}, rotate_bytes=rotate) as w:
        for i in range(n):
            w.write_exchange(exchange(i), {"case": "c", "site": "s"})


def test_records_carry_sha256_digests_and_utc_times(tmp_path: Path) -> None:
    fill(tmp_path, 2)
    warc = next(tmp_path.glob("*.warc.gz"))
    with open(warc, "rb") as f:
        recs = [(r.rec_type, r.rec_headers.get_header("WARC-Block-Digest"), r.rec_headers.get_header("WARC-Date"),
                 r.rec_headers.protocol) for r in ArchiveIterator(f)]  # fmt: skip
    assert [r[0] for r in recs] == ["warcinfo", "request", "response", "metadata"] * 1 + ["request", "response", "metadata"]
    assert all(r[1].startswith("sha256:") for r in recs)
    assert all(r[2].endswith("Z") for r in recs) and all(r[3] == "WARC/1.1" for r in recs)
    with open(warc, "rb") as f:
        heads = [r.rec_headers for r in ArchiveIterator(f)]
    info_id = heads[0].get_header("WARC-Record-ID")
    assert all(h.get_header("WARC-Warcinfo-ID") == info_id for h in heads[1:]), "every record names its warcinfo"


def test_rotation_seals_each_file_into_one_chain(tmp_path: Path) -> None:
    fill(tmp_path, 12, rotate=2000)
    chain = manifests(tmp_path)
    assert len(chain) >= 3
    data = [json.loads(m.read_text()) for m in chain]
    assert data[0]["previous_manifest"] is None
    assert [d["previous_manifest"] for d in data[1:]] == [m.name for m in chain[:-1]]
    report = verify(tmp_path)
    assert report.ok and report.sealed == len(chain) and report.records == 12 * 3 + len(chain)


def _flip_byte(p: Path) -> None:
    b = bytearray(p.read_bytes())
    b[len(b) // 2] ^= 0xFF
    p.write_bytes(bytes(b))


@pytest.mark.parametrize(
    ("tamper", "needle", "why"),
    [
        (lambda root: _flip_byte(sorted(root.glob("*.warc.gz"))[0]), "", "one byte changed in a sealed file"),
        (lambda root: sorted(root.glob(f"*{MANIFEST_SUFFIX}"))[1].unlink(), "chain broken", "a manifest removed"),
        (lambda root: sorted(root.glob("*.warc.gz"))[1].unlink(), "missing", "a sealed file removed"),
        (lambda root: _edit_manifest(sorted(root.glob(f"*{MANIFEST_SUFFIX}"))[0]), "chain broken", "a manifest edited"),
    ],
)
def test_tampering_is_found(tmp_path: Path, tamper: Callable[[Path], None], needle: str, why: str) -> None:
    fill(tmp_path, 12, rotate=2000)
    assert verify(tmp_path).ok
    tamper(tmp_path)
    report = verify(tmp_path)
    assert not report.ok, why
    assert any(needle in p for p in report.problems), (why, report.problems)


def _edit_manifest(p: Path) -> None:
    d = json.loads(p.read_text())
    d["note"] = "edited"
    p.write_text(json.dumps(d))


def test_torn_tail_is_a_warning_then_moved_aside_and_sealed(tmp_path: Path) -> None:
    fill(tmp_path, 1)
    whole = next(tmp_path.glob("*.warc.gz")).read_bytes()
    (tmp_path / "VIGIL-000009-20261101000000-1.warc.gz").write_bytes(whole + whole[:77])
    report = verify(tmp_path)
    assert report.ok and any("interrupted write" in w for w in report.warnings)
    with WarcStore(tmp_path):
        pass
    report = verify(tmp_path)
    assert report.ok and not report.warnings
    assert (tmp_path / f"VIGIL-000009-20261101000000-1.warc.gz.partial-{len(whole)}").read_bytes() == whole[:77]



def test_full_disk_keeps_whole_records_only(tmp_path: Path) -> None:
    opener: Callable[[Path], IO[bytes]] = lambda p: FullDisk(p, 3000)  # type: ignore[assignment,return-value]  # noqa: E731
    written = 0
    with pytest.raises(DiskFullError), WarcStore(tmp_path, opener=opener) as w:
        for i in range(50):
            w.write_exchange(exchange(i), {"case": "c"})
            written += 1
    assert 0 < written < 50
    report = verify(tmp_path)
    assert report.ok and not report.warnings, report.problems
    assert report.records == 1 + written * 3, "every record that was acknowledged is there, nothing partial"


def test_one_writer_at_a_time(tmp_path: Path) -> None:
    with WarcStore(tmp_path), pytest.raises(EvidenceError, match="another Vigil process"):
        WarcStore(tmp_path).open()


def test_revisit_points_back_to_the_capture(tmp_path: Path) -> None:
    with WarcStore(tmp_path) as w:
        first = w.write_exchange(exchange(1), {})
        rev = w.write_revisit(exchange(1), first.response, sha256_digest(exchange(1).body), {})
    assert rev.response.record_type == "revisit"
    assert rev.response.payload_digest == first.response.payload_digest
    assert verify(tmp_path).ok
