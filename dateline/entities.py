"""People, organisations and places in one article: named mentions (mentions.py) merged into entities.

A person named in full once and by surname after is one entity ("Diana Sierra", "Sierra"); a bare
surname that several people share is the one the article means ("Mr. Obama", the subject of the
sentences before); an acronym is the organisation with its initials ("ICE"); a known name NER left
out is a mention of its entity. Pronouns and descriptions ("she", "the mayor") are resolved in
coref.py.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from dataclasses import dataclass, field

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span, Token

from . import coref, identity, knowledge, nlp
from .mentions import NamedMention, named_mentions, positions
from .model import Entity, EntityKind, Mention, Role
from .roles import (
    HONORIFIC_GENDER,
    ROLE_GENDER,
    TITLES,
    body_affiliation,
    is_title,
    merge_roles,
    roles_around,
    title_key,
)

NAME_PARTICLES = {"de", "da", "van", "von", "der", "del", "la", "le", "di", "bin", "al", "el", "st."}
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
RECENT_SENTENCES = 3
MIN_TYPO_LENGTH = 6  # a surname this long, one letter off the only similar one, is a misspelling
ORG_FILLER = {"of", "the", "and", "for", "&", "on", "in"}


@dataclass(eq=False)
class Cluster:
    """An entity being built: its mentions (token spans), name forms, roles and gender votes."""

    kind: EntityKind
    mentions: list[tuple[int, int]] = field(default_factory=list)
    names: list[Span] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    gender: Counter[str] = field(default_factory=Counter)
    full_name: str | None = None
    _best: tuple[int, tuple[int, int], str] | None = field(default=None, repr=False)

    @property
    def first(self) -> int:
        return min(s for s, _ in self.mentions)

    def name_words(self) -> list[str]:
        return list(_lower_words(self.best_name()))

    def best_name(self) -> str:
        """The full name if known, else the name form with the most words (the first of them)."""
        if self.full_name:
            return self.full_name
        seen, key, text = self._best or (0, (-1, -1), "")
        for name in self.names[seen:]:  # names only grow: weigh the new ones alone
            if (weight := _name_weight(name)) > key:
                key, text = weight, name.text
        self._best = (len(self.names), key, text)
        return text

    def surname(self) -> str:
        words = _words_without_suffix(self.best_name())
        return words[-1] if words else ""

    def given_name(self) -> str | None:
        words = _words_without_suffix(self.best_name())
        return words[0] if len(words) > 1 else None

    def name_gender(self) -> str | None:
        """The gender the news gives this full name, else its first name's usual gender."""
        if known := knowledge.person_gender(self.best_name()):
            return known
        given = self.given_name()
        return knowledge.first_name_gender(given) if given else None

    def sex(self) -> str | None:
        if not self.gender:
            return None
        (top, n), *rest = self.gender.most_common()
        return top if not rest or n > rest[0][1] else None


def _name_weight(name: Span) -> tuple[int, int]:
    """How full a name form is: its words, then its characters."""
    return len([t for t in name if t.is_alpha]), len(name.text)


@functools.lru_cache(maxsize=4096)
def _lower_words(name: str) -> tuple[str, ...]:
    """A name's words, lower case."""
    return tuple(w.lower() for w in name.split())


@functools.lru_cache(maxsize=4096)
def _words_without_suffix(name: str) -> tuple[str, ...]:
    """A name's words, lower case, without a suffix such as "Jr."."""
    return tuple(w for w in _lower_words(name) if w.rstrip(".") not in NAME_SUFFIXES)


@dataclass
class Entities:
    """The entities of one article and which entity each mention's tokens belong to."""

    entities: list[Entity] = field(default_factory=list)
    by_token: dict[int, tuple[Entity, Mention]] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)

    def at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping the characters start..end."""
        for entity in self.entities:
            for m in entity.mentions:
                if m.start < end and start < m.end:
                    return entity
        return None

    def mention_of(self, token: Token) -> tuple[Entity, Mention] | None:
        """The entity mention a token is part of, if any."""
        return self.by_token.get(token.i)

    def get(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in ORG_FILLER and w[:1].isalpha()).upper()


def _name_words(name: Span) -> list[str]:
    return [t.lower_ for t in name if t.is_alpha and t.lower_ not in NAME_SUFFIXES]


def _shared_surnames(mentions: list[NamedMention]) -> dict[int, tuple[str, list[str]]]:
    """The full name and its words of a first name alone that shares the surname of the person
    named right after it, by the mention's place in the list: "Bill and Hillary Clinton", "David
    and Charles Koch". Not a first name that names someone else in full in the article ("Hillary
    and Tim Kaine"), or the surname of a well-known person ("Paul and Carly Fiorina")."""
    after = {m.span.start: m for m in mentions}
    named = {w for m in mentions if len(words := _name_words(m.name)) > 1 for w in (words[0], words[-1])}
    shared = {}
    for n, m in enumerate(mentions):
        doc, end = m.name.doc, m.name.end
        word = m.name.text
        if len(m.name) != 1 or end + 1 >= len(doc) or doc[end].lower_ not in {"and", "&"}:
            continue
        if m.name.start > 0 and doc[m.name.start - 1].text == ",":
            continue  # the last two of a list: "stars like Brandy, Monica and Lauryn Hill"
        other = after.get(end + 1)
        if other is None or other.titles or len(words := _name_words(other.name)) != 2:
            continue
        if knowledge.is_first_name(word) and not knowledge.full_name(word) and word.lower() not in named:
            shared[n] = (f"{word} {other.name[-1].text}", [word.lower(), words[-1]])
    return shared


def _cluster_people(mentions: list[NamedMention]) -> list[Cluster]:
    clusters: list[Cluster] = []
    full: list[tuple[NamedMention, str, list[str]]] = []
    single: list[NamedMention] = []
    shared = _shared_surnames(mentions)
    for n, m in enumerate(mentions):
        if n in shared:
            full.append((m, *shared[n]))
        elif len([t for t in m.name if t.is_alpha]) > 1:
            full.append((m, m.name.text, _name_words(m.name)))
        else:
            single.append(m)
    forms: dict[Cluster, list[tuple[identity.Name, list[str]]]] = {}  # each one's names parsed
    for m, text, words in sorted(full, key=lambda f: f[0].name.start):
        match = None
        name = identity.parse_name(text)
        for c in clusters:
            # the same first name, initial or nickname; no other middle initials or suffix
            if any(identity.names_agree(known, name) for known, _ in forms[c]):
                match = c
                break
            # "Mr. Guajardo Villarreal" is "Ildefonso Guajardo Villarreal": a two-word surname
            if any(len(w) > len(words) and w[-len(words) :] == words for _, w in forms[c]):
                match = c
                break
        if match is None:
            match = Cluster("person", full_name=text if len(m.name) == 1 else None)  # a shared surname
            clusters.append(match)
            forms[match] = []
        match.mentions.append((m.span.start, m.span.end))
        match.names.append(m.name)
        if len(words) > 1 and (name, words) not in forms[match]:
            forms[match].append((name, words))  # each form once: the same name again adds nothing
    index = _NameIndex(clusters)
    for m in single:
        word = m.name.text.lower()
        candidates = index.with_surname(word) or index.with_given_name(word)
        if not candidates and len(word) >= MIN_TYPO_LENGTH:  # "McLenney" for "Tyresha McClenney"
            near = index.surname_near(word)
            candidates = near if len(near) == 1 else []
        found = _surname_owner(candidates, m) if candidates else None
        if found is None:
            found = Cluster("person")
            clusters.append(found)
        match = found
        match.mentions.append((m.span.start, m.span.end))
        match.names.append(m.name)
        index.update(match)
    return clusters


class _NameIndex:
    """The people clustered so far by surname and given name, in the order they were found, so
    that a bare "Clinton" is looked up rather than compared with every person of the article."""

    def __init__(self, clusters: list[Cluster]) -> None:
        self.clusters = clusters
        self.keys: dict[int, tuple[str, str | None]] = {}
        self.positions: dict[int, int] = {}
        self.by_surname: dict[str, list[int]] = {}
        self.by_given: dict[str | None, list[int]] = {}
        for c in clusters:
            self.update(c)

    def update(self, cluster: Cluster) -> None:
        """Index a cluster, new or with a name more (which may change its fullest name)."""
        n = self.positions.setdefault(id(cluster), len(self.positions))
        key = (cluster.surname(), cluster.given_name())
        old = self.keys.get(n)
        if old == key:
            return
        if old is not None:
            self.by_surname[old[0]].remove(n)
            self.by_given[old[1]].remove(n)
        self.keys[n] = key
        bisect.insort(self.by_surname.setdefault(key[0], []), n)
        bisect.insort(self.by_given.setdefault(key[1], []), n)

    def with_surname(self, word: str) -> list[Cluster]:
        return [self.clusters[n] for n in self.by_surname.get(word, [])]

    def with_given_name(self, word: str) -> list[Cluster]:
        return [self.clusters[n] for n in self.by_given.get(word, [])]

    def surname_near(self, word: str) -> list[Cluster]:
        """People with a given name whose surname is one letter off this word."""
        return [
            self.clusters[n]
            for n, (surname, given) in sorted(self.keys.items())
            if given and _one_edit(surname, word)
        ]


def _one_edit(a: str, b: str) -> bool:
    """Whether two different words differ by one letter added, dropped or changed."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def _surname_owner(candidates: list[Cluster], mention: NamedMention) -> Cluster | None:
    """Which of the people sharing a surname a bare "Clinton" (or "Mrs. Clinton") means, or None
    for someone else: one of the title's gender; the well-known bearer of the name (None when
    only another bearer is named in full: "President Obama" is not Michelle Obama); the one
    named last as the subject of this or the last three sentences ("Jeh Johnson says ...
    Johnson tells"); else the one introduced first (the article's subject; the other is named
    in full, "Bill Clinton"), by a full name of their own rather than one shared ("Bill and
    Hillary Clinton")."""
    genders = {g for t in mention.titles if (g := HONORIFIC_GENDER.get(title_key(t)))}
    if genders:  # "Mr. Obama" is not Michelle Obama, even when he is not named in full
        candidates = [c for c in candidates if c.name_gender() in (None, *genders)]
        if not candidates:
            return None
    if known := knowledge.full_name(mention.name.text):
        for c in candidates:
            full = identity.parse_name(c.best_name())
            if full.first is None or identity.names_agree(full, identity.parse_name(known)):
                return c
        if not genders:  # "President Obama" where only Michelle Obama is named in full
            return None
    here = mention.name[0]
    start = here.sent.start  # this sentence and the three before
    for _ in range(RECENT_SENTENCES):
        if start > 0:
            start = here.doc[start - 1].sent.start
    recent = [
        (n.start, c)
        for c in candidates
        for n in c.names
        if start <= n.start < here.i and n.root.dep_ in SUBJECT_DEPS
    ]
    if recent:
        return max(recent, key=lambda r: r[0])[1]
    named = [c for c in candidates if any(len(n) > 1 for n in c.names)]
    return min(named or candidates, key=lambda c: c.first)


def _cluster_others(mentions: list[NamedMention]) -> list[Cluster]:
    by_key: dict[tuple[str, str], Cluster] = {}
    for m in sorted(mentions, key=lambda m: -len(m.name)):
        key = (m.kind, m.name.text.lower())
        cluster = by_key.get(key)
        if cluster is None and m.kind == "organization" and m.name.text.isupper():
            cluster = next(
                (
                    c
                    for (k, _), c in by_key.items()
                    if k == m.kind and _initials(c.name_words()) == m.name.text
                ),
                None,
            )
        cluster = by_key[key] = cluster or Cluster(m.kind)
        cluster.mentions.append((m.span.start, m.span.end))
        cluster.names.append(m.name)
    return list(dict.fromkeys(by_key.values()))


def _unlabelled(doc: Doc, clusters: list[Cluster]) -> None:
    """Mentions NER left out: a known surname ("Sierra left."), with its first name ("Ivanka
    Trump", "Mehmet Oz" of a person named "Oz" so far) or alone, or an acronym alias ("ICE"). A
    person NER named by one word only counts when the article names them in full somewhere
    (`_surnames_alone`)."""
    covered = {i for c in clusters for s, e in c.mentions for i in range(s, e)}
    names: dict[str, list[Cluster]] = {}
    alone = _surnames_alone(doc, clusters)
    for c in clusters:
        for n in c.names:
            person = c.kind == "person" and (len(n) > 1 or n.text in alone) and n[-1].lower_ == c.surname()
            if person or (c.kind == "organization" and len(n) == 1 and n.text.isupper()):
                bearers = names.setdefault(n[-1].text, [])
                if c not in bearers:
                    bearers.append(c)
    for token in (doc[i] for i in positions(doc, names)):
        candidates = names[token.text]
        if token.i not in covered and token.pos_ not in {"VERB", "AUX", "ADP"}:
            span = doc[token.i : token.i + 1]
            if token.i > 0 and token.i - 1 not in covered:  # "Ivanka Trump", tagged a PRODUCT
                before = doc[token.i - 1]
                given = [c for c in candidates if c.given_name() == before.lower_]
                if not given and _given_name_before(before):
                    given = [c for c in candidates if c.given_name() is None]
                candidates, span = (given, doc[token.i - 1 : token.i + 1]) if given else (candidates, span)
            owner = _surname_owner(candidates, NamedMention(span, span, [], "person"))
            if owner is None:
                continue
            owner.mentions.append((span.start, span.end))
            owner.names.append(span)


def _surnames_alone(doc: Doc, clusters: list[Cluster]) -> set[str]:
    """The one-word names of people NER never named in full that the article gives elsewhere
    after a first name it did not tag ("Oz" and "Mehmet Oz"): surnames, not a "Twitter" NER
    once took for a person."""
    words = {n.text for c in clusters if c.kind == "person" for n in c.names if len(n) == 1}
    words -= {n[-1].text for c in clusters if c.kind == "person" for n in c.names if len(n) > 1}
    found = set()
    for i in positions(doc, words):
        before = doc[i - 1] if i else None
        if before is not None and _given_name_before(before):
            found.add(doc[i].text)
    return found


def _given_name_before(token: Token) -> bool:
    """Whether a word NER left out may be the first name of the name after it: a known first
    name, or a capitalised proper noun that is no title and no English word ("Mehmet", not
    "Security")."""
    if token.pos_ != "PROPN" or not token.is_alpha or is_title(token):
        return False
    if knowledge.is_first_name(token.text):
        return True
    return not token.ent_type_ and token.text.istitle() and token.lower_ not in nlp.common_words()


def _person_facts(doc: Doc, clusters: list[Cluster], mentions: list[NamedMention]) -> None:
    """Roles and gender votes from titles, appositions, the news's usual gender for the name and
    first names; a surname alone gets the well-known full name it stands for."""
    of_mention = {(m.span.start, m.span.end): m for m in mentions}
    orgs = [c.best_name() for c in clusters if c.kind == "organization"]
    for c in clusters:
        if c.kind != "person":
            continue
        for span in c.mentions:
            m = of_mention.get(span)
            if m is None:
                continue
            c.roles.extend(roles_around(m.name, m.titles))
            for t in m.titles:
                if g := HONORIFIC_GENDER.get(title_key(t)):
                    c.gender[g] += 3
        for role in c.roles:
            if g := ROLE_GENDER.get(role.role.split()[-1]):
                c.gender[g] += 3
        known = knowledge.full_name(c.surname()) if not c.given_name() else None
        if known:  # not for "Ms. Trump"
            sex = knowledge.person_gender(known) or knowledge.first_name_gender(known.split()[0])
            if sex is None or c.sex() in (None, sex):
                c.full_name = known
        if g := knowledge.person_gender(c.best_name()):
            c.gender[g] += 3
        elif g := c.name_gender():
            c.gender[g] += 1
        c.roles = [body_affiliation(r, orgs) for r in merge_roles(c.roles)]


def find_entities(doc: Doc) -> Entities:
    """Named people, organisations and places of an article, each with all its mentions."""
    mentions = named_mentions(doc)
    people = _cluster_people([m for m in mentions if m.kind == "person"])
    others = _cluster_others([m for m in mentions if m.kind != "person"])
    clusters = people + others
    _unlabelled(doc, clusters)
    _person_facts(doc, clusters, mentions)
    coref.resolve(doc, clusters)
    return _build(doc, clusters)


def _build(doc: Doc, clusters: list[Cluster]) -> Entities:
    result = Entities()
    text = nlp.text_of(doc)
    starts, lengths = doc.to_array([IDX, LENGTH]).T.tolist()
    for n, c in enumerate(sorted((c for c in clusters if c.mentions), key=lambda c: c.first), 1):
        spans = sorted(set(c.mentions))
        mentions = tuple(_mention(text, starts[s], starts[e - 1] + lengths[e - 1]) for s, e in spans)
        roles = tuple(r for r in c.roles if r.role not in TITLES or TITLES[r.role])
        entity = Entity(f"e{n}", c.best_name(), c.kind, mentions, roles if c.kind == "person" else ())
        result.entities.append(entity)
        if sex := c.sex():
            result.genders[entity.id] = sex
        for (s, e), mention in zip(spans, mentions, strict=True):
            for i in range(s, e):
                result.by_token.setdefault(i, (entity, mention))
    return result


def _mention(text: str, start: int, end: int) -> Mention:
    """The mention of the article's characters start..end."""
    return Mention(text[start:end], start, end)
