"""The HTTP API (in-process and over a real uvicorn server on loopback) and the store's CLI
commands: ingest, GET /events?country=SY, formats, tokens, POST /articles, export round-trip."""
from __future__ import annotations

import csv
import io
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import click
import httpx
import pytest
from click.testing import CliRunner
from event_factory import FakeExtractor, make_article, make_event, standard_events

from warmonitor.cli import store as cli_store
from warmonitor.api import create_app
from warmonitor.config import Settings
from warmonitor.errors import ExtractionError
from warmonitor.store.export import ACLED_COLUMNS, read_jsonl
from warmonitor.models import Article, Event
from warmonitor.store import Store, ingest_article

TOKEN = "s3cret-token"

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette nudges toward httpx2; httpx works
    from fastapi.testclient import TestClient


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(f"sqlite:///{tmp_path / 'api.db'}")
    extractor = standard_events()
    for article_id in ("a1", "a2", "a3"):
        ingest_article(opened, make_article(article_id), extractor)
    return opened


@pytest.fixture
def extractor() -> FakeExtractor:
    article = make_article("new")
    return FakeExtractor({"new": [make_event(article)]}, failing={"bad"})


@pytest.fixture
def client(store: Store, extractor: FakeExtractor) -> TestClient:
    settings = Settings(database_url="sqlite://", token=TOKEN)
    return TestClient(create_app(settings, store=store, pipeline=extractor))


def test_health(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok", "events": 4, "articles": 3,
                                            "database": "sqlite"}


@pytest.mark.parametrize("query, first_words, total", [
    ("country=SY", ["Rebel", "Syrian", "Turkish"], 3),
    ("country=SYR&category=ASSAULT", ["Rebel", "Syrian"], 2),
    ("category=ASSAULT,PROTEST&sort=date", ["Hundreds", "Rebel", "Syrian"], 3),
    ("category=REQUEST&category=PROTEST", ["Hundreds", "Turkish"], 2),
    ("start=2020-02-06&end=2020-02-28", ["Rebel"], 1),
    ("bbox=36.5,35.5,37.0,36.0", ["Syrian", "Turkish"], 2),
    ("actor=rebel", ["Rebel"], 1),
    ("actor_code=TUR", ["Turkish"], 1),
    ("actor_sector=PRO", ["Hundreds"], 1),
    ("q=clashed", ["Rebel"], 1),
    ("min_dead=1&admin1=Idlib", ["Syrian"], 1),
    ("acled_type=Protests", ["Hundreds"], 1),
    ("limit=1&sort=-dead", ["Rebel"], 4),
])
def test_events_filters(client: TestClient, query: str, first_words: list[str], total: int) -> None:
    answer = client.get(f"/events?{query}")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["total"] == total
    assert sorted(e["text"].split()[0] for e in body["events"]) == first_words


@pytest.mark.parametrize("query", [
    "sort=size", "limit=0", "limit=5000", "category=FIGHT", "country=XX", "bbox=1,2,3",
    "start=yesterday", "min_dead=-1", "format=xml",
])
def test_bad_queries_are_client_errors(client: TestClient, query: str) -> None:
    answer = client.get(f"/events?{query}")
    assert answer.status_code in (400, 422) and answer.json()["detail"]


def test_geojson_and_csv(client: TestClient) -> None:
    collection = client.get("/events?country=SY&format=geojson").json()
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 3
    point = collection["features"][0]["geometry"]
    assert point["type"] == "Point" and 36 < point["coordinates"][0] < 38
    answer = client.get("/events?country=SY&format=csv")
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.text)))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows) == 4


def test_event_detail_with_sources(client: TestClient) -> None:
    event_id = client.get("/events?q=shelled").json()["events"][0]["id"]
    record = client.get(f"/events/{event_id}").json()
    assert record["id"] == event_id and record["event"] == "ASSAULT"
    source = record["sources"][0]
    assert source["article"]["id"] == "a1" and "shelled Saraqeb" in source["text"]
    assert source["attribution"] == ["a monitoring group"]
    assert client.get("/events/nope").status_code == 404


def test_actors_and_timeline(client: TestClient) -> None:
    actors = client.get("/actors?q=syria").json()["actors"]
    assert actors[0] == {"name": "Military Forces of Syria", "code": "SYR", "sector": "MIL",
                         "events": 3}
    weeks = client.get("/stats/timeline?interval=week&country=SY").json()
    assert weeks["interval"] == "week"
    assert [(b["date"], b["counts"]) for b in weeks["buckets"]] == [
        ("2020-02-03", {"ASSAULT": 1, "REQUEST": 1}), ("2020-02-10", {"ASSAULT": 1})]
    assert client.get("/stats/timeline?interval=month").status_code == 422


@pytest.mark.parametrize("headers, status", [
    ({}, 401),
    ({"Authorization": "Bearer wrong"}, 401),
    ({"Authorization": f"Basic {TOKEN}"}, 401),
    ({"Authorization": f"Bearer {TOKEN}"}, 200),
])
def test_post_needs_the_token(client: TestClient, headers: dict, status: int) -> None:
    answer = client.post("/articles", json={"id": "new", "text": "Shelling hit Saraqeb."},
                         headers=headers)
    assert answer.status_code == status


def test_post_one_and_a_batch(client: TestClient, extractor: FakeExtractor) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    one = client.post("/articles", headers=auth, json={
        "id": "new", "text": make_article("new").text, "published": "2020-02-06"}).json()
    (result,) = one["articles"]
    assert result["status"] == "ok" and result["events"][0]["event"] == "ASSAULT"
    batch = client.post("/articles", headers=auth, json={"articles": [
        {"id": "new", "text": make_article("new").text},
        {"id": "bad", "text": "Something that cannot be coded."},
    ]}).json()["articles"]
    assert [(r["id"], r["status"], r["duplicate"]) for r in batch] == [
        ("new", "ok", True), ("bad", "failed", False)]
    assert "cannot code" in batch[1]["error"] and extractor.calls == ["new", "bad"]
    assert client.get("/health").json()["articles"] == 5
    assert client.post("/articles", headers=auth, json={"title": "no text"}).status_code == 422


def test_post_html_is_stored_raw(client: TestClient, store: Store) -> None:
    html = ("<html><head><title>Shelling</title></head><body><article><p>"
            + make_article("new").text + "</p><p>More fighting was reported.</p></article></body></html>")
    answer = client.post("/articles", headers={"Authorization": f"Bearer {TOKEN}"},
                         json={"id": "new", "html": html})
    assert answer.json()["articles"][0]["status"] == "ok"
    from warmonitor.store import get_article

    stored = get_article(store, "new")
    assert stored.raw_format == "html" and stored.raw == html and "Saraqeb" in stored.text


def test_writes_disabled_without_token_and_reads_protected_on_request(store: Store) -> None:
    open_reads = TestClient(create_app(Settings(token=None), store=store))
    assert open_reads.post("/articles", json={"text": "x"}).status_code == 403
    closed = TestClient(create_app(Settings(token=TOKEN), store=store, protect_reads=True))
    assert closed.get("/events").status_code == 401
    assert closed.get("/events", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert closed.get("/health").status_code == 200


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/events", "/events/{event_id}", "/actors", "/stats/timeline", "/health",
            "/articles"} <= set(paths)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def live_server(store: Store, extractor: FakeExtractor) -> Iterator[str]:
    import uvicorn

    app = create_app(Settings(token=TOKEN), store=store, pipeline=extractor)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_real_server_on_loopback(live_server: str) -> None:
    with httpx.Client(base_url=live_server, timeout=10) as http:
        assert http.get("/health").json()["status"] == "ok"
        syria = http.get("/events", params={"country": "SY"}).json()
        assert syria["total"] == 3
        posted = http.post("/articles", json={"id": "new", "text": make_article("new").text},
                           headers={"Authorization": f"Bearer {TOKEN}"})
        assert posted.json()["articles"][0]["status"] == "ok"
        # The new article reports a1's shelling of Saraqeb: one event, two reports.
        after = http.get("/events", params={"country": "SY"}).json()
        assert after["total"] == 3
        assert sorted(e["reports"] for e in after["events"]) == [1, 1, 2]
        assert http.get("/docs").status_code == 200


def _cli() -> click.Group:
    group = click.Group("warmonitor")
    cli_store.register(group)
    return group


def test_cli_ingest_export_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for article_id in ("a1", "a2", "a3"):
        (folder / f"{article_id}.txt").write_text(make_article(article_id).text, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setattr(cli_store, "load_pipeline", lambda _settings: _by_file_extractor())
    runner = CliRunner()
    first = runner.invoke(_cli(), ["ingest", str(folder), "--db", db, "--published", "2020-02-06",
                                  "--workers", "1"])
    assert first.exit_code == 0, first.output
    assert "stored 3 articles (4 events)" in first.output
    again = runner.invoke(_cli(), ["ingest", str(folder), "--db", db, "--workers", "1"])
    assert "3 already stored" in again.output
    out = tmp_path / "syria.jsonl"
    exported = runner.invoke(_cli(), ["export", "--db", db, "--country", "SY", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    events = read_jsonl(out.read_text(encoding="utf-8").splitlines())
    assert len(events) == 3 and {e.event_loc.country_code for e in events} == {"SY"}
    stored = Store.open(db)
    from warmonitor.store import EventFilter, search_events

    assert [e.to_dict() for e in events] == search_events(stored, EventFilter(country="SY",
                                                                              sort="date")).events
    csv_run = runner.invoke(_cli(), ["export", "--db", db, "--format", "acled-csv"])
    assert csv_run.stdout.splitlines()[0] == ",".join(ACLED_COLUMNS)
    bad = runner.invoke(_cli(), ["export", "--db", db, "--category", "FIGHT"])
    assert bad.exit_code != 0 and "unknown PLOVER categories" in bad.output


def test_cli_reprocess(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a9.txt").write_text(make_article("a9").text, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setattr(cli_store, "load_pipeline", lambda _s: _by_file_extractor(fail=True))
    runner = CliRunner()
    assert "1 failed" in runner.invoke(_cli(), ["ingest", str(tmp_path / "a9.txt"), "--db", db,
                                                "--workers", "1"]).output
    monkeypatch.setattr(cli_store, "load_pipeline", lambda _s: _by_file_extractor())
    result = runner.invoke(_cli(), ["reprocess", "--db", db])
    assert "reprocessed 1 articles; 0 failed" in result.output
    assert Store.open(db).counts() == {"articles": 1, "events": 1}


def test_cli_commands_have_help() -> None:
    for name in ("ingest", "reprocess", "export", "serve"):
        result = CliRunner().invoke(_cli(), [name, "--help"])
        assert result.exit_code == 0 and "--db" in result.output and len(result.output) > 200


class _ByText:
    """Fake pipeline for files: the events of the factory article whose text the file holds."""

    def __init__(self, fail: bool) -> None:
        self.by_text = {make_article(i).text: i for i in ("a1", "a2", "a3", "a9")}
        self.fake = standard_events()
        self.fake.events_by_article["a9"] = [make_event(make_article("a9"))]
        self.fail = fail

    def extract_article(self, article: Article) -> list[Event]:

        if self.fail:
            raise ExtractionError("coder not ready")
        known = self.by_text.get(article.text.strip())
        return [e.with_(article=article) for e in self.fake.events_by_article.get(known, [])]


def _by_file_extractor(fail: bool = False) -> _ByText:
    return _ByText(fail)


SYRIAN_TOWN_STORY = (
    "BEIRUT (Test Wire) - Syrian government forces shelled the town of Saraqeb in Idlib "
    "province on Wednesday, killing four civilians, a monitoring group said.\n\n"
    "Rebel fighters clashed with government troops on the outskirts of the town on Thursday, "
    "residents said."
)


@pytest.mark.model
@pytest.mark.gazetteer
def test_end_to_end_with_the_real_pipeline(tmp_path: Path) -> None:
    story = tmp_path / "saraqeb.txt"
    story.write_text(SYRIAN_TOWN_STORY, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'e2e.db'}"
    runner = CliRunner()
    ingested = runner.invoke(_cli(), ["ingest", str(story), "--db", db, "--published", "2020-02-06",
                                      "--outlet", "Test Wire"])
    assert ingested.exit_code == 0, ingested.output
    client = TestClient(create_app(Settings(), store=Store.open(db)))
    syria = client.get("/events", params={"country": "SY"}).json()
    assert syria["total"] >= 1
    shelling = [e for e in syria["events"] if e["event"] == "ASSAULT" and "shelled" in e["text"]]
    assert shelling and shelling[0]["event_loc"]["admin1"] == "Idlib"
    assert shelling[0]["date"] == "2020-02-05"
    out = tmp_path / "events.jsonl"
    assert runner.invoke(_cli(), ["export", "--db", db, "-o", str(out)]).exit_code == 0
    back = read_jsonl(out.read_text(encoding="utf-8").splitlines())
    stored = {e["id"]: e for e in client.get("/events", params={"limit": 1000}).json()["events"]}
    assert {e.id: e.to_dict() for e in back} == stored


def test_web_page_is_served_when_installed(client: TestClient) -> None:
    from warmonitor.web import static_dir

    if not (static_dir() / "index.html").exists():
        pytest.skip("the web page is not built into this checkout")
    page = client.get("/")
    assert page.status_code == 200 and "<html" in page.text.lower()
