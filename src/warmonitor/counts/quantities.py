"""Counts of dead, injured, arrested and crowd or force size, read from one sentence.

`find_quantities` finds the number phrases of a parsed sentence and decides what each
one counts from the dependency parse (the object of "killed", the subject of "were
wounded", the "toll" that "rose to 40"), with a word-window fallback where the parse fails.
Number phrases are read by `numbers.parse_number`; the word lists live in
lexicon_data/casualties.tsv (and numbers.tsv, approximators.tsv).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..dates.background import running_total_clause
from ..dates.mentions import find_dates
from ..lexicon_data import choice_cell, read_table
from ..nlp.numbers import is_vague, number_words, parse_number
from .attachment import conjoined_field, in_relative_clause_of, is_trigger, other_doer
from .victims import conjoined_singles, consequence_of, fatal_end, single_victims

FIELDS: tuple[str, ...] = ("dead", "injured", "arrested", "size")
#: Fields a vague word ("dozens were killed") leaves unknown rather than guessed.
_EXACT_FIELDS = frozenset({"dead", "injured"})
_NOT_COUNTED_AFTER = frozenset({"a.m.", "p.m.", "am", "pm", "o'clock", "gmt", "%", "percent",
                                "per", "km", "kilometres", "kilometers", "miles", "mm", "years"})


@dataclass(frozen=True)
class Quantities:
    """What a sentence reports: counts (None where not given) and whether deaths are mentioned."""

    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    size: int | None = None
    fatalities_mentioned: bool = False
    #: (field, words) of the vague quantities that gave no count: ("dead", "dozens of").
    vague: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class _CountWords:
    verbs: dict[str, str]
    intransitive: dict[str, str]
    nouns: dict[str, str]
    #: "left eight fighters dead": the object counted by the word that completes it.
    results: frozenset[str] = frozenset()
    #: "beaten to death": the objects of "to" that say the act killed.
    ends: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def _count_words() -> _CountWords:
    tables: dict[str, dict[str, str]] = {"verb": {}, "verb_intr": {}, "noun": {}, "result": {}, "end": {}}
    for row in read_table("casualties.tsv", 3):
        field_name = choice_cell("casualties.tsv", row, 1, FIELDS)
        role = choice_cell("casualties.tsv", row, 2, tuple(tables))
        tables[role][row.cells[0]] = field_name
    return _CountWords(tables["verb"], tables["verb_intr"], tables["noun"], frozenset(tables["result"]),
                       frozenset(tables["end"]))


def find_quantities(sent: Span, *, trigger: Span | None = None) -> Quantities:
    """Dead, injured, arrested and size reported in `sent`; numbers attached to `trigger`
    win over others. Size from a displacement or protest verb ("displaced one million
    people") counts only when that verb is the trigger."""
    return SentenceFigures(sent).quantities(trigger)


class SentenceFigures:
    """The number phrases of one sentence, read once for every trigger in it."""

    def __init__(self, sent: Span) -> None:
        self.sent = sent
        self.phrases = [(phrase, value) for phrase in _number_phrases(sent)
                        if (value := parse_number(phrase.text)) is not None]
        self._deaths: bool | None = None
        self._vague: list[tuple[str, str]] = []

    def quantities(self, trigger: Span | None) -> Quantities:
        """What `find_quantities(sent, trigger=trigger)` gives. Counts of one field joined by
        "and" add up ("14 civilians and 9 fighters were killed" = 23); a vague word gives no
        dead or injured count; a death verb with one named victim and no number is 1 dead."""
        best: dict[str, tuple[tuple[int, int], int]] = {}
        for rank, (value, field_name, attached) in enumerate(self._classified(trigger)):
            score = (0 if attached else 1, rank)
            if field_name not in best or score < best[field_name][0]:
                best[field_name] = (score, value)
        counts = {field_name: value for field_name, (_, value) in best.items()}
        vague_dead = any(field_name == "dead" for field_name, _ in self._vague)
        single = None
        # "a young man was killed after a gunbattle in which two rebels died": the trigger's own
        # victim beats a count that hangs elsewhere in the sentence
        loose_dead = "dead" in best and best["dead"][0][0] == 1
        if ("dead" not in counts or loose_dead) and trigger and not vague_dead:
            single = single_victims(trigger, _count_words().verbs, _count_words().ends)
        if single:
            counts["dead"] = single
        if "dead" not in counts and self._deaths is None:
            self._deaths = _mentions_deaths(self.sent)
        return Quantities(**counts, fatalities_mentioned="dead" in counts or vague_dead or bool(self._deaths),
                          vague=tuple(item for item in self._vague if item[0] not in counts))

    def _classified(self, trigger: Span | None) -> list[tuple[int, str, bool]]:
        """(value, field, attached to trigger) for each count; a split count is one entry."""
        out: list[tuple[int, str, bool]] = []
        groups: dict[tuple[str, int], tuple[int, set[int]]] = {}
        self._vague = []
        for phrase, value in self.phrases:
            field_name, governor, root = _field_of(phrase, trigger)
            if not field_name:
                continue
            if field_name in _EXACT_FIELDS and is_vague(phrase.text):
                self._vague.append((field_name, phrase.text))
                continue
            attached = governor is not None and (
                is_trigger(governor, trigger) or in_relative_clause_of(governor, trigger))
            if not attached and field_name in _EXACT_FIELDS and consequence_of(trigger, governor):
                continue  # "attacks, which killed eight and prompted Turkey to strike back": not the strike's
            if not attached and field_name in _EXACT_FIELDS and governor is not None and governor.pos_ == "NOUN" \
                    and governor.dep_ == "pobj" and governor.head.lower_ in ("from", "in") \
                    and _count_words().nouns.get(governor.head.head.lower_) in _EXACT_FIELDS:
                continue  # "the death toll from a suicide bombing rose to 128": the bombing's, no other act's
            if not attached and field_name in _EXACT_FIELDS and other_doer(governor, trigger, root):
                continue  # "the militants opened fire and were shot dead by soldiers": the soldiers' toll
            clause = governor.head if governor is not None and governor.pos_ == "NOUN" else governor
            if not attached and field_name in _EXACT_FIELDS and clause is not None and running_total_clause(clause):
                continue  # "protested the latest death in unrest that has claimed 75 lives since April"
            key, own = (field_name, root.i), _counted_noun(phrase).i
            if key in groups and field_name in _EXACT_FIELDS and own not in groups[key][1]:
                index, nouns = groups[key]  # "14 civilians and 9 fighters": one count of 23
                old_value, _, old_attached = out[index]
                out[index] = (old_value + value, field_name, old_attached or attached)
                nouns.add(own)
                continue
            groups[key] = (len(out), {own})
            out.append((value, field_name, attached))
        for (field_name, _), (index, nouns) in groups.items():
            if field_name in _EXACT_FIELDS and (ones := conjoined_singles(self.sent, nouns)):
                value, _, attached = out[index]  # "four soldiers and a woman were killed": five
                out[index] = (value + ones, field_name, attached)
        return out


def _number_phrases(sent: Span) -> list[Span]:
    """Maximal runs of number tokens with their approximators, outside date expressions."""
    words = number_words()
    date_chars = [(sent.start_char + m.start, sent.start_char + m.end)
                  for m in find_dates(sent.text, None)]
    phrases, i = [], sent.start
    doc = sent.doc
    while i < sent.end:
        token = doc[i]
        if not (token.like_num or token.lower_ in words.words) or token.pos_ == "PRON":
            i += 1
            continue
        end = i + 1
        while end < sent.end and (doc[end].like_num or doc[end].lower_ in words.words or (
                doc[end].text in ("-", "and", "of") and end + 1 < sent.end
                and doc[end + 1].lower_ in words.words)):
            end += 1
        start = _extend_left(doc, i, sent.start, words.approximators)
        span = doc[start:end]
        if _is_count(doc, start, end, sent) and not any(
                s <= span.start_char < e for s, e in date_chars):
            phrases.append(span)
        i = end
    return phrases


def _is_count(doc: Doc, start: int, end: int, sent: Span) -> bool:
    """Not "no one", "No. 2", "5 p.m." or an age ("Williams, 31,")."""
    before = doc[start - 1].lower_ if start > sent.start else ""
    after = doc[end].lower_ if end < sent.end else ""
    if before in ("no", "no.", "number", "#") or after in _NOT_COUNTED_AFTER:
        return False
    if before in (".", "-") and start - 2 >= sent.start and doc[start - 2].lower_ == "no":
        return False  # "No. 2" and "no-one", split by the tokenizer
    if after == "-" and end + 1 < sent.end and doc[end + 1].lower_ != "strong":
        return False  # "34-year-old", "a 5-member team"; but "a 5,000-strong crowd"
    return not (before == "," and after == "," and start - 2 >= sent.start
                and doc[start - 2].pos_ == "PROPN")


def _extend_left(doc: Doc, i: int, floor: int, approximators: tuple[str, ...]) -> int:
    if i > floor and doc[i - 1].lower_ in ("a", "an"):
        i -= 1
    before: dict[int, str] = {}  # the lowered text of the `size` tokens before i, read once a size
    for approx in approximators:
        size = len(approx.split())
        if i - size < floor:
            continue
        if size not in before:
            before[size] = doc[i - size:i].text.lower()
        if before[size] == approx:
            return i - size
    return i


def _field_of(phrase: Span, trigger: Span | None) -> tuple[str | None, Token | None, Token]:
    """What the number phrase counts, the verb or noun that governs it, and the first noun of
    its "and" chain ("9 fighters" in "14 civilians and 9 fighters": "civilians")."""
    count_words = _count_words()
    noun = _counted_noun(phrase)
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i != noun.i:
        noun = noun.head  # "and 9 fighters" counts what "14 civilians" counts
    counted = [noun] + [c for p in noun.children if p.lower_ == "of" for c in p.children]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        counted.append(noun.head.head)  # "a crowd of 5,000"
    nxt = phrase.doc[phrase.end] if phrase.end < len(phrase.doc) else None
    if nxt is not None and nxt.text == "-" and nxt.i + 1 < len(nxt.doc) and nxt.nbor().lower_ == "strong":
        return "size", nxt.nbor(), noun  # "a 5,000-strong force"
    if nxt is not None and count_words.nouns.get(nxt.lower_) in ("dead", "injured", "arrested"):
        return count_words.nouns[nxt.lower_], nxt, noun
    if noun.dep_ == "appos" and noun.head.pos_ in ("NOUN", "PROPN"):  # "Fatalities: 12", "Death toll: 12"
        label = count_words.nouns.get(noun.head.lower_) or count_words.nouns.get(
            " ".join(t.lower_ for t in noun.head.lefts if t.dep_ == "compound") + " " + noun.head.lower_)
        if label in ("dead", "injured", "arrested"):
            return label, noun.head, noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        nominal = noun.head.head  # "the killing of 14 militants", "the deaths of three children"
        nominal_field = count_words.verbs.get(nominal.lemma_) or count_words.nouns.get(nominal.lower_)
        if nominal_field in ("dead", "injured", "arrested"):
            return nominal_field, nominal, noun
    told = _relative_casualty(noun, count_words)
    if told is not None:  # "including seven who died when the convoy was ambushed"
        return told[0], told[1], noun
    governor = noun.head
    if governor.lemma_ in count_words.results and noun.dep_ == "dobj":
        # the completing word hangs on the verb, on the object, or after the object's last noun
        # ("leaves 8 fighters of a faction dead": an adjective after its noun completes the verb)
        for word in [*governor.children, *noun.subtree]:
            completes = word.dep_ in ("oprd", "acomp", "xcomp", "ccomp") or word.dep_ == "amod" and word.i > word.head.i
            if completes and word.i > noun.i and count_words.nouns.get(word.lower_) in ("dead", "injured"):
                return count_words.nouns[word.lower_], governor, noun
    if noun.dep_ in ("dobj", "nsubjpass") and governor.pos_ == "VERB" and fatal_end(governor, count_words.ends):
        return "dead", governor, noun  # "two traders were beaten to death"
    for verbs, deps in ((count_words.verbs, ("dobj", "nsubjpass", "conj")),
                        (count_words.intransitive, ("nsubj",))):
        verb_field = verbs.get(governor.lemma_) or next(  # "shot dead two men": "dead" may hang on the men
            (verbs[f"{governor.lemma_} {w.lower_}"] for w in (*governor.children, *noun.children)
             if f"{governor.lemma_} {w.lower_}" in verbs), None)
        if verb_field and noun.dep_ in deps and (verb_field != "size" or is_trigger(governor, trigger)):
            return verb_field, governor, noun
    if noun.dep_ in ("nsubjpass", "nsubj"):  # "two policemen were shot and killed": the conjoined verb shares them
        for conj in governor.children:
            conj_field = conjoined_field(conj, count_words.verbs, passive=noun.dep_ == "nsubj")
            if conj_field is not None:
                return conj_field, conj, noun
    toll = _toll_field(noun, count_words)
    if toll:
        return toll[0], toll[1], noun
    if any(count_words.nouns.get(t.lower_) == "size" for t in counted):
        return "size", governor, noun
    field_name, word = _window_field(phrase, count_words, trigger)
    return field_name, word, noun


def _relative_casualty(noun: Token, count_words: _CountWords) -> tuple[str, Token] | None:
    """The field a relative clause of the counted noun tells: "seven who died", "three who were
    wounded"."""
    for clause in noun.children:
        if clause.dep_ != "relcl":
            continue
        subjects = [c.dep_ for c in clause.children if c.lower_ in ("who", "that", "which")]
        field_name = count_words.intransitive.get(clause.lemma_) if "nsubj" in subjects else \
            count_words.verbs.get(clause.lemma_) if "nsubjpass" in subjects else None
        if field_name in ("dead", "injured"):
            return field_name, clause
    return None


def _counted_noun(phrase: Span) -> Token:
    head = _number_head(phrase)
    return head.head if head.dep_ in ("nummod", "quantmod", "compound", "amod") else head


def _number_head(phrase: Span) -> Token:
    """The number token that links the phrase to the sentence ("4,000" in "an estimated 4,000")."""
    words = number_words()
    head = [t for t in phrase if t.like_num or t.lower_ in words.words][-1]
    while phrase.start <= head.head.i < phrase.end and head.head != head:
        head = head.head
    return head


def _toll_field(noun: Token, count_words: _CountWords) -> tuple[str, Token] | None:
    """"the death toll rose to 40", "a toll of 40", "the number of wounded reached 30"."""
    holder = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ == "pobj" and noun.head.head.pos_ == "NOUN":
        subjects = [noun.head.head]
    elif noun.dep_ in ("dobj", "attr", "pobj", "npadvmod"):
        subjects = [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")]
        if noun.dep_ == "pobj" and noun.head.lower_ in ("to", "at"):  # "lowered the toll to 20", "put the toll at 27"
            subjects += [c for c in holder.children if c.dep_ == "dobj"]
    else:
        return None
    for subject in subjects:
        for token in _head_words(subject):
            field_name = count_words.nouns.get(token.lower_) or next(  # "the number of people killed"
                (count_words.verbs.get(c.lemma_) for c in token.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)
            if field_name in ("dead", "injured", "arrested"):
                # "the death toll from a suicide bombing rose to 128": the bombing's toll
                owners = [subject, holder] if subject.dep_ == "dobj" else [subject]  # "lowered the toll from X to 20"
                source = next((g for owner in owners for p in owner.children
                               if p.dep_ == "prep" and p.lower_ in ("from", "in") for g in p.children
                               if g.dep_ == "pobj" and not g.like_num), None)
                return field_name, source if source is not None else holder
    return None


def _head_words(noun: Token) -> list[Token]:
    """The noun, its compounds and its "of" object: "death toll", "the number of dead"."""
    words = [noun] + [c for c in noun.children if c.dep_ in ("compound", "amod")]
    return words + [c for p in noun.children if p.lower_ == "of" for c in p.children]


def _window_field(phrase: Span, count_words: _CountWords,
                  trigger: Span | None) -> tuple[str | None, Token | None]:
    """Fallback on word order: "12 civilians were reportedly killed", "killing 12"."""
    doc = phrase.doc
    j = phrase.end
    while j < min(len(doc), phrase.end + 5) and doc[j].pos_ in ("NOUN", "ADJ", "AUX", "ADV", "PART"):
        if doc[j].pos_ != "AUX" and doc[j].lower_ in count_words.nouns:
            break
        j += 1
    if j < len(doc) and doc[j].pos_ != "PROPN":
        word = doc[j]
        field_name = count_words.nouns.get(word.lower_) if word.pos_ != "VERB" else None
        if word.pos_ == "VERB" and not any(  # "three gunmen killed": the killers, not the dead
                c.dep_ == "nsubj" and phrase.start <= c.i < j for c in word.children):
            field_name = count_words.nouns.get(word.lower_) or count_words.verbs.get(word.lemma_)
        if field_name and field_name != "size":
            return field_name, word
    before = doc[phrase.start - 1] if phrase.start > 0 else None
    if before is not None and before.pos_ == "VERB":
        field_name = count_words.verbs.get(before.lemma_)
        if field_name and (field_name != "size" or is_trigger(before, trigger)):
            return field_name, before
    return None, None


def _mentions_deaths(sent: Span) -> bool:
    """A death is reported, even without a count ("some of its troops had been killed")."""
    count_words = _count_words()
    for token in sent:
        if token.pos_ == "VERB":
            is_death = "dead" in (count_words.verbs.get(token.lemma_), count_words.intransitive.get(token.lemma_))
        else:
            is_death = count_words.nouns.get(token.lower_) == "dead"
        if is_death and not (any(c.dep_ == "neg" for c in token.children) or any(
                t.lower_ in ("no", "not", "without") for t in sent.doc[max(sent.start, token.i - 3):token.i])):
            return True
    return False
