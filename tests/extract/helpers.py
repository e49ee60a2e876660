"""Helpers for the extraction tests: build a post, run one recognizer type, read values."""

from __future__ import annotations

from vigil.extract import extract
from vigil.model import Entity, Post


def run(text: str, type_: str, region: str | None = None, **fields: str) -> list[Entity]:
    post = Post(id="t", source_id="test", text=text, **fields)
    return [e for e in extract(post, region, languages=False) if e.type == type_]


def values(text: str, type_: str, region: str | None = None, **fields: str) -> list[str]:
    return sorted({e.value for e in run(text, type_, region, **fields)})
