"""Names and aliases introduced in the text: first person, third person, presenters and postfix forms."""

from __future__ import annotations

import pytest

from tests.extract.helpers import run, values

CASES = [
    ("Hi, I am Anna, 21", ["Anna"], "English"), ("my name is LENA", ["Lena"], "title-cased"),
    ("Hallo, ich bin Mara", ["Mara"], "German"), ("je m'appelle Chloé", ["Chloé"], "French"),
    ("Привет, я Маша", ["Маша"], "Russian 'я'"), ("меня зовут Оля", ["Оля"], "Russian"),
    ("mam na imię Kasia", ["Kasia"], "Polish"), ("I am Anna-Maria", ["Anna-Maria"], "hyphenated"),
    ("I am New here", [], "stop word"), ("ich bin neu", [], "lower case"), ("je suis Nouvelle", [], "French stop word"),
    ("I am Germany", [], "a country is not a name"),
]

# Postfix forms: the name opens the text or a line, or follows punctuation or a greeting.
AFTER = [
    ("Gift here :) 31, slim, natural", ["Gift"], "English postfix at the start"),
    ("Hi gents, Gift here", ["Gift"], "after a greeting and a comma"),
    ("Hey :) Sofia hier, 25, Krankenschwester", ["Sofia"], "German; Sofia is a town and a name"),
    ("Hoi heren, Mila hier", ["Mila"], "Dutch"), ("Olga aici :) 23 ani", ["Olga"], "Romanian"),
    ("Bianca qui :) 22 anni", ["Bianca"], "Italian"), ("Camila aquí :) 24 años", ["Camila"], "Spanish"),
    ("Luna aqui :) 24 anos", ["Luna"], "Portuguese"), ("Réka itt :) 22", ["Réka"], "Hungarian"),
    ("Szia, Nicole vagyok, 20 éves", ["Nicole"], "Hungarian 'X vagyok' (I am X)"),
    ("Kasia tutaj :) 25 lat", ["Kasia"], "Polish"), ("Аня здесь :) 23", ["Аня"], "Russian"),
    ("Віка тут :) 23", ["Віка"], "Ukrainian"), ("Coucou messieurs, ici Bianca", ["Bianca"], "French 'ici X'"),
    ("Click here for more photos", [], "a verb opening the line is not a name"),
    ("NEW HERE!! 22 years", [], "shouted words are not names"),
    ("Munich here until Friday", [], "the post's own location is not a name"),
    ("Booking: more info here", [], "a lower-case word is not a name"),
    ("Neu hier in Berlin", [], "German guard word"), ("Klick hier für Fotos", [], "German verb"),
    ("Sono qui per pochi giorni", [], "Italian 'I am here'"), ("Nouă aici, 21 ani", [], "Romanian 'new here'"),
    ("Zapraszam, jestem tutaj", [], "a lower-case word before tutaj"),
    ("Call Anna here tonight", [], "a name inside a sentence, not opening it"),
    ("**Begin Here** **Sales**", [], "a title-cased heading, not a name (real job ad)"),
    ("Ideas, then formally presenting Sourcing Initiatives", [], "'presenting' in prose is not a presenter"),
    ("Partners: Blik Book, DriftRock, Top10", [], "'book' is not an introducer"),
]

# Third-person and presenter introducers, with up to a few filler words before the name.
THIRD = [
    ("She is Gift, 31 yrs, beautiful body", ["Gift"], "English third person"),
    ("Her name is Precious and she is 24", ["Precious"], "her name is"),
    ("Meet Anna, 22, just arrived", ["Anna"], "meet"),
    ("We present our sweet Diana, 25 years.", ["Diana"], "presenter with two fillers"),
    ("Come meet our girl Joy, 23", ["Joy"], "come meet with fillers"),
    ("Meet new girls in your city", [], "'Meet new girls' is not a name (lower case)"),
    ("Meet New Girls Tonight", [], "'Meet New Girls': guard words, even capitalised"),
    ("Meet Local Singles", [], "guard words after 'meet'"), ("She is Ukrainian, 22", [], "a nationality is not a name"),
    ("Sie heißt Mara, 24J.", ["Mara"], "German"), ("Wir präsentieren unsere süße Lena, 21 Jahre.", ["Lena"], "German presenter"),
    ("Sie ist Studentin", [], "German noun after 'sie ist'"),
    ("Zij is Eva, 24 jr", ["Eva"], "Dutch"), ("Wij presenteren onze lieve Nika, 22 jaar.", ["Nika"], "Dutch presenter"),
    ("Elle s'appelle Chloé, 23 ans", ["Chloé"], "French"), ("Nous vous présentons notre douce Alina, 20 ans.", ["Alina"], "French presenter"),
    ("Lei è Irina, 30 anni", ["Irina"], "Italian"), ("Vi presentiamo la nostra dolce Kira, 24 anni.", ["Kira"], "Italian presenter"),
    ("Ella es Carla, 26 años", ["Carla"], "Spanish"), ("Os presentamos a nuestra dulce Luna, 23 años.", ["Luna"], "Spanish presenter"),
    ("Ela é a Jessica, 24 anos", ["Jessica"], "Portuguese with article"), ("Olá, sou a Eva, 19 anos", ["Eva"], "Portuguese 'sou a'"),
    ("Ea este Ioana, 21 ani", ["Ioana"], "Romanian"), ("Vă prezentăm pe dulcea noastră Roxana, 22 ani.", ["Roxana"], "Romanian presenter"),
    ("Ő Zsofi, 23 éves", ["Zsofi"], "Hungarian 'ő'"), ("Bemutatjuk édes Dorát, 21 éves.", ["Dora"], "Hungarian accusative -át -> -a"),
    ("Ismerd meg Lili-t, 22", ["Lili"], "Hungarian suffix after a hyphen"),
    ("Poznaj Anię, 23 lata", ["Ania"], "Polish accusative -ię -> -ia"),
    ("Przedstawiamy naszą słodką Olgę, 25 lat.", ["Olga"], "Polish accusative -ę -> -a after fillers"),
    ("Ona jest Kira, 22", ["Kira"], "Polish 'ona jest' keeps the nominative"),
    ("Представляем нашу сладкую Аню, 23 года.", ["Аня"], "Russian accusative -ю -> -я"),
    ("Это Аня, 23", ["Аня"], "Russian 'это'"), ("Её зовут Лера, 20 лет", ["Лера"], "Russian 'её зовут'"),
    ("Представляємо нашу милу Віку, 22 роки.", ["Віка"], "Ukrainian accusative -у -> -а"),
    ("Її звати Оля, 21", ["Оля"], "Ukrainian"),
    ("Conoce España con nosotros", [], "a country after a presenter"),
    ("Book Now, only 2 days", [], "guard word after 'book'"),
    ("Voici Paris by night", [], "a town after a presenter is not a name"),
    ("Это Москва, детка", [], "Russian: a town after 'это'"), ("Conosci Roma con noi", [], "Italian: a town"),
    ("Hier ist Schluss", [], "German noun after 'hier ist'"),
    ("Mila здесь :) 24", ["Mila"], "a given name that is also a town (pack also_names)"),
]


@pytest.mark.parametrize(("text", "expected", "why"), CASES + AFTER + THIRD)
def test_name(text: str, expected: list[str], why: str) -> None:
    assert values(text, "name", location="Munich") == expected, why


def test_rules_say_which_form_and_language_matched() -> None:
    got = {e.value: e.rule for e in run("Gift here :) 31. She is Joy. I am Anna", "name")}
    assert got == {"Gift": "name.after.en", "Joy": "name.third.en", "Anna": "name.intro.en"}


def test_span_is_the_name_as_written() -> None:
    (e,) = run("Poznaj Anię, 23 lata", "name")
    assert (e.raw, e.value) == ("Anię", "Ania")


def test_postfix_name_in_the_title() -> None:
    post_title = run("slim, natural", "name", title="Gift here 💋")
    assert [(e.value, e.field) for e in post_title] == [("Gift", "title")]
