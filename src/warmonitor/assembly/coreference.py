"""Event coreference: a later record of one article that tells an event already recorded
joins that record instead of standing as a second event.

A record refers back when
- its trigger is an anaphoric noun after a determiner ("The attack hit a wedding party in
  X", "this raid"), or
- it echoes: it names no attacker and tells a happening of a category that retells
  ("many were hurt in the clashes", "a civilian struck by bullets died in hospital",
  "two protesters were killed"), or
- it restates: it names the same attacker again.
Its antecedent is the nearest earlier record of the same category with which nothing
clashes: not two days the text tells apart, not a summary over a week, a month or a year of
another time, not two places that cannot be one (two towns, a town outside the province
named), not other victims or other attackers, not a kind of act (an abduction) apart, not
two tolls where neither names an attacker. A sentence that says it
tells another event ("three more died", "in a separate attack") refers to none. The words
live in assembly/data/coreference.yaml.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..events.lexicon import EventLexicon
from ..lexicon_data.files import load_word_lists
from ..models import DateSpan, Event, with_evidence
from .within import DISTINCT_MODES, codes, fold, part_of_other, places_compatible, sides_clash

_WORD = re.compile(r"[\w'-]+")
#: How many words before the trigger are read for a cue of a new event.
_CUE_WINDOW = 6
#: Date precisions of a summary ("during the previous year", "in March"), not of one day's event.
_COARSE = frozenset({"week", "month", "year"})
#: A span longer than this many days is a period, not the day of an event told again.
_LONGEST_DAY_SPAN = 3
#: A day carried from another sentence and a day told of the record itself this many days
#: apart or more tell two events.
_CARRIED_DAYS_APART = 14


@dataclass(frozen=True)
class CoreferenceWords:
    """The word lists of coreference.yaml."""

    anaphor_nouns: frozenset[str]
    anaphor_determiners: frozenset[str]
    new_event_cues: frozenset[str]
    echo_categories: frozenset[str]
    statement_categories: frozenset[str]
    new_event_openers: tuple[str, ...] = ()
    part_markers: frozenset[str] = frozenset()

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> CoreferenceWords:
        words = load_word_lists("warmonitor.assembly", "data/coreference.yaml",
                                ("anaphor_nouns", "anaphor_determiners", "new_event_cues", "echo_categories",
                                 "statement_categories", "new_event_openers", "part_markers"))
        return cls(frozenset(w.lower() for w in words["anaphor_nouns"]),
                   frozenset(w.lower() for w in words["anaphor_determiners"]),
                   frozenset(w.lower() for w in words["new_event_cues"]),
                   frozenset(w.upper() for w in words["echo_categories"]),
                   frozenset(w.upper() for w in words["statement_categories"]),
                   tuple(" ".join(w.lower().split()) for w in words["new_event_openers"]),
                   frozenset(w.lower() for w in words["part_markers"]))


def join_coreferent(events: Sequence[Event], words: CoreferenceWords | None = None) -> list[Event]:
    """The records in order, each one that refers back folded into its antecedent."""
    words = words or CoreferenceWords.load()
    out: list[Event] = []
    for event in events:
        kind = reference_kind(event, words)
        j = antecedent(out, event, kind) if kind is not None else None
        if j is None and kind is not None and "place" not in dict(event.evidence) and names_an_event(event.text, words):
            # "14 people were killed in the strikes": placed only by the story's main place, it
            # is the strikes' toll wherever they were
            j = antecedent(out, event.with_(event_loc=None), kind)
        if j is None:
            out.append(_with_referents_sides(out, event, words) if kind == "echo" else event)
        else:
            out[j] = fold(out[j], event)
    return out


def _with_referents_sides(earlier: list[Event], event: Event, words: CoreferenceWords) -> Event:
    """An echo at another place that names the event it belongs to ("a man was also killed in
    Kharkiv in the attacks") is a part of it told apart: its own record, with the attacker
    the referent names."""
    if event.actor or not _tells_victims(event) or not names_an_event(event.text, words):
        return event  # a part has its victims; "missiles were used in the attacks" tells only the means
    for kept in reversed(earlier):
        if kept.event == event.event and kept.actor and not clashes(kept, event.with_(event_loc=None)):
            evidence = dict(kept.evidence)
            taken = with_evidence(event.evidence, "actor", evidence.get("actor"))
            return event.with_(actor=kept.actor, evidence=taken,
                               sentences=tuple(sorted({*event.sentences, *(i for _, i in taken)})))
    return event


def _tells_victims(event: Event) -> bool:
    """Whether a record tells whom it hurt: victims, a toll, or a casualty verb ("was killed")."""
    return bool(event.recipient or event.dead or _casualty_words() & set(event.event_text.lower().split()))


@lru_cache(maxsize=1)
def _casualty_words() -> frozenset[str]:
    return frozenset(EventLexicon.load().cue("casualty_words"))


def reference_kind(event: Event, words: CoreferenceWords) -> str | None:
    """"anaphor", "echo", or None where the record tells an event of its own."""
    before = _words_before(event)
    if words.new_event_cues & set(before[-_CUE_WINDOW:]) or opens_new_event(before, words) \
            or names_a_part(event, words, before):
        return None
    trigger = event.event_text.lower().split()
    if event.anaphoric:
        return "anaphor"
    if len(trigger) == 1 and trigger[0] in words.anaphor_nouns and before and before[-1] in words.anaphor_determiners:
        return "anaphor"
    if not event.actor and event.event in words.echo_categories:
        return "echo"
    if event.event in words.echo_categories:
        return "restatement"
    return None


def names_a_part(event: Event, words: CoreferenceWords, before: list[str] | None = None) -> bool:
    """An anaphor that picks one of several events told before ("the deadliest attack");
    `before`: the sentence's words before the trigger, where the caller has read them."""
    before = _words_before(event) if before is None else before
    trigger = event.event_text.split(" and ")[0].lower().split()  # "attack and opened fire": its own acts joined
    return (event.anaphoric or len(trigger) == 1 and trigger[0] in words.anaphor_nouns) and len(before) > 1 \
        and before[-1] in words.part_markers and before[-2] in words.anaphor_determiners


def opens_new_event(before: list[str], words: CoreferenceWords) -> bool:
    """The record's sentence opens with words that set it apart ("In a separate investigation,
    ...", "Elsewhere, ..."): `before` is the sentence's words before the trigger."""
    opening = " ".join(before[:4])
    return any(opening == phrase or opening.startswith(phrase + " ") for phrase in words.new_event_openers)


def set_apart(event: Event, words: CoreferenceWords) -> bool:
    """Whether the record's sentence opens as another event's telling."""
    return opens_new_event(_words_before(event), words)


def names_an_event(text: str, words: CoreferenceWords) -> bool:
    """Whether a text refers back to an event by a determiner and an event noun ("condemned
    the attack", "this raid")."""
    tokens = [w.lower() for w in _WORD.findall(text)]
    return any(a in words.anaphor_determiners and b in words.anaphor_nouns for a, b in zip(tokens, tokens[1:]))


def _words_before(event: Event) -> list[str]:
    """The lower-cased words of the record's sentence before its trigger."""
    first = event.event_text.split(" and ")[0]  # "bomb and exploded": two triggers of one sentence
    at = event.text.find(first) if first else -1
    return [w.lower() for w in _WORD.findall(event.text[:at])] if at > 0 else []


def antecedent(earlier: list[Event], event: Event, kind: str) -> int | None:
    """The index of the nearest earlier record `event` can tell again, or None. A restatement
    names the same attacker as its antecedent."""
    first = min(event.sentences, default=None)
    for j in range(len(earlier) - 1, -1, -1):
        kept = earlier[j]
        if first is not None and kept.sentences and min(kept.sentences) >= first:
            continue
        if kept.event != event.event or clashes(kept, event):
            continue
        if kind != "restatement":
            return j
        if codes(kept.actor) & codes(event.actor):
            return j
    return None


def clashes(a: Event, b: Event) -> bool:
    """True when two records cannot tell one event: days the text tells apart, places that
    cannot be one, other victims or attackers, an act of another kind."""
    if not _days_meet(a.date, b.date) and "date" in dict(a.evidence) and "date" in dict(b.evidence):
        return True
    if _weeks_apart(a, b):
        return True  # a day carried from the lede is no day of the coup told a month before
    if _summary_apart(a, b):
        return True  # "thousands injured since the campaign began in early April": not this day's event
    if not places_compatible(a.event_loc, b.event_loc):
        return True
    if (a.mode in DISTINCT_MODES) != (b.mode in DISTINCT_MODES) or part_of_other(a, b):
        return True
    if not a.actor and not b.actor and a.dead is not None and b.dead is not None and a.dead != b.dead:
        return True  # two tolls, no attacker named: two attacks on them, not one retold
    return sides_clash(a.actor, b.actor) or sides_clash(a.recipient, b.recipient)


def _weeks_apart(a: Event, b: Event) -> bool:
    """One of the two tells its own day, the other carries one from elsewhere, and they lie
    more than _CARRIED_DAYS_APART apart: a carried day may be a day or two off the event's
    own ("police said on Sunday" of Friday's attack), not weeks."""
    if a.date.date is None or b.date.date is None or not ("date" in dict(a.evidence) or "date" in dict(b.evidence)):
        return False
    return abs((a.date.date - b.date.date).days) > _CARRIED_DAYS_APART and not _days_meet(a.date, b.date)


def _days_meet(a: DateSpan, b: DateSpan) -> bool:
    """One day, or a day inside a week told of the same event ("last week's bombing" ... "the
    attack on Thursday")."""
    if a.date == b.date:
        return True
    week, day = (a, b) if a.precision == "week" else (b, a)
    return week.precision == "week" and day.precision == "day" and week.date is not None and \
        day.date is not None and week.date <= day.date <= (week.enddate or week.date)


def _summary_apart(a: Event, b: Event) -> bool:
    """One of the two is told over a week, a month or a year ("over 300 air strikes during the
    previous year") that is not the other's time: a summary, not the event retold."""
    return (_coarse(a.date) or _coarse(b.date)) and a.date.date is not None and b.date.date is not None \
        and not _days_meet(a.date, b.date)


def _coarse(span: DateSpan) -> bool:
    if span.precision in _COARSE:
        return True
    return span.precision == "span" and span.date is not None and span.enddate is not None and (
        (span.enddate - span.date).days > _LONGEST_DAY_SPAN)
