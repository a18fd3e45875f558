"""What runs in an ingest worker (a local process or a Dask worker): the extractor, built
once per process from the settings, and the extraction of a chunk of articles.

The store stays with the writer; a worker only turns articles into records, so workers
need no database connection and a chunk's result is plain data (picklable).
"""
from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from typing import Any

from ..config import Settings
from ..errors import ExtractionError, InputError
from ..models import Article
from ..store.writer import Extractor, extract_records

log = logging.getLogger(__name__)

#: (article, records, error) for each article of a chunk.
ChunkResult = list[tuple[Article, list[dict[str, Any]], str | None]]

_extractor: Extractor | None = None
_spec: str | None = None


def build_extractor(settings: Settings) -> Extractor:
    """The extractor `settings.extractor` names ("module:callable", called with the settings)."""
    module_name, _, attribute = settings.extractor.partition(":")
    try:
        target: Any = importlib.import_module(module_name)
        for part in attribute.split("."):
            target = getattr(target, part)
    except (ImportError, AttributeError) as exc:
        raise InputError(f"extractor {settings.extractor!r} cannot be loaded ({exc}): give "
                         "module:callable in WARMONITOR_EXTRACTOR") from exc
    extractor = target(settings)
    warm_up = getattr(extractor, "warm_up", None)
    if callable(warm_up):
        warm_up()
    return extractor


def init_worker(settings: Settings, extractor: Extractor | None = None) -> None:
    """Load this process's extractor (once; a second call with the same settings is free)."""
    global _extractor, _spec
    if extractor is not None:
        _extractor, _spec = extractor, None
    elif _extractor is None or _spec != settings.extractor:
        _extractor, _spec = build_extractor(settings), settings.extractor


def worker_extractor() -> Extractor:
    if _extractor is None:
        raise RuntimeError("init_worker was not called in this process")
    return _extractor


def extract_chunk(articles: Sequence[Article]) -> ChunkResult:
    """The records of each article of the chunk; the pipeline parses the chunk in one
    `nlp.pipe` batch where it can (`extract_many`)."""
    extractor = worker_extractor()
    many = getattr(extractor, "extract_many", None)
    if not callable(many):
        return [(article, *extract_records(article, extractor)) for article in articles]
    out: ChunkResult = []
    for article, found in many(list(articles)):
        if isinstance(found, ExtractionError):
            out.append((article, [], str(found) or type(found).__name__))
        else:
            out.append((article, *extract_records(article, _Done(found))))
    return out


class _Done:
    """An extractor that hands back events already found (to reuse `extract_records`)."""

    def __init__(self, events: list[Any]) -> None:
        self.events = events

    def extract_article(self, article: Article) -> list[Any]:
        return self.events
