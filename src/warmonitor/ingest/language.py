"""Which language an article is written in, found before any parsing so that a French or
Russian article is skipped with the reason instead of being coded as if it were English.

The detector is py3langid (langid.py's model shipped inside the package, no download); it
reads at most the first few thousand characters, which takes well under a millisecond. It
answers only among the languages of ingest/data/languages.txt, and a short text is refused
only when the foreign guess beats every language the coder reads by a margin (a wide one on a
short text): a wrong skip of an English headline or note is a silent loss.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ExtractionError

#: Characters read for the guess: enough for a stable answer, cheap on a huge text.
SAMPLE_CHARS = 4000
#: Texts with fewer letters than this are too short to judge and always go on.
MIN_LETTERS = 40
#: Texts with fewer letters than this are short: a refusal needs `SHORT_MARGIN`.
SHORT_LETTERS = 400
#: How far the foreign guess's probability must be above the best language read (short texts / others).
SHORT_MARGIN = 0.9
MARGIN = 0.5
LANGUAGES_PATH = Path(__file__).parent / "data" / "languages.txt"


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
    #: The probability of each candidate language (ISO 639-1 -> 0..1).
    probabilities: tuple[tuple[str, float], ...] = ()
    letters: int = 0

    def probability(self, language: str) -> float:
        return dict(self.probabilities).get(language, 0.0)


def candidate_languages(path: Path = LANGUAGES_PATH) -> tuple[str, ...]:
    """The languages the detector may answer, from ingest/data/languages.txt."""
    lines = (line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(dict.fromkeys(line for line in lines if line))


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(candidate_languages()))
    return identifier


def load_detector() -> None:
    """Load the detector's model now (about half a second), not on the first article."""
    _identifier()


def detect_language(text: str) -> LanguageGuess | None:
    """The language of `text`, or None when it holds too few letters to tell.

    >>> detect_language("Les forces syriennes ont bombardé la ville de Saraqeb mercredi.").language
    'fr'
    """
    sample = text[:SAMPLE_CHARS]
    letters = sum(1 for char in sample if char.isalpha())
    if letters < MIN_LETTERS:
        return None
    # Names are in no language ("Name Nawaf Mahmoud Al-Zeidan"): judge the lower-case words
    # where they are enough, the whole sample otherwise.
    common = " ".join(word for word in sample.split() if not word[:1].isupper())
    if sum(1 for char in common if char.isalpha()) >= MIN_LETTERS:
        sample = common
    ranked = [(str(lang), float(prob)) for lang, prob in _identifier().rank(sample)]
    language, confidence = ranked[0]
    return LanguageGuess(language, confidence, tuple(ranked), letters)


def check_language(text: str, *, article_id: str, languages: tuple[str, ...],
                   min_confidence: float) -> None:
    """Raise ForeignLanguageError when `text` is, with at least `min_confidence`, in none of
    `languages`. Uncertain guesses let the article through: a wrong skip loses events."""
    if not languages:
        return
    guess = detect_language(text)
    if guess is None or guess.language in languages or guess.confidence < min_confidence:
        return
    read = max(guess.probability(language) for language in languages)
    if guess.confidence - read < (SHORT_MARGIN if guess.letters < SHORT_LETTERS else MARGIN):
        return  # refused only when the foreign guess wins by far, by very far on a short text
    raise ForeignLanguageError(
        f"article {article_id!r} skipped: its language looks like {guess.language!r} "
        f"(confidence {guess.confidence:.2f}), and the coder reads {', '.join(languages)}; "
        "set WARMONITOR_LANGUAGES to change this",
        language=guess.language, confidence=guess.confidence)
