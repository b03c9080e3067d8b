"""TIMEX3 values of time expressions, resolved against the publication date.

`times.py` finds an expression and says which kind it is; `value(kind, text, context)` reads the
words of the expression and returns its TIMEX3 type and value. The dates the calendar names (a
month, a quarter, a holiday) are read in `timedates`; here are days, parts of days and clock
times, units counted from a date ("the following month", "two days later"), amounts and
recurrences. What the words leave open (the year of "March", the week of "Friday") is placed by
the `timecontext.Context`: the publication date, the tense of the governing verb, and the dates
named earlier.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .timecalc import (
    at,
    clock,
    month_of,
    number,
    part_of_day,
    quarter,
    relative,
    shift,
    unit_of,
    weekday_of,
    words,
)
from .timecontext import Context, anchor_for, fine_enough, place_weekday
from .timedates import DATES, Value, explicit_date
from .timewords import (
    ADVERB_SHIFT_WORDS,
    CLOCK_UNITS,
    HOLIDAYS,
    PLURAL_UNITS,
    REFERENCES,
    SEASONS,
    SET_ADVERBS,
    SHIFT_WORDS,
    UNIT_SIZES,
    UNITS,
    VAGUE_PREFIXES,
)

# ------------------------------------------------------------------ one function per kind


def _day(text: str, ctx: Context) -> Value:
    low = text.lower()
    pub = ctx.published
    n = 0
    if "yesterday" in low or "last night" in low:
        n = -2 if "before yesterday" in low else -1
    elif "tomorrow" in low:
        n = 2 if "after tomorrow" in low else 1
    day = pub + dt.timedelta(days=n)
    return _on(day, clock(low), part_of_day(low.replace("last night", "night")))


def _weekday(text: str, ctx: Context) -> Value:
    low = text.lower()
    rel = relative(text)
    if "this coming" in low:
        rel = 1
    elif "this past" in low:
        rel = -1
    elif rel == 0:
        rel = None
    weekday = weekday_of(text) or 1
    if re.match(r"(?:earlier|later)\s", low):
        # "he speaks later Monday": later on the day the text is telling of, which is no day
        # ahead of publication whatever the tense
        ctx = replace(ctx, tense=None, preposition="")
    back = anchor_for(ctx, "day", across=True) if _ANCHORED.search(low) else None
    if back is not None and rel is not None:
        # "down 4.5% from the previous Friday": the one before the day the text is about
        day = back + dt.timedelta(days=rel * (((weekday - back.isoweekday()) * rel - 1) % 7 + 1))
    else:
        day = place_weekday(weekday, ctx, rel)
    return _on(day, clock(low), part_of_day(low))


def _on(day: dt.date, hour: str | None, part: str | None) -> Value:
    """A day, at a clock time ("T15:00") or a part of the day ("TMO") when the text gives one."""
    if hour or part:
        return "TIME", f"{day.isoformat()}T{hour or part}"
    return "DATE", day.isoformat()


def _part(text: str, ctx: Context) -> Value:
    low = text.lower()
    anchor = ctx.published
    back = anchor_for(ctx, "day", across=True)
    if re.search(r"\b(?:the|that) (?:next|following)\b", low) and back:
        anchor = back + dt.timedelta(days=1)
    elif re.search(r"\blast night\b", low):
        anchor = ctx.published - dt.timedelta(days=1)
    elif "overnight" in low:  # the night before the day the text is about
        anchor = (anchor_for(ctx, "day", across=True) or ctx.published) - dt.timedelta(days=1)
    elif re.search(r"\b(?:the|that)\b", low) and back:
        anchor = back
    part = part_of_day(low) or "MO"
    return "TIME", f"{anchor.isoformat()}T{part}"


def _clock(text: str, ctx: Context) -> Value | None:
    hour = clock(text)
    if hour is None:
        return None
    rest = re.sub(r"\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\b\.?)?", " ", text, count=1)
    day = anchor_for(ctx, "day") or ctx.published
    if month_of(rest):
        got = explicit_date(rest, ctx)
        if got:
            day = dt.date.fromisoformat(got[1])
    elif weekday_of(rest):
        day = place_weekday(weekday_of(rest) or 1, ctx, relative(rest))
    elif re.search(r"yesterday|tomorrow|today|tonight", rest, re.I):
        day = dt.date.fromisoformat(_day(rest, ctx)[1][:10])
    return "TIME", f"{day.isoformat()}T{hour}"


def _this_day(text: str, ctx: Context) -> Value:
    """ "Today is the eighth day", "it's the second day of an offensive": the day of publication;
    "it was a great day" the day the text last told of, when it named one."""
    day = (anchor_for(ctx, "day", across=True) if ctx.tense == "past" else None) or ctx.published
    return "DATE", day.isoformat()


def _ref(text: str, ctx: Context) -> Value | None:
    # None for a reference cut to an adjective: "the [past] three summers"
    got = REFERENCES.get(" ".join(text.lower().replace("-", " ").split()))
    return ("DATE", got) if got else None


# Words that count a unit from the date the text last named: "that day", "the following month";
# a bare "the week" is the week of that date ("Stocks fell on Friday. For the week, ..."), and
# "the day" of "later in the day" that day.
_ANCHORED = re.compile(
    r"\b(?:that|the same|the following|the next|the previous|the preceding|the prior)\b"
    r"|^the (?:day|week|month)$"
)


def _relative_unit(text: str, ctx: Context) -> Value | None:
    low = " ".join(text.lower().split())
    unit = unit_of(re.sub(r"['’]s\b", "", low).replace("year-end", "year").replace("yearend", "year"))
    if unit is None and "period" in low:
        unit = "quarter"
    if unit is None or unit in CLOCK_UNITS:
        return None
    pub = ctx.published
    rel = relative(low)
    if unit in UNIT_SIZES and unit != "fortnight" and re.search(r"\b(?:past|previous)\b", low):
        return "DURATION", f"P{UNIT_SIZES[unit][0]}Y"  # "over the past decade": the ten years to now
    if "this past" in low or (unit == "year" and "latest" in low):
        rel = -1  # "the latest fiscal year": the last one that has ended
    anchor = pub
    if _ANCHORED.search(low):
        found = anchor_for(ctx, unit, across=True)
        if found is None and ctx.antecedent is not None:
            # "killed last October ... crossed out that same day", "in 2008 ... the following
            # month": a day of that month, a month of that year, which the text does not say;
            # not one counted from the day of publication
            open_value = _within(ctx.antecedent, ctx.antecedent_granularity, unit)
            if open_value:
                return "DATE", open_value
        anchor = found or pub
    if unit == "quarter" and rel in (None, 0) and "this" not in low and "current" not in low:
        return "DATE", ctx.quarter or quarter(shift(pub, "quarter", -1))
    if unit == "weekend" and rel is None:
        rel = 0 if ctx.tense == "future" or pub.isoweekday() >= 6 else -1  # a weekend ends its ISO week
    return "DATE", at(shift(anchor, unit, rel or 0), unit)


def _within(day: dt.date, granularity: str, unit: str) -> str | None:
    """A day or month inside the month or year last named, the part the text leaves open
    written with Xs: a day of October 1998 is 1998-10-XX, a month of 1998 1998-XX. (A day in
    a year is not: "since 2011 ... on the same day" points back to some day the text told of.)"""
    if unit == "day" and granularity == "month":
        return f"{day.year}-{day.month:02d}-XX"
    if unit == "month" and granularity == "year":
        return f"{day.year}-XX"
    return None


_SHIFTS = {**SHIFT_WORDS, **ADVERB_SHIFT_WORDS}
_SHIFT = re.compile(r"\b(?:" + "|".join(_SHIFTS) + r")\b")


def _shifted(text: str, ctx: Context) -> Value | None:
    """ "two days later", "a year ago", "the year-earlier quarter": the anchor moved by an amount."""
    low = " ".join(text.lower().split())
    m = _SHIFT.search(low)
    amount = low[: m.start()] if m else low
    unit = unit_of(amount)
    if unit is None or m is None:
        return None
    sign = _SHIFTS[m.group()]
    n = number(amount)
    if n is None:
        if any(w in PLURAL_UNITS for w in words(amount)):
            if m.group() in ("later", "afterward", "afterwards"):
                # "a few days later" follows a past event as often as not: only the amount is known
                return _duration(amount, ctx)
            if m.group() == "ago" and re.fullmatch(r"[a-z]+", amount.strip()):
                # "just months ago", with no count at all, TimeBank writes as the amount (PXM)
                return _duration(amount, ctx)
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
        n = 1
    anchor = ctx.published
    if m.group() not in ("ago", "from now", "hence") and fine_enough(ctx, unit):
        anchor = ctx.reference or anchor
    count = int(n) * sign
    reported = ctx.quarter
    if reported is None and re.search(r"\b(?:quarter|period)\b", low[m.end() :]):
        reported = ctx.report_quarter or quarter(shift(ctx.published, "quarter", -1))
    if unit == "year" and reported and int(n) == n:
        y, q = reported.split("-Q")
        return "DATE", f"{int(y) + count}-Q{q}"
    if unit in CLOCK_UNITS:
        # "two hours ago" counts from the hour of writing, which the text does not give
        clock = None if m.group() in ("ago", "from now", "hence") else ctx.reference_clock
        return _clock_shift(count, unit, amount, ctx, clock)
    if unit in UNIT_SIZES:
        size, letter = UNIT_SIZES[unit]
        count, unit = count * size, {"Y": "year", "W": "week"}[letter]
    return "DATE", at(shift(anchor, unit, count), unit)


_ANCHOR = re.compile(r"\s+(before|after|from)\s+")


def _anchored(text: str, ctx: Context) -> Value | None:
    """ "a week from Friday", "the day before Thanksgiving": the named day's value moved by the
    amount, a day ("the week before Christmas" a week). "From" looks ahead: "a week from Friday"
    is seven days after the coming Friday."""
    low = " ".join(text.lower().split())
    m = _ANCHOR.search(low)
    if m is None:
        return None
    amount, direction, anchor = low[: m.start()], m.group(1), low[m.end() :]
    if weekday_of(anchor):
        kind = "weekday"
    elif any(h in anchor for h in HOLIDAYS):
        kind = "holiday"
    elif re.search(r"\b(?:today|tomorrow|yesterday)\b", anchor):
        kind = "day"
    else:
        kind = "date"
    ahead = replace(ctx, tense="future") if direction == "from" else ctx
    got = value(kind, anchor, ahead)
    day = re.match(r"(\d{4})-(\d\d)-(\d\d)", got[1]) if got else None
    if day is None:
        return None
    n = 1 if amount.startswith("the ") else number(amount) or 1
    days = int(n) * (7 if "week" in amount else 1) * (-1 if direction == "before" else 1)
    moved = dt.date(*map(int, day.groups())) + dt.timedelta(days=days)
    return "DATE", at(
        moved, "week"
    ) if amount == "the week" else moved.isoformat()  # the week before Christmas


def _clock_shift(count: int, unit: str, amount: str, ctx: Context, clock: str | None) -> Value | None:
    """ "Two hours later" counts from the clock time last named in the paragraph ("at 10 p.m.");
    without one the point cannot be placed within its day, and the amount is what the text
    gives, as TimeML annotators write it for "three days later" ("over an hour [later]": PT1H)."""
    if ctx.reference is None or clock is None:
        return _duration(amount, ctx)
    hours, minutes = (int(x) for x in clock.split(":"))
    start = dt.datetime.combine(ctx.reference, dt.time()) + dt.timedelta(hours=hours, minutes=minutes)
    moved = start + dt.timedelta(**{f"{unit}s": count})
    return "TIME", moved.strftime("%Y-%m-%dT%H:%M")


# How a half of a unit is written in the next smaller one: half a year is 6 months.
_HALVES = {"Y": "6M", "M": "15D", "D": "T12H", "TH": "30M", "TM": "30S", "Q": "1M15D"}


def _duration(text: str, ctx: Context) -> Value | None:
    low = " ".join(text.lower().split())
    # "weeks or months", "two to three weeks": the first, smaller amount, as with numbers
    unit = unit_of(re.split(r"\s+(?:or|and)\s+", low)[0]) or unit_of(low)
    if unit is None:
        return None
    if unit == "weekend":
        return "DURATION", "P2D"
    fraction = re.search(r"\b(quarter|half)[-\s]century", low)
    if fraction:
        return "DURATION", "P25Y" if fraction.group(1) == "quarter" else "P50Y"
    n = number(low)
    t = "T" if unit in CLOCK_UNITS else ""
    letter = UNITS[unit]
    if n is None:
        # "weeks", "a several-year tenure": a count the words leave open
        plural = any(w in PLURAL_UNITS or w in VAGUE_PREFIXES for w in words(low))
        if plural:  # the project's gold writes vague clock amounts without the "T": PXH
            return "DURATION", f"PX{letter}"
        n = 1
    if unit in UNIT_SIZES:
        size, letter = UNIT_SIZES[unit]
        n *= size
    if letter == "W" and n != int(n):
        n, letter = n * 7, "D"  # weeks do not mix with other units: a week and a half is P10DT12H
    whole = int(n)
    if n == whole:
        return "DURATION", f"P{t}{whole}{letter}"
    rest = _HALVES.get(t + letter, "")
    head = f"{whole}{letter}" if whole else ""
    if t and not head:
        return "DURATION", f"PT{rest}"
    if rest.startswith("T") and t:
        rest = rest[1:]
    return "DURATION", f"P{t}{head}{rest}"


_HOW_OFTEN = re.compile(r"^(?:once|twice|thrice|\S+(?:[\s-]+\S+)?\s+times)\s+")


def _set(text: str, ctx: Context) -> Value | None:
    low = _HOW_OFTEN.sub("", " ".join(text.lower().split()))  # "twice a week" recurs each week
    if low in SET_ADVERBS:
        return "SET", SET_ADVERBS[low]
    if "weekend" in low:
        return "SET", "XXXX-WXX-WE"  # "on weekends", "every weekend"
    month = month_of(low)
    if month:
        return "SET", f"XXXX-{month:02d}"
    wd = weekday_of(low)
    if wd:
        part = part_of_day(low)
        return "SET", f"XXXX-WXX-{wd}" + (f"T{part}" if part else "")
    season = next((v for k, v in SEASONS.items() if k in low), None)
    if season:
        return "SET", f"XXXX-{season}"
    unit = unit_of(low)
    if unit is None:
        part = part_of_day(low)
        return ("SET", f"XXXX-XX-XXT{part}") if part else None
    count = re.sub(r"\b(?:every|each|per|a|an)\b", "", low)
    if number(count) is None and any(w in PLURAL_UNITS for w in words(count)):
        return "SET", f"PX{UNITS[unit]}"  # "every few years"
    n = 2 if "other" in low else number(count) or 1
    got = _duration(f"{int(n)} {unit}", ctx)
    return ("SET", got[1]) if got else None


_KINDS = {
    **DATES,
    "day": _day,
    "weekday": _weekday,
    "part": _part,
    "clock": _clock,
    "unit": _relative_unit,
    "shift": _shifted,
    "anchored": _anchored,
    "duration": _duration,
    "set": _set,
    "ref": _ref,
    "thisday": _this_day,
}


def value(kind: str, text: str, ctx: Context) -> Value | None:
    """The TIMEX3 type and value of an expression of a kind (a key of `KINDS`), or None when the
    words do not make a value, or make one beyond the calendar ("last month" said on 0001-01-03,
    "Monday" on 9999-12-31)."""
    try:
        return _KINDS[kind](text, ctx)
    except (OverflowError, ValueError):
        return None  # datetime's years end at 1 and 9999


KINDS = frozenset(_KINDS)
