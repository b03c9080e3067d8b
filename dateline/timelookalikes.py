"""What tells a time expression from a look-alike the patterns also match: a modal "may", "a
45-year-old", the TV show "This Week", "$5 a year", "the fall of the Berlin Wall".

`plausible` judges one match of `timepatterns` in its parsed sentence: calendar words in lower
case, ages and names first, then a check for its kind, mostly of the word before it (`YEAR_CUES`,
`DURATION_CUES`) and of the parse. `times.find_times` keeps the matches it passes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span

from . import timewords as W
from .timecontext import tense_of
from .timepatterns import Match

# Words before a bare four-digit number that make it a year ("in 1990", "fiscal 1990").
YEAR_CUES = {
    "in", "since", "of", "by", "until", "till", "from", "to", "through", "during", "before", "after",
    "between", "and", "or", "early", "late", "mid", "fiscal", "the", "year", "around", "spring",
    "summer", "fall", "autumn", "winter", "for", "as", "last", "than", "'s", "end", "-", "–", "ending",
}  # fmt: skip
# Words before a bare plural unit that make it an amount of time ("for years", "took months").
DURATION_CUES = {
    "for", "in", "within", "over", "after", "take", "took", "takes", "taking", "taken", "spent", "spend",
    "spends", "last", "lasted", "lasts", "lasting", "wait", "waited",
}  # fmt: skip
SEASON_CUES = {"in", "during", "since", "by", "until", "through", "this", "next", "last", "over", "late"}
NAME_ENTITIES = {"PERSON", "ORG", "GPE", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "LOC"}

_CALENDAR_NAME = re.compile(r"\b(?:" + "|".join([*W.MONTHS, *W.WEEKDAYS]) + r")\b", re.I)
_NAME_ALLOWED = re.compile(
    "|".join([*W.MONTHS, *W.WEEKDAYS, *(w for h in W.HOLIDAYS for w in h.split()), *W.SEASONS, *W.TIME_ZONES])
)
_AGE = re.compile(r"\s*-?\s*olds?\b", re.I)
_AMOUNT_BEFORE = re.compile(
    r"(?:\d|\bcents?|\bdollars?|\bpounds?|\beuros?|\byen|\bpercent|%|\btimes|\bonce|\btwice|\bmillion"
    r"|\bbillion|\bthousand|\bhundred|\btons?|\bbarrels?|\bmiles?|\bunits|\bshares|\bcopies)\W*$",
    re.I,
)
_PLACING = {"in", "during", "for", "by", "of", "since", "until", "through", "the", "this", "last", "next"}
_TIME_ZONE = re.compile(r"\s*(?:" + "|".join(W.TIME_ZONES) + r")\b")
_SHIFT_AFTER = re.compile(
    r"\s+(?:" + "|".join([*W.ADVERB_SHIFT_WORDS, "ago", "later", "earlier", "prior"]) + r")\b", re.I
)
_WORD_BEFORE = re.compile(r"([\w'’-]+)\W*$")


def word_before(text: str, start: int) -> str:
    """The word before `start`, lower-cased: "in" before "1990", "took" before "months"."""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return m.group(1).lower() if m else ""


def _is_name(span: Span) -> bool:
    """A capitalised word inside a sentence that is no calendar name, or a word the entity
    recogniser puts in a name: "This Week", "60 Minutes", "USA TODAY"."""
    doc = span.doc
    for tok in span:
        if tok.ent_type_ in NAME_ENTITIES:
            return True
        first = tok.i == 0 or tok.is_sent_start or not doc[tok.i - 1].text[-1].isalnum()
        capitalised = tok.text[0].isupper() and not tok.text.isupper() and not tok.like_num
        word = tok.lower_.rstrip(".")
        calendar = _NAME_ALLOWED.fullmatch(word) or (word[-1:] == "s" and word[:-1] in W.WEEKDAYS)
        if capitalised and not first and not calendar:
            return True  # but "Saturdays" is a calendar name too
    return False


def _month_ok(m: Match, span: Span, text: str, before: str) -> bool:
    if " " in text[m.start : m.end]:
        return True
    month = next((t for t in span if t.lower_.rstrip(".") in W.MONTHS), span[-1])
    if month.tag_ not in ("NNP", "NN"):  # "may" the modal, "march" the verb
        return False
    following = re.match(r"\s+(?:for|of|on|to)\b", text[m.end : m.end + 5])
    return not (following and before in ("the", "a", "an", "annual"))  # "the annual March for Life"


def _year_ok(m: Match, span: Span, text: str, before: str) -> bool:
    if re.search(r"[a-z]", text[m.start : m.end - 4], re.I):  # "fiscal 1990", "mid-1990"
        return True
    if re.match(r"\s*(?:%|percent|per\b|-?\d)", text[m.end : m.end + 9], re.I):
        return False
    if _TIME_ZONE.match(text, m.end):
        return False  # "(1900 GMT)": a clock time on a 24-hour dial
    tok = span[-1]
    if tok.ent_type_ in ("MONEY", "QUANTITY", "PERCENT") or text[max(0, m.start - 1)] in "$#":
        return False
    return (
        before in YEAR_CUES
        or tok.ent_type_ == "DATE"
        or (tok.ent_type_ == "" and tok.dep_ in ("compound", "nmod", "amod", "pobj"))
    )


def _duration_ok(m: Match, span: Span, text: str, before: str) -> bool:
    words = text[m.start : m.end].lower()
    if re.fullmatch(r"[a-z]+(?:\s+(?:or|and)\s+[a-z]+)?", words):  # a bare "years", "weeks or months"
        if before == "the":
            before = word_before(text, m.start - 4)
        # "came hours after the vote", "just months ago": an amount before or after a time
        return before in DURATION_CUES or bool(_SHIFT_AFTER.match(text, m.end))
    if span[-1].tag_ == "JJ" and span[-1].lower_ in W.UNITS:  # "a second betrayal"
        return False
    if re.search(r"\bearly\s+hours$", words) and re.match(r"\s+of\b", text[m.end : m.end + 4]):
        return False  # "in the early hours of Thursday": a part of that day, not an amount
    fraction = re.search(r"(?:^|\s)(?:a|one|three)\s+quarters?$", words)
    if fraction and re.match(r"\s+of\s+(?!(?:fiscal\s+)?\d{4})", text[m.end : m.end + 16]):
        return False  # "a quarter of the voters", "three quarters of the money": fractions
    # "$5 a year", "four flights a week": a rate, which TimeBank leaves untagged
    rate = span.start > 0 and span.doc[span.start - 1].tag_ in ("NNS", "CD")
    amount = _AMOUNT_BEFORE.search(text, max(0, m.start - 30), m.start)
    return not (re.fullmatch(r"an?\s+\w+", words) and (rate or amount))


def _season_ok(m: Match, span: Span, text: str, before: str) -> bool:
    if not any(t.lower_ in W.SEASONS and t.pos_ in ("NOUN", "PROPN") for t in span):
        return False  # "prices fall", "spring water"
    words = text[m.start : m.end]
    if re.match(r"\s+of\b", text[m.end : m.end + 4]) and not re.search(r"\d", words):
        return False  # "the fall of the Berlin Wall"
    return " " in words.strip() or before in SEASON_CUES


def _set_ok(m: Match, span: Span, text: str, before: str) -> bool:
    words = text[m.start : m.end].lower()
    if words in W.SET_ADVERBS and _AMOUNT_BEFORE.search(text, max(0, m.start - 30), m.start):
        return False  # "rise 8.5% annually", "$17.9 million annually": a rate, like "$5 a year"
    if words.startswith("per "):  # "15 million instructions per second": a rate, like "$5 a year"
        return not (span.start > 0 and span.doc[span.start - 1].tag_ in ("NNS", "CD", "NN", "$"))
    if words not in W.SET_ADVERBS:
        return True
    if span[0].pos_ in ("NOUN", "PROPN"):
        return False  # "declared its initial quarterly": a payment
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.pos_ == "PROPN" and after.text[:1].isupper():
        return False  # "the Communist Party daily Granma": a newspaper
    # "a quarterly dividend": in financial news a kind of payment or report, not a recurrence
    return not (words == "quarterly" and span[0].dep_ == "amod")


def _reference_ok(m: Match, span: Span, text: str, before: str) -> bool:
    words = text[m.start : m.end].lower()
    if words == "soon":
        after = re.match(r"\s+(?:after|before|thereafter)\b", text[m.end : m.end + 12])
        return not (before == "as" or after or tense_of(span) == "past")
    if words in ("future", "the future"):
        if span[-1].dep_ == "amod":
            return False  # "future earnings"
        # "the future of our peoples", "the future looks bleak": what will become of something,
        # not a time ("in the future", "into the future")
        return not (re.match(r"\s+of\b", text[m.end : m.end + 4]) or span.root.dep_ in ("nsubj", "nsubjpass"))
    return True


def _part_ok(m: Match, span: Span, text: str, before: str) -> bool:
    """ "the morning" as a time, not "the morning papers" or "the evening of May 5"."""
    if span[0].lower_ != "the":
        return True  # "overnight losses" are losses overnight
    last = span[-1]
    if last.dep_ in ("compound", "amod") and last.head.i >= span.end:
        return False
    return not re.match(r"\s+of\b", text[m.end : m.end + 4])


def _abbreviation_ok(m: Match, span: Span, text: str, before: str) -> bool:
    """ "Q3" or "H1" alone is a quarter or a half only after a word that places it ("in Q3",
    "the Q3 results"), not a label ("Q1: What ...")."""
    words = text[m.start : m.end].lower()
    dated = re.search(r"\d\d\d\d|fy", words) is not None
    return dated or (before in _PLACING and text[m.end : m.end + 1] != ":")


def _nth_ok(m: Match, span: Span, text: str, before: str) -> bool:
    """ "on the 14th" is a day of the month, "on the 10th anniversary" or "on the 5th floor" not."""
    last = span[-1]
    return not (last.dep_ in ("amod", "compound", "nummod") and last.head.i >= span.end)


def _day_ok(m: Match, span: Span, text: str, before: str) -> bool:
    """ "today's editions" is a day, "today's youth" the present age, which TimeML leaves untagged."""
    root = span.root
    return not (root.dep_ == "poss" and root.lower_ == "today" and root.head.lower_ in W.GENERIC_NOW_NOUNS)


def _weekday_ok(m: Match, span: Span, text: str, before: str) -> bool:
    """A weekday is no day of its own inside a name: "Super Tuesday", "Bloody Sunday"."""
    first = span[0]
    if first.i == 0 or first.is_sent_start:
        return True
    prev = span.doc[first.i - 1]
    if not prev.text[:1].isupper():
        return True
    if prev.lower_ in W.DAY_NAME_WORDS:
        return False  # a word that names days: "Super Tuesday", "Black Monday"
    # one name with the word before in the entity recogniser's eyes ("Bloody Sunday"); not
    # "in Nairobi, Kenya Friday morning", nor "Easter Sunday" or "Last Friday"
    return _NAME_ALLOWED.fullmatch(prev.lower_.rstrip(".")) is not None or first.ent_iob_ != "I"


def _this_day_ok(m: Match, span: Span, text: str, before: str) -> bool:
    """ "It was a great day", "today is the eighth day of Desert Shield": a day that is what "it"
    or "today" is. Not "a great day for fishing" anywhere else, nor "Monday was the first day"."""
    root = span.root
    be = root.head
    if root.lower_ != "day" or root.dep_ != "attr" or be.lemma_ != "be":
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in W.THIS_DAY_SUBJECTS for c in be.children)


_CHECKS: dict[str, Callable[[Match, Span, str, str], bool]] = {
    "weekday": _weekday_ok,
    "day": _day_ok,
    "nth": _nth_ok,
    "abbreviation": _abbreviation_ok,
    "part": _part_ok,
    "month": _month_ok,
    "year": _year_ok,
    "duration": _duration_ok,
    "season": _season_ok,
    "set": _set_ok,
    "ref": _reference_ok,
    "thisday": _this_day_ok,
}


def plausible(m: Match, doc: Doc, text: str) -> bool:
    """Whether a match is a time expression in its sentence, not a look-alike."""
    words = text[m.start : m.end]
    if any(n.group()[0].islower() for n in _CALENDAR_NAME.finditer(words)):
        return bool(re.fullmatch(r"[\d/T:-]+", words))  # "may", "march", "sun": not names here
    if _AGE.match(text, m.end):
        return m.kind not in ("duration", "shift", "set")  # "a 45-year-old", "six years old"
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    # but "FY2024", which the entity recogniser calls a product, is a year, and a holiday of
    # several words is one whatever it calls it ("Valentine's Day" a person's, "St. Patrick's
    # Day" a place); a one-word one may be a name's ("Easter Island")
    named = m.kind != "abbreviation" and not (m.kind == "holiday" and " " in words.strip())
    if span is None or (named and _is_name(span)):
        return False
    check = _CHECKS.get(m.kind)
    return check is None or check(m, span, text, word_before(text, m.start))
