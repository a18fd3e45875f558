"""Statements about an event: an accusation, a denial, a demand for an inquiry or a
condemnation is a record of its own, never a new attack, and it points (`Event.about`) to
the event it speaks of: the event told in its own sentence, else the one its words refer
back to ("condemned the attack", "denied carrying out the raid"), the nearest before it
whose place fits."""
from __future__ import annotations

from collections.abc import Sequence

from ..models import Event
from .coreference import CoreferenceWords, names_an_event
from .within import places_compatible


def link_statements(events: Sequence[Event], words: CoreferenceWords | None = None) -> list[Event]:
    """The records in order, each statement given the id of the event it speaks of."""
    words = words or CoreferenceWords.load()
    out = list(events)
    for i, record in enumerate(out):
        if record.event not in words.statement_categories or not record.sentences:
            continue
        target = _spoken_of(out, record, words)
        if target is not None and target.id:
            out[i] = record.with_(about=target.id)
    return out


def _spoken_of(events: list[Event], statement: Event, words: CoreferenceWords) -> Event | None:
    happenings = [e for e in events if e.event in words.echo_categories and e.sentences
                  and places_compatible(e.event_loc, statement.event_loc)]
    told_here = [e for e in happenings if set(e.sentences) & set(statement.sentences)]
    if told_here:
        return told_here[0]
    if not names_an_event(statement.text, words):
        return None
    first = min(statement.sentences)
    earlier = [e for e in happenings if min(e.sentences) < first]
    return max(earlier, key=lambda e: max(i for i in e.sentences if i < first)) if earlier else None
