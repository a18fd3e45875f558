"""A lead's total and its parts: "Shelling killed nine civilians across Idlib province ...
Three were killed in Saraqeb. In Ariha, shelling killed three." The parts are the events,
each with its own toll, at its own place; the total is their sum, not another event.

A record is a total when two or more records of its category, on a day that does not clash,
lie at places inside its wider place with tolls that add up to at most its own. Each part
takes the sides the total names where it names none. A total its parts account for whole is
dropped; one they cover only in part stays, with a note naming the parts' sum.
"""
from __future__ import annotations

from ..models import Event, with_evidence
from .coreference import clashes
from .within import part_of_other

#: Parts needed before a toll reads as a total.
MIN_PARTS = 2


def split_totals(events: list[Event]) -> list[Event]:
    """The records with each total resolved into its parts (see the module docstring)."""
    out = list(events)
    for total in list(out):
        if not any(e is total for e in out):
            continue  # taken as a part of a wider total already (a country's toll, a province's part)
        parts = [e for e in out if e is not total and e.event == total.event and part_of_other(total, e)
                 and (e.dead or 0) < (total.dead or 0) and not _clash_but_toll(total, e)]
        told = sum(e.dead or 0 for e in parts)
        if len(parts) < MIN_PARTS or told > (total.dead or 0):
            continue
        for part in parts:
            out[out.index(part)] = _with_sides_of(part, total)
        if told == total.dead:
            out.remove(total)
        else:
            out[out.index(total)] = total.with_(
                notes=(*total.notes, f"dead: a total; {len(parts)} parts told apart account for {told}"))
    return out


def _clash_but_toll(total: Event, part: Event) -> bool:
    """Whether the part clashes with the total for anything but its toll and narrower place."""
    return clashes(total.with_(dead=None, event_loc=None, actor=()), part.with_(dead=None, event_loc=None))


def as_part_of(part: Event, whole: Event) -> Event:
    """A part told apart ("the deadliest attack took place in X") with the sides of the whole
    it is part of where it names none, and the whole's day where it tells none."""
    own = part.sentences  # its own sentence only: the acts told beside it there are its own
    part = _with_sides_of(part, whole)
    mine = dict(whole.evidence)
    if part.date.date is None and whole.date.date is not None:
        part = part.with_(date=whole.date, evidence=with_evidence(part.evidence, "date", mine["date"])
                          if "date" in mine else part.evidence)
    return part.with_(anaphoric=False, sentences=own)


def _with_sides_of(part: Event, total: Event) -> Event:
    """The part with the sides the total names where it names none, and the total's sentence
    among those it drew on."""
    evidence, mine = part.evidence, dict(total.evidence)
    for slot in ("actor", "recipient"):
        if not getattr(part, slot) and getattr(total, slot) and slot in mine:
            evidence = with_evidence(evidence, slot, mine[slot])
    return part.with_(actor=part.actor or total.actor, recipient=part.recipient or total.recipient,
                      evidence=evidence, sentences=tuple(sorted({*part.sentences, *(i for _, i in evidence)})))
