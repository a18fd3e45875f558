#!/usr/bin/env python3
"""Category recall and argument coverage of the event stage on the PLOVER gold sentences.

    .venv/bin/python bench/plover_dev_events.py [GOLD.jsonl] [--show-misses]

Per sentence: `event` — some asserted mention has the gold category; `top` — the most
confident asserted mention has it; `args` — the gold actor's entity_text lies inside an
actor or recipient span of a right-category asserted mention (share of sentences with a
gold actor). Prints per-category recall, the overall figures and the time per sentence.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from warmonitor.events import EventLexicon, find_event_mentions
from warmonitor.nlp.model import load_nlp

DEFAULT_GOLD = Path("/work/shared/bench/plover_gsr/dev.jsonl")


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("'s", "").split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()]
    nlp = load_nlp()
    lexicon = EventLexicon.load()
    docs = list(nlp.pipe(row["text"] for row in rows))
    started = time.perf_counter()
    all_mentions = [find_event_mentions(doc, lexicon) for doc in docs]
    elapsed = time.perf_counter() - started
    per_cat: dict[str, Counter] = defaultdict(Counter)
    arg_hits = arg_total = 0
    confusion: Counter = Counter()
    for row, mentions in zip(rows, all_mentions):
        gold = row["event"]
        asserted = [mention for mention in mentions if mention.asserted]
        right = [mention for mention in asserted if mention.category == gold]
        per_cat[gold]["n"] += 1
        per_cat[gold]["event"] += bool(right)
        top = max(asserted, key=lambda mention: mention.confidence, default=None)
        per_cat[gold]["top"] += bool(top and top.category == gold)
        confusion[(gold, top.category if top else None)] += 1
        gold_actor = (row.get("actor") or [{}])[0].get("entity_text")
        if gold_actor:
            arg_total += 1
            spans = [_norm(span.text) for mention in right for span in mention.actor + mention.recipient]
            hit = any(_norm(gold_actor) in span or span in _norm(gold_actor) and len(span) > 2 for span in spans)
            arg_hits += hit
        if args.show_misses and not right:
            print(f"MISS {gold}: {row['text'][:150]}")
            for mention in mentions:
                print("     ", mention.describe())
    total = Counter()
    print(f"{'category':10} {'n':>4} {'event':>6} {'top':>6}")
    for category in sorted(per_cat):
        counts = per_cat[category]
        total.update(counts)
        print(f"{category:10} {counts['n']:4d} {counts['event'] / counts['n']:6.2f} {counts['top'] / counts['n']:6.2f}")
    print(f"time: {1000 * elapsed / len(rows):.2f} ms per sentence (event stage only, parse excluded)")
    print(
        f"overall: n={total['n']} event recall={total['event'] / total['n']:.3f} "
        f"top={total['top'] / total['n']:.3f} argument coverage={arg_hits / max(arg_total, 1):.3f}"
    )


if __name__ == "__main__":
    main()
