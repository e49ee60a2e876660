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
        ("Write @rata_kiss62 now", [], {("mention", "rata_kiss62"), ("bare", "rata_kiss62")},
         "an @handle in the text links (and lets bare 'rata_kiss62' elsewhere find it)"),
        ("Escreve para miel_kiss79 já", [], {("bare", "miel_kiss79")},
         "a handle-like word without '@' is kept as a bare word (it links once written as a handle somewhere)"),
        ("Telegram @anna_k", [Entity("p", "handle", "telegram:anna_k", "Telegram @anna_k", "text", 0, 1, "t", 1.0)],
         {("handle", "telegram:anna_k"), ("bare", "anna_k")},
         "the extractor's handle with its platform: no platform-less mention beside it"),
        ("call 2410€ 24h, anna@mail.example, site.example/anna_22, #anna22, v2", [], set(),
         "prices, hours, e-mail users, URL paths, hashtags and short words are not bare handles"),
        ("mail anna@mail.example", [], set(), "an e-mail is not a mention"),
        ("", [_e("age", "22"), _e("price", "100")], set(), "ages and prices never link"),
        ("", [Entity("p", "handle", "telegram:agency", "Telegram: @agency.tany", "text", 0, 1, "t", 1.0)],
         {("handle", "telegram:agency.tany"), ("bare", "agency.tany")},
         "a handle cut at its dot is read in full from the text"),
        ("", [Entity("p", "handle", "telegram:anna_k", "tg anna_k", "text", 0, 1, "t", 1.0)],
         {("handle", "telegram:anna_k"), ("bare", "anna_k")}, "a handle read in full stays as it is"),
        ("", [Entity("p", "handle", "signal:sgnl", "Signal: sgnl", "text", 0, 1, "t", 1.0)], set(),
         "a handle that is only the platform's name ('Signal: sgnl: k i r a') is a misread, shared by every such ad"),
        ("write @telegram or @whatsapp", [], set(), "an @ before a platform's name is not an account"),
        ("", [Entity("p", "handle", "signal:sgnl_kira", "Signal: sgnl_kira", "text", 0, 1, "t", 1.0)],
         {("handle", "signal:sgnl_kira"), ("bare", "sgnl_kira")},
         "a real account that starts with a platform word still links"),
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
    # a near-duplicate text between the two sides corroborates it: one recruiter's job ad under her two
    # numbers, her e-mail in one post of each
    support = (np.array([3]), np.array([14]))
    assert find_bridges(labels, a, b, n, n, n + 3, min_posts=10, support=support) == set()
    # ... but a text shared inside one side only says nothing about the bridge
    inside = (np.array([3]), np.array([4]))
    assert find_bridges(labels, a, b, n, n, n + 3, min_posts=10, support=inside) == {n + 2}


def _posts_with(picture_by_post: dict[str, tuple[str, str]]) -> tuple[LinkState, list[str]]:
    """Posts each with its own phone and pictures (shas, '+'-separated); returns the index and post ids."""
    state, posts, ents, images = LinkState(), [], {}, {}
    for i, (pid, (phone, shas)) in enumerate(picture_by_post.items()):
        posts.append(Post(id=pid, source_id="s", text=f"item {i}"))
        ents[pid] = [Entity(pid, "phone", phone, phone, "text", 0, 1, "t", 1.0)] if phone else []
        images[pid] = [(f"{sha}.jpg", sha, (0x0F0F0F0F0F0F0F0F * (k + 1)) & 0xFFFFFFFFFFFFFFFF ^ (0xFFFF << (16 * k)),
                        (0x00FF00FF00FF00FF * (k + 3)) & 0xFFFFFFFFFFFFFFFF ^ (0xFFFF << (16 * k)))
                       for k, sha in enumerate(shas.split("+"))]  # fmt: skip
    update(state, posts, ents, images)
    return state, [p.id for p in posts]


@pytest.mark.parametrize(
    ("pictures", "together", "why"),
    [
        ({"p1": ("+1", "x"), "p2": ("+2", "x")}, False,
         "one picture under two numbers: as likely a stock photo two sellers use, it needs corroboration"),
        ({"p1": ("+1", "x+y"), "p2": ("+2", "x+y")}, True, "two pictures under two numbers: her photo set moved"),
        ({"p1": ("+1", "x+y"), "p2": ("+2", "x+y"), "p3": ("+3", "x+y")}, True,
         "her photo set under three numbers"),
        ({"p2": ("+2", "x+y"), "p3": ("+3", "x+y")}, True, "(the same two posts without a first user of x)"),
        ({"p1": ("+1", "x"), "p2": ("", "x")}, True, "a post without contact showing her picture"),
        ({"p1": ("+1", "x"), "p2": ("+2", "x"), "p3": ("+3", "x"), "p4": ("+4", "x"), "p5": ("+5", "x")}, False,
         "one stock picture under five unrelated numbers needs corroboration"),
    ],
)
def test_pictures_and_contacts(pictures: dict, together: bool, why: str) -> None:
    state, ids = _posts_with(pictures)
    net = compute(state).network
    assert (len({int(net[state.pos[p]]) for p in ids}) == 1) == together, why


def test_two_later_users_of_a_photo_set_are_paired_not_only_starred_to_the_first() -> None:
    # p1 first used picture x alone; p2 and p3 (other numbers) both show x and y: p2-p3 share two
    # pictures and join, p1 shares one picture with each and stays apart
    state, _ = _posts_with({"p1": ("+1", "x"), "p2": ("+2", "x+y"), "p3": ("+3", "x+y")})
    net = compute(state).network
    assert net[state.pos["p2"]] == net[state.pos["p3"]], "two shared pictures join p2 and p3"
    assert net[state.pos["p1"]] != net[state.pos["p2"]], "one shared picture does not join p1"


def _authored(posts_by_phone: dict[str, list[str]]) -> tuple[LinkState, dict[str, list[str]]]:
    """One post per author name under each phone; returns the index and the post ids per phone."""
    state, posts, ents, ids = LinkState(), [], {}, {}
    for phone, authors in posts_by_phone.items():
        for k, author in enumerate(authors):
            pid = f"{phone}-{k}"
            posts.append(Post(id=pid, source_id=f"s{k}", text=f"{phone} {k}", author=author))
            ents[pid] = [Entity(pid, "phone", phone, phone, "text", 0, 1, "t", 1.0)]
            ids.setdefault(phone, []).append(pid)
    update(state, posts, ents, {})
    return state, ids


@pytest.mark.parametrize(
    ("posts_by_phone", "together", "why"),
    [
        ({"+1": ["ioana", "maria", "andreea"], "+2": ["ioana", "maria", "andreea"]}, True,
         "three author names shared by two numbers and nobody else: one operation's accounts"),
        ({"+1": ["ioana", "maria", "andreea"], "+2": ["ioana", "maria", "andreea"], "+3": ["ioana", "maria"],
          "+4": ["andreea", "maria"], "+5": ["ioana", "andreea"]}, False,
         "common first names as author names across five numbers: names collide, not one operation"),
        ({"+1": ["ioana"], "+2": ["ioana"]}, False, "one shared author name alone never joins"),
    ],
)
def test_author_names_weigh_less_the_more_contacts_use_them(posts_by_phone: dict, together: bool, why: str) -> None:
    state, ids = _authored(posts_by_phone)
    net = compute(state).network
    first, second = ids["+1"][0], ids["+2"][0]
    assert (net[state.pos[first]] == net[state.pos[second]]) == together, why


@pytest.mark.parametrize(
    ("pictures", "attached", "why"),
    [
        ({"p1": ("+1", "x+y"), "p2": ("+2", "x+y"), "p3": ("", "x")}, True,
         "a contactless post showing a picture of one network (two numbers, one photo set) joins it"),
        ({"p1": ("+1", "x"), "p2": ("+2", "y"), "p3": ("", "x+y")}, False,
         "a contactless post whose pictures point to two unrelated numbers stays apart (a stock photo)"),
        ({"p1": ("+1", "x+y"), "p2": ("+2", "x+y"), "p4": ("+4", "x"), "p3": ("", "x")}, False,
         "her picture is also under an unrelated number: the contactless post could be either's"),
    ],
)
def test_contactless_posts_attach_only_to_the_one_network_their_pictures_point_to(
    pictures: dict, attached: bool, why: str
) -> None:
    state, _ = _posts_with(pictures)
    net = compute(state).network
    assert (net[state.pos["p3"]] == net[state.pos["p1"]]) == attached, why


def _handles(posts: dict[str, tuple[str, str]]) -> LinkState:
    """Posts as (text, extracted handle or ''), each on its own."""
    state, ps, ents = LinkState(), [], {}
    for pid, (text, handle) in posts.items():
        ps.append(Post(id=pid, source_id="s", text=text))
        ents[pid] = [Entity(pid, "handle", handle, handle, "text", 0, 1, "t", 1.0)] if handle else []
    update(state, ps, ents, {})
    return state


@pytest.mark.parametrize(
    ("posts", "pair", "together", "why"),
    [
        ({"a1": ("Telegram: @miel_kiss79 only", "telegram:miel_kiss79"), "a2": ("Escreve para miel_kiss79 já", "")},
         ("a1", "a2"), True, "a bare word equal to a handle written elsewhere links to it"),
        ({"a1": ("Write @miel_kiss79", ""), "a2": ("Escreve para miel_kiss79", "")}, ("a1", "a2"), True,
         "... and to an @mention the extractor left without platform"),
        ({"b1": ("Telegram nyzo2003", "telegram:nyzo2003"), "b2": ("Signal nyzo2003", "signal:nyzo2003"),
          "b3": ("Solo mensajes. nyzo2003", "")}, ("b1", "b3"), False,
         "the name is a handle on two platforms (two accounts): a bare word cannot say which"),
        ({"b1": ("Telegram nyzo2003", "telegram:nyzo2003"), "b2": ("Signal nyzo2003", "signal:nyzo2003")},
         ("b1", "b2"), False, "the same name on two platforms is two accounts"),
        ({"b1": ("Telegram nyzo2003", "telegram:nyzo2003"), "b2": ("Signal nyzo2003", "signal:nyzo2003"),
          "b3": ("Write me @nyzo2003", ""), "b4": ("Only messages @nyzo2003", "")}, ("b3", "b4"), False,
         "two @mentions without platform of a name that is a handle on two platforms: each could be either account"),
        ({"b3": ("Write me @nyzo2003", ""), "b4": ("Only messages @nyzo2003", "")}, ("b3", "b4"), True,
         "... while a name no platform claims twice links its @mentions"),
        ({"c1": ("iphone13 for sale", ""), "c2": ("cheap iphone13 case", "")}, ("c1", "c2"), False,
         "a handle-like word nobody writes as a handle (a model number) links nothing"),
    ],
)
def test_bare_handle_words(posts: dict, pair: tuple[str, str], together: bool, why: str) -> None:
    state = _handles(posts)
    net = compute(state).network
    assert (net[state.pos[pair[0]]] == net[state.pos[pair[1]]]) == together, why
