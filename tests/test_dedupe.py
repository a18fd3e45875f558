"""Within-article merging: the same happening told twice is one record."""
from __future__ import annotations

from datetime import date

import pytest

from warmonitor.assembly import merge_within_article
from warmonitor.models import DateSpan, Entity, Event, Place, slot_evidence

TUR = Entity("Turkish artillery", None, "TUR", "MIL")
SYR_MIL = Entity("government forces", None, "SYR", "MIL")
SYR_REB = Entity("rebels", None, "SYR", "REB")
SARAQIB = Place("Saraqeb", "Saraqib", 1, "SY", "Idlib", 35.864, 36.806, "point")
ALEPPO = Place("Aleppo", "Aleppo", 2, "SY", "Aleppo", 36.2, 37.16, "point")
DAY = DateSpan(date(2020, 2, 6), None, "day", "on Thursday")


def ev(sentence: int, actor=(TUR,), recipient=(SYR_MIL,), event="ASSAULT", place=SARAQIB, day=DAY, **kw) -> Event:
    record = Event(event=event, actor=tuple(actor), recipient=tuple(recipient), date=day, event_loc=place,
                   text=f"Sentence {sentence}.", sentences=(sentence,), event_text=kw.pop("event_text", "shelled"), **kw)
    return record.with_(evidence=slot_evidence(record, sentence, dated=bool(day.text)))


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
        (ev(1, actor=()), ev(5, actor=()), True),                          # the same victims, day and town retold
        (ev(1, actor=(), dead=4), ev(5, actor=(), dead=2), False),         # no actor, two tolls: two attacks
    ],
)
def test_merge_decisions(a, b, merged):
    assert len(merge_within_article([a, b])) == (1 if merged else 2)


def test_a_protest_whose_crowd_goes_unnamed_is_the_protest_told_that_day_there():
    lawmakers = Entity("opposition lawmakers", None, "VEN", "LEG")
    crowd = Entity("unnamed protesters", None, "VEN", "PRO")  # the crowd a protest implies (records.py)
    students = Entity("students", None, "VEN", "PRO")
    told = ev(1, actor=(lawmakers,), recipient=(), event="PROTEST")
    assert len(merge_within_article([told, ev(4, actor=(crowd,), recipient=(), event="PROTEST")])) == 1
    assert len(merge_within_article([told, ev(4, actor=(students,), recipient=(), event="PROTEST")])) == 2


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


# Across articles: records (dicts) of different articles, compared by category, dates and
# places each within its precision, and actors.

from itertools import permutations  # noqa: E402

from warmonitor.dedupe import MatchRules, Report, cluster_reports, match_reports, merged_record  # noqa: E402
from warmonitor.models import Article  # noqa: E402

RULES = MatchRules.load()
IDLIB_PROVINCE = Place("Idlib province", "Idlib", 3, "SY", "Idlib", 35.8, 36.6, "admin1")
SARAQIB_NEAR = Place("near Saraqeb", "Saraqib", 1, "SY", "Idlib", 35.95, 36.85, "near")
MOSUL = Place("Mosul", "Mosul", 4, "IQ", "Nineveh", 36.33, 43.12, "point")
WEEK = DateSpan(date(2020, 2, 3), None, "week", "this week")


def report(article_id: str, *, published: date = date(2020, 2, 7), sentence: int = 1, **kw) -> Report:
    article = Article(id=article_id, text="", published=published, outlet=f"Outlet {article_id}")
    event = ev(sentence, **kw).with_(article=article, attribution=kw.get("attribution", ("witnesses",)))
    return Report.from_record(event.with_stable_id().to_dict(), RULES)


@pytest.mark.parametrize("other, same, reason", [
    (dict(), True, "km apart"),                                             # told again
    (dict(place=SARAQIB_NEAR), True, "km apart"),                           # 10 km, "near"
    (dict(place=IDLIB_PROVINCE), True, "same province"),                    # coarser place
    (dict(place=None), True, "no place"),                                   # no place, date + actors
    (dict(place=ALEPPO), False, "km apart (>"),                             # 90 km
    (dict(place=MOSUL), False, "other countries"),
    (dict(day=DateSpan(date(2020, 2, 7), None, "day", "on Friday")), True, "overlaps"),  # 1 day slack
    (dict(day=DateSpan(date(2020, 2, 9), None, "day", "on Sunday")), False, "vs"),
    (dict(day=WEEK), True, "(week)"),                                       # within the week
    (dict(event="PROTEST"), False, "ASSAULT vs PROTEST"),
    (dict(event="COERCE"), True, "ASSAULT ~ COERCE"),
    (dict(actor=(SYR_MIL,), recipient=(TUR,)), False, "TUR -> SYR vs SYR -> TUR"),
    (dict(actor=(), recipient=()), True, "unknown in one"),                 # date + place suffice
    (dict(actor=(), recipient=(), place=None), False, "only 1 of"),          # date alone is not enough
])
def test_cross_article_match_decisions(other: dict, same: bool, reason: str) -> None:
    verdict = match_reports(report("x1"), report("x2", **other), RULES)
    assert verdict.same is same
    assert any(reason in why for why in verdict.why.values()), verdict.why


def test_two_records_of_one_article_never_merge_across() -> None:
    assert not match_reports(report("x1"), report("x1", place=SARAQIB_NEAR), RULES).same


def test_clusters_do_not_depend_on_the_order() -> None:
    reports = [report("x1", dead=4), report("x2", dead=6, published=date(2020, 2, 6)),
               report("x3", place=SARAQIB_NEAR, dead=5, attribution=()),
               report("x4", place=ALEPPO), report("x5", place=ALEPPO, dead=1)]
    results = {tuple((c.id, tuple(r.id for r in c.reports)) for c in cluster_reports(list(order), RULES))
               for order in permutations(reports)}
    assert len(results) == 1
    (clusters,) = results
    assert [len(members) for _, members in clusters] in ([3, 2], [2, 3])


def test_merged_record_keeps_every_source_and_the_lowest_sourced_toll() -> None:
    reports = [report("x1", dead=6, attribution=("the Observatory",)),
               report("x2", dead=4, attribution=("civil defence",), published=date(2020, 2, 6)),
               report("x3", dead=2, attribution=()), report("x4", place=IDLIB_PROVINCE)]
    (cluster,) = cluster_reports(reports, RULES)
    record = merged_record(cluster, RULES)
    assert record["reports"] == 4 and record["article"]["id"] == "x2"   # the earliest article leads
    assert record["dead"] == 4                                           # x3's 2 has no source
    assert sorted(f["value"] for f in record["figures"]["dead"]) == [2, 4, 6]
    assert record["attribution"] == ["civil defence", "the Observatory", "witnesses"]
    assert record["event_loc"]["precision"] == "point"
    assert len(cluster.links) == 3 and all(link["why"]["date"] for link in cluster.links)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PLACES = [SARAQIB, SARAQIB_NEAR, ALEPPO, IDLIB_PROVINCE, None]
_DAYS = [DAY, WEEK, DateSpan(date(2020, 2, 7), None, "day", "on Friday"),
         DateSpan(date(2020, 2, 9), None, "day", "on Sunday")]
_SIDES = [((TUR,), (SYR_MIL,)), ((SYR_MIL,), (TUR,)), ((), ())]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.sampled_from(range(len(_PLACES))),
                          st.sampled_from(range(len(_DAYS))), st.sampled_from(range(len(_SIDES))),
                          st.integers(0, 9)), min_size=2, max_size=7),
       st.randoms(use_true_random=False))
def test_any_order_gives_the_same_clusters(picks, rng) -> None:
    reports = [report(f"a{article}", place=_PLACES[place], day=_DAYS[day], sentence=number,
                      actor=_SIDES[side][0], recipient=_SIDES[side][1], dead=dead)
               for number, (article, place, day, side, dead) in enumerate(picks)]
    shuffled = list(reports)
    rng.shuffle(shuffled)
    first = [merged_record(c, RULES) for c in cluster_reports(reports, RULES)]
    again = [merged_record(c, RULES) for c in cluster_reports(shuffled, RULES)]
    assert first == again
    for cluster in cluster_reports(reports, RULES):
        assert len(cluster.articles) == len(cluster.reports)      # one report per article


IS = Entity("Islamic State militants", None, "IMG", "REB")
BOMBER = Entity("a suicide bomber", None, "SYR", "REB")  # coded with the story's country


@pytest.mark.parametrize("first, second, same", [
    (IS, BOMBER, True),    # a transnational group and a bomber the story does not name: one attack
    (IS, SYR_MIL, False),  # the group and an army: two sides
    (SYR_REB, TUR, False),
])
def test_a_transnational_group_and_an_unnamed_attacker_may_be_one(first: Entity, second: Entity, same: bool) -> None:
    verdict = match_reports(report("x1", actor=(first,), recipient=(SYR_MIL,)),
                            report("x2", actor=(second,), recipient=(SYR_MIL,)), RULES)
    assert verdict.same is same, verdict.why
