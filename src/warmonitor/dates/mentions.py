"""Date expressions in news text, resolved against the article's publication date.

A rule table, not a general date parser: a weekday is the latest such day on or before
publication, "Jan. 12" without a year the latest Jan. 12 not after it, "in the past two
weeks" a span ending on it. Without a publication date only absolute dates with a year
resolve. Month and weekday names live in lexicon_data/dates.tsv.

>>> resolve_date("on Monday", date(2020, 2, 6))
DateSpan(date=datetime.date(2020, 2, 3), enddate=None, precision='day', text='on Monday')
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from ..errors import InputError
from ..lexicon_data import alternation as _alternation
from ..lexicon_data import date_words as _date_words
from ..lexicon_data import read_table
from ..models import DateSpan
from .counted import (
    by_ago,
    by_anchored,
    by_calendar_period,
    by_counted_shift,
    by_past,
    by_recent,
    by_relday,
    by_sequel,
    by_shifted_weekday,
    by_weekday,
    clip_to,
    count_of,
    counted_offset,
    month_end,
    sequel_days,
    unknown_span,
)

_Resolver = Callable[[dict[str, str], date | None], DateSpan | None]


@dataclass(frozen=True)
class DateMention:
    """One date expression: its character offsets in the text and what it resolves to."""

    start: int
    end: int
    text: str
    span: DateSpan
    #: Days from the time the text is telling of ("the day before": -1); None for the others.
    anchored: int | None = None
    #: "It comes a week after ...": the mention dates only what the text tells after it.
    sequel: bool = False


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[re.Pattern[str], _Resolver], ...]:
    """The rule table: (pattern, resolver), tried in this order; longer matches win overlaps."""
    words = _date_words()
    month = rf"(?P<month>{_alternation(words.months)})"
    weekday = rf"(?P<weekday>{_alternation(words.weekdays)})"
    unit = rf"(?P<unit>{_alternation(words.units)})"
    part = rf"(?:\s+(?:{_alternation(words.dayparts)}))"
    number = _alternation(row.cells[0] for row in read_table("numbers.tsv", 3))
    count = rf"(?P<count>\d{{1,4}}|(?:{number})(?:[- ](?:{number}))?)"
    year = r"(?P<year>\d{4})"
    ordinal = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    early = r"(?:(?:early|late|mid-?)\s*)?"
    with_year = rf"(?:,?\s+{year})?"
    table: list[tuple[str, _Resolver]] = [
        (r"(?<![\d/-])(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})(?![\d-])", _iso),
        (r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})(?![\d/])", _slashed),
        (rf"\b(?:on\s+)?{month}\.?\s+{ordinal}{with_year}(?![\d:])", _month_day),
        (rf"\b(?:on\s+)?(?:the\s+)?{ordinal}\s+(?:of\s+)?{month}{with_year}\b", _month_day),
        (rf"\b(?:(?:in|during|since|by|until)\s+)?{early}{month}\.?,?\s+{year}\b", _month_year),
        # "in February last year", "in March of this year": the month of a year told from publication
        (rf"\b(?:(?:in|during|earlier in|later in)\s+)?{early}{month}\s+(?:of\s+)?(?P<which>last|this|next)\s+year\b",
         _month_of_told_year),
        (rf"\b(?P<prep>in|during|since|until|earlier in|later in)\s+{early}{month}\b", _month_only),
        (rf"\b(?P<prep>in|during|since|throughout)\s+{early}{year}\b", _year_only),
        # "the 2003 car bombing", "since the 2014 assault": a year naming the event after it
        (rf"\b(?P<prep>the|its|their)\s+(?P<year>(?:19|20)\d\d)(?=\s+[a-z])"
         rf"(?!\s+(?:{_alternation(words.counted_nouns)})\b)", _year_only),
        # "the night before Wednesday's protests", "on the eve of Friday's vote": a day from a named day
        (rf"\b(?P<shift>the\s+(?:day|night|evening|morning)\s+(?:before|after)|(?:on\s+)?the\s+eve\s+of)\s+"
         rf"(?:(?P<last>last|this)\s+)?{weekday}(?:'s)?\b", by_shifted_weekday),
        (rf"\b(?:(?:late|early|overnight|{_alternation(words.reldays)})\s+)?"
         rf"(?:(?P<last>last|this|on|since)\s+)?{weekday}(?:'s)?{part}?\b",
         by_weekday),
        # not "an overnight raid": the adjective tells the kind of raid, the day comes elsewhere
        (rf"(?<!\ban\s)(?<!\ba\s)\b(?P<relday>{_alternation(words.reldays)})\b", by_relday),
        (rf"\b(?P<anchored>{_alternation(words.anchored)})\b", by_anchored),
        (rf"\b{count}\s+{unit}\s+ago\b", by_ago),
        # "Four days later, ...": counted from the time the text is telling of
        (rf"\b{count}\s+{unit}\s+(?P<direction>later|earlier)\b", by_counted_shift),
        (rf"(?:\b(?P<sequel>{_alternation(words.sequels)})|(?P<comma>,))\s+(?:(?:just|only|barely|nearly|almost)\s+)?"
         rf"(?:(?:an?\s+|{count}\s+){unit}|(?P<vague>hours|days|weeks))\s+after\b", by_sequel),
        (rf"\b(?:(?:in|over|during|within|for|throughout)\s+)?the\s+(?:past|last|previous|preceding)"
         rf"\s+(?:{count}\s+)?{unit}\b", by_past),
        (rf"\b(?:in|over)\s+recent\s+{unit}\b", by_recent),
        (r"\b(?:(?:earlier|late|early|later)\s+)?(?P<which>last|this|over\s+the|at\s+the)"
         r"\s+(?P<period>week|month|year|weekend)\b", by_calendar_period),
    ]
    return tuple((re.compile(pattern, re.IGNORECASE), resolver) for pattern, resolver in table)


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date expression in `text`, in order, with its resolution against `published`."""
    if not isinstance(text, str):
        return []
    if isinstance(published, datetime):
        published = published.date()
    elif published is not None and not isinstance(published, date):
        raise InputError(f"published must be a datetime.date or None, not {published!r}; "
                         f"parse the article's date before resolving its dates.")
    candidates = []
    for pattern, resolver in _rules():
        for match in pattern.finditer(text):
            if not _names_capitalized(match):
                continue
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            span = _safely(resolver, groups, published, match.group(0).strip())
            if span is not None:
                candidates.append((match.start(), -(match.end() - match.start()), match, span))
    mentions: list[DateMention] = []
    taken_until = -1
    for start, _, match, span in sorted(candidates, key=lambda c: (c[0], c[1])):
        if start >= taken_until:
            mentions.append(DateMention(start, match.end(), match.group(0), span, _offset(match),
                                        sequel=_is_sequel(match.groupdict())))
            taken_until = match.end()
    return mentions


def _is_sequel(groups: dict[str, str | None]) -> bool:
    """ "it comes a week after ...", "..., a day after ...": the event told after is earlier."""
    return groups.get("sequel") is not None or groups.get("comma") is not None


def _offset(match: re.Match[str]) -> int | None:
    """Days from the told time: "the day before" -1, "it comes a week after ..." -7."""
    groups = match.groupdict()
    if groups.get("anchored"):
        return _date_words().anchored[" ".join(groups["anchored"].lower().split())]
    if groups.get("direction") and groups.get("unit") and not _is_sequel(groups):
        return counted_offset({k: v for k, v in groups.items() if v is not None})
    if _is_sequel(groups) and (groups.get("vague") or "").lower() == "hours":
        return 0
    if _is_sequel(groups) and groups.get("unit"):
        count = count_of({k: v for k, v in groups.items() if v is not None})
        return None if count is None else -sequel_days(groups["unit"], count)
    return None


def resolve_date(text: str, published: date | None) -> DateSpan | None:
    """The first date expression in `text` resolved against `published`, or None."""
    mentions = find_dates(text, published)
    return mentions[0].span if mentions else None


def _names_capitalized(match: re.Match[str]) -> bool:
    """Month names must be capitalized ("in May", not "may"; "March 3", not "march 3")."""
    name = match.groupdict().get("month")
    return name is None or name[0].isupper()


def _safely(resolver: _Resolver, groups: dict[str, str], published: date | None,
            text: str) -> DateSpan | None:
    """Run one resolver; dates outside years 1..9999 give an unknown span, never an error."""
    try:
        span = resolver(groups, published)
    except (ValueError, OverflowError):
        return DateSpan(date=None, enddate=None, precision="unknown", text=text)
    if span is None:
        return None
    if span.date is not None and span.enddate is not None and span.enddate < span.date:
        # "since 2021" in a text published in 2000: a span that would end before it starts
        return DateSpan(date=None, enddate=None, precision="unknown", text=text)
    return DateSpan(date=span.date, enddate=span.enddate, precision=span.precision, text=text)


def _iso(g: dict[str, str], published: date | None) -> DateSpan:
    return DateSpan(date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])))


def _slashed(g: dict[str, str], published: date | None) -> DateSpan | None:
    """3/2/2020 could be March 2 or 3 February: resolved only when one reading is impossible."""
    first, second, year = int(g["a"]), int(g["b"]), int(g["year"])
    if first <= 12 and second <= 12 and first != second:
        return None
    month, day = (first, second) if first <= 12 else (second, first)
    return DateSpan(date(year, month, day))


def _month_day(g: dict[str, str], published: date | None) -> DateSpan:
    month, day = _date_words().months[g["month"].lower()], int(g["day"])
    if "year" in g:
        return DateSpan(date(int(g["year"]), month, day))
    if published is None:
        return unknown_span()
    for year in range(published.year, published.year - 9, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= published:
            return DateSpan(candidate)
    return unknown_span()


def _month_year(g: dict[str, str], published: date | None) -> DateSpan:
    month, year = _date_words().months[g["month"].lower()], int(g["year"])
    return DateSpan(date(year, month, 1), month_end(year, month), "month")


def _month_of_told_year(g: dict[str, str], published: date | None) -> DateSpan:
    if published is None:
        return unknown_span()
    month = _date_words().months[g["month"].lower()]
    year = published.year + {"last": -1, "this": 0, "next": 1}[g["which"].lower()]
    return DateSpan(date(year, month, 1), month_end(year, month), "month")


def _month_only(g: dict[str, str], published: date | None) -> DateSpan | None:
    if published is None:
        return unknown_span()
    month = _date_words().months[g["month"].lower()]
    year = published.year if month <= published.month else published.year - 1
    start = date(year, month, 1)
    if g["prep"].lower() == "until":
        return None
    if g["prep"].lower() == "since":
        return DateSpan(start, published, "span")
    return DateSpan(start, clip_to(month_end(year, month), published), "month")


def _year_only(g: dict[str, str], published: date | None) -> DateSpan:
    year = int(g["year"])
    if g["prep"].lower() == "since":
        return DateSpan(date(year, 1, 1), published, "span") if published else unknown_span()
    return DateSpan(date(year, 1, 1), date(year, 12, 31), "year")
