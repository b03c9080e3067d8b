"""Named mentions of people, organisations and places: NER's spans, with its commonest slips repaired.

Titles are part of a mention but not of the name ("Mayor Domenic Sarno" -> "Domenic Sarno"); an
acronym in brackets names its organisation ("Immigration Customs Enforcement ( ICE)"); a headline's
words NER ran into a name are cut off ("Obama Says"); people NER missed are found by a title, a
nickname, or a role or a cue verb beside them; and a label that the name belies is mended ("Latino
North End" is no person). entities.py merges the mentions into entities.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy
from spacy.attrs import ENT_TYPE, ORTH, TAG
from spacy.tokens import Doc, Span, Token

from . import coref, knowledge, nlp
from .cues import CUE_VERBS, word_ids
from .model import EntityKind
from .roles import is_title, is_title_word

LABEL_KINDS: dict[str, EntityKind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
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
    for i in positions(doc, [word for word in _vocabulary(doc) if is_title_word(word)]):
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


def positions(doc: Doc, words: Iterable[str]) -> list[int]:
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
