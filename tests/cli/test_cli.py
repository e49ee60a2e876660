"""The CLI as a user runs it: real processes, real files, a throwaway workspace."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import make_record


def vigil(*args: str, ws: Path | None = None, stdin: str | None = None, env: dict[str, str] | None = None):
    cmd = [sys.executable, "-m", "vigil.cli", *args]
    if ws is not None:
        cmd += ["--workspace", str(ws)]
    full_env = {**os.environ, **(env or {})}
    full_env.pop("VIGIL_WORKSPACE", None) if env is None else None
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=full_env, timeout=600)


def test_status_on_missing_workspace_says_what_to_do(tmp_path: Path) -> None:
    r = vigil("status", ws=tmp_path / "none")
    assert r.returncode == 1
    assert "vigil init" in r.stderr and "Traceback" not in r.stderr


def test_python_dash_m_vigil_runs_the_cli() -> None:
    r = subprocess.run([sys.executable, "-m", "vigil", "--help"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "world" in r.stdout and "analyze" in r.stdout, r.stderr


def test_init_ingest_status_search_report(tmp_path: Path, write_jsonl) -> None:
    ws = tmp_path / "ws"
    assert vigil("init", ws=ws).returncode == 0
    path = write_jsonl([make_record(1, title="Nová v Praze"), "{broken", make_record(2)])
    r = vigil("ingest", str(path), "--source", "Ads", "--json", ws=ws)
    assert r.returncode == 0, r.stderr
    counts = json.loads(r.stdout)
    assert (counts["read"], counts["stored"], counts["rejected"]) == (3, 2, 1)
    assert counts["errors"][0]["record"] == 2
    human = vigil("ingest", str(path), "--source", "Ads", ws=ws)
    assert "unchanged 2" in human.stdout and f"{path}:2" in human.stderr
    status = json.loads(vigil("status", "--json", ws=ws).stdout)
    assert status["posts"] == 2 and status["sources"][0]["posts"] == 2
    hits = json.loads(vigil("search", "nova", "--json", ws=ws).stdout)
    assert [h["title"] for h in hits] == ["Nová v Praze"]
    out = tmp_path / "r.html"
    assert vigil("report", "--out", str(out), ws=ws).returncode == 0
    html = out.read_text(encoding="utf-8")
    assert "Vigil report" in html and "<script src" not in html and "<link" not in html


def test_workspace_comes_from_the_environment(tmp_path: Path, write_jsonl) -> None:
    env = {"VIGIL_WORKSPACE": str(tmp_path / "envws")}
    assert vigil("ingest", str(write_jsonl([make_record(1)])), "--source", "x", env=env).returncode == 0
    assert json.loads(vigil("status", "--json", env=env).stdout)["posts"] == 1


def test_analyze_reports_every_stage(tmp_path: Path, write_jsonl) -> None:
    ws = tmp_path / "ws"
    vigil("ingest", str(write_jsonl([make_record(i) for i in range(3)])), "--source", "x", ws=ws)
    r = vigil("analyze", "--json", ws=ws)
    assert r.returncode == 0, r.stderr
    assert [s["stage"] for s in json.loads(r.stdout)] == ["extract", "signals", "link", "assess"]


@pytest.mark.parametrize("command", ["extract", "score"])
def test_streaming_commands_answer_every_line_in_order(command: str) -> None:
    lines = [json.dumps({"id": "a", "text": "Call 0151 2345 6789"}), "{oops", json.dumps({"id": 7, "text": ""}),
             json.dumps({"text": "no id"})]  # fmt: skip
    r = vigil(command, stdin="\n".join(lines) + "\n")
    out = [json.loads(line) for line in r.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", None, "7", None]
    assert out[1]["line"] == 2 and "JSON" in out[1]["error"]
    assert out[3]["field"] == "id"
    assert r.returncode == 1  # some records failed


def test_demo_prints_a_summary_and_writes_the_report(tmp_path: Path) -> None:
    r = vigil("demo", ws=tmp_path / "demo")
    assert r.returncode == 0, r.stderr
    assert "Report:" in r.stdout and "crawl of http://127.0.0.1:" in r.stdout
    assert (tmp_path / "demo" / "report.html").is_file()
    assert any((tmp_path / "demo" / "evidence" / "warc").iterdir())  # the crawl kept its evidence
    assert vigil("evidence", "verify", ws=tmp_path / "demo").returncode == 0


def test_cases_need_purpose_and_legal_basis(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ok = vigil("case", "add", "NL-03", "--purpose", "find recruiters of refugees", "--legal-basis", "Art. 126 Sv", ws=ws)
    assert ok.returncode == 0, ok.stderr
    bad = vigil("case", "add", "NL-04", "--purpose", " ", "--legal-basis", "x", ws=ws)
    assert bad.returncode == 1 and "purpose" in bad.stderr
    dup = vigil("case", "add", "NL-03", "--purpose", "p", "--legal-basis", "b", ws=ws)
    assert dup.returncode == 1 and "exists" in dup.stderr
    cases = json.loads(vigil("case", "list", "--json", ws=ws).stdout)
    assert [(c["id"], c["legal_basis"]) for c in cases] == [("nl-03", "Art. 126 Sv")]
