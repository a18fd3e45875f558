"""Number phrases as counts: "1,200", "1.2 million", "twenty-one", "at least 12" -> 12,
"dozens" -> 24. Word lists live in lexicon_data/numbers.tsv and approximators.tsv.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon_data import choice_cell, int_cell, read_table

#: Counts above this are taken as misreadings, not as reported numbers.
MAX_COUNT = 10_000_000_000
_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d{1,13})(?:\.(\d{1,6}))?\s*([a-z]+)?$")


@dataclass(frozen=True)
class NumberWords:
    """The number words (value and kind), the approximators ("at least") and every word of them."""

    values: dict[str, tuple[int, str]]
    approximators: tuple[str, ...]
    words: frozenset[str]


@lru_cache(maxsize=1)
def number_words() -> NumberWords:
    """The number words of lexicon_data/numbers.tsv and approximators.tsv, read once."""
    values: dict[str, tuple[int, str]] = {}
    for row in read_table("numbers.tsv", 3):
        kind = choice_cell("numbers.tsv", row, 2, ("unit", "tens", "scale", "vague"))
        values[row.cells[0]] = (int_cell("numbers.tsv", row, 1), kind)
    approximators = tuple(sorted((row.cells[0] for row in read_table("approximators.tsv", 2)),
                                 key=len, reverse=True))
    words = frozenset(w for phrase in values for w in phrase.split()) - {"a", "an", "of"}
    return NumberWords(values, approximators, words)


def is_vague(text: str) -> bool:
    """True for a quantity word that stands for no number ("dozens", "several", "a number of"):
    a toll read from it is unknown, not 24."""
    words = number_words()
    phrase = _strip_approximators(" ".join(text.lower().replace("-", " ").split()).strip(" .,;:"), words)
    if phrase.endswith(" of"):
        phrase = phrase[:-3]
    entry = words.values.get(phrase)
    return entry is not None and entry[1] == "vague"


def _strip_approximators(phrase: str, words: NumberWords) -> str:
    stripped = True
    while stripped:
        stripped = False
        for approx in words.approximators:
            if phrase.startswith(approx + " "):
                phrase, stripped = phrase[len(approx) + 1:], True
                break
    return phrase


def parse_number(text: str) -> int | None:
    """The count a number phrase stands for, or None: "1,200", "1.2 million", "twenty-one",
    "at least 12" -> 12, "dozens" -> 24. Never raises; absurd values give None."""
    if not isinstance(text, str) or len(text) > 80 or text.lstrip().startswith(("-", "\u2212")):
        return None
    words = number_words()
    phrase = " ".join(text.lower().replace("-", " ").replace("\u2011", " ").split()).strip(" .,;:")
    phrase = _strip_approximators(phrase, words)
    if phrase[:2] in ("a ", "an") and phrase.split(" ", 1)[-1][:1].isdigit():
        phrase = phrase.split(" ", 1)[1]  # "a 5,000-strong force"
    if phrase.endswith(" of"):
        phrase = phrase[:-3]
    value = _parse_plain(phrase, words)
    return value if value is not None and 0 <= value <= MAX_COUNT else None


def _parse_plain(phrase: str, words: NumberWords) -> int | None:
    entry = words.values.get(phrase)
    if entry and entry[1] == "vague":
        return entry[0]
    match = _DIGITS.match(phrase)
    if match:
        whole, fraction, unit = match.groups()
        scale = 1
        if unit:
            scale_entry = words.values.get(unit)
            if not scale_entry or scale_entry[1] != "scale":
                return None
            scale = scale_entry[0]
        number = int(whole.replace(",", "")) * scale
        if fraction:
            number += int(fraction) * scale // 10 ** len(fraction)
        return number
    return _parse_words(phrase.split(), words)


def _parse_words(tokens: list[str], words: NumberWords) -> int | None:
    """Word numbers: "two hundred and five", "a dozen", "one million", "3 thousand"."""
    if tokens in (["a"], ["an"]):
        return None
    total, current, seen = 0, 0, False
    for token in tokens:
        if token == "and" and seen:
            continue
        if token.isascii() and token.isdigit() and len(token) < 10:
            current += int(token)
            seen = True
            continue
        entry = words.values.get(token)
        if entry is None or entry[1] == "vague":
            return None
        value, kind = entry
        if kind == "scale":
            current = max(current, 1) * value
            if value >= 1000:
                total, current = total + current, 0
        else:
            current += value
        seen = True
    return total + current if seen else None
