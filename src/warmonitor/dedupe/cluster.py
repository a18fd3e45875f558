"""Grouping reports into events and writing the event of a group.

`cluster_reports` links every matching pair of a set, strongest match first, and never
puts two reports of one article in one event (the in-article merge kept them apart), nor
two that contradict each other (places 40 km apart joined through a report that only names
the province). The
order is fixed by the scores and the report ids alone, so the same reports give the same
events whatever order they came in. `merged_record` is the event of a group: the first
report's record (earliest article) with every source's attribution, the most precise date
and place, and each figure as the lowest well-sourced one beside the list of all.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .match import Match, MatchRules, Report, match_reports

_DATE_RANK = {"day": 0, "week": 1, "month": 2, "span": 3, "year": 4, "unknown": 5}
_PLACE_RANK = {"point": 0, "near": 1, "admin2": 2, "admin1": 3, "country": 4}


@dataclass
class Cluster:
    """Reports of one happening, the first one leading, and the links that joined them."""

    reports: list[Report]
    links: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.reports[0].id

    @property
    def articles(self) -> set[str]:
        return {report.article_id for report in self.reports}


def report_order(report: Report) -> tuple[date, str, str]:
    """Earliest article first, then by article id and report id: the lead report is first."""
    return (report.published or date.max, report.article_id, report.id)


def cluster_reports(reports: Sequence[Report], rules: MatchRules) -> list[Cluster]:
    """The events of `reports`: groups joined by their strongest matches (see module doc)."""
    unique = sorted({report.id: report for report in reports}.values(), key=lambda r: r.id)
    edges: list[tuple[float, str, str, Match]] = []
    by_category: dict[str, list[Report]] = {}
    for report in unique:
        by_category.setdefault(report.category, []).append(report)
    for i, a in enumerate(unique):
        for category in sorted(rules.categories_like(a.category)):
            for b in by_category.get(category, []):
                if b.id <= a.id:
                    continue
                verdict = match_reports(a, b, rules)
                if verdict.same:
                    edges.append((verdict.score, a.id, b.id, verdict))
    edges.sort(key=lambda edge: (-edge[0], edge[1], edge[2]))
    parent = {report.id: report.id for report in unique}
    groups = {report.id: Cluster([report]) for report in unique}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for score, a_id, b_id, verdict in edges:
        ra, rb = root(a_id), root(b_id)
        if ra == rb or groups[ra].articles & groups[rb].articles:
            continue
        if _contradict(groups[ra], groups[rb], rules):
            continue
        keep, gone = (ra, rb) if ra < rb else (rb, ra)
        parent[gone] = keep
        merged = groups.pop(gone)
        groups[keep].reports += merged.reports
        groups[keep].links += merged.links
        groups[keep].links.append({"report": b_id, "merged_with": a_id, "score": score,
                                   "why": verdict.why})
    clusters = list(groups.values())
    for cluster in clusters:
        cluster.reports.sort(key=report_order)
        cluster.links.sort(key=lambda link: (link["report"], link["merged_with"]))
    return sorted(clusters, key=lambda c: c.id)


def _contradict(a: Cluster, b: Cluster, rules: MatchRules) -> bool:
    return any(match_reports(x, y, rules).conflict for x in a.reports for y in b.reports)


def merged_record(cluster: Cluster, rules: MatchRules) -> dict[str, Any]:
    """The event record of a cluster; a lone report's record is returned as it is."""
    lead = cluster.reports[0]
    if len(cluster.reports) == 1:
        return dict(lead.record)
    records = [report.record for report in cluster.reports]
    record = dict(lead.record)
    record["reports"] = len(cluster.articles)
    record["attribution"] = list(dict.fromkeys(a for r in records for a in r.get("attribution") or []))
    dated = min(records, key=lambda r: _DATE_RANK.get(r.get("date_precision") or "unknown", 5)
                if r.get("date") else 9)
    for key in ("date", "enddate", "date_precision", "date_text"):
        record[key] = dated.get(key)
    placed = [r for r in records if r.get("event_loc")]
    if placed:
        record["event_loc"] = min(placed, key=lambda r: _PLACE_RANK.get(
            r["event_loc"].get("precision") or "country", 5))["event_loc"]
    for key in ("actor", "recipient", "mode", "cameo", "acled_event_type", "acled_sub_event_type"):
        if not record.get(key):
            record[key] = next((r[key] for r in records if r.get(key)), record.get(key))
    record["confidence"] = max(r.get("confidence") or 0.0 for r in records)
    figures: dict[str, list[dict[str, Any]]] = {}
    for key in rules.figures:
        told = [{"value": r[key], "article": (r.get("article") or {}).get("id"),
                 "attribution": r.get("attribution") or []}
                for r in records if r.get(key) is not None]
        if told:
            figures[key] = told
            sourced = [item["value"] for item in told if item["attribution"]] or [
                item["value"] for item in told]
            record[key] = min(sourced)
    record["figures"] = figures
    return record
