from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from vigil.model import Entity, Post, parse_utc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10-01T12:00:00Z", datetime(2026, 10, 1, 12, tzinfo=UTC)),
        ("2026-10-01T14:00:00+02:00", datetime(2026, 10, 1, 12, tzinfo=UTC)),
        ("2026-10-01 12:00:00", datetime(2026, 10, 1, 12, tzinfo=UTC)),  # naive is taken as UTC
        ("2026-10-01", datetime(2026, 10, 1, tzinfo=UTC)),
    ],
)
def test_parse_utc(text: str, expected: datetime) -> None:
    assert parse_utc(text) == expected


@pytest.mark.parametrize("bad", ["yesterday", "01/10/2026", "2026-13-01"])
def test_parse_utc_rejects_non_iso(bad: str) -> None:
    with pytest.raises(ValueError, match="ISO-8601"):
        parse_utc(bad)


def test_aware_times_are_converted_to_utc() -> None:
    cet = timezone(timedelta(hours=1))
    assert parse_utc(datetime(2026, 1, 1, 13, tzinfo=cet)) == datetime(2026, 1, 1, 12, tzinfo=UTC)


def test_records_round_trip_through_dicts() -> None:
    p = Post(id="p1", source_id="s", title="t", text="x", images=("a.jpg",),
             posted_at=datetime(2026, 1, 1, tzinfo=UTC), extra={"k": 1})  # fmt: skip
    d = p.to_dict()
    assert d["posted_at"] == "2026-01-01T00:00:00Z" and d["images"] == ["a.jpg"]
    assert Post.from_dict(d) == p
    e = Entity("p1", "phone", "+4915100000001", "0151 000 0001", "text", 3, 16, "phone.plain", 0.9)
    assert Entity.from_dict(e.to_dict()) == e
