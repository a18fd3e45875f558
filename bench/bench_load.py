"""Load test of the HTTP API on loopback, bounded in time: sustained reads of GET /events
(p50/p95/p99 latency and rate), then concurrent writes of POST /articles while the reads go
on, checked against the database afterwards: acknowledged, lost and doubled.

    .venv/bin/python bench/bench_load.py [--events 50000] [--seconds 10] [--readers 16]
                                         [--writes 400] [--writers 16]

The server is a real uvicorn process (tests/crash_server.py: warmonitor's app over a SQLite
file, with a stand-in coder giving two events an article, so the figures measure the API
and the store, not the NLP). Every article is posted twice, by different writers at about
the same time, to catch doubles under concurrency. Nothing but 127.0.0.1 is contacted.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from bench_api import fill, queries  # noqa: E402
from crash_server import EVENTS_PER_ARTICLE, TOKEN  # noqa: E402

from warmonitor.store import Store  # noqa: E402

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([sys.executable, str(HERE.parent / "tests" / "crash_server.py"),
                                str(db), str(port)])
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(url + "/health", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    sys.exit("the server did not start")


def percentiles(timings: list[float]) -> str:
    if len(timings) < 2:
        return "too few requests"
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return f"p50 {cuts[49]:6.1f} ms   p95 {cuts[94]:6.1f} ms   p99 {cuts[98]:6.1f} ms"


async def read_load(http: httpx.AsyncClient, params: list[dict], stop: asyncio.Event,
                    timings: list[float], errors: list[int]) -> None:
    rng = random.Random(id(timings) + len(timings))
    while not stop.is_set():
        began = time.perf_counter()
        answer = await http.get("/events", params=rng.choice(params))
        timings.append((time.perf_counter() - began) * 1000)
        if answer.status_code != 200:
            errors.append(answer.status_code)


async def write_load(http: httpx.AsyncClient, queue: asyncio.Queue, acked: set[str],
                     duplicates: list[str], errors: list[str], timings: list[float]) -> None:
    while True:
        try:
            number = queue.get_nowait()
        except asyncio.QueueEmpty:
            return
        body = {"id": f"load-{number}", "text": f"Load report {number}: shelling hit Saraqeb.",
                "published": "2020-02-06"}
        began = time.perf_counter()
        try:
            answer = await http.post("/articles", json=body, headers=AUTH)
        except httpx.HTTPError as exc:
            errors.append(type(exc).__name__)
            continue
        timings.append((time.perf_counter() - began) * 1000)
        if answer.status_code != 200:
            errors.append(str(answer.status_code))
            continue
        (result,) = answer.json()["articles"]
        if result["status"] == "ok":
            acked.add(result["id"])
            if result["duplicate"]:
                duplicates.append(result["id"])
        else:
            errors.append(result["error"] or "failed")


async def run(url: str, args: argparse.Namespace) -> dict:
    params = [p for group in queries(random.Random(5)).values() for p in group]
    limits = httpx.Limits(max_connections=args.readers + args.writers + 4)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
        stop = asyncio.Event()
        reads: list[float] = []
        read_errors: list[int] = []
        readers = [asyncio.create_task(read_load(http, params, stop, reads, read_errors))
                   for _ in range(args.readers)]
        began = time.perf_counter()
        await asyncio.sleep(args.seconds)
        read_seconds = time.perf_counter() - began
        reads_alone = list(reads)

        queue: asyncio.Queue = asyncio.Queue()
        for number in range(args.writes):
            queue.put_nowait(number)
            queue.put_nowait(number)  # each article twice, close together
        acked: set[str] = set()
        duplicates: list[str] = []
        write_errors: list[str] = []
        write_timings: list[float] = []
        mark = len(reads)
        began = time.perf_counter()
        await asyncio.gather(*(write_load(http, queue, acked, duplicates, write_errors, write_timings)
                               for _ in range(args.writers)))
        write_seconds = time.perf_counter() - began
        stop.set()
        await asyncio.gather(*readers)
    return {"reads": reads_alone, "read_seconds": read_seconds, "read_errors": read_errors,
            "reads_during_writes": reads[mark:], "acked": acked, "duplicates": duplicates,
            "write_errors": write_errors, "write_timings": write_timings,
            "write_seconds": write_seconds}


def check_writes(db: Path, acked: set[str]) -> tuple[int, int]:
    """(lost, doubled): acknowledged articles missing or incomplete; articles or events stored twice."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = dict(conn.execute(
            "SELECT a.id, COUNT(e.pk) FROM articles a LEFT JOIN events e ON e.article_pk = a.pk "
            "WHERE a.id LIKE 'load-%' GROUP BY a.pk").fetchall())
        doubled_articles = conn.execute(
            "SELECT COUNT(*) - COUNT(DISTINCT id) FROM articles").fetchone()[0]
        doubled_events = conn.execute("SELECT COUNT(*) - COUNT(DISTINCT id) FROM events").fetchone()[0]
    lost = sum(1 for article_id in acked if stored.get(article_id) != EVENTS_PER_ARTICLE)
    over = sum(1 for count in stored.values() if count > EVENTS_PER_ARTICLE)
    return lost, doubled_articles + doubled_events + over


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=50_000, help="events stored before the test")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of the read phase")
    parser.add_argument("--readers", type=int, default=16, help="concurrent readers")
    parser.add_argument("--writes", type=int, default=400, help="distinct articles posted (each twice)")
    parser.add_argument("--writers", type=int, default=16, help="concurrent writers")
    parser.add_argument("--db", type=Path, help="database file (default: a new temporary one)")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="warmonitor-load-")) / "load.db"
    store = Store.open(f"sqlite:///{db}")
    if store.counts()["events"] < args.events:
        print(f"filling {db} with {args.events:,} synthetic events", file=sys.stderr)
        fill(store, args.events - store.counts()["events"])
    store.close()
    server, url = start_server(db)
    try:
        figures = asyncio.run(run(url, args))
    finally:
        server.terminate()
        server.wait(timeout=30)
    lost, doubled = check_writes(db, figures["acked"])
    reads, during = figures["reads"], figures["reads_during_writes"]
    print(f"warmonitor load test, {date.today().isoformat()}, SQLite, {args.events:,} events, "
          f"uvicorn on 127.0.0.1 (one process)")
    print(f"reads  GET /events, {args.readers} concurrent, {figures['read_seconds']:.1f} s: "
          f"{len(reads):,} requests, {len(reads) / figures['read_seconds']:.0f} req/s, "
          f"{len(figures['read_errors'])} errors")
    print(f"       {percentiles(reads)}")
    print(f"       while writing: {len(during):,} requests, {percentiles(during)}")
    print(f"writes POST /articles, {args.writers} concurrent, {args.writes} articles posted twice "
          f"in {figures['write_seconds']:.1f} s ({2 * args.writes / figures['write_seconds']:.0f} req/s), "
          f"{percentiles(figures['write_timings'])}")
    print(f"       acknowledged {len(figures['acked'])} of {args.writes}, answered as duplicates "
          f"{len(figures['duplicates'])}, errors {len(figures['write_errors'])}, "
          f"lost {lost}, doubled {doubled}")
    if lost or doubled:
        sys.exit(1)


if __name__ == "__main__":
    main()
