from __future__ import annotations

from pathlib import Path

import pytest

from vigil.errors import VigilError
from vigil.ingest import ingest_files
from vigil.ingest.readers import load_mapping
from vigil.store import Store

CSV = """ad_id;headline;body;city;when
1;Hostess wanted;Good pay, travel paid;Wien;2026-10-01T10:00:00Z
2;Zimmer frei;Nahe Bahnhof;Graz;not-a-date
3;Fahrer gesucht;Transport nach Italien;Linz;2026-10-02
"""


def test_csv_with_mapping_from_command_line(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "ads.csv"
    path.write_text(CSV, encoding="utf-8")
    conf = load_mapping(None, ["id=ad_id", "title=headline", "text=body", "location=city", "posted_at=when"])
    report = ingest_files(store, [path], source="AT board", mapping=conf)
    assert (report.read, report.stored, report.rejected) == (3, 2, 1)
    err = report.errors[0]
    assert (err.record, err.field) == (3, "posted_at")
    titles = sorted(p.title for p in store.iter_posts())
    assert titles == ["Fahrer gesucht", "Hostess wanted"]


def test_csv_mapping_from_yaml(store: Store, tmp_path: Path) -> None:
    (tmp_path / "ads.csv").write_text(CSV, encoding="utf-8")
    (tmp_path / "map.yaml").write_text(
        "delimiter: ';'\nsource: AT board\ncolumns: {id: ad_id, title: headline, text: body}\n", encoding="utf-8"
    )
    report = ingest_files(store, [tmp_path / "ads.csv"], mapping=load_mapping(tmp_path / "map.yaml", None))
    assert report.stored == 3  # 'when' is not mapped: kept in extra, not validated
    assert all(p.extra.get("when") for p in store.iter_posts())


@pytest.mark.parametrize(("pairs", "why"), [(["title"], "FIELD=COLUMN"), (["=x"], "FIELD=COLUMN")])
def test_bad_mapping_is_explained(pairs: list[str], why: str) -> None:
    with pytest.raises(VigilError, match=why):
        load_mapping(None, pairs)


def test_mapped_column_missing_from_header(store: Store, tmp_path: Path) -> None:
    (tmp_path / "ads.csv").write_text(CSV, encoding="utf-8")
    with pytest.raises(VigilError, match="not in the header"):
        ingest_files(store, [tmp_path / "ads.csv"], source="x", mapping=load_mapping(None, ["text=nope"]))


def test_ragged_row_is_rejected_with_its_line(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id,title\n1,ok\n2,too,many\n3,fine\n", encoding="utf-8")
    report = ingest_files(store, [path], source="x")
    assert (report.stored, report.rejected, report.errors[0].record) == (2, 1, 3)
