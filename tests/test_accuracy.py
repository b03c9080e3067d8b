"""Accuracy gate: PolNeAR figures on a fixed sample of dev articles must not fall below floors.

The floors (tests/fixtures/accuracy_floors.json) sit a little under the figures measured when
they were set; raise them when the analysis improves. The full benchmark is `dateline eval`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.evaluate import polnear_articles, score_polnear
from dateline.pipeline import analyze_many

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "polnear" / "dev"
FLOORS = json.loads((FIXTURES / "accuracy_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    records = [a.to_dict() for a in analyze_many(polnear_articles(SAMPLE))]
    return score_polnear(records, SAMPLE)


@pytest.mark.parametrize("name", sorted(FLOORS["polnear_sample"]))
def test_polnear_sample_floor(figures: dict[str, float], name: str) -> None:
    assert figures[name] >= FLOORS["polnear_sample"][name], f"{name} fell to {figures[name]}"


def test_score_polnear_over_some_of_a_splits_articles() -> None:
    article = next(polnear_articles(SAMPLE))
    name = Path(article.source).stem
    records = [a.to_dict() for a in analyze_many([article])]
    assert score_polnear(records, SAMPLE)["articles_missing"] > 0
    some = score_polnear(records, SAMPLE, names={name})
    assert some["articles_missing"] == 0 and some["gold"] > 0
