"""Syndicated copies: each outlet's article is stored, and their quotes are one quotation."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from dateline.model import Analysis, Article, Mention, Quote, Speaker
from dateline.store import Store
from dateline.syndication import bands, same_speaker, shingles, similar

WIRE = (
    "The state will close the Old Mill Road bridge for repairs until the end of the month, "
    "and drivers should plan for delays of at least half an hour,"
)


def article(text: str, published: dt.date, url: str | None, source: str) -> Article:
    return Article(text=text, published=published, source=source, url=url)


def quoted(words: str, speaker: str | None, published: dt.date, url: str | None, source: str) -> Analysis:
    text = f'"{words}" said {speaker or "an official"}. Other news from {source} follows.'
    a = article(text, published, url, source)
    cue = Mention("said", len(words) + 3, len(words) + 7)
    who = Speaker(speaker, None, None) if speaker else None
    return Analysis(
        a, quotes=(Quote("direct", words, ((0, len(words) + 2),), cue, who, published.isoformat()),)
    )


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (WIRE, WIRE, True),
        (WIRE, WIRE.replace("half an hour", "30 minutes"), True),  # edited copy
        (WIRE, WIRE.split(" and drivers")[0], True),  # shortened copy: contained
        (WIRE, "Drivers should expect delays on every road in the county this winter.", False),
        ("No comment.", "no comment", True),
    ],
)
def test_near_duplicate_words(a: str, b: str, same: bool) -> None:
    assert similar(shingles(a), shingles(b)) is same
    if a == b:
        assert bands(shingles(a)) == bands(shingles(b))


def test_speakers_must_agree() -> None:
    assert same_speaker("domenic sarno", "sarno", short=False)
    assert same_speaker(None, "sarno", short=False)
    assert not same_speaker(None, "sarno", short=True)
    assert not same_speaker("helen okafor", "domenic sarno", short=False)


def test_a_wire_quote_in_three_outlets_is_one_quotation_seen_three_times() -> None:
    copies = [
        quoted(WIRE, "Carla Jimenez", dt.date(2020, 1, 18), "https://www.gazette.example/a", "a.html"),
        quoted(WIRE.replace("half an hour", "30 minutes"), "Jimenez", dt.date(2020, 1, 17), "https://wire.example/1", "b.html"),
        quoted(WIRE.split(" and drivers")[0], None, dt.date(2020, 1, 19), None, "folder/c.txt"),
        quoted("No comment.", "Carla Jimenez", dt.date(2020, 1, 17), None, "d.txt"),
        quoted("No comment.", "Gary Whitfield", dt.date(2020, 1, 17), None, "e.txt"),
    ]  # fmt: skip
    with Store(":memory:") as store:
        assert store.write(copies) == 5
        rows = store.quotes()
        assert store.stats()["quotes"] == 5
        wire = (WIRE.replace("half an hour", "30 minutes"), 3, ("wire.example", "gazette.example", "c.txt"))
        assert [(r.text, r.occurrences, r.outlets, r.first_seen) for r in rows] == [
            (*wire, "2020-01-17"),
            ("No comment.", 1, ("d.txt",), "2020-01-17"),
            ("No comment.", 1, ("e.txt",), "2020-01-17"),
        ]
        assert [r.occurrences for r in store.quotes(search="bridge")] == [3]
        assert [r.to_dict()["outlets"] for r in store.quotes(speaker="Carla Jimenez", search="bridge")] == [
            ["wire.example", "gazette.example", "c.txt"]
        ]
        assert store.db.execute("SELECT count(*) FROM quotations").fetchone() == (3,)


def test_a_version_1_store_is_upgraded_and_its_quotes_linked(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store(db) as store:
        store.write([quoted(WIRE, "Carla Jimenez", dt.date(2020, 1, 17), None, f"{i}.txt") for i in range(2)])
    with sqlite3.connect(db) as c:  # make it look like version 1: no quotations
        c.executescript(
            "DROP TABLE occurrences; DROP TABLE quotation_bands; DROP TABLE quotations;"
            "UPDATE meta SET value = '1' WHERE key = 'schema_version';"
        )
    with Store(db) as store:
        [row] = store.quotes()
        assert row.occurrences == 2
        assert store.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("3",)
