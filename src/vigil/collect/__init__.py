"""Collection: crawl monitored sites and take in investigators' exports, keeping evidence.

- ``sites``: site descriptions (YAML) and their schema.
- ``policy``, ``robots``, ``ratelimit``: fetch policy components (address safety, robots.txt,
  politeness, retries, limits), each small and typed.
- ``fetch``, ``parse``: one fetch on the wire; reading links and post fields from hostile HTML.
- ``frontier``, ``history``: the persistent crawl state, WARC pointers and post versions.
- ``crawler``: ties them together; ``crawl_sites`` is the entry point.
- ``importers``: Telegram Desktop JSON exports and WARC files.
- ``watch``: standing watches and their alerts.
- ``world_sites``: site descriptions for the synthetic world's server.

Only this package (with ``store``, ``evidence`` and ``serve``) does network I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vigil.collect.crawler import CrawlReport, CrawlSettings, SiteHealth
    from vigil.collect.sites import Site
    from vigil.store import Store


def crawl_sites(
    store: Store,
    sites: Sequence[Site] | Path,
    settings: CrawlSettings | None = None,
    on_progress: Callable[[SiteHealth], Any] | None = None,
) -> CrawlReport:
    """Crawl every due item of these sites once; return the per-site health summary."""
    from vigil.collect.crawler import Crawler
    from vigil.collect.sites import load_sites

    if isinstance(sites, Path):
        sites = load_sites(sites)
    return Crawler(store, list(sites), settings, on_progress).run()


__all__ = ["crawl_sites"]
