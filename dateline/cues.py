"""The words and parse shapes the attribution rules share: cue verbs and nouns, the lexicon of
speech, belief and evidence, a cue's source in the parse, and Draft, a quotation being assembled.

The lexicons are data beside the rules that use them: the direct rules (quoterules.py) and those
for reported speech (indirect.py) find drafts with them, quotes.py keeps a tagged attribution by
its cue's word, and speakers.py, coref.py and entities.py tell a speaker's verb by them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy
from spacy.tokens import Doc, Span, Token

from .model import QuoteKind, Speaker
from .quotemarks import Pair, overlapping

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
SENTENCE_END = {".", "!", "?"}
DASHES = {"\u2015", "\u2014", "\u2013", "-", "--"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
RELATIVE = {"who", "that", "which", "whom"}
DETERMINERS = {"a", "an", "the"}


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


def is_cue(token: Token) -> bool:
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


def purpose(verb: Token) -> bool:
    """Whether a cue verb is an infinitive of purpose or plan rather than a deed done: "are using
    May Day rallies [to call for] greater protections", "plans to call for"."""
    return (
        verb.dep_ in {"xcomp", "advcl", "acl"}
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and not (verb.head.pos_ == "VERB" and verb.head.lemma_.lower() in SPEECH_CUES)
    )


def according_to(token: Token) -> Token | None:
    """The source of "according to X", when token is "according"."""
    if token.lower_ != "according":
        return None
    for to in token.children:
        if to.lower_ == "to":
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return obj
    return None
