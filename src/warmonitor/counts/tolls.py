"""Folding the figures of several tellings of one event: the largest or smallest known value,
and the low-high range of a toll kept only where the tellings differ."""
from __future__ import annotations

from ..models import Event

#: The note on a toll the doer itself claims ("the group said it had killed 25"): it gives way
#: to a toll that others tell of the same event.
CLAIMED_TOLL = "dead: claimed by the side that did it"


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


def best_toll(kept: Event, other: Event) -> int | None:
    """The toll of two tellings of one event: the larger, unless only one of them is the doer's
    own claim, which gives way to the other's figure."""
    if kept.dead is not None and other.dead is not None and \
            (CLAIMED_TOLL in kept.notes) != (CLAIMED_TOLL in other.notes):
        return other.dead if CLAIMED_TOLL in kept.notes else kept.dead
    return max_known(kept.dead, other.dead)


def folded_notes(kept: Event, other: Event) -> tuple[str, ...]:
    """Both tellings' notes; the claim note only where every telling with a toll is a claim."""
    notes = tuple(dict.fromkeys(kept.notes + other.notes))
    claims = [CLAIMED_TOLL in event.notes for event in (kept, other) if event.dead is not None]
    return notes if all(claims) else tuple(note for note in notes if note != CLAIMED_TOLL)
