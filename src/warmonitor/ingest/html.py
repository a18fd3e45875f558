"""HTML pages: the main text, title, outlet, URL and publication date, taken out with trafilatura."""
from __future__ import annotations

from datetime import date
from typing import Any

from ..errors import InputError
from ..models import Article
from .text import parse_published

# Only the page's own metadata gives the date: no guessing from the body text or the URL.
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}


def extract_html(html: str | bytes, *, url: str | None = None) -> dict[str, Any]:
    """Trafilatura's main text and metadata of a page as a dict (text, title, date, sitename, url).

    Paragraphs come back separated by blank lines. Raises InputError when no main text is found.
    """
    import trafilatura  # heavy import, done only when HTML is read

    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if document is None:
        raise InputError("no main text found in the HTML page")
    fields = document if isinstance(document, dict) else document.as_dict()
    text = fields.get("text") or ""
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    if not paragraphs:
        raise InputError("no main text found in the HTML page")
    return {
        "text": "\n\n".join(paragraphs),
        "title": (fields.get("title") or "").strip() or None,
        "date": fields.get("date") or None,
        "sitename": (fields.get("sitename") or "").strip() or None,
        "url": fields.get("url") or None,
    }


def article_from_html(
    html: str | bytes,
    *,
    id: str,
    published: date | str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Article:
    """An Article from a page: main text and metadata from the page, the options filling what it lacks.

    The page's own title, date, site name and URL win over the options; the text starts with the
    page's headline when trafilatura keeps it (the cleaner takes it off again).
    """
    try:
        page = extract_html(html, url=url)
    except InputError as exc:
        raise InputError(f"{id}: {exc}") from exc
    page_date = parse_published(page["date"], source=id) if page["date"] else None
    return Article(
        id=id,
        text=page["text"],
        published=page_date or parse_published(published, source=id),
        outlet=page["sitename"] or outlet or None,
        url=page["url"] or url or None,
        title=page["title"] or title or None,
    )
