"""A page of event records as GET /events answers it, and reading a page's records in two
steps (sort and cut the matching keys, then read only the page's records)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from .filters import EventFilter, order_by
from .schema import events


@dataclass(frozen=True)
class EventPage:
    """One page of event records (kept as their stored JSON) and how many match in all;
    `estimated`: the total is the database's estimate, not a count (a text filter with more
    than EXACT_TEXT_COUNT matches on PostgreSQL, see `textpages.text_page`)."""

    total: int
    limit: int
    offset: int
    records_json: list[str]
    estimated: bool = False

    @property
    def events(self) -> list[dict[str, Any]]:
        """The records as dicts."""
        return [json.loads(record) for record in self.records_json]

    def head(self) -> dict[str, Any]:
        """total, limit and offset, and `total_estimated: true` where the total is an estimate."""
        head: dict[str, Any] = {"total": self.total, "limit": self.limit, "offset": self.offset}
        if self.estimated:
            head["total_estimated"] = True
        return head

    def to_dict(self) -> dict[str, Any]:
        return {**self.head(), "events": self.events}

    def to_json(self) -> str:
        """The JSON answer of GET /events, the stored records spliced in without re-encoding."""
        head = json.dumps(self.head())
        return head[:-1] + ', "events": [' + ", ".join(self.records_json) + "]}"


def read_page(conn: Connection, flt: EventFilter, where: list[Any]) -> list[str]:
    """The records of the page, in two steps: sort and cut the matching keys (narrow), then
    read only the page's records."""
    page_pks = (select(events.c.pk).where(*where).order_by(*order_by(flt))
                .limit(flt.limit).offset(flt.offset))
    page = select(events.c.record).where(events.c.pk.in_(page_pks)).order_by(*order_by(flt))
    return list(conn.execute(page).scalars())
