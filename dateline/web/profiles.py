"""People and topics for the browser: aliases, roles over time, who is quoted beside whom, and
how often each speaker is quoted per week, month or year.

A person is a `people` row that entities and quotes point to (`person_id`). A store that keeps
cross-article identities (the `aliases` and `person_roles` tables, with the dates each was
seen) is read as it is; in a store without them, roles are those the articles give the person's
entities and aliases are the names and mentions that refer to them. Only `find_people`,
`roles_of` and `aliases` know the difference.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..queries import name_key

PERIODS = ("week", "month", "year")
TOP_SPEAKERS = 8
"""The topic chart draws this many speakers and adds the rest up as 'others'."""

PRONOUNS = frozenset("he she they him her them his hers their theirs i we you it who which that this".split())


@dataclass(frozen=True)
class RoleSpan:
    """A role (and affiliation) the articles give a person, with the first and last publication
    dates that give it and how many articles do."""

    role: str
    affiliation: str | None
    first_seen: str
    last_seen: str
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Person:
    """A person across the store: the name, the other names articles call them, their roles."""

    id: int
    name: str
    aliases: tuple[str, ...]
    roles: tuple[RoleSpan, ...]
    quotes: int
    first_said: str | None
    last_said: str | None

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "aliases": list(self.aliases), "roles": [r.to_dict() for r in self.roles]}


def has_identities(db: sqlite3.Connection) -> bool:
    """Whether the store keeps people's aliases and dated roles itself."""
    found = db.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('aliases', 'person_roles')"
    ).fetchone()
    return bool(found[0] == 2)


def find_people(db: sqlite3.Connection, name: str) -> list[tuple[int, str]]:
    """People by full name, else by alias, else by surname (several when a name is shared)."""
    key = name_key(name)
    lookups = ["SELECT id, name FROM people WHERE key = ? ORDER BY id"]
    if has_identities(db):
        lookups.append(
            "SELECT DISTINCT p.id, p.name FROM aliases a JOIN people p ON p.id = a.person_id"
            " WHERE a.key = ? ORDER BY p.name, p.id"
        )
    lookups.append("SELECT id, name FROM people WHERE surname = ? ORDER BY name, id")
    for sql in lookups:
        rows = [(int(pid), str(n)) for pid, n in db.execute(sql, (key,))]
        if rows:
            return rows
    return []


def roles_of(db: sqlite3.Connection, person_ids: Iterable[int]) -> dict[int, list[RoleSpan]]:
    """Each person's roles, in the order they were first given."""
    ids = list(dict.fromkeys(person_ids))
    if has_identities(db):
        sql = (
            "SELECT person_id, role, nullif(affiliation, ''), first_seen, last_seen, articles"
            " FROM person_roles WHERE person_id IN ({marks}) ORDER BY first_seen, role, affiliation"
        )
    else:
        sql = (
            "SELECT e.person_id, r.role, r.affiliation, min(a.published), max(a.published),"
            " count(DISTINCT a.id) FROM roles r"
            " JOIN entities e ON e.article_id = r.article_id AND e.entity_id = r.entity_id"
            " JOIN articles a ON a.id = r.article_id WHERE e.person_id IN ({marks})"
            " GROUP BY e.person_id, r.role, r.affiliation ORDER BY min(a.published), r.role, r.affiliation"
        )
    found: dict[int, list[RoleSpan]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for pid, *span in db.execute(sql.format(marks=", ".join("?" * len(chunk))), chunk):
            found.setdefault(pid, []).append(RoleSpan(*span))
    return found


def _joined(spans: Iterable[tuple[str, str | None]]) -> tuple[str, str]:
    spans = list(spans)
    roles = dict.fromkeys(r for r, _ in spans)
    affiliations = dict.fromkeys(a for _, a in spans if a)
    return "; ".join(roles), "; ".join(affiliations)


def speaker_roles(
    db: sqlite3.Connection, quotes: list[tuple[str, str | None, int | None, str]]
) -> dict[tuple[str, str | None], tuple[str, str]]:
    """The role and affiliation of each quote's speaker, from `(article_id, speaker_entity,
    person_id, published)`: as the quote's article gives them, else the person's role most
    recently first given by then (else their first)."""
    pairs = list(dict.fromkeys((a, e) for a, e, _, _ in quotes if e is not None))
    here: dict[tuple[str, str | None], list[tuple[str, str | None]]] = {}
    for i in range(0, len(pairs), 400):
        chunk = pairs[i : i + 400]
        marks = ", ".join("(?, ?)" for _ in chunk)
        for article_id, entity_id, role, affiliation in db.execute(
            "SELECT article_id, entity_id, role, affiliation FROM roles"
            f" WHERE (article_id, entity_id) IN (VALUES {marks}) ORDER BY article_id, entity_id, idx",
            [x for pair in chunk for x in pair],
        ):
            here.setdefault((article_id, entity_id), []).append((role, affiliation))
    elsewhere = roles_of(db, [p for a, e, p, _ in quotes if p is not None and (a, e) not in here])
    found: dict[tuple[str, str | None], tuple[str, str]] = {}
    for article_id, entity_id, pid, published in quotes:
        if (article_id, entity_id) in here:
            found[(article_id, entity_id)] = _joined(here[(article_id, entity_id)])
        elif pid is not None and elsewhere.get(pid):
            spans = elsewhere[pid]
            before = [s for s in spans if s.first_seen <= published] or spans[:1]
            latest = max(s.first_seen for s in before)
            found[(article_id, entity_id)] = _joined(
                (s.role, s.affiliation) for s in before if s.first_seen == latest
            )
    return found


def aliases(db: sqlite3.Connection, person_id: int, name: str) -> tuple[str, ...]:
    """The other names articles give a person ("Sierra" for Diana Sierra): those the store
    keeps, else their entities' names and mentions; capitalised, no pronoun, each once."""
    seen = {name.casefold()}
    found = []
    args: tuple[int, ...] = (person_id,)
    if has_identities(db):
        sql = "SELECT alias FROM aliases WHERE person_id = ? ORDER BY articles DESC, alias"
    else:
        sql = (
            "SELECT name FROM entities WHERE person_id = ? UNION ALL SELECT m.text FROM mentions m"
            " JOIN entities e ON e.article_id = m.article_id AND e.entity_id = m.entity_id"
            " WHERE e.person_id = ?"
        )
        args = (person_id, person_id)
    for (text,) in db.execute(sql, args):
        alias = " ".join(text.split())
        if alias[:1].isupper() and alias.casefold() not in PRONOUNS and alias.casefold() not in seen:
            seen.add(alias.casefold())
            found.append(alias)
    return tuple(sorted(found, key=str.casefold))


def person(db: sqlite3.Connection, person_id: int) -> Person | None:
    """A person's name, aliases, roles over time and how much they are quoted; None if unknown."""
    row = db.execute("SELECT name FROM people WHERE id = ?", (person_id,)).fetchone()
    if row is None:
        return None
    quotes, first, last = db.execute(
        "SELECT count(DISTINCT o.quotation_id), min(q.said_on), max(q.said_on) FROM quotes q"
        " JOIN occurrences o ON o.quote_id = q.id WHERE q.person_id = ?",
        (person_id,),
    ).fetchone()
    spans = tuple(roles_of(db, [person_id]).get(person_id, ()))
    return Person(person_id, row[0], aliases(db, person_id, row[0]), spans, quotes, first, last)


def quoted_beside(db: sqlite3.Connection, person_id: int) -> list[dict[str, Any]]:
    """The other people quoted in the articles that quote this person: in how many of them, and
    how many quotes of theirs those articles hold."""
    cur = db.execute(
        "SELECT p.id, p.name, count(DISTINCT q.article_id), count(*)"
        " FROM (SELECT DISTINCT article_id FROM quotes WHERE person_id = ?) mine"
        " JOIN quotes q ON q.article_id = mine.article_id JOIN people p ON p.id = q.person_id"
        " WHERE q.person_id != ? GROUP BY p.id",
        (person_id, person_id),
    )
    return [{"id": i, "name": n, "articles": a, "quotes": q} for i, n, a, q in cur]


# ------------------------------------------------------------------ timelines


def _day(said_on: str, published: str) -> dt.date:
    """The day a quote counts on: when it was said, else (a coarser said_on) when published."""
    for text in (said_on, published):
        try:
            return dt.date.fromisoformat(text[:10]) if len(text) >= 10 else dt.date.fromisoformat(text)
        except ValueError:
            continue
    return dt.date.min


def period_of(day: dt.date, per: str) -> str:
    """The week (ISO, "2017-W18"), month ("2017-05") or year ("2017") a day falls in."""
    if per == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}" if per == "month" else str(day.year)


def _step(day: dt.date, per: str) -> dt.date:
    if per == "week":
        return day + dt.timedelta(days=7)
    if per == "month":
        return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return dt.date(day.year + 1, 1, 1)


def choose_period(first: dt.date, last: dt.date) -> str:
    """Weeks for half a year or less, months for ten years or less, else years."""
    days = (last - first).days
    return "week" if days <= 183 else "month" if days <= 3660 else "year"


Speaker = tuple[int | None, str]


@dataclass
class Timeline:
    """Quotes per speaker per period, with every period from the first to the last."""

    per: str
    periods: list[str] = field(default_factory=list)
    counts: Counter[tuple[str, Speaker]] = field(default_factory=Counter)
    names: dict[Speaker, str] = field(default_factory=dict)

    @classmethod
    def count(cls, quotes: Iterable[tuple[str, str, int | None, str | None]], *, per: str = "") -> Timeline:
        """From `(said_on, published, person_id, speaker)` rows; `per` is chosen when empty."""
        days: list[tuple[dt.date, Speaker, str]] = []
        for said_on, published, pid, name in quotes:
            who = (pid, "" if pid is not None else (name or "").casefold())
            days.append((_day(said_on, published), who, name or "unknown speaker"))
        if not days:
            return cls(per or "month")
        first, last = min(d for d, _, _ in days), max(d for d, _, _ in days)
        timeline = cls(per or choose_period(first, last))
        for day, who, name in days:
            timeline.counts[(period_of(day, timeline.per), who)] += 1
            timeline.names.setdefault(who, name)
        start = first - dt.timedelta(days=first.weekday()) if timeline.per == "week" else first
        if timeline.per != "week":
            start = first.replace(day=1) if timeline.per == "month" else first.replace(month=1, day=1)
        day = start
        while day <= last:
            timeline.periods.append(period_of(day, timeline.per))
            day = _step(day, timeline.per)
        return timeline

    def totals(self) -> Counter[Speaker]:
        totals: Counter[Speaker] = Counter()
        for (_, who), n in self.counts.items():
            totals[who] += n
        return totals

    def rows(self) -> list[dict[str, Any]]:
        """One row per period and speaker with quotes (the zeros left out)."""
        return [
            {"period": period, "speaker": self.names[who], "person_id": who[0], "quotes": n}
            for (period, who), n in sorted(self.counts.items(), key=lambda x: (x[0][0], self.names[x[0][1]]))
        ]

    def chart(self, top: int = TOP_SPEAKERS) -> dict[str, Any]:
        """Chart data: the periods and a series per speaker (the most quoted `top`, then the
        rest as 'others'), each a count per period."""
        ranked = [who for who, _ in sorted(self.totals().items(), key=lambda x: (-x[1], self.names[x[0]]))]
        shown, rest = ranked[:top], ranked[top:]
        series = [
            {"label": self.names[who], "data": [self.counts[(p, who)] for p in self.periods]} for who in shown
        ]
        if rest:
            others = [sum(self.counts[(p, who)] for who in rest) for p in self.periods]
            series.append({"label": f"{len(rest)} others", "data": others})
        return {"per": self.per, "labels": self.periods, "series": series}
