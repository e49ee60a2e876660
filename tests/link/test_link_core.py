"""The link core on tables of cases: masking, shingles, similarity, hubs, groups, incremental ids."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from tests.link.synth import make_world
from vigil.link.graph import finalize
from vigil.link.index import LinkState, update
from vigil.link.minhash import MinHasher, similarity
from vigil.link.shingles import normalize, shingle_hashes
from vigil.model import Entity, Post


@pytest.mark.parametrize(
    ("raw", "expected", "why"),
    [
        ("Call +49 151 2345 6789 now", "call 0 now", "phone digits masked as one slot"),
        ("Νέα ΚΟΠΈΛΑ στην Αθήνα", "νεα κοπελα στην αθηνα", "Greek: accents and case folded"),
        ("Новая девушка, звони!", "новая девушка звони", "Cyrillic kept, punctuation dropped"),
        ("mail ANNA.x@Example.com or @anna_k", "mail xemailx or xhandlex", "e-mail and handle masked"),
        ("see www.site-x.com/anna ok", "see xurlx ok", "URL masked"),
        ("１２３ ｆｕｌｌ width", "0 full width", "full-width digits and letters folded (NFKC)"),
    ],
)
def test_normalize(raw: str, expected: str, why: str) -> None:
    assert normalize(raw) == expected, why


def _sim(a: str, b: str) -> float:
    h, o = shingle_hashes([normalize(a), normalize(b)])
    sig = MinHasher().signatures(h, o, 2)
    return float(similarity(sig, np.array([0]), np.array([1]))[0])


BASE = "sweet new girl in town tonight only, discreet apartment near the station, call me for incall and outcall any time"


@pytest.mark.parametrize(
    ("other", "low", "high", "why"),
    [
        (BASE, 0.99, 1.0, "identical text"),
        (BASE.replace("call me", "call me on +48 600 100 200"), 0.75, 1.0, "a phone added is masked: still near-identical"),
        (BASE.replace("tonight", "this week"), 0.7, 1.0, "one slot changed"),
        ("selling a red bicycle with new brakes and lights, pick up only in the evening, cash please, no delivery", 0.0,
         0.1, "unrelated text"),
    ],
)
def test_similarity_table(other: str, low: float, high: float, why: str) -> None:
    assert low <= _sim(BASE, other) <= high, why


def test_short_texts_never_link() -> None:
    h, _ = shingle_hashes([normalize("call me now"), normalize("call me now")])
    assert h.size == 0, "texts under MIN_TOKENS words are too generic to link"


def _pairs(labels: dict[str, int]) -> set[tuple[str, str]]:
    by: dict[int, list[str]] = {}
    for p, lab in labels.items():
        by.setdefault(lab, []).append(p)
    return {tuple(sorted(x)) for m in by.values() for x in itertools.combinations(m, 2)}  # type: ignore[misc]


def _run(posts: list[Post], ents: dict[str, list[Entity]], batches: int = 1) -> tuple[LinkState, list]:
    state, links = LinkState(), []
    step = -(-len(posts) // batches)
    for i in range(0, len(posts), step):
        links += update(state, posts[i : i + step], ents)
    return state, links


@pytest.mark.parametrize("batches", [1, 3])
def test_networks_recovered_pairwise(batches: int) -> None:
    posts, ents, truth = make_world(networks=4, independents=6)
    state, links = _run(posts, ents, batches)
    _, grouping = finalize(state)
    pred = {pid: int(grouping.network[state.pos[pid]]) for pid in truth}
    true_pairs, pred_pairs = _pairs(truth), _pairs(pred)
    assert true_pairs and pred_pairs
    precision = len(true_pairs & pred_pairs) / len(pred_pairs)
    recall = len(true_pairs & pred_pairs) / len(true_pairs)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)
    assert {x.type for x in links} >= {"phone", "text"}
    assert all(x.evidence for x in links), "every link carries its evidence"


def test_hub_number_does_not_join_networks() -> None:
    posts, ents, truth = make_world(networks=4, independents=30, hub_posts=70)
    state, links = _run(posts, ents)
    changes, grouping = finalize(state)
    hub = state.ident_pos["phone\x1f+4930000000"]
    assert grouping.hubs[hub], "a number in 70 posts across 34 personas is a hub"
    nets = {int(grouping.network[state.pos[p]]) for p, n in truth.items() if n < 0}
    assert len(nets) >= 25, "independents sharing only the site's number stay apart"
    assert any(x.type == "phone" and x.evidence["value"] == "+4930000000" for x in links), "kept as evidence"
    listed = [h for g in changes.upsert if g.kind == "network" for h in g.summary["hubs"]]
    assert {"type": "phone", "value": "+4930000000", "posts": 66} in listed, "networks name the hubs they touch"


def test_incremental_keeps_ids_of_unchanged_groups() -> None:
    posts, ents, _ = make_world(networks=4, independents=4)
    first = [p for p in posts if ents[p.id][0].value != ents[posts[0].id][0].value]
    state, _ = _run(first, ents)
    changes1, _ = finalize(state)
    ids1 = {g.id: g.post_ids for g in changes1.upsert}
    rest = [p for p in posts if p not in first]
    update(state, rest, ents)
    changes2, _ = finalize(state)
    assert changes2.unchanged > 0, "groups the new posts do not touch are not rewritten"
    for g in changes2.upsert:
        assert set(g.post_ids) & {p.id for p in rest}, "only groups with new members change"
    kept = set(ids1) - set(changes2.remove)
    assert all(ids1[k] for k in kept)
    again, _ = finalize(state)
    assert not again.upsert and not again.remove, "finalize twice: nothing changes"


def test_refeeding_a_post_replaces_its_edges() -> None:
    posts, ents, _ = make_world(networks=1, independents=0)
    state, _ = _run(posts, ents)
    n_edges = state.ip_post.size
    update(state, posts[:2], ents)
    assert state.ip_post.size == n_edges and state.n_posts == len(posts)
