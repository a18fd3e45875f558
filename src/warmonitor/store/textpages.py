"""PostgreSQL: a newest-first page of a text filter with many matches, found among the
newest weeks first, its total the planner's estimate (said so in the page), so that a page
of two common words at 5M reads a few hundred heap rows instead of all ~8,000 matches."""
from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, Text, cast, func, literal_column, select
from sqlalchemy.dialects.postgresql import TSQUERY

from .filters import EventFilter, conditions, order_by
from .pages import EventPage, read_page
from .schema import event_weeks, events

if TYPE_CHECKING:
    from . import Store


#: On PostgreSQL a text filter's matches are counted up to this many (the planner's estimate
#: says which side of it they are): each is a heap row read, ~0.5 ms from disk here.
EXACT_TEXT_COUNT = 1000
#: A text page on PostgreSQL first looks among the newest weeks expected to hold this many
#: times limit + offset of its matches, then among four times as many weeks' worth: each
#: match in the window is a heap row read (the page's own rows among them).
WINDOW_MARGINS = (1.3, 5.0)


def text_page(store: Store, conn: Connection, flt: EventFilter, where: list[Any],
              actor_keys: list[int] | None) -> EventPage | None:
    """PostgreSQL, a newest-first page of a text filter with more than EXACT_TEXT_COUNT
    matches (None for fewer: sorted and counted as any filter).

    The GIN index finds the matches at once, but sorting or counting them reads each one's
    heap row (GIN flags them for recheck): ~8,000 scattered blocks for two common words at
    5M, 3.6 s cold for the count alone. Where the planner expects at most EXACT_TEXT_COUNT
    (`_estimated_matches`), they are counted up to one more, in case it misjudged; more, and
    the page is looked for among the newest weeks (`_recent_window`), the date index ANDed
    with GIN, so only the window's matches are read; a window with fewer than limit + offset
    of them is widened once (WINDOW_MARGINS), then given up for the whole sort. The total is
    then the planner's estimate (tsvector statistics: 8,083 for 8,115 matches; where it
    misjudged, the window's matches for the whole) and the page says so (`estimated`),
    unless the page itself shows the end of the matches."""
    estimate = _estimated_matches(store, conn, flt, where, actor_keys)
    if estimate <= EXACT_TEXT_COUNT:
        capped = select(events.c.pk).where(*where).limit(EXACT_TEXT_COUNT + 1).subquery()
        counted = conn.execute(select(func.count()).select_from(capped)).scalar_one()
        if counted <= EXACT_TEXT_COUNT:
            return EventPage(counted, flt.limit, flt.offset, read_page(conn, flt, where))
    misjudged = estimate <= EXACT_TEXT_COUNT
    estimate = max(estimate, EXACT_TEXT_COUNT + 1)
    conn.exec_driver_sql("SET LOCAL work_mem = '64MB'")  # the date bitmap exact, not lossy pages
    records = None
    for margin in WINDOW_MARGINS:
        window = _recent_window(conn, flt, estimate, margin)
        if window is None:
            break
        since, share = window
        # One step: the window's few hundred rows are read for their dates anyway.
        query = (select(events.c.record).where(*where, events.c.date >= since).order_by(*order_by(flt))
                 .limit(flt.limit).offset(flt.offset))
        records = list(conn.execute(query).scalars())
        if len(records) < flt.limit:  # fewer than limit + offset matches in the window
            records = None
            continue
        if misjudged:  # the window's matches (rows just read) for the whole, by its share of the events
            found = conn.execute(select(func.count()).where(*where, events.c.date >= since)).scalar_one()
            estimate = max(estimate, round(found / share))
        break
    if records is None:
        records = read_page(conn, flt, where)
    if len(records) < flt.limit:  # the last page: its end is known
        if flt.offset == 0 or records:
            return EventPage(flt.offset + len(records), flt.limit, flt.offset, records)
        return None  # past the end: count them
    return EventPage(max(estimate, flt.offset + len(records)), flt.limit, flt.offset, records, True)


def _estimated_rows(conn: Connection, query: Select[Any]) -> int:
    """PostgreSQL: the planner's estimate of the rows `query` returns (EXPLAIN, not run)."""
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params).scalar_one()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def _recent_window(conn: Connection, flt: EventFilter, matches: int,
                   margin: float) -> tuple[date, float] | None:
    """The Monday from which on the newest `margin * (limit + offset)` of a text filter's
    `matches` should lie, were they spread over the weeks as all events are (`event_weeks`),
    and the share of all events from then on; None when that is more than half of them."""
    wanted = margin * (flt.limit + flt.offset)
    if matches <= 2 * wanted:
        return None
    weekly = select(event_weeks.c.week, func.sum(func.sum(event_weeks.c.n)).over(
        order_by=event_weeks.c.week.desc()).label("newer")).group_by(event_weeks.c.week).subquery()
    everything = conn.execute(select(func.coalesce(func.sum(event_weeks.c.n), 0))).scalar_one()
    row = conn.execute(select(weekly.c.week, weekly.c.newer).where(weekly.c.newer >= everything * wanted / matches)
                       .order_by(weekly.c.week.desc()).limit(1)).first()
    return (row.week, row.newer / everything) if row else None


def _estimated_matches(store: Store, conn: Connection, flt: EventFilter, where: list[Any],
                       actor_keys: list[int] | None) -> int:
    """The planner's estimate of a text filter's matches. It takes the words for independent:
    a hyphenated word is also indexed as its parts ('port-au-princ', 'port', 'au', 'princ'),
    which always come together, so an estimate at most EXACT_TEXT_COUNT is asked again
    without the parts (8,565 for 'highway Port-au-Prince' where the whole query had ~1)."""
    estimate = _estimated_rows(conn, select(events.c.pk).where(*where))
    if estimate > EXACT_TEXT_COUNT:
        return estimate
    words = conn.execute(select(cast(func.plainto_tsquery("english", flt.q or ""), Text))).scalar_one() or ""
    lexemes = re.findall(r"'((?:[^']|'')*)'", str(words))
    parts = {part for lexeme in lexemes if "-" in lexeme for part in lexeme.split("-")}
    kept = [lexeme for lexeme in lexemes if lexeme not in parts]
    if not parts or len(kept) == len(lexemes) or not re.fullmatch(r"[^|!<]*", str(words)):
        return estimate
    loose = " & ".join("'" + lexeme + "'" for lexeme in kept)
    base = conditions(store, replace(flt, q=None), actor_keys=actor_keys)
    tsv = literal_column("events.text_tsv").op("@@")(cast(loose, TSQUERY))
    return max(estimate, _estimated_rows(conn, select(events.c.pk).where(*base, tsv)))
