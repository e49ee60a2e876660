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
    """Where the post advertises: its location field (gazetteer name when resolved), else the
    first place named in the text (a text may also name the *next* stop, so it comes last)."""
    places = [e for e in ents if e.type == "place"]
    for e in places:
        if e.field == "location":
            return str(e.attrs.get("name") or e.value)
    if post.location and post.location.strip():
        return post.location.strip()
    return str(places[0].attrs.get("name") or places[0].value) if places else None


def names_of(ents: Sequence[Entity]) -> list[str]:
    return sorted({e.value.strip().casefold() for e in ents if e.type == "name" and e.value.strip()})


def _ages(ents: Sequence[Entity]) -> list[int]:
    out = []
    for e in ents:
        if e.type == "age":
            try:
                out.append(int(float(e.value)))
            except ValueError:
                continue
    return out


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def find_persons(
    posts: Sequence[Post], entities: Mapping[str, Sequence[Entity]], cluster_of: Mapping[str, str],
    images_of: Mapping[str, Sequence[str]] | None = None,
) -> list[dict[str, Any]]:
    """``[{"id", "names", "ages", "images", "cities", "posts"}]``, most posts first.

    Posts showing the same picture (same file or near-duplicate group from the link stage,
    ``images_of``), pictures shown together in one post, and posts giving the same name with
    compatible ages are one person. A post naming two people belongs to both and joins neither;
    a post with neither picture nor name (a job ad) advertises nobody. ``cluster_of`` (text
    clusters) is used only to give nameless, pictureless posts of a person's template to her.
    """
    uf = _Union()
    name_map = {p.id: names_of(entities.get(p.id, ())) for p in posts}
    age_of = {p.id: _ages(entities.get(p.id, ())) for p in posts}
    pics = {p.id: [f"r:{r}" for r in p.images] + [f"g:{g}" for g in (images_of or {}).get(p.id, ())] for p in posts}
    for p in posts:
        for pic in pics[p.id]:
            uf.join(f"post:{p.id}", pic)
    by_name: dict[str, list[str]] = defaultdict(list)
    for p in posts:
        if len(name_map[p.id]) == 1:
            by_name[name_map[p.id][0]].append(p.id)
    for pids in by_name.values():
        aged = sorted((min(age_of[p]), p) for p in pids if age_of[p])
        bands: list[list[str]] = [[aged[0][1]]] if aged else [[]]
        for (age, p), (prev, _) in zip(aged[1:], aged, strict=False):
            if age - prev > AGE_SPREAD:
                bands.append([])
            bands[-1].append(p)
        max(bands, key=len).extend(p for p in pids if not age_of[p])
        for band in bands:
            for p in band[1:]:
                uf.join(f"post:{band[0]}", f"post:{p}")
    members: dict[str, set[str]] = defaultdict(set)
    for p in posts:
        if pics[p.id] or len(name_map[p.id]) == 1:
            members[uf.find(f"post:{p.id}")].add(p.id)
    root_of_name: dict[str, set[str]] = defaultdict(set)
    for root, pids in members.items():
        for pid in pids:
            for n in name_map[pid]:
                root_of_name[n].add(root)
    named: dict[str, set[str]] = defaultdict(set)
    for root, pids in members.items():
        named[root].update(n for p in pids if len(name_map[p]) == 1 for n in name_map[p])
    for p in posts:  # a post naming several people: add it to each of them (a new person if unknown)
        if len(name_map[p.id]) > 1:
            for n in name_map[p.id]:
                for r in root_of_name.get(n) or {f"name:{n}"}:
                    members[r].add(p.id)
                    named[r].add(n)
    by_id = {p.id: p for p in posts}
    out = []
    for root, pids in members.items():
        ps = sorted(pids)
        out.append({
            "id": _pid("person", ps),
            "names": sorted(named[root]),
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
