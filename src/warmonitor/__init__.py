"""warmonitor: reads news reports of armed conflict and political violence and writes
structured, geolocated, dated, source-attributed PLOVER event records.

    >>> import warmonitor
    >>> events = warmonitor.extract(text, published="2020-02-06", outlet="Reuters")  # doctest: +SKIP
"""
from __future__ import annotations

from typing import Any

from .models import Article, DateSpan, Entity, Event, Place

__all__ = ["Article", "DateSpan", "Entity", "Event", "Place", "Pipeline", "extract", "geoparse"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The pipeline pulls in spaCy: import it on first use, not with the package.
    if name in ("Pipeline", "extract"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "geoparse":
        from .geo import geoparse

        return geoparse
    raise AttributeError(f"module 'warmonitor' has no attribute {name!r}")
