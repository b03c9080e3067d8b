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
        return "close" if before.isalnum() and after.isspace() else "open"  # a mark typed the wrong way
    if mark in QUOTE_CLOSE:
        return "open" if before.isspace() and after.isalnum() else "close"
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
        marks = [(m.start() + pos, len(m.group())) for m in MARKS.finditer(para)]
        opened: tuple[int, int] | None = None
        for i, width in marks:
            kind = _mark_kind(text, i, width)
            if opened is None:
                if kind != "close":
                    opened = (i, width)
            elif kind != "open":
                pairs.append(Pair(opened[0], i + width, n, opened[1], width))
                opened = None
            else:
                opened = (i, width)  # the earlier mark was never closed: it costs its own quote only
        if opened is not None and opened[0] == pos + len(para) - len(para.lstrip()):
            end = pos + len(para.rstrip())
            if end - opened[0] > opened[1]:
                pairs.append(Pair(opened[0], end, n, opened[1], 0))  # a quoted paragraph continued
        pos += len(para) + 1
    return pairs


def inside(i: int, pairs: list[Pair]) -> bool:
    """Whether character i lies within a pair of quotation marks."""
    return any(p.start <= i < p.end for p in pairs)


def same_side(a: int, b: int, pairs: list[Pair]) -> bool:
    """Whether characters a and b are in the same quotation, or both outside any."""
    return all((p.start <= a < p.end) == (p.start <= b < p.end) for p in pairs)
