"""Stable identifiers.

A post's id depends only on its source and its native id (or, failing that, its canonical
URL), so the same item ingested twice, or crawled again after an edit, keeps its id and
is updated instead of duplicated. A post's *version* depends only on its content.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

_SLUG_RE = re.compile(r"[^a-z0-9]+")
_SEP = "\x1f"


def slug(name: str) -> str:
    """A source name as a stable, readable id: 'Escort Guide DE' -> 'escort-guide-de'."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    out = _SLUG_RE.sub("-", folded).strip("-")
    if not out:  # a name of only non-Latin letters: keep it stable anyway
        out = "src-" + hashlib.sha256(name.encode()).hexdigest()[:10]
    return out


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop the fragment and default ports, keep path and query."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((parts.scheme == "http" and port == 80) or (parts.scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", parts.query, ""))


def post_id(source_id: str, native_id: str | None = None, url: str | None = None) -> str:
    """'p' + 20 hex digits of SHA-256 over the source and the native id, else the URL."""
    if native_id:
        key = f"{source_id}{_SEP}id{_SEP}{native_id}"
    elif url:
        key = f"{source_id}{_SEP}url{_SEP}{canonical_url(url)}"
    else:
        raise ValueError("a post needs a native id or a URL to get a stable id")
    return "p" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def content_version(parts: Iterable[object]) -> str:
    """A short digest of a post's content fields, in a fixed order."""
    h = hashlib.sha256()
    for p in parts:
        h.update(b"\x00" if p is None else str(p).encode("utf-8", "surrogatepass"))
        h.update(b"\x1e")
    return h.hexdigest()[:16]


def group_id(kind: str, member_ids: Iterable[str]) -> str:
    """A group's id from its kind and its smallest member: stable while that member stays."""
    first = min(member_ids)
    return kind[0] + hashlib.sha256(f"{kind}{_SEP}{first}".encode()).hexdigest()[:12]
