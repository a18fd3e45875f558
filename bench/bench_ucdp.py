"""The 600 UCDP GED headlines of ../shared/bench/ucdp/dev.jsonl: extract, score each half.

    python bench/bench_ucdp.py [--half tune|check|both] [-o records.jsonl] [--ceiling]

Every headline is a lethal event; the shared scorer reports violent event found, place within
50 km, date inside GED's span and dead inside GED's low-high, for the tune and check halves
(split by a hash of the GED id, `warmonitor.evaluate.split`). Tune on the tune half only.
`--ceiling` also tells, of the found headlines GED places at a point, how many hold no name the
geoparser locates, and how far a perfect choice could go: the share where some toponym found,
or some capitalised word run of one to four words with a gazetteer entry, lies within 50 km of
GED's point (a generous bound: chance namesakes count).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
from itertools import chain
from types import ModuleType
from datetime import date
from pathlib import Path

from _shared import SHARED, run_scorer

from warmonitor.evaluate.split import HALVES, split_halves
from warmonitor.geo.relative import distance_km
from warmonitor.models import Article
from warmonitor.pipeline import Pipeline

GOLD = SHARED / "bench/ucdp/dev.jsonl"
SCORER = SHARED / "bench/ucdp/score.py"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=(*HALVES, "both"), default="both")
    parser.add_argument("-o", "--output", help="also write the records here (JSON Lines)")
    parser.add_argument("--ceiling", action="store_true", help="also the bound a perfect place choice meets")
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
        status |= run_scorer(SCORER, gold_half, records)
        if args.ceiling:
            print(_ceiling(pipeline, halves[name], records), flush=True)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            for record in everything:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return status


_WORD = re.compile(r"[A-Za-z][\w'’\-]*")


def _ceiling(pipeline: Pipeline, rows: list[dict], records: list[dict]) -> str:
    """Of the found headlines GED places at a point: the share with no located toponym, and the
    share where a toponym or a capitalised word run's gazetteer entry lies within 50 km."""
    violent = _scorer().VIOLENT  # what the shared scorer counts as a violent record
    found = {str(r["article"]["id"]) for r in records if r.get("event") in violent}
    pointed = [row for row in rows if str(row["id"]) in found and int(row.get("where_prec") or 9) <= 2]
    unplaced = reachable = 0
    for row in pointed:
        point = (float(row["latitude"]), float(row["longitude"]))
        places = [(t.place.lat, t.place.lon) for t in pipeline.geoparser.annotate(pipeline.nlp(row["text"]))
                  if t.place is not None and t.place.lat is not None]
        unplaced += not places
        words = _WORD.findall(row["text"])
        runs = (" ".join(words[i:i + k]) for i in range(len(words)) for k in range(1, 5))
        entries = ((e.lat, e.lon) for run in runs if len(run) >= 4 and run[0].isupper()
                   for e in pipeline.geoparser.gazetteer.lookup(run) if e.lat is not None)
        reachable += any(distance_km(*p, *point) <= 50 for p in chain(places, entries))  # stops at the first
    n = max(1, len(pointed))
    return (f"ceiling: of {len(pointed)} found with a point, {unplaced / n:.2f} hold no located toponym; "
            f"a perfect choice reaches at most {reachable / n:.2f} place@50km")


def _scorer() -> ModuleType:
    """The shared scorer as a module."""
    spec = importlib.util.spec_from_file_location("ucdp_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write_gold(rows: list[dict], name: str) -> Path:
    """One half of the gold as a file the shared scorer reads."""
    path = Path(tempfile.gettempdir()) / f"ucdp-{name}.gold.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


if __name__ == "__main__":
    sys.exit(main())
