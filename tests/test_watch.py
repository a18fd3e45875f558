"""The watcher (`warmonitor watch`) against a real news site on loopback
(tests/news_server.py, the `site` fixture): the sources file, a round over the example
sources and the conditional second one, every fault of a feed or a page, politeness
(robots.txt, the User-Agent, the host delay, private addresses), and the fetcher's limits.
The store across restarts, the API and the live map are in test_watch_live.py."""
from __future__ import annotations

import time

from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from click.testing import CliRunner
from news_server import FAST, NewsServer, article_html, db_rows, story, write_sources

from warmonitor.cli import cli
from warmonitor.errors import InputError
from warmonitor.store import Store
from warmonitor.watch import load_sources
from warmonitor.watch.fetcher import Fetched
from warmonitor.watch.pages import PageError, page_text

ROOT = Path(__file__).resolve().parents[1]
FAKE = "fake_pipeline:build"
#: The timeout of the tests of slow servers, and how long those take to answer.
SHORT, SLOW = 1.0, 3.0


@pytest.fixture
def fake_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMONITOR_EXTRACTOR", FAKE)


def watch(*args: str) -> Any:
    result = CliRunner().invoke(cli, ["watch", *args], catch_exceptions=False)
    return result


@pytest.mark.parametrize("entry, message", [
    ({"url": "http://a.example/feed"}, "'name' is required"),
    ({"name": "x", "url": "file:///etc/passwd"}, "not an http:// or https:// URL"),
    ({"name": "x", "url": "http://a.example/f", "kind": "podcast"}, "kind 'podcast'"),
    ({"name": "x", "url": "http://a.example/f", "interval": "soon"}, "not a duration"),
    ({"name": "x", "url": "http://a.example/f", "colour": "red"}, "unknown keys ['colour']"),
])
def test_a_bad_source_entry_is_refused_with_its_line(tmp_path: Path, entry: dict[str, Any], message: str) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": [{"name": "ok", "url": "http://b.example/f"}, entry]}))
    with pytest.raises(InputError, match=r"line \d+") as caught:
        load_sources(path)
    assert message in str(caught.value)


def test_the_example_sources_are_real_public_feeds() -> None:
    loaded = load_sources(ROOT / "examples" / "sources.yaml")
    assert len(loaded.sources) >= 8
    assert all(s.url.startswith("https://") and not s.allow_private for s in loaded.sources)
    assert {s.kind for s in loaded.sources} <= {"feed", "page"}
    assert all(s.interval >= 600 and s.outlet for s in loaded.sources)


def test_once_stores_the_example_sources_served_locally_then_asks_conditionally(
        tmp_path: Path, site: NewsServer, fake_env: None) -> None:
    """examples/sources.yaml with each URL moved to the local site: --once stores every
    served article's events; a second --once sends If-None-Match / If-Modified-Since, gets
    304 and fetches no page again."""
    examples = yaml.safe_load((ROOT / "examples" / "sources.yaml").read_text(encoding="utf-8"))
    local = []
    for number, source in enumerate(examples["sources"]):
        feed = f"/feeds/{number}.xml"
        site.page(f"/news/{number}-a", story(10 * number + 1))
        site.page(f"/news/{number}-b", story(10 * number + 2))
        site.feed(feed, [(f"/news/{number}-a", "A"), (f"/news/{number}-b", "B")])
        local.append({**source, "url": site.url(feed), "kind": "feed", "allow_private": True})
    sources = tmp_path / "sources.yaml"
    sources.write_text(yaml.safe_dump({"settings": FAST, "sources": local}), encoding="utf-8")
    db = tmp_path / "watch.db"

    first = watch(str(sources), "--once", "--db", f"sqlite:///{db}")
    assert first.exit_code == 0, first.output
    served = 2 * len(local)
    assert f"{served} articles stored ({served} events)" in first.output
    assert db_rows(db, "SELECT count(*) FROM articles WHERE status = 'ok'") == [(served,)]
    assert db_rows(db, "SELECT count(*) FROM event_reports") == [(served,)]
    assert db_rows(db, "SELECT status, count(*) FROM watch_urls GROUP BY status") == [("done", served)]
    pages_before = sum(len(site.requests_to(f"/news/{n}-{k}")) for n in range(len(local)) for k in "ab")

    second = watch(str(sources), "--once", "--db", f"sqlite:///{db}")
    assert second.exit_code == 0, second.output
    assert "0 new links, 0 articles stored" in second.output
    for number in range(len(local)):
        first_ask, again = site.requests_to(f"/feeds/{number}.xml")
        assert "if-none-match" not in first_ask.headers
        assert again.headers["if-none-match"] and again.headers["if-modified-since"]
        assert again.status == 304
    assert sum(len(site.requests_to(f"/news/{n}-{k}")) for n in range(len(local)) for k in "ab") == pages_before
    assert db_rows(db, "SELECT count(*) FROM articles") == [(served,)]


def test_every_fault_is_handled_and_reported(tmp_path: Path, site: NewsServer, fake_env: None) -> None:
    """Each bad feed and page gets its reason in the output and in GET /sources; the good
    page beside them is stored; nothing stops the round."""
    site.page("/ok", story(1))
    site.page("/gone", "", status=410)
    site.page("/broken", "", status=500)
    site.route("/pdf", body=b"%PDF-1.4 not a page", content_type="application/pdf")
    site.page("/huge", article_html("Huge", ["x " * 150_000]))
    site.route("/utf16", body=story(2).encode("utf-16-le"), content_type="text/html; charset=utf-8")
    site.page("/slow", story(3), delay=SLOW)
    site.route("/loop-a", status=302, headers={"Location": "/loop-b"})
    site.route("/loop-b", status=302, headers={"Location": "/loop-a"})
    site.route("/to-file", status=302, headers={"Location": "file:///etc/passwd"})
    site.feed("/pages.xml", [("/ok", "Good"), ("/missing", "404"), ("/gone", "410"), ("/broken", "500"),
                             ("/pdf", "PDF"), ("/huge", "Huge"), ("/utf16", "UTF-16"), ("/slow", "Slow"),
                             ("/loop-a", "Loop"), ("/to-file", "File"), (None, "No link at all")])
    site.route("/garbage.xml", body=b"<html><body>this is {not a feed", content_type="text/html")
    site.route("/feed500.xml", status=500, body=b"oops")
    site.route("/feed410.xml", status=410, body=b"gone")
    site.route("/slowfeed.xml", body=b"<rss/>", delay=SLOW)
    site.route("/feedloop.xml", status=301, headers={"Location": "/feedloop.xml"})
    sources = write_sources(tmp_path / "sources.yaml", [
        {"name": "pages", "url": site.url("/pages.xml")},
        {"name": "garbage", "url": site.url("/garbage.xml")},
        {"name": "missing", "url": site.url("/nothing-here.xml")},
        {"name": "gone", "url": site.url("/feed410.xml")},
        {"name": "erroring", "url": site.url("/feed500.xml")},
        {"name": "slow", "url": site.url("/slowfeed.xml")},
        {"name": "looping", "url": site.url("/feedloop.xml")},
        {"name": "not-allowed", "url": site.url("/ok"), "allow_private": False},
    ], timeout=SHORT)
    db = tmp_path / "faults.db"
    result = watch(str(sources), "--once", "-v", "--db", f"sqlite:///{db}")
    assert result.exit_code == 0, result.output
    assert "1 articles stored" in result.output
    expected = {
        "pages": ["/missing: HTTP 404", "/gone: HTTP 410", "/broken: HTTP 500 (server error)",
                  "/pdf: not an HTML page (Content-Type application/pdf)", "/huge: the body is",
                  "/utf16: wrong encoding", "/slow: timed out", "/loop-a: redirect loop",
                  "/to-file: refused file:// URL", "entry 11 (No link at all) has no http(s) link"],
        "garbage": ["malformed feed"], "missing": ["HTTP 404"], "gone": ["HTTP 410"],
        "erroring": ["HTTP 500 (server error)"], "slow": ["timed out"], "looping": ["redirect loop"],
        "not-allowed": ["private or loopback address"],
    }
    for fragments in expected.values():
        for fragment in fragments:
            assert fragment in result.output
    from warmonitor.api import create_app
    from fastapi.testclient import TestClient

    with TestClient(create_app(store=Store.open(f"sqlite:///{db}"))) as client:
        listed = {item["name"]: item for item in client.get("/sources").json()["sources"]}
    assert set(listed) == set(expected)
    for name, fragments in expected.items():
        shown = " | ".join([listed[name]["last_error"] or "", *listed[name]["errors"]])
        for fragment in fragments:
            assert fragment in shown, (name, fragment, shown)
    assert listed["pages"]["new_articles"] == 1 and listed["pages"]["last_result"] == "ok"
    assert listed["erroring"]["last_result"] == "error" and listed["erroring"]["next_due"]
    assert len(site.requests_to("/feed500.xml")) == 2  # one retry
    # The transient faults (500, timeout) wait for another try; the rest are settled as failed.
    assert dict(db_rows(db, "SELECT status, count(*) FROM watch_urls GROUP BY status")) == \
        {"done": 1, "failed": 7, "pending": 2}


def test_a_page_failing_once_is_retried_with_backoff(tmp_path: Path, site: NewsServer, fake_env: None) -> None:
    site.page("/flaky", story(4), fail_times=1, fail_status=503)
    site.feed("/feed.xml", [("/flaky", "Flaky")])
    sources = write_sources(tmp_path / "s.yaml", [{"name": "flaky", "url": site.url("/feed.xml")}])
    result = watch(str(sources), "--once", "--db", f"sqlite:///{tmp_path / 'f.db'}")
    assert "1 articles stored" in result.output, result.output
    assert [seen.status for seen in site.requests_to("/flaky")] == [503, 200]


def test_robots_txt_user_agent_and_contact_are_honoured(tmp_path: Path, site: NewsServer, fake_env: None) -> None:
    site.route("/robots.txt", body=b"User-agent: warmonitor\nDisallow: /private/\n", content_type="text/plain")
    site.page("/private/1", story(5))
    site.page("/public/1", story(6))
    site.feed("/feed.xml", [("/private/1", "Hidden"), ("/public/1", "Open")])
    sources = write_sources(tmp_path / "s.yaml", [{"name": "polite", "url": site.url("/feed.xml")}],
                            contact="desk@example.org")
    result = watch(str(sources), "--once", "-v", "--db", f"sqlite:///{tmp_path / 'r.db'}")
    assert "robots.txt of" in result.output and "disallows" in result.output
    assert "1 articles stored" in result.output
    assert site.requests_to("/private/1") == []
    agent = site.requests_to("/public/1")[0].headers["user-agent"]
    assert agent.startswith("warmonitor/") and "desk@example.org" in agent


def test_feed_option_and_private_addresses(tmp_path: Path, site: NewsServer, fake_env: None) -> None:
    site.page("/a", story(7))
    site.feed("/feed.xml", [("/a", "A")])
    db = f"sqlite:///{tmp_path / 'feed.db'}"
    refused = watch("--feed", site.url("/feed.xml"), "--once", "-v", "--db", db, "--host-delay", "0")
    assert "private or loopback address" in refused.output
    allowed = watch("--feed", site.url("/feed.xml"), "--once", "--allow-private", "--db", db, "--host-delay", "0")
    assert "1 articles stored" in allowed.output, allowed.output
    assert watch("--feed", "file:///etc/passwd", "--once", "--db", db).exit_code != 0
    assert watch("--once", "--db", db).exit_code != 0


def test_a_listing_page_is_followed(tmp_path: Path, site: NewsServer, fake_env: None) -> None:
    site.page("/world", '<html><body><a href="/world/shelling-hits-saraqeb-again">one</a>'
                        '<a href="/about">about</a><a href="/world/2020/123456">two</a>'
                        '<a href="https://elsewhere.example/a-b-c-d">away</a></body></html>')
    site.page("/world/shelling-hits-saraqeb-again", story(8))
    site.page("/world/2020/123456", story(9))
    sources = write_sources(tmp_path / "s.yaml", [{"name": "listing", "url": site.url("/world"), "kind": "page"}])
    result = watch(str(sources), "--once", "--db", f"sqlite:///{tmp_path / 'l.db'}")
    assert "2 new links, 2 articles stored" in result.output, result.output
    assert site.requests_to("/about") == []


def test_one_event_told_by_two_outlets_is_merged(tmp_path: Path, site: NewsServer, fake_env: None) -> None:
    site.page("/a/1", story(11, dead=4, variant=0))
    site.page("/b/1", story(11, dead=5, variant=1))
    site.feed("/a.xml", [("/a/1", "A")], title="Wire A")
    site.feed("/b.xml", [("/b/1", "B")], title="Wire B")
    sources = write_sources(tmp_path / "s.yaml", [
        {"name": "a", "url": site.url("/a.xml"), "outlet": "Wire A"},
        {"name": "b", "url": site.url("/b.xml"), "outlet": "Wire B"}])
    db = tmp_path / "m.db"
    assert watch(str(sources), "--once", "--db", f"sqlite:///{db}").exit_code == 0
    assert db_rows(db, "SELECT count(*) FROM event_reports") == [(2,)]
    assert db_rows(db, "SELECT count(*) FROM events") == [(1,)]


def test_wrong_and_legacy_encodings() -> None:
    def fetched(body: bytes, charset: str | None) -> Fetched:
        return Fetched("http://x.example/p", 200, body, "text/html", charset)

    assert "café" in page_text(fetched("<p>café</p>".encode("cp1252"), "utf-8"))  # read as cp1252
    assert "кафе" in page_text(fetched("<p>кафе</p>".encode("koi8-r"), "koi8-r"))
    with pytest.raises(PageError, match="wrong encoding"):
        page_text(fetched("<p>text</p>".encode("utf-16-le"), "utf-8"))
    with pytest.raises(PageError, match="wrong encoding"):
        page_text(fetched(b"<p>plain ASCII, not UTF-16</p>", "utf-16"))


@pytest.mark.parametrize("given, canonical", [
    ("https://a.example/story?utm_source=rss&utm_medium=feed#top", "https://a.example/story"),
    ("https://a.example/story?id=12&fbclid=xyz", "https://a.example/story?id=12"),
    ("https://a.example/story?page=2", "https://a.example/story?page=2"),
])
def test_tracking_parameters_do_not_make_a_new_url(given: str, canonical: str) -> None:
    from warmonitor.watch.pages import canonical_url

    assert canonical_url(given) == canonical


def test_too_many_redirects_are_refused(site: NewsServer) -> None:
    from warmonitor.watch import Fetcher, FetchError, WatchSettings

    for n in range(8):
        site.route(f"/hop/{n}", status=301, headers={"Location": f"/hop/{n + 1}"})
    site.page("/hop/8", story(60))
    fetcher = Fetcher(WatchSettings(host_delay=0, max_redirects=5, timeout=2))
    try:
        with pytest.raises(FetchError, match="more than 5 redirects"):
            fetcher.get(site.url("/hop/0"), allow_private=True)
        assert fetcher.get(site.url("/hop/4"), allow_private=True).redirects[-1].endswith("/hop/8")
    finally:
        fetcher.close()


def test_requests_to_one_host_are_spaced_by_the_delay() -> None:
    from warmonitor.watch.politeness import HostPacer

    clock = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        clock[0] += seconds

    pacer = HostPacer(2.0, clock=lambda: clock[0], sleep=sleep)
    pacer.wait("a.example")
    pacer.wait("b.example")      # another host: no wait
    pacer.wait("a.example")      # the same host: two seconds after the first
    clock[0] += 5
    pacer.wait("a.example")      # long after: no wait
    assert waits == [2.0]
    pacer.set_crawl_delay("c.example", 3600)
    pacer.wait("c.example")
    pacer.wait("c.example")
    assert waits[-1] == 60.0     # a Crawl-delay is honoured up to a minute


def test_a_name_resolving_anew_to_loopback_is_refused(site: NewsServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS rebinding: the name looked public when checked, the connection went to loopback."""
    import warmonitor.watch.fetcher as fetcher_module
    from warmonitor.watch import Fetcher, FetchError, WatchSettings

    site.page("/inside", story(61))
    monkeypatch.setattr(fetcher_module, "check_target", lambda url, *, allow_private: None)
    fetcher = Fetcher(WatchSettings(host_delay=0, timeout=2))
    try:
        with pytest.raises(FetchError, match="connected to a private or loopback address"):
            fetcher.get(site.url("/inside"))
    finally:
        fetcher.close()
    # asked, but its body was not taken: the server's thread may log the request a moment after the refusal
    deadline = time.monotonic() + 5
    while not site.requests_to("/inside") and time.monotonic() < deadline:
        time.sleep(0.02)
    assert [seen.status for seen in site.requests_to("/inside")] == [200]


def test_a_huge_body_without_a_length_is_cut_while_it_streams() -> None:
    from warmonitor.watch import Fetcher, FetchError, WatchSettings

    sent: list[int] = []

    def chunks() -> Any:
        for _ in range(1000):
            sent.append(1)
            yield b"x" * 10_000

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=chunks())

    fetcher = Fetcher(WatchSettings(host_delay=0, max_page_bytes=100_000), transport=httpx.MockTransport(answer))
    try:
        with pytest.raises(FetchError, match="over the limit of 100,000 bytes"):
            fetcher.get("http://news.example/endless", allow_private=True)
    finally:
        fetcher.close()
    assert len(sent) < 20  # the rest was never read


def test_a_body_that_trickles_is_cut_at_its_deadline() -> None:
    import time

    from warmonitor.watch import Fetcher, FetchError, WatchSettings

    def drip() -> Any:
        for _ in range(100):
            time.sleep(0.05)
            yield b"<p>x</p>"

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=drip())

    fetcher = Fetcher(WatchSettings(host_delay=0, timeout=0.2, retries=0), transport=httpx.MockTransport(answer))
    started = time.monotonic()
    try:
        with pytest.raises(FetchError, match="timed out: the body took over 0.6 s"):
            fetcher.get("http://news.example/drip", allow_private=True)
    finally:
        fetcher.close()
    assert time.monotonic() - started < 2
