"""Review 6 (W3b): what an ad writer would never write: a minor in a sexual ad, 'workers for a
bar hostess', an escort's contact line in a company ad, a German border run from Poland."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any

import pytest

from vigil.world import geo
from vigil.world.compose import Composer, Idents, Style
from vigil.world.grammar import polish
from vigil.world.phrasebook import LANGUAGES, _raw, load

Row = tuple[dict[str, Any], dict[str, Any]]  # (truth of a post, the post)

_UNITS = (r"(?:y/?o|yrs|years?|(?-i:J)\.?|jr|jaar|jahre|lat|l\.|ani|anni|ans|años|anos|añitos|aninhos|éves|eves"
          r"|років|роки|рік|лет|года)")  # fmt: skip  # 'год' is left out: in Ukrainian it is an hour ('1 год')
_NAME = r"[^\W\d_][\w']+"
_AGE = re.compile(
    r"(?<![\d.:+/-])(\d{1,2})\s*" + _UNITS + r"(?![\w/])"
    r"|" + _NAME + r"\s*\((\d{1,2})\)"
    r"|" + _NAME + r",\s*(\d{1,2})(?![\d.:h%€$£]|[\s-]*(?:€|zł|zl|lei|ft|eur|km|m²|min|h[aä]nd|mains|mani|man[oã]|r[eę]c|k[eé]z|мин|рук)\w*)"
    r"|(?:sexy|szexi|секси|секcі|сексі)\s+(?:\w+\s+)?(\d{1,2})(?!\d)",
    re.IGNORECASE,
)


def stated_ages(text: str) -> list[int]:
    """Every age a post states ('Ioana, 17 anos', 'Lili (26)', 'мені 19 років', 'NEW Rita 18yo')."""
    return [int(next(g for g in m.groups() if g)) for m in _AGE.finditer(text)]


@pytest.fixture(scope="module")
def worlds(world_rows: Callable[..., list[Row]]) -> list[Row]:
    """The reviewer's seed 13 (small, eval families: where '17 años' was found) and one more seed (seed 15 small,
    which the review files read: shared, not generated again)."""
    return world_rows(13, "small", "eval") + world_rows(15, 2000)


@pytest.mark.parametrize(("text", "expected", "why"), [
    ("Ella es Ioana, 17 anos, cuerpazo", [17], "the review's case, typed without the tilde"),
    ("Hola cariño, me llamo Diana y tengo 17 años.", [17], "Spanish, stated in a sentence"),
    ("Я Sofia, 19 років, люблю приємне товариство", [19], "Ukrainian years"),
    ("Lili (26) тут новенька", [26], "an age in brackets after the name"),
    ("NEW hungarian Rita 18yo!!", [18], "a title's '18yo'"),
    ("NOWA Reka 20l. węgierka!!", [20], "Polish 'l.' for lat"),
    ("1 год 450 zł", [], "Ukrainian 'год' is an hour here"),
    ("ouvert 7j/7, Body to Body, 4 Hände", [], "days a week and four hands are no age"),
    ("Klassisch, Tantra, Body-to-Body, 4-Hand.", [], "a hyphenated four-hands is no age either"),
    ("Sie heißt Vika, 21J., traumhafter Körper", [21], "German 'J.' after the age"),
    ("Solo 30.07-03.08 aqui, L-D de 11 a 23h", [], "dates and hours are no age"),
    ("Tarif: 550 lei pe oră, Sună-mă 0736 962 597", [], "prices and phones are no age"),
])  # fmt: skip
def test_stated_age_reader(text: str, expected: list[int], why: str) -> None:
    assert stated_ages(text) == expected, why


def test_no_sexual_services_post_states_an_age_under_18(worlds: list[Row]) -> None:
    """Ethics (R3): a persona's drifted age is clamped at 18, in every language and kind of poster."""
    sexual = [(tp, p) for tp, p in worlds if tp["category"] in ("escort", "massage")]
    langs = {p["language"] for _, p in sexual}
    read = [(p, stated_ages(p["title"] + "\n" + p["text"])) for _, p in sexual]
    assert len(langs) >= 10, langs
    assert sum(1 for _, a in read if a) > 0.6 * len(read), "the reader finds the ages the posts state"
    minors = [(p["language"], p["source"], p["id"], a) for p, a in read if any(x < 18 for x in a)]
    assert not minors, minors


def _said(lang: str, unit: str, slots: dict[str, str], n: int = 120) -> set[str]:
    """Every line ``unit`` renders for these slots over ``n`` draws (a phone is there when a line needs it)."""
    base = {"city": "X", "city_gen": "X", "city_loc": "X", "company": "Acme", "role": load(lang).roles.get(slots.get("job", ""), "R"), "dest": "",
            "salary": "2000", "cur": "€", "month": "", "bed": "8", "name": "Ana"}  # fmt: skip
    base.update(slots)
    out = set()
    for i in range(n):
        cp = Composer(random.Random(i), load(lang), Style(), base, Idents(phone=geo.new_phone(random.Random(i), "DE")))
        cp.say(unit)
        out.update(cp.parts)
    return out


_WORKERS_FOR = re.compile(
    r"(?i)(workers|help|Arbeiter|Hilfe|trabajadores|ayuda|ouvriers|aide|lavoratori|aiuto|werknemers|hulp"
    r"|trabalhadores|ajuda|muncitori|ajutor|Helfer|Mitarbeiter)\s+(?:\(m/w/d\)\s+)?(for|für|para|pour|per|voor|pentru)\s+"
)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("job", "why"), [
    ("model", "a photo model is a person: 'workers for photo model' (review 6, R7)"),
    ("hostess", "a bar hostess is a person: 'aide pour hôtesse de bar', 'werknemers voor barhostess'"),
])  # fmt: skip
def test_a_person_job_is_not_staffed_with_workers(lang: str, job: str, why: str) -> None:
    lines = (_said(lang, "job.open.fraud", {"job": job, "dest": "X"}) | _said(lang, "job.open.legit", {"job": job})
             | _said(lang, "job.title.legit", {"job": job}))  # fmt: skip
    assert lines
    staffed = re.compile(_WORKERS_FOR.pattern + r"(?:\(m/w/d\) für )?" + re.escape(load(lang).roles[job]))
    bad = [t for t in lines if staffed.search(t)]
    assert not bad, (why, bad)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_workers_for_a_task_stays_possible(lang: str) -> None:
    """Hard negative: hotel cleaning is work to staff, so every opener stays in use for it."""
    lines = _said(lang, "job.open.fraud", {"job": "clean", "dest": "X"})
    assert len(lines) >= 2, lines


_HIDDEN = re.compile(r"\(.*(hidden|unterdr|ocultos|masqu|rejtett|anonim|anonieme|zastrze|privados|ascunse|скрыт|прихов)")
_CARAVAN = re.compile(r"(?i)caravan|Wohncontainer|Caravana|Mobil-home|Lakókocsi|Roulotte|Chalet|Kontener|Contentor|Rulot|Домик|Будиночок")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("unit", "slots", "bad", "expected", "why"), [
    ("con.phone", {"job": "clean"}, _HIDDEN, False, "a company's contact line has no '(no hidden numbers)' (R8)"),
    ("con.phone", {"ad": "escort"}, _HIDDEN, True, "an escort's has it: the line exists, the job filter is what removes it"),
    ("con.phone", {"ad": "item"}, _HIDDEN, None, "a seller's only in es/de ('abstenerse números ocultos': review 8, P11)"),
    ("job.legit.house", {"job": "care"}, _CARAVAN, False, "a carer lives with the family, not in a caravan (R7)"),
    ("job.legit.house", {"job": "warehouse"}, _CARAVAN, False, "a warehouse has no caravans on site (R7)"),
    ("job.legit.house", {"job": "agri"}, _CARAVAN, True, "a farm has them"),
])  # fmt: skip
def test_lines_fit_who_writes_them(lang: str, unit: str, slots: dict[str, str], bad: Any, expected: bool,
                                   why: str) -> None:
    lines = _said(lang, unit, slots, n=300)
    expected = lang in ("es", "de") if expected is None else expected  # a row that holds only in some languages
    assert any(bad.search(t) for t in lines) is expected, (why, sorted(lines))


@pytest.mark.parametrize("lang", [x for x in LANGUAGES if x not in ("ru", "uk")])
def test_no_eures_for_the_uk(lang: str) -> None:
    """The UK left EURES in 2021 (R7); another destination keeps the EURES line."""
    uk = _said(lang, "job.title.abroad", {"job": "clean", "dest": load(lang).dest["GB"]}, n=200)
    de = _said(lang, "job.title.abroad", {"job": "clean", "dest": load(lang).dest["DE"]}, n=200)
    assert not any("EURES" in t for t in uk), uk
    assert any("EURES" in t for t in de), de


@pytest.mark.parametrize(("lang", "countries", "why"), [
    ("de", {"DE", "AT"}, "Ukrainians at Przemyśl do not read German: a German ride is posted in DE/AT (R9)"),
    ("pl", {"PL"}, "a Polish ride lure is posted in Poland"),
])  # fmt: skip
def test_a_ride_lure_is_posted_where_its_language_is_read(worlds: list[Row], lang: str, countries: set[str],
                                                         why: str) -> None:
    rides = [(p["country"], p["source"], p["id"]) for tp, p in worlds
             if tp["role"] == "transport_exploiter" and p["language"] == lang]  # fmt: skip
    assert all(c in countries for c, *_ in rides), (why, rides)


@pytest.mark.parametrize(("text", "lang", "expected", "why"), [
    ("6 вільні місця", "uk", "6 вільних місць", "five and more take the genitive plural (R12)"),
    ("5 місця, виїзд о 6:00", "uk", "5 місць, виїзд о 6:00", "without the adjective too; a time is untouched"),
    ("3 вільні місця", "uk", "3 вільні місця", "hard negative: 2-4 keep the nominative plural"),
    ("залишилось 5 місць", "uk", "залишилось 5 місць", "already right"),
    ("6 свободных места", "ru", "6 свободных мест", "Russian: 'мест' after five"),
    ("4 места", "ru", "4 места", "hard negative: four seats"),
    ("6 wolne miejsca", "pl", "6 wolnych miejsc", "Polish: 'wolnych miejsc' after five"),
    ("2 wolne miejsca", "pl", "2 wolne miejsca", "hard negative: two seats"),
    ("На наш объект в Варшава", "ru", "На наш объект в Варшаве", "where one is: the locative (R12)"),
    ("Еду в Варшава", "ru", "Еду в Варшаву", "where one goes: the accusative"),
    ("квартира у Берлін", "uk", "квартира у Берліні", "Ukrainian locative"),
    ("назад у Берлін", "uk", "назад у Берлін", "hard negative: going back to Berlin, accusative = nominative"),
    ("Працюємо в Mannheim", "uk", "Працюємо в Mannheim", "a Latin name stays indeclinable"),
    ("Sprzedam pralka", "pl", "Sprzedam pralke", "the accusative, typed without diacritics"),
    ("Sprzedam pralka, ładna", "pl", "Sprzedam pralkę, ładna", "with diacritics in the post"),
    ("Sprzedam rower górski", "pl", "Sprzedam rower górski", "hard negative: masculine inanimate, no change"),
])  # fmt: skip
def test_numbers_cities_and_objects_agree(text: str, lang: str, expected: str, why: str) -> None:
    assert polish(text, lang) == expected, why


@pytest.mark.parametrize(("lang", "city", "expected", "why"), [
    ("pt", "London", "Londres", "'em Londres', not 'em London' (R12)"),
    ("it", "London", "Londra", "Italian exonym"),
    ("en", "London", "London", "hard negative: English keeps it"),
])  # fmt: skip
def test_london_by_its_exonym(lang: str, city: str, expected: str, why: str) -> None:
    assert geo.local_name(city, lang) == expected, why


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("age", "allowed"), [("19", False), ("22", False), ("23", True), ("35", True)])
def test_a_nurse_or_a_teacher_has_had_time_to_qualify(lang: str, age: str, allowed: bool) -> None:
    """A 19-year-old nurse (R12): the profession lines are drawn from 23 on; both lines stay in use then."""
    raw = _raw(lang)["units"]["dat.open"]
    jobs = {raw["a"][2].split("{age}")[1][:12], raw["b"][1].split("{age}")[1][:12]}
    lines = _said(lang, "dat.open", {"age": age}, n=200)
    assert any(any(j in t for j in jobs) for t in lines) is allowed, sorted(lines)


def test_a_messenger_line_is_in_the_ads_language(worlds: list[Row]) -> None:
    """'Telegram only 👉' was English in every language's spam and ads (R16); English posts keep it."""
    bad = [(p["language"], p["source"], p["id"]) for _, p in worlds if p["language"] != "en" and " only 👉" in p["text"]]
    seen = [p for _, p in worlds if p["language"] == "en" and " only 👉" in p["text"]]
    assert not bad, bad
    assert seen, "hard negative: the English line is still written"


def test_spam_is_more_than_four_pitches(worlds: list[Row]) -> None:
    """Singles, crypto bot, loan and '500 a day' only (R16): a giveaway and diet pills join them."""
    titles = {re.sub(r"\d+", "0", p["title"].lower()) for tp, p in worlds if tp["role"] == "spammer"}
    pitches = {k for t in titles for k, rx in _PITCH.items() if rx.search(t)}
    assert {"giveaway", "diet"} & pitches, sorted(titles)[:20]
    assert len(pitches) >= 5, pitches


_PITCH = {
    "giveaway": re.compile(r"iphone 0"), "diet": re.compile(r"0 (kg|kilo|кг)"),
    "loan": re.compile(r"loan|kredit|credit|crédito|prestito|lening|pożyczk|kölcsön|займ|кредит|позик|empr"),
    "crypto": re.compile(r"crypto|krypto|cripto|kripto|крипт|bitcoin"), "singles": re.compile(r"\?"),
}  # fmt: skip


def test_a_licensed_studio_or_agency_is_in_a_larger_city(worlds: list[Row]) -> None:
    """Zen Spa in Baião, a Budapest price in Tatabánya (R13): a studio sits in one of the 8 largest cities."""
    where = {(p["country"], p["location"]) for tp, p in worlds if tp["role"] == "agency"}
    assert where
    out = [(c, x) for c, x in where if geo._KEY_OF.get(x, x) not in geo.cities(c)[:8]]
    assert not out, out


_WORDS = "(?:kiss|hot|agency|jobs|vip|lux|angel|sweet|work|top|real|eu)"
_LOUD_WORD = re.compile(rf"(?i)^{_WORDS}\.|_{_WORDS}\d*$|[a-z]{_WORDS}$")  # 'agency.lumi', 'lila_hot7', 'milakiss'


@pytest.mark.parametrize(("role", "why"), [
    ("landlord", "'agency.lumi' letting a room (R14)"),
    ("seller", "'hot.lila' selling a sofa"),
    ("dater", "'@kiss.camila' looking for something real"),
    ("driver", "a car-pool driver"),
    ("housing_exploiter", "hard negative of the tell: the rooms' exploiters write as landlords do, alike"),
    ("transport_exploiter", "and the ride lures as drivers do"),
])  # fmt: skip
def test_private_posters_have_plain_handles(worlds: list[Row], role: str, why: str) -> None:
    posts = [p for tp, p in worlds if tp["role"] == role]
    # a controller's handle on a room or a ride links it to his network (by design): that is linkage, not register
    linked = {h for tp, p in worlds if tp["role"] in ("trafficker", "recruiter") for h in re.findall(r"[\w.]+", p["text"])}
    assert posts
    said = [h for p in posts for h in [p["author"], *re.findall(r"(?:@|Telegram |Signal |WhatsApp )([\w.]+)", p["text"])]
            if _LOUD_WORD.search(h) and h not in linked]  # fmt: skip
    assert not said, (why, said[:10])


def test_escort_handles_keep_their_register(worlds: list[Row]) -> None:
    """Hard negative: sex workers' and controllers' handles still say 'kiss', 'vip', 'hot' (a register, not a class)."""
    handles = [h for tp, p in worlds if tp["role"] in ("independent", "trafficker") for h in re.findall(r"@([\w.]+)", p["text"])]
    assert sum(1 for h in handles if _LOUD_WORD.search(h)) >= 3, handles[:20]


def test_a_refugee_host_describes_the_room(worlds: list[Row]) -> None:
    """The landlords' hard negatives were a refugee line and 'Signal only' (R17): a host describes the room."""
    hosts = [p for tp, p in worlds if tp["role"] == "landlord" and "refugee_welcome" in tp["indicators"]]
    others = [p for tp, p in worlds if tp["role"] == "landlord" and "refugee_welcome" not in tp["indicators"]]
    room = re.compile(r"\d+ ?(m²|m2|м²|м2)")
    assert len(hosts) >= 10
    assert sum(bool(room.search(p["text"])) for p in hosts) >= 0.75 * len(hosts)
    assert sum(bool(room.search(p["text"])) for p in others) < 0.75 * len(others), "hard negative: half of the others"


@pytest.mark.parametrize(("lang", "why"), [("de", "a +48 'coordinator' in a German ad for a job in Graz (R8)"),
                                           ("fr", "and in a French ad for a CDI in Le Mans")])  # fmt: skip
def test_a_domestic_job_has_no_foreign_coordinator(worlds: list[Row], lang: str, why: str) -> None:
    """The PL/RO coordinator belongs to English ads for work in GB, IE or NL."""
    posts = [p for tp, p in worlds if tp["role"] == "employer" and p["language"] == lang]
    odd = [(p["source"], p["id"], pl["value"]) for tp, p in worlds if tp["role"] == "employer" and p["language"] == lang
           for pl in tp["identifiers"] if pl["type"] == "phone" and pl["value"][:3] in ("+48", "+40")]  # fmt: skip
    assert posts
    assert not odd, (why, odd)


@pytest.mark.parametrize(("country", "dear", "cheap", "least", "why"), [
    ("ES", "Barcelona", "Zaragoza", 1.3, "Barcelona 440 € under Zaragoza 490 € (R15)"),
    ("HU", "Budapest", "Debrecen", 1.6, "Debrecen at Budapest's 170-180 000 Ft"),
    ("DE", "Munich", "Berlin", 1.1, "Munich dearer than Berlin"),
    ("PL", "Kraków", "Gdańsk", 1.1, "Kraków with Warsaw among the dearest"),
])  # fmt: skip
def test_rents_follow_the_city(country: str, dear: str, cheap: str, least: float, why: str) -> None:
    assert geo.rent_factor(country, dear) >= least * geo.rent_factor(country, cheap), why


def test_vienna_stays_in_austrias_range() -> None:
    """Hard negative: a Vienna room at 840 € (R15): Austria's range is Vienna's, so no capital mark-up."""
    hi = geo.MONEY["AT"].rent[1]
    assert hi * geo.rent_factor("AT", "Vienna") <= 800


@pytest.mark.parametrize(("country", "towns", "why"), [
    ("ES", {"Huelva", "Lepe", "Moguer", "Palos de la Frontera", "Cartaya", "Almonte"}, "Spanish strawberries (R7)"),
])  # fmt: skip
def test_strawberries_are_picked_where_they_grow(country: str, towns: set[str], why: str) -> None:
    picked = {geo.pick_town(random.Random(i), country) for i in range(50)}
    assert picked <= towns and len(picked) >= 3, (why, picked)


def test_farm_towns_elsewhere_stay_small_towns() -> None:
    """Hard negative: a German farm job is still in a town outside the ten largest cities."""
    picked = {geo.pick_town(random.Random(i), "DE") for i in range(50)}
    assert not picked & set(geo.cities("DE")[:10]) and len(picked) >= 10


_PHOTO = re.compile(r"(?i)photo|Foto|foto|poză|poza|zdjęcie|zdjecie|fotót|фото")


def test_landlord_hard_negatives_give_a_phone_and_describe_the_room(worlds: list[Row]) -> None:
    """R17: the landlords' hard negatives were three messenger-only posts with no room; a women-only flat-share
    (never the lure's 'women under 30, send photo') is one now, with a phone and the room described."""
    hard = [(tp, p) for tp, p in worlds if tp["role"] == "landlord" and tp["hard"]]
    women = [p for tp, p in worlds if tp["role"] == "landlord" and "women_only" in tp["indicators"]]
    assert len(hard) >= 5, len(hard)
    assert sum(any(i["type"] == "phone" for i in tp["identifiers"]) for tp, _ in hard) >= len(hard) / 2
    asked = [line for p in women for line in p["text"].split("\n") if _PHOTO.search(line) and "30" in line]
    assert women and not asked, asked
