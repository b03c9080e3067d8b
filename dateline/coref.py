"""In-article coreference for people and organisations: pronouns and definite descriptions.

News coreference is mostly local: "she" is the nearest fitting person, preferring the subject
that says it ("Marty Nathan said she ..."); "the mayor" is the person introduced as Mayor X;
"the center" is the organisation whose name ends in Center. Gender comes from titles, roles,
first names and the article's own pronouns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from .model import Role
from .nlp import text_of
from .quotemarks import Pair, quote_pairs, same_side

if TYPE_CHECKING:
    from .entities import Cluster

PRONOUN_GENDER = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Organisation nouns that may stand for an organisation named earlier ("the center").
ORG_NOUNS = {"center", "centre", "agency", "department", "company", "firm", "group", "council",
             "committee", "campaign", "organization", "association", "union", "bank", "university",
             "institute", "foundation", "board", "commission", "administration", "party", "coalition",
             "network", "court", "office", "bureau", "service", "corporation", "club", "alliance",
             "fund", "ministry", "league", "society", "project", "team", "authority"}  # fmt: skip
MAX_SENTENCES_BACK = 5


def _subject_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)


def _clause_verb(token: Token) -> Token:
    """The verb of the clause a token is in."""
    t = token
    while t.head.i != t.i and t.pos_ not in {"VERB", "AUX"}:
        t = t.head
    return t


def resolve(doc: Doc, clusters: list[Cluster]) -> None:
    """Add pronoun and description mentions to the clusters they refer to."""
    owner: dict[int, Cluster] = {}
    for c in clusters:
        for s, e in c.mentions:
            for i in range(s, e):
                owner.setdefault(i, c)
    sent_of = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for t in sent:
            sent_of[t.i] = n
    pairs = quote_pairs(text_of(doc))
    _gender_from_binding(doc, owner, pairs)
    _descriptions(doc, clusters, owner)
    history: list[tuple[int, Cluster, bool]] = sorted(
        (
            (s, c, any(doc[i].dep_ in SUBJECT_DEPS for i in range(s, e)))
            for c in clusters
            if c.kind == "person"
            for s, e in c.mentions
        ),
        key=lambda h: h[0],
    )
    for token in doc:
        gender = PRONOUN_GENDER.get(token.lower_)
        if gender is None or token.i in owner or token.pos_ != "PRON":
            continue
        target = _antecedent(token, gender, owner, history, sent_of, pairs)
        if target is None:
            continue
        target.mentions.append((token.i, token.i + 1))
        owner[token.i] = target
        history.append((token.i, target, token.dep_ in SUBJECT_DEPS))
        history.sort(key=lambda h: h[0])


def _compatible(cluster: Cluster, gender: str) -> bool:
    return cluster.kind == "person" and cluster.sex() in (None, gender)


def _binder(token: Token, owner: dict[int, Cluster], pairs: list[Pair]) -> Cluster | None:
    """The subject a pronoun is bound to: "X said he ...", "X voiced his opposition".

    Not across quotation marks: in '"He will act," said Nathan', Nathan would say "I".
    """
    if token.dep_ in SUBJECT_DEPS and token.head.dep_ in {"ccomp", "conj"}:
        subject = _subject_of(token.head.head)
    elif token.dep_ in {"poss", "dobj", "pobj", "dative"}:
        verb = _clause_verb(token)
        subject = _subject_of(verb)
        if subject is not None and subject.i > token.i:
            subject = None
    else:
        return None
    if subject is None or not same_side(token.idx, subject.idx, pairs):
        return None
    return owner.get(subject.i)


def _gender_from_binding(doc: Doc, owner: dict[int, Cluster], pairs: list[Pair]) -> None:
    """ "Marty Nathan said she ...": the subject of a report is as its subject pronoun says."""
    for token in doc:
        gender = PRONOUN_GENDER.get(token.lower_)
        if gender and token.dep_ in SUBJECT_DEPS and token.head.dep_ == "ccomp":
            cluster = _binder(token, owner, pairs)
            if cluster is not None and cluster.kind == "person":
                cluster.gender[gender] += 1


def _antecedent(
    token: Token,
    gender: str,
    owner: dict[int, Cluster],
    history: list[tuple[int, Cluster, bool]],
    sent_of: list[int],
    pairs: list[Pair],
) -> Cluster | None:
    bound = _binder(token, owner, pairs)
    if bound is not None and _compatible(bound, gender):
        return bound
    here = sent_of[token.i]
    best: tuple[int, int, int, int] | None = None
    choice = None
    for start, cluster, is_subject in history:
        if start >= token.i:
            break
        distance = here - sent_of[start]
        if distance > MAX_SENTENCES_BACK or not _compatible(cluster, gender):
            continue
        known = 0 if cluster.sex() == gender else 1
        rank = (distance, known, 0 if is_subject else 1, -start)
        if best is None or rank < best:
            best, choice = rank, cluster
    return choice


def _descriptions(doc: Doc, clusters: list[Cluster], owner: dict[int, Cluster]) -> None:
    """ "the mayor (of Springfield)" -> the person with that role; "the center" -> its org."""
    for token in doc:
        if token.pos_ != "NOUN" or token.i in owner:
            continue
        det = [c for c in token.lefts if c.dep_ == "det"]
        if len(det) != 1 or det[0].lower_ != "the":
            continue
        if any(c.dep_ in {"poss", "nummod"} for c in token.lefts):
            continue
        word = token.lower_
        lemma = token.lemma_.lower()
        earlier = [c for c in clusters if c.mentions and c.first < det[0].i]
        people = [
            c for c in earlier if c.kind == "person" and any(_role_head(r.role) == word for r in c.roles)
        ]
        orgs = [
            c
            for c in earlier
            if c.kind == "organization" and lemma in ORG_NOUNS and c.name_words()[-1:] == [lemma]
        ]
        candidates = people or orgs
        if not candidates:
            continue
        target = max(candidates, key=lambda c: max(s for s, _ in c.mentions if s < det[0].i))
        end = token.i + 1
        place = None
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [o for o in child.children if o.dep_ == "pobj" and o.ent_type_ in {"GPE", "ORG"}]
                if objs:
                    end = objs[0].right_edge.i + 1
                    place = " ".join(t.text for t in objs[0].subtree if t.tag_ != "POS")
        target.mentions.append((det[0].i, end))
        for i in range(det[0].i, end):
            owner.setdefault(i, target)
        if place and target.kind == "person":
            _set_affiliation(target, word, place)


def _role_head(role: str) -> str:
    return role.split()[-1] if role else ""


def _set_affiliation(cluster: Cluster, word: str, place: str) -> None:
    cluster.roles = [
        Role(r.role, place) if _role_head(r.role) == word and r.affiliation is None else r
        for r in cluster.roles
    ]
