"""The geoparser: finds and resolves the toponyms of a Doc and places events.

Reads the Doc's sentences, tokens, POS, dependencies and entities; sets
`doc._.toponyms` (a list of Toponym). Uses the Gazetteer handed to it.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from ..errors import InputError
from ..models import Place
from .context import build_context
from .datafiles import GeoLexicon, load_demonyms, load_lexicon, load_scoring, load_word_list
from .gazetteer import Gazetteer, GeoEntry
from .mentions import embedded_mentions
from .narrowing import (
    capital_not_division,
    container_after,
    part_of_town,
    setting_before,
    small_if_village,
    with_loose_spellings,
    within_containers,
)
from .placement import event_places, place_in_doc
from .relative import relative_phrase
from .resolve import Candidates, candidates, choose_all, to_place
from .roles import place_role
from .toponyms import CUE_LABEL, DATELINE_LABEL, PLACE_LABELS, NameSpan, Toponym, find_name_spans
from .unknown import containable, container_place, focus_country, home_namesake

#: How much a mention counts toward the article's dominant country: a demonym ("Turkish
#: troops") or a name heading an organisation's name says less than a place name.
_VOTE_WEIGHTS = {"demonym": 0.5, "embedded": 0.5}
#: Names placed at their container: the model's place entities and names a place phrase marks.
_MARKED_LABELS = PLACE_LABELS | {CUE_LABEL}
_NOT_CONTAINED = frozenset({"demonym", "embedded", "country", "continent"})
#: The score of a name placed at its container: the name is a place, its point is not known.
_CONTAINED_SCORE = 0.3


class Geoparser:
    """Toponym finding, resolution and event placement over one gazetteer.

    >>> geoparser = Geoparser(Gazetteer.open())
    >>> toponyms = geoparser.annotate(nlp("Fighters battled troops in Saraqeb."))
    """

    def __init__(self, gazetteer: Gazetteer, *, lexicon: GeoLexicon | None = None) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon or load_lexicon()
        self._foreign_min = float(load_scoring()["foreign_min_population"])
        self._village_max = float(load_scoring()["village_max_population"])

    def annotate(self, doc: Doc, *, dateline: str | None = None, country: str | None = None) -> list[Toponym]:
        """The toponyms of `doc`, each resolved to a Place (or None when no entry fits);
        also stored in `doc._.toponyms`. `dateline` ("BEIRUT") counts toward the article's
        dominant country, and so does `country` (ISO alpha-2: the country of the batch)."""
        if not isinstance(doc, Doc):
            raise InputError(f"annotate() wants a spaCy Doc, not {type(doc).__name__}")
        spans = find_name_spans(doc, self.gazetteer.match_keys, self.lexicon, self.gazetteer.major_keys)
        spans, found = self._split_unknown(doc, spans, [candidates(self.gazetteer, s.name, s.hint) for s in spans])
        spans, found = self._drop_outlets(doc, spans, found)
        found = self._narrow(doc, spans, found)
        dateline_entries = candidates(self.gazetteer, dateline)[0] if dateline else None
        weights = [_VOTE_WEIGHTS.get("demonym" if after_stance_prefix(doc, span.start) else span.hint or "", 1.0)
                   for span in spans]
        prior = self.gazetteer.country(country) if country else None
        context = build_context(found, dateline_entries, weights, prior=prior, neighbours=self.gazetteer.neighbours)
        loose = with_loose_spellings(self.gazetteer, spans, found, context)
        found = self._narrow(doc, spans, loose) if loose != found else found
        text = doc.text  # built once: Doc.text re-joins every token on each access
        chosen = choose_all([(span.name, *cands, span.hint) for span, cands in zip(spans, found)], context)
        toponyms = [self._toponym(doc, text, span, choice) for span, choice in zip(spans, chosen)]
        toponyms = self._contain_unknown(doc, text, spans, found, chosen, toponyms)
        doc._.toponyms = toponyms
        return toponyms

    def _narrow(self, doc: Doc, spans: list[NameSpan], found: list[Candidates]) -> list[Candidates]:
        """Candidates inside the container named after each name; a capital, not a division
        of its name, "in" it; no big town for a village."""
        found = within_containers(doc, spans, found, self.lexicon.enclosing_links, self.lexicon.containing_links,
                                  self.lexicon.town_parts, self.lexicon.near_words)
        found = capital_not_division(doc, spans, found, self.lexicon.capital_cues)
        return small_if_village(doc, spans, found, self.lexicon.village_words, self._village_max)

    def _contain_unknown(self, doc: Doc, text: str, spans: list[NameSpan], found: list[Candidates],
                         chosen: list[tuple[GeoEntry, float] | None], toponyms: list[Toponym]) -> list[Toponym]:
        """Place names the gazetteer lacks (or has only outside the story's country) at the
        smallest known place containing them, their own name kept (geo/unknown.py)."""
        entries = [c[0] for c, span in zip(chosen, spans)  # the story's own places: not where it was filed
                   if c is not None and span.hint != "demonym" and span.label != DATELINE_LABEL]
        country = focus_country(entries)
        out = list(toponyms)
        groups = {span.name for span in spans if span.end < len(doc)  # "M23 rebels": a group's name
                  and doc[span.end].lower_ in self.lexicon.group_followers}
        for k, (span, cands, toponym) in enumerate(zip(spans, found, toponyms)):
            if toponym.place is not None or span.hint in _NOT_CONTAINED or span.label not in _MARKED_LABELS \
                    or not containable(doc, span.start, span.end, self.lexicon, cued=span.label == CUE_LABEL) \
                    or span.label != CUE_LABEL and (span.name in groups or self._people_of_a_place(span.name)):
                continue
            if cands[0] and (country is None or any(e.country_code == country for e in cands[0])):
                continue  # a known name left unresolved: two places too close to call
            after = container_after(doc, spans, k, self.lexicon.container_links)
            if after is None:  # "X, a middle-class district of Caracas"
                after = part_of_town(doc, spans, k, self.lexicon.town_parts)
            relative = toponyms[k + 1] if k + 1 < len(toponyms) and toponyms[k + 1].role == "relative" else None
            if relative is not None and relative.place is not None \
                    and text[toponym.end_char:relative.start_char].strip() in ("", ","):  # "Nairab, 5 km west of Saraqeb"
                place = replace(relative.place, place_text=toponym.text, name=span.name, geonameid=None,
                                feature_code=None, precision="near")
            else:
                if after is None:  # "In Yangon, troops moved into the North Okkalapa township"
                    after = setting_before(doc, spans, chosen, k)
                following = [chosen[after][0] if after is not None and chosen[after] is not None else None]
                place = container_place(span.name, toponym.text, following, entries, self.gazetteer)
            if place is not None:
                out[k] = replace(toponym, place=place, hint="contained", score=_CONTAINED_SCORE)
        return self._home_namesakes(doc, spans, out, country)

    def _people_of_a_place(self, name: str) -> bool:
        """A name the gazetteer lacks that is a known place's name with a plural people's ending
        ("Kashmiris", "Baghdadis"): the people of that place, not a place of its own."""
        if " " in name or not name.endswith("s") or len(name) < 5:
            return False
        stems = [name[:-2]] if name.endswith("is") else []
        return any(self.gazetteer.lookup(stem) for stem in [*stems, name[:-1]] if len(stem) >= 3)

    def _home_namesakes(self, doc: Doc, spans: list[NameSpan], toponyms: list[Toponym],
                        country: str | None) -> list[Toponym]:
        """A name resolved abroad that the story's country holds without a point, and that
        no container sends abroad ("Palma, Spain"), is the story's own (unknown.home_namesake)."""
        if country is None:
            return toponyms
        out = list(toponyms)
        for k, (span, toponym) in enumerate(zip(spans, toponyms)):
            place = toponym.place
            if place is None or place.country_code in (None, country) or place.precision == "country" \
                    or span.hint in _NOT_CONTAINED or span.label == DATELINE_LABEL \
                    or container_after(doc, spans, k, self.lexicon.container_links) is not None:
                continue
            home = home_namesake(self.gazetteer, span.name, toponym.text, country)
            if home is not None:
                out[k] = replace(toponym, place=home, hint="contained", score=_CONTAINED_SCORE)
        return out

    def _drop_outlets(self, doc: Doc, spans: list[NameSpan], found: list[Candidates]
                      ) -> tuple[list[NameSpan], list[Candidates]]:
        """A name that says or reports ("Al-Ahram said", "X reported that") and matches only
        small places in countries no other name of the story points to is an outlet or a
        person, not a place: dropped. A city standing for its government ("Ankara said") is big."""
        named = {k for k, span in enumerate(spans) if named_outlet(doc, span.start, self.lexicon)
                 or named_person(doc[span.start:span.end], self.lexicon)}
        spans = [s for k, s in enumerate(spans) if k not in named]  # "the newssheet "Savana" reported"
        found = [f for k, f in enumerate(found) if k not in named]
        speakers = [k for k, span in enumerate(spans) if _is_speaker(doc, span, self.lexicon)
                    and found[k][0] and all(_small(e, self._foreign_min) for e in found[k][0])]
        if not speakers:
            return spans, found
        others = build_context((f for k, f in enumerate(found) if k not in speakers),
                               weights=[_VOTE_WEIGHTS.get(s.hint or "", 1.0) for k, s in enumerate(spans)
                                        if k not in speakers])
        drop = {k for k in speakers if not any(others.countries.get(e.country_code) for e in found[k][0])}
        return ([s for k, s in enumerate(spans) if k not in drop], [f for k, f in enumerate(found) if k not in drop])

    def _split_unknown(self, doc: Doc, spans: list[NameSpan], found: list[Candidates]
                       ) -> tuple[list[NameSpan], list[Candidates]]:
        """A longer name the gazetteer does not know gives way to the known place names
        inside it, when they are major ones (countries, divisions, big cities): "Greece Italy"
        (a list the model ran together), "City of Montreal", "Far North Queensland"; in a
        facility's name ("British Embassy Tokyo") they are embedded."""
        stopnames, demonyms = load_word_list("stopnames.txt"), load_demonyms()
        kept_spans: list[NameSpan] = []
        kept_found: list[Candidates] = []
        for span, cands in zip(spans, found):
            inner: list[tuple[NameSpan, Candidates]] = []
            street = doc[span.end - 1].lower_ in self.lexicon.street_words  # "Hampton Avenue"
            if not cands[0] and span.end - span.start > 1 and span.hint != "demonym" and not street:
                facility = span.label == "FAC"
                keys = self.gazetteer.major_keys  # not any town's name: "Kafr" of "Kafr Zubaydat" is a word
                for start, end, name, _ in embedded_mentions(doc, doc[span.start:span.end], keys, stopnames, demonyms,
                                                             self.lexicon.saint_words):
                    part = replace(span, start=start, end=end, name=name, hint="embedded" if facility else None)
                    inner.append((part, candidates(self.gazetteer, name, part.hint)))
            inner = [(part, cands) for part, cands in inner if cands[0]]
            for part, part_cands in inner or [(span, cands)]:
                kept_spans.append(part)
                kept_found.append(part_cands)
        return kept_spans, kept_found

    def _toponym(self, doc: Doc, doc_text: str, span: NameSpan, chosen: tuple[GeoEntry, float] | None) -> Toponym:
        start_char = doc[span.start].idx
        end_char = doc[span.end - 1].idx + len(doc[span.end - 1].text)
        text = doc_text[start_char:end_char]
        if chosen is None:
            return Toponym(start_char, end_char, text, None, hint=span.hint)
        entry, score = chosen
        place = to_place(entry, text)
        if span.hint in ("demonym", "embedded"):
            return Toponym(start_char, end_char, text, place, role=span.hint, hint=span.hint, score=score)
        if after_stance_prefix(doc, span.start):  # "anti-India protesters": a stance, no place
            return Toponym(start_char, end_char, text, place, role="demonym", hint=span.hint, score=score)
        role = "dateline" if span.label == DATELINE_LABEL else place_role(doc, span, self.lexicon)
        sent_start = span.sent_start_char
        relative = relative_phrase(doc_text[sent_start:start_char], place, self.lexicon)
        if relative is not None and role == "place":
            offset, place, role = relative
            if role == "relative":  # "9 miles east of Idlib city" is the mention; "near X" stays X
                start_char = sent_start + offset
                text = doc_text[start_char:end_char]
                place = replace(place, place_text=text)
        return Toponym(start_char, end_char, text, place, role=role, hint=span.hint, score=score)

    def place_event(self, doc: Doc, start_char: int, end_char: int, *,
                    doc_text: str | None = None) -> Place | None:
        """Where the event whose trigger spans [start_char, end_char) happened, or None.
        `doc_text` is `doc.text`, given by a caller that places many events of one Doc
        (Doc.text re-joins every token on each access).

        Annotates the Doc first when `annotate` has not been run on it.
        """
        if doc._.toponyms is None:
            self.annotate(doc)
        return place_in_doc(doc, doc._.toponyms, start_char, end_char, self.gazetteer, self.lexicon,
                            doc_text=doc_text)

    def event_places(self, doc: Doc, start_char: int, end_char: int, *, doc_text: str | None = None,
                     announced: bool = False) -> tuple[Place | None, list[Place]]:
        """`place_event`'s place and the other towns its own place phrase joins to it ("in
        Omdurman and in Gadaref"): the event happened there too (placement.event_places).
        `announced`: the record is the announcement of an act to come, whose own place phrase
        is where the act is to happen; the story's place stands for it."""
        if doc._.toponyms is None:
            self.annotate(doc)
        return event_places(doc, doc._.toponyms, start_char, end_char, self.gazetteer, self.lexicon,
                            doc_text=doc_text, announced=announced)


_HYPHENS = frozenset({"-", "‐", "‑", "–"})


def after_stance_prefix(doc: Doc, start: int) -> bool:
    """Whether the name at token `start` is hyphened to a prefix of stance_prefixes.txt
    ("anti-India protesters", "pro-Iran militias"): an adjective of the people's stance,
    never where anything happened."""
    if start < 2 or doc[start - 1].text not in _HYPHENS or doc[start - 1].whitespace_:
        return False
    prefix = doc[start - 2]
    return not prefix.whitespace_ and prefix.lower_ in load_word_list("stance_prefixes.txt")


def named_outlet(doc: Doc, start: int, lexicon: GeoLexicon) -> bool:
    """Whether the name at token `start` follows an outlet word ("the daily Al-Ahram", "the
    newssheet "Mediafax""): the outlet's name, not a place."""
    before = [t.lower_ for t in doc[max(0, start - 2):start] if not t.is_quote]
    return bool(before) and before[-1] in lexicon.outlet_words


def named_person(span: Span, lexicon: GeoLexicon) -> bool:
    """Whether the name stands in apposition with a noun of people ("his wife, Asma", "Asma,
    his wife"): a person's name, not a place."""
    root = span.root
    if root.dep_ == "appos" and root.head.lemma_.lower() in lexicon.person_nouns:
        return True
    owner = root.head.head.head if root.dep_ == "appos" and root.head.dep_ == "pobj" else None
    if owner is not None and owner.lemma_.lower() in lexicon.person_nouns and span.start >= 1 \
            and span.doc[span.start - 1].text == ",":
        return True  # "a spokesman for the OLA, Odaa Tarbii,": the parse hangs his name on the group
    if root.dep_ == "conj" and root.head.lemma_.lower() in lexicon.person_nouns and span.start >= 2 \
            and span.doc[span.start - 1].text == "," and span.doc[span.start - 2].i == root.head.i:
        return True  # "his wife, Asma, and his inner circle": the parse's conjunct is her name
    return any(child.dep_ == "appos" and child.lemma_.lower() in lexicon.person_nouns for child in root.children)


def _is_speaker(doc: Doc, span: NameSpan, lexicon: GeoLexicon) -> bool:
    """Whether the name is the subject of a verb of saying ("Al-Ahram said", "X reported")."""
    root = doc[span.start:span.end].root
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in lexicon.speech_verbs


def _small(entry: GeoEntry, min_population: float) -> bool:
    """A town below `min_population`: not a country, a division or an area."""
    return not (entry.is_country or entry.is_area or entry.is_division) and entry.population < min_population
