"""Writing event records out: JSON Lines (the record format itself), ACLED-style CSV
(ACLED's column names and order, `notes` made from the sentence), GeoJSON, and PLOVER JSON."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from ..errors import InputError
from ..models import Event
from .countries import country_info

FORMATS = ("jsonl", "acled-csv", "geojson", "plover")
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
PLOVER_FIELDS = ("id", "date", "enddate", "date_precision", "event", "mode", "context", "actor",
                 "recipient", "event_text", "event_loc", "text", "attribution", "article")
_DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Protests": "Demonstrations",
    "Riots": "Demonstrations", "Strategic developments": "Strategic developments",
}
# ACLED's actor types (inter1/inter2), by the record's sector codes.
_INTER = {
    "MIL": "State forces", "GOV": "State forces", "COP": "State forces",
    "REB": "Rebel group", "PGM": "Political militia", "PRO": "Protesters",
    "CVL": "Civilians", "REF": "Civilians", "MED": "Civilians", "NGO": "External/Other forces",
    "IGO": "External/Other forces", "BUS": "Civilians", "ELI": "Civilians",
}
_TIME_PRECISION = {"day": 1, "week": 2, "span": 2, "month": 3, "year": 3}
_GEO_PRECISION = {"point": 1, "near": 2, "admin2": 2, "admin1": 3, "country": 3}
_CIVILIAN_SECTORS = {"CVL", "REF"}
# Characters that str.splitlines() and some JSONL readers take as line breaks, and that JSON
# leaves unescaped: escape them so one record stays on one line.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """One record per line; returns how many were written."""
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False).translate(_LINE_BREAKS) + "\n")
        count += 1
    return count


def read_jsonl(lines: Iterable[str]) -> list[Event]:
    """Event records back from JSON Lines (blank lines skipped)."""
    found = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            found.append(Event.from_dict(json.loads(line)))
        except (ValueError, KeyError, TypeError) as err:
            raise InputError(f"line {number}: not an event record ({err})") from err
    return found


def acled_row(record: dict[str, Any]) -> dict[str, Any]:
    """The ACLED CSV columns of one record."""
    place = record.get("event_loc") or {}
    country = country_info(place.get("country_code"))
    event_type = record.get("acled_event_type") or ""
    actor1, assoc1, inter1 = _acled_actor(record.get("actor") or [])
    actor2, assoc2, inter2 = _acled_actor(record.get("recipient") or [])
    day = record.get("date")
    targets_civilians = event_type in {"Violence against civilians", "Explosions/Remote violence"} \
        and any(e.get("sector") in _CIVILIAN_SECTORS for e in record.get("recipient") or [])
    article = record.get("article") or {}
    tags = [f"crowd size={record['size']}"] if record.get("size") else []
    return {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}{record.get('id', '')}",
        "event_date": day or "", "year": day[:4] if day else "",
        "time_precision": _TIME_PRECISION.get(record.get("date_precision") or "", ""),
        "disorder_type": _DISORDER.get(event_type, ""), "event_type": event_type,
        "sub_event_type": record.get("acled_sub_event_type") or "",
        "actor1": actor1, "assoc_actor_1": assoc1, "inter1": inter1,
        "actor2": actor2, "assoc_actor_2": assoc2, "inter2": inter2,
        "interaction": "-".join(part for part in (inter1, inter2) if part),
        "civilian_targeting": "Civilian targeting" if targets_civilians else "",
        "iso": country.get("isonumeric", ""), "region": country.get("region", ""), "country": country.get("name", ""),
        "admin1": place.get("admin1") or "", "admin2": "", "admin3": "",
        "location": place.get("name") or place.get("place_text") or "",
        "latitude": place.get("lat", ""), "longitude": place.get("lon", ""),
        "geo_precision": _GEO_PRECISION.get(place.get("precision") or "", ""),
        "source": article.get("outlet") or "", "source_scale": "",
        "notes": " ".join((record.get("text") or "").split()),
        "fatalities": _fatalities(record), "tags": "; ".join(tags),
        "timestamp": _timestamp(article.get("published")),
    }


def write_acled_csv(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """ACLED-style CSV with ACLED's header; returns how many rows were written."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(acled_row(record))
        count += 1
    return count


def geojson_feature(record: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON Feature: the record as properties, event_loc as a Point (null if unplaced)."""
    place = record.get("event_loc") or {}
    located = place.get("lat") is not None and place.get("lon") is not None
    geometry = {"type": "Point", "coordinates": [place["lon"], place["lat"]]} if located else None
    return {"type": "Feature", "id": record.get("id"), "geometry": geometry, "properties": record}


def to_geojson(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection of the records."""
    return {"type": "FeatureCollection", "features": [geojson_feature(r) for r in records]}


def to_plover(record: dict[str, Any]) -> dict[str, Any]:
    """The PLOVER fields of a record (CAMEO and ACLED codings left out)."""
    return {name: record.get(name) for name in PLOVER_FIELDS}


def write_export(records: Iterable[dict[str, Any]], out: IO[str], *, fmt: str) -> int:
    """Write records in one of FORMATS; returns how many were written."""
    if fmt == "jsonl":
        return write_jsonl(records, out)
    if fmt == "acled-csv":
        return write_acled_csv(records, out)
    if fmt == "geojson":
        collection = to_geojson(records)
        json.dump(collection, out, ensure_ascii=False)
        out.write("\n")
        return len(collection["features"])
    if fmt == "plover":
        items = [to_plover(record) for record in records]
        json.dump(items, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return len(items)
    raise InputError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")


def _acled_actor(entities: list[dict[str, Any]]) -> tuple[str, str, str]:
    names = [e.get("name") or e.get("entity_text") or "" for e in entities]
    if not names:
        return "", "", ""
    return names[0], "; ".join(names[1:]), _INTER.get(entities[0].get("sector") or "", "")


def _timestamp(published: str | None) -> int | str:
    if not published:
        return ""
    day = date.fromisoformat(published)
    return (day - date(1970, 1, 1)).days * 86400


def _fatalities(record: dict[str, Any]) -> int:
    """ACLED's rule: the lowest credible figure, and 0 where the toll is unknown."""
    figures = [value for value in (record.get("dead_low"), record.get("dead")) if isinstance(value, int)]
    return min(figures) if figures else 0
