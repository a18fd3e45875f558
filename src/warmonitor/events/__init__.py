"""Event detection and coding: triggers -> PLOVER/CAMEO/ACLED codes, argument spans, modality.

    from warmonitor.events import EventLexicon, find_event_mentions
    mentions = find_event_mentions(nlp(text))          # list[EventMention]
    doc = EventTagger()(nlp(text)); doc._.event_mentions
"""
from __future__ import annotations

from spacy.tokens import Doc

from .lexicon import EventLexicon
from .mention import MODALITIES, EventMention
from .tagger import find_event_mentions

__all__ = ["EventLexicon", "EventMention", "EventTagger", "MODALITIES", "find_event_mentions"]


class EventTagger:
    """A spaCy-style component: `EventTagger(lexicon)(doc)` stores the mentions in `doc._.event_mentions`."""

    def __init__(self, lexicon: EventLexicon | None = None) -> None:
        self.lexicon = lexicon or EventLexicon.load()
        if not Doc.has_extension("event_mentions"):
            Doc.set_extension("event_mentions", default=None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.event_mentions = find_event_mentions(doc, self.lexicon)
        return doc
