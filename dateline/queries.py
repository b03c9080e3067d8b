"""The questions dateline asks its store: who said what and when, who is quoted, how much.

`Store` answers them (it is a `Queries`); the rows are frozen dataclasses with their JSON form.
A quotation that several articles carry (syndicated copies) is one row, as first seen, with its
number of occurrences, its outlets and the first date it was published.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import StoreError
from .model import Role

SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})

_QUOTE_ROWS = """
WITH hits AS (
    SELECT q.id, o.quotation_id, row_number() OVER (
        PARTITION BY o.quotation_id ORDER BY a.published, q.said_on, a.source, q.idx) AS rank
    FROM quotes q JOIN articles a ON a.id = q.article_id JOIN occurrences o ON o.quote_id = q.id
    WHERE {where})
SELECT h.quotation_id, q.article_id, a.published, q.said_on, coalesce(p.name, q.speaker_name), q.cue_text,
       q.kind, q.text, a.source, a.title
FROM hits h JOIN quotes q ON q.id = h.id JOIN articles a ON a.id = q.article_id
LEFT JOIN people p ON p.id = q.person_id
WHERE h.rank = 1 ORDER BY q.said_on, a.published, a.source, q.idx
"""


@dataclass(frozen=True)
class QuoteRow:
    """One line of the who-said-what table: a quotation, as its first occurrence gives it, with
    how many articles carry it, their outlets and the first date it was published."""

    article_id: str
    published: str
    said_on: str
    speaker: str | None
    cue: str | None
    kind: str
    text: str
    source: str
    title: str | None
    occurrences: int = 1
    outlets: tuple[str, ...] = ()
    first_seen: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "outlets": list(self.outlets)}


def outlet(url: str | None, source: str) -> str:
    """Who published an article: its URL's host without `www.`, else its source's file name."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else Path(source).name


@dataclass(frozen=True)
class PersonRow:
    """A person across the store: the roles articles give them and how often they are quoted."""

    name: str
    roles: tuple[Role, ...]
    quotes: int

    @property
    def role_names(self) -> list[str]:
        return list(dict.fromkeys(r.role for r in self.roles))

    @property
    def affiliations(self) -> list[str]:
        return list(dict.fromkeys(r.affiliation for r in self.roles if r.affiliation))

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "roles": self.role_names,
            "affiliations": self.affiliations,
            "quotes": self.quotes,
        }


def name_key(name: str) -> str:
    """How people are told apart for now: their full name, case and spacing ignored."""
    return " ".join(name.split()).casefold()


def surname_key(name: str) -> str:
    words = [w for w in name_key(name).split() if w not in SUFFIXES]
    return words[-1] if words else ""


def fts_query(text: str) -> str:
    """User words as an FTS5 query: each word a quoted phrase, all of them required."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in text.split())


class Queries:
    """The read side of a `Store`: queries over its connection `db`."""

    db: sqlite3.Connection

    def quotes(
        self,
        *,
        speaker: str | None = None,
        search: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
    ) -> list[QuoteRow]:
        """Quotations in date order, each once however many articles carry it: by a speaker (full
        name, surname or the words used), containing words (full-text search), said between two
        dates (inclusive)."""
        where: list[str] = []
        params: list[Any] = []
        if speaker:
            where.append(
                "(q.speaker_name = ? COLLATE NOCASE"
                " OR q.person_id IN (SELECT id FROM people WHERE key = ? OR surname = ?))"
            )
            params += [" ".join(speaker.split()), name_key(speaker), name_key(speaker)]
        if search and search.split():
            where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            params.append(fts_query(search))
        if since:
            # a partial date ("2017-05") counts as said on or after any day it covers
            where.append("q.said_on >= substr(?, 1, length(q.said_on))")
            params.append(since.isoformat())
        if until:
            where.append("q.said_on <= ?")
            params.append(until.isoformat())
        return self._quote_rows(" AND ".join(where) or "1", params, limit)

    def _quote_rows(self, where: str, params: list[Any], limit: int | None = None) -> list[QuoteRow]:
        """Quotations with an occurrence matching `where`, once each as first seen, in date order."""
        sql = _QUOTE_ROWS.format(where=where)
        if limit is not None:
            sql += " LIMIT ?"
            params = [*params, limit]
        rows = self.db.execute(sql, params).fetchall()
        seen: dict[int, list[tuple[str | None, str, str]]] = {}
        ids = [r[0] for r in rows]
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for tid, url, source, published in self.db.execute(
                "SELECT o.quotation_id, a.url, a.source, a.published FROM occurrences o"
                " JOIN quotes q ON q.id = o.quote_id JOIN articles a ON a.id = q.article_id"
                f" WHERE o.quotation_id IN ({', '.join('?' * len(chunk))})"
                " ORDER BY a.published, a.source",
                chunk,
            ):
                seen.setdefault(tid, []).append((url, source, published))
        return [
            replace(
                QuoteRow(*r[1:]),
                occurrences=len(seen[r[0]]),
                outlets=tuple(dict.fromkeys(outlet(url, source) for url, source, _ in seen[r[0]])),
                first_seen=seen[r[0]][0][2],
            )
            for r in rows
        ]

    def _roles(self, person_id: int | None = None) -> dict[int, list[Role]]:
        sql = (
            "SELECT DISTINCT e.person_id, r.role, r.affiliation FROM roles r"
            " JOIN entities e ON e.article_id = r.article_id AND e.entity_id = r.entity_id"
            " WHERE e.person_id IS NOT NULL" + (" AND e.person_id = ?" if person_id is not None else "")
        )
        roles: dict[int, list[Role]] = {}
        for pid, role, affiliation in self.db.execute(sql, () if person_id is None else (person_id,)):
            roles.setdefault(pid, []).append(Role(role, affiliation))
        return roles

    def people(self) -> list[PersonRow]:
        """The people quoted in the store, most quoted first (a syndicated quotation counts once)."""
        roles = self._roles()
        rows = self.db.execute(
            "SELECT p.id, p.name, count(DISTINCT o.quotation_id) AS n FROM people p"
            " JOIN quotes q ON q.person_id = p.id JOIN occurrences o ON o.quote_id = q.id"
            " GROUP BY p.id ORDER BY n DESC, p.name"
        )
        return [PersonRow(name, tuple(roles.get(pid, ())), n) for pid, name, n in rows]

    def person(self, name: str) -> tuple[PersonRow, list[QuoteRow]] | None:
        """A person by full name (or by surname when only one person has it) and their quotes.

        Raises StoreError when a surname names several people.
        """
        key = name_key(name)
        rows = self.db.execute("SELECT id, name FROM people WHERE key = ?", (key,)).fetchall()
        if not rows:
            rows = self.db.execute(
                "SELECT id, name FROM people WHERE surname = ? ORDER BY name", (key,)
            ).fetchall()
        if len(rows) > 1:
            names = ", ".join(n for _, n in rows)
            raise StoreError(f"{name!r} names several people ({names}): give the full name")
        if not rows:
            return None
        pid, full = rows[0]
        quotes = self._quote_rows("q.person_id = ?", [pid])
        return PersonRow(full, tuple(self._roles(pid).get(pid, ())), len(quotes)), quotes

    def stats(self) -> dict[str, int]:
        """How many articles, quotes, quoted people and failed inputs the store holds."""
        one = self.db.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes),"
            " (SELECT count(DISTINCT person_id) FROM quotes), (SELECT count(*) FROM errors)"
        ).fetchone()
        return dict(zip(("articles", "quotes", "people", "errors"), one, strict=True))
