"""TIMEX3 values of the dates the calendar names: a day ("May 5", "the 14th", "the first Monday
in September", "Thanksgiving"), a month, year, decade or century, a quarter or half ("Q3",
"FY2024"), a season.

What the words leave open (the year of "March", the month of "the 14th") is placed by the
`timecontext.Context`; `timevalues.value` reads an expression of one of these kinds with `DATES`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from .model import TimeType
from .timecalc import (
    clamp,
    day_of_month,
    holiday,
    month_of,
    nth_weekday,
    quarter,
    relative,
    shift,
    week,
    weekday_of,
    year_of,
)
from .timecontext import Context, anchor_for, nearest, place_in_year
from .timewords import HOLIDAYS, ORDINALS, SEASONS, TENS

Value = tuple[TimeType, str]


def explicit_date(text: str, ctx: Context) -> Value | None:
    """ "2001-03-05", "3/5/01", "March 5" (its year placed), "the week of May 4": the day or week."""
    m = re.search(r"(\d{4})([-/])(\d\d)\2(\d\d)(?:T(\d\d:\d\d))?", text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
    else:
        m = re.search(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", text)
        if m:
            mo, d, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if mo > 12 >= d:
                mo, d = d, mo
            if y < 100:
                y += 2000 if y < 50 else 1900
        else:
            month = month_of(text)
            if month is None:
                return None
            mo, d = month, day_of_month(text) or 1
            y = year_of(text) or place_in_year(mo, d, ctx)
    try:
        day = dt.date(y, mo, d)
    except ValueError:
        return None
    if re.match(r"(?:the\s+)?week\s+of\b", text, re.I):
        return "DATE", week(day)
    return "DATE", day.isoformat()


def _nth(text: str, ctx: Context) -> Value | None:
    """ "on the 14th": that day of the month last named, else of the month of publication, or of
    the month before or after it when the tense says the day is past or ahead."""
    n = day_of_month(text)
    if n is None:
        return None
    base = anchor_for(ctx, "month", across=True)
    if base is not None:
        return "DATE", clamp(base.year, base.month, n).isoformat()
    pub = ctx.published
    month = dt.date(pub.year, pub.month, 1)
    if ctx.tense == "past" and n > pub.day:
        month = shift(month, "month", -1)
    elif ctx.tense == "future" and n < pub.day:
        month = shift(month, "month", 1)
    return "DATE", clamp(month.year, month.month, n).isoformat()


def _month(text: str, ctx: Context) -> Value:
    month = month_of(text) or 1
    year = year_of(text)
    low = " " + text.lower() + " "
    if year is None:
        pub = ctx.published
        rel = relative(text)
        if " last year" in low:
            year = pub.year - 1
        elif " next year" in low:
            year = pub.year + 1
        elif " this year" in low:
            year = pub.year
        elif rel == -1 or " this past " in low:
            year = pub.year if month < pub.month else pub.year - 1
        elif rel == 1:
            year = pub.year if month > pub.month else pub.year + 1
        elif rel == 0:
            year = pub.year
        else:
            year = place_in_year(month, None, ctx)
    return "DATE", f"{year}-{month:02d}"


def _year(text: str, ctx: Context) -> Value:
    year = year_of(text)
    return "DATE", str(year if year is not None else ctx.published.year)


def _decade(text: str, ctx: Context) -> Value:
    m = re.search(r"(\d{3})0s", text)
    if m and re.search(r"1\d00s", text):
        return "DATE", m.group(1)[:2]  # "the 1800s" is the century, "the 2000s" a decade
    if m:
        return "DATE", m.group(1)
    m = re.search(r"['’](\d)0s", text)
    if m:
        return "DATE", ("20" if m.group(1) in "012" else "19") + m.group(1)
    for w, n in TENS.items():
        if w[:-1] + "ies" in text.lower():
            return "DATE", "19" + str(n)[0]
    return "DATE", str(ctx.published.year)[:3]


def _century(text: str, ctx: Context) -> Value:
    m = re.search(r"(\d{1,2})(?:st|nd|rd|th)", text)
    n = int(m.group(1)) if m else next((v for k, v in ORDINALS.items() if k in text.lower()), None)
    if n is None:
        rel = relative(text) or 0
        return "DATE", f"{ctx.published.year // 100 + rel:02d}"
    return "DATE", f"{n - 1:02d}"


def _quarter(text: str, ctx: Context) -> Value:
    low = text.lower()
    pub = ctx.published
    half = "half" in low
    n = next((v for k, v in ORDINALS.items() if re.search(rf"\b{k}\b", low)), None)
    if n is None and re.search(r"\b(?:final|last|latter)\s+(?:quarter|half)", low):
        n = 2 if half else 4
    if n is None:  # "the 1988 quarter", "last year's quarter": the quarter the report is about
        n = 1 if half else int((ctx.quarter or quarter(shift(pub, "quarter", -1)))[-1])
    n = min(n, 2 if half else 4)
    year = year_of(text)
    if year is None:
        year = pub.year + (-1 if "last year" in low else 1 if "next year" in low else 0)
        first_month = (n - 1) * (6 if half else 3) + 1
        if "year" not in low and ctx.tense == "past" and first_month > pub.month:
            year -= 1  # "profit rose in the third quarter", said in May: last year's
    return "DATE", f"{year}-{'H' if half else 'Q'}{n}"


def _abbreviation(text: str, ctx: Context) -> Value | None:
    """ "Q3 2022" 2022-Q3, "H1" this year's first half, "FY2024" and "FY 24" the year 2024."""
    low = text.lower()
    fiscal = re.search(r"fy\s?(\d{4}|\d\d)\b", low)
    year = (
        (int(fiscal.group(1)) % 100 + 2000 if len(fiscal.group(1)) == 2 else int(fiscal.group(1)))
        if fiscal
        else None
    )
    part = re.search(r"\b([qh])([1-4])\b", low)
    if part is None:
        return ("DATE", str(year)) if year else None
    half, n = part.group(1) == "h", int(part.group(2))
    year = year or year_of(text)
    if year is None:  # "profit rose in Q3", said in May: last year's, as _quarter reads it
        late = (n - 1) * (6 if half else 3) + 1 > ctx.published.month
        year = ctx.published.year - (1 if late and ctx.tense == "past" else 0)
    return "DATE", f"{year}-{part.group(1).upper()}{n}"


def _nth_weekday(text: str, ctx: Context) -> Value | None:
    """ "the last Friday in August" (said in January, last August's), "the first Monday in
    September 2016"."""
    low = text.lower()
    month, weekday = month_of(low), weekday_of(low)
    if month is None or weekday is None:
        return None
    n = (
        -1
        if re.search(r"\b(?:last|final)\b", low)
        else next(v for k, v in ORDINALS.items() if k in low.split())
    )
    year = year_of(text)
    if year is None:
        year = place_in_year(month, nth_weekday(ctx.published.year, month, weekday, n).day, ctx)
    return "DATE", nth_weekday(year, month, weekday, n).isoformat()


def _holiday(text: str, ctx: Context) -> Value | None:
    low = " ".join(text.lower().replace("’", "'").split())
    name = next((h for h in sorted(HOLIDAYS, key=len, reverse=True) if h in low), None)
    if name is None:
        return None
    year = year_of(text)
    pub = ctx.published
    if year is not None:
        day = holiday(name, year)
    else:
        rel = relative(text)
        options = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := holiday(name, y))]
        if rel == -1:
            options = [d for d in options if d < pub] or options
        elif rel == 1:
            options = [d for d in options if d > pub] or options
        day = nearest(options, ctx)
    if day is None:
        return None
    return "DATE", week(day) if "week" in low else day.isoformat()


def _season(text: str, ctx: Context) -> Value:
    low = text.lower()
    code = next(v for k, v in SEASONS.items() if k in low)
    year = year_of(text)
    if year is None:
        rel = relative(text)
        year = ctx.published.year + (rel if rel is not None and "this past" not in low else 0)
    return "DATE", f"{year}-{code}"


DATES: dict[str, Callable[[str, Context], Value | None]] = {
    "date": explicit_date,
    "nth": _nth,
    "month": _month,
    "year": _year,
    "decade": _decade,
    "century": _century,
    "quarter": _quarter,
    "abbreviation": _abbreviation,
    "holiday": _holiday,
    "nthweekday": _nth_weekday,
    "season": _season,
}
