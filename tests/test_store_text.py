"""Text search at scale on both backends: SQLite counts a words-only filter in its FTS5
index; PostgreSQL looks for a page among the newest weeks first (`queries._recent_window`)
and sorts every match only when that window holds fewer than the page. Pages and totals
equal those of the plain sort whichever way they were found."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from event_factory import SARAQEB, make_article, make_event
from pg import postgres_server  # noqa: F401  (fixture)
from test_store import store  # noqa: F401  (fixture: a store on each backend)

from warmonitor.store import EventFilter, Store, search_events
from warmonitor.store import queries
from warmonitor.store.bulk import bulk_load


def _items(count: int) -> list:
    """`count` one-event articles over ~6 years, two in three at a market; the newest weeks
    hold none, so a first window can come up short."""
    items = []
    for n in range(count):
        article = make_article(f"txt{n}", f"Text story {n}.")
        day = date(2015, 1, 1) + timedelta(days=(n * 7) % 2000)
        if n % 3 and day > date(2018, 1, 1):
            day -= timedelta(days=1100)  # no market events in the last years
        words = "at a market" if n % 3 else "on a road"
        event = make_event(article, day=day, place=SARAQEB, text=f"Shelling number {n} hit {words} in Saraqeb.")
        items.append((article, [event.to_dict()]))
    return items


def _ids(page: queries.EventPage) -> list[str]:
    return [record["id"] for record in page.events]


def test_text_pages_equal_the_whole_sort(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    bulk_load(store, _items(420), defer=True)
    every = search_events(store, EventFilter(q="market saraqeb", limit=1000))
    assert every.total == len(every.records_json) == 280
    windows: list[date | None] = []
    pages: list[int] = []
    recent_window, page_of = queries._recent_window, queries._page
    monkeypatch.setattr(queries, "_recent_window", lambda *a: windows.append(recent_window(*a)) or windows[-1])
    monkeypatch.setattr(queries, "_page", lambda *a: pages.append(len(a[2])) or page_of(*a))
    for limit, offset in ((5, 0), (5, 3), (10, 40), (3, 270), (5, 278), (5, 300)):
        page = search_events(store, EventFilter(q="market Saraqeb", limit=limit, offset=offset))
        assert _ids(page) == _ids(every)[offset:offset + limit]
        assert page.total == 280
    road = search_events(store, EventFilter(q="road", limit=4, offset=2))
    assert road.total == 140 and _ids(road) == _ids(search_events(store, EventFilter(q="road", limit=1000)))[2:6]
    narrowed = search_events(store, EventFilter(q="market", start=date(2016, 1, 1), limit=5))
    assert _ids(narrowed) == [r["id"] for r in every.events if r["date"] >= "2016-01-01"][:5]
    if store.backend == "postgresql":  # windows tried, some given up for the whole sort
        assert any(windows) and len(pages) > len(windows) and len([w for w in windows if w]) > 1
    more = search_events(store, EventFilter(q="market", limit=5, offset=20))
    assert _ids(more) == _ids(every)[20:25]
    assert search_events(store, EventFilter(q="nothing like it")).total == 0
