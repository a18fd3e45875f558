"""What a lexicon entry codes: a `Sense` (category, mode, CAMEO, ACLED types, context) and
the `Trigger` phrase that carries it. Read by the lexicon and by the generated CAMEO entries."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sense:
    """One coding of a trigger: category, mode, CAMEO, ACLED types, context, base confidence."""

    category: str
    mode: str | None
    cameo: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    context: tuple[str, ...]
    object_rule: str | None
    confidence: float
    line: int
    #: from cameo_lexicon.json (cameo.py), not hand-written
    generated: bool = False


@dataclass(frozen=True)
class Trigger:
    """A lexicon phrase: `head` is looked up; `extra` words must hang on it (verbs) or precede it (nouns)."""

    head: str
    extra: tuple[str, ...]
    sense: Sense
