"""Ingest throughput beside the bare spaCy parse of the same text, both with all cores, in
one run; the ratio and the peak memory printed.

    python bench/bench_ingest.py [--articles 2000] [--workers N] [--db URL]

Generates realistic invented wire stories (bench/ingest_corpus.py), writes them as JSONL,
then times (1) `nlp.pipe(texts, n_process=N)` alone and (2) the whole ingest of the JSONL
file into a fresh store with N worker processes: read, clean, parse, geolocate, code,
date, in-article merge, cross-article dedupe, store. Peak memory is the largest resident
set of the process tree seen during the ingest (sampled every 0.2 s).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
from ingest_corpus import generate  # noqa: E402

from warmonitor.batch import ProcessEngine, SerialEngine, ingest_stream  # noqa: E402
from warmonitor.config import Settings  # noqa: E402
from warmonitor.ingest import read_articles  # noqa: E402
from warmonitor.nlp.model import load_nlp  # noqa: E402
from warmonitor.store import Store  # noqa: E402


class PeakMemory:
    """Samples the resident memory of this process and its children in a thread."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            self._stop.wait(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="how many stories")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes (all cores)")
    parser.add_argument("--db", help="store URL (default: a fresh SQLite file)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="warmonitor-bench-"))
    corpus = folder / "corpus.jsonl"
    rows = list(generate(args.articles))
    corpus.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    texts = [row["text"] for row in rows]
    words = sum(len(text.split()) for text in texts)
    settings = Settings.from_env()

    nlp = load_nlp(settings.model)
    list(nlp.pipe(texts[:8]))
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, n_process=args.workers, batch_size=settings.batch_size):
        pass
    bare_s = time.perf_counter() - start

    store = Store.open(args.db or f"sqlite:///{folder / 'bench.db'}")
    engine = ProcessEngine(settings, args.workers) if args.workers > 1 else SerialEngine(settings)
    # Workers load their model and gazetteer before the clock starts, as spaCy's do.
    for future in [engine.submit([]) for _ in range(args.workers)]:
        future.result()
    with PeakMemory() as memory:
        start = time.perf_counter()
        counts = ingest_stream(store, read_articles([corpus]), engine, chunk_size=settings.batch_size)
        ingest_s = time.perf_counter() - start
    engine.close()
    stored = store.counts()

    print(f"articles {len(rows)}, words {words}, workers {args.workers}, model {settings.model}, "
          f"store {store.backend}")
    print(f"stored {counts.ok} articles ({counts.failed} failed), {store.report_count()} reports "
          f"merged into {stored['events']} events")
    print(f"bare spaCy parse (n_process={args.workers}) {len(rows) / bare_s:8.1f} articles/s "
          f"{words / bare_s:9.0f} words/s")
    print(f"ingest (--workers {args.workers})          {len(rows) / ingest_s:8.1f} articles/s "
          f"{words / ingest_s:9.0f} words/s")
    print(f"ratio ingest/bare parse {bare_s / ingest_s:.2f} (goal >= 0.70)")
    print(f"peak memory of the ingest (all processes) {memory.peak / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
