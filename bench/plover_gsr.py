"""The PLOVER gold-standard sentences: run the extraction, score each half with the shared scorer.

    python bench/plover_gsr.py [--confusion] [--half tune|check|both]

The sentences are split into a tune and a check half by a hash of their id
(`warmonitor.evaluate.split`); tune on the tune half, read the check half's figures only.
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

GOLD = SHARED / "bench/plover_gsr/dev.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--confusion", action="store_true")
    parser.add_argument("--half", choices=(*HALVES, "both"), default="both")
    args = parser.parse_args()
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    halves = split_halves(rows, key=lambda row: row["id"])
    pipeline = Pipeline()
    status = 0
    for name in HALVES if args.half == "both" else (args.half,):
        articles = [Article(id=row["id"], text=row["text"], published=date.fromisoformat(row["published"]))
                    for row in halves[name]]
        records = []
        for _article, result in pipeline.extract_many(articles):
            if not isinstance(result, Exception):
                records.extend(event.to_dict() for event in result)
        gold = Path(tempfile.gettempdir()) / f"plover-{name}.gold.jsonl"
        gold.write_text("".join(json.dumps(row) + "\n" for row in halves[name]), encoding="utf-8")
        print(f"== {name} half ({len(articles)} sentences)", flush=True)
        status |= run_scorer(SHARED / "bench/plover_gsr/score.py", gold, records, "--min-event", "0.70",
                             "--min-dyad", "0.45", *(["--confusion"] if args.confusion else []))
    return status


if __name__ == "__main__":
    sys.exit(main())
