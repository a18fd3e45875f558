"""Geolocation: the gazetteer service, toponym resolution and event placement."""
from __future__ import annotations

from .gazetteer import Gazetteer, GeoEntry
from .documents import geoparse, geoparse_texts, toponym_record
from .geoparser import Geoparser
from .toponyms import Toponym

__all__ = ["Gazetteer", "GeoEntry", "Geoparser", "Toponym", "geoparse", "geoparse_texts", "toponym_record"]
