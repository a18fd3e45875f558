"""The one step that turns an annotated spaCy Doc into typed, frozen `Event` records
(`build.RecordBuilder`); `parts` reads a record's parts."""
from __future__ import annotations

from .build import RecordBuilder, RecordContext

__all__ = ["RecordBuilder", "RecordContext"]
