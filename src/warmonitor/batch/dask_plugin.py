"""The Dask worker plugin that loads the extractor once in each worker process (imported
only with --engine dask, so Dask stays optional)."""
from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from ..config import Settings
from .workers import init_worker


class ExtractorPlugin(WorkerPlugin):
    """Builds the extractor (spaCy model, gazetteer) when a worker starts or joins later."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        init_worker(self.settings)
