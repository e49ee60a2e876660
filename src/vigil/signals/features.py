"""What the model sees of a post: indicator hits, entity cues and language-independent text features.

Indicator features are keyed by concept ('sex.third_person'), not by language, so a weight learnt
from German ads applies to Greek ones. Text features are hashed character n-grams (fixed size, no
vocabulary file), which work across scripts and survive misspelling and obfuscation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

from vigil.model import Entity, Post, Signal
from vigil.signals.indicators import (
    FAMILIES,
    Hit,
    Indicator,
    fold,
    guess_language,
    matcher_for,
)

N_HASH = 2**16
MAX_CHARS = 1000  # the head of a post carries the ad; long pages add time, not evidence
ENTITY_FEATURES = ("ent.phone", "ent.phones_2", "ent.phone_obfuscated", "ent.age", "ent.age_le_19",
                   "ent.price", "ent.wallet", "ent.handle", "ent.email", "ent.handle_only")  # fmt: skip
COUNT_FEATURES = ("n.sexual", "n.labour", "n.housing", "n.vulnerability")  # distinct concepts per family, / 4
N_DENSE_EXTRA = 3 + len(ENTITY_FEATURES) + len(COUNT_FEATURES)  # priors, entity cues, concept counts


_DIGITS_TO_ZERO = str.maketrans("123456789", "000000000")
NGRAMS = (3, 4)
_MUL = np.uint64(1000003)


def ngram_matrix(texts: Sequence[str], n_features: int = N_HASH, ns: Sequence[int] = NGRAMS) -> sparse.csr_matrix:
    """Hashed character n-grams of folded text, all posts at once in NumPy (no per-gram Python).

    Text is folded (case, diacritics), blanks collapsed and digits mapped to 0, so 'Mädchen' and
    'MADCHEN' or two phone numbers share features. Each n-gram is hashed with a fixed polynomial and
    a 64-bit finaliser: the same text gives the same columns on every machine, so the shipped
    weights need no vocabulary. Rows are log(1 + count), L2-normalised.
    """
    docs = [" " + " ".join(fold(t[:MAX_CHARS]).split()).translate(_DIGITS_TO_ZERO) + " " for t in texts]
    lens = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
    codes = np.frombuffer("".join(docs).encode("utf-32-le", "replace"), dtype=np.uint32).astype(np.uint64)
    doc_of = np.repeat(np.arange(len(docs)), lens)
    rows, cols = [], []
    with np.errstate(over="ignore"):
        for n in ns:
            m = len(codes) - n + 1
            if m <= 0:
                continue
            h = np.zeros(m, dtype=np.uint64)
            for k in range(n):
                h = h * _MUL + codes[k : k + m]
            h ^= np.uint64(n) * np.uint64(0x9E3779B97F4A7C15)
            h ^= h >> np.uint64(33)
            h *= np.uint64(0xFF51AFD7ED558CCD)
            h ^= h >> np.uint64(33)
            inside = doc_of[:m] == doc_of[n - 1 :]
            rows.append(doc_of[:m][inside])
            cols.append((h[inside] % np.uint64(n_features)).astype(np.int64))
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    keys, counts = np.unique(r * n_features + c, return_counts=True)  # sorted: rows, then columns
    r, c = keys // n_features, keys % n_features
    data = np.log1p(counts).astype(np.float32)
    norms = np.sqrt(np.bincount(r, weights=data * data, minlength=len(docs)))
    norms[norms == 0] = 1.0
    data /= norms[r].astype(np.float32)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(r, minlength=len(docs)))])
    return sparse.csr_matrix((data, c.astype(np.int32), indptr), shape=(len(docs), n_features))


@dataclass(frozen=True, slots=True)
class Reason:
    """One indicator that fired in a post, with where: what a ranked post shows the analyst."""

    indicator: Indicator
    field: str
    start: int
    end: int
    text: str

    def to_signal(self, post_id: str) -> Signal:
        ind = self.indicator
        return Signal(
            post_id=post_id, indicator=ind.id, family=ind.family, weight=ind.weight, field=self.field,
            start=self.start, end=self.end, text=self.text, explanation=ind.explanation, source=ind.source,
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        ind = self.indicator
        return {"indicator": ind.id, "family": ind.family, "span": [self.start, self.end], "field": self.field,
                "text": self.text, "weight": ind.weight}  # fmt: skip


def post_text(post: Post) -> str:
    return f"{post.title}\n{post.text}"


def _entity_rule_fires(rule: dict[str, Any], ents: Sequence[Entity]) -> list[Entity]:
    typed = [e for e in ents if e.type == rule["type"]]
    if "attr" in rule:
        typed = [e for e in typed if e.attrs.get(rule["attr"])]
    if "max" in rule:
        typed = [e for e in typed if _num(e.value) is not None and _num(e.value) <= rule["max"]]  # type: ignore[operator]
    if len({e.value for e in typed}) < int(rule.get("min_count", 1)):
        return []
    return typed


def _num(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def find_reasons(post: Post, entities: Sequence[Entity] = ()) -> list[Reason]:
    """All indicator hits in a post, deduplicated per (indicator, span), in reading order."""
    lang = (post.language or "").split("-")[0] or _entity_language(entities) or guess_language(fold(post.text[:800]))
    matcher = matcher_for(lang)
    out: list[Reason] = []
    n_title = len(post.title)
    for h in matcher.match(post_text(post)):
        out.append(_reason(h, n_title))
    for ind in matcher.entity_indicators:
        for e in _entity_rule_fires(dict(ind.entity or {}), entities)[:1]:
            out.append(Reason(ind, e.field, e.start, e.end, e.raw))
    uniq: list[Reason] = []
    for r in sorted(out, key=lambda r: (r.field, r.start, -r.end)):
        if not any(u.indicator.id == r.indicator.id and u.field == r.field and u.start <= r.start and r.end <= u.end
                   for u in uniq):  # fmt: skip
            uniq.append(r)  # a hit inside a longer hit of the same indicator adds nothing
    return uniq


def _entity_language(entities: Sequence[Entity]) -> str | None:
    """The extraction stage's language guess, when it made one."""
    return next((e.value.split("-")[0] for e in entities if e.type == "language" and e.value), None)


def _reason(h: Hit, n_title: int) -> Reason:
    if h.start < n_title:
        return Reason(h.indicator, "title", h.start, min(h.end, n_title), h.text)
    off = n_title + 1
    return Reason(h.indicator, "text", h.start - off, h.end - off, h.text)


def family_prior(reasons: Sequence[Reason]) -> dict[str, float]:
    """Noisy-OR of the distinct concepts' weights per family; vulnerability cues count half for all.

    A family with fewer than two distinct concepts is capped at 0.5: one indicator never decides.
    """
    best: dict[str, dict[str, float]] = {f: {} for f in FAMILIES}
    for r in reasons:
        c = r.indicator.concept.removesuffix("_entity")
        best[r.indicator.family][c] = max(best[r.indicator.family].get(c, 0.0), r.indicator.weight)
    out: dict[str, float] = {}
    vul = best["vulnerability"]
    for fam in ("sexual", "labour", "housing"):
        ws = list(best[fam].values()) + [w / 2 for w in vul.values()]
        p = 1.0 - float(np.prod([1.0 - w for w in ws])) if ws else 0.0
        out[fam] = min(p, 0.5) if len(ws) < 2 else p
    return out


def dense_features(concepts: Sequence[str], reasons: Sequence[Reason], entities: Sequence[Entity]) -> np.ndarray:
    """Concept indicators, family priors and entity cues: the explainable part of the model's input."""
    idx = {c: i for i, c in enumerate(concepts)}
    v = np.zeros(len(concepts) + N_DENSE_EXTRA, dtype=np.float32)
    seen: dict[str, set[str]] = {f: set() for f in FAMILIES}
    for r in reasons:
        seen[r.indicator.family].add(r.indicator.concept.removesuffix("_entity"))
        i = idx.get(r.indicator.concept)
        if i is not None:
            v[i] = 1.0
    prior = family_prior(reasons)
    base = len(concepts)
    for j, fam in enumerate(("sexual", "labour", "housing")):
        v[base + j] = prior[fam]
    base += 3
    phones = {e.value for e in entities if e.type == "phone"}
    ages = [a for a in (_num(e.value) for e in entities if e.type == "age") if a is not None]
    types = {e.type for e in entities}
    cues = {
        "ent.phone": bool(phones), "ent.phones_2": len(phones) >= 2,
        "ent.phone_obfuscated": any(e.type == "phone" and e.attrs.get("obfuscated") for e in entities),
        "ent.age": bool(ages), "ent.age_le_19": any(a <= 19 for a in ages), "ent.price": "price" in types,
        "ent.wallet": "wallet" in types, "ent.handle": "handle" in types, "ent.email": "email" in types,
        "ent.handle_only": "handle" in types and not phones and "email" not in types,  # reachable only by messenger
    }  # fmt: skip
    for j, name in enumerate(ENTITY_FEATURES):
        v[base + j] = float(cues[name])
    base += len(ENTITY_FEATURES)
    for j, fam in enumerate(FAMILIES):  # how many distinct cues agree: says 'a pattern', in any language
        v[base + j] = min(len(seen[fam]), 4) / 4
    return v


def feature_matrix(
    posts: Sequence[Post], reasons: Sequence[Sequence[Reason]], entities: Sequence[Sequence[Entity]],
    concepts: Sequence[str],
) -> sparse.csr_matrix:  # fmt: skip
    """Hashed text n-grams beside the dense explainable features, one row per post."""
    hashed = ngram_matrix([post_text(p) for p in posts])
    dense = np.vstack([dense_features(concepts, r, e) for r, e in zip(reasons, entities, strict=True)]) if posts else \
        np.zeros((0, len(concepts) + N_DENSE_EXTRA), dtype=np.float32)  # fmt: skip
    return sparse.hstack([hashed, sparse.csr_matrix(dense)], format="csr", dtype=np.float32)
