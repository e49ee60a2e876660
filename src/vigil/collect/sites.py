"""Site descriptions: what to crawl and how to read it, one YAML file per site.

Why YAML and not code: an analyst adds a site by writing a file, which can be reviewed, versioned
and attached to the case that justifies watching it (``legal_basis``, ``case``). Unknown keys are
errors, so a typo never silently turns a setting off.

Selectors: a CSS selector, optionally ``@attr`` at the end to take an attribute instead of the
text (``img.photo@src``), or ``xpath:`` followed by an XPath expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from vigil.errors import VigilError
from vigil.model import PlatformKind

POST_FIELDS = ("id", "title", "text", "author", "posted_at", "location", "country", "language")


class SiteError(VigilError):
    """A site description is wrong; the message names the file and the key."""

    def __init__(self, path: str, key: str, message: str) -> None:
        self.path, self.key = path, key
        super().__init__(f"{path}: '{key}': {message}")


@dataclass(frozen=True, slots=True)
class Politeness:
    delay_s: float = 2.0  # between requests to one rate-limit key
    concurrency: int = 1  # requests in flight per key
    per: str = "host"  # rate-limit key: 'host' or 'site' (sites sharing one host, e.g. path prefixes)
    max_backoff_s: float = 60.0
    max_crawl_delay_s: float = 30.0  # robots.txt Crawl-delay is honoured up to this


@dataclass(frozen=True, slots=True)
class Limits:
    timeout_s: float = 30.0
    max_bytes: int = 5 * 1024 * 1024
    max_image_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 3
    max_pages: int = 100_000
    max_depth: int = 50


@dataclass(frozen=True, slots=True)
class Site:
    name: str
    start_urls: tuple[str, ...]
    path: str = "<memory>"
    kind: str = PlatformKind.OTHER.value
    country: str | None = None
    language: str | None = None
    case: str | None = None
    legal_basis: str | None = None
    scope: tuple[str, ...] = ()  # URL prefixes the crawl may enter (default: the start URLs' origins)
    listing_links: tuple[str, ...] = ()  # selectors of links to more listing pages (pagination)
    post_links: tuple[str, ...] = ()  # selectors of links to posts
    listing_pattern: str | None = None  # regex: URLs that are listing pages
    post_pattern: str | None = None  # regex: URLs that are posts (also picks post links when no selector)
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)  # post field -> selectors, first that finds wins
    id_from_url: str | None = None  # regex with one group: the native id in the post URL
    id_pattern: str | None = None  # regex with one group: the native id inside the id field's text
    item: str | None = None  # selector of repeated posts on one page (chat exports); fields are relative
    images: str | None = None  # selector of image URLs on a post page
    fetch_images: bool = True
    robots: bool = True
    robots_override_reason: str | None = None
    robots_url: str | None = None  # default: <origin>/robots.txt
    allow_loopback: bool = False
    user_agent: str | None = None
    proxy: str | None = None
    render_js: bool = False
    revisit_listings_h: float = 6.0
    revisit_posts_h: float = 24.0
    politeness: Politeness = Politeness()
    limits: Limits = Limits()

    @property
    def id(self) -> str:
        from vigil.ids import slug

        return slug(self.name)

    def in_scope(self, url: str) -> bool:
        return any(url.startswith(p) for p in self.scope)

    def rate_key(self, url: str) -> str:
        if self.politeness.per == "site":
            return f"site:{self.id}"
        parts = urlsplit(url)
        return f"host:{parts.hostname}:{parts.port or ''}"


_TOP = {f for f in Site.__dataclass_fields__ if f not in ("path",)} | {"links", "post", "revisit"}
_TOP -= {"listing_links", "post_links", "listing_pattern", "post_pattern", "fields", "id_from_url", "images",
         "revisit_listings_h", "revisit_posts_h", "robots_override_reason"}  # fmt: skip


def _strs(v: Any, path: str, key: str) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return (v,)
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return tuple(v)
    raise SiteError(path, key, "expected a string or a list of strings")


def _regex(v: Any, path: str, key: str) -> str | None:
    if v is None:
        return None
    if not isinstance(v, str):
        raise SiteError(path, key, "expected a regular expression as text")
    try:
        re.compile(v)
    except re.error as exc:
        raise SiteError(path, key, f"bad regular expression: {exc}") from None
    return v


def _sub(cls: type, data: Any, path: str, key: str) -> Any:
    if data is None:
        return cls()
    if not isinstance(data, dict):
        raise SiteError(path, key, "expected a mapping")
    allowed = set(cls.__dataclass_fields__)
    for k in data:
        if k not in allowed:
            raise SiteError(path, f"{key}.{k}", f"unknown key; known: {sorted(allowed)}")
    try:
        return cls(**{k: type(getattr(cls(), k))(v) for k, v in data.items()})
    except (TypeError, ValueError) as exc:
        raise SiteError(path, key, str(exc)) from None


def site_from_dict(data: Any, path: str = "<memory>") -> Site:
    """Validate one site description; raise ``SiteError`` naming the file and key."""
    if not isinstance(data, dict):
        raise SiteError(path, "", "a site file is a YAML mapping")
    for k in data:
        if k not in _TOP:
            raise SiteError(path, k, f"unknown key; known: {sorted(_TOP)}")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SiteError(path, "name", "required")
    starts = _strs(data.get("start_urls"), path, "start_urls")
    if not starts:
        raise SiteError(path, "start_urls", "at least one start URL is required")
    for u in starts:
        if urlsplit(u).scheme not in ("http", "https"):
            raise SiteError(path, "start_urls", f"{u!r}: only http and https URLs are crawled")
    kind = data.get("kind", PlatformKind.OTHER.value)
    if kind not in {k.value for k in PlatformKind}:
        raise SiteError(path, "kind", f"unknown kind {kind!r}; one of {[k.value for k in PlatformKind]}")
    links = data.get("links") or {}
    post = data.get("post") or {}
    revisit = data.get("revisit") or {}
    robots = data.get("robots", True)
    for key, val, known in (("links", links, {"listing", "post", "listing_pattern", "post_pattern"}),
                            ("post", post, {"fields", "id_from_url", "id_pattern", "item", "images", "fetch_images"}),
                            ("revisit", revisit, {"listings_hours", "posts_hours"})):  # fmt: skip
        if not isinstance(val, dict):
            raise SiteError(path, key, "expected a mapping")
        for k in val:
            if k not in known:
                raise SiteError(path, f"{key}.{k}", f"unknown key; known: {sorted(known)}")
    fields = post.get("fields") or {}
    if not isinstance(fields, dict):
        raise SiteError(path, "post.fields", "expected a mapping of field -> selector (or a list tried in order)")
    fields = {k: _strs(v, path, f"post.fields.{k}") for k, v in fields.items()}
    from vigil.collect.parse import SelectorError, compile_selector

    for f, sels in fields.items():
        if f not in POST_FIELDS:
            raise SiteError(path, f"post.fields.{f}", f"unknown field; known: {list(POST_FIELDS)}")
        for sel in sels:
            try:
                compile_selector(sel)
            except SelectorError as exc:
                raise SiteError(path, f"post.fields.{f}", str(exc)) from None
    for key, sels in (("links.listing", links.get("listing")), ("links.post", links.get("post")),
                      ("post.images", post.get("images")), ("post.item", post.get("item"))):  # fmt: skip
        for sel in _strs(sels, path, key):
            try:
                compile_selector(sel)
            except SelectorError as exc:
                raise SiteError(path, key, str(exc)) from None
    obey, reason = True, None
    if isinstance(robots, bool):
        obey = robots
    elif isinstance(robots, dict):
        for k in robots:
            if k not in ("obey", "override_reason", "url"):
                raise SiteError(path, f"robots.{k}", "unknown key; known: ['obey', 'override_reason', 'url']")
        obey = bool(robots.get("obey", True))
        reason = robots.get("override_reason")
    if not obey and not (isinstance(reason, str) and reason.strip()):
        raise SiteError(path, "robots", "ignoring robots.txt needs robots: {obey: false, override_reason: <legal basis>}")
    scope = _strs(data.get("scope"), path, "scope") or tuple(
        sorted({f"{urlsplit(u).scheme}://{urlsplit(u).netloc}/" for u in starts})
    )
    country = data.get("country")
    return Site(
        name=name.strip(), start_urls=starts, path=path, kind=kind,
        country=country.upper() if isinstance(country, str) else None, language=data.get("language"),
        case=data.get("case"), legal_basis=data.get("legal_basis"), scope=scope,
        listing_links=_strs(links.get("listing"), path, "links.listing"),
        post_links=_strs(links.get("post"), path, "links.post"),
        listing_pattern=_regex(links.get("listing_pattern"), path, "links.listing_pattern"),
        post_pattern=_regex(links.get("post_pattern"), path, "links.post_pattern"),
        fields=dict(fields), id_from_url=_regex(post.get("id_from_url"), path, "post.id_from_url"),
        id_pattern=_regex(post.get("id_pattern"), path, "post.id_pattern"), item=post.get("item"),
        images=post.get("images"), fetch_images=bool(post.get("fetch_images", True)),
        robots=obey, robots_override_reason=reason,
        robots_url=data.get("robots_url") if isinstance(robots, bool) else robots.get("url", data.get("robots_url")),
        allow_loopback=bool(data.get("allow_loopback", False)), user_agent=data.get("user_agent"),
        proxy=data.get("proxy"), render_js=bool(data.get("render_js", False)),
        revisit_listings_h=float(revisit.get("listings_hours", 6.0)), revisit_posts_h=float(revisit.get("posts_hours", 24.0)),
        politeness=_sub(Politeness, data.get("politeness"), path, "politeness"),
        limits=_sub(Limits, data.get("limits"), path, "limits"),
    )  # fmt: skip


def load_sites(target: Path) -> list[Site]:
    """One YAML file, or every ``*.yaml``/``*.yml`` file in a folder (sorted by name)."""
    target = Path(target)
    if target.is_dir():
        files = sorted([*target.glob("*.yaml"), *target.glob("*.yml")])
        if not files:
            raise VigilError(f"{target}: no site files (*.yaml) in this folder")
    elif target.is_file():
        files = [target]
    else:
        raise VigilError(f"{target}: no such file or folder")
    sites, names = [], set()
    for f in files:
        try:
            data = yaml.safe_load(f.read_text("utf-8"))
        except yaml.YAMLError as exc:
            raise SiteError(str(f), "", f"not valid YAML: {exc}") from None
        site = site_from_dict(data, str(f))
        if site.id in names:
            raise SiteError(str(f), "name", f"another site file already uses the name {site.name!r}")
        names.add(site.id)
        sites.append(site)
    return sites
