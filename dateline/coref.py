"""In-article coreference for people and organisations: pronouns and definite descriptions.

News coreference is mostly local: "she" is the nearest fitting person, preferring the subject
that says it ("Marty Nathan said she ..."); "the mayor" is the person introduced as Mayor X;
"the center" is the organisation whose name ends in Center. Gender comes from titles, roles,
first names and the article's own pronouns.
"""

from __future__ import annotations

import bisect
import itertools
from typing import TYPE_CHECKING, NamedTuple

import numpy
from spacy.attrs import DEP, HEAD, IS_PUNCT, IS_SPACE, LOWER, POS, SENT_START, TAG
from spacy.tokens import Doc, Token

from .cues import CUE_VERBS, word_ids
from .model import Role
from .nlp import text_of
from .quotemarks import Pair, inside, quote_pairs, same_side
from .roles import ROLE_GENDER

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
# What the name of an organisation ends with when a common noun stands for it: "the agency" is
# the Federal Aviation Administration, "the newspaper" The Washington Post. Any other noun of
# ORG_NOUNS stands for a name ending in itself ("the center": Pioneer Valley Workers Center).
COMPANY_ENDS = {"inc", "inc.", "co", "co.", "corp", "corp.", "corporation", "company", "companies",
                "holdings", "ltd", "ltd.", "llc", "airlines", "motors"}  # fmt: skip
NEWSPAPER_ENDS = {"times", "post", "journal", "news", "herald", "tribune", "gazette", "globe",
                  "telegraph", "guardian", "examiner", "inquirer", "chronicle", "register",
                  "observer", "sun", "bee", "courier", "dispatch", "star-ledger"}  # fmt: skip
ORG_NAME_ENDS = {"agency": {"agency", "administration", "bureau", "service", "commission", "department",
                            "office", "authority"},
                 "company": COMPANY_ENDS, "firm": COMPANY_ENDS, "corporation": COMPANY_ENDS,
                 "newspaper": NEWSPAPER_ENDS, "paper": NEWSPAPER_ENDS,
                 "airline": {"airlines", "airways", "air"}}  # fmt: skip
ORG_KIND_NOUNS = ORG_NOUNS | ORG_NAME_ENDS.keys()  # every noun that may stand for an organisation
MAX_SENTENCES_BACK = 5
# Nouns for a person that name no office: "the New York businessman", "the Republican nominee",
# "Obama's former campaign strategist" are the person the last sentences are about.
PERSON_NOUNS = {"businessman", "businesswoman", "nominee", "candidate", "mogul", "billionaire",
                "developer", "strategist", "adviser", "advisor", "aide", "lawmaker", "politician",
                "legislator", "congressman", "congresswoman", "frontrunner", "front-runner",
                "challenger", "incumbent", "democrat", "republican", "physician", "doctor",
                "activist", "organizer", "economist", "professor", "pollster", "veteran",
                "executive", "entrepreneur", "star", "host", "author", "writer", "lawyer",
                "attorney", "mother", "father", "woman", "man", "girl", "boy", "widow",
                "wife", "husband", "daughter", "son", "sister", "brother"}  # fmt: skip
# Kin of a named person: "Keith Lamont Scott's wife" is the Scott named elsewhere.
KIN_NOUNS = {"wife", "husband", "mother", "father", "son", "daughter", "brother", "sister", "widow"}
# Role words a description may use for a title: "the California congressman" is "Rep. Schiff".
ROLE_SYNONYMS = {"congressman": {"congressman", "representative"},
                 "congresswoman": {"congresswoman", "representative"},
                 "lawmaker": {"senator", "representative", "congressman", "congresswoman", "delegate",
                              "assemblyman", "assemblywoman", "councilor", "councilman", "councilwoman"},
                 "physician": {"physician", "doctor"}, "doctor": {"doctor", "physician"},
                 "chief": {"chief", "commissioner"}}  # fmt: skip
MAX_DESCRIPTION_BACK = 2  # sentences a description looks back for the person it names


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
    sent_of, full_of = _sentence_numbers(doc), _full_sentence_numbers(doc)
    pairs = quote_pairs(text_of(doc))
    _gender_from_binding(doc, owner, pairs)
    _descriptions(doc, clusters, owner)
    history = sorted(
        (_seen(doc, s, e, c, pairs) for c in clusters if c.kind == "person" for s, e in c.mentions),
        key=lambda h: h.start,
    )
    for token in _tokens(doc, _pronouns(doc)):
        gender = PRONOUN_GENDER[token.lower_]
        if token.i in owner or token.pos_ != "PRON":
            continue
        target = _antecedent(token, gender, owner, history, (sent_of, full_of), pairs)
        if target is None:
            continue
        target.mentions.append((token.i, token.i + 1))
        owner[token.i] = target
        bisect.insort(history, _seen(doc, token.i, token.i + 1, target, pairs), key=lambda h: h.start)
    _salient(doc, clusters, owner, history, sent_of, pairs)
    _named_affiliations(clusters)


def _sentence_numbers(doc: Doc) -> list[int]:
    """Each token's sentence, counted from 0 as doc.sents yields them."""
    numbers = []
    n = 0
    for i, start in enumerate(doc.to_array(SENT_START).tolist()):
        if i > 0 and start == 1:
            n += 1
        numbers.append(n)
    return numbers


def _full_sentence_numbers(doc: Doc) -> list[int]:
    """Each token's sentence, where a fragment of fewer than three words ("Taxes?", "@plish516.",
    "Kathryn Kates.") counts as part of the sentence before it."""
    columns = doc.to_array([SENT_START, IS_PUNCT, IS_SPACE])
    starts = [0] + [i for i in (columns[:, 0] == 1).nonzero()[0].tolist() if i > 0]
    numbers: list[int] = []
    for start, end in zip(starts, [*starts[1:], len(doc)], strict=True):
        words = end - start - int(columns[start:end, 1:].sum())
        n = numbers[-1] + (words >= 3) if numbers else 0
        numbers += [n] * (end - start)
    return numbers


def _tokens(doc: Doc, indices: numpy.ndarray) -> list[Token]:
    """The tokens at these indices: spaCy makes a Token object anew on each access, so a loop
    over a few of them is much cheaper than one over the whole document."""
    return [doc[i] for i in indices.tolist()]


def _pronouns(doc: Doc) -> numpy.ndarray:
    """Where the gendered pronouns are, in text order."""
    return numpy.isin(doc.to_array(LOWER), word_ids(doc, PRONOUN_GENDER)).nonzero()[0]


class Seen(NamedTuple):
    """A mention of a person, as a pronoun's candidate antecedent."""

    start: int
    cluster: Cluster
    subject: int  # 0: a main clause's subject, "according to X" or introduced ("X, a Y,"); 1: a
    # speech verb's subject in another clause; 2: another subject; 3: no subject
    quoted: bool  # inside quotation marks


def _is_source(token: Token) -> bool:
    """Whether a token is the X of "according to X"."""
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def _seen(doc: Doc, start: int, end: int, cluster: Cluster, pairs: list[Pair]) -> Seen:
    subjects = [doc[i] for i in range(start, end) if doc[i].dep_ in SUBJECT_DEPS]
    introduced = (  # the rare apposition first: cluster.first scans every mention
        any(c.dep_ == "appos" for i in range(start, end) for c in doc[i].children) and start == cluster.first
    )
    according = any(_is_source(doc[i]) for i in range(start, end))
    main = bool(subjects) and subjects[0].head.dep_ == "ROOT"
    speaks = bool(subjects) and subjects[0].head.lemma_.lower() in CUE_VERBS
    rank = 0 if introduced or according or main else 1 if speaks else 2 if subjects else 3
    return Seen(start, cluster, rank, inside(doc[start].idx, pairs))


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
    for token in _tokens(doc, _pronouns(doc)):
        gender = PRONOUN_GENDER[token.lower_]
        if token.dep_ in SUBJECT_DEPS and token.head.dep_ == "ccomp":
            cluster = _binder(token, owner, pairs)
            if cluster is not None and cluster.kind == "person" and cluster.name_gender() in (None, gender):
                cluster.gender[gender] += 1


def _antecedent(
    token: Token,
    gender: str,
    owner: dict[int, Cluster],
    history: list[Seen],
    numbers: tuple[list[int], list[int]],
    pairs: list[Pair],
) -> Cluster | None:
    """The person a pronoun refers to: the subject it is bound to, else the nearest fitting
    person, preferring a main-clause subject and, outside quotation marks, one named outside
    them ('"Obama had will.i.am," he said' is not Obama); else the one it points ahead to in its
    sentence; else the nearest counting only sentences of three words or more, past a run of
    fragments ("Taxes? Foundation? Foreign deals? @plish516. Only European immigrants are 'safe'
    in his eyes")."""
    sent_of, full_of = numbers
    bound = _binder(token, owner, pairs)
    if bound is not None and _compatible(bound, gender):
        return bound
    return (
        _nearest(token, gender, history, sent_of, pairs)
        or _cataphor(token, gender, history, sent_of)
        or _nearest(token, gender, history, full_of, pairs)
    )


def _nearest(
    token: Token, gender: str, history: list[Seen], sent_of: list[int], pairs: list[Pair]
) -> Cluster | None:
    """The best-ranked fitting person at most MAX_SENTENCES_BACK sentences, as sent_of numbers
    them, before a pronoun."""
    here = sent_of[token.i]
    outside = not inside(token.idx, pairs)
    best: tuple[int, ...] | None = None
    choice = None
    window = bisect.bisect_left(sent_of, here - MAX_SENTENCES_BACK)  # the first token near enough
    for seen in history[bisect.bisect_left(history, window, key=lambda h: h.start) :]:
        if seen.start >= token.i:
            break
        distance = here - sent_of[seen.start]
        if distance > MAX_SENTENCES_BACK or not _compatible(seen.cluster, gender):
            continue
        known = 0 if seen.cluster.sex() == gender else 1
        rank = (int(outside and seen.quoted), distance, seen.subject, known, -seen.start)
        if best is None or rank < best:
            best, choice = rank, seen.cluster
    return choice


def _cataphor(token: Token, gender: str, history: list[Seen], sent_of: list[int]) -> Cluster | None:
    """The person a pronoun with no one before it points ahead to: its own sentence's main
    subject, named after it ("Back when [he] wrote his book, Mr. McKinley said ...")."""
    for seen in history[bisect.bisect_right(history, token.i, key=lambda h: h.start) :]:
        if sent_of[seen.start] != sent_of[token.i]:
            break
        if seen.subject == 0 and not seen.quoted and _compatible(seen.cluster, gender):
            return seen.cluster
    return None


def _descriptions(doc: Doc, clusters: list[Cluster], owner: dict[int, Cluster]) -> None:
    """ "the mayor (of Springfield)" -> the person with that role; "the center" -> its org."""
    firsts = [(c, c.first) for c in clusters if c.mentions]  # a description comes after them
    by_role: dict[str, list[tuple[int, Cluster, int]]] = {}  # people by their roles' head nouns
    for n, (c, first) in enumerate(firsts):
        if c.kind == "person":
            for head in {_role_head(r.role) for r in c.roles}:
                by_role.setdefault(head, []).append((n, c, first))
    orgs_first = [(c, first) for c, first in firsts if c.kind == "organization"]
    for token in _tokens(doc, _nouns_after_the(doc)):
        if token.i in owner:
            continue
        det = [c for c in token.lefts if c.dep_ == "det"]
        if len(det) != 1 or det[0].lower_ != "the":
            continue
        if any(c.dep_ in {"poss", "nummod"} for c in token.lefts):
            continue
        word = token.lower_
        heads = ROLE_SYNONYMS.get(word, {word})
        titled = {n: (c, first) for h in heads for n, c, first in by_role.get(h, [])}  # each person once
        people = [
            c for _, (c, first) in sorted(titled.items()) if first < det[0].i and _modifiers_fit(token, c)
        ]
        orgs = []
        if token.lemma_.lower() in ORG_KIND_NOUNS:  # else it stands for no organisation
            orgs = [c for c, first in orgs_first if first < det[0].i and _stands_for(token, c)]
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


def _stands_for(noun: Token, org: Cluster) -> bool:
    """Whether "the <noun>" may be this organisation: "the agency" the Federal Aviation
    Administration, "the company" Boeing Co. Not a plural, an apposition to a name ("Teck, the
    Canadian mining company"), or a noun whose compounds the name lacks ("the law enforcement
    agency" is not the State Department)."""
    lemma = noun.lemma_.lower()
    if lemma not in ORG_KIND_NOUNS or noun.tag_ == "NNS" or noun.dep_ == "appos":
        return False
    words = org.name_words()
    if any(t.dep_ == "compound" and t.lower_ not in words for t in noun.lefts):
        return False
    return _named_as(lemma, words)


def _named_as(noun: str, words: list[str]) -> bool:
    """Whether an organisation's name (its lower-case words) is one an organisation noun stands
    for: "Federal Aviation Administration" for "agency", "Pioneer Valley Workers Center" for
    "center", "Court of Appeals for the District of Columbia Circuit" for "court"."""
    heads = words[-1:] + [w for w, after in itertools.pairwise(words) if after == "of"]  # "Court of Appeals"
    return any(h in ORG_NAME_ENDS.get(noun, {noun}) for h in heads)


def _named_affiliations(clusters: list[Cluster]) -> None:
    """A role's affiliation that is only an organisation noun ("Steve Dickson, the agency's
    administrator") is the organisation of that kind named before the person, if only one is."""
    orgs = [c for c in clusters if c.kind == "organization" and c.mentions]
    for person in clusters:
        if person.kind != "person" or not person.mentions:
            continue
        for n, role in enumerate(person.roles):
            noun = (role.affiliation or "").lower()
            if noun not in ORG_KIND_NOUNS:
                continue
            named = [c for c in orgs if c.first < person.first and _named_as(noun, c.name_words())]
            if len(named) == 1:
                person.roles[n] = Role(role.role, named[0].best_name())


def _nouns_after_the(doc: Doc) -> numpy.ndarray:
    """Where the nouns with the determiner "the" among their dependents are, in text order."""
    table: numpy.ndarray = doc.to_array([POS, LOWER, DEP])
    pos, lower, dep = table.T
    heads = numpy.arange(len(doc)) + doc.to_array(HEAD).astype("int64")
    the, det, noun = (word_ids(doc, [w])[0] for w in ("the", "det", "NOUN"))
    nouns: numpy.ndarray = numpy.unique(heads[(lower == the) & (dep == det)])
    found: numpy.ndarray = nouns[pos[nouns] == noun]
    return found


def _modifiers_fit(noun: Token, cluster: Cluster) -> bool:
    """Whether a description's proper modifiers ("the Democratic candidate") are in the person's
    roles: the Libertarian candidate introduced earlier is not "the Democratic candidate"."""
    said = " ".join(f"{r.role} {r.affiliation or ''}" for r in cluster.roles).lower()
    named = [
        t for t in noun.lefts if t.ent_type_ in {"NORP", "GPE", "ORG"} and t.dep_ in {"amod", "compound"}
    ]
    return all(t.lower_ in said for t in named)


def _salient(
    doc: Doc,
    clusters: list[Cluster],
    owner: dict[int, Cluster],
    history: list[Seen],
    sent_of: list[int],
    pairs: list[Pair],
) -> None:
    """Descriptions no role matched: "the New York businessman said" is the person the last
    sentences are about (of the noun's gender, not the possessor in "Obama's former strategist");
    "Keith Lamont Scott's wife" is another person of that surname."""
    tag, lower = doc.to_array([TAG, LOWER]).T
    nouns = (tag == word_ids(doc, ["NN"])[0]) & numpy.isin(lower, word_ids(doc, PERSON_NOUNS))
    for token in _tokens(doc, nouns.nonzero()[0]):
        word = token.lower_
        if token.i in owner:
            continue
        if token.dep_ not in SUBJECT_DEPS and not (token.dep_ == "pobj" and token.head.lower_ == "to"):
            continue
        det = [c for c in token.lefts if c.dep_ in {"det", "poss"}]
        if len(det) != 1 or (det[0].dep_ == "det" and det[0].lower_ != "the"):
            continue
        start = det[0].left_edge.i
        possessor = owner.get(det[0].i) if det[0].dep_ == "poss" else None
        if det[0].dep_ == "poss" and possessor is None and det[0].pos_ != "PRON":
            continue
        gender = ROLE_GENDER.get(word)
        named = [owner[c.i] for c in token.children if c.dep_ == "appos" and c.i in owner]
        if named:  # "Scott's niece, state Del. Marcia Price": the apposition says who
            target: Cluster | None = named[0] if named[0].kind == "person" else None
        elif word in KIN_NOUNS and det[0].dep_ == "poss":
            if possessor is None:
                continue
            kin = [
                c
                for c in clusters
                if c is not possessor and c.kind == "person" and c.surname() == possessor.surname()
            ]
            fits = len(kin) == 1 and (gender is None or _compatible(kin[0], gender))
            target = kin[0] if fits else None
        else:
            target = _most_salient(start, token, gender, possessor, history, sent_of, pairs)
        if target is None:
            continue
        target.mentions.append((start, token.i + 1))
        for i in range(start, token.i + 1):
            owner.setdefault(i, target)


def _most_salient(
    start: int,
    token: Token,
    gender: str | None,
    possessor: Cluster | None,
    history: list[Seen],
    sent_of: list[int],
    pairs: list[Pair],
) -> Cluster | None:
    here = sent_of[token.i]
    outside = not inside(token.idx, pairs)
    best: tuple[int, ...] | None = None
    choice = None
    for seen in history:
        if seen.start >= start:
            break
        distance = here - sent_of[seen.start]
        if distance > MAX_DESCRIPTION_BACK or seen.cluster is possessor:
            continue
        if gender and not _compatible(seen.cluster, gender):
            continue
        rank = (int(outside and seen.quoted), distance, seen.subject, -seen.start)
        if best is None or rank < best:
            best, choice = rank, seen.cluster
    return choice


def _role_head(role: str) -> str:
    return role.split()[-1] if role else ""


def _set_affiliation(cluster: Cluster, word: str, place: str) -> None:
    cluster.roles = [
        Role(r.role, place) if _role_head(r.role) == word and r.affiliation is None else r
        for r in cluster.roles
    ]
