"""The web page, in a real headless Chromium driven by Playwright, over a real HTTP server.

The server is a stdlib fixture that answers the API's JSON (/events, /events/{id},
/stats/timeline, /actors, /health) from invented records around Saraqeb, Syria and elsewhere,
and serves the page with a strict Content-Security-Policy. The tests assert what a person sees:
markers near Saraqeb, the card's sentence, a filter that changes the list, a brushed timeline.
Without Chromium they skip, except under CI=true where they fail.
"""
from __future__ import annotations

import base64
import json
import mimetypes
import os
import re
import threading
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from live_server import serve_app

from warmonitor.models import Article, DateSpan, Entity, Event, Place
from warmonitor.web import index_path, static_dir

ARTIFACTS = Path(__file__).parent / "artifacts"
SARAQEB = (35.864, 36.806)
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'")

PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")

SYR_ARMY = Entity("Syrian government forces", "Military Forces of Syria", "SYR", "MIL")
REBELS = Entity("Turkish-backed rebels", "Syrian National Army", "SYR", "REB")
CIVILIANS = Entity("civilians", None, "SYR", "CVL")
RUS_AIR = Entity("Russian warplanes", "Military Forces of Russia", "RUS", "MIL")
TURKEY = Entity("Turkey", "Turkey", "TUR", "GOV")
ERDOGAN = Entity("Erdogan", "Recep Tayyip Erdogan", "TUR", "GOV")
DAMASCUS = Entity("Damascus", "Government of Syria", "SYR", "GOV")
SARAQEB_PLACE = Place("Saraqeb", "Saraqib", 169304, "SY", "Idlib", SARAQEB[0], SARAQEB[1], "point")
SARAQEB_WEST = Place("Saraqeb", "Saraqib", 169304, "SY", "Idlib", 35.871, 36.795, "near")
SARAQEB_EAST = Place("Saraqeb", "Saraqib", 169304, "SY", "Idlib", 35.858, 36.817, "near")

# (category, mode, trigger, day, actors, recipients, place, dead, sentence, attribution, title)
CASES: list[tuple[Any, ...]] = [
    ("ASSAULT", "heavy-weapons", "shelled", date(2020, 2, 5), (SYR_ARMY,), (CIVILIANS,), SARAQEB_PLACE, 4,
     "Syrian government forces shelled the eastern districts of Saraqeb on Wednesday, killing four "
     "civilians, the Syrian Observatory for Human Rights said.",
     ("Syrian Observatory for Human Rights",), "Shelling kills four in Saraqeb"),
    ("ASSAULT", "firearms", "battled", date(2020, 2, 6), (REBELS,), (SYR_ARMY,), SARAQEB_WEST, None,
     "Turkish-backed rebels battled regime troops on the outskirts of Saraqeb overnight.",
     (), "Rebels fight for Saraqeb"),
    ("ASSAULT", "aerial", "struck", date(2020, 2, 6), (RUS_AIR,), (CIVILIANS,), SARAQEB_EAST, 0,
     "Russian warplanes struck a market near Saraqeb on Thursday, wounding at least a dozen "
     "people, rescuers said.", ("rescuers",), "Air strike on market"),
    ("MOBILIZE", None, "sent a convoy", date(2020, 2, 7), (TURKEY,), (), SARAQEB_PLACE, None,
     "Turkey sent a convoy of armoured vehicles toward Saraqeb on Friday.", (), "Turkish convoy heads south"),
    ("THREATEN", None, "warned", date(2020, 2, 4), (ERDOGAN,), (DAMASCUS,), SARAQEB_PLACE, None,
     "Erdogan warned Damascus that Turkish forces would strike back if the posts near Saraqeb "
     "were attacked again.", (), "Erdogan warns Damascus"),
    ("CONSULT", None, "met", date(2020, 2, 8), (Entity("Russian and Turkish officials", None, "RUS", "GOV"),),
     (), Place("Ankara", "Ankara", 323786, "TR", "Ankara", 39.920, 32.854, "point"), None,
     "Russian and Turkish officials met in Ankara on Saturday to discuss the fighting in Idlib.",
     (), "Talks in Ankara"),
    ("PROTEST", "demonstrate", "demonstrated", date(2020, 1, 19), (Entity("Hundreds of people", None, "UKR", "CVL"),),
     (), Place("Kyiv", "Kyiv", 703448, "UA", "Kyiv City", 50.450, 30.524, "point"), None,
     "Hundreds of people demonstrated in Kyiv on Sunday against the new land law.", (), "Kyiv protest"),
    ("ASSAULT", "explosives", "killed", date(2020, 1, 27), (Entity("A roadside bomb"),),
     (Entity("three soldiers", "Military Forces of Mali", "MLI", "MIL"),),
     Place("Kidal", "Kidal", 2455290, "ML", "Kidal", 18.441, 1.408, "near"), 3,
     "A roadside bomb killed three soldiers near Kidal in northern Mali on Monday, the army said.",
     ("the army",), "Bomb kills soldiers <img src=x onerror=\"window.__xss=1\">"),
    ("REQUEST", None, "called for", date(2020, 2, 10), (Entity("The United Nations", "United Nations", "IGO", "IGO"),),
     (), Place("northwest Syria", "Syria", 163843, "SY", None, 35.0, 38.0, "country"), None,
     "The United Nations called for an immediate ceasefire in northwest Syria.", (), "UN calls for ceasefire"),
    ("ACCUSE", None, "accused", date(2020, 2, 5), (DAMASCUS,), (Entity("Ankara", "Government of Turkey", "TUR", "GOV"),),
     None, None, "Damascus accused Ankara of arming terrorists.", (), "Damascus accuses Ankara"),
]


def build_events() -> list[Event]:
    """The invented events, one article each (published the week after)."""
    built = []
    for n, case in enumerate(CASES):
        category, mode, trigger, day, actors, recipients, place, dead, sentence, sources, title = case
        article = Article(f"a{n}", sentence, date(2020, 2, 11), "Example Wire",
                          f"https://news.example.org/{n}", title,
                          filed_from="BEIRUT, Lebanon" if n == 0 else None, filed_by="AP" if n == 0 else None)
        event = Event(event=category, mode=mode, event_text=trigger, actor=actors, recipient=recipients,
                      date=DateSpan(day, None, "day", "on Wednesday"), event_loc=place, dead=dead,
                      text=sentence, attribution=sources, article=article, confidence=0.8)
        built.append(event.with_stable_id())
    return built


EVENTS = build_events()
RECORDS = [event.to_dict() for event in EVENTS]
ALPHA3 = {"SYR": "SY", "TUR": "TR", "UKR": "UA", "MLI": "ML"}


def select_records(query: dict[str, list[str]], *, with_dates: bool = True) -> list[dict[str, Any]]:
    """The records the API would answer for these query parameters (a subset of its filters)."""
    def one(name: str) -> str:
        return (query.get(name) or [""])[0]

    wanted = {c.upper() for value in query.get("category", []) for c in value.split(",") if c}
    country = ALPHA3.get(one("country").upper(), one("country").upper())
    chosen = []
    for record in RECORDS:
        entities = record["actor"] + record["recipient"]
        names = " ".join(f"{e['entity_text']} {e['name'] or ''}" for e in entities)
        place = record["event_loc"] or {}
        if (wanted and record["event"] not in wanted) \
                or (country and place.get("country_code") != country) \
                or (one("actor") and one("actor").lower() not in names.lower()) \
                or (one("q") and one("q").lower() not in record["text"].lower()) \
                or (one("min_dead") and (record["dead"] or 0) < int(one("min_dead"))) \
                or (with_dates and one("start") and record["date"] < one("start")) \
                or (with_dates and one("end") and record["date"] > one("end")):
            continue
        chosen.append(record)
    sort = one("sort") or "-date"
    key = "dead" if "dead" in sort else "date"
    return sorted(chosen, key=lambda r: (r[key] or 0) if key == "dead" else r[key],
                  reverse=sort.startswith("-"))


def timeline(query: dict[str, list[str]]) -> dict[str, Any]:
    """Per-day buckets of the selected records, as GET /stats/timeline answers."""
    per_day: dict[str, Counter[str]] = {}
    for record in select_records(query, with_dates=False):
        per_day.setdefault(record["date"], Counter())[record["event"]] += 1
    buckets = [{"date": day, "total": sum(counts.values()), "counts": dict(counts)}
               for day, counts in sorted(per_day.items())]
    return {"interval": "day", "buckets": buckets}


class FixtureAPI(BaseHTTPRequestHandler):
    """Answers the API's JSON from RECORDS and serves the page from the package."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet test output
        return

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if url.path == "/":
            return self.send(200, index_path().read_bytes(), "text/html; charset=utf-8")
        if url.path.startswith("/static/"):
            return self.send_static(unquote(url.path[len("/static/"):]))
        if url.path == "/health":
            return self.send_json({"status": "ok", "events": len(RECORDS), "articles": len(RECORDS),
                                   "database": "sqlite"})
        if url.path == "/events":
            chosen = select_records(query)
            limit, offset = int(query.get("limit", ["100"])[0]), int(query.get("offset", ["0"])[0])
            return self.send_json({"total": len(chosen), "limit": limit, "offset": offset,
                                   "events": chosen[offset:offset + limit]})
        if url.path.startswith("/events/"):
            found = [r for r in RECORDS if r["id"] == url.path[len("/events/"):]]
            if not found:
                return self.send_json({"detail": "no such event"}, 404)
            record = found[0]
            source = {"article": record["article"], "text": record["text"],
                      "attribution": record["attribution"]}
            return self.send_json({**record, "sources": [source]})
        if url.path == "/stats/timeline":
            return self.send_json(timeline(query))
        if url.path == "/actors":
            actor = {"name": "Military Forces of Syria", "code": "SYR", "sector": "MIL", "events": 2}
            return self.send_json({"actors": [actor]})
        return self.send_json({"detail": "not found"}, 404)

    def send_static(self, relative: str) -> None:
        path = (static_dir() / relative).resolve()
        if not path.is_file() or static_dir().resolve() not in path.parents:
            return self.send_json({"detail": "not found"}, 404)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.send(200, path.read_bytes(), kind)

    def send_json(self, payload: Any, status: int = 200) -> None:
        self.send(status, json.dumps(payload).encode("utf-8"), "application/json")

    def send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", CSP)
        self.end_headers()
        self.wfile.write(body)


# ---- static checks (no browser) --------------------------------------------------------------

class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []
        self.inline_scripts = 0
        self.handlers: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        if tag == "script":
            self._in_script = True
            self.inline_scripts += 0 if values.get("src") else 1
        for name in ("src", "href"):
            if values.get(name) and tag in ("script", "link"):
                self.assets.append(values[name] or "")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data: str) -> None:
        self.inline_scripts += 1 if self._in_script and data.strip() else 0


def parse_page() -> _PageParser:
    parser = _PageParser()
    parser.feed(index_path().read_text(encoding="utf-8"))
    return parser


def test_page_has_no_inline_script_and_local_assets() -> None:
    page = parse_page()
    assert page.inline_scripts == 0 and page.handlers == []
    assert len(page.assets) >= 8
    for asset in page.assets:
        assert not re.match(r"^(https?:)?//", asset), f"{asset} is not served by the package"
        assert (static_dir().parent / asset).is_file(), f"{asset} is missing"


@pytest.mark.parametrize("vendored", [
    "vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css", "vendor/leaflet/images/marker-icon.png",
    "vendor/leaflet.markercluster/leaflet.markercluster.js",
    "vendor/leaflet.markercluster/MarkerCluster.css",
    "vendor/topojson-client/topojson-client.min.js", "vendor/world-atlas/countries-110m.json",
])
def test_vendored_file_is_there(vendored: str) -> None:
    assert (static_dir() / vendored).stat().st_size > 500


@pytest.mark.parametrize("script", ["app.js", "timeline.js", "card.js", "offline.js"])
def test_script_never_writes_html(script: str) -> None:
    source = (static_dir() / script).read_text(encoding="utf-8")
    source = re.sub(r"^\s*//.*$", "", re.sub(r"/\*.*?\*/", "", source, flags=re.S), flags=re.M)
    assert "window.Warmonitor" in source or "window.warmonitor" in source
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source, f"{script} uses {sink}"


# ---- the page in a real browser ----------------------------------------------------------------


class HandBuiltExtractor:
    """Stands in for the pipeline: hands the store each article's invented event."""

    def extract_article(self, article: Article) -> list[Event]:
        return [event for event in EVENTS if event.article and event.article.id == article.id]


def serve_fixture() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FixtureAPI)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def serve_api(folder: Path) -> Iterator[str]:
    """The project's own app (warmonitor.api) over a SQLite store filled with EVENTS, on uvicorn."""
    uvicorn = pytest.importorskip("uvicorn")
    from warmonitor.api import create_app
    from warmonitor.config import Settings
    from warmonitor.store import Store, ingest_article

    url = f"sqlite:///{folder / 'web.db'}"
    store = Store.open(url)
    for event in EVENTS:
        assert ingest_article(store, event.article, HandBuiltExtractor()).status == "ok"
    # The app sends its own Content-Security-Policy (api/security.py), as strict as CSP.
    app = create_app(Settings(database_url=url), store=store, protect_reads=False)

    yield from serve_app(app)
    store.close()


@pytest.fixture(scope="module", params=["fixture-server", "warmonitor-api"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The page and its JSON over real HTTP: a stdlib fixture server, and the project's API."""
    if request.param == "fixture-server":
        yield from serve_fixture()
    else:
        yield from serve_api(tmp_path_factory.mktemp("web"))



@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    """The page loaded with its events drawn; records every request and every page error."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.requests, tab.problems = [], []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("pageerror", lambda error: tab.problems.append(f"page error: {error}"))
    tab.on("console", lambda msg: tab.problems.append(msg.text) if msg.type == "error" else None)
    tab.goto(server + "/")
    tab.wait_for_selector(".event-item")
    tab.wait_for_selector(".leaflet-marker-icon")
    yield tab
    context.close()


def wait_for_list(tab: Any, count: int) -> None:
    """Wait until the event list shows `count` events (Playwright's expect, which needs no eval)."""
    from playwright.sync_api import expect

    expect(tab.locator(".event-item")).to_have_count(count)


def list_categories(tab: Any) -> list[str]:
    return tab.locator(".event-item .badge").all_text_contents()


def test_markers_appear_near_saraqeb(page: Any, server: str) -> None:
    near = page.evaluate("""([lat, lon]) => {
        const map = window.warmonitorMap, group = window.warmonitorMarkers;
        const close = group.getLayers().filter((m) => m.getLatLng().distanceTo([lat, lon]) < 5000);
        const target = map.latLngToContainerPoint([lat, lon]);
        const box = map.getContainer().getBoundingClientRect();
        const icons = [...document.querySelectorAll('.wm-marker, .wm-cluster')].filter((icon) => {
            const r = icon.getBoundingClientRect();
            const dx = r.left + r.width / 2 - box.left - target.x, dy = r.top + r.height / 2 - box.top - target.y;
            return Math.hypot(dx, dy) < 30;
        });
        const borders = document.querySelectorAll('.leaflet-borders-pane path').length;
        return {markers: close.length, icons: icons.length, borders: borders};
    }""", list(SARAQEB))
    saraqeb_events = sum(1 for r in RECORDS if r["event_loc"] and r["event_loc"]["place_text"] == "Saraqeb")
    assert near["markers"] == saraqeb_events == 5
    assert near["icons"] >= 1, "no marker or cluster is drawn at Saraqeb"
    assert near["borders"] > 100, "the country borders are not drawn"
    assert page.locator(".leaflet-tile").count() == 0
    assert all(url.startswith(server) for url in page.requests), "the page asked another host"
    assert page.problems == []


def test_clicking_an_event_shows_its_card(page: Any) -> None:
    shelling = next(r for r in RECORDS if r["event_text"] == "shelled")
    page.locator(".event-item", has_text="Military Forces of Syria → civilians").locator("button").click()
    card = page.locator("#card")
    card.wait_for(state="visible")
    assert shelling["text"] == card.locator(".sentence").text_content()
    assert card.locator(".sentence mark").all_text_contents() == ["shelled"]
    text = card.text_content()
    for shown in ("Syrian government forces", "SYR · MIL", "2020-02-05", "precision: day",
                  "Saraqib, Idlib, SY", "precision: point", "dead: 4", "Syrian Observatory for Human Rights",
                  "Shelling kills four", "filed from BEIRUT, Lebanon by AP"):
        assert shown in text
    assert card.locator("a.source-title").get_attribute("href") == shelling["article"]["url"]
    assert page.locator(".event-item.selected").count() == 1
    page.wait_for_selector(".wm-marker.selected")
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(800)  # let the cluster finish opening before the picture
    page.screenshot(path=str(ARTIFACTS / "web.png"))
    assert page.problems == []


@pytest.mark.parametrize("category", ["ASSAULT", "PROTEST"])
def test_category_filter_changes_the_list(page: Any, category: str) -> None:
    expected = sum(1 for r in RECORDS if r["event"] == category)
    assert len(list_categories(page)) == len(RECORDS)
    page.click("#f-cat-none")
    page.wait_for_selector(".event-item", state="detached")
    page.check(f"#f-categories input[value={category}]")
    wait_for_list(page, expected)
    assert set(list_categories(page)) == {category.lower()}
    located = sum(1 for r in RECORDS if r["event"] == category and r["event_loc"])
    assert page.evaluate("window.warmonitorMarkers.getLayers().length") == located
    assert f"category={category}" in page.url


def test_brushing_the_timeline_narrows_the_dates(page: Any) -> None:
    page.wait_for_selector("#timeline .bar")
    first = page.locator('#timeline .bar[data-date="2020-02-05"] rect').first.bounding_box()
    last = page.locator('#timeline .bar[data-date="2020-02-07"] rect').first.bounding_box()
    y = first["y"] + first["height"] / 2
    page.mouse.move(first["x"] + 1, y)
    page.mouse.down()
    page.mouse.move(last["x"] + last["width"] / 2, y, steps=5)
    page.mouse.up()
    expected = sorted(r["date"] for r in RECORDS if "2020-02-05" <= r["date"] <= "2020-02-07")
    wait_for_list(page, len(expected))
    assert page.input_value("#f-start") == "2020-02-05" and page.input_value("#f-end") == "2020-02-07"
    assert sorted(page.locator(".event-date").all_text_contents()) == expected
    page.click("#timeline-clear")
    wait_for_list(page, len(RECORDS))


def test_untrusted_text_stays_text(page: Any) -> None:
    bomb = next(r for r in RECORDS if "<img" in r["article"]["title"])
    page.locator(".event-item", has_text="Kidal").locator("button").click()
    page.locator("#card").wait_for(state="visible")
    assert page.locator("#card a.source-title").text_content() == bomb["article"]["title"]
    assert page.locator("#card img").count() == 0
    assert page.evaluate("window.__xss") is None


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("#f-country", "ML", 1),
    ("#f-country", "SYR", 6),
    ("#f-q", "Saraqeb", 5),
    ("#f-min-dead", "3", 2),
    ("#f-actor", "Turk", 4),
])
def test_filter_fields_narrow_the_list(page: Any, field: str, value: str, expected: int) -> None:
    page.fill(field, value)
    page.press(field, "Enter")
    wait_for_list(page, expected)
    assert page.locator("#status").text_content() == f"Showing {expected} of {expected} events"


def test_url_filters_and_tile_setting(browser: Any, server: str) -> None:
    """Filters come from the page URL; ?tiles= adds a tile layer (served here by the test)."""
    context = browser.new_context()
    tab = context.new_page()
    tab.route(lambda url: urlparse(url).path.startswith("/tiles/"),
              lambda route: route.fulfill(status=200, content_type="image/png", body=PIXEL_PNG))
    tab.goto(server + "/?category=PROTEST&tiles=/tiles/{z}/{x}/{y}.png")
    wait_for_list(tab, 1)
    assert list_categories(tab) == ["protest"]
    assert tab.locator("#f-categories input:checked").count() == 1
    tab.wait_for_selector(".leaflet-tile-loaded")
    context.close()
