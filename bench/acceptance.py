"""The model story: extract it as the issue says and score it with the shared scorer.

    python bench/acceptance.py
"""
from __future__ import annotations

import sys
from datetime import date

from _shared import SHARED, run_scorer

from warmonitor.models import Article
from warmonitor.pipeline import Pipeline

STORY = SHARED / "acceptance/saraqeb_reuters_2020-02-06.txt"


def main() -> int:
    article = Article(id=STORY.name, text=STORY.read_text(encoding="utf-8"),
                      published=date(2020, 2, 6), outlet="Reuters")
    records = [event.to_dict() for event in Pipeline().extract_article(article)]
    return run_scorer(SHARED / "acceptance/score.py", SHARED / "acceptance/saraqeb.gold.json", records,
                      "--min-recall", "0.75", "--min-precision", "0.7")


if __name__ == "__main__":
    sys.exit(main())
