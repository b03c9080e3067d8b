"""Shared fixtures: the English pipeline, loaded once per test session."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from dateline import nlp as pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The spaCy pipeline dateline runs (tagger, parser, lemmatizer, NER), loaded once."""
    return pipeline.load()


SYNTHETIC_NAMES = [
    ("Carla", "Jimenez"), ("Gary", "Whitfield"), ("Helen", "Okafor"), ("Marisol", "Vega"),
    ("Priya", "Raman"), ("Thomas", "Brennan"), ("Ana", "Costa"), ("David", "Levy"),
]  # fmt: skip
SYNTHETIC_PLACES = ["Port Alder", "Millbrook", "Riverside", "Springfield", "Greywater"]


def synthetic_article(i: int) -> str:
    """A short dated article with one direct quote; each i gives another text (another id)."""
    first, last = SYNTHETIC_NAMES[i % len(SYNTHETIC_NAMES)]
    place = SYNTHETIC_PLACES[i % len(SYNTHETIC_PLACES)]
    return (
        f"date 2020-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
        f"The {place} council voted {i + 5} to {i % 5} on Tuesday to reopen the old library.\n\n"
        f'"We waited {i + 2} weeks for this," said {first} {last}, the head of the library board.\n'
    )


def write_synthetic(folder: Path, n: int) -> list[Path]:
    """n synthetic articles as text files in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"{i:04d}.txt"
        path.write_text(synthetic_article(i), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="session")
def synthetic() -> Callable[[Path, int], list[Path]]:
    """Writes n short synthetic articles, each with one direct quote, into a folder."""
    return write_synthetic


def store_content(db: Path) -> tuple[list[tuple[object, ...]], ...]:
    """A store's quotes, people and times, without the ids the store gives."""
    with sqlite3.connect(db) as c:
        quotes = c.execute(
            "SELECT q.article_id, q.idx, q.kind, q.text, q.spans, q.cue_text, q.cue_start, q.speaker_name,"
            " q.mention_start, q.said_on, p.name FROM quotes q LEFT JOIN people p ON p.id = q.person_id"
            " ORDER BY q.article_id, q.idx"
        ).fetchall()
        people = c.execute("SELECT name FROM people ORDER BY key").fetchall()
        times = c.execute("SELECT * FROM times ORDER BY article_id, idx").fetchall()
    return quotes, people, times


@pytest.fixture(name="store_content", scope="session")
def store_content_fixture() -> Callable[[Path], tuple[list[tuple[object, ...]], ...]]:
    """Compares stores by what they hold: quotes, people and times."""
    return store_content
