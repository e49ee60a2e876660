"""Each actor kind's behaviour: which posts it makes, where, when, with which cues and contacts.

Cue probabilities are deliberately overlapping: traffickers sometimes write in the first person
and independents sometimes tour, emphasise a nationality or hide their number; employers offer
housing and 'no experience needed'; hosts welcome Ukrainian refugees. No single cue separates
harm from harmless; combinations, identifiers shared across posts and images do.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta
from typing import Any

from vigil.world import contacts as c
from vigil.world import geo
from vigil.world.actors import (
    COMPANY_FORM,
    END,
    NAMES_BY_NAT,
    NAT_LANGS,
    NAT_REGION,
    Ctx,
    company,
    image_set,
    pick_images,
    salon_name,
    short_id,
    when,
)
from vigil.world.compose import Composer, Idents, Style
from vigil.world.platforms import NATIVE

Plan = list[tuple[str, str | None, float]]
NATS = ("ua", "ro", "hu", "bg", "br", "asia", "ng")
REGIONS = (("DE", "AT", "NL"), ("NL", "BE", "DE"), ("FR", "BE"), ("IT", "ES"), ("ES", "PT"), ("GB", "IE"),
           ("RO", "HU"), ("DE", "PL"), ("IT", "RO"))  # fmt: skip
# Nigerian networks work mostly in Italy, Spain and France (UNODC GLOTIP 2020; GRETA reports on Italy).
NAT_AREAS = {"ng": (("IT", "ES"), ("IT", "FR"), ("FR", "BE"))}
DESTS = ("DE", "NL", "IT", "ES", "GB", "PL")  # destinations every phrasebook names
# Where the harmless majority lives: roughly by population, Poland and Romania a little above it (their
# classifieds are busy), so that no language's rooms, rides or jobs are mostly the lures'.
HOME = {"DE": 14, "GB": 10, "FR": 10, "IT": 11, "ES": 9, "PL": 9, "RO": 8, "NL": 8, "BE": 4, "PT": 4, "HU": 3, "AT": 3,
        "IE": 2}  # fmt: skip


def home_country(rng: random.Random) -> str:
    return rng.choices(tuple(HOME), tuple(HOME.values()))[0]


# Where Ukrainian- and Russian-speaking residents post rooms, rides and jobs on sites that speak their language.
UA_DIASPORA = ("DE", "DE", "PL", "PL", "AT")
NO_RISK = {"sexual": 0, "labour": 0, "housing": 0}


def risk(**on: int) -> dict[str, int]:
    return {**NO_RISK, **on}


def write_plan(cp: Composer, *, title: tuple[str, str | None], opener: tuple[str, str | None] | None = None,
               middle: Plan = (), tail: Plan = (), contact: tuple[float, float] = (1.0, 0.0), align: bool = False,
               voice: str = "first", contact_optional: bool = False, **_: Any) -> None:  # fmt: skip
    """Title, opener, shuffled cue sentences, tail, then contact lines (phone and/or messenger)."""
    if align:
        cp.aligned = cp.rng.randrange(1000)
    cp.voice = voice
    if any(m[0] in ("hou.refugee", "hou.mother") and m[2] > 0 for m in middle):
        cp.slots["host"] = ""  # no credit check for a newly arrived refugee ('SCHUFA noetig!': review 11, 9)
    cp.head(*title)
    if opener:
        cp.say(*opener)
    for unit, indicator, p in middle:
        cp.say(unit, indicator, p)
    cp.shuffle_middle()
    for unit, indicator, p in tail:
        cp.say(unit, indicator, p)
    ids, rng = cp.idents, cp.rng
    use_phone = ids.phone is not None and rng.random() < contact[0]
    use_msg = ids.handle is not None and rng.random() < contact[1]
    if not use_phone and not use_msg and not contact_optional:  # a dating site has a message button
        use_phone = ids.phone is not None
        use_msg = not use_phone and ids.handle is not None
    if use_phone and use_msg and not (ids.handle and ids.handle[0] == "whatsapp"):
        cp.slots["two_contacts"] = ""  # neither 'call me' nor 'no calls' (compose.CALLS; review 11, P6)
    if use_phone:
        cp.say("con.phone")
    if use_msg and not (use_phone and ids.handle and ids.handle[0] == "whatsapp"):
        cp.say("con.msg", None if use_phone else "messenger_only")
    if any(p.obfuscated for p in cp.planted):
        cp.indicators.append("obscured_contact")


def _voice(rng: random.Random, first: float, third: float) -> str:
    r = rng.random()
    return "first" if r < first else "third" if r < first + third else "we"


def escort_plan(voice: str, cue: dict[str, float], extra: Plan = ()) -> dict[str, Any]:
    """The ad of one advertised person, by her or by someone else ('third', 'we')."""
    return {
        "voice": voice,
        "title": ("esc.title.first", None) if voice == "first" else ("esc.title.third", "third_person"),
        "opener": {"first": ("esc.open.first", None), "third": ("esc.open.third", "third_person"),
                   "we": ("esc.open.we", "we_language")}[voice],
        "middle": [
            ("esc.new", "new_in_town", cue.get("new", 0)), ("esc.young", "youth", cue.get("young", 0)),
            ("esc.nat", "nationality", cue.get("nat", 0)), ("esc.tour", "circuit", cue.get("tour", 0)),
            ("esc.trust", "trustworthy_language", cue.get("trust", 0)),
            ("esc.allserv", "all_services", cue.get("allserv", 0)), ("esc.cheap", "low_price", cue.get("cheap", 0)),
            ("esc.hotel", "outcall_only", cue.get("hotel", 0)), ("esc.always", "always_available", cue.get("always", 0)),
            ("esc.nolang", "limited_language", cue.get("nolang", 0)), ("esc.indep", None, cue.get("indep", 0) if voice == "first" else 0),  # 'I work for myself': first person only
            ("esc.safe", None, cue.get("safe", 0)), ("esc.serv", None, 0.6), *extra,
        ],
        "tail": [("esc.price", None, 0.8), ("con.url" if voice == "first" else "con.url.we", None, cue.get("url", 0)),
                 ("con.crypto", "crypto_payment", cue.get("crypto", 0))],
    }


def massage_plan(cue: dict[str, float]) -> dict[str, Any]:
    return {
        "voice": "we", "title": ("mas.title", None), "opener": ("mas.open", "we_language"),
        "middle": [("mas.serv", None, 0.9), ("mas.hours", None, 0.7), ("mas.staff", "nationality", cue.get("staff", 0)),
                   ("esc.young", "youth", cue.get("young", 0)),
                   ("esc.always", "always_available", cue.get("always", 0))],
        "tail": [("esc.price", None, 0.6), ("con.url.we", None, cue.get("url", 0))],
    }  # fmt: skip


def recruit_plan(rng: random.Random, fraud: bool, cue: dict[str, float], careful: bool = False) -> dict[str, Any]:
    """A job ad; a ``careful`` fraud reads like an employer's (legit title and opener, its cues only)."""
    title = ("job.title.fraud", "high_salary") if fraud and not careful and rng.random() < cue.get("ftitle", 0.7) else ("job.title.legit", None)
    return {
        "title": title, "opener": ("job.open.fraud", None) if fraud and not careful else ("job.open.legit", None),
        "middle": [
            ("job.travel", "travel_paid", cue.get("travel", 0)), ("job.house", "housing_paid", cue.get("house", 0)),
            ("job.noexp", "no_experience", cue.get("noexp", 0)), ("job.nolang", "no_language", cue.get("nolang", 0)),
            ("job.salary.high", "high_salary", cue.get("high", 0)), ("job.salary.market", None, cue.get("market", 0)),
            ("job.docs", "documents_arranged", cue.get("docs", 0)), ("job.urgent", "urgency", cue.get("urgent", 0)),
            ("job.women", "young_women_only", cue.get("women", 0)), ("job.legit.terms", None, cue.get("terms", 0)),
            ("job.legit.house", "housing_paid", cue.get("lhouse", 0)),
        ],
        "tail": [("job.legit.apply", None, cue.get("apply", 0))],
    }  # fmt: skip


def one_cue(rng: random.Random, cue: dict[str, float], keep: dict[str, float] | None = None) -> dict[str, float]:
    """A careful writer's cues: one of ``cue`` (drawn by weight), the rest only rarely, plus ``keep``."""
    keys = [k for k, v in cue.items() if v > 0]
    chosen = rng.choices(keys, [cue[k] for k in keys])[0] if keys else None
    return {**{k: 0.04 for k in keys}, **(keep or {}), **({chosen: 1.0} if chosen else {})}


# Share of careful harmful posts (few, plausible cues; 'hard' in the truth when at most one cue shows).
CAREFUL = {"trafficker": 0.2, "recruiter": 0.3, "housing_exploiter": 0.6, "transport_exploiter": 0.35}


def _stop_dates(start: Any, days: int) -> str:
    end = start + timedelta(days=days)
    return f"{start.day:02d}.{start.month:02d}-{end.day:02d}.{end.month:02d}"


def trafficker(ctx: Ctx) -> dict[str, Any]:
    """A controller (or two) advertising 2-6 persons along a circuit of cities; see module doc."""
    rng = ctx.rng
    ctx.style, ctx.linked = Style.draw(rng, adult=True, sloppy=0.6), True
    ctx.network = "n" + short_id("net", ctx.actor)
    ctx.langs = ("en",) if rng.random() < 0.3 else ()
    nat = rng.choices(NATS, [0.27, 0.24, 0.11, 0.11, 0.1, 0.09, 0.08])[0]
    # regions take turns (the k-th network works the k-th region), so that a small world's ten networks cover
    # every region's languages instead of three drawing the same one; Nigerian networks keep their own areas
    region = rng.choice(NAT_AREAS[nat]) if nat in NAT_AREAS else REGIONS[ctx.turn % len(REGIONS)]
    phone_region = NAT_REGION[nat] if NAT_REGION[nat] and rng.random() < 0.6 else region[0]
    controllers = []
    for k in range(1 if rng.random() < 0.8 else 2):
        plat = rng.choice(("telegram", "telegram", "whatsapp", "whatsapp", "signal"))
        own = [c.new_handle(rng, platform=plat, words=c.ESCORT_WORDS) for _ in range(rng.randint(1, 2))]
        controllers.append({
            "id": f"{ctx.actor}-c{k}", "handles": own, "wallets": [c.new_wallet(rng)] if rng.random() < 0.3 else [],
            # a home number, or prepaid SIMs bought in the countries of the circuit (as independents do)
            "phones": [geo.new_phone(rng, rng.choice(region) if rng.random() < 0.5 else phone_region)
                       for _ in range(rng.randint(2, 4))],
            "emails": [c.new_email(rng)] if rng.random() < 0.2 else [],
            # a cheap profile page (a directory profile, a link page), as independents and studios have
            "urls": [c.new_url(rng, rng.choice(("", "girls", "vip", "models")), words=c.ESCORT_WORDS)] if rng.random() < 0.4 else [],
        })  # fmt: skip
    phones = [p for ct in controllers for p in ct["phones"]]
    handles = [h for ct in controllers for h in ct["handles"] if h[0] != "whatsapp"]
    wallets = [w for ct in controllers for w in ct["wallets"]]
    urls = [u for ct in controllers for u in ct["urls"]]
    massage = rng.random() < 0.25
    # a massage front has one name and signs with it as studios do; some escort networks pose as an agency
    # a front's name is no licensed studio's of the same world (review 8, P3: 'Zen Studio' was both)
    named = massage or rng.random() < 0.35
    if named:
        rng.choice(range(11 if massage else 7)), rng.choice(range(5))  # (kept: the old name's draws; the stream is unchanged)
    front = salon_name(ctx.seed, ctx.serial * 6 if massage else ctx.turn, False, massage) if named else ""  # = first town's
    signs = bool(front) and rng.random() < 0.7
    victims: list[dict[str, Any]] = []
    for k in range(rng.randint(2, 6)):
        names = rng.sample(NAMES_BY_NAT[nat], rng.randint(1, 3))
        imgs = victims[rng.randrange(len(victims))]["images"] if victims and rng.random() < 0.3 else image_set(f"{ctx.actor}{k}", rng.randint(2, 3))
        # a quarter of the persons are 25-33: trafficked women in their late 20s and 30s are common (review 6, R4)
        age = rng.randint(25, 33) if rng.random() < 0.25 else rng.randint(18, 24)
        victims.append({"id": f"{ctx.actor}-v{k}", "names": names, "age": age, "nationality": nat, "images": imgs})  # fmt: skip
    # a controller gives many a person her own profile page or account in her first name ('anna-vip', 'lara1999'),
    # as independents have: name-less network links only on controllers named them (review 12, P1). Own streams
    if not massage:
        for v in victims:
            side = random.Random(f"persona:{v['id']}")
            born = END.year - v["age"] - side.choice((0, 1))
            v["handle"] = c.nickname(side, v["names"][0], born) if side.random() < 0.85 else None
            v["url"] = c.new_url(side, v["names"][0], born) if side.random() < 0.85 else None
    day = rng.uniform(0, 70)
    circuit = []
    for _ in range(rng.randint(3, 6)):
        country = rng.choice(region)
        length = rng.randint(4, 10)
        start = when(random.Random(0), day, 0)
        circuit.append({"city": geo.pick_city(rng, country), "country": country, "day": day, "days": length,
                        "from": start.date().isoformat(), "to": (start + timedelta(days=length)).date().isoformat()})  # fmt: skip
        day += length + rng.uniform(0, 5)
    # a massage front has a name and a local line per town, as a salon has: one brand on one +380 number in six towns
    # of two countries, while every licensed salon was local, named the front (review 10, R1). Own stream
    towns = list(dict.fromkeys(stop["city"] for stop in circuit))
    local, fronts = random.Random(f"front:{ctx.actor}"), {}
    if massage:
        fronts = {t: salon_name(ctx.seed, ctx.serial * 6 + j, False, True) for j, t in enumerate(towns)}
        lines = {stop["country"]: geo.new_phone(local, stop["country"]) for stop in circuit}
    # Lugo-Graulich et al. 2024: trust language, hidden numbers, ethnicity and youth predict trafficking;
    # movement language ('new in town') is *more* common among independent workers.
    cue = {"new": 0.3, "young": 0.45, "nat": 0.55, "tour": 0.3, "trust": 0.5, "allserv": 0.45, "cheap": 0.35,
           "hotel": 0.4, "always": 0.5, "nolang": 0.3, "crypto": 0.15 if wallets else 0, "staff": 0.7,
           "indep": 0.3, "safe": 0.25, "url": 0.75 if urls else 0}  # fmt: skip  # controlled ads routinely claim 'independent, no agency'
    for s, stop in enumerate(circuit):
        phone = phones[s % len(phones)]  # numbers (and handles) rotate along the circuit, shared by all persons
        handle = handles[s % len(handles)] if handles else None
        for v in rng.sample(victims, rng.randint(1, len(victims))):
            for _ in range(rng.randint(1, 2)):
                name = rng.choice(v["names"])
                # her own page or account in the ads that give the name it bears (a page shows where the network's
                # would, an account on the network's app: so that the ads' draws, and the actor's stream, are unchanged)
                mine = name == v["names"][0] and (v.get("handle") or v.get("url"))
                careful = rng.random() < CAREFUL["trafficker"]  # reads like an independent's or a salon's ad
                # a careful front gives its town's line in most ads (0.85; review 10, R1: 1 in 12)
                here = lines[stop["country"]] if massage and careful and local.random() < 0.85 else phone
                idents = Idents(phone=here, handle=(handle[0], v["handle"]) if mine and handle and v["handle"] else handle,
                                wallet=rng.choice(wallets) if wallets and not careful else None,
                                url=(mine and v.get("url")) or (urls[s % len(urls)] if urls else None),
                                obfuscate=0.02 if careful else 0.35)  # fmt: skip
                if careful:
                    calm = {k: w for k, w in cue.items() if k not in ("crypto", "staff", "url")}
                    keep = {"safe": 0.3, "url": cue["url"]}  # a link is no cue: careful ads keep it
                    plan = massage_plan({"staff": 0.1, "url": cue["url"]}) if massage else escort_plan("first", one_cue(rng, calm, keep))
                else:
                    plan = massage_plan(cue) if massage else escort_plan(_voice(rng, 0.2, 0.55), cue)
                    if front and not massage and plan["voice"] == "we" and rng.random() < 0.5:  # a front writes as the agency it poses as
                        plan["opener"] = ("esc.open.agency", "we_language")
                slots = {"name": name, "age": str(max(18, v["age"] + rng.choice((0, 0, 0, 1, -1, 2)))),  # never under 18 (review 6, R3)
                         "dates": _stop_dates(when(random.Random(0), stop["day"], 0), stop["days"]),
                         "company": fronts[stop["city"]] if massage else company(rng, stop["country"], world=(ctx.seed, True))}  # fmt: skip
                nxt = circuit[s + 1]["city"] if s + 1 < len(circuit) else geo.pick_city(rng, stop["country"])
                slots["city2"] = nxt
                ctx.post(write_plan, country=stop["country"], city=stop["city"], idents=idents, slots=slots,
                         category="massage" if massage else "escort", risk=risk(sexual=1),
                         when=when(rng, stop["day"], stop["days"]), persona=v["id"],
                         # a salon's ad is signed by the salon, a front's too: licensed ones always did (review 10, R1)
                         author=fronts[stop["city"]] if massage else front if signs and plan["voice"] == "we" else name,
                         images=pick_images(rng, v["images"]), nat=nat,
                         # a careful front names no controller's '@vip.lami': a salon's account bears its name (R1)
                         contact=((1.0, 0.0) if massage else (1.0, 0.3)) if careful else (0.8, 0.4),
                         **plan)  # fmt: skip
    if rng.random() < 0.4:  # recruitment of new persons through 'modelling/hostess' jobs
        # one (fake) company, or one coordinator's name, as the recruiters sign (review 6, R1/R2: not a new handle a post)
        brand, who = company(rng, region[0], "hostess", (ctx.seed, True)), c.signer(rng, region[0])  # a staffing name (review 8, P6)
        for _ in range(rng.randint(1, 4)):
            idents = Idents(phone=rng.choice(phones), handle=rng.choice(handles) if handles else None, obfuscate=0.2)
            # (drawn in the order the call's arguments were, so that the stream is unchanged)
            country, author, day, job = rng.choice(region), brand if rng.random() < 0.5 else who, when(rng), rng.choice(("model", "hostess"))
            dest = rng.choice([d for d in region if d in DESTS] or ["DE"])
            plan = recruit_plan(rng, True, {"travel": 0.6, "house": 0.6, "noexp": 0.7, "high": 0.8, "women": 0.9,
                                            "urgent": 0.4, "docs": 0.2})  # fmt: skip
            # work in Poland is offered to Ukrainian, Russian-speaking or Polish readers, not in English on a German
            # SIM (review 10, R5)
            langs, ctx.langs = ctx.langs, ("uk", "ru", "pl") if dest == "PL" else ctx.langs
            ctx.post(write_plan, country=country, idents=idents, slots={"company": brand}, author=author,
                     category="job", risk=risk(sexual=1, labour=1), when=day, role="recruiter", job=job, dest=dest,
                     contact=(0.5, 0.7), **plan)  # fmt: skip
            ctx.langs = langs
    if rng.random() < 0.15:  # 'free room' offers to displaced women
        for _ in range(rng.randint(1, 2)):
            idents = Idents(phone=rng.choice(phones), handle=rng.choice(handles) if handles else None, obfuscate=0.2)
            ctx.langs = ("uk", "ru", "en")
            ctx.post(write_plan, country=rng.choice(region), idents=idents, slots={}, category="housing",
                     risk=risk(sexual=1, housing=1), when=when(rng), role="housing_exploiter", **housing_exploit_plan())  # fmt: skip
    return {
        "id": ctx.network, "kind": "sexual", "trafficking": True, "nationality": nat, "massage": massage,
        "controllers": [{"id": ct["id"], "phones": [geo.e164(p) for p in ct["phones"]],
                         "handles": [f"{h[0]}:{h[1]}".lower() for h in ct["handles"] if h[0] != "whatsapp"],
                         "wallets": [w[1] for w in ct["wallets"]], "emails": [e.lower() for e in ct["emails"]],
                         "urls": list(ct["urls"])}
                        for ct in controllers],
        "victims": [{k: v[k] for k in ("id", "names", "age", "nationality", "images")} for v in victims],
        "images": sorted({i for v in victims for i in v["images"]}),
        "circuit": [{k: s[k] for k in ("city", "country", "from", "to")} for s in circuit],
    }  # fmt: skip


# the languages with the most landlords' rooms (de, es, it, fr, pl, uk/ru) come twice in 16 turns: a small world has
# 8-10 room lures, so one turn each left de, it and es rooms all benign in a seed (review 10, R6: de 0/34, it 0/18)
HOU_LANGS = (("de",), ("es",), ("it",), ("uk", "ru"), ("fr",), ("pl",), ("en",), ("nl",), ("de",), ("es",), ("it",),
             ("ru", "uk"), ("fr",), ("pl",), ("ro",), ("pt",))  # fmt: skip
# French rides too: fr rides were 0/19 (review 10, R6)
TRA_LANGS = (("uk", "ru"), ("pl",), ("fr",), ("ru", "uk"), ("de",), ("ro",), ("en",))
HOU_WHERE = {"de": ("DE", "AT"), "pl": ("PL",), "en": ("GB", "GB", "IE"), "es": ("ES",), "it": ("IT",), "nl": ("NL", "BE"),
             "fr": ("FR", "BE"), "pt": ("PT",), "ro": ("RO",)}  # fmt: skip
HOU_CUES = (("hou.women", "women_only", 0.7), ("hou.free", "pay_with_work", 0.7), ("hou.nodocs", "no_documents", 0.5),
            ("hou.later", "job_offered", 0.5))  # fmt: skip


OFFICIAL_POSE = 1.0  # share of careful room lures free to name an official route (Red Cross, council, Sozialamt, MOPS)


def housing_exploit_plan(rng: random.Random | None = None, careful: bool = False) -> dict[str, Any]:
    """A 'free room' lure; a ``careful`` one reads like a landlord's ad with one odd condition."""
    if careful and rng is not None:
        # the one line is, as often as not, a host's own: 'a woman, also with a child' or a welcome to Ukrainians,
        # exactly what abusers posted in 2022; those lines were only on landlords' side (review 8, P1). 'free'
        # under a rent contradicts, so it is never the careful one
        # or an ordinary landlord's sublet or cash rent ('keine Anmeldung möglich (Untermiete)'), which landlords' hard
        # negatives carry too: that line was on landlord* only (review 9, N10)
        unit, ind = rng.choices((("hou.mother", "women_only"), ("hou.refugee", "refugee_welcome"), ("hou.women", "women_only"),
                                 ("hou.nodocs", "no_documents"), ("hou.later", "job_offered"), ("hou.informal", "no_documents")),
                                (0.3, 0.3, 0.05, 0.1, 0.05, 0.2))[0]  # fmt: skip
        lines = [(unit, ind, 1.0)]
        # a third carry two host lines, as the 2022 posts did ('Ukrainians welcome ... a mother with a child') or a
        # women's sublet: every careful lure had one cue and every landlord* two, so the count told them (review 10, R2)
        if rng.random() < 0.35:
            pair = rng.choice(((("hou.refugee", "refugee_welcome"), ("hou.mother", "women_only")),
                               (("hou.mother", "women_only"), ("hou.informal", "no_documents"))))
            unit, lines = pair[1][0], [(u, i, 1.0) for u, i in pair]
        # the room described as landlords describe it (size, floor, date) in most posts, at the city's rent: a lure
        # priced under every landlord's, or the only room ad without a size, was a one-feature tell (review 7, R1)
        return {"title": ("hou.title.legit", None), "opener": ("hou.open.legit", None),
                "middle": [("hou.room", None, 0.65), *lines],
                "contact": (0.9, 0.3), "rent_factor": rng.uniform(0.9, 1.1),
                "slots": {"nodocs": "1"} if unit in ("hou.nodocs", "hou.informal") else {"lure": "1"}}  # fmt: skip
    # a loud lure still describes the room (size, date) as any room ad does; the lure sits inside it
    return {"title": ("hou.title.exploit", "free_offer"), "opener": None, "middle": [("hou.room", None, 0.85), *HOU_CUES],
            "contact": (0.4, 0.8)}


SPAIN_MORE = 0.3  # share of independents moved to Spain (see independent)


def independent(ctx: Ctx) -> None:
    rng = ctx.rng
    ctx.style = Style.draw(rng, adult=True, sloppy=0.35)
    nat = rng.choice(NATS)
    home = rng.choice(rng.choice(REGIONS))  # the same markets as the controllers: no language is mostly theirs
    own = (rng.choice(NAT_LANGS[nat]),) if NAT_LANGS[nat] else ()
    ctx.langs = ("en",) if rng.random() < 0.3 else own if rng.random() < 0.25 else ()
    region = NAT_REGION[nat] if NAT_REGION[nat] and rng.random() < 0.4 else home  # many keep their home number
    rng.random()  # (kept: one draw, so that the rest of this actor's stream is unchanged)
    # many independents are 19-24 too, so that age alone does not tell them from the controlled (review 6, R4)
    name, age = rng.choice(NAMES_BY_NAT[nat]), rng.randint(19, 24) if rng.random() < 0.3 else rng.randint(22, 40)
    born = END.year - age - rng.choice((0, 1))  # a handle's year is her birth year ('anna1999' is 25 or 26)
    # a messenger account as often as the controllers give one (review 8, P5: 12-14 % vs 30-41 % of their ads); the
    # extra accounts come from their own stream, so the rest of this actor's stream is unchanged
    more = random.Random(f"handle:{ctx.actor}")
    apps = ("telegram", "whatsapp", "instagram", "signal", "signal")
    idents = Idents(phone=geo.new_phone(rng, region),
                    handle=c.new_handle(rng, name, rng.choice(apps), born) if rng.random() < 0.45
                    else c.new_handle(more, name, more.choice(apps), born) if more.random() < 0.28 else None,
                    url=c.new_url(rng, name, born) if rng.random() < 0.35 else None, obfuscate=0.2)  # fmt: skip
    images = image_set(ctx.actor, rng.randint(2, 4))
    touring = rng.random() < 0.35
    # Spain's sex market is among Europe's largest, most of it in flats and clubs by women working on their own: with
    # Spain one of nine regions' halves, an Italian network's ads made Spanish escort ads 37/46 harmful (review 10,
    # seed 17). Some more independents live there; own stream (a Spanish SIM), so the others' draws are unchanged
    spain = random.Random(f"spain:{ctx.actor}")
    if home not in ("ES", "FR", "BE", "PT") and spain.random() < SPAIN_MORE:  # not from France or Portugal: few ads
        idents = replace(idents, phone=geo.new_phone(spain, "ES") if region == home else idents.phone)
        home = "ES"
        ctx.langs = () if ctx.langs == ("en",) and spain.random() < 0.5 else ctx.langs  # in Spain, Spanish sites
    cue = {"new": 0.6 if touring else 0.15, "tour": 0.6 if touring else 0, "young": 0.06, "nat": 0.25, "cheap": 0.1,
           "trust": 0.2,
           "allserv": 0.05, "hotel": 0.15, "always": 0.15, "nolang": 0.05, "indep": 0.35, "safe": 0.4,
           "url": 0.8 if idents.url else 0}  # fmt: skip
    day = rng.uniform(0, 100)
    for _ in range(rng.randint(1, 8)):
        country = rng.choice(rng.choice(REGIONS)) if touring else home
        # first person, sometimes about herself in the third; never a controller's 'we have a new girl' (review 5, P5)
        plan = escort_plan(_voice(rng, 0.85, 0.15), cue)
        ctx.post(write_plan, country=country, idents=idents, when=when(rng, day, 20), category="escort", risk=risk(),
                 slots={"name": name, "age": str(age), "dates": _stop_dates(when(rng, day, 5), 4)}, nat=nat,
                 persona=ctx.actor + "-p", author=name, images=pick_images(rng, images), contact=(0.9, 0.5), **plan)  # fmt: skip


def agency(ctx: Ctx) -> dict[str, Any]:
    """A legitimate studio or agency: several persons, one phone, 'we' language. Not trafficking."""
    rng = ctx.rng
    ctx.style = Style.draw(rng, adult=True, sloppy=0.2)
    ctx.network, ctx.template_seed = "n" + short_id("agency", ctx.actor), ctx.actor
    country = rng.choice(rng.choice(REGIONS))
    nat = rng.choice(NATS)  # the nationality the studio advertises; its staff's names agree with it
    home = NAT_REGION[nat] if NAT_REGION[nat] and rng.random() < 0.5 else country
    idents = Idents(phone=geo.new_phone(rng, home), url=c.new_url(rng) if rng.random() < 0.6 else None,
                    handle=c.new_handle(rng, platform=rng.choice(("signal", "telegram", "whatsapp"))) if rng.random() < 0.5 else None)  # fmt: skip
    rng.random()  # (kept: the draw that chose a salon; the stream is unchanged)
    # two studios in three are massage salons, planned by turn: drawn, a small world held two (review 10, R1)
    massage = ctx.turn % 3 != 2
    rng.choice(range(11 if massage else 7)), rng.choice(range(5))  # (kept: the old name's draws; the stream is unchanged)
    # a registered salon gives a local number; an escort agency run by a compatriot of its staff may keep the owner's
    # home number (+40, +36, +380): 3 in 10, not half of all studios on every ad ('Orchid Spa, Roma, +36 20 …': review
    # 8, P3). Its own stream, so that the rest of the studio is unchanged
    own = random.Random(f"salon:{ctx.actor}")
    if home != country and (massage or own.random() < 0.4):
        idents = replace(idents, phone=geo.new_phone(own, country))
    # a quarter of the salons are run by a foreign-born owner on her own number (+380, +40, +359): licensed salons
    # were 0/12 foreign while fronts were 11/12, so the number named the front (review 10, R1). Own stream
    # Fronts' foreign numbers are six in ten a neighbour's (+49 or +43 in the Netherlands, +40 in Budapest) and four in
    # ten Ukrainian; a licensed salon's were only ever +380, so any other foreign number named a front (review 11, 2).
    # A foreign-born owner now keeps the number of the country she came from or ran a studio in, in the same mix
    owner = random.Random(f"owner:{ctx.actor}")
    if massage and owner.random() < 0.3:
        near = sorted({r for reg in REGIONS if country in reg for r in reg} | {NAT_REGION[nat] or "", "RO", "HU", "BG"})
        abroad = [r for r in near if r and r not in (country, "UA")]
        idents = replace(idents, phone=geo.new_phone(owner, "UA" if owner.random() < 0.4 else owner.choice(abroad)))
    name = salon_name(ctx.seed, ctx.serial if massage else ctx.turn, True, massage)  # one name per studio in a world, none a front's (P3)
    # its site and messenger account carry its name ('venus-wellness'), not a girl's 'tazo1999' or 'hot.miny' (W6's
    # reading of seed 21, review 8 follow-up); drawn from its own stream
    slug = name.lower().replace(" ", own.choice(("-", "", "_")))
    idents = replace(idents, handle=(idents.handle[0], slug.replace("-", ".")) if idents.handle else None,
                     url=own.choice((f"https://{slug.replace('_', '-')}.example.com/", f"https://example.net/{slug}")) if idents.url else None)  # fmt: skip
    names = rng.sample(NAMES_BY_NAT[nat], len(NAMES_BY_NAT[nat]))  # one name per person of the staff
    staff = [(names[k % len(names)], 19 + int(short_id("age", ctx.actor, k), 16) % 17, image_set(f"{ctx.actor}{k}", 2))
             for k in range(rng.randint(3, 8))]  # fmt: skip
    # a licensed studio or agency works in one of the country's larger cities, at that city's prices (review 6, R13)
    city = rng.choice(geo.cities(country)[:8])
    factor = geo.rent_factor(country, city)
    factor = max(factor * geo.MASSAGE_RATE, 0.55) if massage else factor  # a salon's hour is no escort's (review 11, 5)
    price = str(geo.price(rng, country, "hour", factor)[0])  # one price list
    # a directory lists an agency's escorts one profile each, under the escort's name and the agency's; a studio signs
    # itself. A licensed agency does not sign as the girl alone, as a front does (review 8, P3)
    by_person = not massage and rng.random() < 0.4
    for _ in range(rng.randint(5, 20)):
        k = rng.randrange(len(staff))
        person, age, imgs = staff[k]
        ctx.template_seed = f"{ctx.actor}:{k}:{rng.randrange(3)}"  # each person's ad in up to three versions
        plan = massage_plan({"staff": 0.4, "url": 0.7}) if massage else escort_plan("we", {"nat": 0.2, "url": 0.7, "trust": 0.3, "safe": 0.3})
        if not massage and rng.random() < 0.7:  # an agency's register: 'new in our agency, bookable 11-23h'
            plan["opener"] = ("esc.open.agency", "we_language")
        d = ctx.post(write_plan, country=country, city=city, idents=idents, when=when(rng), nat=nat,
                     slots={"company": name, "name": person, "age": str(age), "price": price}, contact=(0.9, 0.4),
                     author=f"{person} ({name})" if by_person else name, category="massage" if massage else "escort", risk=risk(),
                     images=pick_images(rng, imgs), **plan)  # fmt: skip
        city = city or d.city
    return {"id": ctx.network, "kind": "agency", "trafficking": False, "controllers": [],
            "victims": [], "phones": [geo.e164(idents.phone)], "images": sorted({i for *_, im in staff for i in im})}  # fmt: skip


def spammer(ctx: Ctx) -> dict[str, Any]:
    """One template, many cities and sites (InfoShield's 'template' clusters): harmless here."""
    rng = ctx.rng
    ctx.style = Style.draw(rng, adult=False, sloppy=0.5)
    ctx.network, ctx.template_seed = "n" + short_id("spam", ctx.actor), ctx.actor
    idents = Idents(handle=c.new_handle(rng, platform="telegram", words=c.SPAM_WORDS), url=c.new_url(rng) if rng.random() < 0.4 else None)
    for _ in range(rng.randint(10, 30)):
        ctx.template_seed = f"{ctx.actor}:{rng.randrange(4)}"  # a few versions of the pitch, not one
        ctx.post(write_plan, idents=idents, slots={"photos": "no"}, category="other", risk=risk(), when=when(rng),
                 author=c.nickname(rng, words=c.SPAM_WORDS),  # a shop's or a channel's name, not 'rivi_kiss27' (review 8, P7)
                 title=("spm.title", None), middle=[("spm.body", None, 1.0)], align=True,
                 tail=[("con.url.we", None, 0.5 if idents.url else 0)])  # fmt: skip
    return {"id": ctx.network, "kind": "spam", "trafficking": False, "controllers": [], "victims": []}


ORIGINS = (("ro",), ("pl",), ("uk", "ru"), ("hu",), ("en",), ("ru", "uk"), ("pt", "es"), ("es", "pt"))
# the second readership a recruiter posts to, by turn (see recruiter), and where those readers live
JOB_ALT = (("fr",), ("es",), ("it",), ("fr",), ("es",), ("hu",), ("uk", "ru"), ("fr",))
ALT_HOME = {"fr": "FR", "es": "ES", "it": "IT", "hu": "HU", "uk": "UA"}
# Where recruiters send readers of each language (Eurostat posted workers; GRETA): Ukrainians to Poland and Germany,
# Portuguese to the Netherlands and the UK, not Portuguese cleaners to Polish hotels (review 6, R2).
LURE_DESTS = {"ro": ("DE", "NL", "IT", "ES", "GB"), "pl": ("DE", "NL", "GB"), "uk": ("PL", "DE", "NL"),
              "ru": ("PL", "DE", "NL"), "hu": ("DE", "NL", "GB"), "en": ("NL", "DE", "GB"),
              "pt": ("NL", "GB", "ES", "DE"), "es": ("DE", "NL", "GB")}  # fmt: skip
# (no British reader goes to Poland to clean hotels: English ads for Polish jobs on +44 numbers were implausible,
# so English readers are not sent to Poland, by lures or agencies; review 10, R5)


def recruiter(ctx: Ctx) -> dict[str, Any]:
    """Deceptive recruitment for work abroad (ILO indicators: deception, debt, documents)."""
    rng = ctx.rng
    ctx.style = Style.draw(rng, adult=False, sloppy=0.5)
    ctx.network, ctx.linked, ctx.template_seed = "n" + short_id("recruit", ctx.actor), True, ctx.actor
    ctx.langs = ORIGINS[ctx.turn % len(ORIGINS)]  # languages of origin take turns, as regions do for traffickers
    origin = {"ro": "RO", "pl": "PL", "uk": "UA", "ru": "UA", "hu": "HU", "en": "GB", "pt": "PT", "es": "ES"}[ctx.langs[0]]
    # where workers of that origin are sent: Ukrainians to Poland, Portuguese to the Netherlands (review 6, R2)
    dests = [d for d in LURE_DESTS[ctx.langs[0]] if d != origin]  # work abroad: never the readers' own country
    # one network in three is careful (planned by turn, so that a small world has several), and writes as a licensed
    # agency placing workers in one country; a loud network lets a few restrained ads through too (review 6, R2)
    careful_net = ctx.turn % 3 == 0
    if careful_net:
        dests = [rng.choice(dests)]
    # a 'coordinator' in the destination country (+49, +31) as well as home numbers; some give no phone at all
    hub = rng.choice(dests) if rng.random() < 0.35 else None
    phones = [geo.new_phone(rng, origin) for _ in range(rng.randint(1, 3))]
    hub_phone = geo.new_phone(rng, hub) if hub else None
    no_phone = rng.random() < 0.2 and not careful_net  # a careful one reads like an agency: it gives a phone
    # a work account ('jobs.kael', 'mivi_eu12'), not an escort's 'kiss.mivi' (review 8, P7)
    handle = c.new_handle(rng, platform=rng.choice(("telegram", "whatsapp")) if not no_phone else "telegram", words=c.WORK_WORDS)
    # fraudulent job ads often ask for a CV by e-mail; a careful one as often as an agency does (review 6, R1)
    email = c.new_email(rng, words=c.WORK_WORDS) if rng.random() < (0.8 if careful_net else 0.55) else None
    url = c.new_url(rng, rng.choice(("jobs", "work", "career", ""))) if rng.random() < 0.2 else None
    # several offers; a careful network copies licensed agencies, which place no photo models or hostesses (review 7, R2)
    jobs = rng.sample(("agri", "care", "clean", "hotel", "warehouse", *(() if careful_net else ("model", "hostess"))),
                      rng.randint(1, 3))
    # many sign as a (fake) company or agency, as employers do, named for its one job or a staffing name (review 8, P6)
    # registered where it posts from: a careful agency in the country it places workers in ('Eurowork Sp. z o.o.' for
    # Ukrainians in Poland, not 'Eurowork Ltd': review 10, R3), a loud one at home where home has a firm's form
    seat = dests[0] if careful_net or origin not in COMPANY_FORM else origin
    brand = company(rng, seat, jobs[0] if len(jobs) == 1 else "", (ctx.seed, True))
    # the rest under one or two coordinators' names, as small firms' owners sign (review 6, R1: not a new handle a post)
    signers, signed = [c.signer(rng, origin) for _ in range(rng.randint(1, 2))], rng.uniform(0.4, 0.7)
    # the CV mailbox and page: a careful network's are its brand's, as an agency's are ('eurofarmspzoo.jobs@'), and so
    # are half of the loud ones'; the rest a personal one, as a quarter of employers give: all 29 were personal against
    # 95/95 employers' company mailboxes (review 9, N1). Own streams, so that the rest of the network is unchanged.
    mail, side = random.Random(f"mail:{ctx.actor}"), random.Random(f"coord:{ctx.actor}")
    if careful_net or mail.random() < 0.5:
        email = c.new_email(mail, brand) if email else None
        url = c.new_url(mail, brand) if url or (careful_net and mail.random() < 0.4) else None
    coords = {hub: hub_phone} if hub and hub_phone else {}
    # a second readership, by turn: French-, Spanish- and Italian-speaking migrants are recruited too (Italian caporalato
    # recruits francophone West Africans; Latin Americans in Spain are sent north). Origins alone left a small world's
    # fr, es jobs all benign (review 10, R6: fr 0/20, es 0/20). Own stream, so the rest of the network is unchanged
    main, alt, bi = ctx.langs, JOB_ALT[ctx.turn % len(JOB_ALT)], random.Random(f"bilingual:{ctx.actor}")
    # a Ukrainian network posts in Russian too, as Ukrainian recruiters do for Russian-reading Ukrainians: ru jobs were
    # 0/15 harmful, though recruiting them is the case the tool is for (review 12B, 4). Own stream
    russian = random.Random(f"russian:{ctx.actor}")
    for k in range(rng.randint(5, 20)):
        ctx.template_seed = f"{ctx.actor}:{k % 3}"  # a few templates reposted, not one
        careful = rng.random() < (0.85 if careful_net else 0.1)  # copies an agency's ad, lets one promise through
        author = brand if rng.random() < signed else rng.choice(signers)
        job, dest = jobs[k % len(jobs)], hub if hub and rng.random() < 0.6 else rng.choice(dests)
        ctx.langs = alt if alt[0] not in main and bi.random() < 0.3 else main
        if ctx.langs[0] == "uk" and russian.random() < 0.45:
            ctx.langs = ("ru", "uk")
        if ctx.langs is alt and dest == ALT_HOME[alt[0]]:  # abroad for its readers too: no Spaniard sent to Spain
            dest = bi.choice([d for d in ("DE", "NL", "GB") if d != origin])
        careful = careful and job not in ("model", "hostess")  # not in a licensed agency's frame (review 7, R2)
        women = 0.8 if job in ("model", "hostess") else 0.1
        cue = {"travel": 0.7, "house": 0.7, "noexp": 0.6, "nolang": 0.5, "high": 0.8, "docs": 0.35, "urgent": 0.5, "women": women}
        if not careful:  # 'send your CV' where it gives an e-mail or a page; a 'contract' promised, as real lures do
            cue["apply"], cue["terms"] = 0.6, 0.35
        phone = None if no_phone else hub_phone if dest == hub and rng.random() < 0.7 else rng.choice(phones)
        # a coordinator in the destination (+31, +49) on about 3 ads in 10, drawn per ad as employers' agencies do: drawn
        # once per network it was 0/18 careful ads against employers' 18/60 (review 9, N2)
        if phone is not None:
            phone = rng.choice(phones) if phone is hub_phone else phone
            if side.random() < 0.3:
                coords[dest] = coords.get(dest) or geo.new_phone(side, dest)
                phone = coords[dest]
        # a loud network's restrained ad does not sign with its '@anna1994' (review 10, R3): no messenger there
        idents = Idents(phone=phone, handle=handle if careful_net or not careful else None, email=email, url=url,
                        obfuscate=0.02 if careful else 0.15)  # fmt: skip
        sexual = 1 if job in ("model", "hostess") else 0
        if careful:  # a wage a little above the market, a contract promised: the lure is in one line
            # never 'only girls 18-30' in an agency's care or farm ad: a lure in itself (review 8, P4)
            c_cue = one_cue(rng, {**cue, "women": 0.0}, {"market": 0.7, "terms": 0.4, "apply": 0.6})
            c_cue["market" if c_cue["high"] == 1.0 else "high"] = 0.0  # one wage line, not two
            # near the destination's legal wage, in a licensed agency's words (review 6, R2, R6)
            plan, factor, contact = recruit_plan(rng, True, c_cue, careful=True), rng.uniform(0.95, 1.12), (0.9, 0.3)
            plan.update(title=("job.title.abroad", None), opener=("job.open.abroad", None))
            if dest == "GB" and job == "agri":  # copies a licensed agency's visa line (review 11, 4): a lie, not a cue;
                # only on farm work, the one job that visa covers ('Seasonal Worker visa' on a warehouse lure: review 12B, 5)
                plan["middle"] = [*plan["middle"], ("job.visa.gb", None, 0.6)]
        else:  # lure wages: 1.1-1.35 times the destination's market (ILO/Europol cases), never above ~1.4 times the
            # top of the employers' range (review 6, R6; review 8, P7: '4040€/ho' for a Dutch kitchen at 1.6)
            plan, factor, contact = recruit_plan(rng, True, cue), rng.uniform(1.1, 1.3), (0.6, 0.7)
        pay = {}
        if careful:  # at most 1.15 times the destination's median wage: '7050zł … like the locals' was 1.5 (review 10, R3)
            m, w = geo.MONEY[dest], random.Random(f"wage:{ctx.actor}:{k}")
            pay["salary"] = str(round(sum(m.wage) / 2 * w.uniform(0.97, 1.15) / m.step) * m.step)
        ctx.post(write_plan, idents=idents, slots={"company": brand, "hours": str(rng.randint(100, 999)), **pay,
                 **({"careful": "1"} if careful else {})}, author=author,
                 category="job", risk=risk(labour=1, sexual=sexual), when=when(rng), job=job, dest=dest,
                 salary_factor=factor, contact=contact, **plan)  # fmt: skip
    return {"id": ctx.network, "kind": "labour", "trafficking": True, "controllers": [{
        "id": ctx.actor + "-c0", "phones": [] if no_phone else [geo.e164(p) for p in phones + list(coords.values())], "emails": [email] if email else [],
        "handles": [f"{handle[0]}:{handle[1]}".lower()] if handle[0] != "whatsapp" else [], "wallets": []}],
        "victims": []}  # fmt: skip


def _second_language(langs: tuple[str, ...], home: str, turn: int, local: bool = True) -> tuple[str, ...]:
    """The other language a room or ride lure posts in: a Ukrainian-language one also in his town's language (a ride's
    in Russian: rides are posted where refugees read them, and Polish rides were all his), a local one also in
    Ukrainian or Russian, as 2022's lures aimed at refugees were. With one language per lure, a small world's 8-10
    room lures left de, it and es rooms, and fr rides, all benign (review 10, R6)."""
    if langs[0] in ("uk", "ru"):
        native = NATIVE.get(home) if local else None
        return (native,) if native and native not in langs else (langs[1], langs[0]) if len(langs) > 1 else langs
    return ("uk", "ru") if turn % 2 else ("ru", "uk")


def housing_exploiter(ctx: Ctx) -> None:
    rng = ctx.rng
    ctx.style = Style.draw(rng, adult=False, sloppy=0.4)
    rng.random()  # (kept: one draw, so that the rest of this actor's stream is unchanged)
    # languages take turns, as recruiters' do: room lures were only uk/ru/de/pl/en, so es/it/nl/fr/pt rooms were all
    # benign and pl rooms half harmful (review 8, P8); women fleeing Ukraine were offered rooms in Spain and Italy too
    ctx.langs = HOU_LANGS[ctx.turn % len(HOU_LANGS)]
    careful = rng.random() < CAREFUL["housing_exploiter"]
    # where his language is read: a German-language room in Germany or Austria, a Polish one in Poland; a lure aimed at
    # Ukrainians in Berlin or Leeds is in Ukrainian or Russian, not in Polish (review 8, P10)
    where = HOU_WHERE.get(ctx.langs[0], UA_DIASPORA)
    home = rng.choice(where)  # he lets rooms where he lives, most on a local prepaid SIM (review 6, R10)
    # a careful one is a 'landlord' of that town: his own local number, or a Ukrainian one if he writes in uk/ru; not a
    # German SIM on a Sheffield room (review 8, P10)
    away = "UA" if careful and ctx.langs[0] in ("uk", "ru") else home if careful else rng.choice(("DE", "PL", "NL", "UA"))
    sim = home if rng.random() < (0.8 if careful else 0.6) else away
    idents = Idents(phone=geo.new_phone(rng, sim),
                    handle=c.new_handle(rng, platform=rng.choice(("telegram", "telegram", "whatsapp")), plain=True)
                    if rng.random() < 0.6 else None, obfuscate=0.02 if careful else 0.2)  # fmt: skip
    # he lets rooms in his own town (a loud one in two): one number on rooms in Glasgow, Birmingham and Reading, or
    # Firenze, Brescia, Verona and Livorno, was no landlord (W7's reading of seed 22). Own stream
    town = random.Random(f"town:{ctx.actor}")
    towns = [geo.pick_city(town, home, ctx.langs[0]) for _ in range(1 if careful else 2)]
    main, alt, bi = ctx.langs, _second_language(ctx.langs, home, ctx.turn), random.Random(f"bilingual:{ctx.actor}")
    posing = random.Random(f"official:{ctx.actor}")  # own stream: does a careful one claim a council's or charity's route
    for _ in range(rng.randint(1, 5)):
        ctx.langs = alt if bi.random() < 0.4 else main
        plan = housing_exploit_plan(rng, careful)
        if plan.get("slots", {}).get("lure") and posing.random() < OFFICIAL_POSE:  # as hard landlords do (review 12C, 1)
            plan["slots"] = {**plan["slots"], "lure": "official"}
        country = home if rng.random() < 0.8 or careful else rng.choice(where)
        ctx.post(write_plan, idents=idents, slots=plan.pop("slots", {}), category="housing", risk=risk(housing=1),
                 when=when(rng), country=country, city=town.choice(towns) if country == home else None, **plan)  # fmt: skip


def transport_exploiter(ctx: Ctx) -> None:
    rng = ctx.rng
    ctx.style = Style.draw(rng, adult=False, sloppy=0.4)
    rng.random()  # (kept: one draw, so that the rest of this actor's stream is unchanged)
    ctx.langs = TRA_LANGS[ctx.turn % len(TRA_LANGS)]  # taking turns: two Russian-language networks made ru rides 40 % harmful (review 8, P8)
    careful = rng.random() < CAREFUL["transport_exploiter"]  # a driver's ad with a job waiting at the end
    careful = careful or ctx.langs[0] == "fr"  # French rides are drivers' ads with a job at the end: no border run from Lyon
    # most on a SIM of the country he drives from, as drivers are; some on a Ukrainian or a second one (review 6, R10)
    own = {"de": ("DE", "AT"), "pl": ("PL",), "fr": ("FR", "BE"), "ro": ("RO",)}.get(ctx.langs[0])  # where it is read (R9)
    # a careful one drives from where he lives, and posts his rides there: most on a SIM of that country, not a
    # Polish SIM on every ride from Huelva or Napoli (review 7, R3)
    home = rng.choice(own or ("DE", "DE", "PL", "PL", "NL", "IT", "GB", "ES"))
    sim = (home if careful else rng.choice(own or ("PL", "DE"))) if rng.random() < (1.0 if careful else 0.75) \
        else rng.choice(("PL", "UA", "DE"))  # a careful one poses as a local driver: his local SIM (review 8, P10)
    idents = Idents(phone=geo.new_phone(rng, sim),
                    handle=c.new_handle(rng, platform=rng.choice(("telegram", "telegram", "whatsapp")), plain=True),
                    obfuscate=0.02 if careful else 0.2)  # fmt: skip
    # a border pickup starts a day's drive from the border: not from Lyon or Brussels (French rides are careful ones)
    near = tuple(x for x in own or () if x in ("DE", "PL", "AT", "RO", "HU"))
    main, alt = ctx.langs, _second_language(ctx.langs, home, ctx.turn, local=False)
    bi = random.Random(f"bilingual:{ctx.actor}")
    for _ in range(rng.randint(1, 5)):
        ctx.langs = alt if bi.random() < 0.4 else main
        slots = {"date": when(rng).strftime("%d.%m"), "seats": str(rng.randint(2, 4))}
        where = ("DE", "DE", "PL", "PL", "PL")  # a border run starts a day's drive from the Ukrainian border
        # a driver's ad between two cities, with a job waiting at the end; a volunteer's border run only from where one
        # starts (DE, PL), else he would post in Berlin on his Italian SIM
        if careful and (rng.random() < 0.5 or home not in ("DE", "PL")):
            where = (home,)
            plan = {"title": ("tra.title.legit", None), "opener": ("tra.open.legit", None),
                    "middle": [("tra.job", "job_offered", 0.65)], "contact": (0.9, 0.3), "price_factor": rng.uniform(0.7, 1.1)}  # fmt: skip  # a normal seat price (review 6, R5)
        elif careful:  # a volunteer's border run, where 'no passport needed' is the one odd line (no border inside a country)
            plan = {"title": ("tra.title.help", None), "opener": ("tra.pickup", None),
                    "middle": [("tra.border", "no_documents", 1.0)], "contact": (0.9, 0.3)}  # fmt: skip
            where = (home,) if home in where else near or where
        else:  # from where his SIM is: a 'free ride, girls only' from Berlin on a Polish SIM read as a tell (review 8, P10)
            where = near or ((sim,) if sim in where else where)
            plan = {"title": ("tra.title.exploit", "free_offer"), "contact": (0.5, 0.8), "opener": ("tra.pickup", None),
                    "middle": [("tra.free", "free_offer", 0.8), ("tra.border", "no_documents", 0.5), ("tra.job", "job_offered", 0.6)]}  # fmt: skip
        # posted in a country the lure can name ('free transfer to Germany'), not in Ireland about Germany
        ctx.post(write_plan, idents=idents, slots=slots, category="transport", risk=risk(housing=1), when=when(rng),
                 country=rng.choice(where), dest="local", **plan)  # fmt: skip
