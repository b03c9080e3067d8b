"""Rules that find attributions: quotation marks with a cue nearby, transcript turns, block quotes.

Direct quotes come from pairing quotation marks in the raw text (quotemarks.py); their cue and
source are found in the words around them ('," said X.', 'X said: "'), and a quote with none
continues the previous speaker's. `rule_drafts` runs these rules, then those for reported speech
(indirect.py). The rules' findings are drafts: quotes.py turns them, with the trained tagger's
(attribution.py), into quotations with resolved speakers.
"""

from __future__ import annotations

import bisect
import re

from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from .cues import DASHES, SENTENCE_END, SUBJECT_DEPS, Draft, according_to, is_cue, subject_of
from .indirect import noun_clauses, parentheticals, reported_clauses
from .model import QuoteKind
from .nlp import text_of
from .quotemarks import Pair, Pairs, inside, same_paragraph

TIME_ENTITIES = {"DATE", "TIME"}  # "said Thursday morning": when, not who
SCARE_QUOTE_WORDS = 4
BLOCK_INTRODUCTION = re.compile(r":[ \t\u00a0]*\n\s*(?=\S)")  # a colon ending a paragraph
SPEECH_END = ",.!?\u2026\u2014-"
# A transcript's turn or a headline's speaker: '"WALLACE: Let's start with ...', 'SEN. GRAHAM: We
# ...', 'Sanders: Clinton needs to ...' (not 'Q:', 'UPDATE:', 'Partial transcript as follows:').
TURN = re.compile(
    r"[\"\u201c]?[ \t]*((?:[A-Z][A-Za-z.'\u2019-]*[ \t]+){0,3}[A-Z][A-Za-z'\u2019-]+):[ \t]+(?=\S)"
)
NOT_SPEAKERS = frozenset(
    """UPDATE UPDATED NOTE CORRECTION CLARIFICATION WATCH READ RELATED VIDEO PHOTO PHOTOS CAPTION
    CREDIT ADVERTISEMENT SOURCE SOURCES BREAKING TRANSCRIPT ALSO MORE EXCLUSIVE""".split()
) | {"EDITOR'S NOTE", "EDITOR\u2019S NOTE"}


def _tokens(doc: Doc, start: int, end: int) -> Span:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None else doc[0:0]


def _leads_on(doc: Doc, frame: Span, pairs: list[Pair]) -> bool:
    """Whether the words after a finished quotation introduce the next one: '"... kidding."
    To which she said, "Thank God ..."' (her words are the second, not the first)."""
    last = [t for t in frame if not t.is_space]
    if not last or last[-1].text not in {",", ":"}:
        return False
    end = last[-1].idx + 1
    return any(p.start >= end and not text_of(doc)[end : p.start].strip() for p in pairs)


def _brief(doc: Doc, pair: Pair) -> bool:
    """A word or two in quotation marks, as a nickname ('Marcia "Cia" Price'): no quotation
    that would end the words around another (so no bound of _frame_after and _frame_before)."""
    return len(text_of(doc)[pair.inner[0] : pair.inner[1]].split()) <= 2


def _frame_after(doc: Doc, pair: Pair, pairs: list[Pair], token_starts: list[int]) -> Span:
    start = bisect.bisect_left(token_starts, pair.end)  # the first token after the mark
    later = [p.start for p in same_paragraph(pairs, pair) if p.start >= pair.end]
    limit = min(later, default=len(text_of(doc)))
    end = start
    while end < len(doc) and doc[end].idx < limit and "\n" not in doc[end].text:
        end += 1
        if doc[end - 1].text in SENTENCE_END:
            break
    return doc[start:end]


def _frame_before(doc: Doc, pair: Pair, pairs: list[Pair]) -> Span:
    tokens = _tokens(doc, pair.start, pair.start + 1)
    end = tokens.start
    earlier = [p.end for p in same_paragraph(pairs, pair) if p.end <= pair.start]
    limit = max(earlier, default=0)
    start = end
    while start > 0 and doc[start - 1].idx >= limit and "\n" not in doc[start - 1].text:
        if doc[start - 1].text in SENTENCE_END:
            break
        start -= 1
    return doc[start:end]


def _cue_in(frame: Span, pairs: list[Pair], *, before: bool = False) -> tuple[Token, Token | None] | None:
    """The first cue in a frame and its source, which must be outside quotation marks. Before a
    quotation, a second act of the same speaker nearer it is the cue: 'said, adding later, "..."',
    'urges her husband to leave and repeatedly says, "..."' (but 'said ... but said "..."' is one)."""
    signed = [t for t in frame if not t.is_space]
    dash = signed[0] if len(signed) > 1 and signed[0].text in DASHES else None
    if dash is not None and signed[1].pos_ == "PROPN" and dash.idx > frame.doc[frame.start - 1].idx:
        return dash, _np_head(signed[1])  # '"..." ― Carla Sanchez': a quotation signed with a dash
    if before and (last := _last_speaker(frame, pairs)) is not None:
        return last
    for t in frame:
        if (source := according_to(t)) is not None:
            return t, source
        if is_cue(t):
            if before:
                t = next((n for n in reversed(frame[t.i - frame.start + 1 :]) if _second_act(t, n)), t)
            source = subject_of(t)
            if source is None or inside(source.idx, pairs):
                source = _nearest_nominal(frame, t, pairs)
            return t, source
    return None


def _last_speaker(frame: Span, pairs: list[Pair]) -> tuple[Token, Token] | None:
    """Before a quotation, a later cue with a subject of its own that ends the frame is the
    quotation's: 'She said fathers ... would not be eligible, and when pressed, the mother of three
    replied, "..."' is the mother's reply, not what she said first."""
    cues = [t for t in frame if is_cue(t)]
    if len(cues) < 2:
        return None
    cue = cues[-1]
    source = next((c for c in cue.children if c.dep_ in SUBJECT_DEPS), None)
    if source is None or inside(source.idx, pairs):
        return None
    end = max(cue.i, source.right_edge.i)
    if any(not (t.is_punct or t.is_space) for t in frame[end - frame.start + 1 :]):
        return None
    return cue, source


def _second_act(first: Token, then: Token) -> bool:
    """Whether a later cue is its own act of the first cue's speaker: a participle after it ("said,
    adding") or another verb joined to it ("urges ... and says")."""
    if not is_cue(then) or then.head.i != first.i:
        return False
    participle = then.tag_ == "VBG" and then.dep_ in {"advcl", "xcomp", "conj"}
    return participle or (then.dep_ == "conj" and then.lemma_ != first.lemma_)


def _np_head(token: Token) -> Token:
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    return token


def _nearest_nominal(frame: Span, cue: Token, pairs: list[Pair]) -> Token | None:
    """The source when the parse gives none: a name or pronoun before the cue ('," Flynn, a
    top surrogate, said'), else the noun phrase right after it ('," said Flynn'), else a noun."""

    def fits(t: Token, kinds: set[str]) -> bool:
        return t.pos_ in kinds and not inside(t.idx, pairs) and t.ent_type_ not in TIME_ENTITIES

    before = [t for t in frame if t.i < cue.i and t.dep_ not in {"compound", "poss", "pobj"}]
    after = [t for t in frame if t.i > cue.i][:4]
    for t in [*before, *after]:
        if fits(t, {"PROPN", "PRON"}):
            return _np_head(t)
    for t in [*after, *reversed(before)]:
        if fits(t, {"NOUN"}):
            return _np_head(t)
    return None


def rule_drafts(doc: Doc, pairs: list[Pair]) -> list[Draft]:
    """Attributions the rules find, direct ones first."""
    turns = _turns(doc, pairs)
    drafts = [d for d in _direct(doc, pairs) if not any(d.overlaps(t.spans) for t in turns)]
    drafts = sorted(drafts + turns, key=lambda d: d.spans[0])
    drafts += _blocks(doc, pairs)
    drafts += reported_clauses(doc, pairs, drafts)
    drafts += parentheticals(doc, pairs, drafts)
    return drafts + noun_clauses(doc, pairs, drafts)


def _blocks(doc: Doc, pairs: list[Pair]) -> list[Draft]:
    """A block quotation, whose quotation marks the page gave as indentation: the paragraph after
    one that ends with its cue and a colon ('The governor added:' \u00b6 'It's typical of Hillary
    Clinton. She knows nothing, ...')."""
    drafts: list[Draft] = []
    text = text_of(doc)
    for mark in BLOCK_INTRODUCTION.finditer(text):
        firsts = _tokens(doc, mark.end(), mark.end() + 1)
        if not len(firsts):
            continue
        first = firsts[0]
        if inside(first.idx, pairs) or first.text[:1] in "\"\u201c'\u2018":
            continue  # a quoted paragraph is the direct rule's
        intro = _introduction(doc, first.idx)
        found = _cue_in(intro, pairs) if intro is not None else None
        if intro is None or found is None or found[1] is None or not _introduces(found[0], intro[-1]):
            continue
        end = text.find("\n", first.idx)
        end = len(text.rstrip()) if end < 0 else end
        if len(text[first.idx : end].split()) >= 4:
            drafts.append(Draft("indirect", [(first.idx, end)], found[0], found[1]))
    return drafts


def _introduces(cue: Token, colon: Token) -> bool:
    """Whether a cue before a colon introduces what follows: the sentence's own verb with nothing
    it says before the colon ('In a speech last July, he said:', 'according to the State
    Department:'; not 'tweeted the transcript for context:', 'a guide to how you should think:')."""
    if cue.lower_ == "according":
        return True
    if cue.dep_ != "ROOT" or any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in cue.children):
        return False
    return not any(t.pos_ in {"VERB", "AUX"} for t in cue.doc[cue.i + 1 : colon.i])


def _turns(doc: Doc, pairs: list[Pair]) -> list[Draft]:
    """A transcript's turns and headlines' speakers: each paragraph that opens with a speaker's
    name (in capitals, or a person or organisation) and a colon is that speaker's words."""
    drafts = []
    text = text_of(doc)
    named = {e[-1].text for e in doc.ents if e.label_ in {"PERSON", "ORG"}}
    pos = 0
    for line in text.split("\n"):
        m = TURN.match(line)
        if m is not None and m.group(1).upper() not in NOT_SPEAKERS and len(m.group(1)) > 2:
            label = doc.char_span(pos + m.start(1), pos + m.end(1), alignment_mode="expand")
            if label is not None and not m.group(1).isupper() and label[-1].text not in named:
                label = None  # in capitals, or a name the article uses: "Sanders: Clinton needs to ..."
            colon = doc.char_span(pos + m.end(1), pos + m.end(1) + 1, alignment_mode="expand")
            end = pos + len(line.rstrip().rstrip('"\u201d'))
            if (
                label is not None
                and colon is not None
                and any(c.isalnum() for c in text[pos + m.end() : end])
            ):
                spans = [(pos + m.end(), end)]
                kind: QuoteKind = "direct" if line[:1] in '"\u201c' else "indirect"
                drafts.append(Draft(kind, spans, colon[0], label[-1], signed=True))
        pos += len(line) + 1
    return drafts


def _direct(doc: Doc, pairs: list[Pair]) -> list[Draft]:
    drafts: list[Draft] = []
    last: Draft | None = None
    bounds = Pairs(p for p in pairs if not _brief(doc, p))
    token_starts = doc.to_array(IDX).tolist()
    for pair in pairs:
        inner = text_of(doc)[pair.inner[0] : pair.inner[1]].strip()
        words = len(inner.split())
        after, before = _frame_after(doc, pair, bounds, token_starts), _frame_before(doc, pair, bounds)
        ends_sentence = inner[-1:] == "."
        if words <= SCARE_QUOTE_WORDS and (inner[-1:] not in SPEECH_END or _is_title(doc, pair, inner)):
            continue  # a so-called "scare quote", or the title of a show, is nobody's words
        found = None
        if (
            len(after)
            and (not ends_sentence or len(after) <= 8)
            and not (ends_sentence and _leads_on(doc, after, pairs))
        ):
            found = _cue_in(after, pairs)
        if found is None and len(before):
            found = _cue_in(before, pairs, before=True)
            if found is not None and _content_between(doc, found[0], pair, found[1]):
                found = None  # "X said the plan was 'a disaster'": a mixed quote, found later
        if found is None and not len(before) and (intro := _introduction(doc, pair.start)) is not None:
            found = _cue_in(intro, pairs)  # 'Caddell continued:' ¶ '"The health issue ..."'
        if found is not None:
            cue, source = found
            if (
                last is not None
                and last.cue is not None
                and last.cue.i == cue.i
                and last.pairs[-1].paragraph == pair.paragraph
                and _continues_sentence(doc, last.pairs[-1], pair)
            ):
                last.spans.append((pair.start, pair.end))
                last.pairs.append(pair)
                continue
            last = Draft("direct", [(pair.start, pair.end)], cue, source, pairs=[pair])
            drafts.append(last)
        elif last is not None and pair.paragraph - last.pairs[-1].paragraph <= 2:
            # a quote with no cue of its own continues the previous speaker
            last = Draft("direct", [(pair.start, pair.end)], last.cue, last.source, pairs=[pair])
            drafts.append(last)
    _signed_paragraphs(drafts)
    return drafts


def _signed_paragraphs(drafts: list[Draft]) -> None:
    """A paragraph signed with a dash at its end is all its signer's words: a quotation in it that
    took the speaker before it (its closing mark came early) takes the signer."""
    signers = {d.pairs[-1].paragraph: d for d in drafts if d.cue is not None and d.cue.text in DASHES}
    for d in drafts:
        signer = signers.get(d.pairs[0].paragraph)
        if signer is None or d is signer or d.cue is None:
            continue
        start = d.pairs[0].start
        elsewhere = d.cue.idx < start and "\n" in text_of(d.cue.doc)[d.cue.idx : start]
        if elsewhere and signer.spans[0][0] > d.spans[0][0]:
            d.cue, d.source = signer.cue, signer.source


def _introduction(doc: Doc, paragraph: int) -> Span | None:
    """The paragraph before the one starting at this offset when it ends in a colon ('Caddell
    continued:'), colon and all."""
    tokens = _tokens(doc, paragraph, paragraph + 1)
    end = tokens.start
    while end > 0 and doc[end - 1].is_space:
        end -= 1
    if end == 0 or doc[end - 1].text != ":" or end == tokens.start:
        return None
    start = end - 1
    while start > 0 and "\n" not in doc[start - 1].text:
        start -= 1
    return doc[start:end]


def _is_title(doc: Doc, pair: Pair, inner: str) -> bool:
    """A short quoted name: after a preposition or possessive ('on Fox News's "Fox and
    Friends."'), or every word capitalised ("Make America Great Again")."""
    words = [w for w in inner.strip(".,!?").split() if w.lower() not in {"and", "of", "the", "a", "in", "on"}]
    before = [t for t in _tokens(doc, max(0, pair.start - 1), pair.start) if not t.is_space]
    after_word = before and (before[-1].pos_ in {"ADP", "DET"} or before[-1].tag_ == "POS")
    return bool(after_word) or (len(words) > 1 and all(w[:1].isupper() for w in words))


def _content_between(doc: Doc, cue: Token, pair: Pair, found: Token | None = None) -> bool:
    """Whether words other than the source (the cue's subject, or the name found after it:
    'Said Ellis: "..."'), punctuation and "that" lie between cue and quote."""
    if cue.idx > pair.start:
        return False
    between = doc[cue.i + 1 : _tokens(doc, pair.start, pair.start + 1).start]
    source = subject_of(cue)
    skip = set(range(source.left_edge.i, source.right_edge.i + 1)) if source is not None else set()
    if found is not None and found.i > cue.i:
        skip |= {t.i for t in found.lefts if t.i > cue.i} | {found.i}
        skip |= {t.i for c in found.rights if c.dep_ in {"appos", "compound"} for t in c.subtree}
    for t in between:
        if t.i in skip or t.is_punct or t.is_space or t.lower_ in {"that", "this"}:
            continue
        if t.head.i == cue.i and t.dep_ in {"dative", "npadvmod", "advmod", "prep", "pobj"}:
            continue
        if t.head.head.i == cue.i and t.head.dep_ in {"dative", "prep"}:
            continue
        return True
    return False


def _continues_sentence(doc: Doc, first: Pair, second: Pair) -> bool:
    """'"...," she said, "..."' is one quotation split by its cue; a new sentence is another."""
    between = text_of(doc)[first.end : second.start].strip()
    return (
        between.endswith(",")
        or between.endswith("\u2014")
        or text_of(doc)[second.start + 1 :].lstrip()[:1].islower()
    )
