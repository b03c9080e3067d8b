"""The vocabulary of English time expressions, as data: names, numbers, units, references.

`timepatterns` compiles these tables into the patterns that find time expressions, and
`timecalc`, `timedates` and `timevalues` read them to compute TIMEX3 values; nothing here runs
any logic.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
MONTH_NAMES = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
MONTH_ABBREVIATIONS = [m for m in MONTHS if m not in MONTH_NAMES]

WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}  # fmt: skip

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

# Parts of the day, and clock words standing for an hour.
DAY_PARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "mid-afternoon": "AF", "midafternoon": "AF",
    "mid afternoon": "AF", "evening": "EV", "night": "NI", "nights": "NI", "overnight": "NI",
    "tonight": "NI", "dawn": "MO", "daybreak": "MO", "dusk": "EV",
}  # fmt: skip
CLOCK_WORDS: dict[str, str] = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}
TIME_ZONES = ["EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "UTC", "ET", "PT", "CT", "BST"]

ONES: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
# Counts whose number a TIMEX3 value leaves open ("several years" is PXY).
VAGUE_COUNTS = [
    "a few",
    "few",
    "several",
    "some",
    "many",
    "a number of",
    "a couple of",
    "couple of",
    "hundreds of",
    "thousands of",
    "dozens of",
    "tens of",
    "scores of",
    "a dozen or so",
    "numerous",
    "countless",
]
COUPLE = ("a couple of", "couple of")
# Words that leave a count open inside a compound: "a several-year tenure", "a multi-year deal".
VAGUE_PREFIXES = {"several", "multi", "many", "few"}

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "twenty-first": 21, "twenty-second": 22,
    "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
    "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirty-first": 31,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip

# Calendar units: the letter a TIMEX3 duration uses and whether it sits after the "T".
UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "E", "century": "C",
    "millennium": "L", "weekend": "WE",
}  # fmt: skip
PLURAL_UNITS: dict[str, str] = {
    "seconds": "second", "minutes": "minute", "hours": "hour", "days": "day", "nights": "night",
    "weeks": "week", "fortnights": "fortnight", "months": "month", "quarters": "quarter",
    "years": "year", "decades": "decade", "centuries": "century", "millennia": "millennium",
    "weekends": "weekend",
}  # fmt: skip
CLOCK_UNITS = {"second", "minute", "hour"}
# How many of the next-smaller unit a unit holds, to write "a decade" or "a fortnight" exactly.
UNIT_SIZES: dict[str, tuple[int, str]] = {"fortnight": (2, "W"), "decade": (10, "Y"), "century": (100, "Y")}
# Kinds of day and year that count like the plain unit ("eight trading days" is P8D).
UNIT_QUALIFIERS = ["trading", "business", "working", "calendar", "fiscal", "school", "full", "straight"]

# Adverbs of frequency and the TIMEX3 SET value of each.
SET_ADVERBS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
    "fortnightly": "P2W", "monthly": "P1M", "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y",
    "biannually": "P6M", "semiannually": "P6M",
}  # fmt: skip

# Words and phrases that refer to the present, the past or the future without a date.
REFERENCES: dict[str, str] = {
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF", "current": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "at present": "PRESENT_REF", "presently": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "more recently": "PAST_REF",
    "most recently": "PAST_REF",
    "the past": "PAST_REF", "then current": "PAST_REF", "then-current": "PAST_REF",
    "future": "FUTURE_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF", "soon": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
    "a later date": "FUTURE_REF",
    "someday": "FUTURE_REF", "one day": "FUTURE_REF", "as soon as possible": "FUTURE_REF",
}  # fmt: skip

# Capitalised words that make a weekday part of a name, no day of its own: "Super Tuesday",
# "Black Monday", "Bloody Sunday" (dated holidays like "Black Friday" are in HOLIDAYS).
DAY_NAME_WORDS = {"super", "black", "bloody", "blue", "manic"}

# Subjects that make a "day" after "is" or "was" the day the text tells of: "it was a great day",
# "today is the eighth day" (not "Monday was the first day", which its weekday dates).
THIS_DAY_SUBJECTS = {"it", "today", "this", "that"}

# Kinds of people and things that "today's" makes generic, the present age rather than a day
# ("today's youth", "in today's world", "today's personal computers"; but "today's editions").
GENERIC_NOW_NOUNS = {
    "world", "youth", "society", "generation", "children", "kids", "teenagers", "students", "parents",
    "consumers", "workers", "voters", "standards", "dollars", "terms", "technology", "computers",
    "culture", "media", "economy", "era", "age", "times",
}  # fmt: skip

# Days named for what happens on them: a fixed (month, day), or ("nth", month, weekday, n)
# for "the n-th weekday of the month" (n = -1 for the last) with an optional offset in days,
# or ("easter", offset in days).
HOLIDAYS: dict[str, tuple[str | int, ...]] = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "new year's": (1, 1),
    "valentine's day": (2, 14), "st. patrick's day": (3, 17), "may day": (5, 1),
    "independence day": (7, 4), "the fourth of july": (7, 4), "bastille day": (7, 14),
    "halloween": (10, 31), "veterans day": (11, 11), "veterans' day": (11, 11),
    "armistice day": (11, 11), "christmas eve": (12, 24), "christmas day": (12, 25),
    "christmas": (12, 25), "boxing day": (12, 26),
    "martin luther king day": ("nth", 1, 1, 3), "presidents day": ("nth", 2, 1, 3),
    "presidents' day": ("nth", 2, 1, 3), "mother's day": ("nth", 5, 7, 2),
    "memorial day": ("nth", 5, 1, -1), "father's day": ("nth", 6, 7, 3),
    "labor day": ("nth", 9, 1, 1), "columbus day": ("nth", 10, 1, 2),
    "thanksgiving day": ("nth", 11, 4, 4), "thanksgiving": ("nth", 11, 4, 4),
    "black friday": ("nth", 11, 4, 4, 1), "cyber monday": ("nth", 11, 4, 4, 4),
    "election day": ("election",),
    "easter": ("easter", 0), "easter sunday": ("easter", 0), "easter monday": ("easter", 1),
    "good friday": ("easter", -2), "ash wednesday": ("easter", -46),
}  # fmt: skip

# Modifiers that belong inside an expression (TIMEX3 `mod`), before a point in time...
POINT_MODIFIERS = [
    "early",
    "late",
    "mid",
    "earlier",
    "later",
    "the end of",
    "the beginning of",
    "the start of",
    "the middle of",
    "the close of",
    "the turn of",
    "the rest of",
    "the remainder of",
    "the latter part of",
    "the early part of",
    "the later part of",
    "the first part of",
    "the dawn of",
    "around",
    "as early as",
    "as late as",
    "no later than",
    "sometime",
    "some time",
]
# ... and before an amount of time ("nearly two years", "at least 72 hours").
AMOUNT_MODIFIERS = [
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "some",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "no more than",
    "no less than",
    "not more than",
    "not less than",
    "well over",
    "just over",
    "just under",
    "a little more than",
    "a little over",
    "little more than",
    "upwards of",
    "the better part of",
    "the best part of",
    "a full",
    "an additional",
    "another",
    "a further",
]
# Words that say which one of a unit: "last week", "the coming months", "the past two years".
RELATIVE_WORDS: dict[str, int] = {
    "last": -1, "past": -1, "previous": -1, "preceding": -1, "prior": -1, "latest": 0, "this": 0,
    "current": 0, "present": 0, "same": 0, "next": 1, "coming": 1, "following": 1, "upcoming": 1,
    "ensuing": 1, "succeeding": 1,
}  # fmt: skip
# ... of which those that say which weekday without "the": "next Monday", but "following
# Monday's debate" is after the debate ("the following Monday" is a day).
WEEKDAY_RELATIVE_WORDS = ["last", "past", "this", "next", "coming", "upcoming"]
# Words after an amount that place it before or after the anchor: "two days later", "a year
# prior". ("Before" and "after" are left out: in "two days after the vote" they are prepositions
# outside the time, and so is "prior to".)
SHIFT_WORDS: dict[str, int] = {
    "ago": -1, "earlier": -1, "back": -1, "previously": -1, "prior": -1,
    "later": 1, "afterward": 1, "afterwards": 1, "from now": 1, "hence": 1,
}  # fmt: skip
# ... and the prepositions that do the same as adverbs, with nothing after them: "the year before".
ADVERB_SHIFT_WORDS: dict[str, int] = {"before": -1, "after": 1}

# Verbs whose past form is their present form: the tagger may read "Weakness hurt the index
# Friday" as present; with a singular subject it can only be past.
SAME_PAST_FORMS = {
    "hurt", "cut", "set", "put", "hit", "cost", "let", "shut", "quit", "spread", "split", "bid",
    "cast", "burst", "broadcast", "forecast", "upset", "read", "shed", "slit", "thrust", "beat",
}  # fmt: skip

# Verbs and words that say whether a time lies ahead of or behind the sentence's telling.
FUTURE_AUXILIARIES = {"will", "'ll", "shall", "wo", "going", "gon", "would"}
# Modals of possibility that look ahead unless negated or perfect: "the storm may hit land
# Sunday", but "may have left Friday" tells of the past. ("Could" is also the past of "can":
# "neither he nor his parents could be located Wednesday".)
POSSIBILITY_MODALS = {"may", "might", "should"}
# Modals that with "have" tell of what did not happen: "Saturday would have been his birthday".
COUNTERFACTUAL_MODALS = {"would", "could", "should", "might", "may", "'d"}
SCHEDULING_VERBS = {"schedule", "plan", "slate", "reschedule", "postpone", "delay", "defer"}
FUTURE_HEADS = {"expect", "schedule", "plan", "set", "due", "intend", "hope", "want", "aim", "slate", "seek"}
# ... of which those that only aim, and in the past tense may have been done: "sought to appeal".
AIMING_HEADS = {"seek", "want", "hope", "aim"}
# Present-tense verbs that narrate or describe rather than schedule ("says", "has", "remains").
NARRATING_VERBS = {
    "say", "tell", "report", "announce", "add", "note", "claim", "state", "write", "explain", "be", "have",
    "remain", "seem", "own", "hold", "know", "want", "need", "believe", "think", "see", "show", "mean",
}  # fmt: skip
DEADLINE_WORDS = {"until", "till", "through", "to", "by"}
# Words that make a time the start of a state, no point the narrative moves to ("since 2008").
BACKGROUND_WORDS = {"since"}
# Verbs whose "until" tells how long something went on, not a deadline set ahead.
LASTING_VERBS = {
    "last", "continue", "stay", "remain", "wait", "run", "work", "live", "serve", "go", "keep", "sit",
    "stand", "hold", "rise", "fall", "climb", "drop", "trade", "close", "be",
}  # fmt: skip
