"""The patterns that find English time expressions, built from the word tables of `timewords`.

Each `Rule` names the kind of expression it finds (the function of `timevalues` or `timedates`
that computes its value), its pattern, and a cheap trigger: a rule runs over a text only when its
trigger occurs. Patterns are matched against the text lower-cased letter for letter (`lower`),
between word boundaries; `%(NAME)s` stands for a fragment of `FRAGMENTS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from . import timewords as W


def alt(options: Iterable[str]) -> str:
    """A regex alternation of lower-case phrases, longest first, any run of spaces between words."""
    phrases = sorted({o.lower() for o in options}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]") for p in phrases) + ")"


NUMBER_WORD = f"(?:{alt(W.TENS)}(?:[-\\s]+{alt(W.ONES)})?|{alt(W.ONES)})"
_YEAR = rf"1[6-9]\d\d|20\d\d|['’][0-9]\d(?!['’\w])|nineteen[-\s]+(?:hundred\s+(?:and\s+)?)?{NUMBER_WORD}"
_TO_NUMBER = r"(?:at\s+least|at\s+most|nearly|almost|more\s+than|less\s+than|up\s+to)\s+"

FRAGMENTS: dict[str, str] = {
    "MONTH": f"(?:{alt(W.MONTH_NAMES)}|{alt(W.MONTH_ABBREVIATIONS)}\\.?)",
    "MONTHFULL": alt(W.MONTH_NAMES),
    "WDAY": alt(W.WEEKDAYS),
    "DAYNUM": rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)|{alt(W.ORDINALS)})",
    "YEAR": f"(?:{_YEAR})",
    "NUMW": NUMBER_WORD,
    "NUM": (
        rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?(?:\s+\d/\d)?|(?:{NUMBER_WORD}|an?)\s+(?:hundred|thousand)"
        rf"|{NUMBER_WORD}(?:(?:\s+|-)and(?:\s+|-)a(?:\s+|-)half)?|a\s+half|half\s+an?|an?|a\s+single)"
    ),
    "VAGUE": alt(W.VAGUE_COUNTS),
    "UNIT": alt(W.UNITS),
    "UNITS": alt(W.PLURAL_UNITS),
    "UNITQ": f"(?:{alt(W.UNIT_QUALIFIERS)}\\s+)?(?:{alt(W.UNITS)}|{alt(W.PLURAL_UNITS)})",
    "TONUM": _TO_NUMBER,
    "AMOD": alt(W.AMOUNT_MODIFIERS),
    "PMOD": alt(W.POINT_MODIFIERS),
    "REL": alt(W.RELATIVE_WORDS),
    "WREL": alt(W.WEEKDAY_RELATIVE_WORDS),
    "PART": alt(W.DAY_PARTS),
    "SEASON": alt(W.SEASONS),
    "HOLIDAY": alt(W.HOLIDAYS),
    "TZ": alt(W.TIME_ZONES),
    "ORD": alt(W.ORDINALS),
    "SETADV": alt(W.SET_ADVERBS),
    "REF": alt(W.REFERENCES),
    "SHIFT": alt(W.SHIFT_WORDS),
    "ADVSHIFT": alt(W.ADVERB_SHIFT_WORDS),
    "CLOCK": (
        r"(?:(?:\d{1,2}(?::[0-5]\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b|o['’]clock)|(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)"
        rf"|{NUMBER_WORD}\s+o['’]clock)"
        r"(?:\s+(?:in\s+the|this|tomorrow|yesterday)\s+(?:morning|afternoon|evening)|\s+at\s+night)?"
        rf"|noon|midnight|midday|\d{{1,2}}\s+in\s+the\s+(?:morning|afternoon|evening))"
    ),
}


class Rule(NamedTuple):
    """A kind of expression, the pattern that finds it, and the trigger that lets it run."""

    kind: str
    pattern: str
    trigger: str


class Match(NamedTuple):
    """Where a rule's pattern matched a text: its kind, its extent, and its rule's place in
    `PATTERNS` (the earlier rule wins between overlapping matches of one length)."""

    kind: str
    start: int
    end: int
    order: int
    reading: str = ""  # the words to read the value from, when not the match's own


_MONTHS = alt(W.MONTHS)
_UNITS = r"\b(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur|millenni)"
RULES: list[Rule] = [
    Rule("date", r"\d{4}-[01]\d-[0-3]\d(?:t\d\d:\d\d(?::\d\d)?)?|\d{4}/[01]\d/[0-3]\d", r"\d[-/][01]\d[-/]"),
    Rule("date", r"[01]?\d/[0-3]?\d/(?:\d{4}|\d\d)", r"\d/\d"),
    # "released on the 14th": a day of the month the text is in
    Rule("nth", r"(?<=\bon\s)the\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)", r"\bon\s+the\s+\d"),
    Rule(
        "date",
        r"(?:(?:(?:this\s+coming|this\s+past|%(REL)s)\s+)?%(WDAY)s,?\s+)?"
        r"(?:(?:the\s+)?%(DAYNUM)s\s+(?:of\s+)?%(MONTH)s|%(MONTH)s\s+(?:the\s+)?%(DAYNUM)s)(?:,?\s+%(YEAR)s)?",
        _MONTHS,
    ),
    Rule(
        "date",
        r"the\s+week\s+of\s+(?:%(MONTH)s\s+%(DAYNUM)s|%(DAYNUM)s\s+%(MONTH)s)(?:,?\s+%(YEAR)s)?",
        "week of",
    ),
    Rule(
        "month",
        r"(?:%(PMOD)s(?:\s+|-))?%(MONTH)s(?:,?\s+(?:of\s+)?%(YEAR)s|\s+(?:this|last|next)\s+year)",
        _MONTHS,
    ),
    Rule("month", r"(?:(?:%(PMOD)s|%(REL)s|this\s+past)(?:\s+|-))?%(MONTHFULL)s", _MONTHS),
    Rule(
        "year",
        r"(?:(?:%(PMOD)s|fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+year|pre|post|mid)(?:\s+|-))?%(YEAR)s"
        r"|the\s+year\s+two\s+thousand(?:\s+and\s+%(NUMW)s)?",
        r"\d\d\d|['’]\d\d|nineteen|thousand",
    ),
    Rule("year", r"(?:1[6-9]\d\d|20\d\d)\s*[-–/]\s*(?:1[6-9]\d\d|20\d\d|\d\d)", r"\d\d\s*[-–/]\s*\d\d"),
    Rule(
        "decade",
        r"(?:the\s+)?(?:%(PMOD)s(?:\s+|-))?(?:\d{3}0['’]?s|['’]\d0s|(?:nineteen[-\s]+)?"
        r"(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
        r"0['’]?s\b|ties\b",
    ),
    Rule(
        "century",
        r"(?:the\s+)?(?:%(PMOD)s(?:\s+|-))?(?:%(ORD)s|\d{1,2}(?:st|nd|rd|th))[-\s]+century",
        "century",
    ),
    Rule(
        "quarter",
        r"(?:(?:the|this\s+year['’]s|last\s+year['’]s|next\s+year['’]s|%(YEAR)s)\s+)?"
        r"(?:(?:latest|current|same|comparable|fiscal|calendar|%(YEAR)s)[-\s]+)*"
        r"(?:(?:first|second|third|fourth|1st|2nd|3rd|4th|final)[-\s]+(?:fiscal[-\s]+|calendar[-\s]+)?"
        r"(?:quarter|half)|(?:last|latter)\s+half)"
        r"(?:\s+of\s+(?:(?:fiscal\s+|calendar\s+)?%(YEAR)s|(?:the|this|last|next)\s+(?:fiscal\s+)?year))?",
        "quarter|half",
    ),
    Rule("quarter", r"the\s+%(YEAR)s\s+(?:period|quarter)", r"\d\s+(?:period|quarter)"),
    # "Q3 2022", "2023 H1", "FY2024", "FY 24": the abbreviations of quarters, halves, fiscal years
    Rule(
        "abbreviation",
        r"(?:q[1-4]|h[12])(?:[\s/-]*(?:%(YEAR)s|fy\s?\d\d(?:\d\d)?))?|%(YEAR)s\s+(?:q[1-4]|h[12])"
        r"|fy\s?(?:\d{4}|\d\d)",
        r"\b(?:q[1-4]|h[12]|fy\s?\d\d)\b|\d(?:q[1-4]|h[12])\b|\bfy\d{4}\b",
    ),
    Rule(
        "quarter",
        r"(?:last|this|next)\s+year['’]s\s+(?:quarter|period)|the\s+(?:corresponding|comparable|same)\s+"
        r"(?:quarter|period)\s+(?:of\s+)?last\s+year",
        r"year['’]s\s+(?:quarter|period)|(?:quarter|period)\s+(?:of\s+)?last\s+year",
    ),
    Rule("holiday", r"(?:%(REL)s\s+)?%(HOLIDAY)s(?:\s+week)?(?:,?\s+%(YEAR)s)?", "%(HOLIDAY)s"),
    # "the first Monday in September", "the last Friday of August 2015": a weekday of a month
    Rule(
        "nthweekday",
        r"the\s+(?:first|second|third|fourth|fifth|last|final)\s+%(WDAY)s\s+(?:in|of)\s+%(MONTH)s"
        r"(?:,?\s+%(YEAR)s)?",
        r"day\s+(?:in|of)\s",
    ),
    Rule(
        "season",
        r"(?:(?:the|this\s+past|%(PMOD)s|%(REL)s)(?:\s+|-))*%(SEASON)s(?:\s+(?:of\s+)?%(YEAR)s)?",
        "%(SEASON)s",
    ),
    Rule(
        "day",
        r"(?:(?:%(PMOD)s|%(PART)s)\s+)?(?:today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday"
        r"|the\s+day\s+after\s+tomorrow)(?:\s+%(PART)s)?",
        "today|tonight|yesterday|tomorrow",
    ),
    Rule(
        "weekday",
        r"(?:(?:early|late|earlier|later|%(WREL)s|this\s+coming|this\s+past|the\s+(?:%(REL)s))\s+)?%(WDAY)s"
        r"(?:\s+%(PART)s)?",
        "day",
    ),
    Rule(
        "part",
        r"(?:(?:%(PMOD)s\s+)?(?:this|last|that|the\s+next|the\s+following|the\s+previous|the\s+same)\s+"
        r"(?:morning|afternoon|evening|night))|(?:%(PMOD)s\s+)?the\s+(?:morning|afternoon|evening)"
        r"|mid[-\s]?afternoon|tonight|overnight",
        "morning|afternoon|evening|night",
    ),
    Rule(
        "clock",
        r"(?:(?:around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?%(CLOCK)s"
        r"(?:\s+%(TZ)s)?(?:,?\s+(?:on\s+)?(?:%(WDAY)s|today|tonight|yesterday|tomorrow"
        r"|%(MONTH)s\s+\d{1,2}(?:,\s+%(YEAR)s)?))?",
        r"\d:\d|\d\s*[ap]\.?m\b|noon|midnight|midday|o['’]clock|\d\s+in\s+the",
    ),
    # "the year ended March 31", "the week ending Saturday": twelve months that need not be a
    # calendar year, seven days that need not be an ISO week, so an amount
    Rule(
        "duration",
        r"the\s+(?:(?:fiscal|financial)\s+)?(?:year|week)(?=\s+(?:ended|ending)\b)",
        r"\bend(?:ed|ing)\b",
    ),
    Rule(
        "unit",
        r"(?:%(PMOD)s\s+)?(?:the\s+|that\s+(?=same|very|following|previous|preceding))?"
        r"(?:%(REL)s|this\s+past|this\s+coming|very\s+same)\s+"
        r"(?:(?:fiscal|calendar)\s+)?(?:day|week|weekend|month|quarter|year|decade|century)(?:\s+or\s+so)?",
        _UNITS,
    ),
    Rule(
        "unit",
        r"(?:%(PMOD)s\s+)?(?:the|that)\s+(?:(?:fiscal|calendar|full)\s+)?(?:week|weekend|month|quarter|year)"
        r"|%(PMOD)s\s+the\s+(?:decade|century)"
        r"|(?:%(PMOD)s\s+)?that\s+(?:same\s+)?day|the\s+latest\s+period",
        _UNITS + "|period",
    ),
    Rule("unit", r"(?:year|quarter|month)(?:['’]s\s+|-|\s+)?end|yearend", "end"),
    Rule(
        "unit", r"(?:earlier|later|early|late)\s+in\s+the\s+(?:day|week|month|quarter|year)", r"\bin\s+the\s+"
    ),
    # "a week from Friday", "the day before Thanksgiving", "two days after Christmas": a named day
    # moved by an amount (an amount before an event, "two days after the vote", is only an amount)
    Rule(
        "anchored",
        r"(?:the\s+(?:day|week)|(?:%(NUM)s)\s+(?:days?|weeks?))\s+(?:before|after|from)\s+"
        r"(?:(?:(?:%(REL)s)\s+)?%(WDAY)s|%(HOLIDAY)s|%(MONTH)s\s+%(DAYNUM)s|today|tomorrow|yesterday)",
        r"\b(?:before|after|from)\s",
    ),
    Rule(
        "shift",
        r"(?:the\s+(?:quarter|period)\s+)?(?:%(AMOD)s\s+)?(?:%(NUM)s|%(VAGUE)s)\s+%(UNITQ)s(?:\s+or\s+(?:so|more|two|less))?"
        r"\s+%(SHIFT)s(?!(?<=prior)\s+to\b)|(?:%(AMOD)s\s+)?%(UNITS)s\s+ago",
        r"%(SHIFT)s",
    ),
    # "the year before", "the day after": the unit before or after the one the text is telling
    # of, when nothing follows that it would be before or after ("the day before the vote")
    Rule(
        "shift",
        r"the\s+(?:day|week|month|year)\s+(?:earlier|later|%(ADVSHIFT)s(?=\s*(?:[,.;:!?)]|--|$)))",
        r"\b(?:day|week|month|year)\s+(?:earlier|later|%(ADVSHIFT)s)\b",
    ),
    Rule(
        "shift",
        r"(?:the\s+)?(?:comparable\s+|same\s+)?year[-\s](?:earlier|ago)"
        r"(?:\s+(?:period|(?:(?:first|second|third|fourth)\s+)?quarter))?",
        r"year[-\s](?:earlier|ago)",
    ),
    Rule(
        "duration",
        r"(?:%(TONUM)s)?(?:the\s+|an?\s+)?(?:(?:%(REL)s|first|final|initial|remaining|entire|whole|full"
        r"|additional|next)\s+)?(?:%(AMOD)s\s+)?%(NUM)s(?:\s*(?:or|to|-|and)\s*%(NUM)s)?\s+"
        r"(?:(?:more|additional|full|straight|consecutive|long|extra)\s+)?%(UNITQ)s(?:\s+or\s+so|\s+and\s+a\s+half)?",
        _UNITS,
    ),
    Rule(
        "duration",
        r"(?:%(NUMW)s(?:-and-a-half)?|\d+(?:\.\d+)?|several|multi|half|a)-%(UNIT)s(?:-long)?|(?:%(UNIT)s|%(UNITS)s)-long"
        r"|half\s+an?\s+%(UNIT)s|(?:an?\s+)?(?:quarter|half)[-\s]century",
        _UNITS,
    ),
    Rule(
        "duration",
        r"(?:%(TONUM)s)?(?:(?:the\s+)?(?:%(REL)s|recent|first|final|early|ensuing|intervening)\s+)?"
        r"(?:%(AMOD)s\s+)?(?:%(VAGUE)s\s+)?(?:more\s+)?%(UNITS)s(?:\s+ahead|\s+to\s+come|\s+(?:or|and)\s+%(UNITS)s)?",
        _UNITS,
    ),
    Rule(
        "set",
        r"(?:every|each|per)\s+(?:other\s+|single\s+)?(?:(?:%(NUM)s|%(VAGUE)s)\s+)?"
        r"(?:%(UNITQ)s|%(WDAY)s(?:\s+%(PART)s)?|%(MONTHFULL)s|%(SEASON)s|morning|afternoon|evening|night)",
        r"\b(?:every|each|per)\b",
    ),
    Rule("set", r"%(SETADV)s|%(WDAY)ss|weekends", r"ly\b|days\b|weekends"),
    # "twice a week", "three times a year", "twice weekly": how often, each unit (TimeML's freq
    # is left out)
    Rule(
        "set",
        r"(?:once|twice|thrice|(?:%(NUM)s)\s+times)\s+(?:(?:a|an|per|each|every)\s+%(UNITQ)s|%(SETADV)s)",
        r"\b(?:once|twice|thrice|times)\s+(?:a|an|per|each|every|\w+ly)\b",
    ),
    Rule("ref", r"%(REF)s", "%(REF)s"),
    # "it was a great day", "today is the eighth day of Desert Shield": the day the sentence is
    # about, named by what it was (`times` keeps it only as what "it" or "today" is)
    Rule("thisday", r"(?:the|an?)\s+(?:[a-z0-9-]+\s+)?day", r"\bday\b"),
]

# Not inside a word, a number, an amount or a hyphenated compound, at either end.
_START = r"(?<![\w$£€#/.])(?<!\w-)"
_END = r"(?!\w|-\w|\d)"
PATTERNS: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = [
    (
        r.kind,
        re.compile(_START + "(?:" + (r.pattern % FRAGMENTS) + ")" + _END),
        re.compile(r.trigger % FRAGMENTS),
    )
    for r in RULES
]

# Two days of one month: "April 24 and 25", "June 5-7", "Aug. 1-3, 1998". TimeML tags each day
# ("April 24" and "25"), the second with the month and year the first one shares with it.
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
DATE_RANGE = re.compile(
    _START
    + rf"(?P<month>{FRAGMENTS['MONTH']})\s+(?P<first>{_DAY})(?P<link>\s*(?:[-–]|and|or|to|through)\s*)"
    + rf"(?P<second>{_DAY})(?![\d:%]|\s*(?:%|percent|[ap]\.?m\b))(?P<year>,?\s+{FRAGMENTS['YEAR']})?"
    + _END
)

# The day the second clock time of a range is on, which the first shares: "from 7 a.m. to 8 p.m.
# on Tuesday" (group 1, the weekday).
CLOCK_RANGE_DAY = re.compile(
    rf"\s*(?:[-–]|to|until|till|and)\s*(?:{FRAGMENTS['CLOCK']})(?:\s+{FRAGMENTS['TZ']})?\s*,?\s*(?:on\s+)?"
    rf"({FRAGMENTS['WDAY']})\b",
    re.I,
)

_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def lower(text: str) -> str:
    """The text with A-Z lower-cased and nothing else changed, so that offsets stay valid."""
    return text.translate(_ASCII_LOWER)
