"""Plain-text articles: decoding bytes from disk, publication dates, and `article_from_text`."""
from __future__ import annotations

import logging
from datetime import date, datetime

from ..errors import InputError
from ..models import Article
from .clean import find_title

logger = logging.getLogger(__name__)

_BINARY_PROBE = 8192


def decode_bytes(raw: bytes, *, source: str) -> str:
    """Text from bytes: UTF-8 (BOM stripped), else cp1252 or latin-1 with a warning.

    Raises InputError for an empty or binary file.
    """
    if not raw.strip():
        raise InputError(f"{source}: the file is empty")
    if b"\x00" in raw[:_BINARY_PROBE]:
        raise InputError(f"{source}: the file looks binary (it holds NUL bytes); give a UTF-8 text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        for encoding in ("cp1252", "latin-1"):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                continue
            logger.warning("%s: not valid UTF-8, read as %s", source, encoding)
            break
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{source}: the file holds only blanks")
    return text


def parse_published(value: object, *, source: str = "input") -> date | None:
    """A publication date from an ISO string ("2020-02-06", "2020-02-06T10:00:00Z"), a date, or None.

    The day is the one written in the value (no time-zone shift). Raises InputError for a
    value that is not an ISO date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise InputError(f"{source}: published must be an ISO date string, not {value!r}")
    cleaned = value.strip()
    try:
        if len(cleaned) == 10:
            return date.fromisoformat(cleaned)
        return datetime.fromisoformat(cleaned.replace("z", "Z")).date()
    except ValueError as exc:
        raise InputError(f"{source}: published {value!r} is not an ISO date such as 2020-02-06") from exc


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
    return Article(
        id=id,
        text=text,
        published=parse_published(published, source=id),
        outlet=outlet or None,
        url=url or None,
        title=title or find_title(text),
    )
