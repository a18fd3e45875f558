"""Text search at scale on both backends: SQLite counts a words-only filter in its FTS5
index and walks the date index for its page when the matches are many; PostgreSQL, for a
filter of many matches, looks for a page among the newest weeks first
(`textpages._recent_window`), sorts every match only when that window holds fewer than the
page, and gives the planner's estimate for the total, saying so. Pages equal those of the
plain sort whichever way they were found; a total is exact unless marked estimated."""
from __future__ import annotations

import warnings
from datetime import date, timedelta

import pytest
from event_factory import SARAQEB, make_article, make_event
from pg import new_database, postgres_server  # noqa: F401  (fixture)
from test_store import store  # noqa: F401  (fixture: a store on each backend)

from warmonitor.api import create_app
from warmonitor.config import Settings
from warmonitor.store import EventFilter, Store, queries, search_events, textpages
from warmonitor.store.bulk import bulk_load
from warmonitor.store.filters import conditions
from warmonitor.store.pages import EventPage

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette nudges toward httpx2; httpx works
    from fastapi.testclient import TestClient


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


def _ids(page: EventPage) -> list[str]:
    return [record["id"] for record in page.events]


def test_text_pages_equal_the_whole_sort(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    bulk_load(store, _items(420), defer=True)
    monkeypatch.setattr(queries, "TEXT_WALK_FACTOR", 0)  # the plain sort, to compare with
    every = search_events(store, EventFilter(q="market saraqeb", limit=1000))
    monkeypatch.setattr(queries, "TEXT_WALK_FACTOR", 20)
    assert every.total == len(every.records_json) == 280
    windows: list[tuple[date, float] | None] = []
    pages: list[int] = []
    recent_window, page_of = textpages._recent_window, textpages.read_page
    monkeypatch.setattr(textpages, "_recent_window", lambda *a: windows.append(recent_window(*a)) or windows[-1])
    monkeypatch.setattr(textpages, "read_page", lambda *a: pages.append(len(a[2])) or page_of(*a))
    monkeypatch.setattr(textpages, "EXACT_TEXT_COUNT", 10)  # this store's matches count as many
    for limit, offset in ((5, 0), (5, 3), (10, 40), (3, 270), (5, 278), (5, 300)):
        page = search_events(store, EventFilter(q="market Saraqeb", limit=limit, offset=offset))
        assert _ids(page) == _ids(every)[offset:offset + limit]
        if page.estimated:
            assert store.backend == "postgresql" and len(page.records_json) == limit
            assert page.total >= offset + limit and page.head()["total_estimated"] is True
        else:
            assert page.total == 280 and "total_estimated" not in page.to_dict()
    road = search_events(store, EventFilter(q="road", limit=4, offset=2))
    assert _ids(road) == _ids(search_events(store, EventFilter(q="road", limit=1000)))[2:6]
    assert road.estimated or road.total == 140
    narrowed = search_events(store, EventFilter(q="market", start=date(2016, 1, 1), limit=5))
    assert _ids(narrowed) == [r["id"] for r in every.events if r["date"] >= "2016-01-01"][:5]
    if store.backend == "postgresql":  # windows tried, short ones given up for the whole sort; estimates
        windows.clear()
        pages.clear()
        first = search_events(store, EventFilter(q="market", limit=5))  # no market events in the newest weeks
        assert len([w for w in windows if w]) == 2 and pages and _ids(first) == _ids(every)[:5]
        roads = search_events(store, EventFilter(q="road", limit=1000))
        windows.clear()
        pages.clear()
        deeper = search_events(store, EventFilter(q="road", limit=5, offset=10))
        assert windows[0] and not pages and _ids(deeper) == _ids(roads)[10:15]  # found in the first window
        monkeypatch.setattr(textpages, "_estimated_rows", lambda *a: 1)  # a planner that misjudges
        misjudged = search_events(store, EventFilter(q="road", limit=5, offset=10))
        assert _ids(misjudged) == _ids(roads)[10:15] and misjudged.estimated
        assert 11 < misjudged.total < 1000  # counted to 11, then the window's matches for the whole
        client = TestClient(create_app(Settings(database_url="sqlite://"), store=store))
        answer = client.get("/events", params={"q": "market", "limit": 5}).json()
        assert answer["total_estimated"] is True and len(answer["events"]) == 5
        csv = client.get("/events", params={"q": "market", "limit": 5, "format": "csv"})
        assert csv.headers["X-Total-Estimated"] == "true"
        last = client.get("/events", params={"q": "market", "limit": 5, "offset": 278}).json()
        assert last["total"] == 280 and "total_estimated" not in last  # the last page knows the end
    more = search_events(store, EventFilter(q="market", limit=5, offset=20))
    assert _ids(more) == _ids(every)[20:25]
    assert search_events(store, EventFilter(q="nothing like it")).total == 0
    if store.backend == "sqlite":  # the walk, then the sort, for the same pages
        walked = [_ids(search_events(store, EventFilter(q="road", limit=7, offset=k))) for k in (0, 50, 133)]
        monkeypatch.setattr(queries, "TEXT_WALK_FACTOR", 0)
        assert walked == [_ids(search_events(store, EventFilter(q="road", limit=7, offset=k))) for k in (0, 50, 133)]


def test_a_hyphenated_word_is_estimated_without_its_parts(postgres_server: str,  # noqa: F811
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(new_database(postgres_server))  # the planner's estimate is PostgreSQL's
    asked: list[str] = []

    def estimate(conn: object, query: object) -> int:
        asked.append(str(query))
        return 1 if len(asked) == 1 else 5000

    monkeypatch.setattr(textpages, "_estimated_rows", estimate)
    with store.engine.connect() as conn:
        flt = EventFilter(q="highway Port-au-Prince")
        found = textpages._estimated_matches(store, conn, flt, conditions(store, flt), None)
        assert found == 5000 and len(asked) == 2  # 'highway' & 'port-au-princ', without 'port', 'au', 'princ'
        asked.clear()
        plain = EventFilter(q="market Aleppo")
        assert textpages._estimated_matches(store, conn, plain, conditions(store, plain), None) == 1
        assert len(asked) == 1  # no hyphenated word: the first estimate stands
    store.close()
