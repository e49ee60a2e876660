"""Content-addressed image storage: bytes under ``<workspace>/images/ab/<sha256>``, rows in ``images``.

The same picture posted a hundred times is stored once; a post names its images by the reference
it used (URL or path) and the SHA-256 of the bytes. Image matching (link stage) reads files here.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine, delete, insert, select

from vigil.model import utcnow
from vigil.store import schema as t

MAX_IMAGE_BYTES = 20 * 1024 * 1024
_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
)


def sniff_media_type(data: bytes) -> str | None:
    for magic, media in _MAGIC:
        if data.startswith(magic):
            return media
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


class ImageStoreMixin:
    workspace: Path
    engine: Engine

    @property
    def images_dir(self) -> Path:
        return self.workspace / "images"

    def add_image(self, data: bytes, media_type: str | None = None) -> str:
        """Store the bytes once (atomic write) and return their SHA-256."""
        if len(data) > MAX_IMAGE_BYTES:
            raise ValueError(f"image of {len(data):,} bytes is over the {MAX_IMAGE_BYTES:,}-byte limit")
        sha = hashlib.sha256(data).hexdigest()
        rel = Path("images") / sha[:2] / sha
        path = self.workspace / rel
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{sha}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
        with self.engine.begin() as conn:
            if conn.execute(select(t.images.c.sha256).where(t.images.c.sha256 == sha)).first() is None:
                conn.execute(
                    insert(t.images).values(
                        sha256=sha, media_type=media_type or sniff_media_type(data), size=len(data),
                        path=rel.as_posix(), created_at=utcnow(),
                    )
                )  # fmt: skip
        return sha

    def link_post_images(self, post_id: str, refs: Sequence[tuple[str, str]]) -> None:
        """Set the post's images to these (reference, sha256) pairs."""
        with self.engine.begin() as conn:
            conn.execute(delete(t.post_images).where(t.post_images.c.post_id == post_id))
            if refs:
                rows = {ref: sha for ref, sha in refs}
                conn.execute(insert(t.post_images), [{"post_id": post_id, "ref": r, "sha256": s} for r, s in rows.items()])

    def image_files(self, post_ids: Sequence[str]) -> dict[str, list[tuple[str, str, Path]]]:
        """post id -> [(reference, sha256, file path)] for the images that were stored."""
        out: dict[str, list[tuple[str, str, Path]]] = defaultdict(list)
        pi, im = t.post_images, t.images
        with self.engine.connect() as conn:
            for i in range(0, len(post_ids), 500):
                chunk = post_ids[i : i + 500]
                q = (
                    select(pi.c.post_id, pi.c.ref, pi.c.sha256, im.c.path)
                    .select_from(pi.join(im, im.c.sha256 == pi.c.sha256))
                    .where(pi.c.post_id.in_(chunk))
                    .order_by(pi.c.post_id, pi.c.ref)
                )
                for pid, ref, sha, rel in conn.execute(q):
                    out[pid].append((ref, sha, self.workspace / rel))
        return dict(out)
