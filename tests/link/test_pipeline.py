"""The link and assess stages through the runner and the store: incremental, resumable, CLI output."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from PIL import Image, ImageDraw
from typer.testing import CliRunner

from tests.link.synth import make_world
from vigil.assess import AssessStage
from vigil.cli import app
from vigil.ids import content_version
from vigil.link import LinkStage
from vigil.link.images import image_hashes, match_new
from vigil.pipeline.runner import run_pipeline
from vigil.pipeline.stage import StageResult
from vigil.store import Store


def _load(store: Store, posts: list, ents: dict) -> None:
    for src in {p.source_id for p in posts}:
        store.ensure_source(src)
    versioned = [replace(p, version=content_version([p.text, p.title])) for p in posts]
    store.upsert_posts(versioned)
    store.write_stage("extract", versioned, StageResult(entities=[e for p in versioned for e in ents[p.id]]))


def _networks(store: Store) -> dict[str, tuple[str, ...]]:
    from vigil.link.store import iter_groups

    return {g["id"]: tuple(g["post_ids"]) for g in iter_groups(store, "network")}


def test_runner_links_assesses_and_updates_incrementally(tmp_path: Path) -> None:
    posts, ents, truth = make_world(networks=3, independents=4)
    stages = [LinkStage(), AssessStage()]
    with Store.open(tmp_path / "ws", create=True) as store:
        first = [p for p in posts if truth[p.id] != 2]
        _load(store, first, ents)
        reports = run_pipeline(store, stages)
        assert [r.failed for r in reports] == [0, 0]
        before = _networks(store)
        assert len(before) == 2
        _load(store, [p for p in posts if truth[p.id] == 2], ents)  # a new day's posts: a third network
        reports = run_pipeline(store, stages)
        assert reports[0].processed == sum(1 for p in posts if truth[p.id] == 2), "only new posts are linked"
        after = _networks(store)
        assert set(before) < set(after), "ids of unchanged networks stay the same"
        again = run_pipeline(store, stages)
        assert again[0].processed == 0 and _networks(store) == after, "nothing new: nothing changes"
        assert store.stage_runs("link") and max(store.stage_runs("link").values()) == 1

    result = CliRunner().invoke(app, ["networks", "--format", "jsonl", "--workspace", str(tmp_path / "ws")])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.output.splitlines()]
    assert len(lines) == 3
    native = {p.native_id for p in posts}
    for row in lines:
        assert set(row["posts"]) <= native and len(row["post_ids"]) == len(row["posts"])
        assert row["classification"] and row["controllers"] and "persons" in row
    result = CliRunner().invoke(app, ["network", lines[0]["id"], "--json", "--workspace", str(tmp_path / "ws")])
    assert result.exit_code == 0 and json.loads(result.output)["evidence"], "the dossier shows its evidence"
    for cmd in (["clusters", "--format", "jsonl"], ["controllers"], ["victims"]):
        assert CliRunner().invoke(app, [*cmd, "--workspace", str(tmp_path / "ws")]).exit_code == 0


def _picture(seed: int, size: int = 256) -> Image.Image:
    im = Image.new("RGB", (size, size), (20 * seed % 255, 90, 160))
    d = ImageDraw.Draw(im)
    for k in range(6):
        x, y = (seed * 37 + k * 53) % (size - 60), (k * 41 + seed * 13) % (size - 60)
        d.ellipse((x, y, x + 60, y + 60), fill=((seed * 70 + k * 30) % 255, (k * 90) % 255, (seed * 20) % 255))
    return im


def _save(im: Image.Image, path: Path) -> Path:
    im.save(path, quality=70)
    return path


def test_image_matching_table(tmp_path: Path) -> None:
    import numpy as np

    base = _picture(1)
    text = base.copy()
    ImageDraw.Draw(text).text((8, 236), "NEW IN TOWN", fill=(255, 255, 255))
    cases = [  # (variant, should match the original, why)
        (_save(base.resize((128, 128)), tmp_path / "a-small.jpg"), True, "resized"),
        (_save(base.crop((8, 8, 248, 248)), tmp_path / "a-crop.jpg"), True, "cropped a little and re-encoded"),
        (_save(text, tmp_path / "a-text.jpg"), True, "text overlay"),
        (_save(_picture(5), tmp_path / "b.jpg"), False, "a different picture"),
    ]
    hashes = [image_hashes(_save(base, tmp_path / "a.png"))] + [image_hashes(p) for p, _, _ in cases]
    ph = np.array([h[0] for h in hashes], dtype=np.uint64)
    dh = np.array([h[1] for h in hashes], dtype=np.uint64)
    matched = {(m.a, m.b) for m in match_new(ph, dh, 1)}
    for k, (_, expected, why) in enumerate(cases, start=1):
        assert ((0, k) in matched) == expected, why


def test_report_shows_networks_with_inline_svg(tmp_path: Path) -> None:
    from vigil.report import render_report

    posts, ents, _ = make_world(networks=2, independents=1)
    with Store.open(tmp_path / "ws", create=True) as store:
        _load(store, posts, ents)
        run_pipeline(store, [LinkStage(), AssessStage()])
        html = render_report(store)
    assert "Networks (link and assess)" in html and "<svg" in html and "<script" not in html


def test_a_failing_batch_stays_pending_and_a_rerun_completes(tmp_path: Path, monkeypatch) -> None:
    import vigil.pipeline.runner as runner

    posts, ents, _ = make_world(networks=2, independents=2)
    monkeypatch.setattr(runner, "CORPUS_BATCH", 5)

    class Flaky(LinkStage):
        broken = True

        def update(self, state, batch):  # type: ignore[no-untyped-def]
            if self.broken and any(p.id == posts[7].id for p in batch.posts):
                raise ValueError("disk on fire")
            return super().update(state, batch)

    stage = Flaky()
    with Store.open(tmp_path / "ws", create=True) as store:
        _load(store, posts, ents)
        report = runner.run_pipeline(store, [stage], batch_size=5)[0]
        assert report.failed == 5 and "disk on fire" in next(iter(report.errors.values()))
        assert store.count_pending("link") == 5, "the failed batch is left for the next run"
        stage.broken = False
        report = runner.run_pipeline(store, [stage], batch_size=5)[0]
        assert report.processed == 5 and store.count_pending("link") == 0
        nets = _networks(store)
    fresh = tmp_path / "fresh"
    with Store.open(fresh, create=True) as store:
        _load(store, posts, ents)
        runner.run_pipeline(store, [LinkStage()])
        assert _networks(store) == nets, "a run in two goes gives the groups of a run in one"
