"""Quotation marks paired in raw text, paragraph by paragraph, robust to stray marks.

Straight marks are told apart by the spaces around them; a mark that cannot be paired costs
its own quotation only. A quoted paragraph left open continues in the next (news convention).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTE_OPEN = "\u201c\u00ab"
QUOTE_CLOSE = "\u201d\u00bb"
# Double quotation marks: straight, curly, guillemets, and the typewriter pairs '' and ``.
MARKS = re.compile("''|``|[\"\u201c\u201d\u00ab\u00bb]")


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


def quote_pairs(text: str) -> list[Pair]:
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
                found = [p for p in found if p.start < start] + [Pair(start, i + width, n, open_width, width)]
        if len(opened) == 1 and opened[0][0] == pos + len(para) - len(para.lstrip()) and not found:
            start, open_width = opened[0]
            end = pos + len(para.rstrip())
            if end - start > open_width:  # a quoted paragraph continued in the next
                found = [Pair(start, end, n, open_width, 0)]
        pairs += found
        pos += len(para) + 1
    return pairs


def inside(i: int, pairs: list[Pair]) -> bool:
    """Whether character i lies within a pair of quotation marks."""
    return any(p.start <= i < p.end for p in pairs)


def same_side(a: int, b: int, pairs: list[Pair]) -> bool:
    """Whether characters a and b are in the same quotation, or both outside any."""
    return all((p.start <= a < p.end) == (p.start <= b < p.end) for p in pairs)
