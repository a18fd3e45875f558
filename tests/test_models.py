"""The record format: to_dict gives exactly the fields of spec/event-record.md, and reads back."""
from __future__ import annotations

from datetime import date

import pytest

from warmonitor.models import Article, DateSpan, Entity, Event, Place

SPEC_FIELDS = {
    "id", "event", "mode", "context", "cameo", "acled_event_type", "acled_sub_event_type", "actor",
    "recipient", "event_text", "date", "enddate", "date_precision", "date_text", "event_loc", "dead",
    "injured", "arrested", "size", "text", "attribution", "article", "reports", "confidence",
}


def make_event(**changes) -> Event:
    base = Event(
        event="ASSAULT", mode="heavy-weapons", cameo="194",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Shelling/artillery/missile attack",
        actor=(Entity("Turkish artillery", "Military Forces of Turkey", "TUR", "MIL"),),
        recipient=(Entity("government forces", "Military Forces of Syria", "SYR", "MIL"),),
        event_text="shelled", date=DateSpan(date(2020, 2, 6), None, "day", "on Thursday"),
        event_loc=Place("Saraqeb", "Saraqib", 170651, "SY", "Idlib", 35.86, 36.80, "point"),
        dead=3, text="Turkish artillery shelled government forces on Thursday.",
        attribution=("witnesses",),
        article=Article("a1", "", date(2020, 2, 6), "Wire", None, "Title"), sentences=(2,),
    )
    return base.with_(**changes).with_stable_id()


def test_record_has_exactly_the_spec_fields():
    record = make_event().to_dict()
    # every spec field, and beside them only the documented extras: where the record was read
    assert SPEC_FIELDS <= set(record) and set(record) - SPEC_FIELDS <= {"sentences", "evidence"}
    assert set(record["actor"][0]) == {"entity_text", "name", "code", "sector"}
    assert {"place_text", "name", "geonameid", "country_code", "admin1", "lat", "lon", "precision"} <= set(record["event_loc"])
    assert set(record["article"]) == {"id", "outlet", "url", "title", "published"}


def test_round_trip_keeps_every_field():
    event = make_event()
    again = Event.from_dict(event.to_dict())
    assert again.to_dict() == event.to_dict()


@pytest.mark.parametrize("change", [{"event": "COERCE"}, {"text": "Another sentence."}, {"event_text": "struck"}])
def test_id_is_stable_and_discriminating(change):
    assert make_event().id == make_event().id
    assert make_event(**change).id != make_event().id


def test_unknown_date_serializes_as_null():
    record = make_event(date=DateSpan.unknown()).to_dict()
    assert record["date"] is None and record["date_precision"] == "unknown"


def test_the_filing_place_is_kept_in_the_article_block_and_read_back():
    article = Article("a1", "", date(2020, 2, 6), "Wire", None, "Title", filed_from="SRINAGAR, India", filed_by="AP")
    record = make_event(article=article).to_dict()
    assert record["article"]["filed_from"] == "SRINAGAR, India" and record["article"]["filed_by"] == "AP"
    again = Event.from_dict(record)
    assert again.article is not None and (again.article.filed_from, again.article.filed_by) == ("SRINAGAR, India", "AP")
    assert again.to_dict() == record
