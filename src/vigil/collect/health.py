"""What a crawl is told (``CrawlSettings``) and what it reports (``SiteHealth`` per site and the
``CrawlReport``: the per-site health summary the CLI prints and the politeness actually measured).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import httpx

from vigil import __version__
from vigil.evidence.warc import DEFAULT_ROTATE_BYTES, FileOpener

DEFAULT_UA = f"VigilBot/{__version__} (research crawler; +https://example.org/vigil)"


@dataclass(slots=True)
class CrawlSettings:
    operator: str | None = None
    case: str | None = None
    user_agent: str = DEFAULT_UA
    proxy: str | None = None
    polite: bool = True  # off only for benchmarks against our own loopback servers
    concurrency: int = 8  # requests in flight over all sites
    max_items: int | None = None  # stop after this many frontier items (tests, trial runs)
    revisit_all: bool = False  # re-check every known post now (edits, take-downs)
    refresh_listings: bool = True  # re-read listing pages for new posts
    rotate_bytes: int = DEFAULT_ROTATE_BYTES
    warc_opener: FileOpener | None = None
    transport: httpx.AsyncBaseTransport | None = None
    resolve: Callable[[str, int], Any] | None = None
    renderer: Any = None  # a vigil.collect.render.Renderer; default Playwright, only for render_js sites


@dataclass(slots=True)
class SiteHealth:
    site: str
    pages: int = 0
    new_posts: int = 0
    updated_posts: int = 0
    deleted_posts: int = 0
    unchanged: int = 0
    not_modified: int = 0
    images: int = 0
    errors: int = 0
    incomplete: int = 0  # pages whose server kept closing before the declared length (also in errors)
    retries: int = 0
    robots_blocked: int = 0
    unsafe: int = 0
    seconds: float = 0.0  # from the start of the run to this site's last answer
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["problems"] = d["problems"][:20]
        return d


@dataclass(slots=True)
class CrawlReport:
    run_id: str
    sites: dict[str, SiteHealth]
    seconds: float = 0.0
    aborted: str | None = None
    items: int = 0
    politeness: dict[str, dict[str, Any]] = field(default_factory=dict)  # per rate key, as measured

    def to_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "seconds": round(self.seconds, 2), "aborted": self.aborted,
                "items": self.items, "sites": {k: v.to_dict() for k, v in self.sites.items()},
                "politeness": self.politeness}  # fmt: skip
