from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from tests.conftest import make_record

from vigil.errors import WorkspaceError
from vigil.ingest.records import to_post
from vigil.model import Entity, Score, Signal
from vigil.pipeline.stage import StageResult
from vigil.store import Store
from vigil.store.db import current_revisions, head_revisions


def _post(i: int, **over: object):
    return to_post(make_record(i, **over), "ads", ("t.jsonl", i))


def test_missing_workspace_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="vigil init"):
        Store.open(tmp_path / "nowhere")


def test_migrations_build_every_table_from_an_empty_file(tmp_path: Path) -> None:
    with Store.open(tmp_path / "ws", create=True) as store:
        assert current_revisions(store.engine) == head_revisions()
        names = set(inspect(store.engine).get_table_names())
        assert {"posts", "sources", "entities", "signals", "scores", "groups", "stage_state", "images"} <= names
        assert "posts_fts" in names
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    with Store.open(tmp_path / "ws") as again:  # reopening is a no-op migration
        assert again.count_posts() == 0


def test_upsert_is_idempotent_and_detects_changes(store: Store) -> None:
    store.ensure_source("ads")
    first = store.upsert_posts([_post(1), _post(2)])
    assert (first.stored, first.updated, first.unchanged) == (2, 0, 0)
    again = store.upsert_posts([_post(1), _post(2)])
    assert (again.stored, again.updated, again.unchanged) == (0, 0, 2)
    edited = store.upsert_posts([_post(1, text="Room taken, sorry.")])
    assert (edited.stored, edited.updated) == (0, 1)
    assert store.count_posts() == 2
    assert store.get_posts([_post(1).id])[0].text == "Room taken, sorry."


def test_search_folds_diacritics_and_follows_edits(store: Store) -> None:
    store.ensure_source("ads")
    store.upsert_posts([_post(1, title="Nová v Praze", text="Málaga"), _post(2, title="Kraków", text="pokój")])
    assert [h.post_id for h in store.search("nova praze")] == [_post(1).id]
    assert [h.post_id for h in store.search("malaga")] == [_post(1).id]
    assert [h.post_id for h in store.search("KRAKOW")] == [_post(2).id]
    store.upsert_posts([_post(1, title="Gone", text="nothing here")])
    assert store.search("malaga") == []
    assert store.search("!!!") == []


def test_write_stage_replaces_outputs_and_counts_runs(store: Store) -> None:
    store.ensure_source("ads")
    p = _post(1)
    store.upsert_posts([p])
    ent = Entity(p.id, "phone", "+4915100000001", "0151 000 0001", "text", 0, 13, "phone.plain", 0.9)
    sig = Signal(p.id, "en.test", "sexual", 1.0, "text", 0, 4, "Room")
    sc = Score(p.id, "housing", {"housing": 0.9}, {"sexual": 0.1, "housing": 0.3}, "m1")
    store.write_stage("extract", [p], StageResult(entities=[ent], signals=[sig], scores=[sc]))
    store.write_stage("extract", [p], StageResult(entities=[ent]))
    assert store.entities_for([p.id]) == {p.id: [ent]}
    assert store.signals_for([p.id]) == {}
    assert store.stage_runs("extract") == {p.id: 2}
    assert store.count_pending("extract") == 0
    assert store.count_pending("signals") == 1


def test_posts_with_errors_are_not_marked_seen(store: Store) -> None:
    store.ensure_source("ads")
    a, b = _post(1), _post(2)
    store.upsert_posts([a, b])
    store.write_stage("extract", [a, b], StageResult(errors={b.id: "boom"}))
    assert store.stage_runs("extract") == {a.id: 1}


def test_images_are_content_addressed(store: Store) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"x" * 100
    sha = store.add_image(png)
    assert store.add_image(png) == sha
    store.link_post_images("p1", [("a.png", sha), ("b.png", sha)])
    files = store.image_files(["p1"])["p1"]
    assert [(r, s) for r, s, _ in files] == [("a.png", sha), ("b.png", sha)]
    assert files[0][2].read_bytes() == png
