"""What the words around a place name say of its candidates.

Names that say where the name before them lies: "London, Kentucky", "Queensland,
Australia", "Monroe County in northeast Missouri", "Bronx (New York)". A known name
followed, across only `enclosing_links` words (lexicon.yaml), by a country or first-level
division keeps only its candidates inside that container, when any are; after a
`containing_links` word ("in", "of"), none when none are. Two names of one rank ("Idlib, Hama", "France, Germany") are a list, not a place and its
container: nothing is restricted.

A village is small: "Marsi village" or "the village of X" is no city of `village_max_population`
people or more (scoring.yaml) that the name happens to match.

A name none of whose candidates lies in a country the story points to may be another
spelling of a place there: "Qamishlo" of a Syrian story is Al Qamishli, not Kamyshlov in
Russia. Such places, found by the consonant key (Gazetteer.loose), join the
candidates, weighed lower than exact names (scoring.yaml's loose_spelling).
"""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from .context import ArticleContext
from .datafiles import load_scoring
from .gazetteer import Gazetteer, GeoEntry
from .normalize import consonant_name
from .relative import distance_km
from .resolve import Candidates
from .toponyms import NameSpan

#: At most this many tokens between a known name and its container ("X, a village in Y"
#: may take more before an unknown one).
_MAX_GAP = 3
#: At most this many tokens between a name and the town it is a part of ("X, a middle-class district of Y").
_MAX_PART_GAP = 8


def container_after(doc: Doc, spans: list[NameSpan], k: int, links: frozenset[str], max_gap: int = 6) -> int | None:
    """The index of the name right after span k when only linking words stand between,
    at most `max_gap` of them in one sentence ("X, a village in Y", "X neighbourhood of Y"),
    else None."""
    if k + 1 >= len(spans):
        return None
    span, nxt = spans[k], spans[k + 1]
    if nxt.sent_start_char != span.sent_start_char or nxt.start - span.end > max_gap:
        return None
    return k + 1 if all(t.lower_ in links for t in doc[span.end:nxt.start]) else None


def setting_before(doc: Doc, spans: Sequence[NameSpan], chosen: Sequence[tuple[GeoEntry, float] | None],
                   k: int) -> int | None:
    """The index of a town or division the sentence of span `k` is set in before it ("In
    Yangon, ...", "shelling in Idlib hit the village of X"): the nearest resolved name of the
    sentence after "in" or "at", not a country."""
    for j in range(k - 1, -1, -1):
        span = spans[j]
        if span.sent_start_char != spans[k].sent_start_char:
            return None
        choice = chosen[j]
        if choice is None or choice[0].is_country or choice[0].is_area or span.start == 0:
            continue
        if doc[span.start - 1].lower_ in ("in", "at"):
            return j
    return None

def part_of_town(doc: Doc, spans: list[NameSpan], k: int, part_words: frozenset[str]) -> int | None:
    """The index of the name after span k when the words between say span k is a part of it:
    "X, a middle-class district of Y", "X, a suburb in Y" (a comma, at most
    `_MAX_PART_GAP` words ending in a `part_words` noun and "of" or "in"); else None."""
    if k + 1 >= len(spans):
        return None
    span, nxt = spans[k], spans[k + 1]
    gap = doc[span.end:nxt.start]
    if nxt.sent_start_char != span.sent_start_char or not 3 <= len(gap) <= _MAX_PART_GAP:
        return None
    return k + 1 if gap[0].text == "," and gap[-1].lower_ in ("of", "in") and gap[-2].lower_ in part_words else None


def near_town(doc: Doc, spans: list[NameSpan], k: int, near_words: tuple[str, ...]) -> int | None:
    """The index of the name after span k when the words between say span k lies near it:
    "Zaatara, a village near Nablus", "X, just outside Y" (a comma, at most `_MAX_PART_GAP`
    words ending in a `near_words` phrase); else None."""
    if k + 1 >= len(spans) or not near_words:
        return None
    span, nxt = spans[k], spans[k + 1]
    gap = doc[span.end:nxt.start]
    if nxt.sent_start_char != span.sent_start_char or not 2 <= len(gap) <= _MAX_PART_GAP or gap[0].text != ",":
        return None
    words = " " + " ".join(t.lower_ for t in gap)
    return k + 1 if any(words.endswith(" " + phrase) for phrase in near_words) else None


def within_containers(doc: Doc, spans: list[NameSpan], found: list[Candidates],
                      links: frozenset[str], containing: frozenset[str],
                      part_words: frozenset[str] = frozenset(), near_words: tuple[str, ...] = ()) -> list[Candidates]:
    """`found` with each name's candidates narrowed to the container named right after it:
    a country or province, or a town it is a district of or lies near (the candidates within
    rival_km of the town; none when none is: a place the gazetteer lacks, placed at the town)."""
    out = list(found)
    for k in range(len(spans) - 1):
        entries, exact = found[k]
        town = part_of_town(doc, spans, k, part_words)
        if town is None:  # "Zaatara, a village near Nablus": not the namesake 50 km away
            town = near_town(doc, spans, k, near_words)
        towns = [e for e in found[town][0] if e.feature_code.startswith("PPL") and e.geonameid in found[town][1]] \
            if town is not None else []
        if towns:
            apart = load_scoring()["rival_km"]
            out[k] = ([e for e in entries if any(_within(e, t, apart) for t in towns)], exact)
            continue
        lone = len(entries) < 2 and not any(e.loose for e in entries)  # a loose match alone is narrowed too
        if lone or spans[k].hint in ("demonym", "country", "continent"):
            continue
        containers = _containers_after(doc, spans, found, k, links)
        if not containers:
            continue
        if any(e.geonameid in exact and _rank(e) == _rank(c) for e in entries for c in containers):
            continue  # "Idlib, Hama": a list of provinces
        inside = [e for e in entries if any(_inside(e, c) for c in containers)]
        if inside and len(inside) < len(entries):
            out[k] = (inside, exact)
        elif not inside and any(t.lower_ in containing for t in doc[spans[k].end:spans[k + 1].start]):
            out[k] = ([], exact)  # "the eastern Badia of Homs" is no Italian hamlet: a place the gazetteer lacks
    return out


def _containers_after(doc: Doc, spans: list[NameSpan], found: list[Candidates], k: int,
                      links: frozenset[str]) -> list[GeoEntry]:
    """The countries and first-level divisions the name after span k may be, when only
    linking words stand between them in one sentence; else none."""
    nxt = spans[k + 1]
    if nxt.hint == "demonym" or nxt.start == spans[k].end or container_after(doc, spans, k, links, _MAX_GAP) is None:
        return []  # a demonym: "shouted about Aleppo in Turkish"
    entries, exact = found[k + 1]
    return [e for e in entries if (e.is_country or e.feature_code == "ADM1") and e.geonameid in exact]


def _within(entry: GeoEntry, town: GeoEntry, km: float) -> bool:
    if entry.lat is None or entry.lon is None or town.lat is None or town.lon is None:
        return False
    return entry.country_code == town.country_code and distance_km(entry.lat, entry.lon, town.lat, town.lon) <= km


def _rank(entry: GeoEntry) -> str:
    return "country" if entry.is_country else "ADM1" if entry.feature_code == "ADM1" else "other"


def _inside(entry: GeoEntry, container: GeoEntry) -> bool:
    if entry.geonameid == container.geonameid or entry.is_country or entry.country_code != container.country_code:
        return False
    return container.is_country or (entry.admin1_code is not None and entry.admin1_code == container.admin1_code)


def small_if_village(doc: Doc, spans: list[NameSpan], found: list[Candidates], village_words: frozenset[str],
                     max_population: float) -> list[Candidates]:
    """`found` without the big towns and divisions of the names a village word marks ("X
    village", "the village of X", "the villages of X and Y" for X)."""
    out = list(found)
    for k, span in enumerate(spans):
        before = doc[span.start - 2].lower_ if span.start > 1 and doc[span.start - 1].lower_ == "of" else ""
        if doc[span.end - 1].lower_ not in village_words and before not in village_words:
            continue
        entries, exact = found[k]
        out[k] = ([e for e in entries if e.population < max_population and not e.is_country], exact)
    return out


def capital_not_division(doc: Doc, spans: list[NameSpan], found: list[Candidates],
                         cues: frozenset[str]) -> list[Candidates]:
    """`found` without the first-level divisions of a name that a place word ("in", "at":
    lexicon.yaml's capital_cues) puts before a national capital of its country of that very
    name: "signed in Washington" is the city, not the state. A division word ("Washington
    state") says otherwise and is left alone."""
    out = list(found)
    for k, span in enumerate(spans):
        if span.hint is not None or span.start == 0 or doc[span.start - 1].lower_ not in cues:
            continue
        entries, exact = found[k]
        capitals = {e.country_code for e in entries if e.feature_code == "PPLC" and e.geonameid in exact}
        if not capitals:
            continue
        kept = [e for e in entries if not (e.feature_code == "ADM1" and e.country_code in capitals)]
        if len(kept) < len(entries):
            out[k] = (kept, exact)
    return out


#: Hints of mentions that are never another spelling of a local place.
_NOT_LOOSE = frozenset({"demonym", "country", "continent", "embedded"})


def with_loose_spellings(gazetteer: Gazetteer, spans: list[NameSpan], found: list[Candidates],
                         context: ArticleContext) -> list[Candidates]:
    """`found` plus, for a name with no candidate in a country the story's names, dateline
    or batch point to, the places of other spellings of it there; for a short name (a
    consonant key under scoring.yaml's loose_country_key letters: "Litter", "Hodr") only
    in a province the story names or near one of its places, as a country as big as India
    has too many places of three consonants."""
    if not context.countries:
        return found
    out = list(found)
    for k, (span, (entries, exact)) in enumerate(zip(spans, found)):
        if span.hint in _NOT_LOOSE or any(context.countries.get(e.country_code) and _fits_hint(e, span.hint)
                                          for e in entries):
            continue  # "Musakhel district" with only a bazaar of the name at home: look for the district
        specific = len(consonant_name(span.name)) >= load_scoring()["loose_country_key"]
        loose = [e for e in gazetteer.loose(span.name) if _near_the_story(e, context, specific)]
        if loose:
            out[k] = ([*entries, *loose], exact)
    return out


def _fits_hint(entry: GeoEntry, hint: str | None) -> bool:
    """Whether an entry is what the name's division word says ("X district" a division)."""
    return entry.is_division if hint in ("admin", "district") else True


def _near_the_story(entry: GeoEntry, context: ArticleContext, anywhere: bool) -> bool:
    """Whether a located entry lies in one of the story's countries (`anywhere`), or in a
    province its names point to or within near_km of one of its places."""
    if entry.lat is None or entry.lon is None or not context.countries.get(entry.country_code):
        return False
    if anywhere:
        return True
    in_province = entry.admin1_code is not None and context.admin1[(entry.country_code, entry.admin1_code)] > 0
    return in_province or context.is_near(entry, load_scoring()["near_km"])
