"""Adds a GeoNames dump to the gazetteer index: the villages the embedded default lacks.

    >>> add_geonames(Path("SY.zip"), Path("~/.cache/warmonitor/gazetteer.sqlite"))  # doctest: +SKIP

A dump is `allCountries.zip`, a country's file (`SY.zip`), the `.txt` inside, or an
alternate-names file (`alternateNamesV2.zip`, `alternatenames/SY.zip`); which one is told
by its columns. Populated places (save historical and destroyed ones) and first- and
second-level divisions are added with all their Latin-script names; entries the index holds
already keep their data and gain the names they lacked. Places of at least
`MATCH_MIN_POPULATION` people, divisions and smaller places of names of two words or more
are also found by the text matcher; one-word villages when the model or a place phrase marks
them ("the village of X").
"""
from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import GazetteerError
from .build import MATCH_MIN_POPULATION, NameRow, entry_name_rows, matcher_keys

#: Feature codes of populated places that no longer are: never added.
_GONE_CODES = frozenset({"PPLH", "PPLQ", "PPLW", "PPLCH"})
_DIVISION_CODES = frozenset({"ADM1", "ADM2"})
#: "Languages" of the alternate-names file that are codes or links, not names.
_NOT_LANGUAGES = frozenset({"link", "post", "iata", "icao", "faac", "fr_1793", "abbr", "wkdt", "unlc", "tcid"})
_BATCH = 20_000


@dataclass
class ImportCounts:
    """What one file added to the index."""

    file: str
    kind: str
    rows: int = 0
    entries_added: int = 0
    names_added: int = 0
    skipped: int = 0


@contextmanager
def open_dump(path: Path) -> Iterator[tuple[int, Iterator[str]]]:
    """(uncompressed size in bytes, the lines) of a dump, zipped or not."""
    if not path.is_file():
        raise GazetteerError(f"{path}: no such file; give a GeoNames dump such as SY.zip or allCountries.zip")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if m.filename.endswith(".txt")
                       and not m.filename.lower().startswith(("readme", "iso-languagecodes"))]
            if not members:
                raise GazetteerError(f"{path}: the archive holds no GeoNames .txt file")
            member = max(members, key=lambda m: m.file_size)
            with archive.open(member) as raw:
                yield member.file_size, io.TextIOWrapper(raw, encoding="utf-8", newline="")
    else:
        with path.open(encoding="utf-8", newline="") as handle:
            yield path.stat().st_size, handle


def add_geonames(path: Path, index: Path, *, on_bytes: Callable[[int], None] | None = None) -> ImportCounts:
    """Add one dump to the index at `index` (which must exist); `on_bytes` is told how many
    bytes of the uncompressed file each line took (a progress bar)."""
    conn = sqlite3.connect(index)
    try:
        with open_dump(path) as (_size, lines):
            counts = _import(conn, path.name, lines, on_bytes or (lambda _n: None))
        conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                     (f"import:{path.name}", json.dumps({**asdict(counts), "at": _now()})))
        conn.commit()
    except (sqlite3.Error, UnicodeDecodeError, zipfile.BadZipFile, ValueError) as exc:
        conn.rollback()
        raise GazetteerError(f"{path}: could not add it to the gazetteer at {index}: {exc}") from exc
    finally:
        conn.close()
    return counts


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _import(conn: sqlite3.Connection, name: str, lines: Iterator[str], on_bytes: Callable[[int], None]) -> ImportCounts:
    counts: ImportCounts | None = None
    batch: list[list[str]] = []
    for line in lines:
        on_bytes(len(line.encode("utf-8")))
        if not line.strip() or line.startswith("#"):
            continue
        row = next(csv.reader([line.rstrip("\r\n")], delimiter="\t", quoting=csv.QUOTE_NONE))
        if counts is None:
            kind = "places" if len(row) >= 19 else "alternate names" if 4 <= len(row) <= 10 else ""
            if not kind:
                raise ValueError(f"the first line has {len(row)} columns: not a GeoNames dump "
                                 "(19 columns) nor an alternate-names file (8 to 10)")
            counts = ImportCounts(file=name, kind=kind)
        counts.rows += 1
        batch.append(row)
        if len(batch) >= _BATCH:
            _write(conn, batch, counts)
            batch = []
    if counts is None:
        raise ValueError("the file holds no rows")
    _write(conn, batch, counts)
    return counts


def _write(conn: sqlite3.Connection, rows: list[list[str]], counts: ImportCounts) -> None:
    if counts.kind == "places":
        _write_places(conn, rows, counts)
    else:
        _write_alternate_names(conn, rows, counts)


def _write_places(conn: sqlite3.Connection, rows: list[list[str]], counts: ImportCounts) -> None:
    names: list[NameRow] = []
    keys: set[str] = set()
    for row in rows:
        feature_class, code = row[6], row[7]
        wanted = (feature_class == "P" and code not in _GONE_CODES) or code in _DIVISION_CODES
        if not wanted or len(row) < 19:
            counts.skipped += 1
            continue
        gid, population = int(row[0]), int(row[14] or 0)
        admin1 = row[10] or None
        cursor = conn.execute("INSERT OR IGNORE INTO entries VALUES (?,?,?,?,?,?,?,?,?)",
                              (gid, row[1], float(row[4]), float(row[5]), feature_class, code, row[8], admin1,
                               population))
        counts.entries_added += cursor.rowcount
        all_names = [row[1], row[2], *row[3].split(",")]
        names.extend(entry_name_rows(gid, all_names))
        if code == "ADM1" and admin1:
            conn.execute("INSERT OR IGNORE INTO admin1 VALUES (?,?,?)", (row[8], admin1, row[1]))
        if code in _DIVISION_CODES or population >= MATCH_MIN_POPULATION:
            keys.update(matcher_keys(all_names))
        else:  # a village's name of two words or more is rarely a common word ("Tall Hawsh")
            keys.update(key for key in matcher_keys(all_names) if " " in key)
    counts.names_added += _insert_names(conn, names)
    conn.executemany("INSERT OR IGNORE INTO match_keys VALUES (?)", ((k,) for k in keys if k))


def _write_alternate_names(conn: sqlite3.Connection, rows: list[list[str]], counts: ImportCounts) -> None:
    """Names of entries the index holds; codes, links and historic names are left out."""
    names: list[NameRow] = []
    for row in rows:
        historic = len(row) > 7 and row[7] == "1"
        if len(row) < 4 or row[2] in _NOT_LANGUAGES or historic or not row[1].isdigit():
            counts.skipped += 1
            continue
        names.extend(entry_name_rows(int(row[1]), [row[3]]))
    known = {gid for (gid,) in conn.execute(
        f"SELECT geonameid FROM entries WHERE geonameid IN ({','.join('?' * len({n[3] for n in names}))})",
        tuple({n[3] for n in names}))} if names else set()
    counts.names_added += _insert_names(conn, [n for n in names if n[3] in known])


def _insert_names(conn: sqlite3.Connection, names: list[NameRow]) -> int:
    """Insert the (norm, skeleton, consonant key, id) rows the index lacks; how many were new."""
    added = 0
    for norm, skel, cons, gid in names:
        cursor = conn.execute("INSERT INTO names SELECT ?, ?, ?, ? WHERE NOT EXISTS "
                              "(SELECT 1 FROM names WHERE norm = ? AND geonameid = ?)",
                              (norm, skel, cons, gid, norm, gid))
        added += cursor.rowcount
    return added


def index_info(index: Path) -> dict[str, object]:
    """What the index holds: entries by kind, countries, names, matcher keys, the dumps added."""
    conn = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    try:
        kinds = dict(conn.execute(
            "SELECT CASE WHEN feature_class = 'P' THEN 'populated places' WHEN feature_code IN ('ADM1', 'ADM2') "
            "THEN 'divisions' WHEN feature_code = 'PCLI' THEN 'countries' ELSE 'areas' END, count(*) "
            "FROM entries GROUP BY 1").fetchall())
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        return {
            "path": str(index), "size_mib": round(index.stat().st_size / 2**20, 1),
            "schema_version": meta.get("schema_version"), "entries": kinds,
            "names": conn.execute("SELECT count(*) FROM names").fetchone()[0],
            "matcher_keys": conn.execute("SELECT count(*) FROM match_keys").fetchone()[0],
            "imports": [json.loads(value) for key, value in sorted(meta.items()) if key.startswith("import:")],
        }
    finally:
        conn.close()
