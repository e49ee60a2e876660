"""robots.txt, honoured by default (RFC 9309 via protego).

An override needs a reason in the site file (``robots: {obey: false, override_reason: ...}``) and
is logged once per run. robots.txt that is missing (4xx) allows everything; one that cannot be
fetched (5xx, network error) disallows everything for this run, as RFC 9309 asks.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from protego import Protego

from vigil.collect.policy import Refusal
from vigil.collect.sites import Site

log = logging.getLogger("vigil.collect")

RobotsFetch = Callable[[Site, str], Awaitable[tuple[int | None, bytes]]]
_ALLOW, _DENY = "allow", "deny"


def robots_url(site: Site, url: str) -> str:
    if site.robots_url:
        return site.robots_url
    p = urlsplit(url)
    return f"{p.scheme}://{p.netloc}/robots.txt"


class RobotsGate:
    name = "robots"

    def __init__(self, fetch: RobotsFetch, user_agent: str) -> None:
        self._fetch = fetch
        self.user_agent = user_agent
        self._rules: dict[str, Protego | str] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self.overrides_logged: set[str] = set()

    async def _rules_for(self, site: Site, url: str) -> Protego | str:
        ru = robots_url(site, url)
        if ru in self._rules:
            return self._rules[ru]
        lock = self._locks.setdefault(ru, asyncio.Lock())
        async with lock:
            if ru in self._rules:
                return self._rules[ru]
            status, body = await self._fetch(site, ru)
            if status is not None and 200 <= status < 300:
                rules: Protego | str = Protego.parse(body.decode("utf-8", "replace"))
            elif status is not None and 400 <= status < 500:
                rules = _ALLOW
            else:
                rules = _DENY
            self._rules[ru] = rules
            return rules

    async def check(self, site: Site, url: str) -> Refusal | None:
        if not site.robots:
            if site.id not in self.overrides_logged:
                self.overrides_logged.add(site.id)
                log.warning("robots.txt ignored for %s: %s", site.name, site.robots_override_reason)
            return None
        if url == robots_url(site, url):
            return None
        rules = await self._rules_for(site, url)
        if rules == _ALLOW:
            return None
        if rules == _DENY:
            return Refusal("robots", "robots.txt could not be fetched; RFC 9309: treat as disallowed")
        assert isinstance(rules, Protego)
        if rules.can_fetch(url, site.user_agent or self.user_agent):
            return None
        return Refusal("robots", "disallowed by robots.txt")

    def crawl_delay(self, site: Site, url: str) -> float | None:
        rules = self._rules.get(robots_url(site, url))
        if isinstance(rules, Protego):
            d = rules.crawl_delay(site.user_agent or self.user_agent)
            return float(d) if d is not None else None
        return None
