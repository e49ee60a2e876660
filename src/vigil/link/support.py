"""Weak evidence between cores: how it is counted, and what it can do that strong links cannot.

Split from ``vigil.link.graph`` (which decides cores and networks) because each rule here answers
one way the harder synthetic world, and real ads, fool a plain sum of weak links: a common first
name used as the author under many numbers (``spread``), a persona's photo set reused under her
second and third numbers (``all_pairs``), the same way of writing in otherwise different texts
(``add_style``), a post whose number the extractor could not read (``attach_contactless``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from vigil.link.style import centroid_cosine

if TYPE_CHECKING:
    from vigil.link.index import LinkState


def spread(ident: np.ndarray, core: np.ndarray, n_id: int) -> np.ndarray:
    """For each identifier, the number of distinct cores among the posts that carry it."""
    if ident.size == 0:
        return np.zeros(n_id, dtype=np.int64)
    pairs = np.unique(np.stack([ident, core], axis=1), axis=0)
    return np.bincount(pairs[:, 0], minlength=n_id)


PAIR_CORES = 8  # a shared piece of weak evidence spanning at most this many cores links each two of them


def all_pairs(key: np.ndarray, core: np.ndarray, offset: int,
               max_cores: int = PAIR_CORES) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """(core a, core b, weight 1, evidence key) for every two cores sharing a key, for keys in few cores.

    Why: a star to the first post's core misses the pair of *other* cores that share two pictures
    (a persona's photos reused under her second and third numbers); a key in many cores (a stock
    photo) gets no pairs, only the star.
    """
    empty = np.empty(0, np.int64)
    if key.size == 0:
        return empty, empty, np.empty(0), empty
    u = np.unique(np.stack([key, core], axis=1), axis=0)
    k, c = u[:, 0], u[:, 1]
    counts = np.bincount(k)
    small = (counts[k] >= 2) & (counts[k] <= max_cores)
    k, c = k[small], c[small]
    out_a, out_b, out_k = [], [], []
    for d in range(1, max_cores):
        same = k[d:] == k[:-d] if k.size > d else np.zeros(0, bool)
        if not same.any():
            break
        out_a.append(c[:-d][same])
        out_b.append(c[d:][same])
        out_k.append(k[d:][same])
    if not out_a:
        return empty, empty, np.empty(0), empty
    a = np.concatenate(out_a)
    return a, np.concatenate(out_b), np.ones(a.size), offset + np.concatenate(out_k)


def add_style(state: LinkState, core: np.ndarray, keys: np.ndarray, total: np.ndarray, text_keys: np.ndarray,
               n_core: int) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Weak totals plus writing-style support; and the supported pairs as (core a, core b, weight).

    Style counts only for pairs that already hold ``style_need`` of other weak evidence, falls
    short of ``weak_join`` without it, and share no near-duplicate text (a shared template makes
    the style the same trivially): a picture under two numbers plus the same way of writing in
    otherwise different texts. It never joins two cores on its own.
    """
    cfg = state.config
    cand = (total >= cfg.style_need) & (total < cfg.weak_join) & ~np.isin(keys, text_keys)
    if not cand.any() or state.style.shape[0] < core.size:
        return total, np.empty((0, 3))
    a, b = keys[cand] // n_core, keys[cand] % n_core
    cos = centroid_cosine(state.style, core, a, b)
    bonus = cfg.style_weight * np.clip((cos - cfg.style_min) / (cfg.style_full - cfg.style_min), 0.0, 1.0)
    total = total.copy()
    total[cand] += bonus
    got = bonus > 0
    return total, np.stack([a[got], b[got], bonus[got]], axis=1)


def attach_contactless(network: np.ndarray, core: np.ndarray, has_contact: np.ndarray,
                       evidence: tuple[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], ...],
                       pc_post: np.ndarray, pc_ic: np.ndarray, attach_min: float) -> np.ndarray:  # fmt: skip
    """Move contactless posts left out of every contact network into the one network their evidence points to.

    Why: a post without a phone or handle (the number written as emoji, or left out) cannot show
    that it belongs to another advertiser; a picture or a similar text it shares with exactly one
    network, summing to ``attach_min`` and outweighing what points elsewhere, is enough to place it
    there; evidence split between networks places it nowhere. A picture points to the networks of *all* its contact-bearing
    posts, so a stock photo used under two networks points to both and attaches nothing.
    ``evidence``: (post, post, weight, key) pieces (texts, weak identifiers), each key counted once.
    """
    n = network.size
    if n == 0:
        return network
    lone_net = np.ones(int(network.max()) + 1, dtype=bool)  # networks without a contact-bearing post
    lone_net[network[has_contact]] = False
    lone = lone_net[network]
    if not lone.any():
        return network
    src, dst, wt, key = (np.concatenate(x) for x in zip(*evidence, strict=True))
    src, dst = src.astype(np.int64), dst.astype(np.int64)
    flip = ~lone[src] & lone[dst]  # orient each piece from its contactless end
    src, dst = np.where(flip, dst, src), np.where(flip, src, dst)
    ok = lone[src] & ~lone[dst]
    c_src, t_net, wt, key = core[src[ok]], network[dst[ok]], wt[ok].astype(np.float64), key[ok].astype(np.int64)
    if pc_post.size:  # pictures: toward the one network all their contact-bearing posts lie in
        cp = ~lone[pc_post]
        ic_net = np.unique(np.stack([pc_ic[cp], network[pc_post[cp]]], axis=1), axis=0)
        n_ic = int(pc_ic.max()) + 1
        nets = np.bincount(ic_net[:, 0], minlength=n_ic)
        only = np.full(n_ic, -1, dtype=np.int64)
        only[ic_net[:, 0]] = ic_net[:, 1]
        sel = lone[pc_post] & (nets[pc_ic] == 1)
        off = int(key.max()) + 1 if key.size else 0
        c_src = np.concatenate([c_src, core[pc_post[sel]]])
        t_net = np.concatenate([t_net, only[pc_ic[sel]]])
        wt = np.concatenate([wt, np.ones(int(sel.sum()))])
        key = np.concatenate([key, off + pc_ic[sel]])
    if c_src.size == 0:
        return network
    _, once = np.unique(np.stack([c_src, t_net, key], axis=1), axis=0, return_index=True)  # each piece once
    c_src, t_net, wt = c_src[once], t_net[once], wt[once]
    pairs, inv = np.unique(np.stack([c_src, t_net], axis=1), axis=0, return_inverse=True)
    total = np.bincount(inv.reshape(-1), weights=wt)
    n_core = int(core.max()) + 1
    # the strongest target must reach attach_min and outweigh all the others together
    order = np.lexsort((-total, pairs[:, 0]))
    pc, pt, tot = pairs[order, 0], pairs[order, 1], total[order]
    head = np.concatenate(([True], pc[1:] != pc[:-1]))
    rest = np.bincount(pc, weights=tot, minlength=n_core) - np.bincount(pc[head], weights=tot[head], minlength=n_core)
    go = head & (tot >= attach_min) & (tot > rest[pc])
    move = np.full(n_core, -1, dtype=np.int64)
    move[pc[go]] = pt[go]
    out = network.copy()
    moved = lone & (move[core] >= 0)
    out[moved] = move[core][moved]
    return out
