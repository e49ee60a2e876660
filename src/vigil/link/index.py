"""The link index: everything the link stage remembers between batches, and how a batch updates it.

Pure: ``update(state, batch)`` takes posts with their entities and image hashes and returns the new
links (with evidence); the state holds numpy arrays (MinHash signatures, sorted LSH bucket keys,
post–identifier and post–image edges) so that a day's posts are linked against millions of
earlier ones without recomputing them. Re-feeding a post (a new version) replaces its edges.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from vigil.link import identifiers as idf
from vigil.link.images import match_new
from vigil.link.minhash import MinHasher, has_text, similarity
from vigil.link.shingles import normalize, shingle_hashes
from vigil.link.style import DIMS as style_dims
from vigil.link.style import profiles as style_profiles
from vigil.model import Entity, Link, Post

ImageRef = tuple[str, str, int, int]  # (reference, sha256, pHash, dHash)
TEXT_EVIDENCE = 3  # text links written per post (the index keeps every edge for grouping)


@dataclass(frozen=True, slots=True)
class LinkConfig:
    hasher: MinHasher = field(default_factory=MinHasher)
    text_min: float = 0.5  # estimated Jaccard for a 'text' link (and a near-duplicate cluster)
    text_strong: float = 0.85  # ... for a text link to join networks on its own (shared phrasing is not enough)
    image_max_cores: int = 1  # a picture seen under more contact groups than this needs corroboration
    text_max_cores: int = 2  # ... and a text cluster (a boilerplate shared across operations)
    weak_join: float = 1.5  # summed weak-link strength needed to join two cores (one weak link never does)
    style_weight: float = 0.5  # the most a similar writing style adds to other weak evidence (never joins alone)
    style_min: float = 0.9  # profile cosine from which style adds anything
    style_full: float = 0.98  # ... and from which it adds its full weight
    style_need: float = 1.0  # ... and only to pairs of cores already holding this much other weak evidence
    attach_min: float = 1.0  # ... for a contactless post to join the one network its evidence points to
    hub: idf.HubRule = field(default_factory=idf.HubRule)


def _empty(dtype: type) -> np.ndarray:
    return np.empty(0, dtype=dtype)


@dataclass
class LinkState:
    config: LinkConfig = field(default_factory=LinkConfig)
    post_ids: list[str] = field(default_factory=list)
    pos: dict[str, int] = field(default_factory=dict)
    source: list[str] = field(default_factory=list)
    sig: np.ndarray = field(default_factory=lambda: np.empty((0, LinkConfig().hasher.num_perm), np.uint32))
    lsh_keys: np.ndarray = field(default_factory=lambda: _empty(np.uint64))  # sorted
    lsh_rep: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    text_a: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    text_b: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    text_s: np.ndarray = field(default_factory=lambda: _empty(np.float32))
    idents: list[str] = field(default_factory=list)  # "type\x1fvalue"
    ident_pos: dict[str, int] = field(default_factory=dict)
    ident_first: list[int] = field(default_factory=list)  # first post carrying it
    ip_post: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    ip_ident: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    images: list[str] = field(default_factory=list)  # sha256
    image_pos: dict[str, int] = field(default_factory=dict)
    image_first: list[int] = field(default_factory=list)
    img_ph: np.ndarray = field(default_factory=lambda: _empty(np.uint64))
    img_dh: np.ndarray = field(default_factory=lambda: _empty(np.uint64))
    pm_post: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    pm_img: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    img_a: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    img_b: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    persona: np.ndarray = field(default_factory=lambda: _empty(np.int64))  # name id per post, -1 = none
    style: np.ndarray = field(default_factory=lambda: np.empty((0, style_dims), np.int8))  # per post, see link.style
    persona_pos: dict[str, int] = field(default_factory=dict)
    group_digests: dict[str, str] = field(default_factory=dict)  # group id -> membership digest
    handle_platforms: dict[str, set[str]] = field(default_factory=dict)  # name -> platforms it is a handle on

    @property
    def n_posts(self) -> int:
        return len(self.post_ids)


def _drop_posts(state: LinkState, idx: np.ndarray) -> None:
    """Forget the edges of posts that are fed again (a new version replaces the old)."""
    if idx.size == 0:
        return
    keep = ~np.isin(state.text_a, idx) & ~np.isin(state.text_b, idx)
    state.text_a, state.text_b, state.text_s = state.text_a[keep], state.text_b[keep], state.text_s[keep]
    keep = ~np.isin(state.ip_post, idx)
    state.ip_post, state.ip_ident = state.ip_post[keep], state.ip_ident[keep]
    keep = ~np.isin(state.pm_post, idx)
    state.pm_post, state.pm_img = state.pm_post[keep], state.pm_img[keep]


def _text_links(state: LinkState, idx: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Candidate (post, representative) pairs from LSH buckets; inserts the new keys."""
    cfg = state.config
    bands = keys.shape[1]
    flat_keys = keys.reshape(-1)
    flat_post = np.repeat(idx, bands)
    ok = np.repeat(has_text(state.sig[idx]), bands)
    flat_keys, flat_post = flat_keys[ok], flat_post[ok]
    if state.lsh_keys.size:
        pos = np.minimum(np.searchsorted(state.lsh_keys, flat_keys), state.lsh_keys.size - 1)
        found = state.lsh_keys[pos] == flat_keys
        reps = np.where(found, state.lsh_rep[pos], -1)
    else:
        found = np.zeros(flat_keys.size, dtype=bool)
        reps = np.full(flat_keys.size, -1, dtype=np.int64)
    # keys new to the index: the first post of the batch with that key is the bucket's representative
    new_k, first = np.unique(flat_keys[~found], return_index=True)
    new_rep = flat_post[~found][first]
    inv = np.searchsorted(new_k, flat_keys[~found])
    reps[~found] = new_rep[inv]
    a, b = flat_post, reps
    pair = a != b
    a, b = np.minimum(a[pair], b[pair]), np.maximum(a[pair], b[pair])
    if a.size:
        ab = np.unique(np.stack([a, b], axis=1), axis=0)
        a, b = ab[:, 0], ab[:, 1]
    if new_k.size:
        keys_all = np.concatenate([state.lsh_keys, new_k])
        rep_all = np.concatenate([state.lsh_rep, new_rep])
        order = np.argsort(keys_all, kind="stable")
        state.lsh_keys, state.lsh_rep = keys_all[order], rep_all[order]
    sims = similarity(state.sig, a, b)
    keep = sims >= cfg.text_min
    return np.stack([a[keep], b[keep]], axis=1), sims[keep]


def update(
    state: LinkState,
    posts: Sequence[Post],
    entities: Mapping[str, Sequence[Entity]],
    images: Mapping[str, Sequence[ImageRef]] | None = None,
) -> list[Link]:
    """Add a batch to the index (in place) and return the links it makes, with their evidence."""
    images = images or {}
    cfg = state.config
    idx_list: list[int] = []
    again: list[int] = []
    for p in posts:
        i = state.pos.get(p.id)
        if i is None:
            i = len(state.post_ids)
            state.pos[p.id] = i
            state.post_ids.append(p.id)
            state.source.append(p.source_id)
        else:
            again.append(i)
        idx_list.append(i)
    idx = np.asarray(idx_list, dtype=np.int64)
    _drop_posts(state, np.asarray(again, dtype=np.int64))
    grow = len(state.post_ids) - state.sig.shape[0]
    if grow > 0:
        state.sig = np.concatenate([state.sig, np.zeros((grow, cfg.hasher.num_perm), np.uint32)])
        state.persona = np.concatenate([state.persona, np.full(grow, -1, np.int64)])
    if state.style.shape[0] < len(state.post_ids):
        state.style = np.concatenate([state.style, np.zeros((len(state.post_ids) - state.style.shape[0], style_dims), np.int8)])
    for p, i in zip(posts, idx_list, strict=True):
        names = sorted(e.value.casefold() for e in entities.get(p.id, ()) if e.type == "name" and e.value)
        if names:
            state.persona[i] = state.persona_pos.setdefault(names[0], len(state.persona_pos))
    hashes, owner = shingle_hashes([normalize(f"{p.title} {p.text}") for p in posts])
    state.sig[idx] = cfg.hasher.signatures(hashes, owner, len(posts))
    state.style[idx] = style_profiles([f"{p.title}\n{p.text}" for p in posts])
    links: list[Link] = []

    pairs, sims = _text_links(state, idx, cfg.hasher.band_keys(state.sig[idx]))
    if pairs.size:
        state.text_a = np.concatenate([state.text_a, pairs[:, 0]])
        state.text_b = np.concatenate([state.text_b, pairs[:, 1]])
        state.text_s = np.concatenate([state.text_s, sims])
    ids = state.post_ids
    shown: dict[int, int] = {}
    for k in np.argsort(-sims, kind="stable").tolist():  # evidence: a post's few closest texts suffice
        a, b = int(pairs[k, 0]), int(pairs[k, 1])
        newer = max(a, b)
        if shown.get(newer, 0) >= TEXT_EVIDENCE:
            continue
        shown[newer] = shown.get(newer, 0) + 1
        s = round(float(sims[k]), 3)
        links.append(Link(ids[newer], ids[min(a, b)], "text", s, {"similarity": s,
                          "method": "minhash-lsh word bigrams, identifiers and digits masked"}))  # fmt: skip

    ip_p: list[int] = []
    ip_i: list[int] = []
    counts = np.bincount(state.ip_ident, minlength=len(state.idents)) if state.ip_ident.size else None
    for p, i in zip(posts, idx_list, strict=True):
        for kind, value, ent in idf.post_identifiers(p, entities.get(p.id, ())):
            key = f"{kind}\x1f{value}"
            j = state.ident_pos.get(key)
            if j is None:
                j = len(state.idents)
                state.ident_pos[key] = j
                state.idents.append(key)
                state.ident_first.append(i)
            ip_p.append(i)
            ip_i.append(j)
            idf.note_handle(state.handle_platforms, kind, value)
            first = state.ident_first[j]
            if kind == "bare" and not idf.bare_links(value, state.handle_platforms):
                continue  # a bare word links only once the same name is seen written as one platform's handle
            if first != i:
                n = int(counts[j]) + 1 if counts is not None and j < counts.size else 2
                hub = n > cfg.hub.max_posts
                ev = {"value": value, "posts_with_it": n, "hub": hub}
                if ent is not None:
                    ev.update(field=ent.field, span=[ent.start, ent.end], raw=ent.raw)
                strength = idf.hub_strength(kind, hub, n) if kind != "bare" else (0.3 if hub else idf.STRENGTH["bare"])
                links.append(Link(ids[i], ids[first], kind, strength, ev))
    state.ip_post = np.concatenate([state.ip_post, np.asarray(ip_p, np.int64)])
    state.ip_ident = np.concatenate([state.ip_ident, np.asarray(ip_i, np.int64)])
    links += _image_links(state, posts, idx_list, images)
    return links


def _image_links(state: LinkState, posts: Sequence[Post], idx_list: list[int],
                 images: Mapping[str, Sequence[ImageRef]]) -> list[Link]:  # fmt: skip
    new_from = len(state.images)
    pm_p: list[int] = []
    pm_m: list[int] = []
    ph: list[int] = []
    dh: list[int] = []
    refs: dict[tuple[int, int], str] = {}
    for p, i in zip(posts, idx_list, strict=True):
        for ref, sha, phash, dhash in images.get(p.id, ()):
            m = state.image_pos.get(sha)
            if m is None:
                m = len(state.images)
                state.image_pos[sha] = m
                state.images.append(sha)
                state.image_first.append(i)
                ph.append(phash)
                dh.append(dhash)
            pm_p.append(i)
            pm_m.append(m)
            refs[(i, m)] = ref
    state.pm_post = np.concatenate([state.pm_post, np.asarray(pm_p, np.int64)])
    state.pm_img = np.concatenate([state.pm_img, np.asarray(pm_m, np.int64)])
    state.img_ph = np.concatenate([state.img_ph, np.asarray(ph, np.uint64)])
    state.img_dh = np.concatenate([state.img_dh, np.asarray(dh, np.uint64)])
    matches = match_new(state.img_ph, state.img_dh, new_from)
    if matches:
        state.img_a = np.concatenate([state.img_a, np.asarray([m.a for m in matches], np.int64)])
        state.img_b = np.concatenate([state.img_b, np.asarray([m.b for m in matches], np.int64)])
    ids = state.post_ids
    links: list[Link] = []
    for (i, m), ref in refs.items():  # the same picture (same bytes) already used by another post
        first = state.image_first[m]
        if first != i:
            links.append(Link(ids[i], ids[first], "image", 1.0,
                              {"images": [ref, state.images[m]], "sha256": state.images[m], "phash_distance": 0,
                               "dhash_distance": 0}))  # fmt: skip
    for mt in matches:  # a near-duplicate picture: link the posts that first used each
        a, b = state.image_first[mt.a], state.image_first[mt.b]
        if a != b:
            links.append(Link(ids[b], ids[a], "image", mt.similarity,
                              {"images": [state.images[mt.b], state.images[mt.a]],
                               "phash_distance": mt.phash_distance, "dhash_distance": mt.dhash_distance}))  # fmt: skip
    return links
