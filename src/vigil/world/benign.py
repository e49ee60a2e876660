"""The harmless majority: employers, landlords and hosts, drivers, daters, sellers.

They share surface cues with the harmful posts on purpose (seasonal jobs with housing, 'no
experience needed', 'Ukrainians welcome', 'new in town' daters, first names and ages, emoji),
so that a detector must weigh combinations, not keywords. ``make_actor`` dispatches on role.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from vigil.world import behaviour as b
from vigil.world import contacts as c
from vigil.world import geo
from vigil.world.actors import (
    _ROLE_WEIGHTS,
    END,
    NAMES,
    ROLES,
    Actor,
    Ctx,
    company,
    image_set,
    pick_images,
    short_id,
    when,
)
from vigil.world.compose import Idents, Style

# Licensed agencies and EURES advisers recruit abroad in the workers' own languages, as the lures do.
ABROAD_LANGS = (("ro",), ("pl",), ("hu",), ("uk", "ru"), ("ru", "uk"), ("pt", "es"), ("es", "pt"), ("en",))
ORIGIN = {"ro": "RO", "pl": "PL", "hu": "HU", "uk": "UA", "ru": "UA", "pt": "PT", "es": "ES", "en": "GB"}
ABROAD_SHARE = 0.35


def employer(ctx: Ctx) -> None:
    rng = ctx.rng
    ctx.style = Style.draw(rng, adult=False, sloppy=0.15)
    if rng.random() < ABROAD_SHARE:
        return _employer_abroad(ctx)
    country = b.home_country(rng)
    r = rng.random()  # some employers write in Ukrainian or Russian to reach refugees (a hard negative)
    ctx.langs = ("en",) if r < 0.15 else ("uk", "ru") if r < 0.25 else ("ru", "uk") if r < 0.35 else ()
    if ctx.langs[:1] in (("uk",), ("ru",)):
        country = rng.choice(("DE", "PL", "PL", "NL", "IT", "AT"))  # where many Ukrainians work and read job boards
    # the job first, so that the firm's name fits it ('Topclean' hires cleaners, not bar hostesses: review 8, P6)
    # Hungarian lures offer castings and hostess jobs most (fotómodell, bár hostess): Budapest studios, hotels and
    # fairs advertise them on the same boards, or the word alone reads harmful in Hungarian (seed 15: 6/0, 5/0; W9)
    kinds = (3, 3, 3, 3, 3, 6, 6) if country == "HU" else (3, 3, 3, 3, 3, 2.4, 2.3)
    job = rng.choices(("agri", "care", "clean", "hotel", "warehouse", "model", "hostess"), kinds)[0]
    name = company(rng, country, job, (ctx.seed, False))
    # a Ukrainian-speaking coordinator often keeps a +380 number; many employers answer on WhatsApp
    # (not a photographer: a casting in Munich or Rome is a local studio's, on a local number; W6's seed-21 read)
    origin = "UA" if ctx.langs[:1] in (("uk",), ("ru",)) and job != "model" and rng.random() < 0.4 else country
    # an English ad for foreign workers in GB, IE or NL, a Polish or Romanian coordinator; not a French or Austrian
    # job with a +48 number in a French or German ad, where the site has no English (review 6, R8)
    if ctx.langs == ("en",) and rng.random() < 0.3 and country in ("GB", "IE", "NL"):
        origin = rng.choice(("PL", "RO"))
    phone = geo.new_phone(rng, origin) if origin != country or rng.random() < 0.6 else None
    small = phone is not None and rng.random() < 0.4  # a farm, a café, a family: a phone, no CV, no e-mail
    idents = Idents(phone=phone, email=None if small else c.new_email(rng, name),
                    url=c.new_url(rng, name) if not small and rng.random() < 0.6 else None,
                    handle=c.new_handle(rng, platform="whatsapp", words=c.WORK_WORDS) if phone and rng.random() < 0.4 else None)  # fmt: skip
    # a quarter of the firms that give an e-mail answer from the owner's or a clerk's own mailbox, as small firms do,
    # in the shape the lures' personal ones have: the mailbox's shape named the class (review 9, N1). Own stream
    mail = random.Random(f"mail:{ctx.actor}")
    if idents.email and job != "model" and mail.random() < 0.25:
        idents = replace(idents, email=c.new_email(mail, words=c.WORK_WORDS))
    # hostesses for bars, hotels and fairs are ordinary jobs too, as are photo models (drawn above)
    # (photo-model jobs as often as the lures offer them: a one-word class tell otherwise, review 6, R1)
    seasonal = job in ("agri", "hotel") and rng.random() < 0.5
    # a farm or a family firm signs with the owner's name; a fifth advertise the top of the range (review 6, R1, R6)
    author = c.signer(rng, origin if origin == "UA" else country) if rng.random() < (0.6 if small else 0.2) else name
    top = rng.uniform(1.02, 1.08) if rng.random() < 0.2 else 1.0  # the top of the range, not 1.2x it (review 10, R4)
    cue = {"market": 0.85, "terms": 0.3 if small else 0.7, "apply": 0.8, "noexp": 0.3, "nolang": 0.15, "travel": 0.08,
           "lhouse": 0.6 if seasonal else 0.05, "urgent": 0.25 if small else 0.1}  # fmt: skip
    # a photo model is booked for a shoot, paid by the day, not hired on a monthly wage (review 7, R2); its own draws
    shoot, who = random.Random(f"casting:{ctx.actor}"), ""
    if job == "model":  # the photographer signs and gives a studio's own mailbox, not a farm's or a hotel's (review 8, P6)
        who = c.signer(shoot, country)
        idents = replace(idents, email=c.new_email(shoot, f"{re.split(r'[ .]', who)[0].title()} Photo") if idents.email else None,
                         url=None)  # fmt: skip
    for _ in range(rng.randint(1, 3)):
        plan = b.recruit_plan(rng, False, cue)
        slots = {"company": name, "hours": str(rng.randint(100, 999))}
        if job == "model":
            # photos or a portfolio, never 'send your CV, interviews next week' (review 8, P6)
            plan = {"title": ("job.title.casting", None), "opener": ("job.open.casting", None),
                    "middle": [("job.noexp", "no_experience", 0.3)], "tail": []}
            slots |= {"price": str(geo.price(shoot, country, "hour", 1.2)[0]), "date": when(shoot).strftime("%d.%m")}
        ctx.post(b.write_plan, country=country, idents=idents, slots=slots, category="job", risk=b.risk(), when=when(rng),
                 job=job, author=who if job == "model" else author,  # the photographer signs
                 # the phone in 4 of 5 ads, a WhatsApp line in half of those with one (alone where the phone is left
                 # out): between careful (0.9, 0.3) and loud lures (0.6, 0.7); was a comment, never passed (W6, W9)
                 contact=(0.8, 0.5 if idents.handle else 0.0), salary_factor=top, **plan)  # fmt: skip


def _employer_abroad(ctx: Ctx) -> None:
    """A licensed agency placing workers abroad: destination, travel and housing named, market wages."""
    rng = ctx.rng
    ctx.langs = rng.choice(ABROAD_LANGS)
    origin = ORIGIN[ctx.langs[0]]
    # the job first, so that the agency's name fits it (review 8, P6)
    job = rng.choices(("agri", "care", "clean", "hotel", "warehouse"))[0]
    name = company(rng, origin, job, (ctx.seed, False))
    phone = geo.new_phone(rng, origin) if rng.random() < 0.7 else None
    idents = Idents(phone=phone, email=c.new_email(rng, name), url=c.new_url(rng, name) if rng.random() < 0.7 else None,
                    handle=c.new_handle(rng, platform="whatsapp" if phone else "telegram", words=c.WORK_WORDS) if rng.random() < 0.35 else None)  # fmt: skip
    mail = random.Random(f"mail:{ctx.actor}")  # a fifth from a personal mailbox, as in `employer` (review 9, N1)
    if mail.random() < 0.2:
        idents = replace(idents, email=c.new_email(mail, words=c.WORK_WORDS))
    # no EURES adviser or seasonal agency sends photo models or hostesses abroad for months (review 7, R2): those
    # are local castings and event jobs (`employer`, which has their share instead)
    # the same destinations as the lures for the same readers: the country named is no class tell (review 6, R2)
    dest = rng.choice([d for d in b.LURE_DESTS[ctx.langs[0]] if d != origin])
    # since 2021 an EU worker needs a visa for Britain, and kitchen, warehouse or cleaning work has none: a licensed
    # agency sends pickers there on the Seasonal Worker visa and says so, and places the rest elsewhere (review 11, 4)
    visa = dest == "GB" and job == "agri"
    if dest == "GB" and job != "agri":
        dest = random.Random(f"visa:{ctx.actor}").choice([d for d in b.LURE_DESTS[ctx.langs[0]] if d not in (origin, "GB")])
    # a coordinator may sign; a fifth advertise the top of the range (review 6, R1, R6)
    author = c.signer(rng, origin) if rng.random() < 0.2 else name
    top = rng.uniform(1.02, 1.08) if rng.random() < 0.2 else 1.0  # the top of the range, not 1.2x it (review 10, R4)
    cue = {"market": 0.9, "terms": 0.7, "apply": 0.8, "noexp": 0.4, "nolang": 0.3, "travel": 0.3, "lhouse": 0.7, "urgent": 0.1}
    # some (3 in 10) keep a coordinator in the destination (+31, +49) and give that number on most ads, as the
    # careful recruiters they resemble: a destination phone was a harm tell (review 8, P2). Its own stream
    hub = random.Random(f"hub:{ctx.actor}")
    # drawn per ad, as the recruiters' are: per agency it swung with the few agencies (review 9, N2). A quarter of the
    # ads, which is 3 in 10 of those with a phone (the hub's is the only number of an agency without one)
    hub.random()  # (kept: the stream)
    hub_idents = replace(idents, phone=geo.new_phone(hub, dest))
    for _ in range(rng.randint(1, 3)):
        plan = {**b.recruit_plan(rng, False, cue), "title": ("job.title.abroad", None), "opener": ("job.open.abroad", None)}
        if visa:
            plan["middle"] = [*plan["middle"], ("job.visa.gb", None, 1.0)]
        ctx.post(b.write_plan, idents=hub_idents if hub.random() < 0.25 else idents, slots={"company": name, "hours": str(rng.randint(100, 999))},
                 category="job", risk=b.risk(), when=when(rng), job=job, dest=dest, author=author,
                 contact=(0.6, 0.6 if idents.handle else 0.0), salary_factor=top, **plan)  # fmt: skip


def _home_town(ctx: Ctx, country: str) -> str | None:
    """A private poster's one town (own stream, so the actor's other draws stay); Belgian ones follow the ad's language."""
    if country == "BE":
        return None
    return geo.pick_city(random.Random(f"town:{ctx.actor}"), country, ctx.langs[0] if ctx.langs else "")


def landlord(ctx: Ctx) -> None:
    rng = ctx.rng
    ctx.style = Style.draw(rng, adult=False, sloppy=0.2)
    country = b.home_country(rng)
    refugee = rng.random() < 0.25
    if refugee and rng.random() < 0.5:
        ctx.langs = rng.choice((("uk", "ru"), ("ru", "uk")))  # hosts and volunteers who write to refugees in their language
    elif rng.random() < 0.15:
        ctx.langs = rng.choice((("uk", "ru"), ("ru", "uk")))  # Ukrainians (or Russian speakers) letting a room
    if ctx.langs:
        country = rng.choice(b.UA_DIASPORA)
    ua = ctx.langs != () and rng.random() < 0.35  # who still use their Ukrainian number
    # an owner abroad or a diaspora landlord keeps a foreign number (review 6, R10: not only the lures do)
    # 1 in 25: 0.13 put 22 of 104 landlords with a + number on a foreign non-Ukrainian one (review 10, R8)
    abroad = not ua and rng.random() < 0.04
    region = "UA" if ua else rng.choice([k for k in ("PL", "RO", "DE", "NL", "IT", "GB", "ES") if k != country]) if abroad else country
    # a host offering a room to refugees gives a number to call, as volunteers' posts do (review 6, R17)
    phone = geo.new_phone(rng, region) if ua or abroad or refugee or rng.random() < 0.7 else None
    idents = Idents(phone=phone, email=c.new_email(rng),
                    handle=c.new_handle(rng, platform=rng.choice(("whatsapp", "telegram", "signal")), plain=True) if phone and rng.random() < 0.25 else None)  # fmt: skip
    # a flat-share for women only ('single lady only please') is common, and a landlord's hard negative that still
    # gives a phone and describes the room (review 6, R17: they were a refugee line and 'Signal only')
    # a refugee host's is a woman or a mother with a child ('über die Stadt vermittelt'), never 'a young woman alone,
    # 18-30' beside 'family welcome' (review 7, R1): hosts take in mothers more often than others let to women only
    lodger = random.Random(f"lodger:{ctx.actor}")  # its own draws (stream unchanged)
    women = lodger.random() < (0.3 if refugee else 0.15)
    # an ordinary careful landlord: a sublet without registration or cash rent without a contract at first, most often
    # in a women-only flat-share; the landlords' hard negatives were all refugee hosts (review 9, N10). Own stream
    # about a quarter of the plain ones too ('Untermiete, keine Anmeldung'), their only cue: 'no documents' alone was
    # a lure's 71 % of the time (review 10, R2); never a city's placement, which needs the registration (R9)
    informal = lodger.random() < (0.0 if refugee else 0.5 if women else 0.25)
    # an ordinary women-only flat-share says 'a woman, also with a child' as often as 'ladies only' (review 8, P1)
    # a landlord's rooms are in one town, not Graz and Klagenfurt on one number (W7's reading of seed 22); Belgian towns
    # are left to the ad's language (Flemish or Walloon). Own stream
    town = geo.pick_city(random.Random(f"town:{ctx.actor}"), country, ctx.langs[0] if ctx.langs else "") if country != "BE" else None
    for _ in range(rng.randint(1, 2)):
        # every room ad describes the room (size, date): 7/50 plain ones were one line with no price or size (review 12C, 4)
        ctx.post(b.write_plan, country=country, city=town, idents=idents, slots={"lodger": "1", **({"nodocs": "1"} if informal else {})},
                 category="housing", risk=b.risk(), when=when(rng), title=("hou.title.legit", None), opener=("hou.open.legit", None),
                 middle=[("hou.room", None, 1.0), ("hou.refugee", "refugee_welcome", 1.0 if refugee else 0.0),
                         *([(("hou.mother" if refugee or lodger.random() < 0.5 else "hou.women"), "women_only", 1.0)] if women else []),
                         ("hou.informal", "no_documents", 1.0 if informal else 0.0)],
                 contact=(0.7, 0.4 if idents.handle else 0.0))  # fmt: skip


def driver(ctx: Ctx) -> None:
    rng = ctx.rng
    ctx.style = Style.draw(rng, adult=False, sloppy=0.3)
    country = b.home_country(rng)
    r = rng.random()  # Ukrainian and Russian-speaking drivers (many still on +380 numbers) run the same routes
    ctx.langs = ("uk", "pl") if r < 0.1 else ("uk", "ru") if r < 0.19 else ("ru", "uk") if r < 0.31 else ()  # ru: review 8, P8
    if ctx.langs:
        country = rng.choice(b.UA_DIASPORA)
    origin = "UA" if ctx.langs and rng.random() < 0.5 else country
    # one in five mentions work ('I commute there daily', 'we can tell you where the job centre is'): no driver did,
    # so a ride lure's job line alone told it apart (review 12B, 1). Own stream
    work = [("tra.work", None, 1.0)] if random.Random(f"work:{ctx.actor}").random() < 0.2 else []
    if rng.random() < 0.2:  # volunteers who drive to the Ukrainian border and bring families back, free
        if country not in ("DE", "PL", "AT", "RO", "HU"):  # a day's drive from the border, not from Madrid
            country = rng.choice(("DE", "PL", "PL", "AT", "RO", "HU"))
            origin = "UA" if origin == "UA" else country  # his own number, not an Italian SIM in Kraków (review 7, R3)
        idents = Idents(phone=geo.new_phone(rng, origin),
                        handle=c.new_handle(rng, platform=rng.choice(("telegram", "whatsapp", "signal")), plain=True) if rng.random() < 0.5 else None)  # fmt: skip
        town = _home_town(ctx, country)  # his rides start from his own town (review 12C, 3)
        for _ in range(rng.randint(1, 3)):
            ctx.post(b.write_plan, country=country, city=town, idents=idents, category="transport", risk=b.risk(), when=when(rng),
                     slots={"seats": str(rng.randint(2, 6))}, title=("tra.title.help", "free_offer"),
                     opener=("tra.pickup", None), middle=work, contact=(0.8, 0.5))  # fmt: skip
        return
    idents = Idents(phone=geo.new_phone(rng, origin),
                    handle=c.new_handle(rng, platform=rng.choice(("telegram", "whatsapp", "signal")), plain=True) if rng.random() < 0.4 else None)  # fmt: skip
    town = _home_town(ctx, country)  # a private driver's rides start from his own town (review 12C, 3)
    for _ in range(rng.randint(1, 2)):
        ctx.post(b.write_plan, country=country, city=town, idents=idents, category="transport", risk=b.risk(), when=when(rng),
                 slots={"date": when(rng).strftime("%d.%m"), "seats": str(rng.randint(2, 4))},
                 price_factor=rng.uniform(0.8, 1.2), title=("tra.title.legit", None), opener=("tra.open.legit", None), middle=work, contact=(0.7, 0.4))  # fmt: skip


def dater(ctx: Ctx) -> None:
    rng = ctx.rng
    ctx.style = Style.draw(rng, adult=False, sloppy=0.3)
    ctx.langs = rng.choice((("uk", "ru"), ("ru", "uk"))) if rng.random() < 0.12 else ()  # refugees meeting people
    name, age = rng.choice(NAMES), rng.randint(19, 45)
    born = END.year - age - rng.choice((0, 1))  # a handle's year is the writer's birth year
    idents = Idents(handle=c.new_handle(rng, name, rng.choice(("instagram", "snapchat", "telegram", "signal")), born, plain=True))
    images = image_set(ctx.actor, 2)
    # a private dater lives in one country and town and writes in one language: 'Reka' was in Toulouse in French and
    # in Livorno in Italian under one handle, a touring trafficker's tell (review 12C, 2). Own stream
    home = random.Random(f"home:{ctx.actor}")
    country = home.choice(b.UA_DIASPORA) if ctx.langs else b.home_country(home)
    town = _home_town(ctx, country)
    for _ in range(rng.randint(1, 2)):
        first = ctx.post(b.write_plan, country=country, city=town, idents=idents, category="dating", risk=b.risk(), when=when(rng), author=name,
                 slots={"name": name, "age": str(age)}, images=pick_images(rng, images, 2),
                 title=("dat.title", None), opener=("dat.open", None), middle=[("dat.body", None, 0.9)],
                 contact=(0.0, 0.6), contact_optional=True)  # fmt: skip
        ctx.langs = (first.language,)  # her next post: the same language, country and town
        if first.country != country:  # the site had no board in her country: she lives where she posted
            country, town = first.country, _home_town(ctx, first.country)


POOL_BASES = tuple(short_id("item", k) for k in range(400))  # item photos shared by all sellers


def seller(ctx: Ctx) -> None:
    rng = ctx.rng
    ctx.style = Style.draw(rng, adult=False, sloppy=0.4)
    country = b.home_country(rng)
    ctx.langs = rng.choice((("uk", "ru"), ("ru", "uk"))) if rng.random() < 0.2 else ()
    ua = ctx.langs != () and rng.random() < 0.5  # refugees selling things, some on their Ukrainian number
    idents = Idents(phone=geo.new_phone(rng, "UA" if ua else country),
                    handle=c.new_handle(rng, platform="whatsapp") if rng.random() < 0.3 else None)  # fmt: skip
    # a private seller sells from home: one town on one number, not München and Berlin (review 12C, 3). Own stream
    town = _home_town(ctx, country)
    for _ in range(rng.randint(1, 2)):
        images = [f"{rng.choice(POOL_BASES)}_{rng.randrange(4)}"] if rng.random() < 0.4 else []
        ctx.post(b.write_plan, country=country, city=town, idents=idents, slots={}, category="other", risk=b.risk(),
                 when=when(rng), images=images, price_kind="item",
                 title=("sal.title", None), middle=[("sal.body", None, 1.0)], contact=(0.8, 0.3))  # fmt: skip


WRITERS: dict[str, Any] = {
    "trafficker": b.trafficker, "independent": b.independent, "agency": b.agency, "spammer": b.spammer,
    "recruiter": b.recruiter, "housing_exploiter": b.housing_exploiter, "transport_exploiter": b.transport_exploiter,
    "employer": employer, "landlord": landlord, "driver": driver, "dater": dater, "seller": seller,
}  # fmt: skip


PLAN_BLOCK = 400  # actors per planned block: each block holds every role in its expected number


@lru_cache(maxsize=64)
def _planned_roles(seed: int, block: int) -> tuple[str, ...]:
    """The roles of one block of actors, in their expected numbers (systematic rounding), shuffled.

    Drawing each actor's role on its own let a small world hold 2 trafficking networks where 10 were
    expected (seed 12), and then whole languages had no harmful sexual-services post. Planning per block
    keeps every size, from 'tiny' up, close to ``POST_SHARE`` while an actor still needs only its index.
    """
    rng = random.Random(f"vigil-world:{seed}:plan:{block}")
    total, u, cum, roles = sum(_ROLE_WEIGHTS), rng.random(), 0.0, []
    for role, weight in zip(ROLES, _ROLE_WEIGHTS, strict=True):
        low = math.floor(u + cum)
        cum += weight / total * PLAN_BLOCK
        roles += [role] * (math.floor(u + cum) - low)
    rng.shuffle(roles)
    return tuple(roles)


def make_actor(seed: int, index: int, split: str) -> Actor:
    """The ``index``-th actor of the world of ``seed``: same seed and index, same actor."""
    rng = random.Random(f"vigil-world:{seed}:{index}")
    rng.random()  # (the draw that once chose the role: the actor's stream is otherwise unchanged)
    block, at = divmod(index, PLAN_BLOCK)
    plan = _planned_roles(seed, block)
    role = plan[at]
    # this actor's turn among its role: the block's count times the block number, plus its rank in the block, plus a
    # seed's offset (so that worlds of different seeds start their rotations at different places)
    turn = block * plan.count(role) + plan[:at].count(role) + int(short_id("turn", seed, role), 16) % 1000
    # a turn of one block can be another block's (a role's count differs by one between blocks): 'Amber Studio' was two
    # licensed salons (review 11, 2). The serial leaves room for the larger count in every block
    most = math.floor(_ROLE_WEIGHTS[ROLES.index(role)] / sum(_ROLE_WEIGHTS) * PLAN_BLOCK) + 1
    serial = block * most + plan[:at].count(role)
    actor_id = f"a{short_id(seed, index)}"
    ctx = Ctx(rng=rng, split=split, actor=actor_id, role=role, style=Style(), turn=turn, seed=seed, serial=serial)
    network = WRITERS[role](ctx)
    return Actor(actor_id, role, ctx.drafts, network)
