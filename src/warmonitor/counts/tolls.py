"""Folding the figures of several tellings of one event: the largest or smallest known value,
and the low-high range of a toll kept only where the tellings differ."""
from __future__ import annotations

from ..models import Event


def max_known(*values: int | None) -> int | None:
    """The largest of the known values, or None."""
    known = [value for value in values if value is not None]
    return max(known) if known else None


def min_known(*values: int | None) -> int | None:
    """The smallest of the known values, or None."""
    known = [value for value in values if value is not None]
    return min(known) if known else None


def with_toll_range(event: Event) -> Event:
    """`dead_low` / `dead_high` only where the tellings differ."""
    if event.dead_low is not None and event.dead_low == event.dead_high:
        return event.with_(dead_low=None, dead_high=None)
    return event
