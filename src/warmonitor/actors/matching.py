"""Finding dictionary names (countries, adjectives, capitals, groups, IGOs, leaders) in a span.

A greedy left-to-right longest match over token windows, on the exact text of the window, so
alias tokenisation never has to agree with spaCy's. A window grows only while it is the prefix of
some name (`ActorDictionary.prefixes`), and no wider than the longest name starting with its first
word: a few dict lookups per capitalised token, however large the dictionary.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .dictionary import ActorDictionary, ActorEntry, first_word, normalize

#: Kinds of entry that name a country only (no organisation of their own).
COUNTRY_KINDS: frozenset[str] = frozenset({"country", "adjective", "capital", "city", "place"})


@dataclass(frozen=True)
class NameMatch:
    """A dictionary name found at doc tokens [start, end)."""

    start: int
    end: int
    entry: ActorEntry
    root: Token

    @property
    def is_country(self) -> bool:
        """True for a country name, adjective, capital or place; False for an organisation or person."""
        return self.entry.kind in COUNTRY_KINDS


def find_names(span: Span, dictionary: ActorDictionary, *, with_places: bool = False) -> list[NameMatch]:
    """All dictionary names in `span`, longest first and not overlapping, minus patrons
    ("Turkish" in "Turkish-backed rebels", "Iranian" in "pro-Iranian militias")."""
    doc = span.doc
    matches: list[NameMatch] = []
    i = span.start
    while i < span.end:
        first = doc[i]
        if first.is_punct or not (first.text[:1].isupper() or first.text[:1].isdigit()):
            i += 1
            continue
        widest = min(span.end, i + dictionary.first_words.get(first_word(first.text), 0))
        found: tuple[int, ActorEntry] | None = None
        for j in range(i + 1, widest + 1):
            text = doc[i:j].text  # never doc.text: it re-joins the whole Doc on each access
            entry = dictionary.lookup(text)
            if entry is None and with_places:
                entry = dictionary.places.get(normalize(text))
            if entry is not None:
                found = (j, entry)
            last = doc[j - 1]
            if not (last.is_punct or last.text[-1:] in "-.'") and normalize(text) not in dictionary.prefixes:
                break
        if found is not None:
            j, entry = found
            if not _is_patron(doc, i, j, dictionary) and not _inside_a_place_abroad(doc, i, j, entry, dictionary):
                matches.append(NameMatch(i, j, entry, doc[i:j].root))
            i = j
        else:
            hyphenated = _hyphen_prefix(first, dictionary)
            if hyphenated is not None:
                matches.append(NameMatch(i, i + 1, hyphenated, first))
            i += 1
    return matches


def _inside_a_place_abroad(doc: Doc, start: int, end: int, entry: ActorEntry, dictionary: ActorDictionary) -> bool:
    """Whether a place-like name lies inside a longer place name that the geoparser put in
    another country: "Nile" of "Upper Nile" (South Sudan) names no Egyptian."""
    if entry.kind not in COUNTRY_KINDS or entry.code is None:
        return False
    toponyms = doc._.toponyms if doc.has_extension("toponyms") else None
    if not toponyms:
        return False  # not geoparsed (yet): nothing to tell
    wider = doc.user_data.get("warmonitor_wide_places")
    if wider is None:
        wider = [(t.start_char, t.end_char, dictionary.iso2_index.get(t.place.country_code or "", ""))
                 for t in toponyms if t.place is not None and " " in t.text.strip()]
        doc.user_data["warmonitor_wide_places"] = wider
    first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return any(s <= first and last <= e and (s, e) != (first, last) and code and code != entry.code
               for s, e, code in wider)


def _hyphen_prefix(token: Token, dictionary: ActorDictionary) -> ActorEntry | None:
    """The entry of a hyphenated token's first part ("U.S.-led" -> USA), unless a patron ("-backed")."""
    prefix, dash, suffix = token.text.partition("-")
    if not dash or not prefix or suffix.lower() in dictionary.patron_suffixes:
        return None
    return dictionary.lookup(prefix)


def _is_patron(doc: Doc, start: int, end: int, dictionary: ActorDictionary) -> bool:
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in dictionary.patron_suffixes:
        return True
    if start >= 1:
        before = doc[start - 1]
        if before.text.endswith("-") and before.lower_.rstrip("-") in dictionary.patron_prefixes:
            return True
        if start >= 2 and before.text == "-" and doc[start - 2].lower_ in dictionary.patron_prefixes:
            return True
    return False


def path_to(token: Token, head: Token, limit: int = 8) -> list[Token] | None:
    """The tokens from `token` up to (not including) `head` along dependency arcs, or None
    when `head` is not an ancestor."""
    path: list[Token] = []
    current = token
    for _ in range(limit):
        if current == head:
            return path
        path.append(current)
        if current.head == current:
            return None
        current = current.head
    return None
