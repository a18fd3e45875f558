"""The typed records warmonitor emits: Article, Entity, Place, DateSpan, Event.

They are frozen dataclasses. ``Event.to_dict()`` gives exactly the JSON of
``spec/event-record.md`` (plus a few extra fields); ``Event.from_dict`` reads it back.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from typing import Any

#: The 16 categories of the current PLOVER manual.
PLOVER_CATEGORIES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
#: The sectors of an entity as the record format lists them (spec/event-record.md).
RECORD_SECTORS: tuple[str, ...] = (
    "GOV", "MIL", "REB", "PGM", "CVL", "REF", "COP", "OPP", "PRO", "MED", "NGO", "IGO", "BUS", "ELI",
)
#: The PLOVER manual's finer sector codes that the record list lacks, and the record sector each
#: is written as (None: the list has none for it); the finer code stays in `plover_sector`.
FINER_SECTORS: dict[str, str | None] = {
    "JUD": "GOV", "LEG": "GOV", "SPY": "GOV", "EDU": "CVL", "REL": "CVL", "LAB": "CVL", "UAF": None, "CRM": None,
}
#: Every sector code the coder reads or writes.
SECTORS: tuple[str, ...] = RECORD_SECTORS + tuple(FINER_SECTORS)
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", "span", "unknown")
PLACE_PRECISIONS: tuple[str, ...] = ("point", "near", "admin2", "admin1", "country")


@dataclass(frozen=True)
class Article:
    """One news article as read from disk or a feed, before any NLP.

    `filed_from` is where the story was filed, as its dateline or byline writes it
    ("SRINAGAR, India"), and `filed_by` who filed it ("AP", "a staff writer, Radio X"); the
    cleaner reads both. The filing place is no event's place.
    """

    id: str
    text: str
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    filed_from: str | None = None
    filed_by: str | None = None

    def ref(self) -> dict[str, Any]:
        """The `article` object of an event record; `filed_from` and `filed_by` where known."""
        return {
            "id": self.id,
            "outlet": self.outlet,
            "url": self.url,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            **{name: value for name, value in (("filed_from", self.filed_from), ("filed_by", self.filed_by)) if value},
        }


@dataclass(frozen=True)
class Entity:
    """An actor or recipient: the words in the text and what they resolve to."""

    entity_text: str
    name: str | None = None
    code: str | None = None
    #: One of RECORD_SECTORS, or None.
    sector: str | None = None
    #: The PLOVER manual's finer code where the record list has none ("JUD" for a court,
    #: written with sector "GOV"; "UAF" for unknown gunmen, sector None), else None.
    plover_sector: str | None = None

    @classmethod
    def coded(cls, entity_text: str, name: str | None, code: str | None, sector: str | None) -> Entity:
        """The entity with `sector` written as the record format lists it (a finer PLOVER
        code kept in `plover_sector`)."""
        if sector in FINER_SECTORS:
            return cls(entity_text, name, code, FINER_SECTORS[sector], sector)
        return cls(entity_text, name, code, sector)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.plover_sector is None:
            del data["plover_sector"]  # the record's four fields; the finer code only where there is one
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(**{f.name: data.get(f.name) for f in fields(cls)})


@dataclass(frozen=True)
class Place:
    """Where an event happened: a gazetteer entry and how sure we are of it."""

    place_text: str
    name: str | None = None
    geonameid: int | None = None
    country_code: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = "point"
    feature_code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(frozen=True)
class DateSpan:
    """A resolved date: the first day, the last day where a span, and the precision."""

    date: date | None
    enddate: date | None = None
    precision: str = "day"
    text: str | None = None

    @classmethod
    def unknown(cls) -> DateSpan:
        return cls(date=None, enddate=None, precision="unknown", text=None)


@dataclass(frozen=True)
class Event:
    """One coded event record (spec/event-record.md)."""

    event: str
    actor: tuple[Entity, ...] = ()
    recipient: tuple[Entity, ...] = ()
    mode: str | None = None
    context: tuple[str, ...] = ()
    cameo: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    event_text: str = ""
    date: DateSpan = field(default_factory=DateSpan.unknown)
    event_loc: Place | None = None
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    size: int | None = None
    #: The lowest and highest deaths reported where tellings differ (UCDP's low/high; `dead` is the best).
    dead_low: int | None = None
    dead_high: int | None = None
    #: What a coder should know about the figures ("dead: 'dozens of' gives no number").
    notes: tuple[str, ...] = ()
    text: str = ""
    attribution: tuple[str, ...] = ()
    article: Article | None = None
    reports: int = 1
    confidence: float = 0.5
    sentences: tuple[int, ...] = ()
    #: Where each slot was read: (slot, sentence index) for actor, recipient, place, date and dead.
    evidence: tuple[tuple[str, int], ...] = ()
    #: The id of the event a statement speaks of ("condemned the attack"), where one is told.
    about: str | None = None
    #: Read from a phrase that refers back to an event told before ("The raid ... came"): it
    #: adds to that event's record and is no record of its own (not serialized).
    anaphoric: bool = False
    id: str = ""

    def with_stable_id(self) -> Event:
        """A copy whose id hashes the article id, the category, the trigger and the text,
        so the same input always gives the same id."""
        art = self.article.id if self.article else ""
        key = json.dumps([art, self.event, self.event_text, list(self.sentences), self.text])
        return replace(self, id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16])

    def with_(self, **changes: Any) -> Event:
        """A copy with some fields changed (records are frozen)."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of spec/event-record.md; `dead_low` and `dead_high` are added where
        the tellings of the toll differ, `notes` where the figures need one."""
        span = self.date
        return {
            "id": self.id,
            "event": self.event,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "acled_event_type": self.acled_event_type,
            "acled_sub_event_type": self.acled_sub_event_type,
            "actor": [e.to_dict() for e in self.actor],
            "recipient": [e.to_dict() for e in self.recipient],
            "event_text": self.event_text,
            "date": span.date.isoformat() if span.date else None,
            "enddate": span.enddate.isoformat() if span.enddate else None,
            "date_precision": span.precision,
            "date_text": span.text,
            "event_loc": self.event_loc.to_dict() if self.event_loc else None,
            "dead": self.dead,
            "injured": self.injured,
            "arrested": self.arrested,
            "size": self.size,
            **({"dead_low": self.dead_low, "dead_high": self.dead_high} if self.dead_low is not None else {}),
            **({"notes": list(self.notes)} if self.notes else {}),
            "text": self.text,
            "attribution": list(self.attribution),
            "article": self.article.ref() if self.article else None,
            "reports": self.reports,
            "confidence": round(self.confidence, 3),
            "sentences": list(self.sentences),
            "evidence": dict(self.evidence),
            **({"about": self.about} if self.about else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """Read a record written by `to_dict` (the id is derived, not stored)."""
        art = data.get("article") or None
        article = None
        if art:
            pub = art.get("published")
            article = Article(
                id=art.get("id") or "", text="", published=date.fromisoformat(pub) if pub else None,
                outlet=art.get("outlet"), url=art.get("url"), title=art.get("title"),
                filed_from=art.get("filed_from"), filed_by=art.get("filed_by"),
            )
        return cls(
            id=data.get("id") or "",
            event=data["event"],
            actor=tuple(Entity.from_dict(e) for e in data.get("actor") or []),
            recipient=tuple(Entity.from_dict(e) for e in data.get("recipient") or []),
            mode=data.get("mode"),
            context=tuple(data.get("context") or []),
            cameo=data.get("cameo"),
            acled_event_type=data.get("acled_event_type"),
            acled_sub_event_type=data.get("acled_sub_event_type"),
            event_text=data.get("event_text") or "",
            date=DateSpan(
                date=_iso(data.get("date")), enddate=_iso(data.get("enddate")),
                precision=data.get("date_precision") or "unknown", text=data.get("date_text"),
            ),
            event_loc=Place.from_dict(data["event_loc"]) if data.get("event_loc") else None,
            dead=data.get("dead"),
            injured=data.get("injured"),
            arrested=data.get("arrested"),
            size=data.get("size"),
            dead_low=data.get("dead_low"),
            dead_high=data.get("dead_high"),
            notes=tuple(data.get("notes") or ()),
            text=data.get("text") or "",
            attribution=tuple(data.get("attribution") or []),
            article=article,
            reports=data.get("reports") or 1,
            confidence=0.5 if data.get("confidence") is None else data["confidence"],
            sentences=tuple(data.get("sentences") or ()),
            evidence=tuple((slot, int(i)) for slot, i in (data.get("evidence") or {}).items()),
            about=data.get("about"),
        )


def _iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def slot_evidence(event: Event, sentence: int, *, dated: bool, placed: bool = True) -> tuple[tuple[str, int], ...]:
    """The slots that one sentence's record fills, each read from that sentence: the sides,
    the place where the sentence names it (`placed`), the date where the event's own clause
    tells it (`dated`) and the toll."""
    filled = {"actor": bool(event.actor), "recipient": bool(event.recipient),
              "place": event.event_loc is not None and placed, "date": dated,
              "dead": event.dead is not None}
    return tuple((slot, sentence) for slot, present in filled.items() if present)


def with_evidence(evidence: tuple[tuple[str, int], ...], slot: str, sentence: int | None
                  ) -> tuple[tuple[str, int], ...]:
    """`evidence` with `slot` now read from `sentence` (None: from nowhere)."""
    kept = tuple(pair for pair in evidence if pair[0] != slot)
    return kept if sentence is None else (*kept, (slot, sentence))
