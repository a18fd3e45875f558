"""The generated, broad half of the trigger lexicon: CAMEO verb patterns mapped to PLOVER.

data/cameo_lexicon.json is written by scripts/convert_petrarch.py from the PETRARCH2 CAMEO
dictionary and the CAMEO->PLOVER table (licences in data/CAMEO_LEXICON_NOTICE.txt). It adds the
verbs, verb phrases and light-verb event nouns that the hand-written lexicon.yaml lacks; the
hand-written lexicon wins: a verb or noun it already codes (in any phrase) takes nothing
from here. Generated triggers start less confident than hand-written ones.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import DataFileError
from .senses import Sense, Trigger

GENERATED_FILE = "cameo_lexicon.json"
VERB_CONFIDENCE = 0.55
NOUN_CONFIDENCE = 0.45
#: ACLED types of a CAMEO code by its longest listed prefix (data/acled.yaml `by_cameo`).
AcledByCameo = dict[str, tuple[str, str]]


def acled_of(cameo: str, by_cameo: AcledByCameo) -> tuple[str | None, str | None]:
    """The ACLED event and sub-event type of a CAMEO code, or (None, None)."""
    for length in range(len(cameo), 1, -1):
        if cameo[:length] in by_cameo:
            return by_cameo[cameo[:length]]
    return None, None


def _sense(value: Any, by_cameo: AcledByCameo, confidence: float, where: str) -> Sense:
    if not (isinstance(value, list) and len(value) == 4 and isinstance(value[0], str)):
        raise DataFileError(f"{where}: expected [cameo, category, mode, context]; rerun scripts/convert_petrarch.py.")
    cameo, category, mode, context = value
    event_type, sub_type = acled_of(cameo, by_cameo)
    return Sense(category=category, mode=mode, cameo=cameo, acled_event_type=event_type,
                 acled_sub_event_type=sub_type, context=tuple(context), object_rule=None,
                 confidence=confidence, line=0, generated=True)


def add_generated(folder: Path, verbs: dict[str, list[Trigger]], nouns: dict[str, list[Trigger]],
                  by_cameo: AcledByCameo, structural_words: set[str]) -> None:
    """Add the generated triggers of `folder` (if it has the file) behind the hand-written ones.

    Words the event stage reads for structure (light, reporting, intention, fear verbs of
    cues.yaml: "came under", "managed to", "risking") never become generated triggers.
    """
    path = folder / GENERATED_FILE
    if not path.is_file():
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise DataFileError(f"{path}: not valid JSON ({exc}); rerun scripts/convert_petrarch.py.") from exc
    curated_heads = set(verbs) | structural_words
    curated_nouns = set(nouns)
    senses: dict[tuple[Any, ...], Sense] = {}
    for phrase, value in data.get("verbs", {}).items():
        words = phrase.split()
        head, extra = words[0], tuple(words[1:])
        if head in curated_heads:  # a verb the analyst codes is coded by lexicon.yaml alone
            continue
        key = ("v", *value[:3])
        sense = senses.get(key) or senses.setdefault(key, _sense(value, by_cameo, VERB_CONFIDENCE, str(path)))
        verbs.setdefault(head, []).append(Trigger(head, extra, sense))
    for phrase, value in data.get("nouns", {}).items():
        words = phrase.replace("-", " - ").split()
        head, extra = words[-1], tuple(words[:-1])
        if head in curated_nouns:
            continue
        key = ("n", *value[:3])
        sense = senses.get(key) or senses.setdefault(key, _sense(value, by_cameo, NOUN_CONFIDENCE, str(path)))
        nouns.setdefault(head, []).append(Trigger(head, extra, sense))
