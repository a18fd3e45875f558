"""Merging reports of one happening across articles (`match_reports` decides and explains a
pair; `cluster_reports` groups a set of reports into events and `merged_record` writes the
event of a group). Within one article, records are joined by `warmonitor.assembly`."""
from __future__ import annotations

from .cluster import Cluster, cluster_reports, merged_record
from .match import Match, MatchRules, Report, match_reports

__all__ = ["Cluster", "Match", "MatchRules", "Report", "cluster_reports", "match_reports", "merged_record"]
