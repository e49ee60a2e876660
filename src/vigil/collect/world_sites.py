"""Site files for the synthetic world's server (``vigil world serve OUT --port P``).

Reads each ``OUT/sites/<site>/site.json`` the generator writes (layout, CSS class prefix, listing
and detail URL patterns; see docs/WORLD.md) and writes one site file per site for that port, with
loopback allowed (the world is served on 127.0.0.1 only). This module reads the world's files,
never its code: the crawler must find what a real crawler would find.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from vigil.errors import VigilError


def _detail_regex(detail: str) -> str:
    """'/velvet-nights/profile/{id}.html' -> a regex whose group is the id."""
    head, _, tail = detail.partition("{id}")
    return re.escape(head) + r"([^/?#]+)" + re.escape(tail) + r"(?:\?[^#]*)?$"


def _listing_regex(listing: str) -> str:
    """'/markt-allerlei/ads/list-{n}.html' -> a regex for every listing page."""
    head, _, tail = listing.partition("{n}")
    return re.escape(head) + r"\d+" + re.escape(tail) + "$"


def _politeness(meta: dict[str, Any], fast: bool, rate_per_s: float = 10.0) -> dict[str, Any]:
    """Polite by default (the world's robots.txt Crawl-delay is honoured). ``fast`` is for demos on
    loopback: sites that announce a rate limit get just under it (``rate_per_s``, the server's
    burst; their robots.txt Crawl-delay is capped to match), the others a few requests in
    parallel; an explicit, documented override."""
    if not fast:
        return {"delay_s": 0.1, "concurrency": 2, "per": "site", "max_backoff_s": 5.0}
    if "ratelimit" in (meta.get("obstacles") or []):
        gap = round(1.1 / max(rate_per_s, 0.1), 4)
        return {"delay_s": gap, "concurrency": 1, "per": "site", "max_crawl_delay_s": gap, "max_backoff_s": 2.0}
    return {"delay_s": 0.0, "concurrency": 4, "per": "site", "max_crawl_delay_s": 0.0, "max_backoff_s": 2.0}


def describe(meta: dict[str, Any], port: int, *, fast: bool = False, rate_per_s: float = 10.0) -> dict[str, Any]:
    """One site file (as a dict) for a site of the world served on ``port``."""
    name, p = meta["name"], meta["prefix"]
    base = f"http://127.0.0.1:{port}"
    countries = meta.get("countries") or []
    site: dict[str, Any] = {
        "name": name,
        "kind": meta["kind"],
        "language": (meta.get("languages") or [None])[0],
        "case": "synthetic-world",
        "legal_basis": "synthetic test data (no real persons)",
        "start_urls": [base + meta["start"]],
        "scope": [f"{base}/{name}/"],
        "robots": {"obey": True, "url": f"{base}/{name}/robots.txt"},
        "allow_loopback": True,
        "politeness": _politeness(meta, fast, rate_per_s),
        "limits": {"timeout_s": 10, "retries": 4},
        "revisit": {"listings_hours": 1, "posts_hours": 24},
    }  # fmt: skip
    if len(countries) == 1:
        site["country"] = countries[0]
    if meta["layout"] == "messenger":
        site["links"] = {"listing": ["a.pagination"]}
        site["post"] = {
            "item": "div.message",
            "id_pattern": r"^message(.+)$",
            "fields": {
                "title": "div.text > strong",
                "text": "xpath:.//div[@class='text']/node()[not(self::strong)]",
                "author": "div.from_name",
                "posted_at": "div.date@title",
            },
            "images": "img.photo@src",
        }
        return site
    site["links"] = {"listing": [f"a.{p}-next"], "post": [f"a.{p}-link"], "post_pattern": _detail_regex(meta["detail"]),
                     "listing_pattern": _listing_regex(meta["listing"])}  # fmt: skip
    site["post"] = {
        "id_from_url": _detail_regex(meta["detail"]),
        "fields": {
            "title": f".{p}-title",
            "text": f"div.{p}-text",
            "author": f".{p}-author",
            "location": f".{p}-location",
            "posted_at": f"time.{p}-date@datetime",
            "language": "xpath:/html/@lang",
        },
        "images": f"img.{p}-photo@src",
    }
    return site


def write_site_files(world_out: Path, port: int, dest: Path, *, fast: bool = False,
                     rate_per_s: float = 10.0) -> list[Path]:  # fmt: skip
    """Write ``dest/<site>.yaml`` for every site of the world in ``world_out``; return the paths.

    ``fast`` shortens politeness for demos on loopback (an explicit, documented override of the
    world's Crawl-delay); the default honours it.
    """
    metas = sorted(Path(world_out).glob("sites/*/site.json"))
    if not metas:
        raise VigilError(f"{world_out}: no sites/*/site.json; generate the world first ('vigil world generate')")
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for m in metas:
        meta = json.loads(m.read_text("utf-8"))
        path = dest / f"{meta['name']}.yaml"
        header = f"# Site file for the synthetic world's '{meta['name']}' served on 127.0.0.1:{port} (generated).\n"
        site = describe(meta, port, fast=fast, rate_per_s=rate_per_s)
        path.write_text(header + yaml.safe_dump(site, sort_keys=False, allow_unicode=True),
                        encoding="utf-8")  # fmt: skip
        out.append(path)
    return out


def crawl_served_world(store: Any, world_out: Path, port: int, *, fast: bool = True, rate_per_s: float = 10.0,
                       settings: Any = None) -> Any:  # fmt: skip
    """Crawl a world being served on ``127.0.0.1:port`` into ``store`` (the demo's collection step).

    The site files go to ``<workspace>/world-sites/``; returns the ``CrawlReport``. ``rate_per_s`` is
    the server's per-site burst (``vigil world serve --burst``), which fast politeness stays under. The caller
    starts and stops the server (``vigil.world.server.serve_in_thread``): collect never imports
    the world's code.
    """
    from vigil.collect import crawl_sites
    from vigil.collect.crawler import CrawlSettings

    dest = Path(store.workspace) / "world-sites"
    write_site_files(world_out, port, dest, fast=fast, rate_per_s=rate_per_s)
    return crawl_sites(store, dest, settings or CrawlSettings(concurrency=16, operator="vigil demo"))
