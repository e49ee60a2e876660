"""Phones: obfuscation styles, region inference, hard negatives."""

from __future__ import annotations

import pytest

from tests.extract.helpers import run, values

CASES = [  # (text, region, expected E.164 values, why)
    ("Ruf an: 0151 23456789", "DE", ["+4915123456789"], "national format with default region"),
    ("+49 (151) 234-567-89", None, ["+4915123456789"], "explicit country code, brackets and dashes"),
    ("0049 151 23456789", None, ["+4915123456789"], "00 international prefix"),
    ("06.12.34.56.78", "FR", ["+33612345678"], "dots"),
    ("0612 / 345678", "NL", ["+31612345678"], "slash"),
    ("0 6 1 2 3 4 5 6 7 8", "NL", ["+31612345678"], "spaces inside groups"),
    ("0612\n3456\n78", "NL", ["+31612345678"], "split across lines"),
    ('THANKS 214"705"4934 DO NOT TEXT', "US", ["+12147054934"], "groups in double quotes (a real ad's style)"),
    ("null eins fünf eins zwei drei vier fünf sechs sieben acht neun", "DE", ["+4915123456789"], "spelled in German"),
    ("call six02 two2eight 1234", "US", ["+16022281234"], "mixed words and digits"),
    ("Call Honey at 517fiveZerofive65Two6", "US", ["+15175056526"], "glued spelled words"),
    ("Звони: нуль девять пять 123 45 67", "UA", ["+380951234567"], "spelled in Ukrainian/Russian"),
    ("Tel. 0l5l 2345678O", "DE", ["+4915123456780"], "look-alike letters"),
    ("О67 l23 45 67", "UA", ["+380671234567"], "Cyrillic O and lone look-alike groups"),
    ("0️⃣6️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣", "NL", ["+31612345678"], "keycap emoji digits"),
    ("０６１２３４５６７８", "NL", ["+31612345678"], "fullwidth digits"),
    ("+44 7400 123456 (at) WhatsApp only", None, ["+447400123456"], "'(at) WhatsApp only' style"),
    ("https://wa.me/4915123456789", None, ["+4915123456789"], "number in a wa.me URL"),
    ("Call or text808-815-2246 now", "US", ["+18088152246"], "digits glued to a word"),
    ("Tel +40 751 ... and  592 911 ok", None, ["+40751592911"], "parts joined by an ellipsis and a word"),
    ("Tel 067 45 ... & 0 8670", "UA", ["+380674508670"], "ellipsis and ampersand"),
    ("Tel +.3.5.9.8.9.4.0.4.6.9.7.5", None, ["+359894046975"], "a dot after the plus"),
    ("Tel +/4/4/7/4/4/8/3/6/7/3/5/4", None, ["+447448367354"], "slashes between every digit"),
    ("Chanel $tack$ 8042623045 Kik me", "US", ["+18042623045"], "a dollar sign in a name is no price"),
    ("ref 265 Bel of sms: 0496 00 69 62", "BE", ["+32496006962"], "an id word far from the number does not block it"),
]
NEGATIVES = [  # (text, region, why)
    ("Termin am 12.05.2023 um 19:00. Geboren 03.11.1999.", "DE", "dates"),
    ("Height 170 cm, 55 kg, 90-60-90", "GB", "measurements"),
    ("Kundennummer 4711081512", "DE", "an id after an id word"),
    ("Order #4915123456789 shipped", "NL", "an order number"),
    ("IBAN DE89 3704 0044 0532 0130 00", "DE", "an IBAN"),
    ("Preis 1.500.000 € für 120 m2", "DE", "a price and an area"),
    ("Price: $ 2125551234 obo", "US", "a currency sign before the number"),
    ("Open 10:00-22:00, 24/7, 18+", "GB", "times and disclaimers"),
    ("tx 0xfea2C4beEFEeC357B099E90217852aAd1b2f1eF7", "DE", "digits inside a hex address"),
    ("Offer valid 2019-2023, ip 192.168.100.200", "US", "year range and IP"),
    ("Tour 08.07-12.07 and 13.07-23.07", "IT", "day ranges"),
    ("Farm workers 07/23/2016 - 12/30/2016", "US", "US-style date range"),
]


@pytest.mark.parametrize(("text", "region", "expected", "why"), [c for c in CASES if c[2]])
def test_phone_found(text: str, region: str | None, expected: list[str], why: str) -> None:
    assert values(text, "phone", region) == expected, why


@pytest.mark.parametrize(("text", "region", "why"), NEGATIVES)
def test_not_a_phone(text: str, region: str | None, why: str) -> None:
    assert values(text, "phone", region) == [], why


REGION_CASES = [  # (text, fields, default, expected value, evidence, why)
    ("Bel 0612345678", {"country": "NL"}, "DE", "+31612345678", "source_country", "post country beats default"),
    ("Bel 0612345678, of +31 20 123 4567", {}, None, "+31612345678", "text_cc", "+CC elsewhere in the text"),
    ("Neu in München! 0151 23456789", {}, None, "+4915123456789", "place", "a city named in the post"),
    ("Ruf 0151 23456789", {"url": "https://ads.example.de/x"}, None, "+4915123456789", "url", "ccTLD of the URL"),
    ("Ruf 0151 23456789", {}, "DE", "+4915123456789", "default", "configured default"),
    ("+49 151 23456789", {"country": "FR"}, None, "+4915123456789", "explicit_cc", "the number's own CC wins"),
]


@pytest.mark.parametrize(("text", "fields", "default", "value", "evidence", "why"), REGION_CASES)
def test_region_evidence(text: str, fields: dict, default: str | None, value: str, evidence: str, why: str) -> None:
    got = [e for e in run(text, "phone", default, **fields) if e.field == "text" and e.value == value]
    assert [(e.value, e.attrs["region_evidence"]) for e in got] == [(value, evidence)], why


def test_span_rule_and_obfuscation_are_reported() -> None:
    text = "Ruf: null eins fünf eins 2345 6789!"
    (e,) = run(text, "phone", "DE")
    assert text[e.start:e.end] == e.raw == "null eins fünf eins 2345 6789"
    assert e.rule == "phone.spelled.de" and e.attrs["obfuscated"] is True and "spelled" in e.attrs["obfuscation"]
    assert 0 < e.confidence < 0.9


def test_without_evidence_only_an_unambiguous_number_is_taken() -> None:
    (e,) = run("Ruf 0151 23456789", "phone")
    assert (e.value, e.attrs["region_evidence"]) == ("+4915123456789", "unique_region") and e.confidence <= 0.5
    assert values("Bel 0733 872 541", "phone") == [], "a mobile in several countries: no guess"


def test_a_mobile_elsewhere_beats_a_landline_here() -> None:
    (e,) = run("Tel 0765 607 697", "phone", country="IT", language="ro")
    assert (e.value, e.attrs["region_evidence"]) == ("+40765607697", "language")
