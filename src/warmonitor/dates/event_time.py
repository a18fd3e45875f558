"""When an event happened: the time expression of its own clause, then of its sentence, then
the time the article is telling of, then the date of the telling (as a span: that day or the
one before), then publication.

"It comes a week after 44 people were killed in Istanbul" dates the killing told after it a
week before the told time (a flashback: the told time does not move), and nothing before it.

"Air strikes late on Sunday killed nine people, a monitor said on Monday": "late on Sunday"
dates the strike, "on Monday" only the monitor's statement. A sentence without a time of its
own ("The attackers also burned granaries") takes the time told just before it; "the day
before" counts from that told time. No event is dated after publication.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..lexicon_data import date_words, read_table
from ..models import DateSpan
from .mentions import DateMention

#: Where a record's date came from.
SOURCES = ("text", "told", "telling", "publication", "unknown")


@dataclass(frozen=True)
class EventTime:
    """The date of one event and where it came from (one of `SOURCES`)."""

    span: DateSpan
    source: str
    #: Dated by "it comes a week after ...": an earlier event; the story's time stays where it was.
    flashback: bool = False
    #: The date hangs on the trigger noun itself ("the attack on Thursday", "last week's bombing").
    attached: bool = False


def event_time(doc: Doc, trigger: Span, sent: Span, mentions: list[DateMention], published: date | None, *,
               reporting: frozenset[str], statement: bool, told: DateSpan | None,
               own_announcement: bool = False, last_day: DateSpan | None = None) -> EventTime:
    """The date of the event whose trigger is `trigger` (see the module docstring).

    `statement`: the trigger is a statement, dated by its own reporting verb; `told`: the time
    the article was telling of before this sentence, or None; `own_announcement`: the act is one its
    doer makes by announcing it (a sanction, a deal), so a report's day is its day, not a span
    back to the day before. `last_day`: the last day the sentence before names, from which "four
    days later" opening this one counts (else from the told day)."""
    best: tuple[float, DateMention] | None = None
    telling: DateMention | None = None
    own = {t.i for t in trigger}
    ancestors = {t.i for t in trigger.root.ancestors} | own
    named = own | _antecedent_nouns(trigger.root)  # "last week's bombing of an academy that killed 20"
    told_day = told is not None and told.date is not None and told.precision == "day"
    for mention in mentions:
        span = doc.char_span(sent.start_char + mention.start, sent.start_char + mention.end,
                             alignment_mode="expand")
        # "four days later", "a day later": counted from the day told before, where there is one
        counted = mention.anchored is not None and not mention.sequel and (told_day or last_day is not None)
        resolved = _anchored(mention, _count_from(mention, mentions, last_day, told)) if counted else mention.span
        if span is None or resolved.precision == "unknown" or _after(resolved, published):
            continue  # a date after publication is planned or misread, and "a day later" than today not yet
        if span.root.dep_ == "amod" and span.root.head.tag_ in ("NNS", "NNPS"):
            continue  # "a run of overnight strikes", "daily protests": a habit, not a time
        if mention.sequel and trigger.start < span.end:
            continue  # "the bombing comes a week after ...": the bombing is not the earlier event
        if span.root.dep_ in ("poss", "compound", "nummod", "amod") and span.root.head.i in named or \
                _on_the_noun(span.root, own) and trigger.root.pos_ in ("NOUN", "PROPN"):
            # "last week's car bombing", "Sunday's attack", "the attack on Thursday morning"
            return EventTime(_anchored(mention, told), "text", attached=True)
        if _dates_another_noun(span.root, named):
            continue  # "protesting against last month's coup": the coup's time
        governor = _governing_verb(span.root)
        if _in_other_relative_clause(governor, own):
            continue  # "demonstrators who had been camped there since April 6": the camping's time
        if _in_other_sequence_clause(governor, own) or _since_another_time(governor, trigger.root):
            continue  # "shot men ..., before slipping away in the early hours of Monday": the leaving's time
        announced = governor is not None and trigger.root.dep_ == "dobj" and trigger.root.head.i == governor.i
        toll_update = governor is not None and _toll_subject_holds(governor, trigger.root)
        spoken = governor is not None and governor.lemma_ in reporting and not _inside_the_report(span, governor)
        if not statement and governor is not None and (spoken or toll_update) and governor.i not in own \
                and not announced:  # "announced sanctions on Thursday": the act
            # "a monitor said on Monday" dates the monitor's words; "the toll from the bombing rose
            # to 128 on Saturday" the count, not the bombing
            telling = telling or mention
            continue
        distance = float(min(abs(span.start - trigger.start), abs(span.end - trigger.end)))
        if governor is not None and governor.i in ancestors:
            distance -= 100.0 if governor.i in own else 10.0
        if best is None or distance < best[0]:
            best = (distance, mention)
    if best is not None:
        anchor = _count_from(best[1], mentions, last_day, told)
        if best[1].sequel:  # "on Tuesday cancelled the deal, a day after forces stormed": from Tuesday
            anchor = next((m.span for m in mentions if m.end <= best[1].start and not m.sequel
                           and m.span.precision == "day"), told)
        return EventTime(_anchored(best[1], anchor), "text", flashback=best[1].sequel)
    if telling is not None and own_announcement:
        return EventTime(telling.span, "telling")  # "On Aug. 3 the junta announced it was revoking ...": that day
    if told is not None and not statement:
        return EventTime(told, "told")
    if telling is not None:
        return EventTime(telling.span if own_announcement else _by_the_telling(telling), "telling")
    if published is None:
        return EventTime(DateSpan.unknown(), "unknown")
    # No date told: a news report tells what happened by its publication day.
    return EventTime(DateSpan(date=published, precision="day", text=None), "publication")


def _on_the_noun(root: Token, own: set[int]) -> bool:
    """A date phrase that modifies the trigger noun: "the attack [on Thursday morning]"."""
    prep = root if root.dep_ == "prep" else root.head if root.dep_ == "pobj" else None
    return prep is not None and prep.dep_ == "prep" and prep.head.i in own


def _dates_another_noun(root: Token, named: set[int]) -> bool:
    """A possessive date of a noun in another prepositional phrase than one of time ("against
    last month's coup", "in revenge for Monday's bombing"): that noun's time, not the trigger's."""
    noun = root.head
    return root.dep_ == "poss" and noun.i not in named and noun.dep_ == "pobj" \
        and noun.head.lower_ not in date_words().within_preps


def _antecedent_nouns(root: Token) -> set[int]:
    """The nouns a relative clause trigger tells of: its antecedent and, through "of", the noun
    that one belongs to ("the car bombing of a police academy that killed 20")."""
    if root.dep_ != "relcl":
        return set()
    noun = root.head
    nouns = {noun.i}
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "PROPN"):
        nouns.add(noun.head.head.i)
    return nouns


def _toll_subject_holds(verb: Token, trigger: Token) -> bool:
    """The verb's subject is a toll noun whose phrase holds the trigger: "the death toll from
    a suicide bombing rose to 128"."""
    return any(child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in _toll_nouns() and trigger in child.subtree
               and trigger.i != child.i for child in verb.children)


@lru_cache(maxsize=1)
def _toll_nouns() -> frozenset[str]:
    """The nouns that name a count of dead or wounded (casualties.tsv): "toll", "death toll"."""
    return frozenset(row.cells[0] for row in read_table("casualties.tsv", 3)
                     if row.cells[2] == "noun" and row.cells[1] in ("dead", "injured") and " " not in row.cells[0])


def events_day(sent: Span, mentions: list[DateMention], event_nouns: frozenset[str]) -> DateSpan | None:
    """The day an event noun of a sentence is named by ("Pictures from Monday's protests
    showed ...", "during Sunday's attack"): the story's time moves there, though the
    sentence records no event of its own. None where no day names one."""
    for mention in mentions:
        if mention.span.precision not in ("day", "week") or mention.sequel:
            continue
        span = sent.doc.char_span(sent.start_char + mention.start, sent.start_char + mention.end,
                                  alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        named = root.head.lower_ in event_nouns or root.head.lemma_.lower() in event_nouns
        if root.dep_ in ("poss", "compound") and named and mention.span.precision == "day":
            return mention.span
        if root.dep_ in ("npadvmod", "prep", "pobj") and _event_subject(root, event_nouns):
            return mention.span  # "after rallies last week turned deadly": the story goes back there
    return None


def _event_subject(date_root: Token, event_nouns: frozenset[str]) -> bool:
    """The date hangs on a verb whose subject is an event noun ("rallies last week turned
    deadly", "protests on Monday spread")."""
    verb = date_root.head.head if date_root.dep_ == "pobj" else date_root.head
    return verb.pos_ == "VERB" and any(
        child.dep_ == "nsubj" and (child.lower_ in event_nouns or child.lemma_.lower() in event_nouns)
        for child in verb.children)


def _by_the_telling(telling: DateMention) -> DateSpan:
    """"..., a monitor said on Monday" and no other time: on Monday or the day before (a span)."""
    day = telling.span
    if day.precision != "day" or day.date is None or day.date.year == 1:
        return day
    return DateSpan(day.date - timedelta(days=1), day.date, "span", telling.text)


def _count_from(mention: DateMention, mentions: list[DateMention], last_day: DateSpan | None,
                told: DateSpan | None) -> DateSpan | None:
    """The day "four days later" counts from: a day named before it in its sentence, else the
    last day the sentence before names, else the told day."""
    before = [m.span for m in mentions if m.end <= mention.start and m.anchored is None
              and m.span.precision == "day" and m.span.date is not None]
    return before[-1] if before else last_day or told


def _anchored(mention: DateMention, told: DateSpan | None) -> DateSpan:
    """"the day before" counted from the told time, where that is a day."""
    if mention.anchored is None or told is None or told.date is None or told.precision != "day":
        return mention.span
    try:
        return DateSpan(told.date + timedelta(days=mention.anchored), precision="day", text=mention.text)
    except OverflowError:  # the day before 1 January of year 1
        return mention.span


def _after(span: DateSpan, published: date | None) -> bool:
    """A date after publication: planned or misread, never the date of a reported event."""
    return published is not None and span.date is not None and span.date > published


def _in_other_relative_clause(governor: Token | None, own: set[int]) -> bool:
    """Whether a time's verb heads a relative clause that holds no trigger word: the clause
    describes a participant, and its time is not the event's."""
    if governor is None or governor.dep_ != "relcl":
        return False
    return not any(token.i in own for token in governor.subtree)


def _in_other_sequence_clause(governor: Token | None, own: set[int]) -> bool:
    """Whether a time's verb heads a "before ..." or "after ..." clause that holds no trigger
    word: another happening's time."""
    if governor is None:
        return False
    marked = governor.dep_ == "advcl" and any(
        child.dep_ == "mark" and child.lower_ in date_words().sequence_marks for child in governor.children)
    if not marked and not (governor.dep_ == "pcomp" and governor.head.lower_ in date_words().sequence_marks):
        return False  # "before slipping away ...": the parser's prepositional clause
    return not any(token.i in own for token in governor.subtree)


def _inside_the_report(span: Span, verb: Token) -> bool:
    """A date the parse hangs on a verb of saying that follows the report ("the victims were
    killed in X, on Nov. 29 and 30, the mission said"): it stands inside the reported words,
    before the speaker, so it is the report's time, not the saying's."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    report = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis")), None)
    return subject is not None and report is not None and report.i < span.start and span.end <= subject.left_edge.i \
        and verb.i > span.end


def told_by_speaker(sent: Span, mention: DateMention, reporting: frozenset[str]) -> bool:
    """Whether a date of the sentence dates a verb of saying ("the governor said on Monday")."""
    span = sent.doc.char_span(sent.start_char + mention.start, sent.start_char + mention.end, alignment_mode="expand")
    governor = _governing_verb(span.root) if span is not None else None
    return governor is not None and governor.lemma_ in reporting


def _governing_verb(token: Token) -> Token | None:
    for candidate in [token, *token.ancestors]:
        if candidate.pos_ in ("VERB", "AUX") and candidate is not token:
            return candidate
    return None


def _since_another_time(governor: Token | None, root: Token) -> bool:
    """A "since ..." clause hung on another verb than the trigger's own ("killed 23, medics said,
    in the bloodiest attack since protests erupted two months ago"): the time it starts from
    is another happening's. On the trigger's own verb in a perfect ("attacks have surged since
    the army seized power in July") it bounds the trigger's span."""
    if governor is None or governor.dep_ != "advcl" or not any(
            child.dep_ == "mark" and child.lower_ in date_words().starting_marks for child in governor.children):
        return False
    own_verb = root.head if root.dep_ in ("nsubj", "nsubjpass") else root
    perfect = any(child.dep_ == "aux" and child.lemma_ == "have" for child in own_verb.children)
    return not (perfect and governor.head.i in (root.i, own_verb.i))
