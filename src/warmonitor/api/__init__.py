"""The HTTP API: `create_app(settings)` builds the FastAPI app (one router per resource)."""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
