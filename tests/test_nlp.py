"""The pipeline's parse of long articles: in pieces of whole paragraphs, joined exactly."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline import nlp
from dateline.model import Article
from dateline.pipeline import analyze, analyze_many

PARAGRAPH = (
    '"We will not close the library," Mayor Ellen Park said on Tuesday. Critics said the plan '
    'would cost $4 million a year. "It is a mistake," said Tom Reilly, the council\'s treasurer.'
)


def test_pieces_are_whole_paragraphs_that_join_into_the_text() -> None:
    text = "\n\n".join(f"Paragraph {n}. " + "word " * (n % 5 * 40) for n in range(60))
    parts = nlp.pieces(text, 1000)
    assert "".join(parts) == text
    assert len(parts) > 5
    for part in parts[:-1]:
        assert part.endswith("\n\n") and not part.endswith("\n\n\n")
        assert len(part) <= 1000
    assert nlp.pieces("short\n\ntext", 1000) == ["short\n\ntext"]


def test_a_paragraph_longer_than_a_piece_is_cut_after_a_sentence() -> None:
    sentence = "The council met on Tuesday. "
    text = sentence * 40 + "\n\n" + "b " * 10
    parts = nlp.pieces(text, 500)
    assert "".join(parts) == text
    assert all(len(p) <= 500 for p in parts)
    assert all(p.endswith(". ") for p in parts[:-2])  # whole sentences
    words = "a " * 800  # no sentence end: after a space
    assert all(p.endswith(" ") and len(p) <= 500 for p in nlp.pieces(words, 500))
    assert nlp.pieces("x" * 1200, 500) == ["x" * 500, "x" * 500, "x" * 200]


def test_a_long_article_parsed_in_pieces_reads_as_parsed_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join([PARAGRAPH] * 12)
    article = Article(text=text, published=dt.date(2024, 10, 9), source="long.txt")
    whole = analyze(article)
    starts = [t.i for t in nlp.parse_one(text) if t.is_sent_start]
    monkeypatch.setattr(nlp, "PIECE_CHARS", 700)
    assert len(nlp.pieces(text, 700)) >= 4
    (doc, context), *_ = nlp.parse_with([(text, "long")])
    assert context == "long" and doc.text == text
    assert [t.i for t in doc if t.is_sent_start] == starts
    cut = analyze(article)
    assert [(q.text, q.spans, q.speaker) for q in cut.quotes] == [
        (q.text, q.spans, q.speaker) for q in whole.quotes
    ]
    assert cut.entities == whole.entities and cut.times == whole.times


def test_long_and_short_articles_come_back_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "PIECE_CHARS", 700)
    texts = [PARAGRAPH, "\n\n".join([PARAGRAPH] * 6), "Officials said nothing.", PARAGRAPH]
    articles = [
        Article(text=t, published=dt.date(2024, 10, 9), source=f"{n}.txt") for n, t in enumerate(texts)
    ]
    done = list(analyze_many(articles, batch_size=2))
    assert [a.article.source for a in done] == ["0.txt", "1.txt", "2.txt", "3.txt"]
    assert [len(a.quotes) for a in done] == [3, 18, 1, 3]


TITLED = (
    "Hillary Clinton Slams Donald Trump On Abortion After White House Ruling.\n\n"
    "Hillary Clinton said on Monday that Donald Trump was wrong on abortion. The White House said "
    "nothing. Abortion rights groups agreed."
)


def test_a_title_case_headline_is_parsed_in_sentence_case_on_the_original_text() -> None:
    cased = nlp.sentence_cased(TITLED)
    assert cased is not None and len(cased) == len(TITLED)
    assert cased.split("\n")[0] == "Hillary Clinton slams Donald Trump on abortion after White House ruling."
    assert cased.split("\n", 1)[1] == TITLED.split("\n", 1)[1]
    assert nlp.sentence_cased("Clinton slams Trump on abortion.\n\nText.") is None
    assert nlp.sentence_cased("CLINTON SLAMS TRUMP ON ABORTION\n\nText.") is None
    doc, plain = nlp.parse_one(TITLED), nlp.load()(cased)
    assert nlp.text_of(doc) == doc.text == TITLED
    assert [t.text for t in doc] == [TITLED[t.idx : t.idx + len(t)] for t in plain]
    assert [(t.lemma_, t.pos_, t.dep_, t.head.i) for t in doc] == [
        (t.lemma_, t.pos_, t.dep_, t.head.i) for t in plain
    ]
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(e.start, e.end, e.label_) for e in plain.ents]
    assert [s.start for s in doc.sents] == [s.start for s in plain.sents]
    assert doc[2].text == "Slams" and doc[2].pos_ == "VERB"


def test_a_no_break_space_between_words_is_a_plain_space_to_the_parser() -> None:
    text = "Graham has\xa0acknowledged the reality of climate change.\u2009It matters."
    doc = nlp.parse_one(text)
    assert [t.text for t in doc][:3] == ["Graham", "has", "acknowledged"]
    assert not any(t.is_space for t in doc)
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)  # offsets hold
    assert doc[0].dep_ == "nsubj" and doc[0].head.text == "acknowledged"
