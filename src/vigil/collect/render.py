"""Rendering JavaScript-heavy pages: optional, off by default (``render_js: true`` in a site file).

Why this shape: a browser fetching on its own would bypass everything that makes the crawl safe
and court-grade (address checks, robots, politeness, the WARC). So the browser never touches
the network: the page's HTML is the response the crawler already fetched and recorded, and every
request the page's scripts make is routed back to the crawler (``SubFetch``), which checks,
fetches, records and hands the answer to the browser, or refuses. The rendered DOM is written to
the WARC as a ``conversion`` record referring to the original response, and that DOM is parsed.

``PlaywrightRenderer`` drives headless Chromium (Debian's ``chromium`` package, ``make browser``)
through Playwright, an optional dependency (``pip install 'vigil[render]'``); nothing imports it
unless a site asks for rendering. Playwright's own browser download (``playwright install``) is
never used: the executable is the system's. Tests drive the seam with a fake renderer, and the
real browser when it is installed (``tests/collect/test_render.py`` says why it skipped if not).
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from vigil.errors import VigilError


@dataclass(frozen=True, slots=True)
class SubResponse:
    status: int
    headers: dict[str, str]
    body: bytes


SubFetch = Callable[[str], Awaitable[SubResponse | None]]  # None: refused (unsafe, robots, failed)


class Renderer(Protocol):
    async def render(self, url: str, html: bytes, sub_fetch: SubFetch, content_type: str = "text/html") -> str: ...

    async def close(self) -> None: ...


# Chromium's own background traffic (updates, sync, QUIC probes, first-run pages) is off: the only
# requests a rendered page makes are its own, and those are routed to the crawler.
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync")  # fmt: skip


def find_chromium() -> str | None:
    """The system's Chromium (Debian: ``/usr/bin/chromium``), or ``None``."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def unavailable() -> str | None:
    """Why rendering cannot run on this machine (``None``: it can); a message that says what to do."""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed: pip install 'vigil[render]' (or make browser)"
    if not find_chromium():
        return "Chromium is not installed: apt-get install chromium as root (or make browser)"
    return None


class PlaywrightRenderer:
    """Headless Chromium through Playwright; every request goes through ``sub_fetch``.

    ``wait_ms``: how long to let scripts settle after the network went idle (timers, animations).
    """

    def __init__(self, executable: str | None = None, user_agent: str | None = None, wait_ms: int = 300) -> None:
        self.executable = executable or find_chromium()
        self.user_agent = user_agent
        self.wait_ms = wait_ms
        self._pw: Any = None
        self._browser: Any = None

    async def _start(self) -> None:
        try:
            from playwright.async_api import async_playwright
        except ImportError:
            raise VigilError("render_js needs Playwright: pip install 'vigil[render]' (and Debian's chromium)") from None
        if not self.executable:
            raise VigilError("render_js needs Chromium: install Debian's 'chromium' package (make browser)")
        self._pw = await async_playwright().start()
        self._browser = await self._pw.chromium.launch(executable_path=self.executable, headless=True,
                                                       args=list(CHROMIUM_ARGS))  # fmt: skip

    async def render(self, url: str, html: bytes, sub_fetch: SubFetch, content_type: str = "text/html") -> str:
        """The DOM of ``html`` (the recorded response for ``url``, served as ``content_type`` so the
        browser decodes it as the server said) after its scripts ran."""
        from playwright.async_api import TimeoutError as PlaywrightTimeout

        if self._browser is None:
            await self._start()
        context = await self._browser.new_context(user_agent=self.user_agent, service_workers="block")
        try:
            page = await context.new_page()

            async def route(r: Any) -> None:
                req_url = r.request.url
                if req_url.split("#", 1)[0] == url.split("#", 1)[0]:
                    await r.fulfill(status=200, body=html, headers={"Content-Type": content_type})
                    return
                sub = await sub_fetch(req_url)
                if sub is None:
                    await r.abort()
                else:
                    await r.fulfill(status=sub.status, body=sub.body, headers=sub.headers)

            await page.route("**/*", route)
            await page.goto(url, wait_until="load", timeout=30_000)
            with contextlib.suppress(PlaywrightTimeout):  # a page that keeps polling: take the DOM as it is
                await page.wait_for_load_state("networkidle", timeout=10_000)
            await page.wait_for_timeout(self.wait_ms)
            return str(await page.content())
        finally:
            await context.close()

    async def close(self) -> None:
        if self._browser is not None:
            await self._browser.close()
            await self._pw.stop()
            self._browser = self._pw = None
