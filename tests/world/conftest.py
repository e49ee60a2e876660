"""A tiny synthetic world, generated once per test session (seeded, so tests are stable)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from vigil.world.generate import generate


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("world")
    generate(out, seed=11, size=600, split="all")
    return out


@pytest.fixture(scope="session")
def posts(world: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (world / "posts.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="session")
def truth(world: Path) -> dict[str, Any]:
    return json.loads((world / "truth.json").read_text(encoding="utf-8"))


Row = tuple[dict[str, Any], dict[str, Any]]  # (truth of a post, the post)


def read_rows(out: Path) -> list[Row]:
    """A generated world's posts, each with its truth, in truth order."""
    posts = {(p["source"], p["id"]): p for p in map(json.loads, (out / "posts.jsonl").open(encoding="utf-8"))}
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    return [(tp, posts[(tp["source"], tp["id"])]) for tp in truth["posts"]]


@pytest.fixture(scope="session")
def world_rows(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., list[Row]]:
    """``world_rows(seed, size, split="all")``: a world without sites, generated once per session
    for each (seed, size, split), so test files that read the same world share it."""
    cache: dict[tuple[int, int | str, str], list[Row]] = {}

    def rows(seed: int, size: int | str, split: str = "all") -> list[Row]:
        key = (seed, size, split)
        if key not in cache:
            out = tmp_path_factory.mktemp(f"world-{seed}-{size}-{split}")
            generate(out, seed=seed, size=size, split=split, write_sites=False)
            cache[key] = read_rows(out)
        return cache[key]

    return rows
