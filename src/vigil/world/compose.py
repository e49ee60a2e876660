"""Turning an actor's intent into the words of one post, and recording what went into it.

A ``Composer`` renders phrasebook units with the post's slots (name, city, price …), plants the
actor's identifiers (plainly written or obfuscated) and remembers, for the ground truth, which
indicators and which template families it used. A writer ``Style`` adds the noise real ads have:
emoji, shouting titles, missing diacritics, typos. Identifiers are never touched by the noise, so
their truth values stay exact.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import phonenumbers

from vigil.world import contacts as c
from vigil.world.geo import e164, written_forms
from vigil.world.phrasebook import Phrasebook, PhrasebookError

# Emoji used as codes in sex-work ads (roses = money, cherry = 'young/virgin', etc.; Polaris,
# Tong et al. 2017) and, to keep them from being a giveaway, the ones everybody uses.
EMOJI_ADULT = ("💋", "🔥", "🍒", "🌹", "😘", "💦", "🍑", "👅", "❤️", "✨", "🆕", "🍭")
EMOJI_PLAIN = ("😊", "👍", "✅", "❤️", "🙂", "✨", "📍", "☀️", "🔥", "👉")
_LATIN_DIACRITIC_LANGS = frozenset({"ro", "hu", "pl", "pt", "es", "fr", "it", "de", "nl"})
# Variants written in the first person singular ('Ring me', 'I don't answer calls', 'I choose who I meet'),
# by (family, index) in every phrasebook: a salon or an ad about someone else ('we', 'she') never uses them.
FIRST_PERSON = {"con.phone": {("a", 2), ("b", 1)}, "con.msg": {("b", 0)}, "esc.safe": {("a", 1), ("b", 0)},
                "esc.nolang": {("a", 2)}}  # fmt: skip
# Sale lines that fit only some items (by item class, geo.ITEM_EUR order: 0 bike, 1 sofa, 2 phone,
# 3 pram, 4 tyres, 5 console, 6 washing machine, 7 table): 'works fine' not for a table, a charger
# only with a phone or a console, a box and receipt not with tyres or furniture.
_ITEM_FIT = (
    (re.compile(r"(?i)works|funktioniert|funciona|funziona|fonctionne|működik|działa|werkt|funcționează|работает|працює"),
     frozenset({"2", "5", "6"})),
    (re.compile(r"(?i)charger|Ladekabel|Hülle|cargador|caricatore|chargeur|încărcător|töltő|ładowark|oplader|carregador|"
                r"зарядк"), frozenset({"2", "5"})),
    (re.compile(r"(?i)\bbox\b|receipt|doboz|számla|pudełk|paragon|caixa|fatura|cutie|factur|коробк|документ|Karton|"
                r"Rechnung|caja|factura|scatola|scontrino|boîte|facture|doos|bon\b"), frozenset({"2", "3", "5", "6"})),
)  # fmt: skip
# Link lines that caption photos ('More pics', 'full gallery'), skipped where there are none (spam)
PHOTO_CAPTION = {"con.url": {("a", 0), ("b", 0), ("b", 1)}, "con.url.we": {("a", 0), ("b", 0)}}
# Job lines that fit only some jobs (same index in every phrasebook): 'plus tips' for hotel, bar and modelling
# work, a bed 'near the farm' for farm work, 'departure this week' only for work abroad.
FARM_BED = {"job.legit.house": {("a", 1), ("b", 1)}}  # a caravan on the farm
LEAVING_SOON = {"job.urgent": {("a", 0), ("b", 0)}}  # 'departure this week'
# 'Workers for', 'help for', 'our site needs people:' a photo model or a bar hostess is a person, not work to
# staff ('workers for bar hostess', 'aide pour hôtesse de bar': review 6, R7); same index in every phrasebook.
PERSON_ROLE = {"job.open.fraud": {("a", 1)}, "job.open.legit": {("a", 1), ("b", 0)}}
_PERSON_JOBS = frozenset({"model", "hostess"})
# A company's contact line is 'Tel.' or 'Mob.', never an escort's '(no hidden numbers)' (review 6, R8); a seller,
# driver or landlord writes it only in Spanish or German ('abstenerse números ocultos'), not on 16 % of all sellers
# (review 8, P11).
ESCORT_CONTACT = {"con.phone": {("b", 1)}}
_HIDDEN_OK = frozenset({"es", "de"})
# The 'she speaks little Spanish' lines (the 'a' family of every phrasebook) are about someone else: an ad in the
# first person says 'Spanish: a little' instead ('Hola, soy Maria … no habla español': review 8, P11).
THIRD_PERSON = {"esc.nolang": {("a", 0), ("a", 1)}}
# A landlord's women-only flat-share never asks for a photo ('only for women, under 30, send photo'): same index everywhere.
LODGER = {"hou.women": {("a", 1), ("b", 1)}}  # nor the lure's age window ('girl only, 18-30': review 7, R1)
# A room whose lure says 'no contract, no papers' does not also ask for a contract, a deposit or references, nor help
# with the registration (review 7, R1: 'all by contract, deposit one month' beside 'no documents or contract needed').
# The Ukrainian border crossings the phrasebooks name, by country: a border run from Poland, Romania or Hungary goes
# to its own country's crossing (review 11, 9: 'Iasi - Zahony'); from Germany or Austria to any
_CROSSINGS = {"PL": re.compile(r"Medyka|Przemy"), "RO": re.compile(r"Siret"), "HU": re.compile(r"(?i)záhony")}
_CREDIT = re.compile(r"(?i)schufa|\bbkr\b|\bksv|credit check|kredietcheck")
_CONTRACT = re.compile(r"(?i)contra|vertrag|kaution|schufa|anmeld|umow|kaucj|referenc|deposit|caution|\bbail\b|garant|"
                       r"cauzione|fianza|caução|garanție|szerződ|kaució|bejelent|papír|borg|договор|залог|застав|"
                       r"рекоменд|реєстрац|регистрац")  # fmt: skip
# A room ad names one distance to the centre; the refugee scheme's 'free' place is not under a rent in the title.
_DISTANCE = re.compile(r"\d+\s?(?:min|perc|хв|мин)", re.IGNORECASE)
_FREE = re.compile(r"(?i)kostenlos|\bfree\b|gratis|gratuit|ingyen|za darmo|grátis|бесплатно|безкоштовно")
# A lure's welcome to Ukrainians is a private host's ('Ukrainians welcome, I help with registration'), never a family
# placed by the council or a free place in the official scheme under a rent (review 7, R1); same index everywhere.
LURE_WELCOME = {"hou.refugee": {("a", 1), ("b", 0), ("b", 1)}}
# but abusers in 2022 did pose as hosts registered with the city or a charity: 37/110 landlord* ads and no lure named
# an official route, so the route named the class (review 12C, 1). A careful lure whose slot 'lure' is 'official' may
# name it too (never 'free' under a rent: see ``hou.refugee`` below)
# nor a mother 'placed through the council' by a lure or beside 'no registration (sublet)', which the council's
# placement needs (review 10, R9: markt-allerlei/130); same index in every book
COUNCIL_MOTHER = {"hou.mother": {("a", 1)}}
# a careful recruiter copies a licensed agency: papers are 'arranged' as agencies say it, never 'no papers? no
# problem' or 'documents are done by us' inside that frame (review 8, P4)
# nor cash in hand: 'EURES offer … kasa do ręki' (review 9, N8; job.salary.high a[0] and b[1] in every book)
CAREFUL_JOB = {"job.docs": {("a", 1), ("b", 0), ("b", 1)}, "job.salary.high": {("a", 0), ("b", 1)}}
# Job lines that contradict each other (review 8, P7): 'cash every week!' beside 'paid monthly into your account, nothing
# in hand'; 'summer job' or strawberry picking beside 'permanent contract after probation'. A job ad keeps to one pay
# and one kind of contract: once a line of one kind is said, variants of the other are skipped (``Composer.said``).
_PAY_BANK = re.compile(r"(?i)account|every month|\bkonto\b|na konto|op rekening|sur (?:le|ton) compte|sul conto|en cuenta|"
                       r"na conta|în cont|bankszámlá|на картк|на карт|двічі на місяць|два раза в месяц|pe card")
_PAY_CASH = re.compile(r"(?i)\bcash\b|woche bar|contant|contanti|efectivo|dinheiro|numerar|gotówk|do ręki|készpénz|kézbe|"
                       r"готівк|наличн|на руки|in hand|auf die hand|in de hand|en main|in mano|en mano|na mão|în mână")
_PERMANENT = re.compile(r"(?i)permanent|unbefrist|festanstellung|vast contract|\bCDI\b|indeterminat|indefinid|sem termo|"
                        r"nedeterminat|nieokreślon|határozatlan|безстроков|бессрочн")
# every book's word for the season: 'Idénymunka', 'Seizoenswerk', 'Seasonal work' slipped past before (review 9, P7)
_SEASONAL = re.compile(r"(?i)summer job|season|saison|stagional|temporada|sazona|sezon|сезон|idény|seizoen|"
                       r"\b3 (?:to|bis|tot|à|a) 6\b|\b3-6\b|de 3 a 6")
# declared work (social insurance, a work contract) is not paid 'cash in hand' (seed 21 read, W6)
_FORMAL = re.compile(r"(?i)social insurance|sozialversicherung|seguridad social|segurança social|mutuelle|contributi|"
                     r"verzekering|\bZUS\b|asigurări|bejelentett|страховк|страхуванн")
# 'we help Ukrainian citizens with documents and the work permit' is a Polish employer's line for a job in Poland,
# not for Poles going to the Netherlands or an Italian hotel (review 9 read, W6/W9)
_UA_PAPERS = re.compile(r"(?i)obywateli ukrainy")
# Terms that name the writer's own country's institutions: '21 zile concediu' on a UK job, 'alta en la Seguridad
# Social' on a Dutch one, 'paga secondo CCNL' on a German one (review 12B, 3). Said only of a job in that country.
_HOME_TERMS = re.compile(r"(?i)seguridad social|segurança social|\bCCNL\b|\bZUS\b|mutuelle|tickets? restaurant|\bCDI\b"
                         r"|cafeteria|munkaügyi|\d+ (zile|días|dias|dni|Tage|vakantiedagen|semaines|days)\b")
_CLASH = {"bank": {"cash"}, "cash": {"bank", "formal"}, "formal": {"cash"}, "permanent": {"seasonal"},
          "seasonal": {"permanent"}}


def _kinds(template: str) -> set[str]:
    """What a job line commits the ad to: how it pays (bank or cash), what contract (permanent or seasonal), and
    whether the work is declared (formal)."""
    kinds = {"bank"} if _PAY_BANK.search(template) else {"cash"} if _PAY_CASH.search(template) else set()
    if _PERMANENT.search(template):
        kinds.add("permanent")
    if _SEASONAL.search(template):
        kinds.add("seasonal")
    if _FORMAL.search(template):
        kinds.add("formal")
    return kinds


# The UK left EURES in 2021: no 'EURES vacancy' for work in the UK (review 6, R7).
NO_EURES = {"job.title.abroad": {("b", 0)}, "job.open.abroad": {("b", 0)}}
# A teacher's or a nurse's line needs a degree first: not for a dater under 23 (review 6, R12); same index everywhere.
PROFESSION = {"dat.open": {("a", 2), ("b", 1)}}
_TIPS = re.compile(r"(?i)\btips\b|Trinkgeld|propina|\bmance\b|pourboire|\bfooi\b|gorjeta|napiwk|borraval|чайов|чаев|bacșiș")
# 'Driving back the same day' (same index in every phrasebook): only on a trip of at most ~250 km.
SAME_DAY = {"tra.open.legit": {("b", 2)}}
# A phone line and a messenger line in one ad: 'Call or SMS … no calls' (review 11, P6). Beside a messenger line the
# phone is a bare number ('Tel', 'Mob:'), and the messenger line never refuses calls (same indices in every book).
CALLS = {"con.phone": {("a", 0), ("a", 2), ("b", 1)}, "con.msg": {("a", 0), ("b", 0)}}


def _ranks(variants: tuple[tuple[str, str], ...]) -> list[int]:
    """Each variant's index within its family, as the variant tables count them."""
    seen: dict[str, int] = {}
    ranks = []
    for fam, _ in variants:
        seen[fam] = seen.get(fam, -1) + 1
        ranks.append(seen[fam])
    return ranks


def _young(age: str | None) -> bool:
    return (age or "99").isdigit() and int(age or 99) < 23


# Which of those variant tables apply to a post: (table, when). A unit's variants in a table that applies are
# skipped (unless nothing else is left), so a new constraint is one table and one row here.
_AWAY_JOBS = ("agri", "hotel")  # a local ad's jobs that readers travel to: a harvest, a season in a resort
_SKIPS: tuple[tuple[dict[str, set[tuple[str, int]]], Callable[[Composer], bool]], ...] = (
    (FIRST_PERSON, lambda cp: cp.voice != "first"),
    (PHOTO_CAPTION, lambda cp: cp.slots.get("photos") == "no"),
    (FARM_BED, lambda cp: cp.slots.get("job") != "agri"),
    (LEAVING_SOON, lambda cp: not cp.slots.get("dest")),
    (PERSON_ROLE, lambda cp: cp.slots.get("job") in _PERSON_JOBS),
    (ESCORT_CONTACT, lambda cp: bool(cp.slots.get("job"))),
    (ESCORT_CONTACT, lambda cp: cp.slots.get("ad") not in ("escort", "massage") and cp.book.lang not in _HIDDEN_OK),
    (THIRD_PERSON, lambda cp: cp.voice == "first"),
    (LURE_WELCOME, lambda cp: cp.slots.get("lure") == "1"),  # 'official': a lure posing as a registered host
    (COUNCIL_MOTHER, lambda cp: cp.slots.get("lure") == "1" or bool(cp.slots.get("nodocs"))),
    (CAREFUL_JOB, lambda cp: bool(cp.slots.get("careful"))),
    (LODGER, lambda cp: bool(cp.slots.get("lodger"))),
    (NO_EURES, lambda cp: bool(cp.slots.get("dest")) and cp.slots.get("dest") == cp.book.dest.get("GB")),
    (PROFESSION, lambda cp: _young(cp.slots.get("age"))),
    (SAME_DAY, lambda cp: int(cp.slots.get("km") or 0) > 250),
)
# A book's institutions are its home country's: Austria's credit register is the KSV1870, not Germany's SCHUFA; a
# Belgian lender advertises 'zonder kredietcheck' (its register is the Centrale voor Kredieten), not the Dutch BKR; a
# Flemish job's readers are told 'no French needed', not 'no English' (review 10, R8, R9)
_LOCAL_WORDS: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    "AT": ((re.compile(r"\bSCHUFA(?= )"), "KSV-Auskunft"), (re.compile(r"(?i)\bschufa\b"), "KSV")),
    "BE": ((re.compile(r"\bBKR\b"), "kredietcheck"), (re.compile(r"\bEngels (?=niet nodig|vereist)"), "Frans ")),
}
# The languages a country's own people read and write: 'no language needed' means nothing to them (review 5, P6).
_OFFICIAL = {"GB": {"en"}, "IE": {"en"}, "DE": {"de"}, "AT": {"de"}, "NL": {"nl"}, "BE": {"nl", "fr"}, "FR": {"fr"},
             "IT": {"it"}, "ES": {"es"}, "PT": {"pt"}, "RO": {"ro"}, "PL": {"pl"}, "HU": {"hu"}, "UA": {"uk"}}  # fmt: skip
# 'and' between the halves of a split phone number, in the ad's language (an English 'and' in a pt ad: review 5, P9).
_AND = {"de": "und", "nl": "en", "fr": "et", "it": "e", "es": "y", "pt": "e", "ro": "și", "pl": "i", "hu": "és", "uk": "і",
        "ru": "и"}  # fmt: skip
# A business's title and first line are proofread (its header and its name): no typo noise there.
_PROOFREAD = re.compile(r"(mas|job)\.(title|open)")
_SLOT_RE = re.compile(r"\{(\w+)\}")
_IDENT_SLOTS = frozenset({"phone", "handle", "email", "url", "wallet"})
_UMLAUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
# Letters that Unicode does not decompose into a base letter and a mark, so NFKD alone would keep them:
# a Polish phone keyboard without diacritics writes 'l' for 'ł' as it writes 'a' for 'ą' (review 5, P8).
_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae",
                               "Æ": "Ae", "œ": "oe", "Œ": "Oe"})  # fmt: skip
_EIGHTEEN = re.compile(r"(?<!\d)18(?!\d)")  # a youth cue that states an age ('only 18'): only for personas of 18
MESSENGER_LABEL = {"telegram": "Telegram", "instagram": "Instagram", "snapchat": "Snapchat", "signal": "Signal",
                   "whatsapp": "WhatsApp"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Style:
    """How one writer writes: stays the same across all of an actor's posts."""

    emoji: float = 0.0  # chance of an emoji after a sentence
    adult: bool = False  # which emoji set
    caps: float = 0.0  # chance of an all-caps title
    deaccent: float = 0.0  # chance that a post is typed without diacritics (phone keyboards)
    typos: float = 0.0  # chance per word of two swapped letters
    newline: bool = True  # one sentence per line, or one paragraph
    punct: str = ""  # how sentences end when the writer changes them: "", "!", "!!", "..." ("" keeps them)
    lower: bool = False  # starts sentences in lower case (phone keyboards, hurry)

    @classmethod
    def draw(cls, rng: random.Random, adult: bool, sloppy: float) -> Style:
        return cls(
            emoji=rng.uniform(0, 0.7 if adult else 0.3) * (1 if rng.random() < 0.8 else 0),
            adult=adult,
            caps=rng.uniform(0, 0.5) if rng.random() < sloppy else 0.0,
            deaccent=keyboard(rng),
            typos=rng.uniform(0, 0.04) if rng.random() < sloppy else 0.0,
            newline=rng.random() < 0.6,
            punct=rng.choice(("", "", "", "!", "!!", "...", " ")) if rng.random() < sloppy else "",
            lower=rng.random() < sloppy * 0.4,
        )


def keyboard(rng: random.Random) -> float:
    """How often a writer types without diacritics: a trait of the keyboard, not of the role.

    Drawn alike for every writer (a trafficker, an independent, a landlord): many ro/hu/pt/es ads are
    typed without them whoever writes them, and one writer is not always consistent.
    """
    r = rng.random()
    return 0.0 if r < 0.25 else 1.0 if r < 0.35 else round(0.15 + (r - 0.35) * 1.1, 3)


@dataclass(slots=True)
class Idents:
    """The identifiers an actor may put in a post (one of each is used when a unit needs it)."""

    phone: phonenumbers.PhoneNumber | None = None
    handle: tuple[str, str] | None = None  # (platform, handle); platform 'whatsapp' means the phone
    email: str | None = None
    url: str | None = None
    wallet: tuple[str, str] | None = None  # (coin, address)
    obfuscate: float = 0.0  # chance that a phone, e-mail or handle is disguised


@dataclass(slots=True)
class Composer:
    rng: random.Random
    book: Phrasebook
    style: Style
    slots: dict[str, str]
    idents: Idents
    parts: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    families: list[str] = field(default_factory=list)
    planted: list[c.Planted] = field(default_factory=list)
    title: str = ""
    aligned: int | None = None  # when set, every unit takes this variant index (a title and its body)
    country: str = ""  # where the post is placed: a foreign number is written with its +code there
    fold: bool = False  # this post is typed without diacritics (drawn per post from the writer's keyboard)
    voice: str = "first"  # 'first', 'third' or 'we': who speaks (first-person-only variants are skipped otherwise)
    noise_rng: random.Random | None = None  # typos, emoji, caps: per post even when a template is reposted
    keep: frozenset[str] | None = None  # words never given a typo (the slot values), computed once
    said: set[str] = field(default_factory=set)  # what the job lines so far commit to (``_kinds``): no clash after

    def _has(self, slot: str) -> bool:
        ids = self.idents
        if slot in ("phone", "handle"):
            return ids.phone is not None or ids.handle is not None if slot == "handle" else ids.phone is not None
        return getattr(ids, slot) is not None

    def _render(self, unit: str) -> tuple[str, bool] | None:
        """Render a variant whose identifiers the actor has; None when no variant fits."""
        usable = [
            (fam, t) for fam, t in self.book.variants(unit)
            if all(self._has(n) if n in _IDENT_SLOTS else self.slots.get(n) != "" for n in _SLOT_RE.findall(t))
        ]  # fmt: skip
        skip = set().union(*(table[unit] for table, when in _SKIPS if unit in table and when(self)))
        if skip:
            seen: dict[str, int] = {}
            keep = []
            for fam, t in self.book.variants(unit):
                k = seen[fam] = seen.get(fam, -1) + 1
                if (fam, k) not in skip and (fam, t) in usable:
                    keep.append((fam, t))
            usable = keep or usable
        if unit.startswith("tra.") and self.country in _CROSSINGS:  # no run from Iași to Záhony, 600 km into Hungary
            usable = [(f, t) for f, t in usable if not any(rx.search(t) for c, rx in _CROSSINGS.items() if c != self.country)] or usable
        if unit == "hou.open.legit" and "host" in self.slots:
            usable = [(f, t) for f, t in usable if not _CREDIT.search(t)] or usable
        if unit == "hou.open.legit" and self.slots.get("nodocs"):
            usable = [(f, t) for f, t in usable if not _CONTRACT.search(t)] or usable
        if unit == "hou.room" and _DISTANCE.search(" ".join(self.parts)):  # one walk to the centre, not two (review 8, P10)
            usable = [(f, t) for f, t in usable if "{mins}" not in t] or usable
        if unit == "hou.refugee" and self.slots.get("rent") and self.slots["rent"] in self.title:  # no 'free' under '560 €'
            usable = [(f, t) for f, t in usable if not _FREE.search(t)] or usable
        if unit.startswith("sal.") and self.slots.get("item_class"):
            cls = self.slots["item_class"]
            fit = [(f, t) for f, t in usable if all(cls in ok for rx, ok in _ITEM_FIT if rx.search(t))]
            usable = fit or usable
        if unit in ("job.legit.terms", "job.salary.market") and (self.slots.get("dest") or self.book.lang not in _OFFICIAL.get(self.country, ())):
            usable = [(f, t) for f, t in usable if not _HOME_TERMS.search(t)] or usable  # a job abroad: generic terms
        if unit == "job.legit.terms" and (self.slots.get("dest") or self.country != "PL"):  # papers for Ukrainians
            usable = [(f, t) for f, t in usable if not _UA_PAPERS.search(t)] or usable  # only for a job in Poland (W9)
        if unit.startswith("job.") and self.slots.get("job") not in ("hotel", "hostess", "model"):
            usable = [(f, t) for f, t in usable if not _TIPS.search(t)] or usable  # no tips for pickers or carers
        if unit == "esc.young" and (self.slots.get("age") != "18" or self.voice == "we"):  # a salon's staff are not all 18
            usable = [(fam, t) for fam, t in usable if not _EIGHTEEN.search(t)]
        if unit.startswith("job."):  # no line that contradicts one already said; strawberries are seasonal (P7)
            said = self.said | ({"seasonal"} if self.slots.get("job") == "agri" else set())
            banned = {c for k in said for c in _CLASH[k]}
            usable = [(f, t) for f, t in usable if not _kinds(t) & banned] or usable
        if not usable:
            return None
        fam, template = usable[self.aligned % len(usable)] if self.aligned is not None else self.rng.choice(usable)
        if unit in CALLS and "two_contacts" in self.slots:  # swapped after the draw: the random stream stays as it was
            every = self.book.variants(unit)
            bad = {(f, t) for (f, t), k in zip(every, _ranks(every), strict=True) if (f, k) in CALLS[unit]}
            ok = [v for v in usable if v not in bad]
            if (fam, template) in bad and ok:
                fam, template = ok[usable.index((fam, template)) % len(ok)]
        if unit == "con.msg" and "two_contacts" in self.slots and self.book.units.get("con.msg.also"):
            also = self.book.variants("con.msg.also")  # 'Contact only via Telegram' beside 'Tel …' (review 11, 6)
            fam, template = also[usable.index((fam, template)) % len(also)]
            unit = "con.msg.also"
        if unit.startswith("job."):
            self.said |= _kinds(template)
        self.families.append(f"{self.book.lang}.{unit}.{fam}")
        ident_line = any(n in _IDENT_SLOTS for n in _SLOT_RE.findall(template))
        if self.fold and ident_line:
            template = self._fold(template)  # a contact line is typed on the same keyboard as the rest
        values: dict[str, str] = {}
        has_ident = False
        for name in _SLOT_RE.findall(template):
            if name in _IDENT_SLOTS:
                values[name] = self._plant(name)
                has_ident = True
            elif name == "rent" and "rent_student" in self.slots and "student" in template.lower():
                values[name] = self.slots["rent_student"]  # a room in a student house costs less
            elif name in self.slots:
                values[name] = self.slots[name]
            elif name in self.book.words:
                values[name] = self.book.words[name]
            else:
                raise PhrasebookError(f"texts/{self.book.lang}.yaml: unit {unit!r} uses unknown slot {{{name}}}")
            if self.fold and ident_line and name not in _IDENT_SLOTS:
                values[name] = self._fold(values[name])  # 'Gyor' in the contact line too, as in the title
        text = template.format_map(values)
        for rx, local in _LOCAL_WORDS.get(self.country or "", ()):
            text = rx.sub(local, text)
        return text, has_ident

    def _plant(self, slot: str) -> str:
        rng, ids = self.rng, self.idents
        hide = rng.random() < ids.obfuscate
        if slot == "handle" and ids.handle and ids.handle[0] == "whatsapp":
            slot = "phone"
        if slot == "phone" and ids.phone is not None:
            forms = written_forms(ids.phone)[:2]
            home = phonenumbers.region_code_for_number(ids.phone)
            if self.country and home != self.country:  # a number used outside its country keeps its +code, even
                forms = forms[1:]  # for readers of its language ('07 38 97 39 15', French, in Antwerp: review 11, P7)
            written = rng.choice(forms)
            joiner = _AND.get(self.book.lang, "and")
            joiner = self._fold(joiner) if self.fold else joiner
            shown = c.obfuscate_digits(rng, written, list(self.book.digits), joiner) if hide else written
            self.planted.append(c.Planted("phone", e164(ids.phone), shown, hide))
            return shown
        if slot == "handle" and ids.handle:
            plat, h = ids.handle
            shown = c.obfuscate_handle(rng, plat, h) if hide else ("@" + h if rng.random() < 0.7 else h)
            self.planted.append(c.Planted("handle", f"{plat}:{h}".lower(), shown, hide))
            return shown
        if slot == "email" and ids.email:
            shown = c.obfuscate_email(rng, ids.email) if hide else ids.email
            self.planted.append(c.Planted("email", ids.email.lower(), shown, hide))
            return shown
        if slot == "url" and ids.url:
            self.planted.append(c.Planted("url", ids.url, ids.url, False))
            return ids.url
        if slot == "wallet" and ids.wallet:
            self.planted.append(c.Planted("wallet", ids.wallet[1], ids.wallet[1], False))
            return ids.wallet[1]
        raise PhrasebookError(f"a unit needs {{{slot}}} but the actor has none")

    def say(self, unit: str, indicator: str | None = None, p: float = 1.0) -> bool:
        """Add one sentence from ``unit`` with probability ``p``; record its indicator."""
        # whether a line is there is drawn per post, even in a repost: a studio re-words, adds or drops a line
        if p < 1.0 and (self.noise_rng or self.rng).random() >= p:
            return False
        if unit == "job.nolang" and self.book.lang in _OFFICIAL.get(self.country, ()):
            unit, indicator = "job.nolang.local", None  # a local job in the local language: 'no English needed'
        if unit == "job.travel" and not self.slots.get("dest") and self.slots.get("job") not in _AWAY_JOBS:
            return False  # a bus ticket and a pickup for a cleaner's job in her own town (review 10, R9): only work away
        if unit == "esc.young" and (self.voice == "we" or int("0" + "".join(ch for ch in self.slots.get("age", "") if ch.isdigit())[:2]) > 25):
            # 'student, first time' beside 'age 32', or one unnamed 'petite student' in a salon's ad (review 7, R4)
            return False
        rendered = self._render(unit)
        if rendered is None:
            return False
        text, has_ident = rendered
        if not has_ident:
            text = self._noise(text, unit)
        noise = self.noise_rng or self.rng
        if self.style.emoji and noise.random() < self.style.emoji:
            text += " " + noise.choice(EMOJI_ADULT if self.style.adult else EMOJI_PLAIN)
        self.parts.append(text)
        if indicator and indicator not in self.indicators:
            self.indicators.append(indicator)
        return True

    def head(self, unit: str, indicator: str | None = None) -> None:
        rendered = self._render(unit)
        if rendered is None:
            raise PhrasebookError(f"texts/{self.book.lang}.yaml: no usable variant of title unit {unit!r}")
        text, has_ident = rendered
        if not has_ident:
            text = self._noise(text, unit)
            if (self.noise_rng or self.rng).random() < self.style.caps:
                text = text.upper()
        self.title = text
        if indicator and indicator not in self.indicators:
            self.indicators.append(indicator)

    def shuffle_middle(self) -> None:
        """Ads do not keep their sentences in one order: shuffle all but the first and last."""
        if len(self.parts) > 3:
            mid = self.parts[1:-1]
            self.rng.shuffle(mid)
            self.parts[1:-1] = mid

    def text(self) -> str:
        return ("\n" if self.style.newline else " ").join(self.parts)

    def _noise(self, text: str, unit: str = "") -> str:
        if self.style.punct and text[-1:] in ".!":
            text = text.rstrip(".!") + self.style.punct.strip()
        if self.style.lower and text[:1].isupper() and not text[:2].isupper():
            text = text[0].lower() + text[1:]
        if self.fold:
            text = self._fold(text)
        if self.style.typos and not _PROOFREAD.match(unit):  # dropped, doubled or swapped letters inside longer words
            rng = self.noise_rng or self.rng
            words = text.split(" ")
            keep = self.keep = self._names() if self.keep is None else self.keep
            for i, w in enumerate(words):
                # never the line's first word: 'Bche Maria …' read as a garbled name (review 10, R9); drawn all the same
                if len(w) > 4 and w.isalpha() and w not in keep and rng.random() < self.style.typos:
                    j, kind = rng.randrange(1, len(w) - 2), rng.random()
                    if i == 0:
                        continue
                    if kind < 0.4:
                        words[i] = w[:j] + w[j + 1 :]
                    elif kind < 0.7:
                        words[i] = w[: j + 1] + w[j:]
                    else:
                        words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
            text = " ".join(words)
        return text

    def _names(self) -> frozenset[str]:
        """Words of the slot values (company, salon, city, person, job): a writer does not misspell a name it
        copies, and a business never misspells its own ('flexlcean S.R.L.', 'Marid': review 5, P14)."""
        words = {w for k, v in self.slots.items() if k not in _IDENT_SLOTS for w in str(v).split()}
        return frozenset(words | {self._fold(w) for w in words})

    def _fold(self, text: str) -> str:
        """Diacritics as a phone keyboard without them writes them: 'ae' for 'ä' in German, else dropped."""
        if self.book.lang == "de":
            text = text.translate(_UMLAUT)  # then foreign names ('Łódź', 'Győr') lose theirs like any other
        if self.book.lang in _LATIN_DIACRITIC_LANGS:
            text = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
            return "".join(ch for ch in text if not unicodedata.combining(ch))
        return text
