"""Distinct advertised persons in a network, and where each of them was advertised when.

Why names first: one phone behind several names (or ages) is the classic sign of one controller
advertising several people; the same picture under two names is the opposite sign (one persona
re-used). A person is therefore a name (split when the ages given for it are too far apart),
and posts that name nobody join the person whose picture or near-duplicate text they share, or
else form an unnamed persona of their own. An estimate for an investigator, never a count of
people that could stand on its own.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from vigil.model import Entity, Post

AGE_SPREAD = 3  # ages further apart than this under one name are two people


def _pid(kind: str, posts: Sequence[str]) -> str:
    return "h" + hashlib.sha256(f"{kind}\x1f{min(posts)}".encode()).hexdigest()[:10]


def city_of(post: Post, ents: Sequence[Entity]) -> str | None:
    """The post's city: the first place entity (gazetteer name), else the post's location."""
    for e in ents:
        if e.type == "place":
            return str(e.attrs.get("name") or e.value)
    return post.location.strip() if post.location and post.location.strip() else None


def _ages(ents: Sequence[Entity]) -> list[int]:
    out = []
    for e in ents:
        if e.type == "age":
            try:
                out.append(int(float(e.value)))
            except ValueError:
                continue
    return out


def _split_by_age(posts: list[str], age_of: Mapping[str, list[int]]) -> list[list[str]]:
    aged = sorted((min(age_of[p]), p) for p in posts if age_of.get(p))
    if not aged:
        return [posts]
    bands: list[list[str]] = [[aged[0][1]]]
    last = aged[0][0]
    for age, p in aged[1:]:
        if age - last > AGE_SPREAD:
            bands.append([])
        bands[-1].append(p)
        last = age
    largest = max(bands, key=len)
    largest.extend(p for p in posts if not age_of.get(p))
    return bands


def _merge_by_pictures(persons: list[tuple[set[str], set[str]]], pics: Mapping[str, Sequence[str]]) -> list:
    """Names whose posts show the same (or a near-duplicate) picture are one person's aliases."""
    parent = list(range(len(persons)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    owner: dict[str, int] = {}
    for k, (_, pids) in enumerate(persons):
        for pid in sorted(pids):
            for pic in pics.get(pid, ()):
                if pic in owner:
                    parent[root(k)] = root(owner[pic])
                else:
                    owner[pic] = k
    merged: dict[int, tuple[set[str], set[str]]] = {}
    for k, (names, pids) in enumerate(persons):
        m = merged.setdefault(root(k), (set(), set()))
        m[0].update(names)
        m[1].update(pids)
    return list(merged.values())


def find_persons(
    posts: Sequence[Post], entities: Mapping[str, Sequence[Entity]], cluster_of: Mapping[str, str],
    images_of: Mapping[str, Sequence[str]] | None = None,
) -> list[dict[str, Any]]:
    """``[{"id", "names", "ages", "images", "cities", "posts"}]``, most posts first.

    ``images_of`` maps a post to its pictures' near-duplicate groups (from the link stage); the
    post's own image references are used as well.
    """
    names_of = {p.id: sorted({e.value.strip().casefold() for e in entities.get(p.id, ()) if e.type == "name" and e.value})
                for p in posts}  # fmt: skip
    age_of = {p.id: _ages(entities.get(p.id, ())) for p in posts}
    by_name: dict[str, list[str]] = defaultdict(list)
    for p in posts:
        for n in names_of[p.id]:
            by_name[n].append(p.id)
    persons: list[tuple[set[str], set[str]]] = []  # (names, post ids)
    for name, pids in sorted(by_name.items()):
        for band in _split_by_age(pids, age_of):
            if band:
                persons.append(({name}, set(band)))
    pics = {p.id: [*p.images, *((images_of or {}).get(p.id, ()))] for p in posts}
    persons = _merge_by_pictures(persons, pics)
    owner_of_image: dict[str, set[int]] = defaultdict(set)
    owner_of_cluster: dict[str, set[int]] = defaultdict(set)
    by_id = {p.id: p for p in posts}
    for k, (_, pids) in enumerate(persons):
        for pid in pids:
            for ref in pics[pid]:
                owner_of_image[ref].add(k)
            if pid in cluster_of:
                owner_of_cluster[cluster_of[pid]].add(k)
    unnamed: dict[str, set[str]] = defaultdict(set)
    for p in posts:
        if names_of[p.id]:
            continue
        owners = set().union(*(owner_of_image.get(r, set()) for r in pics[p.id])) if pics[p.id] else set()
        if len(owners) != 1 and p.id in cluster_of:
            owners = owner_of_cluster.get(cluster_of[p.id], set())
        if len(owners) == 1:
            persons[next(iter(owners))][1].add(p.id)
        else:
            unnamed[cluster_of.get(p.id) or (pics[p.id][0] if pics[p.id] else p.id)].add(p.id)
    persons += [(set(), pids) for pids in unnamed.values()]
    out = []
    for names, pids in persons:
        ps = sorted(pids)
        out.append({
            "id": _pid("person", ps),
            "names": sorted(names),
            "ages": sorted({a for p in ps for a in age_of[p]}),
            "images": sorted({r for p in ps for r in by_id[p].images}),
            "cities": sorted({c for p in ps if (c := city_of(by_id[p], entities.get(p, ())))}),
            "posts": ps,
        })  # fmt: skip
    return sorted(out, key=lambda d: (-len(d["posts"]), d["id"]))


def timeline(
    posts: Sequence[Post], entities: Mapping[str, Sequence[Entity]], persons: Sequence[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(events, circuits): who was advertised where and when, and each person's route of cities."""
    person_of: dict[str, list[str]] = defaultdict(list)
    for person in persons:
        for pid in person["posts"]:
            person_of[pid].append(person["id"])
    events = []
    for p in posts:
        when = p.posted_at or p.captured_at
        city = city_of(p, entities.get(p.id, ()))
        if when is None or city is None:
            continue
        events.append({"date": when.date().isoformat(), "city": city, "persons": person_of.get(p.id, []),
                       "post": p.id, "source": p.source_id})  # fmt: skip
    events.sort(key=lambda e: (e["date"], e["city"], e["post"]))
    circuits = []
    for person in persons:
        route: list[dict[str, str]] = []
        for e in events:
            if person["id"] in e["persons"] and (not route or route[-1]["city"] != e["city"]):
                route.append({"city": e["city"], "from": e["date"]})
        if len({r["city"] for r in route}) >= 2:
            circuits.append({"person": person["id"], "names": person["names"], "route": route})
    return events, circuits
