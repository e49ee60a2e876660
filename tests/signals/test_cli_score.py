"""`vigil score`: JSONL in, one JSON object per line out, bad lines reported and skipped."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from vigil.cli import app

LINES = [
    json.dumps({"id": "a1", "title": "Neu in Berlin", "text": "Unsere neuen Mädchen, sehr jung und süß, 24/7, ohne Gummi.",
                "language": "de"}),
    "not json",
    json.dumps({"id": "a2", "text": ["not", "text"]}),
    json.dumps({"id": "a3", "title": "Bike", "text": "City bike for sale, 120 euro."}),
]


def test_score_stream() -> None:
    res = CliRunner().invoke(app, ["score"], input="\n".join(LINES) + "\n")
    out = [json.loads(x) for x in res.stdout.strip().splitlines()]
    assert res.exit_code == 1, "bad lines make the exit status non-zero"
    assert [o.get("id") for o in out] == ["a1", None, "a2", "a3"]
    first = out[0]
    assert set(first) >= {"id", "category", "category_scores", "risk", "reasons"}
    assert set(first["risk"]) == {"sexual", "labour", "housing"}
    assert first["risk"]["sexual"] > out[3]["risk"]["sexual"]
    r = first["reasons"][0]
    assert set(r) >= {"indicator", "family", "span", "text", "weight"}
    assert "error" in out[1] and out[2]["field"] == "text"
    assert out[3]["reasons"] == []
