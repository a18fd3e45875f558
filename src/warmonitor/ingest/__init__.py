"""Ingestion: read articles from text, HTML and JSONL files, and clean their text before the NLP."""
from __future__ import annotations

from .clean import Byline, CleanText, Dateline, RemovedLine, clean_text, find_title, match_byline, match_dateline
from .html import article_from_html
from .readers import ReadFailure, read_articles
from .text import article_from_text, parse_published

__all__ = [
    "Byline",
    "CleanText",
    "Dateline",
    "ReadFailure",
    "RemovedLine",
    "article_from_html",
    "article_from_text",
    "clean_text",
    "find_title",
    "match_byline",
    "match_dateline",
    "parse_published",
    "read_articles",
]
