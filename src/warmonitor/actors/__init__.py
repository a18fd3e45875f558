"""Actor resolution: argument noun phrases to PLOVER entities (country code, sector, name).

Knowledge lives in `actors/data/` (countries, seats of power, armed groups, IGOs, leaders, media,
sector words); `ActorDictionary.load()` reads and validates it once.
"""
from __future__ import annotations

from .country import country_of, dateline_votes, iso2_to_iso3, iso3_to_iso2, main_country
from .dictionary import ActorDictionary, ActorEntry
from .resolve import ActorResolver
from .spans import split_coordination

__all__ = [
    "ActorDictionary", "ActorEntry", "ActorResolver", "country_of", "dateline_votes", "iso2_to_iso3", "iso3_to_iso2",
    "main_country", "split_coordination",
]
