"""An act told again by a pro-verb: "Police fired tear gas at the convoy. They did the same
against demonstrators in Mombasa and Kisumu." The second sentence names no act of its own;
it repeats the last asserted one, with its own recipients, place and time.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from .arguments import objects_of, phrases
from .lexicon import EventLexicon
from .mention import EventMention


def repeated_mention(sent: Span, earlier: list[EventMention], lexicon: EventLexicon) -> EventMention | None:
    """The act a sentence's "did the same" (or "followed suit") repeats, as a mention of this
    sentence; None where the sentence has no such verb or nothing was told before it."""
    verb = next((token for token in sent if _repeats(token, lexicon)), None)
    told = [m for m in earlier if m.modality == "asserted" and m.sent.start < sent.start]
    if verb is None or not told:
        return None
    last = told[-1]
    subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
    actor = last.actor if subject is None or subject.pos_ == "PRON" else phrases([subject])
    targets = [t for t in objects_of(verb, lexicon.cue("recipient_preps"), set(), partner=False)
               if t.dep_ == "pobj"]
    return replace(last, trigger=sent.doc[verb.i: verb.i + 1], sent=sent, actor=actor,
                   recipient=phrases(targets) if targets else last.recipient,
                   note="repeats the act told before", reported=False)


def _repeats(token: Token, lexicon: EventLexicon) -> bool:
    """ "did the same", "followed suit" (cues.yaml `repeat_phrases`)."""
    for phrase in lexicon.cue("repeat_phrases"):
        verb, _, word = phrase.partition(" ")
        if token.lemma_.lower() == verb and any(child.lower_ == word for child in token.children):
            return True
    return False
