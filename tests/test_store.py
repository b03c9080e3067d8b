"""The SQLite store, on analyses built by hand: round trip, idempotence, search, errors, safety."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline import store as store_module
from dateline.errors import StoreError
from dateline.model import Analysis, Article, Entity, Mention, Quote, Role, Speaker, Time
from dateline.store import Store

TABLES = ("articles", "entities", "mentions", "roles", "quotes", "times", "people", "errors", "quotes_fts")


def mention(text: str, words: str, start: int = 0) -> Mention:
    at = text.index(words, start)
    return Mention(words, at, at + len(words))


def library_article() -> Analysis:
    text = (
        '"We listened," said Helen Okafor, the library\'s director. "The council listened too." '
        "Okafor said the branch would open next week. Activists say it is overdue."
    )
    article = Article(text=text, published=dt.date(2019, 3, 8), source="library.txt", title="Sundays")
    okafor = Entity(
        "e1",
        "Helen Okafor",
        "person",
        (mention(text, "Helen Okafor"), mention(text, "Okafor", 40)),
        (Role("director", "Riverside Public Library"),),
    )
    library = Entity("e2", "Riverside Public Library", "organization", (mention(text, "library"),))
    said = mention(text, "said")
    first, second = mention(text, '"We listened,"'), mention(text, '"The council listened too."')
    speaker = Speaker("Helen Okafor", "e1", mention(text, "Helen Okafor"))
    quotes = (
        Quote(
            "direct",
            "We listened, The council listened too.",
            ((first.start, first.end), (second.start, second.end)),
            said,
            speaker,
            "2019-03-08",
        ),
        Quote(
            "indirect",
            "the branch would open next week",
            ((text.index("the branch"), text.index(" next week") + len(" next week")),),
            mention(text, "said", said.end),
            Speaker("Helen Okafor", "e1", mention(text, "Okafor", 40)),
            "2019-03-08",
        ),
        Quote(
            "indirect",
            "it is overdue",
            ((text.index("it is"), len(text) - 1),),
            mention(text, "say"),
            Speaker("Activists", None, mention(text, "Activists")),
            "2019-03-07",
        ),
    )
    times = (Time("next week", text.index("next week"), text.index("next week") + 9, "DATE", "2019-W11"),)
    return Analysis(article, (okafor, library), quotes, times)


def ferry_article() -> Analysis:
    text = 'Ferries will be cut, according to the authority. "If you miss it, you sleep there," Vega said.'
    article = Article(
        text=text, published=dt.date(2021, 10, 14), source="ferry.txt", url="https://example.org/f"
    )
    vega = Entity("e1", "Marisol Vega", "person", (mention(text, "Vega"),), (Role("baker"),))
    quotes = (
        Quote("indirect", "Ferries will be cut", ((0, 19),), None, Speaker("the authority"), "2021-10-14"),
        Quote(
            "direct",
            "If you miss it, you sleep there,",
            ((text.index('"If'), text.index(" Vega")),),
            mention(text, "said"),
            Speaker("Marisol Vega", "e1", mention(text, "Vega")),
            "2021-10-13",
        ),
    )
    return Analysis(article, (vega,), quotes, ())


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as s:
        s.write([library_article(), ferry_article()])
        yield s


def counts(store: Store) -> dict[str, int]:
    return {t: store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_analysis_round_trips(store: Store) -> None:
    for written in (library_article(), ferry_article()):
        assert store.analysis(written.article.id) == written
    assert store.analysis("0" * 64) is None


def test_an_analysis_without_anything_found_round_trips() -> None:
    bare = Analysis(Article(text="Nothing said.", published=dt.date(2020, 1, 1), source="-"))
    with Store(":memory:") as s:
        assert s.write([bare]) == 1
        assert s.analysis(bare.article.id) == bare


def test_writing_again_changes_nothing(store: Store) -> None:
    before = counts(store)
    assert before["articles"] == 2 and before["quotes"] == 5 and before["quotes_fts"] == 5
    assert store.write([ferry_article(), library_article(), ferry_article()]) == 0
    assert counts(store) == before


def test_has_and_known_ids(store: Store) -> None:
    library = library_article().article.id
    assert store.has(library) and not store.has("nope")
    assert store.known_ids([library, "nope", library]) == {library}
    assert store.known_ids(str(i) for i in range(1200)) == set()


@pytest.mark.parametrize(
    ("search", "texts"),
    [
        ("listened", ["We listened, The council listened too."]),
        ("COUNCIL listened", ["We listened, The council listened too."]),
        ("sleep", ["If you miss it, you sleep there,"]),
        ("council sleep", []),
        ('"unbalanced', []),
        ("NOT AND OR * - ^ :", []),
        (
            "   ",
            ["it is overdue", "We listened, The council listened too.", "the branch would open next week"],
        ),
    ],
)
def test_full_text_search_takes_any_user_text(store: Store, search: str, texts: list[str]) -> None:
    assert [r.text for r in store.quotes(search=search, limit=3)] == texts


@pytest.mark.parametrize(
    ("speaker", "count"),
    [("helen okafor", 2), ("Okafor", 2), ("OKAFOR", 2), ("vega", 1), ("activists", 1), ("Helen", 0)],
)
def test_speaker_by_full_name_surname_or_words(store: Store, speaker: str, count: int) -> None:
    rows = store.quotes(speaker=speaker)
    assert len(rows) == count


def test_quotes_in_date_order_between_dates(store: Store) -> None:
    rows = store.quotes()
    assert [r.said_on for r in rows] == ["2019-03-07", "2019-03-08", "2019-03-08", "2021-10-13", "2021-10-14"]
    assert rows[1].speaker == "Helen Okafor" and rows[1].cue == "said" and rows[1].title == "Sundays"
    since, until = dt.date(2019, 3, 8), dt.date(2021, 10, 13)
    assert [r.said_on for r in store.quotes(since=since, until=until)] == [
        "2019-03-08",
        "2019-03-08",
        "2021-10-13",
    ]


def test_people_and_person(store: Store) -> None:
    people = [p.to_dict() for p in store.people()]
    assert people == [
        {
            "name": "Helen Okafor",
            "aliases": ["Okafor"],
            "roles": ["director"],
            "affiliations": ["Riverside Public Library"],
            "quotes": 2,
        },
        {"name": "Marisol Vega", "aliases": ["Vega"], "roles": ["baker"], "affiliations": [], "quotes": 1},
    ]
    found = store.person("okafor")
    assert found is not None
    who, quotes = found
    assert who.name == "Helen Okafor" and len(quotes) == 2
    assert store.person("Nobody") is None


def test_one_person_across_articles_and_an_ambiguous_surname() -> None:
    a, b = library_article(), ferry_article()
    other = Analysis(
        Article(text="Anna Okafor spoke.", published=dt.date(2020, 1, 1), source="x"),
        (Entity("e1", "Anna Okafor", "person", (Mention("Anna Okafor", 0, 11),)),),
    )
    again = Analysis(
        Article(text="HELEN  OKAFOR spoke.", published=dt.date(2020, 1, 2), source="y"),
        (Entity("e1", "HELEN  OKAFOR", "person", (Mention("HELEN  OKAFOR", 0, 13),)),),
    )
    with Store(":memory:") as s:
        s.write([a, b, other, again])
        assert s.db.execute("SELECT count(*) FROM people").fetchone()[0] == 3
        with pytest.raises(
            StoreError,
            match=r"^'Okafor' names several people: Helen Okafor \(2 quotes\), Anna Okafor \(0 quotes\); "
            "give the full name$",
        ):
            s.person("Okafor")
        found = s.person("helen okafor")
        assert found is not None and found[0].name == "Helen Okafor" and found[0].quotes == 2
        assert s.stats() == {"articles": 4, "quotes": 5, "people": 2, "errors": 0}


def test_errors_are_recorded_once(store: Store) -> None:
    for _ in range(2):
        store.record_error("a.jsonl", 3, "malformed JSON (Expecting ',' delimiter)")
        store.record_error("bad.txt", None, "empty file")
    store.record_error("a.jsonl", 4, "no 'text' field")
    rows = store.db.execute("SELECT source, line, reason FROM errors ORDER BY id").fetchall()
    assert rows == [
        ("a.jsonl", 3, "malformed JSON (Expecting ',' delimiter)"),
        ("bad.txt", None, "empty file"),
        ("a.jsonl", 4, "no 'text' field"),
    ]
    assert store.stats()["errors"] == 3


def test_a_failed_batch_leaves_the_store_as_it_was(store: Store) -> None:
    before = counts(store)
    extra = Analysis(Article(text="Half a batch.", published=dt.date(2020, 1, 1), source="z"))

    def batch() -> Iterator[Analysis]:
        yield extra
        raise RuntimeError("killed mid-batch")

    with pytest.raises(RuntimeError):
        store.write(batch())
    assert counts(store) == before and not store.has(extra.article.id)


def test_a_file_store_uses_wal_and_reopens(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    with Store(path) as s:
        s.write([ferry_article()])
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(path, create=False) as s:
        assert s.analysis(ferry_article().article.id) == ferry_article()


def test_what_is_not_a_store_is_one_clear_error(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Not a database at all, just some notes that are long enough.\n" * 20, encoding="utf-8")
    with pytest.raises(StoreError, match=r"notes.txt: not a SQLite database$"):
        Store(notes)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(
        StoreError, match=r"other.db: a SQLite database but not a dateline store \(no 'meta' table\)$"
    ):
        Store(other)
    with pytest.raises(StoreError, match=r"missing.db: no such database \(run 'dateline ingest' first\)$"):
        Store(tmp_path / "missing.db", create=False)
    with pytest.raises(StoreError, match=r": a directory, not a database$"):
        Store(tmp_path)
    assert not (tmp_path / "missing.db").exists()


def test_a_store_another_process_is_creating_is_waited_for_not_created_twice(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another ingest, started at the same time, creating the store
    for statement in store_module._statements(store_module.SCHEMA):
        other.execute(statement)
    other.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(store_module.SCHEMA_VERSION),))
    threading.Timer(0.5, lambda: other.execute("COMMIT")).start()
    with Store(path) as store:  # finds no tables yet, then must wait for the other to finish
        store.write([ferry_article()])
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(path, create=False) as store:
        assert store.analysis(ferry_article().article.id) == ferry_article()
    other.close()
