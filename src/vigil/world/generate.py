"""Writing a world to disk: posts.jsonl, truth, sites and images, streamed actor by actor.

Actors are made one at a time from their own seeded stream; their posts are shuffled within a
chunk (so that a file's order does not give networks away), numbered per site, and written at
once. Only per-network and per-platform tallies stay in memory, so ``large`` runs with flat
memory. The same seed, size and split give byte-identical files.
"""

from __future__ import annotations

import json
import random
import shutil
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vigil.ids import post_id, slug
from vigil.world import images as img
from vigil.world.actors import Draft
from vigil.world.benign import POOL_BASES, make_actor
from vigil.world.phrasebook import SPLITS
from vigil.world.platforms import SITES
from vigil.world.sites import SiteWriter

SIZES = {"tiny": 300, "small": 2_000, "medium": 50_000, "large": 1_000_000}
INLINE_MAX = 100_000  # above this, per-post truth goes to truth_posts.jsonl beside truth.json
CHUNK = 2_000
FLAG_SHARE = 0.05  # a platform is truly 'flagged' for a family when this share of its posts carry it
FLAGS = {"sexual": "sexual_services", "labour": "recruitment", "housing": "housing_transport"}
DEFAULT_PORT = 8765
FORMAT = "vigil-world-truth/1"
_POOL = frozenset(POOL_BASES)
OnProgress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class WorldSummary:
    out: Path
    posts: int
    networks: int
    images: int
    sites: int

    def to_dict(self) -> dict[str, Any]:
        return {"out": str(self.out), "posts": self.posts, "networks": self.networks, "images": self.images,
                "sites": self.sites}  # fmt: skip


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class _Tally:
    """Per-platform and per-network facts, accumulated while posts stream past."""

    def __init__(self, keep_posts: bool = True) -> None:
        self.keep_posts = keep_posts  # large worlds: a network's posts are found by its id in truth_posts.jsonl
        self.platform: dict[str, dict[str, Any]] = {}
        self.networks: dict[str, dict[str, Any]] = {}
        self.roles: Counter[str] = Counter()

    def add(self, d: Draft, source: str, nid: str) -> None:
        p = self.platform.setdefault(source, {"posts": 0, "categories": Counter(), "risk": Counter(), "linked": 0, "harmful": 0})
        p["posts"] += 1
        p["categories"][d.category] += 1
        for fam, v in d.risk.items():
            p["risk"][fam] += v
        p["linked"] += d.linked
        p["harmful"] += any(d.risk.values())
        self.roles[d.role] += 1
        if d.network and d.network in self.networks:
            n = self.networks[d.network]
            n["post_count"] += 1
            if self.keep_posts:
                n["posts"].append([source, nid])
            for pl in d.planted:
                n["identifiers"][pl.type].add(pl.value)
            if d.persona:
                n["_personas"].add(d.persona)
            n["_sites"].add(source)


# A room ad is hard by what its cues say, not how many: a lure without a loud line (no 'free', no 'pay with work',
# no 'young women only, send a photo') reads as a landlord's; a landlord's ad with any line the lures carry too is a
# hard negative. By count, every room lure* had one cue and every landlord* two (review 10, R2). Jobs, sexual services
# and rides keep the count: there the loud classes blur it, and by loudness trafficker* went from 33 to 68 of 181.
ROOM_LOUD = frozenset({"hou.title.exploit", "hou.free", "hou.women"})
ROOM_LOUD_CUES = frozenset({"free_offer", "pay_with_work", "obscured_contact"})
ROOM_LURE_CUES = frozenset({"refugee_welcome", "women_only", "no_documents", "job_offered"})


# A lure's own frame is loud whatever else the ad says: 'URGENT … salariu mare!!!' with one counted cue was hard (review
# 11, 3). And an independent writing of herself as a controller writes ('she will do anything to make you happy') is
# a hard negative by the frame alone, as independents in the third person with a second cue already were.
LOUD_FRAMES = frozenset({"job.title.fraud", "job.open.fraud", "tra.title.exploit"})
# a ride that offers the passenger work, or a crossing without a passport check, is no hard case: drivers speak of
# their own commute ('I drive there for my job'), never of a job waiting for the passenger, and no volunteer offers to
# skip the border check (review 13, P2: every hard ride lure carried one of them, 0 of 4 were hard)
RIDE_LOUD = frozenset({"tra.job", "tra.border"})


def units_of(families: Iterable[str]) -> set[str]:
    """The phrasebook units a post drew from its template family ids ('pl.job.title.fraud.b' -> 'job.title.fraud')."""
    return {f.split(".", 1)[1].rpartition(".")[0] for f in families}


def _hard(d: Draft) -> bool:
    harmful = any(d.risk.values())
    units = units_of(d.families)
    if harmful and d.category != "housing" and LOUD_FRAMES & units:
        return False
    if harmful and d.category == "transport" and RIDE_LOUD & units:
        return False
    if not harmful and d.role == "independent" and "third_person" in d.indicators:
        return True
    if d.category == "housing":
        if harmful:
            return not (units & ROOM_LOUD or ROOM_LOUD_CUES.intersection(d.indicators))
        return bool(ROOM_LURE_CUES.intersection(d.indicators))
    n_cues = len(d.indicators)
    return (harmful and n_cues <= 1) or (not harmful and n_cues >= 2)


def _truth_post(d: Draft, source: str, nid: str) -> dict[str, Any]:
    return {
        "source": source, "id": nid, "store_id": post_id(slug(source), nid), "actor": d.actor, "role": d.role,
        "category": d.category, "risk": d.risk, "linked": d.linked, "network": d.network, "persona": d.persona,
        "language": d.language, "indicators": d.indicators, "families": sorted(set(d.families)),
        "identifiers": [p.to_truth() for p in d.planted], "images": sorted({i.rpartition("_")[0] for i in d.images}),
        "hard": _hard(d),
    }  # fmt: skip


def _prepare(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in ("sites", "images"):
        if (out / name).exists():
            shutil.rmtree(out / name)
    for name in ("posts.jsonl", "truth.json", "truth_posts.jsonl", "truth_networks.jsonl"):
        (out / name).unlink(missing_ok=True)
    (out / "sites").mkdir()
    (out / "images").mkdir()


def generate(
    out: Path, seed: int, size: str | int = "small", split: str = "all", *, port: int = DEFAULT_PORT,
    write_sites: bool = True, on_progress: OnProgress | None = None,
) -> WorldSummary:  # fmt: skip
    """Write the world of ``seed`` into ``out`` (its generated files are replaced)."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; one of {SPLITS}")
    target = SIZES[size] if isinstance(size, str) else int(size)
    _prepare(out)
    base_url = f"http://127.0.0.1:{port}"
    writers = {s.name: SiteWriter(out / "sites", s, base_url) for s in SITES} if write_sites else {}
    counters: Counter[str] = Counter()
    inline = target <= INLINE_MAX
    tally = _Tally(keep_posts=inline)
    pool_written: set[str] = set()  # shared item photos; every other image belongs to one actor (one chunk)
    n_images = n_networks = 0
    kept_networks: list[dict[str, Any]] = []
    posts_f = (out / "posts.jsonl").open("w", encoding="utf-8")
    truth_f = (out / "truth_posts.jsonl").open("w", encoding="utf-8")
    nets_f = (out / "truth_networks.jsonl").open("w", encoding="utf-8")
    done, index, chunk_no = 0, 0, 0
    with posts_f, truth_f, nets_f:
        while done < target:
            chunk: list[Draft] = []
            chunk_images: set[str] = set()
            while len(chunk) < CHUNK and done + len(chunk) < target:
                actor = make_actor(seed, index, split)
                index += 1
                if actor.network:
                    tally.networks[actor.network["id"]] = {
                        **actor.network, "actor": actor.id, "role": actor.role, "posts": [], "post_count": 0,
                        "identifiers": defaultdict(set), "_personas": set(), "_sites": set(),
                    }  # fmt: skip
                chunk.extend(actor.drafts[: target - done - len(chunk)])
            random.Random(f"vigil-world:{seed}:chunk:{chunk_no}").shuffle(chunk)
            chunk_no += 1
            for d in chunk:
                site = d.site
                if write_sites:
                    nid, url = writers[site.name].next_id()
                else:
                    counters[site.name] += 1
                    nid, url = str(counters[site.name]), f"{base_url}/{site.name}/{counters[site.name]}"
                for image_id in d.images:
                    seen = pool_written if image_id.rpartition("_")[0] in _POOL else chunk_images
                    if image_id not in seen:
                        img.write(out, image_id)
                        seen.add(image_id)
                        n_images += 1
                rec = {
                    "id": nid, "url": url, "source": site.name, "source_kind": site.kind,
                    "source_country": site.country, "title": d.title, "text": d.text, "author": d.author,
                    "posted_at": d.posted_at.isoformat().replace("+00:00", "Z"), "location": d.city,
                    "country": d.country, "language": d.language, "images": [img.path_of(i) for i in d.images],
                }  # fmt: skip
                posts_f.write(_dump(rec) + "\n")
                truth_f.write(_dump(_truth_post(d, site.name, nid)) + "\n")
                if write_sites:
                    writers[site.name].add({**rec, "images": d.images})
                tally.add(d, site.name, nid)
            done += len(chunk)
            for net in _finish_networks(tally):  # an actor's posts never span chunks: its network is complete
                n_networks += 1
                if inline:
                    kept_networks.append(net)
                else:
                    nets_f.write(_dump(net) + "\n")
            if on_progress:
                on_progress(done, target)
    for w in writers.values():
        w.close()
    if inline:
        (out / "truth_networks.jsonl").unlink()
    _write_truth(out, seed, target, split, port, tally, inline, kept_networks)
    return WorldSummary(out, done, n_networks, n_images, len(writers))


def _platforms(tally: _Tally) -> list[dict[str, Any]]:
    rows = []
    for s in SITES:
        p = tally.platform.get(s.name, {"posts": 0, "categories": Counter(), "risk": Counter(), "linked": 0, "harmful": 0})
        n = max(p["posts"], 1)
        rows.append({
            "source": s.name, "source_id": slug(s.name), "kind": s.kind, "layout": s.layout,
            "countries": list(s.countries), "languages": list(s.langs), "obstacles": list(s.obstacles),
            "posts": p["posts"], "categories": dict(sorted(p["categories"].items())),
            "risk": {f: p["risk"][f] for f in FLAGS}, "linked": p["linked"],
            "harmful_share": round(p["harmful"] / n, 4), "linked_share": round(p["linked"] / n, 4),
            "flags": [flag for fam, flag in FLAGS.items() if p["risk"][fam] / n >= FLAG_SHARE],
        })  # fmt: skip
    return rows


def _finish_networks(tally: _Tally) -> list[dict[str, Any]]:
    """The networks tallied so far, in their final form; they leave memory."""
    rows = []
    for nid in sorted(tally.networks):
        n = tally.networks.pop(nid)
        if not n["post_count"]:
            continue
        if not tally.keep_posts:
            del n["posts"]
        idents = n.pop("identifiers")
        personas = n.pop("_personas")
        n["victims"] = [v for v in n.get("victims", []) if v["id"] in personas]
        n["persons"] = len(personas)
        n["sites"] = sorted(n.pop("_sites"))
        for t in ("phone", "email", "handle", "wallet", "url"):
            n[t + "s"] = sorted(idents.get(t, ()))
        rows.append(n)
    return rows


def _write_truth(out: Path, seed: int, target: int, split: str, port: int, tally: _Tally, inline: bool,
                 networks: list[dict[str, Any]]) -> None:  # fmt: skip
    head = {
        "format": FORMAT, "seed": seed, "posts_total": sum(p["posts"] for p in tally.platform.values()),
        "size": target, "split": split, "port": port, "flag_share": FLAG_SHARE, "roles": dict(sorted(tally.roles.items())),
        "platforms": _platforms(tally), "networks": sorted(networks, key=lambda n: n["id"]),
    }  # fmt: skip
    path = out / "truth.json"
    if not inline:
        head["posts_file"] = "truth_posts.jsonl"
        head["networks_file"] = "truth_networks.jsonl"
        del head["networks"]
        path.write_text(json.dumps(head, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    text = json.dumps(head, ensure_ascii=False, indent=1)
    with path.open("w", encoding="utf-8") as f, (out / "truth_posts.jsonl").open(encoding="utf-8") as src:
        f.write(text[:-2] + ',\n "posts": [\n')
        first = True
        for line in src:
            f.write(("" if first else ",\n") + line.rstrip("\n"))
            first = False
        f.write("\n ]\n}\n")
    (out / "truth_posts.jsonl").unlink()
