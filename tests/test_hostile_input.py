"""The corpus of hostile and broken inputs (tests/data/bad/, written by tests/bad_corpus.py):
each gives a clear error for that input only, the batch goes on, nothing already stored is
touched, and the raw input is kept where it can be (the stored article, the JSONL line)."""
from __future__ import annotations

import sqlite3
import time
import tracemalloc
import warnings
from datetime import date
from pathlib import Path

import click
import pytest
from bad_corpus import BAD, EXPECTED, FEED_EXPECTED, JSONL_EXPECTED, corpus
from click.testing import CliRunner
from event_factory import make_article, standard_events

from warmonitor.cli import store as cli_store
from warmonitor.config import Settings
from warmonitor.errors import ExtractionError
from warmonitor.ingest import ReadFailure, read_articles
from warmonitor.ingest.language import ForeignLanguageError
from warmonitor.models import Article, Event
from warmonitor.pipeline import Pipeline
from warmonitor.store import Store, get_article, ingest_article
from warmonitor.store.validate import record_problems

MB = 1 << 20


class CheckingExtractor:
    """The real pipeline's checks before parsing (size, language), then no events: the
    checks need no spaCy model, so these tests stay fast."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.pipeline = Pipeline(settings or Settings())
        self.fake = standard_events()

    def extract_article(self, article: Article) -> list[Event]:
        self.pipeline.check_article(article)
        return self.fake.extract_article(article)


def test_corpus_files_are_what_the_generator_writes() -> None:
    expected = corpus()
    assert sorted(path.name for path in BAD.iterdir()) == sorted(expected)
    for name, content in expected.items():
        assert (BAD / name).read_bytes() == content, f"run python tests/bad_corpus.py ({name})"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_gives_its_own_clear_outcome(name: str) -> None:
    outcome, words = EXPECTED[name]
    (item,) = read_articles([BAD / name])
    if outcome == "unreadable":
        assert isinstance(item, ReadFailure) and words in item.reason, item
        assert item.source == str(BAD / name)
        return
    assert isinstance(item, Article), item
    if outcome == "read":
        assert words in item.text
        return
    with pytest.raises(ForeignLanguageError, match=words) as caught:
        Pipeline(Settings()).check_article(item)
    assert "skipped" in str(caught.value) and "WARMONITOR_LANGUAGES" in str(caught.value)


def test_other_languages_can_be_allowed() -> None:
    (french,) = read_articles([BAD / "french.txt"])
    Pipeline(Settings(languages=("en", "fr"))).check_article(french)
    Pipeline(Settings(languages=())).check_article(french)


def test_one_malformed_jsonl_line_among_good_ones() -> None:
    items = list(read_articles([BAD / "batch.jsonl"]))
    assert len(items) == len(JSONL_EXPECTED)
    for number, item in enumerate(items, start=1):
        outcome, words = JSONL_EXPECTED[number]
        if outcome == "ok":
            assert isinstance(item, Article) and item.id == words
        else:
            assert isinstance(item, ReadFailure) and item.line == number and words in item.reason
            assert item.raw and item.raw in (BAD / "batch.jsonl").read_text(encoding="utf-8")


def test_malformed_feed_gives_what_can_be_recovered() -> None:
    items = list(read_articles([BAD / "truncated.rss"]))
    assert len(items) == len(FEED_EXPECTED)
    first, second = items
    assert isinstance(first, Article) and first.id == FEED_EXPECTED[1][1]
    assert first.outlet == "Wire" and first.title == "Shelling" and "Saraqeb" in first.text
    assert isinstance(second, ReadFailure) and second.line == 2 and "no text" in second.reason


def _measure(paths: list[Path], **options: object) -> tuple[list[Article | ReadFailure], float, int]:
    tracemalloc.start()
    began = time.perf_counter()
    try:
        items = list(read_articles(paths, **options))
        return items, time.perf_counter() - began, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_50_mb_text_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as out:
        line = b"Troops shelled the town again on Monday, residents said. " * 1000 + b"\n"
        while out.tell() < 50 * MB:
            out.write(line)
    small = tmp_path / "small.txt"
    small.write_text(make_article("a1").text, encoding="utf-8")
    (failure, article), seconds, peak = _measure([huge, small])
    assert isinstance(failure, ReadFailure) and "over the limit" in failure.reason
    assert "WARMONITOR_MAX_ARTICLE_BYTES" in failure.reason and huge.stat().st_size >= 50 * MB
    assert isinstance(article, Article)
    assert peak < 5 * MB, (seconds, peak)  # refused from its size on disk: never read into memory


def test_a_50_mb_jsonl_line_is_refused_and_the_other_lines_read(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    with batch.open("wb") as out:
        out.write(b'{"id": "before", "text": "Troops shelled the town on Monday."}\n')
        out.write(b'{"id": "huge", "text": "')
        for _ in range(50):
            out.write(b"x" * MB)
        out.write(b'"}\n{"id": "after", "text": "Rebels clashed with troops on Tuesday."}\n')
    items, seconds, peak = _measure([batch], max_bytes=MB)
    assert [getattr(item, "id", None) or item.line for item in items] == ["before", 2, "after"]
    assert "over the limit" in items[1].reason
    assert peak < 12 * MB, peak


def test_a_too_big_article_is_refused_by_the_pipeline_before_parsing() -> None:
    article = Article(id="big", text="Shelling hit the town. " * 200_000)
    with pytest.raises(ExtractionError, match="over the limit"):
        Pipeline(Settings(max_article_bytes=1_000_000)).extract_article(article)


def _cli() -> click.Group:
    group = click.Group("warmonitor")
    cli_store.register(group)
    return group


def _rows(db: Path) -> dict[str, list[tuple]]:
    """What is stored of each article: the raw article and its own reports. (The events
    table is derived: new reports of the same happening may join its rows; never these.)"""
    with sqlite3.connect(db) as conn:
        return {
            "articles": conn.execute("SELECT * FROM articles ORDER BY pk").fetchall(),
            "event_reports": conn.execute("SELECT pk, report_id, article_pk, category, country_code,"
                                          " first_day, last_day, record FROM event_reports ORDER BY pk").fetchall(),
            "actors": conn.execute("SELECT * FROM actors ORDER BY pk").fetchall(),
        }


def test_ingesting_the_corpus_touches_nothing_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "bad.db"
    store = Store.open(f"sqlite:///{db}")
    for article_id in ("a1", "a2", "a3"):
        assert ingest_article(store, make_article(article_id), standard_events()).status == "ok"
    before = _rows(db)
    monkeypatch.setattr(cli_store, "load_pipeline", lambda _settings: CheckingExtractor())
    result = CliRunner().invoke(_cli(), ["ingest", str(BAD), "--db", f"sqlite:///{db}"])
    assert result.exit_code == 0, result.output
    unreadable = [n for n, (o, _) in EXPECTED.items() if o == "unreadable"]
    lines = result.output.splitlines()
    for name in unreadable:
        (line,) = [line for line in lines if f"cannot read {BAD / name}: " in line]
        assert EXPECTED[name][1] in line
    for number, (outcome, words) in JSONL_EXPECTED.items():
        if outcome == "unreadable":
            (line,) = [line for line in lines if f"batch.jsonl, line {number}: " in line]
            assert words in line
    after = _rows(db)
    for table, rows in before.items():
        assert after[table][:len(rows)] == rows, f"{table} rows already stored were changed"
    for name in ("french.txt", "russian.txt", "arabic.txt"):
        stored = get_article(store, name)
        assert stored.status == "failed" and "skipped" in stored.error
        assert stored.raw == (BAD / name).read_text(encoding="utf-8")  # the raw input is kept
    assert get_article(store, "good-1").status == "ok"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    again = CliRunner().invoke(_cli(), ["ingest", str(BAD), "--db", f"sqlite:///{db}"])
    assert _rows(db) == after and "0 failed" in again.output  # a rerun stores nothing twice


def test_post_of_a_foreign_article_is_stored_with_the_reason(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from warmonitor.api import create_app

    store = Store.open(f"sqlite:///{tmp_path / 'api.db'}")
    client = TestClient(create_app(Settings(token="t"), store=store, pipeline=CheckingExtractor()))
    auth = {"Authorization": "Bearer t"}
    texts = [(BAD / "french.txt").read_text(encoding="utf-8"), make_article("a1").text]
    answer = client.post("/articles", headers=auth, json={"articles": [
        {"id": "fr", "text": texts[0]}, {"id": "a1", "text": texts[1]},
        {"id": "future", "text": texts[1] + " Again.", "published": "3000-01-06"}]})
    results = answer.json()["articles"]
    assert [(r["id"], r["status"]) for r in results] == [("fr", "failed"), ("a1", "ok"), ("future", "failed")]
    assert "language looks like 'fr'" in results[0]["error"] and "cannot be a publication date" in results[2]["error"]
    assert get_article(store, "fr").raw == texts[0]


@pytest.mark.model
@pytest.mark.gazetteer
def test_the_real_pipeline_on_the_corpus(pipeline: Pipeline) -> None:
    articles = [item for item in read_articles([BAD]) if isinstance(item, Article)]
    absurd = Article(id="year-3000", text="Troops shelled the town on Monday, killing 1e308 people. "
                     "Rebels said 3 fighters were killed next week.", published=date(3000, 1, 6))
    outcomes = dict((article.id, result) for article, result in pipeline.extract_many([*articles, absurd]))
    for name in ("french.txt", "russian.txt", "arabic.txt"):
        assert isinstance(outcomes[name], ForeignLanguageError)
    records = [event.to_dict() for result in outcomes.values() if isinstance(result, list) for event in result]
    assert records and all(record_problems(record) == [] for record in records)
    assert all(r["dead"] is None or r["dead"] < 10**6 for r in records)
    assert not any(r["dead"] and r["dead"] > 1000 for r in records if "1e308" in r["text"])
