"""Which identifiers link posts, how strongly, and which are hubs.

A phone, e-mail, wallet or messenger handle written in two ads is strong evidence that the same
person or organisation is behind both. Not always: an agency's switchboard, a classifieds site's
own support number or a number pasted into thousands of posts across unrelated personas joins
people who have nothing to do with each other. Such *hubs* are detected from the corpus itself
(how many posts carry the identifier and across how many distinct text personas) and are kept as
evidence with a low strength instead of joining networks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from vigil.model import Entity, Post

# entity type -> base strength of a link through it (1.0 = joins networks on its own)
STRENGTH: dict[str, float] = {
    "phone": 1.0,
    "email": 1.0,
    "wallet": 1.0,
    "handle": 0.9,
    "url": 0.8,
    "phonetail": 0.9,  # the last 9 digits of a phone: survives a misread country code
    "mention": 0.9,  # an @handle written in the text, whatever the platform
    "author": 0.5,  # the same author name across sources: weaker, names collide
    "bare": 0.9,  # a handle-like word without '@' or platform: as strong as a mention, but only once that
    # name is written as one platform's handle somewhere (``bare_links``)
}
TAIL = 9
_MENTION = re.compile(r"(?<![\w.@])@([A-Za-z0-9_][A-Za-z0-9_.]{3,31})")
STRONG_MIN = 0.75  # a link at least this strong joins two posts into one network by itself


def _is_site_url(value: str) -> bool:
    """Whole-site URLs (just a domain) are shared by every ad on a site; only deep URLs link."""
    rest = value.split("://", 1)[-1]
    return "/" not in rest.strip("/")


# what a handle extracted as one of these really read is the platform's own name ('Signal: sgnl: k i r a'):
# every ad that spells the platform that way would share it, so it links nothing
PLATFORM_WORDS = frozenset({
    "signal", "sgnl", "sig", "telegram", "tg", "tlg", "tgram", "whatsapp", "whats", "wapp", "wa", "viber", "vb",
    "wechat", "line", "kik", "skype", "snapchat", "snap", "insta", "instagram", "ig", "onlyfans", "of", "threema",
})  # fmt: skip


def is_platform_word(value: str) -> bool:
    """True for a handle (``platform:name`` or ``name``) whose name is just a messenger's name."""
    return value.rpartition(":")[2].strip("@._ ").casefold() in PLATFORM_WORDS


# a handle-like word (letters plus digits or '_', 5+ characters) written bare: 'Escreve para miel_kiss79'.
# Not inside an e-mail, URL, hashtag or @mention, not followed by '@' or '.domain'
_BARE = re.compile(r"(?<![\w@./:#-])(?=[A-Za-z0-9_.]*[0-9_])([A-Za-z][A-Za-z0-9_.]{3,30}[A-Za-z0-9])(?![\w@]|\.\w)")


def bare_words(text: str) -> set[str]:
    """Handle-like words in the text (case-folded): a letter, then a digit or underscore somewhere, 5–32 characters."""
    return {w for m in _BARE.findall(text) if not is_platform_word(w := m.casefold())}


def handle_name(kind: str, value: str) -> tuple[str, str] | None:
    """``(name, platform)`` of a handle or ``@mention`` identifier ('' for a mention: no platform)."""
    if kind == "handle":
        plat, _, name = value.rpartition(":")
        return (name.casefold(), plat.casefold()) if name else None
    return (value, "") if kind == "mention" else None


def note_handle(platforms: dict[str, set[str]], kind: str, value: str) -> None:
    """Record on which platforms a handle's name is written (what ``bare_links`` asks)."""
    if (h := handle_name(kind, value)) is not None:
        platforms.setdefault(h[0], set()).add(h[1])


def bare_links(name: str, platforms: dict[str, set[str]]) -> bool:
    """Whether a bare word links: its name is written as a handle somewhere, on at most one platform.

    The same name on two platforms is two accounts ('telegram:nyzo2003' and 'signal:nyzo2003' can
    be different people), so a word that does not say which one places the post nowhere.
    """
    plats = platforms.get(name)
    return plats is not None and len(plats - {""}) <= 1


_RAW_HANDLE = re.compile(r"@?([A-Za-z0-9_][A-Za-z0-9_.]{2,31})\W*$")


def handle_value(e: Entity) -> str:
    """A handle entity's value, lengthened when the text shows more of it than the value kept.

    ('telegram:agency' read from 'Telegram: @agency.tany' is 'telegram:agency.tany': a handle
    cut at its dot would join every 'agency.*' account.)
    """
    plat, sep, name = e.value.partition(":")
    m = _RAW_HANDLE.search(e.raw or "")
    if sep and m:
        seen = m.group(1).rstrip(".").casefold()
        if len(seen) > len(name) and seen.startswith(name.casefold()):
            return f"{plat}:{seen}"
    return e.value


def post_identifiers(post: Post, entities: Sequence[Entity]) -> list[tuple[str, str, Entity | None]]:
    """The post's linkable identifiers as ``(type, value, entity)``, one per distinct key.

    Beside the extract stage's entities: the last digits of each phone (a misread or missing
    country code must not hide a shared number), ``@handles`` written in the text (a handle
    the extractor could not attribute to a platform still links the posts that repeat it) and
    handle-like bare words (``bare``: they link only when the same name is written as a handle
    or ``@mention`` somewhere in the corpus; see ``vigil.link.graph``).
    """
    seen: dict[str, tuple[str, str, Entity | None]] = {}
    for e in entities:
        if e.type not in STRENGTH or not e.value:
            continue
        if e.type == "url" and (e.field == "url" or _is_site_url(e.value)):
            continue  # the post's own address (or a site's front page) is where it was seen, not a contact
        value = handle_value(e) if e.type == "handle" else e.value
        if e.type == "handle" and is_platform_word(value):
            continue
        seen.setdefault(f"{e.type}\x1f{value}", (e.type, value, e))
        digits = "".join(ch for ch in e.value if ch.isdigit()) if e.type == "phone" else ""
        if len(digits) >= TAIL + 1:
            seen.setdefault(f"phonetail\x1f{digits[-TAIL:]}", ("phonetail", digits[-TAIL:], e))
    attributed = {h[0] for k, v, _ in seen.values() if (h := handle_name(k, v))}
    text = f"{post.title}\n{post.text}"
    names = set(attributed)
    for m in _MENTION.finditer(text):
        handle = m.group(1).rstrip(".").casefold()
        if is_platform_word(handle) or handle in attributed:
            continue  # a platform's name, or the handle the extractor already read with its platform
        seen.setdefault(f"mention\x1f{handle}", ("mention", handle, None))
        names.add(handle)
    # every handle name, and every handle-like bare word, also under one shared 'bare' key: a post that
    # writes 'miel_kiss79' without '@' or platform links to the posts that write it as a handle
    for word in names | bare_words(text):
        seen.setdefault(f"bare\x1f{word}", ("bare", word, None))
    if post.author and post.author.strip():
        handle = post.author.strip().casefold().lstrip("@")
        if len(handle) >= 3:
            seen.setdefault(f"author\x1f{handle}", ("author", handle, None))
    return list(seen.values())


@dataclass(frozen=True, slots=True)
class HubRule:
    """An identifier is a hub when it is in more than ``max_posts`` posts, or in more than
    ``min_posts_for_personas`` posts spread over more than ``max_personas`` distinct personas
    (advertised names, else near-duplicate text clusters). A controller of a dozen victims is not
    a hub; a site's support number under fifty unrelated names is."""

    max_posts: int = 400
    min_posts_for_personas: int = 30
    max_personas: int = 15


def hub_mask(n_posts: np.ndarray, n_personas: np.ndarray, rule: HubRule = HubRule()) -> np.ndarray:
    """Boolean mask over identifiers: which are hubs. Vectorised: called on every identifier."""
    return (n_posts > rule.max_posts) | ((n_posts > rule.min_posts_for_personas) & (n_personas > rule.max_personas))


def hub_strength(kind: str, is_hub: bool, n_posts: int) -> float:
    """A hub keeps a small, shrinking strength: evidence worth showing, never enough to join."""
    base = STRENGTH.get(kind, 0.5)
    if not is_hub:
        return base
    return round(min(0.3, base * 3.0 / np.log2(max(n_posts, 2) + 1)), 3)


def count_personas(ident: np.ndarray, persona: np.ndarray, n_ident: int) -> np.ndarray:
    """For each identifier, the number of distinct personas among the posts that carry it."""
    if ident.size == 0:
        return np.zeros(n_ident, dtype=np.int64)
    pairs = np.unique(ident.astype(np.int64) * (1 << 32) + persona.astype(np.int64))
    return np.bincount((pairs >> 32).astype(np.int64), minlength=n_ident)


def describe(kinds: Iterable[str]) -> str:
    return ", ".join(sorted(set(kinds)))
