"""Extraction speed next to the bare spaCy parse of the same articles, in one run.

    python bench/bench_speed.py [--corpus PATH.jsonl] [--limit N] [--repeat R]

Reads news articles (default: GeoWebNews and TR-News documents in ../shared/bench/geo,
plus the model story), parses them with the spaCy pipeline alone, then runs the full
extraction (clean, parse, geoparse, code, resolve, date, place, merge) on the same
articles, and prints both rates in words per second and their ratio. Services (the model,
the gazetteer) are loaded before timing. Timings alternate to share the machine's noise.
"""
from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

from warmonitor.models import Article
from warmonitor.pipeline import Pipeline

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT_CORPORA = [SHARED / "bench/geo/gwn.docs.jsonl", SHARED / "bench/geo/trnews.docs.jsonl"]
STORY = SHARED / "acceptance/saraqeb_reuters_2020-02-06.txt"


def load_articles(paths: list[Path], limit: int) -> list[Article]:
    articles: list[Article] = []
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    row = json.loads(line)
                    articles.append(Article(id=f"{path.stem}:{row['id']}", text=row["text"],
                                            published=date(2020, 1, 1)))
    if STORY.exists():
        articles.append(Article(id=STORY.name, text=STORY.read_text(encoding="utf-8"),
                                published=date(2020, 2, 6), outlet="Reuters"))
    return articles[:limit] if limit else articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="JSONL of {id, text} (repeatable)")
    parser.add_argument("--limit", type=int, default=0, help="use the first N articles only")
    parser.add_argument("--repeat", type=int, default=2, help="alternating timing rounds")
    args = parser.parse_args()

    articles = load_articles(args.corpus or DEFAULT_CORPORA, args.limit)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    pipeline = Pipeline()
    pipeline.warm_up()
    nlp = pipeline.nlp
    list(nlp.pipe(texts[:5]))
    list(pipeline.extract_many(articles[:5]))

    bare_s = full_s = 0.0
    events = failures = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=pipeline.settings.batch_size):
            pass
        bare_s += time.perf_counter() - start
        start = time.perf_counter()
        events = failures = 0
        for _article, result in pipeline.extract_many(articles):
            if isinstance(result, Exception):
                failures += 1
            else:
                events += len(result)
        full_s += time.perf_counter() - start

    bare_rate = words * args.repeat / bare_s
    full_rate = words * args.repeat / full_s
    print(f"articles {len(articles)}, words {words}, rounds {args.repeat}, model {pipeline.settings.model}")
    print(f"events {events}, failed articles {failures}")
    print(f"bare spaCy parse   {bare_rate:9.0f} words/s")
    print(f"full extraction    {full_rate:9.0f} words/s")
    print(f"ratio extraction/parse {full_rate / bare_rate:.2f} (goal >= 0.80)")


if __name__ == "__main__":
    main()
