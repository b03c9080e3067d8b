"""Who is who across articles: the person entities of many articles grouped into people.

Pure functions; the store (people.py) feeds them what it holds and keeps what they decide.
People are grouped within a *block*: the entities whose names end in the same surname. Full
names group when their first names agree (the same, an initial, or a nickname: "Bernie" and
"Bernard"; "Donald J. Trump" and "Donald Trump"), their middle initials do not differ ("George
W. Bush" is not "George H.W. Bush") and no article names both as two people ("Donald Trump" and
"Donald Trump Jr."). A surname alone ("Mr. Sarno", or "Bush" where no article gives the first
name) joins the one person of that surname whose gender fits, or, among several, the one its
roles and the people around it point to clearly; otherwise it stays a person of its own.

The result depends only on the set of entities, not on the order they were stored in: forms are
taken most frequent first (ties by name), and a bare surname is decided against all of them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import knowledge
from .model import Role

SUFFIXES = {"jr": "jr", "sr": "sr", "ii": "ii", "iii": "iii", "iv": "iv"}
PARTICLES = {"de", "da", "van", "von", "der", "del", "la", "le", "di", "bin", "al", "el", "st"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "herself": "f"}
TITLE_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
MARGIN = 1.5  # how much better the people around a bare surname must fit its owner than the next
DOMINANT = 5  # how many times as many articles make one bearer of a surname the obvious one
# Offices (role head nouns) that tell two people of a surname apart when they differ.
OFFICES = {"president", "senator", "governor", "mayor", "justice", "judge", "secretary",
           "representative", "congressman", "congresswoman", "speaker", "ambassador", "general",
           "admiral", "chancellor", "minister", "premier", "sheriff", "attorney", "commissioner",
           "councilor", "chairman", "chairwoman", "director", "chief"}  # fmt: skip
_NOISE = re.compile(r"[\[\]()\"\u201c\u201d]|['\u2019]s$|^['\u2019]s ")


@dataclass(frozen=True)
class Name:
    """A person's name taken apart, lower case: "George H.W. Bush" is george, (h, w), bush."""

    first: str | None
    middles: tuple[str, ...]
    last: str
    suffix: str | None = None
    nickname: str | None = None  # 'Robert C. "Bobby" Scott'

    @property
    def form(self) -> str:
        """The name as compared: "george h w bush", "joe biden jr"; "" for a surname alone."""
        if self.first is None:
            return ""
        return " ".join([self.first, *self.middles, self.last, *([self.suffix] if self.suffix else [])])


def clean(name: str) -> str:
    """A name as printed, without brackets, quotation marks, a possessive or odd spaces."""
    return " ".join(_NOISE.sub(" ", name.replace("\u00a0", " ")).split())


def name_key(name: str) -> str:
    """A name as looked up: case, spacing, dots and commas ignored ("donald j trump")."""
    return " ".join(clean(name).replace(".", " ").replace(",", " ").casefold().split())


def parse_name(name: str) -> Name:
    """Split a person's name into first name, middle names or initials, surname and suffix."""
    nickname = next(iter(re.findall(r"[\"\u201c]([^\"\u201d]+)[\"\u201d]", name)), None)
    if nickname:
        name = name.replace(f'"{nickname}"', " ").replace(f"\u201c{nickname}\u201d", " ")
    cased = [w.strip(",") for w in clean(name).split()]
    cased = [w for w in cased if w]
    suffix = None
    while len(cased) > 1 and cased[-1].lower().rstrip(".") in SUFFIXES:
        suffix = suffix or SUFFIXES[cased.pop().lower().rstrip(".")]
    if not cased:
        return Name(None, (), "")
    last = cased.pop().lower()
    while cased and cased[-1].islower() and cased[-1].rstrip(".") in PARTICLES:  # "Bill de Blasio"
        last = f"{cased.pop()} {last}"
    words = [w.lower() for w in cased]
    parts = [p for w in words for p in (w.split(".") if "." in w else [w]) if p]
    first = parts[0] if parts else None
    return Name(
        first,
        tuple(p[0] if len(p) == 1 else p for p in parts[1:]),
        last,
        suffix,
        nickname and nickname.lower(),
    )


def surname(name: str) -> str:
    """The block a name belongs to: its surname, lower case."""
    return parse_name(name).last


def first_names_agree(a: str, b: str) -> bool:
    """The same first name, an initial of it, or a nickname ("Bill" and "William")."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return knowledge.is_nickname(a, b)


def names_agree(a: Name, b: Name, *, suffixes: bool = True) -> bool:
    """Whether two full names may be one person: surnames equal, first names agreeing (or one
    the other's nickname in quotation marks), middle initials not differing, and, unless
    `suffixes` is False, the same suffix ("Donald Trump Jr." is not "Donald Trump")."""
    if a.first is None or b.first is None or a.last != b.last:
        return False
    firsts = (
        {a.first, *([a.nickname] if a.nickname else [])},
        {b.first, *([b.nickname] if b.nickname else [])},
    )
    if not any(first_names_agree(x, y) for x in firsts[0] for y in firsts[1]):
        return False
    ma, mb = [m[0] for m in a.middles], [m[0] for m in b.middles]
    if ma and mb and ma != mb:
        return False
    return not suffixes or a.suffix == b.suffix


@dataclass(frozen=True)
class Sighting:
    """A person entity of one article, as identity sees it: its name, the gender its pronouns
    and titles give, its roles and the other people its article names."""

    key: tuple[str, str]  # (article id, entity id)
    name: Name
    gender: str | None = None
    roles: tuple[Role, ...] = ()
    others: frozenset[str] = frozenset()  # surnames of the other people in the article


def gender_of(mentions: Iterable[str]) -> str | None:
    """The gender an entity's mentions give it: its pronouns, and its titles ("Mrs. Clinton")."""
    votes: Counter[str] = Counter()
    for text in mentions:
        words = text.lower().split()
        if len(words) == 1 and (g := PRONOUN_GENDER.get(words[0])):
            votes[g] += 1
        elif len(words) > 1 and (g := TITLE_GENDER.get(words[0].rstrip("."))):
            votes[g] += 3
    if not votes:
        return None
    (top, n), *rest = votes.most_common()
    return top if not rest or n > rest[0][1] else None


def aliases(name: str, mentions: Iterable[str]) -> list[str]:
    """The names an entity goes by: its name and every mention that names it ("Mr. Trump",
    "President Trump"), not pronouns or descriptions ("he", "the president")."""
    out = [clean(name)]
    for m in mentions:
        text = clean(m)
        words = text.split()
        if not words or not words[-1][:1].isupper() or words[0].lower() in {"the", "a", "an", "his", "her"}:
            continue
        if len(words) == 1 and words[0].lower() in PRONOUN_GENDER:
            continue
        out.append(text)
    return list(dict.fromkeys(out))


@dataclass
class Group:
    """A person being formed in a block: the full-name forms it goes by, with their counts."""

    forms: list[str] = field(default_factory=list)
    names: list[Name] = field(default_factory=list)
    count: int = 0

    def gender(self) -> str | None:
        for n in self.names:
            full = " ".join([n.first or "", n.last])
            if g := knowledge.person_gender(full) or (n.first and knowledge.first_name_gender(n.first)):
                return g
        return None


def group_forms(forms: Mapping[str, int], apart: set[frozenset[str]]) -> list[Group]:
    """Full-name forms of one surname grouped into people, most frequent first. `apart` holds
    pairs of forms some article names as two people."""
    groups: list[Group] = []
    for form in sorted(forms, key=lambda f: (-forms[f], f)):
        name = parse_name(form)
        for g in groups:
            fits = all(
                names_agree(name, other, suffixes=False)
                and (name.suffix == other.suffix or frozenset({form, f}) not in apart)
                for f, other in zip(g.forms, g.names, strict=True)
            )
            if fits:
                break
        else:
            g = Group()
            groups.append(g)
        g.forms.append(form)
        g.names.append(name)
        g.count += forms[form]
    return groups


@dataclass(frozen=True)
class Profile:
    """What the stored sightings of a group say: its roles' words, the offices among them, the
    people around it (surnames, by number of articles) and its number of articles."""

    roles: frozenset[str]
    others: Counter[str]
    articles: int
    offices: frozenset[str] = frozenset()


def role_words(roles: Iterable[Role]) -> frozenset[str]:
    """The words roles and affiliations are compared by: each role's head noun, and the
    affiliations' words ("senator", "vermont")."""
    return frozenset(w for r in roles for w in (r.role.split()[-1], *(r.affiliation or "").lower().split()))


def offices(roles: Iterable[Role]) -> frozenset[str]:
    """The offices among roles (the head nouns titles give: "justice", "senator", "governor")."""
    return frozenset(r.role.split()[-1] for r in roles if r.role.split()[-1] in OFFICES)


def bare_owner(s: Sighting, groups: list[Group], profiles: Mapping[int, Profile]) -> int | None:
    """The group a surname alone belongs to (an index into groups), or None when none clearly.

    Candidates are the groups of a fitting gender whose offices, when both have any, share one
    ("Justice Kennedy" is not Senator Ted Kennedy). One candidate is the owner; among several,
    the one that shares a role, else the one at least `DOMINANT` times as often in the news as
    any other ("Mrs. Clinton" is Hillary rather than Chelsea), else the one whose co-mentioned
    people fit clearly best (by `MARGIN`).
    """
    mine = offices(s.roles)
    fitting = []
    for i, g in enumerate(groups):
        p = profiles.get(i)
        if s.gender is not None and g.gender() not in (None, s.gender):
            continue
        if p is not None and mine and p.offices and not mine & p.offices:
            continue
        fitting.append(i)
    if len(fitting) <= 1:
        return fitting[0] if fitting else None
    scored = [(i, profiles[i]) for i in fitting if i in profiles]
    if len(scored) < len(fitting):
        return None
    words = role_words(s.roles)
    sharing = [i for i, p in scored if words & p.roles]
    if len(sharing) == 1:
        return sharing[0]
    ranked = sorted(scored, key=lambda ip: -ip[1].articles)
    if ranked[0][1].articles >= DOMINANT * ranked[1][1].articles:
        return ranked[0][0]
    near = sorted(
        ((sum(p.others[o] for o in s.others) / (p.articles * max(1, len(s.others))), i) for i, p in scored),
        reverse=True,
    )
    if near[0][0] <= 0 or near[0][0] < MARGIN * near[1][0]:
        return None
    return near[0][1]


def canonical(names: Mapping[str, int]) -> str:
    """A person's name: the full name the articles use most (ties: not in capitals, the longer,
    then A-Z)."""
    return min(names, key=lambda n: (-names[n], n.isupper(), -len(n.split()), n))
