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
        # an affiliation that only says what kind of organisation is the one of that kind named
        (
            "The Federal Aviation Administration grounded 38 jets. Steve Dickson, the agency's "
            "administrator, told lawmakers that safety was not negotiable.",
            "Steve Dickson",
            ["Steve Dickson"],
            [("administrator", "Federal Aviation Administration")],
        ),
        # a name NER takes for an organisation, with a person's role in apposition
        (
            'Advocates for the students were furious. "This is a betrayal," tweeted Eileen Connor, the '
            "legal director of Harvard Law School's Project on Predatory Student Lending.",
            "Eileen Connor",
            [
                "Eileen Connor",
                "the legal director of Harvard Law School's Project on Predatory Student Lending",
            ],
            [("legal director", "Harvard Law School Project on Predatory Student Lending")],
        ),
        # a name NER misses altogether, with a role in apposition
        (
            '"We reviewed every claim," the inspector general, Ana Ruiz, wrote. "Most did not meet '
            'the standard." She added that the rest would follow.',
            "Ana Ruiz",
            ["Ana Ruiz", "She"],
            [("inspector general", None)],
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


def people_of(nlp: Language, text: str) -> dict[str, list[str]]:
    """Each person's name with the words of their mentions."""
    return {
        e.name: [m.text for m in e.mentions] for e in entities_of(nlp, text).entities if e.kind == "person"
    }


def test_a_headline_verb_is_no_part_of_a_name(nlp: Language) -> None:
    text = (
        "Obama Says Museum Will Tell of Suffering and Delight. "
        "WASHINGTON -- President Obama dedicated the museum on Saturday."
    )
    assert people_of(nlp, text)["Barack Obama"] == ["Obama", "President Obama"]
    text = (
        "Black Lawmakers Rip Donald Trump As A Fraud. WASHINGTON -- Donald Trump's obsession with the "
        "birth of the president is an insult, lawmakers said."
    )
    assert list(people_of(nlp, text)) == ["Donald Trump"]


@pytest.mark.parametrize(
    ("text", "name", "mention"),
    [
        (  # the person the article is about, not the one named in passing just before
            "Secrecy is not a stranger when it comes to Hillary Clinton's health, her former doctor "
            "maintains. Dr. Connie Mariano, who was the White House physician in the administration of "
            "former President Bill Clinton, said that in 1998, Clinton allowed her staff to think it was "
            "a pulled muscle.",
            "Hillary Clinton",
            "Clinton",
        ),
        (  # the one just named as a subject, not the first
            "Libertarian candidate Gary Johnson's doctor says he is fit. Homeland Security Secretary Jeh "
            "Johnson says hackers are taking aim at election officials. Johnson tells MSNBC that one "
            "attempt was successful. Officials are worried. Johnson did not identify a location.",
            "Jeh Johnson",
            "Johnson",
        ),
        (  # a misspelt surname
            "The campaign was criticized by two voters, Tyresha McClenney and Bryan Anderson, who saw Tim "
            "Kaine speak. McLenney said Clinton does not show consistency.",
            "Tyresha McClenney",
            "McLenney",
        ),
        (  # a surname of two words
            "The minister of the economy, Ildefonso Guajardo Villarreal, travels often. Mr. Guajardo "
            "Villarreal argues there is little point in responding now.",
            "Ildefonso Guajardo Villarreal",
            "Mr. Guajardo Villarreal",
        ),
    ],
)
def test_which_person_a_surname_means(nlp: Language, text: str, name: str, mention: str) -> None:
    assert mention in people_of(nlp, text)[name]


def test_titles_of_office_and_rank(nlp: Language) -> None:
    text = (
        "Senators grilled Wells Fargo CEO John Stumpf on Tuesday. Senate Majority Leader Mitch McConnell "
        "did not attend. Retired Lt. Gen. Michael Flynn said the generals were frustrated."
    )
    result = entities_of(nlp, text)
    assert person(result, "John Stumpf")["roles"] == [("chief executive", "Wells Fargo")]
    assert person(result, "Mitch McConnell")["roles"] == [("majority leader", "Senate")]
    assert person(result, "Michael Flynn")["roles"] == [("retired lieutenant general", None)]


@pytest.mark.parametrize(
    ("text", "name", "pronoun"),
    [
        (  # not someone named inside the quotation the pronoun's verb reports
            "While Obama had a wide array of artists writing songs about him, that has not been happening "
            "for Clinton, which is something that concerns Henry Crespo, president of the Florida "
            'Democratic Black Caucus. "No one is writing songs for Hillary. Obama had will.i.am," he said.',
            "Henry Crespo",
            "he",
        ),
        (  # the news calls him "he", whatever his first name's usual gender
            "Sen. Lindsey Graham spoke to reporters on Thursday. He said the party would not change its "
            "platform.",
            "Lindsey Graham",
            "He",
        ),
        (  # a misparsed "Warren told Stumpf, after he ..." does not make Elizabeth Warren "he"
            'Sen. Elizabeth Warren grilled Wells Fargo CEO John Stumpf on Tuesday. "You should resign," '
            "Warren told Stumpf, after he admitted under Warren's grilling he had not been held "
            "accountable.",
            "John Stumpf",
            "he",
        ),
        (  # a run of fragments between them does not put the person out of the pronoun's reach
            "Everything Donald Trump says is a lie unless proven otherwise. We aren't blind.\n\n"
            "@Jmdmd1Maurice.\n\nSeriously, Melania's story is the bottom of the pile. Taxes? Foundation? "
            'Foreign deals?\n\n@plish516.\n\nOnly European immigrants are "safe" in his eyes.',
            "Donald Trump",
            "his",
        ),
        (  # a fragment's paragraph break is no word of it
            "Everything Donald Trump says is a lie unless proven otherwise.\n\nForeign deals?\n\nTax "
            "returns?\n\nUnpaid contractors?\n\nBankrupt casinos?\n\nFake university?\n\nSecret debts?"
            '\n\n@plish516.\n\nOnly European immigrants are "safe" in his eyes.',
            "Donald Trump",
            "his",
        ),
    ],
)
def test_pronouns(nlp: Language, text: str, name: str, pronoun: str) -> None:
    assert pronoun in people_of(nlp, text)[name]


@pytest.mark.parametrize(
    ("text", "name", "description"),
    [
        (
            "Donald Trump and Hillary Clinton vied for the support of veterans. Trump, appearing after "
            'Clinton at the forum, cited problems in the Middle East. "We need change," the New York '
            "businessman said.",
            "Donald Trump",
            "the New York businessman",
        ),
        (
            "Rep. Adam Schiff, the top Democrat on the House Intelligence Committee, called on President "
            "Obama to retaliate against Russia for meddling the California congressman said is designed "
            "to sow discord.",
            "Adam Schiff",
            "the California congressman",
        ),
        (
            'David Axelrod on Wednesday called on Howard Dean to apologize. "My reaction, that was '
            "outrageous,\" Obama's former campaign strategist said in an interview.",
            "David Axelrod",
            "Obama's former campaign strategist",
        ),
        (
            "Keith Lamont Scott was shot on Tuesday. Rakeyia Scott recorded the encounter. Keith Lamont "
            "Scott's wife pleads for his life in the video.",
            "Rakeyia Scott",
            "Keith Lamont Scott's wife",
        ),
        (  # the Libertarian candidate named first is not "the Democratic presidential candidate"
            "Libertarian presidential candidate Gary Johnson spoke in Denver. Hillary Clinton spoke in "
            "Ohio. The Democratic presidential candidate said she would raise taxes on the rich.",
            "Hillary Clinton",
            "The Democratic presidential candidate",
        ),
    ],
)
def test_definite_descriptions(nlp: Language, text: str, name: str, description: str) -> None:
    assert description in people_of(nlp, text)[name]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a title's gender, and the well-known bearer of a surname, over the only one named in full
            "The White House welcomed guests. Michelle Obama greeted them. Mr. Obama spoke briefly, and "
            "President Obama left early.",
            {"Michelle Obama": ["Michelle Obama"], "Barack Obama": ["Mr. Obama", "President Obama"]},
        ),
        (  # a suffix tells a son from his father
            "Donald Trump Jr. spoke on Tuesday. Donald J. Trump watched. Mr. Trump later praised his son.",
            {
                "Donald Trump Jr.": ["Donald Trump Jr."],
                "Donald J. Trump": ["Donald J. Trump", "Mr. Trump", "his"],
            },
        ),
        (  # and middle initials a father from his son
            "George H.W. Bush was president from 1989. George W. Bush was president from 2001.",
            {"George H.W. Bush": ["George H.W. Bush"], "George W. Bush": ["George W. Bush"]},
        ),
        (  # words NER runs into a name
            "Neither Cruz nor Rubio won. Ted Cruz said he would fight on.",
            {"Ted Cruz": ["Cruz", "Ted Cruz", "he"], "Marco Rubio": ["Rubio"]},
        ),
        (
            "Bashing Trump: a new tactic. Donald Trump was criticized again.",
            {"Donald Trump": ["Trump", "Donald Trump"]},
        ),
        (  # a surname ending in -ing is no verb
            "Dena Minning Grayson spoke. Peyton Manning retired.",
            {"Dena Minning Grayson": ["Dena Minning Grayson"], "Peyton Manning": ["Peyton Manning"]},
        ),
        (
            "Bill Clinton signed the law. Here’s Clinton in December 1992 explaining it.",
            {"Bill Clinton": ["Bill Clinton", "Clinton"]},
        ),
        (  # a person NER took for an organisation
            '"It is plagiarism," David Axelrod, the chief strategist of Barack Obama\'s 2008 campaign, said.',
            {"David Axelrod": ["David Axelrod", "the chief strategist"], "Barack Obama": ["Barack Obama"]},
        ),
        (  # "Ms. Trump" is not the well-known Trump
            "Donald Trump spoke at the convention. His campaign was asked why Ms. Trump's speech featured "
            "passages from another address.",
            {"Donald Trump": ["Donald Trump", "His"], "Trump": ["Ms. Trump"]},
        ),
        (  # a first name before "and" shares the surname after it; "Clinton" is the one named in full
            "The foundation was started by Bill and Hillary Clinton in 2001. Clinton said it saved lives.",
            {"Bill Clinton": ["Bill"], "Hillary Clinton": ["Hillary Clinton", "Clinton"]},
        ),
        (  # not the last two of a list, nor a first name of someone named in full
            "She grew up on stars like Brandy, Monica and Lauryn Hill. Hillary and Tim Kaine campaigned "
            "in Ohio. Hillary Clinton spoke first.",
            {
                "Brandy": ["Brandy"],
                "Monica": ["Monica"],
                "Lauryn Hill": ["Lauryn Hill"],
                "Hillary Clinton": ["Hillary", "Hillary Clinton"],
                "Tim Kaine": ["Tim Kaine"],
            },
        ),
    ],
)
def test_people_who_share_a_surname(nlp: Language, text: str, expected: dict[str, list[str]]) -> None:
    assert people_of(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "name", "roles"),
    [
        ("Donald Trump, the Republican front-runner, spoke.", "Donald Trump", [("front-runner", None)]),
        ("Jane Doe, a co-founder of the group, spoke.", "Jane Doe", [("co-founder", None)]),
    ],
)
def test_a_hyphened_role_is_one_role(
    nlp: Language, text: str, name: str, roles: list[tuple[str, None]]
) -> None:
    assert person(entities_of(nlp, text), name)["roles"] == roles


def test_a_possessive_with_a_curly_apostrophe_is_no_part_of_the_name(nlp: Language) -> None:
    doc = nlp(
        "Blige sings Bruce Springsteen\u2019s \u201cAmerican Skin\u201d to Hillary Clinton. It was written by Springsteen."
    )
    people = {e.name: [m.text for m in e.mentions] for e in find_entities(doc).entities if e.kind == "person"}
    assert people["Bruce Springsteen"] == ["Bruce Springsteen", "Springsteen"]


def test_a_judge_is_no_member_of_a_supreme_court(nlp: Language) -> None:
    text = (
        'U.S. District Judge Steve C. Jones wrote that the map "cannot stand." Legal experts say the '
        "Supreme Court's decision in June left room for such challenges."
    )
    assert person(entities_of(nlp, text), "Steve C. Jones")["roles"] == [("judge", None)]


def test_chief_executive_is_a_title(nlp: Language) -> None:
    text = "Chief Executive Tom Reilly told employees in a memo that the company could not afford it."
    result = entities_of(nlp, text)
    assert [e.name for e in result.entities if e.kind == "person"] == ["Tom Reilly"]
    assert person(result, "Tom Reilly")["roles"] == [("chief executive", None)]


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        (
            '"Our pilots have been patient," said Capt. Maria Delgado, who leads the union\'s Skyward chapter.',
            [("captain", None), ("leader", "Skyward chapter")],
        ),
        ("Maria Delgado, who leads the Iowa polls, said it was time.", []),
    ],
)
def test_who_heads_a_named_group(nlp: Language, text: str, roles: list[tuple[str, str | None]]) -> None:
    assert person(entities_of(nlp, text), "Maria Delgado")["roles"] == roles


def test_its_president_is_the_president_of_the_organisation_before(nlp: Language) -> None:
    text = (
        "The Iowa Farm Bureau, which represents about 150,000 families, endorsed the bill last week. "
        'Its president, Brent Johnson, called it "a good start."'
    )
    assert person(entities_of(nlp, text), "Brent Johnson")["roles"] == [("president", "Iowa Farm Bureau")]


def test_a_name_after_a_new_company_is_the_company_not_the_person_before(nlp: Language) -> None:
    text = (
        "Tom Clarke bought nursing homes in Virginia. In 2006, he placed them under a new company, "
        "Kissito (pronounced kiss-E-tow) Healthcare. He became interested in poverty issues in Africa."
    )
    result = entities_of(nlp, text)
    assert not [e.name for e in result.entities if e.name == "Kissito" and e.kind == "person"]
    assert person(result, "Tom Clarke")["mentions"] == ["Tom Clarke", "he", "He"]


def test_a_person_ner_named_once_by_surname_is_every_mention_of_it(nlp: Language) -> None:
    text = (
        "Trump's favorite TV doctor has a basketful of critics.\n\n"
        "Mehmet Oz — Ivy League-trained surgeon and daytime TV star — has been called a charlatan.\n\n"
        "But for Donald Trump, Oz's show proved to be a safe space.\n\n"
        "QUESTIONABLE MEDICAL CLAIMS — For years, Oz has been dogged by charges that he has "
        "perpetuated questionable medical advice on his show. He has promoted a raft of unproven "
        "therapies."
    )
    oz = person(entities_of(nlp, text), "Mehmet Oz")["mentions"]
    assert oz.count("Oz") == 2 and oz.count("He") == 1  # "He has promoted" is Oz, not Trump
