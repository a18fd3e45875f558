"""Which language an article is written in, found before any parsing so that a French or
Russian article is skipped with the reason instead of being coded as if it were English.

The detector is py3langid (langid.py's model shipped inside the package, no download); it
reads at most the first few thousand characters, which takes well under a millisecond.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import ExtractionError

#: Characters read for the guess: enough for a stable answer, cheap on a huge text.
SAMPLE_CHARS = 4000
#: Texts with fewer letters than this are too short to judge and always go on.
MIN_LETTERS = 40


class ForeignLanguageError(ExtractionError):
    """The article is not in a language the coder reads; it is skipped, kept with this reason."""

    def __init__(self, message: str, *, language: str, confidence: float) -> None:
        super().__init__(message)
        self.language = language
        self.confidence = confidence


@dataclass(frozen=True)
class LanguageGuess:
    """The detector's best language (ISO 639-1) and how sure it is (0..1)."""

    language: str
    confidence: float


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def load_detector() -> None:
    """Load the detector's model now (about half a second), not on the first article."""
    _identifier()


def detect_language(text: str) -> LanguageGuess | None:
    """The language of `text`, or None when it holds too few letters to tell.

    >>> detect_language("Les forces syriennes ont bombardé la ville de Saraqeb mercredi.").language
    'fr'
    """
    sample = text[:SAMPLE_CHARS]
    if sum(1 for char in sample if char.isalpha()) < MIN_LETTERS:
        return None
    language, confidence = _identifier().classify(sample)
    return LanguageGuess(str(language), float(confidence))


def check_language(text: str, *, article_id: str, languages: tuple[str, ...],
                   min_confidence: float) -> None:
    """Raise ForeignLanguageError when `text` is, with at least `min_confidence`, in none of
    `languages`. Uncertain guesses let the article through: a wrong skip loses events."""
    if not languages:
        return
    guess = detect_language(text)
    if guess is None or guess.language in languages or guess.confidence < min_confidence:
        return
    raise ForeignLanguageError(
        f"article {article_id!r} skipped: its language looks like {guess.language!r} "
        f"(confidence {guess.confidence:.2f}), and the coder reads {', '.join(languages)}; "
        "set WARMONITOR_LANGUAGES to change this",
        language=guess.language, confidence=guess.confidence)
