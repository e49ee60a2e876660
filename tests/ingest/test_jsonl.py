from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import make_record

from vigil.errors import VigilError
from vigil.ingest import ingest_files
from vigil.store import Store


def test_reingest_updates_rather_than_duplicates(store: Store, write_jsonl) -> None:
    path = write_jsonl([make_record(i) for i in range(50)])
    first = ingest_files(store, [path], source="Ads")
    assert (first.read, first.stored, first.updated, first.unchanged, first.rejected) == (50, 50, 0, 0, 0)
    second = ingest_files(store, [path], source="Ads")
    assert (second.stored, second.updated, second.unchanged) == (0, 0, 50)
    changed = write_jsonl([make_record(1, text="edited")], name="edit.jsonl")
    third = ingest_files(store, [changed], source="Ads")
    assert (third.stored, third.updated) == (0, 1)
    assert store.count_posts() == 50


@pytest.mark.parametrize(
    ("line", "field", "why"),
    [
        ("{not json", None, "not valid JSON"),
        ("[1, 2]", None, "JSON object"),
        (json.dumps({"title": "x", "text": "y"}), "id", "native id"),
        (json.dumps(make_record(1, title="", text="  ")), "text", "empty"),
        (json.dumps(make_record(1, posted_at="last tuesday")), "posted_at", "ISO-8601"),
        (json.dumps(make_record(1, country="Germany")), "country", "alpha-2"),
        (json.dumps(make_record(1, images=[1, 2])), "images", "list"),
        (json.dumps(make_record(1, title={"a": 1})), "title", "expected text"),
        (json.dumps(make_record(1, source_kind="darknet")), "source_kind", "unknown kind"),
    ],
)
def test_bad_records_are_named_and_skipped(store: Store, write_jsonl, line: str, field: str | None, why: str) -> None:
    path = write_jsonl([make_record(100), line, make_record(101)])
    report = ingest_files(store, [path], source="Ads")
    assert (report.read, report.stored, report.rejected) == (3, 2, 1)
    err = report.errors[0]
    assert (err.file, err.record, err.field) == (str(path), 2, field)
    assert why in err.message


def test_invalid_utf8_line_is_rejected_alone(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    good = json.dumps(make_record(1)).encode()
    path.write_bytes(good + b"\n" + b'{"id": "x", "text": "\xff\xfe"}\n' + json.dumps(make_record(2)).encode() + b"\n")
    report = ingest_files(store, [path], source="Ads")
    assert (report.stored, report.rejected) == (2, 1)
    assert "UTF-8" in report.errors[0].message and report.errors[0].record == 2


def test_record_source_wins_and_sources_are_described(store: Store, write_jsonl) -> None:
    path = write_jsonl([
        make_record(1, source="Escort Dir", source_kind="escort_directory", source_country="nl"),
        make_record(2),
    ])  # fmt: skip
    ingest_files(store, [path], source="Fallback")
    by_id = {s.id: s for s in store.sources()}
    assert by_id["escort-dir"].kind == "escort_directory" and by_id["escort-dir"].country == "NL"
    assert {s["id"]: s["posts"] for s in store.status()["sources"]} == {"escort-dir": 1, "fallback": 1}


def test_record_without_any_source_is_rejected(store: Store, write_jsonl) -> None:
    report = ingest_files(store, [write_jsonl([make_record(1)])])
    assert report.rejected == 1 and report.errors[0].field == "source"


def test_missing_file_is_a_clear_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(VigilError, match="no such file"):
        ingest_files(store, [tmp_path / "nope.jsonl"], source="x")


def test_extra_fields_are_kept_and_local_images_stored(store: Store, write_jsonl, tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    (tmp_path / "img" / "not-an-image.png").write_text("hello")
    path = write_jsonl([make_record(1, phone_hint="x", images=["img/a.png", "img/not-an-image.png", "img/gone.jpg",
                                                               "https://cdn.example/x.jpg"])])  # fmt: skip
    report = ingest_files(store, [path], source="Ads")
    assert (report.images_stored, report.images_missing) == (1, 2)
    post = next(store.iter_posts())
    assert post.extra == {"phone_hint": "x"}
    assert [r for r, _, _ in store.image_files([post.id])[post.id]] == ["img/a.png"]
