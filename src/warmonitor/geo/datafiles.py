"""Loads and checks the geo stage's data files (geo/data/): each is read once and cached.

A malformed line raises DataFileError naming the file and the line.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import DataFileError


def _data_text(filename: str) -> tuple[str, str]:
    resource = resources.files("warmonitor.geo").joinpath("data", filename)
    try:
        return str(resource), resource.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"{filename}: cannot read the geo data file ({exc})") from exc


def _lines(filename: str) -> list[tuple[int, str]]:
    """(line number, text) of the non-blank, non-comment lines of a data file."""
    path, text = _data_text(filename)
    return [(n, line.rstrip("\n")) for n, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def load_country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> (lat, lon) for the countries whose point is set by hand (GeoNames' own)."""
    points: dict[str, tuple[float, float]] = {}
    for number, line in _lines("country_points.tsv"):
        parts = line.split("\t")
        try:
            iso, lat, lon = parts[0], float(parts[1]), float(parts[2])
        except (IndexError, ValueError) as exc:
            raise DataFileError(f"country_points.tsv line {number}: want iso2<TAB>lat<TAB>lon") from exc
        if len(iso) != 2 or not -90 <= lat <= 90 or not -180 <= lon <= 180:
            raise DataFileError(f"country_points.tsv line {number}: bad code or coordinates")
        points[iso] = (lat, lon)
    return points


@lru_cache(maxsize=1)
def load_country_aliases() -> dict[str, list[str]]:
    """ISO alpha-2 -> the extra names news text uses for the country ("Turkey", "U.S.")."""
    aliases: dict[str, list[str]] = {}
    for number, line in _lines("country_aliases.tsv"):
        parts = line.split("\t")
        if len(parts) != 2 or len(parts[0]) != 2 or not parts[1].strip():
            raise DataFileError(f"country_aliases.tsv line {number}: want iso2<TAB>name")
        aliases.setdefault(parts[0], []).append(parts[1].strip())
    return aliases


@lru_cache(maxsize=8)
def load_word_list(filename: str) -> frozenset[str]:
    """A one-word-a-line list (stopnames.txt), lower-cased."""
    return frozenset(line.strip().lower() for _, line in _lines(filename))


@lru_cache(maxsize=1)
def load_demonyms() -> dict[str, str]:
    """Lower-cased demonym ("turkish") -> ISO alpha-2, "continent:NAME", "division:NAME"
    (a first-level division: "English" is England) or "-" (a people)."""
    demonyms: dict[str, str] = {}
    for number, line in _lines("demonyms.tsv"):
        parts = line.split("\t")
        target = parts[1].strip() if len(parts) == 2 else ""
        if not parts[0].strip() or not (len(target) == 2 or target == "-" or target.startswith(("continent:", "division:"))):
            raise DataFileError(f"demonyms.tsv line {number}: want demonym<TAB>iso2, continent:NAME, division:NAME or -")
        demonyms[parts[0].strip().lower()] = target
    return demonyms


@dataclass(frozen=True)
class Region:
    """An ocean, sea or region of regions.tsv: its names, point, feature code and country."""

    names: tuple[str, ...]
    lat: float
    lon: float
    feature_code: str
    country_code: str


@lru_cache(maxsize=1)
def load_regions() -> tuple[Region, ...]:
    """The oceans, seas and regions the GeoNames packages lack (regions.tsv)."""
    regions = []
    for number, line in _lines("regions.tsv"):
        parts = line.split("\t")
        try:
            names, lat, lon, code = parts[0], float(parts[1]), float(parts[2]), parts[3].strip()
        except (IndexError, ValueError) as exc:
            raise DataFileError(f"regions.tsv line {number}: want names<TAB>lat<TAB>lon<TAB>code<TAB>country") from exc
        country = parts[4].strip() if len(parts) > 4 else ""
        if not names or not code or not -90 <= lat <= 90 or not -180 <= lon <= 180 or len(country) not in (0, 2):
            raise DataFileError(f"regions.tsv line {number}: bad name, code, country or coordinates")
        regions.append(Region(tuple(n.strip() for n in names.split("|") if n.strip()), lat, lon, code, country))
    return tuple(regions)


@lru_cache(maxsize=1)
def load_abbreviations() -> dict[str, tuple[str, str]]:
    """Abbreviation as written ("Ky.") -> (the name to look up, kind: country, continent or division)."""
    abbreviations: dict[str, tuple[str, str]] = {}
    for number, line in _lines("abbreviations.tsv"):
        parts = [part.strip() for part in line.split("\t")]
        if len(parts) != 3 or not parts[0] or not parts[1] or parts[2] not in ("country", "continent", "division"):
            raise DataFileError(f"abbreviations.tsv line {number}: want abbreviation<TAB>name<TAB>kind")
        abbreviations[parts[0]] = (parts[1], parts[2])
    return abbreviations


@dataclass(frozen=True, eq=False)
class GeoLexicon:
    """The words read around toponyms (geo/data/lexicon.yaml); hashed by identity."""

    admin_words: frozenset[str]
    org_words: frozenset[str]
    group_followers: frozenset[str]
    city_words: frozenset[str]
    #: Nouns that may stand between a direction and a name ("southwest of the capital Mogadishu").
    place_descriptors: frozenset[str]
    locatives: dict[str, float]
    destinations: frozenset[str]
    border_words: frozenset[str]
    place_followers: frozenset[str]
    #: A hashtag before a big place's name, a colon after it at a sentence's head ("Niger: ...").
    name_marks_before: frozenset[str]
    name_marks_after: frozenset[str]
    street_words: frozenset[str]
    saint_words: frozenset[str]
    extension_links: frozenset[str]
    #: Words before a name that make a national capital beat a division of its name ("in Washington").
    capital_cues: frozenset[str]
    #: Link words inside a place name ("da" of "Mocímboa da Praia", "al" of "Ras al Ayn").
    name_links: frozenset[str]
    speech_verbs: frozenset[str]
    outlet_words: frozenset[str]
    residence_verbs: frozenset[str]
    person_nouns: frozenset[str]
    statement_nouns: frozenset[str]
    near_words: tuple[str, ...]
    admin_before: tuple[str, ...]
    unknown_before: tuple[str, ...]
    unknown_after: frozenset[str]
    facility_words: frozenset[str]
    container_links: frozenset[str]
    enclosing_links: frozenset[str]
    containing_links: frozenset[str]
    district_words: frozenset[str]
    town_parts: frozenset[str]
    village_words: frozenset[str]
    event_nouns: frozenset[str]
    units: dict[str, float]
    directions: dict[str, float]
    numbers: dict[str, float]
    sides: dict[str, float]
    side_nouns: frozenset[str]
    sequence_marks: frozenset[str]
    place_nouns: frozenset[str]
    journey_words: frozenset[str]
    speaking_verbs: frozenset[str]
    seat_suffixes: frozenset[str]
    side_offset_km: float


@lru_cache(maxsize=1)
def load_lexicon() -> GeoLexicon:
    """The geo lexicon, checked: every key present, weights and distances numeric."""
    path, text = _data_text("lexicon.yaml")
    try:
        data: dict[str, Any] = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise DataFileError(f"lexicon.yaml{where}: {exc}") from exc
    try:
        numeric = {key: {str(k).lower(): float(v) for k, v in data[key].items()}
                   for key in ("locatives", "units", "directions", "numbers", "sides")}
        words = {key: frozenset(str(w).lower() for w in data[key])
                 for key in ("admin_words", "org_words", "group_followers", "city_words", "destinations", "border_words", "speech_verbs",
                             "outlet_words", "residence_verbs", "person_nouns", "statement_nouns", "place_followers",
                             "name_marks_before", "name_marks_after",
                             "street_words", "saint_words", "extension_links", "name_links", "capital_cues", "unknown_after", "container_links",
                             "enclosing_links", "containing_links", "district_words", "town_parts", "village_words",
                             "facility_words", "event_nouns", "side_nouns", "place_descriptors", "sequence_marks",
                             "place_nouns", "journey_words", "speaking_verbs", "seat_suffixes")}
        phrases = {key: tuple(sorted((str(w).lower() for w in data[key]), key=len, reverse=True))
                   for key in ("near_words", "admin_before", "unknown_before")}
        side_offset_km = float(data["side_offset_km"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataFileError(f"lexicon.yaml: missing or malformed section ({exc!r})") from exc
    return GeoLexicon(**phrases, **words, **numeric, side_offset_km=side_offset_km)


_SCORING_NUMBERS = ("exact_name", "main_name", "country_share", "same_admin1", "near_other_place", "near_km",
                    "population_log", "big_city", "big_city_population", "metropolis", "metropolis_population",
                    "choice_vote", "choice_min_confidence", "min_lead", "rival_km", "focus_share", "village_max_population",
                    "foreign_min_population", "loose_spelling", "loose_min_ratio", "loose_country_key", "local_namesake_share")
_SCORING_TABLES = {"feature": (), "admin_hint": ("other",), "district_hint": ("other",),
                   "city_hint": ("town", "other", "population_log"),
                   "assumed_population": ("town", "ADM1", "other")}


@lru_cache(maxsize=1)
def load_scoring() -> dict[str, Any]:
    """The resolver's weights (scoring.yaml), checked: every key present, every value a number."""
    path, text = _data_text("scoring.yaml")
    try:
        data: dict[str, Any] = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataFileError(f"scoring.yaml: {exc}") from exc
    weights: dict[str, Any] = {}
    try:
        for key in _SCORING_NUMBERS:
            weights[key] = float(data[key])
        for key, required in _SCORING_TABLES.items():
            weights[key] = {str(k): float(v) for k, v in data[key].items()}
            missing = [name for name in required if name not in weights[key]]
            if missing:
                raise KeyError(f"{key}.{missing[0]}")
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataFileError(f"scoring.yaml: missing or malformed key ({exc})") from exc
    return weights


@dataclass(frozen=True)
class Transliteration:
    """Word spellings folded together in name keys (transliteration.tsv)."""

    words: dict[str, str]
    prefixes: tuple[tuple[str, str], ...]
    #: (variant ending, canonical ending), longest first: "hasakeh" is "hasakah".
    suffixes: tuple[tuple[str, str], ...]
    #: A short hash of the file: the index is rebuilt when it changes.
    digest: str


@lru_cache(maxsize=1)
def load_transliteration() -> Transliteration:
    """Variant -> canonical word, and (variant prefix, canonical prefix) and (variant
    ending, canonical ending) pairs, longest first."""
    words: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    suffixes: list[tuple[str, str]] = []
    for number, line in _lines("transliteration.tsv"):
        parts = [part.strip() for part in line.split("\t") if part.strip()]
        kind = parts[0] if parts[0] in ("prefix", "suffix") else "word"
        forms = parts[1:] if kind != "word" else parts
        if len(forms) < 2 or any(not form.isalpha() or form != form.lower() for form in forms):
            raise DataFileError(f"transliteration.tsv line {number}: want canonical<TAB>variant..., lower-case letters")
        for variant in forms[1:]:
            if kind == "prefix":
                prefixes.append((variant, forms[0]))
            elif kind == "suffix":
                suffixes.append((variant, forms[0]))
            else:
                words[variant] = forms[0]
    digest = hashlib.sha1(_data_text("transliteration.tsv")[1].encode("utf-8")).hexdigest()[:8]
    return Transliteration(words, tuple(sorted(prefixes, key=lambda pair: -len(pair[0]))),
                           tuple(sorted(suffixes, key=lambda pair: -len(pair[0]))), digest)
