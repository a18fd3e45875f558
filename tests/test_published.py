"""Publication dates in the forms news pages and feeds write them: parsed, or read as
unknown with a warning, never a refused article."""
from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

import pytest

from warmonitor.errors import InputError
from warmonitor.ingest import read_articles
from warmonitor.models import Article
from warmonitor.ingest.text import parse_published


@pytest.mark.parametrize(("value", "expected"), [
    ("December 7, 2019", date(2019, 12, 7)),
    ("7 Dec 2019", date(2019, 12, 7)),
    ("DEC. 14, 2016", date(2016, 12, 14)),
    ("8:56 AM, Dec 13, 2016", date(2016, 12, 13)),
    ("Sat, 07 Dec 2019 10:00:00 +0000", date(2019, 12, 7)),   # RFC 822, as feeds write it
    ("Thu, 06 Feb 2020 23:30:00 -0800", date(2020, 2, 6)),   # the day written, no shift
    ("2016 Oct 17", date(2016, 10, 17)),
    ("11/28/2016", date(2016, 11, 28)),
    ("2020-02-06T10:00:00Z", date(2020, 2, 6)),
])
def test_common_forms_are_parsed(value: str, expected: date) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["12:01 PM, December 7", "Wed Nov 23", "7:58 AM ET", "17 Decembe",
                                   "yesterday", "2020-13-45", "no date at all"])
def test_partial_or_unparseable_dates_warn_and_give_none(value: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert parse_published(value, source="a.jsonl:1") is None
    assert "a.jsonl:1" in caplog.text and "no full date" in caplog.text


def test_an_impossible_date_is_still_refused() -> None:
    with pytest.raises(InputError, match="cannot be a publication date"):
        parse_published("January 6, 3000")


def test_jsonl_rows_with_any_published_are_read(tmp_path: Path) -> None:
    rows = [{"id": "a", "text": "Shelling hit Homs.", "published": "12:01 PM, December 7"},
            {"id": "b", "text": "Shelling hit Hama.", "published": "7 Dec 2019"}]
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    articles = [item for item in read_articles([path]) if isinstance(item, Article)]
    assert [(a.id, a.published) for a in articles] == [("a", None), ("b", date(2019, 12, 7))]
