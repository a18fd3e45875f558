"""Print event records (JSON Lines) as a short table: `python scripts/show_events.py events.jsonl`."""
from __future__ import annotations

import json
import sys


def main(path: str) -> None:
    with open(path, encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    for r in records:
        actor = ",".join(f"{e['code'] or '?'}/{e['sector'] or '?'}" for e in r["actor"]) or "-"
        target = ",".join(f"{e['code'] or '?'}/{e['sector'] or '?'}" for e in r["recipient"]) or "-"
        place = (r.get("event_loc") or {}).get("name") or "-"
        print(f"{r['article']['id'][:24]:24} {r['event']:9} {actor:>14} -> {target:14} "
              f"{r['date'] or '?':10} {place:18} dead={r['dead']}  «{r['event_text']}»")
    print(f"{len(records)} events", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
