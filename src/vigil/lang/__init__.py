"""Per-language knowledge as data: ``src/vigil/lang/<code>/<pack>.yaml``.

Adding a language is adding a folder. Each pack is a YAML file that a linguist can review;
its consumer (the extractors, the signal stage) registers a schema check, and every pack is
checked when first loaded. Loading is lazy and cached per (language, pack).

Pack names in use: ``numbers`` (spelled-out digits), ``context`` (context words per entity type),
``indicators`` (risk indicators). A language overrides only what it has: ``xx`` holds
language-independent defaults (emoji, look-alike characters).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import yaml

from vigil.errors import LangDataError

Validator = Callable[[str, Any], None]  # (path, data) -> None, raises LangDataError
_VALIDATORS: dict[str, Validator] = {}


def register_schema(pack: str, validator: Validator) -> None:
    """Let a consumer check a pack's structure; called at the consumer's import time."""
    _VALIDATORS[pack] = validator


def languages() -> list[str]:
    """Language codes that have a folder here (``xx`` = shared defaults)."""
    root = resources.files(__package__)
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))


def languages_with(pack: str) -> list[str]:
    root = resources.files(__package__)
    return [c for c in languages() if root.joinpath(c, f"{pack}.yaml").is_file()]


@cache
def load_pack(code: str, pack: str) -> Any:
    """The parsed pack, or ``None`` when the language has none. Raises ``LangDataError``."""
    ref = resources.files(__package__).joinpath(code, f"{pack}.yaml")
    if not ref.is_file():
        return None
    path = f"vigil/lang/{code}/{pack}.yaml"
    try:
        data = yaml.safe_load(ref.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise LangDataError(path, f"invalid YAML: {exc}") from exc
    validator = _VALIDATORS.get(pack)
    if validator is not None:
        validator(path, data)
    return data
