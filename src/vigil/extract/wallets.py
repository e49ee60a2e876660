"""Crypto wallet addresses, accepted only when their checksum holds (precision over recall).

BTC: Base58Check (version 0x00 P2PKH, 0x05 P2SH) and Bech32/Bech32m SegWit (``bc1…``); ETH:
``0x`` + 40 hex, EIP-55 checksum required when mixed case; TRON (USDT-TRC20): Base58Check with
version 0x41; XMR: Monero block-Base58 with Keccak checksum, standard/subaddress/integrated.
Values: ``btc:…`` (bech32 lower-cased), ``eth:0x…`` (lower case), ``trx:…``, ``xmr:…``.
"""

from __future__ import annotations

import re

from vigil.crypto import base58check, eip55, keccak256, segwit_valid, xmr_decode
from vigil.extract.base import Doc, Found, Recognizer

_B58 = "1-9A-HJ-NP-Za-km-z"
_SHAPES = [  # (rule, full-match shape); one scan finds candidates, the shape picks the chain
    ("wallet.btc.base58", re.compile(rf"[13][{_B58}]{{25,34}}")),
    ("wallet.btc.bech32", re.compile(r"(?:bc1|BC1)[a-zA-Z0-9]{8,87}")),
    ("wallet.eth", re.compile(r"0x[0-9a-fA-F]{40}")),
    ("wallet.trx", re.compile(rf"T[{_B58}]{{33}}")),
    ("wallet.xmr", re.compile(rf"[48][{_B58}]{{94}}(?:[{_B58}]{{11}})?")),
]
_CANDIDATE = re.compile(r"(?<![\w])[0-9A-Za-z]{26,110}(?![\w])")
_XMR_NETWORK = {18: "standard", 42: "subaddress", 19: "integrated"}


def validate(rule: str, raw: str) -> tuple[str, dict[str, object]] | None:
    """(value, attrs) when ``raw`` is a valid address for the rule's chain, else ``None``."""
    if rule == "wallet.btc.base58":
        payload = base58check(raw)
        if payload is None or len(payload) != 21 or payload[0] not in (0x00, 0x05):
            return None
        return f"btc:{raw}", {"chain": "btc", "kind": "p2pkh" if payload[0] == 0 else "p2sh"}
    if rule == "wallet.btc.bech32":
        return (f"btc:{raw.lower()}", {"chain": "btc", "kind": "segwit"}) if segwit_valid(raw) else None
    if rule == "wallet.eth":
        body = raw[2:]
        mixed = body.lower() != body and body.upper() != body
        if mixed and eip55(body) != body:
            return None
        return f"eth:0x{body.lower()}", {"chain": "eth", "checksummed": mixed}
    if rule == "wallet.trx":
        payload = base58check(raw)
        if payload is None or len(payload) != 21 or payload[0] != 0x41:
            return None
        return f"trx:{raw}", {"chain": "trx", "token_hint": "USDT-TRC20"}
    if rule == "wallet.xmr":
        data = xmr_decode(raw)
        if data is None or len(data) not in (69, 77) or keccak256(data[:-4])[:4] != data[-4:]:
            return None
        kind = _XMR_NETWORK.get(data[0])
        if kind is None:
            return None
        return f"xmr:{raw}", {"chain": "xmr", "kind": kind}
    return None


class WalletRecognizer(Recognizer):
    type = "wallet"
    fields = ("title", "text", "url")

    @property
    def patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        return [("wallet", _CANDIDATE)]

    def accept(self, m: re.Match[str], rule: str, doc: Doc, field: str) -> Found | None:
        raw = m.group()
        rule = next((r for r, shape in _SHAPES if shape.fullmatch(raw)), "")
        got = validate(rule, raw) if rule else None
        if got is None:
            return None
        value, attrs = got
        conf = 0.9 if rule == "wallet.eth" and not attrs.get("checksummed") else 0.99
        return Found(value, rule, conf, attrs)
