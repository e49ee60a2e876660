"""The shortcuts that keep extraction fast must never change what it finds.

Gates skip a regex when its necessary marker (a list word, '@', a currency) is absent; the phone
pre-check skips ``phonenumbers.parse`` when the digits cannot be a number of a region. Both are
checked here against the slow path they replace.
"""

from __future__ import annotations

import random
from pathlib import Path

import phonenumbers
import pytest

from vigil.extract import extract
from vigil.extract.base import Recognizer
from vigil.extract.evaluate import load, post_of
from vigil.extract.phones import _may_be_valid
from vigil.extract.region import SUPPORTED

CORPUS = Path(__file__).parent / "corpus" / "labelled.jsonl"

VALID = [
    ("015123456789", "DE", "German mobile with trunk 0"),
    ("1853272", "FI", "valid only in AX, which shares +358"),
    ("4915123456789", "DE", "national digits that start with the country code"),
    ("004915123456789", "FR", "international prefix: left to the full parse"),
    ("0612345678", "FR", "French mobile"),
    ("3123456789", "IT", "Italian mobile, no trunk prefix"),
    ("0612345678", "HU", "Hungarian trunk prefix 06"),
    ("89123456789", "RU", "Russian trunk prefix 8"),
    ("2025550123", "US", "NANP"),
]


@pytest.mark.parametrize(("digits", "region", "why"), VALID)
def test_precheck_passes_valid_numbers(digits: str, region: str, why: str) -> None:
    assert phonenumbers.is_valid_number(phonenumbers.parse(digits, region)), why
    assert _may_be_valid(digits, region), why


def test_precheck_never_rejects_a_valid_number() -> None:
    rng = random.Random(4)
    regions = sorted(SUPPORTED)
    rejected = 0
    for _ in range(20_000):
        head = rng.choice(["0", "00", "1", "3", "4", "6", "7", "8", "9", "01", "06", "80", "011", "810"])
        digits = head + "".join(rng.choice("0123456789") for _ in range(rng.randint(6, 13)))
        region = rng.choice(regions)
        ok = _may_be_valid(digits, region)
        rejected += not ok
        if not ok:
            try:
                n = phonenumbers.parse(digits, region)
            except phonenumbers.NumberParseException:
                continue
            assert not phonenumbers.is_valid_number(n), (digits, region)
    assert rejected > 10_000  # it must also do its job


def test_gates_change_nothing_on_the_labelled_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    recs = load(CORPUS)
    fast = [extract(post_of(r), r.get("default_region"), languages=False) for r in recs]
    monkeypatch.setattr(Recognizer, "gate", lambda self, rule, doc, field: True)
    for cls in Recognizer.__subclasses__():
        if "gate" in cls.__dict__:
            monkeypatch.setattr(cls, "gate", lambda self, rule, doc, field: True)
    slow = [extract(post_of(r), r.get("default_region"), languages=False) for r in recs]
    assert fast == slow
