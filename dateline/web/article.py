"""An article as the browser shows it: its text with each quote, cue, speaker mention and time
marked, each quote labelled with its speaker and each time with its value.

Article text is untrusted: the marked-up text is built here from escaped pieces cut at the
stored offsets, so no character of the article reaches the page unescaped, whatever spans the
store holds (offsets outside the text are clipped, broken span lists fall back to the quote's
start and end).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

from ..queries import outlet


@dataclass(frozen=True)
class Mark:
    """A stretch of text to mark: its CSS class, and a label to show after it (speaker, value)."""

    start: int
    end: int
    css: str
    label: str = ""
    href: str = ""
    anchor: str = ""


def _spans(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    try:
        spans = [(int(s), int(e)) for s, e in json.loads(raw)]
    except (TypeError, ValueError):
        spans = []
    return spans or [(start, end)]


def highlight(text: str, marks: list[Mark]) -> Markup:
    """The text as HTML: each stretch cut where a mark starts or ends, escaped, and wrapped in
    a span with the classes of the marks over it; labels follow the end of their mark."""
    n = len(text)
    clipped = (replace(m, start=max(0, min(m.start, n)), end=max(0, min(m.end, n))) for m in marks)
    marks = [m for m in clipped if m.start < m.end]
    cuts = sorted({0, n} | {m.start for m in marks} | {m.end for m in marks})
    opening: dict[int, list[Mark]] = defaultdict(list)
    closing: dict[int, list[Mark]] = defaultdict(list)
    for m in marks:
        opening[m.start].append(m)
        closing[m.end].append(m)
    out: list[str] = []
    active: list[Mark] = []
    for left, right in pairwise(cuts):
        active = [m for m in active if m.end > left] + opening.get(left, [])
        piece = escape(text[left:right])
        if active:
            css = " ".join(dict.fromkeys(m.css for m in active))
            anchor = next((m.anchor for m in opening.get(left, []) if m.anchor), "")
            ident = f' id="{escape(anchor)}"' if anchor else ""
            out.append(f'<span class="{escape(css)}"{ident}>{piece}</span>')
        else:
            out.append(str(piece))
        for m in closing.get(right, []):
            if m.label and m.href:
                out.append(f'<a class="label {escape(m.css)}" href="{escape(m.href)}">{escape(m.label)}</a>')
            elif m.label:
                out.append(f'<span class="label {escape(m.css)}">{escape(m.label)}</span>')
    return Markup("".join(out))


QUOTE_FIELDS = (
    "idx", "kind", "text", "start", "end", "spans", "cue", "cue_start", "cue_end", "speaker", "person_id",
    "mention_start", "mention_end", "said_on",
)  # fmt: skip


@dataclass(frozen=True)
class ArticleView:
    """What the article page shows."""

    id: str
    source: str
    url: str | None
    title: str | None
    published: str
    outlet: str
    html: Markup
    quotes: list[dict[str, Any]]
    times: list[dict[str, Any]]


def speaker_href(person_id: int | None, speaker: str | None) -> str:
    """Where a speaker's name links: their person page, else a search for the words used."""
    if person_id is not None:
        return f"/person/{person_id}"
    return "/?" + urlencode({"speaker": speaker}) if speaker else ""


def article_view(db: sqlite3.Connection, article_id: str) -> ArticleView | None:
    """The article, its quotes (in order) and its times, and its text marked up; None if unknown."""
    row = db.execute(
        "SELECT id, source, url, title, published, text FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return None
    text = row[5]
    quotes = [
        dict(zip(QUOTE_FIELDS, r, strict=True))
        for r in db.execute(
            "SELECT q.idx, q.kind, q.text, q.start, q.end, q.spans, q.cue_text, q.cue_start, q.cue_end,"
            " coalesce(p.name, q.speaker_name), q.person_id, q.mention_start, q.mention_end, q.said_on"
            " FROM quotes q LEFT JOIN people p ON p.id = q.person_id WHERE q.article_id = ? ORDER BY q.idx",
            (article_id,),
        )
    ]
    times = [
        dict(zip(("idx", "text", "start", "end", "type", "value"), r, strict=True))
        for r in db.execute(
            "SELECT idx, text, start, end, type, value FROM times WHERE article_id = ? ORDER BY idx",
            (article_id,),
        )
    ]
    marks: list[Mark] = []
    for q in quotes:
        spans = _spans(q["spans"], q["start"], q["end"])
        for i, (start, end) in enumerate(spans):
            last = i == len(spans) - 1
            marks.append(
                Mark(
                    start,
                    end,
                    f"quote {q['kind']}",
                    label=f"{q['idx'] + 1}: {q['speaker'] or 'unknown speaker'}" if last else "",
                    href=speaker_href(q["person_id"], q["speaker"]) if last else "",
                    anchor=f"q{q['idx']}" if i == 0 else "",
                )
            )
        if q["cue_start"] is not None and q["cue_end"] is not None:
            marks.append(Mark(q["cue_start"], q["cue_end"], "cue"))
        if q["mention_start"] is not None and q["mention_end"] is not None:
            marks.append(Mark(q["mention_start"], q["mention_end"], "speaker"))
    for t in times:
        marks.append(Mark(t["start"], t["end"], "time", label=t["value"]))
    return ArticleView(
        id=row[0],
        source=row[1],
        url=row[2],
        title=row[3],
        published=row[4],
        outlet=outlet(row[2], row[1]),
        html=highlight(text, marks),
        quotes=quotes,
        times=times,
    )
