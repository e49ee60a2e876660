"""Wallets: accepted only with a valid checksum (precision 1.0 is the target)."""

from __future__ import annotations

import random

import pytest

from tests.extract.helpers import values
from vigil.crypto import (
    base58check_encode,
    bech32_encode,
    convertbits,
    eip55,
    keccak256,
    xmr_encode,
)

RNG = random.Random(4)
_BTC = base58check_encode(b"\x00" + RNG.randbytes(20))
_P2SH = base58check_encode(b"\x05" + RNG.randbytes(20))
_SEG = bech32_encode("bc", [0, *convertbits(RNG.randbytes(20), 8, 5)], 1)
_TAP = bech32_encode("bc", [1, *convertbits(RNG.randbytes(32), 8, 5)], 0x2BC830A3)
_ETH = RNG.randbytes(20).hex()
_TRX = base58check_encode(b"\x41" + RNG.randbytes(20))
_XMR_BODY = b"\x12" + RNG.randbytes(64)
_XMR = xmr_encode(_XMR_BODY + keccak256(_XMR_BODY)[:4])


def _flip(s: str, i: int = -3) -> str:
    c = s[i]
    return s[:i] + ("2" if c != "2" else "3") + s[i + 1:] if i != -1 else s[:-1] + ("2" if c != "2" else "3")


CASES = [
    (f"BTC {_BTC}", [f"btc:{_BTC}"], "P2PKH Base58Check"),
    (f"btc: {_P2SH}", [f"btc:{_P2SH}"], "P2SH"),
    (f"pay {_SEG}", [f"btc:{_SEG}"], "SegWit v0 bech32"),
    (f"pay {_SEG.upper()}", [f"btc:{_SEG}"], "upper-case bech32 is valid, value lower-cased"),
    (f"pay {_TAP}", [f"btc:{_TAP}"], "Taproot bech32m"),
    (f"eth 0x{eip55(_ETH)}", [f"eth:0x{_ETH}"], "EIP-55 checksummed"),
    (f"eth 0x{_ETH}", [f"eth:0x{_ETH}"], "all lower case carries no checksum"),
    (f"USDT TRC20 {_TRX}", [f"trx:{_TRX}"], "TRON"),
    (f"XMR {_XMR}", [f"xmr:{_XMR}"], "Monero standard address"),
    ("genesis 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", ["btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"], "public test vector"),
    (f"bad {_flip(_BTC)}", [], "Base58Check checksum broken"),
    (f"bad {_flip(_SEG)}", [], "bech32 checksum broken"),
    ("bad 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", [], "EIP-55 mixed case wrong"),
    (f"bad {_flip(_TRX)}", [], "TRON checksum broken"),
    (f"bad {_flip(_XMR, 20)}", [], "Monero checksum broken"),
    ("tx 0xabcdef0123456789abcdef0123456789abcdef01234567", [], "too long for an address"),
]


@pytest.mark.parametrize(("text", "expected", "why"), CASES)
def test_wallet(text: str, expected: list[str], why: str) -> None:
    assert values(text, "wallet") == expected, why


def test_keccak_and_eip55_vectors() -> None:
    assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    assert eip55("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed") == "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
