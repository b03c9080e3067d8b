"""Speakers resolved to people: who "I" in a quotation is, who a relative pronoun or an
apposition names, and an accuracy gate on hand-labelled PolNeAR attributions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from dateline.entities import find_entities
from dateline.evaluate import polnear_articles, score_speakers
from dateline.pipeline import analyze_many
from dateline.quotemarks import quote_pairs
from dateline.quotes import find_quotes
from dateline.speakers import speaker_of

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = json.loads((FIXTURES / "polnear" / "speakers.json").read_text(encoding="utf-8"))
FLOORS = json.loads((FIXTURES / "accuracy_floors.json").read_text(encoding="utf-8"))["speakers_sample"]


@pytest.mark.parametrize(
    ("text", "source", "name"),
    [
        # "I" inside a quotation is whoever says it
        (
            '"I think the health issue has affected this race," said Pat Caddell, a pollster.',
            "I",
            "Pat Caddell",
        ),
        ('Helen Okafor said: "We will open on Sundays."', "We", "Helen Okafor"),
        # a relative pronoun is the person the apposition before it names
        (
            "Obama has had a frosty relationship with McConnell, now the Senate majority leader, who in "
            "2010 said his most important goal was to make Obama a one-term president.",
            "who",
            "Mitch McConnell",
        ),
        # a noun in apposition names the person; a possessor does not
        (
            "The minister of the economy, Ildefonso Guajardo Villarreal, argues there is little point.",
            "minister",
            "Ildefonso Guajardo Villarreal",
        ),
        ("Officials at the Federal Reserve said rates would rise.", "Officials", "Officials"),
        # "I" outside quotation marks is the writer: of a letter, by its signature; of a column,
        # by the closing paragraph that introduces its author
        (
            "Will the investigations ever stop?\n\nChris Smith.\n\nI think the emails are a "
            "distraction.\n\nJohn Weinbrecht.\n\nIt is time to move on.\n\nToni Williams.",
            "I",
            "John Weinbrecht",
        ),
        (
            "My father died 22 years ago. I believe the progress of these past eight years has shown "
            "us the way.\n\nCharlotte Meehan is playwright-in-residence at Wheaton College.",
            "I",
            "Charlotte Meehan",
        ),
        ("I asked the mayor about the plan.\n\nJohn Smith said it would fail.", "I", "I"),
        # an organisation by what it is: "the agency", "the newspaper"; but not a plural
        (
            "The Federal Aviation Administration grounded 38 older Boeing jets on Thursday. "
            '"We will not hesitate to take further action," the agency said in a statement.',
            "agency",
            "Federal Aviation Administration",
        ),
        (
            "The registration issue was first reported by The Washington Post. The newspaper said the "
            "foundation had not registered in New York.",
            "newspaper",
            "Washington Post",
        ),
        (
            "The Public Policy Institute of California polled 1,700 adults. The institute said most "
            "of them favoured the bill.",
            "institute",
            "Public Policy Institute of California",
        ),
        (
            "The State Department and the Department of Homeland Security reviewed the visas. The "
            "departments said they followed all policies.",
            "departments",
            "departments",
        ),
    ],
)
def test_who_a_source_word_names(nlp: Language, text: str, source: str, name: str) -> None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == source)
    assert speaker_of(token, find_entities(doc), quote_pairs(text)).name == name


@pytest.mark.parametrize(
    ("name", "speaker"),
    [
        ("Marcia Price", "Marcia Price"),
        ('Marcia "Cia" Price', 'Marcia "Cia" Price'),  # a nickname in quotation marks stays in the name
    ],
)
def test_a_relative_named_in_apposition_is_not_another_of_that_surname(
    nlp: Language, name: str, speaker: str
) -> None:
    text = (
        '"This is a big year for our potential United States senator, Bobby Scott!" Scott\'s niece, '
        f"state Del. {name} (D-Newport News), shouted to the crowd. Sen. Tim Scott was not there."
    )
    doc = nlp(text)
    entities = find_entities(doc)
    assert "Scott's niece" not in [m.text for e in entities.entities for m in e.mentions]
    assert speaker in [e.name for e in entities.entities if e.kind == "person"]
    [quote] = find_quotes(doc, entities)
    assert quote.speaker is not None and quote.speaker.name == speaker


@pytest.fixture(scope="module")
def figures() -> dict[str, object]:
    records = [a.to_dict() for a in analyze_many(polnear_articles(FIXTURES / "polnear" / "dev"))]
    return score_speakers(records, SAMPLE)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_speakers_sample_floor(figures: dict[str, float], name: str) -> None:
    assert figures[name] >= FLOORS[name], f"{name} fell to {figures[name]}"
