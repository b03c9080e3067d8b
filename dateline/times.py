"""Time expressions (TIMEX3) and their values against the article's publication date.

`find_times` runs the patterns of `timepatterns` over the article text, drops look-alikes the
parse gives away (`timelookalikes`: a modal "may", "a 45-year-old", the TV show "This Week"),
keeps the longest of overlapping matches, trims a determiner where TimeML leaves it out, and asks
`timevalues` for each value in a `timecontext.Context`: the tense of the governing verb, the
dates named before, the quarter an earnings report is about. `said_on` finds the time attached
to a quotation's cue.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from spacy.tokens import Doc, Span

from . import timecalc
from . import timewords as W
from .model import Mention, Time
from .nlp import text_of
from .timecontext import Context, Tense, context_tense, governor
from .timelookalikes import plausible, word_before
from .timepatterns import CLOCK_RANGE_DAY, DATE_RANGE, FRAGMENTS, NUMBER_WORD, PATTERNS, Match, lower
from .timevalues import value

# How far (in characters) a quarter just named makes "a year earlier" mean that quarter a year before.
QUARTER_REACH = 400

_PARAGRAPH = re.compile(r"\n\s*\n")
_LINE_BREAK = re.compile("\n")
_FISCAL_END = re.compile(r"\s+end(?:ed|ing)\b", re.I)
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
_IN_THE_DAY = re.compile(r"(?:earlier|later|early|late)\s+in\s+(?=the\s+day$)", re.I)
_ORDINAL_DAY = re.compile(rf"(?:the|an?)\s+(?:{FRAGMENTS['ORD']}|\d+(?:st|nd|rd|th))\s", re.I)
_QUOTE_MARK = re.compile("[\"\u201c\u201d\u00ab\u00bb]|''|``")
_A_TOMORROW = re.compile(r"\ban?\s+(?:[a-z]+\s+)?$", re.I)


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


# ------------------------------------------------------------------ extents


def _matches(text: str) -> list[Match]:
    """Every rule's matches. A rule runs only over the paragraphs its trigger occurs in: no time
    expression crosses a paragraph, and the patterns' leading lookbehinds make a scan of the
    whole text cost about twice as much."""
    low = lower(text)
    breaks = [m.start() for m in _LINE_BREAK.finditer(low)]
    found: list[Match] = []
    for order, (kind, pattern, trigger) in enumerate(PATTERNS):
        end = -1
        for hit in trigger.finditer(low):
            if hit.start() < end:
                continue  # its paragraph is scanned already
            n = bisect.bisect_left(breaks, hit.start())
            start = breaks[n - 1] + 1 if n else 0
            end = breaks[n] if n < len(breaks) else len(low)
            found += (Match(kind, m.start(), m.end(), order) for m in pattern.finditer(low, start, end))
    return found


def _select(matches: list[Match]) -> list[Match]:
    """The longest of overlapping matches (the earlier rule on a tie), in text order."""
    chosen: list[Match] = []  # in text order, none overlapping another: the one that could
    starts: list[int] = []  # overlap a match is the last to start before it ends
    for m in sorted(matches, key=lambda m: (m.start - m.end, m.order, m.start)):
        n = bisect.bisect_left(starts, m.end)
        if n == 0 or chosen[n - 1].end <= m.start:
            chosen.insert(n, m)
            starts.insert(n, m.start)
    return chosen


def _split_ranges(kept: list[Match], text: str) -> list[Match]:
    """ "April 24 and 25", "Aug. 1-3, 1998": the first day and the second, each with the month
    and year they share, in place of whatever matched inside the range."""
    extra: list[Match] = []
    for r in DATE_RANGE.finditer(lower(text)):
        first, second = (int(r[g].rstrip("stndrh")) for g in ("first", "second"))
        if not text[r.start()].isupper() or second <= first:
            continue  # "may 5 and 6" is no month; "June 7-5" no range
        year = r["year"] or ""
        tail = text[r.start("second") : r.end()]
        extra += [
            Match("date", r.start(), r.end("first"), -1, text[r.start() : r.end("first")] + year),
            Match("date", r.start("second"), r.end(), -1, f"{r['month']} {tail}"),
        ]
    if not extra:
        return kept
    outside = [m for m in kept if all(m.end <= e.start or m.start >= e.end for e in extra)]
    return sorted(outside + extra, key=lambda m: m.start)


def _trim(m: Match, doc: Doc, text: str) -> Match:
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


def _reading(m: Match, doc: Doc, text: str, words: str) -> tuple[str, str]:
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


def _background(m: Match, doc: Doc, before: str) -> bool:
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
    kept = [_trim(m, doc, text) for m in _select([m for m in _matches(text) if plausible(m, doc, text)])]
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
        before = word_before(text, m.start)
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
