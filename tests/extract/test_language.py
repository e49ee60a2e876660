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
    ("Vând mașină de spălat \nStare bună, lei, ridicare din Oradea.", "ro",
     "Romanian with comma-below ș (lingua's fast model alone says Swedish)"),
    ("Room in shared flat, Utrecht Centrum \nNice room with desk and wardrobe, close to Utrecht Centraal. "
     "Ukrainian refugees welcome, we help with the paperwork at the town hall.", "en",
     "Dutch place names make the first 100 characters look Dutch (0.68): the whole text decides"),
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
