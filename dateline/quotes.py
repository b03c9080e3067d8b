"""Quotations: direct (in quotation marks), indirect (reported speech) and mixed; cue; speaker.

The rules (quoterules.py) and a tagger trained on PolNeAR (attribution.py) propose sources,
cues and contents; this module assembles them into quotations and resolves each source to the
article's entity for it (entities.py, coref.py), or keeps its words ("activists").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .entities import Entities
from .model import Mention, Quote, Speaker
from .quotemarks import quote_pairs
from .quoterules import DETERMINERS, RELATIVE, rule_drafts


def find_quotes(doc: Doc, entities: Entities) -> list[Quote]:
    """Every attribution in the parsed article, in text order."""
    pairs = quote_pairs(doc.text)
    drafts = rule_drafts(doc, pairs)
    quotes = []
    for d in sorted(drafts, key=lambda d: d.spans[0]):
        speaker = d.speaker or (_speaker(d.source, entities) if d.source is not None else None)
        cue = Mention(d.cue.text, d.cue.idx, d.cue.idx + len(d.cue.text)) if d.cue is not None else None
        if d.cue is not None and d.cue.lower_ == "according":
            to = next(d.cue.rights, None)
            end = to.idx + len(to.text) if to is not None else cue.end if cue else 0
            cue = Mention(doc.text[d.cue.idx : end], d.cue.idx, end)
        text = " ".join(_words(doc.text, s, e) for s, e in d.spans)
        quotes.append(Quote(d.kind, text, tuple(d.spans), cue, speaker, said_on=""))
    return quotes


def _words(text: str, start: int, end: int) -> str:
    piece = text[start:end].strip()
    if piece[:1] in '"\u201c\u00ab':
        piece = piece[1:]
    if piece[-1:] in '"\u201d\u00bb':
        piece = piece[:-1]
    return " ".join(piece.split())


# ---------------------------------------------------------------- speakers


def _speaker(token: Token, entities: Entities) -> Speaker:
    """Who a source token names: an entity's fullest name, or the words themselves."""
    if token.lower_ in RELATIVE and token.head.dep_ == "relcl":
        token = token.head.head
    found = entities.mention_of(token)
    if found is None:  # "the district's transportation director, Ellen Park,"
        names = [c for c in token.children if c.dep_ == "appos"] + [t for t in token.subtree if t.i < token.i]
        for t in names:
            if (found := entities.mention_of(t)) is not None and found[0].kind != "place":
                break
        else:
            found = None
    if found is not None:
        entity, mention = found
        return Speaker(entity.name, entity.id, mention)
    span = token.doc[token.left_edge.i : token.i + 1]
    name = span.text
    if span[0].lower_ in DETERMINERS and len(span) > 1:
        name = span[1:].text
    return Speaker(name, None, Mention(span.text, span.start_char, span.end_char))
