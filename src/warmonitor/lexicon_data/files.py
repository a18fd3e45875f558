"""Loading the analyst-editable data files that ship inside the package."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import DataFileError


@lru_cache(maxsize=None)
def load_yaml(package: str, name: str) -> Any:
    """Parse `name` from the data folder of `package` (e.g. "warmonitor.data").

    A YAML syntax error becomes a DataFileError naming the file and the line.
    """
    path = resources.files(package).joinpath(name)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(f"data file {path} is missing; reinstall warmonitor") from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise DataFileError(f"{path}{where}: not valid YAML ({exc})") from exc


def load_word_lists(package: str, name: str, keys: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """A YAML mapping of key -> list of words, each key required, words lower-cased."""
    data = load_yaml(package, name)
    if not isinstance(data, dict):
        raise DataFileError(f"{name}: expected a mapping of lists at the top level")
    out: dict[str, frozenset[str]] = {}
    for key in keys:
        words = data.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise DataFileError(f"{name}: {key!r} must be a list of words")
        out[key] = frozenset(w.lower() for w in words)
    return out
