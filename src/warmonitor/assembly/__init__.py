"""Document-level assembly: the records of one article's sentences joined into one record
per real event (`merge_within_article`)."""
from __future__ import annotations

from .within import (
    MAX_MERGE_KM,
    fold,
    haversine_km,
    merge_within_article,
    places_compatible,
    same_happening,
)

__all__ = ["MAX_MERGE_KM", "fold", "haversine_km", "merge_within_article", "places_compatible", "same_happening"]
