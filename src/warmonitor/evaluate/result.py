"""What every scorer returns: headline figures, per-class figures, a confusion matrix,
error series for histograms and the worst errors with their sentences."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

#: The label of "nothing predicted" in confusion matrices and per-class tables.
NONE_LABEL = "-"
#: How many of the worst errors a result keeps for the report.
WORST_KEPT = 20


@dataclass(frozen=True)
class WorstError:
    """One scored item that went wrong: where, what was expected, what came out, and how badly."""

    item_id: str
    sentence: str
    gold: str
    predicted: str
    severity: float


@dataclass(frozen=True)
class Confusion:
    """Counts of (gold label, predicted label); `labels` orders rows and columns."""

    title: str
    labels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    @classmethod
    def from_pairs(cls, title: str, pairs: Iterable[tuple[str, str]]) -> Confusion:
        """A matrix over every label seen, gold or predicted, NONE_LABEL last."""
        tally = Counter(pairs)
        seen = {label for pair in tally for label in pair}
        labels = tuple(sorted(seen - {NONE_LABEL})) + ((NONE_LABEL,) if NONE_LABEL in seen else ())
        counts = tuple(tuple(tally[(g, p)] for p in labels) for g in labels)
        return cls(title, labels, counts)


@dataclass
class EvalResult:
    """The figures of one `warmonitor eval` run on one gold file."""

    format: str
    gold_file: str
    items: int
    figures: dict[str, float | int | None]
    per_class: dict[str, dict[str, float | int]] = field(default_factory=dict)
    confusions: list[Confusion] = field(default_factory=list)
    histograms: dict[str, list[float]] = field(default_factory=dict)
    worst: list[WorstError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: what `warmonitor eval --json` prints."""
        data = asdict(self)
        data["confusions"] = [{"title": c.title, "labels": list(c.labels), "counts": [list(r) for r in c.counts]}
                              for c in self.confusions]
        return data

    def summary_lines(self) -> list[str]:
        """Human-readable lines: per-class table, then the headline figures (last line)."""
        lines = [f"  {label:28} P {row['precision']:.2f}  R {row['recall']:.2f}  F1 {row['f1']:.2f}  n {row['support']}"
                 for label, row in self.per_class.items()]
        lines.extend(f"  {name:28} {_show(value)}" for name, value in self.figures.items())
        lines.append(f"{self.format}: {self.items} items in {self.gold_file}")
        return lines


def _show(value: float | int | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def ratio(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide by."""
    return part / whole if whole else None


def per_class_prf(pairs: Sequence[tuple[str, str]]) -> dict[str, dict[str, float | int]]:
    """Precision, recall, F1 and support of each gold label from (gold, predicted) pairs;
    NONE_LABEL predictions count against recall only."""
    labels = sorted({g for g, _ in pairs} | {p for _, p in pairs} - {NONE_LABEL})
    table: dict[str, dict[str, float | int]] = {}
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    return table


def macro_f1(table: dict[str, dict[str, float | int]]) -> float | None:
    """The mean F1 over labels that occur in the gold."""
    scores = [row["f1"] for row in table.values() if row["support"]]
    return sum(scores) / len(scores) if scores else None


def worst_of(errors: Iterable[WorstError], keep: int = WORST_KEPT) -> list[WorstError]:
    """The `keep` most severe errors, most severe first (ties by item id, for stable reports)."""
    return sorted(errors, key=lambda e: (-e.severity, e.item_id))[:keep]
