"""Migration 0006 on both backends: the weekly counts (`event_weeks`) stay equal to a count
of the events by week through ingest, reprocess, deletes and bulk loads and after an upgrade
of a store that holds events; the actor filter answers as before its actors were resolved
first; GET /stats/timeline answers JSON built from the weekly counts."""
from __future__ import annotations

import warnings
from collections import Counter
from datetime import date, timedelta

import pytest
from event_factory import (
    ALEPPO, CIVILIANS, MOSUL, REBELS, SARAQEB, SYRIAN_ARMY, TURKEY, FakeExtractor, make_article, make_event,
)
from pg import postgres_server  # noqa: F401  (fixture)
from sqlalchemy import delete, select
from test_store import store  # noqa: F401  (fixture: a store on each backend)

from warmonitor.api import create_app
from warmonitor.config import Settings
from warmonitor.store import EventFilter, Store, ingest_article, reprocess, search_events, timeline
from warmonitor.store.bulk import bulk_load
from warmonitor.store.engine import alembic_config, migrate
from warmonitor.store.schema import events

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette nudges toward httpx2; httpx works
    from fastapi.testclient import TestClient

SIDES = ((SYRIAN_ARMY,), (REBELS,), (TURKEY,), (SYRIAN_ARMY, TURKEY), (CIVILIANS,))


def _items(first: int, count: int) -> list:
    """`count` articles of two events each, over 20 weeks, places and pairs of sides."""
    items = []
    for n in range(first, first + count):
        article = make_article(f"wk{n}", f"Weekly story {n}.")
        day = date(2019, 12, 28) + timedelta(days=(n * 5) % 140)
        records = [make_event(article, day=day, place=(SARAQEB, ALEPPO, MOSUL)[n % 3],
                              actor=SIDES[n % 5], recipient=SIDES[(n + 2) % 5],
                              text=f"Shelling number {n} hit a market.").to_dict(),
                   make_event(article, category="PROTEST", day=day + timedelta(days=n % 9),
                              actor=SIDES[(n + 1) % 5], recipient=(CIVILIANS,), dead=None,
                              text=f"Protesters rallied, story {n}.", trigger="rallied").to_dict()]
        items.append((article, records))
    return items


def _weeks(store: Store) -> Counter:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT week, category, n FROM event_weeks WHERE n > 0").all()
    return Counter({(str(week), category): n for week, category, n in rows})


def _recounted(store: Store) -> Counter:
    """The events counted by week (Monday) and category here, in Python."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(events.c.date, events.c.category).where(events.c.date.is_not(None))).all()
    return Counter(((day - timedelta(days=day.weekday())).isoformat(), category) for day, category in rows)


@pytest.mark.parametrize("defer", [True, False])
def test_weekly_counts_follow_bulk_loads_ingest_and_deletes(store: Store, defer: bool) -> None:
    bulk_load(store, _items(0, 30), defer=defer, batch_events=16)
    assert _weeks(store) == _recounted(store) and sum(_weeks(store).values()) == 60
    bulk_load(store, _items(30, 5), defer=False)                      # triggers live
    extractor_articles = [make_article(f"in{n}") for n in range(3)]
    extractor = FakeExtractor({a.id: [make_event(a, day=date(2021, 6, 1 + n))]
                               for n, a in enumerate(extractor_articles)})
    for article in extractor_articles:
        assert ingest_article(store, article, extractor).status == "ok"
    list(reprocess(store, extractor, all_articles=True))
    with store.engine.begin() as conn:
        conn.execute(delete(events).where(events.c.pk % 7 == 0))
    assert _weeks(store) == _recounted(store)
    assert sum(_weeks(store).values()) == store.counts()["events"]


def test_upgrade_to_0006_keeps_events_and_counts_their_weeks(store: Store) -> None:
    from alembic import command

    bulk_load(store, _items(0, 12), defer=False)
    before = search_events(store, EventFilter(limit=1000)).records_json
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")
        assert conn.exec_driver_sql("SELECT count(*) FROM events").scalar_one() == 24
    migrate(store.engine)
    assert search_events(store, EventFilter(limit=1000)).records_json == before
    assert _weeks(store) == _recounted(store) and sum(_weeks(store).values()) == 24
    ingest_article(store, make_article("late"), _one_event())         # the new triggers are live
    assert _weeks(store) == _recounted(store)


def _one_event() -> FakeExtractor:
    return FakeExtractor({"late": [make_event(make_article("late"), day=date(2022, 1, 3))]})


def _matching(records: list[dict], words: str) -> set[str]:
    """The ids of the records one of whose actors or recipients holds `words` (any case)."""
    def names(entity: dict) -> str:
        return f"{entity.get('name') or ''}\n{entity['entity_text']}".lower()
    return {r["id"] for r in records
            if any(words.lower() in names(e) for e in r["actor"] + r["recipient"])}


def test_the_actor_filter_finds_what_the_records_name(store: Store) -> None:
    items = _items(0, 60)
    bulk_load(store, items, defer=False)
    records = [record for _, batch in items for record in batch]
    for words in ("turkey", "Rebel", "civilians", "Syria"):
        expected = _matching(records, words)
        first = search_events(store, EventFilter(actor=words, limit=10))
        every = search_events(store, EventFilter(actor=words, limit=1000))
        assert first.total == every.total == len(expected) > 10
        assert {r["id"] for r in every.events} == expected
        assert [r["id"] for r in first.events] == [r["id"] for r in every.events][:10]  # same order
        assert search_events(store, EventFilter(actor=words, offset=5, limit=5)).total == len(expected)
        narrowed = search_events(store, EventFilter(actor=words, categories=("PROTEST",), limit=3))
        assert narrowed.total == len(expected & {r["id"] for r in records if r["event"] == "PROTEST"})
    by_code = search_events(store, EventFilter(actor_code="TUR", actor_sector="MIL", limit=2))
    assert by_code.total == len(_matching(records, "turkish troops"))
    assert search_events(store, EventFilter(actor="nobody at all")).total == 0


def test_the_weekly_timeline_endpoint_answers_json(store: Store) -> None:
    bulk_load(store, _items(0, 25), defer=True)
    client = TestClient(create_app(Settings(database_url="sqlite://"), store=store))
    answer = client.get("/stats/timeline", params={"interval": "week"})
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert body["interval"] == "week" and body["buckets"] == timeline(store, EventFilter(), interval="week")
    weekly = Counter({(b["date"], c): n for b in body["buckets"] for c, n in b["counts"].items()})
    assert weekly == _recounted(store) and all(b["total"] == sum(b["counts"].values()) for b in body["buckets"])
    days = client.get("/stats/timeline").json()["buckets"]                       # per day, as before
    assert sum(b["total"] for b in days) == sum(weekly.values()) == 50
    protests = client.get("/stats/timeline?interval=week&category=PROTEST").json()["buckets"]
    assert {b["date"]: b["total"] for b in protests} == {
        week: n for (week, category), n in weekly.items() if category == "PROTEST"}
    scanned = client.get("/stats/timeline?interval=week&min_dead=0").json()["buckets"]  # from the events
    assert {b["date"]: b["counts"].get("ASSAULT") for b in scanned} == {
        week: n for (week, category), n in weekly.items() if category == "ASSAULT"}
