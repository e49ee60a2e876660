"""The recognizers, filled in one place, in the order they run.

Order matters only for shared per-post facts: places run before phones so that region
inference (``vigil.extract.region``) finds them already computed.
"""

from __future__ import annotations

from functools import cache

from vigil.extract.ages import AgeRecognizer
from vigil.extract.base import Recognizer
from vigil.extract.emails import EmailRecognizer
from vigil.extract.handles import HandleRecognizer
from vigil.extract.names import NameRecognizer
from vigil.extract.phones import PhoneRecognizer
from vigil.extract.places import PlaceRecognizer
from vigil.extract.prices import PriceRecognizer
from vigil.extract.wallets import WalletRecognizer
from vigil.extract.web import UrlRecognizer

RECOGNIZERS: tuple[type[Recognizer], ...] = (
    PlaceRecognizer, PhoneRecognizer, EmailRecognizer, UrlRecognizer, HandleRecognizer, WalletRecognizer,
    AgeRecognizer, PriceRecognizer, NameRecognizer,
)  # fmt: skip
TYPES: tuple[str, ...] = ("place", "phone", "email", "url", "domain", "handle", "wallet", "age", "price", "name",
                          "language")


@cache
def recognizers() -> tuple[Recognizer, ...]:
    return tuple(cls() for cls in RECOGNIZERS)
