"""The time an article is telling of, as the records move it sentence by sentence.

A record with no day of its own takes the day told before it: the last day a record of the
text gave (a flashback, "a week after 44 were killed in Istanbul", leaves it where it was), or
a day a sentence without a record names for an event ("Pictures from Monday's protests
showed ..."). A violent act takes the day of the violent act told before it, when that was
told after the time last moved: "Troops detained 100 people on Tuesday, a day after bombers
struck a village. Three men detonated their charges ..." is Monday's bombing told on. A
flashback sets that day only where it tells the story's first violence.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span

from ..dates.event_time import EventTime, events_day, told_by_speaker
from ..dates.mentions import DateMention
from ..models import DateSpan


class StoryTime:
    """The told day before each sentence, moved by the records made in text order."""

    def __init__(self, sentences: list[Span], dates_of: Callable[[Span], list[DateMention]],
                 event_nouns: frozenset[str], reporting: frozenset[str]) -> None:
        self._sentences = sentences
        self._reporting = reporting
        self._read_dates = dates_of
        self._dates: dict[int, list[DateMention]] = {}  # by sentence start, read once
        self._event_nouns = event_nouns
        self._told: DateSpan | None = None  # the time the article is telling of, so far
        self._told_at = -1  # the sentence that last moved it
        self._before: tuple[int, DateSpan | None] = (-1, None)  # the told time before the current sentence
        self._violence: tuple[int, DateSpan | None] = (-1, None)  # (sentence, day) of the latest violent act dated
        self._violence_from = -1  # the sentence of the story's first violent act
        self._read_up_to = 0  # the sentences before this index have moved the told time
        self._dated_by_record: set[int] = set()  # sentences whose own record moved the told time
        self._last_days: dict[int, DateSpan | None] = {}  # read once per sentence

    def _dates_of(self, sent: Span) -> list[DateMention]:
        if sent.start not in self._dates:
            self._dates[sent.start] = self._read_dates(sent)
        return self._dates[sent.start]

    def enter(self, index: int) -> None:
        """Move to sentence `index`: the sentences passed since name the days of their events."""
        sent = self._sentences[index]
        if sent.start == self._before[0]:
            return
        for k in range(self._read_up_to, index):
            if k not in self._dated_by_record:  # "Pictures from Monday's protests showed ..."
                between = self._sentences[k]
                moved = events_day(between, self._dates_of(between), self._event_nouns)
                if moved is not None:
                    self._told, self._told_at = moved, between.start
        self._read_up_to = index  # this sentence moves the time for the next, after its records
        self._before = (sent.start, self._told)

    def carried(self, violent: bool) -> DateSpan | None:
        """The day a record of the current sentence takes where it tells none of its own."""
        start, day = self._violence
        if violent and day is not None and self._told_at <= start < self._before[0]:
            return day
        return self._before[1]

    def last_day(self, index: int) -> DateSpan | None:
        """The last day the sentence before sentence `index` names in its paragraph, not a day of
        saying: what "four days later" opening sentence `index` counts from."""
        if index not in self._last_days:
            self._last_days[index] = self._read_last_day(index)
        return self._last_days[index]

    def _read_last_day(self, index: int) -> DateSpan | None:
        if index == 0:
            return None
        before = self._sentences[index - 1]
        gap = before.doc[max(before.start, before.end - 2):self._sentences[index].start]
        if any("\n" in token.text_with_ws for token in gap):
            return None  # a new paragraph (never Doc.text: it re-joins the whole Doc on each access)
        days = [m.span for m in self._dates_of(before) if m.span.precision == "day" and m.span.date is not None
                and m.anchored is None and not told_by_speaker(before, m, self._reporting)]
        return days[-1] if days else None

    def after_record(self, index: int, when: EventTime, *, violent: bool, statement: bool,
                     background: bool) -> None:
        """What a record of sentence `index`, dated `when`, does to the told time."""
        start = self._sentences[index].start
        if not statement and when.source == "text" and not when.flashback:
            self._told, self._told_at = when.span, start
            self._dated_by_record.add(index)
        if violent and not statement and not background:
            if when.source == "text" and (not when.flashback or self._violence_from in (-1, start)):
                self._violence = (start, when.span)
            if self._violence_from == -1:
                self._violence_from = start
