"""The web map page: one static HTML page, its script and style, and vendored Leaflet.

The API serves ``static_dir()/index.html`` at ``/`` and the folder at ``/static/``. The page
reads only the API's JSON (``/events``, ``/events/{id}``, ``/stats/timeline``, ``/actors``) and
loads every asset from the package, so it works with no internet. ``scripts/vendor_web.sh``
refreshes ``static/vendor/`` from npm.
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["static_dir", "index_path"]

_STATIC = Path(__file__).resolve().parent / "static"


def static_dir() -> Path:
    """The folder of the page's static files (index.html, app.js, style.css, vendor/)."""
    return _STATIC


def index_path() -> Path:
    """The page itself, served at ``/``."""
    return _STATIC / "index.html"
