"""Do two reports from different articles describe one happening? `match_reports` says yes
or no and why, from the category, the dates and places (each within its own precision) and
the actors. The tolerances live in data/cross_article.yaml.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..assembly.within import haversine_km, side_of
from ..errors import DataFileError
from ..lexicon_data.files import load_word_lists, load_yaml

_PLACE_RANK = {"point": 0, "near": 1, "admin2": 2, "admin1": 3, "country": 4}
#: Sectors that read as one side ("the government" and "its forces").


@dataclass(frozen=True)
class MatchRules:
    """The tolerances of cross-article matching (see data/cross_article.yaml)."""

    compatible: dict[str, frozenset[str]]
    place_km: dict[str, float]
    date_slack_days: int
    undated_span_days: int
    figures: tuple[str, ...]
    regroup_limit: int = 64

    @classmethod
    def load(cls) -> MatchRules:
        return _load_rules()

    def categories_like(self, category: str) -> frozenset[str]:
        """The categories a report of `category` may be merged with (itself included)."""
        return self.compatible.get(category, frozenset()) | {category}


@lru_cache(maxsize=1)
def _load_rules() -> MatchRules:
    name = "cross_article.yaml"
    data = load_yaml("warmonitor.dedupe.data", name)
    try:
        compatible: dict[str, frozenset[str]] = {}
        for group in data["compatible_categories"]:
            for category in group:
                compatible[category] = compatible.get(category, frozenset()) | frozenset(group)
        return MatchRules(compatible, {k: float(v) for k, v in data["place_km"].items()},
                         int(data["date_slack_days"]), int(data["undated_span_days"]),
                         tuple(data["figures"]), int(data.get("regroup_limit", 64)))
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"{name}: {exc!r}: expected compatible_categories, place_km, "
                            "date_slack_days, undated_span_days and figures") from exc



@dataclass(frozen=True)
class Report:
    """One article's record of an event (a dict of spec/event-record.md) and what matching
    reads of it: the category, the span of days it may fall in, the place and actor codes."""

    record: dict[str, Any]
    article_id: str
    published: date | None
    span: tuple[date, date] | None
    dated: bool
    actor_codes: frozenset[str] = field(default=frozenset())
    recipient_codes: frozenset[str] = field(default=frozenset())

    @property
    def id(self) -> str:
        return str(self.record["id"])

    @property
    def category(self) -> str:
        return str(self.record["event"])

    @classmethod
    def from_record(cls, record: dict[str, Any], rules: MatchRules | None = None) -> Report:
        rules = rules or MatchRules.load()
        article = record.get("article") or {}
        published = date.fromisoformat(article["published"]) if article.get("published") else None
        span = date_span(record, published, rules)
        return cls(record, str(article.get("id") or ""), published, span,
                   dated=bool(record.get("date")) and bool(record.get("date_text")),
                   actor_codes=_codes(record.get("actor")),
                   recipient_codes=_codes(record.get("recipient")))


def date_span(record: dict[str, Any], published: date | None, rules: MatchRules
              ) -> tuple[date, date] | None:
    """The first and last day the record's date may mean, by its precision; an undated
    record (or one whose date no words of the text gave: the publication day stood in) may
    be any of the few days before its article's publication."""
    if not record.get("date") or not record.get("date_text"):
        last = date.fromisoformat(record["date"]) if record.get("date") else published
        if last is None:
            return None
        return last - timedelta(days=rules.undated_span_days), last
    first = date.fromisoformat(record["date"])
    if record.get("enddate"):
        return first, max(first, date.fromisoformat(record["enddate"]))
    precision = record.get("date_precision") or "day"
    if precision == "week":
        return first, first + timedelta(days=6)
    if precision == "month":
        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
    if precision == "year":
        return first, first.replace(month=12, day=31)
    return first, first


@dataclass(frozen=True)
class Match:
    """The verdict on a pair: same happening or not, a score to rank merges, and why.
    `conflict` is set where the two contradict each other (not merely lack evidence):
    such a pair may not end up in one event even through other reports."""

    same: bool
    score: float
    why: dict[str, str]
    conflict: bool = True


def match_reports(a: Report, b: Report, rules: MatchRules) -> Match:
    """Whether `a` and `b` (from different articles) are one happening, and why."""
    why: dict[str, str] = {}
    if a.article_id == b.article_id:
        return Match(False, 0.0, {"article": "both from one article (merged there already)"})
    if b.category not in rules.categories_like(a.category):
        return Match(False, 0.0, {"category": f"{a.category} vs {b.category}"})
    why["category"] = a.category if a.category == b.category else f"{a.category} ~ {b.category}"
    score, evidence = 0.0, 0
    if a.span is None or b.span is None:
        return Match(False, 0.0, {**why, "date": "no date and no publication date"}, conflict=False)
    slack = timedelta(days=rules.date_slack_days)
    if a.span[0] > b.span[1] + slack or b.span[0] > a.span[1] + slack:
        return Match(False, 0.0, {**why, "date": f"{_span(a)} vs {_span(b)}"})
    why["date"] = f"{_span(a)} overlaps {_span(b)}"
    if a.dated and b.dated:
        evidence += 1
        score += 2.0 if a.span == b.span else 1.0
    place_ok, place_score, why["place"] = _places(a.record.get("event_loc"), b.record.get("event_loc"), rules)
    if not place_ok:
        return Match(False, 0.0, why)
    if place_score is not None:
        # A province or a country alone places nothing: it scores but is not evidence.
        evidence += place_score > 0.5
        score += place_score
    actors_ok, actor_score, why["actors"] = _actors(a, b)
    if not actors_ok:
        return Match(False, 0.0, why)
    if actor_score:
        evidence += 1
        score += actor_score
    if evidence < 2:
        why["evidence"] = f"only {evidence} of date, place and actors known in both"
        return Match(False, score, why, conflict=False)
    return Match(True, round(score, 6), why, conflict=False)


def _places(a: dict[str, Any] | None, b: dict[str, Any] | None, rules: MatchRules
            ) -> tuple[bool, float | None, str]:
    if not a or not b:
        return True, None, "no place in one report"
    names = f"{a.get('name') or a.get('place_text')} / {b.get('name') or b.get('place_text')}"
    coarse = max(a.get("precision") or "point", b.get("precision") or "point",
                 key=lambda p: _PLACE_RANK.get(p, 4))
    if a.get("country_code") != b.get("country_code"):
        return False, None, f"{names}: other countries"
    if coarse == "country" or a.get("lat") is None or b.get("lat") is None:
        return True, 0.25, f"{names}: same country ({a.get('country_code')})"
    if coarse == "admin1":
        if a.get("admin1") and b.get("admin1") and a["admin1"] != b["admin1"]:
            return False, None, f"{names}: other provinces"
        return True, 0.5, f"{names}: same province ({a.get('admin1') or b.get('admin1')})"
    km = haversine_km(a["lat"], a.get("lon") or 0.0, b["lat"], b.get("lon") or 0.0)
    limit = rules.place_km.get(coarse, rules.place_km.get("point", 25.0))
    if km > limit:
        return False, None, f"{names}: {km:.0f} km apart (> {limit:.0f} km for {coarse})"
    return True, 1.0 - km / (2 * limit), f"{names}: {km:.0f} km apart (<= {limit:.0f} km)"


def _actors(a: Report, b: Report) -> tuple[bool, float, str]:
    direct = _fits_doer(a.actor_codes, b.actor_codes) and _fits(a.recipient_codes, b.recipient_codes)
    swapped = _fits(a.actor_codes, b.recipient_codes) and _fits(a.recipient_codes, b.actor_codes)
    two_sided = "Battles" in (a.record.get("acled_event_type"), b.record.get("acled_event_type"))
    if direct and _sectors_clash(a.record.get("actor"), b.record.get("actor")):
        direct = False
    if not direct and not (swapped and two_sided):
        return False, 0.0, (f"{_side(a)} vs {_side(b)}")
    shared = (a.actor_codes | a.recipient_codes) & (b.actor_codes | b.recipient_codes)
    if not shared:
        return True, 0.0, "actors unknown in one report"
    how = "" if direct else " (sides named the other way round)"
    return True, 1.0, f"{', '.join(sorted(shared))} in both{how}"


def _fits(a: frozenset[str], b: frozenset[str]) -> bool:
    return not a or not b or bool(a & b)


def _fits_doer(a: frozenset[str], b: frozenset[str]) -> bool:
    """Attackers that may be one: shared codes, or a group that fights in many countries
    (cross_article.yaml `transnational_codes`) beside one coded with the story's country."""
    wide = _transnational()
    return _fits(a, b) or bool((a | b) & wide) and not (a & wide and b & wide)


@lru_cache(maxsize=1)
def _transnational() -> frozenset[str]:
    words = load_word_lists("warmonitor.dedupe.data", "cross_article.yaml", ("transnational_codes",))
    return frozenset(w.upper() for w in words["transnational_codes"])


def _sectors_clash(a: list[dict[str, Any]] | None, b: list[dict[str, Any]] | None) -> bool:
    left = {side_of(e.get("sector")) for e in a or [] if e.get("sector")}
    right = {side_of(e.get("sector")) for e in b or [] if e.get("sector")}
    return bool(left) and bool(right) and not left & right


def _codes(entities: list[dict[str, Any]] | None) -> frozenset[str]:
    return frozenset(e["code"] for e in entities or [] if e.get("code"))


def _side(report: Report) -> str:
    return f"{'/'.join(sorted(report.actor_codes)) or '?'} -> {'/'.join(sorted(report.recipient_codes)) or '?'}"


def _span(report: Report) -> str:
    assert report.span is not None
    first, last = report.span
    label = report.record.get("date_precision") if report.dated else "undated"
    return f"{first}" + (f"..{last}" if last != first else "") + f" ({label})"
