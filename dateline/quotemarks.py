"""Quotation marks paired in raw text, paragraph by paragraph, robust to stray marks.

Straight marks are told apart by the spaces around them; a mark that cannot be paired costs
its own quotation only. A quoted paragraph left open continues in the next (news convention).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTE_OPEN = "\u201c\u00ab"
QUOTE_CLOSE = "\u201d\u00bb"


@dataclass
class Pair:
    """A pair of quotation marks: offsets of the opening mark and just after the closing one."""

    start: int
    end: int
    paragraph: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


def _mark_kind(text: str, i: int) -> str:
    """'open', 'close' or 'either' for the quotation mark at text[i]."""
    ch = text[i]
    if ch in QUOTE_OPEN:
        return "open"
    if ch in QUOTE_CLOSE:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    left_space, right_space = before.isspace() or before in "([{\u2014-/", after.isspace()
    if left_space and not right_space:
        return "open"
    if (right_space and not left_space) or (not left_space and after in ".,;:!?)]\u2014-"):
        return "close"
    return "either"


def quote_pairs(text: str) -> list[Pair]:
    """Pairs of double quotation marks, paragraph by paragraph, robust to stray marks."""
    pairs: list[Pair] = []
    pos = 0
    for n, para in enumerate(text.split("\n")):
        marks = [m.start() + pos for m in re.finditer(r"[\"\u201c\u201d\u00ab\u00bb]", para)]
        opened: int | None = None
        for i in marks:
            kind = _mark_kind(text, i)
            if opened is None:
                if kind != "close":
                    opened = i
            elif kind != "open":
                pairs.append(Pair(opened, i + 1, n))
                opened = None
            else:
                opened = i  # the earlier mark was never closed: it costs its own quote only
        if opened is not None and opened == pos + len(para) - len(para.lstrip()):
            end = pos + len(para.rstrip())
            if end - opened > 1:
                pairs.append(Pair(opened, end, n))  # a quoted paragraph continued in the next
        pos += len(para) + 1
    return pairs


def inside(i: int, pairs: list[Pair]) -> bool:
    """Whether character i lies within a pair of quotation marks."""
    return any(p.start <= i < p.end for p in pairs)


def same_side(a: int, b: int, pairs: list[Pair]) -> bool:
    """Whether characters a and b are in the same quotation, or both outside any."""
    return all((p.start <= a < p.end) == (p.start <= b < p.end) for p in pairs)
