"""Platform assessment over a small synthetic workspace: which sources get which flags, and why."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from vigil.cli import app
from vigil.ingest import ingest_files
from vigil.model import Score
from vigil.pipeline.runner import run_pipeline
from vigil.pipeline.stage import StageResult
from vigil.report import render_report
from vigil.signals.platforms import assess_platforms, ranked
from vigil.signals.stage import SignalsStage
from vigil.store import Store

ESCORT = [
    "Our new girls just arrived from Romania, very young and fresh, 24/7, no condom, cheap. Driver included.",
    "Young fresh Asian girls, new in town, text only no calls, all services included, 100% real pics.",
    "We have 5 girls available every day, barely legal, bareback, cheap rates, no independents.",
    "New girls every week, exotic Thai beauty, available day and night, cheap sex, my manager answers.",
]
JOBS = [
    "Work abroad in Germany, flights and accommodation provided, no experience needed. Visa arranged. Registration fee 200 euro.",
    "URGENT hostesses wanted for VIP club abroad. Young pretty girls aged 18-25 only. Easy money, contact only via WhatsApp.",
    "Big company in Dubai is looking for girls, earn up to 5000 euro per week, passport arranged, deposit first.",
]
BENIGN = [
    "City bike for sale, good condition, 120 euro, collect in Lyon.",
    "Sofa for sale, grey, three seats, pick up in Berlin.",
    "Piano lessons for children and adults on Saturdays.",
]


def _records(source: str, kind: str, texts: list[str]) -> list[dict[str, Any]]:
    return [{"id": f"{source}-{i}", "source": source, "source_kind": kind, "title": t[:30], "text": t,
             "language": "en", "posted_at": f"2026-10-{1 + 7 * (i % 3):02d}T12:00:00Z"} for i, t in enumerate(texts)]  # fmt: skip


def _workspace(store: Store, write_jsonl: Callable[..., Path]) -> None:
    recs = _records("Night Angels", "escort_directory", ESCORT) + _records("Jobs Abroad Board", "job_board", JOBS) \
        + _records("Flea Market", "classifieds", BENIGN)  # fmt: skip
    ingest_files(store, [write_jsonl(recs)])
    run_pipeline(store, stages=[SignalsStage()])


def _scored_workspace(store: Store, write_jsonl: Callable[..., Path], rows: list[tuple[str, str, float]]) -> None:
    """Posts of one source with given (category, family, risk): the flag rule, apart from the model."""
    recs = [{"id": f"p{i}", "source": "Site", "text": f"post {i}", "posted_at": "2026-10-01T12:00:00Z"}
            for i in range(len(rows))]  # fmt: skip
    ingest_files(store, [write_jsonl(recs)])
    posts = [p for _, p in store.pending("signals", 0, 1000)]
    scores = []
    for p in posts:
        cat, fam, r = rows[int(p.native_id[1:])]  # type: ignore[index]
        risk = {"sexual": 0.0, "labour": 0.0, "housing": 0.0} | {fam: r}
        scores.append(Score(p.id, cat, {cat: 1.0}, risk, "test"))
    store.write_stage("signals", posts, StageResult(scores=scores))


FLAG_CASES = [
    ([("escort", "sexual", 0.9)] * 2 + [("other", "sexual", 0.0)] * 18, ["sexual_services"], "2 of 20 likely risky"),
    ([("escort", "sexual", 0.9)] + [("other", "sexual", 0.0)] * 3, [], "one risky post never flags alone"),
    ([("escort", "sexual", 0.1)] * 20, [], "escort posts without risk are not a flag"),
    ([("job", "labour", 0.8)] * 2 + [("other", "labour", 0.0)] * 60, [], "2 of 62 is under the 5 % share"),
    ([("job", "labour", 0.6)] * 3 + [("job", "labour", 0.2)] * 7, ["recruitment"], "job board with risky ads"),
    ([("housing", "housing", 0.7)] * 3 + [("other", "housing", 0.0)] * 5, ["housing_transport"], "room offers"),
]


@pytest.mark.parametrize(("rows", "flags", "why"), FLAG_CASES, ids=[c[2] for c in FLAG_CASES])
def test_flag_rule(store: Store, write_jsonl: Callable[..., Path], rows: list[tuple[str, str, float]],
                   flags: list[str], why: str) -> None:  # fmt: skip
    _scored_workspace(store, write_jsonl, rows)
    (a,) = assess_platforms(store)
    assert a["flags"] == flags
    for f in flags:
        assert 2 <= len(a["evidence"][f]) <= 5
        assert all(e["risk"] >= 0.5 for e in a["evidence"][f])


def test_stage_output_flags_the_escort_site_only(store: Store, write_jsonl: Callable[..., Path]) -> None:
    _workspace(store, write_jsonl)
    by_id = {a["source_id"]: a for a in assess_platforms(store)}
    assert "sexual_services" in by_id["night-angels"]["flags"]
    assert by_id["flea-market"]["flags"] == [], "a benign source is never flagged"
    assert "recruitment" not in by_id["night-angels"]["flags"]
    assert by_id["night-angels"]["scores"]["sexual_services"] > by_id["flea-market"]["scores"]["sexual_services"]


def test_each_flag_is_justified_by_posts_with_reasons(store: Store, write_jsonl: Callable[..., Path]) -> None:
    _workspace(store, write_jsonl)
    top = ranked(assess_platforms(store), "sexual_services")
    assert top[0]["source_id"] == "night-angels"
    evidence = top[0]["evidence"]["sexual_services"]
    # the flag needs at least two posts at risk >= 0.5 (never one): that many must justify it. How many
    # of these four hand-written ads pass 0.5 is the trained model's call, not this test's.
    assert len(evidence) >= 2
    assert all(e["risk"] >= 0.5 and e["reasons"] for e in evidence)


def test_volume_shares_and_trend(store: Store, write_jsonl: Callable[..., Path]) -> None:
    _workspace(store, write_jsonl)
    a = next(x for x in assess_platforms(store) if x["source_id"] == "flea-market")
    assert a["volume"] == a["scored"] == 3
    assert abs(sum(a["categories"].values()) - 1) < 0.01
    assert all(abs(sum(b.values()) - 1) < 0.01 for b in a["risk_bands"].values())
    assert sum(w["posts"] for w in a["trend"].values()) == 3
    assert all(k.startswith("2026-W") for k in a["trend"])


def test_unscored_workspace_has_no_flags(store: Store, write_jsonl: Callable[..., Path]) -> None:
    ingest_files(store, [write_jsonl(_records("Night Angels", "escort_directory", ESCORT))])
    (a,) = assess_platforms(store)
    assert a["volume"] == 4 and a["scored"] == 0 and a["flags"] == []


def test_platforms_command_and_report(store: Store, write_jsonl: Callable[..., Path]) -> None:
    _workspace(store, write_jsonl)
    res = CliRunner().invoke(app, ["platforms", "--json", "--workspace", str(store.workspace)])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert {"source_id", "flags", "evidence", "volume", "categories", "risk_bands", "trend"} <= set(data[0])
    table = CliRunner().invoke(app, ["platforms", "--workspace", str(store.workspace)])
    assert table.exit_code == 0 and "Night" in table.output
    html = render_report(store)
    assert "Platforms (signals)" in html and "Likely offering sexual services" in html
