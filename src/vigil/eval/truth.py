"""Reading a world's ground truth (``truth.json``; for large worlds also ``truth_posts.jsonl`` and
``truth_networks.jsonl`` beside it).

Eval never imports the generator: the truth file is the whole contract between them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vigil.errors import VigilError

FORMAT = "vigil-world-truth/1"
IDENT_TYPES = ("phone", "email", "handle", "wallet", "url")


def normalise(kind: str, value: str) -> str:
    """Compare URLs without scheme, 'www.', case of host or trailing slash; wallets without a chain prefix.

    Extractors differ on whether 'http://x' becomes 'https://x'; that difference is not an error.
    """
    if kind == "wallet":  # 'eth:0xab…' and '0xAB…' are one wallet; base58 addresses keep their case
        addr = value.strip().rpartition(":")[2]
        return addr.lower() if addr.lower().startswith(("0x", "bc1")) else addr
    if kind != "url":
        return value
    v = value.strip()
    for prefix in ("https://", "http://"):
        if v.lower().startswith(prefix):
            v = v[len(prefix) :]
            break
    host, sep, rest = v.partition("/")
    host = host.lower().removeprefix("www.")
    return (host + sep + rest).rstrip("/")


@dataclass(slots=True)
class Truth:
    """What eval needs from the truth, keyed by store post id."""

    path: Path
    category: dict[str, str] = field(default_factory=dict)
    risk: dict[str, dict[str, int]] = field(default_factory=dict)
    linked: dict[str, bool] = field(default_factory=dict)
    actor: dict[str, str] = field(default_factory=dict)
    identifiers: set[tuple[str, str, str]] = field(default_factory=set)  # (post, type, value)
    obfuscated: set[tuple[str, str, str]] = field(default_factory=set)
    networks: list[dict[str, Any]] = field(default_factory=list)
    platforms: list[dict[str, Any]] = field(default_factory=list)

    @property
    def posts(self) -> int:
        return len(self.category)

    def trafficking_networks(self) -> list[dict[str, Any]]:
        return [n for n in self.networks if n.get("trafficking")]


def _post_records(path: Path, head: dict[str, Any]) -> Iterator[dict[str, Any]]:
    if "posts" in head:
        yield from head["posts"]
        return
    file = path.parent / str(head.get("posts_file", "truth_posts.jsonl"))
    if not file.is_file():
        raise VigilError(f"{path}: per-post truth {file.name} is missing beside it")
    with file.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise VigilError(f"{file}:{n}: not JSON ({exc.msg})") from None


def _networks(path: Path, head: dict[str, Any]) -> list[dict[str, Any]]:
    if "networks_file" not in head:
        return list(head.get("networks", []))
    file = path.parent / str(head["networks_file"])
    try:
        return [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise VigilError(f"{file}: cannot read the networks truth ({exc})") from None


def load_truth(path: Path) -> Truth:
    """Load and check a truth file; a ``VigilError`` names the file, record and field on failure."""
    try:
        head = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VigilError(f"{path}: no such truth file; generate a world with 'vigil world generate'") from None
    except json.JSONDecodeError as exc:
        raise VigilError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(head, dict) or head.get("format") != FORMAT:
        raise VigilError(f"{path}: not a Vigil world truth file (expected format {FORMAT!r})")
    truth = Truth(path=path, networks=_networks(path, head), platforms=list(head.get("platforms", [])))
    for n, rec in enumerate(_post_records(path, head), 1):
        try:
            pid = rec["store_id"]
            truth.category[pid] = rec["category"]
            truth.risk[pid] = {k: int(v) for k, v in rec["risk"].items()}
            truth.linked[pid] = bool(rec["linked"])
            truth.actor[pid] = rec["actor"]
            for ident in rec.get("identifiers", []):
                key = (pid, ident["type"], normalise(ident["type"], ident["value"]))
                truth.identifiers.add(key)
                if ident.get("obfuscated"):
                    truth.obfuscated.add(key)
        except (KeyError, TypeError, AttributeError) as exc:
            raise VigilError(f"{path}: post record {n}: missing or malformed field {exc}") from None
    return truth
