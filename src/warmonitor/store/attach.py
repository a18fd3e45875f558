"""Attaching new reports to a large event without re-clustering all of it.

`recluster` regroups every report its seeds reach, so the store holds the clustering of the
whole store whatever the order articles came in. That costs a pairwise comparison of the
whole set, which is fine for the handful of reports most happenings have, but a battle told
by hundreds of outlets would make every new report seconds slower. Past
`MatchRules.regroup_limit` gathered reports, each new report is instead attached to the
stored event it matches best (no report of the same article in it, nothing it contradicts),
or starts an event of its own, and only that event is rewritten. The event ids stay those
of their lead reports; only the order of attaching can differ from a full regroup.
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from ..dedupe import Cluster, Match, MatchRules, Report, match_reports, merged_record
from ..dedupe.cluster import report_order
from .rows import event_row, link_actors
from .schema import event_reports, events

if TYPE_CHECKING:
    from . import Store


def attach_reports(store: Store, conn: Connection, fresh: Sequence[Report],
                   members: dict[int, list[Report]], rows: Mapping[str, Any], rules: MatchRules) -> None:
    """Attach each `fresh` report (earliest first) to the best matching event of `members`
    (event pk -> its reports), rewriting that event; `rows` gives each report's article pk."""
    for report in sorted(fresh, key=report_order):
        best = _best_event(report, members, rules)
        if best is None:
            pk = _write(store, conn, Cluster([report]), rows, rules, old_pk=None)
            members[pk] = [report]
            continue
        event_pk, partner, verdict = best
        links = _links(conn, event_pk) + [{"report": report.id, "merged_with": partner.id,
                                           "score": verdict.score, "why": verdict.why}]
        group = sorted(members.pop(event_pk) + [report], key=report_order)
        cluster = Cluster(group, sorted(links, key=lambda link: (link["report"], link["merged_with"])))
        members[_write(store, conn, cluster, rows, rules, old_pk=event_pk)] = group


def _best_event(report: Report, members: Mapping[int, list[Report]], rules: MatchRules
                ) -> tuple[int, Report, Match] | None:
    best: tuple[float, int, Report, Match] | None = None
    for event_pk in sorted(members):
        group = members[event_pk]
        if any(other.article_id == report.article_id for other in group):
            continue
        verdicts = [(other, match_reports(report, other, rules)) for other in group]
        if any(verdict.conflict for _, verdict in verdicts):
            continue
        same = [(other, verdict) for other, verdict in verdicts if verdict.same]
        if not same:
            continue
        other, verdict = max(same, key=lambda pair: (pair[1].score, pair[0].id))
        if best is None or verdict.score > best[0]:
            best = (verdict.score, event_pk, other, verdict)
    return None if best is None else best[1:]


def _links(conn: Connection, event_pk: int) -> list[dict[str, Any]]:
    stored = conn.execute(select(events.c.merge_links).where(events.c.pk == event_pk)).scalar_one_or_none()
    return list(json.loads(stored or "[]"))


def _write(store: Store, conn: Connection, cluster: Cluster, rows: Mapping[str, Any],
           rules: MatchRules, *, old_pk: int | None) -> int:
    if old_pk is not None:
        conn.execute(delete(events).where(events.c.pk == old_pk))
    record = merged_record(cluster, rules)
    row = event_row(rows[cluster.id].article_pk, record)
    row["merge_links"] = json.dumps(cluster.links, ensure_ascii=False) if cluster.links else None
    event_pk = conn.execute(insert(events).returning(events.c.pk), row).scalar_one()
    link_actors(store, conn, event_pk, record)
    conn.execute(update(event_reports).where(event_reports.c.report_id.in_(bindparam("ids", expanding=True)))
                 .values(event_pk=bindparam("event")), {"event": event_pk, "ids": [r.id for r in cluster.reports]})
    return event_pk
