"""Reading hostile pages: fields by selector, generic fallback, links, nothing from scripts."""

from __future__ import annotations

import pytest

from vigil.collect.parse import absolute, classify_links, extract_post, parse_html, select
from vigil.collect.sites import site_from_dict

SITE = site_from_dict({
    "name": "S", "start_urls": ["https://s.example/"], "country": "NL",
    "links": {"post": ["a.ad"], "listing": ["a.next"]},
    "post": {"fields": {"title": "h1", "text": ".body", "posted_at": ["time@datetime", "span.d@title"]}, "images": "img@src",
             "id_from_url": r"/ad/(\d+)"},
})  # fmt: skip


@pytest.mark.parametrize(
    ("html", "field", "expected", "why"),
    [
        (b"<h1>Hi <b>there</b></h1><div class='body'>x</div>", "title", "Hi there", "inline markup flattened"),
        (b"<h1>t</h1><div class='body'><p>a</p><p>b</p></div>", "text", "a\nb", "paragraphs become lines"),
        (b"<h1>t</h1><div class='body'>ok<script>alert(1)</script><style>p{}</style></div>", "text", "ok", "no script"),
        (b"<h1>t</h1><div class='body'>x</div><time datetime='2026-01-02T03:04:05Z'>", "posted_at",
         "2026-01-02T03:04:05+00:00", "attribute selector, UTC made explicit"),
        (b"<h1>t</h1><div class='body'>x</div><span class='d' title='2026-01-02 03:04:05 UTC'>", "posted_at",
         "2026-01-02T03:04:05+00:00", "chat-export style 'UTC' suffix"),
        (b"<h1>unclosed <div class='body'>still <p>read", "text", "still\nread", "malformed HTML is recovered"),
        (b"<h1>t</h1><div class='body'>x</div><img src='/i/1.jpg'><img src='/i/1.jpg'>", "images",
         ["https://s.example/i/1.jpg"], "images absolute and deduplicated"),
        (b"<h1>t</h1>", "id", "42", "id from the URL"),
        (b"<h1>t</h1>", "country", "NL", "site country as default"),
    ],
)
def test_extract_post_fields(html: bytes, field: str, expected: object, why: str) -> None:
    doc = parse_html(html)
    rec = extract_post(doc, "https://s.example/ad/42", SITE)
    assert rec.get(field) == expected, why


def test_generic_extractor_when_no_selectors() -> None:
    site = site_from_dict({"name": "G", "start_urls": ["https://g.example/"]})
    doc = parse_html(b"<html><head><title>T</title></head><body><nav>menu</nav><article><h1>Head</h1>"
                     b"<p>Body text</p></article></body></html>")  # fmt: skip
    rec = extract_post(doc, "https://g.example/p", site)
    assert rec["title"] == "Head" and "Body text" in rec["text"] and "menu" not in rec["text"]


@pytest.mark.parametrize(
    ("href", "expected", "why"),
    [
        ("/ad/1#top", "https://s.example/ad/1", "fragment dropped"),
        ("javascript:alert(1)", None, "never javascript:"),
        ("mailto:x@y.z", None, "not a page"),
        ("file:///etc/passwd", None, "never file:"),
        ("//cdn.example/x", "https://cdn.example/x", "protocol-relative"),
    ],
)
def test_absolute(href: str, expected: str | None, why: str) -> None:
    assert absolute("https://s.example/list", href) == expected, why


def test_links_are_classified_and_kept_in_scope() -> None:
    doc = parse_html(b"<a class='ad' href='/ad/1'>1</a><a class='ad' href='https://evil.example/ad/2'>2</a>"
                     b"<a class='next' href='?page=2'>next</a><a href='/other'>o</a>")  # fmt: skip
    listing, posts = classify_links(doc, "https://s.example/list", SITE)
    assert posts == ["https://s.example/ad/1"] and listing == ["https://s.example/list?page=2"]


@pytest.mark.parametrize("body", [b"", b"   ", b"\x00\x01\x02"])
def test_nothing_to_parse(body: bytes) -> None:
    doc = parse_html(body)
    assert doc is None or select(doc, "h1") == []


def test_pages_with_many_posts() -> None:
    site = site_from_dict({
        "name": "Chat", "start_urls": ["https://c.example/messages.html"],
        "post": {"item": "div.message", "id_pattern": r"message(\d+)",
                 "fields": {"author": ".from_name", "text": "div.text", "posted_at": "div.date@title"}},
    })  # fmt: skip
    doc = parse_html(b"<div class='message' id='message7'><div class='from_name'>A</div><div class='date' "
                     b"title='2026-10-01 12:00:00 UTC'></div><div class='text'>hello</div></div>"
                     b"<div class='message' id='message8'><div class='from_name'>B</div><div class='text'>bye</div></div>")
    from vigil.collect.parse import extract_items

    recs = extract_items(doc, "https://c.example/messages.html", site)
    assert [(r["id"], r["author"], r["text"], r["url"]) for r in recs] == [
        ("7", "A", "hello", "https://c.example/messages.html#message7"),
        ("8", "B", "bye", "https://c.example/messages.html#message8"),
    ]
    assert recs[0]["posted_at"] == "2026-10-01T12:00:00+00:00" and "posted_at" not in recs[1]
