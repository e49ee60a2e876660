"""`vigil analyze` killed midway and run again: every post processed exactly once per stage, and
the workspace ends up holding exactly what an uninterrupted run produces."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import make_record

CITIES = ["Berlin", "Praha", "Warszawa", "Wien", "Milano"]
PHRASES = [
    "Neu in der Stadt, nur diese Woche. Ruf an {phone}.",
    "Room to rent near the station, 450 EUR per month, call {phone}.",
    "Praca w Niemczech, zakwaterowanie opłacone, kontakt Viber {phone}.",
    "Nová v Praze jen tento týden, volej {phone} nebo Telegram @katka_{n}.",
]


def _records(n: int) -> list[dict]:
    rng = random.Random(5)
    out = []
    for i in range(n):
        phone = f"+49 151 {rng.randint(1000, 1100)} {rng.randint(1000, 9999)}"
        text = rng.choice(PHRASES).format(phone=phone, n=i % 40) + " " + " ".join(rng.choices(PHRASES, k=2)).format(
            phone=phone, n=i % 40
        )
        out.append(make_record(i, text=text, location=rng.choice(CITIES)))
    return out


def _vigil(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vigil.cli", *args], capture_output=True, text=True, timeout=300)


def _table_counts(db: Path) -> dict[str, object]:
    with sqlite3.connect(db) as conn:
        counts: dict[str, object] = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("entities", "signals", "scores", "groups", "group_members")
        }
        counts["runs"] = sorted(conn.execute("SELECT stage, min(runs), max(runs), count(*) FROM stage_state GROUP BY stage"))
    return counts


def test_killed_analyze_resumes_to_the_same_result(tmp_path: Path, write_jsonl) -> None:
    n = 1200
    path = write_jsonl(_records(n))
    killed, clean = tmp_path / "killed", tmp_path / "clean"
    for ws in (killed, clean):
        assert _vigil("ingest", str(path), "--source", "Ads", "--workspace", str(ws)).returncode == 0

    proc = subprocess.Popen(
        [sys.executable, "-m", "vigil.cli", "analyze", "--batch-size", "25", "--workspace", str(killed)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy(),
    )  # fmt: skip
    db = killed / "vigil.sqlite"
    deadline = time.monotonic() + 240
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        with sqlite3.connect(db, timeout=30) as conn:
            done = conn.execute("SELECT count(*) FROM stage_state WHERE stage = 'extract'").fetchone()[0]
        if done >= 50:
            break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < done < n, f"the kill must land mid-run (extract had {done} of {n})"

    resumed = _vigil("analyze", "--json", "--workspace", str(killed))
    assert resumed.returncode == 0, resumed.stderr
    assert _vigil("analyze", "--workspace", str(clean)).returncode == 0

    after_kill, uninterrupted = _table_counts(db), _table_counts(clean / "vigil.sqlite")
    assert after_kill == uninterrupted
    for stage, lo, hi, count in after_kill["runs"]:  # type: ignore[union-attr]
        assert (lo, hi, count) == (1, 1, n), stage
    assert {s for s, *_ in after_kill["runs"]} >= {"extract", "signals"}  # type: ignore[union-attr]
    extract = json.loads(resumed.stdout)[0]
    assert extract["stage"] == "extract" and 0 < extract["processed"] <= n - done  # only what was left
