"""Whom a count covers beyond its number: one victim named without a number ("shot dead a
police officer", "the soldier who was killed"), singular victims conjoined with a counted
group ("four soldiers and a woman": five), and the strike a killing set off, which does not
take the killing's toll ("killed eight and prompted troops to strike back").
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..nlp.numbers import number_words

_SINGULAR_PRONOUNS = frozenset(["he", "she", "him", "her"])


def consequence_of(trigger: Span | None, governor: Token | None) -> bool:
    """The trigger is what the counting verb's clause set off ("killed eight ... and prompted
    Turkish forces to strike back"): an open complement (xcomp) below that verb's clause. Not a
    ccomp: the small model hangs "X ambushed a patrol; four soldiers died" as one."""
    if trigger is None or governor is None or governor.pos_ != "VERB":
        return False
    token = trigger.root
    embedded = False
    for _ in range(8):
        if token.i == governor.i:
            return embedded
        if token.dep_ == "xcomp":
            embedded = True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def conjoined_singles(sent: Span, counted: set[int]) -> int:
    """Singular nouns with "a"/"an" and no number of their own, conjoined with a counted noun:
    "four members of the security forces and a woman", "a soldier and three civilians"."""
    doc = sent.doc
    chain = set(counted) | {doc[i].head.i for i in counted if doc[i].dep_ == "conj"}
    ones = 0
    for token in sent:
        linked = token.dep_ == "conj" and token.head.i in chain or token.i in chain and token.i not in counted
        if linked and token.i not in counted and token.tag_ == "NN" and any(
                child.dep_ == "det" and child.lower_ in ("a", "an") for child in token.children) and not any(
                child.dep_ == "nummod" for child in token.children):
            ones += 1
    return ones


def fatal_end(verb: Token, ends: frozenset[str]) -> bool:
    """ "hacked the man to death", "were beaten to death", "cut to pieces" (casualties.tsv's
    `end` words): the act killed."""
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ in ends for g in c.children)
               for c in verb.children)


def single_victims(trigger: Span, verbs: dict[str, str], ends: frozenset[str]) -> int | None:
    """"shot dead a police officer", "the commander was killed", "a soldier who was killed": one
    dead a singular victim."""
    for token in trigger:
        dead_after = verbs.get(f"{token.lemma_} dead") == "dead" and any(c.lower_ == "dead" for c in token.children)
        is_death = verbs.get(token.lemma_) == "dead" or dead_after or fatal_end(token, ends)
        if token.pos_ != "VERB" or not is_death:
            continue
        victims = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if not victims and token.dep_ == "conj" and token.head.pos_ == "VERB":
            victims = [c for c in token.head.children if c.dep_ == "nsubjpass"]  # "was shot and killed"
        if len(victims) != 1:
            return None
        if victims[0].lower_ in ("who", "that") and token.dep_ == "relcl":
            victims = [token.head]  # "the soldier who was killed": the soldier
        if victims[0].lower_ in _SINGULAR_PRONOUNS:
            return 1  # "he was killed when soldiers opened fire"
        chain = [victims[0]] + [c for c in victims[0].subtree if c.dep_ == "conj" and c.head.pos_ in ("NOUN", "PROPN")]
        if all(noun.tag_ in ("NN", "NNP") and noun.lower_ not in number_words().words and not any(
                c.dep_ == "nummod" or c.lower_ in ("of", "no") for c in noun.children) for noun in chain):
            return len(chain)  # each a singular noun with no number: one person each
    return None
