"""Assess on tables of cases: persons, classification with reasons, controllers, victims, templates."""

from __future__ import annotations

import pytest

from tests.link.synth import make_world
from vigil.assess import AssessStage
from vigil.assess import classify as cl
from vigil.assess.persons import find_persons
from vigil.link.template import SLOT, extract_template
from vigil.model import Entity, Group, Post, Score, Signal
from vigil.pipeline.stage import GroupContext


def _post(i: int, names: list[str], ages: list[int], city: str = "Berlin") -> tuple[Post, list[Entity]]:
    p = Post(id=f"p{i:020d}", source_id="s", text="x", location=city)
    ents = [Entity(p.id, "name", n, n, "text", 0, 1, "t", 1.0) for n in names]
    ents += [Entity(p.id, "age", str(a), str(a), "text", 0, 1, "t", 1.0) for a in ages]
    return p, ents


@pytest.mark.parametrize(
    ("rows", "expected", "why"),
    [
        ([(["anna"], [22]), (["anna"], [23]), (["maria"], [20])], 2, "same name, close ages: one person"),
        ([(["anna"], [19]), (["anna"], [31])], 2, "same name, ages 12 years apart: two persons"),
        ([(["anna", "maria"], [])], 2, "one post advertising two persons"),
        ([(["anna"], []), ([], [], "i9")], 2, "a nameless post with its own picture is its own persona"),
        ([(["anna"], []), ([], [])], 1, "a nameless post without pictures (a job ad) advertises nobody"),
        ([(["anna"], [], "i1"), (["kira"], [], "i1"), (["mila"], [], "i2")], 2, "two aliases, one picture: one person"),
        ([(["anna"], [], "i1"), ([], [], "i1")], 1, "a nameless post with her picture is hers"),
    ],
)
def test_persons(rows: list, expected: int, why: str) -> None:
    posts, ents, pics = [], {}, {}
    for i, (names, ages, *pic) in enumerate(rows):
        p, e = _post(i, names, ages)
        posts.append(p)
        ents[p.id] = e
        pics[p.id] = pic
    assert len(find_persons(posts, ents, {}, pics)) == expected, why


BASE = {"posts": 6, "persons": 1, "cities": 1, "sources": 1, "categories": {"escort": 6}, "risk": {"sexual": 0.7}, "contacts": 1,
        "third_person": 0.0, "youth": 0.0, "vulnerable": 0.0, "new_in_town": 0.0, "recruitment": 0.0, "housing": 0.0}


@pytest.mark.parametrize(
    ("change", "label", "why"),
    [
        ({}, cl.INDEPENDENT, "one person, one city, first person"),
        ({"persons": 4, "cities": 3, "third_person": 0.6}, cl.LIKELY_TRAFFICKING, "several persons moved, third person"),
        ({"persons": 4, "cities": 1}, cl.AGENCY, "several persons at one place, no movement"),
        ({"persons": 3, "cities": 4, "contacts": 3}, cl.LIKELY_TRAFFICKING, "persons moved under rotating numbers"),
        ({"persons": 2, "cities": 4}, cl.INDEPENDENT, "touring with her own single number: hard negative"),
        ({"persons": 2, "cities": 3, "risk": {"sexual": 0.0}}, cl.BENIGN, "sales ads a category model calls 'escort'"),
        ({"cities": 8, "persons": 0, "posts": 20, "categories": {"other": 20}, "risk": {}}, cl.SPAM, "template in 8 cities"),
        ({"categories": {"job": 6}, "risk": {"labour": 0.8}, "recruitment": 0.5}, cl.RECRUITMENT, "job offers with fraud cues"),
        ({"categories": {"job": 6}, "risk": {"labour": 0.1}}, cl.BENIGN, "ordinary job ads: hard negative"),
        ({"persons": 2, "cities": 1, "categories": {"job": 6}, "risk": {}}, cl.BENIGN, "two names on a job board"),
    ],
)
def test_classify(change: dict, label: str, why: str) -> None:
    got, reasons, score = cl.classify({**BASE, **change})
    assert got == label, why
    assert reasons and 0.0 <= score <= 1.0


def test_template_shows_slots() -> None:
    texts = [f"New girl {n} in {c}, sweet and discreet, call now for incall and outcall"
             for n, c in (("Anna", "Berlin"), ("Maria", "Hamburg"), ("Olga", "Munich"))]
    out = extract_template(texts)
    assert "sweet and discreet" in out["template"] and SLOT in out["template"]
    assert ["Anna", "Berlin"] in out["slots"] or any("Anna" in " ".join(s) for s in out["slots"])


def test_network_dossier_controllers_and_victims() -> None:
    posts, ents, _ = make_world(networks=1, independents=0)
    ctrl_phone = ents[posts[0].id][0].value
    signals = {p.id: [Signal(p.id, "en.sex.third_person", "sexual", 1.0, "text", 0, 3, "her manager")] for p in posts}
    signals[posts[0].id].append(Signal(posts[0].id, "en.vul.refugees", "vulnerability", 1.0, "text", 0, 3, "from Ukraine"))
    scores = {p.id: Score(p.id, "escort", {}, {"sexual": 0.8}) for p in posts}
    g = Group("n1", "network", tuple(p.id for p in posts))
    out = AssessStage().assess([g], GroupContext({p.id: p for p in posts}, ents, signals, scores))[0]
    s = out.summary
    assert out.label == cl.LIKELY_TRAFFICKING, s["reasons"]
    assert len(s["persons"]) == 3, "three names behind the controller's numbers"
    assert s["controllers"][0]["value"] == ctrl_phone, "the number shared by all three persons ranks first"
    assert {"value", "type", "score", "reasons"} <= set(s["controllers"][0])
    assert len(s["victims"]) == 3 and any("refugee" in v["cues"] for v in s["victims"])
    assert s["circuits"], "persons moved between cities"
    for key in ("timeline", "identifiers", "sources", "languages", "categories", "classification"):
        assert key in s
    assert "style" not in s, "no writing-style support was found by link: none shown"


def test_the_dossier_keeps_the_style_evidence_link_found() -> None:
    posts, ents, _ = make_world(networks=1, independents=0)
    style = [{"a": posts[0].id, "b": posts[1].id, "weight": 0.4, "method": "character-shape 3-gram profiles"}]
    g = Group("n1", "network", tuple(p.id for p in posts), summary={"style": style})
    out = AssessStage().assess([g], GroupContext({p.id: p for p in posts}, ents, {}, {}))[0]
    assert out.summary["style"] == style, "the investigator sees which posts were supported by style"


@pytest.mark.parametrize(
    ("idents", "expected", "why"),
    [
        ({("phone", "+359882617539"): {"a", "b"}, ("phone", "+49882617539"): {"c"}}, 1, "country code misread"),
        ({("handle", "telegram:agency.ralu"): {"a", "b"}, ("handle", "telegram:agency"): {"c"}}, 1, "handle cut off"),
        ({("phone", "+359882617539"): {"a"}, ("phone", "+359882617540"): {"b"}}, 2, "two numbers: hard negative"),
        ({("handle", "telegram:anna"): {"a"}, ("handle", "signal:anna.k"): {"b"}}, 2, "other platform: kept apart"),
    ],
)
def test_misread_variants_rank_once(idents: dict, expected: int, why: str) -> None:
    assert len(cl.merge_variants(idents)) == expected, why


def test_the_variant_written_with_its_country_code_names_the_contact() -> None:
    idents = {("phone", "+49750045557"): {"a", "b", "c"}, ("phone", "+40750045557"): {"d"}}
    merged = cl.merge_variants(idents, explicit={("phone", "+40750045557")})
    assert merged == {("phone", "+40750045557"): {"a", "b", "c", "d"}}
