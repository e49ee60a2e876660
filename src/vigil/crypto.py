"""Crypto address codecs: Base58Check, Bech32/Bech32m, Keccak-256 (EIP-55, Monero).

Encoding and checksums only, no detection: the extractors validate wallets with them and the
synthetic world writes valid ones. Pure Python so that no extra dependency is needed; Keccak-256 is the original Keccak padding
(Ethereum, Monero), which ``hashlib.sha3_256`` is not.
"""

from __future__ import annotations

import hashlib

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(B58)}
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_INDEX = {c: i for i, c in enumerate(BECH32)}
BECH32_CONST, BECH32M_CONST = 1, 0x2BC830A3


def b58decode(s: str) -> bytes | None:
    n = 0
    for c in s:
        i = _B58_INDEX.get(c)
        if i is None:
            return None
        n = n * 58 + i
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\x00" * (len(s) - len(s.lstrip("1"))) + body


def b58encode(data: bytes) -> str:
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\x00"))) + out


def _dsha(data: bytes) -> bytes:
    return hashlib.sha256(hashlib.sha256(data).digest()).digest()


def base58check(s: str) -> bytes | None:
    """The payload (version byte included) if the 4-byte double-SHA256 checksum holds."""
    raw = b58decode(s)
    if raw is None or len(raw) < 5 or _dsha(raw[:-4])[:4] != raw[-4:]:
        return None
    return raw[:-4]


def base58check_encode(payload: bytes) -> str:
    return b58encode(payload + _dsha(payload)[:4])


def _polymod(values: list[int]) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]


def bech32_decode(addr: str) -> tuple[str, list[int], int] | None:
    """(hrp, data without checksum, constant) or ``None``; mixed case is invalid (BIP-173)."""
    if addr.lower() != addr and addr.upper() != addr:
        return None
    addr = addr.lower()
    pos = addr.rfind("1")
    if pos < 1 or pos + 7 > len(addr) or len(addr) > 90:
        return None
    hrp, data = addr[:pos], [_BECH32_INDEX.get(c, -1) for c in addr[pos + 1:]]
    if -1 in data:
        return None
    const = _polymod(_hrp_expand(hrp) + data)
    if const not in (BECH32_CONST, BECH32M_CONST):
        return None
    return hrp, data[:-6], const


def bech32_encode(hrp: str, data: list[int], const: int) -> str:
    values = _hrp_expand(hrp) + data
    pm = _polymod([*values, 0, 0, 0, 0, 0, 0]) ^ const
    return hrp + "1" + "".join(BECH32[d] for d in data + [(pm >> 5 * (5 - i)) & 31 for i in range(6)])


def convertbits(data: list[int] | bytes, frm: int, to: int, pad: bool = True) -> list[int] | None:
    acc = bits = 0
    out: list[int] = []
    maxv = (1 << to) - 1
    for v in data:
        if v < 0 or v >> frm:
            return None
        acc = (acc << frm) | v
        bits += frm
        while bits >= to:
            bits -= to
            out.append((acc >> bits) & maxv)
    if pad and bits:
        out.append((acc << (to - bits)) & maxv)
    elif not pad and (bits >= frm or ((acc << (to - bits)) & maxv)):
        return None
    return out


def segwit_valid(addr: str) -> bool:
    """A valid Bitcoin mainnet SegWit address (BIP-173 v0 / BIP-350 v1+)."""
    dec = bech32_decode(addr)
    if dec is None or dec[0] != "bc" or not dec[1]:
        return False
    version, prog = dec[1][0], convertbits(dec[1][1:], 5, 8, False)
    if prog is None or not 2 <= len(prog) <= 40 or version > 16:
        return False
    if version == 0 and (len(prog) not in (20, 32) or dec[2] != BECH32_CONST):
        return False
    return not (version > 0 and dec[2] != BECH32M_CONST)


_RC = [
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000, 0x000000000000808B,
    0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008A, 0x0000000000000088,
    0x0000000080008009, 0x000000008000000A, 0x000000008000808B, 0x800000000000008B, 0x8000000000008089,
    0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
]
_ROT = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56], [27, 20, 39, 8, 14]]
_M = (1 << 64) - 1


def _rol(x: int, n: int) -> int:
    return ((x << n) | (x >> (64 - n))) & _M if n else x


def _keccak_f(a: list[list[int]]) -> None:
    for rc in _RC:
        c = [a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4] for x in range(5)]
        d = [c[(x - 1) % 5] ^ _rol(c[(x + 1) % 5], 1) for x in range(5)]
        for x in range(5):
            for y in range(5):
                a[x][y] ^= d[x]
        b = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                b[y][(2 * x + 3 * y) % 5] = _rol(a[x][y], _ROT[x][y])
        for x in range(5):
            for y in range(5):
                a[x][y] = b[x][y] ^ ((~b[(x + 1) % 5][y]) & b[(x + 2) % 5][y])
        a[0][0] ^= rc


def keccak256(data: bytes) -> bytes:
    rate = 136
    msg = bytearray(data) + b"\x01"
    msg += b"\x00" * (-len(msg) % rate)
    msg[-1] |= 0x80
    a = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        block = msg[off:off + rate]
        for i in range(rate // 8):
            a[i % 5][i // 5] ^= int.from_bytes(block[8 * i:8 * i + 8], "little")
        _keccak_f(a)
    return b"".join(a[i % 5][i // 5].to_bytes(8, "little") for i in range(4))


def eip55(addr_hex: str) -> str:
    """The EIP-55 mixed-case form of a 40-hex-digit address (no 0x)."""
    low = addr_hex.lower()
    h = keccak256(low.encode()).hex()
    return "".join(c.upper() if c.isalpha() and int(h[i], 16) >= 8 else c for i, c in enumerate(low))


_XMR_FULL = [0, 2, 3, 5, 6, 7, 9, 10, 11]  # encoded size for 0..8 bytes


def xmr_decode(s: str) -> bytes | None:
    """Monero's block Base58 (8 bytes -> 11 chars)."""
    out = bytearray()
    for off in range(0, len(s), 11):
        block = s[off:off + 11]
        if len(block) not in _XMR_FULL:
            return None
        size = _XMR_FULL.index(len(block))
        n = 0
        for c in block:
            i = _B58_INDEX.get(c)
            if i is None:
                return None
            n = n * 58 + i
        if n >> (8 * size):
            return None
        out += n.to_bytes(size, "big")
    return bytes(out)


def xmr_encode(data: bytes) -> str:
    out = ""
    for off in range(0, len(data), 8):
        block = data[off:off + 8]
        n, s = int.from_bytes(block, "big"), ""
        while n:
            n, r = divmod(n, 58)
            s = B58[r] + s
        out += s.rjust(_XMR_FULL[len(block)], "1")
    return out
