"""Calendar arithmetic and the reading of time words, for the values of time expressions.

Dates moved by calendar units, ISO weeks and quarters, holidays (fixed, n-th weekday, Easter),
and small readers that pull a number, unit, year, month, weekday or clock time out of the words
of an expression using the tables of `timewords`.
"""

from __future__ import annotations

import datetime as dt
import re

from .timewords import (
    CLOCK_WORDS,
    COUPLE,
    DAY_PARTS,
    HOLIDAYS,
    MONTHS,
    ONES,
    ORDINALS,
    PLURAL_UNITS,
    RELATIVE_WORDS,
    TENS,
    UNITS,
    VAGUE_COUNTS,
    WEEKDAYS,
)


def shift(day: dt.date, unit: str, n: int) -> dt.date:
    """`day` moved by n units (day, week, month, quarter, year, decade, century)."""
    if unit in ("day", "night"):
        return day + dt.timedelta(days=n)
    if unit in ("week", "weekend", "fortnight"):
        return day + dt.timedelta(weeks=n * (2 if unit == "fortnight" else 1))
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}.get(unit, 0) * n
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    return clamp(y, m + 1, day.day)


def clamp(year: int, month: int, day: int) -> dt.date:
    """The date, or the last day of the month when the month is shorter (Feb. 30 is Feb. 28)."""
    for d in (day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    return dt.date(year, month, 28)


def week(day: dt.date) -> str:
    """The ISO week of a day: 2017-W18."""
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def quarter(day: dt.date) -> str:
    """The quarter of a day: 2017-Q2."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def at(day: dt.date, unit: str) -> str:
    """The value naming the unit that contains `day`: 2017-05-01 as a week is 2017-W18."""
    return {
        "day": day.isoformat(),
        "night": day.isoformat() + "TNI",
        "week": week(day),
        "fortnight": week(day),
        "weekend": week(day) + "-WE",
        "month": f"{day.year}-{day.month:02d}",
        "quarter": quarter(day),
        "year": str(day.year),
        "decade": str(day.year)[:3],
        "century": str(day.year)[:2],
    }.get(unit, day.isoformat())


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (or with n = -1 the last) given ISO weekday of a month."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = shift(dt.date(year, month, 1), "month", 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lw = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lw) // 451
    month, day = divmod(h + lw - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday(name: str, year: int) -> dt.date | None:
    """The date of a holiday of `HOLIDAYS` in a year."""
    rule = HOLIDAYS.get(name)
    if rule is None:
        return None
    if rule[0] == "nth":
        offset = dt.timedelta(days=int(rule[4]) if len(rule) > 4 else 0)  # Black Friday: Thanksgiving + 1
        return nth_weekday(year, int(rule[1]), int(rule[2]), int(rule[3])) + offset
    if rule[0] == "easter":
        return easter(year) + dt.timedelta(days=int(rule[1]))
    if rule[0] == "election":
        return nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1)
    return dt.date(year, int(rule[0]), int(rule[1]))


# Reading the words

_WORD = re.compile(r"[a-z0-9']+(?:\.(?=\s|$))?|\d+/\d+")


def words(text: str) -> list[str]:
    """The lower-case words of an expression, hyphens as spaces, abbreviation dots dropped."""
    return [w.rstrip(".") for w in _WORD.findall(text.lower().replace("-", " "))]


def number(text: str) -> float | None:
    """The first count in an expression ("twenty four hours" 24, "2 1/2 years" 2.5, "a year" 1,
    "a year and a half" 1.5); None if there is none or it is vague ("several", "hundreds of")."""
    low = " " + " ".join(text.lower().replace("-", " ").split()) + " "
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", low)
    if any(f" {c} " in low for c in COUPLE):
        return 2
    if not digits and any(f" {v} " in low for v in VAGUE_COUNTS):
        return None
    half = 0.5 if re.search(r"\band a half\b|\b1/2\b|½", low) else 0.0
    if digits:
        n = float(digits.group().replace(",", ""))
        return n + half if not (n == 1 and "1/2" in low and " 1 " not in low) else 0.5
    total = current = 0
    seen = False
    for w in low.split():
        if w in ONES or w in TENS:
            current += ONES.get(w, 0) + TENS.get(w, 0)
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w == "thousand":
            total, current = total + max(current, 1) * 1000, 0
        elif w in ("a", "an", "single") and not seen:
            current = 1
        elif w == "half" and not seen:
            return 0.5
        elif w == "and" and seen:
            continue
        elif seen:
            break
        else:
            continue
        seen = True
    return total + current + half if seen else None


def unit_of(text: str) -> str | None:
    """The calendar unit an expression counts in ("weeks" -> "week"), the last one named."""
    found = None
    for w in words(text):
        if w in UNITS:
            found = w
        elif w in PLURAL_UNITS:
            found = PLURAL_UNITS[w]
    return found


def year_of(text: str) -> int | None:
    """An explicit year: 1998, '98, "nineteen ninety-eight", "two thousand"."""
    m = re.search(r"(?<![\d$])(1[0-9]\d\d|20\d\d)(?!\d)", text)
    if m:
        return int(m.group(1))
    m = re.search(r"(?<!\w)['’](\d\d)(?!\w)", text)
    if m:
        n = int(m.group(1))
        return 2000 + n if n < 30 else 1900 + n
    ws = words(text)
    if "nineteen" in ws:
        rest = ws[ws.index("nineteen") + 1 :]
        rest = [w for w in rest if w not in ("hundred", "and")]
        tail = number(" ".join(rest)) if rest and (rest[0] in ONES or rest[0] in TENS) else None
        if tail is not None:
            return 1900 + int(tail)
    if "thousand" in ws and "two" in ws:
        rest = ws[ws.index("thousand") + 1 :]
        rest = [w for w in rest if w != "and"]
        return 2000 + (int(number(" ".join(rest)) or 0) if rest and rest[0] in ONES | TENS else 0)
    return None


def month_of(text: str) -> int | None:
    """The month named in an expression (1-12)."""
    for w in words(text):
        if w in MONTHS:
            return MONTHS[w]
    return None


def weekday_of(text: str) -> int | None:
    """The ISO weekday named in an expression (Monday 1)."""
    for w in words(text):
        if w.rstrip("s") in WEEKDAYS:
            return WEEKDAYS[w.rstrip("s")]
    return None


def day_of_month(text: str) -> int | None:
    """The day number after or before a month name: "May 1", "1 May", "March eighth"."""
    low = text.lower()
    for m in re.finditer(r"(?<![\d:/])(\d{1,2})(?:st|nd|rd|th)?(?![\d:/,]*\d{3})", low):
        if 1 <= int(m.group(1)) <= 31:
            return int(m.group(1))
    for w in re.findall(r"[a-z]+(?:-[a-z]+)?", low):
        if w in ORDINALS:
            return ORDINALS[w]
    return None


def relative(text: str) -> int | None:
    """-1 for "last week", 0 for "this week", +1 for "next week"; None when no such word."""
    for w in words(text):
        if w in RELATIVE_WORDS:
            return RELATIVE_WORDS[w]
    return None


def part_of_day(text: str) -> str | None:
    """The TIMEX3 part of day named in an expression: MO, AF, EV, NI."""
    low = text.lower()
    for name in sorted(DAY_PARTS, key=len, reverse=True):
        if re.search(rf"\b{name}\b", low):
            return DAY_PARTS[name]
    return None


_SPELLED_HOUR = re.compile(r"\b(?:" + "|".join(ONES) + r")\b(?=\s+o'clock)")


def clock(text: str) -> str | None:
    """A clock time as HH:MM: "3 p.m." 15:00, "10:35 a.m." 10:35, noon 12:00, "ten o'clock at
    night" 22:00."""
    low = text.lower().replace("’", "'")
    spelled = _SPELLED_HOUR.search(low)
    if spelled:
        low = low[: spelled.start()] + str(ONES[spelled.group()]) + low[spelled.end() :]
    m = re.search(r"\b(\d{1,2})(?::(\d\d))?\s*(a\.?m\b\.?|p\.?m\b\.?|o'clock)?", low)
    if m and (m.group(2) or m.group(3)):
        h, mi = int(m.group(1)), int(m.group(2) or 0)
        if m.group(3) and m.group(3).startswith("p") and h < 12:
            h += 12
        if m.group(3) and m.group(3).startswith("a") and h == 12:
            h = 0
        if (
            re.search(r"\b(?:in the|this|tomorrow|yesterday) (?:evening|afternoon)|\bat night", low)
            and h < 12
        ):
            h += 12
        return f"{h:02d}:{mi:02d}" if h <= 24 and mi < 60 else None
    for w, v in CLOCK_WORDS.items():
        if re.search(rf"\b{w}\b", low):
            return v
    m = re.search(r"\b(\d{1,2}|" + "|".join(ONES) + r") in the (morning|afternoon|evening)", low)
    if m:
        h = int(m.group(1)) if m.group(1).isdigit() else ONES[m.group(1)]
        return f"{h + (12 if m.group(2) != 'morning' and h < 12 else 0):02d}:00"
    return None
