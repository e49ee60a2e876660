"""One fetch on the wire: redirects followed by hand (each hop checked for safety), the body
streamed under a size cap and an overall deadline, every hop kept as an ``Exchange`` for the WARC.

Bodies are kept exactly as sent (``Content-Encoding`` included) for the evidence; ``decoded``
undoes gzip/deflate for parsing, itself capped, so a compression bomb stops at the limit.
"""

from __future__ import annotations

import asyncio
import time
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from vigil.collect.policy import Refusal
from vigil.evidence.warc import Exchange
from vigil.model import utcnow

SafetyCheck = Callable[[str], Awaitable[Refusal | None]]


@dataclass(slots=True)
class FetchResult:
    url: str  # the final URL (after redirects)
    hops: list[Exchange] = field(default_factory=list)
    error: str | None = None  # network error, timeout, refusal, too many redirects or a cut-off body
    outcome: str | None = None  # set on failure: unsafe | too_many_redirects | timeout | error | incomplete
    seconds: float = 0.0

    @property
    def final(self) -> Exchange | None:
        return self.hops[-1] if self.hops and self.error is None else None

    def header(self, name: str) -> str | None:
        f = self.final
        if f is None:
            return None
        for k, v in f.response_headers:
            if k.lower() == name.lower():
                return v
        return None


def decoded(ex: Exchange, limit: int) -> bytes:
    """The body with Content-Encoding undone, at most ``limit`` bytes."""
    enc = next((v.lower() for k, v in ex.response_headers if k.lower() == "content-encoding"), "")
    if enc in ("", "identity"):
        return ex.body[:limit]
    if enc in ("gzip", "x-gzip", "deflate"):
        for wbits in ((16 + zlib.MAX_WBITS,) if "gzip" in enc else (zlib.MAX_WBITS, -zlib.MAX_WBITS)):
            try:
                d = zlib.decompressobj(wbits)
                return d.decompress(ex.body, limit)
            except zlib.error:
                continue
    return b""


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    headers: dict[str, str],
    safety: SafetyCheck,
    max_bytes: int,
    max_redirects: int,
    timeout_s: float,
    ip_of: Callable[[str], str | None] = lambda host: None,
    pin: bool = False,
) -> FetchResult:
    """Fetch ``url``, following redirects by hand: ``safety`` checks every hop before connecting.

    With ``pin`` (no proxy), the connection goes to the very address the safety check approved
    (the Host header and TLS SNI keep the name), so a DNS answer that changes between the check
    and the connection (DNS rebinding) cannot send the request inside.
    """
    result = FetchResult(url)
    t0 = time.monotonic()
    current = url
    try:
        for _hop in range(max_redirects + 1):
            refusal = await safety(current)
            if refusal is not None:
                result.error, result.outcome = refusal.reason, refusal.outcome
                return result
            ip = ip_of(httpx.URL(current).host)
            ex = await asyncio.wait_for(_one(client, current, headers, max_bytes, ip if pin else None), timeout=timeout_s)
            ex.ip = ip
            result.hops.append(ex)
            result.url = current
            if ex.incomplete:  # kept as evidence (WARC-Truncated: disconnect), never read as a whole page
                declared = header(ex, "Content-Length")
                result.error = (f"connection closed after {len(ex.body):,}"
                                f"{f' of {int(declared):,}' if declared and declared.isdigit() else ''} bytes")  # fmt: skip
                result.outcome = "incomplete"
                return result
            location = next((v for k, v in ex.response_headers if k.lower() == "location"), None)
            if ex.status in (301, 302, 303, 307, 308) and location:
                current = urljoin(current, location)
                continue
            return result
        result.error, result.outcome = f"more than {max_redirects} redirects", "too_many_redirects"
    except TimeoutError:
        result.error, result.outcome = f"no complete answer within {timeout_s:g}s", "timeout"
    except httpx.HTTPError as exc:
        result.error, result.outcome = f"{type(exc).__name__}: {exc}", "error"
    finally:
        result.seconds = time.monotonic() - t0
    return result


async def _one(client: httpx.AsyncClient, url: str, headers: dict[str, str], max_bytes: int,
               connect_ip: str | None = None) -> Exchange:  # fmt: skip
    target: str | httpx.URL = url
    extensions: dict[str, str] = {}
    if connect_ip:
        u = httpx.URL(url)
        target = u.copy_with(host=connect_ip)
        headers = {**headers, "Host": u.netloc.decode("ascii")}
        if u.scheme == "https":
            extensions["sni_hostname"] = u.host
    req = client.build_request("GET", target, headers=headers, extensions=extensions)
    fetched_at = utcnow()
    resp = await client.send(req, stream=True, follow_redirects=False)
    chunks: list[bytes] = []
    size, truncated, incomplete = 0, False, False
    try:
        async for chunk in resp.aiter_raw():
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                truncated = True
                break
    except (httpx.RemoteProtocolError, httpx.ReadError):
        incomplete = True  # closed before the declared Content-Length (or mid-chunk): keep what came
    finally:
        await resp.aclose()
    body = b"".join(chunks)[:max_bytes] if truncated else b"".join(chunks)
    resp_headers = [
        (k.decode("latin-1"), v.decode("latin-1")) for k, v in resp.headers.raw if k.lower() != b"transfer-encoding"
    ]
    return Exchange(
        url=url, method="GET", request_headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in req.headers.raw], status=resp.status_code,
        reason=resp.reason_phrase, response_headers=resp_headers, body=body, fetched_at=fetched_at,
        truncated=truncated, incomplete=incomplete,
    )  # fmt: skip


def looks_cut_off(ex: Exchange) -> bool:
    """An HTML page that stops before ``</html>``: a connection cut mid-page (or a broken server)."""
    ctype = (header(ex, "Content-Type") or "").lower()
    if ex.status != 200 or ex.truncated or "html" not in ctype or header(ex, "Content-Encoding"):
        return False
    return b"</html" not in ex.body[-4096:].lower()


def header(ex: Exchange, name: str) -> str | None:
    return next((v for k, v in ex.response_headers if k.lower() == name.lower()), None)


def charset(ctype: str | None) -> str | None:
    for part in (ctype or "").split(";")[1:]:
        k, _, v = part.partition("=")
        if k.strip().lower() == "charset" and v.strip():
            return v.strip().strip('"')
    return None
