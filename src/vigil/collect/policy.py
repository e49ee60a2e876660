"""Fetch policy components: small, typed, each one concern (the Scrapy middleware idea, with
``Protocol``s and a registry by name instead of dotted strings and order numbers).

A ``Gate`` looks at a URL before it is fetched and may refuse it (address safety, robots).
``RetryPolicy`` says whether a failed fetch is worth another try and after how long.
``ResponseLimits`` says what a response may be (size, content types).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from vigil.collect.sites import Site


@dataclass(frozen=True, slots=True)
class Refusal:
    outcome: str  # unsafe | robots | out_of_scope
    reason: str


class Gate(Protocol):
    """Decides whether ``url`` may be fetched for ``site``; ``None`` means yes."""

    name: str

    async def check(self, site: Site, url: str) -> Refusal | None: ...


Resolver = Callable[[str, int], "asyncio.Future[list[str]] | object"]


async def _resolve(host: str, port: int) -> list[str]:
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(i[4][0]) for i in infos})


class AddressSafety:
    """Never fetch file:// or other schemes, private, link-local, multicast or reserved addresses;
    loopback only when the site file says ``allow_loopback: true`` (tests and the synthetic world).

    Why: a hostile page can link or redirect to the investigator's own network (routers, cloud
    metadata at 169.254.169.254). Every address a host resolves to is checked, on every hop.
    """

    name = "safety"

    def __init__(self, resolve: Callable[[str, int], object] | None = None) -> None:
        self._resolve = resolve or _resolve
        self.last_ip: dict[str, str] = {}

    @staticmethod
    def classify(ip: str) -> str | None:
        """Why an address is off limits (``None``: public)."""
        addr = ipaddress.ip_address(ip)
        if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
            addr = addr.ipv4_mapped
        if addr.is_loopback:
            return "loopback"
        for attr in ("is_link_local", "is_private", "is_multicast", "is_reserved", "is_unspecified"):
            if getattr(addr, attr):
                return attr[3:].replace("_", "-")
        return None

    async def check(self, site: Site, url: str) -> Refusal | None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return Refusal("unsafe", f"scheme {parts.scheme or '(none)'!r} is never fetched")
        host = parts.hostname
        if not host:
            return Refusal("unsafe", "no host")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return Refusal("unsafe", "bad port")
        try:
            ips = await self._resolve(host, port)  # type: ignore[misc]
        except (OSError, UnicodeError) as exc:
            return Refusal("dns", f"cannot resolve {host}: {exc}")
        if not ips:
            return Refusal("dns", f"{host} has no address")
        for ip in ips:
            why = self.classify(ip)
            if why == "loopback" and site.allow_loopback:
                continue
            if why:
                return Refusal("unsafe", f"{host} resolves to {ip} ({why})")
        self.last_ip[host] = ips[0]
        return None


RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Retry transient failures with exponential backoff; honour Retry-After (capped)."""

    retries: int = 3
    base_s: float = 0.5
    cap_s: float = 60.0

    def should_retry(self, attempt: int, status: int | None, error: str | None) -> bool:
        if attempt >= self.retries:
            return False
        return error is not None or (status is not None and status in RETRY_STATUSES)

    def delay(self, attempt: int, retry_after: str | None) -> float:
        if retry_after:
            try:
                return max(0.0, min(float(retry_after.strip()), self.cap_s))
            except ValueError:
                pass  # an HTTP date: fall back to the exponential delay
        return min(self.base_s * (2**attempt), self.cap_s)


PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
IMAGE_TYPES = ("image/",)


@dataclass(frozen=True, slots=True)
class ResponseLimits:
    max_bytes: int
    accept: tuple[str, ...]

    def type_ok(self, content_type: str | None) -> bool:
        ct = (content_type or "").split(";")[0].strip().lower()
        if not ct:
            return True  # unknown: parsing decides (lxml is lenient, images are sniffed)
        return any(ct.startswith(a) for a in self.accept)


GATES: dict[str, Callable[[], Gate]] = {}


def register_gate(name: str, factory: Callable[[], Gate]) -> None:
    """Gates run in registration order before every fetch; names make them switchable in tests."""
    GATES[name] = factory


register_gate("safety", AddressSafety)
