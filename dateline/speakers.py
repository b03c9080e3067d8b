"""Who a quotation's source is: the article's entity a source word names, through names,
pronouns, descriptions and relative pronouns ("who said"), or the words themselves ("activists").

"I" or "we" inside quotation marks is whoever says the quotation; outside them, the writer of the
letter or column they are in. quotes.py asks this of each quotation's source token.
"""

from __future__ import annotations

import bisect

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc, Token

from . import attribution
from .cues import DETERMINERS, RELATIVE, SPEECH_CUES, subject_of
from .entities import Entities
from .model import Entity, Mention, Speaker
from .quotemarks import Pair, around, inside

FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}


def speaker_of(token: Token, entities: Entities, pairs: list[Pair]) -> Speaker:
    """Who a source token names: an entity's fullest name, or the words themselves.

    A relative pronoun ("who said") is the mention; who it is comes from the noun it follows.
    "I" or "we" inside quotation marks is whoever says the quotation.
    """
    mention = Mention(token.text, token.idx, token.idx + len(token.text))
    if token.lower_ in RELATIVE and token.head.dep_ == "relcl" and token.head.head.i != token.i:
        named = speaker_of(token.head.head, entities, pairs)
        return Speaker(named.name, named.entity, mention)
    if token.lower_ in FIRST_PERSON and (
        said := _quote_speaker(token, entities, pairs) or _writer(token, entities, pairs)
    ):
        return Speaker(said.name, said.entity, mention)
    found = entities.mention_of(token) or _named_beside(token, entities)
    if found is not None:
        entity, named_by = found
        return Speaker(entity.name, entity.id, named_by)
    span = token.doc[token.left_edge.i : token.i + 1]
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is not None and token.pos_ == "NOUN" and token.lemma_.lower() in SPEECH_CUES:
        said = speaker_of(owner, entities, pairs)  # "[His] twisted message of patriotism normalizes ..."
        if said.entity is not None:
            return Speaker(said.name, said.entity, Mention(span.text, span.start_char, span.end_char))
    name = span.text
    if span[0].lower_ in DETERMINERS and len(span) > 1:
        name = span[1:].text
    return Speaker(name, None, Mention(span.text, span.start_char, span.end_char))


def label_speaker(token: Token, entities: Entities) -> Speaker:
    """Who a transcript's label names ("PENCE" is Mike Pence, "SEN. GRAHAM" Lindsey Graham)."""
    text = token.text.lstrip('"\u201c')
    mention = Mention(text, token.idx + len(token.text) - len(text), token.idx + len(token.text))
    words = text.lower().split()
    for entity in entities.entities:
        name = entity.name.lower().split()
        if entity.kind == "person" and len(name) > len(words) and name[-1] == words[-1]:
            return Speaker(entity.name, entity.id, mention)
    found = entities.mention_of(token)
    if found is not None and found[0].kind == "person":
        return Speaker(found[0].name, found[0].id, mention)
    return Speaker(text.title(), None, mention)


def _named_beside(token: Token, entities: Entities) -> tuple[Entity, Mention] | None:
    """The entity a source noun stands in apposition with: "the district's transportation
    director, Ellen Park", "McConnell, now the Senate majority leader, who ..."; not one it only
    mentions ("Obama's former campaign strategist", "a reporter for USA Today")."""
    beside = [c for c in token.children if c.dep_ == "appos"]
    if token.dep_ == "appos":
        beside.append(token.head)
    found = [f for t in beside if (f := entities.mention_of(t)) is not None and f[0].kind != "place"]
    for t in beside:  # 'state Del. Marcia "Cia" Price (D-Newport News)': the person in the phrase
        if t.i > token.i:
            found += [
                f for u in t.subtree if (f := entities.mention_of(u)) is not None and f[0].kind == "person"
            ]
    people = [f for f in found if f[0].kind == "person"]
    return next(iter(people or found), None)


def _writer(token: Token, entities: Entities, pairs: list[Pair]) -> Speaker | None:
    """Who "I" outside quotation marks is: the writer of the letter or column it is in, named by
    the next paragraph that is only a name (a letter's signature, "Michael Pravica.") or else
    by a closing paragraph that introduces a person ("Charlotte Meehan is playwright-in-residence
    at Wheaton College ...")."""
    doc = token.doc
    if inside(token.idx, pairs):
        return None
    paragraphs = _paragraph_words(doc)
    later = paragraphs[bisect.bisect_right(paragraphs, token.i, key=lambda p: p[0]) :]
    for _, _, first, last in later:
        if first >= 0 and (signer := _person_at(doc[first], entities)) is not None:
            entity, named = signer
            if named.end >= doc[last].idx + len(doc[last]):
                return Speaker(entity.name, entity.id, named)
    words = [t for s, e, _, _ in later[-1:] for t in doc[s:e] if not t.is_space]
    if words and (introduced := _person_at(words[0], entities)) is not None:
        entity, named = introduced
        verb = words[0]
        while verb.idx < named.end and verb.head.i != verb.i:
            verb = verb.head
        if verb.lemma_ == "be" and verb.dep_ == "ROOT":  # "Charlotte Meehan is ..."
            return Speaker(entity.name, entity.id, named)
    return None


def _paragraph_words(doc: Doc) -> list[tuple[int, int, int, int]]:
    """Each paragraph's token range and its first and last word (not punctuation or blank; -1
    and -1 if it has none), worked out once per article."""
    cached = doc.user_data.get("dateline_paragraph_words")
    if isinstance(cached, list):
        return cached
    words: list[int] = numpy.flatnonzero(doc.to_array([IS_PUNCT, IS_SPACE]).sum(axis=1) == 0).tolist()
    found = []
    for s, e in attribution.paragraphs(doc):
        lo, hi = bisect.bisect_left(words, s), bisect.bisect_left(words, e) - 1
        found.append((s, e, words[lo], words[hi]) if lo <= hi else (s, e, -1, -1))
    doc.user_data["dateline_paragraph_words"] = found
    return found


def _person_at(token: Token, entities: Entities) -> tuple[Entity, Mention] | None:
    """The person a mention starting at this token names, if any."""
    found = entities.mention_of(token)
    if found is None or found[0].kind != "person" or found[1].start != token.idx:
        return None
    return found


def _quote_speaker(token: Token, entities: Entities, pairs: list[Pair]) -> Speaker | None:
    """Who says the quotation a first-person pronoun is in: the subject of the speech verb
    beside it ('"I am surprised," said Caddell', 'She said: "We demand ..."')."""
    doc = token.doc
    pair = around(token.idx, pairs)
    quoted = doc.char_span(pair.start, pair.end, alignment_mode="expand") if pair else None
    if quoted is None:
        return None
    sentences = [doc[quoted.end].sent] if quoted.end < len(doc) else []
    for sentence in [*sentences, doc[quoted.start].sent]:
        for verb in sentence:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in SPEECH_CUES or inside(verb.idx, pairs):
                continue
            subject = subject_of(verb)
            if subject is not None and subject.lower_ not in FIRST_PERSON and not inside(subject.idx, pairs):
                return speaker_of(subject, entities, pairs)
    return None
