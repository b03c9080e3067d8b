"""The context a time expression's value depends on beyond its words.

The tense the sentence gives it (read from the dependency parse: "said Friday" looks back,
"will meet Friday" ahead, "had been due to expire Friday" back), the dates the text named before
it, and how these place a date the words leave open: the year of "March", the week of "Friday".
`times` builds a `Context` for each expression; `timevalues` and `timedates` read it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Span, Token

from . import timewords as W
from .timecalc import clamp

Tense = Literal["past", "present", "future"] | None  # None: the sentence does not say


@dataclass(frozen=True)
class Context:
    """What a value depends on beyond the words: the publication date; the date the text last
    named explicitly in the paragraph (for "two days later"), with its clock time if it had one
    (for "two hours later"), and anywhere before (for "the following month", "that day", which
    say they look back); the tense of the governing verb;
    the quarter just reported (for "a year earlier" in an earnings report) and the last one
    reported anywhere before (for "the year-ago period"); and the preposition before."""

    published: dt.date
    reference: dt.date | None = None
    reference_granularity: str = "day"
    reference_clock: str | None = None
    antecedent: dt.date | None = None
    antecedent_granularity: str = "day"
    tense: Tense = None
    quarter: str | None = None
    report_quarter: str | None = None
    preposition: str = ""


# ------------------------------------------------------------------ placing underspecified dates


# How many days of distance a tense mismatch costs: a past-tense verb makes a date after
# publication less likely, not impossible ("extended the offer to Nov. 20").
TENSE_PENALTY = 300


def nearest(candidates: list[dt.date], ctx: Context, span: int = 0) -> dt.date:
    """Of the dates an underspecified expression may mean (the same month and day in the years
    around publication), the nearest to the publication date, a date on the wrong side of it for
    the tense of the verb counting as further away. `span` is the length of the unit in days."""
    pub = ctx.published

    def distance(d: dt.date) -> int:
        end = d + dt.timedelta(days=span)
        days = 0 if d <= pub <= end else min(abs((d - pub).days), abs((end - pub).days))
        if (ctx.tense == "past" and d > pub) or (ctx.tense == "future" and end < pub):
            days += TENSE_PENALTY
        return days

    return min(candidates, key=distance)


def place_in_year(month: int, day: int | None, ctx: Context) -> int:
    """The year of a month (and day) named without one: the year that puts it nearest to the
    publication date (a month counts from its middle)."""
    year = ctx.published.year
    if day is None:
        return nearest([dt.date(y, month, 1) for y in (year - 1, year, year + 1)], ctx, 27).year
    return nearest([clamp(y, month, day) for y in (year - 1, year, year + 1)], ctx).year


_GRANULARITY = {"day": 0, "night": 0, "week": 1, "weekend": 1, "month": 2, "quarter": 3, "year": 4}


def fine_enough(ctx: Context, unit: str) -> bool:
    """Whether the reference date is exact enough to count a unit from ("March 3 ... two days
    later" yes, "In March ... two days later" no)."""
    level = _GRANULARITY.get(ctx.reference_granularity, 0)
    return ctx.reference is not None and level <= _GRANULARITY.get(unit, 4)


def anchor_for(ctx: Context, unit: str, *, across: bool = False) -> dt.date | None:
    """The date a unit counts from: the date last named in the paragraph when it is exact enough,
    or with `across` (words like "that day" that point back) the date last named anywhere."""
    if fine_enough(ctx, unit):
        return ctx.reference
    level = _GRANULARITY.get(ctx.antecedent_granularity, 0)
    if across and ctx.antecedent is not None and level <= _GRANULARITY.get(unit, 4):
        return ctx.antecedent
    return None


def place_weekday(weekday: int, ctx: Context, rel: int | None) -> dt.date:
    """The date of a weekday: the publication day itself, else the nearest one before it, or
    after it when the words or the tense say so."""
    pub = ctx.published
    back = (pub.isoweekday() - weekday) % 7
    ahead = (weekday - pub.isoweekday()) % 7
    if rel == -1:
        return pub - dt.timedelta(days=back or 7)
    if rel == 1:
        return pub + dt.timedelta(days=ahead or 7)
    if back == 0:
        return pub
    if ctx.tense == "future" or (ctx.preposition in ("until", "till") and ctx.tense != "past"):
        return pub + dt.timedelta(days=ahead)
    return pub - dt.timedelta(days=back)


_AHEAD = re.compile(r"\b(?:as\s+(?:early|soon)\s+as|no\s+later\s+than|ahead\s+of)\s+(?:the\s+)?$", re.I)


# ------------------------------------------------------------------ the tense a sentence gives a time


def governor(span: Span) -> tuple[Token | None, int]:
    """The verb a time expression belongs to, and how many steps up the parse it is. A time
    between a verb and the subject of the clause it reports belongs to the reporting verb: in
    "said on Tuesday it would raise rates" Tuesday is when it was said."""
    tok: Token = span.root
    steps = 0
    while steps < 5 and tok.pos_ not in ("VERB", "AUX") and tok.head is not tok:
        tok = tok.head
        steps += 1
        if tok.pos_ == "ADJ":  # "payable Dec. 1", "effective June 1": no tense of their own
            return None, steps
    if tok.pos_ not in ("VERB", "AUX"):
        return None, steps
    root = span.root
    direct = root.head == tok or (root.head.dep_ == "prep" and root.head.head == tok)
    if direct and tok.dep_ == "ccomp" and tok.head.i < span.start:
        subjects = [c.i for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        # but after "that" the time is the clause's: "decided that on Election Day, I will vote"
        opened = any(c.dep_ == "mark" and c.i < span.start for c in tok.children)
        if subjects and min(subjects) >= span.end and not opened:
            return tok.head, steps + 1
    return tok, steps


def tense_of(span: Span) -> Tense:
    """Past, present or future: the tense of the verb that governs a time expression."""
    tok, steps = governor(span)
    if tok is None:
        # "It had been due to expire Friday": an adjective's tense is that of its copula
        for head in span.root.ancestors:
            if head.pos_ == "ADJ" and head.head.pos_ == "AUX" and "had" in _aux(head.head):
                return "past"
            if head.pos_ == "ADJ" and head.lemma_ in W.FUTURE_HEADS and _scheduled(head.head):
                return "future"  # "the report is due on Friday"
            if head.pos_ in ("VERB", "AUX"):
                break
        return None
    if _scheduled(tok) and _named_by(tok, span):
        return "future"  # "the deadline is Friday", "the vote is on Tuesday", "results are due out Tuesday"
    return _verb_tense(tok, span, steps)


def _named_by(be: Token, span: Span) -> bool:
    """Whether an "is" says when something is: the time is what it is ("the deadline is
    Friday", "the vote is on Tuesday"), or the thing is due then. Not "stocks are lower on
    Friday", which only places a state."""
    if any(c.lemma_ in W.FUTURE_HEADS for c in be.children):
        return True
    root = span.root
    if root.dep_ == "attr" and root.head == be:
        return True
    complement = any(c.dep_ in ("acomp", "attr", "oprd") for c in be.children)
    return root.dep_ == "pobj" and root.head.head == be and root.head.lower_ == "on" and not complement


def _scheduled(verb: Token) -> bool:
    """A present-tense "is" or "are" of its own, which with a time or "due" names a plan."""
    return verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP") and verb.dep_ not in ("aux", "auxpass")


def _aux(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _singular_subject(verb: Token) -> bool:
    return any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in verb.children)


def _verb_tense(tok: Token, span: Span, steps: int) -> Tense:
    aux = _aux(tok)
    if aux & W.COUNTERFACTUAL_MODALS and aux & {"have", "'ve"}:
        return "past"  # "Saturday would have been his 105th birthday"
    if aux & W.FUTURE_AUXILIARIES or tok.lower_ in W.FUTURE_AUXILIARIES:
        return "future"
    if aux & W.POSSIBILITY_MODALS and not aux & {"have", "'ve"} and not _negated(tok):
        return "future"
    intent = tok.head.head if tok.head.pos_ == "ADJ" else tok.head  # "had been due to expire"
    if tok.dep_ == "xcomp" and "had" in _aux(intent):
        return "past"  # "had been scheduled to expire Friday": a plan that has passed
    if tok.dep_ == "xcomp" and tok.head.lemma_ in W.FUTURE_HEADS:  # "expected to close Friday"
        # but an aim told of in the past says nothing of when ("sought to appeal to voters on
        # Tuesday" may have done so); a plan still looks ahead ("planned to leave on Thursday")
        aimed = tok.head.tag_ == "VBD" or bool(_aux(tok.head) & {"was", "were"})
        return None if aimed and tok.head.lemma_ in W.AIMING_HEADS else "future"
    if tok.dep_ == "xcomp" and "to" in aux and tok.head.lemma_ == "be":  # "is to resume trading Tuesday"
        return "future"
    set_for = tok.tag_ == "VBN" and not aux and any(c.lower_ == "for" for c in tok.children)
    planned = tok.lemma_ in W.SCHEDULING_VERBS or (set_for and tok.lemma_ in W.FUTURE_HEADS)
    if planned and tok.dep_ == "acl":
        # "a summit set for April" looks ahead unless the sentence tells of it as past:
        # "a service planned for Saturday was canceled"
        clause = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        told = _verb_tense(clause, span, steps + 2) if clause is not None else None
        return "past" if told == "past" else "future"
    if planned and span.start > tok.i:  # "has scheduled a news conference Thursday"; but "On
        return "future"  # Friday, the government planned ...": when it was planned
    if tok.tag_ == "VBD" or aux & {"did", "had", "was", "were", "has", "have"}:
        return "past"
    if tok.tag_ == "VBN":
        if not aux:
            return "past"  # "products introduced in April"
        if tok.lemma_ in W.FUTURE_HEADS and aux & {"is", "are", "'s", "'re"}:
            return "future"  # "is scheduled for Friday"
    if tok.tag_ == "VBP" and tok.lower_ in W.SAME_PAST_FORMS and _singular_subject(tok):
        return "past"  # "Weakness hurt the composite": the present would be "hurts"
    if tok.tag_ in ("VBZ", "VBP"):
        # "The union meets Wednesday" is scheduled; "says" and "is" narrate the present
        close = steps <= 1 or (steps == 2 and span.root.head.dep_ == "prep")
        if close and tok.lemma_ not in W.NARRATING_VERBS:
            return "future"
        return "present"
    head = tok.head
    if tok.tag_ == "VBG" and not aux and tok.dep_ in ("advcl", "conj") and head.pos_ in ("VERB", "AUX"):
        # a participle clause has no tense of its own: "fluctuated sharply, rising to a high in
        # June from $29.75 in March" tells of the past like the verb it hangs on
        return _verb_tense(head, span, steps + 1)
    return None


def context_tense(span: Span | None, text: str, start: int, before: str) -> Tense:
    if span is None:
        return "future" if _AHEAD.search(text, max(0, start - 20), start) else None
    tense = tense_of(span)
    verb = governor(span)[0]
    if (
        before in W.DEADLINE_WORDS
        and tense == "past"
        and verb is not None
        and verb.i < span.start
        and verb.lemma_ not in W.LASTING_VERBS
    ):
        # "extended the offer to Nov. 20": a deadline, usually still ahead; but "Until
        # Thursday, they had not called him a suspect" and "lasted until Wednesday" tell of the
        # time before it
        tense = None
    if before == "since":
        tense = "past"
    if _AHEAD.search(text, max(0, start - 20), start):
        tense = "future"  # "as early as Tuesday"
    return tense
