"""Fill a SQLite store with synthetic events (1,000,000 by default), serve it with uvicorn on
127.0.0.1, and print the p50/p95 latency of typical GET /events queries: date range + bbox +
category, text search, actor, country + recent days.

    .venv/bin/python bench/bench_api.py [--events 1000000] [--db /tmp/bench.db] [--rounds 60]

A database already filled with the same count is reused (delete it to rebuild).
"""
from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta

import httpx
from sqlalchemy import insert

from warmonitor.models import PLOVER_CATEGORIES
from warmonitor.store import Store
from warmonitor.store.rows import actor_pk_of, event_row
from warmonitor.store.schema import articles, event_actors, event_reports, events
from warmonitor.store.writer import _now

TOWNS = [  # (name, country, admin1, lat, lon)
    ("Saraqib", "SY", "Idlib", 35.86, 36.80), ("Aleppo", "SY", "Aleppo", 36.20, 37.13),
    ("Idlib", "SY", "Idlib", 35.93, 36.63), ("Homs", "SY", "Homs", 34.73, 36.71),
    ("Deir ez-Zor", "SY", "Deir ez-Zor", 35.33, 40.14), ("Mosul", "IQ", "Nineveh", 36.34, 43.12),
    ("Baghdad", "IQ", "Baghdad", 33.34, 44.40), ("Kharkiv", "UA", "Kharkiv", 49.99, 36.23),
    ("Bakhmut", "UA", "Donetsk", 48.60, 38.00), ("Khartoum", "SD", "Khartoum", 15.50, 32.56),
    ("Gao", "ML", "Gao", 16.27, -0.04), ("Goma", "CD", "North Kivu", -1.68, 29.23),
    ("Kabul", "AF", "Kabul", 34.53, 69.17), ("Sanaa", "YE", "Sanaa", 15.35, 44.21),
    ("Maiduguri", "NG", "Borno", 11.85, 13.16), ("Mogadishu", "SO", "Banaadir", 2.04, 45.34),
]
SIDES = ["government forces", "rebel fighters", "militiamen", "police", "protesters", "troops",
         "insurgents", "tribal fighters", "security forces", "armed men"]
ORIGINS = ["Syrian", "Iraqi", "Ukrainian", "Russian", "Turkish", "Sudanese", "Malian", "Yemeni",
           "Afghan", "Somali", "Nigerian", "Congolese", "Kurdish", "Islamist", "local"]
SECTORS = ["MIL", "REB", "PGM", "COP", "PRO", "MIL", "REB", "PGM", "COP", "UAF"]
VERBS = ["shelled", "attacked", "clashed with", "bombed", "raided", "ambushed", "stormed",
         "protested against", "fired on", "besieged", "seized", "struck"]
NOUNS = ["village", "checkpoint", "market", "hospital", "convoy", "airport", "school", "base",
         "bridge", "mosque", "camp", "district", "highway", "oil field", "power station"]
START = date(2015, 1, 1)
DAYS = 3650


def actor_pool(rng: random.Random) -> list[dict]:
    """About 150 distinct actors (origin x side), each with code and sector."""
    pool = []
    for origin in ORIGINS:
        for side, sector in zip(SIDES, SECTORS, strict=True):
            pool.append({"entity_text": f"{origin} {side}", "name": f"{origin} {side}".title(),
                         "code": origin[:3].upper(), "sector": sector})
    rng.shuffle(pool)
    return pool


def synthetic_record(rng: random.Random, number: int, article_id: str, actors: list[dict]) -> dict:
    """One plausible event record with a random date, place, actors and sentence."""
    name, country, admin1, lat, lon = rng.choice(TOWNS)
    day = START + timedelta(days=rng.randrange(DAYS))
    actor, recipient = rng.choice(actors), rng.choice(actors)
    category = "ASSAULT" if rng.random() < 0.5 else rng.choice(PLOVER_CATEGORIES)
    dead = rng.choice([None, None, 0, 1, 2, 3, 5, 8, 12, 20, 40])
    text = (f"{actor['entity_text'].capitalize()} {rng.choice(VERBS)} a {rng.choice(NOUNS)} near "
            f"{name} held by {recipient['entity_text']}, killing {dead or 'no'} people.")
    return {
        "id": f"bench{number:08d}", "event": category, "mode": None, "context": [],
        "cameo": None, "acled_event_type": rng.choice(["Battles", "Explosions/Remote violence", None]),
        "acled_sub_event_type": None, "actor": [actor], "recipient": [recipient],
        "event_text": "attacked", "date": day.isoformat(), "enddate": None,
        "date_precision": "day", "date_text": None,
        "event_loc": {"place_text": name, "name": name, "geonameid": None, "country_code": country,
                      "admin1": admin1, "lat": lat + rng.uniform(-0.3, 0.3),
                      "lon": lon + rng.uniform(-0.3, 0.3), "precision": "point"},
        "dead": dead, "injured": None, "arrested": None, "size": None, "text": text,
        "attribution": [], "article": {"id": article_id, "outlet": "Bench Wire", "url": None,
                                       "title": None, "published": day.isoformat()},
        "reports": 1, "confidence": 0.7,
    }


def fill(store: Store, total: int, *, per_article: int = 10, seed: int = 7) -> None:
    """Insert `total` synthetic events (`per_article` an article) and their reports, in bulk
    statements of 1,000 events with keys given here: the same rows `ingest` writes (each
    record its own event, as the synthetic records are drawn apart), filled in minutes."""
    rng = random.Random(seed)
    actors = actor_pool(rng)
    started = time.perf_counter()
    number = 0
    with store.engine.begin() as conn:
        actor_pks = {json.dumps(a, sort_keys=True): actor_pk_of(store, conn, a) for a in actors}
    while number < total:
        count = min(1000, total - number)
        records = [synthetic_record(rng, number + i, f"bench-article-{(number + i) // per_article}", actors)
                   for i in range(count)]
        article_rows = {r["article"]["id"]: {
            "pk": (number + i) // per_article + 1, "id": r["article"]["id"], "content_hash": r["article"]["id"],
            "raw": "synthetic", "raw_format": "text", "text": "synthetic", "status": "ok",
            "stored_at": _now(), "extracted_at": _now()} for i, r in enumerate(records)}
        event_rows, link_rows, report_rows = [], [], []
        for i, record in enumerate(records):
            pk, article_pk = number + i + 1, (number + i) // per_article + 1
            event_rows.append({**event_row(article_pk, record), "pk": pk})
            for role in ("actor", "recipient"):
                for entity in record[role]:
                    link_rows.append({"event_pk": pk, "actor_pk": actor_pks[json.dumps(entity, sort_keys=True)],
                                      "role": role})
            day = date.fromisoformat(record["date"])
            report_rows.append({"pk": pk, "report_id": record["id"], "article_pk": article_pk, "event_pk": pk,
                                "category": record["event"], "country_code": record["event_loc"]["country_code"],
                                "first_day": day, "last_day": day, "record": event_rows[-1]["record"]})
        with store.engine.begin() as conn:
            conn.execute(insert(articles).prefix_with("OR IGNORE"), list(article_rows.values()))
            conn.execute(insert(events), event_rows)
            conn.execute(insert(event_actors).prefix_with("OR IGNORE"), link_rows)
            conn.execute(insert(event_reports), report_rows)
        number += count
        print(f"\r  {number:,} events ({time.perf_counter() - started:.0f} s)", end="", file=sys.stderr)
    print(file=sys.stderr)


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


def serve(db: str, port: int) -> subprocess.Popen:
    """uvicorn with the app over `db` in a child process, on 127.0.0.1."""
    code = ("import uvicorn; from warmonitor.api import create_app; from warmonitor.config import Settings;"
            f"uvicorn.run(create_app(Settings(database_url={db!r})), host='127.0.0.1', port={port},"
            " log_level='warning')")
    return subprocess.Popen([sys.executable, "-c", code])


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
