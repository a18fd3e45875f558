"""Exports: JSONL round-trips records, ACLED CSV has ACLED's columns in ACLED's order with
the sentence as notes, GeoJSON points, PLOVER fields only."""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from event_factory import ALEPPO, REBELS, SYRIAN_ARMY, make_article, make_event
from hypothesis import given, settings
from hypothesis import strategies as st

from warmonitor.errors import InputError
from warmonitor.store.export import (
    ACLED_COLUMNS,
    acled_row,
    read_jsonl,
    to_geojson,
    write_export,
)
from warmonitor.models import Event

ARTICLE = make_article("x1")
SHELLING = make_event(ARTICLE).to_dict()
CLASH = make_event(ARTICLE, day=date(2020, 2, 12), place=ALEPPO, actor=(REBELS, SYRIAN_ARMY),
                   recipient=(), dead=None, acled=("Battles", "Armed clash"),
                   text="  Rebel fighters\nclashed with government troops near Aleppo. ").to_dict()


def test_jsonl_round_trips() -> None:
    out = io.StringIO()
    assert write_export([SHELLING, CLASH], out, fmt="jsonl") == 2
    back = read_jsonl(out.getvalue().splitlines())
    assert [event.to_dict() for event in back] == [SHELLING, CLASH]


@given(dead=st.one_of(st.none(), st.integers(0, 10_000)), words=st.text(min_size=1, max_size=60),
       day=st.dates(date(1990, 1, 1), date(2030, 12, 31)))
@settings(max_examples=40, deadline=None)
def test_jsonl_round_trips_any_text(dead: int | None, words: str, day: date) -> None:
    record = make_event(ARTICLE, dead=dead, text=words, day=day).to_dict()
    out = io.StringIO()
    write_export([record], out, fmt="jsonl")
    assert read_jsonl(out.getvalue().splitlines())[0].to_dict() == record


def test_read_jsonl_names_the_bad_line() -> None:
    with pytest.raises(InputError, match="line 2"):
        read_jsonl([json.dumps(SHELLING), '{"no": "event"}'])


def test_acled_csv_columns_and_values() -> None:
    out = io.StringIO()
    write_export([SHELLING, CLASH], out, fmt="acled-csv")
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS and ACLED_COLUMNS[0] == "event_id_cnty"
    assert ACLED_COLUMNS[-4:] == ("notes", "fatalities", "tags", "timestamp")
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["event_id_cnty"] == "SYR" + SHELLING["id"]
    assert (first["event_date"], first["year"], first["time_precision"]) == ("2020-02-05", "2020", "1")
    assert first["disorder_type"] == "Political violence"
    assert first["event_type"] == "Explosions/Remote violence"
    assert (first["actor1"], first["inter1"]) == ("Military Forces of Syria", "State forces")
    assert (first["actor2"], first["inter2"]) == ("civilians", "Civilians")
    assert first["interaction"] == "State forces-Civilians"
    assert first["civilian_targeting"] == "Civilian targeting"
    assert (first["iso"], first["country"], first["admin1"]) == ("760", "Syria", "Idlib")
    assert first["region"] == "Middle East"
    assert (first["location"], first["latitude"], first["geo_precision"]) == ("Saraqib", "35.8623", "1")
    assert first["notes"] == SHELLING["text"] and first["fatalities"] == "4"
    assert first["source"] == "Test Wire"


@pytest.mark.parametrize("record, column, expected", [
    (CLASH, "notes", "Rebel fighters clashed with government troops near Aleppo."),
    (CLASH, "assoc_actor_1", "Military Forces of Syria"),
    (CLASH, "actor2", ""),
    (CLASH, "fatalities", 0),
    (CLASH, "civilian_targeting", ""),
    (CLASH, "interaction", "Rebel group"),
    ({**SHELLING, "event_loc": None}, "country", ""),
    ({**SHELLING, "date": None, "date_precision": "unknown"}, "year", ""),
])
def test_acled_row_cases(record: dict, column: str, expected: object) -> None:
    assert acled_row(record)[column] == expected


def test_geojson_points_and_properties() -> None:
    unplaced = {**CLASH, "event_loc": None}
    collection = to_geojson([SHELLING, unplaced])
    first, second = collection["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [36.8045, 35.8623]}
    assert first["properties"] == SHELLING and second["geometry"] is None


def test_plover_export_keeps_plover_fields_only() -> None:
    out = io.StringIO()
    write_export([SHELLING], out, fmt="plover")
    (item,) = json.loads(out.getvalue())
    assert item["event"] == "ASSAULT" and item["actor"] == SHELLING["actor"]
    assert "cameo" not in item and "acled_event_type" not in item
    assert Event.from_dict(item).event_text == "shelled"


def test_unknown_format_is_refused() -> None:
    with pytest.raises(InputError, match="unknown export format"):
        write_export([], io.StringIO(), fmt="xlsx")


@pytest.mark.parametrize("content, message", [
    ("Middle East\tSY,IQ\nEurope\tsy\n", ":2:"),
    ("Middle East SY\n", ":1:"),
    ("Middle East\tSY\nEurope\tSY\n", "already in Middle East"),
])
def test_region_file_errors_name_the_line(tmp_path: Path, content: str, message: str) -> None:
    from warmonitor.errors import DataFileError
    from warmonitor.store.countries import acled_regions

    path = tmp_path / "regions.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        acled_regions(path)


def test_shipped_regions_cover_the_usual_countries() -> None:
    from warmonitor.store.countries import acled_regions

    regions = acled_regions()
    assert (regions["SY"], regions["UA"], regions["ML"], regions["MX"]) == (
        "Middle East", "Europe", "Western Africa", "Central America")
