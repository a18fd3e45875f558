"""What a place name is in its sentence: where something happened ("place"), or a border, a
destination, an origin or a speaker's seat, which never place an event (geo/placement.py)."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .datafiles import GeoLexicon
from .toponyms import NameSpan


def place_role(doc: Doc, span: NameSpan, lexicon: GeoLexicon) -> str:
    """"border" for "Turkey's border", "destination" for "towards Turkey" or "to hospitals in
    X", "origin" for "his return from X", "seat" for "officials in X said", else "place"."""
    after = [t.lower_ for t in doc[span.end:span.end + 3]]
    if after[:1] in (["'s"], ["’s"]) and after[1:2] and after[1] in lexicon.border_words:
        return "border"
    if after[:1] and after[0] in lexicon.border_words:
        return "border"
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in lexicon.destinations:
        return "destination"
    root = doc[span.start:span.end].root
    goal = doc[span.start - 2] if span.start > 1 and before in ("in", "at") else None
    if goal is not None and goal.dep_ == "pobj" and goal.head.lower_ in lexicon.destinations \
            and goal.head.head.lemma_.lower() in lexicon.journey_words:
        return "destination"  # "the wounded were brought to hospitals in Quetta"
    if root.dep_ == "pobj" and root.head.lower_ == "from" and root.head.head.lemma_.lower() in lexicon.journey_words:
        return "origin"  # "arrested on his return from London", "their flight from Abu Dhabi"
    if root.dep_ == "pobj" and root.head.lower_ == "from" and _of_people(root.head.head, lexicon):
        return "origin"  # "the passengers were from Punjab", "who hail from X"
    hyphened = after[1] if after[:1] == ["-"] and len(after) > 1 else after[0][1:] if after and after[0][:1] == "-" else ""
    if _speakers_seat(root, lexicon) or hyphened in lexicon.seat_suffixes:
        return "seat"  # "the government in Port Sudan said", "the Oslo-based group": where a speaker sits
    return "place"


def _of_people(holder: Token, lexicon: GeoLexicon) -> bool:
    """Whether a "from X" tells where people come from: on "be" or a residence verb ("they
    were from X", "who hail from X"). ("Troops from X" is left a place: tried, it moved more
    events wrong than right.)"""
    return holder.lemma_.lower() == "be" or holder.lemma_.lower() in lexicon.residence_verbs


def _speakers_seat(root: Token, lexicon: GeoLexicon) -> bool:
    """The name hangs on the subject of a verb of saying ("officials in Kabul said", "the
    government in Port Sudan put the toll higher, saying ...")."""
    prep = root.head if root.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in ("in", "at"):
        return False
    if prep.head.tag_ == "VBG" and prep.head.lemma_.lower() in lexicon.speaking_verbs:
        return True  # "the minister, speaking to reporters in Moscow, said ..."
    if prep.head.dep_ != "nsubj" or prep.head.pos_ != "NOUN":
        return False
    verb = prep.head.head
    return verb.lemma_.lower() in lexicon.speech_verbs or any(
        child.dep_ in ("advcl", "conj", "xcomp") and child.lemma_.lower() in lexicon.speech_verbs
        for child in verb.children)
