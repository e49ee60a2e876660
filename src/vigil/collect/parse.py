"""Reading pages: links to follow and a post's fields, from hostile HTML.

Pages are untrusted: lxml's HTML parser with huge trees off, no network, comments and processing
instructions dropped; script/style/template content never becomes text. When a site gives no
selectors, a small generic extractor takes the title (h1, else <title>) and the main text
(<article>, else <main>, else <body>).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree
from lxml.cssselect import CSSSelector

from vigil.collect.sites import Site

_PARSER = lxml.html.HTMLParser(
    huge_tree=False, no_network=True, remove_comments=True, remove_pis=True, recover=True
)
_DROP = ("script", "style", "template", "noscript", "iframe", "object", "embed")
_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote", "pre"}
_WS = re.compile(r"[ \t\r\f\v\u00a0]+")


class SelectorError(ValueError):
    pass


@lru_cache(maxsize=1024)
def compile_selector(sel: str) -> tuple[Any, str | None]:
    """A selector string -> (compiled expression, attribute or None). Raises ``SelectorError``."""
    attr = None
    expr = sel.strip()
    try:
        if expr.startswith("xpath:"):
            return etree.XPath(expr[6:].strip()), None
        if "@" in expr and not expr.endswith("]"):
            expr, attr = expr.rsplit("@", 1)
            attr = attr.strip()
        return CSSSelector(expr.strip()), attr
    except Exception as exc:  # cssselect and lxml raise several kinds
        raise SelectorError(f"bad selector {sel!r}: {exc}") from None


def parse_html(body: bytes, charset: str | None = None) -> Any | None:
    """The document, or None when there is nothing to parse."""
    if not body.strip():
        return None
    try:
        if charset:
            try:
                text = body.decode(charset, "replace")
                return lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(
                    encoding="utf-8", huge_tree=False, no_network=True, remove_comments=True, remove_pis=True))
            except LookupError:
                pass
        return lxml.html.document_fromstring(body, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


def _text(el: Any, multiline: bool) -> str:
    if not isinstance(el, etree._Element):
        return _WS.sub(" ", str(el)).strip()
    el = _clean_copy(el)
    if multiline:
        for sub in el.iter():
            if sub is not el and isinstance(sub.tag, str) and sub.tag.lower() in _BLOCK:
                sub.text = "\n" + (sub.text or "")
                sub.tail = "\n" + (sub.tail or "")
    raw = "".join(el.itertext())
    lines = [_WS.sub(" ", ln).strip() for ln in raw.split("\n")]
    if multiline:
        return "\n".join(ln for ln in lines if ln).strip()
    return " ".join(ln for ln in lines if ln).strip()


def _clean_copy(el: Any) -> Any:
    from copy import deepcopy

    el = deepcopy(el)
    for bad in el.xpath(".//script|.//style|.//template|.//noscript|.//iframe|.//object|.//embed"):
        bad.drop_tree()
    return el


def select(doc: Any, sel: str, *, multiline: bool = False) -> list[str]:
    expr, attr = compile_selector(sel)
    out = []
    for el in expr(doc):
        if attr is not None:
            v = el.get(attr) if isinstance(el, etree._Element) else None
            if v is not None:
                out.append(v.strip())
        else:
            t = _text(el, multiline)
            if t:
                out.append(t)
    return out


def absolute(base: str, href: str) -> str | None:
    """An absolute http(s) URL without fragment, or None for mailto:, javascript: and the like."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    u = urljoin(base, href)
    p = urlsplit(u)
    if p.scheme not in ("http", "https"):
        return None
    return urlunsplit((p.scheme, p.netloc, p.path or "/", p.query, ""))


def links(doc: Any, base: str, selectors: tuple[str, ...]) -> list[str]:
    """Absolute URLs of the links the selectors pick (``a`` elements: their href)."""
    out: list[str] = []
    for sel in selectors:
        expr, attr = compile_selector(sel)
        for el in expr(doc):
            href = el.get(attr or "href") if isinstance(el, etree._Element) else str(el)
            if href and (u := absolute(base, href)):
                out.append(u)
    return list(dict.fromkeys(out))


def all_links(doc: Any, base: str) -> list[str]:
    return links(doc, base, ("a[href]",))


def classify_links(doc: Any, url: str, site: Site) -> tuple[list[str], list[str]]:
    """(listing URLs, post URLs) found on a page, in scope, by selector or by URL pattern."""
    listing = links(doc, url, site.listing_links) if site.listing_links else []
    posts = links(doc, url, site.post_links) if site.post_links else []
    if (not site.listing_links and site.listing_pattern) or (not site.post_links and site.post_pattern):
        for u in all_links(doc, url):
            if not site.post_links and is_post_url(site, u):
                posts.append(u)
            elif not site.listing_links and site.listing_pattern and re.search(site.listing_pattern, u):
                listing.append(u)
    listing = [u for u in dict.fromkeys(listing) if site.in_scope(u)]
    posts = [u for u in dict.fromkeys(posts) if site.in_scope(u)]
    return listing, posts


def is_post_url(site: Site, url: str) -> bool:
    """A post page by its URL: matches ``post_pattern`` and not ``listing_pattern``."""
    if not site.post_pattern or not re.search(site.post_pattern, url):
        return False
    return not (site.listing_pattern and re.search(site.listing_pattern, url))


def extract_post(doc: Any, url: str, site: Site) -> dict[str, Any]:
    """A record in the ingest schema (``vigil.ingest.records``) from a post page."""
    rec: dict[str, Any] = {"url": url, "source": site.name, "source_kind": site.kind}
    if site.country:
        rec["source_country"] = site.country
    if not site.fields.get("title") and not site.fields.get("text"):
        rec.update(_generic(doc))
    for name, sels in site.fields.items():
        for sel in sels:
            vals = select(doc, sel, multiline=(name == "text"))
            if vals:
                rec[name] = "\n".join(vals) if name == "text" else vals[0]
                break
    if "id" not in rec and site.id_from_url and (m := re.search(site.id_from_url, url)):
        rec["id"] = m.group(1) if m.groups() else m.group(0)
    if "id" in rec and site.id_pattern and (m := re.search(site.id_pattern, rec["id"])):
        rec["id"] = m.group(1) if m.groups() else m.group(0)
    if isinstance(rec.get("posted_at"), str):
        rec["posted_at"] = _clean_time(rec["posted_at"])
    if site.images:
        imgs = [u for v in select(doc, site.images) if (u := absolute(url, v))]
        if imgs:
            rec["images"] = list(dict.fromkeys(imgs))
    if site.country and "country" not in rec:
        rec["country"] = site.country
    return rec


def extract_items(doc: Any, url: str, site: Site) -> list[dict[str, Any]]:
    """Pages that hold many posts (chat exports, feeds): one record per ``post.item`` element.

    The post's URL is the page's URL with the item's ``id`` attribute as fragment, when it has one.
    """
    assert site.item
    expr, _ = compile_selector(site.item)
    out = []
    for el in expr(doc):
        anchor = el.get("id") if isinstance(el, etree._Element) else None
        rec = extract_post(el, url.split("#", 1)[0] + (f"#{anchor}" if anchor else ""), site)
        if anchor and "id" not in rec:
            rec["id"] = anchor
            if site.id_pattern and (m := re.search(site.id_pattern, anchor)):
                rec["id"] = m.group(1) if m.groups() else m.group(0)
        out.append(rec)
    return out


_TZ_WORD = re.compile(r"\s*(UTC|GMT|Z)$", re.IGNORECASE)


def _clean_time(value: str) -> str:
    """'2026-10-01 12:00:00 UTC' -> '2026-10-01T12:00:00+00:00'; anything else as found."""
    v = value.strip()
    m = re.match(r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(.*)$", v)
    if not m:
        return v
    rest = m.group(3).strip()
    if not rest or _TZ_WORD.fullmatch(rest):
        return f"{m.group(1)}T{m.group(2)}+00:00"
    return f"{m.group(1)}T{m.group(2)}{rest}"


def _generic(doc: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for sel in ("h1", "title"):
        vals = select(doc, sel)
        if vals:
            out["title"] = vals[0]
            break
    for sel in ("article", "main", "body"):
        vals = select(doc, sel, multiline=True)
        if vals:
            out["text"] = vals[0]
            break
    return out
