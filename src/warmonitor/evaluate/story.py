"""Scoring event records against a whole-article gold file ("story" gold).

A story gold file lists the events a careful coder finds in one article, each with the
constraints a record must meet (category, actor/recipient codes and sectors, sides of
two-sided fighting, date, place within a radius, dead), and what must not be produced.
Each gold event is matched by at most one record (a maximum bipartite matching); a second
record fitting an already matched event is a duplicate.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..assembly import haversine_km
from ..errors import InputError
from .readers import read_json
from .result import NONE_LABEL, EvalResult, WorstError, worst_of

Record = Mapping[str, Any]


@dataclass(frozen=True)
class StoryScore:
    """How a set of records fares against a story gold file (the figures of ../shared/acceptance/score.py)."""

    required: int
    found_required: int
    predictions: int
    right: int
    duplicates: int
    forbidden: tuple[tuple[int, str], ...]
    missed: tuple[str, ...]
    status: tuple[str, ...] = field(default=())

    @property
    def recall(self) -> float:
        return self.found_required / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.predictions if self.predictions else 0.0


def _entities(record: Record, *roles: str) -> list[Record]:
    out: list[Record] = []
    for role in roles:
        value = record.get(role) or []
        out.extend([value] if isinstance(value, dict) else [v for v in value if isinstance(v, dict)])
    return out


def _entity_fits(spec: Record, entities: Iterable[Record]) -> bool:
    codes = spec.get("code")
    codes = [codes] if isinstance(codes, str) else codes
    sectors = spec.get("sector")
    return any((not codes or e.get("code") in codes) and (not sectors or e.get("sector") in sectors)
               for e in entities)


def _within(loc: Record | None, spot: Record) -> bool:
    if not loc or loc.get("lat") is None or loc.get("lon") is None:
        return False
    return haversine_km(loc["lat"], loc["lon"], spot["lat"], spot["lon"]) <= spot["km"]


def failed_constraint(gold: Record, record: Record) -> str | None:
    """The first constraint of `gold` that `record` does not meet, or None when it fits."""
    if gold.get("event") and record.get("event") not in gold["event"]:
        return "event"
    for role in ("actor", "recipient"):
        if not all(_entity_fits(spec, _entities(record, role)) for spec in gold.get(role, [])):
            return role
    both = _entities(record, "actor", "recipient")
    if not all(_entity_fits(spec, both) for spec in gold.get("participants", [])):
        return "participants"
    if gold.get("date") and record.get("date") not in gold["date"]:
        return "date"
    if gold.get("place") and not _within(record.get("event_loc"), gold["place"]):
        return "place"
    if gold.get("dead") is not None:
        allowed = gold["dead"] if isinstance(gold["dead"], list) else [gold["dead"]]
        if record.get("dead") not in allowed:
            return "dead"
    return None


def breaks_rule(rule: Record, record: Record) -> bool:
    """True when `record` is something the gold says must not be produced."""
    loc = record.get("event_loc") or {}
    checks = {
        "event": lambda: record.get("event") in rule["event"],
        "codes_all": lambda: set(rule["codes_all"]) <= {e.get("code") for e in _entities(record, "actor", "recipient")},
        "location_country": lambda: loc.get("country_code") == rule["location_country"],
        "actor_text": lambda: any(re.search(rule["actor_text"], e.get("entity_text") or "", re.I)
                                  for e in _entities(record, "actor", "recipient")),
        "text": lambda: bool(re.search(rule["text"], record.get("text") or "", re.I)),
        "near": lambda: _within(loc, rule["near"]),
        "location_country_not": lambda: bool(loc.get("country_code"))
        and loc.get("country_code") != rule["location_country_not"],
        "date_prefix": lambda: str(record.get("date") or "").startswith(rule["date_prefix"]),
    }
    return all(check() for key, check in checks.items() if key in rule)


def _match(fits: Sequence[Sequence[str]]) -> dict[str, int]:
    owner: dict[str, int] = {}

    def claim(i: int, seen: set[str]) -> bool:
        for gid in fits[i]:
            if gid not in seen:
                seen.add(gid)
                if gid not in owner or claim(owner[gid], seen):
                    owner[gid] = i
                    return True
        return False

    for i in range(len(fits)):
        claim(i, set())
    return owner


def score_story(gold: Record, records: Sequence[Record]) -> StoryScore:
    """Score `records` (event-record dicts of one article) against a story gold file."""
    events = gold["events"]
    # Required events first in each record's list, so a record fitting both takes the required one.
    ordered = sorted(events, key=lambda g: not g.get("required", True))
    fits = [[g["id"] for g in ordered if failed_constraint(g, r) is None] for r in records]
    owner = _match(fits)
    status = ["unmatched"] * len(records)
    for gid, i in owner.items():
        status[i] = f"match {gid}"
    for i, fit in enumerate(fits):
        if status[i] == "unmatched" and fit:
            status[i] = f"duplicate of {fit[0]}"
    required = [g for g in events if g.get("required", True)]
    forbidden = tuple((i, rule["about"]) for i, r in enumerate(records)
                      for rule in gold.get("forbidden", []) if breaks_rule(rule, r))
    return StoryScore(
        required=len(required),
        found_required=sum(1 for g in required if g["id"] in owner),
        predictions=len(records),
        right=sum(1 for s in status if s.startswith("match")),
        duplicates=sum(1 for s in status if s.startswith("duplicate")),
        forbidden=forbidden,
        missed=tuple(g["id"] for g in events if g["id"] not in owner),
        status=tuple(status),
    )


def load_story_gold(path: Path) -> dict[str, Any]:
    """A story gold file, checked: InputError naming the file and the gold event or rule at fault."""
    gold = read_json(path)
    events = gold.get("events")
    if not isinstance(events, list) or not events:
        raise InputError(f"{path}: 'events' must be a non-empty list of gold events")
    seen: set[str] = set()
    for number, event in enumerate(events, 1):
        if not isinstance(event, dict) or not isinstance(event.get("id"), str):
            raise InputError(f"{path}, event {number}: a gold event must be an object with a string 'id'")
        if event["id"] in seen:
            raise InputError(f"{path}, event {number}: id {event['id']!r} is used twice")
        seen.add(event["id"])
        place = event.get("place")
        if place is not None and not all(isinstance(place.get(k), (int, float)) for k in ("lat", "lon", "km")):
            raise InputError(f"{path}, event {number} ({event['id']}): 'place' needs numeric lat, lon and km")
        for key in ("event", "date"):
            if key in event and not isinstance(event[key], list):
                raise InputError(f"{path}, event {number} ({event['id']}): {key!r} must be a list")
    for number, rule in enumerate(gold.get("forbidden", []), 1):
        if not isinstance(rule, dict) or not isinstance(rule.get("about"), str):
            raise InputError(f"{path}, forbidden rule {number}: must be an object with an 'about' text")
    return gold


def evaluate_story(gold: Record, records: Sequence[Record], *, gold_file: str = "") -> EvalResult:
    """Story figures as an EvalResult; the worst errors are missed required events, forbidden
    outputs, duplicates and records that match nothing."""
    score = score_story(gold, records)
    about = {g["id"]: g.get("about", "") for g in gold["events"]}
    required = {g["id"] for g in gold["events"] if g.get("required", True)}
    errors = [WorstError(gid, about[gid], gid, NONE_LABEL, 3.0 if gid in required else 1.0) for gid in score.missed]
    errors.extend(WorstError(f"record {i}", str(records[i].get("text") or ""), "forbidden: " + rule,
                             str(records[i].get("event")), 4.0) for i, rule in score.forbidden)
    for i, status in enumerate(score.status):
        if not status.startswith("match"):
            errors.append(WorstError(f"record {i}", str(records[i].get("text") or ""), status,
                                     str(records[i].get("event")), 2.0 if status == "unmatched" else 1.5))
    figures: dict[str, float | int | None] = {
        "required": score.required, "found_required": score.found_required, "recall": score.recall,
        "predictions": score.predictions, "right": score.right, "precision": score.precision,
        "duplicates": score.duplicates, "forbidden": len(score.forbidden),
    }
    return EvalResult("story", gold_file, len(gold["events"]), figures, worst=worst_of(errors))
