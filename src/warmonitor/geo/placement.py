"""Event placement: which toponym says where one event happened.

In the trigger's sentence, a name tied to the trigger's clause by a locative word
("in", "near", "entered", "seize") wins, then the most specific name (a town over a
province over a country); a country gives way to the story's only town in it. Without one, the latest specific place of the same
paragraph, then the story's only town ("near"), then the article's main place at province
precision (the province its names point to most, the lead's names twice). Borders,
destinations, a speaker's location and countries named only as actors never place an event; a dateline ("BANGKOK:") only in a story that names no other place.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Token

from ..models import Place
from .datafiles import GeoLexicon
from .gazetteer import Gazetteer
from .relative import only_tells_where
from .resolve import to_place
from .toponyms import Toponym

#: Precisions of the other places a place phrase may join ("in Omdurman and in Gadaref").
_JOINABLE = frozenset({"point", "admin2", "admin1"})
_SPECIFICITY = {"point": 3.0, "near": 2.8, "admin2": 2.0, "admin1": 1.5, "country": 1.0}
#: Words skipped when looking back from a name for its locative word ("in northwestern Idlib").
_SKIPPABLE_POS = frozenset({"DET", "ADJ", "NUM"})
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "dative", "agent"})
_EXCLUDED_ROLES = frozenset({"border", "destination", "origin", "demonym", "embedded"})
_LAST_RESORT_ROLES = frozenset({"dateline", "seat"})
#: Names this close after the story's first place name are the lead's: they count twice for its main place.
_LEAD_CHARS = 400
#: The cue weight of an event noun right after the name: as strong as "in".
_EVENT_NOUN_WEIGHT = 3.0


def place_in_doc(doc: Doc, toponyms: list[Toponym], start_char: int, end_char: int,
                 gazetteer: Gazetteer, lexicon: GeoLexicon, *, doc_text: str | None = None) -> Place | None:
    """The Place of the event whose trigger spans [start_char, end_char) in `doc`
    (`doc_text`: `doc.text`, where the caller placing many events has it already)."""
    return event_places(doc, toponyms, start_char, end_char, gazetteer, lexicon, doc_text=doc_text)[0]


def event_places(doc: Doc, toponyms: list[Toponym], start_char: int, end_char: int, gazetteer: Gazetteer,
                 lexicon: GeoLexicon, *, doc_text: str | None = None,
                 announced: bool = False) -> tuple[Place | None, list[Place]]:
    """The event's place (as `place_in_doc`) and the other towns its own place phrase joins
    to it ("tear gas on protesters in Omdurman and in Gadaref": the event happened at each),
    read in one pass over the sentence."""
    trigger_span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if trigger_span is None or len(trigger_span) == 0:
        return None, []
    if doc_text is None:
        doc_text = doc.text  # built once: Doc.text re-joins every token on each access
    usable = _usable(toponyms)
    best = None if announced else _best_in_sentence(doc, doc_text, usable, trigger_span.root, lexicon)
    if best is not None:
        place = best.place
        assert place is not None
        town = _only_town(usable) if place.precision == "country" else None
        if town is not None and town.country_code == place.country_code:
            return replace(town, precision="near"), []  # "lawmakers in Venezuela" of a story told in Caracas
        return place, _conjoined(doc, usable, best)
    return _fallback(doc_text, usable, trigger_span.root.sent.start_char, gazetteer), []


def _usable(toponyms: list[Toponym]) -> list[Toponym]:
    usable = [t for t in toponyms if t.place is not None and t.role not in _EXCLUDED_ROLES]
    # where it was filed, where a speaker sits ("police in Kano said"): a last resort
    return [t for t in usable if t.role not in _LAST_RESORT_ROLES] or usable


def _conjoined(doc: Doc, usable: list[Toponym], best: Toponym) -> list[Place]:
    """The other towns joined to the best place's phrase by "and"; empty where it is one."""
    if best.place is None or best.place.precision not in ("point", "admin2"):
        return []
    anchor = _anchor(doc, best)
    out: list[Place] = []
    for other in usable:
        if other is best or other.place is None or other.place.precision not in _JOINABLE \
                or other.place.geonameid == best.place.geonameid:  # "in Mombasa and Kisumu" (a county): both
            continue
        other_anchor = _anchor(doc, other)
        if anchor is not None and other_anchor is not None and (
                _joined(anchor, other_anchor) or _same_phrase(doc, best, other)):
            out.append(other.place)
    return out


def _same_phrase(doc: Doc, best: Toponym, other: Toponym) -> bool:
    """ "in Mombasa and Kisumu": the other name is a conjunct of the best one's own noun."""
    first = doc.char_span(best.start_char, best.end_char, alignment_mode="expand")
    second = doc.char_span(other.start_char, other.end_char, alignment_mode="expand")
    return first is not None and second is not None and second.root in first.root.conjuncts


def _joined(anchor: Token, other: Token) -> bool:
    """Two place phrases of one clause joined by "and": "in Daraa and Quneitra", "in
    Omdurman ... and in Gadaref" (the parse may hang the second "in" on the verb)."""
    if other in anchor.conjuncts:
        return True
    after_and = other.i > 0 and other.doc[other.i - 1].lower_ == "and"
    return (other.dep_ in ("conj", "prep") and (other.dep_ == "conj" or after_and) and other.lower_ == anchor.lower_
            and other.i > anchor.i and anchor in other.head.subtree)


def _anchor(doc: Doc, toponym: Toponym) -> Token | None:
    """What a name's place phrase joins on: its preposition ("in Omdurman"), else its head."""
    span = doc.char_span(toponym.start_char, toponym.end_char, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    return root.head if root.dep_ == "pobj" else root


def _best_in_sentence(doc: Doc, doc_text: str, usable: list[Toponym], trigger: Token,
                      lexicon: GeoLexicon) -> Toponym | None:
    """The name of the trigger's sentence that best says where its event happened."""
    sent = trigger.sent
    in_sentence = [t for t in usable if sent.start_char <= t.start_char < sent.end_char]
    scored: list[tuple[float, Toponym]] = []
    for toponym in in_sentence:
        if _is_apposition(doc_text, toponym, in_sentence, lexicon) or _describes_a_place_after(doc, toponym, lexicon):
            continue
        score = _score(doc, toponym, trigger, lexicon)
        if score is not None:
            scored.append((score, toponym))
    if not scored:
        return None
    return _contained(max(scored, key=lambda pair: pair[0])[1], scored)


def _only_town(usable: list[Toponym]) -> Place | None:
    """The one town the story names (precision "point"), None when it names none or several."""
    towns = {t.place.geonameid: t.place for t in usable if t.place is not None and t.place.precision == "point"}
    return next(iter(towns.values())) if len(towns) == 1 else None


def _contained(best: Toponym, scored: list[tuple[float, Toponym]]) -> Toponym:
    """A country that wins ("killed in Pakistan's Karachi", "die in Ukraine in street battles,
    Donetsk shelling") gives way to the best-scored town or division of the same sentence
    inside it: the sentence says where in the country."""
    assert best.place is not None
    if best.place.precision != "country":
        return best
    inside = [(score, t) for score, t in scored if t.place is not None and t.place.precision != "country"
              and t.place.country_code == best.place.country_code]
    return max(inside, key=lambda pair: pair[0])[1] if inside else best


def _score(doc: Doc, toponym: Toponym, trigger: Token, lexicon: GeoLexicon) -> float | None:
    """How well a toponym in the trigger's sentence places the event; None: never."""
    assert toponym.place is not None
    span = doc.char_span(toponym.start_char, toponym.end_char, alignment_mode="expand")
    if span is None:
        return None
    cue, cue_weight = _locative_cue(doc, span.start, lexicon)
    if cue is not None and cue.head.lemma_.lower() in lexicon.speech_verbs and cue.lower_ in ("in", "at", "from"):
        return None  # "said in Ankara": the speaker's place
    if _in_other_clause(span.root, trigger, lexicon):
        return None  # "warrants for followers of Gulen, who lives in the United States": his home
    if _of_another_event(span.root, trigger, lexicon):
        return None  # "fears that Monday's attack in Suruc could ...": that attack's place
    if _in_sequence_clause(span.root, trigger, lexicon):
        return None  # "shot two men, hours after the two sides met at talks in Jordan": the talks' place
    noun = _event_noun_after(doc, span.end, lexicon)
    if cue is None and noun is not None:
        cue, cue_weight = noun, _EVENT_NOUN_WEIGHT  # "Donetsk shelling", "Sulu clash"
    elif cue is None and span.root.dep_ in _ACTOR_DEPS:
        return None  # "Ankara expected ...": a place name standing for its government
    precision = toponym.place.precision
    if precision == "country" and cue_weight < 2:
        return None  # a country as actor ("Turkey shelled ...") is not where it happened
    attached = trigger in span.root.ancestors or (cue is not None and (cue == trigger or trigger in cue.ancestors))
    distance = abs(span.start - trigger.i)
    return 2.0 * cue_weight + (2.0 if attached else 0.0) + _SPECIFICITY[precision] - 0.02 * distance


def _in_other_clause(token: Token, trigger: Token, lexicon: GeoLexicon) -> bool:
    """The name sits in a relative clause about a participant that does not hold the trigger
    ("the preacher who lives in the United States"): it tells of the participant, not where
    the event happened."""
    for ancestor in token.ancestors:
        if ancestor.dep_ == "relcl" and ancestor.i != trigger.i and trigger not in ancestor.subtree:
            head = ancestor.head
            if ancestor.lemma_.lower() not in lexicon.residence_verbs and _where_the_act_was(head, trigger):
                return False  # "found shot at the house they shared in X": the house is in X
            return ancestor.lemma_.lower() in lexicon.residence_verbs or (
                head.ent_type_ not in ("GPE", "LOC", "FAC") and head.lower_ not in lexicon.place_nouns)
    return False


def _where_the_act_was(noun: Token, trigger: Token) -> bool:
    """The noun is the trigger's own "at/in/inside" object: the site of the act."""
    prep = noun.head if noun.dep_ == "pobj" else None
    return prep is not None and prep.lower_ in ("at", "in", "inside", "outside", "near") and prep.head.i == trigger.i


def _of_another_event(token: Token, trigger: Token, lexicon: GeoLexicon) -> bool:
    """The name hangs on an event noun dated apart from the trigger ("the killings deepened
    fears that Monday's attack in Suruc ..."): that event's place."""
    prep = token.head if token.dep_ == "pobj" else None
    holder = prep.head if prep is not None and prep.dep_ == "prep" else None
    return holder is not None and holder.i != trigger.i and holder.pos_ == "NOUN" \
        and holder.lower_ in lexicon.event_nouns and trigger not in holder.subtree \
        and holder not in trigger.subtree and any(  # dated apart: "Monday's attack", "the 2014 assault"
            child.dep_ in ("poss", "compound", "nummod", "npadvmod") and child.ent_type_ in ("DATE", "TIME")
            for child in holder.children)


def _in_sequence_clause(token: Token, trigger: Token, lexicon: GeoLexicon) -> bool:
    """The name sits in a clause of another happening told before or after the event ("after
    a gunman shot two brothers in X", "hours after talks in Y") that does not hold the trigger."""
    for ancestor in token.ancestors:
        if ancestor.i == trigger.i or trigger in ancestor.subtree and ancestor.dep_ != "advcl":
            return False
        if ancestor.dep_ in ("advcl", "xcomp") and trigger not in ancestor.subtree and any(
                child.dep_ == "mark" and child.lower_ in lexicon.sequence_marks
                or child.dep_ == "aux" and child.lower_ == "to" and ancestor.dep_ == "advcl"
                for child in ancestor.children):
            return True  # also a purpose: "carried out the raid to avenge the killing of clerics in Mombasa"
    return False


def _event_noun_after(doc: Doc, end: int, lexicon: GeoLexicon) -> Token | None:
    """The event noun right after a name, which the name then modifies: "Donetsk shelling",
    "Sulu clash"; not one of a sentence whose verb follows ("Kabul attacks the rebels")."""
    if end >= len(doc):
        return None
    token = doc[end]
    if token.lower_ not in lexicon.event_nouns or token.pos_ == "VERB" and token.tag_ not in ("VBG", "VBN"):
        return None
    return token


def _locative_cue(doc: Doc, start: int, lexicon: GeoLexicon) -> tuple[Token | None, float]:
    """The locative word or verb before a name ("in", "outskirts of", "entered") and its weight."""
    i = start - 1
    while i >= 0 and (doc[i].pos_ in _SKIPPABLE_POS or doc[i].lower_ in lexicon.place_nouns):
        i -= 1
    if i < 0:
        return None, 0.0
    word = doc[i].lower_
    if word == "of" and i > 0:
        pair = f"{doc[i - 1].lower_} of"
        if pair in lexicon.locatives:
            return doc[i - 1], lexicon.locatives[pair]
        i2 = i - 1
        while i2 >= 0 and (doc[i2].lower_ in lexicon.place_nouns | {"of", "the"} or doc[i2].lower_ in lexicon.sides
                           or doc[i2].pos_ in ("ADJ", "PROPN")):  # "in the Black Sea city of Odesa"
            i2 -= 1
        if i2 >= 0 and i2 < i - 1 and doc[i2].lower_ in lexicon.locatives:
            return doc[i2], lexicon.locatives[doc[i2].lower_]  # "in the town of X"
    return (doc[i], lexicon.locatives[word]) if word in lexicon.locatives else (None, 0.0)


def _describes_a_place_after(doc: Doc, toponym: Toponym, lexicon: GeoLexicon) -> bool:
    """A name that qualifies a place noun naming another place: "the Black Sea city of Odesa",
    "the Kurdish town of Kobani": the place is the one after "of"."""
    span = doc.char_span(toponym.start_char, toponym.end_char, alignment_mode="expand")
    if span is None:
        return False
    i = span.end
    while i < len(doc) and doc[i].pos_ == "ADJ":
        i += 1
    return (i + 1 < len(doc) and doc[i].lower_ in lexicon.place_nouns and doc[i + 1].lower_ == "of"
            and doc[i + 2].pos_ == "PROPN" if i + 2 < len(doc) else False)


def _is_apposition(doc_text: str, toponym: Toponym, in_sentence: list[Toponym], lexicon: GeoLexicon) -> bool:
    """A relative phrase right after a resolved town ("Saraqeb, 9 miles east of Idlib city",
    "Huwara, south of Nablus") describes that town: the town is the better point."""
    if toponym.role not in ("relative", "near"):
        return False
    return any(other.end_char <= toponym.start_char and other.place is not None
               and other.place.precision == "point"
               and (doc_text[other.end_char:toponym.start_char].strip() in (",", "") or
                    only_tells_where(doc_text[other.end_char:toponym.start_char], lexicon))
               for other in in_sentence)


def _main_place(specific: list[Toponym]) -> Toponym:
    """The story's main place: in the province its names point to most (the lead's names count
    twice, a tie goes to the province named first: "in the city of Kunduz ... Kunduz province"
    beats the Kabul of a later paragraph), its most named place there."""
    def area(t: Toponym) -> tuple[str | None, str | None]:
        return (t.place.country_code, t.place.admin1) if t.place is not None else (None, None)
    first = min(t.start_char for t in specific)
    lead = [t for t in specific if t.start_char - first < _LEAD_CHARS]
    weight = Counter(area(t) for t in specific) + Counter(area(t) for t in lead)
    order = {key: k for k, key in reversed(list(enumerate(area(t) for t in specific)))}
    best_area = max(weight, key=lambda key: (weight[key], -order[key]))
    inside = [t for t in specific if area(t) == best_area]
    counts = Counter(t.place.geonameid for t in inside if t.place is not None)
    return max(inside, key=lambda t: (counts[t.place.geonameid],  # type: ignore[union-attr]
                                      _SPECIFICITY[t.place.precision], -t.start_char))  # type: ignore[union-attr]


def _fallback(doc_text: str, usable: list[Toponym], sent_start: int, gazetteer: Gazetteer) -> Place | None:
    """The latest specific place earlier in the paragraph, else the story's only town, whatever
    provinces it names too (precision "near"), else the article's main place at province precision (we only
    know the event is in that story's area)."""
    paragraph_start = doc_text.rfind("\n", 0, sent_start) + 1
    specific = [t for t in usable if t.place is not None and t.place.precision != "country"]
    earlier = [t for t in specific if paragraph_start <= t.start_char < sent_start]
    if earlier:
        return earlier[-1].place
    if not specific:
        return None
    main = _main_place(specific)
    place = main.place
    assert place is not None
    town = _only_town(specific)
    if town is not None:  # the story's one town ("Jarabulus", beside "Homs province"): there or near it
        return replace(town, precision="near")
    if place.precision in ("point", "near") and place.country_code and place.geonameid:
        entry = gazetteer.get(place.geonameid)
        province = gazetteer.admin1_entry(place.country_code, entry.admin1_code) if entry and entry.admin1_code else None
        if province is not None and province.lat is not None:
            return replace(to_place(province, place.place_text), place_text=place.place_text)
    return place
