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
from .identity import name_key as name_key

LISTED = 5  # the people an ambiguous name lists, most quoted first
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: text a spreadsheet would run as a formula ('=HYPERLINK(...)',
    '@SUM(...)', a quote that starts '- and ...') gets a leading apostrophe, as OWASP advises."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


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
class Seen:
    """A name or role a person went by, with the dates of the first and last article saying so
    and how many articles did."""

    first_seen: str
    last_seen: str
    articles: int


@dataclass(frozen=True)
class RoleSeen(Seen):
    role: str
    affiliation: str | None


@dataclass(frozen=True)
class AliasSeen(Seen):
    alias: str


@dataclass(frozen=True)
class PersonRow:
    """A person across the store: the names and roles articles give them, with their dates, and
    how often they are quoted."""

    name: str
    roles: tuple[RoleSeen, ...]
    quotes: int
    aliases: tuple[AliasSeen, ...] = ()
    id: int = 0

    @property
    def role_names(self) -> list[str]:
        return list(dict.fromkeys(r.role for r in self.roles))

    @property
    def affiliations(self) -> list[str]:
        return list(dict.fromkeys(r.affiliation for r in self.roles if r.affiliation))

    @property
    def alias_names(self) -> list[str]:
        return [a.alias for a in self.aliases if a.alias != self.name]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": self.alias_names,
            "roles": self.role_names,
            "affiliations": self.affiliations,
            "quotes": self.quotes,
        }


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
                " OR q.person_id IN (SELECT id FROM people WHERE key = ? OR surname = ?)"
                " OR q.person_id IN (SELECT person_id FROM aliases WHERE key = ?))"
            )
            key = name_key(speaker)
            params += [" ".join(speaker.split()), key, key, key]
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

    def _seen(self, ids: list[int]) -> tuple[dict[int, list[RoleSeen]], dict[int, list[AliasSeen]]]:
        """The roles and aliases of some people, each in the order first seen."""
        roles: dict[int, list[RoleSeen]] = {}
        aliases: dict[int, list[AliasSeen]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            for pid, role, affiliation, first, last, n in self.db.execute(
                "SELECT person_id, role, affiliation, first_seen, last_seen, articles FROM person_roles"
                f" WHERE person_id IN ({marks}) ORDER BY articles DESC, first_seen, role",
                chunk,
            ):
                roles.setdefault(pid, []).append(RoleSeen(first, last, n, role, affiliation or None))
            for pid, alias, first, last, n in self.db.execute(
                "SELECT person_id, alias, first_seen, last_seen, articles FROM aliases"
                f" WHERE person_id IN ({marks}) ORDER BY articles DESC, first_seen, alias",
                chunk,
            ):
                aliases.setdefault(pid, []).append(AliasSeen(first, last, n, alias))
        return roles, aliases

    def _people_rows(self, rows: list[tuple[int, str, int]]) -> list[PersonRow]:
        roles, aliases = self._seen([pid for pid, _, _ in rows])
        return [
            PersonRow(name, tuple(roles.get(pid, ())), n, tuple(aliases.get(pid, ())), pid)
            for pid, name, n in rows
        ]

    def people(self, *, everyone: bool = False) -> list[PersonRow]:
        """The people quoted in the store (with `everyone`, also those only mentioned), most
        quoted first (a syndicated quotation counts once), with their aliases and roles."""
        rows = self.db.execute(
            "SELECT p.id, p.name, count(DISTINCT o.quotation_id) AS n FROM people p"
            f" {'LEFT ' if everyone else ''}JOIN quotes q ON q.person_id = p.id"
            " LEFT JOIN occurrences o ON o.quote_id = q.id GROUP BY p.id ORDER BY n DESC, p.name, p.id"
        ).fetchall()
        return self._people_rows(rows)

    def person(self, name: str) -> tuple[PersonRow, list[QuoteRow]] | None:
        """A person by name, alias or surname, case ignored, with their quotes in date order.

        Raises StoreError, naming them, when the name is several people's.
        """
        key = name_key(name)
        ids = [pid for (pid,) in self.db.execute("SELECT id FROM people WHERE key = ?", (key,))]
        if not ids or len(key.split()) == 1:  # an alias ("President Trump"); a word alone is
            ids = [  # everyone's it names ("Clinton", "Bernie")
                pid
                for (pid,) in self.db.execute(
                    "SELECT id FROM people WHERE key = ? UNION SELECT person_id FROM aliases WHERE key = ?"
                    " UNION SELECT id FROM people WHERE surname = ?",
                    (key, key, key),
                )
            ]
        if not ids:
            return None
        quoted = {
            pid: n
            for pid, n in self.db.execute(
                "SELECT person_id, count(*) FROM quotes WHERE person_id IN"
                f" ({', '.join('?' * len(ids))}) GROUP BY person_id",
                ids,
            )
        }
        found = self._people_rows(
            sorted(
                ((pid, self._name(pid), quoted.get(pid, 0)) for pid in ids),
                key=lambda r: (-r[2], r[1], r[0]),
            )
        )
        if len(found) > 1:
            names = ", ".join(
                f"{p.name} ({p.quotes} quote{'' if p.quotes == 1 else 's'})" for p in found[:LISTED]
            )
            more = f" and {len(found) - LISTED} more" if len(found) > LISTED else ""
            raise StoreError(f"{name!r} names several people: {names}{more}; give the full name")
        who = found[0]
        quotes = self._quote_rows("q.person_id = ?", [who.id])
        return replace(who, quotes=len(quotes)), quotes

    def _name(self, pid: int) -> str:
        return str(self.db.execute("SELECT name FROM people WHERE id = ?", (pid,)).fetchone()[0])

    def stats(self) -> dict[str, int]:
        """How many articles, quotes, quoted people and failed inputs the store holds."""
        one = self.db.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes),"
            " (SELECT count(DISTINCT person_id) FROM quotes), (SELECT count(*) FROM errors)"
        ).fetchone()
        return dict(zip(("articles", "quotes", "people", "errors"), one, strict=True))
