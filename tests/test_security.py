"""The server faces the network: the token on writes (constant-time, never logged), the body
size limit, the per-client write rate limit, the request timeout, CORS off by default, the
Content-Security-Policy, and hostile query values that must get 4xx and never reach SQL
unparameterized."""
from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from event_factory import make_article, standard_events

from warmonitor.api import create_app
from warmonitor.api.security import CONTENT_SECURITY_POLICY, RequestTimeout, WriteRateLimit
from warmonitor.config import Settings
from warmonitor.models import Article, Event
from warmonitor.store import Store, ingest_article

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "tok-8c1f2b9e5d7a4c3b"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _filled_store(folder: Path) -> Store:
    opened = Store.open(f"sqlite:///{folder / 'sec.db'}")
    for article_id in ("a1", "a2", "a3"):
        ingest_article(opened, make_article(article_id), standard_events())
    return opened


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return _filled_store(tmp_path)


def _client(store: Store, **settings: object) -> TestClient:
    app = create_app(Settings(token=TOKEN, **settings), store=store, pipeline=standard_events())
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """One app for the tests that only read or are refused before writing."""
    return _client(_filled_store(tmp_path_factory.mktemp("sec")), writes_per_minute=10_000,
                   write_burst=10_000)


HOSTILE_QUERIES = [
    "country=SY'%20OR%20'1'='1", "country=SY;DROP%20TABLE%20events", "admin1=Idlib'%20OR%201=1--",
    "actor_code=SYR'--", "actor_sector=MIL'%20OR%201=1", "acled_type=Battles'--",
    "sort=date;DROP%20TABLE%20events", "limit=1%20OR%201=1", "offset=99999999999999999999999",
    "min_dead=99999999999999999999", "min_dead=-1", "bbox=nan,nan,nan,nan", "bbox=-1e400,0,1e400,1",
    "bbox=-200,-100,200,100", "bbox=1,2,3", "start=9999-12-31&end=0001-01-01", "start=0000-01-01",
    "q=%00", "actor=a%01b", "admin1=" + "x" * 600, "q=" + "%5B" * 3000, "category=ASSAULT&" * 60,
    "category=ASSAULT'--", "format=json;drop&interval=day;drop", "limit=1e3", "start[$gt]=2020-01-01&start=x",
    "country=" + "%7B%22a%22:" * 200 + "1" + "%7D" * 200,
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
@pytest.mark.parametrize("path", ["/events", "/stats/timeline"])
def test_hostile_filter_values_are_client_errors(client: TestClient, path: str, query: str) -> None:
    answer = client.get(f"{path}?{query}")
    assert 400 <= answer.status_code < 500, (answer.status_code, answer.text[:200])
    assert answer.json()["detail"]


@pytest.mark.parametrize("query, total", [
    ("q=' OR 1=1 --", 0), ("actor=%' OR '1'='1", 0), ("actor=%", 0), ("actor=_", 0),
    ("q=clashed OR shelled", 0), ("q=clashed) OR (1=1", 0), ('q="*" NEAR(', 1),  # the word "near" (near Aleppo)
    ("q=clashed", 1), ("start=0001-01-01&end=9999-12-31", 4), ("admin1=Sana'a", 0),
])
def test_sql_fragments_are_matched_as_plain_words(client: TestClient, query: str, total: int) -> None:
    answer = client.get("/events", params=dict(part.split("=", 1) for part in query.split("&")))
    assert answer.status_code == 200 and answer.json()["total"] == total
    assert client.get("/health").json()["events"] == 4  # and the tables are all still there


def test_filter_values_only_ever_reach_sql_as_bound_parameters(store: Store) -> None:
    from sqlalchemy import event

    seen: list[str] = []
    event.listen(store.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, _p, _ctx, _many: seen.append(statement))
    marker = "zq'; DROP TABLE events; --"
    client = _client(store)
    for name in ("actor", "q"):
        assert client.get("/events", params={name: marker}).status_code == 200
    assert client.get("/actors", params={"q": marker}).status_code == 200
    assert seen and not [s for s in seen if "zq" in s or "DROP" in s]


@pytest.mark.parametrize("body", [
    "[" * 100_000 + "]" * 100_000,
    '{"text": ' + "[" * 5_000 + "]" * 5_000 + "}",
    '{"articles": [' + ",".join(['{"articles": ['] * 3000) + "]}" * 3000,
    '{"text": "Shelling \\ud800 hit Homs."}',
    '{"text": "a\\u0000b"}',
    '{"text": "x", "published": "99999-01-01"}',
    "not json at all",
])
def test_hostile_bodies_are_client_errors(client: TestClient, body: str) -> None:
    answer = client.post("/articles", content=body,
                         headers={**AUTH, "content-type": "application/json"})
    assert 400 <= answer.status_code < 500, (answer.status_code, answer.text[:200])


@pytest.mark.parametrize("headers, status", [
    ({}, 401), ({"Authorization": "Bearer"}, 401), ({"Authorization": "Bearer " + TOKEN[:-1]}, 401),
    ({"Authorization": "Bearer " + TOKEN + "x"}, 401), ({"Authorization": "Token " + TOKEN}, 401),
    ({"Authorization": ("Bearer " + "é" * 40).encode("utf-8")}, 401), (AUTH, 200),
])
def test_writes_need_the_exact_token(store: Store, headers: dict, status: int) -> None:
    answer = _client(store).post("/articles", json={"id": "new", "text": make_article("new").text}, headers=headers)
    assert answer.status_code == status
    assert TOKEN not in answer.text


def test_token_is_compared_in_constant_time() -> None:
    import inspect

    from warmonitor.api import deps

    source = inspect.getsource(deps._check_token)
    assert "hmac.compare_digest" in source and "==" not in source.split("compare_digest")[0].split("expected =")[1]


def test_settings_never_show_the_token() -> None:
    settings = Settings(token=TOKEN)
    assert TOKEN not in repr(settings) and TOKEN not in str(settings)


def test_body_over_the_limit_is_413_before_it_is_read(store: Store) -> None:
    client = _client(store, max_body_bytes=10_000)
    big = {"id": "big", "text": "Shelling hit the town. " * 1_000}
    answer = client.post("/articles", json=big, headers=AUTH)
    assert answer.status_code == 413 and "WARMONITOR_MAX_BODY_BYTES" in answer.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit counts the streamed bytes
        yield b'{"id": "big", "text": "'
        for _ in range(100):
            yield b"x" * 1000
        yield b'"}'

    streamed = client.post("/articles", content=chunks(), headers={**AUTH, "content-type": "application/json"})
    assert streamed.status_code == 413
    assert client.get("/health").json()["articles"] == 3


def test_writes_are_rate_limited_per_client(store: Store) -> None:
    client = _client(store, writes_per_minute=60, write_burst=3)
    codes = [client.post("/articles", json={"id": f"r{n}", "text": make_article(f"r{n}").text},
                         headers=AUTH).status_code for n in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    limited = client.post("/articles", json={"text": "x"}, headers=AUTH)
    assert int(limited.headers["retry-after"]) >= 1
    assert client.get("/events").status_code == 200  # reads are not limited by it


def test_rate_limit_refills_with_time_and_is_per_client() -> None:
    now = [0.0]
    limiter = WriteRateLimit(lambda *_: None, per_minute=60, burst=2, clock=lambda: now[0])
    assert [limiter.allow("a") for _ in range(3)] == [0, 0, pytest.approx(1.0)]
    assert limiter.allow("b") == 0
    now[0] = 1.0
    assert limiter.allow("a") == 0


def test_slow_request_gets_503() -> None:
    async def slow_app(scope: dict, receive: object, send: object) -> None:
        await asyncio.sleep(5)

    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(RequestTimeout(slow_app, seconds=0.05)({"type": "http", "method": "GET", "path": "/x"},
                                                       None, send))
    assert sent[0]["status"] == 503


def test_cors_is_off_by_default_and_on_for_listed_origins(store: Store) -> None:
    origin = {"Origin": "https://evil.example"}
    answer = _client(store).get("/events", headers=origin)
    assert "access-control-allow-origin" not in answer.headers
    preflight = _client(store).options("/articles", headers={**origin, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers
    allowed = _client(store, cors_origins=("https://map.example",))
    assert allowed.get("/events", headers={"Origin": "https://map.example"}).headers[
        "access-control-allow-origin"] == "https://map.example"
    assert "access-control-allow-origin" not in allowed.get("/events", headers=origin).headers


@pytest.mark.parametrize("path", ["/", "/events", "/health", "/static/app.js", "/nope"])
def test_every_answer_has_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "unsafe-inline" not in \
        CONTENT_SECURITY_POLICY.split("script-src")[1].split(";")[0]
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Slow:
    def extract_article(self, article: Article) -> list[Event]:
        time.sleep(0.01)
        return []


def test_tokens_never_appear_in_logs(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    import uvicorn

    app = create_app(Settings(token=TOKEN), store=store, pipeline=_Slow())
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="debug",
                                           log_config=None, access_log=True))
    thread = threading.Thread(target=server.run, daemon=True)
    with caplog.at_level(logging.DEBUG):
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
            assert http.post("/articles", json={"id": "x", "text": "Shelling hit Homs."}, headers=AUTH).status_code == 200
            assert http.post("/articles", json={"text": "y"}, headers={"Authorization": "Bearer " + TOKEN + "bad"}).status_code == 401
            http.get("/events", headers=AUTH)
            http.get("/nope", headers=AUTH)
        server.should_exit = True
        thread.join(timeout=10)
    # The server's records: uvicorn (its access log included) and warmonitor; httpx and
    # httpcore are this test's client, which logs the headers it sends at debug level.
    server_records = [r for r in caplog.records if r.name.startswith(("uvicorn", "warmonitor", "fastapi"))]
    assert any(r.name == "uvicorn.access" for r in server_records)  # the access log was on
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in server_records)
    assert TOKEN not in logged


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMONITOR_MAX_BODY_BYTES", "1000")
    monkeypatch.setenv("WARMONITOR_WRITES_PER_MINUTE", "5")
    monkeypatch.setenv("WARMONITOR_REQUEST_TIMEOUT", "2.5")
    monkeypatch.setenv("WARMONITOR_CORS_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("WARMONITOR_LANGUAGES", "en,fr")
    settings = Settings.from_env()
    assert (settings.max_body_bytes, settings.writes_per_minute, settings.request_timeout) == (1000, 5, 2.5)
    assert settings.cors_origins == ("https://a.example", "https://b.example")
    assert settings.languages == ("en", "fr") and Settings().cors_origins == ()


@pytest.mark.parametrize("value", ["lots", "-5", "0"])
def test_a_bad_limit_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    from warmonitor.errors import InputError

    monkeypatch.setenv("WARMONITOR_MAX_BODY_BYTES", value)
    with pytest.raises(InputError, match="WARMONITOR_MAX_BODY_BYTES"):
        Settings.from_env()


def test_serve_passes_the_connection_limits_to_uvicorn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import click
    import uvicorn
    from click.testing import CliRunner

    from warmonitor.cli import store as cli_store

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(options))
    monkeypatch.setenv("WARMONITOR_MAX_CONNECTIONS", "17")
    group = click.Group("warmonitor")
    cli_store.register(group)
    result = CliRunner().invoke(group, ["serve", "--db", f"sqlite:///{tmp_path / 's.db'}"])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["limit_concurrency"] == 17
    assert seen["timeout_keep_alive"] == 5 and seen["h11_max_incomplete_event_size"] == 65_536


def test_serve_never_prints_a_database_password(monkeypatch: pytest.MonkeyPatch) -> None:
    import click
    from click.testing import CliRunner

    from warmonitor.cli import store as cli_store

    monkeypatch.setattr(cli_store, "open_store", lambda _settings: None)
    monkeypatch.setattr("uvicorn.run", lambda app, **options: None)
    monkeypatch.setattr("warmonitor.api.create_app", lambda settings, store: None)
    group = click.Group("warmonitor")
    cli_store.register(group)
    result = CliRunner().invoke(group, ["serve", "--db", "postgresql://wm:hunter2@db.internal/warmonitor"])
    assert result.exit_code == 0, result.output
    assert "hunter2" not in result.output and "db.internal/warmonitor" in result.output
