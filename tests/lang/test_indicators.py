"""Every risk indicator in every language pack fires on its positive sentences and not on its negatives.

The examples live in the packs themselves (``examples: {pos: [...], neg: [...]}``) so that a linguist
who edits a pattern sees, next to it, what it must and must not catch. Negatives are hard negatives:
the same words in an innocent sentence.
"""

from __future__ import annotations

import pytest

from vigil.errors import LangDataError
from vigil.model import Entity
from vigil.signals.features import _entity_rule_fires
from vigil.signals.indicators import (
    FAMILIES,
    Indicator,
    pack_indicators,
    pack_languages,
    single_pack_matcher,
    validate_pack,
)

CODES = [*pack_languages(), "xx"]
TEXT_CASES = [(c, i) for c in CODES for i in pack_indicators(c) if i.entity is None]
ENTITY_CASES = [i for i in pack_indicators("xx") if i.entity is not None]


def test_at_least_twenty_languages_have_packs() -> None:
    assert len(pack_languages()) >= 20, pack_languages()


@pytest.mark.parametrize("code", pack_languages())
def test_each_language_covers_every_family(code: str) -> None:
    fams = {i.family for i in pack_indicators(code)}
    assert fams == set(FAMILIES), f"{code} lacks {set(FAMILIES) - fams}"


@pytest.mark.parametrize(("code", "ind"), TEXT_CASES, ids=[i.id for _, i in TEXT_CASES])
def test_indicator_examples(code: str, ind: Indicator) -> None:
    matcher = single_pack_matcher(code)
    assert ind.examples.get("pos") and ind.examples.get("neg"), "needs at least one positive and one negative"
    for sentence in ind.examples["pos"]:
        hits = [h for h in matcher.match(sentence) if h.indicator.id == ind.id]
        assert hits, f"{ind.id} should fire on {sentence!r}"
        assert all(sentence[h.start : h.end] == h.text for h in hits), "spans must point at the original text"
    for sentence in ind.examples["neg"]:
        hits = [h.text for h in matcher.match(sentence) if h.indicator.id == ind.id]
        assert not hits, f"{ind.id} should not fire on {sentence!r} (hit {hits})"


def _entities(example: object) -> list[Entity]:
    rows = example if isinstance(example, list) else [example]
    return [Entity(post_id="p", type=r["type"], value=str(r["value"]), raw=str(r["value"]), field="text", start=0,
                   end=1, rule="test", confidence=1.0, attrs=r.get("attrs", {})) for r in rows]  # type: ignore[index]


@pytest.mark.parametrize("ind", ENTITY_CASES, ids=[i.id for i in ENTITY_CASES])
def test_entity_indicator_examples(ind: Indicator) -> None:
    for ex in ind.examples["pos"]:
        assert _entity_rule_fires(dict(ind.entity or {}), _entities(ex)), f"{ind.id} should fire on {ex}"
    for ex in ind.examples["neg"]:
        assert not _entity_rule_fires(dict(ind.entity or {}), _entities(ex)), f"{ind.id} should not fire on {ex}"


def test_weights_and_sources_are_set_for_every_indicator() -> None:
    for code in CODES:
        for ind in pack_indicators(code):
            assert 0 < ind.weight <= 0.6, ind.id
            assert ind.source.strip(), ind.id


GOOD = {"id": "en.sex.third_person", "patterns": ["our girls"], "examples": {"pos": ["a"], "neg": ["b"]}}
SCHEMA_CASES = [
    ({"indicators": [{**GOOD, "id": "en.bad"}]}, "must look like", "id without family part"),
    ({"indicators": [{**GOOD, "id": "de.sex.third_person"}]}, "must look like", "id of another language"),
    ({"indicators": [{**GOOD, "weight": 0.9}]}, "weight", "one indicator must not decide alone"),
    ({"indicators": [{**GOOD, "id": "en.sex.new_concept"}]}, "weight", "new concept without weight or source"),
    ({"indicators": [{**GOOD, "examples": {"pos": ["a"]}}]}, "examples", "no negative example"),
    ({"indicators": [{**GOOD, "patterns": ["(unclosed"]}]}, "not valid", "broken regex"),
    ({"indicators": [GOOD, GOOD]}, "duplicate", "same id twice"),
    ({"indicators": [{**GOOD, "entity": {"type": "age"}}]}, "either", "patterns and entity together"),
    ({"markers": [True], "indicators": []}, "markers", "YAML 'no'/'yes' read as booleans"),
    ([], "top level", "not a mapping"),
]


@pytest.mark.parametrize(("data", "message", "why"), SCHEMA_CASES, ids=[c[2] for c in SCHEMA_CASES])
def test_schema_rejects_bad_packs(data: object, message: str, why: str) -> None:
    with pytest.raises(LangDataError, match=message):
        validate_pack("vigil/lang/en/indicators.yaml", data)


def test_schema_accepts_a_good_entry() -> None:
    validate_pack("vigil/lang/en/indicators.yaml", {"indicators": [GOOD]})
