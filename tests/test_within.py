"""Within-article merging by identity: one strike told by the lead, the monitor and a witness
is one record; two towns or two days stay apart (issue 13)."""
from __future__ import annotations

from datetime import date

import pytest

from warmonitor.assembly import merge_within_article
from warmonitor.models import DateSpan, Entity, Event, Place, slot_evidence

ISR = Entity("Israeli jets", None, "ISR", "MIL")
PSE = Entity("Palestinians", None, "PSE", "CVL")
KHAN_YOUNIS = Place("Khan Younis", "Khan Yunis", 281133, "PS", "Gaza", 31.346, 34.306, "point")
RAFAH = Place("Rafah", "Rafah", 281129, "PS", "Gaza", 31.297, 34.245, "point")
KHAN_YOUNIS_AGAIN = Place("Khan Yunis", "Khan Yunis camp", 7303419, "PS", "Gaza", 31.347, 34.307, "point")
DAY = DateSpan(date(2024, 1, 15), None, "day", "overnight")


CAN = Entity("a tourist from Canada", None, "CAN", "CVL")


def ev(sentence: int, actor=(ISR,), recipient=(PSE,), place=KHAN_YOUNIS, day=DAY, mode=None, dead=None) -> Event:
    event = Event(event="ASSAULT", actor=tuple(actor), recipient=tuple(recipient), date=day, event_loc=place,
                  mode=mode, text=f"Sentence {sentence}.", sentences=(sentence,), event_text="struck", dead=dead)
    return event.with_(evidence=slot_evidence(event, sentence, dated=bool(day.text)))


@pytest.mark.parametrize(
    "a, b, merged",
    [
        (ev(1), ev(2, actor=()), True),                         # "the attackers" of the second telling unnamed
        (ev(1), ev(2, recipient=()), True),                     # "the strikes hit the market"
        (ev(1), ev(2, place=RAFAH), False),                     # two towns 8 km apart: two strikes
        (ev(1), ev(2, place=KHAN_YOUNIS_AGAIN), True),          # one place, two gazetteer entries
        (ev(1), ev(2, day=DateSpan(date(2024, 1, 14), None, "day", "on Sunday")), False),  # the day before: another strike
        (ev(1), ev(2, mode="abduct"), False),                   # the ambush and the kidnapping
        (ev(1, actor=(), dead=5), ev(2, actor=(), dead=5), True),  # no attacker named: same victims, same toll
        (ev(1, actor=(), dead=5), ev(2, actor=(), recipient=(CAN,), dead=5), True),  # same town, same toll
        (ev(1, actor=(), dead=5), ev(2, actor=(), recipient=(CAN,), dead=4), False),
        (ev(1, actor=(), dead=5), ev(2, actor=(), dead=3), False),  # two tolls: two attacks on them
        (ev(1, actor=(), dead=5), ev(2, actor=(), recipient=(CAN,), place=RAFAH, dead=5), False),
    ],
)
def test_identity(a: Event, b: Event, merged: bool) -> None:
    assert len(merge_within_article([a, b])) == (1 if merged else 2)


def test_merged_record_lists_every_sentence() -> None:
    one = merge_within_article([ev(1), ev(3, actor=()), ev(4, recipient=())])
    assert len(one) == 1 and one[0].sentences == (1, 3, 4)
    assert one[0].text == "Sentence 1. Sentence 3. Sentence 4."


def test_differing_tolls_keep_best_low_and_high() -> None:
    (one,) = merge_within_article([ev(1).with_(dead=40), ev(2, actor=()).with_(dead=56)])
    assert (one.dead, one.dead_low, one.dead_high) == (56, 40, 56)
    record = one.to_dict()
    assert (record["dead_low"], record["dead_high"]) == (40, 56)
    (same,) = merge_within_article([ev(1).with_(dead=9), ev(2, actor=()).with_(dead=9)])
    assert same.dead_low is None and "dead_low" not in same.to_dict()


@pytest.mark.parametrize(("dead", "low", "fatalities"), [(None, None, 0), (12, None, 12), (56, 40, 40)])
def test_acled_export_takes_the_lowest_figure_and_zero_for_unknown(dead, low, fatalities) -> None:
    from warmonitor.store.export import acled_row

    record = ev(1).with_(dead=dead, dead_low=low, dead_high=dead if low else None).with_stable_id().to_dict()
    assert acled_row(record)["fatalities"] == fatalities


def test_victims_of_another_sector_are_another_event_unless_named_only_as_people() -> None:
    police = Entity("a police officer", None, "PSE", "COP")
    people = Entity("many people", None, "PSE", "CVL")
    assert len(merge_within_article([ev(1, actor=()), ev(2, recipient=(police,))])) == 2  # a young man; the police
    assert len(merge_within_article([ev(1, recipient=(police,)), ev(2, actor=(), recipient=(people,))])) == 1


def test_sides_named_only_by_reference_set_nothing_apart() -> None:
    group = Entity("one of its fighters", None, "AFG", "REB")  # the resolver's default country
    isis = Entity("Islamic State militants", None, "IMG", "REB")
    claim = ev(2, actor=(group,), recipient=()).with_(text="The group said one of its fighters carried out the bombing.",
                                                      event_text="bombing")
    assert len(merge_within_article([ev(1, actor=(isis,)), claim])) == 1  # "the bombing" refers back


def test_a_town_and_a_village_told_near_another_town_are_two_places() -> None:
    from warmonitor.assembly.within import places_compatible
    from warmonitor.models import Place
    town = Place("Huwara", "Huwara", 1, "PS", "Nablus", 32.152, 35.257, "point")
    village = Place("Zaatara", "Zaatara", None, "PS", "Nablus", 32.19, 35.26, "near")
    assert not places_compatible(town, village)
    assert places_compatible(town, Place("Huwara", "Huwara", None, "PS", "Nablus", 32.16, 35.25, "near"))
