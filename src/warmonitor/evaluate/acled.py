"""Scoring against an ACLED CSV export (the `acled` format).

Each row is one gold event; `notes` is the text to extract from and `event_date` stands
for the publication date. Each row is scored on its main event (the most confident
ACLED-typed record of the first sentence that has one): event and sub-event type accuracy and F1, actor1/actor2 match, location within 10 / 25 / 161 km and admin1 match,
date exact, fatalities exact and within 20%.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..assembly import haversine_km
from ..errors import InputError
from .readers import Record, entities, records_by_article
from .result import NONE_LABEL, Confusion, EvalResult, WorstError, macro_f1, per_class_prf, ratio, worst_of

REQUIRED_COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "notes",
                    "latitude", "longitude", "fatalities")
DISTANCES_KM = (10, 25, 161)
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%m/%d/%Y")


@dataclass(frozen=True)
class AcledGold:
    """One ACLED event: id, text (notes), date, types, actors, point, admin1, fatalities."""

    id: str
    notes: str
    event_date: date
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    lat: float
    lon: float
    admin1: str
    fatalities: int


def _parse_date(value: str) -> date:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def load_acled_gold(path: Path) -> list[AcledGold]:
    """The rows of an ACLED CSV export; InputError naming the file and row of a malformed one."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"cannot open {path}: {exc.strerror}") from exc
    rows: list[AcledGold] = []
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"{path}: not an ACLED export, columns missing: {', '.join(missing)}")
        for number, row in enumerate(reader, 1):
            rows.append(_gold_row(f"{path}, row {number} (line {reader.line_num})", row))
    if not rows:
        raise InputError(f"{path}: no ACLED rows")
    return rows


def _gold_row(where: str, row: dict[str | None, Any]) -> AcledGold:
    if None in row:
        raise InputError(f"{where}: more fields than the header has columns")
    values = {str(k): (v or "").strip() for k, v in row.items()}
    for column in ("event_id_cnty", "event_type", "notes"):
        if not values[column]:
            raise InputError(f"{where}: {column!r} is empty")
    try:
        event_date = _parse_date(values["event_date"])
    except ValueError as exc:
        raise InputError(f"{where}: event_date {values['event_date']!r} is not a date like 2020-02-06") from exc
    try:
        lat, lon = float(values["latitude"]), float(values["longitude"])
        fatalities = int(values["fatalities"] or 0)
    except ValueError as exc:
        raise InputError(f"{where}: latitude, longitude and fatalities must be numbers ({exc})") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or fatalities < 0:
        raise InputError(f"{where}: point ({lat}, {lon}) or fatalities {fatalities} out of range")
    return AcledGold(values["event_id_cnty"], values["notes"], event_date, values["event_type"],
                     values["sub_event_type"], values["actor1"], values.get("actor2", ""), lat, lon,
                     values.get("admin1", ""), fatalities)


def _norm(name: str | None) -> str:
    """'Military Forces of Syria (2000-)' -> 'military forces of syria'."""
    return " ".join(re.sub(r"\([^)]*\)", " ", name or "").lower().replace("-", " ").split())


def actor_matches(gold_name: str, candidates: list[Record]) -> bool:
    """Whether some entity's name or words equal, or contain, the ACLED actor name (years dropped)."""
    wanted = _norm(gold_name)
    if not wanted:
        return False
    for entity in candidates:
        for said in (_norm(entity.get("name")), _norm(entity.get("entity_text"))):
            if said and (said == wanted or said in wanted or wanted in said):
                return True
    return False


def _chosen(preds: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The main event of a note: an ACLED-typed record of its first sentence that has one (a
    note leads with its event), the main clause's before a secondary one's (the record
    builder ranks "also" and subordinate clauses lower)."""
    typed = [p for p in preds if p.get("acled_event_type")] or preds
    if not typed:
        return None
    first = min(_first_sentence(p) for p in typed)
    return max((p for p in typed if _first_sentence(p) == first), key=lambda p: p.get("confidence") or 0.0)


def _first_sentence(record: dict[str, Any]) -> int:
    sentences = record.get("sentences") or [0]
    return min(int(index) for index in sentences)


def score_acled(gold: Sequence[AcledGold], records: list[dict[str, Any]], *, gold_file: str = "") -> EvalResult:
    """Score event records (article id = event_id_cnty) against ACLED rows."""
    by_article = records_by_article(records)
    checks: dict[str, list[bool]] = {name: [] for name in (
        "event_type_accuracy", "sub_event_type_accuracy", "actor1_match", "actor2_match",
        *(f"location_within_{km}km" for km in DISTANCES_KM), "admin1_match", "date_exact",
        "fatalities_exact", "fatalities_within_20pct")}
    type_pairs, sub_pairs = [], []
    location_errors, fatality_errors = [], []
    errors: list[WorstError] = []
    for row in gold:
        pred = _chosen(by_article.get(row.id, [])) or {}
        predicted_type = pred.get("acled_event_type") or NONE_LABEL
        type_pairs.append((row.event_type, predicted_type))
        sub_pairs.append((row.sub_event_type, pred.get("acled_sub_event_type") or NONE_LABEL))
        checks["event_type_accuracy"].append(predicted_type == row.event_type)
        checks["sub_event_type_accuracy"].append(pred.get("acled_sub_event_type") == row.sub_event_type)
        both_sides = row.event_type == "Battles"
        sides = entities(pred, "actor", "recipient")
        checks["actor1_match"].append(actor_matches(row.actor1, sides if both_sides else entities(pred, "actor")))
        if row.actor2:
            checks["actor2_match"].append(actor_matches(row.actor2, sides if both_sides else
                                                        entities(pred, "recipient")))
        loc = pred.get("event_loc") or {}
        km = (haversine_km(row.lat, row.lon, loc["lat"], loc["lon"])
              if loc.get("lat") is not None and loc.get("lon") is not None else None)
        if km is not None:
            location_errors.append(km)
        for limit in DISTANCES_KM:
            checks[f"location_within_{limit}km"].append(km is not None and km <= limit)
        if row.admin1:
            checks["admin1_match"].append(_norm(loc.get("admin1")) == _norm(row.admin1))
        checks["date_exact"].append(pred.get("date") == row.event_date.isoformat())
        dead = int(pred.get("dead") or 0)
        fatality_errors.append(float(dead - row.fatalities))
        checks["fatalities_exact"].append(dead == row.fatalities)
        checks["fatalities_within_20pct"].append(abs(dead - row.fatalities) <= 0.2 * row.fatalities)
        wrong = [name for name in ("event_type_accuracy", "location_within_161km", "fatalities_exact")
                 if not checks[name][-1]]
        if wrong:
            errors.append(WorstError(row.id, row.notes, f"{row.event_type} / {row.sub_event_type}, "
                                     f"{row.fatalities} dead", f"{predicted_type} / "
                                     f"{pred.get('acled_sub_event_type') or NONE_LABEL}, {dead} dead, "
                                     f"{'no place' if km is None else f'{km:.0f} km off'}",
                                     len(wrong) + (km or 0.0) / 20039.0))
    type_table = per_class_prf(type_pairs)
    figures: dict[str, float | int | None] = {"events": len(gold)}
    figures.update({name: ratio(sum(values), len(values)) for name, values in checks.items()})
    figures["event_type_macro_f1"] = macro_f1(type_table)
    figures["sub_event_type_macro_f1"] = macro_f1(per_class_prf(sub_pairs))
    return EvalResult("acled", gold_file, len(gold), figures, type_table,
                      [Confusion.from_pairs("ACLED event type: gold (rows) by prediction (columns)", type_pairs)],
                      {"location_error_km": location_errors, "fatalities_error": fatality_errors},
                      worst_of(errors))
