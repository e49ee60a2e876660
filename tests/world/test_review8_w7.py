"""Review 8's P5, P8, P10 and P11 (W7's share) as tables of cases, each checked where it can fail: on the
phrasebook, on a plan, or on one generated world (seed 15 small, as the reviewer read it)."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import phonenumbers
import pytest

from vigil.world import geo
from vigil.world.compose import Composer, Idents, Style
from vigil.world.phrasebook import LANGUAGES, _raw, load

Row = tuple[dict[str, Any], dict[str, Any]]
# letters with diacritics a writer of each language types when the keyboard has them (review 8's diac.py)
ACCENTS = {"ro": "ăâîșşțţ", "hu": "áéíóöőúüű", "pt": "ãõçáéíóúâêô", "es": "ñáéíóú", "de": "äöüß", "fr": "éèêàçùû",
           "pl": "ąćęłńóśźż"}  # fmt: skip
GROUP = {"escort": "sex", "massage": "sex", "job": "job", "housing": "hou", "transport": "tra"}


@pytest.fixture(scope="module")
def rows(world_rows: Callable[..., list[Row]]) -> list[Row]:
    return world_rows(15, 2000)


def _harmful(tp: dict[str, Any]) -> bool:
    return max(tp["risk"].values()) > 0


# ---- P5: diacritics and messenger lines are not class cues ------------------------------------------------------

def test_no_class_is_always_or_never_accented_within_a_language_and_category(rows: list[Row]) -> None:
    """P5: one network's keyboard set a whole cell (pl jobs harmful 0/10 vs benign 22/32, es 0/12, pt 13/13)."""
    cells: dict[tuple[str, str, bool], list[bool]] = {}
    for tp, p in rows:
        lang, group = p["language"], GROUP.get(tp["category"])
        if lang in ACCENTS and group:
            text = (p["title"] + p["text"]).lower()
            cells.setdefault((lang, group, _harmful(tp)), []).append(any(ch in text for ch in ACCENTS[lang]))
    bad = []
    for (lang, group, harmful), marks in cells.items():
        other = cells.get((lang, group, not harmful), [])
        if not harmful or len(marks) < 8 or len(other) < 8:
            continue
        h, b = sum(marks) / len(marks), sum(other) / len(other)
        if 0.2 <= b <= 0.8 and not 0.05 < h < 0.95:  # benign ads are mixed, the harmful ones all one way
            bad.append((lang, group, f"harmful {sum(marks)}/{len(marks)}", f"benign {sum(other)}/{len(other)}"))
    assert not bad, bad


MESSENGER = ("telegram", "whatsapp", "signal", "snapchat", "instagram")


def test_messenger_lines_are_as_common_on_independents_as_on_controllers(rows: list[Row]) -> None:
    """P5: a messenger line on 30-41 % of traffickers' ads but 12-14 % of independents' was a class cue."""
    share: dict[str, float] = {}
    for role in ("trafficker", "independent"):
        texts = [(p["title"] + p["text"]).lower() for tp, p in rows if tp["role"] == role]
        share[role] = sum(any(m in t for m in MESSENGER) for t in texts) / max(1, len(texts))
    assert share["independent"] >= 0.18 and abs(share["trafficker"] - share["independent"]) <= 0.1, share


# ---- P8: every language's rooms hold some lures, no language's rooms or rides are mostly lures -------------------

def test_room_and_ride_cells_are_neither_all_benign_nor_mostly_harmful(rows: list[Row]) -> None:
    """P8: es/it/nl/fr/pt rooms were 0 % harmful while pl rooms were 8/8; ru rides 8 of 20."""
    cells: dict[tuple[str, str], list[int]] = {}
    for tp, p in rows:
        if tp["category"] in ("housing", "transport"):
            cells.setdefault((tp["category"], p["language"]), [0, 0])[int(_harmful(tp))] += 1
    big = {k: v for k, v in cells.items() if sum(v) >= 15}
    assert not [(k, v) for k, v in big.items() if v[1] / sum(v) >= 0.7], big
    no_lure = [k for k, v in big.items() if k[0] == "housing" and v[1] == 0]
    assert len(no_lure) <= 1, no_lure  # ~10 room-lure actors in a small world: one language may miss a turn
    room_langs = {p["language"] for tp, p in rows if tp["role"] == "housing_exploiter"}
    assert {"es", "it", "nl", "fr"} & room_langs, room_langs


# ---- P10: room ads' phones, prices and places -------------------------------------------------------------------

def test_careful_room_lures_give_a_local_number(rows: list[Row]) -> None:
    """P10: a hard lure in Sheffield on a German SIM (+49 171 …): a careful lure is a 'landlord' of that town."""
    bad = []
    for tp, p in rows:
        if tp["role"] == "housing_exploiter" and tp["hard"]:
            for ident in tp["identifiers"]:
                if ident["type"] == "phone":
                    region = phonenumbers.region_code_for_number(phonenumbers.parse(ident["value"]))
                    if region not in (p["country"], "UA"):
                        bad.append((p["url"], p["country"], ident["written"]))
    assert not bad, bad


def test_a_room_lure_in_polish_is_posted_in_poland(rows: list[Row]) -> None:
    """P10: Polish-language lures for Ukrainian women in Berlin and Leeds; abroad such a lure is in uk or ru."""
    bad = [(p["url"], p["country"]) for tp, p in rows
           if tp["role"] == "housing_exploiter" and p["language"] == "pl" and p["country"] != "PL"]  # fmt: skip
    assert not bad, bad


FREE = re.compile(r"(?i)kostenlos|\bfree\b|gratis|gratuit|ingyen|za darmo|grátis|бесплатно|безкоштовно")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_refugee_line_under_a_rent_is_never_free(lang: str) -> None:
    """P10: title 'Здам кімнату дівчині, Frankfurt, 560 €' above '… за офіційною програмою, безкоштовно'."""
    book = load(lang, "all")
    for k in range(40):
        cp = Composer(random.Random(k), book, Style(), {"rent": "560", "lure": ""}, Idents())
        cp.title = f"Room, 560 {geo.MONEY['DE'].symbol}"
        rendered = cp._render("hou.refugee")
        assert rendered is not None and not FREE.search(rendered[0]), (lang, rendered)


def test_a_room_ad_names_one_distance(rows: list[Row]) -> None:
    """P10: '10 min to the centre' in the opener and '7 min walk to the centre' in the room line."""
    bad = [(p["url"], p["text"][:120]) for tp, p in rows
           if tp["category"] == "housing" and len(re.findall(r"\d+\s?(?:min|perc|хв|мин)", p["text"], 2)) > 1]  # fmt: skip
    assert not bad, bad


# ---- P11: small text issues --------------------------------------------------------------------------------------

# (split, why) a first-person ad's language line is never 'she speaks little Spanish', in either half of the split
@pytest.mark.parametrize("split", ["train", "eval", "all"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_first_person_ad_does_not_speak_of_itself_in_the_third_person(lang: str, split: str) -> None:
    """P11: 'Hola, soy Maria … no habla español, solo inglés'; 'my name is Mia … she don't speak English'."""
    third = set(_raw(lang)["units"]["esc.nolang"]["a"][:2])
    book = load(lang, split)
    for k in range(30):
        cp = Composer(random.Random(k), book, Style(), {}, Idents(), voice="first")
        rendered = cp._render("esc.nolang")
        assert rendered is not None and rendered[0] not in third, (lang, split, rendered)
        cp.voice = "third"  # and a third-person ad never says 'I speak little Spanish'
        rendered = cp._render("esc.nolang")
        assert rendered is not None and rendered[0] != _raw(lang)["units"]["esc.nolang"]["a"][2], (lang, split, rendered)


def test_a_dutch_ad_says_little_dutch() -> None:
    """P11: nl 'spreekt weinig Engels' in a Dutch ad (the reader's language is the one she lacks)."""
    lines = [t for fam in ("a", "b") for t in _raw("nl")["units"]["esc.nolang"][fam]]
    assert all("Nederlands" in t for t in lines), lines


HIDDEN = re.compile(r"(?i)hidden numbers|unterdrückten|números ocultos|numéros masqués|rejtett számot|no anonimi|anonieme nummers|"
                    r"zastrzeżonych|zastrzezonych|atendo privados|la ascunse|скрытые не|приховані не")  # fmt: skip


def test_the_escort_hidden_number_line_stays_rare_outside_escort_ads(rows: list[Row]) -> None:
    """P11: '(no hidden numbers)' on 16 % of sellers, 18 % of drivers, 11 % of landlords; keep it to es/de, < 5 %."""
    for role in ("seller", "driver", "landlord"):
        posts = [p for tp, p in rows if tp["role"] == role and p["language"] not in ("es", "de")]
        share = sum(bool(HIDDEN.search(p["text"])) for p in posts) / max(1, len(posts))
        assert share < 0.05, (role, share)


@pytest.mark.parametrize("region", ["NL", "DE", "PL", "UA", "GB", "IT", "RO", "HU", "ES", "PT", "FR", "BE", "AT", "IE"])
def test_a_drawn_phone_is_a_mobile_not_a_pager(region: str) -> None:
    """P11: Dutch 066 pager numbers written '+31 66 2460135' (13 of 93 Dutch numbers)."""
    rng = random.Random(region)
    kinds = Counter(phonenumbers.number_type(geo.new_phone(rng, region)) for _ in range(200))
    assert set(kinds) <= {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}, kinds


# (role, careful?, most towns an actor's rooms are in, why)
ROOM_TOWNS = [
    ("landlord", None, 1, "one number on rooms in Graz and Klagenfurt: a landlord lets rooms where he lives"),
    ("housing_exploiter", True, 1, "a careful lure is a 'landlord' of one town (Glasgow, Birmingham, Reading on one SIM)"),
    ("housing_exploiter", False, 2, "a loud one in two at most (Firenze, Brescia, Verona, Livorno on one +49)"),
]


@pytest.mark.parametrize(("role", "careful", "most", "why"), ROOM_TOWNS)
def test_an_actors_rooms_are_in_one_or_two_towns(rows: list[Row], role: str, careful: bool | None, most: int,
                                                 why: str) -> None:  # fmt: skip
    """W7's reading of seed 22 (not in review 8): the same phone let rooms all over a country."""
    towns: dict[tuple[str, str], set[str]] = {}
    hard: dict[str, bool] = {}
    for tp, p in rows:
        if tp["role"] == role and tp["category"] == "housing" and p["country"] != "BE":
            towns.setdefault((tp["actor"], p["country"]), set()).add(p["location"])
            hard[tp["actor"]] = hard.get(tp["actor"], False) or bool(tp["hard"] and role != "landlord")
    # a careful lure's posts are hard ones; a loud actor may have a hard post too, so 'careful' is all-or-none here
    bad = [(k, sorted(v)) for k, v in towns.items() if len(v) > most and (careful is None or careful == hard[k[0]])]
    assert not bad, (why, bad)
