"""Plain-text articles: decoding bytes from disk, publication dates, and `article_from_text`."""
from __future__ import annotations

import codecs
import logging
import re
from datetime import date, datetime, timedelta

from ..errors import InputError
from ..models import Article
from .clean import find_title

logger = logging.getLogger(__name__)

_BINARY_PROBE = 8192
#: Control characters that never occur in news text (tab, newline and carriage return do).
_CONTROL = frozenset(chr(code) for code in range(32) if chr(code) not in "\t\n\r")
#: The first character no article holds: a control character or a lone UTF-16 surrogate.
_BAD_CHAR = re.compile("[" + "".join(sorted(_CONTROL)) + "\ud800-\udfff]")
#: A publication date this many days after today is a mistake (time zones allow one day).
MAX_DAYS_AHEAD = 1
MIN_YEAR = 1800


def _legacy_bytes(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes that are not UTF-8 as cp1252 (latin-1 for its five holes)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start:error.end]
    return "".join(_cp1252(bytes([byte])) for byte in bad), error.end


def _cp1252(byte: bytes) -> str:
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:
        return byte.decode("latin-1")


codecs.register_error("warmonitor-legacy", _legacy_bytes)


def decode_bytes(raw: bytes, *, source: str) -> str:
    """Text from bytes: UTF-8 (BOM stripped); bytes that are not UTF-8 are read as cp1252,
    with a warning, so a file mixing both encodings keeps its UTF-8 parts intact.

    Raises InputError for an empty or binary file.
    """
    if not raw.strip():
        raise InputError(f"{source}: the file is empty")
    if b"\x00" in raw[:_BINARY_PROBE]:
        raise InputError(f"{source}: the file looks binary (it holds NUL bytes); give a UTF-8 text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("utf-8-sig", errors="warmonitor-legacy")
        logger.warning("%s: not valid UTF-8 throughout; the bytes that are not were read as cp1252", source)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{source}: the file holds only blanks")
    check_text(text, source=source)
    return text


def check_text(text: str, *, source: str) -> None:
    """Raise InputError for text no news article holds: NUL and other control characters
    (a binary file), or lone UTF-16 surrogates (from a bad JSON escape such as "\\ud800")."""
    found = _BAD_CHAR.search(text)
    if found is not None:
        raise InputError(f"{source}: the text holds the character U+{ord(found.group()):04X}, which no "
                         "article holds; give clean UTF-8 text")


def parse_published(value: object, *, source: str = "input") -> date | None:
    """A publication date from a string in any common form, a date, or None.

    ISO strings ("2020-02-06", "2020-02-06T10:00:00Z") are read directly; others
    ("December 7, 2019", "7 Dec 2019", RFC 822 "Sat, 07 Dec 2019 10:00:00 +0000") by
    `dateparser`, absolute dates only. The day is the one written in the value (no
    time-zone shift). A value that gives no day, month and year ("12:01 PM, December 7",
    "yesterday") is logged as a warning and gives None: the article is read without a
    publication date. A date that cannot be a publication date raises InputError.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return check_published(value.date(), source=source)
    if isinstance(value, date):
        return check_published(value, source=source)
    if not isinstance(value, str):
        raise InputError(f"{source}: published must be a date string, not {value!r}")
    cleaned = value.strip()
    day = _iso_day(cleaned)
    if day is None and cleaned and not _ISO_LIKE.match(cleaned):
        day = _written_day(cleaned)
    if day is None:
        logger.warning("%s: published %r gives no full date (day, month and year); read without one",
                       source, value)
        return None
    return check_published(day, source=source)


#: A value starting like an ISO date: never handed to dateparser, which would read
#: "2020-13-45" some other way.
_ISO_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
#: dateparser settings: absolute dates only ("yesterday" is no publication date), and all
#: of day, month and year written.
_DATEPARSER_SETTINGS = {"PARSERS": ["timestamp", "custom-formats", "absolute-time"],
                        "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False,
                        "PREFER_DATES_FROM": "past"}


def _iso_day(text: str) -> date | None:
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("z", "Z")).date()
    except ValueError:
        return None


def _written_day(text: str) -> date | None:
    """The day a date written in words or numbers gives, by dateparser (imported on first use)."""
    import dateparser

    if len(text) > 100 or not any(ch.isdigit() for ch in text):
        return None
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed is not None else None


def check_published(day: date, *, source: str = "input") -> date:
    """`day` when it can be a publication date: not in the future (beyond tomorrow, for time
    zones) nor before 1800. Relative dates ("on Monday") are resolved against it, so an
    absurd one would date every event absurdly."""
    latest = date.today() + timedelta(days=MAX_DAYS_AHEAD)
    if day > latest or day.year < MIN_YEAR:
        raise InputError(f"{source}: published {day.isoformat()} cannot be a publication date "
                         f"(it must be between {MIN_YEAR} and {latest.isoformat()}); check the input")
    return day


def article_from_text(
    text: str,
    *,
    id: str,
    published: date | str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Article:
    """An Article whose text is kept intact; `title` is the given one, else a headline first line.

    >>> article_from_text("Shelling hits Kharkiv\\n\\nRussian forces shelled Kharkiv.", id="a1").title
    'Shelling hits Kharkiv'
    """
    if not text.strip():
        raise InputError(f"{id}: the article has no text")
    check_text(text, source=id)
    return Article(
        id=id,
        text=text,
        published=parse_published(published, source=id),
        outlet=outlet or None,
        url=url or None,
        title=title or find_title(text),
    )
