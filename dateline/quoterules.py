"""Rules that find attributions: quotation marks with a cue nearby, cue verbs with a clause.

Direct quotes come from pairing quotation marks in the raw text (quotemarks.py); their cue and
source are found in the words around them ('," said X.', 'X said: "'), and a quote with none
continues the previous speaker's. Indirect quotes are cue verbs with a clausal complement
("X said (that) ...") and "according to X". The rules' findings are drafts: quotes.py turns
them, with the trained tagger's (attribution.py), into quotations with resolved speakers.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy
from spacy.attrs import DEP, IDX, LEMMA, LOWER, POS
from spacy.tokens import Doc, Span, Token

from .model import QuoteKind, Speaker
from .nlp import text_of
from .quotemarks import Pair, Pairs, inside, overlapping, same_paragraph

# Verbs that report speech, writing or thought (lemmas). Data: extend freely.
CUE_VERBS = frozenset(
    """
    say tell add write ask note report announce suggest find show tweet describe argue explain
    believe acknowledge declare claim respond agree state insist warn predict reveal recall
    conclude estimate contend maintain concede admit allege assert confirm deny emphasize stress
    complain worry fear hope expect promise pledge vow testify indicate signal joke quip recount
    remark reply retort observe speculate wonder charge counter caution continue inform assure
    boast brag muse proclaim reiterate repeat posit reason scream shout whisper post email answer
    guess imply hint mention affirm think feel know predict project forecast acknowledge disclose
    declare explain grumble lament mock complain caution cite opine reckon surmise theorize
    underscore urge recommend propose demand announce suspect doubt realize understand
    """.split()
)
# Nouns that report what someone said or holds when a "that" clause follows ("Trump's claim that
# there have been thousands of shootings", "the suggestion by aides that"). Data: extend freely.
CUE_NOUNS = frozenset(
    """
    claim assertion allegation argument statement warning complaint suggestion contention
    insistence assurance accusation admission acknowledgment acknowledgement promise prediction
    belief view notion idea remark charge concern worry hope speculation conclusion reminder
    report rumor assumption recognition revelation pledge vow threat announcement declaration
    testimony observation position theory thought message
    """.split()
)
# What makes an attribution a quotation: its cue reports words (speech, writing), a stated
# belief, wish, stance or plan, or evidence (lemmas of verbs and nouns). Deeds PolNeAR also
# annotates ("refused", "voted", "was scheduled", "called for") are not anyone's words.
SPEECH_CUES = (
    CUE_VERBS
    | frozenset(
        """
    call accuse criticize praise question point quote comment talk speak slam blast denounce
    dismiss reject challenge thank apologize rail decry label brand dub characterize portray
    advise lament plead beg implore blame attack defend credit applaud welcome condemn
    interview statement speech remark letter tweet post email memo report poll survey study
    analysis claim assertion allegation testimony column editorial book release briefing
    conference accord according reportedly criticism comments view opinion
    see view consider regard remember assume seem appear look want wish prefer like support
    oppose endorse back favor embrace seek plan intend aim hope expect push offer
    refer express discuss address echo highlight tout remind reference advocate chant voice
    promote encourage compare present detail publish persuade convince dispute outline disavow
    celebrate congratulate champion rebuke chide rebut recite yell cry critique clarify bemoan
    articulate interject hail liken allude lash deride lambast swipe reaffirm interpret
    contradict define repudiate bash hammer utter elaborate preach lecture trumpet scoff herald
    jab pronounce regret message word response argument proposal complaint announcement warning
    accusation belief notion speculation assessment thought description rhetoric contention
    rumor sentiment position stance idea suggestion concern worry fear hope opposition
    endorsement skeptical worried concerned confident eager willing critical sure aware hopeful
    optimistic clear sound insistence assurance plea
    """.split()
    )
    | CUE_NOUNS
    | {":"}
)
# "called for", "called on": demands made by deeds as much as words; prepositions as cues.
NOT_SPEECH = frozenset(
    {"for", "on", "about", "off", "up", "refuse", "decline", "vote", "schedule", "approve", "limit", "sign"}
)
# Events, which no deed is by: "Rallies in Boston called for lawmakers to approve the act" is the
# marchers' doing, not a source a reader could ask. Data: extend freely.
EVENT_NOUNS = frozenset(
    """
    rally march protest demonstration vigil parade meeting gathering event ceremony convention
    conference summit hearing debate speech festival concert walkout strike sit-in
    """.split()
)
SUBORDINATORS = {"because", "if", "when", "while", "although", "as", "before", "after", "until",
                 "unless", "though", "once", "whereas", "so", "since"}  # fmt: skip
SENTENCE_END = {".", "!", "?"}
TIME_ENTITIES = {"DATE", "TIME"}  # "said Thursday morning": when, not who
DASHES = {"\u2015", "\u2014", "\u2013", "-", "--"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
RELATIVE = {"who", "that", "which", "whom"}
DETERMINERS = {"a", "an", "the"}
# Words that may stand between the commas around a cue, with its source: ", the state's top
# official then said,".
NAMING = frozenset("PROPN PRON NOUN DET ADJ PUNCT ADV ADP NUM SPACE".split())
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


@dataclass
class Draft:
    """A quotation being assembled."""

    kind: QuoteKind
    spans: list[tuple[int, int]]
    cue: Token | None = None
    source: Token | None = None
    speaker: Speaker | None = None
    pairs: list[Pair] = field(default_factory=list)
    cue_end: int | None = None  # where a cue of several words ends ("said in a statement")
    confidence: float = 1.0  # the tagger's probability for the cue
    signed: bool = False  # the source is certain: a transcript's speaker label

    def cue_words(self) -> Span | None:
        """The cue's words, all of them ("said in a statement")."""
        if self.cue is None:
            return None
        end = self.cue_end or self.cue.idx + len(self.cue)
        return self.cue.doc.char_span(self.cue.idx, end, alignment_mode="expand")

    def overlaps(self, spans: list[tuple[int, int]]) -> bool:
        """Whether the content shares a character with any of these spans."""
        return overlap(self.spans, spans)


def word_ids(doc: Doc, words: Iterable[str]) -> numpy.ndarray:
    """The ids of these words in the doc's vocabulary, typed as doc.to_array gives them (a plain
    list of them would be compared as floats)."""
    return numpy.array([doc.vocab.strings[w] for w in words], dtype=numpy.uint64)


def overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    """Whether two lists of character spans share a character."""
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def covers(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether a character offset lies in one of these spans."""
    return any(s <= offset < e for s, e in spans)


def reported_kind(spans: list[tuple[int, int]], pairs: list[Pair]) -> QuoteKind:
    """A reported quotation is mixed when quotation marks fall in its content."""
    return "mixed" if overlapping(pairs, spans) else "indirect"


def _tokens(doc: Doc, start: int, end: int) -> Span:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None else doc[0:0]


def _is_cue(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in CUE_VERBS


def _past_dateline(subject: Token) -> Token | None:
    """A subject that is the story's dateline ("WASHINGTON -- President Obama ... said") stands
    for the name after it."""
    doc = subject.doc
    first = subject.i == 0 or "\n" in doc[subject.i - 1].text or doc[subject.i - 1].is_punct
    dash = subject.i + 1 < len(doc) and doc[subject.i + 1].text in DASHES
    if not (first and dash and subject.is_upper):
        return subject
    return next((c for c in subject.children if c.dep_ == "appos"), None)


def subject_of(verb: Token) -> Token | None:
    for t in (verb, verb.head if verb.dep_ in {"conj", "xcomp", "advcl"} else None):
        if t is None:
            continue
        for child in t.children:
            if child.dep_ in SUBJECT_DEPS:
                return _past_dateline(child)
    if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head
    # "Reilly told ...": a name the parser took for an adverb
    left = verb.doc[verb.i - 1] if verb.i > 0 else None
    if left is not None and left.head.i == verb.i and left.text[:1].isupper() and not left.is_stop:
        return left if left.dep_ in {"advmod", "npadvmod", "dep", "compound"} else None
    return None


def _according(token: Token) -> Token | None:
    """The source of "according to X", when token is "according"."""
    if token.lower_ != "according":
        return None
    for to in token.children:
        if to.lower_ == "to":
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


# ---------------------------------------------------------------- direct quotations


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
        if (source := _according(t)) is not None:
            return t, source
        if _is_cue(t):
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
    cues = [t for t in frame if _is_cue(t)]
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
    if not _is_cue(then) or then.head.i != first.i:
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
    drafts += _indirect(doc, pairs, drafts)
    drafts += _parenthetical(doc, pairs, drafts)
    return drafts + _noun_clauses(doc, pairs, drafts)


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


def _noun_clauses(doc: Doc, pairs: list[Pair], found: list[Draft]) -> list[Draft]:
    """A cue noun with the clause it reports: "Trump's claim that there have been thousands of
    shootings", "the suggestion by aides that he step aside", "the notion that ..." (no source).
    The source is the noun's owner or the object of its "by"/"from"."""
    drafts: list[Draft] = []
    taken = [s for d in found for s in d.spans]
    columns = doc.to_array([POS, LEMMA])
    wanted = numpy.isin(columns[:, 1], word_ids(doc, CUE_NOUNS))
    for i in (wanted & (columns[:, 0] == doc.vocab.strings["NOUN"])).nonzero()[0].tolist():
        cue = doc[i]
        if inside(cue.idx, pairs):
            continue
        clause = next((c for c in cue.rights if c.dep_ in {"acl", "ccomp", "appos", "relcl"}), None)
        if clause is None or clause.pos_ not in {"VERB", "AUX"}:
            continue
        that = clause.left_edge
        if that.lower_ != "that" or that.dep_ != "mark" or that.head.i != clause.i:
            continue
        if not any(c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in clause.children):
            continue
        start, end = that.i, clause.right_edge.i + 1
        end = before_final_punct(doc, start, end)
        chars = _to_marks((doc[start].idx, doc[end - 1].idx + len(doc[end - 1])), pairs)
        if overlap([chars], taken):
            continue
        source = next((c for c in cue.children if c.dep_ == "poss"), None)
        by = (c for c in cue.children if c.dep_ == "prep" and c.lower_ in {"by", "from"} and c.i < that.i)
        for prep in by:
            source = source or next((o for o in prep.children if o.dep_ == "pobj"), None)
        drafts.append(Draft(reported_kind([chars], pairs), [chars], cue, source))
        taken.append(chars)
    return drafts


def _parenthetical(doc: Doc, pairs: list[Pair], found: list[Draft]) -> list[Draft]:
    """A cue set off by commas inside what it reports: "Acts of protest, Mr. Obama said, are
    acts of patriotism" is one quotation in two pieces around "Mr. Obama said"."""
    drafts: list[Draft] = []
    taken = [s for d in found for s in d.spans]
    for i in (doc.to_array(DEP) == doc.vocab.strings["parataxis"]).nonzero()[0].tolist():
        cue = doc[i]
        if not _is_cue(cue) or inside(cue.idx, pairs):
            continue
        sentence = cue.sent
        before = next((t for t in reversed(doc[sentence.start : cue.i]) if t.text == ","), None)
        after = next((t for t in doc[cue.i + 1 : sentence.end] if t.text == ","), None)
        if before is None or after is None or after.i > cue.right_edge.i + 1:
            continue
        lead = doc[sentence.start : before.i]
        rest = doc[after.i + 1 : before_final_punct(doc, after.i + 1, sentence.end)]
        if not len(lead) or not len(rest) or any(t.pos_ not in NAMING for t in doc[before.i + 1 : cue.i]):
            continue
        spans = [(lead.start_char, lead.end_char), (rest.start_char, rest.end_char)]
        if overlap(spans, taken):
            continue
        source = subject_of(cue)
        if source is None or not before.i < source.i < after.i:  # not the subject of what it reports
            between = reversed(doc[before.i + 1 : cue.i])
            source = next((t for t in between if t.pos_ in {"PROPN", "PRON", "NOUN"}), None)
        drafts.append(Draft(reported_kind(spans, pairs), spans, cue, source))
        taken += spans
    return drafts


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


# ---------------------------------------------------------------- indirect quotations


def complement(cue: Token) -> Token | None:
    """The clause a cue verb reports: its ccomp, or an advcl the parser mistook for one."""
    for child in cue.children:
        if child.dep_ == "ccomp":
            return child
    for child in cue.rights:
        if child.dep_ == "advcl" and any(c.dep_ in SUBJECT_DEPS for c in child.children):
            marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
            if not marks & SUBORDINATORS:
                return child
    for child in cue.rights:  # "told a meeting of leaders that few people understood ...": no relative
        if child.dep_ in {"dobj", "dative"}:
            for t in child.subtree:
                that = any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)
                if t.dep_ in {"relcl", "acl"} and that and any(c.dep_ in SUBJECT_DEPS for c in t.children):
                    return t
    return None


def content_span(cue: Token, comp: Token) -> tuple[int, int]:
    """Token range of the reported clause, without a misattached lead-in or final punctuation."""
    start, end = comp.left_edge.i, comp.right_edge.i + 1
    if comp.i > cue.i:
        start = max(start, cue.i + 1)
        subjects = [c for c in comp.children if c.dep_ in SUBJECT_DEPS]
        if comp.dep_ == "advcl" and subjects and subjects[0].i < comp.i:
            start = max(start, subjects[0].left_edge.i)  # "said since January he has ..."
    else:
        end = min(end, cue.i)
        source = subject_of(cue)
        if source is not None and source.i < cue.i:
            end = min(end, source.left_edge.i)
    doc = cue.doc
    end = before_final_punct(doc, start, end)
    while start < end and (doc[start].is_punct or doc[start].is_space) and doc[start].text not in '"“':
        start += 1
    return start, end


def before_final_punct(doc: Doc, start: int, end: int) -> int:
    """The end of a token range without the punctuation and blanks it ends with (closing
    quotation marks stay)."""
    while end > start:
        last = doc[end - 1]
        if not (last.is_punct or last.is_space) or last.text in '"\u201d':
            break
        end -= 1
    return end


def before_conjunction(doc: Doc, start: int, end: int) -> int:
    """The end of a token range without the punctuation, blanks and joining "and" it ends with
    (closing quotation marks stay): "urges [her husband to come out of the car] and repeatedly
    says"."""
    end = before_final_punct(doc, start, end)
    if end - 1 > start and doc[end - 1].pos_ == "CCONJ":
        end = before_final_punct(doc, start, end - 1)
    return end


def _introduces(cue: Token, colon: Token) -> bool:
    """Whether a cue before a colon introduces what follows: the sentence's own verb with nothing
    it says before the colon ('In a speech last July, he said:', 'according to the State
    Department:'; not 'tweeted the transcript for context:', 'a guide to how you should think:')."""
    if cue.lower_ == "according":
        return True
    if cue.dep_ != "ROOT" or any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in cue.children):
        return False
    return not any(t.pos_ in {"VERB", "AUX"} for t in cue.doc[cue.i + 1 : colon.i])


def _indirect(doc: Doc, pairs: list[Pair], direct: list[Draft]) -> list[Draft]:
    drafts: list[Draft] = []
    taken = _Taken([(s, e) for d in direct for s, e in d.spans])
    direct_cues = sorted((d.cue.idx, d.cue.i) for d in direct if d.cue is not None)
    candidates: list[tuple[Token, Token | None, int, int]] = []
    columns = doc.to_array([POS, LOWER])
    maybe = (columns[:, 0] == doc.vocab.strings["VERB"]) | (columns[:, 1] == doc.vocab.strings["according"])
    for i in maybe.nonzero()[0].tolist():  # verbs and "according", without making every token
        token = doc[i]
        if (token.lower_ != "according" and not _is_cue(token)) or inside(token.idx, pairs):
            continue
        if (source := _according(token)) is not None:
            clause = token.head
            start, end = clause.left_edge.i, clause.right_edge.i + 1
            candidates.append((token, source, start, end))
        elif _is_cue(token) and (comp := complement(token)) is not None:
            start, end = content_span(token, comp)
            candidates.append((token, subject_of(token), start, end))
    for cue, source, start, end in candidates:
        if end <= start:
            continue
        chars = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
        if cue.lower_ == "according":
            chars = _without(doc, chars, cue, source)
            while chars[1] > chars[0] and text_of(doc)[chars[1] - 1] in ".,;: \n":
                chars = (chars[0], chars[1] - 1)
        if chars[1] - chars[0] < 3:
            continue
        if any(s <= cue.idx < e and (s, e) != chars for s, e in taken.near(cue.idx, cue.idx + 1)):
            continue  # a cue inside another quotation is part of its content
        if any(p.start <= chars[0] and chars[1] <= p.end for p in overlapping(pairs, [chars])):
            continue  # the whole content is a direct quotation, already found
        chars = _to_marks(chars, pairs)
        chars = _before_next_speaker(doc, chars, cue, direct_cues)
        if any(s < chars[1] and chars[0] < e for s, e in taken.near(*chars)) or chars[1] - chars[0] < 3:
            continue
        kind = reported_kind([chars], pairs)
        drafts.append(Draft(kind, [chars], cue, source))
        taken.add(chars)
    return drafts


class _Taken:
    """The character spans quotations already hold, kept sorted so that those that may share a
    character with a span are found by binary search, not by a scan of the article's every one."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.longest = max((e - s for s, e in spans), default=0)

    def add(self, span: tuple[int, int]) -> None:
        bisect.insort(self.spans, span)
        self.longest = max(self.longest, span[1] - span[0])

    def near(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that start late enough to reach start and before end."""
        lo = bisect.bisect_left(self.spans, (start - self.longest,))
        return self.spans[lo : bisect.bisect_left(self.spans, (end,))]


def _before_next_speaker(
    doc: Doc, chars: tuple[int, int], cue: Token, cues: list[tuple[int, int]]
) -> tuple[int, int]:
    """Reported content ends before the clause of another speaker's quotation inside it: "She said
    [fathers ... would not be eligible], and when pressed, the mother of three replied, '...'".
    `cues` are the character and token offsets of the direct quotations' cues, in text order."""
    start, end = chars
    within = cues[bisect.bisect_right(cues, (start, len(doc))) : bisect.bisect_left(cues, (end,))]
    later = [doc[i] for _, i in within if cue.i < i]
    content = doc.char_span(start, end, alignment_mode="expand")
    if not later or content is None:
        return chars
    k = before_conjunction(doc, content.start, min(t.left_edge.i for t in later))
    if k <= content.start:
        return start, start
    return start, doc[k - 1].idx + len(doc[k - 1])


def _to_marks(chars: tuple[int, int], pairs: list[Pair]) -> tuple[int, int]:
    """Content that starts or ends inside quotation marks, grown to include them."""
    start, end = chars
    for p in overlapping(pairs, [chars]):
        if p.start < start < p.end:
            start = p.start
        if p.start < end < p.end:
            end = p.end
    return start, end


def _past_punctuation(doc: Doc, i: int) -> int:
    """The first token from i on that is neither punctuation nor blank (len(doc) if none)."""
    while i < len(doc) and (doc[i].is_punct or doc[i].is_space):
        i += 1
    return i


def _without(doc: Doc, chars: tuple[int, int], cue: Token, source: Token | None) -> tuple[int, int]:
    """A clause's characters without its "according to X" phrase at either end. Where the
    parser hung the whole clause from X ("According to ... Rush Limbaugh, the move [reeks] of",
    "reeks" an apposition), the phrase ends at the first comma after X."""
    phrase_end = source.right_edge.i + 1 if source is not None else cue.i + 2
    start, end = chars
    if cue.idx <= start + 1:
        i = _past_punctuation(doc, phrase_end)
        if source is not None and (i == len(doc) or doc[i].idx >= end):
            i = _past_punctuation(
                doc, next((t.i for t in doc[source.i : phrase_end] if t.text == ","), phrase_end)
            )
        start = doc[i].idx if i < len(doc) else end
    else:
        i = cue.i
        while i > 0 and (doc[i - 1].is_punct or doc[i - 1].is_space):
            i -= 1
        end = doc[i - 1].idx + len(doc[i - 1].text) if i > 0 else start
    return start, end
