"""Structural tells from review 6 (W3a): no single field (author, wage, age, price per km, phone
country) decides the class on its own. Each case names the field, the bound and why."""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

import phonenumbers
import pytest

from vigil.world import geo
from vigil.world.actors import COMPANY_FORM
from vigil.world.benign import make_actor

Row = tuple[dict[str, Any], dict[str, Any]]  # (truth of a post, the post)
_BIZ = re.compile("(" + "|".join(re.escape(f) for f in {*COMPANY_FORM.values(), "Ltd"}) + r")$")


@pytest.fixture(scope="module")
def rows(world_rows: Callable[..., list[Row]]) -> list[Row]:
    """The review's world: seed 13, small (2,000 posts)."""
    return world_rows(13, "small")


def _of(rows: list[Row], role: str, hard: bool | None = None) -> list[Row]:
    return [(tp, p) for tp, p in rows if tp["role"] == role and (hard is None or tp["hard"] == hard)]


def _share(rows: list[Row], test: Any) -> float:
    return sum(bool(test(tp, p)) for tp, p in rows) / max(1, len(rows))


def _biz(tp: dict[str, Any], p: dict[str, Any]) -> bool:
    return bool(_BIZ.search(p["author"].strip()))


def _email(tp: dict[str, Any], p: dict[str, Any]) -> bool:
    return any(i["type"] == "email" for i in tp["identifiers"])


# (role, hard, what, test, low, high, why). Before the fix (seed 13): recruiter* business author 0 %,
# employers 100 %, recruiter* e-mail 0 %.
AUTHORS = [
    ("recruiter", True, "business author", _biz, 0.3, 0.85, "a careful lure signs as a (fake) agency about half the time"),
    ("recruiter", False, "business author", _biz, 0.3, 0.85, "loud lures sign with a company name too"),
    ("employer", None, "business author", _biz, 0.6, 0.92, "small firms sign with the owner's name (was 100 %)"),
    ("recruiter", True, "an e-mail", _email, 0.15, 1.0, "a careful lure asks for a CV by e-mail as agencies do (was 0 %)"),
]


@pytest.mark.parametrize(("role", "hard", "what", "test", "low", "high", "why"), AUTHORS, ids=[f"{r}{'*' if h else ''}: {w}" for r, h, w, *_ in AUTHORS])
def test_the_author_field_does_not_decide_a_job_ad(rows: list[Row], role: str, hard: bool | None, what: str, test: Any,
                                                   low: float, high: float, why: str) -> None:  # fmt: skip
    share = _share(_of(rows, role, hard), test)
    assert low <= share <= high, f"{role}{'*' if hard else ''}: {what} in {share:.0%} of posts ({why})"


def test_hard_recruiters_come_from_several_networks_with_one_destination_each(rows: list[Row]) -> None:
    """Review 6, R2: one Portuguese network sent cleaners to four countries, each post under a new handle."""
    nets: dict[str, list[Row]] = defaultdict(list)
    for tp, p in _of(rows, "recruiter"):
        if tp["network"]:
            nets[tp["network"]].append((tp, p))
    careful = {n: rs for n, rs in nets.items() if sum(tp["hard"] for tp, _ in rs) >= 0.35 * len(rs)}  # loud ones: ~5 %
    assert len(careful) >= 2, f"{len(careful)} careful recruiter networks in a small world"
    for n, rs in careful.items():
        assert len({p["country"] for _, p in rs}) == 1, (n, "a careful network places workers in one country")
    for n, rs in nets.items():
        authors = {p["author"] for _, p in rs}
        assert len(authors) <= 3, (n, "a brand and one or two coordinators, not a new handle a post", authors)


_AGE = re.compile(r"(?<!\d)(1[89]|[2-4]\d)(?!\d)")


def _ages(rows: list[Row], role: str) -> list[int]:
    out = []
    for tp, p in _of(rows, role):
        m = _AGE.search(p["title"] + " " + p["text"]) if tp["category"] in ("escort", "massage") else None
        if m:
            out.append(int(m.group(1)))
    return out


# (role, what, test on an age, least share, why). Before: traffickers 3 % aged 27+, hard ones 0 % aged 30+.
AGES = [
    ("trafficker", "aged 27 or more", lambda a: a >= 27, 0.08, "trafficked women in their late 20s and 30s"),
    ("independent", "aged 24 or less", lambda a: a <= 24, 0.15, "many independents are young too"),
    ("trafficker", "aged 23 or less", lambda a: a <= 23, 0.3, "youth is still more common among the controlled"),
]


@pytest.mark.parametrize(("role", "what", "test", "least", "why"), AGES, ids=[f"{r}: {w}" for r, w, *_ in AGES])
def test_age_does_not_decide_a_sexual_services_ad(rows: list[Row], role: str, what: str, test: Any, least: float, why: str) -> None:
    ages = _ages(rows, role)
    share = sum(map(test, ages)) / max(1, len(ages))
    assert len(ages) > 30 and share >= least, f"{role}: {what} in {share:.0%} of {len(ages)} ads ({why})"


def test_no_age_threshold_separates_traffickers_from_independents(rows: list[Row]) -> None:
    """Review 6, R4: 'age >= 27 -> not trafficked' had no false negatives on the hard positives."""
    traf, ind = _ages(rows, "trafficker"), _ages(rows, "independent")
    assert max(traf) >= 28 and min(ind) <= 21, (max(traf), min(ind))


@pytest.fixture(scope="module")
def ride_factors(monkeypatch_module: pytest.MonkeyPatch) -> dict[str, list[float]]:
    """The price factor of every priced ride seat, by the role that posted it (first 1,500 actors of seed 13)."""
    seen: list[float] = []
    real = geo.ride_price

    def spy(country: str, km: float, factor: float = 1.0) -> int:
        seen.append(factor)
        return real(country, km, factor)

    monkeypatch_module.setattr(geo, "ride_price", spy)
    out: dict[str, list[float]] = defaultdict(list)
    for index in range(1500):
        actor = make_actor(13, index, "all")
        out[actor.role] += [f for f, d in zip(seen, [d for d in actor.drafts if d.category == "transport"], strict=False)]
        seen.clear()
    return out


@pytest.fixture(scope="module")
def monkeypatch_module() -> Any:
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


# (role, lowest, highest, why). Before: exploiters' careful seats 0.3-0.5 of a driver's price, drivers 0.8-1.2.
RIDES = [
    ("driver", 0.75, 1.25, "a seat at the going rate"),
    ("transport_exploiter", 0.65, 1.15, "a careful lure charges a normal price (review 6, R5)"),
]


@pytest.mark.parametrize(("role", "low", "high", "why"), RIDES, ids=[r for r, *_ in RIDES])
def test_ride_prices_per_km_overlap(ride_factors: dict[str, list[float]], role: str, low: float, high: float, why: str) -> None:
    factors = ride_factors[role]
    assert len(factors) >= 10 and low <= min(factors) and max(factors) <= high, (role, min(factors), max(factors), why)


def _wages(rows: list[Row], role: str, hard: bool | None) -> list[float]:
    """Monthly amounts in a job ad, as a share of the top of the market range where the work is."""
    out = []
    for tp, p in _of(rows, role, hard):
        m = geo.MONEY.get(p["country"])
        if tp["category"] != "job" or m is None:
            continue
        sym = re.escape(m.symbol)
        s = p["title"] + " " + p["text"]
        for amount in re.findall(rf"(\d[\d ]{{2,}}\d)\s?{sym}|{sym}\s?(\d[\d ,]{{2,}}\d)", s):
            value = int(re.sub(r"\D", "", "".join(amount)))
            if 0.5 * m.wage[0] <= value <= 3 * m.wage[1]:
                out.append(value / m.wage[1])
    return out


# (role, hard, highest median share of the market top, why). Before: loud 1.3-1.8x, careful 1.1-1.35x the market.
WAGES = [
    ("employer", None, 1.0, "market wages"),
    ("recruiter", False, 1.25, "a lure 1.1-1.5x the destination's rate (ILO, Europol), not twice it"),
    ("recruiter", True, 1.05, "a careful lure near the legal wage"),
]


@pytest.mark.parametrize(("role", "hard", "most", "why"), WAGES, ids=[f"{r}{'*' if h else ''}" for r, h, *_ in WAGES])
def test_lure_wages_sit_near_the_market(rows: list[Row], role: str, hard: bool | None, most: float, why: str) -> None:
    wages = _wages(rows, role, hard)
    assert len(wages) >= 5 and statistics.median(wages) <= most, (role, hard, len(wages), statistics.median(wages), why)


def test_lure_and_employer_wages_overlap(rows: list[Row]) -> None:
    emp, rec = _wages(rows, "employer", None), _wages(rows, "recruiter", None)
    assert sum(w <= max(emp) for w in rec) / len(rec) >= 0.5, "most lure wages lie within the employers' range"


def _region(tp: dict[str, Any]) -> str | None:
    phones = [i["value"] for i in tp["identifiers"] if i["type"] == "phone"]
    return phonenumbers.region_code_for_number(phonenumbers.parse(phones[0])) if phones else None


# (role, what, test(region, country), low, high, why). Before: housing exploiters 3 of 29 local, landlords 0 % on a
# foreign non-Ukrainian number.
PHONES = [
    ("housing_exploiter", "a number local to the room", lambda r, c: r == c, 0.35, 0.9, "most on a local prepaid SIM"),
    ("landlord", "a foreign number other than +380", lambda r, c: r not in (c, "UA"), 0.01, 0.1, "owners abroad, diaspora; ~5 %: review 10, R8"),
    ("landlord", "a number local to the room", lambda r, c: r == c, 0.5, 0.95, "most landlords are local"),
    ("transport_exploiter", "a number local to the ride", lambda r, c: r == c, 0.3, 0.9, "drivers' are (was 6 of 27)"),
]


@pytest.mark.parametrize(("role", "what", "test", "low", "high", "why"), PHONES, ids=[f"{r}: {w}" for r, w, *_ in PHONES])
def test_a_room_or_rides_phone_country_does_not_decide_it(rows: list[Row], role: str, what: str, test: Any, low: float, high: float,
                                                          why: str) -> None:  # fmt: skip
    with_phone = [(tp, p) for tp, p in _of(rows, role) if _region(tp)]
    share = sum(bool(test(_region(tp), p["country"])) for tp, p in with_phone) / max(1, len(with_phone))
    assert len(with_phone) >= 15 and low <= share <= high, f"{role}: {what} in {share:.0%} of {len(with_phone)} ({why})"


def test_benign_employers_offer_photo_model_jobs_too(rows: list[Row]) -> None:
    """Review 6, R1: photo-model jobs were 19 harmful to 4 benign, a one-word tell."""
    from vigil.world.phrasebook import load

    counts: Counter[bool] = Counter()
    for tp, p in rows:
        if tp["category"] == "job":
            model = load(p["language"], "train").roles["model"].lower()
            if model in (p["title"] + " " + p["text"]).lower():
                counts[bool(any(tp["risk"].values()))] += 1
    assert counts[False] >= 0.35 * counts[True] and counts[True] > 0, counts
