"""The signal stage over synthetic posts: reasons with exact spans, categories, risk ordering, no
single indicator deciding alone, entities as evidence, and one bad post not sinking a batch."""

from __future__ import annotations

import pytest

from vigil.model import Entity, Post
from vigil.pipeline.stage import Batch
from vigil.signals.features import family_prior, find_reasons
from vigil.signals.indicators import pack_indicators
from vigil.signals.model import CATEGORIES, shipped_model
from vigil.signals.stage import SignalsStage, score_posts


def post(pid: str, title: str, text: str, lang: str | None = None) -> Post:
    return Post(id=pid, source_id="test", title=title, text=text, language=lang)


RISKY_SEX = post("s1", "New girls just arrived", "Our young fresh girls from Romania, 24/7, no condom, cheap. "
                 "No independents, driver included. Text only, no calls.", "en")  # fmt: skip
BENIGN = post("b1", "City bike for sale", "Good condition, 120 euro, collect in Lyon. Call in the evening.", "en")
RISKY_JOB = post("j1", "Work abroad, urgent", "Work abroad in Germany, no experience needed, flights and "
                 "accommodation provided. Visa arranged. Registration fee 200 euro. Young girls aged 18-25 only. "
                 "Contact only via WhatsApp.", "en")  # fmt: skip
PLAIN_JOB = post("j2", "Accountant (m/f)", "Siemens AG in Munich is looking for an accountant with five years "
                 "experience. Salary according to collective agreement. Apply on our careers website.", "en")  # fmt: skip
ONE_CUE = post("o1", "Pizza Napoli", "Hot pizza delivered 24/7 to your door. Order online.", "en")


def test_reasons_carry_exact_spans_and_sources() -> None:
    reasons = find_reasons(RISKY_SEX)
    ids = {r.indicator.id for r in reasons}
    assert {"en.sex.third_person", "en.sex.youth", "en.sex.cheap_unprotected", "en.sex.restricted"} <= ids
    for r in reasons:
        field = RISKY_SEX.title if r.field == "title" else RISKY_SEX.text
        assert field[r.start : r.end] == r.text
        assert r.indicator.source


def test_no_reasons_on_a_benign_post() -> None:
    assert find_reasons(BENIGN) == []


@pytest.mark.parametrize(
    ("risky", "benign", "family", "why"),
    [(RISKY_SEX, BENIGN, "sexual", "escort ad with many cues vs a bike sale"),
     (RISKY_JOB, PLAIN_JOB, "labour", "fraudulent recruitment vs a named employer's vacancy"),
     (RISKY_SEX, ONE_CUE, "sexual", "many cues vs one cue ('24/7') in a pizza ad")],
)
def test_risky_posts_rank_above_benign_ones(risky: Post, benign: Post, family: str, why: str) -> None:
    a, b = score_posts([risky, benign])
    assert a.risk[family] > b.risk[family]


def test_one_indicator_never_decides_alone() -> None:
    (s,) = score_posts([ONE_CUE])
    assert [r.indicator.id for r in s.reasons] == ["xx.sex.always_available"]
    assert s.risk["sexual"] < 0.5
    assert family_prior(s.reasons)["sexual"] <= 0.5


def test_prior_caps_one_concept_and_combines_several() -> None:
    one = find_reasons(post("x", "", "Cheap girls, cheap sex, cheap rates", "en"))
    assert family_prior(one)["sexual"] <= 0.5
    assert family_prior(find_reasons(RISKY_SEX))["sexual"] > 0.8


def test_scores_have_the_contract_shape() -> None:
    for s in score_posts([RISKY_SEX, RISKY_JOB, BENIGN]):
        assert set(s.category_scores) == set(CATEGORIES)
        assert s.category in CATEGORIES
        assert abs(sum(s.category_scores.values()) - 1) < 0.01
        assert set(s.risk) == {"sexual", "labour", "housing"}
        assert all(0.0 <= v <= 1.0 for v in s.risk.values())
        d = s.to_dict()
        assert {"category", "category_scores", "risk", "reasons"} <= set(d)
        assert all({"indicator", "family", "span", "text", "weight"} <= set(r) for r in d["reasons"])


@pytest.mark.skipif(shipped_model() is None, reason="no shipped model")
@pytest.mark.parametrize(("p", "category"), [(RISKY_SEX, "escort"), (PLAIN_JOB, "job"), (RISKY_JOB, "job")])
def test_category(p: Post, category: str) -> None:
    assert score_posts([p])[0].category == category


def test_entities_become_reasons() -> None:
    p = post("e1", "Anna", "Anna, call null eins fünf eins 2345 6789", "de")
    phone = Entity(post_id="e1", type="phone", value="+4915123456789", raw="null eins fünf eins 2345 6789",
                   field="text", start=11, end=40, rule="phone.spelled", confidence=0.9, attrs={"obfuscated": True})
    age = Entity(post_id="e1", type="age", value="18", raw="18", field="text", start=0, end=2, rule="age", confidence=0.9)
    ids = {r.indicator.id for r in find_reasons(p, [phone, age])}
    assert {"xx.sex.obscured_contact_entity", "xx.sex.young_age"} <= ids
    assert not {r.indicator.id for r in find_reasons(p, [])} & {"xx.sex.obscured_contact_entity", "xx.sex.young_age"}


def test_stage_returns_signals_and_scores_and_skips_bad_posts() -> None:
    bad = Post(id="bad", source_id="test", title=None, text=None)  # type: ignore[arg-type]
    result = SignalsStage().process(Batch(posts=[RISKY_SEX, bad, BENIGN], entities={}))
    assert {s.post_id for s in result.scores} == {"s1", "b1"}
    assert "bad" in result.errors
    assert {s.post_id for s in result.signals} == {"s1"}
    assert all(s.indicator and s.source and s.explanation for s in result.signals)


def test_stage_contract() -> None:
    st = SignalsStage()
    assert (st.name, st.built, st.needs) == ("signals", True, ("entities",))


def test_language_guess_when_the_post_has_none() -> None:
    p = post("g1", "", "Unsere neuen Mädchen warten auf dich, ich bin nur diese Woche da")
    assert "de.sex.third_person" in {r.indicator.id for r in find_reasons(p)}


def test_every_concept_is_known_to_the_shipped_model() -> None:
    model = shipped_model()
    if model is None:
        pytest.skip("no shipped model")
    concepts = {i.concept for i in pack_indicators("en")}
    assert concepts <= set(model.concepts), "rebuild the model (`make model`) after adding a concept"
