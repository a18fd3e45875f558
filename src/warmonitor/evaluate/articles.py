"""Scoring records against the project's own gold articles (tests/data/articles_gold/*.json).

Each gold file is one short article with the events a careful coder enters: category, date
(with `enddate` for a week, month or span), `dead` (null where the text gives no number) and
`cues`, the words of every sentence that reports the event. A record reports a gold event when
it has its category and its `text` holds one of the cues. Counted per half:

- date right / dead right: the first record of the event has the gold date (and enddate) / dead;
- background: a record built from a background sentence (`background` cues) that is an ASSAULT
  or carries a toll;
- duplicate: a second record of one gold event;
- furniture: a record read from a headline list or link block (`furniture` cues).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..models import Article

if TYPE_CHECKING:
    from ..pipeline import Pipeline

Record = Mapping[str, Any]


@dataclass
class ArticleScore:
    """The counts of one or more gold articles; `errors` says what went wrong, one line each."""

    events: int = 0
    found: int = 0
    date_right: int = 0
    dead_right: int = 0
    background: int = 0
    duplicates: int = 0
    furniture: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: ArticleScore) -> None:
        for name in (f.name for f in fields(self) if f.name != "errors"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    def rate(self, count: int) -> float:
        return count / self.events if self.events else 1.0

    def summary(self) -> str:
        return (f"events {self.events}  found {self.rate(self.found):.2f}  date right {self.rate(self.date_right):.2f}"
                f"  dead right {self.rate(self.dead_right):.2f}  background events {self.background}"
                f"  duplicates {self.duplicates}  furniture events {self.furniture}")


def load_gold(folder: Path) -> list[dict[str, Any]]:
    """The gold articles of `folder`, in file-name order."""
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))]


def _reports(record: Record, gold_event: Mapping[str, Any]) -> bool:
    text = record.get("text") or ""
    return record.get("event") == gold_event["event"] and any(cue in text for cue in gold_event["cues"])


def _date_fits(record: Record, gold_event: Mapping[str, Any]) -> bool:
    return record.get("date") == gold_event["date"] and (
        "enddate" not in gold_event or record.get("enddate") == gold_event["enddate"])


def score_article(gold: Mapping[str, Any], records: Sequence[Record]) -> ArticleScore:
    """How the records of one article fare against its gold file."""
    score = ArticleScore(events=len(gold["events"]))
    name = gold["id"]
    for gold_event in gold["events"]:
        matching = [r for r in records if _reports(r, gold_event)]
        label = f"{name}: {gold_event['cues'][0]!r}"
        if not matching:
            score.errors.append(f"{label}: not found")
            continue
        score.found += 1
        score.duplicates += len(matching) - 1
        if len(matching) > 1:
            score.errors.append(f"{label}: {len(matching)} records")
        first = matching[0]
        if _date_fits(first, gold_event):
            score.date_right += 1
        else:
            score.errors.append(f"{label}: date {first.get('date')}..{first.get('enddate')} "
                                f"({first.get('date_text')!r}), gold {gold_event['date']}..{gold_event.get('enddate')}")
        if first.get("dead") == gold_event["dead"]:
            score.dead_right += 1
        else:
            score.errors.append(f"{label}: dead {first.get('dead')}, gold {gold_event['dead']}")
    for record in records:
        text = record.get("text") or ""
        if any(cue in text for cue in gold.get("background", ())) and (
                record.get("event") == "ASSAULT" or record.get("dead")):
            score.background += 1
            score.errors.append(f"{name}: background {record.get('event')} dead={record.get('dead')}: {text[:80]!r}")
        if any(cue in text for cue in gold.get("furniture", ())):
            score.furniture += 1
            score.errors.append(f"{name}: furniture {record.get('event')}: {text[:80]!r}")
    return score


def score_articles(golds: Iterable[Mapping[str, Any]], records: Mapping[str, Sequence[Record]]) -> ArticleScore:
    """The counts over several articles; `records` maps an article id to its records."""
    total = ArticleScore()
    for gold in golds:
        total.add(score_article(gold, records.get(gold["id"], ())))
    return total


def extract_and_score(pipeline: Pipeline, golds: Sequence[Mapping[str, Any]]) -> ArticleScore:
    """Run `pipeline` on the gold articles and score its records (a failed article has none)."""
    articles = [Article(id=g["id"], text=g["text"], published=date.fromisoformat(g["published"])) for g in golds]
    records: dict[str, list[dict[str, Any]]] = {}
    for article, result in pipeline.extract_many(articles):
        records[article.id] = [] if isinstance(result, Exception) else [e.to_dict() for e in result]
    return score_articles(golds, records)
