"""Time expressions (TIMEX3) and their values against the article's publication date."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from .model import Mention, Time


def find_times(doc: Doc, published: dt.date) -> list[Time]:
    """Every time expression in the parsed article, in text order."""
    return []


def said_on(cue: Mention | None, doc: Doc, times: list[Time], published: dt.date) -> str:
    """When a quotation was said: the time attached to its cue, else the publication date."""
    return published.isoformat()
