from __future__ import annotations

import pytest

from vigil.ids import canonical_url, content_version, post_id, slug


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Escort Guide DE", "escort-guide-de"),
        ("  Annonces – Île-de-France ", "annonces-ile-de-france"),
        ("Praca.pl", "praca-pl"),
    ],
)
def test_slug_is_readable_and_stable(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_slug_of_non_latin_name_is_stable_and_distinct() -> None:
    assert slug("Объявления") == slug("Объявления")
    assert slug("Объявления") != slug("Αγγελίες")
    assert slug("Объявления").startswith("src-")


def test_post_id_depends_on_source_and_native_id_only() -> None:
    a = post_id("site-a", "123", "https://x.example/1")
    assert a == post_id("site-a", "123", "https://x.example/other")  # the URL changed, same item
    assert a != post_id("site-b", "123")  # same native id on another site is another post
    assert a.startswith("p") and len(a) == 21


def test_post_id_falls_back_to_canonical_url() -> None:
    assert post_id("s", url="HTTPS://Ads.Example:443/a?x=1#frag") == post_id("s", url="https://ads.example/a?x=1")
    assert post_id("s", url="https://ads.example/a?x=1") != post_id("s", url="https://ads.example/a?x=2")


def test_post_id_needs_a_key() -> None:
    with pytest.raises(ValueError):
        post_id("s")


def test_canonical_url_keeps_non_default_port() -> None:
    assert canonical_url("http://127.0.0.1:8080/x") == "http://127.0.0.1:8080/x"


def test_content_version_sees_every_part_and_none() -> None:
    assert content_version(["a", "b"]) != content_version(["ab", ""])
    assert content_version([None]) != content_version([""])
