"""Phrasings: complete in every language, renderable, and split into disjoint families."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from vigil.world.generate import generate
from vigil.world.phrasebook import FAMILIES, LANGUAGES, family_for, load, unit_names

SLOTS = {"name", "age", "nat", "city", "city2", "dates", "price", "cur", "phone", "handle", "hplat", "email", "url",
         "wallet", "coin", "role", "dest", "salary", "company", "item", "rent", "date", "seats", "hours", "hour",
         "month", "night", "city_loc", "city_gen", "city2_loc", "city2_gen", "bed", "size", "mins", "time", "easy"}  # fmt: skip


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_every_unit_with_known_slots(lang: str) -> None:
    assert unit_names(lang) == unit_names("en")
    book = load(lang, "all")
    assert len(book.digits) == 10 and all(book.digits)
    assert set(book.dest) >= {"DE", "NL", "IT", "ES", "GB", "PL"}
    for unit, variants in book.units.items():
        assert {f for f, _ in variants} == set(FAMILIES), f"{lang} {unit}: both families needed"
        for _, text in variants:
            unknown = set(re.findall(r"\{(\w+)\}", text)) - SLOTS
            assert not unknown, f"{lang} {unit}: unknown slots {unknown} in {text!r}"


def test_train_and_eval_families_are_disjoint_and_cover_all() -> None:
    for lang in LANGUAGES:
        for unit in unit_names(lang):
            train, ev = family_for(lang, unit, "train"), family_for(lang, unit, "eval")
            assert not set(train) & set(ev) and set(train) | set(ev) == set(FAMILIES)
    picks = {family_for(lang, "esc.open.third", "train") for lang in LANGUAGES}
    assert len(picks) == 2, "the train family differs across languages"


def test_item_vocabulary_is_split_too() -> None:
    for lang in LANGUAGES:
        train, ev = set(load(lang, "train").items), set(load(lang, "eval").items)
        assert train and ev and not train & ev and train | ev == set(load(lang, "all").items)


def _families(out: Path) -> set[str]:
    data: dict[str, Any] = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    return {f for p in data["posts"] for f in p["families"]}


def test_worlds_of_train_and_eval_split_share_no_template_family(tmp_path: Path) -> None:
    generate(tmp_path / "train", seed=2, size=300, split="train", write_sites=False)
    generate(tmp_path / "eval", seed=2, size=300, split="eval", write_sites=False)
    train, ev = _families(tmp_path / "train"), _families(tmp_path / "eval")
    assert train and ev and not train & ev
