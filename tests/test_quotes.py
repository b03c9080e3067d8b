"""Quotations: pairing of quotation marks, cues, speakers, kinds, split and continued quotes."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from dateline import attribution
from dateline.attribution import _pieces
from dateline.cues import Draft
from dateline.entities import find_entities
from dateline.model import Quote
from dateline.quotemarks import quote_pairs
from dateline.quoterules import rule_drafts
from dateline.quotes import _kept, find_quotes


def quotes_of(nlp: Language, text: str) -> list[Quote]:
    doc = nlp(text)
    return find_quotes(doc, find_entities(doc))


def speakers_by_cue(nlp: Language, text: str) -> dict[str | None, str | None]:
    return {
        q.cue.text if q.cue else None: q.speaker.name if q.speaker else None for q in quotes_of(nlp, text)
    }


def triples(quotes: list[Quote]) -> list[tuple[str | None, str | None, str]]:
    return [(q.speaker.name if q.speaker else None, q.cue.text if q.cue else None, q.text) for q in quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"We demand that Springfield become a sanctuary city," said Diana Sierra, an organizer.',
            [("Diana Sierra", "said", "We demand that Springfield become a sanctuary city,")],
        ),
        (
            'Helen Okafor said: "The doors will open at noon on Sundays."',
            [("Helen Okafor", "said", "The doors will open at noon on Sundays.")],
        ),
        (
            "The Pioneer Valley Workers Center estimates there are 6,000 undocumented immigrants in Springfield.",
            [
                (
                    "Pioneer Valley Workers Center",
                    "estimates",
                    "there are 6,000 undocumented immigrants in Springfield",
                )
            ],
        ),
        (
            "Even though arrests fell, activists say the rhetoric has raised anxiety in the community.",
            [("activists", "say", "the rhetoric has raised anxiety in the community")],
        ),
        (
            "Marty Nathan, a physician, said she sees it every day in her patients.",
            [("Marty Nathan", "said", "she sees it every day in her patients")],
        ),
        (
            "The bridge will reopen in March, according to the county highway department.",
            [("county highway department", "according to", "The bridge will reopen in March")],
        ),
        (
            "Mayor Domenic Sarno spoke on Monday. Sarno said he told a special assistant that the city "
            "would not become a sanctuary city.",
            [
                (
                    "Domenic Sarno",
                    "said",
                    "he told a special assistant that the city would not become a sanctuary city",
                )
            ],
        ),
        (
            "According to harbour master Tom Reilly, the repairs were planned. Reilly told reporters on "
            "Wednesday that the authority was looking at a smaller boat. He did not say what that would cost.",
            [
                ("Tom Reilly", "According to", "the repairs were planned"),
                ("Tom Reilly", "told", "that the authority was looking at a smaller boat"),
                ("Tom Reilly", "did not say", "what that would cost"),
            ],
        ),
        (
            "The district's transportation director, Ellen Park, warned that a later start could add "
            "$300,000 a year in bus costs. She said the district had asked two bus companies for prices.",
            [
                ("Ellen Park", "warned", "that a later start could add $300,000 a year in bus costs"),
                ("Ellen Park", "said", "the district had asked two bus companies for prices"),
            ],
        ),
        (
            "Drivers have been using a detour that adds about 15 minutes to the trip into town. Gary "
            "Whitfield, who drives a school bus on the route, said the detour had made him late twice.",
            [("Gary Whitfield", "said", "the detour had made him late twice")],
        ),
        (  # a cue before its source and a colon
            "Experts say her plans would make the code more complicated. Said Ellis: \u201cI don\u2019t get "
            "the sense she\u2019s the least bit interested in tax reform.\u201d",
            [
                ("Experts", "say", "her plans would make the code more complicated"),
                (
                    "Ellis",
                    "Said",
                    "I don\u2019t get the sense she\u2019s the least bit interested in tax reform.",
                ),
            ],
        ),
        (  # the nearer of two acts joined by "and" is the quotation's cue; the "and" is no content
            "Rakeyia Scott urges her husband to come out of the car and repeatedly says, \"Don't you do "
            'it," until gunshots are heard.',
            [
                ("Rakeyia Scott", "urges", "her husband to come out of the car"),
                ("Rakeyia Scott", "says", "Don't you do it,"),
            ],
        ),
    ],
)
def test_who_said_what(nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert triples(quotes_of(nlp, text)) == expected


def test_quote_split_by_its_cue_is_one_quote_in_two_spans(nlp: Language) -> None:
    text = '"The last boat now leaves at six," Marisol Vega said, "and if you miss it, you sleep on the mainland."'
    (quote,) = quotes_of(nlp, text)
    assert quote.kind == "direct"
    assert len(quote.spans) == 2
    assert quote.text == "The last boat now leaves at six, and if you miss it, you sleep on the mainland."
    assert quote.speaker is not None and quote.speaker.name == "Marisol Vega"
    # a direct quotation's spans include their marks, as PolNeAR annotates them
    assert [text[s:e][0] + text[s:e][-1] for s, e in quote.spans] == ['""', '""']


def test_next_sentence_in_quotes_continues_the_speaker(nlp: Language) -> None:
    text = (
        '"We do our best," said Marty Nathan, a physician. " He has the opportunity to make '
        'Springfield a sanctuary city."'
    )
    quotes = quotes_of(nlp, text)
    assert [(q.speaker.name if q.speaker else None, q.text) for q in quotes] == [
        ("Marty Nathan", "We do our best,"),
        ("Marty Nathan", "He has the opportunity to make Springfield a sanctuary city."),
    ]


def test_pronoun_speaker_resolves_to_the_person(nlp: Language) -> None:
    text = 'Gary Whitfield drives the route. "The kids don\'t mind," he said.'
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker is not None
    assert (quote.speaker.name, quote.speaker.mention and quote.speaker.mention.text) == (
        "Gary Whitfield",
        "he",
    )


def test_scare_quote_is_not_a_quote(nlp: Language) -> None:
    text = "The proposal would make Massachusetts a so-called \u201csanctuary state\u201d where agencies are limited."
    assert quotes_of(nlp, text) == []


def test_mixed_quote(nlp: Language) -> None:
    text = 'Sarno said the resolution was "a political stunt that helps nobody."'
    (quote,) = quotes_of(nlp, text)
    assert quote.kind == "mixed"
    assert quote.text.startswith("the resolution was")


def test_unbalanced_mark_costs_only_its_own_quote(nlp: Language) -> None:
    text = (
        'The chair said "we will vote soon.\n\n'
        '"The budget is balanced," said Ellen Park, the treasurer. "Nobody should worry."'
    )
    found = triples(quotes_of(nlp, text))
    assert ("Ellen Park", "said", "The budget is balanced,") in found
    assert ("Ellen Park", "said", "Nobody should worry.") in found


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ('"A," said X. " What that means."', [(0, 4), (13, 32)]),
        ("\u201cA,\u201d said X.", [(0, 4)]),
        ('He said "yes" and "no".', [(8, 13), (18, 22)]),
        ('"Unclosed then "closed"', [(15, 23)]),
        # the same marks nested: the outer quotation, not the word inside it
        ("\u201cI'd rather live in what he calls \u201chell\u201d than here.\u201d \u2015 Ana", [(0, 52)]),
        # a closing mark typed the wrong way after a comma
        ("\u201cIt's unusual,\u201c said Larry. \u201cIt's hard.\u201d", [(0, 15), (28, 40)]),
        # a quoted paragraph left open, holding quotations of its own: those are the pairs
        ('"Trump laughed, \u201cOnly Rosie.\u201d But Kelly went on.', [(16, 29)]),
        # an article that quotes with single marks: theirs are the quotations, not the apostrophes
        (
            "\u2018We\u2019ve listened,\u2019 she said. \u2018The Joneses\u2019 dog is the \u201990s\u2019 mascot.\u2019",
            [(0, 17), (28, 67)],
        ),
        ("'We have listened,' she said of rock 'n' roll.", [(0, 19)]),
        ("'It's 'cause they lied,' he said.", [(0, 24)]),
        # quotations inside quotations in British style are double
        ("\u2018He said \u201cno\u201d to me,\u2019 she said.", [(0, 21)]),
        # an article that quotes with double marks: single ones are nested, or a headline's
        (
            'Trump: \u2018I will win\u2019\n\n"He said \u2018no\u2019," she said. "Yes," he said.',
            [(21, 36), (47, 53)],
        ),
    ],
)
def test_quote_pairs(text: str, pairs: list[tuple[int, int]]) -> None:
    assert [(p.start, p.end) for p in quote_pairs(text)] == pairs


def test_said_on_a_day_is_not_said_by_the_day(nlp: Language) -> None:
    text = (
        "\u201cHe's absolutely right. There's a severe disconnect between this White House and frankly "
        "the president and our military,\u201d Flynn, a top Trump surrogate, said Thursday morning on "
        "Fox News\u2019s \u201cFox and Friends.\u201d"
    )
    quotes = quotes_of(nlp, text)
    assert [q.text[:22] for q in quotes] == ["He's absolutely right."]  # the show's title is no quote
    assert quotes[0].speaker is not None and quotes[0].speaker.mention is not None
    assert quotes[0].speaker.mention.text == "Flynn"


def test_quotation_signed_with_a_dash(nlp: Language) -> None:
    text = (
        "\u201cTrump must stop portraying Latinos as dangerous gangsters.\u201d\u2015 Carla Sanchez.\n\n"
        "\u201dHe represents our greatest shame.\u201d \u2015 Sonya Herridge"
    )
    assert triples(quotes_of(nlp, text)) == [
        ("Carla Sanchez", "\u2015", "Trump must stop portraying Latinos as dangerous gangsters."),
        ("Sonya Herridge", "\u2015", "He represents our greatest shame."),
    ]


def test_signed_quotation_with_a_non_breaking_space(nlp: Language) -> None:
    text = (
        "\u201cMaybe we can build a wall around him.\u201d \u2015 Steve Quinlan.\n"
        "\u201cAs a young woman, I\u2019d rather live in what he calls \u201chell\u201d than live in a world "
        "where he is president.\u201d \u2015\u00a0Adriana Rodarte\n"
        "\u201cHe is someone no sane person would want as president.\u201d \u2015\u00a0Christina Olidem"
    )
    assert [(name, text[:12]) for name, _, text in triples(quotes_of(nlp, text))] == [
        ("Steve Quinlan", "Maybe we can"),
        ("Adriana Rodarte", "As a young w"),
        ("Christina Olidem", "He is someon"),
    ]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the agent of a passive cue
        (
            "The proposal was denounced by Senator Elizabeth Warren as \u201ca giveaway to Wall Street.\u201d",
            "Senator Elizabeth Warren",
        ),
        # the owner of a cue noun
        ("The mayor rejected the governor's claim that the city had lost money.", "the governor"),
        # the subject of the clause an adjective's infinitive hangs from
        (
            "Trump will be unable to turn the crowds against the moderators and claim the audience is stacked.",
            "Trump",
        ),
        # a cue set off by commas: its speaker is between the commas, not in what it reports
        (
            "To understand the real Dred Scott, Chief Justice Roberts said, one should visit this museum.",
            "Chief Justice Roberts",
        ),
        # a dateline is not the subject
        (
            "WASHINGTON -- President Obama, dedicating the museum on Saturday, said it would tell an "
            "American story.",
            "President Obama",
        ),
        # a participle's speaker is the subject of the clause it hangs from
        (
            "Governor Terry McAuliffe refuses to discuss potential appointees, aside from saying he wants "
            "a diverse delegation.",
            "Governor Terry McAuliffe",
        ),
    ],
)
def test_source_from_the_parse(nlp: Language, text: str, source: str) -> None:
    quotes = quotes_of(nlp, text)
    mentions = [q.speaker.mention.text for q in quotes if q.speaker and q.speaker.mention]
    assert quotes and source in mentions, triples(quotes)


def test_a_speaker_named_in_the_quotes_paragraph_is_not_taken_from_the_one_before(nlp: Language) -> None:
    text = (
        "\u201cA bomb went off in New York and nobody knows exactly what\u2019s going on,\u201d he said.\n\n"
        "Democratic nominee Hillary Clinton, at a later press gaggle, said, \u201cI\u2019ve been briefed "
        "about the bombings in New York and New Jersey. Obviously we need to support our first "
        "responders.\u201d"
    )
    quote = next(q for q in quotes_of(nlp, text) if q.text.startswith("I\u2019ve been briefed"))
    assert quote.speaker is not None and quote.speaker.name == "Hillary Clinton"


def test_transcript_turns_are_their_speakers_words(nlp: Language) -> None:
    text = (
        "Republican vice presidential nominee Mike Pence spoke to Chris Wallace on Sunday.\n\n"
        "Partial transcript as follows:\n\n"
        '"WALLACE: Will Gennifer Flowers actually be there tomorrow night?\n\n'
        '"PENCE: Gennifer Flowers will not be attending the debate tomorrow night.\n\n'
        "UPDATE: This story has been corrected."
    )
    found = triples(quotes_of(nlp, text))
    assert ("Chris Wallace", ":", "Will Gennifer Flowers actually be there tomorrow night?") in found
    assert ("Mike Pence", ":", "Gennifer Flowers will not be attending the debate tomorrow night.") in found
    assert not any(t.startswith("This story") for _, _, t in found)


def test_the_subject_of_a_passive_inside_the_content_is_no_source(nlp: Language) -> None:
    text = "Obama\u2019s veto is expected to come before the deadline at midnight Friday."
    quote = next(q for q in quotes_of(nlp, text) if q.cue is not None and q.cue.text == "is expected")
    assert quote.speaker is None


@pytest.mark.parametrize(
    "text",
    [
        "It is important to note that the Supreme Court has ruled only on emergency filings.",
        "It's hard not to wonder whether Republican officials aren't looking a little envious.",
    ],
)
def test_the_it_that_stands_for_a_clause_is_no_source(nlp: Language, text: str) -> None:
    found = quotes_of(nlp, text)
    assert found and all(q.speaker is None for q in found)
    said = quotes_of(nlp, "It said current FDIC officials have purposely misled Congress.")
    assert [q.speaker.mention.text for q in said if q.speaker and q.speaker.mention] == ["It"]


def test_a_paragraph_ending_in_a_colon_introduces_the_quoted_one_after_it(nlp: Language) -> None:
    text = (
        "\u201cYesterday, there were two polls,\u201d said Pat Caddell.\n\n"
        "Caddell continued:\n\n"
        '"The health issue overall is very much a partisan issue. The question was: \u201cDo you think '
        'her health concerns matter?\u201d Forty-three, yes; forty-six, no."'
    )
    quote = next(q for q in quotes_of(nlp, text) if q.text.startswith("The health issue"))
    assert quote.speaker is not None and quote.speaker.name == "Pat Caddell"
    assert quote.cue is not None and quote.cue.text == "continued"


def test_a_quotation_inside_reported_speech_is_one_mixed_quote(nlp: Language) -> None:
    text = (
        "Trump tweeted that, \u201cFor those few people knocking me for tweeting at three o\u2019clock "
        "in the morning, at least you know I will be there.\u201d"
    )
    quotes = quotes_of(nlp, text)
    assert [(q.kind, q.text[:20]) for q in quotes] == [("mixed", "that, \u201cFor those few")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acts of protest, Mr. Obama said, are acts of patriotism.", ("Barack Obama", "Acts of protest")),
        ("That is why, the senator argued, the party should be prepared.", ("senator", "That is why")),
    ],
)
def test_a_cue_set_off_by_commas_splits_its_quotation(
    nlp: Language, text: str, expected: tuple[str, str]
) -> None:
    quotes = quotes_of(nlp, "President Barack Obama spoke on Saturday.\n\n" + text)
    assert len(quotes) == 1 and len(quotes[0].spans) == 2
    assert (
        quotes[0].speaker is not None
        and (quotes[0].speaker.name, quotes[0].text[: len(expected[1])]) == expected
    )


def test_reported_content_runs_to_the_end_of_its_clause(nlp: Language) -> None:
    text = (
        "In a statement, one of the family's attorneys, Justin Bamberg, said the videos show Scott calmly "
        "leaving his car when asked to do so by police.\n\n"
        "Bamberg also said the videos do not show whether Scott has anything in his hands, which he said "
        "were at his side when he was shot, the footage showed."
    )
    quote = next(q for q in quotes_of(nlp, text) if q.cue is not None and q.cue.text == "also said")
    assert quote.text.startswith("the videos do not show whether Scott has anything in his hands")


def test_told_someone_that_is_reported_speech_however_it_is_parsed(nlp: Language) -> None:
    text = (
        "President Obama spoke in Honolulu. In Honolulu last week, he told a meeting of Pacific Island "
        "leaders that few people understood the stakes of climate change better than residents of their "
        "part of the planet."
    )
    [quote] = quotes_of(nlp, text)
    assert quote.text.startswith("that few people understood the stakes")
    assert quote.speaker is not None and quote.speaker.name == "Barack Obama"


def test_a_headline_gives_its_speaker_before_a_colon(nlp: Language) -> None:
    text = (
        "Sanders: Clinton needs to 'get away from all of this personality stuff' with Trump\n\n"
        "Sen. Bernie Sanders on Friday offered some pointed advice to Hillary Clinton."
    )
    found = triples(quotes_of(nlp, text))
    assert (
        "Bernie Sanders",
        ":",
        "Clinton needs to 'get away from all of this personality stuff' with Trump",
    ) in found


def test_words_between_two_quotations_introduce_the_second(nlp: Language) -> None:
    text = (
        'My father laughed. "Of course I believe in the devil. I was just kidding." To which my mother '
        'said, "Thank God at least you still believe in the devil."'
    )
    quotes = [q.text for q in quotes_of(nlp, text)]
    assert "Thank God at least you still believe in the devil." in quotes
    assert not any(q.startswith("Of course") and "Thank God" in q for q in quotes)


def test_reported_content_ends_with_its_sentence(nlp: Language) -> None:
    text = (
        "AROS argues that families still want their own neighborhood schools, despite the prolifera"
        "tion of publicly funded, privately operated charter schools in recent years. The latter te"
        "nd to draw from across the wider school district.\u00a0\nCharter schools remain a policy favorit"
        "e on both sides of the aisle, promoted by Republican presidential nominee\u00a0Donald Trump and"
        " the Obama administration. But in recent months, the so-called school choice movement has "
        "faced more pushback. In July, the NAACP called for a moratorium\u00a0on charter schools. The Mo"
        "vement for Black Lives, a collective of social justice groups, did so as well.\nOthers in t"
        "he African-American community have opposed the NAACP resolution. In late September,\u00a0a grou"
        "p of black parents with kids in charter schools\u00a0sent a letter to the NAACP board of direct"
        "ors urging them to reconsider.\u00a0"
    )
    quote = next(q for q in quotes_of(nlp, text) if q.cue is not None and q.cue.text == "have opposed")
    assert quote.text == "the NAACP resolution"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Following Monday\u2019s presidential debate Politifact did a fact-check on Donald Trump\u2019s claim "
            "that there have been \u201cthousands of shootings\u201d in gun-controlled Chicago this year alone.",
            (
                "Donald Trump",
                "claim",
                "that there have been \u201cthousands of shootings\u201d in gun-controlled "
                "Chicago this year alone",
            ),
        ),
        (
            "The assertion that the program had saved money did not survive the audit.",
            (None, "assertion", "that the program had saved money"),
        ),
        (
            "Graham\u2019s warning that the party would lose the Senate went unheeded.",
            ("Graham", "warning", "that the party would lose the Senate"),
        ),
    ],
)
def test_a_cue_noun_reports_the_clause_after_it(
    nlp: Language, text: str, expected: tuple[str | None, str, str]
) -> None:
    assert expected in triples(quotes_of(nlp, text))


def test_a_quotation_is_given_once_however_many_tagged_pieces_it_holds(nlp: Language) -> None:
    text = (
        "Cyril explained how important it is to combat this narrative by pushing a new conversation "
        "that humanizes black people and demands respect and accountability."
    )
    quotes = quotes_of(nlp, text)
    assert [q.cue.text if q.cue else None for q in quotes] == ["explained"]


def test_a_tagged_run_goes_on_over_blank_tokens(nlp: Language) -> None:
    doc = nlp("The ministry said it believes  the legislation could hurt trade.")
    blank = next(t.i for t in doc if t.is_space)
    tags = ["O"] * len(doc)
    tags[3 : len(doc) - 1] = ["B-CNT"] + ["I-CNT"] * (len(doc) - 5)
    tags[blank], tags[blank + 1] = "O", "B-CNT"  # the tagger begins anew after the blank it never saw
    pieces = _pieces(doc, tags)
    assert [(p.role, doc[p.start : p.end].text) for p in pieces] == [
        ("CNT", "it believes  the legislation could hurt trade")
    ]


def test_the_name_signing_a_quotation_is_its_speaker_whatever_the_tagger_says(nlp: Language) -> None:
    text = (
        "\u201dFortunately, Mr. Trump is transparent with his xenophobia, archaic economic policies, lack "
        "of diplomacy, knowledge of the US constitution and personal integrity. Unfortunately, there "
        "are many individuals who will willingly continue to support him in the name of patriotism.\u201d "
        "\u2015 Beck Pimentel\n"
        "\u201cHe has said hateful things time and again, being respectful, and using hate as his flag. "
        "He\u2019s trying to divide our communities, and his hateful racists remarks are hurting us.\u201d "
        "\u2015 Carlos Ra\u00fal\n"
        "\u201cThe most unqualified child to ever run for president.\u201d \u2015 Francisco Herrero\n"
    )
    speakers = [q.speaker.name if q.speaker else None for q in quotes_of(nlp, text)]
    assert speakers == ["Beck Pimentel", "Carlos Ra\u00fal", "Francisco Herrero"]


def test_a_paragraph_signed_with_a_dash_is_all_its_signers_words(nlp: Language) -> None:
    text = (
        "\u201cYou are not a leader you are a dictator.\u201d \u2015\u00a0Christina N Luis Olidem\n"
        "\u201cTrump is making a mockery of our political system. To quote Bob Marley \u2018Some people are "
        "so poor all they have is money.\u201d And that\u2019s all he has \u201cthe root of all evil\u2019.\u201d "
        "\u2015\u00a0Christina Lastra.\n"
    )
    speakers = [q.speaker.name if q.speaker else None for q in quotes_of(nlp, text)]
    assert speakers[0] == "Christina N Luis Olidem" and set(speakers[1:]) == {"Christina Lastra"}


def test_another_tagger_model_can_be_used_and_put_back(tmp_path: Path) -> None:
    assert attribution.available()
    attribution.use_model(tmp_path / "no-such.crfsuite")
    try:
        assert not attribution.available()
    finally:
        attribution.use_model(None)
    assert attribution.available()


def test_a_deed_the_tagger_is_sure_of_is_an_attribution(nlp: Language) -> None:
    # PolNeAR annotates refusals and demands as attributions; the example article's gold lists
    # words only, so a deed is kept when the tagger is sure of its cue.
    [quote] = quotes_of(nlp, "Mayor Ruth Adler declined to release the report on Tuesday.")
    assert quote.kind == "indirect" and quote.cue is not None and quote.cue.text == "declined"
    assert quote.speaker is not None and quote.speaker.name == "Ruth Adler"
    assert quote.text.startswith("to release the report")


def test_according_to_whoever_the_parser_hangs_the_clause_from(nlp: Language) -> None:
    # The parser makes "reeks" a noun in apposition to Limbaugh: the "according to" phrase
    # still ends at the comma.
    text = "According to conservative talk radio host Rush Limbaugh, the move reeks of \u201cfear\u201d and desperation."
    assert triples(quotes_of(nlp, text)) == [
        ("Rush Limbaugh", "According to", "the move reeks of \u201cfear\u201d and desperation")
    ]


def test_a_clause_in_someones_view_is_theirs_in_the_pieces_around_the_phrase(nlp: Language) -> None:
    text = "The Obama administration's record is, in Bolton's view, an across-the-board failure."
    (quote,) = quotes_of(nlp, text)
    assert (quote.speaker and quote.speaker.name, quote.cue and quote.cue.text) == (
        "Bolton",
        "in Bolton's view",
    )
    assert [text[s:e] for s, e in quote.spans] == [
        "The Obama administration's record is",
        "an across-the-board failure",
    ]
    text = "In the eyes of many conservatives, the deal is a betrayal."
    assert triples(quotes_of(nlp, text)) == [("many conservatives", "In the eyes", "the deal is a betrayal")]


def test_a_clause_in_a_poll_is_the_polls_finding_but_not_one_in_the_polls(nlp: Language) -> None:
    text = "In a Washington Post-ABC News poll released Sunday, Clinton led Trump by four points among likely voters."
    assert triples(quotes_of(nlp, text)) == [
        (
            "Washington Post-ABC News poll",
            "In a Washington Post-ABC News poll",
            "Clinton led Trump by four points among likely voters",
        )
    ]
    assert quotes_of(nlp, "Sanders still trails Clinton in the polls.") == []


def test_a_later_speaker_right_before_a_quotation_says_it(nlp: Language) -> None:
    text = (
        "She said fathers would not be eligible for the paid leave, and when pressed on why the plan "
        'leaves out dads, the 34-year-old mother of three replied, "It\'s meant to benefit the mother."'
    )
    quote = next(q for q in quotes_of(nlp, text) if q.kind == "direct")
    assert quote.cue is not None and quote.cue.text == "replied"
    assert quote.speaker is not None and quote.speaker.mention.text == "the 34-year-old mother"


def test_a_block_quotation_is_the_words_of_the_paragraph_that_introduces_it(nlp: Language) -> None:
    text = (
        "Christie called the comments a disgrace.\n\nThe governor added:\n\n"
        "It is typical of Hillary Clinton. She knows nothing, but the mouth never stops.\n\n"
        "A reporter tweeted the transcript of the exchange for context:\n\n"
        "Sanders is not the first person to reduce a woman's experience to her gender."
    )
    found = [(q.cue.text if q.cue else None, q.text) for q in quotes_of(nlp, text)]
    assert (
        "added",
        "It is typical of Hillary Clinton. She knows nothing, but the mouth never stops.",
    ) in found
    assert not any(quote.startswith("Sanders is not the first") for _, quote in found)


def test_reported_content_ends_before_another_speakers_quotation(nlp: Language) -> None:
    text = (
        "She said fathers would not be eligible for the paid leave, and when pressed on why the plan "
        'leaves out dads, the 34-year-old mother of three replied, "It\'s meant to benefit the mother."'
    )
    assert [(q.cue.text if q.cue else None, q.text) for q in quotes_of(nlp, text)] == [
        ("said", "fathers would not be eligible for the paid leave"),
        ("replied", "It's meant to benefit the mother."),
    ]


OPPORTUNIST = (
    "But he told ABC\u2019s \u201cGood Morning America\u201d that he agrees Trump is a \u201ctotal opportunist\u201d"
    " and said \u201cthe record is quite clear that he lies just a whole lot of the time.\u201d"
)


def test_reported_content_before_another_quotation_keeps_its_closing_mark(nlp: Language) -> None:
    doc = nlp(OPPORTUNIST)
    found = [[OPPORTUNIST[s:e] for s, e in d.spans] for d in rule_drafts(doc, quote_pairs(OPPORTUNIST))]
    assert ["that he agrees Trump is a \u201ctotal opportunist\u201d"] in found


def test_a_mixed_quotation_keeps_the_marks_around_its_quoted_words(nlp: Language) -> None:
    found = {q.kind: q.text for q in quotes_of(nlp, OPPORTUNIST)}
    assert found == {
        "mixed": "that he agrees Trump is a \u201ctotal opportunist\u201d",
        "direct": "the record is quite clear that he lies just a whole lot of the time.",
    }


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "WASHINGTON \u2015 Donald Trump\u2019s obsession with President Obama\u2019s birth is an insult to "
            "all African-Americans, the Congressional Black Caucus said.",
            "Donald Trump\u2019s obsession with President Obama\u2019s birth is an insult to all African-Americans",
        ),
        (
            "WASHINGTON (AP) \u2014 The president will not sign the bill, a White House spokesman said.",
            "The president will not sign the bill",
        ),
        # a capitalised word joined by a hyphen is no dateline
        (
            "U.S.-backed forces have retaken the city, officials said on Friday.",
            "U.S.-backed forces have retaken the city",
        ),
    ],
)
def test_a_storys_dateline_is_not_what_its_first_sentence_reports(
    nlp: Language, text: str, content: str
) -> None:
    assert [q.text for q in quotes_of(nlp, text)] == [content]


def test_a_quotation_with_its_own_cue_after_reported_speech_is_its_own(nlp: Language) -> None:
    text = (
        'Baker, a Republican, told reporters at the State House that he had "no objection" to a '
        'permanent change but wanted cities to decide. "Local officials know their streets better '
        'than we do," he said.'
    )
    assert [(q.kind, q.cue.text if q.cue else None, q.text) for q in quotes_of(nlp, text)] == [
        ("mixed", "told", 'that he had "no objection" to a permanent change but wanted cities to decide.'),
        ("direct", "said", "Local officials know their streets better than we do,"),
    ]


def test_a_clause_joined_to_the_sources_sentence_is_not_what_the_source_said(nlp: Language) -> None:
    text = (
        "Not everyone is pleased. Residents of the North End have complained for two years about "
        "noise and lost parking, and a neighborhood group said Monday morning that it would press "
        "the City Council to limit hours."
    )
    assert [q.text for q in quotes_of(nlp, text)] == ["that it would press the City Council to limit hours"]


BRITISH = (
    "Councillor James Lewis, the leader of Leeds City Council, said the authority had no choice. "
    "\u2018We\u2019ve lost a third of our budget since 2010,\u2019 he told the Yorkshire Post. "
    "\u2018Nobody should need a degree to read a bin calendar.\u2019\n\n"
    "\u2018The residents\u2019 concerns are real,\u2019 Mr Lewis added, \u2018but the alternative "
    "is closing libraries.\u2019\n\n"
    "The Liberal Democrat group called the plan \u2018a betrayal of the people who voted for them\u2019."
)


def test_an_article_quoting_with_single_marks_has_direct_quotations(nlp: Language) -> None:
    found = [(q.kind, q.speaker.name if q.speaker else None, q.text) for q in quotes_of(nlp, BRITISH)]
    assert found == [
        ("indirect", "James Lewis", "the authority had no choice"),
        ("direct", "James Lewis", "We\u2019ve lost a third of our budget since 2010,"),
        ("direct", "James Lewis", "Nobody should need a degree to read a bin calendar."),
        (
            "direct",
            "James Lewis",
            "The residents\u2019 concerns are real, but the alternative is closing libraries.",
        ),
        (
            "mixed",
            "Liberal Democrat group",
            "the plan \u2018a betrayal of the people who voted for them\u2019",
        ),
    ]


def test_a_source_in_another_paragraph_does_not_replace_the_quotations_own(nlp: Language) -> None:
    text = (
        "The Liberal Democrat group called the plan \u201ca betrayal of the people who voted for "
        "them\u201d.\n\n\u201cWe will be back in the 2000s,\u201d warned one resident at Monday\u2019s meeting."
    )
    found = {
        q.text: q.speaker.mention.text if q.speaker and q.speaker.mention else None
        for q in quotes_of(nlp, text)
    }
    assert found["We will be back in the 2000s,"] == "one resident"


@pytest.mark.parametrize(
    "text",
    [
        # an event does no deed: the marchers did
        "Rallies in Boston and its suburbs Monday called for Massachusetts lawmakers to approve the "
        "Safe Communities Act.",
        # a purpose, not a deed done
        "Activists are using May Day rallies in Massachusetts to call for greater protections for "
        "undocumented immigrants.",
        # words from further away than what the cue takes
        "In February, Sarno refused a request to meet with local activists to discuss his stance.",
    ],
)
def test_a_deed_the_tagger_is_unsure_of_is_no_quotation(nlp: Language, text: str) -> None:
    assert quotes_of(nlp, text) == []


def test_a_deed_whose_content_is_what_its_cue_takes_is_an_attribution(nlp: Language) -> None:
    text = "Last year the NAACP called for a moratorium on new charter schools."
    assert triples(quotes_of(nlp, text)) == [("NAACP", "called for", "a moratorium on new charter schools")]


def test_a_deed_the_tagger_finds_more_likely_than_not_is_an_attribution(nlp: Language) -> None:
    text = (
        "Members of the Congressional Black Caucus bristled at the continued questions about the "
        "legitimacy of the first black president."
    )
    [quote] = quotes_of(nlp, text)
    assert quote.cue is not None and quote.cue.text.startswith("bristled at")
    assert quote.text.endswith("the legitimacy of the first black president")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Many Democrats are afraid that Mrs. Clinton's large edge among African-American voters may "
            "be undercut by apathy.",
            (
                "are afraid",
                "that Mrs. Clinton's large edge among African-American voters may be undercut by apathy",
            ),
        ),
        (
            "The appeals court ruled that Ohio's practices could remove some eligible voters.",
            ("ruled", "that Ohio's practices could remove some eligible voters"),
        ),
    ],
)
def test_a_paragraph_with_no_word_of_speech_is_read_too(
    nlp: Language, text: str, expected: tuple[str, str]
) -> None:
    assert [(q.cue.text if q.cue else None, q.text) for q in quotes_of(nlp, text)] == [expected]


def test_who_asked_is_not_the_one_asked(nlp: Language) -> None:
    text = (
        "Asked whether lawmakers would meet the deadline, House Speaker Jon Burns told reporters he "
        'had "every expectation" that they would.'
    )
    found = speakers_by_cue(nlp, text)
    assert found == {"Asked": None, "told": "Jon Burns"}


def test_what_a_passive_cue_is_said_of_is_not_its_source(nlp: Language) -> None:
    text = (
        "The E.U. leaders met in Bratislava. They have often been criticized for being slow to move "
        "during crises. The memo was written by Jane Doe, who said the plan was sound."
    )
    found = speakers_by_cue(nlp, text)
    assert found["have often been criticized"] is None  # who criticized them is unsaid
    assert found["said"] == "Jane Doe"


def test_a_cue_that_is_an_adverb_has_no_source(nlp: Language) -> None:
    text = "Ken Cuccinelli reportedly reacted to the decision by tossing his credentials on the floor."
    assert [(q.cue.text if q.cue else None, q.speaker) for q in quotes_of(nlp, text)] == [
        ("reportedly", None)
    ]


def test_words_someone_owns_are_theirs(nlp: Language) -> None:
    text = (
        "Critics say Mayor Ellen Park has encouraged division. Her latest statement says the city "
        "will not fund the shelter."
    )
    found = [(q.speaker.name if q.speaker else None, q.text) for q in quotes_of(nlp, text)]
    assert ("Ellen Park", "the city will not fund the shelter") in found


def test_a_headline_quoting_its_speaker_is_a_direct_quotation(nlp: Language) -> None:
    text = (
        "Starmer: \u2018We will fix the NHS\u2019\n\n"
        "The prime minister made the pledge in Birmingham on Monday.\n\n"
        "\u2018It will take time, but we will do it,\u2019 Keir Starmer said."
    )
    found = [(q.kind, q.speaker.name if q.speaker else None, q.text) for q in quotes_of(nlp, text)]
    assert found[0] == ("direct", "Keir Starmer", "We will fix the NHS")


LIBRARY = (
    '"We will not close the library," Mayor Ellen Park said on Tuesday. Critics said the plan would '
    'cost $4 million a year. "It is a mistake," said Tom Reilly, the council\'s treasurer, who added '
    "that the vote was set for next week. Retired Lt. Gen. Ann Cole said Tom Reilly was “absolutely "
    "right” when he said Wednesday night that under Mayor Park, “the branches have been reduced to "
    "rubble.”"
)


def test_a_long_article_reads_each_paragraph_as_it_reads_one(nlp: Language) -> None:
    # the searches over quotation marks and quotations found so far that make long articles
    # cheap must find, in the 40th paragraph, what a scan of the article finds in the first
    copies = 40
    text = "\n\n".join([LIBRARY] * copies)
    one = quotes_of(nlp, LIBRARY)
    many = quotes_of(nlp, text)
    assert len(one) >= 3
    assert len(many) == copies * len(one)
    step = len(LIBRARY) + 2
    for n, q in enumerate(many):
        first = one[n % len(one)]
        shift = step * (n // len(one))
        assert (q.kind, q.text, q.speaker.name if q.speaker else None) == (
            first.kind,
            first.text,
            first.speaker.name if first.speaker else None,
        )
        assert [(s - shift, e - shift) for s, e in q.spans] == list(first.spans)


def test_a_deed_whose_content_hangs_from_an_infinitive_of_purpose_is_not_kept(nlp: Language) -> None:
    # however sure the tagger is of the cue "refused ... to discuss": discussing his stance was the
    # purpose of a meeting that did not happen, not a deed done
    text = "In February, Sarno refused a request to meet with local activists to discuss his stance."
    doc = nlp(text)
    cue_start, cue_end = text.index("refused"), text.index(" his stance")
    content = (text.index("his stance"), text.index("."))
    sarno = next(t for t in doc if t.text == "Sarno")
    refused = next(t for t in doc if t.text == "refused")
    draft = Draft("indirect", [content], refused, sarno, cue_end=cue_end, confidence=0.95)
    assert draft.cue_words() is not None and draft.cue_words().start_char == cue_start
    assert not _kept(doc, draft)
    plain = Draft("indirect", [(text.index("a request"), text.index("."))], refused, sarno, confidence=0.95)
    assert _kept(doc, plain)  # the refusal itself, as sure, is a deed kept


def test_the_tagger_reads_a_long_article_a_group_of_paragraphs_at_a_time(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    # features held for a few paragraphs at a time must be the features of the whole article
    text = "\n\n".join([LIBRARY] * 6)
    doc = nlp(text)
    pairs = quote_pairs(text)
    drafts = rule_drafts(doc, pairs)
    rules = attribution.rule_labels(doc, drafts)
    whole = attribution.features(doc, pairs, rules)
    some = {i for i in range(len(doc)) if 40 <= i < 90}
    part = attribution.features(doc, pairs, rules, only=some)
    assert [part[i] for i in sorted(some)] == [whole[i] for i in sorted(some)]
    assert all(part[i] == [] for i in range(len(doc)) if i not in some)
    at_once = attribution.tag(doc, pairs, drafts)
    monkeypatch.setattr(attribution, "GROUP_TOKENS", 60)
    assert len(list(attribution._groups([list(range(50))] * 6, 60))) == 6
    assert attribution.tag(doc, pairs, drafts) == at_once


def test_an_abbreviation_between_two_pieces_of_a_quotation_ends_no_sentence(nlp: Language) -> None:
    text = (
        "President Barack Obama spoke on Thursday.\n\nClimate change, Mr. Obama often says, is the "
        "greatest long-term threat facing the world, as well as a danger already manifesting itself."
    )
    quotes = quotes_of(nlp, text)
    assert [(q.text[:30], len(q.spans)) for q in quotes] == [("Climate change is the greatest", 2)]


def test_the_writers_paragraph_after_a_quotation_is_not_the_speakers(nlp: Language) -> None:
    text = (
        "\u201cWill you pledge not to issue a pardon?\u201d he asks.\n\n"
        "Neither Clinton nor her allies have been charged with any crime."
    )
    doc = nlp(text)
    runs = [
        ("CNT", "Will you pledge not to issue a pardon?"),
        ("SRC", "he"),
        ("CUE", "asks"),
        ("CNT", "Neither Clinton nor her allies have been charged with any crime"),  # the writer's words
    ]
    drafts = attribution.assemble(doc, tagged(doc, runs), quote_pairs(text))
    assert [doc.text[s:e] for d in drafts for s, e in d.spans] == ["Will you pledge not to issue a pardon?"]


def test_the_writers_sentence_after_reported_speech_is_not_reported(nlp: Language) -> None:
    text = (
        "The S.E.C. said it would increase oversight as well.\n\nLawmakers have not said when they "
        "would take up the EB-5 reauthorization. Last year, the program was extended as part of the "
        "omnibus spending bill."
    )
    assert triples(quotes_of(nlp, text)) == [
        ("S.E.C.", "said", "it would increase oversight as well"),
        ("Lawmakers", "have not said", "when they would take up the EB-5 reauthorization"),
    ]


def test_a_pronoun_with_no_one_before_it_is_the_person_its_sentence_names_after_it(nlp: Language) -> None:
    text = (
        "The ferry has run for forty years.\n\nWhen he told reporters that the ferry would close, "
        "Mayor Tom Reilly was already packing his office."
    )
    assert speakers_by_cue(nlp, text) == {"told": "Tom Reilly"}


def tagged(doc: Doc, runs: list[tuple[str, str]]) -> list[str]:
    """BIO tags giving each (role, words) run of the text its role, as the tagger would."""
    tags = ["O"] * len(doc)
    for role, words in runs:
        start = doc.text.index(words)
        span = doc.char_span(start, start + len(words))
        assert span is not None, words
        tags[span.start : span.end] = [f"B-{role}"] + [f"I-{role}"] * (len(span) - 1)
    return tags


def test_an_abbreviation_between_two_tagged_pieces_of_one_cue_ends_no_sentence(nlp: Language) -> None:
    text = "Climate change, Mr. Obama often says, is the greatest long-term threat facing the world."
    doc = nlp(text)
    runs = [
        ("CNT", "Climate change"),
        ("SRC", "Mr. Obama"),
        ("CUE", "often says"),
        ("CNT", "is the greatest"),
    ]
    drafts = attribution.assemble(doc, tagged(doc, runs), quote_pairs(text))
    assert [len(d.spans) for d in drafts] == [2]


def test_tagged_words_in_the_sentence_after_reported_speech_are_not_its_content(nlp: Language) -> None:
    text = "Lawmakers have not said when they would take it up. Last year, the program was extended."
    doc = nlp(text)
    runs = [
        ("SRC", "Lawmakers"),
        ("CUE", "have not said"),
        ("CNT", "when they would take it up"),
        ("CNT", "the program was extended"),
    ]
    drafts = attribution.assemble(doc, tagged(doc, runs), quote_pairs(text))
    assert [doc.text[s:e] for d in drafts for s, e in d.spans] == ["when they would take it up"]


@pytest.mark.parametrize(("confidence", "kept"), [(0.6, True), (0.4, False)])
def test_a_deed_is_kept_when_the_tagger_finds_its_cue_more_likely_than_not(
    nlp: Language, confidence: float, kept: bool
) -> None:
    text = (
        "Members of the Congressional Black Caucus bristled at the continued questions about the "
        "legitimacy of the first black president."
    )
    doc = nlp(text)
    content = "the legitimacy of the first black president"
    start = text.index(content)
    cue = next(t for t in doc if t.text == "bristled")
    about = next(t for t in doc if t.text == "about")
    draft = Draft(
        "indirect",
        [(start, start + len(content))],
        cue,
        doc[0],
        cue_end=about.idx + len(about.text),
        confidence=confidence,
    )
    assert _kept(doc, draft) is kept
