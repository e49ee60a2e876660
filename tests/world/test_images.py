"""Synthetic photos: variants of one picture stay close under a perceptual hash, others do not."""

from __future__ import annotations

import io

import imagehash
from PIL import Image

from vigil.world.images import render


def _hash(image_id: str) -> imagehash.ImageHash:
    return imagehash.phash(Image.open(io.BytesIO(render(image_id))))


def test_variants_match_and_other_pictures_do_not() -> None:
    near = [_hash(f"base{k}_0") - _hash(f"base{k}_{v}") for k in range(10) for v in (1, 2, 3)]
    far = [_hash(f"base{k}_0") - _hash(f"base{k + 1}_0") for k in range(10)]
    assert max(near) < min(far), (sorted(near), sorted(far))


def test_rendering_is_deterministic_and_jpeg() -> None:
    a, b = render("seedimg_2"), render("seedimg_2")
    assert a == b and a[:2] == b"\xff\xd8"
    assert render("seedimg_0") != render("seedimg_1")
