"""Within-article merging: the same happening told twice is one record."""
from __future__ import annotations

from datetime import date

import pytest

from warmonitor.dedupe import merge_within_article
from warmonitor.models import DateSpan, Entity, Event, Place

TUR = Entity("Turkish artillery", None, "TUR", "MIL")
SYR_MIL = Entity("government forces", None, "SYR", "MIL")
SYR_REB = Entity("rebels", None, "SYR", "REB")
SARAQIB = Place("Saraqeb", "Saraqib", 1, "SY", "Idlib", 35.864, 36.806, "point")
ALEPPO = Place("Aleppo", "Aleppo", 2, "SY", "Aleppo", 36.2, 37.16, "point")
DAY = DateSpan(date(2020, 2, 6), None, "day", None)


def ev(sentence: int, actor=(TUR,), recipient=(SYR_MIL,), event="ASSAULT", place=SARAQIB, day=DAY, **kw) -> Event:
    return Event(event=event, actor=tuple(actor), recipient=tuple(recipient), date=day, event_loc=place,
                 text=f"Sentence {sentence}.", sentences=(sentence,), event_text=kw.pop("event_text", "shelled"), **kw)


@pytest.mark.parametrize(
    "a, b, merged",
    [
        (ev(1), ev(5), True),                                              # told twice
        (ev(1), ev(5, place=None), True),                                  # second telling has no place
        (ev(1), ev(5, place=ALEPPO), False),                               # 90 km apart
        (ev(1), ev(5, event="ACCUSE"), False),                             # another category
        (ev(1), ev(5, actor=(SYR_MIL,), recipient=(TUR,)), False),         # the other direction
        (ev(1), ev(5, day=DateSpan(date(2020, 2, 3), None, "day", "on Monday")), False),
        (ev(1, actor=(SYR_MIL,), recipient=(SYR_REB,)), ev(5, actor=(SYR_REB,), recipient=(SYR_MIL,)), False),
        (ev(3, actor=(SYR_MIL,), recipient=(), event_text="encircled"),
         ev(3, actor=(SYR_MIL,), recipient=(), event_text="entered"), True),  # conjoined verbs
        (ev(1, actor=()), ev(5, actor=()), False),                         # no actor: nothing to compare
    ],
)
def test_merge_decisions(a, b, merged):
    assert len(merge_within_article([a, b])) == (1 if merged else 2)


def test_merged_record_keeps_both_sentences_and_the_larger_toll():
    one = merge_within_article([ev(1, dead=2, attribution=("witnesses",)),
                                ev(5, dead=5, attribution=("the Observatory",))])
    assert len(one) == 1
    assert one[0].text == "Sentence 1. Sentence 5."
    assert one[0].dead == 5
    assert one[0].attribution == ("witnesses", "the Observatory")
    assert one[0].sentences == (1, 5)


def test_conjoined_triggers_join_their_words():
    one = merge_within_article([ev(3, event_text="encircled"), ev(3, event_text="entered")])
    assert one[0].event_text == "encircled and entered"
