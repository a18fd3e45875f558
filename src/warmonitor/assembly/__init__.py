"""Document-level assembly: the records of one article's sentences joined into one record
per real event (`merge_within_article`): tellings of one happening, records that refer back
to an earlier one (`coreference`), echoes that name no side."""
from __future__ import annotations

from .article import merge_within_article
from .statements import link_statements
from .within import MAX_MERGE_KM, fold, haversine_km, places_compatible, same_happening

__all__ = ["MAX_MERGE_KM", "fold", "haversine_km", "link_statements", "merge_within_article", "places_compatible",
           "same_happening"]
