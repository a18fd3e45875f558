"""ACLED coding rules on a coded record: the weapon, the victims and the crowd decide the type.

The trigger gives a first ACLED type (lexicon.yaml, or data/acled.yaml `by_cameo` for generated
triggers); these rules, with their words in data/acled.yaml, correct it the way ACLED's codebook
does: shelling, air strikes and IEDs are Explosions/Remote violence whatever the verb; an armed
attack on civilians is Violence against civilians; a protest with stones and arson is a riot and
a mob that lynches is mob violence; a detention by gunmen is an abduction, not an arrest; a
strategic development that kills is violence. Example: "Gunmen attacked fishermen" ->
Violence against civilians / Attack.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Span, Token

from ..errors import DataFileError
from ..models import Entity, Event
from .mention import EventMention

CLAUSE_CUTS = frozenset(["conj", "advcl", "ccomp", "relcl", "parataxis", "xcomp"])
VIOLENT_TYPES = frozenset(["Battles", "Explosions/Remote violence", "Violence against civilians"])
WORD_LISTS = ("civilian_sectors", "civilian_words", "armed_words", "riot_words", "mob_words", "protester_words",
              "non_state_sectors", "battle_words", "armed_sectors", "crowd_sectors", "state_sectors", "looting_words",
              "property_words", "non_state_words", "strategic_types_kept_when_violent", "secondary_adverbs",
              "remote_modes")


@dataclass(frozen=True)
class AcledRules:
    """The word lists and tables of data/acled.yaml."""

    by_cameo: dict[str, tuple[str, str]]
    remote_weapons: dict[str, frozenset[str]]
    words: dict[str, frozenset[str]]
    secondary_factor: float

    def has(self, name: str, words: _Words) -> bool:
        """Whether any word of the list `name` is among `words`."""
        return words.has_any(self.words[name])


class _Words:
    """The lower-cased words and lemmas of some spans, for single- and multi-word lookups."""

    def __init__(self, tokens: list[Token]) -> None:
        self.single = {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}
        self.text = " " + " ".join(t.lower_ for t in sorted(tokens, key=lambda t: t.i)) + " "

    def has_any(self, wanted: frozenset[str]) -> bool:
        return any((word in self.single) if " " not in word else (f" {word} " in self.text) for word in wanted)


@lru_cache(maxsize=4)
def load_acled_rules(folder: Path) -> AcledRules:
    """The rules of `folder`/acled.yaml; an empty rule set where a test folder has none."""
    path = folder / "acled.yaml"
    if not path.is_file():
        return AcledRules({}, {}, {name: frozenset() for name in WORD_LISTS}, 1.0)
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataFileError(f"{path}: not valid YAML ({exc})") from exc
    try:
        by_cameo = {str(code): (pair[0], pair[1]) for code, pair in raw["by_cameo"].items()}
        weapons = {sub: frozenset(str(w).lower() for w in words) for sub, words in raw["remote_weapons"].items()}
        words = {name: frozenset(str(w).lower() if not name.endswith("sectors") else str(w) for w in raw[name])
                 for name in WORD_LISTS}
        factor = float(raw["secondary_factor"])
    except (KeyError, TypeError, IndexError, ValueError) as exc:
        raise DataFileError(f"{path}: missing or malformed entry ({exc}); see the comments in the file.") from exc
    return AcledRules(by_cameo, weapons, words, factor)


def clause_tokens(trigger: Span) -> list[Token]:
    """The trigger's own clause: its subtree without the clauses that hang on it."""
    root = trigger.root
    found: list[Token] = list(trigger)
    stack = [child for child in root.children if child.dep_ not in CLAUSE_CUTS]
    while stack:
        token = stack.pop()
        found.append(token)
        stack.extend(child for child in token.children if child.dep_ not in CLAUSE_CUTS)
    return found


def is_secondary(trigger: Span, rules: AcledRules) -> bool:
    """Whether the trigger's clause is a secondary one: "the army also shelled", or a
    subordinate clause ("after Russian troops pulled out") of another verb."""
    root = trigger.root
    if any(child.lower_ in rules.words["secondary_adverbs"] and child.dep_ == "advmod" for child in root.children):
        return True
    return root.dep_ == "advcl" and any(child.dep_ == "mark" for child in root.children)


def stands_alone(mention: EventMention, event: Event, rules: AcledRules, casualty_words: frozenset[str]) -> bool:
    """Whether a record with no named sides is still an event: an event noun told as a
    happening ("Clashes in Idlib"), a violent act that killed or wounded ("122 were killed"),
    a weapon's work ("a bomb exploded"), or a violent act in a sentence that tells casualties."""
    if mention.nominal:
        return True
    if not event.acled_event_type:
        return False
    casualty = {t.lemma_.lower() for t in mention.sent} & casualty_words
    return bool(event.dead or event.injured or event.mode in rules.words["remote_modes"] or casualty)


def _sectors(entities: tuple[Entity, ...]) -> set[str]:
    """The sectors of some entities, the PLOVER manual's finer codes ("UAF") among them."""
    return {sector for entity in entities for sector in (entity.sector, entity.plover_sector) if sector}


def _victims_civilian(event: Event, recipient: list[Token], rules: AcledRules) -> bool:
    words = _Words(recipient)
    if not recipient or rules.has("armed_words", words) or _sectors(event.recipient) & rules.words["armed_sectors"]:
        return False
    return bool(_sectors(event.recipient) & rules.words["civilian_sectors"]) or rules.has("civilian_words", words)


def _crowd(event: Event, actor: _Words, rules: AcledRules) -> bool:
    """Whether the doers are a crowd, not an armed group ("protesters", "opposition supporters")."""
    if rules.has("armed_words", actor) or _sectors(event.actor) & rules.words["armed_sectors"]:
        return False
    return rules.has("protester_words", actor) or bool(_sectors(event.actor) & rules.words["crowd_sectors"])


def _violence_type(event: Event, clause: _Words, actor: _Words, recipient: list[Token],
                   rules: AcledRules) -> tuple[str | None, str | None] | None:
    """The ACLED type of an act of violence told by who did it, to whom, and with what."""
    weapon = _weapon(clause, rules)
    sub_type = event.acled_sub_event_type
    on_protesters = rules.has("protester_words", clause) or "PRO" in _sectors(event.recipient)
    if rules.has("mob_words", actor):
        return "Riots", "Mob violence"
    if _crowd(event, actor, rules) and weapon is None:
        return ("Riots", "Mob violence") if _victims_civilian(event, recipient, rules) and \
            not rules.has("protester_words", actor) else ("Riots", "Violent demonstration")
    if on_protesters and (not event.actor or _sectors(event.actor) & rules.words["state_sectors"]):
        return "Protests", "Excessive force against protesters"
    if rules.has("looting_words", clause) and rules.has("property_words", clause) and not (event.dead or event.injured):
        return "Strategic developments", "Looting/property destruction"
    if weapon is not None and sub_type in ("Armed clash", "Attack", None):
        return "Explosions/Remote violence", weapon
    if sub_type in ("Armed clash", None) and not rules.has("battle_words", clause) and \
            _victims_civilian(event, recipient, rules):
        return "Violence against civilians", "Attack"
    return None


def _weapon(clause: _Words, rules: AcledRules) -> str | None:
    for sub_type in ("Suicide bomb", "Air/drone strike", "Shelling/artillery/missile attack", "Grenade",
                     "Remote explosive/landmine/IED"):
        if clause.has_any(rules.remote_weapons.get(sub_type, frozenset())):
            return sub_type
    return None


def apply_acled_rules(event: Event, mention: EventMention, rules: AcledRules) -> Event:
    """The record with its ACLED type (and, for abductions, its coding) corrected by the rules."""
    trigger = mention.trigger
    actor = [token for span in mention.actor for token in span]
    recipient = [token for span in mention.recipient for token in span]
    event_type, sub_type = event.acled_event_type, event.acled_sub_event_type
    clause = _Words(clause_tokens(trigger))
    actor_words = _Words(actor)
    changes: dict[str, Any] = {}
    if event.event == "PROTEST":
        if rules.has("mob_words", actor_words) and event.mode != "demo":
            event_type, sub_type = "Riots", "Mob violence"
        elif event.mode == "riot" and not _crowd(event, actor_words, rules) and actor and \
                rules.has("looting_words", clause):
            event_type, sub_type = "Strategic developments", "Looting/property destruction"  # militiamen looted
            changes.update(event="ASSAULT", mode="destroy", cameo="180")  # no crowd's riot: an armed side's destruction
        elif rules.has("riot_words", clause) or event.dead or event.injured:
            event_type, sub_type = "Riots", "Violent demonstration"
    elif event.event == "COERCE" and sub_type == "Arrests" and (
            _sectors(event.actor) & rules.words["non_state_sectors"] or rules.has("non_state_words", actor_words)):
        event_type, sub_type = "Violence against civilians", "Abduction/forced disappearance"
        changes.update(event="ASSAULT", mode="abduct", cameo="181")
    elif event_type == "Strategic developments" and (event.dead or event.injured) and \
            sub_type not in rules.words["strategic_types_kept_when_violent"]:
        event_type, sub_type = "Battles", "Armed clash"
    if event.event == "ASSAULT" and event_type in VIOLENT_TYPES | {None}:
        event_type, sub_type = _violence_type(event, clause, actor_words, recipient, rules) or (
            (event_type, sub_type) if event_type else ("Battles", "Armed clash"))
    if event.event == "ASSAULT" and event.mode == "destroy" and _crowd(event, actor_words, rules) \
            and not rules.has("mob_words", actor_words):
        event_type, sub_type = "Riots", "Violent demonstration"  # "protesters set fire to tyres": a riot
        changes.update(event="PROTEST", mode="riot", cameo="145")
    if (event_type, sub_type) != (event.acled_event_type, event.acled_sub_event_type):
        changes.update(acled_event_type=event_type, acled_sub_event_type=sub_type)
    if is_secondary(trigger, rules):
        changes["confidence"] = round(event.confidence * rules.secondary_factor, 3)
    return event.with_(**changes) if changes else event
