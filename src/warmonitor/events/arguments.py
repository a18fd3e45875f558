"""Argument noun phrases from the dependency parse: who did it (actor), to whom (recipient).

Reads only the parse (dep_, head, children, lemma_). Subjects are followed through
conjoined verbs, control verbs ("prompted X to strike back"), relative clauses ("the attacks,
which killed": the antecedent) and passives ("were killed by X": the agent).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

SUBJECT_DEPS = frozenset(["nsubj", "csubj"])
PASSIVE_SUBJECT_DEPS = frozenset(["nsubjpass", "csubjpass"])
OBJECT_DEPS = frozenset(["dobj", "dative", "obj", "attr"])
CUT_DEPS = frozenset(["relcl", "conj", "cc", "advcl", "acl", "parataxis", "punct", "preconj"])
RELATIVE_PRONOUNS = frozenset(["which", "that", "who", "whom", "whose"])
MAX_APPOSITION = 3
TIME_ENTITIES = frozenset(["DATE", "TIME"])


def noun_phrase(token: Token) -> Span:
    """The noun phrase headed by `token`: its subtree without relative clauses, conjuncts,
    long appositions and edge punctuation ("the United States and Jordan" -> "the United States")."""
    kept = [token]
    stack = list(token.children)
    while stack:
        child = stack.pop()
        if child.dep_ in CUT_DEPS and child.head.i == token.i:
            continue
        if child.dep_ == "appos" and len(list(child.subtree)) > MAX_APPOSITION:
            continue
        if child.dep_ in ("relcl", "acl") or (child.dep_ == "punct" and child.head.i == token.i):
            continue
        if child.dep_ == "amod" and child.head.i == token.i and child.i > token.i and any(True for _ in child.children):
            continue  # "the militants [responsible for the attack]": a postposed adjective phrase, like a clause
        kept.append(child)
        stack.extend(child.children)
    start = min(item.i for item in kept)
    end = max(item.i for item in kept) + 1
    doc = token.doc
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "case" and doc[end - 1].text == "'s" and doc[end - 1].head.i == token.i):
        end -= 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    for index in range(token.i - 1, start - 1, -1):
        if doc[index].is_space or "\n" in doc[index].text:
            start = index + 1  # a phrase never crosses a paragraph break (captions, bylines)
            break
    for index in range(token.i + 1, end):
        if doc[index].is_space or "\n" in doc[index].text:
            end = index
            break
    return doc[start:end]


def conjuncts(token: Token) -> list[Token]:
    """The token and the nouns conjoined to it ("X, Y and Z")."""
    found = [token]
    for conj in token.conjuncts:
        if conj.i > token.i and conj.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM"):
            found.append(conj)
    return found


def phrases(tokens: list[Token]) -> tuple[Span, ...]:
    """One noun-phrase span per token and per conjunct, in text order, without duplicates."""
    spans: dict[int, Span] = {}
    for token in tokens:
        for conj in conjuncts(token):
            spans.setdefault(conj.i, noun_phrase(conj))
    return tuple(spans[index] for index in sorted(spans))


def misparsed_main_verb(verb: Token) -> bool:
    """ "Hundreds of residents protested in X": the small model reads the verb as a participle
    (acl) of a noun it made the root; the sentence's real main verb, its head the subject."""
    return (
        verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBN") and verb.head.dep_ == "ROOT"
        and verb.head.pos_ in ("NOUN", "PROPN", "NUM") and verb.head.i < verb.i
        and not any(child.dep_ in ("agent", "auxpass") for child in verb.children)
    )


def is_reduced_passive(verb: Token) -> bool:
    """ "the soldiers killed in the attack": a past participle modifying the noun it was done to."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and not misparsed_main_verb(verb)


def is_headline_passive(verb: Token) -> bool:
    """ "A man and a woman stoned to death in X": a headline's passive without its "were", read
    by the small model as an active root participle with a subject and no object."""
    return verb.dep_ == "ROOT" and verb.tag_ == "VBN" and any(c.dep_ == "nsubj" for c in verb.children) and not any(
        c.dep_ in ("aux", "auxpass", "dobj", "ccomp", "xcomp") for c in verb.children)


def is_passive(verb: Token) -> bool:
    """Whether the verb is passive ("were killed", "was attacked", "had 21 people detained")."""
    return any(child.dep_ in PASSIVE_SUBJECT_DEPS or child.dep_ == "auxpass" for child in verb.children) \
        or is_causative(verb)


def is_causative(verb: Token) -> bool:
    """ "the prosecutor had 21 people detained", "got them arrested": a participle under a
    causative "have"/"get", the one it was done to between them, the causer the doer."""
    return _causative_verb(verb) is not None


def _causative_verb(verb: Token) -> Token | None:
    """The causative "have"/"get" of such a participle (as a small clause, or hung on the
    object: "had [twelve traders] arrested")."""
    if verb.tag_ != "VBN":
        return None
    if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_ in ("have", "get") and any(
            child.dep_ == "nsubj" for child in verb.children):
        return verb.head
    if verb.dep_ == "acl" and verb.head.dep_ == "dobj" and verb.head.head.lemma_ in ("have", "get"):
        return verb.head.head
    return None


def _child(verb: Token, deps: frozenset[str]) -> Token | None:
    return next((child for child in verb.children if child.dep_ in deps), None)


def _prep_object(verb: Token, preps: tuple[str, ...]) -> Token | None:
    """The object of "on X" in "called on X to ..."."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            return next((grand for grand in child.children if grand.dep_ == "pobj"), None)
    return None


def agent_of(verb: Token) -> Token | None:
    """The "by X" agent of a passive verb."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((grand for grand in child.children if grand.dep_ == "pobj"), None)
    return None


def subject_of(verb: Token, depth: int = 0) -> tuple[Token | None, str]:
    """The doer of `verb` and a note on how it was found; follows conj, xcomp, relcl and acl.

    For a passive verb the doer is its agent.
    """
    if depth > 6:
        return None, ""
    if is_passive(verb):
        agent = agent_of(verb)
        if agent is not None:
            return agent, "actor: passive agent"
        causative = _causative_verb(verb)
        if causative is not None:
            causer = _child(causative, SUBJECT_DEPS)
            return (causer, "actor: subject of causative 'have'") if causer is not None else (None, "")
        if verb.dep_ == "conj" and not _child(verb, PASSIVE_SUBJECT_DEPS):
            return subject_of(verb.head, depth + 1)
        return None, ""
    subject = _child(verb, SUBJECT_DEPS)
    if subject is not None:
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head, f"actor: antecedent of {subject.lower_!r}"
        return subject, ""
    dated = dated_subject(verb)
    if dated is not None:
        return dated, "actor: the noun after a fronted day ('On Friday police fired')"
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        if is_passive(verb.head) and verb.tag_ == "VBN" and not _child(verb, frozenset(["dobj"])):
            # "were shot or killed with knives": a participle sharing the passive's auxiliary
            agent = agent_of(verb) or agent_of(verb.head)
            return (agent, "actor: passive agent") if agent is not None else (None, "")
        if is_passive(verb.head) and verb.head.dep_ == "ccomp" and verb.head.head.pos_ in ("VERB", "AUX"):
            # "X said the operation was lawful, and accused the rebels ...": the parse joins
            # the active verb to the reported passive; its doer is the speaker
            return subject_of(verb.head.head, depth + 1)
        return subject_of(verb.head, depth + 1)
    if verb.tag_ == "VBG" and verb.dep_ in ("xcomp", "ccomp", "dobj") and (by := _prep_object(verb, ("by",))) is not None:
        return by, "actor: the 'by' phrase of a gerund ('reported shelling by the army')"
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.pos_ in ("VERB", "AUX"):
        controller = _child(verb.head, frozenset(["dobj"])) or _prep_object(verb.head, ("on", "upon"))
        if controller is not None and verb.tag_ != "VBG":  # "ordered troops to attack"; not "claimed X, urging Y"
            return controller, "actor: object of control verb"
        if is_passive(verb.head) and agent_of(verb.head) is None and verb.tag_ == "VBN":
            return None, ""  # "two officers were found shot": they underwent it
        if is_passive(verb.head) and agent_of(verb.head) is None:
            seen = _child(verb.head, PASSIVE_SUBJECT_DEPS)  # "soldiers were seen firing", "were ordered to attack"
            if seen is not None and seen.lower_ not in RELATIVE_PRONOUNS:
                return seen, "actor: subject of passive control verb"
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "relcl":
        return verb.head, "actor: antecedent"
    if misparsed_main_verb(verb):
        return verb.head, "actor: root noun of a misparsed main verb"
    if verb.dep_ == "advcl" and any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children):
        return subject_of(verb.head, depth + 1)  # "protested to demand": the purpose's doer
    if verb.dep_ in ("acl", "advcl") and verb.tag_ == "VBG":
        if verb.dep_ == "acl" and verb.i > 0 and verb.doc[verb.i - 1].text == "," \
                and verb.head.dep_ in ("dobj", "pobj", "attr") and verb.head.head.pos_ in ("VERB", "AUX", "ADP"):
            # "claimed responsibility for the bombing, calling it an act of war": the claimer calls it
            clause = verb.head.head if verb.head.head.pos_ != "ADP" else verb.head.head.head
            return subject_of(clause, depth + 1)
        if verb.dep_ == "acl":
            return verb.head, "actor: noun the participle modifies"
        return subject_of(verb.head, depth + 1)
    return None, ""


def dated_subject(verb: Token) -> Token | None:
    """ "On Friday police fired tear gas": the small model reads "Friday police" as one noun
    after "On" and leaves the verb without a subject; the noun after the day is it."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "on" and child.i < verb.i:
            noun = next((g for g in child.children if g.dep_ == "pobj"), None)
            if noun is not None and noun.ent_type_ not in TIME_ENTITIES and any(
                    c.dep_ == "compound" and c.ent_type_ == "DATE" for c in noun.children):
                return noun
    return None


def patient_of(verb: Token, depth: int = 0) -> Token | None:
    """The one a passive verb was done to (its subject, or the noun a participle modifies)."""
    subject = _child(verb, PASSIVE_SUBJECT_DEPS) or (
        _child(verb, SUBJECT_DEPS) if verb.dep_ != "acl" and is_causative(verb) else None)
    if subject is not None:
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        return subject
    if is_reduced_passive(verb):
        return verb.head
    if verb.dep_ == "conj" and depth < 6 and is_passive(verb.head):
        return patient_of(verb.head, depth + 1)
    if verb.dep_ == "conj" and is_passive(verb) and verb.head.pos_ in ("VERB", "AUX"):
        return _child(verb.head, SUBJECT_DEPS)  # "the gunmen opened fire and were shot dead": the gunmen
    return None


def objects_of(verb: Token, recipient_preps: set[str], partner_preps: set[str], *, partner: bool) -> list[Token]:
    """Direct objects and prepositional objects ("on X", "against X"; "with X" for partner events)."""
    found = [child for child in verb.children if child.dep_ in OBJECT_DEPS and child.dep_ != "attr"]
    for child in verb.children:
        if child.dep_ == "prep" and (child.lower_ in recipient_preps or (partner and child.lower_ in partner_preps)):
            found.extend(grand for grand in child.children if grand.dep_ == "pobj")
        if child.dep_ == "prt":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    found.append(grand)
    # "on Thursday", "at dawn": a time is never the one something was done to; nor is the doer
    # the parse hid after a fronted day ("On Friday police fired")
    hidden = dated_subject(verb)
    return [token for token in found if token.ent_type_ not in TIME_ENTITIES and token is not hidden]


def clause_subject(verb: Token) -> Token | None:
    """The subject of the verb's complement clause ("expected Russia to stop" -> Russia)."""
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp"):
            subject = _child(child, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
            if subject is not None and subject.lower_ not in RELATIVE_PRONOUNS:
                return subject
    return None


NAMED_ENTITIES = frozenset(["GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"])
FALLBACK_PREPS = frozenset(["to", "with", "against", "from", "into", "in", "by", "of", "on", "between", "for"])


def _named(token: Token) -> Token | None:
    """The token when it names someone or somewhere, else its named owner or modifier
    ("US mediation" -> US, "Serbia's suppression" -> Serbia, "an Indian proposal" -> Indian)."""
    if token.ent_type_ in NAMED_ENTITIES or token.pos_ == "PROPN":
        return token
    for child in token.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and (child.ent_type_ in NAMED_ENTITIES or child.pos_ == "PROPN"):
            return child
    return None


def _prep_objects(token: Token) -> list[Token]:
    return [grand for child in token.children if child.dep_ == "prep" and child.lower_ in FALLBACK_PREPS
            for grand in child.children if grand.dep_ == "pobj"]


def fallback_recipients(verb: Token) -> list[Token]:
    """Named recipients further from the verb, for statements and actions that found none:
    the complement verb's objects ("refused to meet Jordan's King"), the direct object's owner
    or its "by"/"of" phrase ("rejected an Indian proposal", "calls by Belarus's rulers"), and
    the verb's own "to"/"with" phrase ("agreed to US mediation")."""
    candidates: list[Token] = []
    complements = [child for child in verb.children if child.dep_ in ("xcomp", "ccomp")]
    for clause in [verb, *complements]:
        objects = [child for child in clause.children if child.dep_ in OBJECT_DEPS and child.dep_ != "attr"]
        candidates.extend(objects)
        candidates.extend(_prep_objects(clause))
        for obj in objects:
            candidates.extend(_prep_objects(obj))
    found: list[Token] = []
    for token in candidates:
        named = _named(token)
        if named is not None and named.ent_type_ not in TIME_ENTITIES and all(named.i != f.i for f in found):
            found.append(named)
    return found[:2]
