"""Stylometric profiles and how little they may do: cases of (texts, expected, why)."""

from __future__ import annotations

import numpy as np
import pytest

from vigil.link.graph import compute
from vigil.link.index import LinkState, update
from vigil.link.style import DIMS, centroid_cosine, profiles
from vigil.model import Entity, Post

# one writer's habits (capitalised words, '!!!', double emoji, '...' and a line break) in different words
EMOJI_WRITER = [
    "Hi Guys!!! New In Town 😘😘 Sweet And Sexy... Call Me Now!!!\nKisses Anna 💋💋",
    "Hello Boys!!! Just Arrived 😘😘 Slim And Naughty... Text Me Today!!!\nLove Mila 💋💋",
    "Hey Gentlemen!!! Back In Berlin 😘😘 Young And Wild... Write Me Soon!!!\nXoxo Lara 💋💋",
]
PLAIN_WRITER = [
    "hello, i am a quiet student from the city centre, available in the evenings, please write first, thank you",
    "good evening, i am a calm lady near the station, free after work, please send a message first, thanks",
]


def _cos(x: str, y: str) -> float:
    p = profiles([x, y]).astype(np.float32)
    return float(p[0] @ p[1] / (np.linalg.norm(p[0]) * np.linalg.norm(p[1])))


@pytest.mark.parametrize(
    ("x", "y", "low", "high", "why"),
    [
        (EMOJI_WRITER[0], EMOJI_WRITER[1], 0.85, 1.01, "one writer's habits in different words: close"),
        (EMOJI_WRITER[0], PLAIN_WRITER[0], -1.0, 0.6, "capitals, '!!!' and emoji against plain lower case: far"),
        (PLAIN_WRITER[0], PLAIN_WRITER[1], 0.85, 1.01, "two plain lower-case texts with commas: close"),
        ("Call Me Now!!! +49 151 2345678 😘😘 Anna From Berlin Is Waiting For You Tonight...",
         "Call Me Now!!! +40 723 987 654 😘😘 Anna From Berlin Is Waiting For You Tonight...", 0.99, 1.01,
         "a rotated phone number does not change the style (digits masked)"),
    ],
)
def test_profile_similarity(x: str, y: str, low: float, high: float, why: str) -> None:
    assert low <= _cos(x, y) <= high, why


def test_short_and_empty_texts_have_no_profile() -> None:
    p = profiles(["", "call me", EMOJI_WRITER[0]])
    assert p.shape == (3, DIMS) and p.dtype == np.int8
    assert not p[0].any() and not p[1].any(), "too short to say anything about style"
    assert p[2].any()


def test_centroid_cosine_averages_groups() -> None:
    prof = profiles([*EMOJI_WRITER, *PLAIN_WRITER])
    group = np.array([0, 0, 1, 2, 2])
    cos = centroid_cosine(prof, group, np.array([0, 0]), np.array([1, 2]))
    assert cos[0] > 0.85, "the same writer's two groups"
    assert cos[1] < 0.6, "a different writer's group"


def _two_numbers(texts: tuple[str, str], shared_pictures: int) -> tuple[LinkState, list[str]]:
    """Two posts under different phones sharing ``shared_pictures`` pictures, and a third, unrelated one."""
    state = LinkState()
    posts = [Post(id=f"p{i}", source_id="s", text=t) for i, t in enumerate(texts)]
    ents = {p.id: [Entity(p.id, "phone", f"+4915{i}0000000", "x", "text", 0, 1, "t", 1.0)] for i, p in enumerate(posts)}
    images = {p.id: [(f"{k}.jpg", f"sha{k}", 0x0F0F0F0F0F0F0F0F, 0x00FF00FF00FF00FF) for k in range(shared_pictures)]
              for p in posts}  # fmt: skip
    update(state, posts, ents, images)
    return state, [p.id for p in posts]


@pytest.mark.parametrize(
    ("texts", "pictures", "together", "why"),
    [
        ((EMOJI_WRITER[0], EMOJI_WRITER[2]), 1, True,
         "one picture under two numbers (1.0) plus the same writing style in different words: joined"),
        ((EMOJI_WRITER[0], PLAIN_WRITER[0]), 1, False, "one picture under two numbers, different styles: apart"),
        ((EMOJI_WRITER[0], EMOJI_WRITER[2]), 0, False, "the same style alone never joins two numbers"),
    ],
)
def test_style_only_supports_other_evidence(texts: tuple[str, str], pictures: int, together: bool, why: str) -> None:
    state, ids = _two_numbers(texts, pictures)
    grouping = compute(state)
    net = grouping.network
    assert (net[state.pos[ids[0]]] == net[state.pos[ids[1]]]) == together, why
    assert (grouping.style.shape[0] > 0) == together, "the support is recorded for the dossier"
