"""A tiny synthetic world, generated once per test session (seeded, so tests are stable)."""

from __future__ import annotations

import json
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
