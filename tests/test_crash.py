"""SIGKILL during a burst of POST /articles: after a restart every acknowledged write is
there, no article or event is doubled, and the database passes its integrity check. Then the
client resends everything (it cannot know what the killed server stored) and still nothing
is doubled. The server is a real uvicorn process over a real SQLite file."""
from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from crash_server import EVENTS_PER_ARTICLE, TOKEN

SERVER = Path(__file__).parent / "crash_server.py"
ARTICLES = 300
KILL_AFTER_ACKS = 40
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, *, delay: float = 0.0) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen([sys.executable, str(SERVER), str(db), str(port), "--delay", str(delay)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited: {process.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(url + "/health", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    pytest.fail("server did not start in 60 s")


def article(n: int) -> dict[str, str]:
    return {"id": f"burst-{n}", "text": f"Report {n}: forces shelled Saraqeb on Wednesday.",
            "published": "2020-02-06"}


def post(http: httpx.Client, n: int) -> int | None:
    """n when the server acknowledged the write (200 and status ok), else None."""
    try:
        answer = http.post("/articles", json=article(n), headers=AUTH)
    except httpx.HTTPError:
        return None
    if answer.status_code == 200 and answer.json()["articles"][0]["status"] == "ok":
        return n
    return None


def check_database(db: Path) -> tuple[dict[str, int], int]:
    """(events per stored article id, number of articles), after the integrity checks."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # Each article's own reports (merged events across articles are derived from them).
        per_article = dict(conn.execute(
            "SELECT a.id, COUNT(r.pk) FROM articles a LEFT JOIN event_reports r ON r.article_pk = a.pk "
            "GROUP BY a.pk").fetchall())
        assert conn.execute("SELECT COUNT(*) - COUNT(DISTINCT id) FROM events").fetchone() == (0,)
        assert conn.execute("SELECT COUNT(*) - COUNT(DISTINCT report_id) FROM event_reports").fetchone() == (0,)
        assert conn.execute("SELECT COUNT(*) FROM event_reports WHERE event_pk IS NULL").fetchone() == (0,)
        assert conn.execute("SELECT COUNT(*) - COUNT(DISTINCT content_hash) FROM articles").fetchone() == (0,)
        count = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    return per_article, count


def test_sigkill_during_a_burst_of_posts_loses_and_doubles_nothing(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    process, url = start_server(db, delay=0.002)
    acked: set[int] = set()
    lock = threading.Lock()
    killed = threading.Event()

    http = httpx.Client(base_url=url, timeout=10)  # one pool: a client per request costs 50 ms

    def send(n: int) -> None:
        if killed.is_set():
            return
        done = post(http, n)
        if done is not None:
            with lock:
                acked.add(done)
                if len(acked) >= KILL_AFTER_ACKS and not killed.is_set():
                    killed.set()
                    process.send_signal(signal.SIGKILL)

    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(send, range(ARTICLES)))
    finally:
        process.kill()
        process.wait(timeout=10)
        http.close()
    assert killed.is_set() and process.returncode == -signal.SIGKILL
    assert KILL_AFTER_ACKS <= len(acked) < ARTICLES  # killed mid-burst, writes in flight

    per_article, count = check_database(db)  # SQLite recovers the WAL on open
    missing = [n for n in acked if per_article.get(f"burst-{n}") != EVENTS_PER_ARTICLE]
    assert missing == [], "acknowledged writes lost or incomplete after SIGKILL"
    assert set(per_article.values()) <= {EVENTS_PER_ARTICLE}, "an article stored without all its events"

    process, url = start_server(db)
    try:
        with ThreadPoolExecutor(max_workers=8) as pool, httpx.Client(base_url=url, timeout=30) as http:
            # the client resends everything: it cannot know what the killed server stored
            answers = list(pool.map(lambda n: http.post("/articles", json=article(n), headers=AUTH).json(),
                                    range(ARTICLES)))
            health = http.get("/health").json()
        assert all(a["articles"][0]["status"] == "ok" for a in answers)
        duplicates = {int(a["articles"][0]["id"].split("-")[1]) for a in answers if a["articles"][0]["duplicate"]}
        assert acked <= duplicates
    finally:
        process.terminate()
        process.wait(timeout=10)
    per_article, count = check_database(db)
    assert count == ARTICLES == health["articles"]
    assert health["events"] == ARTICLES * EVENTS_PER_ARTICLE
    assert set(per_article.values()) == {EVENTS_PER_ARTICLE}
