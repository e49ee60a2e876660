"""The stage and the streaming command: bad input gives a result or a per-record error."""

from __future__ import annotations

import io
import json

import pytest

from vigil.cli.extract import handler
from vigil.cli.stream import run_stream
from vigil.extract import extract, extract_batch
from vigil.extract.base import MAX_HITS, Doc
from vigil.extract.phones import BUDGET, PhoneRecognizer
from vigil.extract.stage import ExtractStage
from vigil.model import Post
from vigil.pipeline.registry import build_stages
from vigil.pipeline.stage import Batch


def _post(text: str, pid: str = "p") -> Post:
    return Post(id=pid, source_id="s", text=text)


BAD = [
    ("", "empty"), (bytes(range(256)).decode("latin-1"), "binary garbage"),
    ("tel \udcff\udcfe 0151 2345678 \ud800", "lone surrogates (invalid UTF-8)"),
    ("\x00" * 1000, "NUL bytes"),
]


@pytest.mark.parametrize(("text", "why"), BAD)
def test_bad_text_gives_a_result(text: str, why: str) -> None:
    assert isinstance(extract(_post(text), "DE"), list), why


@pytest.mark.parametrize("text", ["1 - " * 25_000, "lO" * 50_000, "one two " * 12_500, "a at b dot " * 10_000,
                                  "0" * 100_000, "@" * 100_000])
def test_pathological_input_is_bounded(text: str) -> None:
    """Work is bounded by construction (run length, candidate budget, hit cap), not by a clock:
    exponential backtracking would never finish on 100 KB. The benchmark times 1 MB inputs."""
    doc = Doc(_post(text), "US")
    found = list(PhoneRecognizer().run(doc))
    assert len(found) <= MAX_HITS and doc.memo.get("phone_budget", BUDGET) >= 0
    assert isinstance(extract(_post(text), "US", languages=False), list)


def test_stage_contract_and_registry() -> None:
    stage = ExtractStage(default_region="DE")
    assert (stage.name, stage.built, stage.needs) == ("extract", True, ())
    result = stage.process(Batch([_post("Ruf 0151 23456789, ich bin Anna", "a"), _post("", "b")]))
    assert {(e.post_id, e.type, e.value) for e in result.entities} >= {("a", "phone", "+4915123456789"), ("a", "name", "Anna")}
    assert result.errors == {} and not result.signals and not result.scores
    assert any(isinstance(s, ExtractStage) for s in build_stages())


def test_stage_isolates_a_failing_post(monkeypatch: pytest.MonkeyPatch) -> None:
    import vigil.extract.stage as mod

    def boom(post: Post, region: str | None, languages: bool) -> list:
        if post.id == "bad":
            raise ValueError("broken")
        return extract(post, region, languages)

    monkeypatch.setattr(mod, "extract", boom)
    result = ExtractStage().process(Batch([_post("x", "bad"), _post("anna@example.com", "ok")]))
    assert "bad" in result.errors and [e.value for e in result.entities if e.type == "email"] == ["anna@example.com"]


def test_batch_matches_single() -> None:
    posts = [_post("anna@example.com", "1"), _post("Ruf 0151 23456789", "2")]
    assert extract_batch(posts, "DE") == [extract(p, "DE") for p in posts]


def test_stream_output_contract() -> None:
    lines = [json.dumps({"id": "a", "text": "Bel 0612345678 of mail anna@example.com", "country": "NL"}), "not json",
             json.dumps({"id": "c", "text": ["x"]}), json.dumps({"id": 4, "title": "", "source_country": "DE",
                                                                 "text": "Ruf 0151 23456789"})]
    out, err = io.StringIO(), io.StringIO()
    failed = run_stream(handler("FR"), lines, out, err)
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert failed == 2 and [r["id"] for r in rows] == ["a", None, "c", "4"]
    ent = rows[0]["entities"][0]
    assert set(ent) >= {"type", "value", "raw", "field", "start", "end", "rule", "confidence"}
    assert {e["value"] for e in rows[0]["entities"]} == {"+31612345678", "anna@example.com"}
    assert rows[2]["field"] == "text" and rows[3]["entities"][0]["attrs"]["region_evidence"] == "source_country"
    assert isinstance(rows[0]["languages"], list)
