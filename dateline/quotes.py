"""Quotations: direct, indirect and mixed; their cue and their speaker."""

from __future__ import annotations

from spacy.tokens import Doc

from .entities import Entities
from .model import Quote


def find_quotes(doc: Doc, entities: Entities) -> list[Quote]:
    """Every attribution in the parsed article, in text order."""
    return []
