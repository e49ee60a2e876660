"""Review 8's P3, P6 and P7 (W6's share) as tables of cases, each checked where it can fail: on the composer, on the
name and place draws, or on one generated world (seed 15 small, as the reviewer read it; seed 7 for wages)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any

import phonenumbers
import pytest

from vigil.world import geo
from vigil.world.actors import COMPANY_PARTS, company, salon_name
from vigil.world.compose import Composer, Idents, Style, _kinds
from vigil.world.phrasebook import load

Row = tuple[dict[str, Any], dict[str, Any]]
ESCORT_WORDS = re.compile(r"kiss|sweet|angel|hot(?!el)|lux|vip|agency")


@pytest.fixture(scope="module")
def rows(world_rows: Callable[..., list[Row]]) -> list[Row]:
    return world_rows(15, 2000)


def _phones(tp: dict[str, Any]) -> list[str]:
    return [i["value"] for i in tp["identifiers"] if i["type"] == "phone"]


# ---- P3: licensed studios: a local number, a name of their own, signed as the agency -------------------------

def test_a_licensed_massage_studio_gives_a_local_number(rows: list[Row]) -> None:
    """P3: 'Orchid Spa … Roma … Cell: +36 20 105 6951' on every ad; a registered salon gives a local number. Most
    do; a quarter of the salons are a foreign-born owner's on her own number, since all-local salons made a
    foreign number name the trafficker's front (review 10, R1: 0/12 against 11/12)."""
    salons = [(tp, p) for tp, p in rows if tp["role"] == "agency" and tp["category"] == "massage" and _phones(tp)]
    assert len(salons) >= 10
    local = sum(phonenumbers.region_code_for_number(phonenumbers.parse(_phones(tp)[0])) == p["country"]
                for tp, p in salons)  # fmt: skip
    assert 0.55 <= local / len(salons) <= 0.92, (local, len(salons))


def test_no_studio_name_is_both_a_licensed_studio_and_a_front(rows: list[Row]) -> None:
    """P3: 'Zen Studio' was a licensed salon in Setúbal and a trafficker front in Berlin, Wien and Weert."""
    names: dict[str, set[str]] = {"agency": set(), "trafficker": set()}
    pool = {salon_name(15, t, lic, m) for t in range(60) for lic in (True, False) for m in (True, False)}
    for tp, p in rows:
        if tp["role"] in names and tp["category"] in ("massage", "escort"):
            names[tp["role"]] |= {n for n in pool if n in f"{p['title']} {p['text']} {p['author']}"}
    assert names["agency"] and names["trafficker"], names
    assert not names["agency"] & names["trafficker"], names["agency"] & names["trafficker"]


# (licensed, why): two halves of one world's shuffled pool
SALON_TURNS = [(True, "licensed studios of one world never share a name"),
               (False, "two fronts of one world never share a name either")]


@pytest.mark.parametrize(("licensed", "why"), SALON_TURNS)
def test_salon_names_are_dealt_without_replacement(licensed: bool, why: str) -> None:
    for massage in (True, False):
        dealt = [salon_name(3, 500 + t, licensed, massage) for t in range(20)]
        assert len(set(dealt)) == len(dealt), why
        assert not set(dealt) & {salon_name(3, 500 + t, not licensed, massage) for t in range(20)}, why
    assert salon_name(3, 1, True, True) != salon_name(4, 1, True, True) or salon_name(3, 2, True, True) != salon_name(
        4, 2, True, True), "the pool is shuffled per world: a name is no class cue across worlds"


def test_a_licensed_escort_agency_signs_as_the_agency(rows: list[Row]) -> None:
    """P3: the Valencia agency signed each ad 'Nikoletta', 'Zsofi' alone: a front's habit, not a licensed agency's."""
    ads = [p for tp, p in rows if tp["role"] == "agency" and tp["category"] == "escort"]
    assert ads
    assert all(" " in p["author"].strip() for p in ads), [p["author"] for p in ads if " " not in p["author"].strip()]


# ---- P6: a company's name fits its job; a casting is a studio's ------------------------------------------------

# (job, stems that must not name a firm hiring for it, why)
COMPANY_FIT = [
    ("hostess", {"clean", "farm", "hotel", "care", "log"}, "'Topclean Sp. z o.o. poszukuje … hostessa w barze'"),
    ("clean", {"farm", "hotel", "care", "log"}, "'Primafarm S.r.l. cerca personale per pulizie in hotel'"),
    ("warehouse", {"hotel", "farm", "care", "clean"}, "'Primahotel Ltd … работа на складе'"),
    ("care", {"hotel", "farm", "log", "clean"}, "'Primahotel Ltd' hiring carers"),
    ("agri", {"hotel", "care", "log", "clean"}, "a farm job from a hotel firm"),
    ("", {"hotel", "farm", "care", "log", "clean"}, "a firm with several jobs takes a staffing name"),
]


@pytest.mark.parametrize(("job", "unfit", "why"), COMPANY_FIT)
def test_a_company_name_fits_the_job_it_hires_for(job: str, unfit: set[str], why: str) -> None:
    rng = random.Random(6)
    stems = set()
    for _ in range(300):
        name = company(rng, "PL", job).split()[0].lower()
        stems |= {s for s in COMPANY_PARTS[1] if name.endswith(s)}
        assert job == "agri" or not name.startswith("agro"), (name, why)
    assert stems and not stems & unfit, (stems & unfit, why)


def test_a_company_name_without_a_job_is_drawn_as_before() -> None:
    """Other callers (traffickers' fronts' staffing firms) keep their draws: the stream is unchanged."""
    a, b = random.Random(9), random.Random(9)
    assert [company(a, "DE") for _ in range(20)] == [
        f"{b.choice(COMPANY_PARTS[0])}{b.choice(COMPANY_PARTS[1])} GmbH" for _ in range(20)]


_CV = re.compile(r"(?i)\bcv\b|curricul|interview|entretien|gesprek|gespräch|colloqui|entrevist|interjú|interviu|"
                 r"rozmow|співбесід|собеседован|sollicit|bewerb|candidat")  # fmt: skip
_FIRM_MAIL = re.compile(r"farm|clean|hotel|log|care|staff|service|work")


def test_a_casting_asks_for_photos_not_a_cv_from_a_farm_mailbox(rows: list[Row]) -> None:
    """P6: 'Casting: fotomodel … Stuur je cv naar nordfarmbv@example.com'; 'Candidatures à work-tophotelbv@…'."""
    castings = [(tp, p) for tp, p in rows if any(".job.title.casting." in f for f in tp["families"])]
    assert len(castings) >= 8
    bad = [(p["title"], p["text"]) for tp, p in castings if _CV.search(p["text"])
           or any(i["type"] == "email" and _FIRM_MAIL.search(i["value"].split("@")[0]) for i in tp["identifiers"])]
    assert not bad, bad[:3]


# ---- P7: loud recruiters: lines that do not contradict each other, wages, places, handles ----------------------

_SLOTS = {"role": "X", "city": "X", "city_loc": "X", "city_gen": "X", "company": "Topstaff Ltd", "salary": "2500",
          "cur": "€", "month": "/month", "hours": "123", "dest": "", "bed": "8", "nat": "x", "date": "01.07",
          "price": "20"}  # fmt: skip
# (lang, job, units, kinds that must not meet in one ad, why)
CLASHES = [
    ("pl", "clean", ("job.salary.high", "job.legit.terms"), {"cash", "bank"},
     "'gotówka co tydzień!' beside 'Kasa co miesiąc na konto, nic do ręki'"),
    ("uk", "clean", ("job.salary.high", "job.legit.terms"), {"cash", "bank"}, "'гроші в руки' beside 'тільки на картку'"),
    ("ru", "hotel", ("job.salary.high", "job.legit.terms"), {"cash", "bank"}, "'наличными' beside 'деньги на карту'"),
    ("en", "care", ("job.title.legit", "job.legit.terms"), {"seasonal", "permanent"},
     "'Summer job: elderly care' beside 'Permanent contract after probation'"),
    ("fr", "agri", ("job.title.legit", "job.legit.terms"), {"permanent"}, "'CDI après période d'essai' for strawberries"),
    ("es", "agri", ("job.legit.terms",), {"permanent"}, "'contrato indefinido' for a harvest"),
]


@pytest.mark.parametrize(("lang", "job", "units", "clash", "why"), CLASHES)
def test_a_job_ad_does_not_contradict_itself(lang: str, job: str, units: tuple[str, ...], clash: set[str],
                                             why: str) -> None:  # fmt: skip
    book, drawn = load(lang, "all"), 0
    for i in range(400):
        cp = Composer(random.Random(i), book, Style(), {**_SLOTS, "job": job}, Idents())
        for unit in units:
            cp.head(unit) if ".title." in unit else cp.say(unit)
        kinds = set().union(*(_kinds(t) for t in [cp.title, *cp.parts]))
        drawn += len(cp.parts)
        assert not clash <= kinds, (why, cp.title, cp.parts)
    assert drawn >= 300, "the lines were drawn"


def test_strawberries_in_britain_are_picked_in_fruit_country() -> None:
    """P7: strawberries in Luton and in Belfast 'w Anglii'; British picking is in Kent, Herefordshire, Evesham."""
    rng = random.Random(4)
    towns = {geo.pick_town(rng, "GB", lang) for lang in ("pl", "ro", "en", "uk") for _ in range(50)}
    assert towns <= {"Maidstone", "Canterbury", "Faversham", "Sittingbourne", "Hereford", "Leominster", "Evesham",
                     "Ashford"}, towns  # fmt: skip


def test_recruiters_and_spammers_do_not_write_under_an_escorts_handle(rows: list[Row]) -> None:
    """P7: '@kiss.mivi', 'sweet.milu' on 17/68 loud recruiter posts; spam authors 'lisaagency', 'rivi_kiss27'."""
    controllers = _trafficker_actors(rows)
    rec = [tp for tp, _ in rows if tp["role"] == "recruiter" and tp["actor"] not in controllers]
    spam = [(tp, p) for tp, p in rows if tp["role"] == "spammer"]
    assert len(rec) >= 30 and len(spam) >= 30
    bad = [i["value"] for tp in rec for i in tp["identifiers"] if i["type"] in ("handle", "email")
           and ESCORT_WORDS.search(i["value"])]
    bad += [p["author"] for _, p in spam if ESCORT_WORDS.search(p["author"])]
    assert not bad, bad[:5]


def _trafficker_actors(rows: list[Row]) -> set[str]:
    """A controller's own recruitment ads keep the controller's handles (that is what links them): not in P7."""
    return {tp["actor"] for tp, _ in rows if tp["role"] == "trafficker"}


_WAGE = re.compile(r"(\d{1,3}(?:[ .]\d{3})+|\d{3,6})\s?(?:€|£|zł|lei|Ft)")


def test_loud_lure_wages_stay_within_1_4_times_the_top_of_the_market(world_rows: Callable[..., list[Row]]) -> None:
    """P7: 'Fizetes 4040€/ho' for a Dutch kitchen, 'Salary 8150zł/month' for strawberries: 1.6 times the market."""
    ratios = []
    for tp, p in world_rows(7, 8000):
        if tp["role"] != "recruiter" or tp["category"] != "job" or tp["hard"]:
            continue
        top = geo.MONEY[p["country"]].wage[1]
        wages = [int(re.sub(r"\D", "", w)) for w in _WAGE.findall(f"{p['title']} {p['text']}")]
        ratios += [w / top for w in wages if w >= 0.5 * geo.MONEY[p["country"]].wage[0]]
    assert len(ratios) >= 100
    assert max(ratios) <= 1.37, sorted(ratios)[-5:]  # 1.1-1.35 times a wage drawn in the range (was 1.5)


def test_a_studios_site_and_account_carry_its_name(rows: list[Row]) -> None:
    """Seed 21 read by W6: 'Venus Wellness … https://example.net/tazo1999', 'Amber Studio … Solo Signal @hot.miny'."""
    seen = 0
    for tp, p in rows:
        if tp["role"] != "agency":
            continue
        signed = re.search(r"\((.*)\)", p["author"])  # 'Nikoletta (Velvet Girls)': the agency in brackets
        agency = signed.group(1) if signed else p["author"]
        key = re.sub(r"[^a-z]", "", agency.lower())
        for i in tp["identifiers"]:
            if i["type"] in ("url", "handle") and not i["value"].startswith("whatsapp:"):
                seen += 1
                assert key in re.sub(r"[^a-z]", "", i["value"].lower()), (agency, i["value"])
    assert seen >= 5


def test_employers_do_not_write_under_an_escorts_handle(rows: list[Row]) -> None:
    """Seed 21 read by W6: a licensed KRAZ agency 'Tylko wiadomości na Telegram … @anna_real80'."""
    bad = [i["value"] for tp, _ in rows if tp["role"] == "employer" for i in tp["identifiers"]
           if i["type"] in ("handle", "email") and re.search(ESCORT_WORDS.pattern + "|real", i["value"])]
    assert not bad, bad[:5]
