"""Shared fixtures: the English pipeline, loaded once per test session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dateline import nlp as pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The spaCy pipeline dateline runs (tagger, parser, lemmatizer, NER), loaded once."""
    return pipeline.load()
