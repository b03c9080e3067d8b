"""Deeds, stances and intentions in the frames PolNeAR annotates (dateline/deeds.py)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from importlib import resources

import pytest
from spacy.language import Language

from dateline import deeds, knowledge
from dateline.entities import find_entities
from dateline.model import Quote
from dateline.quotemarks import quote_pairs
from dateline.quotes import find_quotes


@pytest.fixture
def only() -> Iterator[Callable[..., None]]:
    """Sets the frames for one test, then puts the shipped ones back."""
    yield deeds.use_frames
    deeds.use_frames(None)


def quotes_of(nlp: Language, text: str) -> list[Quote]:
    doc = nlp(text)
    return find_quotes(doc, find_entities(doc))


def triples(quotes: list[Quote]) -> list[tuple[str | None, str | None, str]]:
    return [(q.speaker.name if q.speaker else None, q.cue.text if q.cue else None, q.text) for q in quotes]


HIGHLIGHTS = (
    "In addition to Browder's death, DuVernay highlights the killings of Trayvon Martin and Michael Brown."
)


def test_a_verb_in_a_chosen_frame_takes_its_object_as_what_its_subject_holds(nlp: Language) -> None:
    assert "highlight|dobj" in deeds.frames()
    assert triples(quotes_of(nlp, HIGHLIGHTS)) == [
        ("DuVernay", "highlights", "the killings of Trayvon Martin and Michael Brown")
    ]
    assert triples(quotes_of(nlp, "Mayor Domenic Sarno has refused to meet with the activists.")) == [
        ("Domenic Sarno", "refused", "to meet with the activists")
    ]


def test_without_the_frame_the_same_sentence_has_no_attribution(
    nlp: Language, only: Callable[[frozenset[str]], None]
) -> None:
    only(frozenset())
    assert quotes_of(nlp, HIGHLIGHTS) == []
    assert quotes_of(nlp, "Mayor Domenic Sarno has refused to meet with the activists.") == []


def test_a_frame_with_a_preposition_has_it_in_the_cue(
    nlp: Language, only: Callable[[frozenset[str]], None]
) -> None:
    only(frozenset({"campaign|prep:for"}))
    found = triples(quotes_of(nlp, "Governor Maura Healey campaigned for Kamala Harris."))
    assert found == [("Maura Healey", "campaigned for", "Kamala Harris")]


def test_an_event_and_words_inside_quotation_marks_make_no_frame(
    nlp: Language, only: Callable[[frozenset[str]], None]
) -> None:
    only(frozenset({"call|prep:for", "highlight|dobj"}))
    assert quotes_of(nlp, "The rally in Boston called for an end to deportations.") == []
    quoted = triples(quotes_of(nlp, '"She highlights the risks every day," Helen Okafor said.'))
    assert quoted == [("Helen Okafor", "said", "She highlights the risks every day,")]


def test_a_relative_clause_missing_its_noun_makes_no_frame(
    nlp: Language, only: Callable[[frozenset[str]], None]
) -> None:
    only(frozenset({"ask|xcomp"}))
    text = "Gomez spoke about the resolution he will ask the other city councilors to support."
    doc = nlp(text)
    assert [f.key for f in deeds.candidates(doc, quote_pairs(text))] == ["speak|prep:about"]
    assert not any(q.text == "to support" for q in quotes_of(nlp, text))
    assert [f.key for f in deeds.candidates(nlp("Gomez asked councilors to support it."), [])] == [
        "ask|dobj",
        "ask|xcomp",
    ]


FATHOM = (
    "I cannot fathom how Hillary Clinton has escaped charges for her mishandling of classified information."
)


def test_a_verb_of_a_chosen_class_takes_its_clause_unless_its_own_frame_is_unlike_it(
    nlp: Language, only: Callable[..., None]
) -> None:
    assert knowledge.verb_class("fathom") == "cognition"
    only(frozenset({"@cognition|ccomp"}))
    assert triples(quotes_of(nlp, FATHOM)) == [
        (
            "I",
            "fathom",
            "how Hillary Clinton has escaped charges for her mishandling of classified information",
        )
    ]
    only(frozenset({"@cognition|ccomp"}), frozenset({"fathom|ccomp"}))
    assert quotes_of(nlp, FATHOM) == []


def test_the_shipped_frames_are_those_right_at_least_half_the_time() -> None:
    table = json.loads(resources.files("dateline").joinpath("data", deeds.FRAMES).read_text(encoding="utf-8"))
    counts = table["frames"]
    assert len(counts) > 50
    assert all(right >= 3 and 2 * right >= seen for right, seen in counts.values())
    assert deeds.frames() == frozenset(counts)
    unlike = table["unlike"]
    assert all(seen >= 3 and (right < 3 or 2 * right < seen) for right, seen in unlike.values())
    assert all(f"@{knowledge.verb_class(key.split('|')[0])}|{key.split('|')[1]}" in counts for key in unlike)
    assert deeds.unlike() == frozenset(unlike)
