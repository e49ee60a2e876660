"""Extraction: identifiers and attributes in a post (phones, e-mails, URLs, handles, wallets,
ages, prices, places, names, languages), normalised so that other stages can join on them.

``extract(post)`` and ``extract_batch(posts)`` are pure: same post in, same entities out. Pack
data and the language detector load once per process, on first use. See docs/EXTRACT.md.
"""

from __future__ import annotations

from collections.abc import Sequence

from vigil.extract.base import Doc
from vigil.model import Entity, Post

MAX_TEXT = 1_000_000  # characters per field read; the rest of a larger post is ignored


def _bounded(post: Post) -> Post:
    if len(post.text or "") <= MAX_TEXT and len(post.title or "") <= MAX_TEXT:
        return post
    from dataclasses import replace

    return replace(post, text=(post.text or "")[:MAX_TEXT], title=(post.title or "")[:MAX_TEXT])


def languages_of(post: Post) -> list[tuple[str, float]]:
    """The post's languages, most likely first, as (ISO 639-1, share)."""
    from vigil.extract.language import detect
    from vigil.extract.text import safe_text

    return detect(safe_text(" \n".join(x for x in (post.title, post.text) if x)))


def extract(post: Post, default_region: str | None = None, languages: bool = True) -> list[Entity]:
    """All entities in ``post``; ``languages=False`` skips language detection (and its entities)."""
    from vigil.extract.registry import recognizers

    post = _bounded(post)
    langs = languages_of(post) if languages else []
    doc = Doc(post, default_region, tuple(code for code, _ in langs))
    out: list[Entity] = []
    for rec in recognizers():
        out.extend(rec.run(doc))
    for code, share in langs:
        out.append(Entity(post.id, "language", code, "", "text", 0, 0, "language.lingua", share, {"share": share}))
    return out


def extract_batch(posts: Sequence[Post], default_region: str | None = None, languages: bool = True) -> list[list[Entity]]:
    """``extract`` for each post, in order."""
    return [extract(p, default_region, languages) for p in posts]


__all__ = ["extract", "extract_batch", "languages_of"]
