"""A sentence that tells a toll and no event of its own ("The death toll rose to 100 on
Tuesday", "Another monitor put the toll at 56") gives its figure to the violent event told
before it: a risen toll is the event's best, another source's figure its low or high."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from ..counts.quantities import SentenceFigures
from ..counts.tolls import max_known, min_known, with_toll_range
from ..dates.background import tells_history
from ..dates.mentions import find_dates
from ..models import Event, with_evidence


@dataclass(frozen=True)
class TollWords:
    """records.yaml's toll categories, the nouns of a toll and the verbs of a rising one."""

    categories: frozenset[str]
    nouns: frozenset[str]
    rises: frozenset[str]


def toll_updates(doc: Doc, events: list[Event], published: date | None, words: TollWords) -> list[Event]:
    """The records with the figures of the sentences that tell only a toll (see the module
    docstring), each given to the latest telling before it that has sides or a toll."""
    told = {i for event in events for i in event.sentences}
    out = list(events)
    for i, sent in enumerate(doc.sents):
        if i in told or not any(token.lower_ in words.nouns for token in sent):
            continue
        dead = SentenceFigures(sent).quantities(None).dead
        if dead is None or tells_history(sent, find_dates(sent.text, published), published):
            continue
        before = [j for j in range(len(out)) if out[j].event in words.categories and out[j].sentences
                  and out[j].sentences[0] < i]
        latest = [j for j in before if out[j].sentences[0] == out[before[-1]].sentences[0]] if before else []
        # of the latest sentence's records, the telling with sides or a toll ("killed 40 people
        # in a raid": the killing, not the bare "raid" beside it)
        j = next((j for j in reversed(latest) if out[j].actor or out[j].recipient or out[j].dead), None) \
            if latest else None
        j = j if j is not None else (latest[-1] if latest else None)
        if j is not None:
            e = out[j]
            rose = e.dead is None or any(token.lemma_.lower() in words.rises for token in sent)
            out[j] = with_toll_range(e.with_(
                dead=max_known(e.dead, dead) if rose else e.dead, dead_low=min_known(e.dead_low, e.dead, dead),
                dead_high=max_known(e.dead_high, e.dead, dead),
                text=f"{e.text} {sent.text.strip()}", sentences=(*e.sentences, i),
                evidence=with_evidence(e.evidence, "dead", i) if rose and dead >= (e.dead or 0) else e.evidence,
                notes=tuple(note for note in e.notes if not note.startswith("dead:"))))
    return out
