"""Checking an event record against spec/event-record.md: every field there, of its type,
with its allowed values. The property tests hold every serialized record to it, and a
consumer can check records read from elsewhere.

    >>> record_problems({"event": "FIGHT"})[:1]
    ['missing field id']
"""
from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

from ..errors import InputError
from ..models import DATE_PRECISIONS, PLACE_PRECISIONS, PLOVER_CATEGORIES, SECTORS

_STR, _INT, _LIST = "string", "integer", "list"
#: field -> (type, may be null)
RECORD_FIELDS: dict[str, tuple[str, bool]] = {
    "id": (_STR, False), "event": (_STR, False), "mode": (_STR, True), "context": (_LIST, False),
    "cameo": (_STR, True), "acled_event_type": (_STR, True), "acled_sub_event_type": (_STR, True),
    "actor": (_LIST, False), "recipient": (_LIST, False), "event_text": (_STR, False),
    "date": (_STR, True), "enddate": (_STR, True), "date_precision": (_STR, False),
    "date_text": (_STR, True), "event_loc": ("place", True), "dead": (_INT, True),
    "injured": (_INT, True), "arrested": (_INT, True), "size": (_INT, True), "text": (_STR, False),
    "attribution": (_LIST, False), "article": ("article", True), "reports": (_INT, False),
    "confidence": ("number", False),
}
ACLED_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
               "Riots", "Strategic developments")
ENTITY_CODES_EXTRA = ("IGO", "NGO")


def record_problems(record: Any) -> list[str]:
    """What makes `record` differ from the spec (empty when it is valid)."""
    if not isinstance(record, dict):
        return [f"a record is a JSON object, not {type(record).__name__}"]
    problems = [f"missing field {name}" for name in RECORD_FIELDS if name not in record]
    for name, (kind, nullable) in RECORD_FIELDS.items():
        value = record.get(name)
        if name in record and not (value is None and nullable) and not _is(kind, value):
            problems.append(f"{name} must be a {kind}{' or null' if nullable else ''}, not {value!r}")
    if problems:
        return problems
    if record["event"] not in PLOVER_CATEGORIES:
        problems.append(f"event {record['event']!r} is not a PLOVER category")
    if record["acled_event_type"] is not None and record["acled_event_type"] not in ACLED_TYPES:
        problems.append(f"acled_event_type {record['acled_event_type']!r} is not an ACLED type")
    if record["date_precision"] not in DATE_PRECISIONS:
        problems.append(f"date_precision {record['date_precision']!r} is not one of {DATE_PRECISIONS}")
    start, end = _day(record["date"], "date", problems), _day(record["enddate"], "enddate", problems)
    if start and end and end < start:
        problems.append(f"enddate {end} is before date {start}")
    for name in ("dead", "injured", "arrested", "size"):
        if record[name] is not None and record[name] < 0:
            problems.append(f"{name} must not be negative")
    if record["reports"] < 1:
        problems.append("reports must be 1 or more")
    if not 0 <= record["confidence"] <= 1:
        problems.append(f"confidence {record['confidence']} is not in 0..1")
    for role in ("actor", "recipient"):
        problems += [f"{role}: {p}" for entity in record[role] for p in _entity_problems(entity)]
    for name in ("context", "attribution"):
        if not all(isinstance(item, str) for item in record[name]):
            problems.append(f"{name} must hold only strings")
    if record["event_loc"] is not None:
        problems += _place_problems(record["event_loc"])
    try:
        json.dumps(record, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (ValueError, TypeError, UnicodeEncodeError) as exc:
        problems.append(f"the record cannot be written as UTF-8 JSON: {exc}")
    return problems


def validate_record(record: Any) -> None:
    """Raise InputError listing what makes `record` differ from the spec."""
    problems = record_problems(record)
    if problems:
        raise InputError("the record does not follow spec/event-record.md: " + "; ".join(problems))


def _is(kind: str, value: Any) -> bool:
    if kind == _INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if kind == _LIST:
        return isinstance(value, list)
    if kind in ("place", "article"):
        return isinstance(value, dict)
    return isinstance(value, str)


def _day(value: str | None, name: str, problems: list[str]) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(f"{name} {value!r} is not an ISO date")
        return None


def _entity_problems(entity: Any) -> list[str]:
    if not isinstance(entity, dict) or set(entity) - {"plover_sector"} != {"entity_text", "name", "code", "sector"}:
        return [f"an entity is {{entity_text, name, code, sector}} (and plover_sector), not {entity!r}"]
    problems = []
    if not isinstance(entity["entity_text"], str):
        problems.append("entity_text must be a string")
    code, sector = entity["code"], entity["sector"]
    if code is not None and not (isinstance(code, str) and (code in ENTITY_CODES_EXTRA or
                                                            (len(code) == 3 and code.isalpha() and code.isupper()))):
        problems.append(f"code {code!r} is not ISO alpha-3, IGO or NGO")
    if sector is not None and sector not in SECTORS:
        problems.append(f"sector {sector!r} is not a PLOVER sector")
    return problems


def _place_problems(place: Any) -> list[str]:
    needed = {"place_text", "name", "geonameid", "country_code", "admin1", "lat", "lon", "precision"}
    if not needed <= set(place):
        return [f"event_loc lacks {sorted(needed - set(place))}"]
    problems = []
    lat, lon = place["lat"], place["lon"]
    if lat is not None and not (_is("number", lat) and -90 <= lat <= 90):
        problems.append(f"lat {lat!r} is not in -90..90")
    if lon is not None and not (_is("number", lon) and -180 <= lon <= 180):
        problems.append(f"lon {lon!r} is not in -180..180")
    if place["precision"] not in PLACE_PRECISIONS:
        problems.append(f"precision {place['precision']!r} is not one of {PLACE_PRECISIONS}")
    code = place["country_code"]
    if code is not None and not (isinstance(code, str) and len(code) == 2 and code.isupper()):
        problems.append(f"country_code {code!r} is not ISO alpha-2")
    return problems
