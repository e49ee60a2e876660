"""One input record (a dict from JSONL, CSV or an importer) -> a validated ``Post``.

The ingest schema (documented in docs/INGEST.md):
``id`` native id (string or integer; or give ``url``), ``url``, ``source`` (source name, else the
command's ``--source``), ``title``, ``text`` (at least one of the two), ``author``, ``posted_at`` and
``captured_at`` (ISO 8601; naive times are UTC), ``location`` (free text), ``country`` (ISO 3166-1
alpha-2), ``language`` (ISO 639-1, when known), ``images`` (list of URLs or paths). Optional
``source_kind``, ``source_country``, ``source_url`` describe the source on first sight.
Any other field is kept in ``extra``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vigil.errors import RecordError
from vigil.ids import content_version, post_id
from vigil.model import PlatformKind, Post, parse_utc

KNOWN_FIELDS = frozenset(
    {"id", "url", "source", "title", "text", "author", "posted_at", "captured_at", "location", "country",
     "language", "images", "source_kind", "source_country", "source_url"}
)  # fmt: skip
_COUNTRY_RE = re.compile(r"^[A-Za-z]{2}$")
_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")
_KINDS = frozenset(k.value for k in PlatformKind)
MAX_FIELD_CHARS = 2_000_000  # a post is text; anything bigger is an error, not a post


@dataclass(frozen=True, slots=True)
class SourceHint:
    name: str
    kind: str | None = None
    country: str | None = None
    url: str | None = None


def _str(rec: Mapping[str, Any], key: str, where: tuple[str, int | str]) -> str | None:
    v = rec.get(key)
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (str, int, float)):
        raise RecordError(where[0], where[1], key, f"expected text, got {type(v).__name__}")
    s = str(v).strip() if not isinstance(v, str) else v
    if len(s) > MAX_FIELD_CHARS:
        raise RecordError(where[0], where[1], key, f"{len(s):,} characters is more than {MAX_FIELD_CHARS:,}")
    return s


def _time(rec: Mapping[str, Any], key: str, where: tuple[str, int | str]) -> datetime | None:
    v = rec.get(key)
    if v is None or v == "":
        return None
    if not isinstance(v, str):
        raise RecordError(where[0], where[1], key, "expected an ISO-8601 time as text")
    try:
        return parse_utc(v)
    except ValueError as exc:
        raise RecordError(where[0], where[1], key, str(exc)) from None


def source_hint(rec: Mapping[str, Any], default: str | None, where: tuple[str, int | str]) -> SourceHint:
    name = _str(rec, "source", where) or default
    if not name or not name.strip():
        raise RecordError(where[0], where[1], "source", "no source: give one per record or with --source")
    kind = _str(rec, "source_kind", where)
    if kind and kind not in _KINDS:
        raise RecordError(where[0], where[1], "source_kind", f"unknown kind {kind!r}; one of {sorted(_KINDS)}")
    country = _str(rec, "source_country", where)
    if country and not _COUNTRY_RE.match(country):
        raise RecordError(where[0], where[1], "source_country", f"{country!r} is not an ISO 3166-1 alpha-2 code")
    return SourceHint(name.strip(), kind, country.upper() if country else None, _str(rec, "source_url", where))


def to_post(
    rec: Mapping[str, Any],
    source_id: str,
    where: tuple[str, int | str],
    captured_at: datetime | None = None,
    raw: bytes | None = None,
) -> Post:
    """Validate one record; raise ``RecordError`` naming the file, record and field."""
    native = _str(rec, "id", where)
    url = _str(rec, "url", where)
    if not native and not url:
        raise RecordError(where[0], where[1], "id", "a record needs 'id' (its native id) or 'url'")
    title = _str(rec, "title", where) or ""
    body = _str(rec, "text", where) or ""
    if not title.strip() and not body.strip():
        raise RecordError(where[0], where[1], "text", "both 'title' and 'text' are empty")
    country = _str(rec, "country", where)
    if country:
        if not _COUNTRY_RE.match(country):
            raise RecordError(where[0], where[1], "country", f"{country!r} is not an ISO 3166-1 alpha-2 code")
        country = country.upper()
    language = _str(rec, "language", where)
    if language:
        if not _LANG_RE.match(language):
            raise RecordError(where[0], where[1], "language", f"{language!r} is not a language code")
        language = language.lower()
    images_raw = rec.get("images")
    if images_raw is None or images_raw == "":
        images: tuple[str, ...] = ()
    elif isinstance(images_raw, str):
        images = tuple(s for s in re.split(r"[\s,;|]+", images_raw) if s)
    elif isinstance(images_raw, list) and all(isinstance(i, str) for i in images_raw):
        images = tuple(images_raw)
    else:
        raise RecordError(where[0], where[1], "images", "expected a list of URLs or paths")
    author = _str(rec, "author", where)
    location = _str(rec, "location", where)
    posted_at = _time(rec, "posted_at", where)
    captured = _time(rec, "captured_at", where) or captured_at
    extra = {k: v for k, v in rec.items() if k not in KNOWN_FIELDS}
    extra_json = json.dumps(extra, sort_keys=True, ensure_ascii=False, default=str) if extra else ""
    version = content_version(
        (source_id, url, author, title, body, language, posted_at.isoformat() if posted_at else None,
         location, country, "\n".join(images), extra_json)
    )  # fmt: skip
    if raw is None:
        raw = json.dumps(rec, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8", "surrogatepass")
    return Post(
        id=post_id(source_id, native, url),
        source_id=source_id,
        native_id=native,
        url=url,
        author=author,
        title=title,
        text=body,
        language=language,
        posted_at=posted_at,
        captured_at=captured,
        location=location,
        country=country,
        images=images,
        raw_sha256=hashlib.sha256(raw).hexdigest(),
        version=version,
        extra=extra,
    )


__all__ = ["KNOWN_FIELDS", "SourceHint", "source_hint", "to_post"]
