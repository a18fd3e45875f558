"""The watcher's memory and its live face: a SIGKILL mid-round then a restart (nothing
lost, nothing doubled), a clean stop on SIGTERM, two watchers on one PostgreSQL store,
migration 0007, GET /events?since=, a real article coded end to end, and `serve --watch`
showing a new article's event on the map in Chromium without a reload."""
from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
from fake_pipeline import TextCodedExtractor
from news_server import NewsServer, article_html, db_rows, story, write_sources
from pg import postgres_server  # noqa: F401  (fixture)

from warmonitor.config import Settings
from warmonitor.store import Store
from warmonitor.watch import build_watcher, load_sources

FAKE = "fake_pipeline:build"


def _settings(store: Store) -> Settings:
    return Settings(database_url=str(store.engine.url))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _total(base: str) -> int | None:
    try:
        return httpx.get(base + "/health", timeout=2).json()["articles"]
    except (httpx.HTTPError, json.JSONDecodeError, KeyError):
        return None


def _wait_for(check: Any, process: subprocess.Popen, message: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if process.poll() is not None:
            pytest.fail(f"{message}: the server exited: {process.stderr.read().decode()[-2000:]}")
        if time.monotonic() > deadline:
            pytest.fail(message)
        time.sleep(0.1)


def test_sigkill_mid_round_loses_nothing_and_doubles_nothing(tmp_path: Path, site: NewsServer) -> None:
    """The watcher (a process) is killed while it waits for a slow page; a restart stores
    the rest: every article once, every URL settled, no page done before the kill fetched again."""
    count = 6
    for n in range(count):
        site.page(f"/k/{n}", story(20 + n), delay=30.0 if n == 3 else 0.0)
    site.feed("/feed.xml", [(f"/k/{n}", f"K{n}") for n in range(count)])
    sources = write_sources(tmp_path / "s.yaml", [{"name": "k", "url": site.url("/feed.xml")}], timeout=60)
    db = tmp_path / "kill.db"
    env = {**os.environ, "WARMONITOR_EXTRACTOR": FAKE, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-m", "warmonitor", "watch", str(sources), "--db", f"sqlite:///{db}"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not site.arrived("/k/3"):
            assert process.poll() is None, process.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "the watcher never asked for the slow page"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
    assert db_rows(db, "SELECT status FROM watch_urls WHERE url LIKE '%/k/3'") == [("claimed",)]
    assert db_rows(db, "SELECT count(*) FROM articles") == [(3,)]
    site.routes["/k/3"].delay = 0.0
    again = subprocess.run([*command, "--once"], env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert db_rows(db, "SELECT count(*), count(DISTINCT url) FROM articles") == [(count, count)]
    assert db_rows(db, "SELECT count(*), count(DISTINCT report_id) FROM event_reports") == [(count, count)]
    assert db_rows(db, "SELECT status, count(*) FROM watch_urls GROUP BY status") == [("done", count)]
    assert [site.arrived(f"/k/{n}") for n in range(count)] == [1, 1, 1, 2, 1, 1]
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_watch_loop_stops_cleanly_on_sigterm(tmp_path: Path, site: NewsServer) -> None:
    site.page("/t/1", story(62))
    site.feed("/feed.xml", [("/t/1", "T")])
    sources = write_sources(tmp_path / "s.yaml", [{"name": "t", "url": site.url("/feed.xml")}])
    db = tmp_path / "term.db"
    env = {**os.environ, "WARMONITOR_EXTRACTOR": FAKE, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen([sys.executable, "-m", "warmonitor", "watch", str(sources), "--db", f"sqlite:///{db}"],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(lambda: len(site.requests_to("/feed.xml")) >= 2, process, "the loop never polled twice")
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert "1 articles stored" in stderr and db_rows(db, "SELECT count(*) FROM articles") == [(1,)]


def test_events_since_gives_what_was_stored_after(tmp_path: Path, site: NewsServer) -> None:
    from fastapi.testclient import TestClient

    from warmonitor.api import create_app

    site.page("/s/1", story(31))
    site.feed("/feed.xml", [("/s/1", "One")])
    sources = write_sources(tmp_path / "s.yaml", [{"name": "s", "url": site.url("/feed.xml")}])
    store = Store.open(f"sqlite:///{tmp_path / 'since.db'}")
    watcher = build_watcher(store, load_sources(sources), _settings(store), extractor=TextCodedExtractor())
    watcher.run_round()
    middle = datetime.now(timezone.utc)
    site.page("/s/2", story(32))
    site.feed("/feed.xml", [("/s/1", "One"), ("/s/2", "Two")])
    watcher.run_round()
    watcher.close()
    with TestClient(create_app(store=store)) as client:
        assert client.get("/events").json()["total"] == 2
        later = client.get("/events", params={"since": middle.isoformat()}).json()
        assert [e["article"]["url"] for e in later["events"]] == [site.url("/s/2")]
        future = (middle + timedelta(days=1)).isoformat()
        assert client.get("/events", params={"since": future}).json()["total"] == 0
        assert client.get("/events", params={"since": "yesterday"}).status_code == 422


@pytest.mark.model
def test_a_real_article_is_coded_end_to_end(tmp_path: Path, site: NewsServer, pipeline: Any) -> None:
    site.page("/real", article_html("Shelling kills four in Saraqeb", [
        "Syrian government forces shelled the eastern districts of Saraqeb on Wednesday, killing four "
        "civilians, the Syrian Observatory for Human Rights said.",
        "The town in Idlib province has changed hands several times this year."]))
    site.feed("/feed.xml", [("/real", "Shelling kills four in Saraqeb")])
    sources = write_sources(tmp_path / "s.yaml", [{"name": "real", "url": site.url("/feed.xml"),
                                                    "outlet": "Example Wire"}])
    store = Store.open(f"sqlite:///{tmp_path / 'real.db'}")
    watcher = build_watcher(store, load_sources(sources), _settings(store), extractor=pipeline)
    report = watcher.run_round()
    watcher.close()
    assert report.total("stored") == 1 and report.total("events") >= 1
    from warmonitor.store.queries import iter_events
    from warmonitor.store import EventFilter

    (event, *_) = [e for e in iter_events(store, EventFilter()) if e["event"] == "ASSAULT"]
    assert event["event_loc"]["name"] in ("Saraqib", "Saraqeb") and event["dead"] == 4
    assert event["article"]["title"] == "Shelling kills four in Saraqeb"
    assert event["article"]["published"] == "2020-02-06"


def test_two_watchers_sharing_postgresql_fetch_and_store_each_page_once(
        tmp_path: Path, site: NewsServer, postgres_server: str) -> None:
    """Two watchers (each its own store connection, as two machines) run a round at the same
    time over the same sources: every page is fetched once and stored once."""
    from pg import new_database

    count = 12
    for n in range(count):
        site.page(f"/pg/{n}", story(50 + n), delay=0.05)
    site.feed("/feed.xml", [(f"/pg/{n}", f"P{n}") for n in range(count)])
    sources = load_sources(write_sources(tmp_path / "s.yaml", [{"name": "pg", "url": site.url("/feed.xml")}]))
    url = new_database(postgres_server)
    stores = [Store.open(url), Store.open(url)]
    watchers = [build_watcher(store, sources, _settings(store), extractor=TextCodedExtractor())
                for store in stores]
    reports: list[Any] = []
    threads = [threading.Thread(target=lambda w=watcher: reports.append(w.run_round())) for watcher in watchers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(report.total("stored") for report in reports) == count
    assert [site.arrived(f"/pg/{n}") for n in range(count)] == [1] * count
    assert stores[0].counts()["articles"] == count and stores[0].report_count() == count
    from warmonitor.watch.state import list_sources

    (listed,) = list_sources(stores[0])
    assert listed["new_articles"] == count and listed["waiting"] == 0 and listed["polls"] == 2
    for watcher, store in zip(watchers, stores):
        watcher.close()
        store.close()


def test_migration_0007_goes_down_and_up(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from warmonitor.store.engine import alembic_config, migrate

    store = Store.open(f"sqlite:///{tmp_path / 'm.db'}")
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0006")
    assert "watch_urls" not in inspect(store.engine).get_table_names()
    migrate(store.engine)
    assert {"watch_sources", "watch_urls"} <= set(inspect(store.engine).get_table_names())


def test_serve_watch_shows_a_new_article_on_the_map_without_reload(
        tmp_path: Path, site: NewsServer, browser: Any) -> None:
    site.page("/live/1", story(40))
    site.feed("/feed.xml", [("/live/1", "First")])
    sources = write_sources(tmp_path / "s.yaml", [{"name": "live", "url": site.url("/feed.xml")}])
    port = _free_port()
    env = {**os.environ, "WARMONITOR_EXTRACTOR": FAKE, "PYTHONPATH": os.pathsep.join(sys.path)}
    server = subprocess.Popen([sys.executable, "-m", "warmonitor", "serve", "--watch", str(sources),
                               "--port", str(port), "--db", f"sqlite:///{tmp_path / 'live.db'}"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(lambda: _total(base) == 1, server, "the first article was never stored")
        page = browser.new_page()
        page.goto(base + "/?live=300")
        page.wait_for_selector(".event-item", timeout=15_000)
        assert page.locator(".event-item").count() == 1
        page.evaluate("window.__sameDocument = true")
        site.page("/live/2", story(47))
        site.feed("/feed.xml", [("/live/1", "First"), ("/live/2", "Second")])
        page.wait_for_selector(".event-item.new", timeout=20_000)
        assert page.locator(".event-item").count() == 2
        assert page.evaluate("window.__sameDocument") is True  # no reload
        new_markers = page.evaluate("window.warmonitorMarkers.getLayers()"
                                    ".filter(m => /wm-new/.test(m.options.icon.options.className)).length")
        assert new_markers == 1
        assert "new" in page.locator("#status").inner_text()
        page.close()
        sources_json = httpx.get(base + "/sources").json()["sources"]
        assert sources_json[0]["new_articles"] == 2
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            pytest.fail("serve --watch did not stop on SIGINT")
    assert server.returncode == 0, server.stderr.read().decode()[-2000:]
