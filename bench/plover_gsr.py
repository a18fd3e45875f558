"""The PLOVER gold-standard sentences: run the extraction, score with the shared scorer.

    python bench/plover_gsr.py [--confusion]
"""
from __future__ import annotations

import json
import sys
from datetime import date

from _shared import SHARED, run_scorer

from warmonitor.models import Article
from warmonitor.pipeline import Pipeline

GOLD = SHARED / "bench/plover_gsr/dev.jsonl"


def main() -> int:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [Article(id=row["id"], text=row["text"], published=date.fromisoformat(row["published"]))
                for row in rows]
    records = []
    for _article, result in Pipeline().extract_many(articles):
        if not isinstance(result, Exception):
            records.extend(event.to_dict() for event in result)
    extra = ["--confusion"] if "--confusion" in sys.argv else []
    return run_scorer(SHARED / "bench/plover_gsr/score.py", GOLD, records, "--min-event", "0.70",
                      "--min-dyad", "0.45", *extra)


if __name__ == "__main__":
    sys.exit(main())
