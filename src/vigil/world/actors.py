"""Who posts in the world, and what each of them posts.

Actor kinds and their behaviour follow the typologies in docs/WORLD.md (Polaris Project; UNODC
GLOTIP; Europol/EMPACT THB; ILO forced-labour indicators; Tong et al. 2017; Lugo-Graulich & Meyer
2024): a *trafficker* (controller) advertises several persons, rotates phones over a circuit of
cities, reuses photos under new names and writes about 'our new girl'; *independent* sex workers
advertise themselves, some tour too; *agencies* and massage studios write 'we' legitimately;
*spammers* post one template in many cities; *recruiters* lure people abroad with paid travel,
housing and inflated wages; *exploiters* offer free rooms or rides to displaced women; and the
majority (*employers*, *landlords*, *drivers*, *daters*, *sellers*) post harmless ads that share
many of those surface cues.

Every actor draws from its own random stream (``seed:index``), so the world is the same for a seed
whatever the size, and an actor's posts can be made without the rest of the world in memory.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from vigil.world import contacts as c
from vigil.world import geo
from vigil.world.compose import MESSENGER_LABEL, Composer, Idents, Style, keyboard
from vigil.world.grammar import polish
from vigil.world.phrasebook import load
from vigil.world.platforms import Site, choose_site, post_language

END = datetime(2025, 10, 1, tzinfo=UTC)  # a fixed 'today' so that a seed always gives the same world
WINDOW_DAYS = 120
NAMES = ("Anna", "Maria", "Alina", "Vika", "Sofia", "Diana", "Kristina", "Mila", "Eva", "Laura", "Bianca",
         "Nika", "Lera", "Daria", "Elena", "Ioana", "Andreea", "Kasia", "Natalia", "Olga", "Jessica", "Nicole",
         "Lina", "Yana", "Masha", "Roxana", "Lili", "Zsofi", "Reka", "Carla", "Luna", "Bella", "Amira", "Kira",
         "Valentina", "Camila", "Sasha", "Polina", "Irina", "Denisa")  # fmt: skip
NAMES_BY_NAT = {
    "ua": ("Anna", "Alina", "Vika", "Daria", "Yana", "Masha", "Sasha", "Polina", "Irina", "Lera", "Olga", "Natalia", "Sofia"),
    "ro": ("Ioana", "Andreea", "Bianca", "Roxana", "Denisa", "Elena", "Maria", "Diana", "Alina", "Larisa"),
    "hu": ("Zsofi", "Reka", "Lili", "Eva", "Anna", "Kira", "Nikoletta", "Dora", "Viki"),
    "bg": ("Elena", "Maria", "Nikol", "Diana", "Vanya", "Mila", "Kristina", "Gergana", "Desi"),
    "br": ("Camila", "Luna", "Bella", "Carla", "Valentina", "Jessica", "Nicole", "Amanda", "Bianca"),
    "asia": ("Lina", "Mei", "Amy", "Kim", "Lily", "Mia", "Jasmin", "Suki", "Nana"),
    "ng": ("Blessing", "Joy", "Precious", "Faith", "Mercy", "Favour", "Gift", "Peace", "Esther"),
}
NAT_REGION = {"ua": "UA", "ro": "RO", "hu": "HU", "bg": "BG", "br": None, "asia": None, "ng": None}
NAT_LANGS = {"ua": ("uk", "ru"), "ro": ("ro",), "hu": ("hu",), "bg": (), "br": ("pt", "es"), "asia": (), "ng": ("en",)}
COMPANY_PARTS = (("Nord", "Euro", "Agro", "Best", "Prima", "Star", "Flex", "Green", "Top", "Vita"),
                 ("farm", "staff", "work", "care", "clean", "hotel", "log", "team", "plus", "service"))  # fmt: skip
COMPANY_FORM = {"DE": "GmbH", "AT": "GmbH", "NL": "B.V.", "BE": "BV", "FR": "SARL", "IT": "S.r.l.", "ES": "S.L.",
                "PT": "Lda", "RO": "S.R.L.", "PL": "Sp. z o.o.", "HU": "Kft.", "GB": "Ltd", "IE": "Ltd"}  # fmt: skip

# Who signs and chats under a plain handle ('lumi_87'), not a 'kiss'/'agency'/'jobs' one (review 6, R14): the
# harmless private posters and the exploiters who pose as them, alike, so that the handle tells nothing.
PLAIN_HANDLES = frozenset({"landlord", "seller", "driver", "dater", "housing_exploiter", "transport_exploiter"})
# Share of posts per actor kind, and how many posts one actor makes on average.
POST_SHARE = {"trafficker": 0.08, "independent": 0.09, "agency": 0.04, "spammer": 0.05, "recruiter": 0.04,
              "housing_exploiter": 0.015, "transport_exploiter": 0.01, "employer": 0.13, "landlord": 0.11,
              "driver": 0.06, "dater": 0.12, "seller": 0.255}  # fmt: skip
# Measured on 6,000 actors (seed 12), so that the posts made match POST_SHARE (a trafficker's own ads only:
# its recruitment and room offers count for those roles). With the old guesses (trafficker 28) a world had
# half the trafficker posts it should, and a small world only two or three networks.
MEAN_POSTS = {"trafficker": 17, "independent": 4.3, "agency": 12.3, "spammer": 20.3, "recruiter": 13.6,
              "housing_exploiter": 2.9, "transport_exploiter": 3.1, "employer": 2.1, "landlord": 1.5, "driver": 1.6,
              "dater": 1.5, "seller": 1.5}  # fmt: skip
ROLES = tuple(POST_SHARE)
# Actors whose posts are typed by several hands (review 8, P5): their keyboard is drawn per post, not per actor.
MANY_HANDS = frozenset({"trafficker", "agency", "recruiter", "housing_exploiter", "transport_exploiter"})
_ROLE_WEIGHTS = [POST_SHARE[r] / MEAN_POSTS[r] for r in ROLES]


@dataclass(slots=True)
class Draft:
    """One post before it has a site id: its content and everything the truth says about it."""

    site: Site
    role: str
    actor: str
    category: str
    risk: dict[str, int]
    linked: bool
    network: str | None
    persona: str | None
    title: str
    text: str
    author: str
    posted_at: datetime
    city: str
    country: str
    language: str
    images: list[str]
    indicators: list[str]
    families: list[str]
    planted: list[c.Planted]


@dataclass(slots=True)
class Actor:
    """What ``make_actor`` returns: the drafts, and the network record when the actor is one."""

    id: str
    role: str
    drafts: list[Draft]
    network: dict[str, Any] | None = None


@dataclass(slots=True)
class Ctx:
    """Everything one post needs: the actor's stream, split, style and identifiers."""

    rng: random.Random
    split: str
    actor: str
    role: str
    style: Style
    langs: tuple[str, ...] = ()
    network: str | None = None
    linked: bool = False
    template_seed: str | None = None  # actors that repost one template pick the same variants
    turn: int = 0  # this actor's place among the world's actors of its role (planned areas and languages take turns)
    seed: int = 0  # the world's seed: names that must differ across one world's actors are dealt from it (salon_name)
    serial: int = 0  # this actor's number among its role, never another's (turns of two blocks can meet: salon_name)
    drafts: list[Draft] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # a private poster's one username per site (review 12C, 3)

    def post(
        self, write: Callable[..., None], *, site: Site | None = None, country: str | None = None,
        idents: Idents, slots: dict[str, str], category: str, risk: dict[str, int], when: datetime,
        persona: str | None = None, images: list[str] | None = None, author: str = "", city: str | None = None,
        role: str | None = None, **kw: Any,
    ) -> Draft:  # fmt: skip
        rng = self.rng
        site = site or choose_site(rng, role or self.role, country, self.langs[0] if self.langs else None)
        if category == "job" and kw.get("dest") in geo.MONEY:
            country, city = kw["dest"], None  # a job abroad is placed where the work is, whatever the site
        elif country not in site.countries:
            country, city = rng.choice(site.countries), None
        lang = post_language(rng, site, self.langs, country)
        # farm work is out in the country: strawberries are not picked in Berlin
        place = city or (geo.pick_town if kw.get("job") == "agri" else geo.pick_city)(rng, country, lang)
        ride = category == "transport"
        if ride and sum(geo.landmass(country, x) == geo.landmass(country, place) for x in geo.cities(country)) < 2:
            place = next(x for x in geo.cities(country) if geo.landmass(country, x) == "main")  # no car ride off an island
        city = geo.local_name(place, lang)
        book = load(lang, self.split)
        paid_in = kw["dest"] if kw.get("dest") in geo.MONEY and category == "job" else country  # wages abroad
        full = {"city": city, "cur": geo.MONEY[paid_in].symbol, "coin": idents.wallet[0].upper() if idents.wallet else "",
                "hplat": MESSENGER_LABEL[idents.handle[0]] if idents.handle else ""}  # fmt: skip
        full.update(slots)
        full.setdefault("ad", category)  # which lines fit the kind of ad (compose._SKIPS)
        m = geo.MONEY[paid_in]  # a worker's bed, €8 a night, in the wage's currency ('3 200 Ft', '40 lei')
        full.setdefault("bed", str(max(1, round(8 * geo.EUR_RATE[m.currency] / max(1, m.step // 10)) * max(1, m.step // 10))))
        k = rng.randrange(len(book.items))  # an item for sale, priced by what it is
        if "item" not in full:
            full["item"], full["item_class"] = book.items[k], str(book.item_index[k])
        if kw.get("price_kind") == "item" and "price" not in full:
            full["price"] = str(geo.item_price(rng, paid_in, book.item_index[k])[0])
        for key, kind in (("price", kw.get("price_kind", "hour")), ("salary", "wage"), ("rent", "rent")):
            if key not in full and not (ride and key == "price"):
                factor = float(kw.get(key + "_factor", 1.0)) * (geo.rent_factor(country, place) if key == "rent" else 1.0)
                full[key] = str(geo.price(rng, paid_in, kind, factor)[0])
                if key == "salary" and kw.get("job") == "agri":  # picking pays the minimum ('2680€' in Saarbrücken:
                    lo, hi = geo.MONEY[paid_in].wage  # review 11, 9): the same draw, squeezed to the range's first 8 %
                    share = min(1.0, max(0.0, (int(full[key]) / factor - lo) / (hi - lo)))
                    step = geo.MONEY[paid_in].step
                    full[key] = str(round(lo * factor * (1 + 0.08 * share) / step) * step)
        if category in ("escort", "massage") and "price" not in slots:
            full["price"] = _sex_price(self.actor, len(self.drafts), kw.get("middle", ()), paid_in, place,
                                       geo.MASSAGE_RATE if category == "massage" else 1.0)  # fmt: skip
        full.setdefault("rent_student", str(max(m.step, round(int(full["rent"]) * 0.7 / m.step) * m.step)))
        full.setdefault("easy", str(round(500 * geo.EUR_RATE[m.currency] / m.step) * m.step))  # spam's '€500 a day'
        full.setdefault("size", str(rng.randint(9, 22)))  # a room's m²
        full.setdefault("mins", str(rng.randint(3, 15)))
        full.setdefault("date", (when + timedelta(days=rng.randint(3, 30))).strftime("%d.%m"))
        full.setdefault("time", f"{rng.choice((5, 6, 7, 8, 9, 10, 14, 16, 18))}:{rng.choice(('00', '00', '30'))}")
        if "city2" not in full:  # a second city (ride, tour): never the post's own, on the same land for a ride
            other, raw = city, place
            for _ in range(12):
                raw = geo.pick_city(rng, country, lang)
                other = geo.local_name(raw, lang)
                if other != city and (not ride or geo.landmass(country, raw) == geo.landmass(country, place)):
                    break
            full["city2"] = other
            if ride:  # a seat costs by distance; 'back the same day' only on a short trip
                km = geo.km_between(country, place, raw) or 150.0
                full.setdefault("km", str(round(km)))
                full.setdefault("price", str(geo.ride_price(country, km, float(kw.get("price_factor", 1.0)))))
        else:
            raw = full["city2"]
            full["city2"] = geo.local_name(raw, lang)
            for _ in range(12):  # a circuit may come back to a city: the next stop is another one
                if full["city2"] != city:
                    break
                raw = geo.pick_city(rng, country, lang)
                full["city2"] = geo.local_name(raw, lang)
        two = category in ("transport", "escort", "massage")  # rides and tours name two cities in one line
        if two and geo.cyrillic(full["city"]) != geo.cyrillic(full["city2"]):  # one script: 'Dortmund -> Berlin'
            if geo.cyrillic(full["city"]):
                full["city"] = city = geo.latin_name(place)  # the location field as the text writes it
            else:
                full["city2"] = geo.latin_name(raw)
        for key in ("city", "city2"):  # declined forms where the phrasebook has them, else the nominative
            loc, gen = book.cases.get(full[key], (full[key], full[key]))
            full.setdefault(key + "_loc", loc)
            full.setdefault(key + "_gen", gen)
        if category == "job" and "dest" not in kw:
            full.setdefault("dest", "")  # a local job: units that name a destination abroad are skipped
        dest = kw.get("dest", "DE")
        if dest == "local":  # lures for rides and rooms name the country they are posted in
            dest = country if country in book.dest else "DE"
        full.setdefault("dest", book.dest[dest])
        full.setdefault("role", book.roles[kw.get("job", "clean")])
        full.setdefault("job", kw.get("job", ""))  # which lines fit the job (compose._SKIPS)
        full.setdefault("nat", book.nat[kw.get("nat", "ua")])
        if lang in NAT_LANGS.get(kw.get("nat") or "", ()) and "middle" in kw:  # 'speaks little Romanian': not in Romanian
            kw = {**kw, "middle": [m for m in kw["middle"] if m[0] != "esc.nolang"]}
        pick_rng = random.Random(f"{self.template_seed}:{lang}") if self.template_seed else rng
        # per post, from the writer's keyboard (any role alike); a network's posts are typed by several hands
        # (controllers, recruiters, persons on their own phones), so its keyboard is drawn per post: one network
        # must not set the accents of a whole language x category cell (review 8, P5: pl jobs harmful 0/10)
        hand = random.Random(f"hand:{self.actor}:{len(self.drafts)}")  # its own draw: the actor's stream is unchanged
        fold = rng.random() < (keyboard(hand) if self.role in MANY_HANDS else self.style.deaccent)
        noise = random.Random(rng.random()) if self.template_seed else None  # a repost gets its own typos and emoji
        cp = Composer(pick_rng, book, self.style, full, idents, country=country, fold=fold, noise_rng=noise)
        write(cp, **kw)
        draft = Draft(
            site=site, role=role or self.role, actor=self.actor, category=category, risk=risk, linked=self.linked,
            network=self.network, persona=persona, title=polish(cp.title, lang), text=polish(cp.text(), lang),
            author=author or self._nick(site.name, role or self.role), posted_at=when, city=city, country=country, language=lang,
            images=list(images or ()), indicators=cp.indicators, families=cp.families, planted=cp.planted,
        )  # fmt: skip
        self.drafts.append(draft)
        return draft

    def _nick(self, site: str, role: str) -> str:
        """A username for a post without a signer; a private poster keeps one account per site.

        Landlords, sellers and drivers got a new one per post, so one phone on one site showed under several
        usernames (review 12C, 3). The draw stays (the actor's stream is unchanged); a second post reuses the first.
        """
        plain = role in PLAIN_HANDLES
        nick = c.nickname(self.rng, plain=plain)
        return self.names.setdefault(f"{site}:{role}", nick) if plain else nick


def short_id(*parts: object) -> str:
    return hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:10]


def when(rng: random.Random, start_day: float | None = None, span: float = WINDOW_DAYS) -> datetime:
    day = rng.uniform(0, WINDOW_DAYS) if start_day is None else start_day + rng.uniform(0, span)
    return (END - timedelta(days=WINDOW_DAYS) + timedelta(days=day)).replace(microsecond=0)


_SALON_FIRST = ("Lotus", "Golden Hands", "Bamboo", "Orchid", "Jade", "Sakura", "Venus", "Paradise", "Zen", "Silk",
                "Aphrodite", "Pearl", "Harmony", "Moonlight", "Oasis", "Amber", "Blue Lagoon", "Thai Garden", "Lavender",
                "Jasmine", "Coral", "Ivory", "Bali", "Siam", "Lily", "Crystal", "Serenity", "Nirvana", "Eden", "Sunrise",
                "Luna", "Aurora", "Cleopatra", "Magnolia", "Tropical", "Emerald", "Sapphire", "Blossom", "Cherry",
                "Mandarin", "Papaya", "Orient", "Kokoro", "Sunflower", "Velvet Hands", "Palm Tree", "Aloha", "Tiara",
                "Bonsai", "White Lotus", "Pandora", "Nefertiti", "Camellia", "Peony", "Koi", "Hibiscus", "Rainbow",
                "Bluebell", "Saffron", "Mimosa")  # fmt: skip
_SALON_LAST = ("Spa", "Studio", "Massage", "Wellness", "Lounge")


def salon_name(seed: int, turn: int, licensed: bool, massage: bool) -> str:
    """A studio's or escort agency's name, never the name of another studio or front of the same world.

    Licensed studios and traffickers' fronts were both drawn from one small pool, so 'Zen Studio' was a licensed salon
    in Setúbal and a front in Berlin (review 8, P3). The pool is shuffled per world and dealt by turn: licensed studios
    from one half, fronts from the other, so a name is no class cue across worlds and never shared within one. A
    massage front names each town's salon ``turn * 6 + town``; 300 names hold a small world's 24 networks.
    """
    if massage:  # dealt by index, licensed even and fronts odd, each first word once before any comes back: 'Aphrodite
        # Spa' was a front in Dublin and one in Mataró, 'Amber Studio' licensed in Brașov and Budapest (review 11, 2)
        first, last = list(_SALON_FIRST), list(_SALON_LAST)
        random.Random(f"salon-names:{seed}:{massage}").shuffle(first)
        i = 2 * turn + (0 if licensed else 1)
        return f"{first[i % len(first)]} {last[(i // len(first) + len(first[i % len(first)])) % len(last)]}"
    else:
        pool = [f"{a} {b}" for a in ("VIP", "Elite", "Diamond", "Royal", "Velvet", "Luxury", "Secret", "Golden", "Ruby")
                for b in ("Escort", "Models", "Angels", "Ladies", "Girls")]  # fmt: skip
    random.Random(f"salon-names:{seed}:{massage}").shuffle(pool)
    half = pool[0::2] if licensed else pool[1::2]
    return half[turn % len(half)]


# The company stems that fit a job (review 8, P6): a cleaning firm with workwear does not hire bar hostesses, a
# 'Primahotel' does not staff warehouses or care homes; a general staffing name fits a firm with several jobs.
_STEM_FIT = {"agri": ("farm", "work", "staff", "team", "plus"), "care": ("care", "staff", "team", "plus", "service"),
             "clean": ("clean", "service", "staff", "team"), "hotel": ("hotel", "service", "staff", "team"),
             "warehouse": ("log", "work", "staff", "team", "plus"), "model": ("staff", "team", "plus", "service"),
             "hostess": ("staff", "team", "plus", "service"), "": ("staff", "work", "team", "plus", "service")}  # fmt: skip


def company(rng: random.Random, country: str, job: str | None = None, world: tuple[int, bool] | None = None) -> str:
    """A firm's name ('Agrowork Kft.'); with ``job`` ('' for several jobs), one whose name fits the work it hires for.

    With ``world`` (seed, harmful) the first part comes from the half of a per-seed shuffle that is the lures' or the
    employers': 'Europlus S.R.L.' hired honestly beside a 'Europlus GmbH' recruiter network (review 11, 9). Within a
    world no brand stem is both; across worlds each stem is either, so a name is no class cue.
    """
    first, stem = rng.choice(COMPANY_PARTS[0]), rng.choice(COMPANY_PARTS[1])
    if job is not None:  # the same two draws, the stem moved onto one that fits (the stream is unchanged)
        fit = _STEM_FIT.get(job, _STEM_FIT[""])
        stem = stem if stem in fit else fit[COMPANY_PARTS[1].index(stem) % len(fit)]
        first = "Euro" if first == "Agro" and job != "agri" else first
    if world is not None:  # each full name is the lures' or the employers' per world; every first half is in both
        # (a first half per class made Flex-/Prima- all employers and Green-/Euro- all recruiters: review 12B, 2)
        firsts = list(COMPANY_PARTS[0])
        random.Random(f"company-names:{world[0]}:{stem}").shuffle(firsts)  # dealt per stem: no half decides
        half = [f for f in firsts[int(world[1]) :: 2] if f != "Agro" or job in (None, "agri")]
        first = first if first in half else half[COMPANY_PARTS[0].index(first) % len(half)]
    return f"{first}{stem} {COMPANY_FORM.get(country, 'Ltd')}"


def _sex_price(actor: str, k: int, middle: Any, country: str, place: str, rate: float = 1.0) -> str:
    """An hour's price at the city's level, as licensed salons price (review 10, R1: 600-700 lei in Vaslui, 230 €
    in Galway); an ad that says 'cheap' or 'today only' at the lower third of it (R7: 'best price … 250€'). The
    'cheap' line is drawn here, from its own stream, and then said for sure or not at all."""
    rng = random.Random(f"price:{actor}:{k}")
    cheap = next((u for u in middle if u[0] == "esc.cheap"), None)
    low = cheap is not None and rng.random() < cheap[2]
    if cheap is not None:
        middle[middle.index(cheap)] = (cheap[0], cheap[1], 1.0 if low else 0.0)
    m = geo.MONEY[country]
    lo, hi = m.hour
    value = (lo + (hi - lo) * rng.uniform(0.0, 0.3 if low else 1.0)) * (max(geo.rent_factor(country, place) * rate, 0.55) if rate < 1 else geo.rent_factor(country, place))
    return str(max(m.step, int(round(value / m.step) * m.step)))


def image_set(actor: str, n: int) -> list[str]:
    """Base image ids of one person: variants ``<base>_<k>`` are drawn by ``images.py``."""
    return [short_id("img", actor, i) for i in range(n)]


def pick_images(rng: random.Random, bases: list[str], most: int = 3) -> list[str]:
    chosen = rng.sample(bases, min(len(bases), rng.randint(1, most)))
    return [f"{b}_{rng.randrange(4)}" for b in chosen]
