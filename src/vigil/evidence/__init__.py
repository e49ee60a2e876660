"""Evidence a court will accept: every fetched response in WARC/1.1 files, sealed and chained.

``warc`` writes request, response, revisit and metadata records with SHA-256 block and payload
digests into rotated files under ``<workspace>/evidence/warc/``; sealing a file writes its
manifest, chained to the previous one by hash. ``verify`` re-checks every digest and the chain;
``export`` writes one post's records and hashes for a case file.
"""

from __future__ import annotations

from pathlib import Path

from vigil.errors import VigilError


class EvidenceError(VigilError):
    """The evidence store cannot be written or does not verify."""


class DiskFullError(EvidenceError):
    """The disk filled while writing evidence; what was written before is intact."""


def evidence_dir(workspace: Path) -> Path:
    """Where a workspace keeps its WARC files and their manifests."""
    return Path(workspace) / "evidence" / "warc"


__all__ = ["DiskFullError", "EvidenceError", "evidence_dir"]
