"""Small synthetic photos: abstract shapes and gradients, never faces or real people.

An image id is ``<base>_<variant>``. The base (one per photo of a person or item) fixes the
picture; variants 0-3 are what reposting does to it: 0 the original JPEG, 1 resized and
recompressed, 2 cropped, 3 with a text overlay (a name or phone stamped on it). Perceptual hashes
of variants of one base are close, which gives image matching real work to do.
"""

from __future__ import annotations

import hashlib
import io
import random
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

SIZE = (160, 200)


@cache
def _font() -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default()


def _base(base: str) -> Image.Image:
    rng = random.Random(hashlib.sha256(base.encode()).digest())
    w, h = SIZE
    top = tuple(rng.randrange(256) for _ in range(3))
    bottom = tuple(rng.randrange(256) for _ in range(3))
    ramp = np.linspace(0.0, 1.0, h)[:, None, None]
    grad = np.array(top, dtype=float) + (np.array(bottom, dtype=float) - np.array(top, dtype=float)) * ramp
    img = Image.fromarray(np.repeat(grad, w, axis=1).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(img)
    for _ in range(rng.randint(4, 9)):
        x0, y0 = rng.randrange(w), rng.randrange(h)
        x1, y1 = x0 + rng.randint(15, 90), y0 + rng.randint(15, 90)
        colour = tuple(rng.randrange(256) for _ in range(3))
        shape = rng.randrange(3)
        if shape == 0:
            draw.ellipse([x0, y0, x1, y1], fill=colour)
        elif shape == 1:
            draw.rectangle([x0, y0, x1, y1], fill=colour)
        else:
            draw.polygon([(x0, y0), (x1, y0 + rng.randint(-30, 30)), (x0 + rng.randint(-30, 30), y1)], fill=colour)
    return img


def render(image_id: str) -> bytes:
    """The JPEG bytes of one image variant (deterministic)."""
    base, _, variant = image_id.rpartition("_")
    img = _base(base)
    quality = 88
    if variant == "1":
        img = img.resize((120, 150), Image.Resampling.BILINEAR)
        quality = 55
    elif variant == "2":
        img = img.crop((5, 4, SIZE[0] - 3, SIZE[1] - 6))
    elif variant == "3":
        draw = ImageDraw.Draw(img)
        draw.rectangle([0, SIZE[1] - 16, SIZE[0], SIZE[1]], fill=(0, 0, 0))
        draw.text((6, SIZE[1] - 14), "NEW " + base[:4].upper(), fill=(255, 255, 255), font=_font())
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality, optimize=False)
    return buf.getvalue()


def path_of(image_id: str) -> str:
    """Where an image lives relative to the world folder (and in posts' ``images``)."""
    return f"images/{image_id}.jpg"


def write(out: Path, image_id: str) -> None:
    target = out / path_of(image_id)
    if not target.exists():
        target.write_bytes(render(image_id))
