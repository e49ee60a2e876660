"""The sites as static HTML: listing pages, detail pages, robots.txt and a site.json per site.

Six layouts (escort, classifieds, jobs, forum, messenger, dating), each with its own URL
patterns and markup; each site's CSS class prefix makes its markup its own. Every field sits in
an element with class ``<prefix>-<field>`` (title, text, author, location, date, ref, images),
except the messenger layout, which mimics a chat export (``div.message``, ``div.from_name``,
``div.text``, ``div.date[title]``). Pages are written as posts stream past, so memory stays flat.
Patterns and selectors are in docs/WORLD.md and in each ``sites/<site>/site.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from vigil.world.images import path_of
from vigil.world.platforms import Site

# layout -> (listing page path for page n, detail page path for an id, native id for counter n)
PATTERNS: dict[str, tuple[str, str]] = {
    "escort": ("girls/page-{n}.html", "profile/{id}.html"),
    "classifieds": ("ads/list-{n}.html", "ads/{id}.html"),
    "jobs": ("jobs/p{n}.html", "job/{id}.html"),
    "forum": ("board/page{n}.html", "thread/{id}.html"),
    "messenger": ("messages{n}.html", ""),
    "dating": ("members/{n}.html", "member/{id}.html"),
}


def native_id(site: Site, n: int) -> str:
    """The site's own id for its n-th post (each layout numbers differently)."""
    return {"escort": str(20000 + n), "classifieds": f"{site.prefix.upper()}-{n:06d}", "jobs": f"J{n:05d}",
            "forum": f"t{n}", "messenger": str(n), "dating": f"m{n}"}[site.layout]  # fmt: skip


def listing_path(site: Site, n: int) -> str:
    if site.layout == "messenger" and n == 1:
        return "messages.html"
    return PATTERNS[site.layout][0].format(n=n)


def _page(site: Site, lang: str, title: str, body: str) -> str:
    p = site.prefix
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<link rel="stylesheet" href="/{site.name}/style.css"></head>\n<body class="{p}-site">'
        f'<header class="{p}-header"><a href="/{site.name}/">{site.name}</a></header>\n{body}\n'
        f'<footer class="{p}-footer">© {site.name}</footer></body></html>\n'
    )


def _text_html(text: str) -> str:
    return "<br>\n".join(escape(line) for line in text.split("\n"))


def _imgs(site: Site, images: list[str], cls: str) -> str:
    return "".join(f'<img class="{cls}" src="/{site.name}/img/{path_of(i).split("/", 1)[1]}" alt="">' for i in images)


def detail_html(site: Site, rec: dict[str, Any]) -> str:
    p, lay = site.prefix, site.layout
    when = f'<time class="{p}-date" datetime="{rec["posted_at"]}">{rec["posted_at"][:10]}</time>'
    loc = f'<span class="{p}-location">{escape(rec["location"] or "")}</span>'
    ref = f'<span class="{p}-ref">ID: {escape(rec["id"])}</span>'
    author = f'<span class="{p}-author">{escape(rec["author"] or "")}</span>'
    title = escape(rec["title"])
    text = f'<div class="{p}-text">{_text_html(rec["text"])}</div>'
    imgs = f'<div class="{p}-images">{_imgs(site, rec["images"], p + "-photo")}</div>' if rec["images"] else ""
    if lay == "escort":
        body = f'<article class="{p}-profile"><h1 class="{p}-title">{title}</h1><div class="{p}-meta">{author} · {loc} · {when}</div>{imgs}{text}<p>{ref}</p></article>'
    elif lay == "classifieds":
        body = f'<main><h2 class="{p}-title">{title}</h2><table class="{p}-facts"><tr><th>Ort</th><td>{loc}</td></tr><tr><th>Datum</th><td>{when}</td></tr><tr><th>User</th><td>{author}</td></tr></table>{text}{imgs}<div>{ref}</div></main>'
    elif lay == "jobs":
        body = f'<section class="{p}-job"><h1 class="{p}-title">{title}</h1><dl><dt>Location</dt><dd>{loc}</dd><dt>Posted</dt><dd>{when}</dd><dt>Employer</dt><dd>{author}</dd></dl>{text}{ref}</section>'
    elif lay == "forum":
        body = f'<div class="{p}-thread"><h3 class="{p}-title">{title}</h3><div class="{p}-post"><div class="{p}-by">{author} {when} {loc}</div>{text}{imgs}</div>{ref}</div>'
    else:  # dating
        body = f'<div class="{p}-member"><h2 class="{p}-title">{title}</h2>{imgs}<ul><li>{author}</li><li>{loc}</li><li>{when}</li></ul>{text}{ref}</div>'
    return _page(site, rec["language"], rec["title"], body)


def listing_item(site: Site, rec: dict[str, Any], detail_url: str) -> str:
    p = site.prefix
    if site.layout == "messenger":
        stamp = rec["posted_at"].replace("T", " ").replace("Z", "")
        media = "".join(
            f'<div class="media_wrap clearfix"><a class="photo_wrap clearfix pull_left" href="/{site.name}/img/{path_of(i).split("/", 1)[1]}">'
            f'<img class="photo" src="/{site.name}/img/{path_of(i).split("/", 1)[1]}"></a></div>' for i in rec["images"]
        )  # fmt: skip
        return (
            f'<div class="message default clearfix" id="message{escape(rec["id"])}"><div class="body">'
            f'<div class="pull_right date details" title="{stamp} UTC">{stamp[11:16]}</div>'
            f'<div class="from_name">{escape(rec["author"] or "")}</div>{media}'
            f'<div class="text"><strong>{escape(rec["title"])}</strong><br>{_text_html(rec["text"])}</div></div></div>'
        )
    snippet = escape(rec["text"][:120].replace("\n", " "))
    thumb = _imgs(site, rec["images"][:1], p + "-thumb")
    return (
        f'<li class="{p}-item"><a class="{p}-link" href="{detail_url}">{escape(rec["title"])}</a>{thumb}'
        f'<span class="{p}-location">{escape(rec["location"] or "")}</span>'
        f'<time class="{p}-date" datetime="{rec["posted_at"]}">{rec["posted_at"][:10]}</time><p class="{p}-snippet">{snippet}</p></li>'
    )


@dataclass(slots=True)
class _Pager:
    n: int = 1
    items: list[str] = field(default_factory=list)
    previous_tail: list[str] = field(default_factory=list)


class SiteWriter:
    """Writes one site's pages as posts arrive; ``close`` writes the last listing page."""

    def __init__(self, root: Path, site: Site, base_url: str) -> None:
        self.site, self.root, self.base_url = site, root / site.name, base_url
        self.pager = _Pager()
        self.count = 0
        for sub in {PATTERNS[site.layout][0].rpartition("/")[0], PATTERNS[site.layout][1].rpartition("/")[0]} - {""}:
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "robots.txt").write_text(self._robots(), encoding="utf-8")
        (self.root / "style.css").write_text(f".{site.prefix}-title{{font-weight:bold}}\n", encoding="utf-8")

    def _robots(self) -> str:
        s = self.site
        lines = ["User-agent: *", f"Disallow: /{s.name}/private/", f"Disallow: /{s.name}/search"]
        if "ratelimit" in s.obstacles:
            lines.append("Crawl-delay: 1")
        return "\n".join(lines) + "\n"

    def next_id(self) -> tuple[str, str]:
        """(native id, URL) of the next post on this site."""
        self.count += 1
        nid = native_id(self.site, self.count)
        if self.site.layout == "messenger":
            path = listing_path(self.site, self.pager.n) + f"#message{nid}"
        else:
            path = PATTERNS[self.site.layout][1].format(id=nid)
        return nid, f"{self.base_url}/{self.site.name}/{path}"

    def add(self, rec: dict[str, Any]) -> None:
        site = self.site
        if site.layout != "messenger":
            path = PATTERNS[site.layout][1].format(id=rec["id"])
            (self.root / path).write_text(detail_html(site, rec), encoding="utf-8")
            self.pager.items.append(listing_item(site, rec, f"/{site.name}/{path}"))
        else:
            self.pager.items.append(listing_item(site, rec, ""))
        if len(self.pager.items) >= site.per_page:
            self._flush(last=False)

    def _flush(self, last: bool) -> None:
        site, pg = self.site, self.pager
        items = pg.items
        if "duplicates" in site.obstacles and pg.n > 1 and pg.n % 3 == 0:
            items = pg.previous_tail + items  # a new ad pushed the last ones onto this page
        nxt = "" if last else f'<a class="{site.prefix}-next" rel="next" href="/{site.name}/{listing_path(site, pg.n + 1)}">next »</a>'
        if site.layout == "messenger":
            body = f'<div class="page_wrap"><div class="history">{"".join(items)}</div>{nxt.replace(site.prefix + "-next", "pagination")}</div>'
        else:
            body = f'<ul class="{site.prefix}-list">{"".join(items)}</ul><nav class="{site.prefix}-pages">{nxt}</nav>'
        (self.root / listing_path(site, pg.n)).write_text(_page(site, site.langs[0], f"{site.name} {pg.n}", body), encoding="utf-8")
        pg.previous_tail, pg.items, pg.n = pg.items[-2:], [], pg.n + 1

    def close(self) -> None:
        self._flush(last=True)
        (self.root / "site.json").write_text(json.dumps(self.describe(), indent=2) + "\n", encoding="utf-8")

    def describe(self) -> dict[str, Any]:
        s, p = self.site, self.site.prefix
        return {
            "name": s.name, "kind": s.kind, "layout": s.layout, "prefix": p, "countries": list(s.countries),
            "languages": list(s.langs), "obstacles": list(s.obstacles), "per_page": s.per_page,
            "start": f"/{s.name}/{listing_path(s, 1)}", "listing": f"/{s.name}/{PATTERNS[s.layout][0]}",
            "detail": f"/{s.name}/{PATTERNS[s.layout][1]}" if PATTERNS[s.layout][1] else None,
            "pages": self.pager.n - 1, "posts": self.count,
        }  # fmt: skip
