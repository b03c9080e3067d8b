"""What dateline knows beyond the article: first names' usual gender, well-known people and
the gender the news gives people it names in full, first names' nicknames, and verbs' classes.

The tables ship in dateline/data and are rebuilt by scripts in scripts/: first names from
Faker's US name lists, well-known people and genders from the PolNeAR training articles, nicknames from the
nicknames package, verb classes from WordNet 3.0.
"""

from __future__ import annotations

import functools
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    text = resources.files("dateline").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@functools.cache
def _first_names() -> dict[str, str]:
    return {row[0].lower(): row[1] for row in _rows("first_names.tsv")}


@functools.cache
def _known_people() -> dict[str, str]:
    return {row[0]: row[1] for row in _rows("known_people.tsv")}


@functools.cache
def _genders() -> dict[str, str]:
    return {row[0].lower(): row[1] for row in _rows("genders.tsv")}


@functools.cache
def _nicknames() -> frozenset[tuple[str, str]]:
    return frozenset((row[0], row[1]) for row in _rows("nicknames.tsv"))


@functools.cache
def _verb_classes() -> dict[str, str]:
    return {row[0]: row[1] for row in _rows("verb_classes.tsv")}


def reload() -> None:
    """Read the tables again (after a script rebuilt them)."""
    for table in (_first_names, _known_people, _genders, _nicknames, _verb_classes):
        table.cache_clear()


def is_nickname(a: str, b: str) -> bool:
    """Whether one first name is a nickname of the other ("Bernie", "Bernard"; "Ted", "Edward")."""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    return (a, b) in _nicknames() or (b, a) in _nicknames()


def person_gender(full_name: str) -> str | None:
    """'m' or 'f' for a person the news names in full and gives that gender, else None."""
    return _genders().get(" ".join(full_name.lower().split()))


def first_name_gender(name: str) -> str | None:
    """'m' or 'f' for a first name that usually has that gender, else None."""
    gender = _first_names().get(name.lower().rstrip("."))
    return gender if gender in {"m", "f"} else None


def is_first_name(name: str) -> bool:
    """Whether a word is a known first name, of either gender."""
    return name.lower().rstrip(".") in _first_names()


def full_name(surname: str) -> str | None:
    """The full name of the well-known person the news means by this surname alone."""
    return _known_people().get(surname.lower())


def verb_class(lemma: str) -> str | None:
    """WordNet's class of a verb in its commonest sense ("cognition" for "fathom"), if known."""
    return _verb_classes().get(lemma.lower())
