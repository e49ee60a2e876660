"""Crawler test fixtures: a tiny synthetic site on 127.0.0.1 (routes are data, every hit is counted),
small synthetic images (abstract colour squares; never people) and a site file for it."""

from __future__ import annotations

import contextlib
import io
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PIL import Image


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay_s: float = 0.0
    fail_first: int = 0  # answer `fail_status` this many times first
    fail_status: int = 503
    retry_after: str | None = None
    etag: str | None = None
    trickle: bool = False  # send the body one byte at a time, slowly
    cut_first: int = 0  # this many times first: declare the full length, send half, close the connection


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route | Callable[[], Route]] = {}
        self.hits: Counter[str] = Counter()
        self.times: list[tuple[float, str]] = []
        self.headers_seen: list[dict[str, str]] = []
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def page(self, path: str, html: str, **kw: Any) -> None:
        self.routes[path] = Route(body=html.encode("utf-8"), **kw)

    def start(self) -> Site:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a: Any) -> None:
                pass

            def do_GET(self) -> None:
                with site.lock:
                    site.hits[self.path] += 1
                    n = site.hits[self.path]
                    site.times.append((time.monotonic(), self.path))
                    site.headers_seen.append(dict(self.headers))
                r = site.routes.get(self.path)
                if callable(r):
                    r = r()
                if r is None:
                    self._send(404, b"not found", {"Content-Type": "text/plain"})
                    return
                if r.delay_s:
                    time.sleep(r.delay_s)
                if n <= r.fail_first:
                    h = {"Content-Type": "text/plain"}
                    if r.retry_after is not None:
                        h["Retry-After"] = r.retry_after
                    self._send(r.fail_status, b"busy", h)
                    return
                h = dict(r.headers)
                if n <= r.cut_first:
                    self.send_response(r.status)
                    for k, v in h.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(r.body)))
                    self.end_headers()
                    self.close_connection = True
                    with contextlib.suppress(OSError):
                        self.wfile.write(r.body[: len(r.body) // 2])
                    return
                if r.etag:
                    h["ETag"] = r.etag
                    if self.headers.get("If-None-Match") == r.etag:
                        self._send(304, b"", {"ETag": r.etag})
                        return
                if r.trickle:
                    self.send_response(r.status)
                    for k, v in h.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(r.body)))
                    self.end_headers()
                    try:
                        for b in r.body:
                            self.wfile.write(bytes([b]))
                            self.wfile.flush()
                            time.sleep(0.05)
                    except OSError:
                        pass
                    return
                self._send(r.status, r.body, h)

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()


def classifieds(site: Site, n_posts: int = 6, per_page: int = 3) -> None:
    """A small classifieds site: paged listings, post pages with fields and one image each."""
    pages = (n_posts + per_page - 1) // per_page
    site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})
    for p in range(1, pages + 1):
        items = "".join(
            f'<li><a class="ad" href="/ad/{i}">Ad {i}</a></li>'
            for i in range((p - 1) * per_page + 1, min(p * per_page, n_posts) + 1)
        )
        nxt = f'<a class="next" href="/list?page={p + 1}">next</a>' if p < pages else ""
        path = "/list?page=1" if p == 1 else f"/list?page={p}"
        site.page(path, f"<html><body><ul>{items}</ul>{nxt}<a href='/private/x'>x</a></body></html>")
    site.routes["/"] = site.routes["/list?page=1"]
    for i in range(1, n_posts + 1):
        site.page(f"/ad/{i}", post_html(i, f"Ad number {i}", f"Call +49 151 2345{i:04d} for work in Berlin. Ref {i}."))
        site.routes[f"/img/{i}.png"] = Route(body=tiny_png(i), headers={"Content-Type": "image/png"})
    site.page("/private/x", "<html><body>secret</body></html>")


def post_html(i: int, title: str, text: str) -> str:
    return (
        f"<html><head><title>{title} | Site</title></head><body><article>"
        f'<h1 class="t">{title}</h1><span class="id">{i}</span><span class="who">user{i}</span>'
        f'<time datetime="2026-11-0{1 + i % 9}T10:00:00Z">Nov</time><span class="city">Berlin</span>'
        f'<div class="body"><p>{text}</p><p>Second line.</p></div><img class="ph" src="/img/{i}.png">'
        f"<script>var secret='do not read';</script></article></body></html>"
    )


SITE_YAML = """\
name: Test Classifieds
kind: classifieds
country: DE
language: de
case: case-test
legal_basis: test fixture
start_urls: ["{base}/list?page=1"]
allow_loopback: true
politeness: {{delay_s: 0.0, concurrency: 4}}
limits: {{timeout_s: 5, retries: 2, max_bytes: 200000}}
links:
  listing: ["a.next"]
  post: ["a.ad"]
  post_pattern: "/ad/\\\\d+$"
post:
  fields: {{id: ".id", title: "h1.t", text: "div.body", author: ".who", posted_at: "time@datetime", location: ".city"}}
  images: "img.ph@src"
"""


def tiny_png(seed: int) -> bytes:
    img = Image.new("RGB", (8, 8), ((seed * 40) % 256, (seed * 90) % 256, (seed * 150) % 256))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


@pytest.fixture
def web() -> Any:
    site = Site().start()
    yield site
    site.stop()


@pytest.fixture
def ads(web: Site, tmp_path: Path) -> tuple[Site, Path]:
    """The classifieds site, served, and its site file."""
    classifieds(web)
    path = tmp_path / "sites" / "test.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SITE_YAML.format(base=web.base), encoding="utf-8")
    return web, path


class Proxy:
    """A forward HTTP proxy on 127.0.0.1 that logs every absolute-URI request it relays."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a: Any) -> None:
                pass

            def do_GET(self) -> None:
                import urllib.error
                import urllib.request

                proxy.seen.append(self.path)
                req = urllib.request.Request(self.path, headers={"User-Agent": self.headers.get("User-Agent", "")})
                try:
                    with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(req, timeout=5) as r:
                        status, body, ctype = r.status, r.read(), r.headers.get("Content-Type", "text/html")
                except urllib.error.HTTPError as e:
                    status, body, ctype = e.code, e.read(), "text/plain"
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def proxy() -> Any:
    p = Proxy()
    yield p
    p.stop()
