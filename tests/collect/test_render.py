"""Rendering JavaScript pages goes through the crawler: the scripts' requests are checked, fetched
and recorded like any other, the rendered DOM is evidence too (a WARC conversion record)."""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import select

from vigil.collect import crawl_sites
from vigil.collect.crawler import CrawlSettings
from vigil.collect.render import SubFetch
from vigil.evidence import evidence_dir
from vigil.evidence.verify import verify
from vigil.store import Store
from vigil.store import schema as t

from .conftest import Route


class FakeBrowser:
    """Stands in for Chromium: 'runs' a page's script by fetching the URLs in data-src attributes
    and putting the JSON it gets into the element, as a single-page app would."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    async def render(self, url: str, html: bytes, sub_fetch: SubFetch) -> str:
        page = html.decode("utf-8")
        for src in re.findall(r'data-src="([^"]+)"', page):
            full = url.split("/ad/")[0] + src
            self.asked.append(full)
            got = await sub_fetch(full)
            fill = json.loads(got.body)["text"] if got is not None and got.status == 200 else "[blocked]"
            page = page.replace(f'data-src="{src}"></div>', f'data-src="{src}">{fill}</div>')
        return page

    async def close(self) -> None:
        pass


def test_rendered_pages_are_read_and_recorded(ads: Any, store: Store) -> None:
    web, sites = ads
    sites.write_text(sites.read_text() + "render_js: true\n")
    shell = ('<html><body><h1 class="t">App ad {i}</h1><span class="id">{i}</span>'
             '<div class="body" data-src="/api/{i}.json"></div></body></html>')  # fmt: skip
    for i in range(1, 7):
        web.page(f"/ad/{i}", shell.format(i=i))
        web.routes[f"/api/{i}.json"] = Route(body=json.dumps({"text": f"text from the API {i}"}).encode(),
                                             headers={"Content-Type": "application/json"})  # fmt: skip
    web.page("/ad/6", shell.format(i=6).replace("/api/6.json", "/private/6.json"))
    browser = FakeBrowser()
    crawl_sites(store, sites, CrawlSettings(renderer=browser))
    posts = {p.native_id: p for p in store.iter_posts()}
    assert posts["3"].text == "text from the API 3", "the DOM after the script ran is what is read"
    assert posts["6"].text == "[blocked]", "robots.txt applies to the scripts' requests too"
    assert web.hits["/private/6.json"] == 0
    with store.engine.connect() as conn:
        types = list(conn.execute(select(t.warc_records.c.record_type, t.warc_records.c.target_uri)).all())
    assert sum(1 for ty, _ in types if ty == "conversion") >= 6
    assert any(ty == "response" and uri.endswith("/api/3.json") for ty, uri in types), "API answers are evidence"
    assert verify(evidence_dir(store.workspace), store.engine).ok
