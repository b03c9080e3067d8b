"""Quotation marks paired in raw text, paragraph by paragraph, robust to stray marks.

Straight marks are told apart by the spaces around them; a mark that cannot be paired costs
its own quotation only. A quoted paragraph left open continues in the next (news convention).
Single marks quote in an article that quotes with them (British house style: ‘We have
listened,’ she said), and are apostrophes or quotations inside quotations elsewhere.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from .model import QuoteKind

QUOTE_OPEN = "\u201c\u00ab"
QUOTE_CLOSE = "\u201d\u00bb"
# Double quotation marks: straight, curly, guillemets, and the typewriter pairs '' and ``.
MARKS = re.compile("''|``|[\"\u201c\u201d\u00ab\u00bb]")
# Single quotation marks, curly or straight; a straight one beside another is a typewriter double.
SINGLE = "'\u2018\u2019"
SINGLE_MARKS = re.compile(f"(?<!')[{SINGLE}](?!')")
# What may stand just before an opening mark, or just after a closing one, besides a space.
BEFORE_OPENING = '([{\u2014\u2013-/"\u201c'
AFTER_CLOSING = ',.;:!?)]}\u2014\u2013-"\u201d\u2026'
ELISION = re.compile(
    r"\d\ds\b|em\b|n\u2019|n'|tis\b|til\b|cause\b|bout\b", re.IGNORECASE
)  # ’90s, ’em, rock ’n’ roll


@dataclass
class Pair:
    """A pair of quotation marks: offsets of the opening mark and just after the closing one."""

    start: int
    end: int
    paragraph: int
    open_len: int = 1  # two for the typewriter marks '' and ``
    close_len: int = 1

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + self.open_len, self.end - self.close_len


def _mark_kind(text: str, i: int, width: int = 1) -> str:
    """'open', 'close' or 'either' for the quotation mark at text[i:i + width]."""
    mark = text[i : i + width]
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if mark in QUOTE_OPEN or mark == "``":
        wrong_way = (before.isalnum() or before in ",.!?;:") and after.isspace()
        return "close" if wrong_way else "open"  # '"It's unusual," said': typed the wrong way
    if mark in QUOTE_CLOSE:
        return "open" if before.isspace() and after.isalnum() else "close"
    left_space, right_space = before.isspace() or before in "([{\u2014-/", after.isspace()
    if left_space and not right_space:
        return "open"
    if (right_space and not left_space) or (not left_space and after in ".,;:!?)]\u2014-"):
        return "close"
    return "either"


class Pairs(list[Pair]):
    """quote_pairs' answer: pairs in text order, none inside another, so that the one around a
    character is found by binary search (`inside`), not by a scan of every pair."""

    @functools.cached_property
    def starts(self) -> list[int]:
        return [p.start for p in self]


def quote_pairs(text: str) -> Pairs:
    """Pairs of quotation marks, paragraph by paragraph, robust to stray marks: the double ones,
    and the single ones where the article quotes with single marks. It does where more of its
    quotations are in single marks than in double marks outside them ('‘Nobody should need a
    degree to buy a ticket,’ she said'); in an article that quotes with double marks, single
    ones are quotations inside quotations, apostrophes, or a headline's ("Trump: ‘I will win’").
    """
    doubles = _double_pairs(text)
    singles = _single_pairs(text)
    if not singles:
        return Pairs(doubles)
    double_starts = [q.start for q in doubles]
    outer_singles = [p for p in singles if not _enclosed(p, doubles, double_starts, crossing=True)]
    single_starts = [p.start for p in outer_singles]
    outer_doubles = [q for q in doubles if not _enclosed(q, outer_singles, single_starts, crossing=False)]
    if len(outer_singles) <= len(outer_doubles):
        return Pairs(doubles)
    return Pairs(sorted(outer_singles + outer_doubles, key=lambda p: p.start))


def _enclosed(pair: Pair, others: list[Pair], starts: list[int], crossing: bool) -> bool:
    """Whether a pair lies within one of others (in text order, none overlapping another, and
    `starts` their starts) or, with `crossing`, crosses one's bounds. Only the last of others to
    start before the pair's start and the last to start before its end can: a binary search."""
    n = bisect.bisect_right(starts, pair.start)
    if n and others[n - 1].end > pair.start and (crossing or others[n - 1].end >= pair.end):
        return True  # within it, or crossing it from the left
    m = bisect.bisect_left(starts, pair.end)
    return crossing and m > 0 and others[m - 1].start > pair.start and others[m - 1].end > pair.end


def _single_kind(text: str, i: int) -> str | None:
    """'open' or 'close' for the single mark at text[i], or None for an apostrophe ("don’t",
    "the Joneses’ dog", "the ’90s") or a mark that could be either."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if (before.isalnum() and after.isalnum()) or text[max(0, i - 2) : i] in (" n", "\u2018n", "'n"):
        return None
    if text[i] != "\u2019" and (before.isspace() or before in BEFORE_OPENING) and not after.isspace():
        return None if ELISION.match(text, i + 1) else "open"
    if text[i] != "\u2018" and not before.isspace() and (after.isspace() or after in AFTER_CLOSING):
        return "close"
    return None


def _single_pairs(text: str) -> list[Pair]:
    """Pairs of single quotation marks, one level deep, paragraph by paragraph. A closing mark
    after an "s" and before a word may be a possessive ("‘The Joneses’ dog barks,’ she
    said"): it closes only when no other closing mark follows before the next opening one."""
    pairs: list[Pair] = []
    pos = 0
    for n, para in enumerate(text.split("\n")):
        marks = [
            (m.start() + pos, kind)
            for m in SINGLE_MARKS.finditer(para)
            if (kind := _single_kind(text, m.start() + pos))
        ]
        opened: int | None = None
        found: list[Pair] = []
        for k, (i, kind) in enumerate(marks):
            if kind == "open":
                opened = i
            elif opened is not None:
                possessive = text[i - 1] == "s" and text[i + 1 : i + 3].strip()[:1].islower()
                later = marks[k + 1][1] if k + 1 < len(marks) else None
                if possessive and later == "close":
                    continue
                found.append(Pair(opened, i + 1, n))
                opened = None
        if opened is not None:
            found = _left_open(para, pos, n, opened, 1, found)
        pairs += found
        pos += len(para) + 1
    return pairs


def _double_pairs(text: str) -> list[Pair]:
    """Pairs of double quotation marks, paragraph by paragraph, robust to stray marks.

    A quotation inside another with the same marks ('"I'd rather live in what he calls "hell"
    than ..."') yields the outer pair; an opening mark never closed costs its own quotation only,
    and a paragraph opened but not closed is quoted whole only when it holds no other quotation.
    """
    pairs: list[Pair] = []
    pos = 0
    for n, para in enumerate(text.split("\n")):
        marks = [(m.start() + pos, len(m.group())) for m in MARKS.finditer(para)]
        opened: list[tuple[int, int]] = []  # open marks, innermost last
        found: list[Pair] = []
        for i, width in marks:
            kind = _mark_kind(text, i, width)
            if not opened:
                if kind != "close":
                    opened.append((i, width))
            elif kind == "open":
                opened.append((i, width))
            else:
                start, open_width = opened.pop()
                while found and found[-1].start > start:
                    found.pop()  # the quotations inside this one: the outer pair stands for them
                found.append(Pair(start, i + width, n, open_width, width))
        if len(opened) == 1:
            found = _left_open(para, pos, n, *opened[0], found)
        pairs += found
        pos += len(para) + 1
    return pairs


def _left_open(para: str, pos: int, n: int, start: int, width: int, found: list[Pair]) -> list[Pair]:
    """The pairs of paragraph n (at offset pos): a quoted paragraph continued in the next when
    the one mark left open opens it and no other quotation is in it, else those found."""
    end = pos + len(para.rstrip())
    if start == pos + len(para) - len(para.lstrip()) and not found and end - start > width:
        return [Pair(start, end, n, width, 0)]
    return found


def overlapping(pairs: list[Pair], spans: list[tuple[int, int]]) -> list[Pair]:
    """The pairs that share a character with any of these spans, in text order; in a Pairs list
    only those from the one around the spans' start to their end are looked at."""
    near = pairs
    if isinstance(pairs, Pairs) and spans:
        first = max(0, bisect.bisect_right(pairs.starts, min(s for s, _ in spans)) - 1)
        near = pairs[first : bisect.bisect_left(pairs.starts, max(e for _, e in spans))]
    return [p for p in near if any(p.start < e and s < p.end for s, e in spans)]


def same_paragraph(pairs: list[Pair], pair: Pair) -> list[Pair]:
    """The pairs in the paragraph of this one (which need not be among them); a Pairs list holds
    each paragraph's together, found by binary search."""
    if not isinstance(pairs, Pairs):
        return [p for p in pairs if p.paragraph == pair.paragraph]
    lo = hi = bisect.bisect_left(pairs.starts, pair.start)
    while lo > 0 and pairs[lo - 1].paragraph == pair.paragraph:
        lo -= 1
    while hi < len(pairs) and pairs[hi].paragraph == pair.paragraph:
        hi += 1
    return pairs[lo:hi]


def around(i: int, pairs: list[Pair]) -> Pair | None:
    """The pair of quotation marks character i lies within, if any."""
    if isinstance(pairs, Pairs):
        n = bisect.bisect_right(pairs.starts, i)
        return pairs[n - 1] if n > 0 and i < pairs[n - 1].end else None
    return next((p for p in pairs if p.start <= i < p.end), None)


def inside(i: int, pairs: list[Pair]) -> bool:
    """Whether character i lies within a pair of quotation marks."""
    return around(i, pairs) is not None


def same_side(a: int, b: int, pairs: list[Pair]) -> bool:
    """Whether characters a and b are in the same quotation, or both outside any."""
    return all((p.start <= a < p.end) == (p.start <= b < p.end) for p in pairs)


def kind_of(spans: list[tuple[int, int]], pairs: list[Pair]) -> QuoteKind:
    """direct when quotation marks hold every piece of content, mixed when they hold some."""
    quoted = overlapping(pairs, spans)
    if not quoted:
        return "indirect"
    covered = all(any(p.start <= s + 1 and e - 1 <= p.end for p in quoted) for s, e in spans)
    return "direct" if covered else "mixed"
