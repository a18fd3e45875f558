"""Resolvers of date expressions counted from the publication day or from a named day:
weekdays ("on Monday", "the night before Wednesday's"), "yesterday", "the day before", "two
weeks ago", "a week after", "in the past month", "last week". Each takes the rule's matched
groups and the publication date (lexicon_data/dates.tsv holds the words)."""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from ..lexicon_data import date_words as _date_words
from ..models import DateSpan
from ..nlp.numbers import parse_number


def unknown_span() -> DateSpan:
    return DateSpan(date=None, enddate=None, precision="unknown")


def clip_to(end: date, published: date | None) -> date:
    return min(end, published) if published else end


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def by_weekday(g: dict[str, str], published: date | None) -> DateSpan:
    if published is None:
        return unknown_span()
    back = (published.weekday() - _date_words().weekdays[g["weekday"].lower()]) % 7
    if back == 0 and g.get("last", "").lower() == "last":
        back = 7
    day = published - timedelta(days=back)
    if g.get("last", "").lower() == "since":
        return DateSpan(day, published, "span")
    return DateSpan(day)


def by_shifted_weekday(g: dict[str, str], published: date | None) -> DateSpan:
    day = by_weekday(g, published)
    if day.date is None:
        return day
    return DateSpan(day.date + timedelta(days=1 if "after" in g["shift"].lower() else -1))


def by_relday(g: dict[str, str], published: date | None) -> DateSpan:
    if published is None:
        return unknown_span()
    offset = _date_words().reldays[" ".join(g["relday"].lower().split())]
    return DateSpan(published + timedelta(days=offset))


def by_anchored(g: dict[str, str], published: date | None) -> DateSpan:
    """"the day before", read against publication until the record builder knows the told time."""
    if published is None:
        return unknown_span()
    return DateSpan(published + timedelta(days=_date_words().anchored[" ".join(g["anchored"].lower().split())]))


def unit_days(unit: str, count: int) -> int:
    per_unit = {"hour": 0, "day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365, "decade": 3652}
    if unit == "hour":
        return max(1, -(-count // 24)) if count > 24 else 1
    return per_unit[unit] * count


def count_of(g: dict[str, str]) -> int | None:
    text = g.get("count")
    if text is None:
        return 1
    return parse_number(text.replace("-", " "))


def by_ago(g: dict[str, str], published: date | None) -> DateSpan | None:
    count = count_of(g)
    if count is None or count > 10_000:
        return None
    if published is None:
        return unknown_span()
    unit = _date_words().units[g["unit"].lower()]
    return DateSpan(published - timedelta(days=unit_days(unit, count)), None, _precision_of(unit))


def counted_offset(g: dict[str, str]) -> int | None:
    """Days from the told time of "four days later" (+4), "two weeks earlier" (-14); None
    where the count cannot be read."""
    count = count_of(g)
    if count is None or count > 366:
        return None
    days = unit_days(_date_words().units[g["unit"].lower()], count)
    return days if g["direction"].lower() == "later" else -days


def by_counted_shift(g: dict[str, str], published: date | None) -> DateSpan | None:
    """"four days later", read against publication until the record builder knows the told time."""
    offset = counted_offset(g)
    if offset is None or _date_words().units[g["unit"].lower()] not in ("day", "week"):
        return None
    if published is None:
        return unknown_span()
    return DateSpan(published + timedelta(days=offset))


def by_sequel(g: dict[str, str], published: date | None) -> DateSpan | None:
    """"It comes a week after 44 were killed": the killing a week before the telling; "days
    after": a span of the week before it."""
    if published is None:
        return unknown_span()
    if g.get("vague", "").lower() == "hours":
        return DateSpan(published)
    if "vague" in g:
        days = 7 if g["vague"].lower() == "days" else 42
        return DateSpan(published - timedelta(days=days), published - timedelta(days=1), "span")
    count = count_of(g)
    if count is None or count > 10_000:
        return None
    unit = _date_words().units[g["unit"].lower()]
    return DateSpan(published - timedelta(days=sequel_days(g["unit"], count)), None, _precision_of(unit))


def _precision_of(unit: str) -> str:
    """The precision of a day counted back in `unit`s: hours give a day, a fortnight a week."""
    return {"hour": "day", "day": "day", "fortnight": "week", "decade": "year"}.get(unit, unit)


def sequel_days(unit_word: str, count: int) -> int:
    """Days back of "comes N units after": hours count whole days only ("an hour after": 0)."""
    unit = _date_words().units[unit_word.lower()]
    return count // 24 if unit == "hour" else unit_days(unit, count)


def by_past(g: dict[str, str], published: date | None) -> DateSpan | None:
    count = count_of(g)
    if count is None or count > 10_000:
        return None
    if published is None:
        return unknown_span()
    days = unit_days(_date_words().units[g["unit"].lower()], count)
    return DateSpan(published - timedelta(days=days), published, "span")


def by_recent(g: dict[str, str], published: date | None) -> DateSpan:
    if published is None:
        return unknown_span()
    unit = _date_words().units[g["unit"].lower()]
    days = {"hour": 1, "day": 7, "week": 28, "fortnight": 28, "month": 90, "year": 730, "decade": 7300}[unit]
    return DateSpan(published - timedelta(days=days), published, "span")


def by_calendar_period(g: dict[str, str], published: date | None) -> DateSpan | None:
    """last/this week, month, year; the weekend; "earlier this month"."""
    if published is None:
        return unknown_span()
    which, period = " ".join(g["which"].lower().split()), g["period"].lower()
    previous = which == "last"
    if period == "weekend":
        sunday = published - timedelta(days=(published.weekday() - 6) % 7)
        return DateSpan(sunday - timedelta(days=1), min(sunday, published), "span")
    if which in ("over the", "at the"):
        return None
    if period == "week":
        monday = published - timedelta(days=published.weekday() + (7 if previous else 0))
        return DateSpan(monday, clip_to(monday + timedelta(days=6), published), "week")
    if period == "month":
        year, month = published.year, published.month
        if previous:
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return DateSpan(date(year, month, 1), clip_to(month_end(year, month), published), "month")
    year = published.year - 1 if previous else published.year
    return DateSpan(date(year, 1, 1), clip_to(date(year, 12, 31), published), "year")
