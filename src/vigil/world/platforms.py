"""The world's platforms: 26 fictitious sites of six kinds, each with its own layout and obstacles.

Names are invented; none is meant to resemble a real service. ``layout`` picks the HTML writer
(see ``sites.py``) and ``prefix`` the CSS class prefix that makes each site's markup its own.
``obstacles`` are what the server (``server.py``) and the writer do to a crawler on this site.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

OBSTACLES = ("ratelimit", "redirect", "broken", "duplicates")


@dataclass(frozen=True, slots=True)
class Site:
    name: str  # also the folder name, the URL prefix and the ingest 'source'
    kind: str  # vigil.model.PlatformKind value
    layout: str  # escort, classifieds, jobs, forum, messenger, dating
    prefix: str  # CSS class prefix of this site's markup
    countries: tuple[str, ...]
    langs: tuple[str, ...]  # first is the main language
    obstacles: tuple[str, ...] = ()
    per_page: int = 20

    @property
    def country(self) -> str | None:
        """The source country: the single country a site serves, else none (international)."""
        return self.countries[0] if len(self.countries) == 1 else None


SITES: tuple[Site, ...] = (
    Site("velvet-nights", "escort_directory", "escort", "vn", ("DE", "AT"), ("de", "en"), ("ratelimit", "duplicates")),
    Site("rosa-kaartjes", "escort_directory", "escort", "rk", ("NL", "BE"), ("nl", "en"), ("redirect",)),
    Site("amour-annonces", "escort_directory", "escort", "aa", ("FR", "BE"), ("fr",), ("broken",)),
    Site("dolce-incontri", "escort_directory", "escort", "di", ("IT",), ("it",), ("duplicates",)),
    Site("citas-relax", "escort_directory", "escort", "cr", ("ES", "PT"), ("es", "pt"), ("ratelimit",)),
    Site("eurogirls-hub", "escort_directory", "escort", "eg", ("DE", "NL", "AT", "BE", "GB"), ("en", "ru"),
         ("ratelimit", "redirect", "duplicates")),
    Site("noapte-dulce", "escort_directory", "escort", "nd", ("RO",), ("ro",), ("broken",)),
    Site("ejjel-hu", "escort_directory", "escort", "eh", ("HU",), ("hu",), ()),
    Site("markt-allerlei", "classifieds", "classifieds", "ma", ("DE", "AT"), ("de", "uk", "ru", "pl"),
         ("ratelimit", "duplicates")),
    Site("koopjeshoek", "classifieds", "classifieds", "kh", ("NL", "BE"), ("nl", "en"), ("redirect",)),
    Site("annonces-partout", "classifieds", "classifieds", "ap", ("FR", "BE"), ("fr",), ("broken",)),
    Site("annunci-ovunque", "classifieds", "classifieds", "ao", ("IT",), ("it", "ro"), ()),
    Site("todo-anuncios", "classifieds", "classifieds", "ta", ("ES",), ("es", "ro"), ("duplicates",)),
    Site("classificados-pt", "classifieds", "classifieds", "cp", ("PT",), ("pt",), ()),
    Site("anunturi-rapide", "classifieds", "classifieds", "ar", ("RO",), ("ro", "hu"), ("ratelimit",)),
    Site("ogloszenia-24", "classifieds", "classifieds", "og", ("PL",), ("pl", "uk", "ru"), ("broken", "duplicates")),
    Site("hirdetes-pont", "classifieds", "classifieds", "hp", ("HU",), ("hu",), ("redirect",)),
    Site("pinboard-uk", "classifieds", "classifieds", "pb", ("GB", "IE"), ("en", "ro", "pl"), ("ratelimit",)),
    Site("workabroad-eu", "job_board", "jobs", "wa", ("DE", "NL", "GB", "IT", "ES", "PL"),
         ("en", "ro", "pl", "uk", "ru", "hu"), ("ratelimit", "broken")),
    Site("praca-teraz", "job_board", "jobs", "pt", ("PL",), ("pl", "uk"), ("duplicates",)),
    Site("flexwerk-nl", "job_board", "jobs", "fw", ("NL",), ("nl", "en", "pl", "ro"), ()),
    Site("expat-corner", "forum", "forum", "ec", ("DE", "NL", "GB", "ES"), ("en", "de"), ("redirect",)),
    Site("pomich-board", "social", "forum", "pm", ("DE", "PL"), ("uk", "ru", "de", "pl"), ("broken",)),
    Site("tg-robota-europa", "messenger", "messenger", "tg", ("DE", "PL", "NL", "IT"), ("uk", "ru"), ()),
    Site("tg-city-nights", "messenger", "messenger", "tc", ("DE", "NL", "GB"), ("ru", "en", "uk"), ()),
    Site("heartmatch", "dating", "dating", "hm", ("DE", "FR", "IT", "ES", "NL", "GB"),
         ("en", "de", "fr", "it", "es", "nl"), ("ratelimit",)),
)
BY_NAME = {s.name: s for s in SITES}

# Which kinds of platform each actor posts on (weights).
AFFINITY: dict[str, dict[str, float]] = {
    "trafficker": {"escort_directory": 0.6, "classifieds": 0.3, "messenger": 0.1},
    "independent": {"escort_directory": 0.72, "classifieds": 0.2, "dating": 0.05, "messenger": 0.03},
    "agency": {"escort_directory": 0.5, "classifieds": 0.5},
    "spammer": {"classifieds": 0.5, "dating": 0.2, "forum": 0.15, "social": 0.1, "messenger": 0.05},
    "recruiter": {"job_board": 0.5, "classifieds": 0.25, "messenger": 0.15, "social": 0.1},
    "housing_exploiter": {"social": 0.5, "classifieds": 0.4, "messenger": 0.1},
    "transport_exploiter": {"social": 0.5, "messenger": 0.3, "classifieds": 0.2},
    "employer": {"job_board": 0.6, "classifieds": 0.4},
    "landlord": {"classifieds": 0.75, "social": 0.2, "forum": 0.05},
    "driver": {"classifieds": 0.6, "social": 0.2, "forum": 0.2},
    "dater": {"dating": 0.8, "classifieds": 0.1, "forum": 0.1},
    "seller": {"classifieds": 0.9, "forum": 0.1},
}


def choose_site(rng: random.Random, role: str, country: str | None = None, lang: str | None = None) -> Site:
    """A site for an actor's next post, in ``country`` and speaking ``lang`` where one exists."""
    weights = AFFINITY[role]
    pool = [s for s in SITES if weights.get(s.kind)]
    for keep in (
        lambda s: (country is None or country in s.countries) and (lang is None or lang in s.langs),
        lambda s: country is None or country in s.countries,
        lambda s: lang is None or lang in s.langs,
    ):
        narrowed = [s for s in pool if keep(s)]
        if narrowed:
            pool = narrowed
            break
    return rng.choices(pool, [weights[s.kind] for s in pool])[0]


NATIVE = {"GB": "en", "IE": "en", "DE": "de", "AT": "de", "NL": "nl", "BE": "nl", "FR": "fr", "IT": "it",
          "ES": "es", "PT": "pt", "RO": "ro", "PL": "pl", "HU": "hu", "UA": "uk", "LV": "ru", "EE": "ru"}  # fmt: skip


def post_language(rng: random.Random, site: Site, wanted: tuple[str, ...], country: str) -> str:
    """The actor's first language the site speaks, else the country's, else the site's main one."""
    for lang in wanted:
        if lang in site.langs:
            return lang
    native = NATIVE.get(country)
    if native in site.langs and rng.random() < 0.9:
        return native
    return site.langs[0] if rng.random() < 0.8 else rng.choice(site.langs)
