"""How a post is typed and voiced (review 5): one keyboard per post (P8), no 'our new girl' voice in an
independent's ad (P5), 'no language needed' only for readers foreign to the job's country (P6)."""

from __future__ import annotations

import random
import re
from typing import Any

import phonenumbers
import pytest

from vigil.world import contacts as c
from vigil.world.actors import Ctx
from vigil.world.behaviour import independent
from vigil.world.compose import Composer, Idents, Style
from vigil.world.phrasebook import LANGUAGES, load

_SLOT = re.compile(r"\{(\w+)\}")
_IDENT = {"phone", "handle", "email", "url", "wallet"}
# Slot values full of letters a keyboard without diacritics cannot type, 'ł' and 'ő' among them.
_VALUE = "Łódź Győr Coruña Ştefăneşti Smørrebrød"


def _composer(lang: str, fold: bool) -> Composer:
    book = load(lang, "all")
    names = {n for variants in book.units.values() for _, t in variants for n in _SLOT.findall(t)} - _IDENT
    slots = {n: _VALUE for n in names}
    slots.update(age="22", km="100")
    idents = Idents(phone=phonenumbers.parse("+48 512 345 678"), handle=("telegram", "lodz_girl"),
                    email="biuro@example.com", url="https://lodz.example.com/", wallet=("btc", "bc1qexample"))  # fmt: skip
    return Composer(random.Random(1), book, Style(), slots, idents, country="PL", fold=fold)


def _letters_off_the_keyboard(text: str) -> set[str]:
    return {ch for ch in text if ch.isalpha() and not ch.isascii()}


FOLDED = [
    ("pl", "'ł' has no Unicode decomposition: it survived while ą, ę, ś were dropped ('pocałunki … rol')"),
    ("hu", "a city in the contact line kept 'Győr' while the title said 'Gyor'"),
    ("es", "'A Coruña' in the contact line of a folded post"),
    ("ro", "'ş' and 'ă' in slot values"),
    ("pt", "slot values in a line with a phone"),
    ("fr", "'œ' has no decomposition either"),
    ("it", "slot values"),
    ("nl", "slot values"),
    ("de", "a German keyboard writes 'ae', 'oe', 'ue', 'ss'"),
]


@pytest.mark.parametrize(("lang", "why"), FOLDED, ids=[lang for lang, _ in FOLDED])
def test_a_post_typed_without_diacritics_has_none_anywhere(lang: str, why: str) -> None:
    """Every variant of every unit, title and contact lines included, rendered on a keyboard without diacritics."""
    cp = _composer(lang, fold=True)
    for unit, variants in cp.book.units.items():
        for k in range(len(variants)):
            cp.aligned = k
            cp.say(unit)
    cp.head("esc.title.first")
    text = cp.title + "\n" + cp.text()
    assert cp.parts and not _letters_off_the_keyboard(text), (why, sorted(_letters_off_the_keyboard(text)))


def test_a_post_typed_with_diacritics_keeps_them() -> None:
    """The hard negative of the table above: without folding the letters stay."""
    cp = _composer("pl", fold=False)
    for unit, variants in cp.book.units.items():
        for k in range(len(variants)):
            cp.aligned = k
            cp.say(unit)
    assert {"ł", "Ł", "ą", "ó"} <= _letters_off_the_keyboard(cp.text())


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang not in ("uk", "ru", "en")])
def test_a_fold_keeps_identifiers_exact(lang: str) -> None:
    cp = _composer(lang, fold=True)
    cp.say("con.phone")
    assert cp.planted and all(p.written in cp.text() for p in cp.planted)


NO_LANGUAGE = [
    ("de", "DE", True, "a German job in German: its readers speak German ('Sprache nicht notwendig' was drawn)"),
    ("hu", "HU", True, "a Hungarian job in Hungarian"),
    ("fr", "BE", True, "French is a language of Belgium"),
    ("en", "GB", True, "an English job in the UK"),
    ("ro", "IT", False, "a Romanian writing to Romanians about Italy: Italian is not needed"),
    ("pl", "DE", False, "a Polish ad for work in Germany"),
    ("uk", "PL", False, "a Ukrainian ad for work in Poland"),
    ("nl", "DE", False, "a Dutch ad for work in Germany"),
]


@pytest.mark.parametrize(("lang", "country", "local", "why"), NO_LANGUAGE, ids=[f"{lg}-{cc}" for lg, cc, *_ in NO_LANGUAGE])
def test_no_language_needed_only_for_readers_foreign_to_the_job(lang: str, country: str, local: bool, why: str) -> None:
    book = load(lang, "all")
    foreign = {t for _, t in book.variants("job.nolang")}
    home = {t for _, t in book.variants("job.nolang.local")}
    said = set()
    for seed in range(12):
        cp = _composer(lang, fold=False)
        cp.rng, cp.country = random.Random(seed), country
        cp.say("job.nolang", "no_language")
        said.add(cp.parts[0])
        assert ("no_language" in cp.indicators) is not local, why
    assert said <= (home if local else foreign) and said, (why, said)


def test_an_independent_never_writes_as_a_controller() -> None:
    """'We have a new girl from far away' is the controller's voice: 5 % of independents' ads took it and read
    as more controlled than the traffickers' own ads. She writes in the first person, or about herself in the third."""
    drafts = []
    for k in range(150):
        ctx = Ctx(rng=random.Random(k), split="all", actor=f"i{k}", role="independent", style=Style())
        independent(ctx)
        drafts += ctx.drafts
    assert len(drafts) > 300
    we = [d.text for d in drafts if "we_language" in d.indicators or any(".esc.open.we." in f for f in d.families)]
    assert not we, we[:3]
    assert any("third_person" in d.indicators for d in drafts), "she may describe herself in the third person"


@pytest.mark.parametrize(("lang", "joiner"), [("pt", " e "), ("de", " und "), ("en", " and "), ("ro", " și ")])
def test_a_split_phone_number_is_joined_in_the_ads_language(lang: str, joiner: str) -> None:
    """'929 0 ... and 25 079' in a Portuguese ad: the word between the halves is the ad's own."""
    seen = set()
    for seed in range(60):
        cp = _composer(lang, fold=False)
        cp.rng, cp.idents.obfuscate = random.Random(seed), 1.0
        cp.say("con.phone")
        seen |= {p.written for p in cp.planted if " ... " in p.written}
    assert seen and all(any(j in w for j in (joiner, " + ", " & ")) for w in seen), seen
    assert any(joiner in w for w in seen), seen
    if lang != "en":
        assert not any(" and " in w for w in seen), seen


WRONG_WORDS = [
    ("de", r"\bWir haben neues M", "a studio's own German: 'Wir haben ein neues Mädchen'"),
    ("de", r"Mitbewohnerin, Nichtraucher\b", "a woman flatmate is a 'Nichtraucherin'"),
    ("pl", r"\{role\} poszukiwany", "'hostessa w barze poszukiwany': the role is an activity or a woman"),
    ("en", r"from \{nat\} background", "'Our ladies are Ukrainian', not 'from Ukrainian background'"),
    ("ru", r"Новенькая", "the escort boards' word in a dater's title"),
    ("nl", r"\berste\b", "the German word in a Dutch ad"),
]


@pytest.mark.parametrize(("lang", "wrong", "why"), WRONG_WORDS, ids=[f"{lg}: {w}" for lg, w, _ in WRONG_WORDS])
def test_no_template_writes_a_wrong_word(lang: str, wrong: str, why: str) -> None:
    book = load(lang, "all")
    hits = [(unit, t) for unit, variants in book.units.items() for _, t in variants if re.search(wrong, t)]
    assert not hits, (why, hits)


def _render_with_typos(lang: str, unit: str, typos: float, k: int) -> str:
    cp = _composer(lang, fold=False)
    cp.slots.update(company="Flexclean S.R.L.", city="Madrid", name="Valentina", role="elderly care")
    cp.style, cp.noise_rng, cp.aligned = Style(typos=typos), random.Random(9), k
    if ".title" in unit:
        cp.head(unit)
        return cp.title
    cp.say(unit)
    return cp.text()


TYPO_UNITS = [
    ("de", "mas.title", False, "'Massgaestudio Paradise Massage': a studio's header is proofread"),
    ("en", "mas.open", False, "'Lovely laadies': a studio's first line"),
    ("ru", "job.open.fraud", False, "'педлагаем работу': a recruiter's first line"),
    ("es", "job.title.legit", False, "'…, Marid': a job title"),
    ("pt", "job.open.legit", False, "'Graande empresa': an employer's first line"),
    ("en", "esc.serv", True, "free text keeps its typo noise"),
    ("de", "job.house", True, "free text keeps its typo noise"),
]


@pytest.mark.parametrize(("lang", "unit", "noisy", "why"), TYPO_UNITS, ids=[f"{lg} {u}" for lg, u, *_ in TYPO_UNITS])
def test_typos_only_in_free_text_never_in_names(lang: str, unit: str, noisy: bool, why: str) -> None:
    n = len(load(lang, "all").variants(unit))
    clean = [_render_with_typos(lang, unit, 0.0, k) for k in range(n)]
    typed = [_render_with_typos(lang, unit, 1.0, k) for k in range(n)]
    assert (clean != typed) is noisy, (why, clean, typed)
    for text in typed:  # a name copied into the text is never misspelt
        for word in ("Flexclean", "Madrid", "Valentina"):
            assert word in text or word not in clean[typed.index(text)], (why, text)


HANDLES = [
    ("Camila", 1999, r"agency|jobs|work", "a dater's or an independent's own name never takes 'agency' or 'jobs'"),
    ("Bestplus Lda", None, r"kiss|sweet|angel|hot|vip|lux|\d", "a company's e-mail never takes 'kiss' ('kiss.bestpluslda@')"),
    ("Nordcare S.R.L.", None, r"kiss|sweet|angel|hot|vip|lux|\d", "a company's e-mail never takes 'kiss'"),
]


@pytest.mark.parametrize(("base", "born", "never", "why"), HANDLES, ids=[b for b, *_ in HANDLES])
def test_handle_words_fit_who_writes(base: str, born: int | None, never: str, why: str) -> None:
    rng = random.Random(5)
    made = [c.nickname(rng, base, born) for _ in range(300)] + [c.new_email(rng, base) for _ in range(100)]
    assert not [m for m in made if re.search(never, m.split("@")[0])], why
    assert all(re.sub(r"[^a-z]", "", base.lower()) in m for m in made), "the name is still in the handle"


def test_a_bare_handle_still_draws_every_word() -> None:
    """Spam, controllers and recruiters keep the mixed vocabulary ('agency', 'kiss', 'jobs')."""
    rng = random.Random(5)
    made = " ".join(c.nickname(rng) for _ in range(400))
    assert all(w in made for w in ("agency", "kiss", "jobs"))


def test_spam_names_its_messenger_before_the_handle(posts: list[dict[str, Any]], truth: dict[str, Any]) -> None:
    """'… only today, tavi1996.' read as a handle dropped mid-sentence; real spam says 'Write me on Telegram: @tavi1996'."""
    role = {(tp["source"], tp["id"]): tp["role"] for tp in truth["posts"]}
    spam = [p for p in posts if role[(p["source"], p["id"])] == "spammer"]
    assert spam
    bad = [p["text"] for p in spam if re.search(r", @?[\w.]+\.(\s|$)", p["text"])]
    assert not bad, bad[:3]
