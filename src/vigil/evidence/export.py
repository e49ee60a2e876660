"""Export one post's evidence for a case file: its WARC records, their hashes, its history.

The exported ``.warc.gz`` is the post's records copied byte for byte from the sealed files (each
record is its own gzip member, so the copy is a valid WARC and its digests still verify). The
JSON beside it says where each record came from (file, offset, the file's SHA-256 and manifest),
so anyone can check the copy against the original store.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from vigil.evidence import EvidenceError, evidence_dir
from vigil.evidence.manifest import MANIFEST_SUFFIX, file_sha256
from vigil.evidence.verify import record_bytes_ok
from vigil.evidence.warc import read_record
from vigil.store import Store
from vigil.store import schema as t


def _records_for(store: Store, post_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    with store.engine.connect() as conn:
        versions = [dict(r) for r in conn.execute(
            select(t.post_versions).where(t.post_versions.c.post_id == post_id).order_by(t.post_versions.c.id)
        ).mappings()]  # fmt: skip
        ids = [v["record_id"] for v in versions if v["record_id"]]
        if not ids:
            return versions, []
        wr = t.warc_records
        rows = conn.execute(
            select(wr).where(or_(wr.c.record_id.in_(ids), wr.c.concurrent_to.in_(ids))).order_by(wr.c.warc_file, wr.c.offset)
        ).mappings().all()
        # the request that the response was concurrent to
        req_ids = [r["concurrent_to"] for r in rows if r["concurrent_to"] and r["record_type"] == "response"]
        if req_ids:
            rows = list(rows) + list(conn.execute(select(wr).where(wr.c.record_id.in_(req_ids))).mappings())
    seen: dict[str, dict[str, Any]] = {}
    for r in rows:
        seen.setdefault(r["record_id"], dict(r))
    return versions, sorted(seen.values(), key=lambda r: (r["warc_file"], r["offset"]))


def _with_warcinfo(root: Path, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each source file's warcinfo record first (who captured, with what): from its manifest."""
    out: list[dict[str, Any]] = []
    for name in dict.fromkeys(r["warc_file"] for r in records):
        man = root / f"{name}{MANIFEST_SUFFIX}"
        if man.exists():
            first = (json.loads(man.read_text("utf-8")).get("records") or [{}])[0]
            if first.get("type") == "warcinfo":
                out.append({"record_id": first["record_id"], "warc_file": name, "offset": first["offset"],
                            "length": first["length"], "record_type": "warcinfo", "target_uri": None,
                            "warc_date": first.get("date"), "block_digest": first.get("block_digest"),
                            "payload_digest": first.get("payload_digest"), "site": None, "concurrent_to": None})  # fmt: skip
        out.extend(r for r in records if r["warc_file"] == name)
    return out


def export_post(store: Store, post_id: str, dest: Path) -> dict[str, Any]:
    """Write ``dest/<post_id>.warc.gz`` and ``dest/<post_id>.evidence.json``; return the summary."""
    posts = store.get_posts([post_id])
    if not posts:
        raise EvidenceError(f"no post {post_id!r} in this workspace; see 'vigil search' for ids")
    versions, records = _records_for(store, post_id)
    if not records:
        raise EvidenceError(f"post {post_id} has no WARC evidence (it was imported, not crawled)")
    root = evidence_dir(store.workspace)
    records = _with_warcinfo(root, records)
    dest.mkdir(parents=True, exist_ok=True)
    warc_out = dest / f"{post_id}.warc.gz"
    file_hashes: dict[str, dict[str, Any]] = {}
    listed = []
    with open(warc_out, "wb") as out:
        for r in records:
            raw = read_record(root, r["warc_file"], r["offset"], r["length"])
            if len(raw) != r["length"] or not record_bytes_ok(raw):
                raise EvidenceError(f"record {r['record_id']} in {r['warc_file']} does not verify; run 'vigil evidence verify'")
            out.write(raw)
            if r["warc_file"] not in file_hashes:
                man = root / f"{r['warc_file']}{MANIFEST_SUFFIX}"
                file_hashes[r["warc_file"]] = {
                    "sha256": file_sha256(root / r["warc_file"]),
                    "manifest": man.name if man.exists() else None,
                    "manifest_sha256": file_sha256(man) if man.exists() else None,
                }
            listed.append({**r, "record_sha256": hashlib.sha256(raw).hexdigest()})
    summary = {
        "post": posts[0].to_dict(),
        "versions": versions,
        "records": listed,
        "source_files": file_hashes,
        "export_file": warc_out.name,
        "export_sha256": file_sha256(warc_out),
    }
    (dest / f"{post_id}.evidence.json").write_text(
        json.dumps(summary, indent=2, ensure_ascii=False, default=str), encoding="utf-8"
    )
    return summary
