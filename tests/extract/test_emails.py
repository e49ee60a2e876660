"""E-mails: plain and disguised, lower-cased; prose is not an address."""

from __future__ import annotations

import pytest

from tests.extract.helpers import values

CASES = [
    ("mail: Anna.K@Example.com!", ["anna.k@example.com"], "plain, lower-cased, trailing punctuation"),
    ("write anna_k at gmail dot com", ["anna_k@gmail.com"], "words 'at' and 'dot'"),
    ("anna[at]mail(dot)de", ["anna@mail.de"], "brackets"),
    ("anna (at) web (dot) de", ["anna@web.de"], "parentheses with spaces"),
    ("lina.x [at] post [.] example [.] org", ["lina.x@post.example.org"], "subdomains"),
    ("user＠example.net", ["user@example.net"], "fullwidth at sign"),
    ("пиши ivan собачка mail точка ru", ["ivan@mail.ru"], "Russian 'собачка' (little dog) for '@': in the pack, so the gate and the split take it"),
    ("olga kukac freemail pont hu", ["olga@freemail.hu"], "Hungarian 'kukac' and 'pont'"),
    ("meet at home dot", [], "prose"),
    ("I am at Berlin. Com on", [], "sentence boundary is not a dot"),
    ("anna@home or x@y.c", [], "no domain / too short a TLD"),
]


@pytest.mark.parametrize(("text", "expected", "why"), CASES)
def test_email(text: str, expected: list[str], why: str) -> None:
    assert values(text, "email") == expected, why
