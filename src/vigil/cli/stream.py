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


def not_built(stage: str) -> Handler:
    def handler(rec: dict[str, Any]) -> dict[str, Any]:
        raise RecordError("<stdin>", "-", None, f"stage '{stage}' is not built yet")

    return handler


def stdin_lines() -> Iterable[str]:
    # Decode leniently: invalid UTF-8 becomes U+FFFD in that record, not a crash of the run.
    return (b.decode("utf-8", "replace") for b in sys.stdin.buffer)
