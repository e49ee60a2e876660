"""The generator's phrasings, per language, split into template families.

Each ``texts/<lang>.yaml`` holds units (a title, an opener, one cue sentence …); each unit has
two families, ``a`` and ``b``, of variants written the way ad writers write. A *split* chooses
which family a (language, unit) pair may use: ``train`` and ``eval`` are disjoint (the choice is a
stable hash of language and unit, so it differs across languages), ``all`` uses both. Detectors
tuned on ``train`` worlds are therefore measured on ``eval`` worlds with phrasings they never saw.

These phrasings are the world's own and must never be copied into, or generated from, Vigil's
indicator packs (``vigil.lang``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

SPLITS = ("train", "eval", "all")
FAMILIES = ("a", "b")
TIED = ("spm.",)  # a spam title and its body go together: same family, same variant index
LANGUAGES = ("en", "de", "nl", "fr", "it", "es", "pt", "ro", "pl", "hu", "uk", "ru")


class PhrasebookError(ValueError):
    """A phrasing file is missing a unit or a family; names the file and unit."""


def family_for(lang: str, unit: str, split: str) -> tuple[str, ...]:
    """The families a split may use for one (language, unit): disjoint for train and eval."""
    if split == "all":
        return FAMILIES
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; one of {SPLITS}")
    key = unit.split(".")[0] if unit.startswith(TIED) else unit  # tied units share one family
    first = hashlib.sha256(f"{lang}:{key}".encode()).digest()[0] % 2
    train = FAMILIES[first]
    return (train,) if split == "train" else (FAMILIES[1 - first],)


@dataclass(frozen=True, slots=True)
class Phrasebook:
    """One language's phrasings and vocabulary, narrowed to a split."""

    lang: str
    split: str
    countries: tuple[str, ...]
    digits: tuple[str, ...]
    nat: dict[str, str]
    dest: dict[str, str]
    roles: dict[str, str]
    items: tuple[str, ...]
    item_index: tuple[int, ...]  # each item's position in the file's full list (its price range in geo.ITEM_EUR)
    words: dict[str, str]
    units: dict[str, tuple[tuple[str, str], ...]]  # unit -> ((family, text), ...)
    cases: dict[str, tuple[str, str]]  # city -> (locative, genitive), for languages that decline names (pl)

    def variants(self, unit: str) -> tuple[tuple[str, str], ...]:
        """((family, template), ...) of a unit in this split."""
        try:
            return self.units[unit]
        except KeyError:
            raise PhrasebookError(f"texts/{self.lang}.yaml: no unit {unit!r}") from None


@cache
def _raw(lang: str) -> dict[str, Any]:
    path = resources.files(__package__).joinpath("texts", f"{lang}.yaml")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PhrasebookError(f"texts/{lang}.yaml: no phrasings for language {lang!r}") from None
    if not isinstance(data, dict) or data.get("lang") != lang:
        raise PhrasebookError(f"texts/{lang}.yaml: expected a mapping with lang: {lang}")
    return data


@cache
def load(lang: str, split: str = "all") -> Phrasebook:
    """The phrasebook of one language for one split (cached; files are read once)."""
    data = _raw(lang)
    units: dict[str, tuple[tuple[str, str], ...]] = {}
    for unit, fams in (data.get("units") or {}).items():
        if not isinstance(fams, dict) or set(fams) != set(FAMILIES):
            raise PhrasebookError(f"texts/{lang}.yaml: unit {unit!r} needs exactly families {FAMILIES}")
        chosen = tuple((f, str(t)) for f in family_for(lang, unit, split) for t in fams[f])
        if not chosen:
            raise PhrasebookError(f"texts/{lang}.yaml: unit {unit!r} has an empty family")
        units[unit] = chosen
    return Phrasebook(
        lang=lang,
        split=split,
        countries=tuple(data["countries"]),
        digits=tuple(str(d) for d in data["digits"]),
        nat=dict(data["nat"]),
        dest=dict(data["dest"]),
        roles=dict(data["roles"]),
        items=_split_list(lang, "items", tuple(data["items"]), split),
        item_index=_split_list(lang, "items", tuple(range(len(data["items"]))), split),
        words=dict(data["words"]),
        units=units,
        cases={str(k): (str(v[0]), str(v[1])) for k, v in (data.get("cases") or {}).items()},
    )


def _split_list(lang: str, name: str, values: tuple[Any, ...], split: str) -> tuple[Any, ...]:
    """Vocabulary lists split like phrasings: family a takes the even entries, b the odd ones."""
    if split == "all":
        return values
    fam = family_for(lang, f"vocab.{name}", split)[0]
    return values[FAMILIES.index(fam) :: 2]


def unit_names(lang: str) -> frozenset[str]:
    return frozenset((_raw(lang).get("units") or {}).keys())
