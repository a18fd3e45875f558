"""Names the gazetteer lacks but the text marks as places: found, kept, and contained.

"the village of X", "X camp", "X, a town in Y", "near X" (lexicon.yaml's `unknown_before`
and `unknown_after`) make a capitalised name a place although no gazetteer entry has it. Such a
name, and a place entity of the model that no entry matches, is kept with its own name and
placed at the smallest known place that contains it: the place named right after it ("X, a
village in Y province", "X neighbourhood of Y"), else the story's main province, or its
main town there.
Precision `admin2` (a town's surroundings, a district) or `admin1` says how much is known.

Not every unknown name is a place: one that speaks ("the Hasam Movement said", "The Coptic
Orthodox Church released a statement"), one followed by "who" ("the Apostle Mark, who"), and
one that only the model calls a place, without a facility word, and that it reads elsewhere as a
person or an organisation ("Tawfik and Grannum", "Grannum's girlfriend") are left unplaced.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from ..models import Place
from .datafiles import GeoLexicon, load_demonyms
from .gazetteer import Gazetteer, GeoEntry
from .normalize import ARTICLES
from .resolve import to_place

#: Entity labels that say a token run is no place name, whatever words stand around it.
_NOT_NAMES = frozenset({"NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
#: Cues too weak to make a person's or an organisation's name a place ("near Tahrir al-Sham").
_WEAK_CUES = frozenset({"near", "area of", "outskirts of", "countryside of"})
_MAX_WORDS = 5
_HYPHENS = frozenset({"-", "‑", "–"})
#: The focus country: at least this share of the story's resolved names lie in it.
FOCUS_SHARE = 0.5


def unknown_spans(doc: Doc, tokens: list[Token], taken: list[bool], sent_end: list[int], lexicon: GeoLexicon,
                  stopwords: frozenset[str], links: frozenset[str]) -> list[tuple[int, int]]:
    """Token ranges of the capitalised names that a place phrase marks, among the tokens
    not taken yet."""
    found: list[tuple[int, int]] = []
    bare: list[tuple[int, int]] = []  # names with no cue of their own
    i = 0
    while i < len(tokens):
        if taken[i] or not (_capitalised(tokens[i]) or article_start(tokens, i)):
            i += 1
            continue
        end = i + 1
        while end < min(sent_end[i], i + _MAX_WORDS, len(tokens)) and not taken[end] and (
                _capitalised(tokens[end]) or (tokens[end].lower_ in links and end + 1 < len(tokens)
                                              and _capitalised(tokens[end + 1]))):
            end += 1
        cue = _cue(doc, i, end, lexicon)
        if cue is not None and _is_name(tokens, i, end, stopwords, cue):
            found.append((i, end))
        elif cue is None:
            bare.append((i, end))
        i = end
    # The story's own geography: a name it has once marked as a place ("the Zamzam camp") is
    # that place wherever it stands bare ("fighters stormed Zamzam on Friday").
    marked = {doc[start:end].text for start, end in found}
    found += [(start, end) for start, end in bare if doc[start:end].text in marked
              and _is_name(tokens, start, end, stopwords, "")]
    return sorted(found)


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and token.is_alpha


def article_start(tokens: list[Token], i: int) -> bool:
    """An Arabic article written lower case and hyphened to a name: "al-Busayrah"."""
    return (tokens[i].lower_ in ARTICLES and i + 2 < len(tokens) and tokens[i + 1].text in _HYPHENS
            and _capitalised(tokens[i + 2]))


def phrase_before(doc: Doc, start: int, phrases: tuple[str, ...]) -> str | None:
    """The one of `phrases` (lower case, longest first) that the words before token
    `start` end with, or None."""
    before = " ".join(t.lower_ for t in doc[max(0, start - 5):start])
    return next((phrase for phrase in phrases if before == phrase or before.endswith(" " + phrase)), None)


def _cue(doc: Doc, start: int, end: int, lexicon: GeoLexicon) -> str | None:
    """The place phrase before or the place word after the name, or None."""
    phrase = phrase_before(doc, start, lexicon.unknown_before)
    if phrase is not None:
        return phrase
    if end < len(doc) and doc[end].lower_ in lexicon.unknown_after:
        return doc[end].lower_
    if end + 1 < len(doc) and doc[end + 1].lower_ in lexicon.unknown_after and doc[end].pos_ == "NOUN" \
            and doc[end].text.islower():
        return doc[end + 1].lower_  # "the Zamzam displacement camp", "X border town"
    if end + 2 < len(doc) and doc[end].text == ",":  # "X, a small village in Y"
        j = end + 1
        while j < min(end + 4, len(doc) - 1) and doc[j].pos_ in ("DET", "ADJ"):
            j += 1
        if j > end + 1 and doc[j].lower_ in lexicon.unknown_after:
            return doc[j].lower_
    if end - start > 1 and doc[end - 1].lower_ in lexicon.facility_words:
        return doc[end - 1].lower_  # "Royal Street", "Holy Redeemer Church"
    return None


def _is_name(tokens: list[Token], start: int, end: int, stopwords: frozenset[str], cue: str) -> bool:
    """Not a common word, a demonym, a number or a date; and a person's or an
    organisation's name only behind a strong cue ("the village of X", "X camp"). A name the
    model reads as a group is one only where no "village of" names it."""
    words = tokens[start:end]
    not_names = _NOT_NAMES - {"NORP"} if _of_a_place(cue) and not _demonym(words) else _NOT_NAMES
    if any(t.ent_type_ in not_names for t in words) or words[-1].pos_ not in ("PROPN", "NOUN", "ADJ"):
        return False
    if len(words) == 1 and (words[0].is_stop or words[0].lower_ in stopwords or words[0].is_sent_start):
        return False
    return not (cue in _WEAK_CUES and any(t.ent_type_ in ("PERSON", "ORG") for t in words))


def _of_a_place(cue: str) -> bool:
    """A strong cue that names what the name is: "the village of X", "the town of X"; after it
    a name the model reads as a group ("Intillit" as a people) is still a place's."""
    return cue.endswith(" of") and cue not in _WEAK_CUES


def _demonym(words: Sequence[Token]) -> bool:
    """Words that are a demonym of geo/data/demonyms.tsv ("Kurdish", "Malian")."""
    return " ".join(t.lower_ for t in words) in load_demonyms()


def containable(doc: Doc, start: int, end: int, lexicon: GeoLexicon, *, cued: bool) -> bool:
    """Whether an unknown name may be placed at its container (see the module docstring);
    `cued`: a place phrase marks it ("the village of X"), not only the model's label."""
    words = doc[start:end]
    after = [t.lower_ for t in doc[end:end + 2]]
    if _speaks(words.root, lexicon) or after[:1] == ["who"] or after == [",", "who"]:
        return False  # "the X Movement said", "the Apostle Mark, who introduced"
    facility = any(t.lower_ in lexicon.facility_words for t in words)
    return cued or facility or words.text not in agent_names(doc)


def agent_names(doc: Doc) -> frozenset[str]:
    """The texts the model labels a person or an organisation somewhere in `doc`, without "'s"."""
    cached = doc.user_data.get("warmonitor_agent_names")
    if cached is None:
        cached = frozenset(_without_possessive(ent.text) for ent in doc.ents if ent.label_ in ("PERSON", "ORG"))
        doc.user_data["warmonitor_agent_names"] = cached
    return cached


def _without_possessive(text: str) -> str:
    for ending in ("'s", "’s", "'", "’"):
        if text.endswith(ending):
            return text[: -len(ending)]
    return text


def _speaks(root: Token, lexicon: GeoLexicon) -> bool:
    """The name is the subject of a verb of speech ("said") or of a statement ("released a
    statement")."""
    if root.dep_ != "nsubj":
        return False
    verb = root.head
    return verb.lemma_ in lexicon.speech_verbs or any(
        child.dep_ == "dobj" and child.lemma_.lower() in lexicon.statement_nouns for child in verb.children)


def container_place(name: str, place_text: str, following: Sequence[GeoEntry | None],
                    chosen: Sequence[GeoEntry], gazetteer: Gazetteer) -> Place | None:
    """Where an unknown place lies: the first entry of `following` (the resolved names right
    after it, joined by container_links), else the story's focus among its `chosen` entries;
    None when neither is known below the country."""
    container = next((entry for entry in following if entry is not None and not entry.is_country
                      and not entry.is_area), None)
    if container is None:
        container = story_focus(chosen, gazetteer)
    if container is None or container.lat is None or container.lon is None:
        return None
    precision = "admin1" if container.feature_code == "ADM1" else "admin2"
    admin1 = container.name if container.feature_code == "ADM1" else container.admin1_name
    return Place(place_text=place_text, name=name, geonameid=None, country_code=container.country_code,
                 admin1=admin1, lat=container.lat, lon=container.lon, precision=precision)


def story_focus(chosen: Sequence[GeoEntry], gazetteer: Gazetteer) -> GeoEntry | None:
    """The smallest place the story is about: in its focus country, the province most of
    its places lie in, and there the town it names most (the more populous of equals), else
    the province itself; None without a focus country."""
    country = focus_country(chosen)
    if country is None:
        return None
    local = [e for e in chosen if e.country_code == country and not e.is_country and e.admin1_code]
    if not local:
        return None
    province = Counter(e.admin1_code for e in local).most_common(1)[0][0]
    towns = [e for e in local if e.admin1_code == province and e.feature_code.startswith("PPL")]
    if towns:
        mentions = Counter(e.geonameid for e in towns)
        return max(towns, key=lambda e: (mentions[e.geonameid], e.population))
    return gazetteer.admin1_entry(country, province)


def focus_country(chosen: Sequence[GeoEntry]) -> str | None:
    """The country most of the story's resolved names lie in, when they are a majority."""
    countries = Counter(e.country_code for e in chosen if not e.is_area and e.country_code)
    if not countries:
        return None
    country, votes = countries.most_common(1)[0]
    return country if votes >= FOCUS_SHARE * sum(countries.values()) else None


def home_namesake(gazetteer: Gazetteer, name: str, text: str, country: str) -> Place | None:
    """A name the story's country holds without a point (a district: "Palma" in Cabo Delgado)
    placed at its province, for a name resolved abroad: a city of that name in another country
    is a namesake, not the story's place."""
    home = [e for e in gazetteer.lookup(name) if e.lat is None and e.country_code == country and e.admin1_code
            and e.feature_code not in ("ADM1", "PCLI")]
    if not home:
        return None
    province = gazetteer.admin1_entry(country, home[0].admin1_code or "")
    if province is None or province.lat is None:
        return None
    return replace(to_place(province, text), name=home[0].name, geonameid=home[0].geonameid,
                   feature_code=home[0].feature_code)
