"""Fetch policy components: address safety, retries, politeness limits, robots."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from vigil.collect.policy import AddressSafety, ResponseLimits, RetryPolicy
from vigil.collect.ratelimit import RateLimiter
from vigil.collect.robots import RobotsGate
from vigil.collect.sites import site_from_dict

SITE = site_from_dict({"name": "S", "start_urls": ["https://s.example/"]})
LOOPBACK_OK = site_from_dict({"name": "L", "start_urls": ["http://127.0.0.1:1/"], "allow_loopback": True})


@pytest.mark.parametrize(
    ("ip", "expected", "why"),
    [
        ("93.184.216.34", None, "a public address"),
        ("127.0.0.1", "loopback", "this machine"),
        ("::1", "loopback", "this machine, IPv6"),
        ("10.1.2.3", "private", "RFC 1918"),
        ("192.168.0.1", "private", "home router"),
        ("169.254.169.254", "link-local", "cloud metadata service"),
        ("::ffff:10.0.0.1", "private", "IPv4-mapped IPv6 is unwrapped"),
        ("0.0.0.0", "private", "unspecified"),
        ("224.0.0.1", "multicast", "multicast"),
    ],
)
def test_address_classes(ip: str, expected: str | None, why: str) -> None:
    assert AddressSafety.classify(ip) == expected, why


def _resolver(mapping: dict[str, list[str]]) -> Any:
    async def resolve(host: str, port: int) -> list[str]:
        return mapping[host]

    return resolve


@pytest.mark.parametrize(
    ("site", "url", "outcome", "why"),
    [
        (SITE, "https://public.example/a", None, "public host"),
        (SITE, "file:///etc/passwd", "unsafe", "never file://"),
        (SITE, "ftp://public.example/", "unsafe", "only http(s)"),
        (SITE, "http://inside.example/", "unsafe", "a name that resolves inside"),
        (SITE, "http://mixed.example/", "unsafe", "any inside address is enough to refuse"),
        (SITE, "http://127.0.0.1:8000/", "unsafe", "loopback without permission"),
        (LOOPBACK_OK, "http://127.0.0.1:8000/", None, "loopback allowed by the site file"),
        (LOOPBACK_OK, "http://inside.example/", "unsafe", "loopback permission is not private-network permission"),
    ],
)
def test_address_safety_gate(site: Any, url: str, outcome: str | None, why: str) -> None:
    gate = AddressSafety(_resolver({
        "public.example": ["93.184.216.34"], "inside.example": ["10.0.0.5"], "mixed.example": ["93.184.216.34", "10.0.0.5"],
        "127.0.0.1": ["127.0.0.1"],
    }))  # fmt: skip
    refusal = asyncio.run(gate.check(site, url))
    assert (refusal.outcome if refusal else None) == outcome, why


@pytest.mark.parametrize(
    ("attempt", "status", "error", "retry", "why"),
    [
        (0, 503, None, True, "overloaded"),
        (0, 429, None, True, "rate limited"),
        (0, 404, None, False, "gone is an answer, not a failure"),
        (0, 200, None, False, "fine"),
        (0, None, "timeout", True, "network trouble"),
        (3, 503, None, False, "retries used up"),
    ],
)
def test_retry_decisions(attempt: int, status: int | None, error: str | None, retry: bool, why: str) -> None:
    assert RetryPolicy(retries=3).should_retry(attempt, status, error) is retry, why


def test_retry_delay_honours_retry_after_with_a_cap() -> None:
    p = RetryPolicy(base_s=0.5, cap_s=30)
    assert (p.delay(0, "2"), p.delay(0, "99999"), p.delay(2, None), p.delay(0, "Wed, 21 Oct 2026 07:28:00 GMT")) == (
        2.0, 30.0, 2.0, 0.5)  # fmt: skip


def test_content_type_limits() -> None:
    pages = ResponseLimits(10, ("text/html",))
    assert pages.type_ok("text/html; charset=utf-8") and pages.type_ok(None) and not pages.type_ok("application/pdf")


def test_politeness_spacing_and_concurrency_hold() -> None:
    async def run() -> RateLimiter:
        lim = RateLimiter()

        async def req() -> None:
            async with lim.slot("k", 0.05, 2):
                await asyncio.sleep(0.02)

        await asyncio.gather(*(req() for _ in range(8)))
        return lim

    lim = asyncio.run(run())
    gap = lim.min_gap("k")
    assert gap is not None and gap >= 0.049
    assert lim.max_in_flight("k") <= 2


def test_push_back_delays_the_next_request() -> None:
    async def run() -> float:
        lim = RateLimiter()
        async with lim.slot("k", 0.0, 1):
            pass
        lim.push_back("k", 0.2, 10)
        t0 = lim.now()
        async with lim.slot("k", 0.0, 1):
            return lim.now() - t0

    assert asyncio.run(run()) >= 0.19


def test_robots_rules_and_failures() -> None:
    answers = {"https://a.example/robots.txt": (200, b"User-agent: *\nDisallow: /private/\nCrawl-delay: 3\n"),
               "https://b.example/robots.txt": (404, b""), "https://c.example/robots.txt": (503, b"")}  # fmt: skip

    async def fetch(site: Any, url: str) -> tuple[int | None, bytes]:
        return answers[url]

    def check(url: str) -> str | None:
        gate = RobotsGate(fetch, "VigilBot")
        r = asyncio.run(gate.check(SITE, url))
        return r.outcome if r else None

    assert check("https://a.example/ad/1") is None
    assert check("https://a.example/private/1") == "robots"
    assert check("https://b.example/anything") is None, "no robots.txt: allowed"
    assert check("https://c.example/anything") == "robots", "robots.txt unreachable: RFC 9309 says disallow"
    gate = RobotsGate(fetch, "VigilBot")
    asyncio.run(gate.check(SITE, "https://a.example/x"))
    assert gate.crawl_delay(SITE, "https://a.example/x") == 3.0
