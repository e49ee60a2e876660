"""Serving a generated world's sites on loopback, with the obstacles real sites put up.

Sites are told apart by path prefix: ``http://127.0.0.1:P/<site>/...``. Each site serves its
static pages from ``OUT/sites/<site>/`` and its images from ``OUT/images/`` under
``/<site>/img/``. Obstacles, per site (``platforms.py``), all deterministic so tests can rely
on them:

- ``ratelimit``: more than ``burst`` requests to one site within a second get ``429`` with
  ``Retry-After: 1``.
- ``redirect``: ``/<site>/`` answers ``302`` to the first listing page; one detail page in five
  answers ``301`` to the same path with ``?from=old`` (which then serves the page).
- ``broken``: one detail page in ten answers ``500`` on its first request (then works); one in
  twenty-three is cut off half-way on its first request (then works): the full ``Content-Length``
  is declared, half the page sent and the connection closed, as when a real server's connection
  drops (a server that sent a shorter length on purpose would be undetectable by any crawler).
- ``duplicates``: built into the listing pages themselves (see ``sites.py``).

Only 127.0.0.1 is ever bound: the world is test material, not a web site.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import defaultdict, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from vigil.world.platforms import BY_NAME
from vigil.world.sites import listing_path

HOST = "127.0.0.1"
_TYPES = {".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".css": "text/css",
          ".jpg": "image/jpeg", ".json": "application/json"}  # fmt: skip


def _bucket(path: str, mod: int) -> bool:
    return int(hashlib.sha256(path.encode()).hexdigest()[:8], 16) % mod == 0


class WorldServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, port: int, burst: int = 10) -> None:
        self.root = root.resolve()
        self.burst = burst
        self.lock = threading.Lock()
        self.hits: dict[str, deque[float]] = defaultdict(deque)
        self.failed_once: set[str] = set()
        self.sites = sorted(p.name for p in (self.root / "sites").iterdir() if p.is_dir()) if (self.root / "sites").is_dir() else []
        super().__init__((HOST, port), _Handler)

    def limited(self, site: str) -> bool:
        now = time.monotonic()
        with self.lock:
            q = self.hits[site]
            while q and now - q[0] > 1.0:
                q.popleft()
            q.append(now)
            return len(q) > self.burst

    def first_failure(self, path: str) -> bool:
        with self.lock:
            if path in self.failed_once:
                return False
            self.failed_once.add(path)
            return True


class _Handler(BaseHTTPRequestHandler):
    server: WorldServer
    server_version = "VigilWorld/1"

    def log_message(self, format: str, *args: object) -> None:  # quiet; the CLI reports what matters
        return

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/plain; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:  # fmt: skip
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _cut(self, data: bytes) -> None:
        """What a real server does when its connection drops mid-page: the whole length declared,
        half of it sent, the connection closed (a client sees the shortfall and can try again)."""
        self.send_response(200)
        self.send_header("Content-Type", _TYPES[".html"])
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if self.command != "HEAD":
            self.wfile.write(data[: len(data) // 2])

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        srv = self.server
        if path in ("", "/"):
            links = "".join(f'<li><a href="/{s}/">{s}</a></li>' for s in srv.sites)
            return self._send(200, f"<!DOCTYPE html><html><body><ul>{links}</ul></body></html>".encode(), _TYPES[".html"])
        if path == "/robots.txt":
            rules = "".join(f"Disallow: /{s}/private/\nDisallow: /{s}/search\n" for s in srv.sites)
            return self._send(200, f"User-agent: *\n{rules}".encode())
        name, _, rest = path.lstrip("/").partition("/")
        site = BY_NAME.get(name)
        if site is None or name not in srv.sites:
            return self._send(404, b"no such site")
        if "ratelimit" in site.obstacles and rest != "robots.txt" and srv.limited(name):
            return self._send(429, b"slow down", headers={"Retry-After": "1"})
        if rest == "":
            first = f"/{name}/{listing_path(site, 1)}"
            if "redirect" in site.obstacles or path == f"/{name}":
                return self._send(302, b"", headers={"Location": first})
            rest = listing_path(site, 1)
        file = srv.root / "images" / rest[4:] if rest.startswith("img/") else srv.root / "sites" / name / rest
        try:
            file = file.resolve()
            file.relative_to(srv.root)
        except (OSError, ValueError):
            return self._send(404, b"not found")
        if not file.is_file():
            return self._send(404, b"not found")
        detail = "/" in rest and not rest.startswith(("img/", "girls/", "ads/list-", "jobs/", "board/", "members/"))
        if detail and "redirect" in site.obstacles and "from=old" not in parts.query and _bucket(path, 5):
            return self._send(301, b"", headers={"Location": f"{path}?from=old"})
        if detail and "broken" in site.obstacles:
            if _bucket(path, 10) and srv.first_failure(path):
                return self._send(500, b"<html><body>Internal Server Error</body></html>", _TYPES[".html"])
            if _bucket(path + "#cut", 23) and srv.first_failure(path + "#cut"):
                return self._cut(file.read_bytes())
        return self._send(200, file.read_bytes(), _TYPES.get(file.suffix, "application/octet-stream"))


def make_server(out: Path, port: int = 0, burst: int = 10) -> WorldServer:
    """A server bound to 127.0.0.1:``port`` (0 picks a free port: see ``server_address``)."""
    if not (out / "sites").is_dir():
        raise FileNotFoundError(f"{out}: no sites/ folder; run 'vigil world generate' first")
    return WorldServer(out, port, burst)


def serve_in_thread(out: Path, port: int = 0, burst: int = 10) -> tuple[WorldServer, threading.Thread]:
    """Start serving in a daemon thread; stop with ``server.shutdown(); server.server_close()``."""
    server = make_server(out, port, burst)
    thread = threading.Thread(target=server.serve_forever, name="vigil-world-server", daemon=True)
    thread.start()
    return server, thread
