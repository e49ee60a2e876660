"""Vigil's data model: the records every stage reads and writes.

All records are immutable, typed and serialisable (``to_dict``/``from_dict``) so that
a stage can run on a list in a test, in the local runner or inside Spark unchanged,
and so that any record can be written into a case file as it is.

Times are timezone-aware UTC ``datetime`` objects. Ids are stable: see ``vigil.ids``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Self


class PlatformKind(StrEnum):
    """What kind of place a post came from; drives defaults and platform assessment."""

    ESCORT_DIRECTORY = "escort_directory"
    CLASSIFIEDS = "classifieds"
    JOB_BOARD = "job_board"
    SOCIAL = "social"
    FORUM = "forum"
    DATING = "dating"
    MESSENGER = "messenger"
    IMPORT = "import"
    OTHER = "other"


class GroupKind(StrEnum):
    CLUSTER = "cluster"  # near-duplicate text / template group
    NETWORK = "network"  # posts connected through weighted links


def utcnow() -> datetime:
    return datetime.now(UTC)


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else None


def parse_utc(value: str | datetime | None) -> datetime | None:
    """Parse an ISO-8601 time into aware UTC. Naive times are taken as UTC.

    Raises ``ValueError`` with the offending text when it is not a time.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    else:
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            dt = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"not an ISO-8601 time: {value!r}") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


class _Record:
    """Shared (de)serialisation for the frozen dataclasses below."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            v = getattr(self, f.name)
            if isinstance(v, datetime):
                v = _iso(v)
            elif isinstance(v, tuple):
                v = list(v)
            elif isinstance(v, StrEnum):
                v = v.value
            out[f.name] = v
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name not in data:
                continue
            v = data[f.name]
            if f.name.endswith("_at"):
                v = parse_utc(v)
            elif isinstance(v, list):
                v = tuple(v)
            kwargs[f.name] = v
        return cls(**kwargs)


@dataclass(frozen=True, slots=True)
class Source(_Record):
    """A monitored site, channel or import that posts come from."""

    id: str  # slug of the name, stable
    name: str
    kind: str = PlatformKind.IMPORT.value
    country: str | None = None  # ISO 3166-1 alpha-2, upper case
    url: str | None = None
    language: str | None = None  # hint, ISO 639-1


@dataclass(frozen=True, slots=True)
class Post(_Record):
    """One captured ad, post, profile or message.

    ``id`` derives from the source and the native id (or URL), so re-ingesting the same item
    updates it. ``version`` is a hash of the content fields: a stage that has seen this
    version of the post need not see it again.
    """

    id: str
    source_id: str
    native_id: str | None = None
    url: str | None = None
    author: str | None = None
    title: str = ""
    text: str = ""
    language: str | None = None
    posted_at: datetime | None = None
    captured_at: datetime | None = None
    location: str | None = None
    country: str | None = None
    images: tuple[str, ...] = ()
    raw_sha256: str | None = None  # digest of the raw capture (record line, WARC payload)
    version: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Entity(_Record):
    """A normalised identifier or attribute found in a post, with where and how."""

    post_id: str
    type: str  # phone, email, url, handle, wallet, age, price, place, name, language …
    value: str  # normalised (E.164, lower-case e-mail, platform:handle …)
    raw: str  # the text as written
    field: str  # title, text, url, location, author
    start: int
    end: int
    rule: str  # recognizer/rule id, e.g. "phone.spelled"
    confidence: float
    attrs: dict[str, Any] = field(default_factory=dict)  # e.g. region evidence, currency, coordinates


@dataclass(frozen=True, slots=True)
class Signal(_Record):
    """One indicator hit: why a post looks risky, with its weight and its text."""

    post_id: str
    indicator: str  # id in a language pack, e.g. "en.sex.third_person"
    family: str  # sexual, labour, housing, vulnerability …
    weight: float
    field: str
    start: int
    end: int
    text: str
    explanation: str = ""
    source: str = ""  # where the indicator comes from (publication, guideline)


@dataclass(frozen=True, slots=True)
class Score(_Record):
    """The signal stage's verdict on one post: a lead, never a verdict on a person."""

    post_id: str
    category: str
    category_scores: dict[str, float] = field(default_factory=dict)
    risk: dict[str, float] = field(default_factory=dict)  # family -> calibrated 0..1
    model: str = ""  # model name and version


@dataclass(frozen=True, slots=True)
class Link(_Record):
    """Evidence that two posts belong together."""

    a: str
    b: str
    type: str  # phone, email, handle, wallet, url, text, image, author, style
    strength: float
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Group(_Record):
    """A cluster (near-duplicate texts) or a network (linked posts) of posts."""

    id: str
    kind: str  # GroupKind
    post_ids: tuple[str, ...] = ()
    label: str = ""
    score: float = 0.0
    summary: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Case(_Record):
    """An investigation: why data is collected and on what legal basis."""

    id: str
    name: str
    purpose: str
    legal_basis: str
    operator: str | None = None
    created_at: datetime | None = None
