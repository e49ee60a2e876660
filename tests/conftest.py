"""Shared fixtures: small synthetic posts and throwaway workspaces (never real people)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from vigil.store import Store


def make_record(i: int, **over: Any) -> dict[str, Any]:
    rec = {
        "id": f"ad-{i}",
        "url": f"https://ads.example/item/{i}",
        "title": f"Room {i} to rent",
        "text": f"Bright room number {i}, close to the station. Call 0151 000 {i:04d}.",
        "author": f"user{i % 7}",
        "posted_at": "2026-10-01T12:00:00Z",
        "location": "Berlin",
        "country": "DE",
        "images": [],
    }
    rec.update(over)
    return rec


@pytest.fixture
def write_jsonl(tmp_path: Path) -> Callable[..., Path]:
    def write(records: Iterable[dict[str, Any] | str], name: str = "posts.jsonl") -> Path:
        path = tmp_path / name
        with path.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")
        return path

    return write


@pytest.fixture
def store(tmp_path: Path) -> Iterable[Store]:
    with Store.open(tmp_path / "ws", create=True) as s:
        yield s
