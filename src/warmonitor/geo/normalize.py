"""Name normalisation shared by the gazetteer build, lookups and the text matcher.

Two levels: `normalize_name` folds case, diacritics, apostrophes and hyphens
("Ma'arrat an-Nu'man" -> "maarrat an numan"); `skeleton_name` also drops Arabic
articles, doubled letters and the vowel and consonant variants of transliteration,
so "Saraqeb" and "Saraqib" or "Maarat al-Numan" and "Ma'arrat an-Nu'man" meet; words
spelt differently by transliteration ("Tell"/"Tal", "Kfar"/"Kafr", "Ein"/"Ayn") are
mapped to one form first (geo/data/transliteration.tsv). A third, looser key,
`consonant_name`, keeps only the consonants of the skeleton, its words joined: "Khan
Sheikhoun" and "Khan Shaykhun", "Kafranbel" and "Kafr Nabl", "Neirab" and "Nayrab" meet
there; lookups take such matches last, confirmed by edit distance (geo/gazetteer.py).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .datafiles import load_transliteration

#: Letters that NFKD does not decompose into an ASCII base letter.
_LETTER_FOLDS = str.maketrans({
    "ı": "i", "ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d", "ħ": "h",
})
#: Apostrophe-like marks (hamza, ayn, quotes) vanish: "Ma'arrat" == "Maarrat".
_APOSTROPHES = re.compile(r"['’‘ʿʾʼʻ`´′\u02bf\u02be]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
#: Arabic article spellings ("al-", "el-", "an-", assimilated forms) dropped in skeletons.
ARTICLES = frozenset({
    "al", "el", "an", "ar", "as", "ad", "at", "az", "ash", "adh", "ath", "ed", "es", "er",
    "en", "et", "ez", "ul", "ut", "um",
})
_DOUBLED = re.compile(r"(.)\1+")
_VOWEL_FOLDS = str.maketrans({"e": "i", "o": "u", "y": "i", "q": "k"})


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    """Lower case, no diacritics, apostrophes removed, other punctuation as single spaces.

    >>> normalize_name("Kızıltepe")
    'kiziltepe'
    """
    folded = unicodedata.normalize("NFKD", text.translate(_LETTER_FOLDS))
    stripped = "".join(ch for ch in folded if not unicodedata.combining(ch))
    stripped = _APOSTROPHES.sub("", stripped.lower())
    return _NON_ALNUM.sub(" ", stripped).strip()


@lru_cache(maxsize=65536)
def skeleton_name(text: str) -> str:
    """A transliteration-tolerant key: the normalised name without articles, doubled
    letters, final -h after a vowel, and with e/i, o/u, y/i, q/k folded together.

    >>> skeleton_name("Maarat al-Numan") == skeleton_name("Ma'arrat an-Nu'man")
    True
    """
    tokens = [_canonical_word(token) for token in normalize_name(text).split()]
    if len(tokens) > 1:
        kept = [tok for i, tok in enumerate(tokens) if tok not in ARTICLES or i == len(tokens) - 1]
        tokens = kept or tokens
    keys = []
    for token in tokens:
        if len(token) > 2 and token.endswith("h") and token[-2] in "aeiou":
            token = token[:-1]
        keys.append(_DOUBLED.sub(r"\1", token.translate(_VOWEL_FOLDS)))
    return " ".join(keys)


#: Consonant pairs that transliterations write as one letter: "Phalluja" / "Falluja",
#: "Djebel" / "Jebel", "Tchad" / "Chad".
_CONSONANT_FOLDS = (("ph", "f"), ("dj", "j"), ("tch", "ch"), ("ck", "k"), ("c", "k"), ("z", "s"))
_VOWELS = re.compile(r"[aeiouyw]+")
#: Consonant keys shorter than this match too many names to mean anything.
CONSONANT_MIN = 3


@lru_cache(maxsize=65536)
def consonant_name(text: str) -> str:
    """The loosest key: the skeleton's words joined, vowels (and w, y) dropped save a
    leading one, consonant spellings folded; "" when under CONSONANT_MIN letters.

    >>> consonant_name("Khan Sheikhoun") == consonant_name("Khan Shaykhun")
    True
    """
    joined = skeleton_name(text).replace(" ", "")
    if not joined:
        return ""
    for variant, canonical in _CONSONANT_FOLDS:
        joined = joined.replace(variant, canonical)
    head = "a" if joined[0] in "aeiou" else joined[0]
    key = _DOUBLED.sub(r"\1", head + _VOWELS.sub("", joined[1:]))
    return key if len(key) >= CONSONANT_MIN else ""


_HYPHENED_ARTICLE = re.compile(r"^([A-Za-z]{1,3})[-‑–](?=\w)")


def without_article(name: str) -> str | None:
    """The name without a leading Arabic article hyphened to it ("Al-Raqqah" -> "Raqqah"),
    or None when it has none. A spaced article ("El Paso") is part of the name.

    >>> without_article("al-Suwayda")
    'Suwayda'
    """
    match = _HYPHENED_ARTICLE.match(name)
    if match is None or match.group(1).lower() not in ARTICLES:
        return None
    rest = name[match.end():]
    return rest if len(rest) > 2 else None


#: Article spellings that are written joined to the name that follows ("Albab" for al-Bab,
#: "Albukamal" for Albu Kamal, "Elkhalil" for el-Khalil).
_JOINABLE = ("al", "el")


def joined_name(text: str) -> str | None:
    """The name of two to four words that opens with an Arabic article, written as one word
    ("Al Bab" -> "albab", "Albu Kamal" -> "albukamal"), as the text sometimes writes it; None
    for other names. Its skeleton is the key of the joined spelling.

    >>> joined_name("Al Bāb")
    'albab'
    """
    words = normalize_name(text).split()
    if not 2 <= len(words) <= 4 or not words[0].startswith(_JOINABLE):
        return None
    return "".join(words)


def _canonical_word(token: str) -> str:
    """One word in its canonical transliteration (geo/data/transliteration.tsv): "tell" is
    "tal", "kfar" "kafr", the fused "kefranbel" "kafranbel", and "hasakeh" "hasakah"."""
    table = load_transliteration()
    canonical = table.words.get(token)
    if canonical is not None:
        return canonical
    for variant, prefix in table.prefixes:
        if token.startswith(variant) and len(token) > len(variant) + 2:
            return prefix + token[len(variant):]
    for variant, ending in table.suffixes:
        if token.endswith(variant) and len(token) > len(variant) + 2:
            return token[: -len(variant)] + ending
    return token


def is_latin(text: str) -> bool:
    """Whether a name is written in Latin letters (only those are indexed)."""
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) or ch in "ʿʾʼʻ‘’" for ch in text)
