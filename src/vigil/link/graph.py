"""From links to groups: near-duplicate clusters and networks, with stable ids.

Why two tiers: strong links (a shared non-hub phone, e-mail, wallet or handle; the same or a
near-identical picture; a near-identical text) join posts into *cores* on their own. Weak links
(an author name seen on two sites, a merely similar text) join two cores only when their summed
strength reaches ``weak_join``, so one stray weak link cannot bridge two unrelated networks, and
hub identifiers never join anything. Components are computed with ``scipy.sparse.csgraph`` over
the whole index in a second or two even for a million posts; what is incremental is everything
before (signatures, buckets, identifier and image edges) and everything after: only groups whose
membership changed are rewritten (compared by a membership digest), and a group's id comes from
its smallest member (``vigil.ids.group_id``), so unchanged groups keep their ids across runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from vigil.ids import group_id
from vigil.link import identifiers as idf
from vigil.link.bridges import find_bridges
from vigil.link.index import LinkState
from vigil.model import Group, GroupKind


def components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected-component label of each of ``n`` nodes given undirected edges a–b."""
    if n == 0:
        return np.empty(0, dtype=np.int64)
    m = coo_matrix((np.ones(a.size, dtype=np.int8), (a, b)), shape=(n, n)).tocsr()
    return connected_components(m, directed=False)[1].astype(np.int64)


@dataclass(slots=True)
class Grouping:
    cluster: np.ndarray  # component label per post (text near-duplicates)
    network: np.ndarray  # component label per post
    ident_posts: np.ndarray  # posts per identifier
    hubs: np.ndarray  # bool per identifier
    image_cluster: np.ndarray  # near-duplicate picture group per image


def _dense(labels: np.ndarray) -> np.ndarray:
    return np.unique(labels, return_inverse=True)[1].astype(np.int64) if labels.size else labels


def _spread(ident: np.ndarray, core: np.ndarray, n_id: int) -> np.ndarray:
    """For each identifier, the number of distinct cores among the posts that carry it."""
    if ident.size == 0:
        return np.zeros(n_id, dtype=np.int64)
    pairs = np.unique(np.stack([ident, core], axis=1), axis=0)
    return np.bincount(pairs[:, 0], minlength=n_id)


PAIR_CORES = 8  # a shared piece of weak evidence spanning at most this many cores links each two of them


def _all_pairs(key: np.ndarray, core: np.ndarray, offset: int,
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


def compute(state: LinkState) -> Grouping:
    """Clusters, hubs, cores and networks for the whole index (see the module docstring)."""
    cfg = state.config
    n, n_id = state.n_posts, len(state.idents)
    cluster = components(n, state.text_a, state.text_b)
    ident_posts = np.bincount(state.ip_ident, minlength=n_id)
    # a persona: the advertised name, else the near-duplicate text cluster
    persona = np.where(state.persona >= 0, state.persona, len(state.persona_pos) + cluster)
    personas = idf.count_personas(state.ip_ident, persona[state.ip_post], n_id)
    hubs = idf.hub_mask(ident_posts, personas, cfg.hub)
    plats = state.handle_platforms
    strength = np.array([(idf.BARE_STRENGTH if idf.bare_links(k[5:], plats) else 0.0) if k.startswith("bare\x1f") else
                         idf.STRENGTH.get(k.split("\x1f", 1)[0], 0.5) for k in state.idents], dtype=np.float32)  # fmt: skip
    strong_id = (strength >= idf.STRONG_MIN) & ~hubs if n_id else np.zeros(0, bool)
    sel = strong_id[state.ip_ident] if n_id else np.zeros(0, bool)
    has_contact = np.zeros(n, dtype=bool)
    has_contact[state.ip_post[sel]] = True
    # near-identical texts join on their own only when one side shows no contact: two posts with
    # different phones and one boilerplate are two advertisers using a template, not one network
    # ... unless both advertise the same name: one persona moved to a new number
    both = has_contact[state.text_a] & has_contact[state.text_b]
    named = (state.persona[state.text_a] >= 0) & (state.persona[state.text_a] == state.persona[state.text_b])
    near = state.text_s >= cfg.text_strong
    # ... and only when the text is not a boilerplate that many unrelated contacts use (a spam or
    # job template shared across operations): then it is weak evidence, like a stock photo
    id_core = components(n + n_id, state.ip_post[sel], state.ip_ident[sel] + n)[:n]
    tc = np.unique(np.stack([cluster[has_contact], id_core[has_contact]], axis=1), axis=0)
    boiler = np.bincount(tc[:, 0], minlength=n) > cfg.text_max_cores if tc.size else np.zeros(n, bool)
    boiler_t = boiler[cluster[state.text_a]] if n else np.zeros(0, bool)
    strong_t = near & ((~both & ~boiler_t) | named)
    core0 = components(n + n_id, np.concatenate([state.text_a[strong_t], state.ip_post[sel]]),
                       np.concatenate([state.text_b[strong_t], state.ip_ident[sel] + n]))[:n]  # fmt: skip

    # pictures: a near-duplicate group whose contact-bearing posts lie in one core joins its posts;
    # one seen under two unrelated contacts (a stock photo, or a persona moved to a new number) is
    # weak evidence that needs corroboration
    image_cluster = components(len(state.images), state.img_a, state.img_b)
    n_ic = int(image_cluster.max()) + 1 if image_cluster.size else 0
    pc = np.unique(np.stack([state.pm_post, image_cluster[state.pm_img]], axis=1), axis=0) \
        if state.pm_post.size else np.empty((0, 2), np.int64)  # fmt: skip
    pc_post, pc_ic = pc[:, 0], pc[:, 1]
    cp = has_contact[pc_post]
    ic_core = np.unique(np.stack([pc_ic[cp], core0[pc_post[cp]]], axis=1), axis=0) if cp.any() else np.empty((0, 2), np.int64)
    ambiguous = np.bincount(ic_core[:, 0], minlength=n_ic) >= cfg.image_max_cores + 1
    img_strong = ~ambiguous[pc_ic]
    a = np.concatenate([state.text_a[strong_t], state.ip_post[sel], pc_post[img_strong]])
    b = np.concatenate([state.text_b[strong_t], state.ip_ident[sel] + n, pc_ic[img_strong] + n + n_id])
    labels = components(n + n_id + n_ic, a, b)
    bridges = find_bridges(labels, a, b, n, n, n + n_id, support=(state.text_a, state.text_b))
    if bridges:  # cut stray identifiers that alone chain separate networks; they become hubs
        cut = np.isin(b, np.fromiter(bridges, dtype=np.int64))
        a, b = a[~cut], b[~cut]
        labels = components(n + n_id + n_ic, a, b)
        hubs = hubs.copy()
        hubs[np.fromiter(bridges, dtype=np.int64) - n] = True
        strong_id = strong_id & ~hubs
    core = _dense(labels[:n])

    # weak evidence between cores; each piece (an author name, a picture group, a text cluster, a name)
    # counts once per pair of cores
    weak_id = ~strong_id & ~hubs & (strength > 0) if n_id else np.zeros(0, bool)
    wsel = weak_id[state.ip_ident] if n_id else np.zeros(0, bool)
    first = np.asarray(state.ident_first, dtype=np.int64)
    rep = np.full(n_ic, n, dtype=np.int64)
    np.minimum.at(rep, pc_ic, pc_post)
    amb = ~img_strong
    weak_t = ~strong_t & ~both
    same_name = both & named & ~strong_t
    n_text = n  # text keys: cluster labels (< n)
    # a weak identifier (an author name) seen in many cores is a common name, not a shared account:
    # its weight shrinks with the number of cores it spans (full weight between two cores only)
    spread = _spread(state.ip_ident[wsel], core[state.ip_post[wsel]], n_id)
    parts = [  # (core a, core b, weight, evidence key)
        (core[state.ip_post[wsel]], core[first[state.ip_ident[wsel]]] if wsel.any() else np.empty(0, np.int64),
         strength[state.ip_ident[wsel]] / np.maximum(spread[state.ip_ident[wsel]] - 1, 1), state.ip_ident[wsel]),
        (core[pc_post[amb]], core[rep[pc_ic[amb]]] if amb.any() else np.empty(0, np.int64),
         np.ones(int(amb.sum())), n_id + pc_ic[amb]),
        _all_pairs(pc_ic[amb], core[pc_post[amb]], n_id),  # ... and between every two of its few cores
        (core[state.text_a[weak_t]], core[state.text_b[weak_t]], state.text_s[weak_t],
         n_id + n_ic + cluster[state.text_a[weak_t]]),  # one similar text counts once per pair of cores
        (core[state.text_a[same_name]], core[state.text_b[same_name]], state.text_s[same_name],
         n_id + n_ic + n_text + state.persona[state.text_a[same_name]]),
    ]  # fmt: skip
    wa = np.concatenate([p[0] for p in parts]).astype(np.int64)
    wb = np.concatenate([p[1] for p in parts]).astype(np.int64)
    ww = np.concatenate([p[2] for p in parts]).astype(np.float64)
    evid = np.concatenate([p[3] for p in parts]).astype(np.int64)
    diff = wa != wb
    wa, wb, ww, evid = np.minimum(wa, wb)[diff], np.maximum(wa, wb)[diff], ww[diff], evid[diff]
    n_core = int(core.max()) + 1 if n else 0
    if wa.size:
        _, once = np.unique(np.stack([wa, wb, evid], axis=1), axis=0, return_index=True)
        wa, wb, ww = wa[once], wb[once], ww[once]
        keys, inv = np.unique(wa * n_core + wb, return_inverse=True)
        total = np.bincount(inv, weights=ww)
        join = keys[total >= cfg.weak_join]
        net_of_core = components(n_core, join // n_core, join % n_core)
    else:
        net_of_core = np.arange(n_core, dtype=np.int64)
    network = net_of_core[core] if n else core
    w_id = strength[state.ip_ident[wsel]] / np.maximum(spread[state.ip_ident[wsel]] - 1, 1) if wsel.any() else np.empty(0)
    evidence = (  # (post, post, weight, key) pieces a contactless post can lean on, besides its pictures
        (state.text_a, state.text_b, state.text_s.astype(np.float64), cluster[state.text_a]),
        (state.ip_post[wsel], first[state.ip_ident[wsel]] if wsel.any() else np.empty(0, np.int64), w_id,
         n + state.ip_ident[wsel]),
    )  # fmt: skip
    network = attach_contactless(network, core, has_contact, evidence, pc_post, pc_ic, cfg.attach_min)
    return Grouping(cluster, network, ident_posts, hubs, image_cluster)


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


@dataclass(slots=True)
class GroupChanges:
    """Groups to (re)write and ids of groups that no longer exist."""

    upsert: list[Group] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    unchanged: int = 0


def _post_keys(post_ids: list[str]) -> np.ndarray:
    return np.fromiter((int(p[1:16], 16) if len(p) >= 16 else hash(p) & 0x7FFFFFFFFFFFFFF for p in post_ids),
                       dtype=np.int64, count=len(post_ids))  # fmt: skip


SummaryFn = Callable[[np.ndarray], dict]


def _groups_of(kind: str, labels: np.ndarray, keys: np.ndarray, post_ids: list[str],
               previous: dict[str, str], digests: dict[str, str], out: GroupChanges,
               summary_of: SummaryFn | None) -> dict[int, str]:  # fmt: skip
    order = np.argsort(labels, kind="stable")
    lab = labels[order]
    starts = np.flatnonzero(np.concatenate(([True], lab[1:] != lab[:-1]))) if lab.size else np.empty(0, np.int64)
    sizes = np.diff(np.concatenate((starts, [lab.size])))
    big = sizes >= 2
    gids: dict[int, str] = {}
    if not big.any():
        return gids
    mixed = keys[order] * np.int64(0x5851F42D4C957F2D)
    xor = np.bitwise_xor.reduceat(mixed, starts)
    for s, size, x in zip(starts[big].tolist(), sizes[big].tolist(), xor[big].tolist(), strict=True):
        member_idx = order[s : s + size]
        members = [post_ids[i] for i in member_idx.tolist()]
        gid = group_id(kind, members)
        gids[int(lab[s])] = gid
        digest = f"{size}:{x & 0xFFFFFFFFFFFFFFFF:016x}"
        digests[gid] = digest
        if previous.get(gid) == digest:
            out.unchanged += 1
            continue
        summary = summary_of(member_idx) if summary_of else {}
        out.upsert.append(Group(gid, kind, tuple(sorted(members)), summary=summary))
    return gids


def finalize(state: LinkState) -> tuple[GroupChanges, Grouping]:
    """Recompute the grouping and return only the groups that changed since the last call."""
    grouping = compute(state)
    keys = _post_keys(state.post_ids)
    digests: dict[str, str] = {}
    out = GroupChanges()
    cluster_gid = _groups_of(GroupKind.CLUSTER.value, grouping.cluster, keys, state.post_ids, state.group_digests,
                             digests, out, None)  # fmt: skip
    by_post = np.argsort(state.ip_post, kind="stable")
    sorted_posts = state.ip_post[by_post]
    by_img_post = np.argsort(state.pm_post, kind="stable")
    sorted_img_posts = state.pm_post[by_img_post]

    def network_summary(member_idx: np.ndarray) -> dict:
        lo = np.searchsorted(sorted_posts, member_idx, side="left")
        hi = np.searchsorted(sorted_posts, member_idx, side="right")
        idents = {int(state.ip_ident[by_post[k]]) for x, y in zip(lo.tolist(), hi.tolist(), strict=True)
                  for k in range(x, y)}  # fmt: skip
        hubs = []
        for j in sorted(idents):
            if grouping.hubs[j]:
                kind, value = state.idents[j].split("\x1f", 1)
                hubs.append({"type": kind, "value": value, "posts": int(grouping.ident_posts[j])})
        clusters = {state.post_ids[i]: cluster_gid[c] for i in member_idx.tolist()
                    if (c := int(grouping.cluster[i])) in cluster_gid}  # fmt: skip
        lo = np.searchsorted(sorted_img_posts, member_idx, side="left")
        hi = np.searchsorted(sorted_img_posts, member_idx, side="right")
        images: dict[str, list[str]] = {}
        for i, x, y in zip(member_idx.tolist(), lo.tolist(), hi.tolist(), strict=True):
            if y > x:
                labels = {int(grouping.image_cluster[state.pm_img[by_img_post[k]]]) for k in range(x, y)}
                images[state.post_ids[i]] = [f"i{lab}" for lab in sorted(labels)]
        return {"hubs": hubs, "cluster_of": clusters, "images_of": images}

    _groups_of(GroupKind.NETWORK.value, grouping.network, keys, state.post_ids, state.group_digests, digests, out,
               network_summary)  # fmt: skip
    out.remove = sorted(set(state.group_digests) - set(digests))
    state.group_digests = digests
    return out, grouping


def hub_identifiers(state: LinkState, grouping: Grouping) -> list[dict[str, object]]:
    """The identifiers treated as hubs, for the dossier and the report."""
    out = []
    for j in np.flatnonzero(grouping.hubs).tolist():
        kind, value = state.idents[j].split("\x1f", 1)
        out.append({"type": kind, "value": value, "posts": int(grouping.ident_posts[j])})
    return sorted(out, key=lambda d: -int(d["posts"]))  # type: ignore[call-overload]
