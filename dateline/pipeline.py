"""analyze(article) -> Analysis: the one code path every shell (CLI, store, Spark) runs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc

from . import nlp
from .entities import find_entities
from .model import Analysis, Article
from .quotes import find_quotes
from .times import find_times, said_on


def analyze_doc(article: Article, doc: Doc) -> Analysis:
    """Run the extraction stages over an article already parsed by the pipeline."""
    entities = find_entities(doc)
    times = find_times(doc, article.published)
    quotes = find_quotes(doc, entities)
    quotes = [replace(q, said_on=said_on(q.cue, doc, times, article.published)) for q in quotes]
    return Analysis(article, tuple(entities.entities), tuple(quotes), tuple(times))


def analyze(article: Article) -> Analysis:
    """Everything dateline extracts from one article."""
    return analyze_doc(article, nlp.parse_one(article.text))


def analyze_many(articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Analysis]:
    """Analyse articles in order, parsing them in batches."""
    for doc, article in nlp.parse_with(((a.text, a) for a in articles), batch_size=batch_size):
        yield analyze_doc(article, doc)
