"""Running warmonitor on gold texts: the extraction pipeline for event formats, the
geoparser for the `geo` format. Only used when no predictions file is given."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..models import Article

if TYPE_CHECKING:
    from ..pipeline import Pipeline


def extract_records(articles: Iterable[Article], *, pipeline: Pipeline | None = None) -> tuple[list[dict[str, Any]],
                                                                                             list[str]]:
    """Event records (dicts) of the articles, and one message for each article that failed."""
    from ..pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    records: list[dict[str, Any]] = []
    failures: list[str] = []
    for article, result in pipeline.extract_many(articles):
        if isinstance(result, Exception):
            failures.append(f"{article.id}: {result}")
        else:
            records.extend(event.to_dict() for event in result)
    return records, failures


def geoparse_texts(texts: Mapping[str, str], *, pipeline: Pipeline | None = None) -> list[dict[str, Any]]:
    """Geoparser output {id, toponyms: [{start, end, text, name, lat, lon}]} for each document,
    offsets into the text as given (no cleaning, so they line up with the gold)."""
    from ..pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    geoparser = pipeline.geoparser
    documents = []
    for doc_id, doc in zip(texts, pipeline.nlp.pipe(texts.values())):
        toponyms = []
        for toponym in geoparser.annotate(doc):
            place = toponym.place
            if place is None or place.lat is None or place.lon is None:
                continue
            toponyms.append({"start": toponym.start_char, "end": toponym.end_char, "text": toponym.text,
                             "name": place.name, "lat": place.lat, "lon": place.lon})
        documents.append({"id": doc_id, "toponyms": toponyms})
    return documents
