"""What a reviewer reading generated posts would catch: contradictions and giveaway tokens."""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from typing import Any

import phonenumbers
import pytest

from vigil.world import geo
from vigil.world.compose import Composer, Idents, Style
from vigil.world.phrasebook import LANGUAGES, _raw, load

Row = tuple[dict[str, Any], dict[str, Any]]  # (truth of a post, the post)


@pytest.fixture(scope="module")
def rows(world_rows: Callable[..., list[Row]]) -> list[Row]:
    return world_rows(7, 3000)


@pytest.fixture(scope="module")
def big_rows(world_rows: Callable[..., list[Row]]) -> list[Row]:
    """A larger world for word statistics: in 3,000 posts a language's harmful posts come from two or
    three networks, and a word of one network's template reads as 'never benign' by chance."""
    return world_rows(7, 8000)


def _harmful(tp: dict[str, Any]) -> bool:
    return any(tp["risk"].values())


def _plain(text: str) -> str:
    """Lower case without diacritics: a post may be typed on a keyboard without them."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))


def _young_with_age(lang: str) -> list[str]:
    raw = _raw(lang)["units"]["esc.young"]
    return [t for fam in ("a", "b") for t in raw[fam] if re.search(r"(?<!\d)18(?!\d)", t)]


def test_youth_cues_that_state_an_age_only_go_to_personas_of_that_age(rows: list[Row]) -> None:
    phrases = {lang: [t.split(",")[-1].split("😇")[0].strip() for t in _young_with_age(lang)] for lang in LANGUAGES}
    seen = 0
    for tp, p in rows:
        if "youth" not in tp["indicators"]:
            continue
        text = _plain(p["title"] + "\n" + p["text"])
        if any(ph and re.search(re.escape(_plain(ph)) + r"(?![\d.])", text) for ph in phrases[p["language"]]):
            seen += 1
            # (a tour's dates '20.06-28.06' are no age, nor hours: 'o każdej porze 24h', '24/7')
            ages = set(re.findall(r"(?<![\d+])(1[89]|[2-5]\d)(?!\d|\.\d|h\b|/7)", p["title"] + " " + p["text"].split("\n")[0]))
            assert ages <= {"18"}, (p["title"], p["text"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_age_stating_youth_cue_is_drawn_for_18_only(lang: str) -> None:
    """Rendered directly (a world of one seed may hold no 18-year-old with such a cue)."""
    said = {}
    for age in ("18", "19"):
        texts = set()
        for i in range(200):
            cp = Composer(random.Random(i), load(lang), Style(), {"age": age, "city": "X", "name": "Ana"}, Idents())
            cp.say("esc.young")
            texts.update(cp.parts)
        said[age] = any(re.search(r"(?<!\d)18(?!\d)", t) for t in texts)
    assert said == {"18": bool(_young_with_age(lang)), "19": False}


@pytest.mark.parametrize("token", ["signal", "+380", "whatsapp"])
def test_contact_channels_and_number_origins_appear_in_both_classes(rows: list[Row], token: str) -> None:
    harm = sum(token in (p["title"] + " " + p["text"]).lower() for tp, p in rows if _harmful(tp))
    benign = sum(token in (p["title"] + " " + p["text"]).lower() for tp, p in rows if not _harmful(tp))
    assert harm and benign, f"{token!r}: harmful {harm}, benign {benign}"
    assert benign / (harm + benign) >= 0.15, f"{token!r} still nearly separates the classes ({harm} vs {benign})"


@pytest.mark.parametrize("category", ["housing", "transport", "job"])
def test_russian_and_ukrainian_are_written_by_benign_posters_too(rows: list[Row], category: str) -> None:
    for lang in ("ru", "uk"):
        benign = [tp for tp, p in rows if tp["category"] == category and p["language"] == lang and not _harmful(tp)]
        harm = [tp for tp, p in rows if tp["category"] == category and p["language"] == lang and _harmful(tp)]
        if harm:
            assert benign, f"every {lang} {category} post is harmful"


def test_a_realistic_share_of_harmful_posts_is_hard(rows: list[Row]) -> None:
    harm = [tp for tp, _ in rows if _harmful(tp)]
    hard = [tp for tp in harm if tp["hard"]]
    assert 0.12 <= len(hard) / len(harm) <= 0.3, f"{len(hard)} of {len(harm)} harmful posts are hard"
    # a room lure is hard by having no loud line, not by its cue count (review 10, R2); the others by count
    assert all(len(tp["indicators"]) <= 1 for tp in hard if tp["category"] != "housing"), "'hard' harmful: one cue"
    for role in ("recruiter", "trafficker"):
        assert any(tp["hard"] for tp in harm if tp["role"] == role), f"no hard {role} posts"


def test_lure_wages_stay_within_a_plausible_multiple_of_the_market(rows: list[Row]) -> None:
    checked = 0
    for tp, p in rows:
        if tp["role"] != "recruiter" or p["country"] not in geo.MONEY:
            continue
        m = geo.MONEY[p["country"]]
        for amount in re.findall(rf"(\d[\d ]{{2,}})\s?{re.escape(m.symbol)}", p["title"] + " " + p["text"]):
            value = int(amount.replace(" ", ""))
            assert value <= 2.0 * m.wage[1], (p["country"], value, p["title"])
            checked += 1
    assert checked > 20


def test_seller_prices_fall_within_their_items_range(rows: list[Row]) -> None:
    checked = 0
    for tp, p in rows:
        if tp["role"] != "seller":
            continue
        book, m = load(p["language"]), geo.MONEY[p["country"]]
        text = p["title"] + "\n" + p["text"]  # a title ending 'R16' and a text starting '290€' are two numbers
        found = [k for k, item in enumerate(book.items) if item.lower() in text.lower()]
        sym = re.escape(m.symbol)  # '75 000 Ft', '£160', '340 €'
        pairs = re.findall(r"(?<!\d)(?<!\d )(\d{1,3}(?: \d{3})+|\d+) ?" + sym + "|" + sym + r" ?(\d+)", text)
        prices = [(a or b).replace(" ", "") for a, b in pairs]
        if len(found) != 1 or not prices:
            continue  # a typo in the item's name
        lo, hi = geo.ITEM_EUR[book.item_index[found[0]]]
        rate, step = geo.EUR_RATE[m.currency], max(1, m.step // 2)
        for price in prices:
            assert lo * rate - step <= int(price) <= hi * rate + step, (p["title"], price)
            checked += 1
    assert checked > 50


def test_item_price_table_matches_every_phrasebook() -> None:
    for lang in LANGUAGES:
        assert len(_raw(lang)["items"]) == len(geo.ITEM_EUR), lang


def test_drivers_go_somewhere_else(rows: list[Row]) -> None:
    """A ride goes to another city (a volunteer's border run comes back home, so it names home twice)."""
    drivers = [p for tp, p in rows if tp["role"] == "driver" and not any(".tra.title.help." in f for f in tp["families"])]
    assert drivers
    for p in drivers:
        loc = p["location"]
        text = p["title"] + " " + p["text"]
        assert text.count(loc) <= 1, (loc, p["title"], p["text"])
        assert not re.search(r"(?<!\d)1 (places|plazas|plaatsen|seats|Plätze|posti|lugares|locuri)", text), text


def test_salons_and_agencies_never_speak_as_one_new_arrival(rows: list[Row]) -> None:
    new_in_town = {lang: {t for fam in ("a", "b") for t in _raw(lang)["units"]["esc.new"][fam]} for lang in LANGUAGES}
    for tp, p in rows:
        if tp["role"] == "agency" or tp["category"] == "massage":
            assert "new_in_town" not in tp["indicators"], p["text"]
            assert not any(t.split("{")[0].strip() and t.split("{")[0].strip() in p["text"]
                           for t in new_in_town[p["language"]] if len(t.split("{")[0].strip()) > 8), p["text"]


_WORD = re.compile(r"[^\W\d_]{3,}")


def _words_by_class(rows: list[Row], lang: str) -> tuple[int, Counter[str], int, Counter[str]]:
    harm, benign, n_harm, n_benign = Counter[str](), Counter[str](), 0, 0
    for tp, p in rows:
        if p["language"] != lang:
            continue
        words = set(_WORD.findall((p["title"] + " " + p["text"]).lower()))
        if _harmful(tp):
            n_harm += 1
            harm.update(words)
        else:
            n_benign += 1
            benign.update(words)
    return n_harm, harm, n_benign, benign


@pytest.mark.parametrize("lang", ["ro", "hu", "ru", "uk", "pl", "pt", "en"])
def test_benign_posters_of_each_language_use_the_lures_words_too(big_rows: list[Row], lang: str) -> None:
    """Words common in a language's harmful posts mostly occur in its harmless posts as well.

    Before benign phrasings were enriched, two thirds of the common words of Russian harmful posts
    (and half of Ukrainian) never occurred in a Russian (Ukrainian) benign post: a giveaway list.
    """
    n_harm, harm, _, benign = _words_by_class(big_rows, lang)
    assert n_harm >= 20, f"too few harmful {lang} posts to measure ({n_harm})"
    common = [w for w, k in harm.items() if k >= 0.1 * n_harm]
    never = sorted(w for w in common if not benign[w])
    assert len(never) <= 0.35 * len(common), f"{lang}: {len(never)} of {len(common)} common harmful words never benign: {never}"


def test_no_language_is_mostly_harmful(rows: list[Row]) -> None:
    """The language a post is written in must not be a cue by itself (Russian and Ukrainian were)."""
    langs = Counter[str](p["language"] for _, p in rows)
    for lang, n in langs.items():
        if n >= 50:
            n_harm = sum(1 for tp, p in rows if p["language"] == lang and _harmful(tp))
            assert n_harm / n <= 0.5, f"{lang}: {n_harm} of {n} posts are harmful"


def test_foreign_numbers_carry_their_country_code_unless_written_for_home_readers(rows: list[Row]) -> None:
    """'Ring me 067 …' in a Dutch ad cannot be dialled: a foreign number is written +380 …"""
    import phonenumbers

    from vigil.world.platforms import NATIVE

    foreign = 0
    for tp, p in rows:
        for ident in tp["identifiers"]:
            if ident["type"] != "phone" or ident["obfuscated"]:
                continue
            home = phonenumbers.region_code_for_number(phonenumbers.parse(ident["value"]))
            if home != p["country"] and NATIVE.get(home) != p["language"]:
                foreign += 1
                assert ident["written"].startswith("+"), (p["language"], p["country"], ident)
    assert foreign > 50


@pytest.mark.parametrize(("adult", "sloppy"), [(True, 0.6), (True, 0.35), (True, 0.2), (False, 0.5), (False, 0.15)])
def test_typing_without_diacritics_does_not_depend_on_the_role(adult: bool, sloppy: float) -> None:
    """Traffickers (sloppy 0.6) and independents, agencies, landlords (0.15-0.35) share one keyboard
    distribution; it was 'sloppy × 0.6', so harmful ro/hu/pt/es sex ads dropped diacritics, benign kept them."""
    rng = random.Random(3)
    mean = sum(float(Style.draw(rng, adult=adult, sloppy=sloppy).deaccent) for _ in range(4000)) / 4000
    assert 0.3 <= mean <= 0.45


def _share(rows: list[Row], role: str, test: Any) -> float:
    mine = [(tp, p) for tp, p in rows if tp["role"] == role]
    return sum(bool(test(tp, p)) for tp, p in mine) / max(1, len(mine))


def _has(kind: str) -> Any:
    return lambda tp, p: any(i["type"] == kind for i in tp["identifiers"])


def _local_phone(tp: dict[str, Any], p: dict[str, Any]) -> bool:
    phones = [i["value"] for i in tp["identifiers"] if i["type"] == "phone"]
    return bool(phones) and phonenumbers.region_code_for_number(phonenumbers.parse(phones[0])) == p["country"]


_CV = re.compile(r"(?i)\bCV\b|Lebenslauf|önéletrajz|contract|Vertrag|contrat|contrato|contratto|szerződés|umow|договір|договор")
# Structural cues that gave the class away in review 4 (share of a role's posts, seed 7): each side
# must now show the cue of the other side at least this often. Old values in the comments.
STRUCTURAL = [
    ("trafficker", "links a page", _has("url"), 0.08),  # was 0 (independents 24-41%)
    ("trafficker", "a number local to the post", _local_phone, 0.25),  # a guard: 35% here (16% in seed 11 before)
    ("agency", "a number foreign to the post", lambda tp, p: not _local_phone(tp, p), 0.03),  # was 0
    ("recruiter", "an e-mail", _has("email"), 0.15),  # was 7-10% (employers 50%)
    ("recruiter", "CV / contract words", lambda tp, p: _CV.search(p["title"] + "\n" + p["text"]), 0.2),  # was 10%
    ("employer", "only a phone (no e-mail, page, CV)", lambda tp, p: _has("phone")(tp, p) and not _has("email")(tp, p)
     and not _has("url")(tp, p) and not _CV.search(p["title"] + "\n" + p["text"]), 0.1),  # was 5%
]


@pytest.mark.parametrize(("role", "what", "test", "least"), STRUCTURAL, ids=[f"{r}: {w}" for r, w, *_ in STRUCTURAL])
def test_structural_cues_are_shared_across_the_classes(rows: list[Row], role: str, what: str, test: Any, least: float) -> None:
    assert _share(rows, role, test) >= least, f"{role}: {what} in {_share(rows, role, test):.0%} of posts"


def test_a_link_or_an_e_mail_belongs_to_one_actor(rows: list[Row]) -> None:
    owners: dict[str, set[str]] = {}
    for tp, _ in rows:
        for i in tp["identifiers"]:
            if i["type"] in ("url", "email"):
                owners.setdefault(i["value"], set()).add(tp["network"] or tp["actor"])
    assert owners and all(len(o) == 1 for o in owners.values()), [v for v, o in owners.items() if len(o) > 1][:5]


_FIRST = re.compile(r"(?i)Ring me|Text me|Llámame|Mándame|Chiamami|Scrivimi|Sună-mă|Bel me|Sms me|Ruf mich|Appelle-moi|"
                    r"Liga-me|I don't answer|I choose who|See my website|Visita il mio|Vezi site-ul meu|Mira mi web")


@pytest.mark.parametrize(("case", "bad"), [
    ("a salon or an ad about 'her' speaks as 'I'", lambda tp, p: tp["role"] in ("agency", "trafficker")
     and ({"third_person", "we_language"} & set(tp["indicators"])) and _FIRST.search(p["title"] + "\n" + p["text"])),
    ("'we present' and 'I work for myself' in one ad", lambda tp, p: "we_language" in tp["indicators"]
     and re.search(r"(?i)I work for myself|I answer myself|contesto yo misma|en veszem fel|lavoro per me", p["text"])),
    ("a woman of the post's own language 'speaks little' of it", lambda tp, p: "limited_language" in tp["indicators"]
     and (p["language"], p["country"]) in (("ro", "RO"), ("hu", "HU"))
     and re.search(r"(?i)rom[aâ]nc|magyar l[aá]ny", p["title"] + p["text"])),
])  # fmt: skip
def test_harmful_ads_do_not_contradict_themselves(rows: list[Row], case: str, bad: Any) -> None:
    hits = [f"{p['source']}/{p['id']}" for tp, p in rows if bad(tp, p)]
    assert not hits, f"{case}: {hits[:5]}"


def test_a_handle_year_is_the_writers_birth_year(rows: list[Row]) -> None:
    checked = 0
    for tp, p in rows:
        if tp["role"] not in ("independent", "dater"):
            continue
        years = [int(y) for i in tp["identifiers"] for y in re.findall(r"[a-z](19[89]\d|200\d)$", i["value"])]
        age = re.search(r"(?<!\d)(1[89]|[2-4]\d)(?!\d)", p["title"] + " " + p["text"].split("\n")[0])
        if years and age:
            checked += 1
            assert 2025 - years[0] - int(age.group(1)) in (0, 1), (p["title"], p["text"][:80], years)
    assert checked > 5


# (what, words, item classes it fits: 0 bike, 1 sofa, 2 phone, 3 pram, 4 tyres, 5 console, 6 washer, 7 table)
ITEM_LINES = [
    ("'works fine'", r"works|funktioniert|funciona|funziona|fonctionne|működik|działa|werkt|работает|працює", {2, 5, 6}),
    ("a charger", r"charger|Ladekabel|cargador|caricatore|chargeur|töltő|ładowark|oplader|carregador|зарядк", {2, 5}),
]


@pytest.mark.parametrize(("what", "words", "fits"), ITEM_LINES, ids=[w for w, *_ in ITEM_LINES])
def test_a_sale_line_fits_the_item(rows: list[Row], what: str, words: str, fits: set[int]) -> None:
    """'Used but works fine' was said of dining tables, 'charger included' of tyres (review 4)."""
    checked = 0
    for tp, p in rows:
        if tp["role"] != "seller":
            continue
        book = load(p["language"])
        found = [book.item_index[k] for k, item in enumerate(book.items) if item.lower() in p["title"].lower()]
        if len(found) == 1 and re.search("(?i)" + words, p["text"]):
            checked += 1
            assert found[0] in fits, (what, p["title"], p["text"])
    assert checked


@pytest.mark.parametrize(("role", "most"), [("agency", 3), ("spammer", 3)])
def test_reposts_are_not_verbatim_copies(rows: list[Row], role: str, most: int) -> None:
    """A studio's or a spammer's reposts vary (a version of the ad, its own typos and emoji): review 4
    found one salon's text, typo included ('Nuestro cetro ofrece'), in 6 identical posts."""
    texts = Counter[str](re.sub(r"\d", "#", p["text"]) for tp, p in rows if tp["role"] == role)
    top = texts.most_common(1)[0]
    assert top[1] <= most, top


def test_spam_has_no_photo_caption(rows: list[Row]) -> None:
    caption = re.compile(r"(?i)gallery|galería|galleria|galerie|More pics|More photos|Más fotos|Altre foto|Mehr Bilder")
    hits = [p["text"] for tp, p in rows if tp["role"] == "spammer" and caption.search(p["text"])]
    assert not hits, hits[:3]


def test_a_uk_number_outside_the_uk_has_its_country_code(rows: list[Row]) -> None:
    """'Tel 07710 047086' in a Dublin ad or an English ad for a job in Wrocław (review 4, N8)."""
    seen = 0
    for tp, p in rows:
        for i in tp["identifiers"]:
            if i["type"] == "phone" and i["value"].startswith("+44") and p["country"] != "GB" and not i["obfuscated"]:
                seen += 1
                assert i["written"].startswith("+"), (p["source"], p["id"], p["country"], i["written"])
    assert seen
