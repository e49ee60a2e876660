"""Watches: an investigator's standing questions ("tell me when this phone shows up again").

A watch is a type and a value (phone, handle, wallet, image, phrase), stored normalised; every new
or changed post that the crawler or an importer stores is checked against all watches, and each
match raises one alert (watch, post) with the field and the text that matched. Matching is
literal and explainable on purpose: the extract and link stages find the obfuscated variants;
a watch says exactly why it fired.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import phonenumbers
from sqlalchemy import Engine, delete, insert, select

from vigil.errors import VigilError
from vigil.model import Post, utcnow
from vigil.store import schema as t

WATCH_TYPES = ("phone", "handle", "wallet", "image", "phrase")
_SEPS = re.compile(r"[\s.\-/()\u00a0]+")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True, slots=True)
class Watch:
    id: int
    type: str
    value: str
    raw: str
    note: str | None


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s).strip()


def normalise(kind: str, value: str) -> str:
    """The form a watch is stored and matched in; raises ``VigilError`` when it cannot be one."""
    v = value.strip()
    if not v:
        raise VigilError(f"empty {kind} watch")
    if kind == "phone":
        try:
            num = phonenumbers.parse(v, None if v.startswith("+") else "ZZ")
        except phonenumbers.NumberParseException:
            raise VigilError(f"{value!r}: give the phone in international form, e.g. +49 151 23456789") from None
        return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    if kind == "handle":
        return v.lstrip("@").lower()
    if kind == "wallet":
        return v.lower() if v.lower().startswith("0x") else v
    if kind == "phrase":
        return _fold(v)
    if kind == "image":
        if _HEX64.match(v.lower()):
            return v.lower()
        p = Path(v)
        if p.is_file():
            return hashlib.sha256(p.read_bytes()).hexdigest()
        raise VigilError(f"{value!r}: an image watch is a file or its SHA-256")
    raise VigilError(f"unknown watch type {kind!r}; one of {', '.join(WATCH_TYPES)}")


def add_watch(engine: Engine, kind: str, value: str, note: str | None = None) -> Watch:
    norm = normalise(kind, value)
    with engine.begin() as conn:
        row = conn.execute(select(t.watches).where(t.watches.c.type == kind, t.watches.c.value == norm)).mappings().first()
        if row is None:
            conn.execute(insert(t.watches).values(type=kind, value=norm, raw=value, note=note, created_at=utcnow()))
            row = conn.execute(select(t.watches).where(t.watches.c.type == kind, t.watches.c.value == norm)).mappings().one()
    return Watch(row["id"], row["type"], row["value"], row["raw"], row["note"])


def remove_watch(engine: Engine, watch_id: int) -> bool:
    with engine.begin() as conn:
        conn.execute(delete(t.alerts).where(t.alerts.c.watch_id == watch_id))
        return bool(conn.execute(delete(t.watches).where(t.watches.c.id == watch_id)).rowcount)


def list_watches(engine: Engine) -> list[Watch]:
    with engine.connect() as conn:
        rows = conn.execute(select(t.watches).order_by(t.watches.c.id)).mappings().all()
    return [Watch(r["id"], r["type"], r["value"], r["raw"], r["note"]) for r in rows]


def _phone_hit(w: Watch, text: str, region: str | None) -> str | None:
    digits_text = _SEPS.sub("", text)
    num = phonenumbers.parse(w.value, None)
    national = str(num.national_number)
    if w.value[1:] in digits_text or f"00{w.value[1:]}" in digits_text:
        return w.value
    if region and phonenumbers.region_code_for_number(num) == region.upper():
        for m in re.finditer(r"0?" + re.escape(national) + r"(?!\d)", digits_text):
            start = m.start()
            if start == 0 or not digits_text[start - 1].isdigit():
                return m.group(0)
    return None


def match_post(w: Watch, post: Post, image_shas: Sequence[str] = ()) -> tuple[str, str] | None:
    """(field, matched text) when ``post`` matches ``w``; None otherwise."""
    if w.type == "image":
        return ("images", w.value) if w.value in image_shas else None
    for field_name in ("title", "text", "author"):
        text = getattr(post, field_name) or ""
        if not text:
            continue
        if w.type == "phone":
            hit = _phone_hit(w, text, post.country)
            if hit:
                return field_name, hit
        elif w.type == "handle":
            m = re.search(r"(?<![\w@])@?" + re.escape(w.value) + r"(?![\w])", text, flags=re.IGNORECASE)
            if m:
                return field_name, m.group(0)
        elif w.type == "wallet":
            hay = text.lower() if w.value.startswith("0x") else text
            if re.search(r"(?<![A-Za-z0-9])" + re.escape(w.value) + r"(?![A-Za-z0-9])", hay):
                return field_name, w.value
        elif w.type == "phrase" and w.value in _fold(text):
            return field_name, w.value
    return None


def check_posts(engine: Engine, posts: Sequence[Post], image_shas: dict[str, list[str]] | None = None) -> int:
    """Raise alerts for posts matching any watch; returns how many new alerts. Idempotent."""
    watches = list_watches(engine)
    if not watches or not posts:
        return 0
    image_shas = dict(image_shas or {})
    if any(w.type == "image" for w in watches):
        pi = t.post_images
        with engine.connect() as conn:
            q = select(pi.c.post_id, pi.c.sha256).where(pi.c.post_id.in_([p.id for p in posts]))
            for pid, sha in conn.execute(q):
                image_shas.setdefault(pid, []).append(sha)
    rows = []
    for p in posts:
        for w in watches:
            hit = match_post(w, p, image_shas.get(p.id, ()))
            if hit:
                rows.append({"watch_id": w.id, "post_id": p.id, "field": hit[0], "matched": hit[1]})
    if not rows:
        return 0
    new = 0
    with engine.begin() as conn:
        for r in rows:
            q = select(t.alerts.c.id).where(t.alerts.c.watch_id == r["watch_id"], t.alerts.c.post_id == r["post_id"])
            if conn.execute(q).first() is None:
                conn.execute(insert(t.alerts).values(**r, created_at=utcnow()))
                new += 1
    return new


def check_image(engine: Engine, post: Post, sha: str) -> int:
    return check_posts(engine, [post], {post.id: [sha]})


def alerts(engine: Engine, limit: int = 200) -> list[dict[str, Any]]:
    a, w, p = t.alerts, t.watches, t.posts
    q = (
        select(a.c.id, a.c.created_at, a.c.field, a.c.matched, a.c.post_id, w.c.type, w.c.raw, p.c.title, p.c.url,
               p.c.source_id)
        .select_from(a.join(w, w.c.id == a.c.watch_id).outerjoin(p, p.c.id == a.c.post_id))
        .order_by(a.c.id.desc())
        .limit(limit)
    )  # fmt: skip
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def scan_existing(engine: Engine, store_iter: Any) -> int:
    """Check every stored post (for a watch just added): alerts for what is already there."""
    total, batch = 0, []
    for post in store_iter:
        batch.append(post)
        if len(batch) >= 1000:
            total += check_posts(engine, batch)
            batch = []
    return total + check_posts(engine, batch)


def scan_new(store: Any) -> int:
    """Check posts stored since the last scan (any importer, any stage): alerts for new matches.

    Posts the crawler and the collect importers store are checked as they arrive; this catches
    posts that came in by other paths (``vigil ingest``) before alerts are listed or reported.
    """
    from sqlalchemy import func

    st = t.collect_state
    with store.engine.connect() as conn:
        row = conn.execute(select(st.c.value).where(st.c.key == "watch_scan_seq")).first()
        last = int(row[0]) if row else 0
        top = int(conn.execute(select(func.coalesce(func.max(t.posts.c.seq), 0))).scalar_one())
    if top <= last:
        return 0
    new = 0
    if list_watches(store.engine):
        cur = last
        while cur < top:
            with store.engine.connect() as conn:
                ids = list(conn.execute(
                    select(t.posts.c.id).where(t.posts.c.seq > cur, t.posts.c.seq <= top).order_by(t.posts.c.seq).limit(1000)
                ).scalars())  # fmt: skip
                cur = int(conn.execute(select(func.max(t.posts.c.seq)).where(t.posts.c.id.in_(ids))).scalar_one()) if ids else top
            new += check_posts(store.engine, store.get_posts(ids))
    with store.engine.begin() as conn:
        conn.execute(delete(st).where(st.c.key == "watch_scan_seq"))
        conn.execute(insert(st).values(key="watch_scan_seq", value=top))
    return new
