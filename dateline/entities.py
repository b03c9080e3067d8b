"""People, organisations and places in one article: named mentions merged into entities.

A person named in full once and by surname after is one entity ("Diana Sierra", "Sierra");
titles are part of a mention but not of the name ("Mayor Domenic Sarno" -> "Domenic Sarno");
an acronym in brackets is its organisation ("Immigration Customs Enforcement ( ICE)").
Pronouns and descriptions ("she", "the mayor") are resolved in coref.py.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy
from spacy.attrs import ENT_TYPE, IDX, LENGTH, ORTH, TAG
from spacy.tokens import Doc, Span, Token

from . import coref, identity, knowledge, nlp
from .cues import CUE_VERBS, word_ids
from .model import Entity, EntityKind, Mention, Role
from .roles import (
    HONORIFIC_GENDER,
    ROLE_GENDER,
    TITLES,
    body_affiliation,
    is_title,
    is_title_word,
    merge_roles,
    roles_around,
    title_key,
)

LABEL_KINDS: dict[str, EntityKind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
NAME_PARTICLES = {"de", "da", "van", "von", "der", "del", "la", "le", "di", "bin", "al", "el", "st."}
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
RECENT_SENTENCES = 3
MIN_TYPO_LENGTH = 6  # a surname this long, one letter off the only similar one, is a misspelling
ORG_FILLER = {"of", "the", "and", "for", "&", "on", "in"}
# Role nouns of people, for names NER took for organisations ("Lester Holt, the anchor"): these
# words, the nouns coreference knows for a person, and words with these endings ("director",
# "activist", "protester"; not "automaker").
PERSON_ROLES = coref.PERSON_NOUNS | {"anchor", "leader", "head", "chief", "spokesperson", "official",
                                     "student", "president", "resident", "chair", "fellow", "analyst",
                                     "expert", "founder", "owner", "partner", "member"}  # fmt: skip
PERSON_ROLE_ENDINGS = ("or", "ist", "ian", "man", "woman", "er")
# A "person" whose name ends in one of these is a place or an organisation NER mistook.
PLACE_WORDS = {"end", "street", "avenue", "park", "square", "county", "valley", "hill", "heights",
               "bridge", "hall", "building", "tower", "island", "beach", "river", "lake", "road"}  # fmt: skip
ORG_WORDS = {"center", "centre", "council", "committee", "party", "department", "university",
             "college", "institute", "foundation", "association", "agency", "inc", "corp", "company",
             "group"}  # fmt: skip
# Nouns a company's name follows: "a new company, Kissito".
COMPANY_NOUNS = ORG_WORDS | {"firm"}
FUNCTION_POS = {"ADP", "ADV", "DET", "CCONJ", "SCONJ", "PRON", "VERB", "AUX", "PART"}
# Headline verbs NER takes for the end of a name ("Obama Says", "Clinton Hid Past Health Problems").
HEADLINE_VERBS = {"says", "said", "tells", "told", "calls", "called", "seeks", "slams", "rips", "vows",
                  "urges", "warns", "hid", "was", "is", "has", "had", "wins", "won", "gives", "goes",
                  "speaks", "breaks", "reveals", "questions", "sings", "needs", "asks", "wants",
                  "defends", "attacks", "blasts", "admits", "denies", "claims", "backs", "endorses",
                  "plans", "pushes", "responds", "explains", "praises", "mocks", "accuses", "hammers",
                  "corners", "explores", "rejects", "votes", "sees", "gets", "takes", "makes",
                  "pledges", "touts", "knocks", "hits", "unveils", "launches", "meets", "visits"}  # fmt: skip


@dataclass
class NamedMention:
    """A mention found by NER (and repaired): the words with titles, and the name alone."""

    span: Span
    name: Span
    titles: list[Token]
    kind: EntityKind


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


def _strip(span: Span) -> Span:
    """A name span without a leading 'the' or stray possessive, a trailing possessive or
    punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in {"the", "a", "an"}
        or doc[start].is_punct
        or doc[start].is_space
        or _clitic(doc[start])
    ):
        start += 1
    while end > start and (_clitic(doc[end - 1]) or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def _clitic(token: Token) -> bool:
    """A possessive or contraction split off the word before ("Here’s Clinton")."""
    return token.tag_ == "POS" or token.text[:1] in {"'", "\u2019"}


def _person_extent(span: Span) -> tuple[Span, list[Token]]:
    """A person name grown over first names NER missed, and the titles before it."""
    doc = span.doc
    start, end = span.start, span.end
    titles: list[Token] = []
    # titles NER put inside the entity ("Sen. Bernie Sanders")
    while start < end - 1 and is_title(doc[start]):
        titles.append(doc[start])
        start += 1
    i = start - 1 if not titles else -1
    while i >= 0 and doc[i].tag_ == "NNP" and doc[i].is_alpha and doc[i].text[:1].isupper():
        if is_title(doc[i]) or doc[i].ent_type_:  # not into another entity, a person's too
            break
        start = i
        i -= 1
    first = titles[0].i if titles else start
    i = first - 1
    before: list[Token] = []
    while i >= 0 and (is_title(doc[i]) or (doc[i].text == "." and i > 0 and is_title(doc[i - 1]))):
        if doc[i].text != ".":
            before.insert(0, doc[i])
        i -= 1
    return doc[start:end], before + titles


def named_mentions(doc: Doc) -> list[NamedMention]:
    """Named people, organisations and places, with NER's commonest slips repaired."""
    out: list[NamedMention] = []
    nicknamed = _nicknamed(doc)
    for span in nicknamed:
        nick, before = _person_extent(span)
        out.append(
            NamedMention(doc[before[0].i if before else nick.start : nick.end], nick, before, "person")
        )
    for ent in doc.ents:
        kind = LABEL_KINDS.get(ent.label_)
        if kind is None or any(n.start < ent.end and ent.start < n.end for n in nicknamed):
            continue
        name = _strip(ent)
        if not any(t.is_alpha for t in name):
            continue
        titles: list[Token] = []
        if kind == "person":
            if all(is_title(t) or t.is_punct for t in name):
                continue  # "Sgt" alone: a title NER took for a name
            name, titles = _person_extent(name)
            clean = _without_headline_verb(name)
            name, titles = clean, titles if clean.start == name.start else []
            if not any(t.text[:1].isupper() for t in name):
                continue
        start = titles[0].i if titles else name.start
        out.append(NamedMention(doc[start : name.end], name, titles, kind))
        # "Immigration Customs Enforcement ( ICE)": the acronym names the same organisation
        j = name.end
        while j < len(doc) and doc[j].is_space:
            j += 1
        if kind == "organization" and j + 2 < len(doc) and doc[j].text == "(":
            k = j + 1
            acro = doc[k]
            if acro.is_upper and acro.is_alpha and k + 1 < len(doc) and doc[k + 1].text == ")":
                out.append(NamedMention(doc[k : k + 1], doc[k : k + 1], [], kind))
    out += _titled_names(doc, out)
    return _relabel(out + _unlabelled_people(doc, out))


def _nicknamed(doc: Doc) -> list[Span]:
    """Names with a nickname in quotation marks, which NER breaks apart: 'Marcia "Cia" Price'."""
    found = []
    orth = doc.to_array(ORTH)
    marks = [doc.vocab.strings[m] for m in ('"', "\u201c")]
    for i in ((orth[1:] == marks[0]) | (orth[1:] == marks[1])).nonzero()[0].tolist():  # before a mark
        if i + 4 >= len(doc) or not (
            doc[i].pos_ == "PROPN" and doc[i].is_alpha and doc[i].text[:1].isupper()
        ):
            continue
        j = i + 2
        while j < min(len(doc), i + 4) and doc[j].is_alpha and doc[j].text[:1].isupper():
            j += 1
        if j == i + 2 or j >= len(doc) or doc[j].text not in {'"', "\u201d"}:
            continue
        k = j + 1
        while (
            k < min(len(doc), j + 3)
            and doc[k].is_alpha
            and doc[k].text[:1].isupper()
            and not is_title(doc[k])
        ):
            k += 1
        if k > j + 1:
            found.append(doc[i:k])
    return found


def _without_headline_verb(name: Span) -> Span:
    """A name without the words of a title-case headline NER ran into it: "Obama Says" -> "Obama"
    (a known surname followed by a word that is no name, or any name followed by a verb), "Black
    Lawmakers Rip Donald Trump" -> "Donald Trump" (words that are no first name before one),
    "Neither Cruz", "Bashing Trump" -> "Cruz", "Trump" (a function word or a verb before it)."""
    words = [t for t in name if t.is_alpha]
    if len(words) < 2:
        return name
    lead = words[0]  # "Neither Cruz", "Bashing Trump", "Said Comey": no part of the name
    function = lead.is_stop or lead.pos_ in FUNCTION_POS or lead.lower_ in HEADLINE_VERBS
    if function or _gerund(lead):
        return _without_headline_verb(name.doc[lead.i + 1 : name.end])
    # "Bernie Sanders Burns": a well-known person's name and one word more
    if len(words) > 2 and knowledge.person_gender(name.doc[name.start : words[-1].i].text):
        return name.doc[name.start : words[-1].i]
    # "Black Lawmakers Rip Donald Trump": words before the first name are the headline's
    firsts = [t for t in words if knowledge.is_first_name(t.text)]
    if len(words) > 2 and firsts and firsts[0].i > words[0].i and firsts[0].i < words[-1].i:
        return _without_headline_verb(name.doc[firsts[0].i : name.end])
    # "Hillary Asking Moderator To Fact Check Trump": a verb inside ends the name
    inner = [t for t in words[1:] if t.lower_ in HEADLINE_VERBS or _gerund(t)]
    if inner and inner[0].i > words[0].i:
        return name.doc[name.start : inner[0].i]
    first, last = words[0].lower_, words[-1].lower_
    known = knowledge.full_name(first) is not None and not knowledge.is_first_name(first)
    if last in HEADLINE_VERBS or (known and len(words) == 2 and not knowledge.is_first_name(last)):
        end = name.end - 1
        while end > name.start + 1 and not name.doc[end - 1].is_alpha:
            end -= 1
        return name.doc[name.start : end]
    return name


def _is_given(token: Token) -> bool:
    return knowledge.is_first_name(token.text)


def _gerund(token: Token) -> bool:
    """An English verb's -ing form ("Bashing", "Asking"), not a name ("Minning", "Sterling")."""
    word = token.lower_
    if not word.endswith("ing") or _is_given(token):
        return False
    stem = word[:-3]
    return len(stem) > 1 and bool({stem, stem + "e", stem[:-1]} & nlp.verbs())


def _titled_names(doc: Doc, found: list[NamedMention]) -> list[NamedMention]:
    """People NER missed but a title gives away: "Mayor Domenic Sarno", "Councilor Gomez"."""
    covered = {i for m in found for i in range(m.span.start, m.span.end)}
    out: list[NamedMention] = []
    free = 0  # where the last name found ends
    for i in _positions(doc, [word for word in _vocabulary(doc) if is_title_word(word)]):
        if i < free or i in covered:
            continue
        j = i + 1
        while j < len(doc) and (is_title(doc[j]) or doc[j].text == "."):
            j += 1
        k = j
        while (
            k < len(doc)
            and k - j < 3
            and doc[k].tag_ == "NNP"
            and doc[k].is_alpha
            and doc[k].text[0].isupper()
        ):
            if k in covered or (doc[k].ent_type_ and doc[k].ent_type_ != "PERSON") or is_title(doc[k]):
                break
            k += 1
        if k > j:
            titles = [t for t in doc[i:j] if t.text != "."]
            out.append(NamedMention(doc[i:k], doc[j:k], titles, "person"))
        free = max(k, i + 1)
    return out


def _positions(doc: Doc, words: Iterable[str]) -> list[int]:
    """Where these words occur, in text order, found without making Token objects."""
    found: list[int] = numpy.isin(doc.to_array(ORTH), word_ids(doc, words)).nonzero()[0].tolist()
    return found


def _vocabulary(doc: Doc) -> set[str]:
    """The distinct words of a document."""
    strings = doc.vocab.strings
    return {strings[h] for h in set(doc.to_array(ORTH).tolist())}


def _names_a_new_company(name: Span) -> bool:
    """Whether a name follows "a company," or the like: "placed them under a new company, Kissito
    Healthcare", "acquired by another pharmaceutical company, Actavis"."""
    doc = name.doc
    if name.start < 2 or doc[name.start - 1].text != ",":
        return False
    noun = doc[name.start - 2]
    indefinite = any(c.dep_ == "det" and c.lower_ in {"a", "an", "another"} for c in noun.children)
    return noun.lower_ in COMPANY_NOUNS and indefinite


def _relabel(mentions: list[NamedMention]) -> list[NamedMention]:
    """Repair NER's labels: a one-word organisation that is a person's surname elsewhere is that
    person, and so is one named as a person the news knows; a "person" named like a place or an
    organisation ("Latino North End"), or named after "a company," ("Kissito"), is not one."""
    person_words: set[str] = set()
    for m in mentions:
        words = [t.lower_ for t in m.name if t.is_alpha]
        if m.kind == "person" and words and (len(words) > 1 or m.titles):
            person_words.add(words[-1])
    for m in mentions:
        words = [t.lower_ for t in m.name if t.is_alpha]
        named = m.kind == "person" and len(words) > 1 and knowledge.is_first_name(words[0])
        if m.kind == "person" and words[-1] in PLACE_WORDS and not named:
            m.kind = "place"
        elif m.kind == "person" and not named and (words[-1] in ORG_WORDS or _names_a_new_company(m.name)):
            m.kind = "organization"
        elif m.kind != "person" and len(words) == 1 and words[0] in person_words and not m.name[0].is_upper:
            m.kind = "person"
        elif m.kind != "person" and len(words) > 1 and knowledge.person_gender(m.name.text):
            m.kind = "person"  # "Barack Obama's 2008 campaign", tagged an organisation
        elif m.kind == "organization" and _person_with_a_role(m.name):
            m.kind = "person"  # "tweeted Eileen Connor, the legal director of ..."
    return sorted(mentions, key=lambda m: m.span.start)


def _person_with_a_role(name: Span) -> bool:
    """Whether a name NER took for an organisation is a given name and a surname with a person's
    role in apposition: "Eileen Connor, the legal director of ...", "Lester Holt, the anchor of";
    not "Walter Energy, another mining company"."""
    words = [t for t in name if t.is_alpha]
    if len(words) != 2 or knowledge.first_name_gender(words[0].text) is None:
        return False
    return any(c.dep_ == "appos" and _person_role(c) for c in name.root.children)


def _person_role(token: Token) -> bool:
    """Whether a noun names what a person is or does: "director", "anchor", "spokesperson"."""
    word = token.lower_
    return (
        token.pos_ == "NOUN"
        and (word in PERSON_ROLES or word.endswith(PERSON_ROLE_ENDINGS))
        and not word.endswith("maker")
    )


def _role_phrase(noun: Token) -> bool:
    """A person's role, or a noun a role word qualifies ("the inspector general")."""
    return _person_role(noun) or any(c.dep_ == "compound" and _person_role(c) for c in noun.children)


def _unlabelled_people(doc: Doc, found: list[NamedMention]) -> list[NamedMention]:
    """People NER missed altogether, named by a given name and a surname that a person's role
    stands in apposition with ("the inspector general, Ana Ruiz, wrote"; "Ana Ruiz, the
    inspector general") or that say something ("Ana Ruiz said")."""
    covered = {i for m in found for i in range(m.span.start, m.span.end)}

    def free_name_word(token: Token) -> bool:
        return (
            token.i not in covered
            and token.tag_ == "NNP"
            and token.is_alpha
            and token.text[:1].isupper()
            and not token.ent_type_
            and not is_title(token)
        )

    out: list[NamedMention] = []
    tags, ents = doc.to_array([TAG, ENT_TYPE]).T.tolist()
    nnp = doc.vocab.strings["NNP"]
    for i in range(len(doc)):
        if tags[i] != nnp or ents[i] or (i and tags[i - 1] == nnp and doc[i - 1].text[:1].isupper()):
            continue  # not a proper noun, or inside a name: "Right Wing Watch" is no Wing Watch
        if not free_name_word(doc[i]) or knowledge.first_name_gender(doc[i].text) is None:
            continue
        k = i + 1
        while k < len(doc) and k - i < 3 and free_name_word(doc[k]):
            k += 1
        name = doc[i:k]
        root = name.root
        beside = (root.dep_ == "appos" and _role_phrase(root.head)) or any(
            c.dep_ == "appos" and _role_phrase(c) for c in root.children
        )
        says = root.dep_ == "nsubj" and root.head.pos_ == "VERB" and root.head.lemma_.lower() in CUE_VERBS
        if k - i >= 2 and (beside or says):
            out.append(NamedMention(name, name, [], "person"))
    return out


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in ORG_FILLER and w[:1].isalpha()).upper()


def _name_words(name: Span) -> list[str]:
    return [t.lower_ for t in name if t.is_alpha and t.lower_ not in NAME_SUFFIXES]


def _cluster_people(mentions: list[NamedMention]) -> list[Cluster]:
    clusters: list[Cluster] = []
    full: list[NamedMention] = []
    single: list[NamedMention] = []
    for m in mentions:
        (full if len([t for t in m.name if t.is_alpha]) > 1 else single).append(m)
    forms: dict[Cluster, list[tuple[identity.Name, list[str]]]] = {}  # each one's names parsed
    for m in sorted(full, key=lambda m: m.name.start):
        words = _name_words(m.name)
        match = None
        name = identity.parse_name(m.name.text)
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
            match = Cluster("person")
            clusters.append(match)
            forms[match] = []
        match.mentions.append((m.span.start, m.span.end))
        match.names.append(m.name)
        if len(m.name) > 1 and (name, words) not in forms[match]:
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
    in full, "Bill Clinton")."""
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
    return min(candidates, key=lambda c: c.first)


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
    for token in (doc[i] for i in _positions(doc, names)):
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
    for i in _positions(doc, words):
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
