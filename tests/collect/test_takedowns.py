"""Take-downs inside multi-post pages (chat and channel exports served as one page of many posts):
a post gone from a page that is still there is recorded as a ``deleted`` version, like a single
post page that answers 404, with the capture of the page without it as the evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from vigil.collect import crawl_sites
from vigil.collect.crawler import CrawlSettings
from vigil.evidence import evidence_dir
from vigil.evidence.verify import verify
from vigil.ids import post_id
from vigil.store import Store
from vigil.store import schema as t

CHAT_SITE = """\
name: Chat Jobs
kind: messenger
start_urls: ["{base}/messages.html"]
allow_loopback: true
politeness: {{delay_s: 0.0, concurrency: 2}}
links: {{listing: ["a.pagination"]}}
post:
  item: "div.message"
  id_pattern: "^message(.+)$"
  fields: {{text: "div.text", author: "div.from_name", posted_at: "div.date@title"}}
"""


def _message(i: int, text: str | None = None, cls: str = "message") -> str:
    return (f'<div class="{cls}" id="message{i}"><div class="from_name">Jobs{i % 2}</div>'
            f'<div class="date" title="2026-10-0{i} 12:00:00 UTC">12:00</div>'
            f'<div class="text">{text or f"Work in Poland, message {i}. Call +48 500 000 00{i}"}</div></div>')  # fmt: skip


def _chat(web: Any, page1: list[str], page2: list[str]) -> None:
    web.page("/robots.txt", "User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"})
    more = '<a class="pagination" href="/messages2.html">older</a>'
    web.page("/messages.html", f"<html><body><div class='history'>{''.join(page1)}</div>{more}</body></html>")
    web.page("/messages2.html", f"<html><body><div class='history'>{''.join(page2)}</div></body></html>")


# (what the first page shows now, expected change of each message this crawl (absent: none), why)
STEPS: list[tuple[list[str], dict[int, str], str]] = [
    ([_message(1), _message(2), _message(3)], {1: "new", 2: "new", 3: "new", 4: "new"}, "first crawl"),
    ([_message(1), _message(3, "Edited: work in Poland, call +48 500 000 009")], {2: "deleted", 3: "edited"},
     "message 2 deleted from a page that is still there; message 4 (on page 2) is not claimed gone"),
    ([_message(1, "Edited: rooms in Gdansk, call +48 500 000 001"), _message(3, "Edited: work in Poland, call +48 500 000 009")],
     {1: "edited"}, "page re-read with message 2 still gone: its take-down is not recorded twice"),
    ([_message(1, cls="msg"), _message(3, cls="msg")], {},
     "no item found at all (new layout): not taken as every post gone"),
    ([_message(1, "Edited: rooms in Gdansk, call +48 500 000 001"), _message(2),
      _message(3, "Edited: work in Poland, call +48 500 000 009")], {2: "restored"}, "message 2 back: restored"),
    ([_message(1, "Edited: rooms in Gdansk, call +48 500 000 001"), _message(2),
      _message(3, "Edited: work in Poland, call +48 500 000 009")], {}, "page unchanged: nothing re-read, nothing recorded"),
]


def _changes(store: Store) -> list[tuple[str, str, str | None]]:
    pv = t.post_versions.c
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(pv.post_id, pv.change, pv.record_id).order_by(pv.id)).all()]


def test_posts_gone_from_a_chat_page_become_takedowns(web: Any, tmp_path: Path, store: Store) -> None:
    sites = tmp_path / "chat.yaml"
    sites.write_text(CHAT_SITE.format(base=web.base), encoding="utf-8")
    ids = {i: post_id("chat-jobs", str(i)) for i in range(1, 5)}
    names = {v: k for k, v in ids.items()}
    seen = 0
    for page1, want, why in STEPS:
        _chat(web, page1, [_message(4)])
        report = crawl_sites(store, sites, CrawlSettings())
        rows = _changes(store)
        got = {names[pid]: change for pid, change, _ in rows[seen:]}
        assert got == want, why
        h = report.sites["chat-jobs"]
        assert h.deleted_posts == sum(1 for c in want.values() if c == "deleted"), why
        if "layout" in why:
            assert any("no items found" in p for p in h.problems), h.problems
        for _pid, change, rid in rows[seen:]:
            if change == "deleted":
                with store.engine.connect() as conn:
                    rec = conn.execute(select(t.warc_records).where(t.warc_records.c.record_id == rid)).mappings().one()
                assert rec["record_type"] == "response" and rec["target_uri"].endswith("/messages.html"), \
                    "the evidence is the capture of the page without the post"  # fmt: skip
        seen = len(rows)
    assert verify(evidence_dir(store.workspace), store.engine).ok
