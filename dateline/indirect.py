"""Rules that find reported speech: cue verbs with a clause, "according to X", cues set off by
commas and cue nouns with a "that" clause.

A cue verb's clausal complement is what it reports ("X said (that) ..."), and so is the clause
"according to X" hangs from; "Acts of protest, Mr. Obama said, are acts of patriotism" is one
quotation in two pieces; "Trump's claim that ..." is Trump's. Content with quotation marks in it
is a mixed quote. These rules run after the direct ones (quoterules.py) and leave what they found.
"""

from __future__ import annotations

import bisect

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.tokens import Doc, Token

from .cues import (
    CUE_NOUNS,
    SUBJECT_DEPS,
    Draft,
    according_to,
    is_cue,
    overlap,
    reported_kind,
    subject_of,
    word_ids,
)
from .nlp import text_of
from .quotemarks import Pair, inside, overlapping

SUBORDINATORS = {"because", "if", "when", "while", "although", "as", "before", "after", "until",
                 "unless", "though", "once", "whereas", "so", "since"}  # fmt: skip
# Words that may stand between the commas around a cue, with its source: ", the state's top
# official then said,".
NAMING = frozenset("PROPN PRON NOUN DET ADJ PUNCT ADV ADP NUM SPACE".split())


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


def reported_clauses(doc: Doc, pairs: list[Pair], direct: list[Draft]) -> list[Draft]:
    drafts: list[Draft] = []
    taken = Taken([(s, e) for d in direct for s, e in d.spans])
    direct_cues = sorted((d.cue.idx, d.cue.i) for d in direct if d.cue is not None)
    candidates: list[tuple[Token, Token | None, int, int]] = []
    columns = doc.to_array([POS, LOWER])
    maybe = (columns[:, 0] == doc.vocab.strings["VERB"]) | (columns[:, 1] == doc.vocab.strings["according"])
    for i in maybe.nonzero()[0].tolist():  # verbs and "according", without making every token
        token = doc[i]
        if (token.lower_ != "according" and not is_cue(token)) or inside(token.idx, pairs):
            continue
        if (source := according_to(token)) is not None:
            clause = token.head
            start, end = clause.left_edge.i, clause.right_edge.i + 1
            candidates.append((token, source, start, end))
        elif is_cue(token) and (comp := complement(token)) is not None:
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
        if taken.overlaps(*chars) or chars[1] - chars[0] < 3:
            continue
        kind = reported_kind([chars], pairs)
        drafts.append(Draft(kind, [chars], cue, source))
        taken.add(chars)
    return drafts


class Taken:
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

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span already held shares a character with start..end."""
        return any(s < end and start < e for s, e in self.near(start, end))


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


def parentheticals(doc: Doc, pairs: list[Pair], found: list[Draft]) -> list[Draft]:
    """A cue set off by commas inside what it reports: "Acts of protest, Mr. Obama said, are
    acts of patriotism" is one quotation in two pieces around "Mr. Obama said"."""
    drafts: list[Draft] = []
    taken = [s for d in found for s in d.spans]
    for i in (doc.to_array(DEP) == doc.vocab.strings["parataxis"]).nonzero()[0].tolist():
        cue = doc[i]
        if not is_cue(cue) or inside(cue.idx, pairs):
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


def noun_clauses(doc: Doc, pairs: list[Pair], found: list[Draft]) -> list[Draft]:
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


# "in Bolton's view, ...", "in the eyes of many voters, ...": whose view the clause is
VIEW_NOUNS = frozenset("view eyes opinion mind estimation judgment judgement words telling reckoning".split())
# "In a CNN/ORC poll released Monday, 31% ...": one poll says what the clause does ("trails in
# the polls" is mostly not annotated as the polls' finding, on PolNeAR train)
POLL_NOUNS = frozenset({"poll", "survey"})


def view_or_poll(token: Token) -> Token | None:
    """The source when token is the "in" of "in X's view", "in the eyes of X" or "in a poll"
    (one poll, not "in the polls")."""
    if token.lower_ != "in" or token.dep_ != "prep":
        return None
    noun = next((c for c in token.children if c.dep_ == "pobj"), None)
    if noun is None:
        return None
    if noun.lower_ in POLL_NOUNS:
        return noun
    if noun.lower_ in VIEW_NOUNS:
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        of = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if owner is None and of is not None:
            owner = next((c for c in of.children if c.dep_ == "pobj"), None)
        return owner
    return None


def views_and_polls(doc: Doc, pairs: list[Pair], found: list[Draft]) -> list[Draft]:
    """A clause said to be someone's view or a poll's finding, in a phrase that hangs from its
    verb: "Trump is, [in Bolton's view], a failure" is Bolton's in two pieces around the phrase;
    "[In a CNN/ORC poll,] 31% backed Sanders" the poll's. Only where no attribution has it."""
    taken = Taken([s for d in found for s in d.spans])
    drafts = []
    for i in (doc.to_array(LOWER) == doc.vocab.strings["in"]).nonzero()[0].tolist():
        token = doc[i]
        if inside(token.idx, pairs) or (source := view_or_poll(token)) is None:
            continue
        clause = token.head
        if clause.pos_ not in {"VERB", "AUX"}:
            continue
        phrase = (token.left_edge.i, token.right_edge.i + 1)
        pieces = []
        for start, end in ((clause.left_edge.i, phrase[0]), (phrase[1], clause.right_edge.i + 1)):
            start = _past_punctuation(doc, start)
            end = before_conjunction(doc, start, end) if end > start else end
            if end - start >= 2:
                pieces.append((doc[start].idx, doc[end - 1].idx + len(doc[end - 1])))
        if not pieces or any(taken.overlaps(*piece) for piece in pieces):
            continue
        noun = next(c for c in token.children if c.dep_ == "pobj")
        kind = reported_kind(pieces, pairs)
        drafts.append(Draft(kind, pieces, token, source, cue_end=noun.idx + len(noun)))
        for piece in pieces:
            taken.add(piece)
    return drafts
