"""Actor and recipient codes, per half: the PLOVER dev sentences and the UCDP GED headlines.

    python bench/bench_actors.py [--errors]   # --errors lists the tune half's misses only

PLOVER: of the sentences whose gold names an actor (a recipient), the share where some record
of the gold category (else any record) holds one of the gold actor (recipient) codes.
UCDP: GED's side_a / side_b, read through the actor dictionary ("Government of Syria" -> SYR,
"IS" -> IMG), must both stand among the codes of the headline's records (either way round).
The check halves' misses are never printed: tune on the tune half only.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from _shared import SHARED

from warmonitor.actors import ActorDictionary
from warmonitor.evaluate.split import HALVES, split_halves
from warmonitor.models import Article
from warmonitor.pipeline import Pipeline


def codes(entities: list[dict]) -> set[str]:
    return {e["code"] for e in entities if e.get("code")}


def run(pipeline: Pipeline, rows: list[dict]) -> dict[str, list[dict]]:
    articles = [Article(id=str(row["id"]), text=row["text"], published=date.fromisoformat(row["published"]))
                for row in rows]
    out: dict[str, list[dict]] = {str(row["id"]): [] for row in rows}
    for article, result in pipeline.extract_many(articles):
        if not isinstance(result, Exception):
            out[article.id] = [event.to_dict() for event in result]
    return out


def plover(pipeline: Pipeline, rows: list[dict], show: bool) -> str:
    records = run(pipeline, rows)
    hits = {"actor": [0, 0], "recipient": [0, 0]}
    for row in rows:
        preds = records[str(row["id"])]
        same = [p for p in preds if p["event"] == row["event"]] or preds
        for side in hits:
            gold = codes(row[side])
            if not gold:
                continue
            found = set().union(*(codes(p[side]) for p in same)) if same else set()
            if side == "recipient" or row["event"] == "ASSAULT":
                found |= set().union(*(codes(p["actor"]) | codes(p["recipient"]) for p in same)) if same else set()
            hits[side][1] += 1
            hits[side][0] += bool(found & gold)
            if show and not found & gold:
                print(f"    miss {side:9} {row['id']}: gold {sorted(gold)} got {sorted(found)} | {row['text'][:110]}")
    return ", ".join(f"{side} {h / n:.2f} ({h}/{n})" for side, (h, n) in hits.items())


def side_code(name: str, dictionary: ActorDictionary) -> str | None:
    """GED's side name as a code: "Government of Syria" -> SYR, "IS" -> IMG; None when unknown."""
    first = name.split(",")[0].strip()
    if first.startswith("Government of "):
        first = first[len("Government of "):]
    entry = dictionary.lookup(first)
    return entry.code if entry is not None else None


def ucdp(pipeline: Pipeline, rows: list[dict], show: bool) -> str:
    dictionary = ActorDictionary.load()
    usable = [(row, side_code(row["side_a"], dictionary), side_code(row["side_b"], dictionary)) for row in rows]
    usable = [(row, a, b) for row, a, b in usable if a and b and a != b]
    records = run(pipeline, [row for row, _a, _b in usable])
    both = one = 0
    for row, a, b in usable:
        found = set().union(*(codes(p["actor"]) | codes(p["recipient"]) for p in records[str(row["id"])]))
        both += {a, b} <= found
        one += bool({a, b} & found)
        if show and not {a, b} <= found:
            print(f"    miss {row['id']}: gold {a}-{b} got {sorted(found)} | {row['text'][:110]}")
    n = max(1, len(usable))
    return f"both sides {both / n:.2f}, one side {one / n:.2f} ({len(usable)} headlines with two known sides)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the tune half's misses")
    args = parser.parse_args()
    pipeline = Pipeline()
    sets = {"plover": (SHARED / "bench/plover_gsr/dev.jsonl", plover), "ucdp": (SHARED / "bench/ucdp/dev.jsonl", ucdp)}
    for label, (path, score) in sets.items():
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        halves = split_halves(rows, key=lambda row: row["id"])
        for name in HALVES:
            figures = score(pipeline, halves[name], args.errors and name == "tune")
            print(f"{label} {name}: {figures}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
