"""Rendering JavaScript pages goes through the crawler: the scripts' requests are checked, fetched
and recorded like any other, the rendered DOM is evidence too (a WARC conversion record)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from sqlalchemy import select

from vigil.collect import crawl_sites
from vigil.collect.crawler import CrawlSettings
from vigil.collect.render import SubFetch, unavailable
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

    async def render(self, url: str, html: bytes, sub_fetch: SubFetch, content_type: str = "text/html") -> str:
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


# -- the real browser: Debian's Chromium through Playwright (``make browser`` installs both) ------

APP_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>App</title></head><body><article>
<h1 class="t"></h1><span class="id">{i}</span><div class="body"></div>
<script>
fetch("{api}").then(r => r.json()).then(d => {{
  document.querySelector("h1.t").textContent = d.title;
  document.querySelector("div.body").textContent = d.text;
}});
</script></article></body></html>"""

APP_SITE = """\
name: App Ads
kind: classifieds
start_urls: ["{base}/list"]
allow_loopback: true
politeness: {{delay_s: 0.0, concurrency: 2}}
limits: {{timeout_s: 20, retries: 1}}
links: {{post: ["a.ad"]}}
post:
  fields: {{id: ".id", title: "h1.t", text: "div.body"}}
"""

# (post, where its script gets the fields, title expected after rendering (None: no post), why)
APP_CASES = [
    (1, "/api/1.json", "Zimmer in Köln – 450 € warm", "fields filled in by the page's script"),
    (2, "/api/2.json", "Трудоустройство в Польше", "non-Latin text survives the browser round trip"),
    (3, "/private/3.json", None, "robots.txt forbids the script's request: the browser never gets it"),
]


def _app_site(web: Any, tmp_path: Any, render: bool) -> Any:
    web.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})
    web.page("/list", "<html><body>" + "".join(f'<a class="ad" href="/ad/{i}">{i}</a>' for i, *_ in APP_CASES)
             + "</body></html>")  # fmt: skip
    for i, api, title, _ in APP_CASES:
        web.page(f"/ad/{i}", APP_PAGE.format(i=i, api=api))
        data = {"title": title or "secret", "text": f"Text {i} from the API, call 0151 0000 000{i}."}
        web.routes[api] = Route(body=json.dumps(data, ensure_ascii=False).encode("utf-8"),
                                headers={"Content-Type": "application/json; charset=utf-8"})  # fmt: skip
    path = tmp_path / ("render" if render else "plain") / "app.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(APP_SITE.format(base=web.base) + ("render_js: true\n" if render else ""), encoding="utf-8")
    return path


@pytest.mark.skipif(unavailable() is not None, reason=f"real-browser render test: {unavailable()}")
def test_chromium_renders_what_the_plain_fetch_cannot(web: Any, store: Store, tmp_path: Any) -> None:
    with Store.open(tmp_path / "plain-ws", create=True) as plain:
        crawl_sites(plain, _app_site(web, tmp_path, render=False), CrawlSettings())
        assert list(plain.iter_posts()) == [], "without rendering the fields are empty: no post"
    before = len(web.headers_seen)
    report = crawl_sites(store, _app_site(web, tmp_path, render=True), CrawlSettings())
    problems = report.sites["app-ads"].problems
    assert len(problems) == 1 and "/ad/3" in problems[0] and "empty" in problems[0], problems
    posts = {p.native_id: p for p in store.iter_posts()}
    for i, _api, title, why in APP_CASES:
        got = posts.get(str(i))
        assert (got.title if got else None) == title, why
        if title:
            assert got is not None and got.text == f"Text {i} from the API, call 0151 0000 000{i}.", why
    assert web.hits["/private/3.json"] == 0, "the page's script could not go around robots.txt"
    browsers = [h for h in web.headers_seen[before:] if any(k.lower().startswith("sec-") for k in h)]
    assert browsers == [], "every request came from the crawler (httpx), none from Chromium itself"
    records = _records(store)
    responses = {r["id"]: r["uri"] for r in records if r["type"] == "response"}
    conversions = [r for r in records if r["type"] == "conversion"]
    assert sorted(c["uri"].rsplit("/", 1)[1] for c in conversions) == ["1", "2", "3", "list"], "one DOM per page"
    for conv in conversions:
        assert responses[conv["refers_to"]] == conv["uri"], "it refers to the recorded response it was made from"
    dom = next(c["body"] for c in conversions if c["uri"].endswith("/ad/1")).decode("utf-8")
    assert "Zimmer in Köln – 450 € warm</h1>" in dom, "the DOM as rendered is the evidence of what was read"
    assert any(uri.endswith("/api/2.json") for uri in responses.values()), "the script's request is evidence too"
    assert verify(evidence_dir(store.workspace), store.engine).ok


def _records(store: Store) -> list[dict[str, Any]]:
    from warcio.archiveiterator import ArchiveIterator

    out = []
    for path in sorted(evidence_dir(store.workspace).glob("*.warc.gz")):
        with path.open("rb") as f:
            for rec in ArchiveIterator(f):
                h = rec.rec_headers
                out.append({"type": rec.rec_type, "id": h.get_header("WARC-Record-ID"), "uri": h.get_header("WARC-Target-URI"),
                            "refers_to": h.get_header("WARC-Refers-To"), "body": rec.content_stream().read()})  # fmt: skip
    return out
