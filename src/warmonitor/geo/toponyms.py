"""Finds the place names in a parsed Doc: NER GPE/LOC/FAC spans plus gazetteer names.

The small spaCy model tags "Saraqeb" as ORG and "Tal Abyad" as PERSON, so capitalised
token runs are also checked against the gazetteer's in-memory skeleton keys. Demonyms
("Turkish"), organisation names and person names are not places.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..models import Place
from .datafiles import GeoLexicon, load_abbreviations, load_demonyms, load_word_list
from .mentions import (
    HOST_LABELS,
    abbreviation_mentions,
    dateline_mentions,
    demonym_mentions,
    embedded_mentions,
    name_start,
)
from .normalize import skeleton_name
from .unknown import article_start, phrase_before, unknown_spans

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: The label of a name found by the place phrase around it ("the village of X"), not by the model.
CUE_LABEL = "CUE"
#: The label of a dateline in capitals ("BANGKOK:"): where the story was filed, not where it happened.
DATELINE_LABEL = "DATELINE"
#: Tokens the model leaves at the end of a place entity: "South Korea's".
#: Month and weekday names: a time entity holding one is a time, not a misread place name.
_CALENDAR_WORDS = frozenset(w.lower() for w in (*calendar.month_name[1:], *calendar.month_abbr[1:],
                                                 *calendar.day_name, *calendar.day_abbr))
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
#: Lower-case words allowed inside a multi-word name ("Maarat al-Numan", "Ras al-Ain").
_MAX_TOKENS = 6
#: More words that, right before a one-word name, make it a place ("flights from Delft").
_SINGLE_NAME_CUES = frozenset({"from", "via", "between", "outside", "near", "in", "at", "downtown", "suburban",
                               "northern", "southern", "eastern", "western", "central", "rural"})
#: Words before a PERSON/ORG span that make a gazetteer name inside it a place ("in Tal Abyad").
_PLACE_CUES = frozenset({"of", "to", "toward", "towards", "town", "city", "village", "capital", "fled", "reached",
                         "left", "across", "through"})

if not Doc.has_extension("toponyms"):
    Doc.set_extension("toponyms", default=None, force=True)


@dataclass(frozen=True)
class Toponym:
    """A place mention: its characters in the text and the Place it resolved to (or None).

    `role` says how the text uses it: "place", "near" ("outside Mosul"), "relative"
    ("20 km north of Aleppo"), "border" ("Turkey's border"), "destination" ("towards X"), "origin"
    ("his return from London"), "seat" ("officials in Kabul said": where a speaker sits),
    "demonym" ("Turkish": the country, named as an adjective), "embedded" (the head of an
    organisation's name, "Dubai Police") or "dateline" ("BANGKOK:" opening a paragraph).
    Demonyms and embedded names never place an event; a dateline or a speaker's seat only
    when the story names no other place.
    """

    start_char: int
    end_char: int
    text: str
    place: Place | None
    role: str = "place"
    hint: str | None = None
    #: How sure the choice of entry is, 0..1 (None when unresolved).
    score: float | None = None


@dataclass(frozen=True)
class NameSpan:
    """A candidate place name before resolution: token range, the name to look up, and a
    hint ("admin" for "Idlib Province", "district" for "Nad Ali district", "city" for "Idlib city",
    "city_of" for "the city of X", "demonym" with an ISO code
    or "continent:NAME" as the name, "embedded", "country", "continent")."""

    start: int
    end: int
    name: str
    hint: str | None
    label: str | None
    sent_start_char: int


def find_name_spans(doc: Doc, match_keys: frozenset[str], lexicon: GeoLexicon,
                    major_keys: frozenset[str] = frozenset()) -> list[NameSpan]:
    """NER place spans, abbreviations, demonyms, place names heading organisation names and
    gazetteer-name matches, left to right, without overlaps."""
    demonyms = load_demonyms()
    abbreviations = load_abbreviations()
    stopnames = load_word_list("stopnames.txt")
    taken = [False] * len(doc)
    spans: list[NameSpan] = []
    sents = _Sentences(doc)
    ents = _split_at_commas(doc, doc.ents)
    tokens = list(doc)  # indexing a list is far cheaper than making Token objects from the Doc

    def take(start: int, end: int, name: str, hint: str | None, label: str | None) -> None:
        sent_start_char = sents.bounds[sents.index[start]][2]
        spans.append(NameSpan(start, end, name, hint, label, sent_start_char))
        for k in range(start, end):
            taken[k] = True

    for start, end in dateline_mentions(tokens, match_keys, stopnames):
        take(start, end, doc[start:end].text, None, DATELINE_LABEL)
    for ent in ents:
        if any(taken[ent.start:ent.end]):
            continue
        start = name_start(ent)
        ent_end = ent.end - (1 if len(ent) > 1 and ent[-1].text in POSSESSIVES else 0)  # "South Korea's"
        is_place = ent.label_ in PLACE_LABELS
        if is_place and doc[start:ent_end].text.lower() in demonyms:
            continue  # found below as a demonym
        if is_place and ent_end - start == 1 and skeleton_name(doc[start].text) not in major_keys \
                and _a_persons_name(tokens, start, ents):
            continue  # the model's GPE "Petro" of "Gustavo Petro": a person
        abbreviation = abbreviations.get(doc[start:ent_end].text) if is_place else None
        if abbreviation is not None:  # the model's GPE "Ky.": look up "Kentucky"
            name, kind = abbreviation
            take(start, ent_end, name, "admin" if kind == "division" else kind, "ABBR")
            continue
        if is_place and not any(t.lower_ in lexicon.org_words for t in ent):
            end = _extended_end(doc, tokens, start, ent_end, sents.sent_end[start], match_keys,
                                lexicon.extension_links)
            spans.append(_with_hint(doc, start, end, ent.label_, lexicon, sents, match_keys))
            for i in range(ent.start, end):
                taken[i] = True
        elif ent.label_ in HOST_LABELS and major_keys and not any(taken[ent.start:ent.end]) \
                and not (ent.label_ in _MISREAD_LABELS and _linked_name(doc, start, ent_end, match_keys,
                                                                        lexicon.name_links)):
            for mention in embedded_mentions(doc, ent, major_keys, stopnames, demonyms, lexicon.saint_words,
                                             division_keys=match_keys, admin_words=lexicon.admin_words):
                take(mention[0], mention[1], mention[2], mention[3], ent.label_)
    for start, end, name, hint in abbreviation_mentions(tokens, taken):
        take(start, end, name, hint, "ABBR")
    for start, end, target, hint in demonym_mentions(tokens, taken):
        take(start, end, target, hint, "NORP")
    i = 0
    while i < len(doc):
        match = None
        if not taken[i] and (tokens[i].text[:1].isupper() or article_start(tokens, i)):
            # In Title Case lines (headlines) capitals say nothing: only big places' names count.
            keys, end = (match_keys, sents.match_end[i]) if sents.match_end[i] else (major_keys, sents.sent_end[i])
            match = _match_at(doc, tokens, i, end, taken, keys, stopnames, demonyms, lexicon, ents, major_keys)
        if match is None:
            i += 1
            continue
        spans.append(_with_hint(doc, match[0], match[1], None, lexicon, sents, match_keys))
        for k in range(match[0], spans[-1].end):
            taken[k] = True
        i = match[1]
    for start, end in unknown_spans(doc, tokens, taken, sents.sent_end, lexicon, stopnames, lexicon.name_links):
        spans.append(_with_hint(doc, start, end, CUE_LABEL, lexicon, sents, match_keys))
    spans.sort(key=lambda s: s.start)
    return spans


#: Labels the model gives a long place name by mistake ("Mocímboa da Praia" as a work of art);
#: an organisation or a facility named so is the organisation ("Bab al-Hawa" crossing).
_MISREAD_LABELS = frozenset({"WORK_OF_ART", "EVENT", "PRODUCT"})


def _linked_name(doc: Doc, start: int, end: int, match_keys: frozenset[str], links: frozenset[str]) -> bool:
    """Whether tokens [start, end) are one gazetteer name with a link word inside ("Mocímboa
    da Praia", which the model may call a work of art): the whole name, for the matcher
    below, not the places inside it ("Praia"). A hyphen is no link word: "Donga-Mantung"."""
    inner = doc[start + 1:end - 1]
    return end - start > 2 and any(t.is_alpha and t.lower_ in links for t in inner) \
        and skeleton_name(doc[start:end].text) in match_keys


class _Sentences:
    """Sentence bounds per token, read once (Token.sent rescans the whole Doc each time)."""

    def __init__(self, doc: Doc) -> None:
        self.index = [0] * len(doc)
        self.bounds: list[tuple[int, int, int]] = []  # (start token, end token, start char)
        #: End of the token's sentence for the matcher; 0 in Title Case lines (headlines),
        #: where capitals say little and only big places' names are matched.
        self.match_end = [0] * len(doc)
        self.sent_end = [0] * len(doc)
        for number, sent in enumerate(doc.sents):
            self.bounds.append((sent.start, sent.end, sent.start_char))
            words = [t for t in sent if t.is_alpha]
            title_case = len(words) >= 3 and sum(1 for t in words if t.text[0].isupper()) > 0.6 * len(words)
            for i in range(sent.start, sent.end):
                self.index[i] = number
                self.match_end[i] = 0 if title_case else sent.end
                self.sent_end[i] = sent.end


def _extended_end(doc: Doc, tokens: list[Token], start: int, end: int, sent_end: int,
                  match_keys: frozenset[str], links: frozenset[str]) -> int:
    """The model cuts names short ("Tal" of "Tal Abyad", "Trinidad" of "Trinidad and
    Tobago"): an NER place span grows over the capitalised words after it (and the links
    between them, lexicon.yaml's extension_links) while the longer name is a gazetteer name."""
    best = end
    for j in range(end, min(start + _MAX_TOKENS, sent_end, len(doc))):
        if tokens[j].lower_ in links and j + 1 < len(doc) and _is_capitalised(tokens[j + 1]):
            continue  # "Trinidad" "and Tobago", "Bosnia" "and Herzegovina"
        if not _is_capitalised(tokens[j]) or tokens[j].ent_type_ in ("DATE", "TIME"):
            break
        if skeleton_name(doc[start:j + 1].text) in match_keys:
            best = j + 1
    return best


_INNER_MARKS = re.compile(r"(?<=\w)['\u2019-](?=\w)")


def _is_capitalised(token: Token) -> bool:
    """A capitalised word, apostrophes and hyphens inside allowed ("N'Djamena", "Al-Bab")."""
    return token.text[:1].isupper() and (token.is_alpha or _INNER_MARKS.sub("", token.text).isalpha())


def _match_at(doc: Doc, tokens: list[Token], i: int, sent_end: int, taken: list[bool], match_keys: frozenset[str],
              stopnames: frozenset[str], demonyms: dict[str, str], lexicon: GeoLexicon,
              ents: list[Span], major_keys: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """The longest gazetteer name starting at token i, as a (start, end) token range."""
    if not (_is_capitalised(tokens[i]) or article_start(tokens, i)):
        return None
    last_ok = None
    for j in range(i, min(i + _MAX_TOKENS, sent_end, len(doc))):
        token = tokens[j]
        if taken[j] or not (_is_capitalised(token) or token.lower_ in lexicon.name_links):
            break
        if not _is_capitalised(token) or token.lower_ in demonyms:
            continue
        if skeleton_name(doc[i:j + 1].text) in match_keys:
            last_ok = j + 1
    if last_ok is None:
        return None
    span = doc[i:last_ok]
    if len(span) == 1 and (span[0].lower_ in stopnames or span[0].is_stop or span[0].lower_ in demonyms):
        return None
    if span[-1].pos_ not in ("PROPN", "NOUN", "ADJ") or span.text.lower() in stopnames:
        return None
    if len(span) == 1 and span[0].is_sent_start and span[0].pos_ == "ADJ" and span[0].dep_ == "amod":
        return None  # "Mobile phone services were cut": a capital the sentence gives a common adjective
    if len(span) == 1 and not _plain_single_name(tokens, i, major_keys, lexicon):
        return None
    if len(span) == 1 and skeleton_name(span.text) not in major_keys and _a_persons_name(tokens, i, ents):
        return None
    return (i, last_ok) if _fits_entities(span, lexicon, ents, major_keys) else None


def _a_persons_name(tokens: list[Token], i: int, ents: list[Span]) -> bool:
    """A one-word name (of no big place) that is a person's: the surname of a person the story
    names in full ("Gustavo Petro" ... "for Petro"), or a name a "who" clause follows ("Petro,
    who was present")."""
    text = tokens[i].text
    if any(ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == text for ent in ents):
        return True
    after = [t.lower_ for t in tokens[i + 1:i + 3]]
    return after[:1] == ["who"] or after == [",", "who"]


def _plain_single_name(tokens: list[Token], i: int, major_keys: frozenset[str], lexicon: GeoLexicon) -> bool:
    """Whether a one-word gazetteer match outside any place entity reads as a place: not an
    acronym ("NAFTA"; listed abbreviations are found apart) or a camel-cased word ("UConn"),
    save a capitalised dateline ("TORONTO —"); and a big place's name, or one with a place
    word before it ("in", "town of"), a place noun after it ("Danbury police"), or in a
    list of names ("Clacton, Essex"). Surnames and capitalised common words that happen
    to be village names ("Modi", "Lord", "Centre") fail."""
    text = tokens[i].text
    after = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if text.isupper() and tokens[i].is_sent_start and after in (",", "—", "–", "-", "(", "--"):
        return True  # a dateline: "PLEASANTON, Calif.", "INNISFAIL -"
    if text.isupper() or any(ch.isupper() and text[k].isalpha() for k, ch in enumerate(text[1:])):
        return False  # "UConn"; not "N'Djamena", "Al-Bab", whose capital follows an apostrophe or hyphen
    if skeleton_name(text) in major_keys:
        return True
    before = tokens[i - 1].lower_ if i > 0 else ""
    if before in lexicon.locatives or before in _PLACE_CUES or before in _SINGLE_NAME_CUES:
        return True
    if after.lower() in lexicon.place_followers:
        return True
    if before in (",", "and") and i > 1 and tokens[i - 2].text[:1].isupper():
        return True
    return after == "," and i + 2 < len(tokens) and tokens[i + 2].text[:1].isupper()


def _fits_entities(span: Span, lexicon: GeoLexicon, ents: list[Span],
                   major_keys: frozenset[str] = frozenset()) -> bool:
    """A gazetteer match may sit inside a non-place entity only when it is the whole
    entity (the model's ORG or NORP "Saraqeb", a proper noun) and, for a PERSON, a place
    word comes before it or a "city" or "province" word after it ("Ras al-Ayn city"), or a big
    place's name is marked as a headline marks it ("#Mali", "Niger: ..."). A name with a
    link word inside may hold an entity the model cut short: "Cruzeiro" of "Cruzeiro do Sul"."""
    linked = len(span) > 2 and any(t.is_alpha and t.lower_ in lexicon.name_links for t in span[1:-1])
    for ent in ents:
        if ent.end <= span.start or ent.start >= span.end:
            continue
        if linked and span.start <= ent.start and ent.end <= span.end:
            continue
        if ent.label_ == "NORP" and _place_before_group(span, ent, major_keys):
            continue  # "Belfast Catholic", "Gaza Palestinians": a big place heading a group's name
        if ent.label_ == "NORP" and (ent.start != span.start or ent.end != span.end or span[-1].pos_ != "PROPN"):
            return False
        whole = name_start(ent) == span.start and ent.end == span.end
        if ent.label_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
            return whole and _misread_as_time(span)  # the model's DATE "Manbij"
        if not whole:
            return False
        if ent.label_ == "PERSON":
            before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
            if len(span) > 1 and skeleton_name(span.text) in major_keys:
                return True  # "Tamil Nadu said": a division's name of two words is rarely a person's
            after = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
            if _after_a_place(span) and skeleton_name(span.text) in major_keys:
                return True  # "Brands Hatch Indy, Kent."
            if skeleton_name(span.text) in major_keys and (before in lexicon.name_marks_before or (
                    span[0].is_sent_start and after in lexicon.name_marks_after)):
                return True  # "#Mali", "Niger: soldiers killed ..."
            return (before in _PLACE_CUES or before in lexicon.locatives or after in lexicon.city_words
                    or after in lexicon.admin_words or after in lexicon.place_followers  # "the Cairns police"
                    or _names_a_place_noun(span, lexicon))
    return True


def _names_a_place_noun(span: Span, lexicon: GeoLexicon) -> bool:
    """Whether the name stands in apposition to a noun of a kind of place, after its comma
    ("in the capital, Kyiv,", "the port city, Hodeidah"): the model's PERSON is that place."""
    root = span.root
    return root.dep_ == "appos" and root.head.lower_ in lexicon.place_nouns and span.start > 0 \
        and span.doc[span.start - 1].text == ","


def _place_before_group(span: Span, ent: Span, major_keys: frozenset[str]) -> bool:
    """Whether a group's name (the model's NORP) opens with a big place's name and a word of
    its own follows: "Belfast Catholic", "Kabul Shiites". The place is where the group is."""
    return name_start(ent) == span.start and span.end < ent.end and skeleton_name(span.text) in major_keys \
        and all(t.pos_ in ("PROPN", "NOUN", "ADJ") for t in span.doc[span.end:ent.end])


def _split_at_commas(doc: Doc, ents: tuple[Span, ...]) -> list[Span]:
    """The model's place entities with a comma inside cut into their parts: "Donington
    Park, Leicestershire" is a place and its county, each looked up on its own."""
    out: list[Span] = []
    for ent in ents:
        commas = [t.i for t in ent if t.text == ","] if ent.label_ in PLACE_LABELS else []
        if not commas:
            out.append(ent)
            continue
        bounds = [ent.start, *commas, ent.end]
        out.extend(Span(doc, a + (k > 0), b, label=ent.label_)
                   for k, (a, b) in enumerate(zip(bounds, bounds[1:])) if b > a + (k > 0))
    return out


def _misread_as_time(span: Span) -> bool:
    """Whether the model's time or number entity is a name: proper nouns only, no digit,
    no month or weekday ("Manbij", not "May" or "Friday")."""
    return all(t.pos_ == "PROPN" and not t.like_num and t.lower_ not in _CALENDAR_WORDS for t in span)


def _after_a_place(span: Span) -> bool:
    """A name that closes a list after a comma and a capitalised word, the sentence or the
    clause ending after it: the "Kent" of "Brands Hatch Indy, Kent." (a person's name is
    rarely written so)."""
    doc = span.doc
    after = doc[span.end].text if span.end < len(doc) else "."
    return span.start > 1 and doc[span.start - 1].text == "," and doc[span.start - 2].text[:1].isupper() \
        and after in (".", ",", ";", ":", ")", "\n")


def _admin_hint(word: str, lexicon: GeoLexicon) -> str:
    """ "district" for a second-level division's word ("Nad Ali district"), else "admin"."""
    return "district" if word in lexicon.district_words else "admin"


def _with_hint(doc: Doc, start: int, end: int, label: str | None, lexicon: GeoLexicon,
               sents: _Sentences, match_keys: frozenset[str]) -> NameSpan:
    """Fold a following or included "Province"/"city" word into the span as a hint."""
    hint = None
    name_end = end
    if end - start > 1 and doc[end - 1].lower_ in lexicon.admin_words:
        hint, name_end = _admin_hint(doc[end - 1].lower_, lexicon), end - 1
    elif end - start > 1 and doc[end - 1].lower_ in lexicon.city_words \
            and not (doc[end - 1].text[:1].isupper() and skeleton_name(doc[start:end].text) in match_keys):
        hint, name_end = "city", end - 1  # "Idlib city"; but "Kansas City" and "Cape Town" are names
    elif end < len(doc) and sents.index[end] == sents.index[start] and doc[end].lower_ in lexicon.admin_words:
        hint, end = _admin_hint(doc[end].lower_, lexicon), end + 1
    elif end < len(doc) and sents.index[end] == sents.index[start] and doc[end].lower_ in lexicon.city_words:
        hint, end = "city", end + 1
    if hint is None and start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in lexicon.city_words:
        hint = "city_of"  # "the southern city of Zaporizhzhia": the town people know, not its province
    before = phrase_before(doc, start, lexicon.admin_before) if hint is None else None
    if before is not None:
        hint = "admin"  # "rural Idlib", "the countryside of Hama", "the northern province of Saada"
        if start > 2 and doc[start - 3].lower_ in lexicon.sides and before.split()[0] in lexicon.side_nouns:
            hint = "city"  # "the eastern countryside of Hama" lies east of the town (geo/relative.py)
    name = doc[start:name_end].text  # Doc.text re-joins every token on each call: avoid it
    sent_start_char = sents.bounds[sents.index[start]][2]
    return NameSpan(start=start, end=end, name=name, hint=hint, label=label, sent_start_char=sent_start_char)
