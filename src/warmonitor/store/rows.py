"""Rows of the events table from event records, and the actor rows they link to."""
from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .schema import actors, event_actors

if TYPE_CHECKING:
    from . import Store


def event_row(article_pk: int, record: dict[str, Any]) -> dict[str, Any]:
    """The indexed columns of an event record, and the record itself as JSON."""
    place = record.get("event_loc") or {}
    return {
        "id": record["id"], "article_pk": article_pk, "category": record["event"],
        "mode": record.get("mode"), "cameo": record.get("cameo"),
        "acled_type": record.get("acled_event_type"),
        "acled_sub_type": record.get("acled_sub_event_type"),
        "date": _day(record.get("date")), "enddate": _day(record.get("enddate")),
        "country_code": place.get("country_code"), "admin1": place.get("admin1"),
        "lat": place.get("lat"), "lon": place.get("lon"), "dead": record.get("dead"),
        "text": record.get("text") or "", "record": json.dumps(record, ensure_ascii=False),
    }


def link_actors(store: Store, conn: Connection, event_pk: int, record: dict[str, Any]) -> None:
    """Link the event row to its actor and recipient rows (created where new)."""
    links = actor_links(store, conn, event_pk, record)
    if links:
        conn.execute(insert(event_actors), links)


def actor_links(store: Store, conn: Connection, event_pk: int, record: dict[str, Any]) -> list[dict[str, Any]]:
    """The event_actors rows of an event (its actor rows created where new), to insert."""
    links = []
    for role in ("actor", "recipient"):
        for actor_pk in dict.fromkeys(actor_pk_of(store, conn, e) for e in record.get(role) or []):
            links.append({"event_pk": event_pk, "actor_pk": actor_pk, "role": role})
    return links


def actor_pk_of(store: Store, conn: Connection, entity: dict[str, Any]) -> int:
    """The pk of the actor row for an entity, inserted on first sight (cached per store)."""
    values = {"entity_text": entity.get("entity_text") or "", "name": entity.get("name"),
              "code": entity.get("code"), "sector": entity.get("sector")}
    key = hashlib.sha1(json.dumps(list(values.values())).encode("utf-8")).hexdigest()
    if key in store.actor_pks:
        return store.actor_pks[key]
    dialect_insert = pg_insert if store.backend == "postgresql" else sqlite_insert
    conn.execute(dialect_insert(actors).values(key=key, **values).on_conflict_do_nothing())
    pk = conn.execute(select(actors.c.pk).where(actors.c.key == key)).scalar_one()
    store.actor_pks[key] = pk
    return pk


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
