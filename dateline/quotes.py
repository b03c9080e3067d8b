"""Quotations: direct (in quotation marks), indirect (reported speech) and mixed; cue; speaker.

The rules (quoterules.py) and a tagger trained on PolNeAR (attribution.py) propose sources,
cues and contents; this module assembles them into quotations, and speakers.py resolves each
source to the article's entity for it (entities.py, coref.py), or keeps its words ("activists").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from . import attribution
from .cues import (
    DASHES,
    EVENT_NOUNS,
    NOT_SPEECH,
    SENTENCE_END,
    SPEECH_CUES,
    SUBJECT_DEPS,
    Draft,
    covers,
    purpose,
    subject_of,
)
from .deeds import deed_frames
from .entities import Entities
from .indirect import before_conjunction, before_final_punct, complement, content_span, views_and_polls
from .model import Mention, Quote, Speaker
from .nlp import text_of
from .quotemarks import MARKS, SINGLE_MARKS, Pair, inside, kind_of, overlapping, quote_pairs
from .quoterules import rule_drafts
from .speakers import label_speaker, speaker_of

# The end of a sentence (with its closing mark) before a quotation that opens the next: '." "'
SENTENCE_BEFORE_QUOTE = re.compile(r"(?<=[.?!])(''|[\"\u201d\u2019])?\s+(?:``|''|[\"\u201c'\u2018])?\s*$")
# A story's dateline, which is no part of what its first sentence reports: "WASHINGTON (AP) — ".
DATELINE = re.compile(r"[A-Z][A-Z.,' ]*[A-Z.](?: ?\([A-Za-z.& ]+\))?(?: ?[\u2015\u2014]+ ?| [\u2013-]+ )")
# PolNeAR annotates deeds and intentions as attributions too ("refused", "declined to release",
# "has called for"); the tagger learnt them, but they are less often right than words, and the
# example article's gold lists words only. A deed is kept when someone did it (not an event, not
# a purpose: _kept) and its content is what the cue verb takes, or when the tagger's cue
# probability reaches this. On two fifths of PolNeAR train held out (bench/heldout.py, folds 0
# and 1, the tagger of c1 = 1.2), 0.9 -> 0.5 took content F1 0.729 -> 0.733 and 0.703 -> 0.709,
# who-said-what 0.643 -> 0.645 and 0.627 -> 0.629; at 0.7 or 0.3 who-said-what is lower on both.
DEED_CONFIDENCE = 0.5
# How a deed's content may hang from its cue verb through another word: "called [for] an inquiry".
COMPLEMENT_LINKS = {"prep", "prt", "agent", "dative"}


def find_quotes(doc: Doc, entities: Entities) -> list[Quote]:
    """Every attribution in the parsed article, in text order."""
    pairs = quote_pairs(text_of(doc))
    drafts = rule_drafts(doc, pairs)
    if attribution.available():
        tags, confidence = attribution.tag(doc, pairs, drafts)
        tagged = attribution.assemble(doc, tags, pairs)
        for d in tagged:
            _without_coordinated_clause(doc, d, pairs)
            _within_sentence(doc, d, pairs)
            _to_clause_end(doc, d)
            _without_dangling_conjunction(doc, d)
        for d in tagged:
            if d.cue is not None:
                d.confidence = confidence[d.cue.i]
        drafts = _combine(doc, drafts, [d for d in tagged if _kept(doc, d)], pairs)
    drafts += views_and_polls(doc, pairs, drafts)
    drafts += deed_frames(doc, pairs, drafts)
    for d in drafts:
        _parse_source(d, pairs)
    for d in drafts:
        _lead(doc, d, drafts)
        _without_dateline(text_of(doc), d)
        if d.signed and d.kind == "indirect":
            d.kind = kind_of(d.spans, pairs)  # a headline's 'Starmer: “We will fix the NHS”' is direct
    quotes = []
    for d in sorted(drafts, key=lambda d: d.spans[0]):
        speaker: Speaker | None
        if d.signed and d.source is not None:
            speaker = label_speaker(d.source, entities)
        else:
            speaker = d.speaker or (speaker_of(d.source, entities, pairs) if d.source is not None else None)
        cue = None
        if d.cue is not None:
            end = d.cue_end or d.cue.idx + len(d.cue.text)
            if d.cue.lower_ == "according" and d.cue_end is None:
                to = next(d.cue.rights, None)
                end = to.idx + len(to.text) if to is not None else end
            cue = Mention(text_of(doc)[d.cue.idx : end], d.cue.idx, end)
        text = " ".join(_words(text_of(doc), s, e, pairs, d.kind == "mixed") for s, e in d.spans)
        if not any(c.isalnum() for c in text):
            continue  # a stray mark the tagger took for content
        quotes.append(Quote(d.kind, text, tuple(d.spans), cue, speaker, said_on=""))
    return quotes


def _without_dateline(text: str, draft: Draft) -> None:
    """Content that opens a story starts after its dateline: "WASHINGTON \u2015 [Donald Trump's
    yearslong obsession ... is an insult to all African-Americans]", the caucus said."""
    start, end = draft.spans[0]
    if start > 0 and text[start - 1] != "\n":
        return
    if (m := DATELINE.match(text, start, end)) is not None and m.end() < end:
        draft.spans[0] = (m.end(), end)


def _without_coordinated_clause(doc: Doc, draft: Draft, pairs: list[Pair]) -> None:
    """A clause joined by "and" or "but" to the sentence's source is not what the source said:
    "Residents have complained for two years about noise, and a neighborhood group said [that
    it would press the City Council]"."""
    if draft.source is None or len(draft.spans) < 2:
        return
    first = draft.source.left_edge.idx
    kept = []
    for start, end in draft.spans:
        after = any(end <= s < first for s, _ in draft.spans)  # not the piece right before it
        between = doc.char_span(end, first, alignment_mode="expand") if end < first and not after else None
        if between is None or not any(t.pos_ == "CCONJ" for t in between):
            kept.append((start, end))
    if kept and len(kept) < len(draft.spans):
        draft.spans, draft.kind = kept, kind_of(kept, pairs)


def _within_sentence(doc: Doc, draft: Draft, pairs: list[Pair]) -> None:
    """Reported content after its cue ends with the sentence, where no quotation marks carry it
    on: "The group has opposed [the NAACP resolution]. In late September, ..."."""
    if draft.kind == "direct" or draft.cue is None or len(draft.spans) != 1:
        return
    start, end = draft.spans[0]
    content = doc.char_span(start, end, alignment_mode="expand")
    if content is None or draft.cue.idx > start:
        return
    for t in content[1:]:
        if t.is_sent_start and doc[t.i - 1].text in SENTENCE_END and not inside(t.idx, pairs):
            k = t.i
            while k > content.start and (doc[k - 1].is_punct or doc[k - 1].is_space):
                k -= 1
            if k > content.start:
                draft.spans = [(start, doc[k - 1].idx + len(doc[k - 1].text))]
            return


def _to_clause_end(doc: Doc, draft: Draft) -> None:
    """Reported content the tagger ends inside the clause its cue reports runs to the clause's
    end: "Bamberg also said [the videos] do not show whether Scott has anything in his hands"."""
    if draft.kind == "direct" or draft.cue is None or len(draft.spans) != 1:
        return
    cue = draft.cue_words()
    verb, clause = next(((t, c) for t in cue or () if (c := complement(t)) is not None), (None, None))
    if verb is None or clause is None:
        return
    a, b = content_span(verb, clause)
    if b <= a:
        return
    start, end = draft.spans[0]
    clause_start, clause_end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
    if clause_start <= start < clause_end and end < clause_end:
        draft.spans = [(start, clause_end)]


def _without_dangling_conjunction(doc: Doc, draft: Draft) -> None:
    """Reported content does not end in the "and" that joins it to what follows: "urges [her
    husband to come out of the car] and repeatedly says"."""
    if draft.kind == "direct" or not draft.spans:
        return
    start, end = draft.spans[-1]
    piece = doc.char_span(start, end, alignment_mode="expand")
    if piece is None:
        return
    k = before_conjunction(doc, piece.start, piece.end)
    if k < before_final_punct(doc, piece.start, piece.end):
        draft.spans[-1] = (start, doc[k - 1].idx + len(doc[k - 1].text))


def _lead(doc: Doc, draft: Draft, drafts: list[Draft]) -> None:
    """The words before a cue set off by commas are content too: "To understand the real Dred
    Scott, Chief Justice Roberts said, one should visit this museum" is one quotation in two
    pieces."""
    if draft.kind == "direct" or draft.cue is None or draft.source is None or len(draft.spans) != 1:
        return
    cue, source = draft.cue, draft.source
    start = draft.spans[0][0]
    first = source.left_edge.i
    sentence = doc[cue.i].sent
    if not (sentence.start < first < source.i < cue.i and cue.idx < start) or start >= sentence.end_char:
        return
    comma = doc[first - 1]
    between = text_of(doc)[cue.idx + len(cue.text) : start]
    if comma.text != "," or not between.rstrip().endswith(",") or "\n" in between:
        return
    lead = (sentence.start_char, comma.idx)
    while lead[1] > lead[0] and text_of(doc)[lead[1] - 1].isspace():
        lead = (lead[0], lead[1] - 1)
    taken = any(other.overlaps([lead]) for other in drafts if other is not draft)
    if lead[1] - lead[0] > 1 and not taken:
        draft.spans = [lead, *draft.spans]


def _parse_source(draft: Draft, pairs: list[Pair]) -> None:
    """The source the parse makes certain: the agent of a passive cue ("was written by
    Springsteen"), the owner of a cue noun ("Trump's claim that"); and for a cue with no source
    yet, the subject of the clause it hangs from ("..., from saying that", "arguing that").
    Words of the content are no source: "[Obama's veto] is expected [before Friday]" has none."""
    cue = draft.cue_words()
    if cue is None or draft.signed:
        return
    if draft.source is not None and draft.source.pos_ in {"VERB", "AUX", "ADP", "SCONJ"}:
        draft.source, draft.speaker = None, None  # the tagger's "since he suspended"

    if draft.source is not None and covers(draft.spans, draft.source.idx):
        draft.source, draft.speaker = None, None  # "[About one voter in nine] is expected [to be Latino]"
    if draft.source is not None and _expletive(draft.source):
        draft.source, draft.speaker = None, None  # "[It] is hard to know where ...": nobody's words
        return
    agents = (o for t in cue for c in t.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj")
    found = next(agents, None)
    if cue.root.pos_ == "NOUN" and cue.root.lemma_.lower() in SPEECH_CUES:
        found = found or next((c for c in cue.root.children if c.dep_ == "poss"), None)
    if found is None and _asked(cue.root):
        draft.source, draft.speaker = None, None  # "Asked whether ..., Burns said": who asked is unsaid
        return
    if found is None and len(cue) == 1 and cue.root.pos_ == "ADV":
        draft.source, draft.speaker = (
            None,
            None,
        )  # "[The campaign] is reportedly scrambling": who reports is unsaid
        return
    if found is None and draft.source is not None and _passive_subject(cue.root, draft.source):
        draft.source, draft.speaker = None, None  # "North Korea is not thought [to be capable ...]"
        return
    if found is None and draft.source is None:
        found = next((s for t in cue if (s := _clause_subject(t, cue, pairs)) is not None), None)
        found = None if found is not None and (covers(draft.spans, found.idx) or _expletive(found)) else found
    if found is not None and (draft.source is None or found.i != draft.source.i):
        draft.source, draft.speaker = found, None


def _expletive(source: Token) -> bool:
    """Whether a source is the "it" that stands for a clause after an adjective: "[It] is
    important to note that ...", "[it]'s hard not to wonder whether ...", "[It] is obvious that
    ..." say something nobody in particular says."""
    if source.lower_ != "it" or source.dep_ != "nsubj":
        return False
    children = {c.dep_ for c in source.head.children}
    return bool(children & {"acomp", "oprd"}) and bool(children & {"xcomp", "ccomp"})


def _passive_subject(verb: Token, source: Token) -> bool:
    """Whether a source is only the subject of a passive cue with no agent: what is said or
    thought of, not who says it ("[it] is considered a threat", "[they] have often been
    criticized for"). PolNeAR gives such an attribution no source 376 times in train, the
    subject 59 times."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return subject is not None and subject.left_edge.i <= source.i <= subject.right_edge.i


def _asked(verb: Token) -> bool:
    """Whether a cue is "asked" with no subject of its own ("Asked whether lawmakers would meet
    the deadline, Burns told reporters ..."): the one asked is the clause's subject, not the
    one who asked."""
    return (
        verb.lemma_.lower() == "ask"
        and verb.tag_ == "VBN"
        and not any(c.dep_ in SUBJECT_DEPS or c.dep_ == "agent" for c in verb.children)
    )


# How a participle or infinitive hangs from the clause whose subject is its speaker.
CLAUSE_LINKS = {"advcl", "xcomp", "conj", "pcomp", "ccomp", "pobj", "prep", "advmod", "acl", "acomp"}


def _clause_subject(verb: Token, cue: Span, pairs: list[Pair]) -> Token | None:
    """The subject of a cue verb, or of the clause its participle or infinitive hangs from
    ("he refuses to discuss them, aside from saying", "she said at a news conference announcing")."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    t, through = verb, ""
    for _ in range(6):
        if t.pos_ in {"VERB", "AUX"}:
            subject = subject_of(t)
            if (
                subject is not None
                and not inside(subject.idx, pairs)
                and not cue.start <= subject.i < cue.end
            ):
                # "Trump will be unable to ... accuse" is Trump's; "It is worth noting" nobody's
                impersonal = through == "acomp" and subject.lower_ in {"it", "this", "that"}
                return None if impersonal else subject
        if t.dep_ == "acl" and (t.head.ent_type_ == "PERSON" or t.head.pos_ == "PRON"):
            return t.head  # "footage of Hillary Clinton asking"
        if t.dep_ not in CLAUSE_LINKS or t.head.i == t.i:
            return None
        t, through = t.head, t.dep_
    return None


def _combine(doc: Doc, rules: list[Draft], tagged: list[Draft], pairs: list[Pair]) -> list[Draft]:
    """The rules' direct quotations as found (quotation marks are exact) with the tagger's source
    where it found one in the quotation's paragraph, unless the rules' is sure (_own), and
    widened to the tagger's mixed quotation around one (_widens); the tagger's other
    attributions, with the rules' source where it found none and ended with their sentence where
    they run on into a quotation with a cue of its own (_sentence_before); then what only the
    rules found."""
    direct = [r for r in rules if r.kind == "direct" or r.signed]
    out = list(direct)
    lines = _Lines(text_of(doc))
    direct_at, rules_at, out_at = lines.index(direct), lines.index(rules), lines.index(out)
    for t in tagged:
        before = None
        twins = [direct[n] for n in lines.near(direct_at, t.spans) if t.overlaps(direct[n].spans)]
        for r in twins:
            if (
                t.source is not None
                and r.source is not None
                and t.source.i != r.source.i
                and not _own(r, t)
                and _same_paragraph(t.source.doc, t.source.idx, r.spans[0][0])
            ):
                r.source = t.source
                r.speaker = None
        if len(twins) == 1 and (before := _sentence_before(twins[0], t)) is not None:
            t.spans = [before]  # '... told reporters [that ...]. "Local officials ...," he said.'
            t.kind = kind_of(t.spans, pairs)
        elif len(twins) == 1 and t.kind == "mixed" and _widens(twins[0], t):
            r = twins[0]  # 'a majority have come to believe "that climate change is real"'
            r.kind, r.spans, r.cue, r.cue_end = "mixed", t.spans, t.cue, t.cue_end
            for drafts, at in ((direct, direct_at), (rules, rules_at), (out, out_at)):
                lines.add(at, next(n for n, d in enumerate(drafts) if d is r), r.spans)
        if twins and before is None:
            continue
        twin = next(
            (
                rules[n]
                for n in lines.near(rules_at, t.spans)
                if rules[n].kind != "direct" and t.overlaps(rules[n].spans)
            ),
            None,
        )
        if t.source is None and twin is not None:
            t.source = twin.source
        if twin is not None and _holds(twin, t):
            t.spans = twin.spans  # the rules' "Acts of protest, [Mr. Obama said,] are acts of patriotism"
            if t.source is not None and covers(t.spans, t.source.idx):
                t.source, t.speaker = twin.source, twin.speaker  # the tagger's source is content now
        if twin is not None and _runs_into_governor(twin, t):
            t.spans = twin.spans  # "Graham's warning [that the party would lose] went unheeded"
        if twin is not None and _nested(t, twin):
            t = twin  # "he told leaders that [few people understood the stakes]": who said it
        same = (out[n] for n in lines.near(out_at, t.spans)) if all(s < e for s, e in t.spans) else iter(out)
        if not any(o.spans == t.spans for o in same):  # the rule's once, however many pieces it holds
            lines.add(out_at, len(out), t.spans)
            out.append(t)
    out += [
        r
        for r in rules
        if r.kind != "direct" and not any(r.overlaps(out[n].spans) for n in lines.near(out_at, r.spans))
    ]
    return out


class _Lines:
    """Drafts indexed by the lines (paragraphs) their spans touch, so that those which may share a
    character with a span are found without comparing every pair: an article of thousands of
    attributions would take minutes. An index maps a line to the positions of the drafts in
    their list; a draft whose spans change is added again under its new lines."""

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def _lines(self, spans: list[tuple[int, int]]) -> Iterator[int]:
        for s, e in spans:
            yield from range(
                bisect.bisect_left(self.breaks, s), bisect.bisect_left(self.breaks, max(s, e - 1)) + 1
            )

    def index(self, drafts: list[Draft]) -> dict[int, list[int]]:
        at: dict[int, list[int]] = {}
        for n, d in enumerate(drafts):
            self.add(at, n, d.spans)
        return at

    def add(self, at: dict[int, list[int]], n: int, spans: list[tuple[int, int]]) -> None:
        for line in set(self._lines(spans)):
            at.setdefault(line, []).append(n)

    def near(self, at: dict[int, list[int]], spans: list[tuple[int, int]]) -> list[int]:
        """The positions of the drafts on any line these spans touch, in their list's order."""
        return sorted({n for line in set(self._lines(spans)) for n in at.get(line, ())})


def _same_paragraph(doc: Doc, a: int, b: int) -> bool:
    """Whether characters a and b are in one paragraph: no line break between them."""
    return "\n" not in text_of(doc)[min(a, b) : max(a, b)]


def _nested(tagged: Draft, rule: Draft) -> bool:
    """Whether the tagger's attribution lies inside the content of the rules' one, cue and all."""
    if tagged.cue is None or rule.cue is None:
        return False
    return covers(rule.spans, tagged.cue.idx) and _contained(tagged.spans, rule.spans)


def _holds(rule: Draft, tagged: Draft) -> bool:
    """Whether a rule's attribution is the tagger's with more of its pieces: same cue, and every
    tagged character inside the rule's spans."""
    if (
        rule.cue is None
        or tagged.cue is None
        or rule.cue.i != tagged.cue.i
        or len(rule.spans) <= len(tagged.spans)
    ):
        return False
    return _contained(tagged.spans, rule.spans, slack=1)


def _runs_into_governor(rule: Draft, tagged: Draft) -> bool:
    """Whether the tagger's content, for the rules' cue noun, runs on into the verb the noun itself
    hangs from: "[Graham's warning] that the party would lose the Senate [went unheeded]"."""
    cue = rule.cue
    if cue is None or tagged.cue is None or cue.i != tagged.cue.i or cue.pos_ != "NOUN":
        return False
    return covers(tagged.spans, cue.head.idx) and not covers(rule.spans, cue.head.idx)


def _contained(inner: list[tuple[int, int]], outer: list[tuple[int, int]], slack: int = 0) -> bool:
    """Whether every inner span lies within an outer one (ending up to `slack` characters after)."""
    return all(any(os <= s and e <= oe + slack for os, oe in outer) for s, e in inner)


def _sentence_before(quote: Draft, tagged: Draft) -> tuple[int, int] | None:
    """The tagger's content up to the end of its sentence when it runs on into a direct quotation
    the next sentence opens, with a cue of its own: 'Baker told reporters [that he had "no
    objection" to it.] "Local officials know their streets better," he said.'"""
    qs, (ts, te) = quote.spans[0][0], (tagged.spans[0][0], tagged.spans[-1][1])
    if quote.cue is None or tagged.cue is None or not ts < qs < te or ts <= quote.cue.idx < te:
        return None
    doc = tagged.cue.doc
    text = text_of(doc)
    end = SENTENCE_BEFORE_QUOTE.search(text, ts, qs)
    opening = doc.char_span(qs, qs + 1, alignment_mode="expand")
    if end is None or "\n" in text[ts:qs] or end.start() - ts < 3 or opening is None:
        return None
    if not opening[0].is_sent_start:
        return None  # "the U.S. [\u201cdoes not have the capacity\u201d]": no sentence ends there
    return ts, end.start() + len(end.group(1) or "")


def _widens(quote: Draft, tagged: Draft) -> bool:
    """Whether the tagger's content holds a direct quotation and words of the same sentence
    before it, with its cue outside both."""
    (qs, qe), (ts, te) = (quote.spans[0][0], quote.spans[-1][1]), (tagged.spans[0][0], tagged.spans[-1][1])
    if not (ts < qs and qe <= te + 1) or tagged.cue is None or ts <= tagged.cue.idx < te:
        return False
    return "\n" not in text_of(tagged.cue.doc)[ts:qs]


def _own(rule: Draft, tagged: Draft) -> bool:
    """Whether a rule's source is certain (a transcript's label, the name signing a quotation after
    a dash), or is its cue's subject while the tagger's comes from another paragraph: '... he
    said.\n\nClinton, at a later press gaggle, said, "I've been ..."'."""
    if rule.signed or (rule.cue is not None and rule.cue.text in DASHES):
        return True
    if rule.cue is None or rule.source is None or tagged.source is None:
        return False
    subject = subject_of(rule.cue)
    if subject is None or subject.i != rule.source.i:
        return False
    text = text_of(rule.cue.doc)

    def apart(a: int, b: int) -> bool:
        return "\n" in text[min(a, b) : max(a, b)]

    quote = rule.spans[0][0]
    return not apart(rule.cue.idx, quote) and apart(tagged.source.idx, quote)


def _kept(doc: Doc, draft: Draft) -> bool:
    """Whether an attribution the tagger found is output: a direct quotation, words or beliefs,
    or a deed or intention ("declined to release", "has called for") someone did, whose content
    is what its cue takes as complement or whose cue the tagger is sure of (DEED_CONFIDENCE)."""
    cue = draft.cue_words()
    if draft.kind == "direct" or _is_speech(doc, cue):
        return True
    if (
        cue is None
        or any(purpose(verb) for verb in _acts(doc, draft, cue))
        or (draft.source is not None and draft.source.lemma_.lower() in EVENT_NOUNS)
    ):
        return False
    return draft.confidence >= DEED_CONFIDENCE or _takes_content(doc, draft, cue.root)


def _acts(doc: Doc, draft: Draft, cue: Span) -> list[Token]:
    """The cue's verb, and the verb of the cue its content hangs from where that is another one
    ("refused a request to meet with activists [to discuss] his stance")."""
    content = doc.char_span(*draft.spans[0], alignment_mode="expand")
    taker = content.root.head if content is not None else None
    inner = taker is not None and cue.start <= taker.i < cue.end and taker.i != cue.root.i
    return [cue.root, taker] if inner and taker is not None else [cue.root]


def _takes_content(doc: Doc, draft: Draft, verb: Token) -> bool:
    """Whether a deed's content is what its cue verb takes: its head hangs from the verb itself
    or from a preposition or particle of it ("voted [to delay the decision]", "called for [an
    inquiry]"); not words the tagger took from further away ("refused a request to meet with
    activists to discuss [his stance]")."""
    content = doc.char_span(*draft.spans[0], alignment_mode="expand")
    if content is None:
        return False
    head = content.root.head
    return (
        content.root.i == verb.i
        or head.i == verb.i
        or (head.head.i == verb.i and head.dep_ in COMPLEMENT_LINKS)
    )


def _is_speech(doc: Doc, cue: Span | None) -> bool:
    """Whether an attribution's cue (its words) reports words or beliefs, not an action or an
    intention."""
    if cue is None:
        return False
    lemmas = {t.lemma_.lower() for t in cue} | {t.lower_ for t in cue}
    following = doc[cue.end] if cue.end < len(doc) else None
    if following is not None and following.lower_ in NOT_SPEECH and following.head.i == cue.root.i:
        lemmas.add(following.lower_)
    return bool(lemmas & SPEECH_CUES) and not lemmas & NOT_SPEECH


def _words(text: str, start: int, end: int, pairs: list[Pair], mixed: bool) -> str:
    """A content piece's words, without the quotation marks around it: double marks, and single
    ones that quote. In a mixed quotation a mark whose partner is inside the piece stays: 'he
    agrees Trump is a “total opportunist”'; a direct quotation's own marks all go."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    near = overlapping(pairs, [(start, end)])  # the pairs that open or close at its ends among them
    first = MARKS.match(text, start)
    if first is None and any(p.start == start for p in near):
        first = SINGLE_MARKS.match(text, start)
    last = next((m for m in MARKS.finditer(text, max(start, end - 2), end) if m.end() == end), None)
    if last is None and any(p.end == end and p.close_len for p in near):
        last = SINGLE_MARKS.match(text, end - 1)
    keep_first = mixed and first is not None and any(p.start == start and p.end < end for p in near)
    keep_last = mixed and last is not None and any(p.end == end and p.start > start for p in near)
    if first is not None and last is not None and keep_first != keep_last:
        keep_first = keep_last = False  # one kept and not the other: paired some other way
    if last is not None and not keep_last:
        end = last.start()
    if first is not None and not keep_first and first.end() <= end:
        start = first.end()
    return " ".join(text[start:end].split())
