"""Agreement the templates cannot express: a table of (language, text, expected, why)."""

from __future__ import annotations

import pytest

from vigil.world.grammar import polish

CASES = [
    ("pl", "mam 22 lat", "mam 22 lata", "2-4 take 'lata'"),
    ("pl", "mam 25 lat", "mam 25 lat", "5+ keep 'lat'"),
    ("pl", "mam 21 lat", "mam 21 lat", "Polish 21 is 'lat' (only 1 is 'rok')"),
    ("pl", "mam 12 lat", "mam 12 lat", "12-14 are not 'few'"),
    ("ru", "мне 33 лет", "мне 33 года", "2-4 take 'года'"),
    ("ru", "мне 21 лет", "мне 21 год", "21 takes 'год' in Russian"),
    ("ru", "мне 11 лет", "мне 11 лет", "11 is not 'one'"),
    ("uk", "мені 22 років", "мені 22 роки", "2-4 take 'роки'"),
    ("uk", "мені 31 років", "мені 31 рік", "31 takes 'рік'"),
    ("ro", "am 38 ani", "am 38 de ani", "20 and up take 'de'"),
    ("ro", "am 19 ani", "am 19 ani", "under 20 without 'de'"),
    ("hu", "A Eurostaff Kft. keres", "Az Eurostaff Kft. keres", "'az' before a vowel"),
    ("hu", "A Bestfarm Kft. keres", "A Bestfarm Kft. keres", "'a' before a consonant"),
    ("hu", "Fizetés 350000Ft/hó", "Fizetés 350 000 Ft/hó", "thousands grouped"),
    ("hu", "Ár 8500Ft", "Ár 8500Ft", "four digits stay as written"),
    ("pl", "PRACA W Włoszech", "PRACA WE Włoszech", "'we' before W + consonant, shouted in a shouted title"),
    ("pl", "jadę w Wrocławiu", "jadę we Wrocławiu", "'we' before W + consonant"),
    ("pl", "mieszkam w Warszawie", "mieszkam w Warszawie", "'w' before W + vowel"),
    ("en", "Room 770£ pcm, 160£/hr", "Room £770 pcm, £160/hr", "the pound sign goes first"),
    ("en", "Tel +44 7700 900123, 22 lat", "Tel +44 7700 900123, 22 lat", "phones and other languages untouched"),
    ("ru", "Тел +7 921 123 45 67", "Тел +7 921 123 45 67", "no rule matches a phone"),
    ("uk", "Безкоштовний трансфер до Німеччині", "Безкоштовний трансфер до Німеччини", "'до' takes the genitive"),
    ("uk", "ТРАНСФЕР ДО НІМЕЧЧИНІ", "ТРАНСФЕР ДО НІМЕЧЧИНИ", "'до' + genitive, shouted"),
    ("uk", "Робота в Німеччині", "Робота в Німеччині", "'в' keeps the locative"),
    ("ru", "поездка до Польше", "поездка до Польши", "Russian 'до' + genitive"),
    ("it", "Nuova a Arezzo", "Nuova ad Arezzo", "'ad' before a"),
    ("it", "NUOVA A AREZZO", "NUOVA AD AREZZO", "'ad' in a shouted title"),
    ("it", "Nuova a Roma", "Nuova a Roma", "'a' before a consonant"),
    ("fr", "Nouvelle à Le Mans", "Nouvelle au Mans", "'à le' contracts to 'au'"),
    ("fr", "Nouvelle a Le Havre", "Nouvelle au Havre", "without diacritics too"),
    ("fr", "près de Le Mans", "près du Mans", "'de le' contracts to 'du'"),
    ("fr", "Nouvelle à Lyon", "Nouvelle à Lyon", "no article, no change"),
    # review 5, P9: the Polish accusative of names, Porto with its article
    ("pl", "Przedstawiamy naszą słodką Larisa, 22 lat.", "Przedstawiamy naszą słodką Larisę, 22 lata.", "accusative -ę"),
    ("pl", "Mamy nową dziewczynę Kira, 18 lat, z daleka.", "Mamy nową dziewczynę Kirę, 18 lat, z daleka.", "accusative -ę"),
    ("pl", "Poznaj naszą dziewczynę Amanda, 21, nie pożałujesz.", "Poznaj naszą dziewczynę Amandę, 21, nie pożałujesz.",
     "accusative after 'Poznaj'"),
    ("pl", "Poznaj nasza dziewczyne Amanda, 21, nie pozalujesz.", "Poznaj nasza dziewczyne Amande, 21, nie pozalujesz.",
     "typed without diacritics: -e"),
    ("pl", "Poznaj Mei, 20, przepiękna laleczka.", "Poznaj Mei, 20, przepiękna laleczka.", "a name not in -a does not decline"),
    ("pl", "Nasza nowa Kira jest tu tylko przez kilka dni.", "Nasza nowa Kira jest tu tylko przez kilka dni.",
     "the nominative stays"),
    ("pl", "Jestem Maria, mam 22 lat.", "Jestem Maria, mam 22 lata.", "no accusative after 'jestem'"),
    ("pt", "Sozinha em Porto?", "Sozinha no Porto?", "'no Porto', not 'em Porto'"),
    ("pt", "SOZINHA EM PORTO?", "SOZINHA NO PORTO?", "shouted"),
    ("pt", "levantar em Porto, perto de Porto", "levantar no Porto, perto do Porto", "'do Porto'"),
    ("pt", "Sozinha em Lisboa?", "Sozinha em Lisboa?", "Lisboa takes no article"),
]


@pytest.mark.parametrize(("lang", "text", "expected", "why"), CASES, ids=[c[3] for c in CASES])
def test_polish(lang: str, text: str, expected: str, why: str) -> None:
    assert polish(text, lang) == expected, why
