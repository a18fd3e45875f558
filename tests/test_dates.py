"""Date expressions resolved against a publication date (mostly Thursday 2020-02-06)."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warmonitor.dates.mentions import find_dates, resolve_date
from warmonitor.models import Article

THU = date(2020, 2, 6)
MON = date(2020, 2, 10)
SUN = date(2020, 2, 9)
SAT_NEW_YEAR = date(2022, 1, 1)
D = date


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Rebels shelled the town on Monday.", THU, (D(2020, 2, 3), None, "day", "on Monday")),
        # a day counted from a named day
        ("The night before Wednesday's march, police warned the organisers.", THU,
         (D(2020, 2, 4), None, "day", "The night before Wednesday's")),
        ("On the eve of Monday's vote, troops were deployed.", THU, (D(2020, 2, 2), None, "day", "On the eve of Monday's")),
        ("Thursday's strike hit a market.", THU, (D(2020, 2, 6), None, "day", "Thursday's")),
        ("The convoy was hit on Thursday.", THU, (D(2020, 2, 6), None, "day", "on Thursday")),
        ("Fighting flared late on Tuesday near the border.", THU, (D(2020, 2, 4), None, "day", "late on Tuesday")),
        ("Early on Friday, jets struck the depot.", THU, (D(2020, 1, 31), None, "day", "Early on Friday")),
        ("Protesters marched on Thursday night.", THU, (D(2020, 2, 6), None, "day", "on Thursday night")),
        ("Troops withdrew Sunday morning.", MON, (D(2020, 2, 9), None, "day", "Sunday morning")),
        ("A car bomb exploded on Monday.", MON, (D(2020, 2, 10), None, "day", "on Monday")),
        ("The base was attacked last Monday.", MON, (D(2020, 2, 3), None, "day", "last Monday")),
        ("Police fired tear gas today.", THU, (D(2020, 2, 6), None, "day", "today")),
        ("Two soldiers died yesterday.", SUN, (D(2020, 2, 8), None, "day", "yesterday")),
        ("Sirens sounded last night across the city.", THU, (D(2020, 2, 5), None, "day", "last night")),
        ("The ceasefire began on Jan. 12.", THU, (D(2020, 1, 12), None, "day", "on Jan. 12")),
        ("Talks resumed January 12 in Geneva.", THU, (D(2020, 1, 12), None, "day", "January 12")),
        ("The siege began on 12 January.", THU, (D(2020, 1, 12), None, "day", "on 12 January")),
        ("Shelling resumed Jan 12th.", THU, (D(2020, 1, 12), None, "day", "Jan 12th")),
        ("The raid took place on Dec. 28.", THU, (D(2019, 12, 28), None, "day", "on Dec. 28")),
        ("The town fell on Feb. 3, 2020.", SUN, (D(2020, 2, 3), None, "day", "on Feb. 3, 2020")),
        ("Elections were held on 2019-11-24.", THU, (D(2019, 11, 24), None, "day", "2019-11-24")),
        ("The truce, signed 25/12/2019, collapsed.", THU, (D(2019, 12, 25), None, "day", "25/12/2019")),
        ("Militants regrouped last week.", THU, (D(2020, 1, 27), D(2020, 2, 2), "week", "last week")),
        ("Militants regrouped last week.", MON, (D(2020, 2, 3), D(2020, 2, 9), "week", "last week")),
        ("Aid deliveries stopped last month.", THU, (D(2020, 1, 1), D(2020, 1, 31), "month", "last month")),
        ("Aid deliveries stopped last month.", SAT_NEW_YEAR, (D(2021, 12, 1), D(2021, 12, 31), "month", "last month")),
        ("The offensive started in March.", THU, (D(2019, 3, 1), D(2019, 3, 31), "month", "in March")),
        ("The offensive started in January.", THU, (D(2020, 1, 1), D(2020, 1, 31), "month", "in January")),
        ("The offensive started in May 2018.", THU, (D(2018, 5, 1), D(2018, 5, 31), "month", "in May 2018")),
        ("The group was founded in 2019.", THU, (D(2019, 1, 1), D(2019, 12, 31), "year", "in 2019")),
        ("Air strikes intensified in the past two weeks.", THU, (D(2020, 1, 23), D(2020, 2, 6), "span", "in the past two weeks")),
        ("Over the past 10 days, 40 people died.", THU, (D(2020, 1, 27), D(2020, 2, 6), "span", "Over the past 10 days")),
        ("Clashes escalated in recent days.", THU, (D(2020, 1, 30), D(2020, 2, 6), "span", "in recent days")),
        ("Hundreds fled earlier this month.", THU, (D(2020, 2, 1), D(2020, 2, 6), "month", "earlier this month")),
        ("Troops arrived this week.", THU, (D(2020, 2, 3), D(2020, 2, 6), "week", "this week")),
        ("The army lost ground last year.", THU, (D(2019, 1, 1), D(2019, 12, 31), "year", "last year")),
        ("Rebels seized the mine in March last year.", THU, (D(2019, 3, 1), D(2019, 3, 31), "month", "in March last year")),
        ("Three days earlier, rebels seized the mine.", THU, (D(2020, 2, 3), None, "day", "Three days earlier")),
        ("The talks failed in November of last year.", THU,
         (D(2019, 11, 1), D(2019, 11, 30), "month", "in November of last year")),
        ("The mosque was bombed two days ago.", THU, (D(2020, 2, 4), None, "day", "two days ago")),
        ("Gunmen attacked over the weekend.", MON, (D(2020, 2, 8), D(2020, 2, 9), "span", "over the weekend")),
        ("Nine died in the past 24 hours.", THU, (D(2020, 2, 5), D(2020, 2, 6), "span", "in the past 24 hours")),
        ("The leap-day raid on Feb. 29 was repelled.", D(2021, 3, 1), (D(2020, 2, 29), None, "day", "on Feb. 29")),
        ("The vote was held on March 1.", THU, (D(2019, 3, 1), None, "day", "on March 1")),
    ],
)
def test_resolves_first_date_in_sentence(text: str, published: date, expected: tuple) -> None:
    span = resolve_date(text, published)
    assert span is not None
    assert (span.date, span.enddate, span.precision, span.text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The date 3/2/2020 is ambiguous.",
        "Protesters may march again.",
        "Osama 12 is not a date.",
        "He spoke for 12 minutes.",
        "Twelve people were killed.",
        "The march was peaceful.",
    ],
)
def test_finds_no_date(text: str) -> None:
    assert find_dates(text, THU) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Monday", (None, "unknown")),
        ("yesterday", (None, "unknown")),
        ("Jan. 12", (None, "unknown")),
        ("in the past two weeks", (None, "unknown")),
        ("last week", (None, "unknown")),
        ("on Feb. 3, 2020", (D(2020, 2, 3), "day")),
        ("in 2019", (D(2019, 1, 1), "year")),
        ("2020-02-03", (D(2020, 2, 3), "day")),
    ],
)
def test_without_publication_date_only_absolute_dates_resolve(text: str, expected: tuple) -> None:
    span = resolve_date(text, None)
    assert span is not None
    assert (span.date, span.precision) == expected
    assert span.text == text


def test_mentions_carry_offsets_in_order() -> None:
    text = "He said on Wednesday, Feb. 5, that 300 troops had arrived last week."
    mentions = find_dates(text, THU)
    assert [m.text for m in mentions] == ["on Wednesday", "Feb. 5", "last week"]
    assert all(text[m.start:m.end] == m.text for m in mentions)
    assert [m.span.date for m in mentions] == [D(2020, 2, 5), D(2020, 2, 5), D(2020, 1, 27)]


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("on Monday last week", date(3000, 1, 1)),
        ("this week, earlier this year", date(9999, 12, 31)),
        ("last week, last month, last year, yesterday", date(1, 1, 1)),
        ("in the past 9999 years", date(2020, 2, 6)),
        ("Feb. 31, 2020 and 2020-13-45", date(2020, 2, 6)),
        ("Jan. 12", date(1, 1, 1)),
    ],
)
def test_absurd_inputs_do_not_crash(text: str, published: date) -> None:
    for mention in find_dates(text, published):
        for day in (mention.span.date, mention.span.enddate):
            assert day is None or 1 <= day.year <= 9999


def test_accepts_datetime_and_rejects_strings() -> None:
    from datetime import datetime

    from warmonitor.errors import InputError

    assert resolve_date("on Monday", datetime(2020, 2, 6, 18, 30)).date == D(2020, 2, 3)
    with pytest.raises(InputError):
        find_dates("on Monday", "2020-02-06")  # type: ignore[arg-type]


def test_never_uses_todays_date() -> None:
    assert resolve_date("today", date(1999, 5, 5)).date == date(1999, 5, 5)


@given(st.text(max_size=200), st.one_of(st.none(), st.dates()))
def test_find_dates_never_raises(text: str, published: date | None) -> None:
    for mention in find_dates(text, published):
        assert text[mention.start:mention.end] == mention.text
        for day in (mention.span.date, mention.span.enddate):
            assert day is None or 1 <= day.year <= 9999


@given(
    st.lists(st.sampled_from(["on", "Monday", "Jan.", "12", "last", "week", "in", "the", "past",
                              "two", "days", "2019", "March", "ago", "yesterday", ",", "9999", "0000"]),
             max_size=12),
    st.dates(),
)
def test_find_dates_on_date_like_word_soup(words: list[str], published: date) -> None:
    for mention in find_dates(" ".join(words), published):
        assert mention.span.precision in ("day", "week", "month", "year", "span", "unknown")


# Issue 13: part-of-day and night phrases, anchored phrases, spans that never end before they start.
@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Strikes overnight killed 20 people.", D(2024, 1, 16), (D(2024, 1, 15), None, "day")),
        ("Shelling at dawn on Tuesday killed five.", D(2023, 6, 14), (D(2023, 6, 13), None, "day")),
        ("The attack came at dawn.", D(2023, 6, 14), (D(2023, 6, 14), None, "day")),
        ("Militiamen attacked on the night of Saturday to Sunday.", D(2024, 2, 6), (D(2024, 2, 3), None, "day")),
        ("Gunmen struck overnight Sunday.", D(2024, 2, 6), (D(2024, 2, 4), None, "day")),
        ("Youths attacked cattle camps earlier this week.", D(2022, 12, 30), (D(2022, 12, 26), D(2022, 12, 30), "week")),
        ("Gunmen killed three leaders last month.", D(2022, 4, 5), (D(2022, 3, 1), D(2022, 3, 31), "month")),
        ("The group has struck over the past decade.", D(2023, 3, 21), (D(2013, 3, 21), D(2023, 3, 21), "span")),
    ],
)
def test_part_of_day_and_period_phrases(text: str, published: date, expected: tuple) -> None:
    span = resolve_date(text, published)
    assert (span.date, span.enddate, span.precision) == expected


def test_anchored_phrases_say_how_far_from_the_told_time() -> None:
    (mention,) = find_dates("The day before, a drone attack killed two.", THU)
    assert mention.anchored == -1 and mention.span.date == D(2020, 2, 5)  # until the told time is known
    assert find_dates("A day later, rebels shelled the town.", THU)[0].anchored == 1


@pytest.mark.parametrize(("text", "anchored", "expected"), [
    ("It comes a week after 44 people were killed in Istanbul.", -7, (D(2020, 1, 30), None, "week")),
    ("The attack came two days after a bombing in Kabul.", -2, (D(2020, 2, 4), None, "day")),
    ("The raid came just hours after the ambush.", 0, (D(2020, 2, 6), None, "day")),
    ("The strike came days after rebels shelled the town.", None, (D(2020, 1, 30), D(2020, 2, 5), "span")),
])
def test_a_sequel_dates_what_follows_it_before_the_told_time(text: str, anchored: int | None,
                                                             expected: tuple) -> None:
    (mention,) = find_dates(text, THU)
    assert mention.sequel and mention.anchored == anchored
    assert (mention.span.date, mention.span.enddate, mention.span.precision) == expected


def test_since_a_year_after_publication_is_unknown_not_a_reversed_span() -> None:
    span = resolve_date("since 2021", date(2000, 1, 1))
    assert span.precision == "unknown" and span.date is None and span.enddate is None


@given(st.lists(st.sampled_from(["since", "in", "during", "2021", "March", "Monday", "last", "week", "the",
                                 "past", "two", "days", "over", "weekend", "this", "month", "year", "until"]),
                max_size=8), st.dates())
def test_a_span_never_ends_before_it_starts(words: list[str], published: date) -> None:
    for mention in find_dates(" ".join(words), published):
        if mention.span.date and mention.span.enddate:
            assert mention.span.date <= mention.span.enddate


@pytest.mark.model
def test_an_act_made_by_announcing_it_keeps_the_announcements_day_after_another_act(pipeline) -> None:
    text = ("The junta on Friday imposed sanctions on the Netherlands.\n\n"
            "On Feb. 3 the junta announced it was revoking a series of trade agreements with the Dutch.")
    records = pipeline.extract_article(Article(id="d", text=text, published=date(2021, 3, 8)))
    assert {r.event_text: str(r.date.date) for r in records}["revoking"] == "2021-02-03"


@pytest.mark.model
def test_days_later_count_from_the_day_the_sentence_before_names(pipeline) -> None:
    text = "Relations have soured since the Feb. 1 coup. Four days later, thousands of supporters rallied in Niamey."
    records = pipeline.extract_article(Article(id="d", text=text, published=date(2021, 3, 8)))
    assert [str(r.date.date) for r in records if r.event == "PROTEST"] == ["2021-02-05"]


@pytest.mark.parametrize("phrase", ["that day", "that night", "the same night"])
def test_that_day_is_the_day_told_of(phrase: str) -> None:
    found = find_dates(f"Four police officers were killed {phrase}, the union said.", date(2021, 3, 8))
    assert [(m.text, m.anchored) for m in found] == [(phrase, 0)]
