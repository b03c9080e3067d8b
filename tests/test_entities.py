"""Entities: named mentions merged per article, roles and affiliations, pronouns, descriptions."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dateline.entities import Entities, find_entities


def entities_of(nlp: Language, text: str) -> Entities:
    return find_entities(nlp(text))


def person(result: Entities, name: str) -> dict[str, object]:
    found = [e for e in result.entities if e.name == name and e.kind == "person"]
    assert found, f"no person {name!r} in {[e.name for e in result.entities]}"
    e = found[0]
    return {"mentions": [m.text for m in e.mentions], "roles": [(r.role, r.affiliation) for r in e.roles]}


@pytest.mark.parametrize(
    ("text", "name", "mentions", "roles"),
    [
        (
            "Diana Sierra, an organizer at the Pioneer Valley Workers Center, spoke first. Sierra left.",
            "Diana Sierra",
            ["Diana Sierra", "Sierra"],
            [("organizer", "Pioneer Valley Workers Center")],
        ),
        (
            "A march protested Mayor Domenic Sarno's refusal. Later, Sarno said he would not change his mind.",
            "Domenic Sarno",
            ["Mayor Domenic Sarno", "Sarno", "he", "his"],
            [("mayor", None)],
        ),
        (
            "Marty Nathan, a physician, said she sees it every day.",
            "Marty Nathan",
            ["Marty Nathan", "she"],
            [("physician", None)],
        ),
        (
            "The vote was called by Sen. Bernie Sanders of Vermont on Tuesday.",
            "Bernie Sanders",
            ["Sen. Bernie Sanders"],
            [("senator", "Vermont")],
        ),
        (
            "The Springfield City Council will vote on a resolution sponsored by Councilor Adam Gomez.",
            "Adam Gomez",
            ["Councilor Adam Gomez"],
            [("councilor", "Springfield City Council")],
        ),
    ],
)
def test_people_with_mentions_and_roles(
    nlp: Language, text: str, name: str, mentions: list[str], roles: list[tuple[str, str | None]]
) -> None:
    found = person(entities_of(nlp, text), name)
    assert found["mentions"] == mentions
    assert found["roles"] == roles


def test_the_mayor_of_a_place_is_the_mayor_named_before(nlp: Language) -> None:
    text = (
        "Mayor Domenic Sarno refused to meet them. "
        "Today the mayor of Springfield has the chance to act, said Marty Nathan, a physician."
    )
    found = person(entities_of(nlp, text), "Domenic Sarno")
    assert "the mayor of Springfield" in found["mentions"]
    assert found["roles"] == [("mayor", "Springfield")]


def test_pronoun_skips_a_person_of_the_other_gender(nlp: Language) -> None:
    text = (
        "Mayor Domenic Sarno declined. Marty Nathan said she was disappointed. "
        '"He has the opportunity to act," said Nathan.'
    )
    result = entities_of(nlp, text)
    assert "He" in person(result, "Domenic Sarno")["mentions"]
    assert "He" not in person(result, "Marty Nathan")["mentions"]


def test_acronym_in_brackets_is_the_organisation(nlp: Language) -> None:
    result = entities_of(
        nlp, "The police will not work with Immigration Customs Enforcement (ICE). ICE declined."
    )
    org = next(e for e in result.entities if e.name == "Immigration Customs Enforcement")
    assert org.kind == "organization"
    assert [m.text for m in org.mentions] == ["Immigration Customs Enforcement", "ICE", "ICE"]


def test_surname_alone_of_a_well_known_person_gets_the_full_name(nlp: Language) -> None:
    result = entities_of(nlp, "Activists say the rhetoric of President Trump has raised anxiety.")
    assert person(result, "Donald Trump")["roles"] == [("president", None)]


def test_two_people_sharing_a_surname_stay_apart(nlp: Language) -> None:
    text = "Hillary Clinton spoke in Ohio. Bill Clinton spoke in Iowa."
    names = {e.name for e in entities_of(nlp, text).entities if e.kind == "person"}
    assert {"Hillary Clinton", "Bill Clinton"} <= names


def test_a_title_alone_is_no_person(nlp: Language) -> None:
    # NER tags "Sgt" and "Derek Glenn" apart; once, two entities shared a mention and crashed.
    text = (
        "Citing an example, Sgt. Derek Glenn, a spokesman for the Newark Police Department, said he agreed."
    )
    result = entities_of(nlp, text)
    assert [e.name for e in result.entities if e.kind == "person"] == ["Derek Glenn"]
    assert person(result, "Derek Glenn") == {
        "mentions": ["Sgt. Derek Glenn", "he"],
        "roles": [("sergeant", None), ("spokesman", "Newark Police Department")],
    }
