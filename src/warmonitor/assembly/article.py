"""One article's records joined into one record per real event, in passes:
- an anaphor ("the raid") joins the earlier event it refers to;
- tellings of one happening join (`within.same_happening`: same category, sides, day and place);
- records that refer back join their antecedent (`coreference`: an echo, a restatement);
- a bare event noun joins the one telling with sides that fits it;
- a lead's total gives way to its parts (`totals`);
- a record that still names no side beside one of its category that does is dropped."""
from __future__ import annotations

from collections.abc import Sequence

from ..models import Event
from .coreference import CoreferenceWords, antecedent, join_coreferent, names_a_part, reference_kind, set_apart
from .totals import as_part_of, split_totals
from .within import fold, same_happening, same_slot


def merge_within_article(events: Sequence[Event]) -> list[Event]:
    """Fold records that describe the same happening, keeping the order of first mention."""
    words = CoreferenceWords.load()
    merged: list[Event] = []
    for event in events:
        if names_a_part(event, words):  # "The deadliest attack took place in X": one of the attacks told
            j = antecedent(merged, event, "anaphor")
            merged.append(event if j is None else as_part_of(event, merged[j]))
            continue
        if reference_kind(event, words) == "anaphor":  # "the raid": an earlier sentence's event
            j = antecedent(merged, event, "anaphor")
            if j is not None:
                merged[j] = fold(merged[j], event)
                continue
            if event.anaphoric:
                continue  # refers back to nothing recorded: no event of its own
        apart = set_apart(event, words)  # "In a separate investigation, ...": no earlier sentence's event
        fits = [i for i, kept in enumerate(merged) if same_happening(kept, event)
                and not (apart and not set(event.sentences) & set(kept.sentences))]
        # "rebels ambushed police, killing one officer and injuring another": the telling of
        # its own sentence first, before an earlier one that would also fit
        own = [i for i in fits if set(event.sentences) & set(merged[i].sentences)]
        if fits:
            i = (own or fits)[0]
            merged[i] = fold(merged[i], event)
        else:
            merged.append(event)
    joined = _fold_sideless(join_coreferent(merged, words))
    return _share_setting(_without_fragments(split_totals(_fold_restated(joined, words))))


def _fold_restated(events: list[Event], words: CoreferenceWords) -> list[Event]:
    """A statement told twice ("the government said the separatists attacked" ... "the minister
    blamed the separatists") is one: the same category between the same sides, a day apart at
    most (one telling dated by its words, the other by the report)."""
    out: list[Event] = []
    for event in events:
        sides = _sides(event)
        j = None
        if event.event in words.statement_categories and sides[0]:
            j = next((i for i, kept in enumerate(out)
                      if kept.event == event.event and _same_speaker(_sides(kept), sides) and _day_apart(kept, event)),
                     None)
        if j is None:
            out.append(event)
        else:
            out[j] = fold(out[j], event)
    return out


def _same_speaker(a: tuple[frozenset, ...], b: tuple[frozenset, ...]) -> bool:
    """The same speaker, and the same addressee or one telling that names none ("the army denied
    the accusations" ... "an army spokesman rejected them")."""
    return a[0] == b[0] and (a[1] == b[1] or not a[1] or not b[1])


def _sides(event: Event) -> tuple[frozenset[tuple[str | None, str | None]], ...]:
    return (frozenset((e.code, e.sector) for e in event.actor if e.code),
            frozenset((e.code, e.sector) for e in event.recipient if e.code))


def _day_apart(a: Event, b: Event) -> bool:
    """One day, or a day apart where one telling's day is only the report's."""
    if a.date.date is None or b.date.date is None or a.date.date == b.date.date:
        return a.date.date == b.date.date
    told = "date" in dict(a.evidence) and "date" in dict(b.evidence)
    return not told and abs((a.date.date - b.date.date).days) <= 1


def _share_setting(events: list[Event]) -> list[Event]:
    """A record placed only at the country takes the town of a record told in the same
    sentence ("police in Kenya fired tear gas at demonstrators who turned out for a protest",
    the tear gas placed in Nairobi by the next sentence): one clause, one setting."""
    out = list(events)
    for i, event in enumerate(events):
        loc = event.event_loc
        if loc is None or loc.precision != "country" or not event.sentences:
            continue
        finer = [other.event_loc for other in events if other is not event and other.event_loc is not None
                 and event.sentences[0] in other.sentences and other.event_loc.precision != "country"
                 and other.event_loc.country_code == loc.country_code]
        if len({(p.lat, p.lon) for p in finer}) == 1:
            out[i] = event.with_(event_loc=finer[0])
    return out


def _fold_sideless(events: list[Event]) -> list[Event]:
    """A bare event noun that names no side ("nine insurgents were killed in the clash") is the
    happening of its category, day and place that a telling with sides names, when there is
    exactly one such telling; with two or more it cannot be told which, and it stays apart."""
    out = list(events)
    for event in [e for e in events if not (e.actor or e.recipient)]:
        hosts = [i for i, kept in enumerate(out) if kept is not event and (kept.actor or kept.recipient)
                 and same_slot(kept, event)]
        if len(hosts) == 1:
            out[hosts[0]] = fold(out[hosts[0]], event)
            out.remove(event)
    return out


def _without_fragments(events: list[Event]) -> list[Event]:
    """A record that still names no side beside a record of its category that does is a
    fragment of the story ("the attacks", "the violence" told in passing), not an event of
    its own: a coder records the telling with sides. Alone in its category it stays (a
    headline: "Clashes in the north kill 12")."""
    sided = {e.event for e in events if e.actor or e.recipient}
    return [e for e in events if e.actor or e.recipient or e.event not in sided]
