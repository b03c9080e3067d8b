"""One person across articles: names compared, forms grouped, bare surnames placed, and the
store's people, aliases and roles with dates, the same whatever order the articles came in."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from dateline.errors import StoreError
from dateline.identity import Group, Name, Profile, Sighting, bare_owner, group_forms, names_agree, parse_name
from dateline.model import Analysis, Article, Entity, Mention, Quote, Role, Speaker
from dateline.store import Store


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Donald Trump", "Donald J. Trump", True),
        ("Bernie Sanders", "Bernard Sanders", True),
        ("Ted Kennedy", "Edward M. Kennedy", True),
        ("J. Smith", "John Smith", True),
        ("Hillary Clinton", "Hillary Rodham Clinton", True),
        ("Bill de Blasio", "Bill de Blasio", True),
        ('Robert C. "Bobby" Scott', "Bobby Scott", True),
        ("Bill Clinton", "Hillary Clinton", False),
        ("George W. Bush", "George H.W. Bush", False),
        ("Donald Trump Jr.", "Donald Trump", False),
        ("Jeb Bush", "Laura Bush", False),
        ("Donald Trump", "Donald Duck", False),
    ],
)
def test_names_agree(a: str, b: str, same: bool) -> None:
    assert names_agree(parse_name(a), parse_name(b)) is same
    assert names_agree(parse_name(b), parse_name(a)) is same


def test_parse_name() -> None:
    assert parse_name("Joseph R. Biden Jr.") == Name("joseph", ("r",), "biden", "jr")
    assert parse_name("Bill de Blasio") == Name("bill", (), "de blasio")
    assert parse_name("George H.W. Bush").form == "george h w bush"
    assert parse_name("Trump\u2019s") == Name(None, (), "trump")
    assert parse_name("Donald\u00a0Trump").form == "donald trump"


def test_forms_group_most_frequent_first() -> None:
    forms = {"george w bush": 9, "george h w bush": 4, "george bush": 2, "jeb bush": 7, "donald trump jr": 1}
    groups = group_forms(forms, set())
    assert [g.forms for g in groups] == [
        ["george w bush", "george bush"],  # the ambiguous form goes with the commoner person
        ["jeb bush"],
        ["george h w bush"],
        ["donald trump jr"],
    ]
    # a suffix only tells two people apart where an article names both
    assert len(group_forms({"joe biden": 5, "joseph r biden jr": 2}, set())) == 1
    apart = {frozenset({"donald trump", "donald trump jr"})}
    assert len(group_forms({"donald trump": 5, "donald trump jr": 2}, apart)) == 2


def bare(
    gender: str | None = None, roles: tuple[Role, ...] = (), others: frozenset[str] = frozenset()
) -> Sighting:
    return Sighting(("a", "e1"), Name(None, (), "clinton"), gender, roles, others)


def profile(articles: int, roles: set[str] | None = None, offices: set[str] | None = None) -> Profile:
    return Profile(frozenset(roles or ()), Counter(), articles, frozenset(offices or ()))


def test_a_bare_surname_joins_only_a_clear_owner() -> None:
    hillary = Group(["hillary clinton"], [parse_name("Hillary Clinton")], 30)
    bill = Group(["bill clinton"], [parse_name("Bill Clinton")], 12)
    chelsea = Group(["chelsea clinton"], [parse_name("Chelsea Clinton")], 3)
    groups = [hillary, bill, chelsea]
    profiles = {
        0: profile(30, {"secretary"}, {"secretary"}),
        1: profile(12, {"president"}, {"president"}),
        2: profile(3),
    }
    assert bare_owner(bare("m"), [hillary, bill], {}) == 1  # "Mr. Clinton": the only man
    assert bare_owner(bare("f"), groups, profiles) == 0  # "Mrs. Clinton": Hillary, ten times as often
    assert bare_owner(bare(roles=(Role("secretary"),)), groups, profiles) == 0  # "Secretary Clinton"
    assert bare_owner(bare(), groups[:2], {0: profile(10), 1: profile(8)}) is None  # no telling
    kennedy = [Group(["ted kennedy"], [parse_name("Ted Kennedy")], 4)]
    senator = {0: profile(4, {"senator"}, {"senator"})}
    assert bare_owner(bare(roles=(Role("justice", "Supreme Court"),)), kennedy, senator) is None


def article(
    text: str, day: str, source: str, names: list[tuple[str, list[str]]], roles: dict[str, Role] | None = None
) -> Analysis:
    """An article naming people: each (entity name, mention texts found in text), the first
    person quoted saying the text's first sentence."""
    entities = []
    for i, (name, mentions) in enumerate(names, 1):
        found = tuple(Mention(m, text.index(m), text.index(m) + len(m)) for m in mentions)
        extra = (roles or {}).get(name)
        entities.append(Entity(f"e{i}", name, "person", found, (extra,) if extra else ()))
    said = text.index(" said")
    first = entities[0]
    quote = Quote(
        "indirect",
        text[: said - len(first.mentions[0].text) - 1],
        ((0, said - len(first.mentions[0].text) - 1),),
        Mention("said", said + 1, said + 5),
        Speaker(first.name, first.id, first.mentions[0]),
        day,
    )
    when = dt.date.fromisoformat(day)
    return Analysis(Article(text=text, published=when, source=source), tuple(entities), (quote,))


ARTICLES = [
    article(
        "The economy is rigged, Donald Trump said.", "2016-03-01", "a", [("Donald Trump", ["Donald Trump"])]
    ),
    article(
        "Taxes will fall, Donald J. Trump said. Hillary Clinton disagreed.",
        "2016-04-02",
        "b",
        [("Donald J. Trump", ["Donald J. Trump"]), ("Hillary Clinton", ["Hillary Clinton"])],
    ),
    article(
        "The wall will be built, President Trump said.",
        "2017-02-01",
        "c",
        [("Donald Trump", ["President Trump"])],
        {"Donald Trump": Role("president")},
    ),
    article(
        "Health care matters, Bill Clinton said.", "2016-05-03", "d", [("Bill Clinton", ["Bill Clinton"])]
    ),
    article("We will win, Mrs. Clinton said.", "2016-06-04", "e", [("Clinton", ["Mrs. Clinton"])]),
    article("The city will not comply, Sarno said.", "2017-05-01", "f", [("Sarno", ["Sarno"])]),
    article(
        "Springfield is safe, Domenic Sarno said.",
        "2017-06-01",
        "g",
        [("Domenic Sarno", ["Domenic Sarno"])],
        {"Domenic Sarno": Role("mayor", "Springfield")},
    ),
]


def grouping(store: Store) -> set[frozenset[str]]:
    """The people as sets of (article source, entity name): what stays the same in any order."""
    rows = store.db.execute(
        "SELECT e.person_id, a.source, e.name FROM entities e JOIN articles a ON a.id = e.article_id"
    ).fetchall()
    people: dict[int, set[str]] = {}
    for pid, source, name in rows:
        people.setdefault(pid, set()).add(f"{source}: {name}")
    return {frozenset(v) for v in people.values()}


def test_one_person_across_articles_whatever_the_order() -> None:
    with Store(":memory:") as s:
        s.write(ARTICLES)
        forwards = grouping(s)
    with Store(":memory:") as s:
        for a in reversed(ARTICLES):
            s.write([a])
        backwards = grouping(s)
    assert (
        forwards
        == backwards
        == {
            frozenset({"a: Donald Trump", "b: Donald J. Trump", "c: Donald Trump"}),
            frozenset({"b: Hillary Clinton", "e: Clinton"}),  # "Mrs. Clinton" is not Bill
            frozenset({"d: Bill Clinton"}),
            frozenset({"f: Sarno", "g: Domenic Sarno"}),  # the one Sarno
        }
    )


def test_a_person_keeps_aliases_and_roles_with_dates() -> None:
    with Store(":memory:") as s:
        s.write(ARTICLES)
        found = s.person("president trump")
        assert found is not None
        who, quotes = found
        assert who.name == "Donald Trump" and who.quotes == 3
        assert {(a.alias, a.first_seen, a.last_seen, a.articles) for a in who.aliases} == {
            ("Donald Trump", "2016-03-01", "2017-02-01", 2),
            ("Donald J. Trump", "2016-04-02", "2016-04-02", 1),
            ("President Trump", "2017-02-01", "2017-02-01", 1),
        }
        assert [(r.role, r.first_seen) for r in who.roles] == [("president", "2017-02-01")]
        assert [q.said_on for q in quotes] == ["2016-03-01", "2016-04-02", "2017-02-01"]
        sarno = s.person("Sarno")
        assert sarno is not None and sarno[0].name == "Domenic Sarno" and sarno[0].quotes == 2
        with pytest.raises(
            StoreError,
            match=r"^'clinton' names several people: Bill Clinton \(1 quote\), Hillary Clinton \(1 quote\); "
            "give the full name$",
        ):
            s.person("clinton")


def test_a_surname_alone_names_everyone_of_that_name() -> None:
    bush = article("Taxes were cut, Bush said.", "2016-01-01", "h", [("Bush", ["Bush"])])
    jeb = article("I will run, Jeb Bush said.", "2016-01-02", "i", [("Jeb Bush", ["Jeb Bush"])])
    george = article(
        "We prevailed, George W. Bush said.", "2016-01-03", "j", [("George W. Bush", ["George W. Bush"])]
    )
    with Store(":memory:") as s:
        s.write([bush, jeb, george])
        with pytest.raises(
            StoreError, match=r"^'bush' names several people: Bush \(1 quote\), George W\. Bush"
        ):
            s.person("bush")
        found = s.person("Jeb Bush")
        assert found is not None and found[0].name == "Jeb Bush"


def test_a_person_keeps_its_id_as_articles_arrive() -> None:
    with Store(":memory:") as s:
        s.write(ARTICLES[5:6])  # "Sarno" alone
        (first,) = s.db.execute("SELECT id FROM people").fetchone()
        s.write(ARTICLES[6:7])  # then "Domenic Sarno": the same person, renamed
        assert s.db.execute("SELECT id, name FROM people").fetchall() == [(first, "Domenic Sarno")]


def test_a_version_2_store_is_upgraded(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store(db) as s:
        s.write(ARTICLES)
    with sqlite3.connect(db) as c:  # make it look like version 2: a person per full name
        c.executescript(
            "DROP TRIGGER entities_person_quotes; DROP TABLE aliases; DROP TABLE person_roles;"
            "DROP TABLE person_entities; UPDATE entities SET person_id = NULL; UPDATE quotes SET person_id = NULL;"
            "DROP TABLE people; CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " key TEXT NOT NULL UNIQUE, surname TEXT NOT NULL);"
            "INSERT INTO people (name, key, surname) SELECT DISTINCT name, lower(name), '' FROM entities;"
            "UPDATE entities SET person_id = (SELECT id FROM people p WHERE p.name = entities.name);"
            "UPDATE meta SET value = '2' WHERE key = 'schema_version';"
        )
    with Store(db) as s:
        assert s.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("3",)
        assert len(grouping(s)) == 4
        found = s.person("Donald J. Trump")
        assert found is not None and found[0].quotes == 3
