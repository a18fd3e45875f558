"""Property-based tests (Hypothesis) of what reads untrusted text: the cleaner, the byte
decoder, the publication-date, date and number parsers, the JSONL reader, the filters of
GET /events, and the record serializer. Each holds for every input Hypothesis tries: no
unhandled exception, only the project's InputError where refusing is right, and records
always valid against spec/event-record.md. Bounded: a few seconds each."""
from __future__ import annotations

import json
import string
import warnings
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from warmonitor.dates.mentions import find_dates
from warmonitor.errors import ExtractionError, InputError
from warmonitor.ingest import ReadFailure, clean_text, find_title, match_dateline, read_articles
from warmonitor.ingest.text import decode_bytes, parse_published
from warmonitor.models import (
    DATE_PRECISIONS, PLACE_PRECISIONS, PLOVER_CATEGORIES, SECTORS, Article, DateSpan, Entity, Event,
    Place,
)
from warmonitor.nlp.numbers import MAX_COUNT, parse_number
from warmonitor.store.validate import record_problems

BOUNDED = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SMALL = settings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

NEWS_WORDS = ["on", "Monday", "last", "week", "Tuesday", "killed", "at", "least", "1e308", "dozens",
              "three", "hundred", "ago", "days", "since", "March", "2021", "12/31/1999", "in",
              "the", "past", "two", "years", "yesterday", "BEIRUT", "(Reuters)", "-", "Photo:",
              "AFP", "1,000,000,000,000", "-5", "NaN", "inf", "9" * 40, "fortnight", "weekend"]
news_text = st.lists(st.sampled_from(NEWS_WORDS) | st.text(max_size=12), max_size=40).map(" ".join)
any_text = st.text(max_size=400) | news_text
any_day = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@BOUNDED
@given(any_text, st.none() | st.text(max_size=40))
def test_cleaner_never_fails(text: str, title: str | None) -> None:
    cleaned = clean_text(text, title=title)
    assert isinstance(cleaned.text, str) and all(p.strip() for p in cleaned.paragraphs)
    find_title(text)
    for line in text.splitlines()[:5]:
        match_dateline(line)


@BOUNDED
@given(st.binary(max_size=600))
def test_decoder_gives_text_or_a_clear_error(raw: bytes) -> None:
    try:
        text = decode_bytes(raw, source="x.txt")
    except InputError as exc:
        assert str(exc).startswith("x.txt: ")
        return
    assert text.strip() and "\r" not in text and "\x00" not in text
    text.encode("utf-8")  # always writable: no lone surrogates


@BOUNDED
@given(st.text(max_size=40) | any_day.map(date.isoformat))
def test_publication_date_is_a_plausible_date_or_a_clear_error(value: str) -> None:
    try:
        day = parse_published(value)
    except InputError as exc:
        assert "published" in str(exc)
        return
    assert day is None or (1800 <= day.year and day <= date.today().replace(year=date.today().year + 1))


@BOUNDED
@given(news_text, st.none() | any_day)
def test_dates_resolve_against_any_publication_date(text: str, published: date | None) -> None:
    for mention in find_dates(text, published):
        span = mention.span
        assert span.precision in DATE_PRECISIONS
        if span.date and span.enddate:
            assert span.enddate >= span.date
        if published is None:
            assert span.date is None or span.precision not in ("unknown",)


@pytest.mark.parametrize("published", [date(3000, 1, 6), date(9999, 12, 31), date(1, 1, 1)])
@pytest.mark.parametrize("text", ["on Monday", "next week", "last month", "in the past 9999 years",
                                  "three days ago", "since 1 AD"])
def test_absurd_publication_dates_never_crash_the_resolver(text: str, published: date) -> None:
    for mention in find_dates(text, published):
        assert mention.span.precision in DATE_PRECISIONS


@BOUNDED
@given(st.text(max_size=100) | st.sampled_from(["1e308", "1e309", "1e-308", "NaN", "inf", "-inf",
                                                 "9" * 400, "1.2e3 killed", "0x10", "1_000"]))
def test_numbers_are_none_or_a_sane_count(text: str) -> None:
    value = parse_number(text)
    assert value is None or (isinstance(value, int) and 0 <= value <= MAX_COUNT)


@pytest.mark.parametrize("text", ["1e308", "1e308 killed", "1e309", "10e99999", "NaN", "inf"])
def test_scientific_notation_is_not_a_death_toll(text: str) -> None:
    assert parse_number(text) is None


@SMALL
@given(st.lists(st.binary(max_size=120) | st.text(max_size=120).map(str.encode)
                | st.builds(lambda d: json.dumps(d).encode(), st.dictionaries(
                    st.sampled_from(["id", "text", "html", "published", "title", "outlet"]),
                    st.none() | st.integers() | st.text(max_size=60) | st.lists(st.integers()))),
                max_size=8))
def test_jsonl_reader_reports_each_bad_line_and_goes_on(tmp_path_factory: pytest.TempPathFactory,
                                                        lines: list[bytes]) -> None:
    path = tmp_path_factory.mktemp("jsonl") / "batch.jsonl"
    path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines))
    for item in read_articles([path]):
        assert isinstance(item, (Article, ReadFailure))
        if isinstance(item, ReadFailure):
            assert item.reason and item.source == str(path)


# --- the record serializer ---------------------------------------------------------------------

words = st.text(alphabet=string.ascii_letters + " -'éüالق", min_size=1, max_size=30)
entities = st.builds(Entity, words, st.none() | words,
                     st.none() | st.sampled_from(["SYR", "TUR", "IGO", "NGO", "UKR"]),
                     st.none() | st.sampled_from(SECTORS))
places = st.builds(Place, words, st.none() | words, st.none() | st.integers(1, 10**8),
                   st.none() | st.sampled_from(["SY", "UA", "ML"]), st.none() | words,
                   st.floats(-90, 90), st.floats(-180, 180), st.sampled_from(PLACE_PRECISIONS))
spans = st.builds(lambda day, extra, precision, text: DateSpan(
    day, None if day is None or extra is None else date.fromordinal(min(day.toordinal() + extra, 3652059)),
    precision, text), st.none() | any_day, st.none() | st.integers(0, 4000),
    st.sampled_from(DATE_PRECISIONS), st.none() | st.text(max_size=20))
counts = st.none() | st.integers(0, MAX_COUNT)
articles = st.builds(Article, words, st.just(""), st.none() | any_day, st.none() | words,
                     st.none() | st.text(max_size=30), st.none() | st.text(max_size=60))
events = st.builds(
    Event, st.sampled_from(PLOVER_CATEGORIES), actor=st.lists(entities, max_size=3).map(tuple),
    recipient=st.lists(entities, max_size=3).map(tuple), mode=st.none() | words,
    context=st.lists(words, max_size=3).map(tuple), event_text=st.text(max_size=30), date=spans,
    event_loc=st.none() | places, dead=counts, injured=counts, arrested=counts, size=counts,
    text=st.text(max_size=200), attribution=st.lists(words, max_size=3).map(tuple),
    article=st.none() | articles, reports=st.integers(1, 1000), confidence=st.floats(0, 1),
    sentences=st.lists(st.integers(0, 500), max_size=3).map(tuple),
).map(Event.with_stable_id)


@BOUNDED
@given(events)
def test_every_serialized_record_follows_the_spec_and_reads_back(event: Event) -> None:
    record = event.to_dict()
    assert record_problems(record) == []
    line = json.dumps(record, ensure_ascii=False, allow_nan=False)
    again = Event.from_dict(json.loads(line)).to_dict()
    assert again == record


@pytest.mark.parametrize(("change", "problem"), [
    ({"event": "FIGHT"}, "not a PLOVER category"), ({"dead": -1}, "negative"),
    ({"confidence": 2}, "0..1"), ({"date": "yesterday"}, "ISO date"),
    ({"actor": [{"entity_text": "x", "name": None, "code": "Syria", "sector": None}]}, "alpha-3"),
    ({"dead": 1.5}, "dead must be a integer"),
])
def test_validator_names_what_is_wrong(change: dict, problem: str) -> None:
    record = {**Event("ASSAULT").with_stable_id().to_dict(), **change}
    assert any(problem in p for p in record_problems(record))


STORY_SENTENCES = [
    "Syrian government forces shelled Saraqeb on Monday, killing 1e308 civilians, a monitor said.",
    "Rebels clashed with troops near Aleppo last week, leaving dozens dead.",
    "Police arrested 99999999999999 protesters in Khartoum three days ago, witnesses said.",
    "Hundreds of people demonstrated in Kyiv on Sunday against the new law.",
    "Turkey warned Damascus that it would strike back next week.",
    "BEIRUT (Reuters) - Air strikes hit Idlib in the past 9999 years, killing -5 people.",
    "Photo: AFP", "A roadside bomb killed three soldiers near Kidal since 1 AD.",
]


@pytest.mark.model
@pytest.mark.gazetteer
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(STORY_SENTENCES) | news_text, min_size=1, max_size=5), st.none() | any_day)
def test_records_of_the_real_pipeline_always_follow_the_spec(pipeline, sentences: list[str],
                                                             published: date | None) -> None:
    article = Article(id="prop", text="\n\n".join(sentences), published=published)
    try:
        events = pipeline.extract_article(article)
    except ExtractionError:
        return
    for event in events:
        assert record_problems(event.to_dict()) == []


# --- the filters of GET /events ------------------------------------------------------------------

FILTER_NAMES = ["start", "end", "bbox", "country", "admin1", "category", "acled_type", "actor",
                "actor_code", "actor_sector", "q", "min_dead", "sort", "limit", "offset", "format"]
hostile_values = (st.text(max_size=60) | st.integers(-10**30, 10**30).map(str)
                  | st.sampled_from(["' OR 1=1 --", "1;DROP TABLE events", "nan", "inf,inf,inf,inf",
                                     "-1e400,0,1e400,1", "0001-01-01", "9999-12-31", '"*" NEAR(',
                                     "[" * 300, "{\"$gt\": 1}", "%", "_", "\\", "SY'--"]))


@pytest.fixture(scope="module")
def api_client(tmp_path_factory: pytest.TempPathFactory):
    from event_factory import make_article, standard_events

    from warmonitor.api import create_app
    from warmonitor.config import Settings
    from warmonitor.store import Store, ingest_article

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('prop') / 'api.db'}")
    for article_id in ("a1", "a2", "a3"):
        ingest_article(store, make_article(article_id), standard_events())
    return TestClient(create_app(Settings(token="t"), store=store), raise_server_exceptions=False)


@SMALL
@given(st.dictionaries(st.sampled_from(FILTER_NAMES), hostile_values, max_size=5))
def test_hostile_filters_are_client_errors_never_server_errors(api_client, query: dict) -> None:
    assume(all(len(value) < 2000 for value in query.values()))
    for path in ("/events", "/stats/timeline", "/actors"):
        answer = api_client.get(path, params=query if path != "/actors" else {"q": query.get("q", "")})
        assert answer.status_code in (200, 400, 422), (path, query, answer.text)
        if answer.status_code != 200:
            assert answer.json()["detail"]


def test_ci_runs_a_fixed_derandomized_profile() -> None:
    """With CI set (and no other profile asked for) every run tries the same examples."""
    import os

    if os.environ.get("CI", "").lower() in ("", "0", "false", "no") or os.environ.get("HYPOTHESIS_PROFILE"):
        pytest.skip("the CI profile is loaded only when CI is set")
    assert settings.default.derandomize and settings.default.database is None
    assert settings.default.deadline is None
    assert BOUNDED.derandomize and SMALL.derandomize  # the tests' own settings inherit it


TOLD_TEXTS = [
    "Rebels shelled the town today, killing three. The day before, a drone attack on Odesa killed two people.",
    "Gunmen killed 12 civilians in a village late on Sunday, officials said on Monday. A day later, "
    "militants attacked a checkpoint overnight, and 4 soldiers and 2 police officers were killed.",
    "The war, which began in 2011, has killed 500,000 people. Jets struck the town on Jan. 12, 2030.",
]


@pytest.mark.model
@settings(SMALL, max_examples=30)
@example(published=date(1, 1, 1), text=TOLD_TEXTS[0])
@example(published=date(9999, 12, 31), text=TOLD_TEXTS[1])
@given(published=st.dates(), text=st.sampled_from(TOLD_TEXTS))
def test_no_event_is_dated_after_publication(pipeline, published: date, text: str) -> None:
    for event in pipeline.extract_article(Article(id="p", text=text, published=published)):
        assert event.date.date is None or event.date.date <= published
        assert event.date.enddate is None or event.date.date <= event.date.enddate <= published
