"""The generated world: reproducible, in the ingest schema, consistent with its truth."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import phonenumbers
import pytest

from vigil.ids import post_id, slug
from vigil.ingest.records import KNOWN_FIELDS, to_post
from vigil.model import PlatformKind
from vigil.world.generate import generate
from vigil.world.platforms import SITES

CATEGORIES = {"escort", "massage", "job", "housing", "transport", "dating", "other"}


def _digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_gives_byte_identical_small_world(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate(a, seed=5, size="small")
    generate(b, seed=5, size="small")
    generate(c, seed=6, size=300, write_sites=False)  # only its posts are compared
    da, db = _digest(a), _digest(b)
    assert len(da) > 1000, "a small world has posts, truth, pages and images"
    assert da == db
    assert (a / "posts.jsonl").read_bytes() != (c / "posts.jsonl").read_bytes(), "another seed, another world"
    assert sum(1 for _ in (a / "posts.jsonl").open()) == 2000


def test_posts_are_valid_ingest_records_without_answers(posts: list[dict[str, Any]], world: Path) -> None:
    kinds = {k.value for k in PlatformKind}
    for n, rec in enumerate(posts):
        assert set(rec) <= KNOWN_FIELDS, f"record {n} has fields outside the ingest schema: {set(rec) - KNOWN_FIELDS}"
        post = to_post(rec, slug(rec["source"]), ("posts.jsonl", n))
        assert post.language == rec["language"] and rec["source_kind"] in kinds
        for img in rec["images"]:
            assert (world / img).is_file(), f"record {n}: image {img} missing"
    assert len({(r["source"], r["id"]) for r in posts}) == len(posts), "native ids are unique per source"


def test_every_post_has_truth_keyed_by_source_and_id(posts: list[dict[str, Any]], truth: dict[str, Any]) -> None:
    by_key = {(t["source"], t["id"]): t for t in truth["posts"]}
    assert len(by_key) == len(posts)
    for rec in posts:
        t = by_key[(rec["source"], rec["id"])]
        assert t["store_id"] == post_id(slug(rec["source"]), rec["id"])
        assert t["category"] in CATEGORIES
        assert set(t["risk"]) == {"sexual", "labour", "housing"}
        assert t["language"] == rec["language"]


def test_planted_identifiers_are_written_in_the_post_and_normalised(posts: list[dict[str, Any]], truth: dict[str, Any]) -> None:
    by_key = {(t["source"], t["id"]): t for t in truth["posts"]}
    seen = Counter()
    for rec in posts:
        body = rec["title"] + "\n" + rec["text"]
        for ident in by_key[(rec["source"], rec["id"])]["identifiers"]:
            seen[(ident["type"], ident["obfuscated"])] += 1
            assert ident["written"] in body, f"{ident} not in post {rec['id']}"
            if ident["type"] == "phone":
                assert phonenumbers.is_valid_number(phonenumbers.parse(ident["value"])), ident
                assert ident["value"].startswith("+")
            if ident["type"] in ("email", "handle"):
                assert ident["value"] == ident["value"].lower()
            if ident["type"] == "handle":
                assert ":" in ident["value"]
    assert seen[("phone", True)] > 5 and seen[("phone", False)] > 50, "both plain and hidden phones occur"


def test_networks_have_controllers_victims_circuits_and_posts(truth: dict[str, Any]) -> None:
    sexual = [n for n in truth["networks"] if n["kind"] == "sexual"]
    assert sexual, "a 600-post world holds at least one trafficking network"
    for n in sexual:
        assert n["trafficking"] and n["controllers"] and n["posts"]
        assert n["circuit"] and all({"city", "country", "from", "to"} <= set(s) for s in n["circuit"])
        assert all(p.startswith("+") for c in n["controllers"] for p in c["phones"])
        assert n["persons"] == len(n["victims"])
    for n in truth["networks"]:
        assert n["trafficking"] == (n["kind"] in ("sexual", "labour"))


def test_platform_truth_covers_every_site(truth: dict[str, Any]) -> None:
    assert len(SITES) >= 20
    rows = {p["source"]: p for p in truth["platforms"]}
    assert set(rows) == {s.name for s in SITES}
    assert sum(p["posts"] for p in rows.values()) == len(truth["posts"])
    for p in rows.values():
        assert 0.0 <= p["harmful_share"] <= 1.0
        assert set(p["flags"]) <= {"sexual_services", "recruitment", "housing_transport"}


@pytest.mark.parametrize(
    "indicator",
    ["new_in_town", "nationality", "housing_paid", "no_experience", "messenger_only", "obscured_contact"],
)
def test_no_single_cue_separates_harm_from_harmless(indicator: str, tmp_path_factory: pytest.TempPathFactory,
                                                    truth: dict[str, Any]) -> None:  # fmt: skip
    """Hard negatives: each cue occurs in harmful and in harmless posts alike."""
    harmful = sum(1 for t in truth["posts"] if indicator in t["indicators"] and any(t["risk"].values()))
    harmless = sum(1 for t in truth["posts"] if indicator in t["indicators"] and not any(t["risk"].values()))
    assert harmful > 0 and harmless > 0, (indicator, harmful, harmless)


def test_world_speaks_twelve_languages(posts: list[dict[str, Any]]) -> None:
    langs = Counter(r["language"] for r in posts)
    assert len(langs) >= 12, langs


def test_truth_file_is_one_json_document(world: Path) -> None:
    data = json.loads((world / "truth.json").read_text(encoding="utf-8"))
    assert data["format"] == "vigil-world-truth/1" and "posts" in data
    assert not (world / "truth_posts.jsonl").exists(), "small worlds keep per-post truth inline"


def test_posts_are_in_the_language_they_claim(posts: list[dict[str, Any]]) -> None:
    """An independent detector (lingua, not Vigil's) agrees with the claimed language."""
    import re

    from lingua import IsoCode639_1, LanguageDetectorBuilder

    langs = sorted({r["language"] for r in posts})
    codes = [getattr(IsoCode639_1, code.upper()) for code in langs]
    detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()
    checked = agree = 0
    for rec in posts:
        words = re.sub(r"\S*[@/\d]\S*", "", rec["title"] + "\n" + rec["text"])  # drop numbers, handles, URLs
        if len(words) < 40:
            continue
        found = detector.detect_language_of(words)
        checked += 1
        agree += bool(found and found.iso_code_639_1.name.lower() == rec["language"])
    assert checked > 300 and agree / checked >= 0.95, (agree, checked)


def test_large_layout_streams_truth_beside_truth_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Above INLINE_MAX posts, per-post and per-network truth go to JSONL files; eval reads them."""
    import vigil.world.generate as gen
    from vigil.eval.truth import load_truth

    monkeypatch.setattr(gen, "INLINE_MAX", 100)
    generate(tmp_path, seed=4, size=400, write_sites=False)
    head = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert head["posts_file"] == "truth_posts.jsonl" and head["networks_file"] == "truth_networks.jsonl"
    assert "posts" not in head and "networks" not in head
    nets = [json.loads(line) for line in (tmp_path / "truth_networks.jsonl").read_text().splitlines()]
    assert nets and all("posts" not in n and n["post_count"] > 0 for n in nets)
    truth = load_truth(tmp_path / "truth.json")
    assert truth.posts == 400 and len(truth.networks) == len(nets)
