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
from vigil.link.support import add_style, all_pairs, attach_contactless, spread
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
    style: np.ndarray = field(default_factory=lambda: np.empty((0, 3)))  # (post a, post b, weight) style support


def _dense(labels: np.ndarray) -> np.ndarray:
    return np.unique(labels, return_inverse=True)[1].astype(np.int64) if labels.size else labels


def _strength(key: str, platforms: dict[str, set[str]]) -> float:
    """An identifier's base strength; a platform-less name (bare word, @mention) only when it names one account."""
    kind, _, value = key.partition("\x1f")
    if kind in ("bare", "mention"):
        return idf.STRENGTH[kind] if idf.bare_links(value, platforms) else 0.0
    return idf.STRENGTH.get(kind, 0.5)


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
    strength = np.array([_strength(k, plats) for k in state.idents], dtype=np.float32)
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
    wi, wp = state.ip_ident[wsel], state.ip_post[wsel]
    n_cores = spread(wi, core[wp], n_id)
    w_id = strength[wi] / np.maximum(n_cores[wi] - 1, 1)
    parts = [  # (core a, core b, weight, evidence key)
        (core[wp], core[first[wi]] if wsel.any() else np.empty(0, np.int64), w_id, wi),
        (core[pc_post[amb]], core[rep[pc_ic[amb]]] if amb.any() else np.empty(0, np.int64),
         np.ones(int(amb.sum())), n_id + pc_ic[amb]),
        all_pairs(pc_ic[amb], core[pc_post[amb]], n_id),  # ... and between every two of its few cores
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
    style_pairs = np.empty((0, 3))
    if wa.size:
        _, once = np.unique(np.stack([wa, wb, evid], axis=1), axis=0, return_index=True)
        wa, wb, ww = wa[once], wb[once], ww[once]
        keys, inv = np.unique(wa * n_core + wb, return_inverse=True)
        total = np.bincount(inv, weights=ww)
        text_keys = np.unique(np.minimum(core[state.text_a], core[state.text_b]) * n_core
                              + np.maximum(core[state.text_a], core[state.text_b]))  # fmt: skip
        total, style_pairs = add_style(state, core, keys, total, text_keys, n_core)
        join = keys[total >= cfg.weak_join]
        net_of_core = components(n_core, join // n_core, join % n_core)
    else:
        net_of_core = np.arange(n_core, dtype=np.int64)
    network = net_of_core[core] if n else core
    evidence = (  # (post, post, weight, key) pieces a contactless post can lean on, besides its pictures
        (state.text_a, state.text_b, state.text_s.astype(np.float64), cluster[state.text_a]),
        (wp, first[wi] if wsel.any() else np.empty(0, np.int64), w_id, n + wi),
    )  # fmt: skip
    network = attach_contactless(network, core, has_contact, evidence, pc_post, pc_ic, cfg.attach_min)
    if style_pairs.size:  # name each supported pair of cores by their first posts, for the dossier
        first_post = np.full(n_core, n, dtype=np.int64)
        np.minimum.at(first_post, core, np.arange(n))
        style_pairs = np.stack([first_post[style_pairs[:, 0].astype(np.int64)],
                                first_post[style_pairs[:, 1].astype(np.int64)], style_pairs[:, 2]], axis=1)  # fmt: skip
    return Grouping(cluster, network, ident_posts, hubs, image_cluster, style_pairs)


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
        out: dict = {"hubs": hubs, "cluster_of": clusters, "images_of": images}
        if grouping.style.size:
            mem = set(member_idx.tolist())
            style = [{"a": state.post_ids[int(a)], "b": state.post_ids[int(b)], "weight": round(float(w), 3),
                      "method": "character-shape 3-gram profiles, identifiers and digits masked; supporting only"}
                     for a, b, w in grouping.style.tolist() if int(a) in mem and int(b) in mem]  # fmt: skip
            if style:
                out["style"] = style
        return out

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
