"""Whole articles written for the tests: what a coder finds in them, and golden snapshots.

Each tests/data/articles/NAME.txt has tests/data/expected/NAME.json (what a careful coder
finds: required events, forbidden outputs; scored like the acceptance story) and
NAME.snapshot.jsonl (the pipeline's current output in short form). Regenerate snapshots on
purpose with `pytest tests/test_articles.py --update-golden`.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from warmonitor.evaluate import score_story
from warmonitor.models import Article

ARTICLES = sorted((Path(__file__).parent / "data/articles").glob("*.txt"))

pytestmark = pytest.mark.model


def _records(pipeline, path: Path, gold: dict) -> list[dict]:
    meta = gold["article"]
    article = Article(id=path.name, text=path.read_text(encoding="utf-8"),
                      published=date.fromisoformat(meta["published"]), outlet=meta.get("outlet"))
    return [e.to_dict() for e in pipeline.extract_article(article)]


def _short(record: dict) -> dict:
    loc = record.get("event_loc") or {}
    return {
        "event": record["event"], "mode": record["mode"], "event_text": record["event_text"],
        "actor": [f"{e['code']}/{e['sector']}" for e in record["actor"]],
        "recipient": [f"{e['code']}/{e['sector']}" for e in record["recipient"]],
        "date": record["date"], "place": loc.get("name"), "dead": record["dead"],
    }


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_article_meets_its_coder_expectations(pipeline, path: Path, data_dir: Path):
    gold = json.loads((data_dir / "expected" / f"{path.stem}.json").read_text(encoding="utf-8"))
    records = _records(pipeline, path, gold)
    result = score_story(gold, records)
    report = "\n".join(f"{s:18} {json.dumps(_short(r))}" for s, r in zip(result.status, records))
    assert not result.forbidden, f"forbidden output {result.forbidden}\n{report}"
    assert result.recall == 1.0, f"missed {result.missed}\n{report}"
    assert result.duplicates == 0, report
    assert result.precision >= 0.7, report


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_article_matches_golden_snapshot(pipeline, path: Path, data_dir: Path, update_golden: bool):
    gold = json.loads((data_dir / "expected" / f"{path.stem}.json").read_text(encoding="utf-8"))
    lines = [json.dumps(_short(r), ensure_ascii=False) for r in _records(pipeline, path, gold)]
    snapshot = data_dir / "expected" / f"{path.stem}.snapshot.jsonl"
    if update_golden or not snapshot.exists():
        snapshot.write_text("\n".join(lines) + "\n", encoding="utf-8")
        if not update_golden:
            pytest.fail(f"wrote a new snapshot {snapshot.name}: review it and commit it")
    assert lines == snapshot.read_text(encoding="utf-8").splitlines()


def test_records_are_valid_and_ids_stable(pipeline, data_dir: Path):
    path = ARTICLES[0]
    gold = json.loads((data_dir / "expected" / f"{path.stem}.json").read_text(encoding="utf-8"))
    first, second = _records(pipeline, path, gold), _records(pipeline, path, gold)
    assert [r["id"] for r in first] == [r["id"] for r in second]
    assert len({r["id"] for r in first}) == len(first)
    for record in first:
        assert record["article"]["id"] == path.name
        assert record["date_precision"] in {"day", "week", "month", "year", "span", "unknown"}
        assert 0.0 <= record["confidence"] <= 1.0
        assert record["text"].strip()
