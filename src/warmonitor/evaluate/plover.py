"""Scoring against PLOVER gold-standard sentences (the `plover` format).

Gold: JSON Lines, one sentence a line: {id, text, published, event, actor: [entity],
recipient: [entity]}. Predictions: event records carrying the sentence id as `article.id`.
The event / top / dyad / no-event figures are those of ../shared/bench/plover_gsr/score.py;
added here: per-class precision/recall/F1 and the confusion matrix of the most confident
prediction, and actor/recipient code and sector accuracy.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import PLOVER_CATEGORIES
from .readers import Record, codes, entities, read_jsonl, records_by_article, require
from .result import NONE_LABEL, Confusion, EvalResult, WorstError, macro_f1, per_class_prf, ratio, worst_of

#: Categories of PLOVER 0.5 (older gold) folded into the current manual's (spec/event-record.md).
OLD_CATEGORIES = {"FIGHT": "ASSAULT", "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}


@dataclass(frozen=True)
class PloverGold:
    """One gold sentence: its id, text, publication date, category and entities."""

    id: str
    text: str
    published: date | None
    event: str
    actor: tuple[Record, ...]
    recipient: tuple[Record, ...]


def load_plover_gold(path: Path) -> list[PloverGold]:
    """Gold sentences from a JSON Lines file; InputError naming the row of a malformed one."""
    rows = []
    for where, row in read_jsonl(path):
        sentence_id = require(where, row, "id", (str, int))
        text = require(where, row, "text", str)
        category = require(where, row, "event", str).upper()
        category = OLD_CATEGORIES.get(category, category)
        if category not in PLOVER_CATEGORIES:
            raise InputError(f"{where}: {row['event']!r} is not a PLOVER category "
                             f"(one of {', '.join(PLOVER_CATEGORIES)})")
        published = _date(where, row.get("published"))
        roles = {}
        for role in ("actor", "recipient"):
            value = row.get(role) or []
            value = [value] if isinstance(value, dict) else value
            if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
                raise InputError(f"{where}: field {role!r} must be a list of entity objects")
            roles[role] = tuple(value)
        rows.append(PloverGold(str(sentence_id), text, published, category, roles["actor"], roles["recipient"]))
    if not rows:
        raise InputError(f"{path}: no gold sentences")
    return rows


def _date(where: str, value: Any) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise InputError(f"{where}: published {value!r} is not a date like 2020-02-06") from exc


def _dyad_ok(gold: PloverGold, record: Record) -> bool:
    """The shared scorer's dyad test: gold codes among the record's; ASSAULT either way round."""
    gold_actor, gold_recipient = codes(list(gold.actor)), codes(list(gold.recipient))
    pred_actor, pred_recipient = codes(entities(record, "actor")), codes(entities(record, "recipient"))
    straight = (not gold_actor or pred_actor & gold_actor) and (not gold_recipient or pred_recipient & gold_recipient)
    either = pred_actor | pred_recipient
    crossed = gold.event == "ASSAULT" and (not gold_actor or either & gold_actor) and \
        (not gold_recipient or either & gold_recipient)
    return bool(straight or crossed)


def _role_hits(gold_entities: Sequence[Record], pred_entities: list[Record], key: str) -> bool | None:
    """None when the gold has no `key` values for the role; else whether the prediction shares one."""
    wanted = {e.get(key) for e in gold_entities if e.get(key)}
    if not wanted:
        return None
    return bool(wanted & {e.get(key) for e in pred_entities if e.get(key)})


def score_plover(gold: Sequence[PloverGold], records: list[dict[str, Any]], *, gold_file: str = "") -> EvalResult:
    """Score event records against gold sentences (see the module docstring for the figures)."""
    by_article = records_by_article(records)
    hit = top = dyad = none = 0
    pairs: list[tuple[str, str]] = []
    role_checks: dict[str, list[bool]] = {f"{r}_{k}": [] for r in ("actor", "recipient") for k in ("code", "sector")}
    errors: list[WorstError] = []
    for sentence in gold:
        preds = by_article.get(sentence.id, [])
        best = max(preds, key=lambda p: p.get("confidence") or 0.0) if preds else None
        same = [p for p in preds if p.get("event") == sentence.event]
        predicted = str(best.get("event")) if best else NONE_LABEL
        pairs.append((sentence.event, predicted))
        none += best is None
        hit += bool(same)
        top += predicted == sentence.event
        dyad += any(_dyad_ok(sentence, p) for p in same)
        scored = max(same, key=lambda p: p.get("confidence") or 0.0) if same else best
        for role in ("actor", "recipient"):
            for key in ("code", "sector"):
                outcome = _role_hits(getattr(sentence, role), entities(scored or {}, role), key)
                if outcome is not None:
                    role_checks[f"{role}_{key}"].append(outcome)
        if predicted != sentence.event:
            confidence = float(best.get("confidence") or 0.0) if best else 0.0
            errors.append(WorstError(sentence.id, sentence.text, sentence.event, predicted, 1.0 + confidence))
    n = len(gold)
    table = per_class_prf(pairs)
    figures: dict[str, float | int | None] = {
        "sentences": n, "event": ratio(hit, n), "top": ratio(top, n), "dyad": ratio(dyad, n),
        "no_event": ratio(none, n), "category_accuracy": ratio(top, n), "macro_f1": macro_f1(table),
    }
    for name, checks in role_checks.items():
        figures[f"{name}_accuracy"] = ratio(sum(checks), len(checks))
    return EvalResult("plover", gold_file, n, figures, table,
                      [Confusion.from_pairs("PLOVER category: gold (rows) by top prediction (columns)", pairs)],
                      {}, worst_of(errors))
