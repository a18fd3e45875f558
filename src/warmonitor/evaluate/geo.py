"""Scoring geoparser output against gold toponyms (the `geo` format).

Gold: JSON Lines {id, toponyms: [{start, end, text, lat, lon}]}, one document a line; the
texts come from a documents file {id, text} (GeoWebNews and TR-News ship them apart).
Predictions: {id, toponyms: [{start, end, lat, lon}]}. The figures are those of
../shared/bench/geo/score.py: a gold toponym is found when a predicted one overlaps it,
resolved when the nearest overlapping point lies within 161 km.
"""
from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..assembly import haversine_km
from ..errors import InputError
from .readers import read_jsonl, require
from .result import EvalResult, WorstError, ratio, worst_of

#: Half the earth's circumference: the largest possible error, which scales the AUC.
MAX_ERROR_KM = 20039.0
#: The usual "accuracy at 161 km" (100 miles).
RESOLVED_KM = 161.0


@dataclass(frozen=True)
class GoldToponym:
    """A place name in a gold document: its characters and its true point."""

    start: int
    end: int
    text: str
    lat: float
    lon: float


def load_geo_gold(path: Path) -> dict[str, list[GoldToponym]]:
    """Gold toponyms by document id; InputError naming the row and the toponym of a bad one."""
    gold: dict[str, list[GoldToponym]] = {}
    for where, row in read_jsonl(path):
        doc_id = str(require(where, row, "id", (str, int)))
        toponyms = row.get("toponyms") or []
        if not isinstance(toponyms, list):
            raise InputError(f"{where}: 'toponyms' must be a list")
        parsed = []
        for index, item in enumerate(toponyms, 1):
            at = f"{where}, toponym {index}"
            if not isinstance(item, dict):
                raise InputError(f"{at}: must be an object")
            for key, kind in (("start", int), ("end", int), ("lat", (int, float)), ("lon", (int, float))):
                if not isinstance(item.get(key), kind) or isinstance(item.get(key), bool):
                    raise InputError(f"{at}: {key!r} must be a number, is {item.get(key)!r}")
            if item["end"] <= item["start"] or not (-90 <= item["lat"] <= 90 and -180 <= item["lon"] <= 180):
                raise InputError(f"{at}: span {item['start']}..{item['end']} or point "
                                 f"({item['lat']}, {item['lon']}) is out of range")
            parsed.append(GoldToponym(item["start"], item["end"], str(item.get("text") or ""),
                                      float(item["lat"]), float(item["lon"])))
        gold[doc_id] = parsed
    if not gold:
        raise InputError(f"{path}: no gold documents")
    return gold


def load_geo_texts(path: Path) -> dict[str, str]:
    """Document texts by id from a documents file {id, text}."""
    return {str(require(where, row, "id", (str, int))): require(where, row, "text", str)
            for where, row in read_jsonl(path)}


def sentence_around(text: str, start: int, end: int, *, reach: int = 160) -> str:
    """The sentence (or a window of it) holding characters [start, end) of `text`."""
    left = max(text.rfind(mark, max(0, start - reach), start) for mark in (". ", "\n", "? ", "! "))
    right_marks = [i for i in (text.find(mark, end, end + reach) for mark in (". ", "\n")) if i >= 0]
    begin = left + 1 if left >= 0 else max(0, start - reach)
    finish = min(right_marks) + 1 if right_marks else min(len(text), end + reach)
    return " ".join(text[begin:finish].split())


def score_geo(gold: Mapping[str, Sequence[GoldToponym]], predicted: Sequence[Mapping[str, Any]], *,
              texts: Mapping[str, str] | None = None, gold_file: str = "") -> EvalResult:
    """Score predicted documents against gold toponyms (see the module docstring)."""
    by_doc = {str(doc.get("id")): doc.get("toponyms") or [] for doc in predicted}
    n_gold = found = resolved = 0
    errors_km: list[float] = []
    worst: list[WorstError] = []
    for doc_id, toponyms in gold.items():
        points = [p for p in by_doc.get(doc_id, []) if p.get("lat") is not None and p.get("lon") is not None]
        for toponym in toponyms:
            n_gold += 1
            over = [p for p in points if p["start"] < toponym.end and toponym.start < p["end"]]
            if not over:
                continue
            found += 1
            nearest = min(over, key=lambda p: haversine_km(toponym.lat, toponym.lon, p["lat"], p["lon"]))
            error = haversine_km(toponym.lat, toponym.lon, nearest["lat"], nearest["lon"])
            errors_km.append(error)
            resolved += error <= RESOLVED_KM
            if error > RESOLVED_KM:
                text = (texts or {}).get(doc_id)
                sentence = sentence_around(text, toponym.start, toponym.end) if text else toponym.text
                worst.append(WorstError(f"{doc_id}:{toponym.start}", sentence,
                                        f"{toponym.text} ({toponym.lat:.2f}, {toponym.lon:.2f})",
                                        f"{nearest.get('name') or ''} ({nearest['lat']:.2f}, {nearest['lon']:.2f})"
                                        f" {error:.0f} km", error))
    auc = (sum(math.log(e + 1) for e in errors_km) / (len(errors_km) * math.log(MAX_ERROR_KM + 1))
           if errors_km else None)
    figures: dict[str, float | int | None] = {
        "gold_toponyms": n_gold, "predicted_toponyms": sum(len(v) for v in by_doc.values()), "detected": found,
        "recall@161": ratio(resolved, n_gold) or 0.0, "detection": ratio(found, n_gold) or 0.0,
        "accuracy@161": ratio(resolved, found), "median_error_km": statistics.median(errors_km) if errors_km else None,
        "auc": auc,
    }
    return EvalResult("geo", gold_file, len(gold), figures, histograms={"error_km": errors_km},
                      worst=worst_of(worst))
