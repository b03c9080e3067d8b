"""The SQLite store: its schema and one transactional, idempotent write path (`queries` reads).

Articles are keyed by the SHA-256 of their text, so writing an article twice changes nothing.
Each `write` is one transaction (WAL mode): a crash loses at most the batch in flight. Each quote
written becomes an occurrence of a quotation shared with its syndicated copies (`syndication`),
and each person entity is grouped with the same person's entities in other articles (`people`).
The schema is plain tables that any SQLite tool can read; docs/schema.md describes it.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import cast

from . import people, syndication
from .errors import StoreError
from .model import (
    Analysis,
    Article,
    Entity,
    EntityKind,
    Mention,
    Quote,
    QuoteKind,
    Role,
    Speaker,
    Time,
    TimeType,
)
from .queries import Queries

SCHEMA_VERSION = 3
MEMORY = ":memory:"

SCHEMA = (
    """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, url TEXT, title TEXT,
    published TEXT NOT NULL, text TEXT NOT NULL, ingested_at TEXT NOT NULL);
CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles (id), entity_id TEXT NOT NULL, idx INTEGER NOT NULL,
    name TEXT NOT NULL, kind TEXT NOT NULL, person_id INTEGER REFERENCES people (id),
    PRIMARY KEY (article_id, entity_id));
CREATE TABLE mentions (
    article_id TEXT NOT NULL, entity_id TEXT NOT NULL, idx INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_id, idx),
    FOREIGN KEY (article_id, entity_id) REFERENCES entities (article_id, entity_id));
CREATE TABLE roles (
    article_id TEXT NOT NULL, entity_id TEXT NOT NULL, idx INTEGER NOT NULL,
    role TEXT NOT NULL, affiliation TEXT,
    PRIMARY KEY (article_id, entity_id, idx),
    FOREIGN KEY (article_id, entity_id) REFERENCES entities (article_id, entity_id));
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles (id), idx INTEGER NOT NULL,
    kind TEXT NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    spans TEXT NOT NULL, cue_text TEXT, cue_start INTEGER, cue_end INTEGER,
    speaker_name TEXT, speaker_entity TEXT, mention_text TEXT, mention_start INTEGER, mention_end INTEGER,
    said_on TEXT NOT NULL, person_id INTEGER REFERENCES people (id),
    UNIQUE (article_id, idx));
CREATE TABLE times (
    article_id TEXT NOT NULL REFERENCES articles (id), idx INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL,
    PRIMARY KEY (article_id, idx));
CREATE TABLE errors (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, line INTEGER, reason TEXT NOT NULL,
    first_seen TEXT NOT NULL);
CREATE UNIQUE INDEX errors_once ON errors (source, ifnull(line, 0), reason);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX entities_person ON entities (person_id);
CREATE INDEX quotes_person ON quotes (person_id);
CREATE INDEX quotes_speaker ON quotes (speaker_name COLLATE NOCASE);
CREATE INDEX quotes_said_on ON quotes (said_on);
CREATE VIRTUAL TABLE quotes_fts USING fts5 (text, content = 'quotes', content_rowid = 'id');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO quotes_fts (rowid, text) VALUES (new.id, new.text);
END;
"""
    + people.SCHEMA
    + syndication.SCHEMA
)

_QUOTE_COLUMNS = (
    "kind, text, start, end, spans, cue_text, cue_start, cue_end,"
    " speaker_name, speaker_entity, mention_text, mention_start, mention_end, said_on"
)


def _statements(schema: str) -> list[str]:
    """The statements of a schema script, triggers whole."""
    out: list[str] = []
    for piece in schema.split(";"):
        if (
            out
            and out[-1].lstrip().upper().startswith("CREATE TRIGGER")
            and not out[-1].rstrip().endswith("END")
        ):
            out[-1] += ";" + piece
        elif piece.strip():
            out.append(piece)
    return [s for s in out if s.strip()]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Store(Queries):
    """A dateline database: `Store("dateline.db")`, or `Store(":memory:")` for tests.

    With `create=False` a missing database is an error rather than a new, empty one.
    `db` is the open connection, for SQL of your own.
    """

    def __init__(self, path: str | Path = "dateline.db", *, create: bool = True) -> None:
        self.path = str(path)
        if self.path != MEMORY:
            if Path(path).is_dir():
                raise StoreError(f"{path}: a directory, not a database")
            if not create and not Path(path).exists():
                raise StoreError(f"{path}: no such database (run 'dateline ingest' first)")
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
        except sqlite3.Error as e:
            raise StoreError(f"{path}: cannot open the database ({e})") from e
        try:
            self._open()
        except sqlite3.OperationalError as e:
            self.db.close()
            raise StoreError(f"{path}: cannot open the database ({e})") from e
        except sqlite3.DatabaseError as e:
            self.db.close()
            raise StoreError(f"{path}: not a SQLite database") from e
        except StoreError:
            self.db.close()
            raise

    def _open(self) -> None:
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA busy_timeout = 5000")
        tables = self._tables()
        if not tables:
            self._create()
            tables = self._tables()
        if "meta" in tables:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is not None and row[0] == "1":
                self._upgrade_from_1()
                row = ("2",)
            if row is not None and row[0] == "2":
                self._upgrade_from_2()
                row = (str(SCHEMA_VERSION),)
            if row is None or row[0] != str(SCHEMA_VERSION):
                found = row[0] if row else "none"
                raise StoreError(
                    f"{self.path}: schema version {found}, this dateline reads version {SCHEMA_VERSION}"
                )
        elif tables:
            raise StoreError(f"{self.path}: a SQLite database but not a dateline store (no 'meta' table)")
        if self.path != MEMORY:
            self._wal()
            self.db.execute("PRAGMA synchronous = NORMAL")

    def _tables(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def _create(self) -> None:
        """The schema, unless another dateline opening the same new file (two ingests started
        at once) creates it first: the immediate transaction waits for the other's to end."""
        with self._transaction():
            if not self._tables():
                for statement in _statements(SCHEMA):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def _wal(self) -> None:
        """WAL mode. Turning it on needs the file to itself for a moment, and SQLite does not
        wait for that (no busy timeout): another dateline opening the file may be reading it."""
        for _ in range(50):
            try:
                self.db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e):
                    raise
                time.sleep(0.1)
        self.db.execute("PRAGMA journal_mode = WAL")

    def _upgrade_from_1(self) -> None:
        """Version 1 had no quotations: add their tables and link every stored quote."""
        with self._transaction():
            for statement in _statements(syndication.SCHEMA):
                self.db.execute(statement)
            syndication.link_all(self.db)
            self.db.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")

    def _upgrade_from_2(self) -> None:
        """Version 2 had a person per full name: group every stored person entity into people
        across articles (people.py) and keep their aliases and roles with dates."""
        with self._transaction():
            self.db.execute("UPDATE quotes SET person_id = NULL")
            self.db.execute("UPDATE entities SET person_id = NULL")
            self.db.execute("DROP TRIGGER IF EXISTS entities_person_quotes")
            for table in ("aliases", "person_roles", "person_entities", "people"):
                self.db.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in _statements(people.SCHEMA):
                self.db.execute(statement)
            people.rebuild(self.db)
            self.db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # ------------------------------------------------------------ writes

    def write(self, analyses: Iterable[Analysis]) -> int:
        """Store a batch in one transaction; returns how many articles were new."""
        with self._transaction():
            noted: set[tuple[str, str]] = set()
            new = sum(self._insert(a, noted) for a in analyses)
            people.resolve(self.db, noted)
            return new

    def record_error(self, source: str, line: int | None, reason: str) -> None:
        """Remember a failed input; the same source, line and reason are stored once."""
        self.db.execute(
            "INSERT OR IGNORE INTO errors (source, line, reason, first_seen) VALUES (?, ?, ?, ?)",
            (source, line, reason, _now()),
        )

    def _insert(self, analysis: Analysis, noted: set[tuple[str, str]]) -> int:
        """Write one article's analysis unless stored; its person entities are noted for
        `people.resolve`, which gives them (and their quotes) their people after the batch."""
        a = analysis.article
        cur = self.db.execute(
            "INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
            (a.id, a.source, a.url, a.title, a.published.isoformat(), a.text, _now()),
        )
        if cur.rowcount == 0:
            return 0
        for i, e in enumerate(analysis.entities):
            self.db.execute(
                "INSERT INTO entities VALUES (?, ?, ?, ?, ?, NULL)", (a.id, e.id, i, e.name, e.kind)
            )
            self.db.executemany(
                "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)",
                [(a.id, e.id, j, m.text, m.start, m.end) for j, m in enumerate(e.mentions)],
            )
            self.db.executemany(
                "INSERT INTO roles VALUES (?, ?, ?, ?, ?)",
                [(a.id, e.id, j, r.role, r.affiliation) for j, r in enumerate(e.roles)],
            )
        for i, q in enumerate(analysis.quotes):
            sp, cue = q.speaker, q.cue
            m = sp.mention if sp else None
            cur = self.db.execute(
                f"INSERT INTO quotes (article_id, idx, {_QUOTE_COLUMNS}, person_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    *(a.id, i, q.kind, q.text, q.start, q.end, json.dumps([list(s) for s in q.spans])),
                    *((cue.text, cue.start, cue.end) if cue else (None, None, None)),
                    *((sp.name, sp.entity) if sp else (None, None)),
                    *((m.text, m.start, m.end) if m else (None, None, None)),
                    q.said_on,
                    None,
                ),
            )
            syndication.link(self.db, int(cur.lastrowid or 0), q.text, sp.name if sp else None)
        noted |= people.record(self.db, a, analysis.entities)
        self.db.executemany(
            "INSERT INTO times VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(a.id, i, t.text, t.start, t.end, t.type, t.value) for i, t in enumerate(analysis.times)],
        )
        return 1

    # ------------------------------------------------------------ reads

    def has(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Those of ids already stored."""
        wanted, known = list(ids), set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            known |= {r[0] for r in self.db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)}
        return known

    def analysis(self, article_id: str) -> Analysis | None:
        """The analysis stored for an article, as it was written; None when it is not stored."""
        row = self.db.execute(
            "SELECT id, source, url, title, published, text FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return None
        article = Article(
            id=row[0],
            source=row[1],
            url=row[2],
            title=row[3],
            published=dt.date.fromisoformat(row[4]),
            text=row[5],
        )
        args = (article_id,)
        mentions: dict[str, list[Mention]] = {}
        for eid, text, start, end in self.db.execute(
            "SELECT entity_id, text, start, end FROM mentions WHERE article_id = ? ORDER BY entity_id, idx",
            args,
        ):
            mentions.setdefault(eid, []).append(Mention(text, start, end))
        roles: dict[str, list[Role]] = {}
        for eid, role, affiliation in self.db.execute(
            "SELECT entity_id, role, affiliation FROM roles WHERE article_id = ? ORDER BY entity_id, idx",
            args,
        ):
            roles.setdefault(eid, []).append(Role(role, affiliation))
        entities = tuple(
            Entity(eid, name, cast(EntityKind, kind), tuple(mentions.get(eid, ())), tuple(roles.get(eid, ())))
            for eid, name, kind in self.db.execute(
                "SELECT entity_id, name, kind FROM entities WHERE article_id = ? ORDER BY idx", args
            )
        )
        quotes = tuple(
            Quote(
                kind=cast(QuoteKind, r[0]),
                text=r[1],
                spans=tuple((s, e) for s, e in json.loads(r[4])),
                cue=Mention(r[5], r[6], r[7]) if r[5] is not None else None,
                speaker=Speaker(r[8], r[9], Mention(r[10], r[11], r[12]) if r[10] is not None else None)
                if r[8] is not None
                else None,
                said_on=r[13],
            )
            for r in self.db.execute(
                f"SELECT {_QUOTE_COLUMNS} FROM quotes WHERE article_id = ? ORDER BY idx",
                args,
            )
        )
        times = tuple(
            Time(text, start, end, cast(TimeType, kind), value)
            for text, start, end, kind, value in self.db.execute(
                "SELECT text, start, end, type, value FROM times WHERE article_id = ? ORDER BY idx", args
            )
        )
        return Analysis(article, entities, quotes, times)
