"""The timeline: counts of events per day or ISO week and category, read from the stored
counts where the filter allows (`event_weeks` for all dates by week, `event_days` for dates
and categories) and from the events otherwise.

`timeline_json` is the answer of GET /stats/timeline as JSON text: the weekly timeline of all
events (what the map asks first: ~1,300 buckets and ~20,000 counts at 25 years) is built by
the database in one JSON value, not as 20,000 Python rows encoded again."""
from __future__ import annotations

import json
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, func, select, text

from ..errors import InputError
from .filters import EventFilter, conditions, counted
from .schema import event_days, events

if TYPE_CHECKING:
    from . import Store

INTERVALS = ("day", "week")

_WEEKS_JSON = {
    "sqlite": "SELECT json_group_array(json_object('date', week, 'total', total, 'counts', json(counts)))"
              " FROM (SELECT week, sum(n) AS total, json_group_object(category, n) AS counts"
              " FROM event_weeks WHERE n > 0{categories} GROUP BY week ORDER BY week)",
    "postgresql": "SELECT coalesce(json_agg(json_build_object('date', week, 'total', total, 'counts', counts)"
                  " ORDER BY week), '[]')::text FROM (SELECT week, sum(n) AS total,"
                  " json_object_agg(category, n) AS counts FROM event_weeks WHERE n > 0{categories}"
                  " GROUP BY week) AS w",
}


def timeline_json(store: Store, flt: EventFilter, *, interval: str = "day") -> str:
    """`{"interval": ..., "buckets": [...]}` as JSON text, the buckets as `timeline` gives them."""
    if interval not in INTERVALS:
        raise InputError(f"interval must be one of {INTERVALS}, not {interval!r}")
    if interval == "week" and counted(flt, dates=False):
        buckets = _counted_weeks_json(store, flt)
    else:
        buckets = json.dumps(timeline(store, flt, interval=interval), separators=(",", ":"))
    return f'{{"interval":{json.dumps(interval)},"buckets":{buckets}}}'


def _counted_weeks_json(store: Store, flt: EventFilter) -> str:
    statement = _WEEKS_JSON[store.backend].format(
        categories=" AND category IN :categories" if flt.categories else "")
    query = text(statement)
    params: dict[str, Any] = {}
    if flt.categories:
        query = query.bindparams(bindparam("categories", expanding=True))
        params["categories"] = list(flt.categories)
    with store.engine.connect() as conn:
        return conn.execute(query, params).scalar_one()


def timeline(store: Store, flt: EventFilter, *, interval: str = "day") -> list[dict[str, Any]]:
    """Counts of events per day (or ISO week, keyed by its Monday) and category, in date order."""
    if interval not in INTERVALS:
        raise InputError(f"interval must be one of {INTERVALS}, not {interval!r}")
    if interval == "week" and counted(flt, dates=False):  # all dates: read the weekly counts
        return json.loads(_counted_weeks_json(store, flt))
    if counted(flt):  # dates and categories only: read the per-day counts
        days = event_days.c
        where = [days.n > 0]
        where += [days.day >= flt.start] if flt.start else []
        where += [days.day <= flt.end] if flt.end else []
        where += [days.category.in_(flt.categories)] if flt.categories else []
        # Weeks summed in SQL: a store of 25 years holds 150,000 (day, category) rows.
        key = days.week if interval == "week" else days.day
        query = select(key, days.category, func.sum(days.n)).where(*where).group_by(key, days.category)
    else:
        where = [events.c.date.is_not(None), *conditions(store, flt)]
        query = (select(events.c.date, events.c.category, func.count().label("n"))
                 .where(*where).group_by(events.c.date, events.c.category))
    buckets: dict[date, dict[str, int]] = {}
    with store.engine.connect() as conn:
        for day, category, n in conn.execute(query):
            day = day if isinstance(day, date) else date.fromisoformat(day)
            key = day - timedelta(days=day.weekday()) if interval == "week" else day
            counts = buckets.setdefault(key, {})
            counts[category] = counts.get(category, 0) + n
    return [{"date": key.isoformat(), "total": sum(counts.values()), "counts": counts}
            for key, counts in sorted(buckets.items())]
