"""Cross-article dedupe: pairwise precision and recall of the store's merges on invented
reports of the same happenings in different words, with known truth, in one run.

    python bench/bench_dedupe.py [--corpus bench/data/dedupe] [--show]

Runs the real pipeline over bench/data/dedupe/articles.jsonl, ingests the articles into a
fresh SQLite store in the file's order and again in the reverse order, and prints:
pairwise precision (of pairs of articles the store put in one event, how many report one
happening) and recall (of pairs that report one happening, how many the store merged),
and whether both orders gave the same events.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

from warmonitor.batch import SerialEngine, ingest_stream
from warmonitor.config import Settings
from warmonitor.ingest import read_articles
from warmonitor.models import Article
from warmonitor.pipeline import Pipeline
from warmonitor.store import Store
from warmonitor.store.schema import articles as articles_table
from warmonitor.store.schema import event_reports, events

DEFAULT = Path(__file__).parent / "data" / "dedupe"


def ingest(corpus: list[Article], pipeline: Pipeline, folder: Path, name: str) -> Store:
    store = Store.open(f"sqlite:///{folder / name}")
    ingest_stream(store, corpus, SerialEngine(pipeline.settings, pipeline))
    return store


def events_by_article(store: Store, truth: dict[str, dict[str, str]]) -> dict[str, set[str]]:
    """For each article, the ids of the events holding its reports of the true category."""
    query = (event_reports.join(articles_table, articles_table.c.pk == event_reports.c.article_pk)
             .join(events, events.c.pk == event_reports.c.event_pk))
    from sqlalchemy import select

    found: dict[str, set[str]] = {article_id: set() for article_id in truth}
    with store.engine.connect() as conn:
        rows = conn.execute(select(articles_table.c.id, event_reports.c.category, events.c.id)
                            .select_from(query))
        for article_id, category, event_id in rows:
            if article_id in truth and truth[article_id]["category"] == category:
                found[article_id].add(event_id)
    return found


def pairwise(found: dict[str, set[str]], truth: dict[str, dict[str, str]]) -> tuple[float, float, int, int, int]:
    tp = predicted = actual = 0
    for a, b in combinations(sorted(truth), 2):
        same_truth = truth[a]["happening"] == truth[b]["happening"]
        same_store = bool(found[a] & found[b])
        tp += same_truth and same_store
        predicted += same_store
        actual += same_truth
    return (tp / predicted if predicted else 1.0), (tp / actual if actual else 1.0), tp, predicted, actual


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT, help="folder with articles.jsonl and truth.json")
    parser.add_argument("--show", action="store_true", help="print each article's events")
    args = parser.parse_args()
    truth = json.loads((args.corpus / "truth.json").read_text(encoding="utf-8"))["articles"]
    corpus = [item for item in read_articles([args.corpus / "articles.jsonl"]) if isinstance(item, Article)]
    pipeline = Pipeline(Settings.from_env())
    pipeline.warm_up()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        forward = ingest(corpus, pipeline, Path(folder), "forward.db")
        backward = ingest(list(reversed(corpus)), pipeline, Path(folder), "backward.db")
        found = events_by_article(forward, truth)
        precision, recall, tp, predicted, actual = pairwise(found, truth)
        same = _events(forward) == _events(backward)
        counts, reports = forward.counts(), forward.report_count()
        if args.show:
            for article_id in sorted(found):
                print(f"  {article_id:15} {truth[article_id]['happening']:34} {sorted(found[article_id])}")
        forward.close()
        backward.close()
    seconds = time.perf_counter() - start
    happenings = len({t["happening"] for t in truth.values()})
    print(f"articles {len(corpus)}, true happenings {happenings}, reports stored {reports}, "
          f"events stored {counts['events']} ({seconds:.1f} s, model {pipeline.settings.model})")
    missing = [a for a, ids in found.items() if not ids]
    print(f"articles whose report of the true category was not extracted: {len(missing)} {missing}")
    print(f"pairwise merge precision {precision:.3f} ({tp}/{predicted})   recall {recall:.3f} "
          f"({tp}/{actual})   (goal >= 0.9 each)")
    print(f"same events when ingested in reverse order: {'yes' if same else 'NO'}")
    return 0 if same else 1


def _events(store: Store) -> list[str]:
    from sqlalchemy import select

    with store.engine.connect() as conn:
        return sorted(conn.execute(select(events.c.record)).scalars())


if __name__ == "__main__":
    sys.exit(main())
