"""Prices with currency and unit; a number without currency is no price."""

from __future__ import annotations

import pytest

from tests.extract.helpers import run

CASES = [  # (text, country, [(amount, currency, unit)], why)
    ("150€/h", None, [("150", "EUR", "hour")], "slash unit"),
    ("Nacht 800 EUR", None, [("800", "EUR", "night")], "unit before"),
    ("salary 2.500 € per month", None, [("2500", "EUR", "month")], "thousands separator, month"),
    ("$60/1h house fee", None, [("60", "USD", "hour")], "symbol before, 1h"),
    ("200 zł/godz.", None, [("200", "PLN", "hour")], "Polish"),
    ("1500 грн за ніч", None, [("1500", "UAH", "night")], "Ukrainian"),
    ("500 kr/time", "DK", [("500", "DKK", "hour")], "kr resolved by country"),
    ("99,50 € session", None, [("99.5", "EUR", "session")], "decimal comma"),
    ("£100", None, [("100", "GBP", None)], "no unit"),
    ("Lohn: 2.000 € netto pro Monat", None, [("2000", "EUR", "month")], "words between amount and unit"),
    ("30min 100€ 1h 150€", None, [("100", "EUR", "half_hour"), ("150", "EUR", "hour")], "units before the amount"),
    ("call 0151 2345678", "DE", [], "a phone is not a price"),
    ("170 cm 55 kg", None, [], "no currency"),
]


@pytest.mark.parametrize(("text", "country", "expected", "why"), CASES)
def test_price(text: str, country: str | None, expected: list, why: str) -> None:
    got = [(e.value, e.attrs["currency"], e.attrs.get("unit")) for e in run(text, "price", country=country)]
    assert got == expected, why
