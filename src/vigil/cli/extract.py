"""`vigil extract`: JSONL posts on stdin -> one JSON object of entities per post on stdout."""

from __future__ import annotations

from typing import Any

from vigil.errors import RecordError
from vigil.model import Post

_TEXT_FIELDS = ("title", "text", "url", "location", "country", "language", "source_country")


def post_from_record(rec: dict[str, Any]) -> Post:
    """A ``Post`` from a streamed record; a non-text field is an error naming that field."""
    values: dict[str, str] = {}
    for key in _TEXT_FIELDS:
        v = rec.get(key)
        if v is None:
            continue
        if isinstance(v, bool) or not isinstance(v, (str, int, float)):
            raise RecordError("<stdin>", str(rec.get("id")), key, f"expected text, got {type(v).__name__}")
        values[key] = str(v)
    sc = values.pop("source_country", None)
    return Post(id=str(rec["id"]), source_id="stdin", title=values.get("title", ""), text=values.get("text", ""),
                url=values.get("url"), location=values.get("location"), country=values.get("country"),
                language=values.get("language"),
                extra={"source_country": sc} if sc else {})


def handler(region: str | None):
    from vigil.extract import extract

    if region is not None and (len(region) != 2 or not region.isalpha()):
        raise RecordError("--region", "-", "region", f"{region!r} is not an ISO 3166-1 alpha-2 code")

    def handle(rec: dict[str, Any]) -> dict[str, Any]:
        entities = extract(post_from_record(rec), region)
        langs = [e.value for e in entities if e.type == "language"]
        return {
            "languages": langs,
            "entities": [
                {"type": e.type, "value": e.value, "raw": e.raw, "field": e.field, "start": e.start, "end": e.end,
                 "rule": e.rule, "confidence": e.confidence, "attrs": e.attrs}
                for e in entities if e.type != "language"
            ],
        }

    return handle
