"""The served world: real HTTP on loopback, with robots, pages, images and obstacles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from vigil.world.server import WorldServer, serve_in_thread


@pytest.fixture(scope="module")
def server(world: Path) -> Iterator[WorldServer]:
    srv, _ = serve_in_thread(world, port=0, burst=5)
    yield srv
    srv.shutdown()
    srv.server_close()


def _get(srv: WorldServer, path: str) -> httpx.Response:
    host, port = srv.server_address[:2]
    return httpx.get(f"http://{host}:{port}{path}", follow_redirects=False, timeout=5)


def test_binds_loopback_only(server: WorldServer) -> None:
    assert server.server_address[0] == "127.0.0.1"


def test_robots_listing_and_detail_pages(server: WorldServer, world: Path) -> None:
    assert "Disallow: /koopjeshoek/private/" in _get(server, "/koopjeshoek/robots.txt").text
    truth = json.loads((world / "truth.json").read_text())
    # an escort directory that has posts in this small world (which ones do depends on the world's draw)
    name = next(p["source"] for p in truth["platforms"] if p["layout"] == "escort" and p["posts"])
    site = json.loads((world / "sites" / name / "site.json").read_text())
    pre = site["prefix"]
    listing = _get(server, site["start"])
    assert listing.status_code == 200 and f'class="{pre}-link"' in listing.text
    detail = listing.text.split(f'class="{pre}-link" href="')[1].split('"')[0]
    page = _get(server, detail)
    assert page.status_code == 200 and f'class="{pre}-title"' in page.text and f'class="{pre}-ref"' in page.text


def test_images_are_jpeg(server: WorldServer, world: Path) -> None:
    name = next((world / "images").iterdir()).name
    r = _get(server, f"/heartmatch/img/{name}")
    assert r.status_code == 200 and r.headers["content-type"] == "image/jpeg" and r.content[:2] == b"\xff\xd8"


@pytest.mark.parametrize("path", ["/dolce-incontri/../../truth.json", "/nowhere/", "/dolce-incontri/missing.html"])
def test_unknown_or_escaping_paths_are_404(server: WorldServer, path: str) -> None:
    assert _get(server, path).status_code == 404


def test_redirect_site_sends_its_root_to_the_first_listing(server: WorldServer) -> None:
    r = _get(server, "/koopjeshoek/")
    assert r.status_code == 302 and r.headers["location"] == "/koopjeshoek/ads/list-1.html"


def test_burst_gets_429_with_retry_after(server: WorldServer) -> None:
    codes = [_get(server, "/citas-relax/girls/page-1.html").status_code for _ in range(12)]
    assert codes[0] == 200 and 429 in codes
    r = next(_get(server, "/citas-relax/girls/page-1.html") for _ in range(1))
    if r.status_code == 429:
        assert r.headers["retry-after"] == "1"


def test_broken_site_fails_once_then_serves(server: WorldServer, world: Path) -> None:
    pages = sorted((world / "sites" / "noapte-dulce" / "profile").iterdir())
    statuses = {}
    for p in pages:
        path = f"/noapte-dulce/profile/{p.name}"
        first = _get(server, path).status_code
        if first == 500:
            statuses[path] = _get(server, path).status_code
    assert statuses, "some detail pages of a broken site fail"
    assert set(statuses.values()) == {200}, "and work when retried"
