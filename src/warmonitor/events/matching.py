"""Trigger matching: which lexicon phrase a token starts, by dict lookups on lemma and text."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from .acled_rules import load_acled_rules
from .arguments import OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, is_passive, is_reduced_passive
from .lexicon import DATA_DIR, EventLexicon
from .senses import Trigger

NOMINAL_DEPS = frozenset(["pobj", "pcomp", "dobj", "nsubj", "nsubjpass", "attr", "conj", "appos", "compound"])


@dataclass(frozen=True)
class Candidate:
    """A matched trigger: the head token, the lexicon phrase, and the tokens the phrase used."""

    token: Token
    trigger: Trigger
    nominal: bool
    used: tuple[int, ...]


def has_object(verb: Token) -> bool:
    """Whether the verb acts on something: a direct object, a passive subject, or a shared object."""
    if any(child.dep_ in OBJECT_DEPS and child.dep_ != "attr" for child in verb.children):
        return True
    if is_passive(verb) or is_reduced_passive(verb):
        return True
    if verb.dep_ == "relcl" and any(child.dep_ in ("dobj",) for child in verb.children):
        return True
    return any(
        child.dep_ == "conj" and child.pos_ == "VERB" and any(grand.dep_ == "dobj" for grand in child.children)
        for child in verb.children
    )


def _inflection_guesses(word: str) -> list[str]:
    """Base forms to try when the lemmatizer slips ("staged" -> "stag"): strip -d, -ed, -s, -es, -ing."""
    guesses: list[str] = []
    for suffix, replacement in (("ed", "e"), ("ed", ""), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            guesses.append(word[: -len(suffix)] + replacement)
    return guesses


def _prefixed_irregular(word: str, irregular: dict[str, str]) -> list[str]:
    """ "retook" -> "retake", "overran" -> "overrun": a prefix on an irregular past the lemmatizer misses."""
    for prefix in ("re", "over", "out", "under"):
        rest = word[len(prefix):]
        if word.startswith(prefix) and rest in irregular:
            return [prefix + irregular[rest]]
    return []


def _child_words(verb: Token, twins: dict[str, str]) -> dict[str, Token]:
    words: dict[str, Token] = {}
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS or child.dep_ in PASSIVE_SUBJECT_DEPS:
            continue
        if child.dep_ == "prep" and any(grand.dep_ == "pobj" and grand.ent_type_ in ("DATE", "TIME")
                                        for grand in child.children):
            continue  # "called Erdogan on Tuesday" is no "call on"
        words.setdefault(child.lower_, child)
        words.setdefault(child.lemma_.lower(), child)
        if child.lower_ in twins:  # "onto the streets" reads as the lexicon's "into the streets"
            words.setdefault(twins[child.lower_], child)
        for grand in child.children:
            if grand.dep_ in ("pobj", "dobj", "prt") or (child.dep_ == "dobj" and grand.dep_ in ("compound", "amod")):
                words.setdefault(grand.lower_, grand)
                words.setdefault(grand.lemma_.lower(), grand)
            if child.dep_ == "dobj" and grand.dep_ == "prep" and grand.lower_ == "of":
                # "provided 25,000 tons of aid", "lifted a state of emergency": the measured noun counts
                for measured in grand.children:
                    if measured.dep_ == "pobj":
                        words.setdefault(measured.lower_, measured)
                        words.setdefault(measured.lemma_.lower(), measured)
    return words


def _object_rule_holds(rule: str | None, verb: Token, lexicon: EventLexicon) -> bool:
    if rule is None:
        return True
    if rule == "unaddressed" and any(child.dep_ == "prep" and (child.lower_ == "by" or child.lower_ == "to" and not any(
            is_attack_noun(grand, lexicon) for grand in child.children if grand.dep_ == "pobj")) for child in verb.children):
        return False  # "responding to the shortage", "responded by closing"; "respond to rocket fire" stays
    if rule == "unaddressed" and any(child.dep_ == "ccomp" for child in verb.children):
        return False  # "responded on Twitter that his country would ...": a reply, said
    if rule == "addressee":
        target = _object_head(verb)
        return target is not None and not (lexicon.nouns.get(target.lemma_.lower()) or lexicon.nouns.get(target.lower_))
    if rule in ("person", "place"):
        target = _object_head(verb)
        return target is not None and _is_person(target, lexicon) == (rule == "person")
    return has_object(verb) == (rule == "required")


def _object_head(verb: Token) -> Token | None:
    """The verb's direct object, or what a passive verb was done to."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    return verb.head if is_reduced_passive(verb) else None


def _is_person(token: Token, lexicon: EventLexicon) -> bool:
    """A person or people ("four insurgents", "the suspect", "him"), not a place or thing."""
    return (token.ent_type_ in ("PERSON", "NORP") or token.lower_ in ("him", "her", "them", "us", "me")
            or token.lemma_.lower() in lexicon.cue("people_nouns") or token.lower_ in lexicon.cue("people_nouns"))


def is_attack_noun(noun: Token, lexicon: EventLexicon) -> bool:
    """A noun the lexicon reads as a violent event ("rocket fire", "the attack", "rockets")."""
    words = {noun.lower_, noun.lemma_.lower(), *(f"{c.lower_} {noun.lower_}" for c in noun.children if c.dep_ == "compound")}
    return any(trigger.sense.category == "ASSAULT" for word in words for trigger in lexicon.nouns.get(word, ()))


def match_verb(token: Token, lexicon: EventLexicon) -> Candidate | None:
    """The most specific verb phrase headed by `token` whose extra words hang on it."""
    triggers = lexicon.verbs.get(token.lemma_.lower()) or lexicon.verbs.get(token.lower_)
    if not triggers:
        guesses = [*_inflection_guesses(token.lower_), *_prefixed_irregular(token.lower_, lexicon.cue("irregular_pasts"))]
        triggers = next(filter(None, (lexicon.verbs.get(form) for form in guesses)), None)
    if not triggers or (is_passive(token) and token.lemma_ in lexicon.cue("raising_verbs")
                        and any(child.dep_ in ("xcomp", "ccomp") for child in token.children)):
        return None  # "is expected to visit": a forecast, not a request ("were set upon" is an attack)
    if token.lemma_.lower() in lexicon.cue("encounter_verbs") and is_passive(token) and any(
            child.dep_ == "prep" and child.lower_ == "with" for child in token.children):
        return None  # "demonstrators were met with a crackdown": what they met, no meeting
    words = _child_words(token, lexicon.cue("preposition_twins")) if any(trigger.extra for trigger in triggers) else {}
    armed = _weapon_subject(token)
    for trigger in triggers:
        if not all(word in words for word in trigger.extra):
            continue
        if armed and trigger.sense.category != "ASSAULT":
            continue  # "the drone struck at midnight": a weapon strikes no labour strike
        if not trigger.extra and not _object_rule_holds(trigger.sense.object_rule, token, lexicon):
            continue
        used = (token.i, *(words[word].i for word in trigger.extra))
        return Candidate(token, trigger, False, tuple(sorted(used)))
    return None


def _weapon_subject(verb: Token) -> bool:
    """Whether the verb's subject is a weapon (acled.yaml's remote weapons: "the drone",
    "a missile", "shells"): a weapon can only be the means of an attack."""
    weapons = _remote_weapons()
    return any(child.dep_ == "nsubj" and (child.lower_ in weapons or child.lemma_.lower() in weapons)
               for child in verb.children)


@lru_cache(maxsize=1)
def _remote_weapons() -> frozenset[str]:
    rules = load_acled_rules(DATA_DIR)
    return frozenset(word for words in rules.remote_weapons.values() for word in words)


def _preceding_words(token: Token, count: int) -> list[Token]:
    found: list[Token] = []
    index = token.i - 1
    while index >= token.sent.start and len(found) < count:
        previous = token.doc[index]
        if previous.text != "-":
            found.append(previous)
        index -= 1
    return list(reversed(found))


def match_noun(token: Token, lexicon: EventLexicon) -> Candidate | None:
    """The most specific noun phrase ending in `token` ("suicide car bombing" before "bombing")."""
    triggers = lexicon.nouns.get(token.lower_) or lexicon.nouns.get(token.lemma_.lower())
    if not triggers:
        return None
    for trigger in triggers:
        if trigger.extra:
            before = _preceding_words(token, len([word for word in trigger.extra if word != "-"]))
            wanted = [word for word in trigger.extra if word != "-"]
            if len(before) != len(wanted) or any(
                word not in (tok.lower_, tok.lemma_.lower()) for word, tok in zip(wanted, before)
            ):
                continue
            used = tuple(range(before[0].i, token.i + 1))
        else:
            used = (token.i,)
        return Candidate(token, trigger, True, used)
    return None


def find_candidates(sent_tokens: list[Token], lexicon: EventLexicon) -> list[Candidate]:
    """Every trigger in a sentence; a noun used by a verb phrase ("impose sanctions") is not its own trigger."""
    candidates: list[Candidate] = []
    for token in sent_tokens:
        nominal_position = token.pos_ in ("NOUN", "PROPN") or (token.tag_ == "VBG" and token.dep_ in NOMINAL_DEPS)
        candidate = None
        if nominal_position:
            candidate = match_noun(token, lexicon)
        if candidate is None and (token.pos_ == "VERB" or token.tag_.startswith("VB")) and token.pos_ != "AUX":
            candidate = match_verb(token, lexicon)
        if candidate is not None:
            candidates.append(candidate)
    used_by_verbs = {index for candidate in candidates if not candidate.nominal for index in candidate.used[1:]}
    return [
        candidate for candidate in candidates
        if not (candidate.nominal and candidate.token.i in used_by_verbs)
    ]
