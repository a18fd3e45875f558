"""Headlines and notes that the parser cannot read: the event noun that stands for the event.

"Casualty in Shelling on Regime Forces' Controlled Areas in Daraa City", "ISIS detonates booby
trapped vehicles ... and shelling continue at villages": in headlinese the small model's parse
gives no clause that makes the noun an event, so nothing is found though the text is plainly
about one. In a short text (at most `SHORT_TOKENS` tokens: a headline, a wire note) where no
violent trigger was found at all, the first hand-written event noun of an eventive category
(cues.yaml `eventive_categories`) that is not definite ("the fighting" refers back), negated,
planned or feared is taken as the
event, with lower confidence; its sides come from its own phrase ("clashes between A and B").
"""
from __future__ import annotations

from spacy.tokens import Doc

from .lexicon import EventLexicon
from .matching import Candidate, find_candidates
from .mention import EventMention
from .modality import governed_modality
from .nominal import DEFINITE, NominalRole, names_a_kind

#: A text this short is a headline or a note, read whole by the fallback.
SHORT_TOKENS = 60
#: The confidence of an event read this way.
HEADLINE_CONFIDENCE = 0.35


def eventive(candidate: Candidate, lexicon: EventLexicon) -> bool:
    """A hand-written noun of an eventive category that names an act, not its participants
    or a territory ("clashes", "shelling"; not "war", "fighters", "siege")."""
    sense = candidate.trigger.sense
    return (sense.category in lexicon.cue("eventive_categories") and "territory" not in sense.context
            and not sense.generated and candidate.token.lower_ not in lexicon.cue("participant_nouns"))


def headline_event(doc: Doc, mentions: list[EventMention], lexicon: EventLexicon
                   ) -> tuple[Candidate, NominalRole] | None:
    """The event noun a short text stands for (see the module docstring), or None."""
    categories = lexicon.cue("eventive_categories")
    if len(doc) > SHORT_TOKENS or any(mention.category in categories for mention in mentions):
        return None
    for sent in doc.sents:
        candidates = find_candidates(list(sent), lexicon)
        triggers = {candidate.token.i: candidate.trigger.sense.category for candidate in candidates}
        for candidate in candidates:
            noun = candidate.token
            if not candidate.nominal or not eventive(candidate, lexicon) or names_a_kind(noun, lexicon):
                continue
            if any(child.dep_ in ("det", "poss") and child.lower_ in DEFINITE | {"no"} for child in noun.children):
                continue  # "the fighting" refers back; "no clashes"
            head = noun.head
            if noun.dep_ == "dobj" and (head.lemma_ in lexicon.cue("intention_verbs") or head.lemma_ in lexicon.cue("fear_verbs")):
                continue  # "plans an offensive", "fears an attack"
            if noun.dep_ == "nsubj" and head.lemma_ in lexicon.cue("stative_verbs"):
                continue  # "hostilities end", "shelling is a crime"
            if governed_modality(noun, lexicon, triggers)[0] != "asserted":
                continue  # "a plan for an offensive", "fears of clashes"
            return candidate, NominalRole("happening", noun)
    return None
