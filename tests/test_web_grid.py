"""The web page over the real API on a store with more events than the page fetches (1,000):
it draws the server's cluster counts (GET /map/clusters) for the view, fetched again when the
view moves, and a lone event's cell opens its card."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from event_factory import ALEPPO, MOSUL, SARAQEB, make_article, make_event
from live_server import serve_app

from warmonitor.store import Store
from warmonitor.store.bulk import bulk_load

EVENTS = 1200


def _items() -> Iterator[tuple[Any, list[dict[str, Any]]]]:
    for n in range(EVENTS):
        article = make_article(f"grid{n}", f"Grid story {n}.")
        place = (SARAQEB, ALEPPO, MOSUL)[n % 3] if n else MOSUL.__class__(
            "Gao", "Gao", 2457163, "ML", "Gao", 16.27, -0.04, "point")
        event = make_event(article, day=date(2020, 1, 1) + timedelta(days=n % 300), place=place,
                           text=f"Shelling number {n}.")
        yield article, [event.to_dict()]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from warmonitor.api import create_app
    from warmonitor.config import Settings

    url = f"sqlite:///{Path(tmp_path_factory.mktemp('grid')) / 'grid.db'}"
    store = Store.open(url)
    bulk_load(store, _items(), expected_events=EVENTS)
    yield from serve_app(create_app(Settings(database_url=url), store=store, protect_reads=False))
    store.close()


def test_a_big_store_is_drawn_as_server_clusters(browser: Any, server: str) -> None:
    from playwright.sync_api import expect

    tab = browser.new_page(viewport={"width": 1400, "height": 900})
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    with tab.expect_response(lambda r: "/map/clusters?" in r.url) as first:
        tab.goto(server + "/")
    assert first.value.ok
    expect(tab.locator("#status")).to_contain_text(f"Showing 1000 of {EVENTS}")
    labels = tab.locator(".wm-cluster").all_text_contents()
    assert sum(int(label) for label in labels) == EVENTS  # every event in a drawn cluster
    assert tab.locator(".wm-marker").count() == 0
    with tab.expect_response(lambda r: "/map/clusters?" in r.url and "zoom=9" in r.url):
        tab.evaluate("window.warmonitorMap.setView([16.27, -0.04], 9, {animate: false})")
    lone = tab.locator(".wm-cluster", has_text="1")
    expect(lone).to_have_count(1)
    with tab.expect_response(lambda r: "/map/clusters?" in r.url and "zoom=11" in r.url):
        lone.click()  # a cell of the stored counts knows no id: a click zooms in
    with tab.expect_response(lambda r: "/map/clusters?" in r.url and "zoom=13" in r.url):
        tab.evaluate("window.warmonitorMap.setZoom(13, {animate: false})")
    expect(lone).to_have_count(1)
    lone.click()  # closer, the cells are counted from the events and a lone one opens its card
    tab.locator("#card").wait_for(state="visible")
    assert "Shelling number 0." in tab.locator("#card").text_content()
    assert problems == []
    tab.close()
