"""The extraction packs in ``src/vigil/lang/<code>/``: their schema checks and merged, cached views.

Packs: ``numbers`` (spelled-out digits), ``context`` (phone/age/price words), ``names`` (name
introducers); in ``xx`` also ``lookalikes``, ``handles``, ``places`` and a language-independent
``context``. Checks are registered at import so that a broken pack fails loudly when first loaded,
naming its file. Merged views are built once per process (``functools.cache``).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from vigil.errors import LangDataError
from vigil.lang import languages_with, load_pack, register_schema

SHARED = "xx"


def _need(path: str, ok: bool, what: str) -> None:
    if not ok:
        raise LangDataError(path, what)


def _str_list(path: str, value: Any, where: str) -> None:
    _need(path, isinstance(value, list) and all(isinstance(w, str) and w for w in value), f"{where} must be a list of text")


def _entries(path: str, data: Any, key: str, required: Iterable[str]) -> None:
    _need(path, isinstance(data, dict) and isinstance(data.get(key), list), f"needs a list '{key}'")
    for i, e in enumerate(data[key]):
        _need(path, isinstance(e, dict), f"{key}[{i}] must be a mapping")
        for r in required:
            _need(path, r in e, f"{key}[{i}] lacks '{r}'")


def _check_numbers(path: str, data: Any) -> None:
    _entries(path, data, "digits", ("id", "digit", "words"))
    for e in data["digits"]:
        _need(path, e["digit"] in (*range(10), "+"), f"{e['id']}: digit must be 0-9 or '+'")
        _str_list(path, e["words"], f"{e['id']}.words")


def _check_context(path: str, data: Any) -> None:
    _need(path, isinstance(data, dict), "must be a mapping")
    if path.startswith(f"vigil/lang/{SHARED}/"):
        _entries(path, data, "currencies", ("id", "code", "words"))
        _str_list(path, data.get("tlds"), "tlds")
        _str_list(path, data.get("email", {}).get("at"), "email.at")
        _str_list(path, data.get("email", {}).get("dot"), "email.dot")
        return
    for key in ("phone", "not_phone"):
        _need(path, isinstance(data.get(key), dict), f"needs '{key}'")
        _str_list(path, data[key].get("words"), f"{key}.words")
    age = data.get("age")
    _need(path, isinstance(age, dict), "needs 'age'")
    for key in ("before", "after", "phrases"):
        _need(path, isinstance(age.get(key), list), f"age.{key} must be a list")
    _entries(path, data, "price_units", ("id", "unit", "words"))


def _check_names(path: str, data: Any) -> None:
    _entries(path, data, "introducers", ("id", "pattern"))
    _need(path, isinstance(data.get("not_names", []), list), "not_names must be a list")


def _check_lookalikes(path: str, data: Any) -> None:
    _entries(path, data, "lookalikes", ("id", "char", "digit"))
    for e in data["lookalikes"]:
        _need(path, isinstance(e["char"], str) and len(e["char"]) == 1, f"{e['id']}: char must be one character")


def _check_handles(path: str, data: Any) -> None:
    _entries(path, data, "platforms", ("id", "platform", "words", "hosts", "handle"))
    _str_list(path, data.get("not_handles"), "not_handles")


def _check_places(path: str, data: Any) -> None:
    _need(path, isinstance(data, dict) and isinstance(data.get("countries"), dict), "needs a 'countries' mapping")
    _str_list(path, data.get("not_places"), "not_places")


for _pack, _check in (("numbers", _check_numbers), ("context", _check_context), ("names", _check_names),
                      ("lookalikes", _check_lookalikes), ("handles", _check_handles), ("places", _check_places)):
    register_schema(_pack, _check)


def shared(pack: str) -> Any:
    """A pack from ``xx``; it must exist."""
    data = load_pack(SHARED, pack)
    if data is None:
        raise LangDataError(f"vigil/lang/{SHARED}/{pack}.yaml", "missing")
    return data


def per_language(pack: str) -> dict[str, Any]:
    """``{code: parsed pack}`` for every language that has this pack (``xx`` excluded)."""
    return {c: load_pack(c, pack) for c in languages_with(pack) if c != SHARED}


@cache
def digit_words() -> dict[str, tuple[str, str]]:
    """Lower-case word -> (digit or '+', language of first definition). Languages in code order."""
    out: dict[str, tuple[str, str]] = {}
    for code, data in per_language("numbers").items():
        for e in data["digits"]:
            for w in e["words"]:
                out.setdefault(w.lower(), (str(e["digit"]), code))
    return out


@cache
def words_for(pack: str, *keys: str) -> dict[str, str]:
    """Lower-case word -> language for a word list at ``pack[keys...]`` across all languages."""
    out: dict[str, str] = {}
    for code, data in per_language(pack).items():
        node: Any = data
        for k in keys:
            node = node.get(k) if isinstance(node, dict) else None
        for w in node or ():
            out.setdefault(str(w).lower(), code)
    return out
