"""Acceptance: the article dateline was designed around matches its hand-made gold fully."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline import Analysis, analyze
from dateline.evaluate import score_example
from dateline.sources import read

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = FIXTURES / "000_c396db100bcdb512.txt"
GOLD = json.loads((FIXTURES / "000_c396db100bcdb512.gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    (article,) = list(read([str(EXAMPLE)]))
    assert not isinstance(article, Exception)
    return analyze(article)


def test_every_quote_speaker_and_time(analysis: Analysis) -> None:
    score = score_example([analysis.to_dict()], FIXTURES / "000_c396db100bcdb512.gold.json")
    assert score["misses"] == []
    assert (score["quotes_found"], score["speakers_right"], score["extra_quotes"]) == (12, 12, 0)
    assert score["times_right"] == 9
    assert score["published_right"]


@pytest.mark.parametrize("gold", GOLD["people"], ids=[p["name"] for p in GOLD["people"]])
def test_people_with_mentions_and_roles(analysis: Analysis, gold: dict[str, str]) -> None:
    (entity,) = [e for e in analysis.entities if e.name == gold["name"]]
    assert entity.kind == "person"
    assert set(gold["mentions"]) <= {m.text for m in entity.mentions}
    assert (gold["role"], gold.get("affiliation")) in {(r.role, r.affiliation) for r in entity.roles}


def test_organisations(analysis: Analysis) -> None:
    names = {e.name for e in analysis.entities if e.kind == "organization"}
    assert set(GOLD["organizations"]) <= names


def test_said_on_is_the_publication_date(analysis: Analysis) -> None:
    assert {q.said_on for q in analysis.quotes} == {"2017-05-01"}
