"""Relative place phrases: "9 miles east of Idlib city", "20 km north of Aleppo", "outside Mosul".

A distance and a compass direction move the anchor's point (precision "near"); so do a
bare direction ("east of X") and a side ("the eastern countryside of X"), by lexicon.yaml's
side_offset_km; "near X", "outside X", "on the outskirts of X" keep X's point with precision "near".
"""
from __future__ import annotations

import math
import re
from dataclasses import replace
from functools import lru_cache

from ..models import Place
from .datafiles import GeoLexicon

EARTH_RADIUS_KM = 6371.0088


def move_point(lat: float, lon: float, distance_km: float, bearing_deg: float) -> tuple[float, float]:
    """The point `distance_km` from (lat, lon) along `bearing_deg` (0 = north, 90 = east)."""
    angular = distance_km / EARTH_RADIUS_KM
    bearing = math.radians(bearing_deg)
    lat1, lon1 = math.radians(lat), math.radians(lon)
    lat2 = math.asin(math.sin(lat1) * math.cos(angular) + math.cos(lat1) * math.sin(angular) * math.cos(bearing))
    lon2 = lon1 + math.atan2(math.sin(bearing) * math.sin(angular) * math.cos(lat1),
                             math.cos(angular) - math.sin(lat1) * math.sin(lat2))
    return round(math.degrees(lat2), 5), round((math.degrees(lon2) + 540) % 360 - 180, 5)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def _alternation(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


@lru_cache(maxsize=4)
def side_pattern(lexicon: GeoLexicon) -> re.Pattern[str]:
    """A side phrase ending at the name: "the eastern countryside of", "northern parts of"."""
    side = rf"(?P<side>{_alternation(lexicon.sides)})"
    return re.compile(rf"\b{side}\s+(?:{_alternation(lexicon.side_nouns)})\s+of\s+(?:the\s+)?$", re.I)


@lru_cache(maxsize=4)
def _patterns(lexicon: GeoLexicon) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(distance phrase, bare direction phrase, near phrase), each anchored at the name."""
    number = rf"(?P<num>\d+(?:[.,]\d+)?|{_alternation(lexicon.numbers)})"
    unit = rf"(?P<unit>{_alternation(lexicon.units)})\.?"
    direction = rf"(?P<dir>{_alternation(lexicon.directions)})"
    distance = re.compile(rf"\b{number}[\s-]*{unit}\s+(?:to\s+the\s+)?{direction}\s+of\s+(?:the\s+)?$", re.I)
    # "southwest of the capital Mogadishu", "to the north of the town of X": a descriptor may stand between
    descriptor = rf"(?:(?:{_alternation(lexicon.place_descriptors)})\s+(?:of\s+)?)?"
    bare = re.compile(rf"\b(?:just\s+)?{direction}\s+of\s+(?:the\s+)?{descriptor}$", re.I)
    # "near X", and a distance with no direction: "some 45 km (28 miles) from X" is near X, not X
    away = rf"\b{number}[\s-]*{unit}\s+(?:\([^)]{{1,20}}\)\s+)?(?:away\s+)?from\s+(?:the\s+)?{descriptor}"
    near = re.compile(rf"(?:\b(?:{_alternation(lexicon.near_words)})\s+(?:the\s+)?|{away})$", re.I)
    return distance, bare, near


def only_tells_where(words: str, lexicon: GeoLexicon) -> bool:
    """Whether the words between a town and a later name only say where the town lies from that
    name (", south of", ", some 9 miles east of the city of", ", near"): the town is described,
    not joined to another place. One word may come first ("some", "about", "just")."""
    rest = words.lstrip()
    if not rest.startswith(","):
        return False
    rest = rest[1:].lstrip()  # the patterns end where the name starts: the space before it is kept
    if not rest.strip():
        return True
    for pattern in _patterns(lexicon):
        match = pattern.search(rest)
        if match is not None and len(rest[:match.start()].split()) <= 1:
            return True
    return False


def relative_phrase(text_before: str, place: Place, lexicon: GeoLexicon) -> tuple[int, Place, str] | None:
    """How a relative phrase ending where a place name starts changes the place.

    `text_before` is the sentence text up to the name. Returns (offset in `text_before`
    where the phrase starts, the moved Place, the role "relative" or "near"), or None.
    """
    if place.lat is None or place.lon is None or place.precision == "country":
        return None
    distance, bare, near = _patterns(lexicon)
    found = distance.search(text_before)
    if found:
        raw = found.group("num").lower().replace(",", ".")
        amount = float(raw) if raw[0].isdigit() else lexicon.numbers[raw]
        km = amount * lexicon.units[found.group("unit").lower()]
        lat, lon = move_point(place.lat, place.lon, km, lexicon.directions[found.group("dir").lower()])
        moved = replace(place, lat=lat, lon=lon, precision="near")
        return found.start(), moved, "relative"
    found = side_pattern(lexicon).search(text_before)
    bearing = lexicon.sides[found.group("side").lower()] if found else None
    if found is None:
        found = bare.search(text_before)
        bearing = lexicon.directions[found.group("dir").lower()] if found else None
    if found and bearing is not None:  # "the eastern countryside of X", "east of X": that way from X
        lat, lon = move_point(place.lat, place.lon, lexicon.side_offset_km, bearing)
        return found.start(), replace(place, lat=lat, lon=lon, precision="near"), "near"
    found = near.search(text_before)
    if found:
        return found.start(), replace(place, precision="near"), "near"
    return None
