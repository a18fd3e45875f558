"""Which clause a count belongs to: a verb conjoined to the counted noun's ("were shot and
killed"), a verb with a doer of its own ("opened fire and were shot dead by soldiers"), a
trigger noun's own relative clause ("a gunbattle in which two rebels died")."""
from __future__ import annotations

from spacy.tokens import Span, Token


def is_trigger(token: Token, trigger: Span | None) -> bool:
    """The token is the trigger, or the noun its one-word trigger modifies ("bomb blasts")."""
    if trigger is None:
        return False
    return trigger.start <= token.i < trigger.end or (
        len(trigger) == 1 and trigger.root.dep_ == "compound" and trigger.root.head.i == token.i)


def conjoined_field(conj: Token, verbs: dict[str, str], *, passive: bool) -> str | None:
    """What a verb conjoined to the counted noun's verb counts of that noun, when it has no
    subject of its own: "were shot and killed"; "opened fire and were shot dead" (a passive
    after an active verb: its subject underwent it)."""
    if conj.dep_ != "conj" or conj.pos_ != "VERB" or any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
        return None
    if passive and not any(c.dep_ == "auxpass" for c in conj.children):
        return None
    dead_form = any(c.lower_ == "dead" for c in conj.children) and verbs.get(f"{conj.lemma_} dead")
    field_name = verbs.get(conj.lemma_) or dead_form or None
    return field_name if field_name in ("dead", "injured") else None


def other_doer(governor: Token | None, trigger: Span | None, counted: Token) -> bool:
    """The count's verb names a doer of its own, another than the trigger verb's ("four
    soldiers died": the subject of a verb like "die" is the counted, no doer)."""
    if governor is None or trigger is None or governor.pos_ != "VERB":
        return False
    agents = [g for c in governor.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    theirs = next(iter(agents), None) or next(
        (c for c in governor.children if c.dep_ == "nsubj" and c.i != counted.i), None)
    if trigger.root.pos_ in ("NOUN", "PROPN"):  # "the raid came after troops said they had killed 34"
        mine: Token | None = trigger.root
    elif trigger.root.pos_ == "VERB":
        verb = trigger.root
        mine = next((c for c in verb.children if c.dep_ in ("nsubj", "agent")), None)
        for _ in range(3):  # "went on a rampage, setting houses on fire": the participle's doer is the clause's
            if mine is not None or verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head.pos_ not in ("VERB", "AUX"):
                break
            verb = verb.head
            mine = next((c for c in verb.children if c.dep_ in ("nsubj", "agent")), None)
    else:
        return False
    return theirs is not None and mine is not None and theirs.lower_ not in ("who", "which", "that") \
        and theirs.i != mine.i and not is_trigger(theirs, trigger)


def in_relative_clause_of(token: Token, trigger: Span | None) -> bool:
    """ "a gunbattle in which two rebels died": the count's verb is a relative clause of the
    trigger noun."""
    return trigger is not None and token.dep_ == "relcl" and is_trigger(token.head, trigger)
