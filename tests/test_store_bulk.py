"""The store at scale, on both backends: the bulk load (indexes deferred or live) stores
events that every query finds, and the per-day and per-cell counts kept by triggers stay
equal to a count of the events through ingest, reprocess and bulk loads."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from event_factory import ALEPPO, MOSUL, SARAQEB, make_article, make_event, standard_events
from pg import postgres_server  # noqa: F401  (fixture)
from test_store import store  # noqa: F401  (fixture: a store on each backend)

from warmonitor.errors import InputError
from warmonitor.store import EventFilter, Store, get_event, ingest_article, reprocess, search_events, timeline
from warmonitor.store.aggregates import rebuild_fine_sql, rebuild_sql
from warmonitor.store.bulk import bulk_load
from warmonitor.store.mapcells import map_clusters


def _items(first: int, count: int) -> list:
    """`count` articles of two events each, spread over places and days."""
    items = []
    for n in range(first, first + count):
        article = make_article(f"bulk{n}", f"Bulk story {n}: shelling near Saraqeb.")
        place = (SARAQEB, ALEPPO, MOSUL, None)[n % 4]
        events = [make_event(article, day=date(2020, 1, 1) + timedelta(days=n % 40), place=place,
                             text=f"Shelling number {n} hit a market.", trigger="shelled"),
                  make_event(article, category="PROTEST", day=date(2020, 3, 1), place=place,
                             text=f"Protesters rallied, story {n}.", trigger="rallied", dead=None)]
        items.append((article, [event.to_dict() for event in events]))
    return items


def _counts(store: Store) -> tuple[list, list]:
    with store.engine.connect() as conn:
        days = conn.exec_driver_sql("SELECT day, category, n FROM event_days WHERE n > 0"
                                    " ORDER BY day, category").all()
        cells = conn.exec_driver_sql("SELECT level, gx, gy, category, n FROM event_cells WHERE n > 0"
                                     " ORDER BY level, gx, gy, category").all()
    return [tuple(map(str, r)) for r in days], [tuple(r) for r in cells]


def _recounted(store: Store) -> tuple[list, list]:
    with store.engine.begin() as conn:
        for statement in rebuild_sql(store.backend) + rebuild_fine_sql(store.backend):
            conn.exec_driver_sql(statement)
    return _counts(store)


@pytest.mark.parametrize("defer", [True, False])
def test_bulk_loaded_events_are_found_by_every_query(store: Store, defer: bool) -> None:
    stats = bulk_load(store, _items(0, 30), defer=defer, batch_events=16)
    assert (stats.events, stats.articles, stats.deferred) == (60, 30, defer)
    assert store.counts() == {"articles": 30, "events": 60}
    assert search_events(store, EventFilter(q="market", limit=1000)).total == 30
    assert search_events(store, EventFilter(bbox=(36.7, 35.8, 36.9, 35.9), limit=1000)).total == 16
    assert search_events(store, EventFilter(actor="civilians", country="IQ")).total == 14
    one = search_events(store, EventFilter(q="number 7", limit=1)).events[0]
    shown = get_event(store, one["id"])
    assert shown is not None and shown["sources"][0]["article"]["id"] == "bulk7"
    # After a bulk load, ingest merges into the loaded events and keys do not collide.
    assert ingest_article(store, make_article("later"), standard_events(("later", "b", "c"))).status == "ok"
    assert store.counts()["articles"] == 31
    assert _counts(store) == _recounted(store)


def test_bulk_load_refuses_what_is_stored(store: Store) -> None:
    bulk_load(store, _items(0, 3))
    with pytest.raises(InputError, match="already stored"):
        bulk_load(store, _items(2, 2), defer=True)
    assert store.counts()["events"] == 6
    assert search_events(store, EventFilter(q="market")).total == 3  # triggers and indexes are back


def test_counts_follow_ingest_and_reprocess(store: Store) -> None:
    extractor = standard_events()
    for article_id in ("a1", "a2", "a3"):
        ingest_article(store, make_article(article_id), extractor)
    before = _counts(store)
    assert before == _recounted(store) and before[0]
    list(reprocess(store, extractor, all_articles=True))
    assert _counts(store) == _recounted(store) == before


def test_clusters_and_timeline_from_counts_match_the_events(store: Store) -> None:
    bulk_load(store, _items(0, 40), defer=False)
    for zoom in (2, 4, 9, 11, 14):
        counted = map_clusters(store, EventFilter(categories=("ASSAULT",)), zoom)
        scanned = map_clusters(store, EventFilter(categories=("ASSAULT",), min_dead=0), zoom)
        assert counted["total"] == scanned["total"] == 30
        assert sorted(c["count"] for c in counted["clusters"]) == sorted(c["count"] for c in scanned["clusters"])
    city = map_clusters(store, EventFilter(bbox=(36.7, 35.8, 36.9, 35.9)), 14)
    assert city["total"] == 20 and all("id" in c for c in city["clusters"] if c["count"] == 1)
    weeks = timeline(store, EventFilter(start=date(2020, 1, 10)), interval="week")
    scanned_weeks = timeline(store, EventFilter(start=date(2020, 1, 10), min_dead=0), interval="week")
    assert {w["date"]: w["counts"]["ASSAULT"] for w in weeks if "ASSAULT" in w["counts"]} == {
        w["date"]: w["total"] for w in scanned_weeks}
    assert "2020-02-24" in [w["date"] for w in weeks]  # the Sunday 2020-03-01 is in the week of Monday 24
