"""Streaming commands: JSONL posts on stdin, one JSON object per input line on stdout, in order.

A bad line never stops the stream: its output object carries ``error`` (and the line number),
and a message naming the line and field goes to stderr.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from vigil.errors import RecordError
from vigil.model import Post

Handler = Callable[[dict[str, Any]], dict[str, Any]]


def run_stream(handler: Handler, src: Iterable[str], out: TextIO, err: TextIO, name: str = "<stdin>") -> int:
    """Apply ``handler`` to each JSON line; return the number of records that failed."""
    failed = 0
    for n, line in enumerate(src, start=1):
        if not line.strip():
            continue
        rec_id: Any = None
        try:
            try:
                rec = json.loads(line)
            except ValueError as exc:
                raise RecordError(name, n, None, f"not valid JSON ({exc.msg})") from None
            if not isinstance(rec, dict):
                raise RecordError(name, n, None, "a line must be a JSON object")
            rec_id = rec.get("id")
            if rec_id is None or not isinstance(rec_id, (str, int)):
                raise RecordError(name, n, "id", "missing or not a string")
            rec_id = str(rec_id)
            rec["id"] = rec_id
            result = {"id": rec_id, **handler(rec)}
        except RecordError as exc:
            failed += 1
            err.write(f"{exc}\n")
            result = {"id": rec_id, "line": n, "error": exc.message, "field": exc.field}
        except Exception as exc:  # a handler bug must not kill the stream; report it per record
            failed += 1
            err.write(f"{name}:{n}: {type(exc).__name__}: {exc}\n")
            result = {"id": rec_id, "line": n, "error": f"{type(exc).__name__}: {exc}"}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    out.flush()
    return failed


_STREAM_FIELDS = ("title", "text", "url", "location", "country", "language", "source", "source_country")


def post_from_record(rec: dict[str, Any], *, require_text: bool = False) -> Post:
    """A ``Post`` from a streamed record; a non-text field is an error naming that field.

    ``source_country`` (the site's country, evidence for phone regions) goes to ``Post.extra``.
    """
    values: dict[str, str] = {}
    for key in _STREAM_FIELDS:
        v = rec.get(key)
        if v is None:
            continue
        if isinstance(v, bool) or not isinstance(v, (str, int, float)):
            raise RecordError("<stdin>", str(rec.get("id")), key, f"expected text, got {type(v).__name__}")
        values[key] = str(v)
    if require_text and not values.get("title", "").strip() and not values.get("text", "").strip():
        raise RecordError("<stdin>", str(rec.get("id")), "text", "both 'title' and 'text' are empty")
    sc = values.get("source_country")
    return Post(
        id=str(rec["id"]), source_id=values.get("source", "stdin"), title=values.get("title", ""),
        text=values.get("text", ""), url=values.get("url"), location=values.get("location"),
        country=values.get("country"), language=(values.get("language") or "").lower() or None,
        extra={"source_country": sc} if sc else {},
    )  # fmt: skip


def not_built(stage: str) -> Handler:
    def handler(rec: dict[str, Any]) -> dict[str, Any]:
        raise RecordError("<stdin>", "-", None, f"stage '{stage}' is not built yet")

    return handler


def stdin_lines() -> Iterable[str]:
    # Decode leniently: invalid UTF-8 becomes U+FFFD in that record, not a crash of the run.
    return (b.decode("utf-8", "replace") for b in sys.stdin.buffer)
