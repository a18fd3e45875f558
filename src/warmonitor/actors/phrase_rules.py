"""Syntactic rules on an argument phrase that decide whether it names an actor at all, and whose.

- Weapons and acts ("air strikes", "warplanes", "shelling") name no actor unless the phrase says
  whose they are ("Russian jets", "regime warplanes"): an unattributed air strike has no attacker.
- Outlets ("Reuters", "state media", "the newspaper") are sources, not actors.
- An organisation in an of/from phrase owns a generic head ("monitors from the OSCE",
  "fighters of the Islamic State").
- An appositive says what a person is ("Jan Egeland, the UN relief coordinator" -> IGO).
- A people "of" a country belongs to it ("the Kurds of Iraq" -> IRQ/CVL).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .dictionary import ActorDictionary, normalize
from .matching import NameMatch, path_to

#: Kinds of named entry that can own a phrase through "of"/"from".
OWNER_KINDS: frozenset[str] = frozenset({"igo", "group", "seat"})
OWNER_PREPOSITIONS: frozenset[str] = frozenset({"of", "from"})
#: Left-modifier dependencies that can say whose a weapon is.
OWNER_DEPS: frozenset[str] = frozenset({"amod", "compound", "nmod", "poss", "nn"})


def head_words(part: Span, head: Token) -> set[str]:
    """The keys a head is looked up by: its text, its lemma, and the two-word phrase ending at it."""
    words = {normalize(head.text), normalize(head.lemma_)}
    if head.i - 1 >= part.start:
        before = part.doc[head.i - 1]
        words |= {normalize(f"{before.text} {head.text}"), normalize(f"{before.text} {head.lemma_}")}
    return words


def is_instrument(part: Span, head: Token, dictionary: ActorDictionary) -> bool:
    """True when the head is a weapon or an act ("air strikes", "drones", "shelling")."""
    return bool(head_words(part, head) & dictionary.instrument_heads)


def is_outlet(part: Span, head: Token, dictionary: ActorDictionary) -> bool:
    """True when the head is a news outlet ("state media", "the newspaper", "television")."""
    return bool(head_words(part, head) & dictionary.outlet_heads)


def owner_modifier(part: Span, head: Token, dictionary: ActorDictionary) -> bool:
    """True when a modifier of the head is a sector word ("regime warplanes", "army artillery")."""
    for child in head.lefts:
        if child.i < part.start or child.dep_ not in OWNER_DEPS:
            continue
        key = normalize(child.text)
        if key in dictionary.sector_nouns or key in dictionary.sector_modifiers or \
                normalize(child.lemma_) in dictionary.sector_nouns:
            return True
    return False


def owner_by_preposition(matches: list[NameMatch], head: Token) -> NameMatch | None:
    """An organisation tied to the head by of/from only ("observers from the OSCE")."""
    for match in matches:
        if match.is_country or match.entry.kind not in OWNER_KINDS:
            continue
        path = path_to(match.root, head) or []
        preps = [t for t in path if t.dep_ in ("prep", "agent")]
        if preps and all(t.lower_ in OWNER_PREPOSITIONS for t in preps):
            return match
    return None


def appositive(head: Token) -> Span | None:
    """The appositive of the head, inside the argument span or beyond it ("X, the UN envoy,")."""
    for child in head.children:
        if child.dep_ == "appos":
            return head.doc[child.left_edge.i: child.right_edge.i + 1]
    return None


def people_of(matches: list[NameMatch], head: Token, on_head: NameMatch | None) -> NameMatch | None:
    """The country of "the Kurds of Iraq", "Albanians of Serbia": a plural people word (demonym or
    NORP name) with an of-phrase country."""
    if head.tag_ not in ("NNS", "NNPS") and head.ent_type_ != "NORP":
        return None
    if on_head is not None and on_head.entry.kind != "adjective":
        return None
    if on_head is None and head.ent_type_ != "NORP":
        return None
    for match in matches:
        if match.is_country and match.entry.code and match is not on_head:
            path = path_to(match.root, head) or []
            if [t.lower_ for t in path if t.dep_ == "prep"] == ["of"]:
                return match
    return None
