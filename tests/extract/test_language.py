"""Language detection: main language first, mixed posts report several."""

from __future__ import annotations

import pytest

from vigil.extract.language import detect

CASES = [
    ("Hallo, ich bin neu in der Stadt und warte jeden Tag auf dich.", "de", "German"),
    ("Bonjour, je suis nouvelle à Paris, appelle-moi ce soir.", "fr", "French"),
    ("Привет, я новенькая в городе, жду тебя каждый день.", "ru", "Russian"),
    ("Привіт, я нова в місті, чекаю на тебе щодня.", "uk", "Ukrainian"),
    ("Γεια, είμαι καινούργια στην πόλη, σε περιμένω κάθε μέρα.", "el", "Greek"),
    ("Cześć, jestem nowa w mieście, czekam na ciebie codziennie.", "pl", "Polish"),
]


@pytest.mark.parametrize(("text", "code", "why"), CASES)
def test_main_language(text: str, code: str, why: str) -> None:
    assert detect(text)[0][0] == code, why


def test_mixed_post_reports_both() -> None:
    text = ("Hallo, ich bin neu in der Stadt und warte jeden Tag auf dich, ruf mich an.\n"
            "Hello, I am new in town and I am waiting for you every day, call me now.")
    assert {c for c, _ in detect(text)} == {"de", "en"}


def test_too_little_text() -> None:
    assert detect("0151 2345678") == [] and detect("") == []
