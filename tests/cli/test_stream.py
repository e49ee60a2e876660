from __future__ import annotations

import io
from typing import Any

from vigil.cli.stream import run_stream


def upper(rec: dict[str, Any]) -> dict[str, Any]:
    if rec.get("text") == "crash":
        raise ValueError("handler bug")
    return {"text": str(rec.get("text", "")).upper()}


def test_run_stream_keeps_order_and_isolates_failures() -> None:
    src = ['{"id": "1", "text": "a"}\n', "\n", '{"id": 2, "text": "crash"}\n', "null\n", '{"id": "3", "text": "b"}\n']
    out, err = io.StringIO(), io.StringIO()
    failed = run_stream(upper, src, out, err, name="in.jsonl")
    rows = [line for line in out.getvalue().splitlines()]
    assert failed == 2
    assert rows[0] == '{"id": "1", "text": "A"}' and rows[-1] == '{"id": "3", "text": "B"}'
    assert '"line": 3' in rows[1] and "handler bug" in rows[1]
    assert "in.jsonl:4" in err.getvalue()
