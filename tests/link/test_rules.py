"""Linking rules as tables of cases: which identifiers link, bridges, pictures under many contacts."""

from __future__ import annotations

import numpy as np
import pytest

from vigil.link.bridges import find_bridges
from vigil.link.graph import compute
from vigil.link.identifiers import post_identifiers
from vigil.link.index import LinkState, update
from vigil.model import Entity, Post


def _e(kind: str, value: str, field: str = "text") -> Entity:
    return Entity("p", kind, value, value, field, 0, 1, "t", 1.0)


@pytest.mark.parametrize(
    ("text", "entities", "expected", "why"),
    [
        ("", [_e("phone", "+359882617539")], {("phone", "+359882617539"), ("phonetail", "882617539")},
         "a phone also links by its last nine digits (a misread country code)"),
        ("", [_e("url", "https://site.example/ad/1", "url")], set(), "the post's own address is not a contact"),
        ("", [_e("url", "https://site.example/")], set(), "a site's front page is shared by every ad on it"),
        ("", [_e("url", "https://anna.example/gallery")], {("url", "https://anna.example/gallery")}, "a deep URL links"),
        ("Write @rata_kiss62 now", [], {("mention", "rata_kiss62")}, "an @handle in the text links"),
        ("mail anna@mail.example", [], set(), "an e-mail is not a mention"),
        ("", [_e("age", "22"), _e("price", "100")], set(), "ages and prices never link"),
        ("", [Entity("p", "handle", "telegram:agency", "Telegram: @agency.tany", "text", 0, 1, "t", 1.0)],
         {("handle", "telegram:agency.tany")}, "a handle cut at its dot is read in full from the text"),
        ("", [Entity("p", "handle", "telegram:anna_k", "tg anna_k", "text", 0, 1, "t", 1.0)],
         {("handle", "telegram:anna_k")}, "a handle read in full stays as it is"),
    ],
)
def test_post_identifiers(text: str, entities: list[Entity], expected: set, why: str) -> None:
    got = {(k, v) for k, v, _ in post_identifiers(Post(id="p", source_id="s", text=text), entities)}
    assert got == expected, why


def test_a_stray_identifier_between_two_networks_is_cut() -> None:
    # two stars of 10 posts around phones 100 and 101; identifier 102 sits in one post of each
    n = 20
    a = np.array([*range(10), *range(10, 20), 0, 10])
    b = np.array([*(n + 0,) * 10, *(n + 1,) * 10, n + 2, n + 2])
    labels = np.zeros(n + 3, dtype=np.int64)
    assert find_bridges(labels, a, b, n, n, n + 3, min_posts=10) == {n + 2}
    # the same identifier in every post of both sides is a real shared contact, not a bridge
    a2 = np.concatenate([a[:20], np.arange(20)])
    b2 = np.concatenate([b[:20], np.full(20, n + 2)])
    assert find_bridges(labels, a2, b2, n, n, n + 3, min_posts=10) == set()


def _posts_with(picture_by_post: dict[str, tuple[str, str]]) -> tuple[LinkState, list[str]]:
    """Posts each with its own phone and a picture (sha); returns the index and post ids."""
    state, posts, ents, images = LinkState(), [], {}, {}
    for i, (pid, (phone, sha)) in enumerate(picture_by_post.items()):
        posts.append(Post(id=pid, source_id="s", text=f"item {i}"))
        ents[pid] = [Entity(pid, "phone", phone, phone, "text", 0, 1, "t", 1.0)] if phone else []
        images[pid] = [(f"{sha}.jpg", sha, 0x0F0F0F0F0F0F0F0F + i * 0x1000, 0x00FF00FF00FF00FF + i * 0x1000)]
    update(state, posts, ents, images)
    return state, [p.id for p in posts]


@pytest.mark.parametrize(
    ("pictures", "together", "why"),
    [
        ({"p1": ("+1", "x"), "p2": ("+2", "x")}, True, "one picture under two numbers: a persona moved"),
        ({"p1": ("+1", "x"), "p2": ("", "x")}, True, "a post without contact showing her picture"),
        ({"p1": ("+1", "x"), "p2": ("+2", "x"), "p3": ("+3", "x"), "p4": ("+4", "x"), "p5": ("+5", "x")}, False,
         "one stock picture under five unrelated numbers needs corroboration"),
    ],
)
def test_pictures_and_contacts(pictures: dict, together: bool, why: str) -> None:
    state, ids = _posts_with(pictures)
    net = compute(state).network
    assert (len({int(net[state.pos[p]]) for p in ids}) == 1) == together, why
