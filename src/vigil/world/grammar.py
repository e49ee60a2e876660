"""Agreement and typography the templates cannot express, applied to a finished post.

Templates are written once per language with slots; a few rules depend on the value that fills a
slot: Polish, Russian and Ukrainian choose the word for 'years' by the number ('22 lata', '25 lat'), Romanian puts 'de' after 20 ('38 de ani'),
Hungarian writes 'az' before a vowel, British writers put the pound sign first ('£160'), Hungarian
writers group thousands ('350 000 Ft'). Identifiers are never touched (no rule matches digits in
a phone number, and the rules only rewrite the words and symbols around a number).
"""

from __future__ import annotations

import re

# (one, few, many): 1 (ru, uk: 21, 31 …) / 2-4 (not 12-14) / the rest
_YEARS = {"pl": ("rok", "lata", "lat"), "ru": ("год", "года", "лет"), "uk": ("рік", "роки", "років")}
_YEARS_RE = {lang: re.compile(rf"(?<![\d.,:/+-])(\d{{1,2}}) ({forms[2]})\b") for lang, forms in _YEARS.items()}
_HU_ARTICLE = re.compile(r"\b([Aa]) (?=[AEIOUÁÉÍÓÖŐÚÜŰaeiouáéíóöőúüű])")
_POUND = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?) ?£")
_FORINT = re.compile(r"(?<![\d.,])(\d{5,}) ?Ft\b")
_RO_AGE = re.compile(r"(?<![\d.,:/+-])(\d{1,2}) ani\b")  # 20 and up: '38 de ani'
# 'до' takes the genitive; destinations are stored in the locative ('в Німеччині' → 'до Німеччини')
_TO_GEN = {"uk": {"до Німеччині": "до Німеччини", "до Нідерландах": "до Нідерландів"},
           "ru": {"до Нидерландах": "до Нидерландов", "до Польше": "до Польши"}}  # fmt: skip
_IT_AD = re.compile(r"\b([Aa]) (?=[Aa][^\W\d_])")  # 'ad Arezzo', 'ad Ancona'
_FR_AU = re.compile(r"\b([àaÀA]|[Dd]e) (Le|LE) (?=[A-Z])")  # 'au Mans', 'du Havre'
_PL_WE = re.compile(r"\b([Ww]) (?=[WwFf][^aąeęioóuy\W])")  # 'we Włoszech', 'we Wrocławiu'
# A name after a verb that takes the accusative: 'Przedstawiamy naszą słodką Larisę', 'Poznaj Amandę' (review 5, P9).
# Names in -a decline (-ę, or -e on a keyboard without diacritics); 'Mei', 'Zsofi' do not.
_PL_ACC = re.compile(r"\b((?:Mamy|mamy) now[aą] dziewczyn[eę],? |(?:Przedstawiamy|przedstawiamy) nasz[aą] s[lł]odk[aą] |"
                     r"(?:Poznaj|poznaj) (?:nasz[aą] dziewczyn[eę] )?)([A-Z][a-z]+)a\b")
# Porto takes the article: 'no Porto', 'do Porto', 'ao Porto' (not 'em Porto').
_PT_PORTO = re.compile(r"\b(em|de|a|EM|DE|A|Em|De) (Porto|PORTO)\b")
_PT_ART = {"em": "no", "de": "do", "a": "ao"}
_PL_LETTERS = re.compile(r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")
# Seats agree with their number as years do: '6 вільних місць', '5 wolnych miejsc', not '6 вільні місця' (review 6, R12).
# (adjective one/few/many, noun one/few/many); Russian takes the genitive plural adjective after 2-4 as well.
_SEATS = {"uk": (("вільне", "вільні", "вільних"), ("місце", "місця", "місць")),
          "ru": (("свободное", "свободных", "свободных"), ("место", "места", "мест")),
          "pl": (("wolne", "wolne", "wolnych"), ("miejsce", "miejsca", "miejsc"))}  # fmt: skip
_SEATS_RE = {lang: re.compile(rf"(?<![\d.,:/+-])(\d{{1,2}}) (?:({'|'.join(a)}) )?({'|'.join(n)})\b", re.IGNORECASE)
             for lang, (a, n) in _SEATS.items()}  # fmt: skip
# A Cyrillic city after 'в'/'у' is declined: 'в Варшаве', 'у Берліні' where something is, 'в Варшаву' where one goes
# ('На наш объект в Варшава': review 6, R12). Latin names ('в Mannheim') stay as written, indeclinable.
_CY_CITY = {"ru": {"Варшава": ("Варшаве", "Варшаву"), "Берлин": ("Берлине", "Берлин")},
            "uk": {"Варшава": ("Варшаві", "Варшаву"), "Берлін": ("Берліні", "Берлін")}}  # fmt: skip
_CY_CITY_RE = re.compile(r"(?<!\w)([вВуУ]) (Варшава|Берлин|Берлін)(?!\w)")
_GOING = re.compile(r"(?i)(назад|обратно|приехала|переехала|приїхала|переїхала|еду|їду|поеду|поїду)\s*$")
_PL_SELL = re.compile(r"\b(Sprzedam|sprzedam|SPRZEDAM) (pralka|PRALKA)\b")  # 'Sprzedam pralkę': the accusative


def _plural(n: int, forms: tuple[str, str, str], lang: str) -> str:
    if n == 1 or (lang != "pl" and n % 10 == 1 and n % 100 != 11):
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def _seats(m: re.Match[str], lang: str) -> str:
    k = _plural(int(m.group(1)), ("1", "2", "5"), lang)
    i = {"1": 0, "2": 1, "5": 2}[k]
    adj, noun = _SEATS[lang]
    word = noun[i].upper() if m.group(3).isupper() else noun[i]
    if m.group(2):
        word = (adj[i].upper() if m.group(2).isupper() else adj[i]) + " " + word
    return f"{m.group(1)} {word}"


def _cy_city(m: re.Match[str], lang: str) -> str:
    where, whither = _CY_CITY[lang][m.group(2)]
    return f"{m.group(1)} {whither if _GOING.search(m.string[: m.start()]) else where}"


def _case(word: str, like: str, city: str) -> str:
    return word.upper() if city.isupper() else word.capitalize() if like[:1].isupper() else word


def _after_caps(m: re.Match[str]) -> bool:
    before = m.string[: m.start()].split()
    return bool(before) and before[-1].isupper()


def polish(text: str, lang: str) -> str:
    """The text with number agreement, articles and money written as locals write them."""
    if lang in _YEARS:
        forms = _YEARS[lang]
        text = _YEARS_RE[lang].sub(lambda m: f"{m.group(1)} {_plural(int(m.group(1)), forms, lang)}", text)
    if lang in _SEATS:
        text = _SEATS_RE[lang].sub(lambda m: _seats(m, lang), text)
    if lang in _CY_CITY:
        text = _CY_CITY_RE.sub(lambda m: _cy_city(m, lang), text)
    if lang == "ro":
        text = _RO_AGE.sub(lambda m: m.group(1) + (" de ani" if int(m.group(1)) >= 20 else " ani"), text)
    if lang == "hu":
        text = _HU_ARTICLE.sub(lambda m: m.group(1) + "z ", text)
        text = _FORINT.sub(lambda m: f"{int(m.group(1)):,}".replace(",", " ") + " Ft", text)
    for loc, gen in _TO_GEN.get(lang, {}).items():
        text = text.replace(loc, gen).replace(loc.upper(), gen.upper())
    if lang == "it":
        text = _IT_AD.sub(lambda m: m.group(1) + ("D " if _after_caps(m) else "d "), text)
    if lang == "fr":
        text = _FR_AU.sub(lambda m: ("AU " if m.group(2) == "LE" else "au ") if m.group(1) in "àaÀA" else
                          ("DU " if m.group(2) == "LE" else "du "), text)
    if lang == "pl":
        text = _PL_WE.sub(lambda m: m.group(1) + ("E " if _after_caps(m) else "e "), text)
        e = "ę" if _PL_LETTERS.search(text) else "e"  # a post typed without diacritics has none anywhere
        text = _PL_ACC.sub(lambda m: m.group(1) + m.group(2) + e, text)
        text = _PL_SELL.sub(lambda m: m.group(1) + " " + (("PRALK" + e).upper() if m.group(2).isupper() else "pralk" + e), text)
    if lang == "pt":
        text = _PT_PORTO.sub(lambda m: _case(_PT_ART[m.group(1).lower()], m.group(1), m.group(2)) + " " + m.group(2), text)
    return _POUND.sub(lambda m: "£" + m.group(1), text)
