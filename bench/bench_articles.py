"""The project's own gold articles (tests/data/articles_gold): extract, score each half.

    python bench/bench_articles.py [--errors]

Date right, dead right, background events, duplicate events and furniture events for the tune
and check halves (split by a hash of the article id, `warmonitor.evaluate.split`). `--errors`
lists what went wrong on the tune half only: tune there, read only the check half's figures.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from warmonitor.evaluate.articles import extract_and_score, load_gold
from warmonitor.evaluate.split import HALVES, split_halves
from warmonitor.pipeline import Pipeline

GOLD = Path(__file__).resolve().parents[1] / "tests/data/articles_gold"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the tune half's errors")
    args = parser.parse_args()
    halves = split_halves(load_gold(GOLD), key=lambda gold: gold["id"])
    pipeline = Pipeline()
    for name in HALVES:
        score = extract_and_score(pipeline, halves[name])
        print(f"== {name} half ({len(halves[name])} articles): {score.summary()}")
        if args.errors and name == "tune":
            for line in score.errors:
                print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
