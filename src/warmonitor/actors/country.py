"""Country helpers: a word to its ISO3 code, ISO2 <-> ISO3, and an article's main country.

`main_country` is what callers pass as `context_country` to `ActorResolver.resolve`, so that
"rebels" in a story about Idlib resolve to SYR/REB.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc

from .dictionary import ActorDictionary, normalize
from .matching import find_names
from .tables import BODY_CODES

#: Votes a mention casts for its country, by kind of name. Organisations and people count less
#: than place names: foreign ministers and capitals are often quoted about someone else's war.
KIND_VOTES: dict[str, float] = {
    "country": 1.0, "adjective": 1.0, "city": 1.0, "place": 1.0, "capital": 0.5, "seat": 0.5,
    "group": 0.5, "leader": 0.5, "media": 0.0, "igo": 0.0,
}
#: Extra weight of the first sentences (the lead) and of a dateline.
LEAD_SENTENCES = 2
LEAD_WEIGHT = 2.0
DATELINE_VOTE = 1.0
#: Extra vote of a place that is the object of a locative preposition ("fighting in Idlib").
LOCATIVE_VOTE = 1.0
#: Extra vote of a country that is the subject of the first sentence ("Chad banned ...").
SUBJECT_VOTE = 1.0


def country_of(text: str, *, dictionary: ActorDictionary | None = None) -> str | None:
    """The ISO3 code a country name, adjective, capital, seat, group or place names, else None.

    >>> country_of("Turkish")
    'TUR'
    """
    table = dictionary or ActorDictionary.load()
    entry = table.lookup(text) or table.places.get(normalize(text))
    if entry is None or entry.code in (None, *BODY_CODES):
        return None
    return entry.code


def dateline_votes(filing_place: str | None, *, dictionary: ActorDictionary | None = None) -> list[str]:
    """The votes a dateline's place ("N'DJAMENA", "AMMAN, Jordan") casts for the story's country:
    as many as a capital named in the lead's dateline would (DATELINE_VOTE, twice for the lead)."""
    if not filing_place:
        return []
    code = None
    for part in (filing_place, *filing_place.replace("(", ",").replace(")", ",").split(",")):
        code = code or (country_of(part.strip(), dictionary=dictionary) if part.strip() else None)
    return [code] * int(DATELINE_VOTE * LEAD_WEIGHT) if code else []


def iso2_to_iso3(iso2: str, *, dictionary: ActorDictionary | None = None) -> str | None:
    """ISO 3166-1 alpha-2 to alpha-3 ("SY" -> "SYR"); None for an unknown code."""
    return (dictionary or ActorDictionary.load()).iso2_index.get(iso2.upper())


def iso3_to_iso2(iso3: str, *, dictionary: ActorDictionary | None = None) -> str | None:
    """ISO 3166-1 alpha-3 to alpha-2 ("SYR" -> "SY"); None for an unknown code."""
    country = (dictionary or ActorDictionary.load()).countries.get(iso3.upper())
    return country.iso2 if country else None


def main_country(doc: Doc, *, extra_votes: Iterable[str] = (), skip_chars: Iterable[int] = (),
                 dictionary: ActorDictionary | None = None) -> str | None:
    """The article's dominant country (ISO3), or None when no country is named.

    Each country name, adjective, capital or known conflict place votes; the lead sentences count
    double, places after "in"/"near" get an extra vote, and `extra_votes` (ISO3 or ISO2 codes,
    e.g. the countries of the gazetteer's toponyms) add one vote each. A name over one of
    `skip_chars` (where a speaker sits: "the Oslo-based group", "speaking in Moscow") gives none.
    Ties go to the country named first.
    """
    skipped = frozenset(skip_chars)
    table = dictionary or ActorDictionary.load()
    votes: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for index, sent in enumerate(doc.sents):
        weight = LEAD_WEIGHT if index < LEAD_SENTENCES else 1.0
        for match in find_names(sent, table, with_places=True):
            code = match.entry.code
            if not code or code in BODY_CODES:
                continue
            first, last = doc[match.start], doc[match.end - 1]
            if any(first.idx <= char < last.idx + len(last) for char in skipped):
                continue  # "the Oslo-based group": where an outside body sits, not the story's country
            if match.start > 0 and normalize(doc[match.start - 1].text) in table.neighbour_words:
                continue  # "bases in neighbouring Nigeria": next to the story's country
            vote = KIND_VOTES.get(match.entry.kind, 0.5)
            root = match.root
            if match.is_country and root.dep_ == "pobj" and \
                    normalize(root.head.text) in table.locative_prepositions:
                vote += LOCATIVE_VOTE
            if index == 0 and root.dep_ == "nsubj" and root.head.dep_ == "ROOT":
                vote += SUBJECT_VOTE  # "Chad on Wednesday banned the veil ...": the lead's own doer
            if match.start <= 2 and index == 0 and match.end < len(doc) and \
                    doc[match.end].text in ("(", ",", "-", "\u2014", "\u2013", ":"):
                vote += DATELINE_VOTE
            votes[code] += vote * weight
            first_seen.setdefault(code, match.start)
    for code in extra_votes:
        iso3 = iso2_to_iso3(code, dictionary=table) if len(code) == 2 else code.upper()
        if iso3:
            votes[iso3] += 1.0
            first_seen.setdefault(iso3, len(doc))
    if not votes:
        return None
    return max(votes, key=lambda code: (votes[code], -first_seen[code]))

