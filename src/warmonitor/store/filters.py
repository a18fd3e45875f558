"""The filters of `GET /events`, `/stats/timeline` and `warmonitor export`, and the SQL
conditions they become (the same for both backends but for text search and bounding box)."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    column,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
)

from ..errors import InputError
from ..models import PLOVER_CATEGORIES, SECTORS
from .countries import to_alpha2
from .schema import actors, articles, event_actors, event_reports, events
from .validate import ACLED_TYPES

if TYPE_CHECKING:
    from . import Store

SORTS = {"date", "-date", "dead", "-dead"}
MAX_LIMIT = 1000
#: Beyond these a value is an attack or a mistake, never a question: refused with 400
#: before it reaches SQL (where a too-big integer would overflow the column type).
MAX_OFFSET = 1_000_000_000
MAX_DEAD = 10_000_000_000
MAX_TEXT_CHARS = 500
_CONTROL = frozenset(chr(code) for code in range(32)) | {"\x7f"}
#: Coded fields take only their codes; a place name only the characters names are made of.
#: Free text (q, actor) is matched as words and may hold anything printable.
_ACTOR_CODE = re.compile(r"^[A-Za-z]{3}$")
_PLACE_NAME = re.compile(r"^[\w .,'\u2019()\-]+$")
_fts = table("events_fts", column("rowid"))
_rtree = table("events_rtree", column("pk"), column("min_lon"), column("max_lon"),
               column("min_lat"), column("max_lat"), column("min_day"), column("max_day"))


@dataclass(frozen=True)
class EventFilter:
    """Which events to return and in what order; every field optional."""

    start: date | None = None
    end: date | None = None
    bbox: tuple[float, float, float, float] | None = None
    country: str | None = None
    admin1: str | None = None
    categories: tuple[str, ...] = ()
    acled_type: str | None = None
    actor: str | None = None
    actor_code: str | None = None
    actor_sector: str | None = None
    q: str | None = None
    min_dead: int | None = None
    sort: str = "-date"
    limit: int = 100
    offset: int = 0
    #: Only events reported by an article stored after this time (UTC; an aware time is
    #: converted): the new events of a live map, the new reports merged into old ones too.
    since: datetime | None = None

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise InputError(f"sort must be one of {sorted(SORTS)}, not {self.sort!r}")
        if not 0 < self.limit <= MAX_LIMIT or not 0 <= self.offset <= MAX_OFFSET:
            raise InputError(f"limit must be 1..{MAX_LIMIT} and offset 0..{MAX_OFFSET}")
        if self.min_dead is not None and not 0 <= self.min_dead <= MAX_DEAD:
            raise InputError(f"min_dead must be 0..{MAX_DEAD}")
        if self.start and self.end and self.start > self.end:
            raise InputError(f"start {self.start} is after end {self.end}")
        for name in ("country", "admin1", "acled_type", "actor", "actor_code", "actor_sector", "q"):
            check_text_value(name, getattr(self, name))
        self._check_codes()
        unknown = [c for c in self.categories if c not in PLOVER_CATEGORIES]
        if unknown:
            raise InputError(f"unknown PLOVER categories {unknown}: use {', '.join(PLOVER_CATEGORIES)}")
        if self.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            if not all(math.isfinite(v) for v in self.bbox) or min_lon > max_lon or min_lat > max_lat \
                    or min_lon < -180 or max_lon > 180 or min_lat < -90 or max_lat > 90:
                raise InputError("bbox must be minlon,minlat,maxlon,maxlat in degrees, "
                                 "longitudes -180..180 and latitudes -90..90")
        if self.country is not None:
            object.__setattr__(self, "country", to_alpha2(self.country))
        if self.since is not None and self.since.tzinfo is not None:
            object.__setattr__(self, "since", self.since.astimezone(timezone.utc).replace(tzinfo=None))


    def _check_codes(self) -> None:
        if self.actor_code is not None and not _ACTOR_CODE.match(self.actor_code):
            raise InputError(f"actor_code {self.actor_code!r} must be an ISO alpha-3 code, IGO or NGO")
        if self.actor_sector is not None and self.actor_sector.upper() not in SECTORS:
            raise InputError(f"actor_sector {self.actor_sector!r} must be one of {', '.join(SECTORS)}")
        if self.acled_type is not None and self.acled_type not in ACLED_TYPES:
            raise InputError(f"acled_type {self.acled_type!r} must be one of {', '.join(ACLED_TYPES)}")
        if self.admin1 is not None and not _PLACE_NAME.match(self.admin1):
            raise InputError(f"admin1 {self.admin1!r} is not a place name (letters, digits, spaces, .,'()-)")


def check_text_value(name: str, value: str | None) -> None:
    """Refuse a filter text over MAX_TEXT_CHARS or holding control characters (NUL, ...)."""
    if value is None:
        return
    if len(value) > MAX_TEXT_CHARS:
        raise InputError(f"{name} is {len(value)} characters long; at most {MAX_TEXT_CHARS}")
    if any(char in _CONTROL or "\ud800" <= char <= "\udfff" for char in value):
        raise InputError(f"{name} holds a control character; give plain text")


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """`minlon,minlat,maxlon,maxlat` as four floats."""
    if not value:
        return None
    try:
        parts = tuple(float(part) for part in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4:
        raise InputError(f"bbox {value!r} must be four numbers: minlon,minlat,maxlon,maxlat")
    return parts  # type: ignore[return-value]


def parse_categories(values: list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """Repeated and/or comma-separated categories, upper-cased."""
    return tuple(dict.fromkeys(part.strip().upper() for value in values or ()
                               for part in value.split(",") if part.strip()))


def conditions(store: Store, flt: EventFilter, *,
               actor_keys: list[int] | None = None) -> list[ColumnElement[bool]]:
    """The WHERE conditions on the events table for a filter (`actor_keys`: the actor pks of
    the filter, where the caller resolved them already with `actor_pks`)."""
    where: list[ColumnElement[bool]] = []
    if flt.start:
        where.append(events.c.date >= flt.start)
    if flt.end:
        where.append(events.c.date <= flt.end)
    if flt.bbox:
        where.append(_bbox_condition(store, flt))
    if flt.country:
        where.append(events.c.country_code == flt.country)
    if flt.admin1:
        where.append(events.c.admin1 == flt.admin1)
    if flt.categories:
        where.append(events.c.category.in_(flt.categories))
    if flt.acled_type:
        where.append(events.c.acled_type == flt.acled_type)
    if flt.min_dead is not None:
        where.append(events.c.dead >= flt.min_dead)
    pks = actor_keys if actor_keys is not None else actor_pks(store, flt)
    if pks is not None:
        where.append(events.c.pk.in_(select(event_actors.c.event_pk).where(event_actors.c.actor_pk.in_(pks)))
                     if pks else false())
    if flt.q and flt.q.strip():
        where.append(_text_condition(store, flt.q))
    if flt.since is not None:
        where.append(events.c.pk.in_(
            select(event_reports.c.event_pk)
            .join(articles, articles.c.pk == event_reports.c.article_pk)
            .where(articles.c.stored_at > flt.since)))
    return where


#: The filters the stored counts (event_days, event_cells) cannot answer.
_UNCOUNTED = ("bbox", "country", "admin1", "acled_type", "actor", "actor_code", "actor_sector", "min_dead",
              "since")


def counted(flt: EventFilter, *, dates: bool = True) -> bool:
    """Whether the filter selects by categories (and, with `dates`, dates) only, so the
    stored counts answer it."""
    if any(getattr(flt, name) is not None for name in _UNCOUNTED) or (flt.q and flt.q.strip()):
        return False
    return dates or (flt.start is None and flt.end is None)


def actor_pks(store: Store, flt: EventFilter) -> list[int] | None:
    """The pks of the actors the filter's actor fields select (None without such a field).

    Resolved first, in a query of their own: the actors are a small table, and with their
    keys known the store can count an actor-only filter from its links and choose how to
    find its newest events (`queries.search_events`)."""
    actor_where = _actor_conditions(flt)
    if not actor_where:
        return None
    with store.engine.connect() as conn:
        return sorted(conn.execute(select(actors.c.pk).where(*actor_where)).scalars())


def actor_only(flt: EventFilter) -> bool:
    """Whether the filter selects by actor fields and nothing else, so that the events'
    count is the count of the actors' links (`event_actors`), without reading events."""
    others = [name for name in _UNCOUNTED if not name.startswith("actor")]
    return (any(getattr(flt, name) is not None for name in ("actor", "actor_code", "actor_sector"))
            and not any(getattr(flt, name) is not None for name in others)
            and not flt.categories and flt.start is None and flt.end is None
            and not (flt.q and flt.q.strip()))


def text_only(flt: EventFilter) -> bool:
    """Whether the filter selects by its words (q) and nothing else."""
    return (bool(flt.q and flt.q.strip()) and not flt.categories and flt.start is None and flt.end is None
            and not any(getattr(flt, name) is not None for name in _UNCOUNTED))


def fts_count(query: str) -> Select[tuple[int]]:
    """SQLite: how many events hold every word of `query`, counted in the FTS5 index alone
    (one row an event, kept by the events' triggers) instead of looking each match up."""
    return select(func.count()).select_from(_fts).where(literal_column("events_fts").op("MATCH")(_fts_words(query)))


def fts_walk_condition(query: str) -> ColumnElement[bool]:
    """SQLite: the words-only condition written so that the planner walks the date index and
    probes each key in the matches' list (built once, in memory) instead of looking each
    match up to sort them: `pk + 0` cannot drive an index (SQLite's own idiom)."""
    match = select(_fts.c.rowid).where(literal_column("events_fts").op("MATCH")(_fts_words(query)))
    return (events.c.pk + 0).in_(match)


def order_by(flt: EventFilter) -> list[Any]:
    """ORDER BY for the filter's sort, ties broken by insertion order."""
    key = events.c.date if flt.sort.endswith("date") else events.c.dead
    if flt.sort.startswith("-"):
        return [key.desc().nulls_last(), events.c.pk.desc()]
    return [key.asc().nulls_last(), events.c.pk.asc()]


def _actor_conditions(flt: EventFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if flt.actor:
        pattern = "%" + flt.actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(or_(actors.c.name.ilike(pattern, escape="\\"),
                         actors.c.entity_text.ilike(pattern, escape="\\")))
    if flt.actor_code:
        where.append(actors.c.code == flt.actor_code.upper())
    if flt.actor_sector:
        where.append(actors.c.sector == flt.actor_sector.upper())
    return where


def _text_condition(store: Store, query: str) -> ColumnElement[bool]:
    if store.backend == "postgresql":
        return literal_column("events.text_tsv").op("@@")(func.plainto_tsquery("english", query))
    match = select(_fts.c.rowid).where(literal_column("events_fts").op("MATCH")(_fts_words(query)))
    return events.c.pk.in_(match)


def _fts_words(query: str) -> str:
    # Every word required, each quoted so FTS5 operators typed by a user are read as words
    # (the same meaning as plainto_tsquery on PostgreSQL).
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())


def _bbox_condition(store: Store, flt: EventFilter) -> ColumnElement[bool]:
    min_lon, min_lat, max_lon, max_lat = flt.bbox or (0.0, 0.0, 0.0, 0.0)
    if store.backend == "sqlite":
        inside = [_rtree.c.min_lon >= min_lon, _rtree.c.max_lon <= max_lon,
                  _rtree.c.min_lat >= min_lat, _rtree.c.max_lat <= max_lat]
        if flt.start:
            inside.append(_rtree.c.min_day >= _julian_day(flt.start) - 1)
        if flt.end:
            inside.append(_rtree.c.min_day <= _julian_day(flt.end) + 1)
        return events.c.pk.in_(select(_rtree.c.pk).where(*inside))
    if store.postgis:
        envelope = func.ST_MakeEnvelope(min_lon, min_lat, max_lon, max_lat, 4326)
        return literal_column("events.geom").op("&&")(envelope)
    return and_(events.c.lon.between(min_lon, max_lon), events.c.lat.between(min_lat, max_lat))


def _julian_day(day: date) -> float:
    """SQLite's julianday() of a date, computed here so the R*Tree sees a constant."""
    return day.toordinal() + 1721424.5
