"""Review 11's findings 2, 3, 4, 5, 6, 8, 9 and 10 (W13's share) as tables of cases, each checked where it can fail:
on the CLI, on the plan, or on one generated world (seed 18 small, the reviewer's world, cached by the conftest)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import vigil.world.generate as world_generate
from vigil.cli import app

Row = tuple[dict[str, Any], dict[str, Any]]


@pytest.fixture(scope="module")
def rows(world_rows: Callable[..., list[Row]]) -> list[Row]:
    return world_rows(18, "small")


# ---- 10: a same-seed eval world warns ----------------------------------------------------------------------------

# (arguments, warned, why)
SPLIT_WARN = [
    (["--split", "eval"], True, "an eval world on the default seed shares every actor with the default train world"),
    (["--split", "eval", "--seed", "7"], False, "an explicit seed is the user's choice of a different seed"),
    (["--split", "train"], False, "a training world is what the eval world must differ from"),
    ([], False, "split all mixes both families; nothing to keep apart"),
]


@pytest.mark.parametrize(("args", "warned", "why"), SPLIT_WARN)
def test_eval_split_without_a_seed_warns(args: list[str], warned: bool, why: str, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    seen: list[int] = []

    def fake(out: Path, seed: int, size: Any, split: str, **_: Any) -> world_generate.WorldSummary:
        seen.append(seed)
        return world_generate.WorldSummary(out, 0, 0, 0, 0)

    monkeypatch.setattr(world_generate, "generate", fake)
    r = CliRunner().invoke(app, ["world", "generate", str(tmp_path / "w"), "--posts", "10", *args])
    assert r.exit_code == 0, r.output
    assert ("different seeds" in r.stderr) == warned, why
    assert seen == [int(args[args.index("--seed") + 1]) if "--seed" in args else 1], "the seed itself is unchanged"
