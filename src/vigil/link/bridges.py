"""Weak bridges: identifiers that alone hold two otherwise separate groups of posts together.

Why: one misread handle ('telegram:teleg' cut from 'Telegram: teleg: r a k a'), a number
pasted into the wrong ad, or a shared driver's phone can chain two or three real networks into
one. Such an identifier is a cut vertex of its component's graph, and on each side it touches
only a few of the posts; a controller's own handle, which bridges the groups of her rotating
numbers, is a cut vertex too but appears in most posts on both sides, so it stays. So does one
whose sides are *corroborated*: posts on two sides share a near-duplicate text (a recruiter's one
job ad under her two numbers and, in three of its posts, her e-mail): a stray identifier pasted
between two unrelated operations has nothing else in common with both.

Only components of at least ``min_posts`` posts are examined (``networkx`` articulation points,
linear in the component's size), so the cost stays small even for a million posts.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

MIN_POSTS = 20  # smaller components are not examined
MIN_SIDE = 5  # both sides must hold at least this many posts
MAX_SHARE = 0.25  # ... and the identifier must be in at most this share of each side's posts


def find_bridges(labels: np.ndarray, a: np.ndarray, b: np.ndarray, n_posts: int, ident_lo: int, ident_hi: int,
                 min_posts: int = MIN_POSTS, support: tuple[np.ndarray, np.ndarray] | None = None) -> set[int]:  # fmt: skip
    """Identifier nodes (``ident_lo <= node < ident_hi``) that are weak bridges, as node ids.

    ``support``: post–post edges (near-duplicate texts) that corroborate a bridge between the sides they join.
    """
    if a.size == 0:
        return set()
    sizes = np.bincount(labels[:n_posts], minlength=int(labels.max()) + 1)
    big = np.flatnonzero(sizes >= min_posts)
    if big.size == 0:
        return set()
    lab = labels[a]
    sel = np.isin(lab, big)
    ea, eb, el = a[sel], b[sel], lab[sel]
    order = np.argsort(el, kind="stable")
    ea, eb, el = ea[order], eb[order], el[order]
    starts = np.flatnonzero(np.concatenate(([True], el[1:] != el[:-1])))
    ends = np.concatenate((starts[1:], [el.size]))
    sa, sb = support if support is not None else (np.empty(0, np.int64), np.empty(0, np.int64))
    keep = np.isin(labels[sa], big) & (labels[sa] == labels[sb]) if sa.size else np.zeros(0, bool)
    sa, sb = sa[keep], sb[keep]
    by = np.argsort(labels[sa], kind="stable")  # support edges grouped by component, sliced per component
    sa, sb = sa[by], sb[by]
    sl = labels[sa]
    out: set[int] = set()
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        g = nx.Graph()
        g.add_edges_from(zip(ea[s:e].tolist(), eb[s:e].tolist(), strict=True))
        lo, hi = np.searchsorted(sl, el[s], side="left"), np.searchsorted(sl, el[s], side="right")
        pairs = list(zip(sa[lo:hi].tolist(), sb[lo:hi].tolist(), strict=True))
        for node in nx.articulation_points(g):
            if ident_lo <= node < ident_hi and _weak(g, node, n_posts, pairs):
                out.add(node)
    return out


def _weak(g: nx.Graph, node: int, n_posts: int, support: list[tuple[int, int]]) -> bool:
    touched = set(g.neighbors(node))
    h = g.copy()
    h.remove_node(node)
    side_of: dict[int, int] = {}
    for k, comp in enumerate(nx.connected_components(h)):
        posts = [x for x in comp if x < n_posts]
        if len(posts) < MIN_SIDE:
            continue
        if len(touched.intersection(posts)) > MAX_SHARE * len(posts):
            return False  # it is in most posts of a big side: a real shared contact, not a stray one
        side_of.update(dict.fromkeys(posts, k))
    if len(set(side_of.values())) < 2:
        return False
    # corroborated: two of the big sides also share a near-duplicate text
    return not any(side_of.get(x, -1) != side_of.get(y, -1) and x in side_of and y in side_of for x, y in support)
