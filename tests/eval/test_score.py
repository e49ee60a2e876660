"""The report on hand-made truths, and the store adapter on a real (throwaway) workspace."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from vigil.errors import VigilError
from vigil.eval import evaluate, evaluate_workspace, load_truth
from vigil.eval.truth import Truth, normalise
from vigil.eval.workspace import Predictions
from vigil.ids import post_id
from vigil.ingest import ingest_files
from vigil.model import utcnow
from vigil.store import Store
from vigil.store import schema as t


def _post(i: int, cat: str, actor: str, sexual: int = 0, linked: bool = False, idents: list | None = None) -> dict[str, Any]:
    return {"source": "site-a", "id": str(i), "store_id": post_id("site-a", str(i)), "actor": actor, "role": "x",
            "category": cat, "risk": {"sexual": sexual, "labour": 0, "housing": 0}, "linked": linked,
            "identifiers": idents or []}  # fmt: skip


POSTS = [
    _post(1, "escort", "t1", 1, True, [{"type": "phone", "value": "+40721111111", "obfuscated": True}]),
    _post(2, "escort", "t1", 1, True, [{"type": "phone", "value": "+40721111111", "obfuscated": False}]),
    _post(3, "job", "e1"),
    _post(4, "other", "s1", idents=[{"type": "url", "value": "http://www.example.org/x/", "obfuscated": False}]),
]
NETWORKS = [{"id": "n1", "kind": "sexual", "trafficking": True, "victims": [{"id": "v1"}, {"id": "v2"}],
             "controllers": [{"phones": ["+40721111111"], "handles": [], "emails": [], "wallets": []}]}]  # fmt: skip
PLATFORMS = [{"source_id": "site-a", "flags": ["sexual_services"]}, {"source_id": "site-b", "flags": []}]


@pytest.fixture
def truth_file(tmp_path: Path) -> Path:
    path = tmp_path / "truth.json"
    path.write_text(json.dumps({"format": "vigil-world-truth/1", "posts": POSTS, "networks": NETWORKS,
                                "platforms": PLATFORMS}))  # fmt: skip
    return path


def _perfect(truth: Truth) -> Predictions:
    ids = [p["store_id"] for p in POSTS]
    return Predictions(
        category={p["store_id"]: p["category"] for p in POSTS},
        risk={p["store_id"]: {k: float(v) for k, v in p["risk"].items()} for p in POSTS},
        identifiers=set(truth.identifiers),
        network_of={ids[0]: "g1", ids[1]: "g1"},
        summaries={"g1": {"controllers": [{"value": "+40721111111", "type": "phone", "score": 1.0}],
                          "persons": [{"id": "a"}, {"id": "b"}]}},
        platforms=[{"source_id": "site-a", "flags": ["sexual_services"]}],
    )  # fmt: skip


def test_perfect_predictions_score_one(truth_file: Path) -> None:
    truth = load_truth(truth_file)
    r = evaluate(truth, _perfect(truth))
    assert r["post_level"]["linked"]["f1"] == 1.0
    assert r["post_level"]["categories"]["escort"]["f1"] == 1.0
    assert r["identifiers"]["all"]["f1"] == 1.0 and r["identifiers"]["obfuscated_recall"] == 1.0
    assert r["networks"]["pairwise"]["f1"] == 1.0 and r["networks"]["ari"] == 1.0
    assert r["networks"]["controllers"]["precision_at_k"] == 1.0
    assert r["networks"]["victims"] == {"predicted": 2, "true": 2, "ratio": 1.0, "predicted_all_groups": 2}
    assert r["platforms"]["flags"]["f1"] == 1.0


def test_controller_wallets_match_whatever_their_chain_prefix(truth_file: Path) -> None:
    data = json.loads(truth_file.read_text())
    data["networks"][0]["controllers"] = [{"phones": [], "handles": [], "emails": [],
                                           "wallets": ["TN9RRaXkCFtTXRso2GdTZxSxxwufzxLQPP"]}]  # fmt: skip
    truth_file.write_text(json.dumps(data))
    truth = load_truth(truth_file)
    pred = _perfect(truth)
    pred.summaries["g1"]["controllers"] = [{"value": "trx:TN9RRaXkCFtTXRso2GdTZxSxxwufzxLQPP", "type": "wallet",
                                            "score": 1.0}]  # fmt: skip
    assert evaluate(truth, pred)["networks"]["controllers"]["precision_at_k"] == 1.0


def test_a_controllers_own_page_counts_as_a_controller_identifier(truth_file: Path) -> None:
    """A controller's profile page ties its personas together like its phone does; it is the same lead."""
    data = json.loads(truth_file.read_text())
    data["networks"][0]["controllers"] = [{"phones": [], "handles": [], "emails": [], "wallets": [],
                                           "urls": ["https://example.net/modelswork"]}]  # fmt: skip
    truth_file.write_text(json.dumps(data))
    truth = load_truth(truth_file)
    pred = _perfect(truth)
    pred.summaries["g1"]["controllers"] = [{"value": "http://www.Example.net/modelswork/", "type": "url", "score": 1.0}]
    assert evaluate(truth, pred)["networks"]["controllers"]["precision_at_k"] == 1.0
    pred.summaries["g1"]["controllers"] = [{"value": "https://example.net/other", "type": "url", "score": 1.0}]
    assert evaluate(truth, pred)["networks"]["controllers"]["precision_at_k"] == 0.0


def test_missing_stages_are_not_available_rather_than_failures(truth_file: Path) -> None:
    r = evaluate(load_truth(truth_file), Predictions(missing={"posts": "signals not built"}))
    for key in ("post_level", "identifiers", "networks", "platforms"):
        assert r[key]["available"] is False and r[key]["why"]
    assert r["post_level"]["why"] == "signals not built"


def test_half_right_predictions(truth_file: Path) -> None:
    truth = load_truth(truth_file)
    pred = _perfect(truth)
    ids = [p["store_id"] for p in POSTS]
    pred.risk = {ids[0]: {"sexual": 0.9}, ids[2]: {"sexual": 0.8}}  # one hit, one false alarm, one miss
    pred.identifiers = {(ids[1], "phone", "+40721111111"), (ids[2], "phone", "+49151000000")}
    r = evaluate(truth, pred)
    linked = r["post_level"]["linked"]
    assert (linked["tp"], linked["fp"], linked["fn"]) == (1, 1, 1)
    assert r["identifiers"]["all"]["precision"] == 0.5 and r["identifiers"]["obfuscated_recall"] == 0.0


def test_urls_compare_without_scheme_www_or_trailing_slash() -> None:
    assert normalise("url", "https://Example.org/x") == normalise("url", "http://www.example.org/x/")
    assert normalise("phone", "+4915") == "+4915"
    assert normalise("wallet", "eth:0xAB12") == normalise("wallet", "0xab12") == "0xab12"
    assert normalise("wallet", "usdt:TNqdjkfMCo5") == "TNqdjkfMCo5", "base58 is case-sensitive"


def test_bad_truth_files_name_the_problem(tmp_path: Path) -> None:
    with pytest.raises(VigilError, match="no such truth file"):
        load_truth(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "vigil-world-truth/1", "posts": [{"store_id": "p1"}]}))
    with pytest.raises(VigilError, match="post record 1"):
        load_truth(bad)
    other = tmp_path / "other.json"
    other.write_text("{}")
    with pytest.raises(VigilError, match="not a Vigil world truth"):
        load_truth(other)


def test_streamed_truth_is_read_from_the_jsonl_beside_it(tmp_path: Path) -> None:
    (tmp_path / "truth_posts.jsonl").write_text("".join(json.dumps(p) + "\n" for p in POSTS))
    path = tmp_path / "truth.json"
    path.write_text(json.dumps({"format": "vigil-world-truth/1", "posts_file": "truth_posts.jsonl", "networks": []}))
    assert load_truth(path).posts == 4


def test_workspace_adapter_reads_scores_entities_and_groups(tmp_path: Path, truth_file: Path) -> None:
    jsonl = tmp_path / "posts.jsonl"
    jsonl.write_text("".join(json.dumps({"id": p["id"], "source": "site-a", "title": "t", "text": "x"}) + "\n" for p in POSTS))
    ids = [p["store_id"] for p in POSTS]
    with Store.open(tmp_path / "ws", create=True) as store:
        ingest_files(store, [jsonl])
        with store.engine.begin() as conn:
            conn.execute(insert(t.scores), [{"post_id": ids[0], "stage": "signals", "category": "escort", "category_scores": {},
                                             "risk": {"sexual": 0.9}, "risk_max": 0.9, "model": "m"}])  # fmt: skip
            conn.execute(insert(t.entities), [
                {"post_id": ids[0], "stage": "extract", "type": "phone", "value": "+40721111111", "raw": "x", "field": "text",
                 "start": 0, "end": 1, "rule": "r", "confidence": 1.0, "attrs": {}},
                {"post_id": ids[3], "stage": "extract", "type": "url", "value": "https://example.org/x", "raw": "x",
                 "field": "text", "start": 0, "end": 1, "rule": "r", "confidence": 1.0, "attrs": {}},
                {"post_id": ids[3], "stage": "extract", "type": "url", "value": "https://site-a/page", "raw": "x",
                 "field": "url", "start": 0, "end": 1, "rule": "r", "confidence": 1.0, "attrs": {}},
            ])  # fmt: skip
            conn.execute(insert(t.groups), [{"id": "g1", "kind": "network", "label": "l", "score": 1.0, "updated_at": utcnow(),
                                             "summary": {"controllers": [{"value": "+40721111111", "type": "phone", "score": 2.0}],
                                                         "persons": [{"id": "a"}]}}])  # fmt: skip
            conn.execute(insert(t.group_members), [{"group_id": "g1", "post_id": ids[0]}, {"group_id": "g1", "post_id": ids[1]}])
        r = evaluate_workspace(store, truth_file)
    assert r["post_level"]["available"] and r["post_level"]["scored"] == 1
    assert r["identifiers"]["url"]["f1"] == 1.0, "the page's own URL is not counted, http/https is ignored"
    assert r["identifiers"]["phone"]["recall"] == 0.5
    assert r["networks"]["pairwise"]["f1"] == 1.0
    assert r["networks"]["victims"]["predicted"] == 1


def test_report_section_appears_only_with_a_world_beside_the_workspace(tmp_path: Path, truth_file: Path) -> None:
    from vigil.eval.report_section import evaluation

    jsonl = tmp_path / "posts.jsonl"
    jsonl.write_text("".join(json.dumps({"id": p["id"], "source": "site-a", "title": "t", "text": "x"}) + "\n" for p in POSTS))
    with Store.open(tmp_path / "ws", create=True) as store:
        ingest_files(store, [jsonl])
        assert evaluation(store) is None, "no world, no section"
        (store.workspace / "world").mkdir()
        (store.workspace / "world" / "truth.json").write_text(truth_file.read_text())
        section = evaluation(store)
    assert section is not None and "Not available" in str(section.data["html"]) and "4 posts" in str(section.data["html"])
