"""Batch ingest: directories, JSONL and feeds streamed through local worker processes or a
Dask cluster into the store, resumed after SIGKILL without a duplicate."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fake_pipeline import article_text
from pg import new_database, postgres_server  # noqa: F401  (fixture)

from warmonitor.batch import DaskEngine, count_inputs, ingest_stream, open_engine
from warmonitor.config import Settings
from warmonitor.ingest import read_articles
from warmonitor.models import Article
from warmonitor.store import Store

ROOT = Path(__file__).resolve().parents[1]
FAKE = "fake_pipeline:build"


def _write_corpus(path: Path, happenings: int, tellings: int = 3, *, seed: int = 7) -> int:
    """JSONL of `happenings` x `tellings` invented reports, shuffled; returns the line count."""
    rows = [{"id": f"h{n}-r{k}", "text": article_text(n, dead=2 + k, variant=k),
             "published": "2020-02-06", "outlet": f"Wire {k}"}
            for n in range(happenings) for k in range(tellings)]
    random.Random(seed).shuffle(rows)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return len(rows)


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, WARMONITOR_EXTRACTOR=FAKE, **extra)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests"), env.get("PYTHONPATH", "")])
    return env


def _ingest_command(db: str, *paths: Path, workers: int = 1, engine: str = "local") -> list[str]:
    return [sys.executable, "-m", "warmonitor", "ingest", *map(str, paths), "--db", db,
            "--workers", str(workers), "--engine", engine, "--no-progress", "--chunk-size", "8"]


def _check_sqlite(db_path: Path, articles: int, events: int, reports: int) -> None:
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (articles, articles)
        assert conn.execute("SELECT count(*), count(DISTINCT report_id) FROM event_reports"
                            " WHERE event_pk IS NOT NULL").fetchone() == (reports, reports)
        assert conn.execute("SELECT count(*), count(DISTINCT id) FROM events").fetchone() == (events, events)
        orphans = conn.execute("SELECT count(*) FROM event_reports WHERE event_pk IS NULL").fetchone()
        assert orphans == (0,)


@pytest.mark.parametrize("engine, workers", [("local", 1), ("local", 2), ("dask", 2)])
def test_cli_ingest_merges_across_articles(tmp_path: Path, engine: str, workers: int) -> None:
    if engine == "dask" and not _dask_available() and os.environ.get("CI") != "true":
        pytest.skip("Dask not installed (pip install 'dask[distributed]')")
    corpus = tmp_path / "wire.jsonl"
    _write_corpus(corpus, happenings=10)
    db_path = tmp_path / "batch.db"
    done = subprocess.run(_ingest_command(f"sqlite:///{db_path}", corpus, workers=workers,
                                          engine=engine),
                          env=_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "stored 30 articles (30 events)" in done.stderr
    assert "10 events in the store after merging" in done.stderr
    _check_sqlite(db_path, articles=30, events=10, reports=30)
    again = subprocess.run(_ingest_command(f"sqlite:///{db_path}", corpus, workers=workers),
                           env=_env(), capture_output=True, text=True, timeout=120)
    assert "stored 0 articles" in again.stderr and "30 already stored" in again.stderr


@pytest.mark.parametrize("happenings, workers", [(1667, 1), (200, 2)])
def test_sigkill_at_random_moments_then_resume(tmp_path: Path, happenings: int, workers: int) -> None:
    """5,001 articles in one process (and 600 through a pool of two), killed thrice."""
    corpus = tmp_path / "wire.jsonl"
    lines = _write_corpus(corpus, happenings=happenings)
    assert lines == 3 * happenings
    db_path = tmp_path / "killed.db"
    command = _ingest_command(f"sqlite:///{db_path}", corpus, workers=workers)
    scale = 1.0 if happenings > 1000 else 0.5
    moments = [scale * m for m in random.Random(0 if os.environ.get("CI") else os.getpid()).sample([0.8, 1.2, 1.7, 2.3, 2.9, 3.6], 3)]
    kills = 0
    for moment in moments:
        proc = subprocess.Popen(command, env=_env(), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(moment)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=30)
    assert kills >= 1
    finished = subprocess.run(command, env=_env(), capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    _check_sqlite(db_path, articles=lines, events=happenings, reports=lines)
    with sqlite3.connect(db_path) as conn:
        tolls = conn.execute("SELECT DISTINCT json_extract(record, '$.reports'),"
                             " json_extract(record, '$.dead') FROM events").fetchall()
    assert tolls == [(3, 2)]  # three reports each; the lowest attributed toll of 2, 3, 4


def test_directories_jsonl_and_feeds_are_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text(article_text(1, 3, 0), encoding="utf-8")
    (folder / "sub" / "rows.jsonl").write_text(json.dumps({"id": "j1", "text": article_text(1, 4, 1)})
                                               + "\n", encoding="utf-8")
    (folder / "feed.rss").write_text(f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Test Wire</title>
<item><guid>urn:test:1</guid><link>https://example.org/1</link><title>Shelling</title>
<pubDate>Thu, 06 Feb 2020 09:00:00 GMT</pubDate>
<description>&lt;p&gt;{article_text(2, 5, 2)}&lt;/p&gt;</description></item>
</channel></rss>""", encoding="utf-8")
    (folder / "atom.atom").write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><id>urn:test:2</id><title>Raid</title><updated>2020-02-07T10:00:00Z</updated>
<content type="html">&lt;p&gt;{article_text(2, 6, 0)}&lt;/p&gt;</content></entry></feed>""", encoding="utf-8")
    articles = [a for a in read_articles([folder]) if isinstance(a, Article)]
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {"one.txt", "j1", "urn:test:1", "urn:test:2"}
    assert by_id["urn:test:1"].outlet == "Test Wire" and "happening 2" in by_id["urn:test:1"].text
    assert str(by_id["urn:test:2"].published) == "2020-02-07"
    assert count_inputs([str(folder)]) == 4


def test_big_jsonl_is_streamed(tmp_path: Path) -> None:
    corpus = tmp_path / "big.jsonl"
    _write_corpus(corpus, happenings=20)
    with corpus.open("a", encoding="utf-8") as out:
        out.write("{not json\n")
    items = list(read_articles([corpus]))  # a line at a time, whatever the file's size
    assert sum(isinstance(i, Article) for i in items) == 60
    assert [i.line for i in items if not isinstance(i, Article)] == [61]


def _dask_available() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not _dask_available() and os.environ.get("CI") != "true",
                    reason="Dask not installed (pip install 'dask[distributed]')")
def test_dask_local_cluster_writes_to_postgres(tmp_path: Path, postgres_server: str) -> None:
    corpus = tmp_path / "wire.jsonl"
    _write_corpus(corpus, happenings=6)
    store = Store.open(new_database(postgres_server))
    settings = Settings(extractor=FAKE)
    engine = open_engine(settings, engine="dask", workers=2)
    assert isinstance(engine, DaskEngine)
    try:
        counts = ingest_stream(store, read_articles([corpus]), engine, chunk_size=3)
        from fake_pipeline import builds

        built = engine.client.run(builds)
    finally:
        engine.close()
    assert counts.ok == 18 and store.counts() == {"articles": 18, "events": 6}
    assert store.report_count() == 18
    assert len(built) == 2 and all(len(pids) == 1 for pids in built.values())
    store.close()


def test_feed_url_is_read_over_http(tmp_path: Path) -> None:
    import functools
    import http.server
    import threading

    (tmp_path / "feed.xml").write_text(f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Loopback Wire</title>
<item><guid>urn:loop:1</guid><title>Shelling</title><pubDate>Thu, 06 Feb 2020 09:00:00 GMT</pubDate>
<description>{article_text(3, 4, 0)}</description></item></channel></rss>""", encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
        (article,) = list(read_articles([url]))
    finally:
        server.shutdown()
    assert isinstance(article, Article) and article.id == "urn:loop:1"
    assert article.outlet == "Loopback Wire" and "happening 3" in article.text


def test_batched_writes_are_counted_only_once_committed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks are stored `write_batch` articles to a transaction; an article is reported
    stored (progress, counts) only after its transaction commits, so a writer that dies
    mid-run has lost no article it reported, and a resumed run stores the rest."""
    import warmonitor.batch as batch
    from fake_pipeline import TextCodedExtractor

    corpus = tmp_path / "wire.jsonl"
    lines = _write_corpus(corpus, happenings=20)
    store = Store.open(f"sqlite:///{tmp_path / 'batched.db'}")
    engine = batch.SerialEngine(Settings(extractor=FAKE), TextCodedExtractor())
    sizes: list[int] = []
    real_store_batch = batch.store_batch

    def failing_store_batch(store_: Store, items: list) -> list:
        sizes.append(len(items))
        if len(sizes) == 3:
            raise RuntimeError("the disk went away")
        return real_store_batch(store_, items)

    monkeypatch.setattr(batch, "store_batch", failing_store_batch)
    acknowledged = 0

    def on_progress(n: int) -> None:
        nonlocal acknowledged
        acknowledged += n
        assert store.counts()["articles"] >= acknowledged  # never counted before it commits

    with pytest.raises(RuntimeError):
        ingest_stream(store, read_articles([corpus]), engine, chunk_size=4, write_batch=12,
                      on_progress=on_progress)
    assert sizes == [12, 12, 12]  # three chunks of four a transaction
    assert acknowledged == store.counts()["articles"] == 24
    monkeypatch.setattr(batch, "store_batch", real_store_batch)
    counts = ingest_stream(store, read_articles([corpus]), engine, chunk_size=4, write_batch=12)
    assert (counts.ok, counts.duplicate) == (lines - 24, 24)
    assert store.counts() == {"articles": lines, "events": 20} and store.report_count() == lines
    store.close()
