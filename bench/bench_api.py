"""Fill a SQLite store with synthetic events (1,000,000 by default), serve it with uvicorn on
127.0.0.1, and print the p50/p95 latency of typical GET /events queries: date range + bbox +
category, text search, actor, country + recent days.

    .venv/bin/python bench/bench_api.py [--events 1000000] [--db /tmp/bench.db] [--rounds 60]

A database already filled with the same count is reused (delete it to rebuild).
"""
from __future__ import annotations

import argparse
import random
import socket
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_store import fill as store_fill  # noqa: E402
from bench_store import serve  # noqa: E402
from synthetic import DAYS, NOUNS, ORIGINS, SIDES, START, TOWNS  # noqa: E402

from warmonitor.store import Store  # noqa: E402


def fill(store: Store, total: int) -> None:
    """Bulk-load `total` synthetic events (bench/synthetic.py) into the store."""
    store_fill(store, total)


def queries(rng: random.Random) -> dict[str, list[dict]]:
    """Parameter sets for the typical queries, varied per round."""
    def window() -> tuple[str, str]:
        first = START + timedelta(days=rng.randrange(DAYS - 90))
        return first.isoformat(), (first + timedelta(days=90)).isoformat()

    sets: dict[str, list[dict]] = {"date+bbox+category": [], "text": [], "actor": [], "country+recent": []}
    for _ in range(200):
        start, end = window()
        name, _country, _admin1, lat, lon = rng.choice(TOWNS)
        sets["date+bbox+category"].append({"start": start, "end": end, "category": "ASSAULT",
                                           "bbox": f"{lon - 1},{lat - 1},{lon + 1},{lat + 1}"})
        sets["text"].append({"q": f"{rng.choice(NOUNS).split()[0]} {rng.choice(TOWNS)[0].split()[0]}"})
        sets["actor"].append({"actor": f"{rng.choice(ORIGINS)} {rng.choice(SIDES)}"})
        recent = (START + timedelta(days=DAYS - rng.randrange(1, 60))).isoformat()
        sets["country+recent"].append({"country": rng.choice(TOWNS)[1], "start": recent})
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", default="/tmp/warmonitor-bench.db")
    parser.add_argument("--rounds", type=int, default=60)
    args = parser.parse_args()
    url = f"sqlite:///{args.db}"
    store = Store.open(url)
    have = store.counts()["events"]
    if have != args.events:
        if have:
            sys.exit(f"{args.db} holds {have:,} events, not {args.events:,}: delete it to rebuild")
        print(f"filling {args.db} with {args.events:,} synthetic events", file=sys.stderr)
        fill(store, args.events)
    store.close()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = serve(url, port)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            for _ in range(200):
                try:
                    http.get("/health")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            rng = random.Random(11)
            print(f"GET /events on {args.events:,} events (SQLite, {args.rounds} requests each, "
                  f"{date.today().isoformat()}):")
            for name, params_list in queries(rng).items():
                timings, totals = [], []
                for params in params_list[: args.rounds]:
                    began = time.perf_counter()
                    answer = http.get("/events", params=params)
                    timings.append((time.perf_counter() - began) * 1000)
                    answer.raise_for_status()
                    totals.append(answer.json()["total"])
                cuts = statistics.quantiles(timings, n=100)
                print(f"  {name:20s} p50 {cuts[49]:7.1f} ms   p95 {cuts[94]:7.1f} ms   "
                      f"median matches {int(statistics.median(totals)):,}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
