"""Helpers of the record step that read one record's parts: a side named before, a place
phrase that names a party, the other towns of one place phrase, a retaliation's target."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from ..models import Entity, Event, Place, with_evidence


def bare_definite(span: Span) -> bool:
    """ "the coalition", "the militants": a common noun that names no one itself, whose country
    the resolver could only guess from the article."""
    return span.root.pos_ == "NOUN" and any(t.lower_ == "the" for t in span) and not any(
        t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE") for t in span)


def named_before(span: Span, entities_by_span: dict[tuple[int, int], list[Entity]]) -> list[Entity]:
    """The entities of an earlier argument whose head word this one repeats ("Coalition
    spokesman" after "the Saudi-led coalition", "the council" after "the ruling military
    council"): the side named before, told again. Nearest first; none when nothing fits."""
    words = {t.lemma_.lower() for t in span if t.pos_ in ("NOUN", "PROPN")}
    doc = span.doc
    for (start, end), entities in sorted(entities_by_span.items(), reverse=True):
        if start >= span.start or not any(entity.code for entity in entities):
            continue
        earlier = doc[start:end]
        if earlier.root.lemma_.lower() in words and not bare_definite(earlier):
            return [replace(entity, entity_text=span.text) for entity in entities if entity.code]
    return []


def person_named_before(span: Span) -> Span | None:
    """ "Duterte" after "President Rodrigo Duterte", "Yuki Kitazumi" after "Japanese journalist
    Yuki Kitazumi": the fuller earlier naming of the person the span names, with the titles and
    nationality before it, or None."""
    root = span.root
    if root.pos_ != "PROPN" or root.ent_type_ not in ("PERSON", ""):
        return None
    doc = span.doc
    for ent in reversed([e for e in doc.ents if e.label_ == "PERSON" and e.end <= span.start]):
        end = ent.end - 1 if ent[-1].text in ("'s", "\u2019s") else ent.end  # "Rodrigo Duterte's spokesman"
        if doc[end - 1].text != root.text:
            continue
        titles = [t.left_edge.i for t in doc[end - 1].children if t.dep_ in ("compound", "amod") and t.i < ent.start]
        start = min(titles, default=ent.start)
        if start < ent.start or end - ent.start > len(span):
            return doc[start:end]
    return None


#: Subject pronouns that may open a sentence about the last sentence's subject, and the
#: parts of speech and entity types their antecedent may have.
_PRONOUN_ANTECEDENTS = {"it": ("NN", "NNP"), "they": ("NNS", "NNPS", "NNP"), "he": ("NNP",), "she": ("NNP",)}


def previous_subject(span: Span) -> Span | None:
    """ "UNMISS said its peacekeepers had stepped up patrols. It condemned the violence": the
    subject of the sentence before, for a subject pronoun opening its own sentence, where
    its number fits; None otherwise."""
    root = span.root
    tags = _PRONOUN_ANTECEDENTS.get(root.lower_)
    if len(span) != 1 or tags is None or root.dep_ not in ("nsubj", "nsubjpass") or root.i == 0:
        return None
    sent = root.sent
    if root.i > sent.start + 1 or root.i > sent.start and not root.doc[sent.start].is_alpha:
        return None  # only a sentence's opening pronoun ("It condemned", "Later they said"), not a quote's
    before = root.doc[sent.start - 1].sent
    subject = next((t for t in before.root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.tag_ not in tags or subject.lower_ in _PRONOUN_ANTECEDENTS:
        return None
    if root.lower_ in ("he", "she") and subject.ent_type_ != "PERSON":
        return None
    return root.doc[subject.left_edge.i:subject.i + 1]


def fill_retaliation_targets(events: list[Event], retaliation_words: frozenset[str]) -> list[Event]:
    """"Turkish forces struck back": the target is whoever attacked them just before."""
    out: list[Event] = []
    for event in events:
        words = set(event.event_text.lower().split())
        if event.event == "ASSAULT" and not event.recipient and words & retaliation_words:
            own = {e.code for e in event.actor if e.code}
            for earlier in reversed(out):
                if earlier.event == "ASSAULT" and own & {e.code for e in earlier.recipient if e.code}:
                    event = event.with_(recipient=earlier.actor)
                    break
        out.append(event)
    return out


def at_joined_places(event: Event, places: list[Place]) -> list[Event]:
    """"Tear gas on protesters in Omdurman and in Gadaref": the event at each other town its
    place phrase joins, with no share of a toll told for them together."""
    notes = ("dead: told for several places together",) if event.dead is not None else ()
    return [event.with_(event_loc=place, dead=None, dead_low=None, dead_high=None, notes=notes,
                        evidence=with_evidence(event.evidence, "dead", None)) for place in places]


def is_place(doc: Doc, span: Span) -> bool:
    """Whether a span is a place name the geoparser found (a square, a town), not a party."""
    toponyms = doc._.toponyms or []
    head = span.root.idx  # "Tahrir Square in Baghdad": its head word names the place
    return any(t.place is not None and t.place.precision != "country" and t.start_char <= head < t.end_char
               for t in toponyms)


def once(entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """The entities in order, each (code, sector, name) only at its first appearance."""
    seen: set[tuple[str | None, str | None, str | None]] = set()
    out = []
    for entity in entities:
        key = (entity.code, entity.sector, entity.name)
        if key not in seen:
            seen.add(key)
            out.append(entity)
    return tuple(out)
