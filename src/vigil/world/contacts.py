"""Contact identifiers (phones, handles, e-mails, URLs, crypto wallets) and how ads hide them.

Obfuscation follows what investigators report (Memex DIG; Tong et al. 2017; Europol): digits
spelled out in the ad's language, look-alike letters (O for 0, l for 1), separators between
digits, keycap emoji digits, '[at]'/'(dot)' in e-mails, handles split or prefixed. Every
identifier's truth value is the normalised form (E.164, lower-case e-mail, ``platform:handle``).
E-mail and web domains are reserved example domains (RFC 2606), never real services.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from vigil.crypto import BECH32_CONST, base58check_encode, bech32_encode, convertbits

_EMOJI_DIGITS = ["0️⃣", "1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]
_LOOKALIKE = {"0": "O", "1": "l", "5": "S", "8": "B", "2": "Z"}
MAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example.com", "post.example.org")
HANDLE_PLATFORMS = ("telegram", "instagram", "snapchat", "signal")
_SYLLABLES = ("an", "na", "li", "ka", "mi", "ra", "lu", "xo", "vi", "ta", "el", "sa", "zo", "ri", "ny", "la")


@dataclass(frozen=True, slots=True)
class Planted:
    """One identifier as written in a post, with its truth value."""

    type: str  # phone, email, handle, wallet, url
    value: str  # normalised
    written: str
    obfuscated: bool

    def to_truth(self) -> dict[str, object]:
        return {"type": self.type, "value": self.value, "written": self.written, "obfuscated": self.obfuscated}


_ALL_WORDS = ("vip", "lux", "kiss", "sweet", "real", "hot", "angel", "work", "jobs", "agency", "top", "eu")
_FLIRTY = re.compile(r"vip|xoxo|kiss|hot|lux")
_PERSON_WORDS = ("vip", "lux", "kiss", "sweet", "real", "hot", "angel", "top", "eu", "official")
# A recruiter's or a spammer's bare account reads as work or as a shop, never as an escort's ('@kiss.mivi' on a job
# ad, 'rivi_kiss27' selling loans: review 8, P7).
# An escort's handle or page, hers or her controller's, never says 'work'/'jobs'/'agency' ('agency-models' beside
# '100% independent', 'rilawork': review 12, P1); as many words as _ALL_WORDS, so a draw takes the same stream
ESCORT_WORDS = ("vip", "lux", "kiss", "sweet", "real", "hot", "angel", "girls", "lady", "new", "top", "eu")
WORK_WORDS = ("work", "jobs", "eu", "top", "info", "team", "hr", "euro")
SPAM_WORDS = ("info", "news", "top", "eu", "official", "club", "bonus", "deals", "win", "pro")


def nickname(rng: random.Random, base: str = "", born: int | None = None, plain: bool = False,
             words: tuple[str, ...] | None = None) -> str:
    """A handle-like name: 'anna_vip23', 'lux.kira', 'milakiss', 'anna1999' (her birth year when ``born``).

    The words follow who writes (review 5, P13): a person's own name ('Camila') never takes 'agency' or 'jobs',
    a company's ('Bestplus Lda') never 'kiss' ('jobs.bestpluslda'); a bare handle (spam, controllers, recruiters)
    draws from all of them, as such accounts do.
    """
    business, person = " " in base.strip(), base[:1].isupper() and " " not in base.strip()
    base = re.sub(r"[^a-z]", "", base.lower()) or "".join(rng.choice(_SYLLABLES) for _ in range(2))
    if base == "xoxo" and (plain or business or words):  # 'xoxojobs@' on a licensed agency (review 10, R9)
        base = "xona"
    if plain:  # a landlord, a seller, a driver, a dater and those posing as them: 'lumi_87', 'anna.k' (review 6, R14)
        style = rng.randrange(4)
        name = (f"{base}_{rng.randrange(1, 99)}", f"{base}.{rng.choice('abdgklmnprstw')}", f"{base}{born or rng.randrange(1970, 2004)}",
                f"{base}{rng.choice('abdgklmnprstw')}{rng.randrange(1, 9)}")[style]  # fmt: skip
        # syllables and a letter can spell an escort's word: '@lavip7' on a landlord (review 10, R9)
        return name if not _FLIRTY.search(name) else f"{base}_{len(name) * 7 % 90 + 3}"
    if business:
        word = rng.choice(("jobs", "work", "hr", "team", "info", "office", "career"))
        style = rng.randrange(4)
        return (f"{word}.{base}", f"{base}.{word}", base, f"{word}-{base}")[style]
    extras = words or (_PERSON_WORDS if person else _ALL_WORDS)
    style = rng.randrange(4)
    if style == 0:
        return f"{base}_{rng.choice(extras)}{rng.randrange(1, 99)}"
    if style == 1:
        return f"{rng.choice(extras)}.{base}"
    if style == 2:
        return f"{base}{rng.choice(extras)}"
    year = rng.randrange(1990, 2006)
    return f"{base}{born or year}"


_SIGNERS = {"PL": ("Marek", "Tomasz", "Dorota", "Agnieszka"), "RO": ("Andrei", "Mihai", "Ioana", "Cristina"),
            "HU": ("Laszlo", "Gabor", "Eva", "Zsuzsa"), "UA": ("Olena", "Ivan", "Oksana", "Serhii"),
            "PT": ("Joao", "Ana", "Rui", "Sofia"), "ES": ("Carmen", "Javier", "Lucia", "Jorge"),
            "DE": ("Klaus", "Sandra", "Jens", "Petra"), "AT": ("Klaus", "Sandra", "Jens", "Petra"),
            "NL": ("Bart", "Sanne", "Joost", "Ingrid"), "BE": ("Bart", "Sophie", "Wim", "Julie"),
            "FR": ("Sophie", "Julien", "Nathalie", "Olivier"), "IT": ("Luca", "Giulia", "Marco", "Paola"),
            "GB": ("Peter", "Sarah", "Mark", "Claire"), "IE": ("Sean", "Aoife", "Ciaran", "Niamh")}  # fmt: skip


def signer(rng: random.Random, country: str) -> str:
    """A person of ``country`` signing a job ad ('Marek K.', 'olena.k84'): a small firm's owner or a coordinator.

    Honest small employers and fake recruiters both sign as a person (review 6, R1), so the author field does
    not tell them apart; no 'kiss'/'hot' words here, unlike the escort handles.
    """
    name, initial = rng.choice(_SIGNERS.get(country, _SIGNERS["GB"])), rng.choice("ABDGKLMNPRSTW")
    if rng.random() < 0.6:
        return f"{name} {initial}."
    return f"{name.lower()}.{initial.lower()}{rng.randrange(60, 99)}"


def new_handle(rng: random.Random, base: str = "", platform: str | None = None, born: int | None = None,
               plain: bool = False, words: tuple[str, ...] | None = None) -> tuple[str, str]:
    """(platform, handle) for a messenger or social account (``plain``: no 'kiss'/'agency'/'jobs' words)."""
    return platform or rng.choice(HANDLE_PLATFORMS), nickname(rng, base, born, plain, words)


def new_email(rng: random.Random, base: str = "", words: tuple[str, ...] | None = None) -> str:
    return f"{nickname(rng, base, words=words)}@{rng.choice(MAIL_DOMAINS)}"


def new_url(rng: random.Random, base: str = "", born: int | None = None, words: tuple[str, ...] | None = None) -> str:
    name = re.sub(r"[^a-z0-9]+", "-", nickname(rng, base, born, words=words)).strip("-")
    return rng.choice((f"https://{name}.example.com/", f"https://example.net/{name}", f"http://www.example.org/{name}"))


def new_wallet(rng: random.Random) -> tuple[str, str]:
    """(coin, address) with valid checksums: BTC bech32, USDT on TRON (base58check), ETH."""
    body = bytes(rng.randrange(256) for _ in range(20))
    coin = rng.choice(("btc", "usdt", "usdt", "eth"))
    if coin == "btc":
        return coin, bech32_encode("bc", [0, *(convertbits(body, 8, 5) or [])], BECH32_CONST)
    if coin == "usdt":
        return coin, base58check_encode(b"\x41" + body)
    return coin, "0x" + body.hex()


# -- obfuscation ---------------------------------------------------------------------------


def obfuscate_digits(rng: random.Random, written: str, digit_words: list[str], joiner: str = "and") -> str:
    """Hide a written phone number from naive regexes, the way ad writers do (``joiner``: 'and' in the ad's language)."""
    style = rng.randrange(5)
    if style == 0:  # spelled out, a few digits or all
        parts = [digit_words[int(c)] if c.isdigit() and rng.random() < 0.6 else c for c in written if c != " "]
        return " ".join(parts)
    if style == 1:  # look-alike letters
        return "".join(_LOOKALIKE.get(c, c) if rng.random() < 0.5 else c for c in written)
    if style == 2:  # separators between digits
        sep = rng.choice((".", "-", " ", "*", "_", "/"))
        return sep.join(c for c in written if c != " ")
    if style == 3:  # keycap emoji digits, partly
        return "".join(_EMOJI_DIGITS[int(c)] if c.isdigit() and rng.random() < 0.7 else c for c in written)
    cut = len(written) // 2  # split across the text with a word between
    return f"{written[:cut]} ... {rng.choice(('+', joiner, '&'))} {written[cut:]}"


def obfuscate_email(rng: random.Random, email: str) -> str:
    local, domain = email.split("@")
    at = rng.choice((" [at] ", "(at)", " @ ", " at ", "🐶"))
    dom = domain.replace(".", rng.choice((" [dot] ", "(dot)", " . ", " dot ")))
    return f"{local}{at}{dom}"


def obfuscate_handle(rng: random.Random, platform: str, handle: str) -> str:
    label = {"telegram": ("t e l e g r a m", "tg", "teleg"), "instagram": ("insta", "IG", "i.g."),
             "snapchat": ("snap", "sc", "👻"), "signal": ("sgnl", "signal app")}[platform]  # fmt: skip
    split = " ".join(handle) if rng.random() < 0.4 else handle.replace("_", " _ ")
    return f"{rng.choice(label)}: {split}"
