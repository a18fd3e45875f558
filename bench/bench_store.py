"""Fill a fresh store with N synthetic events through the store's bulk load, then time the
API's common queries over HTTP (a real uvicorn process) and report the API's memory.

    .venv/bin/python bench/bench_store.py --events 1000000 [--db URL | --db postgres] [--rounds 60]
    .venv/bin/python bench/bench_store.py --events 5000000 --db URL --reuse [--seed 12]   # an already-filled store

Without --db a fresh SQLite file in /tmp is used; `--db postgres` starts a throwaway
PostgreSQL server (as tests/pg.py does) for the run. With --reuse a store that already holds
the N events (an earlier run's fill) is not filled again: only the queries are timed (the
store is upgraded to the newest schema first, which builds a new migration's indexes once). The last line reads
`store: N events, fill events/s first decile X last decile Y (ratio R), p95 ms <query>=...`.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from pg_server import throwaway_postgres  # noqa: E402
from synthetic import DAYS, NOUNS, ORIGINS, SIDES, START, TOWNS, synthetic_articles  # noqa: E402

from warmonitor.models import Article  # noqa: E402
from warmonitor.store import Store  # noqa: E402
from warmonitor.store.bulk import LoadStats, bulk_load  # noqa: E402


def articles(total: int) -> Iterator[tuple[Article, list[dict]]]:
    for article_id, records in synthetic_articles(total):
        yield Article(id=article_id, text=f"Synthetic article {article_id}.", outlet="Bench Wire",
                      published=date.fromisoformat(records[0]["date"])), records


def fill(store: Store, total: int) -> tuple[list[float], LoadStats]:
    """Bulk-load `total` events; the store's events/s in each tenth of the fill."""
    def progress(stats: LoadStats) -> None:
        print(f"\r  {stats.events:,} events", end="", file=sys.stderr)

    stats = bulk_load(store, articles(total), expected_events=total, progress=progress,
                      batch_events=min(20_000, max(1_000, total // 50)))
    print(file=sys.stderr)
    tenth = max(1, total // 10)
    deciles: list[list[float]] = [[0, 0.0] for _ in range(10)]
    done = 0
    for count, seconds in stats.batch_seconds:
        slot = min(9, done // tenth)
        deciles[slot][0] += count
        deciles[slot][1] += seconds
        done += count
    return [n / s if s else 0.0 for n, s in deciles], stats


def query_sets(rng: random.Random, ids: list[str]) -> dict[str, list[tuple[str, dict]]]:
    """(path, parameters) of each common query, varied per round."""
    sets: dict[str, list[tuple[str, dict]]] = {}
    for _ in range(200):
        first = START + timedelta(days=rng.randrange(DAYS - 90))
        start, end = first.isoformat(), (first + timedelta(days=90)).isoformat()
        _name, country, _admin1, lat, lon = rng.choice(TOWNS)
        recent = (START + timedelta(days=DAYS - rng.randrange(1, 60))).isoformat()
        box = f"{lon - 1},{lat - 1},{lon + 1},{lat + 1}"
        city = f"{lon - 0.15},{lat - 0.1},{lon + 0.15},{lat + 0.1}"
        for name, path, params in [
            ("date+bbox+category", "/events", {"start": start, "end": end, "category": "ASSAULT", "bbox": box}),
            ("text", "/events", {"q": f"{rng.choice(NOUNS).split()[0]} {rng.choice(TOWNS)[0].split()[0]}"}),
            ("actor", "/events", {"actor": f"{rng.choice(ORIGINS)} {rng.choice(SIDES)}"}),
            ("country+recent", "/events", {"country": country, "start": recent}),
            ("event", f"/events/{rng.choice(ids)}", {}),
            ("clusters-world", "/map/clusters", {"zoom": rng.choice([2, 3])}),
            ("clusters-city", "/map/clusters", {"zoom": 12, "bbox": city}),
            ("timeline", "/stats/timeline", {"interval": "week"}),
        ]:
            sets.setdefault(name, []).append((path, params))
    return sets


def serve(db: str, port: int) -> subprocess.Popen:
    """uvicorn with the app over `db` in a child process, on 127.0.0.1."""
    code = ("import uvicorn; from warmonitor.api import create_app; from warmonitor.config import Settings;"
            f"uvicorn.run(create_app(Settings(database_url={db!r})), host='127.0.0.1', port={port},"
            " log_level='warning')")
    return subprocess.Popen([sys.executable, "-c", code])


def memory_mib(pid: int) -> tuple[float, float]:
    """(resident, peak resident) MiB of a process, from /proc."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                  if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def time_queries(url: str, rounds: int, ids: list[str],
                 seed: int = 11) -> tuple[dict[str, float], tuple[float, float]]:
    port = 8000 + os.getpid() % 1000
    server = serve(url, port)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            for _ in range(600):
                with contextlib.suppress(httpx.TransportError):
                    http.get("/health")
                    break
                time.sleep(0.1)
            p95 = {}
            for name, requests in query_sets(random.Random(seed), ids).items():
                timings = []
                for path, params in requests[:rounds]:
                    began = time.perf_counter()
                    answer = http.get(path, params=params)
                    timings.append((time.perf_counter() - began) * 1000)
                    answer.raise_for_status()
                cuts = statistics.quantiles(timings, n=100)
                p95[name] = cuts[94]
                print(f"  {name:20s} p50 {cuts[49]:7.1f} ms   p95 {cuts[94]:7.1f} ms", file=sys.stderr)
            return p95, memory_mib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)


def database_bytes(store: Store, url: str) -> int:
    if store.backend == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    with store.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one()


def run(url: str, total: int, rounds: int, *, reuse: bool = False, seed: int = 11) -> str:
    store = Store.open(url)
    held = store.counts()["events"]
    ids = [record["id"] for _, records in synthetic_articles(2000, first=total // 2) for record in records]
    if reuse and held == total:
        store.close()
        print(f"reusing {url}: {held:,} events, no fill", file=sys.stderr)
        p95, (rss, peak) = time_queries(url, rounds, ids, seed)
        print(f"API process memory: {rss:,.0f} MiB resident, {peak:,.0f} MiB peak", file=sys.stderr)
        return (f"store: {total} events (reused, seed {seed}), p95 ms "
                + " ".join(f"{k}={v:.1f}" for k, v in p95.items()))
    if held:
        sys.exit(f"{url} holds {held:,} events: give a fresh database (or --reuse one of exactly --events)")
    began = time.perf_counter()
    rates, stats = fill(store, total)
    overall = total / (time.perf_counter() - began)
    size = database_bytes(store, url)
    print(f"fill: {' '.join(f'{r:,.0f}' for r in rates)} events/s a decile; indexes built after the"
          f" load in {stats.index_seconds:.1f} s; {overall:,.0f} events/s overall;"
          f" {size / total:,.0f} bytes an event", file=sys.stderr)
    store.close()
    p95, (rss, peak) = time_queries(url, rounds, ids, seed)
    print(f"API process memory: {rss:,.0f} MiB resident, {peak:,.0f} MiB peak", file=sys.stderr)
    ratio = rates[-1] / rates[0] if rates[0] else 0.0
    return (f"store: {total} events, fill events/s first decile {rates[0]:.0f} last decile "
            f"{rates[-1]:.0f} (ratio {ratio:.2f}), p95 ms " + " ".join(f"{k}={v:.1f}" for k, v in p95.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", help="database URL, or `postgres` for a throwaway server")
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--reuse", action="store_true",
                        help="time the queries of a store that already holds --events events, without a fill")
    parser.add_argument("--seed", type=int, default=11,
                        help="seed of the queries' parameters (another seed: queries whose rows no earlier run read)")
    args = parser.parse_args()
    if args.db == "postgres":
        with throwaway_postgres() as url:
            print(run(url, args.events, args.rounds, seed=args.seed))
        return
    if args.db:
        print(run(args.db, args.events, args.rounds, reuse=args.reuse, seed=args.seed))
        return
    with tempfile.TemporaryDirectory(prefix="warmonitor-bench-") as folder:
        print(run(f"sqlite:///{folder}/bench.db", args.events, args.rounds, seed=args.seed))


if __name__ == "__main__":
    main()
