"""The 600 UCDP GED headlines of ../shared/bench/ucdp/dev.jsonl: extract, score each half.

    python bench/bench_ucdp.py [--half tune|check|both] [-o records.jsonl]

Every headline is a lethal event; the shared scorer reports violent event found, place within
50 km, date inside GED's span and dead inside GED's low-high, for the tune and check halves
(split by a hash of the GED id, `warmonitor.evaluate.split`). Tune on the tune half only.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

from _shared import SHARED, run_scorer

from warmonitor.evaluate.split import HALVES, split_halves
from warmonitor.models import Article
from warmonitor.pipeline import Pipeline

GOLD = SHARED / "bench/ucdp/dev.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=(*HALVES, "both"), default="both")
    parser.add_argument("-o", "--output", help="also write the records here (JSON Lines)")
    args = parser.parse_args()
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    halves = split_halves(rows, key=lambda row: row["id"])
    wanted = HALVES if args.half == "both" else (args.half,)
    pipeline = Pipeline()
    everything = []
    status = 0
    for name in wanted:
        articles = [Article(id=str(row["id"]), text=row["text"], published=date.fromisoformat(row["published"]))
                    for row in halves[name]]
        records = []
        for _article, result in pipeline.extract_many(articles):
            if not isinstance(result, Exception):
                records.extend(event.to_dict() for event in result)
        everything.extend(records)
        gold_half = _write_gold(halves[name], name)
        print(f"== {name} half ({len(articles)} headlines)", flush=True)
        status |= run_scorer(SHARED / "bench/ucdp/score.py", gold_half, records)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            for record in everything:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return status


def _write_gold(rows: list[dict], name: str) -> Path:
    """One half of the gold as a file the shared scorer reads."""
    path = Path(tempfile.gettempdir()) / f"ucdp-{name}.gold.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


if __name__ == "__main__":
    sys.exit(main())
