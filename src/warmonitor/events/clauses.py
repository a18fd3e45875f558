"""How a trigger's clause hangs on the verbs around it: a participle describing a noun, an
act that is the means of another, a clause reported by a speaker, a participle of a verb of
seeing. Each answers from the parse and the lexicon's cue lists."""
from __future__ import annotations

from spacy.tokens import Token

from .arguments import is_passive
from .lexicon import EventLexicon


def reduced_active(verb: Token, lexicon: EventLexicon) -> bool:
    """ "the bus carrying soldiers visiting a market": a present participle modifying a noun that
    is not the sentence's root (a headline's "Turkey sending troops" is its main clause), nor
    the object of a verb of seeing ("video showed soldiers firing at the crowd": what they did)."""
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or verb.head.dep_ == "ROOT":
        return False
    seen = verb.head.dep_ == "dobj" and verb.head.head.lemma_.lower() in lexicon.cue("perception_verbs")
    return not seen


def means_to_another_act(noun: Token, verb: Token, category: str, categories: dict[int, str]) -> bool:
    """ "began operations to round up 200 people", "an operation to arrest them": the event noun
    is the means of the act its purpose clause names, of another category (that act is coded)."""
    for head in (noun, verb):
        for child in head.children:
            purpose = child.dep_ in ("advcl", "acl", "xcomp") and any(
                grand.dep_ == "aux" and grand.lower_ == "to" for grand in child.children)
            if purpose and child.i in categories and categories[child.i] != category:
                return True
    return False


def reported_by(actor: Token, verb: Token, lexicon: EventLexicon) -> bool:
    """The subject found by climbing from a reported clause to its verb of saying."""
    head = verb
    while head.dep_ in ("conj", "xcomp") and head.head.i != head.i:
        if head.dep_ == "conj" and is_passive(head.head) and not is_passive(head):
            return False  # "said the operation was lawful, and accused the rebels": the speaker's own act
        head = head.head
    if head.dep_ != "ccomp" or head.head.lemma_ not in lexicon.cue("reporting_verbs"):
        return False
    return actor.head.i == head.head.i and actor.dep_ in ("nsubj", "nsubjpass")


def speakers_participle(verb: Token, category: str, lexicon: EventLexicon) -> Token | None:
    """The speaker whose words a participle of saying closes: "the SDF said Turkish drones had
    hit a depot, denouncing the attacks" (the parse hangs it on the reported clause)."""
    head = verb.head
    if category not in lexicon.cue("speech_act_categories") or verb.dep_ != "advcl" or verb.tag_ != "VBG" \
            or verb.i == 0 or verb.doc[verb.i - 1].text != "," or head.dep_ != "ccomp" \
            or head.head.lemma_ not in lexicon.cue("reporting_verbs"):
        return None
    return next((child for child in head.head.children if child.dep_ == "nsubj"), None)


def asks_no_act(verb: Token, lexicon: EventLexicon) -> bool:
    """A verb of asking whose clause is a question ("asked the men whether they were Muslims")
    or a source's wish to stay unnamed ("asked that his name not be used", "asked not to be
    identified", "requested anonymity"): no request of anyone."""
    questions, unnamed = lexicon.cue("question_words"), lexicon.cue("anonymity_words")
    for child in verb.children:
        if child.dep_ == "ccomp" and child.left_edge.lower_ in questions:
            return True
        if child.dep_ == "dobj" and child.lemma_.lower() in unnamed:
            return True
        if child.dep_ in ("ccomp", "xcomp") and (
                is_passive(child) and child.lemma_.lower() in unnamed
                or any(grand.dep_ in ("nsubjpass", "acomp") and grand.lemma_.lower() in unnamed
                       for grand in child.children)):
            return True
    return False


def seen_doer(verb: Token, lexicon: EventLexicon) -> Token | None:
    """ "Video showed three soldiers, their faces covered, firing at the crowd": a participle
    hung on a verb of seeing (the parser often makes it an adverbial clause) tells what the
    seen object did."""
    head = verb
    while head.dep_ == "conj" and head.head.tag_ == "VBG":
        head = head.head
    if head.tag_ != "VBG" or head.dep_ not in ("advcl", "acl", "xcomp", "ccomp"):
        return None
    perceiver = head.head if head.dep_ != "acl" else head.head.head
    if perceiver.lemma_.lower() not in lexicon.cue("perception_verbs") or any(
            child.dep_ in ("nsubj", "nsubjpass") for child in head.children):
        return None
    return next((child for child in perceiver.children if child.dep_ == "dobj"), None)


#: Marks that open or close a direct quotation.
QUOTE_MARKS = frozenset('"\u201c\u201d\u00ab\u00bb')


def is_quoted(clause: Token) -> bool:
    """Whether a clause is a direct quotation: a quotation mark just before or after it."""
    doc, sent = clause.doc, clause.sent
    left, right = clause.left_edge.i, clause.right_edge.i
    around = [doc[i] for i in (left - 1, left, right, right + 1, right + 2) if sent.start <= i < sent.end]
    return any(token.tag_ in ("``", "''") or token.text in QUOTE_MARKS for token in around)


def present_description(verb: Token) -> bool:
    """A relative clause told in the present ("which is linked to", "which backs the army"):
    what a participant is, not something it did."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if auxiliaries:
        return all(child.tag_ in ("VBZ", "VBP") and child.lemma_ == "be" for child in auxiliaries)
    return verb.tag_ in ("VBZ", "VBP")


def perfect(verb: Token, tenses: tuple[str, ...]) -> bool:
    """ "has pledged", "have backed" (tenses VBZ, VBP), "had vowed" (VBD), undated: a course up
    to then, not an act of one day ("who have met the envoy twice this week" is dated, so told
    as done)."""
    return verb.tag_ == "VBN" and any(child.dep_ == "aux" and child.lemma_ == "have" and child.tag_ in tenses
                                      for child in verb.children) \
        and not any(token.ent_type_ in ("DATE", "TIME") for token in verb.subtree)


def names_or_judges(verb: Token) -> bool:
    """ "the street was called Lafayette", "called it a massacre", "called him to account"."""
    second = any(child.dep_ in ("oprd", "attr", "ccomp", "acomp") for child in verb.children) or any(
        child.dep_ == "dobj" and any(g.dep_ == "amod" and g.i > child.i for g in child.children)
        for child in verb.children)  # 'called the attack "horrible"': the parse hangs the word on the object
    to_account = any(child.dep_ == "prep" and child.lower_ == "to" for child in verb.children)
    return is_passive(verb) or second or to_account
