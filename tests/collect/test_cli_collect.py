"""The collection commands, end to end through the CLI (typer's runner, in-process)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from vigil.cli import app

runner = CliRunner()


def _run(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    return result


def test_crawl_verify_export_watch_alerts(ads: Any, tmp_path: Path) -> None:
    _web, sites = ads
    ws = str(tmp_path / "ws")
    r = _run("watch", "add", "handle", "@User2", "-w", ws, "--note", "test")
    assert r.exit_code == 0, r.output
    r = _run("crawl", str(sites.parent), "-w", ws, "--operator", "analyst-1", "--case", "case-9", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["sites"]["test-classifieds"]["new_posts"] == 6
    assert data["politeness"], "measured politeness per rate key"
    r = _run("evidence", "verify", "-w", ws, "--json")
    assert r.exit_code == 0 and json.loads(r.output)["ok"]
    r = _run("alerts", "-w", ws, "--json")
    alerts = json.loads(r.output)
    assert [a["matched"] for a in alerts] == ["user2"]
    r = _run("evidence", "export", alerts[0]["post_id"], "--out", str(tmp_path / "case"), "-w", ws, "--json")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "case" / f"{alerts[0]['post_id']}.warc.gz").is_file()
    r = _run("watch", "list", "-w", ws, "--json")
    assert json.loads(r.output)[0]["note"] == "test"


def test_verify_fails_loudly_on_tampering(ads: Any, tmp_path: Path) -> None:
    _web, sites = ads
    ws = tmp_path / "ws"
    assert _run("crawl", str(sites), "-w", str(ws)).exit_code == 0
    warc = next((ws / "evidence" / "warc").glob("*.warc.gz"))
    data = bytearray(warc.read_bytes())
    data[len(data) // 3] ^= 0x01
    warc.write_bytes(bytes(data))
    r = _run("evidence", "verify", "-w", str(ws))
    assert r.exit_code == 1 and "does NOT verify" in r.output


def test_bad_site_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: X\nstart_urls: [https://x.example/]\npoliteness: {delay: 1}\n")
    r = _run("crawl", str(bad), "-w", str(tmp_path / "ws"))
    assert r.exit_code != 0
    assert "politeness.delay" in str(r.exception) + r.output


def test_monitor_follows_each_sites_schedule(ads: Any, tmp_path: Path) -> None:
    web, sites = ads
    ws = str(tmp_path / "ws")
    r = _run("monitor", str(sites), "-w", ws, "--rounds", "2", "--every", "0")
    assert r.exit_code == 0, r.output
    assert (web.hits["/ad/1"], web.hits["/list?page=1"]) == (1, 1), "round 2: nothing due yet (6 h / 24 h)"
    sites.write_text(sites.read_text() + "revisit: {listings_hours: 0, posts_hours: 24}\n")
    r = _run("monitor", str(sites), "-w", ws, "--rounds", "1", "--every", "0", "--no-analyze")
    assert r.exit_code == 0, r.output
    assert (web.hits["/ad/1"], web.hits["/list?page=2"]) == (1, 2), "listings due again, posts not"
