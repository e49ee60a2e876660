"""Template extraction for a near-duplicate cluster, in the spirit of InfoShield (Lee et al. 2021).

InfoShield aligns the posts of a cluster into one template plus per-post slots and shows the
investigator both: the shared template says 'one author, one playbook'; the slots say what
varies (names, ages, cities, phones), which is often the most telling part. Here the alignment is
a token-level ``difflib`` alignment of each post against the cluster's medoid-like representative
(the post sharing most tokens with the others); a representative token is in the template when
at least ``support`` of the posts keep it, and every other run of tokens is a slot ``[…]``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
SLOT = "[…]"
MAX_POSTS = 12  # align at most this many posts: the template is stable well before that


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _representative(token_lists: Sequence[list[str]]) -> int:
    df: Counter[str] = Counter()
    for toks in token_lists:
        df.update(set(toks))
    scores = [sum(df[t] for t in set(toks)) / (1 + abs(len(toks) - 40) / 40) for toks in token_lists]
    return max(range(len(token_lists)), key=lambda i: scores[i])


def extract_template(texts: Sequence[str], support: float = 0.6) -> dict[str, object]:
    """``{"template": str, "slots": [[str, ...] per post], "coverage": float}`` for a cluster's texts."""
    token_lists = [tokens(t) for t in texts[:MAX_POSTS]]
    token_lists = [t for t in token_lists if t]
    if not token_lists:
        return {"template": "", "slots": [], "coverage": 0.0}
    rep = token_lists[_representative(token_lists)]
    kept = [0] * len(rep)
    alignments = []
    for toks in token_lists:
        sm = SequenceMatcher(None, rep, toks, autojunk=False)
        blocks = sm.get_matching_blocks()
        alignments.append(blocks)
        for b in blocks:
            for k in range(b.a, b.a + b.size):
                kept[k] += 1
    need = max(2, int(support * len(token_lists) + 0.999)) if len(token_lists) > 1 else 1
    in_template = [c >= need for c in kept]
    out: list[str] = []
    for tok, keep in zip(rep, in_template, strict=True):
        if keep:
            out.append(tok)
        elif not out or out[-1] != SLOT:
            out.append(SLOT)
    slots: list[list[str]] = []
    for toks, blocks in zip(token_lists, alignments, strict=True):
        covered = [False] * len(toks)
        for b in blocks:
            for k in range(b.size):
                if in_template[b.a + k]:
                    covered[b.b + k] = True
        runs: list[str] = []
        cur: list[str] = []
        for tok, c in zip(toks, covered, strict=True):
            if c:
                if cur:
                    runs.append(" ".join(cur))
                    cur = []
            else:
                cur.append(tok)
        if cur:
            runs.append(" ".join(cur))
        slots.append(runs)
    coverage = sum(in_template) / len(rep)
    return {"template": " ".join(out), "slots": slots, "coverage": round(coverage, 3)}
