"""Mentions that follow from other mentions: announced future actions and official accusations.

"X said it would retaliate" -> THREATEN; "X will meet Y" -> AGREE; "X will not accept" -> REJECT;
"the Kremlin said militants attacked Syrian forces" -> ACCUSE by the Kremlin against the militants.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from .arguments import noun_phrase, phrases, subject_of
from .lexicon import EventLexicon
from .mention import EventMention

DERIVED_FACTOR = 0.85
ACCUSATION_CONFIDENCE = 0.5
OBLIGATION_CONFIDENCE = 0.6
CLIMB_DEPS = frozenset(["ccomp", "xcomp", "conj", "advcl", "relcl", "pcomp", "pobj", "prep", "dobj", "nsubj", "nsubjpass"])


def _clause_verb(mention: EventMention) -> Token:
    token = mention.trigger.root
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return token
        token = token.head
    return token


def _modal_words(verb: Token) -> set[str]:
    return {child.lower_ for child in verb.children if child.dep_ in ("aux", "auxpass", "neg")}


def _has_condition(verb: Token, words: tuple[str, ...]) -> bool:
    return any(
        child.dep_ == "advcl" and any(grand.lower_ in words for grand in child.children if grand.dep_ == "mark")
        for child in verb.children
    )


def derived_mentions(mentions: list[EventMention], lexicon: EventLexicon) -> list[EventMention]:
    """Re-coded copies, asserted, of triggers announced in the future or refused (manual: AGREE, CONCEDE, THREATEN, REJECT).

    An action announced "unless" the other side complies is a THREATEN whatever its category.
    """
    future_map = lexicon.cue("future_recoding")
    negated_map = lexicon.cue("negated_future_recoding")
    threat_modes = lexicon.cue("threat_modes")
    modals = lexicon.cue("future_modals") | lexicon.cue("would_modals")
    derived: list[EventMention] = []
    for mention in mentions:
        verb = _clause_verb(mention)
        words = _modal_words(verb)
        if mention.modality in ("future", "hypothetical") and _has_condition(verb, ("unless",)):
            mode = threat_modes.get(mention.category, "relations" if mention.category in future_map else None)
            derived.append(_recode(mention, "THREATEN", mode, "130"))
        elif mention.modality == "future":
            category = future_map.get(mention.category)
            if category is None:
                continue  # "other detainees will later be freed": a plan told, promised by no one named
            if category == "THREATEN" and mention.category != "ASSAULT":
                category = mention.category  # an announced sanction or ban is the measure itself
            mode = threat_modes.get(mention.category) if category == "THREATEN" else None
            cameo = {"AGREE": "030", "CONCEDE": "080", "THREATEN": "138", "REJECT": "120"}.get(category, mention.cameo)
            derived.append(_recode(mention, category, mode, cameo))
        elif mention.modality == "negated" and words & modals and words & {"not", "n't"}:
            category = negated_map.get(mention.category)
            if category is not None:
                derived.append(_recode(mention, category, None, "120"))
    return derived


def obligation_requests(sent: Span, lexicon: EventLexicon) -> list[EventMention]:
    """ "X said Y must return the helicopter": REQUEST by X to Y, on the reporting verb."""
    reporting = lexicon.cue("reporting_verbs")
    obligation = lexicon.cue("obligation_modals")
    requests: list[EventMention] = []
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_ not in reporting:
            continue
        speaker, _ = subject_of(verb)
        for clause in verb.children:
            if clause.dep_ != "ccomp" or not _modal_words(clause) & obligation:
                continue
            addressee = next((child for child in clause.children if child.dep_ in ("nsubj", "nsubjpass")), None)
            if speaker is None or addressee is None or addressee.pos_ == "PRON":
                continue
            requests.append(EventMention(
                category="REQUEST", mode="change", cameo="1041", acled_event_type=None, acled_sub_event_type=None,
                context=(), trigger=sent.doc[verb.i: verb.i + 1], sent=sent,
                actor=phrases([speaker]), recipient=phrases([addressee]), modality="asserted",
                confidence=OBLIGATION_CONFIDENCE, note=f"'{clause.text}' with an obligation modal",
            ))
    return requests


def without_empathy(mentions: list[EventMention], lexicon: EventLexicon) -> list[EventMention]:
    """The mentions less those whose act is offering sympathy ("offered condolences to the
    families", cues.yaml empathy_nouns): PLOVER codes no event for it."""
    words = lexicon.cue("empathy_nouns")
    return [m for m in mentions if not any(child.dep_ == "dobj" and child.lemma_.lower() in words
                                           for child in m.trigger.root.children)]


def orders_as_acts(mentions: list[EventMention], lexicon: EventLexicon) -> list[EventMention]:
    """The mentions, each order that is itself the act coded as that act: an order to leave
    ("ordered the French ambassador to leave the country") is an expulsion, an order that a
    body be dissolved or closed ("ordered the militia dissolved") a ban or a restriction
    (cues.yaml expulsion_complements, ordered_acts)."""
    acts = lexicon.cue("ordered_acts")
    out = []
    for mention in mentions:
        verb = mention.trigger.root
        done = [child for child in verb.children if child.dep_ in ("xcomp", "ccomp", "advcl", "oprd")] \
            if mention.category == "REQUEST" and verb.pos_ == "VERB" else []
        act = next((acts[c.lemma_.lower()].split() for c in done if c.lemma_.lower() in acts), None)
        coded = _expulsion(mention, done, lexicon) or (
            (act[0], act[1], act[2], "an order that is the act") if act is not None else None)
        if coded is None:
            out.append(mention)
            continue
        category, mode, cameo, why = coded
        out.append(replace(mention, category=category, mode=mode, cameo=cameo, acled_event_type=None,
                           acled_sub_event_type=None, note=(mention.note + "; " if mention.note else "") + why))
    return out


def _expulsion(mention: EventMention, done: list[Token], lexicon: EventLexicon) -> tuple[str, str, str, str] | None:
    """SANCTION expel for an envoy told to leave, COERCE deport for someone told to leave the
    country; None for any other order ("ordered the protesters to leave the square")."""
    goes = [c for c in done if c.lemma_.lower() in lexicon.cue("expulsion_complements")
            and not any(g.dep_ == "nsubj" for g in c.children)]
    if not goes:
        return None
    told = {t.lemma_.lower() for span in mention.recipient for t in span if t.dep_ != "det"}
    if lexicon.cue("expelled_envoys") & told:
        return "SANCTION", "expel", "161", "an order to leave: an expulsion"
    if any(t.lemma_.lower() in lexicon.cue("expelled_from") for go in goes for t in go.children if t.dep_ == "dobj"):
        return "COERCE", "deport", "174", "an order to leave: an expulsion"
    return None


def _recode(mention: EventMention, category: str, mode: str | None, cameo: str | None) -> EventMention:
    keep_coding = category == mention.category
    return replace(
        mention, category=category, mode=mention.mode if keep_coding else mode, cameo=cameo,
        acled_event_type=None, acled_sub_event_type=None, modality="asserted", recoded=True,
        confidence=round(mention.confidence * DERIVED_FACTOR, 3),
        note=(mention.note + "; " if mention.note else "") + f"recoded from {mention.category} ({mention.modality})",
    )


def reporting_verb(token: Token, reporting: set[str] | frozenset[str]) -> Token | None:
    """The verb of saying above `token` in its sentence ("said the group had killed 25"), if any."""
    current = token
    for _ in range(6):
        if current.dep_ not in CLIMB_DEPS or current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ in ("VERB", "AUX") and current.lemma_ in reporting:
            return current
    return None


def _is_official(speaker: Token, lexicon: EventLexicon) -> bool:
    words, media = lexicon.cue("official_speaker_words"), lexicon.cue("media_words")
    span = noun_phrase(speaker)
    if any(token.lower_ in media for token in span):
        return False  # "state media said", "the official news agency reported": a report
    return speaker.ent_type_ == "GPE" or any(token.lower_ in words for token in span)


def statement_accusations(mentions: list[EventMention], lexicon: EventLexicon) -> list[EventMention]:
    """ACCUSE/allege by an official speaker who reports another side's violence or coercion."""
    reporting = lexicon.cue("reporting_verbs")
    pronouns = lexicon.cue("pronouns")
    accusations: list[EventMention] = []
    for mention in mentions:
        if mention.category not in ("ASSAULT", "COERCE") or not mention.asserted or not mention.actor:
            continue
        verb = reporting_verb(mention.trigger.root, reporting)
        if verb is None:
            continue
        speaker, _ = subject_of(verb)
        if speaker is None or not _is_official(speaker, lexicon):
            continue
        speaker_words = {token.lower_ for token in noun_phrase(speaker) if not token.is_stop}
        accused = tuple(
            span for span in mention.actor
            if span.root.lower_ not in pronouns and not speaker_words & {token.lower_ for token in span}
            and not any(token.dep_ == "poss" and token.lower_ in pronouns for token in span)  # "its fighters"
        )
        if not accused:
            continue
        doc = verb.doc
        accusations.append(EventMention(
            category="ACCUSE", mode="allege", cameo="112", acled_event_type=None, acled_sub_event_type=None,
            context=mention.context, trigger=doc[verb.i: verb.i + 1], sent=mention.sent,
            actor=(noun_phrase(speaker),), recipient=accused, modality="asserted",
            confidence=ACCUSATION_CONFIDENCE, nominal=False,
            note=f"speaker reports {mention.category} '{mention.trigger.text}'",
            reported=True,
        ))
    return accusations
