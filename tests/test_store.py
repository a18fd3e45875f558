"""The store on both backends (a real SQLite file and a real PostgreSQL server): raw article
first, dedupe by content hash, failed extractions kept and reprocessed, and every filter."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from event_factory import ALEPPO as ALEPPO_PLACE
from event_factory import (
    SARAQEB,
    FakeExtractor,
    make_article,
    make_event,
    standard_events,
)
from pg import new_database, postgres_server  # noqa: F401  (fixture)

from warmonitor.errors import InputError
from warmonitor.models import Article, Event
from warmonitor.store import (
    EventFilter,
    Store,
    get_article,
    get_event,
    ingest_article,
    list_actors,
    reprocess,
    search_events,
    timeline,
)
from warmonitor.store.queries import iter_events


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'warmonitor.db'}"
    else:
        url = new_database(request.getfixturevalue("postgres_server"))
    opened = Store.open(url)
    yield opened
    opened.close()


@pytest.fixture
def filled(store: Store) -> Store:
    extractor = standard_events()
    for article_id in ("a1", "a2", "a3"):
        assert ingest_article(store, make_article(article_id), extractor).status == "ok"
    return store


def test_article_stored_raw_with_hash_and_events(store: Store) -> None:
    article = make_article("a1")
    result = ingest_article(store, article, standard_events(), raw="<p>" + article.text + "</p>",
                            raw_format="html")
    assert result.status == "ok" and len(result.events) == 2
    stored = get_article(store, "a1")
    assert stored is not None and stored.raw.startswith("<p>") and stored.raw_format == "html"
    assert len(stored.content_hash) == 64 and stored.status == "ok"
    assert store.counts() == {"articles": 1, "events": 2}


def test_same_article_twice_is_stored_once(store: Store) -> None:
    extractor = standard_events()
    first = ingest_article(store, make_article("a1"), extractor)
    again = ingest_article(store, make_article("a1"), extractor)
    renamed = ingest_article(store, make_article("a1").__class__(
        id="other-name", text=make_article("a1").text), extractor)
    assert again.duplicate and renamed.duplicate and renamed.article_id == "a1"
    assert [e["id"] for e in again.events] == [e["id"] for e in first.events]
    assert extractor.calls == ["a1"]
    assert store.counts() == {"articles": 1, "events": 2}


def test_same_id_other_content_is_refused(store: Store) -> None:
    ingest_article(store, make_article("a1"), standard_events())
    clash = ingest_article(store, make_article("a1", "Another text entirely."), standard_events())
    assert clash.status == "failed" and "already stored" in clash.error
    assert store.counts()["articles"] == 1


def test_failed_extraction_is_kept_and_reprocessed(store: Store) -> None:
    article = make_article("a9")
    failing = FakeExtractor(failing={"a9"})
    result = ingest_article(store, article, failing)
    assert result.status == "failed" and "cannot code" in result.error
    assert get_article(store, "a9").status == "failed"
    fixed = FakeExtractor({"a9": [make_event(article)]})
    results = list(reprocess(store, fixed))
    assert [(r.article_id, r.status, len(r.events)) for r in results] == [("a9", "ok", 1)]
    assert get_article(store, "a9").status == "ok" and store.counts()["events"] == 1
    assert list(reprocess(store, fixed)) == []
    again = list(reprocess(store, fixed, all_articles=True))
    assert len(again) == 1 and store.counts()["events"] == 1


def test_reprocess_all_replaces_events(filled: Store) -> None:
    fewer = FakeExtractor({"a1": [make_event(make_article("a1"))]})
    results = list(reprocess(filled, fewer, all_articles=True))
    assert len(results) == 3
    assert filled.counts() == {"articles": 3, "events": 1}
    assert search_events(filled, EventFilter(q="shelled")).total == 1


@pytest.mark.parametrize("flt, expected_texts", [
    (EventFilter(), ["Hundreds", "Rebel", "Syrian", "Turkish"]),
    (EventFilter(country="SY"), ["Rebel", "Syrian", "Turkish"]),
    (EventFilter(country="IRQ"), ["Hundreds"]),
    (EventFilter(start=date(2020, 2, 10), end=date(2020, 2, 29)), ["Rebel"]),
    (EventFilter(bbox=(36.5, 35.5, 37.0, 36.0)), ["Syrian", "Turkish"]),
    (EventFilter(categories=("ASSAULT", "PROTEST")), ["Hundreds", "Rebel", "Syrian"]),
    (EventFilter(acled_type="Battles"), ["Rebel"]),
    (EventFilter(admin1="Idlib", categories=("REQUEST",)), ["Turkish"]),
    (EventFilter(actor="turkish"), ["Turkish"]),
    (EventFilter(actor="Military Forces of Syria"), ["Rebel", "Syrian", "Turkish"]),
    (EventFilter(actor_code="irq"), ["Hundreds"]),
    (EventFilter(actor_sector="REB"), ["Rebel"]),
    (EventFilter(q="protesters marching"), ["Hundreds"]),
    (EventFilter(q="shelling"), ["Syrian"]),
    (EventFilter(q='withdraw "Saraqeb"'), ["Turkish"]),
    (EventFilter(q="NEAR(withdraw"), []),
    (EventFilter(min_dead=5), ["Rebel"]),
    (EventFilter(min_dead=1, country="SYR"), ["Rebel", "Syrian"]),
])
def test_filters(filled: Store, flt: EventFilter, expected_texts: list[str]) -> None:
    page = search_events(filled, flt)
    assert sorted(e["text"].split()[0] for e in page.events) == expected_texts
    assert page.total == len(expected_texts)


@pytest.mark.parametrize("sort, first_words", [
    ("-date", ["Hundreds", "Rebel"]),
    ("date", ["Syrian", "Turkish"]),
    ("-dead", ["Rebel", "Syrian"]),
    ("dead", ["Syrian", "Rebel"]),
])
def test_sort_and_pagination(filled: Store, sort: str, first_words: list[str]) -> None:
    page = search_events(filled, EventFilter(sort=sort, limit=2))
    assert page.total == 4 and [e["text"].split()[0] for e in page.events] == first_words
    rest = search_events(filled, EventFilter(sort=sort, limit=2, offset=2))
    assert rest.total == 4 and len(rest.events) == 2
    assert len(list(iter_events(filled, EventFilter(sort=sort), batch=3))) == 4


@pytest.mark.parametrize("kwargs", [
    {"sort": "size"}, {"limit": 0}, {"limit": 5000}, {"categories": ("FIGHT",)},
    {"country": "XX"}, {"bbox": (40.0, 30.0, 30.0, 40.0)},
])
def test_bad_filters_are_refused(kwargs: dict) -> None:
    with pytest.raises(InputError):
        EventFilter(**kwargs)


def test_stored_record_round_trips(filled: Store) -> None:
    article = make_article("a1")
    expected = make_event(article).to_dict()
    record = get_event(filled, expected["id"])
    sources = record.pop("sources")
    assert record == expected
    assert sources[0]["article"]["id"] == "a1" and sources[0]["attribution"] == ["a monitoring group"]
    assert get_event(filled, "no-such-id") is None


class _FiledExtractor:
    """The standard shelling, told by an article the cleaner found filed from Beirut."""

    def extract_article(self, article: Article) -> list[Event]:
        return [make_event(replace(article, filed_from="BEIRUT", filed_by="Reuters"))]


def test_the_filing_place_is_stored_with_the_record_and_its_source(store: Store) -> None:
    result = ingest_article(store, make_article("a1"), _FiledExtractor())
    record = get_event(store, result.events[0]["id"])
    assert record["article"]["filed_from"] == "BEIRUT"
    assert record["sources"][0]["article"]["filed_from"] == "BEIRUT"
    assert record["sources"][0]["article"]["filed_by"] == "Reuters"


def test_actors_and_timeline(filled: Store) -> None:
    named = {(a["name"], a["sector"]): a["events"] for a in list_actors(filled)}
    assert named[("Military Forces of Syria", "MIL")] == 3
    assert named[("civilians", "CVL")] == 1
    assert [a["name"] for a in list_actors(filled, q="turk")] == ["Military Forces of Turkey"]
    days = timeline(filled, EventFilter(country="SY"))
    assert days == [
        {"date": "2020-02-05", "total": 2, "counts": {"ASSAULT": 1, "REQUEST": 1}},
        {"date": "2020-02-12", "total": 1, "counts": {"ASSAULT": 1}},
    ]
    weeks = timeline(filled, EventFilter(), interval="week")
    assert [(w["date"], w["total"]) for w in weeks] == [
        ("2020-02-03", 2), ("2020-02-10", 1), ("2020-02-24", 1)]


def test_postgis_used_where_installed(store: Store) -> None:
    assert store.postgis == (store.backend == "postgresql" and _postgis_installed())
    ingest_article(store, make_article("a1"), standard_events())
    lon, lat = SARAQEB.lon, SARAQEB.lat
    page = search_events(store, EventFilter(bbox=(lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01)))
    assert page.total == 2


def _postgis_installed() -> bool:
    import glob

    return bool(glob.glob("/usr/share/postgresql/*/extension/postgis.control"))


def test_schema_migrations_go_down_and_up(store: Store) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from warmonitor.store.engine import alembic_config, migrate

    ingest_article(store, make_article("a1"), standard_events())
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    store.actor_pks.clear()  # the cached actor keys went with the tables
    assert "events" not in inspect(store.engine).get_table_names()
    migrate(store.engine)
    migrate(store.engine)
    assert store.counts() == {"articles": 0, "events": 0}
    ingest_article(store, make_article("a1"), standard_events())
    assert search_events(store, EventFilter(q="shelled")).total == 1


def test_sqlite_file_uses_wal(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "plain-path.db"))
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert (tmp_path / "plain-path.db").exists()


def _wire(article_id: str, published: date = date(2020, 2, 6)):
    return make_article(article_id, f"Report {article_id} of the shelling of Saraqeb.",
                        published=published)


def _shelling_reports() -> FakeExtractor:
    """Three articles on the Saraqeb shelling (tolls 4, 7 and 3 unsourced), one on Aleppo."""
    w1, w2, w3, w4 = (_wire(i, date(2020, 2, 5 + n)) for n, i in enumerate(("w1", "w2", "w3", "w4")))
    return FakeExtractor({
        "w1": [make_event(w1, dead=4)],
        "w2": [make_event(w2, dead=7, text="Artillery hit Saraqeb; seven died.")],
        "w3": [make_event(w3, dead=3, text="Three were killed in Saraqeb.").with_(attribution=())],
        "w4": [make_event(w4, place=ALEPPO_PLACE, text="Shells fell on Aleppo.", dead=1)],
    })


def test_reports_of_one_happening_are_one_event_with_every_source(store: Store) -> None:
    extractor = _shelling_reports()
    for article_id in ("w2", "w4", "w1", "w3"):
        ingest_article(store, _wire(article_id), extractor)
    assert store.counts() == {"articles": 4, "events": 2} and store.report_count() == 4
    (merged,) = search_events(store, EventFilter(admin1="Idlib")).events
    assert merged["reports"] == 3 and merged["article"]["id"] == "w1"
    assert merged["dead"] == 4 and sorted(f["value"] for f in merged["figures"]["dead"]) == [3, 4, 7]
    shown = get_event(store, merged["id"])
    assert [s["article"]["id"] for s in shown["sources"]] == ["w1", "w2", "w3"]
    assert shown["sources"][0]["merged_with"] is None
    assert all(s["merged_with"] and "km apart" in s["why"]["place"] for s in shown["sources"][1:])
    w3_report = ingest_article(store, _wire("w3"), extractor).events[0]["id"]
    assert get_event(store, w3_report)["id"] == merged["id"]       # a report id finds its event


def test_any_order_gives_the_same_events(store: Store, tmp_path: Path) -> None:
    from itertools import permutations

    seen = set()
    for number, order in enumerate(list(permutations(("w1", "w2", "w3", "w4")))[::5]):
        fresh = Store.open(f"sqlite:///{tmp_path / f'order{number}.db'}") if number else store
        extractor = _shelling_reports()
        for article_id in order:
            ingest_article(fresh, _wire(article_id), extractor)
        events = sorted(iter_events(fresh, EventFilter()), key=lambda e: e["id"])
        seen.add(repr(events))
    assert len(seen) == 1


def test_reprocess_undoes_a_merge(store: Store) -> None:
    extractor = _shelling_reports()
    for article_id in ("w1", "w2", "w3"):
        ingest_article(store, _wire(article_id), extractor)
    assert store.counts()["events"] == 1
    moved = FakeExtractor({**extractor.events_by_article, "w2": [
        make_event(_wire("w2"), place=ALEPPO_PLACE, text="Artillery hit Aleppo.")]})
    assert len(list(reprocess(store, moved, all_articles=True))) == 3
    assert store.counts() == {"articles": 3, "events": 2} and store.report_count() == 3
    reports = sorted(e["reports"] for e in iter_events(store, EventFilter()))
    assert reports == [1, 2]


def test_upgrade_from_0001_keeps_each_event_as_its_own_report(store: Store) -> None:
    from alembic import command

    from warmonitor.store.engine import alembic_config, migrate

    extractor = _shelling_reports()
    for article_id in ("w1", "w4"):
        ingest_article(store, _wire(article_id), extractor)
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    migrate(store.engine)
    assert store.counts() == {"articles": 2, "events": 2} and store.report_count() == 2
    ingest_article(store, _wire("w2"), extractor)                 # merges into w1's event
    assert store.counts()["events"] == 2 and store.report_count() == 3


class _OneHappening:
    """Every article tells the same shelling of Saraqeb; articles named far-* tell one in Aleppo."""

    def extract_article(self, article):
        if article.id.startswith("far-"):
            return [make_event(article, place=ALEPPO_PLACE, text=f"Forces shelled Aleppo ({article.id}).")]
        return [make_event(article, text=f"Forces shelled Saraqeb ({article.id}).")]


def test_a_happening_told_by_many_outlets_stays_one_event(store: Store) -> None:
    """Past the regroup limit (64 reports) new reports attach to the event instead of
    re-clustering it whole; the event keeps every report, a contradicting one stays apart."""
    extractor = _OneHappening()
    for number in range(80):
        assert ingest_article(store, make_article(f"wire-{number:03d}"), extractor).status == "ok"
    ingest_article(store, make_article("far-1"), extractor)
    page = search_events(store, EventFilter(limit=10))
    reports = sorted(record["reports"] for record in page.events)
    assert page.total == 2 and reports == [1, 80]
    saraqeb = next(record for record in page.events if record["reports"] == 80)
    assert saraqeb["id"] == get_event(store, saraqeb["id"])["id"]
    assert len(get_event(store, saraqeb["id"])["sources"]) == 80


def test_a_migration_cut_short_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's driver commits each CREATE TABLE on its own unless told otherwise: an ingest
    killed during the first upgrade used to leave tables without a schema version, and
    every later open failed on "table articles already exists"."""
    import sqlite3

    import alembic.op

    from warmonitor.store.engine import make_engine, migrate

    path = tmp_path / "cut.db"
    engine = make_engine(f"sqlite:///{path}")

    def killed(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("killed during the upgrade")

    with monkeypatch.context() as patch:
        patch.setattr(alembic.op, "create_index", killed)
        with pytest.raises(RuntimeError, match="killed"):
            migrate(engine)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall() == []
    engine.dispose()
    store = Store.open(f"sqlite:///{path}")
    try:
        assert store.counts()["events"] == 0
    finally:
        store.close()
