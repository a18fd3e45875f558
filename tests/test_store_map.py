"""Map clusters at zoom 12 on both backends (migration 0008): the cells inside the view read
from the stored fine grid, the strips at its edges grouped from the events, give the same
answer as grouping every event of the view, lone cells naming their event; the fine grid
follows ingest, deletes and bulk loads."""
from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from event_factory import SARAQEB, make_article, make_event
from pg import postgres_server  # noqa: F401  (fixture)
from sqlalchemy import delete
from test_store import store  # noqa: F401  (fixture: a store on each backend)

from warmonitor.store import EventFilter, Store
from warmonitor.store.aggregates import FINE_LEVEL, rebuild_fine_sql
from warmonitor.store.bulk import bulk_load
from warmonitor.store.mapcells import cell_degrees, fine_rows, map_clusters
from warmonitor.store.schema import events

SIZE = cell_degrees(FINE_LEVEL)


def _items(count: int, seed: int = 3, prefix: str = "map") -> list:
    """`count` events around Saraqeb (a few on grid lines), two categories, one an article."""
    rng = random.Random(seed)
    items = []
    for n in range(count):
        lat, lon = 35.86 + rng.uniform(-0.12, 0.12), 36.80 + rng.uniform(-0.15, 0.15)
        if n % 25 == 0:  # exactly on a cell's edge
            lat, lon = round(lat / SIZE) * SIZE, round(lon / SIZE) * SIZE
        article = make_article(f"{prefix}{n}", f"Map story {prefix}{n}.")
        event = make_event(article, category="ASSAULT" if n % 3 else "PROTEST",
                           day=date(2021, 1, 1) + timedelta(days=n % 50), dead=n % 4,
                           place=replace(SARAQEB, lat=lat, lon=lon), text=f"Clash {prefix} {n} near Saraqeb.")
        items.append((article, [event.to_dict()]))
    items.append((make_article("far"), [make_event(make_article("far"), place=replace(SARAQEB, lat=35.9912,
                  lon=37.0013), text="A lone clash east of town.", dead=1).to_dict()]))
    return items


def _summary(answer: dict) -> list:
    return sorted((round(c["lat"], 4), round(c["lon"], 4), c["count"], sorted(c["counts"].items()), c.get("id"))
                  for c in answer["clusters"])


BOXES = [(36.70, 35.78, 36.90, 35.95), (36.6512, 35.7013, 36.9511, 36.0207), (36.75, 35.80, 36.95, 35.99),
         (36.80 - 5 * SIZE, 35.86 - 3 * SIZE, 36.80 + 4 * SIZE, 35.86 + 6 * SIZE)]


@pytest.mark.parametrize("defer", [True, False])
def test_fine_clusters_equal_the_events_grouped(store: Store, defer: bool) -> None:
    bulk_load(store, _items(600), defer=defer)
    for box in BOXES:
        for categories in ((), ("PROTEST",)):
            flt = EventFilter(bbox=box, categories=categories)
            if not categories:
                with store.engine.connect() as conn:
                    assert fine_rows(store, conn, flt) is not None  # the fine path answers these
            fine = map_clusters(store, flt, FINE_LEVEL)
            scanned = map_clusters(store, replace(flt, min_dead=0), FINE_LEVEL)  # every event has dead >= 0
            assert fine["total"] == scanned["total"] > 0
            assert _summary(fine) == _summary(scanned)
    lone = EventFilter(bbox=(36.97, 35.97, 37.03, 36.02))
    with store.engine.connect() as conn:
        assert fine_rows(store, conn, lone) is not None
    answer = map_clusters(store, lone, FINE_LEVEL)
    assert answer["total"] == 1 and answer["clusters"][0]["id"]  # a lone cell inside the view names its event


def test_a_box_without_a_whole_cell_groups_its_events(store: Store) -> None:
    bulk_load(store, _items(100), defer=False)
    flt = EventFilter(bbox=(36.80, 35.86, 36.80 + SIZE, 35.86 + SIZE))
    with store.engine.connect() as conn:
        assert fine_rows(store, conn, flt) is None
    assert map_clusters(store, flt, FINE_LEVEL)["total"] == map_clusters(store, replace(flt, min_dead=0),
                                                                         FINE_LEVEL)["total"]


def _fine_counts(store: Store) -> list:
    with store.engine.connect() as conn:
        return conn.exec_driver_sql(f"SELECT gx, gy, category, n FROM event_cells WHERE level = {FINE_LEVEL}"
                                    " AND n > 0 ORDER BY gx, gy, category").all()


def test_the_fine_grid_follows_inserts_and_deletes(store: Store) -> None:
    bulk_load(store, _items(120), defer=True)
    loaded = _fine_counts(store)
    assert sum(row.n for row in loaded) == 121
    bulk_load(store, _items(30, seed=9, prefix="more")[:-1], defer=False)  # live triggers
    with store.engine.begin() as conn:
        conn.execute(delete(events).where(events.c.pk % 7 == 0))
    kept = _fine_counts(store)
    with store.engine.begin() as conn:
        for statement in rebuild_fine_sql(store.backend):
            conn.exec_driver_sql(statement)
    assert kept == _fine_counts(store) and kept != loaded
