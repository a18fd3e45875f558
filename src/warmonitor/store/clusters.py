"""Cross-article dedupe in the store: each article's reports are kept (`event_reports`) and
grouped into events, incrementally.

A new report is compared with the stored reports of a compatible category, country and
date range (an indexed look-up); every report it matches, and the whole events those
belong to, are gathered, then the matches of those, until nothing new comes. That set is
re-clustered (`warmonitor.dedupe.cluster_reports`) and its events rewritten. No match leaves
the set, so the result is the clustering of the whole store, whatever the order articles
came in. Removing an article's reports (reprocess) re-clusters what they had joined.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Connection, bindparam, delete, insert, or_, select, text, update

from ..dedupe import MatchRules, Report, cluster_reports, match_reports, merged_record
from .attach import attach_reports
from .rows import actor_links, event_row
from .schema import event_actors, event_reports, events

if TYPE_CHECKING:
    from . import Store

#: Key of the PostgreSQL advisory lock that serialises merges between writers.
MERGE_LOCK = 4_242_001


def lock_merges(store: Store, conn: Connection) -> None:
    """Hold the merge lock until the transaction ends (PostgreSQL; SQLite has one writer)."""
    if store.backend == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MERGE_LOCK})


def add_reports(store: Store, conn: Connection, article_pk: int,
                records: Sequence[dict[str, Any]], *, also: Iterable[str] = ()) -> None:
    """Store an article's reports and merge them (and the reports `also` names) into events."""
    rules = MatchRules.load()
    unique = list({record["id"]: record for record in records}.values())
    rows, known = [], []
    for record in unique:
        stored = json.dumps(record, ensure_ascii=False)
        # The report as it will be read back from its row (JSON lists, not tuples).
        report = Report.from_record(json.loads(stored), rules)
        place = record.get("event_loc") or {}
        rows.append({"report_id": report.id, "article_pk": article_pk, "event_pk": None,
                     "category": report.category, "country_code": place.get("country_code"),
                     "first_day": report.span[0] if report.span else None,
                     "last_day": report.span[1] if report.span else None, "record": stored})
        known.append((_Row(None, report.id, article_pk, None, stored), report))
    if rows:
        conn.execute(_INSERT_REPORTS, rows)
    seeds = [row["report_id"] for row in rows] + list(also)
    if seeds:
        recluster(store, conn, seeds, rules, known=known)


_INSERT_REPORTS = insert(event_reports)


def remove_reports(conn: Connection, article_pk: int) -> list[str]:
    """Delete an article's reports and their events; the ids of the reports left behind
    in those events (to be re-clustered)."""
    mine = select(event_reports.c.event_pk).where(event_reports.c.article_pk == article_pk,
                                                  event_reports.c.event_pk.is_not(None))
    event_pks = list(conn.execute(mine).scalars())
    conn.execute(delete(event_reports).where(event_reports.c.article_pk == article_pk))
    if not event_pks:
        return []
    left = list(conn.execute(select(event_reports.c.report_id)
                             .where(event_reports.c.event_pk.in_(event_pks))).scalars())
    conn.execute(delete(events).where(events.c.pk.in_(event_pks)))
    return left


class _Row(NamedTuple):
    """The columns of an event_reports row that re-clustering reads."""

    pk: int | None
    report_id: str
    article_pk: int
    event_pk: int | None
    record: str


class _Gathered:
    """The reports read so far: their Report, row pk, article pk and event pk."""

    def __init__(self) -> None:
        self.reports: dict[str, Report] = {}
        self.rows: dict[str, Any] = {}

    def add(self, row: Any, rules: MatchRules, report: Report | None = None) -> Report | None:
        if row.report_id in self.reports:
            return None
        report = report or Report.from_record(json.loads(row.record), rules)
        self.reports[row.report_id], self.rows[row.report_id] = report, row
        return report


_COLUMNS = (event_reports.c.pk, event_reports.c.report_id, event_reports.c.article_pk,
            event_reports.c.event_pk, event_reports.c.record)


def recluster(store: Store, conn: Connection, seeds: Sequence[str], rules: MatchRules, *,
              known: Sequence[tuple[_Row, Report]] = ()) -> None:
    """Re-cluster the reports reachable by matches from `seeds` and rewrite their events;
    `known` gives the rows (and Reports) of seeds just inserted, not to be read back."""
    gathered = _Gathered()
    for row, report in known:
        gathered.add(row, rules, report)
    unread = [report_id for report_id in seeds if report_id not in gathered.rows]
    rows = conn.execute(_BY_IDS, {"ids": unread}) if unread else []
    for row in rows:
        gathered.add(row, rules)
    frontier = [gathered.reports[i] for i in dict.fromkeys(seeds) if i in gathered.reports]
    seen_events: set[int] = set()
    while frontier:
        # One look-up a layer: the candidates of every report of the frontier at once.
        found: list[Report] = []
        joined = {gathered.rows[r.id].event_pk for r in frontier} - {None}
        for row in _candidate_rows(conn, frontier, rules):
            if row.report_id in gathered.reports:
                continue
            other = Report.from_record(json.loads(row.record), rules)
            if any(match_reports(report, other, rules).same for report in frontier):
                gathered.add(row, rules)
                found.append(gathered.reports[row.report_id])
                if row.event_pk is not None:
                    joined.add(row.event_pk)
        new_events = sorted(pk for pk in joined if pk not in seen_events)
        if new_events:
            seen_events.update(new_events)
            for row in conn.execute(_BY_EVENTS, {"pks": new_events}):
                if (member := gathered.add(row, rules)) is not None:
                    found.append(member)
        frontier = found
    if len(gathered.reports) > rules.regroup_limit:
        fresh = [gathered.reports[i] for i in seeds if i in gathered.rows and gathered.rows[i].event_pk is None]
        members: dict[int, list[Report]] = {}
        for report_id, row in gathered.rows.items():
            if row.event_pk is not None:
                members.setdefault(row.event_pk, []).append(gathered.reports[report_id])
        attach_reports(store, conn, fresh, members, gathered.rows, rules)
        return
    _rewrite(store, conn, gathered, rules)


_BY_IDS = select(*_COLUMNS).where(event_reports.c.report_id.in_(bindparam("ids", expanding=True)))
_BY_EVENTS = select(*_COLUMNS).where(event_reports.c.event_pk.in_(bindparam("pks", expanding=True)))
_WINDOW = select(*_COLUMNS).where(
    event_reports.c.category.in_(bindparam("categories", expanding=True)),
    event_reports.c.first_day <= bindparam("last"), event_reports.c.last_day >= bindparam("first"))
_IN_COUNTRY = _WINDOW.where(or_(event_reports.c.country_code.in_(bindparam("countries", expanding=True)),
                                event_reports.c.country_code.is_(None)))


def _candidate_rows(conn: Connection, frontier: Sequence[Report], rules: MatchRules) -> list[Any]:
    """Stored reports of a compatible category, date window and country of any of `frontier`."""
    dated = [report for report in frontier if report.span is not None]
    if not dated:
        return []
    slack = timedelta(days=rules.date_slack_days)
    categories = sorted(set().union(*(rules.categories_like(r.category) for r in dated)))
    params: dict[str, Any] = {"categories": categories,
                              "first": min(r.span[0] for r in dated if r.span) - slack,
                              "last": max(r.span[1] for r in dated if r.span) + slack}
    countries = {(r.record.get("event_loc") or {}).get("country_code") for r in dated}
    if None in countries:
        return list(conn.execute(_WINDOW, params))
    return list(conn.execute(_IN_COUNTRY, {**params, "countries": sorted(countries)}))


def _rewrite(store: Store, conn: Connection, gathered: _Gathered, rules: MatchRules) -> None:
    old = {row.event_pk for row in gathered.rows.values() if row.event_pk is not None}
    if old:
        conn.execute(_DELETE_EVENTS, {"pks": sorted(old)})
    # The events one at a time (each needs its pk); their actor links and members at once.
    links: list[dict[str, Any]] = []
    members: list[dict[str, Any]] = []
    for cluster in cluster_reports(list(gathered.reports.values()), rules):
        record = merged_record(cluster, rules)
        lead = gathered.rows[cluster.id]
        row = event_row(lead.article_pk, record)
        row["merge_links"] = json.dumps(cluster.links, ensure_ascii=False) if cluster.links else None
        event_pk = conn.execute(_INSERT_EVENT, row).scalar_one()
        links.extend(actor_links(store, conn, event_pk, record))
        members.extend({"event": event_pk, "report": r.id} for r in cluster.reports)
    if links:
        conn.execute(_INSERT_LINKS, links)
    if members:
        conn.execute(_SET_EVENT, members)


_DELETE_EVENTS = delete(events).where(events.c.pk.in_(bindparam("pks", expanding=True)))
_INSERT_EVENT = insert(events).returning(events.c.pk)
_INSERT_LINKS = insert(event_actors)
_SET_EVENT = (update(event_reports).where(event_reports.c.report_id == bindparam("report"))
              .values(event_pk=bindparam("event")))
