"""The project's exceptions; each message says what the user can do about it."""
from __future__ import annotations


class WarmonitorError(Exception):
    """Base class of every error warmonitor raises on purpose."""


class InputError(WarmonitorError):
    """An input file or record cannot be read (wrong format, bad encoding, missing field)."""


class DataFileError(WarmonitorError):
    """A bundled or analyst-edited data file (lexicon, dictionary, patterns) is malformed.

    The message names the file and, where it can, the line.
    """


class ModelNotFoundError(WarmonitorError):
    """The configured spaCy pipeline is not installed."""


class GazetteerError(WarmonitorError):
    """The gazetteer index is missing or cannot be built."""


class ExtractionError(WarmonitorError):
    """Extraction failed for one article; the article itself is kept with this reason."""
