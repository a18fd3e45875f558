"""Nominal triggers ("Turkish shelling", "an attack by X"): when they are events, and their arguments.

A noun is an event only as the object of a light verb ("launched an attack", "came under
shelling"), the subject of a predicate ("airstrikes hit"), or in a phrase with its own actor
("killed in an Israeli airstrike"); elsewhere it is background ("the civil war").
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .arguments import RELATIVE_PRONOUNS, is_passive, noun_phrase, patient_of, subject_of
from .lexicon import EventLexicon
from .matching import is_attack_noun

SIDES_NOTE = "actor: first party after 'between'"
DEFINITE = frozenset(["the", "this", "that", "these", "those", "its", "their"])


@dataclass(frozen=True)
class NominalRole:
    """How a nominal trigger stands in its clause: kind in {do, undergo, predicate, modifier,
    between, happening, anaphor}. An anaphor ("The raid on the base came soon after ...")
    refers back to an event told before: assembly joins it to that event or drops it."""

    kind: str
    verb: Token


def own_actors(noun: Token, used: set[int], lexicon: EventLexicon) -> list[Token]:
    """The noun's own actor words: "Turkish", "Russia's", "government", "by X", "from X"."""
    actor_nouns = lexicon.cue("actor_nouns")
    found: list[Token] = []
    for child in noun.children:
        if child.i in used or child.ent_type_ in ("DATE", "TIME"):
            continue  # "Tuesday's raids", "Friday shelling": when, not who
        if child.dep_ == "poss":
            found.append(child)
        elif child.dep_ == "amod" and child.text[:1].isupper() and (
                not child.is_sent_start or child.ent_type_ in ("NORP", "GPE")):
            found.append(child)  # "Turkish shelling"; not "Fierce fighting" at the head of a sentence
        elif child.dep_ == "compound" and (
            child.text[:1].isupper() or child.lower_ in actor_nouns or child.lemma_.lower() in actor_nouns
        ):
            found.append(child)
        elif child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from"):
            found.extend(
                grand for grand in child.children
                if grand.dep_ == "pobj" and (child.lower_ == "by" or _names_actor(grand, actor_nouns))
            )
    return found


def _names_actor(token: Token, actor_nouns: set[str]) -> bool:
    """Whether a "from X" phrase names someone ("Turkish observation posts"), not a place part."""
    return any(
        word.text[:1].isupper() or word.lemma_.lower() in actor_nouns
        for word in noun_phrase(token) if word.dep_ not in ("det", "punct")
    )


def own_recipients(noun: Token, lexicon: EventLexicon) -> list[Token]:
    """The noun's "on X", "against X", "at X" objects."""
    preps = lexicon.cue("recipient_preps") - {"from"}
    found: list[Token] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            found.extend(grand for grand in child.children if grand.dep_ in ("pobj", "pcomp")
                         and grand.ent_type_ not in ("DATE", "TIME"))  # "fighting on March 11": when, not whom
        elif child.dep_ == "prep" and child.lower_ == "of" and is_attack_noun(noun, lexicon):
            # "the car bombing of a police academy": its target; not "the shelling of Aleppo" (a place)
            found.extend(grand for grand in child.children if grand.dep_ == "pobj"
                         and grand.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL"))
    return found


def nominal_role(noun: Token, lexicon: EventLexicon, has_own_actor: bool, *, eventive: bool = False) -> NominalRole | None:
    """The role that makes a nominal trigger an event, or None for a background mention.

    `eventive` nouns (clashes, shelling, protests: cues.yaml `eventive_categories`) are events
    in more places: heading a headline fragment, as the subject of any verb ("clashes broke
    out"), after a casualty word ("killed in clashes") or a verb of witnessing.
    """
    head = noun.head
    light_do = lexicon.cue("light_verbs_do")
    light_undergo = lexicon.cue("light_verbs_undergo")
    dep = noun.dep_
    if dep == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        return nominal_role(noun.head, lexicon, has_own_actor, eventive=eventive)
    if dep == "dobj" and head.lemma_ in lexicon.cue("naming_verbs") and _definite(noun):
        return NominalRole("anaphor", head)  # 'called the attack "horrible"': the attack told before
    if dep in ("dobj", "attr", "nsubjpass", "oprd") and head.pos_ in ("VERB", "AUX"):
        if head.lemma_ in light_undergo and dep == "dobj":
            return NominalRole("undergo", head)
        if head.lemma_ in light_do:
            return NominalRole("do", head)
        if dep == "dobj" and _aimed(head, lexicon):
            return NominalRole("do", head)  # "turned tear gas on protesters", "lobbed tear gas at the crowd"
    if _avenged(noun, lexicon):
        return None  # "to avenge the killing of clerics in Mombasa": an earlier event, no new one
    claim = _claim_of_responsibility(noun, lexicon)
    if claim is not None:
        return NominalRole("do", claim)  # "the ELN claimed responsibility for the car bombing"
    party = responsible_party(noun, lexicon)
    if party is not None:
        return NominalRole("responsible", party)  # "the militants responsible for a missile attack"
    if dep in ("pobj", "pcomp") and head.dep_ in ("prep", "agent"):
        verb = head.head
        if verb.pos_ in ("VERB", "AUX"):
            if verb.lemma_ in light_undergo and head.lower_ == "under":
                return NominalRole("undergo", verb)
            if verb.lemma_ == "go" and head.lower_ == "on":
                return NominalRole("do", verb)
        if has_own_actor and head.lower_ in ("in", "during", "by", "with", "after", "under"):
            anchor = verb if verb.pos_ in ("VERB", "AUX") else noun
            return NominalRole("modifier", anchor)
    if dep in ("nsubj",) and head.pos_ in ("VERB", "AUX") and head.lemma_ in lexicon.cue("nominal_predicates"):
        return NominalRole("predicate", head)
    if eventive:
        role = _happening(noun, lexicon)
        if role is not None:
            return role
    if _between_parties(noun):
        return NominalRole("between", noun)  # "a ceasefire deal between Turkey and Russia": low confidence
    if eventive and dep in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and _definite(noun):
        return NominalRole("anaphor", head)  # "The raid ... came soon after": the raid told before
    return None


def _avenged(noun: Token, lexicon: EventLexicon) -> bool:
    """The noun is what an act avenges or answers: the object of "avenge", or of "for"/"to"
    after "retaliation", "revenge", "response"."""
    motive = lexicon.cue("motive_words")
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in motive:
        return True
    return noun.dep_ == "pobj" and head.lower_ in ("for", "to", "against") and head.head.lemma_.lower() in motive


def _claim_of_responsibility(noun: Token, lexicon: EventLexicon) -> Token | None:
    """The verb of "X claimed responsibility for <the noun>", or None."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() not in lexicon.cue("responsibility_nouns"):
        return None
    verb = prep.head.head
    return verb if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in lexicon.cue("claim_verbs") else None


def responsible_party(noun: Token, lexicon: EventLexicon) -> Token | None:
    """The party "responsible for" the noun ("the militants responsible for a missile attack",
    "the group is responsible for the bombing"), or None."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() not in lexicon.cue("responsible_words"):
        return None
    adjective = prep.head
    if adjective.dep_ in ("amod", "acl") and adjective.head.pos_ in ("NOUN", "PROPN"):
        return adjective.head  # "the militants responsible for ..."
    if adjective.dep_ == "acomp":
        return next((c for c in adjective.head.children if c.dep_ == "nsubj"), None)  # "X was responsible for ..."
    return None


def _aimed(verb: Token, lexicon: EventLexicon) -> bool:
    """Whether a verb aims its one object at someone: an "on", "at" or "against" phrase of its
    own."""
    if sum(child.dep_ == "dobj" for child in verb.children) != 1:
        return False  # "killed four people ..., the third such attack": an apposition parsed as an object
    preps = lexicon.cue("aimed_preps")
    return any(child.dep_ == "prep" and child.lower_ in preps  # not "escaped the attack on Saturday": a day
               and any(g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME") for g in child.children)
               for child in verb.children)


def _definite(noun: Token) -> bool:
    return any(child.dep_ in ("det", "poss") and child.lower_ in DEFINITE for child in noun.children)


def _happening(noun: Token, lexicon: EventLexicon) -> NominalRole | None:
    """An eventive noun that tells a happened event by where it stands."""
    head, dep = noun.head, noun.dep_
    if dep == "ROOT" or (dep in ("appos", "conj") and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN")):
        return NominalRole("happening", noun)  # "Clashes in the countryside of Hama"
    # "the fighting" was told before: a definite subject refers back, it is no new event
    definite = _definite(noun)
    # (a headline's verb may be tagged as an adjective: "fierce clashes erupt")
    verbal = head.pos_ in ("VERB", "AUX") or (head.dep_ == "ROOT" and head.pos_ == "ADJ")
    if dep in ("nsubj", "nsubjpass") and verbal and head.lemma_ not in lexicon.cue("stative_verbs") and not definite:
        return NominalRole("happening", head)  # "clashes broke out", "fighting continues"
    if not definite and any(child.dep_ == "prep" and child.lower_ in ("with", "between", "against")
                            and any(grand.dep_ == "pobj" for grand in child.children) for child in noun.children):
        return NominalRole("happening", noun)  # "clashes with IS", wherever a headline's parse puts them
    if dep == "dobj" and head.lemma_ in lexicon.cue("witness_verbs"):
        return NominalRole("happening", head)  # "the town witnessed heavy shelling"
    if dep == "pobj" and head.lower_ in ("in", "during", "amid", "after", "following", "by", "from"):
        anchor = head.head
        casualty = lexicon.cue("casualty_words")
        if anchor.lemma_.lower() in casualty or anchor.lower_ in casualty:
            return NominalRole("happening", anchor if anchor.pos_ in ("VERB", "AUX") else noun)
    return None


def sides(noun: Token, verb: Token) -> tuple[list[Token], list[Token]]:
    """ "clashes between A and B" / "clashes broke out between A and B" -> ([A], [B]);
    "clashes with B" -> ([], [B])."""
    for token in (noun, verb):
        parties = _between_parties(token)
        if parties:
            first = parties[0]
            rest = [conj for conj in first.conjuncts if conj.i > first.i] + parties[1:]
            return [first], rest
    partners = [grand for token in (noun, verb) for child in token.children if child.dep_ == "prep"
                and child.lower_ in ("with", "against") for grand in child.children if grand.dep_ == "pobj"]
    return [], partners[:2]


def _between_parties(noun: Token) -> list[Token]:
    """The parties of "X between A and B"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            return [grand for grand in child.children if grand.dep_ == "pobj"]
    return []


def nominal_arguments(noun: Token, role: NominalRole, used: set[int], lexicon: EventLexicon) -> tuple[list[Token], list[Token], str]:
    """Actor and recipient tokens of a nominal trigger in `role`, with a note on their source."""
    if role.kind == "between":
        return _between_parties(noun), [], "actor: parties after 'between'"
    if role.kind == "responsible":
        return [role.verb], own_recipients(noun, lexicon), "actor: the party responsible for it"
    actors = own_actors(noun, used, lexicon)
    recipients = own_recipients(noun, lexicon)
    note = "actor: modifier of the noun" if actors else ""
    verb = role.verb
    if role.kind == "undergo":
        subject, _ = subject_of(verb)
        if subject is not None:
            recipients = recipients or [subject]
        if not actors:
            # "came under rocket fire from militia positions": the source may hang on the verb
            actors = [
                grand for child in verb.children if child.dep_ == "prep" and child.lower_ == "from"
                for grand in child.children if grand.dep_ == "pobj" and _names_actor(grand, lexicon.cue("actor_nouns"))
            ]
            note = "actor: 'from' phrase of the light verb" if actors else note
    elif role.kind == "do" and not actors:
        subject, sub_note = subject_of(verb)
        if subject is not None:
            actors, note = [subject], sub_note or "actor: subject of the light verb"
        if not recipients:
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ in lexicon.cue("recipient_preps") - {"from"}:
                    recipients.extend(grand for grand in child.children if grand.dep_ == "pobj"
                                      and grand.ent_type_ not in ("DATE", "TIME"))
    elif role.kind == "predicate":
        recipients = [child for child in verb.children if child.dep_ == "dobj"] or recipients
    if role.kind in ("happening", "predicate") and not actors:
        first, others = sides(noun, verb)  # "fighting erupted between A and B"
        if first:
            actors, note = first, SIDES_NOTE
        recipients = recipients or others
    if role.kind == "happening" and not recipients:
        recipients = _own_casualties(noun, lexicon)  # "a gunbattle in which two rebels died"
    if role.kind == "happening" and not recipients and verb.i != noun.i:
        recipients = _casualties(verb, lexicon)  # "troops were killed in the attacks"
    return actors, recipients, note


def _own_casualties(noun: Token, lexicon: EventLexicon) -> list[Token]:
    """The victims of the noun's own relative clause: "a gunbattle in which two rebels died"."""
    for clause in noun.children:
        if clause.dep_ == "relcl":
            victims = _casualties(clause, lexicon) or [
                child for child in clause.children if child.dep_ == "nsubj" and child.lower_ not in RELATIVE_PRONOUNS
                and clause.lemma_.lower() in lexicon.cue("casualty_words")]
            if victims:
                return victims
    return []


def _casualties(verb: Token, lexicon: EventLexicon) -> list[Token]:
    """Those a casualty verb names as its victims: its passive subject or its object."""
    if verb.lemma_.lower() not in lexicon.cue("casualty_words") and verb.lower_ not in lexicon.cue("casualty_words"):
        return []
    victim = patient_of(verb) if is_passive(verb) else next(
        (child for child in verb.children if child.dep_ == "dobj"), None)
    return [victim] if victim is not None else []


def names_a_kind(noun: Token, lexicon: EventLexicon) -> bool:
    """An event noun modifying a noun of people, forces or gear ("riot police", "strike
    force", "attack helicopters") names what kind they are."""
    if noun.dep_ != "compound":
        return False
    head = noun.head
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    kinds = {*lexicon.cue("people_nouns"), *lexicon.cue("actor_nouns"), *lexicon.cue("kind_heads")}
    return head.lemma_.lower() in kinds or head.lower_ in kinds
