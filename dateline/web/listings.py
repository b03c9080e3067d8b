"""The lists the browser interface shows and the API serves, each paged by a keyset cursor.

A `Listing` fetches rows in a fixed order, after a key: `page` gives one page and an opaque cursor
for the next, and `every_row` walks the pages to the end, so that a download or a client
following cursors reaches every row however large the store. Quotes are paged in SQL on
`(said_on, id)`; the small per-person and per-topic lists are computed whole and sliced.
All SQL is parameterised: user text reaches SQLite only as bound values.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..queries import fts_query, name_key, outlet
from ..sources import parse_date
from . import profiles

Row = dict[str, Any]
Key = tuple[Any, ...]
PAGE = 50
MAX_PAGE = 1000
STREAM_PAGE = 1000


class BadRequest(ValueError):
    """A query parameter the interface cannot use; the message says which and why."""


@dataclass(frozen=True)
class Filters:
    """What a list is narrowed to: the search form's fields and the ids of pages."""

    q: str = ""
    speaker: str = ""
    org: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    person: int | None = None
    article: str = ""
    per: str = ""

    @classmethod
    def parse(cls, params: dict[str, str]) -> Filters:
        """Filters from query parameters, checked: dates are YYYY-MM-DD, person is a number."""

        def date(name: str) -> dt.date | None:
            value = params.get(name, "").strip()
            try:
                return parse_date(value) if value else None
            except ValueError as e:
                raise BadRequest(f"{name}: {e}") from None

        person = params.get("person", "").strip()
        if person and not person.isdigit():
            raise BadRequest(f"person: expected a number, got {person!r}")
        per = params.get("per", "").strip()
        if per and per not in profiles.PERIODS:
            raise BadRequest(f"per: expected one of {', '.join(profiles.PERIODS)}, got {per!r}")
        return cls(
            q=params.get("q", "").strip(),
            speaker=params.get("speaker", "").strip(),
            org=params.get("org", "").strip(),
            since=date("since"),
            until=date("until"),
            person=int(person) if person else None,
            article=params.get("article", "").strip(),
            per=per,
        )

    def query(self) -> dict[str, str]:
        """The filters that are set, as query parameters (for links to pages and downloads)."""
        items = {**self.__dict__, "since": self.since or "", "until": self.until or ""}
        return {k: str(v) for k, v in items.items() if v not in ("", None)}


@dataclass(frozen=True)
class Listing:
    """A list of rows in a fixed order: `fetch(db, filters, after, limit)` returns the rows whose
    `key` comes after `after` (all of them when it is None), at most `limit`."""

    name: str
    columns: tuple[str, ...]
    fetch: Callable[[sqlite3.Connection, Filters, Key | None, int], list[Row]]
    key: Callable[[Row], Key]
    needs: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    next: str | None


def encode_cursor(key: Key) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> Key:
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError):
        raise BadRequest(f"cursor: not a cursor this server gave: {cursor!r}") from None
    if not isinstance(key, list) or not all(isinstance(k, str | int) for k in key):
        raise BadRequest(f"cursor: not a cursor this server gave: {cursor!r}")
    return tuple(key)


def _check(listing: Listing, filters: Filters) -> None:
    missing = [n for n in listing.needs if not getattr(filters, n)]
    if missing:
        raise BadRequest(f"the {listing.name} list needs {' or '.join(missing)}")


def page(
    db: sqlite3.Connection, listing: Listing, filters: Filters, cursor: str = "", size: int = PAGE
) -> Page:
    """One page of a list, and the cursor of the next page (None on the last)."""
    _check(listing, filters)
    after = decode_cursor(cursor) if cursor else None
    rows = listing.fetch(db, filters, after, size + 1)
    more = len(rows) > size
    rows = rows[:size]
    return Page(rows, encode_cursor(listing.key(rows[-1])) if more and rows else None)


def every_row(connect: Callable[[], sqlite3.Connection], listing: Listing, filters: Filters) -> Iterator[Row]:
    """Every row of a list, page by page (a connection of its own, closed at the end)."""
    _check(listing, filters)
    db = connect()
    try:
        after: Key | None = None
        while True:
            rows = listing.fetch(db, filters, after, STREAM_PAGE)
            yield from rows
            if len(rows) < STREAM_PAGE:
                return
            after = listing.key(rows[-1])
    finally:
        db.close()


# ------------------------------------------------------------------ quotes

QUOTE_COLUMNS = (
    "id", "said_on", "speaker", "person_id", "role", "affiliation", "cue", "kind", "text",
    "article_id", "idx", "published", "title", "outlet", "url", "source", "occurrences",
)  # fmt: skip

_LIKE = "LIKE ? ESCAPE '\\'"


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def quote_where(
    f: Filters, alias: str = "q", *, aliases: bool = False, lead: bool = True
) -> tuple[str, list[Any]]:
    """The filters as SQL over the quotes table as `alias`, and its parameters; `aliases` when
    the store keeps people's aliases (a speaker is then also found by any name they went by).
    Unless `lead`, the terms cannot drive the query (unary + keeps SQLite off their indexes):
    a correlated check must look its rows up by the quotation, not scan every match."""
    q = alias if lead else "+" + alias
    where: list[str] = []
    args: list[Any] = []
    if f.q.split():
        where.append(f"{q}.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        args.append(fts_query(f.q))
    if f.speaker:
        # as `dateline quotes --speaker`: the full name, an alias, the surname or the words used
        by_alias = f" OR {q}.person_id IN (SELECT person_id FROM aliases WHERE key = ?)" if aliases else ""
        where.append(
            f"({q}.speaker_name = ? COLLATE NOCASE"
            f" OR {q}.person_id IN (SELECT id FROM people WHERE key = ? OR surname = ?){by_alias})"
        )
        args += [" ".join(f.speaker.split()), *[name_key(f.speaker)] * (3 if aliases else 2)]
    if f.org:
        # the speaker's affiliation in this article (else anywhere, when this article gives
        # none), or the speaker is the organisation
        here = (
            f"SELECT 1 FROM roles r WHERE r.article_id = {q}.article_id AND r.entity_id = {q}.speaker_entity"
        )
        where.append(
            f"(EXISTS ({here} AND r.affiliation {_LIKE})"
            f" OR (NOT EXISTS ({here} AND r.affiliation IS NOT NULL) AND {q}.person_id IN ("
            "   SELECT e.person_id FROM roles r JOIN entities e"
            f"   ON e.article_id = r.article_id AND e.entity_id = r.entity_id WHERE r.affiliation {_LIKE}))"
            f" OR ({q}.person_id IS NULL AND {q}.speaker_name {_LIKE}))"
        )
        args += [_like(f.org)] * 3
    if f.since:
        where.append(f"{q}.said_on >= substr(?, 1, length({q}.said_on))")
        args.append(f.since.isoformat())
    if f.until:
        where.append(f"{q}.said_on <= ?")
        args.append(f.until.isoformat())
    if f.person is not None:
        where.append(f"{q}.person_id = ?")
        args.append(f.person)
    if f.article:
        where.append(f"{q}.article_id = ?")
        args.append(f.article)
    return " AND ".join(where) or "1", args


def matching_quotes(db: sqlite3.Connection, f: Filters) -> tuple[str, list[Any]]:
    """SQL for the quotes matching the filters, each quotation once: the first matching
    occurrence of a quotation that syndicated copies carry (by publication date, then source)."""
    aliases = profiles.has_identities(db)
    where, args = quote_where(f, aliases=aliases)
    where2, args2 = quote_where(f, "q2", aliases=aliases, lead=False)
    sql = f"""
        FROM quotes q JOIN articles a ON a.id = q.article_id
        LEFT JOIN occurrences o ON o.quote_id = q.id
        LEFT JOIN people p ON p.id = q.person_id
        WHERE {where} AND NOT EXISTS (
            SELECT 1 FROM occurrences o2 JOIN quotes q2 ON q2.id = o2.quote_id
            JOIN articles a2 ON a2.id = q2.article_id
            WHERE o2.quotation_id = o.quotation_id AND q2.id != q.id AND {where2}
            AND (a2.published, q2.said_on, a2.source, q2.idx) < (a.published, q.said_on, a.source, q.idx))
    """
    return sql, args + args2


def _fetch_quotes(db: sqlite3.Connection, f: Filters, after: Key | None, limit: int) -> list[Row]:
    body, args = matching_quotes(db, f)
    if after is not None:
        body += " AND (q.said_on, q.id) > (?, ?)"
        args += list(after[:2])
    sql = (
        "SELECT q.id, q.said_on, coalesce(p.name, q.speaker_name), q.person_id, q.speaker_entity,"
        " q.cue_text, q.kind, q.text, q.article_id, q.idx, a.published, a.title, a.url, a.source,"
        " (SELECT count(*) FROM occurrences o3 WHERE o3.quotation_id = o.quotation_id)"
        f" {body} ORDER BY q.said_on, q.id LIMIT ?"
    )
    raw = db.execute(sql, [*args, limit]).fetchall()
    roles = profiles.speaker_roles(db, [(r[8], r[4], r[3], r[10]) for r in raw])
    rows = []
    for r in raw:
        role, affiliation = roles.get((r[8], r[4]), ("", ""))
        rows.append(
            dict(
                zip(
                    QUOTE_COLUMNS,
                    (*r[:4], role, affiliation, *r[5:11], r[11], outlet(r[12], r[13]), *r[12:]),
                    strict=True,
                )
            )
        )
    return rows


QUOTES = Listing("quotes", QUOTE_COLUMNS, _fetch_quotes, lambda r: (r["said_on"], r["id"]))


# ------------------------------------------------------------------ the rest


def _sliced(rows: list[Row], key: Callable[[Row], Key], after: Key | None, limit: int) -> list[Row]:
    """Rows in key order after a key: for lists small enough to compute whole."""
    rows = sorted(rows, key=key)
    if after is not None:
        rows = [r for r in rows if key(r) > after]
    return rows[:limit]


def _people_key(r: Row) -> Key:
    return (-r["quotes"], r["name"], r["id"])


def _fetch_people(db: sqlite3.Connection, f: Filters, after: Key | None, limit: int) -> list[Row]:
    where, args = ("WHERE p.name " + _LIKE, [_like(f.q)]) if f.q else ("", [])
    keyset, kargs = ("WHERE (-quotes, name, id) > (?, ?, ?)", list(after[:3])) if after else ("", [])
    raw = db.execute(
        "SELECT id, name, quotes FROM (SELECT p.id, p.name, count(DISTINCT o.quotation_id) AS quotes"
        " FROM people p JOIN quotes q ON q.person_id = p.id JOIN occurrences o ON o.quote_id = q.id"
        f" {where} GROUP BY p.id) {keyset} ORDER BY -quotes, name, id LIMIT ?",
        [*args, *kargs, limit],
    ).fetchall()
    spans = profiles.roles_of(db, [r[0] for r in raw])
    rows = []
    for pid, name, quotes in raw:
        mine = spans.get(pid, [])
        roles = list(dict.fromkeys(s.role for s in mine))
        affiliations = list(dict.fromkeys(s.affiliation for s in mine if s.affiliation))
        rows.append(
            {
                "id": pid,
                "name": name,
                "roles": "; ".join(roles),
                "affiliations": "; ".join(affiliations),
                "quotes": quotes,
            }
        )
    return rows


PEOPLE = Listing("people", ("id", "name", "roles", "affiliations", "quotes"), _fetch_people, _people_key)


def _fetch_times(db: sqlite3.Connection, f: Filters, after: Key | None, limit: int) -> list[Row]:
    where, args = ("article_id = ?", [f.article]) if f.article else ("1", [])
    if after is not None:
        where += " AND (article_id, idx) > (?, ?)"
        args += list(after[:2])
    cur = db.execute(
        f"SELECT article_id, idx, text, start, end, type, value FROM times WHERE {where}"
        " ORDER BY article_id, idx LIMIT ?",
        [*args, limit],
    )
    return [dict(zip(TIME_COLUMNS, r, strict=True)) for r in cur]


TIME_COLUMNS = ("article_id", "idx", "text", "start", "end", "type", "value")
TIMES = Listing("times", TIME_COLUMNS, _fetch_times, lambda r: (r["article_id"], r["idx"]))


def _fetch_roles(db: sqlite3.Connection, f: Filters, after: Key | None, limit: int) -> list[Row]:
    rows = [s.to_dict() for s in profiles.roles_of(db, [f.person or 0]).get(f.person or 0, [])]
    return _sliced(rows, _roles_key, after, limit)


def _roles_key(r: Row) -> Key:
    return (r["first_seen"], r["role"], r["affiliation"] or "")


ROLES = Listing(
    "roles",
    ("role", "affiliation", "first_seen", "last_seen", "articles"),
    _fetch_roles,
    _roles_key,
    needs=("person",),
)


def _fetch_beside(db: sqlite3.Connection, f: Filters, after: Key | None, limit: int) -> list[Row]:
    return _sliced(profiles.quoted_beside(db, f.person or 0), _beside_key, after, limit)


def _beside_key(r: Row) -> Key:
    return (-r["articles"], -r["quotes"], r["name"], r["id"])


BESIDE = Listing(
    "beside", ("id", "name", "articles", "quotes"), _fetch_beside, _beside_key, needs=("person",)
)


def _fetch_timeline(db: sqlite3.Connection, f: Filters, after: Key | None, limit: int) -> list[Row]:
    return _sliced(timeline(db, f).rows(), _timeline_key, after, limit)


def _timeline_key(r: Row) -> Key:
    return (r["period"], r["speaker"], r["person_id"] or 0)


def timeline(db: sqlite3.Connection, f: Filters) -> profiles.Timeline:
    """How many of the matching quotes each speaker said in each period."""
    body, args = matching_quotes(db, f)
    cur = db.execute(
        f"SELECT q.said_on, a.published, q.person_id, coalesce(p.name, q.speaker_name) {body}", args
    )
    return profiles.Timeline.count(cur, per=f.per)


TIMELINE = Listing("timeline", ("period", "speaker", "person_id", "quotes"), _fetch_timeline, _timeline_key)

LISTINGS = {x.name: x for x in (QUOTES, PEOPLE, TIMES, ROLES, BESIDE, TIMELINE)}
