"""Modality of a trigger: asserted, negated, future, planned, hypothetical, possible, feared, historical.

Reads the trigger's own auxiliaries and negation, then walks up the complement chain
("tried to seize", "a push to recapture", "no plans for X to meet", "threatened to drive back").
"""
from __future__ import annotations

from spacy.tokens import Token

from .lexicon import EventLexicon

# Dependencies through which an embedding word governs the trigger's reality.
COMPLEMENT_DEPS = frozenset(["xcomp", "ccomp", "acl", "pcomp", "pobj", "prep", "dobj", "advcl", "relcl", "conj", "nsubj"])
MAX_CLIMB = 6


def own_modality(token: Token, lexicon: EventLexicon) -> str:
    """What the trigger's own auxiliaries, negation and "if" say about it."""
    children = list(token.children)
    lowers = {child.lower_ for child in children if child.dep_ in ("aux", "auxpass", "neg", "mark", "advmod", "det")}
    if any(child.dep_ == "neg" for child in children) or lowers & {"never", "no"}:
        return "negated"
    conditional = "if" in lowers or "unless" in lowers or any(
        child.dep_ == "advcl" and any(grand.lower_ in ("if", "unless") for grand in child.children) for child in children
    )
    if lowers & lexicon.cue("possible_modals"):
        return "hypothetical" if conditional else "possible"
    if lowers & lexicon.cue("would_modals"):
        return "hypothetical" if conditional and token.dep_ != "ccomp" else "future"
    if lowers & lexicon.cue("future_modals") or _going_to(token):
        return "future"
    if lowers & lexicon.cue("obligation_modals"):
        return "hypothetical"
    if "if" in lowers and token.dep_ == "advcl":
        return "hypothetical"
    return "asserted"


def _going_to(token: Token) -> bool:
    """ "is going to attack", "is to visit": a be/go governor with an infinitive."""
    head = token.head
    if token.dep_ != "xcomp" or not any(child.lower_ == "to" for child in token.children):
        return False
    return head.lemma_ in ("go", "be") and head.tag_ in ("VBZ", "VBP", "VBD", "VBG")


def governed_modality(token: Token, lexicon: EventLexicon, trigger_categories: dict[int, str]) -> tuple[str, Token | None]:
    """The modality imposed by a governing word, and that word: intention verbs and nouns,
    fear words, negated governors, and embedding triggers (THREATEN/REQUEST/AGREE/REJECT ...).

    `trigger_categories` maps token index -> category of triggers found in the sentence.
    """
    intention_verbs = lexicon.cue("intention_verbs")
    intention_nouns = lexicon.cue("intention_nouns")
    embedding = lexicon.cue("embedding_categories")
    reporting = lexicon.cue("reporting_verbs")
    current = token
    for _ in range(MAX_CLIMB):
        if current.dep_ not in COMPLEMENT_DEPS or current.head.i == current.i:
            return "asserted", None
        if current.dep_ == "conj" or (current.dep_ == "nsubj" and current.pos_ != "VERB"):
            # A conjoined verb shares its first verb's governor; a subject stops the climb.
            if current.dep_ == "nsubj":
                return "asserted", None
            current = current.head
            continue
        head = current.head
        if current.dep_ == "relcl" and head.lower_ not in intention_nouns:
            return "asserted", None  # a relative clause asserts on its own ("Turkey, whose leader has threatened")
        if head.pos_ in ("VERB", "AUX") and head.lemma_ in reporting:
            return "asserted", None
        if (
            head.pos_ in ("VERB", "AUX") and head.lemma_ in intention_verbs and current.dep_ in ("xcomp", "ccomp")
            and (head.i not in trigger_categories or intention_verbs[head.lemma_] == "negated")
        ):
            value = intention_verbs[head.lemma_]
            if value == "asserted":
                current = head
                continue
            if own_modality(head, lexicon) == "negated" and value == "planned":
                return "negated", head
            return value, head
        if head.i in trigger_categories and trigger_categories[head.i] in embedding and current.dep_ in ("xcomp", "ccomp", "pobj", "pcomp", "dobj", "prep"):
            if current.dep_ in ("dobj", "pobj", "prep") and current.pos_ in ("NOUN", "PROPN"):
                pass
            else:
                return "hypothetical", head
        if current.dep_ == "prep" and current.lower_ == "of" and _alleged(current, lexicon):
            return "hypothetical", head  # "stands accused (by rights groups) of killing people": alleged
        if head.pos_ == "ADJ" and head.lower_ in lexicon.cue("intention_adjectives") and current.dep_ == "xcomp":
            return lexicon.cue("intention_adjectives")[head.lower_], head
        if current.dep_ == "advcl" and any(child.tag_ == "TO" for child in current.children):
            plan = next((child for child in head.children if child.dep_ == "acomp"
                         and child.lower_ in lexicon.cue("intention_adjectives")), None)
            if plan is not None:  # "are due to meet in Jeddah ... to discuss Syria": the purpose is planned too
                return lexicon.cue("intention_adjectives")[plan.lower_], plan
        if head.pos_ == "VERB" and head.lemma_ in lexicon.cue("raising_verbs") and current.dep_ == "xcomp" and any(
                child.dep_ in ("auxpass", "nsubjpass") for child in head.children):
            return "planned", head  # "is set to visit", "were expected to meet": a forecast
        if head.lemma_ in lexicon.cue("fear_verbs") and current.dep_ in ("dobj", "xcomp", "ccomp") and head.lemma_ != "threaten":
            return "feared", head
        if head.pos_ in ("NOUN", "PROPN") and head.lower_ in intention_nouns and current.dep_ in ("acl", "relcl", "pcomp", "pobj", "prep", "advcl"):
            if any(child.lower_ == "no" for child in head.children):
                return "negated", head
            return intention_nouns[head.lower_], head
        if head.pos_ in ("VERB", "AUX"):
            verdict = own_modality(head, lexicon)
            if verdict != "asserted" and current.dep_ in ("xcomp", "ccomp"):
                return verdict, head
        current = head
    return "asserted", None


def _alleged(of: Token, lexicon: EventLexicon) -> bool:
    """An "of" that follows a word of accusation within a few words, wherever the parse hung it
    ("accused by rights groups of killing")."""
    allegation = lexicon.cue("allegation_words")
    before = of.doc[max(of.sent.start, of.i - 5):of.i]
    return any(word.lemma_.lower() in allegation or word.lower_ in allegation for word in before)


def judge_modality(token: Token, lexicon: EventLexicon, trigger_categories: dict[int, str]) -> tuple[str, str]:
    """The trigger's modality and its source: "own" (aux/neg on the trigger) or "governed"."""
    own = own_modality(token, lexicon)
    if own == "negated":
        return own, "own"
    governed, _ = governed_modality(token, lexicon, trigger_categories)
    if governed != "asserted":
        return governed, "governed"
    return own, "own"
