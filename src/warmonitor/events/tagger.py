"""The event stage: finds triggers in a parsed Doc, codes them, finds their arguments, judges modality.

Reads the parser's dep_/head and the lemmatizer; sets `doc._.event_mentions` (EventTagger).
Example: "Syrian forces shelled the town" -> ASSAULT/heavy-weapons, actor "Syrian forces",
recipient "the town", asserted.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..nlp.model import quantified_head
from .arguments import (
    RELATIVE_PRONOUNS,
    clause_subject,
    conjuncts,
    fallback_recipients,
    is_headline_passive,
    is_passive,
    is_reduced_passive,
    noun_phrase,
    objects_of,
    patient_of,
    phrases,
    subject_of,
)
from .clauses import (
    asks_no_act,
    is_quoted,
    means_to_another_act,
    names_or_judges,
    perfect,
    present_description,
    reduced_active,
    reported_by,
    seen_doer,
    speakers_participle,
)
from .headlines import HEADLINE_CONFIDENCE, eventive, headline_event
from .lexicon import EventLexicon
from .matching import Candidate, find_candidates, is_attack_noun
from .mention import EventMention
from .modality import judge_modality, own_modality
from .nominal import SIDES_NOTE, names_a_kind, nominal_arguments, nominal_role, own_actors, own_recipients, sides
from .repeats import repeated_mention
from .senses import Sense
from .statements import derived_mentions, obligation_requests, orders_as_acts, statement_accusations, without_empathy

NO_ACTOR_PENALTY = 0.15
EMBEDDED_OK = frozenset(["ASSAULT", "COERCE"])
BETWEEN_CATEGORIES = frozenset(["AGREE"])
BETWEEN_CONFIDENCE = 0.3


def find_event_mentions(doc: Doc, lexicon: EventLexicon | None = None) -> list[EventMention]:
    """Every coded trigger of a parsed Doc, asserted or not, in text order.

    The lead keeps mentions whose modality is "asserted".
    """
    lexicon = lexicon or EventLexicon.load()
    mentions: list[EventMention] = []
    for sent in doc.sents:
        found = _sentence_mentions(sent, lexicon)
        repeated = None if found else repeated_mention(sent, mentions, lexicon)
        mentions.extend(found or ([repeated] if repeated is not None else []))
    fallback = headline_event(doc, mentions, lexicon)
    if fallback is not None:  # a headline the parse cannot read: its event noun (events/headlines.py)
        candidate, role = fallback
        sent = candidate.token.sent
        actors, recipients, note = nominal_arguments(candidate.token, role, set(candidate.used), lexicon)
        mentions.append(_make(candidate, candidate.trigger.sense, sent, actors, recipients, "asserted",
                              note or "headline: the event noun of a text the parse cannot read",
                              confidence=HEADLINE_CONFIDENCE, split_sides=note == SIDES_NOTE))
        mentions.sort(key=lambda mention: mention.trigger.start)
    return mentions


def _sentence_mentions(sent: Span, lexicon: EventLexicon) -> list[EventMention]:
    candidates = find_candidates(list(sent), lexicon)
    categories = {candidate.token.i: candidate.trigger.sense.category for candidate in candidates}
    mentions: list[EventMention] = []
    for candidate in candidates:
        mention = (
            _nominal_mention(candidate, sent, lexicon, categories)
            if candidate.nominal
            else _verb_mention(candidate, sent, lexicon, categories)
        )
        if mention is not None:
            mentions.append(mention)
    mentions.extend(derived_mentions(mentions, lexicon))
    mentions.extend(statement_accusations(mentions, lexicon))
    mentions.extend(obligation_requests(sent, lexicon))
    return _merge_conjoined(_unique(orders_as_acts(without_empathy(mentions, lexicon), lexicon)))


def _unique(mentions: list[EventMention]) -> list[EventMention]:
    seen: set[tuple[int, str, str]] = set()
    kept: list[EventMention] = []
    for mention in sorted(mentions, key=lambda item: (item.trigger.start, -item.confidence)):
        key = (mention.trigger.start, mention.category, mention.modality)
        if key not in seen:
            seen.add(key)
            kept.append(mention)
    return kept


def _merge_conjoined(mentions: list[EventMention]) -> list[EventMention]:
    """ "encircled and entered Saraqeb": adjacent conjoined verbs of one category and actor -> one mention."""
    merged: list[EventMention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        root = mention.trigger.root
        if (
            previous is not None and not mention.nominal and not previous.nominal
            and previous.category == mention.category and previous.modality == mention.modality
            and root.dep_ == "conj" and root.head.i == previous.trigger.root.i
            and all(token.dep_ in ("cc", "punct") for token in mention.sent.doc[previous.trigger.end: mention.trigger.start])
            and [span.text for span in previous.actor] == [span.text for span in mention.actor]
        ):
            recipients = {span.start: span for span in previous.recipient + mention.recipient}
            merged[-1] = replace(
                previous, trigger=mention.sent.doc[previous.trigger.start: mention.trigger.end],
                recipient=tuple(recipients[start] for start in sorted(recipients)),
                mode=previous.mode or mention.mode,
            )
            continue
        merged.append(mention)
    return merged


def _trigger_span(candidate: Candidate) -> Span:
    doc = candidate.token.doc
    used = candidate.used
    if candidate.nominal or max(used) - min(used) < 3:
        return doc[min(used): max(used) + 1]
    return doc[candidate.token.i: candidate.token.i + 1]


def _make(candidate: Candidate, sense: Sense, sent: Span, actors: list[Token], recipients: list[Token],
          modality: str, note: str, *, confidence: float | None = None, split_sides: bool = False) -> EventMention:
    # "Police, protesters clash": the conjoined subjects of a two-sided verb are its two sides
    actor_spans = (noun_phrase(actors[0]),) if split_sides else phrases(actors)
    recipient_spans = tuple(
        span for span in phrases(recipients) if not any(span.start == other.start for other in actor_spans)
    )
    score = confidence if confidence is not None else sense.confidence
    if not actor_spans:
        score -= NO_ACTOR_PENALTY
    return EventMention(
        category=sense.category, mode=sense.mode, cameo=sense.cameo,
        acled_event_type=sense.acled_event_type, acled_sub_event_type=sense.acled_sub_event_type,
        context=sense.context, trigger=_trigger_span(candidate), sent=sent,
        actor=actor_spans, recipient=recipient_spans, modality=modality,
        confidence=round(max(0.05, min(1.0, score)), 3), nominal=candidate.nominal, note=note,
    )


def _resolve_pronoun(token: Token | None, verb: Token) -> tuple[Token | None, str]:
    """ "they" in "forces battled rebels as they tried to" -> the governing clause's subject."""
    if token is None or token.lower_ not in ("they", "it", "he", "she"):
        return token, ""
    governor = verb
    for _ in range(4):
        if governor.dep_ not in ("advcl", "xcomp", "ccomp", "conj") or governor.head.i == governor.i:
            break
        if governor.dep_ == "ccomp" and is_quoted(governor):
            break  # '"They came at night," said a villager': the quoted "they" are not the speaker
        governor = governor.head
        subject, _ = subject_of(governor)
        if subject is not None and subject.lower_ not in RELATIVE_PRONOUNS and subject.pos_ != "PRON":
            return subject, f"actor: antecedent of {token.lower_!r}"
    return token, ""


def _verb_mention(candidate: Candidate, sent: Span, lexicon: EventLexicon, categories: dict[int, str]) -> EventMention | None:
    verb = candidate.token
    sense = candidate.trigger.sense
    if is_reduced_passive(verb) and sense.category not in EMBEDDED_OK:
        return None  # "forces backed by airstrikes": a description, not a new event
    if verb.dep_ == "amod" or reduced_active(verb, lexicon) and sense.category not in EMBEDDED_OK:
        return None  # "soldiers visiting a local market", "a woman visiting from Canada": who they are
    if verb.lemma_.lower() in lexicon.cue("naming_verbs") and names_or_judges(verb):
        return None
    if sense.category == "REQUEST" and asks_no_act(verb, lexicon):
        return None  # "asked the men whether they were Muslims", "asked not to be named"
    if verb.dep_ == "relcl" and sense.category not in EMBEDDED_OK and (
            present_description(verb) or perfect(verb, ("VBD",))):
        return None  # "the group, which is linked to al Qaeda", "the vote, which the rebels had vowed to
        # disrupt": who or what they are, told from before, no act of the story's
    if sense.category in lexicon.cue("standing_categories") and (
            verb.tag_ in ("VBZ", "VBP") and not any(child.dep_ in ("aux", "auxpass") for child in verb.children)
            and not verb.sent.text.strip().istitle() or verb.dep_ == "relcl" and perfect(verb, ("VBZ", "VBP"))):
        return None  # "Lebanon hosts a million refugees", "the group, which has pledged allegiance to
        # Islamic State": how things stand, no act of the day
    actor, note = subject_of(verb)
    if actor is not None and verb.dep_ == "relcl" and actor.i == verb.head.i and actor.dep_ == "pobj" \
            and actor.head.lower_ == "of" and is_attack_noun(actor.head.head, lexicon):
        actor, note = None, ""  # "the car bombing of a police academy that killed 20": the bombing killed
    if actor is not None and actor.lemma_.lower() in lexicon.cue("count_nouns") \
            and verb.lemma_.lower() in lexicon.cue("casualty_words"):
        actor, note = None, ""  # "the number of people killed ... had risen to 35": a toll, no doer
    if actor is not None and reported_by(actor, verb, lexicon):
        actor, note = None, ""  # "police fired tear gas at the convoy, reporters said": not the reporters'
    seen = seen_doer(verb, lexicon)
    if seen is not None:
        actor, note = seen, "actor: the one seen doing it"
    speaker = speakers_participle(verb, sense.category, lexicon)
    if speaker is not None:
        actor, note = speaker, "actor: the speaker whose words the participle closes"
    witnessed = (verb.dep_ == "xcomp" and verb.head.lemma_ in lexicon.cue("witness_verbs")
                 and not is_passive(verb.head))  # "soldiers were seen firing": the seen did it
    if witnessed:  # "the village witnessed heavy shelling": the witness underwent it, nobody named did it
        actor, note = None, ""
    actor, pronoun_note = _resolve_pronoun(actor, verb)
    note = pronoun_note or note
    headline_passive = is_headline_passive(verb)
    if headline_passive:  # "two civilians stoned to death": the subject underwent it
        actor, note = None, "headline passive"
    if actor is not None and verb.dep_ == "relcl" and any(child.lower_ == "whose" for child in actor.children):
        note = f"actor: 'whose' = {verb.head.text!r}"
    partner = sense.category in lexicon.cue("partner_categories")
    recipients: list[Token] = [child for child in verb.children if child.dep_ == "nsubj"] if headline_passive else []
    if is_passive(verb) or is_reduced_passive(verb):
        patient = patient_of(verb)
        recipients = [patient] if patient is not None else []
    if verb.dep_ == "xcomp" and verb.tag_ == "VBN" and is_passive(verb.head):
        # "two officers were found shot": the found underwent it
        recipients = [child for child in verb.head.children if child.dep_ == "nsubjpass"] or recipients
    # Words of the trigger phrase that name the act ("launched an offensive", "imposed sanctions")
    # are not its recipient; their own "on X" is.
    act_words = [
        verb.doc[index] for index in candidate.used[1:]
        if verb.doc[index].lower_ in lexicon.nouns or verb.doc[index].lemma_.lower() in lexicon.nouns
    ]
    direct = [token for token in objects_of(verb, set(), lexicon.cue("partner_preps"), partner=partner)
              if (sense.category != "ASSAULT" or not _is_means(token, lexicon, sense.category))
              and token.lower_ not in lexicon.cue("reflexive_pronouns")]  # "blew himself up": no recipient
    recipients.extend(direct)
    if witnessed:
        recipients.extend(token for token in verb.head.children if token.dep_ in ("nsubj", "nsubjpass"))
    for word in act_words:
        recipients.extend(own_recipients(word, lexicon))
        if partner:  # "held a meeting with X", "launched a mediation effort between A and B"
            recipients.extend(grand for child in word.children if child.dep_ == "prep"
                              and child.lower_ in lexicon.cue("partner_preps")
                              for grand in child.children if grand.dep_ == "pobj")
    if not [token for token in recipients if all(token.i != word.i for word in act_words)]:
        recipients += objects_of(verb, lexicon.cue("recipient_preps"), set(), partner=False)
    if not recipients:
        for conj in verb.children:
            if conj.dep_ == "conj" and conj.pos_ == "VERB":
                recipients = [child for child in conj.children if child.dep_ == "dobj"]
                break
    if sense.category in lexicon.cue("clause_recipient_categories"):
        clause_subj = clause_subject(verb)
        if clause_subj is not None and not any(child.dep_ == "dobj" for child in verb.children):
            recipients = [clause_subj] + [token for token in recipients if token.dep_ != "dobj"]
    split_sides = False
    if not recipients and verb.lemma_ in lexicon.cue("two_sided_verbs"):
        recipients = objects_of(verb, {"with"}, set(), partner=False)
        if not recipients and actor is not None and len(conjuncts(actor)) > 1:
            recipients, split_sides = conjuncts(actor)[1:], True
        elif actor is None:  # "Fighting between 2 factions"
            first, recipients = sides(verb, verb)
            actor, split_sides = (first[0], True) if first else (None, False)
    act_indices = {word.i for word in act_words}
    recipients = [
        token for token in recipients
        if token.i not in act_indices and token.lower_ not in RELATIVE_PRONOUNS and (token.pos_ != "VERB" or token.tag_ == "VBG")
        and not _is_means(token, lexicon, sense.category)
    ]
    if not recipients and sense.category in EMBEDDED_OK:
        recipients = [token for token in objects_of(verb, lexicon.cue("recipient_preps"), set(), partner=False)
                      if token.i not in act_indices and not _is_means(token, lexicon, sense.category)]
    if not recipients and sense.category not in EMBEDDED_OK:
        recipients = [token for token in fallback_recipients(verb)
                      if token.i not in act_indices and (actor is None or token.i not in {t.i for t in actor.subtree})]
    if not recipients and sense.category == "REQUEST" and verb.lemma_.lower() in lexicon.cue("addressee_verbs") \
            and not any(child.dep_ == "prep" and child.lower_ == "for" for child in verb.children):
        return None  # "Peskov asked." is none; "asked for his release" is a request
    modality, _ = judge_modality(verb, lexicon, categories)
    return _make(candidate, sense, sent, [actor] if actor is not None else [], recipients, modality, note,
                 split_sides=split_sides)


def _is_means(token: Token, lexicon: EventLexicon, category: str) -> bool:
    """ "fired dozens of rockets at X", "fired rubber bullets at the crowd": what an attack used,
    not whom it was done to (a weapon seized or handed over is the object of those acts)."""
    head = quantified_head(token)
    if is_attack_noun(head, lexicon):
        return True
    if category != "ASSAULT":
        return False
    weapons = lexicon.cue("weapon_nouns")
    compound = " ".join(child.lower_ for child in head.children if child.dep_ == "compound")
    return head.lemma_.lower() in weapons or head.lower_ in weapons or f"{compound} {head.lemma_.lower()}" in weapons


def _nominal_mention(candidate: Candidate, sent: Span, lexicon: EventLexicon, categories: dict[int, str]) -> EventMention | None:
    noun = candidate.token
    used = set(candidate.used)
    sense = candidate.trigger.sense
    if names_a_kind(noun, lexicon):
        return None  # "a riot police unit", "attack helicopters": a kind of force, no event
    # Hand-written nouns only: generated ones ("war", "struggle") name conflicts more than acts
    is_eventive = eventive(candidate, lexicon)
    # "exchanges of fire": the phrase stands in the clause by its syntactic head
    phrase_head = next((noun.doc[i] for i in candidate.used
                        if noun.doc[i].head.i not in used or noun.doc[i].head.i == i), noun)
    role = nominal_role(phrase_head, lexicon, bool(own_actors(noun, used, lexicon)), eventive=is_eventive)
    if role is None or means_to_another_act(noun, role.verb, sense.category, categories):
        return None
    actors, recipients, note = nominal_arguments(phrase_head, role, used, lexicon)
    if any(child.lower_ == "no" and child.dep_ == "det" for child in noun.children):
        modality = "negated"
    elif role.kind == "anaphor":
        modality = "anaphoric"  # tells no new act: whether it happened is its antecedent's
    elif role.kind == "responsible":
        modality = "asserted"  # "the militants responsible for the attack": it happened
    elif role.verb.i == noun.i:
        modality = "asserted"
    else:
        modality, _ = judge_modality(role.verb, lexicon, categories)
        if modality == "asserted" and role.kind in ("do", "undergo", "happening"):
            modality = own_modality(role.verb, lexicon)
    if role.kind == "between" and candidate.trigger.sense.category not in BETWEEN_CATEGORIES:
        return None
    confidence = BETWEEN_CONFIDENCE if role.kind == "between" else None
    return _make(candidate, candidate.trigger.sense, sent, actors, recipients, modality, note, confidence=confidence,
                 split_sides=note == SIDES_NOTE)
