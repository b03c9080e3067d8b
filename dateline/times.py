"""Time expressions (TIMEX3) and their values against the article's publication date.

`find_times` runs the patterns of `timepatterns` over the article text, drops look-alikes the
parse gives away (a modal "may", "a 45-year-old", the TV show "This Week"), keeps the longest of
overlapping matches, trims a determiner where TimeML leaves it out, and asks `timevalues` for
each value in a `timecontext.Context`: the tense of the governing verb, the dates named before,
the quarter an earnings report is about. `said_on` finds the time attached to a quotation's cue.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from typing import NamedTuple

from spacy.tokens import Doc, Span

from . import timecalc
from . import timewords as W
from .model import Mention, Time
from .nlp import text_of
from .timecontext import Context, Tense, context_tense, governor, tense_of
from .timepatterns import CLOCK_RANGE_DAY, DATE_RANGE, FRAGMENTS, NUMBER_WORD, PATTERNS, lower
from .timevalues import value

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
# How far (in characters) a quarter just named makes "a year earlier" mean that quarter a year before.
QUARTER_REACH = 400

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
_PARAGRAPH = re.compile(r"\n\s*\n")
_LINE_BREAK = re.compile("\n")
_PLACING = {"in", "during", "for", "by", "of", "since", "until", "through", "the", "this", "last", "next"}
_FISCAL_END = re.compile(r"\s+end(?:ed|ing)\b", re.I)
_TIME_ZONE = re.compile(r"\s*(?:" + "|".join(W.TIME_ZONES) + r")\b")
# The day a clock time is on, named after a bracketed time zone or "local time": "10:35 a.m.
# (0735 GMT) Friday", "4 in the morning (4 a.m. EDT Thursday)", "9:30 p.m. local time Wednesday",
# "8 a.m. local time (0500 GMT) on Tuesday".
_WEEKDAY = "(" + "|".join(W.WEEKDAYS) + ")"
_CLOCK_DAY = re.compile(
    rf"\s*(?:\((?:[^()]{{0,30}}?\b{_WEEKDAY}\b[^()]{{0,5}}|[^()]{{0,30}})\)|local\s+time(?:\s*\([^()]{{0,30}}\))?)"
    rf"\s*,?\s*(?:on\s+)?"
    rf"(?:{_WEEKDAY}\b)?",
    re.I,
)
_PLURAL_PART = re.compile(r"(?:mornings|afternoons|evenings|nights)$", re.I)
_SHARED_PART = re.compile(rf"\s+(?:and|or)\s+{_WEEKDAY}\s+(mornings|afternoons|evenings|nights)\b", re.I)
_SHIFT_AFTER = re.compile(
    r"\s+(?:" + "|".join([*W.ADVERB_SHIFT_WORDS, "ago", "later", "earlier", "prior"]) + r")\b", re.I
)
_IN_THE_DAY = re.compile(r"(?:earlier|later|early|late)\s+in\s+(?=the\s+day$)", re.I)
_ORDINAL_DAY = re.compile(rf"(?:the|an?)\s+(?:{FRAGMENTS['ORD']}|\d+(?:st|nd|rd|th))\s", re.I)
_QUOTE_MARK = re.compile("[\"\u201c\u201d\u00ab\u00bb]|''|``")
_A_TOMORROW = re.compile(r"\ban?\s+(?:[a-z]+\s+)?$", re.I)
_WORD_BEFORE = re.compile(r"([\w'’-]+)\W*$")


class _Match(NamedTuple):
    kind: str
    start: int
    end: int
    order: int
    reading: str = ""  # the words to read the value from, when not the match's own


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _word_before(text: str, start: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return m.group(1).lower() if m else ""


# ------------------------------------------------------------------ look-alikes


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


def _month_ok(m: _Match, span: Span, text: str, before: str) -> bool:
    if " " in text[m.start : m.end]:
        return True
    month = next((t for t in span if t.lower_.rstrip(".") in W.MONTHS), span[-1])
    if month.tag_ not in ("NNP", "NN"):  # "may" the modal, "march" the verb
        return False
    following = re.match(r"\s+(?:for|of|on|to)\b", text[m.end : m.end + 5])
    return not (following and before in ("the", "a", "an", "annual"))  # "the annual March for Life"


def _year_ok(m: _Match, span: Span, text: str, before: str) -> bool:
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


def _duration_ok(m: _Match, span: Span, text: str, before: str) -> bool:
    words = text[m.start : m.end].lower()
    if re.fullmatch(r"[a-z]+(?:\s+(?:or|and)\s+[a-z]+)?", words):  # a bare "years", "weeks or months"
        if before == "the":
            before = _word_before(text, m.start - 4)
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


def _season_ok(m: _Match, span: Span, text: str, before: str) -> bool:
    if not any(t.lower_ in W.SEASONS and t.pos_ in ("NOUN", "PROPN") for t in span):
        return False  # "prices fall", "spring water"
    words = text[m.start : m.end]
    if re.match(r"\s+of\b", text[m.end : m.end + 4]) and not re.search(r"\d", words):
        return False  # "the fall of the Berlin Wall"
    return " " in words.strip() or before in SEASON_CUES


def _set_ok(m: _Match, span: Span, text: str, before: str) -> bool:
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


def _reference_ok(m: _Match, span: Span, text: str, before: str) -> bool:
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


def _part_ok(m: _Match, span: Span, text: str, before: str) -> bool:
    """ "the morning" as a time, not "the morning papers" or "the evening of May 5"."""
    if span[0].lower_ != "the":
        return True  # "overnight losses" are losses overnight
    last = span[-1]
    if last.dep_ in ("compound", "amod") and last.head.i >= span.end:
        return False
    return not re.match(r"\s+of\b", text[m.end : m.end + 4])


def _abbreviation_ok(m: _Match, span: Span, text: str, before: str) -> bool:
    """ "Q3" or "H1" alone is a quarter or a half only after a word that places it ("in Q3",
    "the Q3 results"), not a label ("Q1: What ...")."""
    words = text[m.start : m.end].lower()
    dated = re.search(r"\d\d\d\d|fy", words) is not None
    return dated or (before in _PLACING and text[m.end : m.end + 1] != ":")


def _nth_ok(m: _Match, span: Span, text: str, before: str) -> bool:
    """ "on the 14th" is a day of the month, "on the 10th anniversary" or "on the 5th floor" not."""
    last = span[-1]
    return not (last.dep_ in ("amod", "compound", "nummod") and last.head.i >= span.end)


def _day_ok(m: _Match, span: Span, text: str, before: str) -> bool:
    """ "today's editions" is a day, "today's youth" the present age, which TimeML leaves untagged."""
    root = span.root
    return not (root.dep_ == "poss" and root.lower_ == "today" and root.head.lower_ in W.GENERIC_NOW_NOUNS)


def _weekday_ok(m: _Match, span: Span, text: str, before: str) -> bool:
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


def _this_day_ok(m: _Match, span: Span, text: str, before: str) -> bool:
    """ "It was a great day", "today is the eighth day of Desert Shield": a day that is what "it"
    or "today" is. Not "a great day for fishing" anywhere else, nor "Monday was the first day"."""
    root = span.root
    be = root.head
    if root.lower_ != "day" or root.dep_ != "attr" or be.lemma_ != "be":
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in W.THIS_DAY_SUBJECTS for c in be.children)


_CHECKS: dict[str, Callable[[_Match, Span, str, str], bool]] = {
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


def _plausible(m: _Match, doc: Doc, text: str) -> bool:
    """Whether a match is a time expression in its sentence, not a look-alike."""
    words = text[m.start : m.end]
    if any(n.group()[0].islower() for n in _CALENDAR_NAME.finditer(words)):
        return bool(re.fullmatch(r"[\d/T:-]+", words))  # "may", "march", "sun": not names here
    if _AGE.match(text, m.end):
        return m.kind not in ("duration", "shift", "set")  # "a 45-year-old", "six years old"
    span = _span(doc, m.start, m.end)
    # but "FY2024", which the entity recogniser calls a product, is a year, and a holiday of
    # several words is one whatever it calls it ("Valentine's Day" a person's, "St. Patrick's
    # Day" a place); a one-word one may be a name's ("Easter Island")
    named = m.kind != "abbreviation" and not (m.kind == "holiday" and " " in words.strip())
    if span is None or (named and _is_name(span)):
        return False
    check = _CHECKS.get(m.kind)
    return check is None or check(m, span, text, _word_before(text, m.start))


# ------------------------------------------------------------------ extents


def _matches(text: str) -> list[_Match]:
    """Every rule's matches. A rule runs only over the paragraphs its trigger occurs in: no time
    expression crosses a paragraph, and the patterns' leading lookbehinds make a scan of the
    whole text cost about twice as much."""
    low = lower(text)
    breaks = [m.start() for m in _LINE_BREAK.finditer(low)]
    found: list[_Match] = []
    for order, (kind, pattern, trigger) in enumerate(PATTERNS):
        end = -1
        for hit in trigger.finditer(low):
            if hit.start() < end:
                continue  # its paragraph is scanned already
            n = bisect.bisect_left(breaks, hit.start())
            start = breaks[n - 1] + 1 if n else 0
            end = breaks[n] if n < len(breaks) else len(low)
            found += (_Match(kind, m.start(), m.end(), order) for m in pattern.finditer(low, start, end))
    return found


def _select(matches: list[_Match]) -> list[_Match]:
    """The longest of overlapping matches (the earlier rule on a tie), in text order."""
    chosen: list[_Match] = []  # in text order, none overlapping another: the one that could
    starts: list[int] = []  # overlap a match is the last to start before it ends
    for m in sorted(matches, key=lambda m: (m.start - m.end, m.order, m.start)):
        n = bisect.bisect_left(starts, m.end)
        if n == 0 or chosen[n - 1].end <= m.start:
            chosen.insert(n, m)
            starts.insert(n, m.start)
    return chosen


def _split_ranges(kept: list[_Match], text: str) -> list[_Match]:
    """ "April 24 and 25", "Aug. 1-3, 1998": the first day and the second, each with the month
    and year they share, in place of whatever matched inside the range."""
    extra: list[_Match] = []
    for r in DATE_RANGE.finditer(lower(text)):
        first, second = (int(r[g].rstrip("stndrh")) for g in ("first", "second"))
        if not text[r.start()].isupper() or second <= first:
            continue  # "may 5 and 6" is no month; "June 7-5" no range
        year = r["year"] or ""
        tail = text[r.start("second") : r.end()]
        extra += [
            _Match("date", r.start(), r.end("first"), -1, text[r.start() : r.end("first")] + year),
            _Match("date", r.start("second"), r.end(), -1, f"{r['month']} {tail}"),
        ]
    if not extra:
        return kept
    outside = [m for m in kept if all(m.end <= e.start or m.start >= e.end for e in extra)]
    return sorted(outside + extra, key=lambda m: m.start)


def _trim(m: _Match, doc: Doc, text: str) -> _Match:
    """TimeML keeps a leading determiner only when the expression heads its noun phrase: "the
    third quarter" but "the [third-quarter] results", "a [five year] low"."""
    words = text[m.start : m.end]
    if m.kind == "thisday" and not _ORDINAL_DAY.match(words):
        return m._replace(start=m.end - 3)  # "it was a great [day]": only the day is a time
    within = _IN_THE_DAY.match(words)
    if within:
        return m._replace(start=m.start + within.end())  # "later in [the day]", as TimeBank tags it
    verb = re.match(r"last\s+", words, re.I)
    if verb and (span := _span(doc, m.start, m.end)) is not None and span[0].pos_ == "VERB":
        return m._replace(start=m.start + verb.end())  # "could [last] six to eight weeks"
    det = re.match(r"(?:the|an?)\s+", words, re.I)
    if not det:
        return m
    cut = m._replace(start=m.start + det.end())
    if re.match(rf"an?\s+(?:\d|{NUMBER_WORD}\b)", words, re.I):
        return cut
    span = _span(doc, m.start, m.end)
    if span is None:
        return m
    last = span[-1]
    modifier = last.head.i >= span.end and last.dep_ in ("compound", "amod", "nmod", "nummod")
    return cut if modifier else m


# ------------------------------------------------------------------ values in context


# Kinds whose value later expressions count from ("last year ... the year before"): not references,
# amounts or sets
_EXPLICIT = {
    "date",
    "month",
    "year",
    "weekday",
    "day",
    "holiday",
    "quarter",
    "clock",
    "anchored",
    "unit",
    "nthweekday",
}
_CLOCK_VALUE = re.compile(r"T(\d\d:\d\d)")
_ANCHOR = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q(\d))?(?![\d-]|-W)")


def _anchor(val: str) -> tuple[dt.date, str] | None:
    """A value as a date to count from and its granularity: 1998-03 is (1998-03-01, "month")."""
    m = _ANCHOR.match(val)
    if not m:
        return None
    year, month, day, q = m.groups()
    if q:
        return dt.date(int(year), 3 * int(q) - 2, 1), "quarter"
    if day:
        return dt.date(int(year), int(month), int(day)), "day"
    if month:
        return dt.date(int(year), int(month), 1), "month"
    return dt.date(int(year), 1, 1), "year"


def _reading(m: _Match, doc: Doc, text: str, words: str) -> tuple[str, str]:
    """The kind of value a match takes and the words to read it from, when its own words alone
    mislead: "per week" is a rate (a set); "one day" between a modal and its verb ("Islam will
    one day be ...") is someday, and so is "a brighter tomorrow"; "Tuesday nights" recur, and
    so does "Monday" in "Monday and Tuesday nights"; a clock time takes the day after its
    bracketed zone ("10:35 a.m. (0735 GMT) Friday")."""
    if m.reading:
        return m.kind, m.reading
    if m.kind == "weekday":
        if _PLURAL_PART.search(words):
            return "set", words
        shared = _SHARED_PART.match(text, m.end)
        return ("set", f"{words} {shared.group(2)}") if shared else (m.kind, words)
    if (
        m.kind == "day"
        and words.lower() == "tomorrow"
        and _A_TOMORROW.search(text, max(0, m.start - 30), m.start)
    ):
        return "ref", "the future"  # "hoping for a brighter tomorrow": the future, no day
    if m.kind == "clock":
        after = _CLOCK_DAY.match(text, m.end)
        day = after and (after.group(1) or after.group(2))
        shared = None if day else CLOCK_RANGE_DAY.match(text, m.end)  # "from 7 a.m. to 8 p.m. Tuesday"
        day = day or (shared and shared.group(1))
        return m.kind, f"{words} {day}" if day else words
    if m.kind != "duration":
        return m.kind, words
    if re.fullmatch(r"per\s+\w+", words, re.I):
        return "set", words
    span = _span(doc, m.start, m.end)
    if span is None or words.lower() != "one day" or span.start == 0 or span.end == len(doc):
        return m.kind, words
    modal = doc[span.start - 1].tag_ == "MD" or doc[span.end].tag_ in ("VB", "VBP", "VBZ", "VBD")
    return ("ref" if modal else m.kind), words


def _reported(start: dt.date, published: dt.date, after: str, tense: Tense) -> bool:
    """Whether a quarter starting on `start` can be the one a report covers: within the year
    before publication, and ended before it, or told of as past, or a fiscal quarter ("the
    fourth quarter ended Sept. 30") whatever its calendar name. "Losses through the third
    quarter of 1990" is no report."""
    ended = timecalc.shift(start, "quarter", 1) <= published
    told = ended or tense == "past" or bool(_FISCAL_END.match(after))
    return told and (published - start).days < 365 + 92


_UNIT_LEVEL = {"day": 0, "month": 1, "quarter": 2, "year": 3}


def _holds(anchor: tuple[dt.date, str], reference: tuple[int, dt.date, str, str | None] | None) -> bool:
    """Whether a month, quarter or year only holds the finer date named before it, which stays
    the one to count from: "on a rainy Thursday afternoon this month, after their 6 a.m. shift"."""
    if reference is None:
        return False
    day, unit = anchor
    before, finer = reference[1], reference[2]
    if _UNIT_LEVEL.get(finer, 0) >= _UNIT_LEVEL.get(unit, 0) or day.year != before.year:
        return False
    return (
        unit == "year"
        or (unit == "quarter" and (day.month - 1) // 3 == (before.month - 1) // 3)
        or (unit == "month" and day.month == before.month)
    )


def _background(m: _Match, doc: Doc, before: str) -> bool:
    """Whether a time only says since when a state has lasted ("the biggest drop since the
    uprising began on Jan. 25, 2011", "the lowest since 2008"): the narrative goes on from the
    time before it, and "two days later" counts from that one."""
    if before in W.BACKGROUND_WORDS:
        return True
    span = _span(doc, m.start, m.end)
    verb = governor(span)[0] if span is not None else None
    return verb is not None and any(
        c.dep_ == "mark" and c.lower_ in W.BACKGROUND_WORDS for c in verb.children
    )


def find_times(doc: Doc, published: dt.date) -> list[Time]:
    """Every time expression in the parsed article, in text order."""
    text = text_of(doc)
    kept = [_trim(m, doc, text) for m in _select([m for m in _matches(text) if _plausible(m, doc, text)])]
    kept = _split_ranges(kept, text)
    paragraph_starts = [p.end() for p in _PARAGRAPH.finditer(text)]
    times: list[Time] = []
    reference: tuple[int, dt.date, str, str | None] | None = None  # paragraph, date, granularity, clock
    last_quarter: tuple[int, str] | None = None  # where, value
    for m in kept:
        words = text[m.start : m.end]
        kind, reading = _reading(m, doc, text, words)
        paragraph = bisect.bisect_right(paragraph_starts, m.start)
        ref = reference if reference and reference[0] == paragraph else None
        before = _word_before(text, m.start)
        ctx = Context(
            published,
            reference=ref[1] if ref else None,
            reference_granularity=ref[2] if ref else "day",
            reference_clock=ref[3] if ref else None,
            antecedent=reference[1] if reference else None,
            antecedent_granularity=reference[2] if reference else "day",
            tense=context_tense(_span(doc, m.start, m.end), text, m.start, before),
            quarter=last_quarter[1] if last_quarter and m.start - last_quarter[0] < QUARTER_REACH else None,
            report_quarter=last_quarter[1] if last_quarter else None,
            preposition=before,
        )
        got = value(kind, reading, ctx)
        if got is None:
            continue
        ttype, val = got
        times.append(Time(words, m.start, m.end, ttype, val))
        anchor = _anchor(val) if ttype in ("DATE", "TIME") else None
        if anchor and kind in _EXPLICIT and not _background(m, doc, before) and not _holds(anchor, reference):
            hour = _CLOCK_VALUE.search(val)
            reference = (paragraph, *anchor, hour.group(1) if hour else None)
        if (
            kind in ("quarter", "unit")
            and anchor
            and anchor[1] == "quarter"
            and _reported(anchor[0], published, text[m.end : m.end + 12], ctx.tense)
        ):
            last_quarter = (m.end, val)  # the quarter being reported, not "the 1988 quarter"
    return times


def said_on(cue: Mention | None, doc: Doc, times: list[Time], published: dt.date) -> str:
    """When a quotation was said: the value of a time expression attached to its cue verb
    ("said Thursday", "said on Monday", "told reporters last week"), else the publication date."""
    if cue is None:
        return published.isoformat()
    cue_span = _span(doc, cue.start, cue.end)
    if cue_span is None:
        return published.isoformat()
    verb = cue_span.root
    sentence = verb.sent
    text = text_of(doc)
    first = bisect.bisect_right(times, sentence.start_char, key=lambda t: t.end)  # times in text order
    for t in times[first:]:
        if t.start >= sentence.end_char:
            break  # the costly span and sentence only for times in the cue's sentence
        if t.type not in ("DATE", "TIME") or not re.match(r"\d{4}", t.value):
            continue
        between = text[t.end : cue.start] if t.end <= cue.start else text[cue.end : t.start]
        if _QUOTE_MARK.search(between):
            continue  # "'... on New Year's Eve and the attacks today,' said Korteweg": what was said
        span = _span(doc, t.start, t.end)
        if span is None or span.sent.start != sentence.start:
            continue
        head = span.root.head
        beside = head == verb.head and abs(span.root.i - verb.i) <= 3  # "Thursday, said Sierra"
        if governor(span)[0] == verb or beside:
            return t.value.split("T")[0]
    return published.isoformat()
