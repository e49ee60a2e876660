"""Conversions between model records and table rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vigil.model import Entity, Post, Score, Signal


def post_to_row(p: Post) -> dict[str, Any]:
    return {
        "id": p.id,
        "source_id": p.source_id,
        "native_id": p.native_id,
        "url": p.url,
        "author": p.author,
        "title": p.title,
        "text": p.text,
        "language": p.language,
        "posted_at": p.posted_at,
        "captured_at": p.captured_at,
        "location": p.location,
        "country": p.country,
        "images": list(p.images),
        "raw_sha256": p.raw_sha256,
        "version": p.version,
        "extra": p.extra,
    }


def row_to_post(r: Mapping[str, Any]) -> Post:
    return Post(
        id=r["id"],
        source_id=r["source_id"],
        native_id=r["native_id"],
        url=r["url"],
        author=r["author"],
        title=r["title"] or "",
        text=r["text"] or "",
        language=r["language"],
        posted_at=r["posted_at"],
        captured_at=r["captured_at"],
        location=r["location"],
        country=r["country"],
        images=tuple(r["images"] or ()),
        raw_sha256=r["raw_sha256"],
        version=r["version"],
        extra=dict(r["extra"] or {}),
    )


def entity_to_row(e: Entity, stage: str) -> dict[str, Any]:
    return {**e.to_dict(), "stage": stage}


def row_to_entity(r: Mapping[str, Any]) -> Entity:
    return Entity(
        post_id=r["post_id"], type=r["type"], value=r["value"], raw=r["raw"], field=r["field"],
        start=r["start"], end=r["end"], rule=r["rule"], confidence=r["confidence"], attrs=dict(r["attrs"] or {}),
    )  # fmt: skip


def signal_to_row(s: Signal, stage: str) -> dict[str, Any]:
    return {**s.to_dict(), "stage": stage}


def row_to_signal(r: Mapping[str, Any]) -> Signal:
    return Signal(
        post_id=r["post_id"], indicator=r["indicator"], family=r["family"], weight=r["weight"],
        field=r["field"], start=r["start"], end=r["end"], text=r["text"],
        explanation=r["explanation"], source=r["source"],
    )  # fmt: skip


def score_to_row(s: Score, stage: str) -> dict[str, Any]:
    return {
        "post_id": s.post_id,
        "stage": stage,
        "category": s.category,
        "category_scores": s.category_scores,
        "risk": s.risk,
        "risk_max": max(s.risk.values(), default=0.0),
        "model": s.model,
    }
