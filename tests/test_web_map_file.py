"""`warmonitor map`: the stored events as one self-contained HTML file, opened from disk in
a real headless Chromium with every network request refused: all the events are on the map
and in the list, a card opens with its sentence, the timeline draws its bars."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_web import EVENTS, RECORDS, HandBuiltExtractor

from warmonitor.cli import cli
from warmonitor.store import Store, ingest_article
from warmonitor.web.standalone import render_map


@pytest.fixture(scope="module")
def map_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("map")
    url = f"sqlite:///{folder / 'map.db'}"
    store = Store.open(url)
    for event in EVENTS:
        assert ingest_article(store, event.article, HandBuiltExtractor()).status == "ok"
    store.close()
    output = folder / "map.html"
    result = CliRunner().invoke(cli, ["map", "--db", url, "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert str(output.resolve()) in result.output
    return output


def test_map_file_holds_every_asset(map_file: Path) -> None:
    html = map_file.read_text(encoding="utf-8")
    markup = re.sub(r"<(script|style)>.*?</\1>", "", html, flags=re.S)
    assert "<script>" in html and not re.search(r"(src|href)=", markup)
    assert "window.WARMONITOR_DATA" in html and "L.map(" in html
    assert all(record["id"] in html for record in RECORDS)


def test_event_text_cannot_end_the_script() -> None:
    record = dict(RECORDS[0], text="</script><script>alert(1)</script>")
    html = render_map([record])
    assert "</script><script>alert(1)" not in html


def test_map_file_opens_offline_with_all_events(browser: Any, map_file: Path) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    refused: list[str] = []

    def only_the_file(route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_file)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    tab.goto(map_file.as_uri())
    tab.wait_for_selector(".leaflet-marker-icon")
    from playwright.sync_api import expect

    expect(tab.locator(".event-item")).to_have_count(len(EVENTS))
    placed = sum(1 for r in RECORDS if (r.get("event_loc") or {}).get("lat") is not None)
    assert tab.evaluate("window.warmonitorMarkers.getLayers().length") == placed
    tab.wait_for_selector("#timeline .bar")
    assert tab.locator(".leaflet-borders-pane path").count() > 100  # the country borders
    shelling = next(r for r in RECORDS if r["event_text"] == "shelled")
    tab.locator(".event-item", has_text="Military Forces of Syria → civilians").locator("button").click()
    card = tab.locator("#card")
    card.wait_for(state="visible")
    assert card.locator(".sentence").text_content() == shelling["text"]
    tab.locator("#f-cat-none").click()
    expect(tab.locator(".event-item")).to_have_count(0)
    tab.locator("#f-cat-all").click()
    expect(tab.locator(".event-item")).to_have_count(len(EVENTS))
    assert refused == [] and problems == []
    context.close()
