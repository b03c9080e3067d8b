"""People across the store: the tables that keep who is who, and how a write updates them.

Each person entity written is noted in `person_entities` under its surname (its *block*). After a
batch, every block the batch touched is grouped into people again (identity.py decides), and the
store keeps the result: `entities.person_id` (and, by trigger, `quotes.person_id`), each person's
name, and every alias, role and affiliation with the dates they were seen. A person keeps its id
while it keeps most of its entities, so links to it survive later articles. Regrouping a whole
block makes the people the same whatever order the articles came in.

`record` and `resolve` are called by `Store.write` inside its transaction: the store's one write
path.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import identity
from .model import Article, Entity, Role

SCHEMA = """
CREATE TABLE people (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL, surname TEXT NOT NULL);
CREATE INDEX people_key ON people (key);
CREATE INDEX people_surname ON people (surname);
CREATE TABLE person_entities (
    article_id TEXT NOT NULL, entity_id TEXT NOT NULL, surname TEXT NOT NULL, form TEXT NOT NULL,
    name TEXT NOT NULL, gender TEXT, PRIMARY KEY (article_id, entity_id),
    FOREIGN KEY (article_id, entity_id) REFERENCES entities (article_id, entity_id));
CREATE INDEX person_entities_block ON person_entities (surname, form);
CREATE TABLE aliases (
    person_id INTEGER NOT NULL REFERENCES people (id), alias TEXT NOT NULL, key TEXT NOT NULL,
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, articles INTEGER NOT NULL,
    PRIMARY KEY (person_id, key));
CREATE INDEX aliases_key ON aliases (key);
CREATE TABLE person_roles (
    person_id INTEGER NOT NULL REFERENCES people (id), role TEXT NOT NULL,
    affiliation TEXT NOT NULL DEFAULT '', first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
    articles INTEGER NOT NULL, PRIMARY KEY (person_id, role, affiliation));
CREATE TRIGGER entities_person_quotes AFTER UPDATE OF person_id ON entities BEGIN
    UPDATE quotes SET person_id = new.person_id
    WHERE article_id = new.article_id AND speaker_entity = new.entity_id;
END;
"""

EntityKey = tuple[str, str]


def record(db: sqlite3.Connection, article: Article, entities: Sequence[Entity]) -> set[EntityKey]:
    """Note the person entities of a newly stored article under their surnames; returns them."""
    people = [e for e in entities if e.kind == "person" and identity.surname(e.name)]
    for e in people:
        _note(db, article.id, e.id, e.name, [m.text for m in e.mentions])
    return {(article.id, e.id) for e in people}


def record_stored(db: sqlite3.Connection) -> None:
    """Note every stored person entity (a store upgraded from an earlier version)."""
    mentions: dict[EntityKey, list[str]] = defaultdict(list)
    for article_id, entity_id, text in db.execute(
        "SELECT m.article_id, m.entity_id, m.text FROM mentions m"
        " JOIN entities e USING (article_id, entity_id)"
        " WHERE e.kind = 'person' ORDER BY m.article_id, m.entity_id, m.idx"
    ):
        mentions[article_id, entity_id].append(text)
    for article_id, entity_id, name in db.execute(
        "SELECT article_id, entity_id, name FROM entities WHERE kind = 'person'"
    ).fetchall():
        if identity.surname(name):
            _note(db, article_id, entity_id, name, mentions[article_id, entity_id])


def _note(db: sqlite3.Connection, article_id: str, entity_id: str, name: str, mentions: list[str]) -> None:
    parsed = identity.parse_name(name)
    db.execute(
        "INSERT INTO person_entities VALUES (?, ?, ?, ?, ?, ?)",
        (article_id, entity_id, parsed.last, parsed.form, identity.clean(name), identity.gender_of(mentions)),
    )


def blocks(db: sqlite3.Connection, keys: Iterable[EntityKey]) -> set[str]:
    """The surnames some noted entities fall under."""
    return {
        s
        for k in keys
        for (s,) in db.execute(
            "SELECT surname FROM person_entities WHERE article_id = ? AND entity_id = ?", k
        )
    }


@dataclass
class _Block:
    """One surname's entities as stored: full-name forms with their names and current people,
    and the entities named by the surname alone."""

    forms: Counter[str]
    names: dict[str, Counter[str]]
    current: dict[str, Counter[int | None]]
    bare: list[tuple[str, str, str, str | None, int | None]]  # article, entity, name, gender, person


def _block(db: sqlite3.Connection, surname: str) -> _Block:
    block = _Block(Counter(), defaultdict(Counter), defaultdict(Counter), [])
    for form, name, person, n in db.execute(
        "SELECT pe.form, pe.name, e.person_id, count(*) FROM person_entities pe JOIN entities e"
        " USING (article_id, entity_id) WHERE pe.surname = ? AND pe.form != ''"
        " GROUP BY pe.form, pe.name, e.person_id",
        (surname,),
    ):
        block.forms[form] += n
        block.names[form][name] += n
        block.current[form][person] += n
    block.bare = db.execute(
        "SELECT pe.article_id, pe.entity_id, pe.name, pe.gender, e.person_id FROM person_entities pe"
        " JOIN entities e USING (article_id, entity_id) WHERE pe.surname = ? AND pe.form = ''"
        " ORDER BY pe.article_id, pe.entity_id",
        (surname,),
    ).fetchall()
    return block


def _apart(db: sqlite3.Connection, surname: str, forms: Iterable[str]) -> set[frozenset[str]]:
    """Pairs of forms (among those with a suffix) that one article names as two people."""
    suffixed = [f for f in forms if identity.parse_name(f).suffix]
    if not suffixed:
        return set()
    marks = ", ".join("?" * len(suffixed))
    rows = db.execute(
        "SELECT DISTINCT a.form, b.form FROM person_entities a JOIN person_entities b"
        " ON b.article_id = a.article_id AND b.entity_id != a.entity_id AND b.surname = a.surname"
        f" WHERE a.surname = ? AND a.form IN ({marks}) AND b.form != '' AND b.form != a.form",
        (surname, *suffixed),
    )
    return {frozenset(r) for r in rows}


def _profile(db: sqlite3.Connection, surname: str, forms: list[str]) -> identity.Profile:
    """The roles and co-mentioned surnames of a group's full-name entities."""
    marks = ", ".join("?" * len(forms))
    where = f"pe.surname = ? AND pe.form IN ({marks})"
    roles = [
        Role(role, affiliation)
        for role, affiliation in db.execute(
            "SELECT DISTINCT r.role, r.affiliation FROM person_entities pe JOIN roles r"
            f" USING (article_id, entity_id) WHERE {where}",
            (surname, *forms),
        )
    ]
    others: Counter[str] = Counter(
        dict(
            db.execute(
                "SELECT o.surname, count(DISTINCT o.article_id) FROM person_entities pe"
                " JOIN person_entities o ON o.article_id = pe.article_id AND o.surname != pe.surname"
                f" WHERE {where} GROUP BY o.surname",
                (surname, *forms),
            ).fetchall()
        )
    )
    (articles,) = db.execute(
        f"SELECT count(DISTINCT pe.article_id) FROM person_entities pe WHERE {where}", (surname, *forms)
    ).fetchone()
    return identity.Profile(identity.role_words(roles), others, int(articles), identity.offices(roles))


def _bare_sighting(
    db: sqlite3.Connection, article_id: str, entity_id: str, gender: str | None
) -> identity.Sighting:
    roles = tuple(
        Role(r, a)
        for r, a in db.execute(
            "SELECT role, affiliation FROM roles WHERE article_id = ? AND entity_id = ?",
            (article_id, entity_id),
        )
    )
    others = frozenset(
        s
        for (s,) in db.execute(
            "SELECT surname FROM person_entities WHERE article_id = ? AND entity_id != ?",
            (article_id, entity_id),
        )
    )
    return identity.Sighting((article_id, entity_id), identity.Name(None, (), ""), gender, roles, others)


def resolve(db: sqlite3.Connection, new: Iterable[EntityKey]) -> None:
    """Group again the entities of each block the new entities fall in, and keep the result:
    people, person ids, names; the new entities' aliases and roles added to their people's,
    or the aliases and roles of a person whose entities changed counted again."""
    new = set(new)
    dirty: set[int] = set()
    for surname in sorted(blocks(db, new)):
        dirty |= _resolve_block(db, surname)
    for pid in sorted(dirty):
        _recount(db, pid)
    by_person: dict[int, list[EntityKey]] = defaultdict(list)
    for key in sorted(new):
        row = db.execute(
            "SELECT person_id FROM entities WHERE article_id = ? AND entity_id = ?", key
        ).fetchone()
        if row and row[0] is not None and row[0] not in dirty:
            by_person[row[0]].append(key)
    for pid, keys in by_person.items():
        count(db, pid, keys)


def rebuild(db: sqlite3.Connection) -> None:
    """Every person from scratch: for a store upgraded from an earlier version."""
    record_stored(db)
    for (surname,) in db.execute("SELECT DISTINCT surname FROM person_entities ORDER BY surname").fetchall():
        _resolve_block(db, surname)
    for (pid,) in db.execute("SELECT id FROM people").fetchall():
        _recount(db, pid)


def _resolve_block(db: sqlite3.Connection, surname: str) -> set[int]:
    """Group one block; returns the people whose entities moved (their counts are stale)."""
    block = _block(db, surname)
    groups = identity.group_forms(block.forms, _apart(db, surname, block.forms))
    profiles: dict[int, identity.Profile] = {}
    members: list[list[EntityKey]] = [[] for _ in groups]
    alone: list[EntityKey] = []  # bare surnames no group claims: one person of their own
    bare_current: dict[EntityKey, int | None] = {}
    for article_id, entity_id, _, gender, person in block.bare:
        key = (article_id, entity_id)
        bare_current[key] = person
        s = _bare_sighting(db, article_id, entity_id, gender)
        fitting = [i for i, g in enumerate(groups) if gender is None or g.gender() in (None, gender)]
        if len(fitting) > 1 or (fitting and identity.offices(s.roles)):
            for i in fitting:
                if i not in profiles:
                    profiles[i] = _profile(db, surname, groups[i].forms)
        owner = identity.bare_owner(s, groups, profiles)
        (members[owner] if owner is not None else alone).append(key)
    # people: each group, and the bare surnames left alone, keep the person most of them had
    wanted: list[tuple[Counter[int | None], Counter[str]]] = []
    for g, keys in zip(groups, members, strict=True):
        had: Counter[int | None] = Counter()
        names: Counter[str] = Counter()
        for f in g.forms:
            had.update(block.current[f])
            names.update(block.names[f])
        had.update(bare_current[k] for k in keys)
        wanted.append((had, names))
    if alone:
        lonely = set(alone)
        names = Counter(n for a, e, n, _, _ in block.bare if (a, e) in lonely)
        wanted.append((Counter(bare_current[k] for k in alone), names))
    ids = _choose_ids(db, surname, wanted)
    dirty: set[int] = set()
    for g, keys, pid in zip(groups, members, ids, strict=False):
        for f in g.forms:
            moved = [p for p in block.current[f] if p is not None and p != pid]
            if moved or None in block.current[f]:
                dirty.update(moved)
                if moved:
                    dirty.add(pid)
                db.execute(
                    "UPDATE entities SET person_id = ? WHERE person_id IS NOT ? AND (article_id, entity_id)"
                    " IN (SELECT article_id, entity_id FROM person_entities WHERE surname = ? AND form = ?)",
                    (pid, pid, surname, f),
                )
        _move(db, keys, pid, bare_current, dirty)
    if alone:
        _move(db, alone, ids[-1], bare_current, dirty)
    for (_, names), pid in zip(wanted, ids, strict=True):
        _rename(db, pid, names)
    _drop_empty(db, surname)
    return dirty


def _move(
    db: sqlite3.Connection,
    keys: list[EntityKey],
    pid: int,
    current: dict[EntityKey, int | None],
    dirty: set[int],
) -> None:
    for key in keys:
        was = current[key]
        if was == pid:
            continue
        if was is not None:
            dirty.update({was, pid})
        db.execute("UPDATE entities SET person_id = ? WHERE article_id = ? AND entity_id = ?", (pid, *key))


def _choose_ids(
    db: sqlite3.Connection, surname: str, wanted: list[tuple[Counter[int | None], Counter[str]]]
) -> list[int]:
    """A person id for each group: the one most of its entities had, largest groups first;
    a new person when none is free."""
    ids: dict[int, int] = {}
    taken: set[int] = set()
    order = sorted(range(len(wanted)), key=lambda i: -sum(wanted[i][0].values()))
    for i in order:
        had, names = wanted[i]
        free = [(n, -p) for p, n in had.items() if p is not None and p not in taken]
        if free:
            pid = -max(free)[1]
        else:
            name = identity.canonical(names) if names else surname
            cur = db.execute(
                "INSERT INTO people (name, key, surname) VALUES (?, ?, ?)",
                (name, identity.name_key(name), surname),
            )
            pid = int(cur.lastrowid or 0)
        taken.add(pid)
        ids[i] = pid
    return [ids[i] for i in range(len(wanted))]


def _rename(db: sqlite3.Connection, pid: int, names: Counter[str]) -> None:
    """A person's name: the full name its articles give it most (else its surname)."""
    full = Counter({n: c for n, c in names.items() if identity.parse_name(n).first}) or names
    if full:
        name = identity.canonical(full)
        db.execute("UPDATE people SET name = ?, key = ? WHERE id = ?", (name, identity.name_key(name), pid))


def _drop_empty(db: sqlite3.Connection, surname: str) -> None:
    gone = [
        pid
        for (pid,) in db.execute(
            "SELECT id FROM people p WHERE surname = ? AND NOT EXISTS"
            " (SELECT 1 FROM entities e WHERE e.person_id = p.id)",
            (surname,),
        )
    ]
    for pid in gone:
        db.execute("DELETE FROM aliases WHERE person_id = ?", (pid,))
        db.execute("DELETE FROM person_roles WHERE person_id = ?", (pid,))
        db.execute("DELETE FROM people WHERE id = ?", (pid,))


def _recount(db: sqlite3.Connection, pid: int) -> None:
    """A person's aliases and roles, with the dates they were seen, from all its entities."""
    if db.execute("SELECT 1 FROM people WHERE id = ?", (pid,)).fetchone() is None:
        return
    db.execute("DELETE FROM aliases WHERE person_id = ?", (pid,))
    db.execute("DELETE FROM person_roles WHERE person_id = ?", (pid,))
    keys = db.execute("SELECT article_id, entity_id FROM entities WHERE person_id = ?", (pid,)).fetchall()
    count(db, pid, keys)


def count(db: sqlite3.Connection, pid: int, keys: Iterable[EntityKey]) -> None:
    """Add the aliases and roles of some entities to a person's, with the dates seen."""
    for article_id, entity_id in keys:
        (published, name) = db.execute(
            "SELECT a.published, e.name FROM entities e JOIN articles a ON a.id = e.article_id"
            " WHERE e.article_id = ? AND e.entity_id = ?",
            (article_id, entity_id),
        ).fetchone()
        mentions = [
            t
            for (t,) in db.execute(
                "SELECT text FROM mentions WHERE article_id = ? AND entity_id = ? ORDER BY idx",
                (article_id, entity_id),
            )
        ]
        for alias in identity.aliases(name, mentions):
            db.execute(
                _SEEN.format(table="aliases", columns="person_id, alias, key", conflict="person_id, key"),
                (pid, alias, identity.name_key(alias), published, published),
            )
        for role, affiliation in db.execute(
            "SELECT DISTINCT role, ifnull(affiliation, '') FROM roles WHERE article_id = ? AND entity_id = ?",
            (article_id, entity_id),
        ).fetchall():
            db.execute(
                _SEEN.format(
                    table="person_roles",
                    columns="person_id, role, affiliation",
                    conflict="person_id, role, affiliation",
                ),
                (pid, role, affiliation, published, published),
            )


_SEEN = (
    "INSERT INTO {table} ({columns}, first_seen, last_seen, articles) VALUES (?, ?, ?, ?, ?, 1)"
    " ON CONFLICT ({conflict}) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen),"
    " last_seen = max(last_seen, excluded.last_seen), articles = articles + 1"
)
