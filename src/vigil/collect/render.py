"""Rendering JavaScript-heavy pages: optional, off by default (``render_js: true`` in a site file).

Why this shape: a browser fetching on its own would bypass everything that makes the crawl safe
and court-grade (address checks, robots, politeness, the WARC). So the browser never touches
the network: the page's HTML is the response the crawler already fetched and recorded, and every
request the page's scripts make is routed back to the crawler (``SubFetch``), which checks,
fetches, records and hands the answer to the browser, or refuses. The rendered DOM is written to
the WARC as a ``conversion`` record referring to the original response, and that DOM is parsed.

``PlaywrightRenderer`` drives headless Chromium (Debian's ``chromium`` package by default) through
Playwright, an optional dependency (``pip install 'vigil[render]'``); nothing imports it unless a
site asks for rendering. Tests drive the seam with a fake renderer (no browser on CI machines).
"""

from __future__ import annotations

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
    async def render(self, url: str, html: bytes, sub_fetch: SubFetch) -> str: ...

    async def close(self) -> None: ...


class PlaywrightRenderer:
    """Headless Chromium through Playwright; every request goes through ``sub_fetch``."""

    def __init__(self, executable: str | None = None, user_agent: str | None = None, wait_ms: int = 1500) -> None:
        self.executable = executable or shutil.which("chromium") or shutil.which("chromium-browser")
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
            raise VigilError("render_js needs Chromium: install Debian's 'chromium' package")
        self._pw = await async_playwright().start()
        self._browser = await self._pw.chromium.launch(executable_path=self.executable, headless=True)

    async def render(self, url: str, html: bytes, sub_fetch: SubFetch) -> str:
        if self._browser is None:
            await self._start()
        context = await self._browser.new_context(user_agent=self.user_agent, service_workers="block")
        try:
            page = await context.new_page()

            async def route(r: Any) -> None:
                req_url = r.request.url
                if req_url.split("#", 1)[0] == url.split("#", 1)[0]:
                    await r.fulfill(status=200, body=html, headers={"Content-Type": "text/html"})
                    return
                sub = await sub_fetch(req_url)
                if sub is None:
                    await r.abort()
                else:
                    await r.fulfill(status=sub.status, body=sub.body, headers=sub.headers)

            await page.route("**/*", route)
            await page.goto(url, wait_until="networkidle", timeout=30_000)
            await page.wait_for_timeout(self.wait_ms)
            return str(await page.content())
        finally:
            await context.close()

    async def close(self) -> None:
        if self._browser is not None:
            await self._browser.close()
            await self._pw.stop()
            self._browser = self._pw = None
