"""Background, history and running totals: clauses that give context, not news.

"The war, which began in 2011, has killed more than 500,000 people", "Mali has been battling
an insurgency since 2012", "more than 100 leaders have been killed so far this year": such a
clause yields no violent event, and a statement read from it carries no toll. A clause is
background when its trigger

- sits under a "since" ("since it seized power"), or is in the present perfect beside one
  ("has killed 3,000 since 2017"), unless the "since" is another clause's and the sentence's
  dates are all recent ("have fled since late February as the army battled X": the news);
- is in the present perfect and its sentence tells a running total (a cumulative word of
  lexicon_data/background.tsv, a date longer than a month or well before publication, or a
  conflict as its subject: "the war has killed hundreds of thousands"), or, undated, goes on
  from a sentence of history in its paragraph ("The revolt began in 2017. More than 3,000
  people have been killed.");
- is dated more than `OLD_DAYS` before publication (by the text, not by a fallback);
- is the subject of an onset verb dated by the text coarser than a day ("fighting began in
  early August"; "clashes erupted on Monday" and an undated "fighting broke out" are news);
- is a predicate nominal ("it was the second kidnapping in three months");
- counts many events over more than two months ("over 300 air strikes during the previous year");
- is governed by a word of remembering ("the anniversary of the attack");
- is done by a former office holder ("the government of then-President X").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from spacy.tokens import Span, Token

from ..lexicon_data import choice_cell, read_table
from ..models import DateSpan
from .mentions import DateMention

#: A clause dated this many days or more before publication is history, not news.
OLD_DAYS = 60
#: The reason given for a clause its own date puts more than OLD_DAYS before publication.
OLD_NEWS = "dated long before publication"
#: A date span longer than this is a period of a war, not the day of an event.
LONG_SPAN_DAYS = 31
_KINDS = ("since", "cumulative", "onset", "conflict", "memorial")
_PRESENT_PERFECT = frozenset({"has", "have", "'ve", "'s"})
_CLIMB = 8


@dataclass(frozen=True)
class _BackgroundWords:
    since: frozenset[str]
    cumulative: tuple[str, ...]
    onset: frozenset[str]
    conflict: frozenset[str]
    memorial: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> _BackgroundWords:
    kinds: dict[str, list[str]] = {kind: [] for kind in _KINDS}
    for row in read_table("background.tsv", 2):
        kinds[choice_cell("background.tsv", row, 1, _KINDS)].append(row.cells[0])
    return _BackgroundWords(frozenset(kinds["since"]), tuple(kinds["cumulative"]), frozenset(kinds["onset"]),
                            frozenset(kinds["conflict"]), frozenset(kinds["memorial"]))


def background_reason(trigger: Span, sent: Span, dates: list[DateMention], event_date: DateSpan | None,
                      published: date | None, after_history: bool = False) -> str | None:
    """Why the trigger's clause is background (see the module docstring), or None for news.
    `after_history`: the sentence before, in the same paragraph, tells history."""
    words = _words()
    path = _path(trigger.root, sent)
    perfect = any(_present_perfect(token) for token in path)
    # "injured or arrested since the campaign began": a "since" on a conjoined verb covers both
    clause = path + [conj for token in path for conj in token.conjuncts if _shares_auxiliary(conj)]
    # "have fled since late February as the army battled X": a recent "since" on another
    # clause than the trigger's own is the news itself ("have been injured since ..." is a total)
    own_clause = _present_perfect(trigger.root) or any(_since_child(c, words.since) for c in trigger.root.children) \
        or trigger.root.dep_ == "pobj" and trigger.root.head.lower_ in words.since  # "since last month's invasion"
    recent = not own_clause and bool(dates) and published is not None and all(
        m.span.date is not None and m.span.date.year > 1 and (published - m.span.date).days <= OLD_DAYS for m in dates)
    perfect_since = perfect or any(_present_perfect(token, past=True) for token in path)  # "had been killed since"
    if not recent and (any(token.lower_ in words.since for token in path) or perfect_since and any(
            _since_child(child, words.since) for token in clause for child in token.children)):
        return "since"  # not "have fled since late February as the army battled": the news itself
    if any(token.lemma_.lower() in words.memorial or _after_memorial(token, words.memorial) for token in path[1:]):
        return "remembered"  # "the seventh anniversary of the attack": history
    if _by_a_former_holder(path):
        return "a former office holder's"  # "the government of then-President X issued warrants"
    if perfect and (
            _has_phrase(sent.text.lower(), words.cumulative) or after_history and not dates
            or not recent and any(_long_or_old(m.span, published) for m in dates)
            or _waged_by_a_war(path, words.conflict) or not dates and _counted_over_a_war(path, words.conflict)):
        return "running total"
    if event_date is not None and _long_or_old(event_date, published, long_spans=False):
        return OLD_NEWS
    if event_date is not None and trigger.root.tag_ in ("NNS", "NNPS") and _longer_than_a_month(event_date):
        return "a summary over a long period"  # "over 300 air strikes during the previous year"
    root = trigger.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in words.onset and (
            event_date is not None and event_date.precision not in ("day", "unknown")):
        return "onset of a war"
    if root.pos_ in ("NOUN", "PROPN") and root.dep_ == "attr":
        return "predicate nominal"
    return None


def tells_history(sent: Span, dates: list[DateMention], published: date | None) -> bool:
    """A sentence with a "since", a cumulative word or a long or old date: its figures are
    running totals ("the toll has passed 500,000 since 2011"), not a new telling's."""
    words = _words()
    return any(token.lower_ in words.since for token in sent) or _has_phrase(sent.text.lower(), words.cumulative) \
        or any(_long_or_old(mention.span, published) for mention in dates)


def _by_a_former_holder(path: list[Token]) -> bool:
    """The clause's subject names its holder as "then-President X": the act is of a past
    government, history."""
    for token in path:
        for subject in (c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")):
            words = list(subject.subtree)
            if any(w.lower_ == "then" and w.i + 1 < len(w.doc) and w.nbor().text in ("-", "‑") for w in words):
                return True
    return False


def _after_memorial(token: Token, memorial: frozenset[str]) -> bool:
    """ "the seventh anniversary, on Friday, of the attack": an "of" that the parse hung
    elsewhere, a few words after a word of remembering."""
    if token.lower_ != "of":
        return False
    before = token.doc[max(token.sent.start, token.i - 8):token.i]
    return any(word.lemma_.lower() in memorial for word in before)


def running_total_clause(verb: Token) -> bool:
    """ "unrest that has claimed 75 lives since April": a present perfect measured from an
    earlier point counts a whole course, not one event's toll."""
    return verb.pos_ in ("VERB", "AUX") and _present_perfect(verb) and any(
        _since_child(child, _words().since) for child in verb.children)


def _waged_by_a_war(path: list[Token], conflict: frozenset[str]) -> bool:
    """"the war has killed hundreds of thousands": a perfect whose subject is the conflict
    itself counts its whole course."""
    return any(child.dep_ in ("nsubj", "nsubjpass", "agent") and (child.lemma_.lower() in conflict or any(
        g.dep_ == "pobj" and g.lemma_.lower() in conflict for g in child.children) or _the_war_before(child, conflict))
        for token in path for child in token.children)


def _the_war_before(subject: Token, conflict: frozenset[str]) -> bool:
    """ "The war broke out in April. It has killed more than 600 people": a sentence-opening
    "it" whose sentence before has the conflict as its subject."""
    if subject.lower_ != "it" or subject.i != subject.sent.start or subject.sent.start == 0:
        return False
    before = subject.doc[subject.sent.start - 1].sent
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.lemma_.lower() in conflict for t in before)


def _counted_over_a_war(path: list[Token], conflict: frozenset[str]) -> bool:
    """"have killed at least 751 people in their crackdown", "have died in the war": an undated
    perfect counted over a conflict's course."""
    verb = path[0]
    return any(token.dep_ == "prep" and token.lower_ in ("in", "during", "throughout") and any(
        g.dep_ == "pobj" and g.lemma_.lower() in conflict for g in token.children)
        and _clause_verb(token).i == verb.i for token in verb.subtree)


def _clause_verb(token: Token) -> Token:
    """The verb whose clause holds `token` ("by security forces in the crackdown": "killed")."""
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head


def _path(token: Token, sent: Span) -> list[Token]:
    """The token and its heads up to the sentence root."""
    path = [token]
    while token.head.i != token.i and len(path) < _CLIMB and sent.start <= token.head.i < sent.end:
        token = token.head
        path.append(token)
    return path


def _shares_auxiliary(conj: Token) -> bool:
    """A conjoined verb with no subject or auxiliary of its own ("have been injured or
    arrested"): one clause with the verb it joins."""
    return conj.dep_ == "conj" and not any(
        child.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for child in conj.children)


def _since_child(child: Token, since: frozenset[str]) -> bool:
    """"since 2017" or "since the army seized power" hanging on a clause of the path."""
    if child.lower_ in since and child.dep_ in ("prep", "mark"):
        return True
    return child.dep_ == "advcl" and any(g.lower_ in since and g.dep_ == "mark" for g in child.children)


def _present_perfect(token: Token, *, past: bool = False) -> bool:
    """"has killed", "have been killed", "has been battling" (and, with `past`, "had killed")."""
    auxiliaries = {child.lower_ for child in token.children if child.dep_ in ("aux", "auxpass")}
    perfect = _PRESENT_PERFECT | {"had", "'d"} if past else _PRESENT_PERFECT
    return bool(auxiliaries & perfect) and (token.tag_ == "VBN" or "been" in auxiliaries)


_PUNCTUATION = re.compile(r"[,.;:!?\"()\u201c\u201d]")


def _has_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    padded = f" {' '.join(_PUNCTUATION.sub(' ', text).split())} "  # "for three decades." ends a sentence
    return any(f" {phrase} " in padded for phrase in phrases)


def _longer_than_a_month(span: DateSpan) -> bool:
    if span.date is None or span.date.year == 1:
        return False
    end = span.enddate or span.date
    return span.precision == "year" or (end - span.date).days > 2 * LONG_SPAN_DAYS


def _long_or_old(span: DateSpan, published: date | None, *, long_spans: bool = True) -> bool:
    if span.date is None or published is None:
        return False
    end = span.enddate or span.date
    if long_spans and (end - span.date).days > LONG_SPAN_DAYS:
        return True
    return (published - end).days > OLD_DAYS  # a difference: no date arithmetic past year 1
