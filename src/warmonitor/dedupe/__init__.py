"""Merging records of one happening: within one article (`merge_within_article`) and
across articles (`match_reports` decides and explains a pair; `cluster_reports` groups a
set of reports into events and `merged_record` writes the event of a group)."""
from __future__ import annotations

from .cluster import Cluster, cluster_reports, merged_record
from .match import Match, MatchRules, Report, match_reports
from .within import MAX_MERGE_KM, fold, haversine_km, merge_within_article, places_compatible, same_happening

__all__ = [
    "MAX_MERGE_KM", "Cluster", "Match", "MatchRules", "Report", "cluster_reports", "fold",
    "haversine_km", "match_reports", "merge_within_article", "merged_record",
    "places_compatible", "same_happening",
]
