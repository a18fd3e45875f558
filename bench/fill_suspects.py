"""What slowed the bulk fill of the SQLite store: each suspect measured alone.

A base store of `--base` synthetic events is built once (the old fill of bench_api.py:
multi-row statements of 1,000 events, the ten event indexes, the FTS5 and R*Tree triggers,
the record JSON in both `events` and `event_reports`, random 16-hex event ids). Then, for
each variant, a copy of the base takes `--extra` more events and the rate is printed, with
the top of a cProfile of that insert:

    .venv/bin/python bench/fill_suspects.py --base 300000 --extra 20000 [--profile]

baseline          the old fill as it was
no-event-indexes  the nine secondary indexes of `events` dropped
sequential-keys   event and report ids in insertion order instead of random
no-fts            the FTS5 trigger dropped
no-rtree          the R*Tree trigger dropped
record-once       `event_reports.record` left empty (the JSON written once)
per-row-commit    one transaction per event instead of per 1,000
cache-1g          PRAGMA cache_size of 1 GiB instead of 64 MiB
no-checkpoint     PRAGMA wal_autocheckpoint=0 (no WAL checkpoints during the fill)
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import synthetic_articles  # noqa: E402

from warmonitor.store import Store  # noqa: E402
from warmonitor.store.rows import actor_pk_of, event_row  # noqa: E402
from warmonitor.store.schema import articles, event_actors, event_reports, events  # noqa: E402
from warmonitor.store.writer import _now  # noqa: E402

SECONDARY = ["ix_events_date", "ix_events_category_date", "ix_events_country_date",
             "ix_events_admin1", "ix_events_acled_type_date", "ix_events_dead",
             "ix_events_lat_lon", "ix_events_article", "ix_events_pk_sort"]


def old_fill(store: Store, total: int, first: int, *, batch: int = 1000, sequential: bool = False,
             record_once: bool = False, per_row: bool = False) -> float:
    """The fill of bench_api.py before this issue; returns events/s."""
    with store.engine.begin() as conn:
        actor_pks: dict[str, int] = {}
    started = time.perf_counter()
    pending: list[tuple[str, list[dict[str, Any]]]] = []
    count = 0
    for item in synthetic_articles(total, first=first):
        pending.append(item)
        count += len(item[1])
        if count >= batch:
            _write(store, pending, first, actor_pks, sequential, record_once, per_row)
            first, pending, count = first + count, [], 0
    if pending:
        _write(store, pending, first, actor_pks, sequential, record_once, per_row)
    return total / (time.perf_counter() - started)


def _write(store: Store, pending: list[tuple[str, list[dict[str, Any]]]], first: int,
           actor_pks: dict[str, int], sequential: bool, record_once: bool, per_row: bool) -> None:
    rows: list[tuple[dict, dict, list[dict], dict]] = []
    number = first
    with store.engine.begin() as conn:
        for article_id, records in pending:
            article_pk = number // 4 + 1
            article = {"pk": article_pk, "id": article_id, "content_hash": article_id, "raw": "synthetic",
                       "raw_format": "text", "text": "synthetic", "status": "ok",
                       "stored_at": _now(), "extracted_at": _now()}
            for record in records:
                number += 1
                if sequential:
                    record["id"] = f"e{number:015d}"
                row = {**event_row(article_pk, record), "pk": number}
                links = [{"event_pk": number, "actor_pk": _actor(store, conn, actor_pks, e), "role": role}
                         for role in ("actor", "recipient") for e in record[role]]
                report = {"pk": number, "report_id": record["id"], "article_pk": article_pk,
                          "event_pk": number, "category": record["event"],
                          "country_code": record["event_loc"]["country_code"],
                          "first_day": row["date"], "last_day": row["date"],
                          "record": "" if record_once else row["record"]}
                rows.append((article, row, links, report))
    groups = [rows[i:i + 1] for i in range(len(rows))] if per_row else [rows]
    for group in groups:
        with store.engine.begin() as conn:
            conn.execute(insert(articles).prefix_with("OR IGNORE"), [g[0] for g in group])
            conn.execute(insert(events), [g[1] for g in group])
            conn.execute(insert(event_actors).prefix_with("OR IGNORE"), [l for g in group for l in g[2]])
            conn.execute(insert(event_reports), [g[3] for g in group])


def _actor(store: Store, conn: Connection, cache: dict[str, int], entity: dict) -> int:
    key = json.dumps(entity, sort_keys=True)
    if key not in cache:
        cache[key] = actor_pk_of(store, conn, entity)
    return cache[key]


def _sql(*statements: str) -> Callable[[Store], None]:
    def apply(store: Store) -> None:
        with store.engine.begin() as conn:
            for statement in statements:
                conn.exec_driver_sql(statement)
    return apply


VARIANTS: dict[str, tuple[Callable[[Store], None] | None, dict[str, Any]]] = {
    "baseline": (None, {}),
    "no-event-indexes": (_sql(*(f"DROP INDEX {name}" for name in SECONDARY)), {}),
    "sequential-keys": (None, {"sequential": True}),
    "no-fts": (_sql("DROP TRIGGER events_fts_ai"), {}),
    "no-rtree": (_sql("DROP TRIGGER events_rtree_ai"), {}),
    "record-once": (None, {"record_once": True}),
    "per-row-commit": (None, {"per_row": True}),
    "cache-1g": ("cache_size=-1048576", {}),  # type: ignore[dict-item]
    "no-checkpoint": ("wal_autocheckpoint=0", {}),  # type: ignore[dict-item]
}


def build_base(store: Store, total: int) -> float:
    """The base store, filled fast: indexes and triggers dropped, then built again at the end."""
    with store.engine.connect() as conn:
        saved = [sql for (sql,) in conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
            " AND tbl_name IN ('events', 'event_reports')")]
    drops = [f"DROP INDEX {n}" for n in SECONDARY] + ["DROP INDEX ix_event_reports_span",
             "DROP INDEX ix_event_reports_event", "DROP INDEX ix_event_reports_article",
             "DROP TRIGGER events_fts_ai", "DROP TRIGGER events_rtree_ai"]
    _sql(*drops)(store)
    rate = old_fill(store, total, 0)
    _sql(*[s for s in saved if s.startswith("CREATE INDEX")],
         "INSERT INTO events_fts(events_fts) VALUES ('rebuild')",
         "INSERT INTO events_rtree SELECT pk, lon, lon, lat, lat, julianday(date), julianday(date)"
         " FROM events")(store)
    _sql(*[s for s in saved if s.startswith("CREATE TRIGGER") and "_ai " in s])(store)
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=300_000)
    parser.add_argument("--extra", type=int, default=20_000)
    parser.add_argument("--dir", default="/tmp/warmonitor-suspects")
    parser.add_argument("--only", nargs="*", default=list(VARIANTS))
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / f"base-{args.base}.db"
    if not base.exists():
        store = Store.open(f"sqlite:///{base}.part")
        rate = build_base(store, args.base)
        store.close()
        Path(f"{base}.part").rename(base)
        print(f"base: {args.base:,} events at {rate:,.0f} events/s", file=sys.stderr)
    for name in args.only:
        change, options = VARIANTS[name]
        copy = folder / f"{name}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(base, copy)
        store = Store.open(f"sqlite:///{copy}")
        if isinstance(change, str):
            from sqlalchemy import event
            pragma = change
            event.listen(store.engine, "connect",
                         lambda dbapi, _r, p=pragma: dbapi.execute(f"PRAGMA {p}"))
            store.engine.dispose()
        elif change is not None:
            change(store)
        profile = cProfile.Profile()
        profile.enable()
        rate = old_fill(store, args.extra, args.base, **options)
        profile.disable()
        store.close()
        print(f"{name:18s} {rate:8,.0f} events/s at {args.base:,} events")
        if args.profile:
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(6)
            print("\n".join(line for line in out.getvalue().splitlines()[6:20] if line.strip()))
        copy.unlink()
        sys.stdout.flush()


if __name__ == "__main__":
    main()
