"""Time expressions: extents, types and values of real phrases in sentences, the example
article's times, and when a quotation was said."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from spacy.language import Language

from dateline.model import Mention
from dateline.timecalc import easter, holiday, number, shift, week
from dateline.times import find_times, said_on

FIXTURES = Path(__file__).parent / "fixtures"
MONDAY = dt.date(2017, 5, 1)  # the example article's date, a Monday

Found = list[tuple[str, str, str]]


def times_in(nlp: Language, sentence: str, published: dt.date = MONDAY) -> Found:
    return [(t.text, t.type, t.value) for t in find_times(nlp(sentence), published)]


# (sentence, every time expression in it as (text, type, value)), published Monday 2017-05-01
PHRASES: list[tuple[str, Found]] = [
    # dates written out in the common styles
    ("The law took effect May 1, 2017.", [("May 1, 2017", "DATE", "2017-05-01")]),
    ("The law took effect on 1 May 2017.", [("1 May 2017", "DATE", "2017-05-01")]),
    ("The form is dated 5/1/2017.", [("5/1/2017", "DATE", "2017-05-01")]),
    ("The log entry reads 2017-05-01.", [("2017-05-01", "DATE", "2017-05-01")]),
    ("The file is dated 2017/04/28.", [("2017/04/28", "DATE", "2017-04-28")]),
    ("The case was filed Jan. 5.", [("Jan. 5", "DATE", "2017-01-05")]),
    (
        "The report, dated April 12th, was released on the 14th.",
        [("April 12th", "DATE", "2017-04-12"), ("the 14th", "DATE", "2017-04-14")],
    ),
    ("The vote took place on the 20th.", [("the 20th", "DATE", "2017-04-20")]),
    ("The editorial ran on Friday, Oct. 23, 2015.", [("Friday, Oct. 23, 2015", "DATE", "2015-10-23")]),
    ("The firm was founded in 1887.", [("1887", "DATE", "1887")]),
    # two days of one month: each tagged, the second with the shared month and year
    (
        "The summit will be held on April 24 and 25.",
        [("April 24", "DATE", "2017-04-24"), ("25", "DATE", "2017-04-25")],
    ),
    (
        "The games were held Aug. 1-3, 1998.",
        [("Aug. 1", "DATE", "1998-08-01"), ("3, 1998", "DATE", "1998-08-03")],
    ),
    ("Revenue in fiscal 2016 was flat.", [("fiscal 2016", "DATE", "2016")]),
    ("The team won the title in 2009-2010.", [("2009-2010", "DATE", "2009")]),
    ("They met in mid-2014.", [("mid-2014", "DATE", "2014")]),
    ("The late-November trip was cancelled.", [("late-November", "DATE", "2016-11")]),
    # months and seasons without a year: the nearest one, as the tense says
    ("It happened in December.", [("December", "DATE", "2016-12")]),
    ("The plan takes effect in September.", [("September", "DATE", "2017-09")]),
    ("He has lived here since January.", [("January", "DATE", "2017-01")]),
    ("The season starts this summer.", [("this summer", "DATE", "2017-SU")]),
    ("Last winter was mild.", [("Last winter", "DATE", "2016-WI")]),
    ("The plant opened in the spring of 2015.", [("the spring of 2015", "DATE", "2015-SP")]),
    ("He left on Christmas Day.", [("Christmas Day", "DATE", "2016-12-25")]),
    ("Shoppers flocked to stores on Black Friday.", [("Black Friday", "DATE", "2016-11-25")]),
    # a weekday of a month
    ("They met on the last Friday in August.", [("the last Friday in August", "DATE", "2016-08-26")]),
    (
        "Voting starts on the first Monday in September.",
        [("the first Monday in September", "DATE", "2017-09-04")],
    ),
    # holidays named with a possessive, which the entity recogniser may take for a person or place
    ("Crowds gathered on New Year’s Eve.", [("New Year’s Eve", "DATE", "2016-12-31")]),
    ("Florists were busy before Valentine's Day.", [("Valentine's Day", "DATE", "2017-02-14")]),
    ("Stores closed for Martin Luther King Day.", [("Martin Luther King Day", "DATE", "2017-01-16")]),
    (
        "A bomb exploded near the embassy in Nairobi, Kenya Friday morning.",
        [("Friday morning", "TIME", "2017-04-28TMO")],
    ),
    ("Activists are using May Day rallies to call for protections.", [("May Day", "DATE", "2017-05-01")]),
    # quarters, halves, decades, centuries
    ("Profit rose in the third quarter of 1998.", [("the third quarter of 1998", "DATE", "1998-Q3")]),
    # abbreviations: quarters, halves, fiscal years
    ("Revenue grew in Q3 2022.", [("Q3 2022", "DATE", "2022-Q3")]),
    # a named day moved by an amount; an amount before an event is only an amount
    ("The deal closes a week from Friday.", [("a week from Friday", "DATE", "2017-05-12")]),
    ("Stores open the day after Thanksgiving.", [("the day after Thanksgiving", "DATE", "2017-11-24")]),
    ("Sales will peak the week before Christmas.", [("the week before Christmas", "DATE", "2017-W51")]),
    ("Two days after the vote, he resigned.", [("Two days", "DURATION", "P2D")]),
    # "the 1800s" is a century, "the 2000s" a decade
    ("The mill was built in the 1800s.", [("the 1800s", "DATE", "18")]),
    ("Prices fell in the 2000s.", [("the 2000s", "DATE", "200")]),
    ("Profit fell in H1 2023.", [("H1 2023", "DATE", "2023-H1")]),
    ("The company's FY2024 results were strong.", [("FY2024", "DATE", "2024")]),
    ("Sales will rise in Q3.", [("Q3", "DATE", "2017-Q3")]),
    ("Q1: What did the mayor promise?", []),
    ("Earnings fell in the first half of 2016.", [("the first half of 2016", "DATE", "2016-H1")]),
    (
        "The economy shrank in the fourth quarter of last year.",
        [("the fourth quarter of last year", "DATE", "2016-Q4")],
    ),
    (
        "The deal should close in the second half of the year.",
        [("the second half of the year", "DATE", "2017-H2")],
    ),
    ("Crime fell sharply in the 1990s.", [("the 1990s", "DATE", "199")]),
    ("He was jailed in the late 1980s.", [("the late 1980s", "DATE", "198")]),
    ("He was born in the 20th century.", [("the 20th century", "DATE", "19")]),
    # relative to the publication date
    ("Today is a holiday.", [("Today", "DATE", "2017-05-01")]),
    ("The offer was advertised in today's editions.", [("today", "DATE", "2017-05-01")]),
    ("The bill passed yesterday.", [("yesterday", "DATE", "2017-04-30")]),
    ("The vote is tomorrow.", [("tomorrow", "DATE", "2017-05-02")]),
    ("Prices rose last week, officials said.", [("last week", "DATE", "2017-W17")]),
    ("The meeting will be held next week.", [("next week", "DATE", "2017-W19")]),
    # "that" before "last week" says what was said, not which week
    ("Intel said that last week a customer found a flaw.", [("last week", "DATE", "2017-W17")]),
    ("The vote came that same day.", [("that same day", "DATE", "2017-05-01")]),
    ("He left the company a year ago.", [("a year ago", "DATE", "2016")]),
    ("Politifact said a year prior that the rate was 51 percent.", [("a year prior", "DATE", "2016")]),
    ("Two days prior to the vote, he resigned.", [("Two days", "DURATION", "P2D")]),
    (
        "Support rose from 35 percent several years ago to 51 percent this year.",
        [("several years ago", "DATE", "PAST_REF"), ("this year", "DATE", "2017")],
    ),
    # "the year before" alone is a year before; "the day before the vote" is no date of its own
    ("Sales rose to $450 million from $300 million the year before.", [("the year before", "DATE", "2016")]),
    ("The day before the vote, he resigned.", []),
    ("Sales were $6 billion in the latest fiscal year.", [("the latest fiscal year", "DATE", "2016")]),
    ("Sales rose earlier this month.", [("earlier this month", "DATE", "2017-05")]),
    ("The president arrived in Philadelphia later in the day.", [("the day", "DATE", "2017-05-01")]),
    ("The rules should be in place by year's end.", [("year's end", "DATE", "2017")]),
    ("The deal should close early next year.", [("early next year", "DATE", "2018")]),
    # weekdays: the publication day itself, else the past one unless the verb looks ahead
    ("He arrived Friday.", [("Friday", "DATE", "2017-04-28")]),
    ("He will arrive Friday.", [("Friday", "DATE", "2017-05-05")]),
    ("The union meets on Wednesday.", [("Wednesday", "DATE", "2017-05-03")]),
    ("The police meet on Friday.", [("Friday", "DATE", "2017-05-05")]),
    ("Rallies in Boston Monday called for new laws.", [("Monday", "DATE", "2017-05-01")]),
    ("He spoke last Friday.", [("last Friday", "DATE", "2017-04-28")]),
    # "following" without "the" is no word for which Friday: after the debate of last Friday
    ("Following Friday's debate, the candidates traveled to Ohio.", [("Friday", "DATE", "2017-04-28")]),
    (
        "He arrived on Friday and left the following Monday.",
        [("Friday", "DATE", "2017-04-28"), ("the following Monday", "DATE", "2017-05-01")],
    ),
    # after "that" a time is the reported clause's, not the reporting verb's
    (
        "After careful thought, I have decided that on Friday, I will vote for him.",
        [("Friday", "DATE", "2017-05-05")],
    ),
    ("Protesters gathered over the weekend.", [("the weekend", "DATE", "2017-W17-WE")]),
    ("Traders squared positions ahead of the weekend.", [("the weekend", "DATE", "2017-W18-WE")]),
    ("The agency said on Tuesday it would raise rates.", [("Tuesday", "DATE", "2017-04-25")]),
    # plans that have passed, and plans still ahead
    ("The offer had been due to expire Friday evening.", [("Friday evening", "TIME", "2017-04-28TEV")]),
    (
        "The offer previously had been scheduled to expire at midnight Friday.",
        [("midnight Friday", "TIME", "2017-04-28T24:00")],
    ),
    ("The company has scheduled a news conference Thursday.", [("Thursday", "DATE", "2017-05-04")]),
    ("A memorial service planned for Saturday was canceled.", [("Saturday", "DATE", "2017-04-29")]),
    ("On Friday, the government planned to send more aid.", [("Friday", "DATE", "2017-04-28")]),
    (
        "The issue is expected to dominate a summit set for Washington in March.",
        [("March", "DATE", "2018-03")],
    ),
    ("Until Thursday, the police had not called him a suspect.", [("Thursday", "DATE", "2017-04-27")]),
    ("The meeting lasted until late Thursday night.", [("late Thursday night", "TIME", "2017-04-27TNI")]),
    ("The company extended the offer until Thursday.", [("Thursday", "DATE", "2017-05-04")]),
    # "later Friday" is on the day the text tells of, not a week ahead
    (
        "He may face a skeptical audience when he speaks later Friday.",
        [("later Friday", "DATE", "2017-04-28")],
    ),
    # "would have been" tells of the past; an aim told of in the past may have been done
    ("Carson noted that Saturday would have been Reagan's birthday.", [("Saturday", "DATE", "2017-04-29")]),
    ("Both candidates sought to appeal to young voters on Saturday.", [("Saturday", "DATE", "2017-04-29")]),
    ("The team planned to leave Nairobi on Thursday.", [("Thursday", "DATE", "2017-05-04")]),
    # "may", "might", "should" look ahead, unless perfect
    ("Forecasters said the storm may hit land on Thursday.", [("Thursday", "DATE", "2017-05-04")]),
    ("The rebels may have left the city on Thursday.", [("Thursday", "DATE", "2017-04-27")]),
    # an "is" that names when something is, or is due, names a plan
    ("The deadline is Friday.", [("Friday", "DATE", "2017-05-05")]),
    ("The next hearing is on Thursday.", [("Thursday", "DATE", "2017-05-04")]),
    ("Results are due out Tuesday.", [("Tuesday", "DATE", "2017-05-02")]),
    ("The report is due on Friday.", [("Friday", "DATE", "2017-05-05")]),
    ("The deadline was Friday.", [("Friday", "DATE", "2017-04-28")]),
    ("Stocks are lower on Friday.", [("Friday", "DATE", "2017-04-28")]),
    # a present form that cannot agree with its singular subject is a past ("hurt", "set", "cut")
    ("Weakness in technology stocks hurt the index on Friday.", [("Friday", "DATE", "2017-04-28")]),
    # the day, week or weekday a text is telling of
    (
        "Stocks fell on Friday. For the week, the index dropped 2%.",
        [("Friday", "DATE", "2017-04-28"), ("the week", "DATE", "2017-W17")],
    ),
    (
        "The index closed at 2082.1 on Friday, down 4.5% from the previous Friday.",
        [("Friday", "DATE", "2017-04-28"), ("the previous Friday", "DATE", "2017-04-21")],
    ),
    (
        "The blast occurred at about 10:35 a.m. (0735 GMT) Friday.",
        [("10:35 a.m.", "TIME", "2017-04-28T10:35"), ("Friday", "DATE", "2017-04-28")],
    ),
    (
        "The attack happened around 9:30 p.m. local time Wednesday.",
        [("around 9:30 p.m.", "TIME", "2017-04-26T21:30"), ("Wednesday", "DATE", "2017-04-26")],
    ),
    (
        "The bomb exploded at 8 a.m. local time (0500 GMT) on Thursday.",
        [("8 a.m.", "TIME", "2017-04-27T08:00"), ("Thursday", "DATE", "2017-04-27")],
    ),
    (
        "He will leave at 4 in the morning (4 a.m. EDT Thursday).",
        [
            ("4 in the morning", "TIME", "2017-05-04T04:00"),
            ("4 a.m. EDT Thursday", "TIME", "2017-05-04T04:00"),
        ],
    ),
    # times of day
    ("The vote was held Friday morning.", [("Friday morning", "TIME", "2017-04-28TMO")]),
    ("He spoke Thursday morning.", [("Thursday morning", "TIME", "2017-04-27TMO")]),
    ("The rally starts at 3 p.m.", [("3 p.m.", "TIME", "2017-05-01T15:00")]),
    ("The bells rang at ten o'clock at night.", [("ten o'clock at night", "TIME", "2017-05-01T22:00")]),
    (
        "The plan should be ready by 6 o’clock this afternoon.",
        [("6 o’clock this afternoon", "TIME", "2017-05-01T18:00")],
    ),
    (
        "Fighting broke out at 3 o’clock in the afternoon.",
        [("3 o’clock in the afternoon", "TIME", "2017-05-01T15:00")],
    ),
    (
        "Trading was halted between 10 a.m. and 2 p.m. Friday.",
        [("10 a.m.", "TIME", "2017-04-28T10:00"), ("2 p.m. Friday", "TIME", "2017-04-28T14:00")],
    ),
    ("The blast occurred at 10:35 a.m. local time.", [("10:35 a.m.", "TIME", "2017-05-01T10:35")]),
    ("They met last night.", [("last night", "TIME", "2017-04-30TNI")]),
    (
        "Stocks crashed Friday. Dealers placed buy orders in the morning.",
        [("Friday", "DATE", "2017-04-28"), ("the morning", "TIME", "2017-04-28TMO")],
    ),
    ("By mid afternoon, the fighting had stopped.", [("mid afternoon", "TIME", "2017-05-01TAF")]),
    (
        "Stocks rose on Friday. London shares fell on overnight losses in New York.",
        [("Friday", "DATE", "2017-04-28"), ("overnight", "TIME", "2017-04-27TNI")],
    ),
    ("The offer expires at midnight Friday.", [("midnight Friday", "TIME", "2017-05-05T24:00")]),
    # references without a date
    ("Prices are now higher.", [("now", "DATE", "PRESENT_REF")]),
    ("The company is currently hiring.", [("currently", "DATE", "PRESENT_REF")]),
    ("He recently moved to Boston.", [("recently", "DATE", "PAST_REF")]),
    ("In the past, such rallies were rare.", [("the past", "DATE", "PAST_REF")]),
    ("He bought shares at half the then-current price.", [("then-current", "DATE", "PAST_REF")]),
    ("We will do better in the future.", [("the future", "DATE", "FUTURE_REF")]),
    ("Families still hope for a brighter tomorrow.", [("tomorrow", "DATE", "FUTURE_REF")]),
    ("Islam will one day be the second largest religion.", [("one day", "DATE", "FUTURE_REF")]),
    # durations
    ("Sales fell over the past three years.", [("the past three years", "DURATION", "P3Y")]),
    ("Attacks had become routine over the past decade.", [("the past decade", "DURATION", "P10Y")]),
    ("Attacks were routine in the last decade.", [("the last decade", "DATE", "200")]),
    ("The talks lasted three years.", [("three years", "DURATION", "P3Y")]),
    ("The strike lasted one day.", [("one day", "DURATION", "P1D")]),
    ("The repairs took several months.", [("several months", "DURATION", "PXM")]),
    ("She has worked hundreds of hours of overtime.", [("hundreds of hours", "DURATION", "PXH")]),
    ("The strike lasted 2 1/2 years.", [("2 1/2 years", "DURATION", "P2Y6M")]),
    ("He waited half an hour.", [("half an hour", "DURATION", "PT30M")]),
    ("He spent three-and-a-half years in jail.", [("three-and-a-half years", "DURATION", "P3Y6M")]),
    ("The two-and-a-half-hour meeting ended.", [("two-and-a-half-hour", "DURATION", "PT2H30M")]),
    ("He ruled for a quarter century.", [("a quarter century", "DURATION", "P25Y")]),
    ("The talks continued for weeks.", [("weeks", "DURATION", "PXW")]),
    # a bare amount before or after a time, with no count at all
    ("The ruling came days after the election.", [("days", "DURATION", "PXD")]),
    ("Just months ago, the company was near bankruptcy.", [("months ago", "DURATION", "PXM")]),
    # "the early hours of Thursday" are a part of Thursday, not an amount of hours
    (
        "The FBI arrested him in the early hours of Thursday morning.",
        [("Thursday morning", "TIME", "2017-04-27TMO")],
    ),
    ("He probably died within weeks or months of his capture.", [("weeks or months", "DURATION", "PXW")]),
    ("In the last twenty four hours, stocks fell.", [("the last twenty four hours", "DURATION", "PT24H")]),
    ("Stocks hit a five year low.", [("five year", "DURATION", "P5Y")]),
    # a compound whose count is left open
    ("He returned after a several-year tenure as editor.", [("several-year", "DURATION", "PXY")]),
    ("The union signed a multi-year contract.", [("multi-year", "DURATION", "PXY")]),
    ("The offer is good for nearly two months.", [("nearly two months", "DURATION", "P2M")]),
    ("The trial could last six to eight weeks.", [("six to eight weeks", "DURATION", "P6W")]),
    # a fiscal year ending on a date is twelve months, not a calendar year
    (
        "Revenue was $76 million for the year ended March 31.",
        [("the year", "DURATION", "P1Y"), ("March 31", "DATE", "2017-03-31")],
    ),
    (
        "Jobless claims fell in the week ended Saturday.",
        [("the week", "DURATION", "P1W"), ("Saturday", "DATE", "2017-04-29")],
    ),
    # sets
    ("She runs every day.", [("every day", "SET", "P1D")]),
    ("The paper is published weekly.", [("weekly", "SET", "P1W")]),
    ("The festival is held each year.", [("each year", "SET", "P1Y")]),
    ("Orangemen march each July.", [("each July", "SET", "XXXX-07")]),
    ("The show airs Sunday nights.", [("Sunday nights", "SET", "XXXX-WXX-7TNI")]),
    ("The council meets every Wednesday evening.", [("every Wednesday evening", "SET", "XXXX-WXX-3TEV")]),
    ("The market is open on Saturdays.", [("Saturdays", "SET", "XXXX-WXX-6")]),
    ("He visits twice a week.", [("twice a week", "SET", "P1W")]),
    ("The committee meets twice weekly.", [("twice weekly", "SET", "P1W")]),
    ("Elections are held every few years.", [("every few years", "SET", "PXY")]),
    ("The shop is closed on weekends.", [("weekends", "SET", "XXXX-WXX-WE")]),
    ("He visits his mother every weekend.", [("every weekend", "SET", "XXXX-WXX-WE")]),
    ("The board meets three times a year.", [("three times a year", "SET", "P1Y")]),
    (
        "Flights leave on Monday and Tuesday nights.",
        [("Monday", "SET", "XXXX-WXX-1TNI"), ("Tuesday nights", "SET", "XXXX-WXX-2TNI")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), PHRASES, ids=[p[0] for p in PHRASES])
def test_phrase(nlp: Language, sentence: str, expected: Found) -> None:
    assert times_in(nlp, sentence) == expected


NOT_TIMES = [
    "The Communist Party daily Granma compared the boy with revolutionary heroes.",
    "A 45-year-old man was arrested.",
    "The six-year-old boy stayed in Miami.",
    "He was the first to arrive, and 300 people followed.",
    "The firm has 1887 employees.",
    "He paid $2017 for it.",
    "You may leave whenever you like.",
    "Thousands joined the annual March for Life.",
    "Secretary Baker spoke on ABC's This Week program.",
    "The company declared a quarterly dividend.",
    "The company declared its initial quarterly of five cents a share.",
    "The talks resumed at 1900 GMT.",
    "The chip runs 15 million instructions per second.",
    "The morning papers carried the story.",
    "The future king spoke.",
    "Prices fall when demand drops.",
    "Room rates will be $55 a night.",
    "Sales are expected to rise 8.5% annually.",
    "A quarter of voters are undecided.",
    "Schiff told USA TODAY's reporters about it.",
    "The news came on the 10th anniversary of the attack.",
    "Candidates campaigned ahead of Super Tuesday.",
    "Time Magazine Just Announced Its Person Of The Year.",
    "The statues of Easter Island are famous.",
    "The march marked the anniversary of Bloody Sunday.",
    "Good relations are very important to the future of our peoples.",
    "Sales were terrible, and the future looks anything but encouraging.",
    "The case is for today's youth what the blockade was for their parents.",
    "Intel's chips run many of today's personal computers.",
    "The fire started on the 5th floor.",
]


@pytest.mark.parametrize("sentence", NOT_TIMES)
def test_not_a_time(nlp: Language, sentence: str) -> None:
    assert times_in(nlp, sentence) == []


def test_prepositions_stay_outside(nlp: Language) -> None:
    found = times_in(nlp, "Sales have grown since 2009 and fell in March, during the past two years.")
    assert [text for text, _, _ in found] == ["2009", "March", "the past two years"]


def test_determiner_outside_a_modifier(nlp: Language) -> None:
    found = times_in(nlp, "The third-quarter results beat the estimate for the third quarter.")
    assert found == [("third-quarter", "DATE", "2016-Q3"), ("the third quarter", "DATE", "2016-Q3")]


def test_later_counts_from_a_date_in_the_same_paragraph(nlp: Language) -> None:
    text = "On March 3 the plant closed. Two days later, workers protested."
    assert times_in(nlp, text)[-1] == ("Two days later", "DATE", "2017-03-05")


def test_the_day_before_counts_from_a_date_in_the_same_paragraph(nlp: Language) -> None:
    text = "The talks resumed on March 3. The day before, the rebels had seized the town."
    assert times_in(nlp, text)[-1] == ("The day before", "DATE", "2017-03-02")


def test_the_year_before_counts_from_last_year(nlp: Language) -> None:
    text = "Tourism revenue dropped to $300 million last year, down from $450 million the year before."
    assert times_in(nlp, text) == [("last year", "DATE", "2016"), ("the year before", "DATE", "2015")]


def test_later_in_the_day_is_the_day_the_text_tells_of(nlp: Language) -> None:
    text = "The rebels attacked on Saturday. Later in the day, the army struck back."
    assert times_in(nlp, text) == [("Saturday", "DATE", "2017-04-29"), ("the day", "DATE", "2017-04-29")]


def test_later_counts_from_the_narrative_not_from_since_when(nlp: Language) -> None:
    text = (
        "Stocks fell 10 percent on Friday, their biggest drop since the uprising began on Jan. 25, 2011. "
        "Two days later, the market recovered."
    )
    assert times_in(nlp, text)[-1] == ("Two days later", "DATE", "2017-04-30")


def test_a_month_that_holds_the_day_named_before_leaves_it_to_count_from(nlp: Language) -> None:
    text = "On a rainy Thursday afternoon this month, after their 6 a.m. shift, the workers met."
    found = times_in(nlp, text, dt.date(2016, 3, 21))
    assert found[-1] == ("6 a.m.", "TIME", "2016-03-17T06:00")


def test_a_new_paragraph_counts_from_publication_again(nlp: Language) -> None:
    text = "On March 3 the plant closed.\n\nTwo days later, workers protested."
    assert times_in(nlp, text)[-1] == ("Two days later", "DATE", "2017-05-03")


def test_that_month_looks_back_across_paragraphs(nlp: Language) -> None:
    text = "In March, the company received an offer.\n\nThe following month, it put itself up for sale."
    assert times_in(nlp, text)[-1] == ("The following month", "DATE", "2017-04")


def test_that_day_of_a_month_named_before_leaves_the_day_open(nlp: Language) -> None:
    text = (
        "A doctor on the list was killed last October. "
        "His name on the Web site was crossed out that same day."
    )
    found = times_in(nlp, text, dt.date(1999, 2, 6))
    assert found == [("last October", "DATE", "1998-10"), ("that same day", "DATE", "1998-10-XX")]


def test_the_same_day_is_no_day_of_a_year_named_before(nlp: Language) -> None:
    text = "Stocks rose on Monday. The euro also hit its highest level since 2011 on the same day."
    found = times_in(nlp, text)
    assert found[-1] == ("the same day", "DATE", "2017-05-01")


def test_the_following_month_of_a_year_named_before_leaves_the_month_open(nlp: Language) -> None:
    text = "He was elected mayor in 2008. The following month, he fired the police chief."
    found = times_in(nlp, text)
    assert found == [("2008", "DATE", "2008"), ("The following month", "DATE", "2008-XX")]


def test_a_year_earlier_in_an_earnings_report_is_that_quarter(nlp: Language) -> None:
    text = "Net income rose in the third quarter to $5 million from $4 million a year earlier."
    found = times_in(nlp, text, dt.date(1989, 10, 26))
    assert found == [("the third quarter", "DATE", "1989-Q3"), ("a year earlier", "DATE", "1988-Q3")]


# (text, publication date, every time expression in it): values that depend on the text around
IN_CONTEXT: list[tuple[str, dt.date, Found]] = [
    # earnings reports name their quarter
    (
        "Analysts expect the trend to continue into the fourth quarter. Profit fell 59% in the latest quarter.",
        dt.date(1989, 11, 2),
        [("the fourth quarter", "DATE", "1989-Q4"), ("the latest quarter", "DATE", "1989-Q3")],
    ),
    (
        "Ralston reported a 47% decline in fourth-quarter earnings. Net was $84.9 million a year earlier.",
        dt.date(1989, 11, 2),
        [("fourth-quarter", "DATE", "1989-Q4"), ("a year earlier", "DATE", "1988-Q4")],
    ),
    (
        "The company expects losses through the third quarter of 2018. In the year-ago period, it earned $5 million.",
        MONDAY,
        [("the third quarter of 2018", "DATE", "2018-Q3"), ("the year-ago period", "DATE", "2016-Q1")],
    ),
    # a participle clause tells of the time of the verb it hangs on: here the past
    (
        "Nashua's stock has fluctuated sharply, rising to a high of $42.875 in June from $29.75 in March.",
        dt.date(1989, 10, 30),
        [("June", "DATE", "1989-06"), ("March", "DATE", "1989-03")],
    ),
    # a vague amount later than a past event is no future: only the amount is known
    (
        "American Medical said he would remain as chairman. A few days later, it announced a sale.",
        dt.date(1989, 10, 27),
        [("A few days later", "DURATION", "PXD")],
    ),
    # hours later: from the clock time the paragraph names, else only the amount is known
    (
        "Slepian's wife and one son tried to revive him. Just over an hour later, he was declared dead.",
        dt.date(1998, 10, 25),
        [("Just over an hour later", "DURATION", "PT1H")],
    ),
    (
        "The blast came at 10 p.m. Two hours later, police sealed off the street.",
        dt.date(1998, 10, 25),
        [("10 p.m.", "TIME", "1998-10-25T22:00"), ("Two hours later", "TIME", "1998-10-26T00:00")],
    ),
    # a day that is what "it" or "today" is: the day of publication, or the day told of before
    (
        "In Saudi Arabia, today is the eighth day of ``Desert Shield,'' the operation designed to "
        "protect the kingdom.",
        dt.date(1990, 8, 15),
        [("today", "DATE", "1990-08-15"), ("the eighth day", "DATE", "1990-08-15")],
    ),
    (
        "More heavy gunfire in the Serbian province of Kosovo. It's the second day of an offensive "
        "by the security forces.",
        dt.date(1998, 3, 6),
        [("the second day", "DATE", "1998-03-06")],
    ),
    (
        "Poland, Hungary and the Czech Republic joined NATO on Friday. And Geremek said it was "
        '"a great day for Poland and for the world."',
        dt.date(1999, 3, 13),
        [("Friday", "DATE", "1999-03-12"), ("day", "DATE", "1999-03-12")],
    ),
    ("Monday was the first day of the sale.", MONDAY, [("Monday", "DATE", "2017-05-01")]),
]


@pytest.mark.parametrize(("text", "published", "expected"), IN_CONTEXT, ids=[r[0][:40] for r in IN_CONTEXT])
def test_in_context(nlp: Language, text: str, published: dt.date, expected: Found) -> None:
    assert times_in(nlp, text, published) == expected


def test_offsets_point_into_the_text(nlp: Language) -> None:
    doc = nlp("“We marched on Monday,” she said. Crowds returned on Tuesday night.")
    found = find_times(doc, MONDAY)
    assert (
        [doc.text[t.start : t.end] for t in found] == [t.text for t in found] == ["Monday", "Tuesday night"]
    )


# ------------------------------------------------------------------ the example article


def example() -> tuple[str, dt.date, list[dict[str, str]]]:
    raw = (FIXTURES / "000_c396db100bcdb512.txt").read_text(encoding="utf-8")
    header = re.match(r"\s*date (\d{4}-\d\d-\d\d) ", raw)
    assert header is not None
    gold = json.loads((FIXTURES / "000_c396db100bcdb512.gold.json").read_text(encoding="utf-8"))
    return raw[header.end() :], dt.date.fromisoformat(header.group(1)), gold["times"]


EXAMPLE_TEXT, EXAMPLE_DATE, EXAMPLE_TIMES = example()


@pytest.mark.parametrize("gold", EXAMPLE_TIMES, ids=[g["text"] for g in EXAMPLE_TIMES])
def test_example_article_time(nlp: Language, gold: dict[str, str]) -> None:
    found = [t for t in find_times(nlp(EXAMPLE_TEXT), EXAMPLE_DATE) if t.text.lower() == gold["text"].lower()]
    assert found, f"{gold['text']!r} not found"
    assert found[0].value == gold["value"]
    if "type" in gold:
        assert found[0].type == gold["type"]


# ------------------------------------------------------------------ when it was said

WEDNESDAY = dt.date(2017, 5, 3)
SAID = [
    ("Diana Sierra said Thursday that the city must act.", "said", "2017-04-27"),
    ("The mayor said on Monday that he would not change his stance.", "said", "2017-05-01"),
    ("The senator told reporters last week that the bill was dead.", "told", "2017-W17"),
    ("The rally on Friday was large, the organizer said.", "said", "2017-05-03"),
    ("“We demand a sanctuary city,” said Diana Sierra.", "said", "2017-05-03"),
    ("The agency said on Tuesday it would raise rates next month.", "said", "2017-05-02"),
    ("He said Tuesday's vote was close.", "said", "2017-05-03"),
    ("Sarno said he told an assistant in March that the city would not change.", "said", "2017-05-03"),
    # a time inside the quotation is what was said, not when
    (
        "''In the public eye everything gets connected: the mass abuse in Cologne on New Year's Eve and the"
        " attacks today,'' said Rem Korteweg, a security analyst.",
        "said",
        "2017-05-03",
    ),
    # a time after "that" is the reported clause's
    (
        "The center noted that through the end of March, spending had reached $2 million.",
        "noted",
        "2017-05-03",
    ),
]


@pytest.mark.parametrize(("sentence", "cue", "expected"), SAID, ids=[s[0] for s in SAID])
def test_said_on(nlp: Language, sentence: str, cue: str, expected: str) -> None:
    doc = nlp(sentence)
    start = sentence.index(cue)
    mention = Mention(cue, start, start + len(cue))
    assert said_on(mention, doc, find_times(doc, WEDNESDAY), WEDNESDAY) == expected


def test_said_on_without_a_cue_is_the_publication_date(nlp: Language) -> None:
    doc = nlp("Thursday was busy.")
    assert said_on(None, doc, find_times(doc, WEDNESDAY), WEDNESDAY) == "2017-05-03"


# ------------------------------------------------------------------ calendar arithmetic


@pytest.mark.parametrize(
    ("words", "count"),
    [("twenty four hours", 24), ("2 1/2 years", 2.5), ("a year and a half", 1.5), ("a couple of years", 2),
     ("almost a hundred years", 100), ("two to three weeks", 2), ("several months", None), ("years", None)],
)  # fmt: skip
def test_number(words: str, count: float | None) -> None:
    assert number(words) == count


def test_calendar() -> None:
    assert shift(dt.date(2017, 1, 31), "month", 1) == dt.date(2017, 2, 28)
    assert shift(dt.date(2016, 2, 29), "year", -1) == dt.date(2015, 2, 28)
    assert week(dt.date(2017, 5, 1)) == "2017-W18"
    assert week(dt.date(2021, 1, 1)) == "2020-W53"
    assert easter(2000) == dt.date(2000, 4, 23)
    assert holiday("thanksgiving", 1999) == dt.date(1999, 11, 25)
    assert holiday("memorial day", 2017) == dt.date(2017, 5, 29)
    assert holiday("election day", 1998) == dt.date(1998, 11, 3)


@pytest.mark.parametrize(
    ("published", "beyond"), [(dt.date(9999, 12, 31), "Monday"), (dt.date(1, 1, 3), "last month")]
)
def test_a_time_beyond_the_calendar_gets_no_value(nlp: Language, published: dt.date, beyond: str) -> None:
    # the next Monday after 9999-12-31 and the month before January of year 1 are no dates
    doc = nlp("The board will meet on Monday. It met last month.")
    found = {t.text: t.value for t in find_times(doc, published)}
    assert beyond not in found
    assert len(found) == 1  # the other one keeps its value
