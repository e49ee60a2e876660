"""Manifests: each sealed WARC file's SHA-256 and record index, chained by hash.

Why a chain: a manifest names the SHA-256 of the manifest sealed before it, so removing,
reordering or editing any sealed file (or its manifest) breaks every later link, and
``vigil evidence verify`` says where. Manifests are written atomically (temp file + rename).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from vigil import __version__

MANIFEST_SUFFIX = ".manifest.json"
_SEQ_RE = re.compile(r"^VIGIL-(\d{6})-")


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def manifests(root: Path) -> list[Path]:
    """Sealed manifests in chain order (the order they were sealed)."""
    found = []
    for p in Path(root).glob(f"*{MANIFEST_SUFFIX}"):
        try:
            data = json.loads(p.read_text("utf-8"))
            found.append((int(data.get("chain_index", 0)), p.name, p))
        except (OSError, ValueError):
            found.append((1 << 62, p.name, p))  # unreadable: verify reports it
    return [p for _, _, p in sorted(found)]


def sealed_names(root: Path) -> set[str]:
    return {p.name[: -len(MANIFEST_SUFFIX)] for p in Path(root).glob(f"*{MANIFEST_SUFFIX}")}


def record_index(path: Path) -> list[dict[str, Any]]:
    out = []
    with open(path, "rb") as f:
        it = ArchiveIterator(f)
        for rec in it:
            rec.content_stream().read()
            it.read_to_end(rec)
            h = rec.rec_headers
            out.append(
                {
                    "record_id": h.get_header("WARC-Record-ID"), "type": h.get_header("WARC-Type"),
                    "uri": h.get_header("WARC-Target-URI"), "date": h.get_header("WARC-Date"),
                    "offset": it.get_record_offset(), "length": it.get_record_length(),
                    "block_digest": h.get_header("WARC-Block-Digest"),
                    "payload_digest": h.get_header("WARC-Payload-Digest"),
                }
            )  # fmt: skip
    return out


def seal_file(root: Path, name: str, note: str | None = None) -> Path:
    """Write ``name``'s manifest, linked to the last sealed manifest. Idempotent per file."""
    root = Path(root)
    target = root / f"{name}{MANIFEST_SUFFIX}"
    if target.exists():
        return target
    chain = manifests(root)
    prev = chain[-1] if chain else None
    prev_index = -1
    if prev is not None:
        try:
            prev_index = int(json.loads(prev.read_text("utf-8")).get("chain_index", len(chain) - 1))
        except (OSError, ValueError):
            prev_index = len(chain) - 1
    path = root / name
    body = {
        "warc_file": name,
        "sha256": file_sha256(path),
        "size": path.stat().st_size,
        "sealed_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "tool": f"vigil {__version__}",
        "chain_index": prev_index + 1,
        "previous_manifest": prev.name if prev else None,
        "previous_manifest_sha256": file_sha256(prev) if prev else None,
        "note": note,
        "records": record_index(path),
    }
    tmp = target.with_name(f".{target.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(body, f, indent=1, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(target)
    return target
