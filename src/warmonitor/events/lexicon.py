"""The event trigger lexicon and cue lists (events/data/*.yaml), validated on load and cached.

An analyst adds a verb by putting its lemma in the `verbs` list of a sense in lexicon.yaml;
no Python changes. The broad CAMEO-derived triggers of cameo_lexicon.json (cameo.py) are
added behind the hand-written ones, which win. Lookups are dict hits on a token's lemma
(verbs) or lower-cased text (nouns).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError
from .senses import Sense, Trigger

DATA_DIR = Path(__file__).parent / "data"
CATEGORIES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
    "PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)
ACLED_TYPES = frozenset(
    ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
     "Strategic developments"]
)
SENSE_KEYS = frozenset(
    ["category", "mode", "cameo", "acled", "context", "verbs", "nouns", "object", "confidence", "__line__"]
)


@dataclass
class EventLexicon:
    """Verb and noun triggers by head word, plus the cue lists of cues.yaml."""

    verbs: dict[str, list[Trigger]] = field(default_factory=dict)
    nouns: dict[str, list[Trigger]] = field(default_factory=dict)
    cues: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path | None = None) -> EventLexicon:
        """The lexicon of `data_dir` (default: the bundled data), loaded once per folder."""
        return _load_cached(str(data_dir or DATA_DIR))

    def cue(self, name: str) -> Any:
        """The cue list or map called `name` in cues.yaml."""
        return self.cues[name]


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that notes each mapping's line as `__line__`."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except FileNotFoundError as exc:
        raise DataFileError(f"{path}: file is missing; restore it from the repository.") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise DataFileError(f"{path}{where}: not valid YAML ({exc}).") from exc


def _fail(path: Path, line: int, message: str) -> DataFileError:
    return DataFileError(f"{path} line {line}: {message}")


#: what a sense asks of its verb's object: any ("required"), none, not a "to/by" phrase, a
#: person ("captured four insurgents": an arrest) or no person ("captured the town"), or someone
#: addressed, no happening ("called his counterpart", not "called the strike")
OBJECT_RULES = (None, "required", "absent", "unaddressed", "person", "place", "addressee")


def _parse_sense(raw: Any, path: Path) -> tuple[Sense, list[str], list[str]]:
    if not isinstance(raw, dict):
        raise DataFileError(f"{path}: each entry of `senses` must be a mapping.")
    line = raw.get("__line__", 0)
    unknown = set(raw) - SENSE_KEYS
    if unknown:
        raise _fail(path, line, f"unknown keys {sorted(unknown)}; allowed: {sorted(SENSE_KEYS - {'__line__'})}.")
    category = raw.get("category")
    if category not in CATEGORIES:
        raise _fail(path, line, f"category {category!r} is not a PLOVER category ({sorted(CATEGORIES)}).")
    cameo = raw.get("cameo")
    if not isinstance(cameo, str) or not cameo.isdigit():
        raise _fail(path, line, f"cameo must be a quoted digit string like \"190\", not {cameo!r}.")
    acled = raw.get("acled")
    if acled is not None and (not isinstance(acled, list) or len(acled) != 2 or acled[0] not in ACLED_TYPES):
        raise _fail(path, line, f"acled must be null or [event_type, sub_event_type] with event_type in {sorted(ACLED_TYPES)}.")
    object_rule = raw.get("object")
    if object_rule not in OBJECT_RULES:
        raise _fail(path, line, f"object must be one of {', '.join(r for r in OBJECT_RULES if r)} or null, "
                                f"not {object_rule!r}.")
    words: dict[str, list[str]] = {}
    for key in ("verbs", "nouns", "context"):
        value = raw.get(key) or []
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            raise _fail(path, line, f"{key} must be a list of non-empty strings.")
        words[key] = value
    confidence = raw.get("confidence")
    if confidence is not None and not (isinstance(confidence, (int, float)) and 0 < confidence <= 1):
        raise _fail(path, line, f"confidence must be a number in (0, 1], not {confidence!r}.")
    sense = Sense(
        category=category, mode=raw.get("mode"), cameo=cameo,
        acled_event_type=acled[0] if acled else None, acled_sub_event_type=acled[1] if acled else None,
        context=tuple(words["context"]), object_rule=object_rule,
        confidence=float(confidence) if confidence else 0.0, line=line,
    )
    return sense, words["verbs"], words["nouns"]


#: cue lists whose words the stage reads for structure: never generated triggers (cameo.py)
STRUCTURAL_CUES = ("light_verbs_do", "light_verbs_undergo", "reporting_verbs", "intention_verbs", "fear_verbs",
                   "raising_verbs", "naming_verbs", "stative_verbs", "witness_verbs", "nominal_predicates")


def _noun_words(phrase: str) -> list[str]:
    return phrase.lower().replace("-", " - ").split()


@lru_cache(maxsize=4)
def _load_cached(data_dir: str) -> EventLexicon:
    folder = Path(data_dir)
    lexicon_path = folder / "lexicon.yaml"
    raw = _read_yaml(lexicon_path)
    if not isinstance(raw, dict) or not isinstance(raw.get("senses"), list):
        raise DataFileError(f"{lexicon_path} line 1: expected a top-level `senses:` list.")
    lexicon = EventLexicon()
    for raw_sense in raw["senses"]:
        sense, verbs, nouns = _parse_sense(raw_sense, lexicon_path)
        for phrase in verbs:
            words = phrase.lower().split()
            verb_sense = sense if sense.confidence else _with_confidence(sense, 0.8)
            lexicon.verbs.setdefault(words[0], []).append(Trigger(words[0], tuple(words[1:]), verb_sense))
        for phrase in nouns:
            words = _noun_words(phrase)
            noun_sense = sense if sense.confidence else _with_confidence(sense, 0.6)
            lexicon.nouns.setdefault(words[-1], []).append(Trigger(words[-1], tuple(words[:-1]), noun_sense))
    cues_path = folder / "cues.yaml"
    cues = _read_yaml(cues_path)
    if not isinstance(cues, dict):
        raise DataFileError(f"{cues_path} line 1: expected a mapping of cue names to lists.")
    cues.pop("__line__", None)
    for name, value in cues.items():
        if isinstance(value, dict):
            value.pop("__line__", None)
            items = list(value) + list(value.values())
        elif isinstance(value, list):
            items = value
        else:
            raise DataFileError(f"{cues_path}: cue {name!r} must be a list or a mapping.")
        if not all(isinstance(item, str) for item in items):
            # YAML reads bare on/off/yes/no as booleans: quote them.
            raise DataFileError(f"{cues_path}: cue {name!r} holds a non-string (quote words like \"on\", \"no\").")
    lexicon.cues = {name: (set(value) if isinstance(value, list) else value) for name, value in cues.items()}
    from .acled_rules import load_acled_rules  # noqa: PLC0415 - both import this module's types
    from .cameo import add_generated  # noqa: PLC0415

    structural = {word for name in STRUCTURAL_CUES for word in lexicon.cues.get(name) or ()}
    add_generated(folder, lexicon.verbs, lexicon.nouns, load_acled_rules(folder).by_cameo, structural)
    for table in (lexicon.verbs, lexicon.nouns):
        for head, triggers in table.items():
            # Longer phrases first (more specific); the file's order breaks ties, and
            # hand-written phrases come before generated ones (cameo.py).
            table[head] = sorted(triggers, key=lambda trigger: -len(trigger.extra))
    return lexicon


def _with_confidence(sense: Sense, confidence: float) -> Sense:
    return Sense(**{**sense.__dict__, "confidence": confidence})
