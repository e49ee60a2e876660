"""`vigil extract`: JSONL posts on stdin -> one JSON object of entities per post on stdout."""

from __future__ import annotations

from typing import Any

from vigil.cli.stream import post_from_record
from vigil.errors import RecordError


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
