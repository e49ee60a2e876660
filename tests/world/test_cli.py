"""`vigil world generate`, `vigil eval` as a user runs them (in-process, throwaway folders)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from vigil.cli import app

runner = CliRunner()


def test_generate_ingest_eval_without_analysis_says_not_available(tmp_path: Path) -> None:
    out, ws = tmp_path / "world", tmp_path / "ws"
    r = runner.invoke(app, ["world", "generate", str(out), "--seed", "3", "--posts", "150", "--no-sites", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["posts"] == 150
    assert runner.invoke(app, ["ingest", str(out / "posts.jsonl"), "--workspace", str(ws)]).exit_code == 0
    r = runner.invoke(app, ["eval", "--truth", str(out / "truth.json"), "--workspace", str(ws), "--json"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    assert report["posts"] == 150
    assert report["post_level"] == {"available": False, "why": report["post_level"]["why"]}
    assert "not run" in report["post_level"]["why"]


def test_unknown_size_and_split_are_clear_errors(tmp_path: Path) -> None:
    r = runner.invoke(app, ["world", "generate", str(tmp_path / "w"), "--size", "huge"])
    assert r.exit_code != 0 and "unknown size" in str(r.exception or r.output)
    r = runner.invoke(app, ["world", "generate", str(tmp_path / "w"), "--posts", "10", "--split", "test"])
    assert r.exit_code != 0 and "unknown split" in str(r.exception or r.output)
