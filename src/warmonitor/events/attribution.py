"""Who a sentence says reported what it tells: the sources of its reporting clauses.

Reads the dependency parse of one sentence: the subject of a reporting verb ("witnesses and
a war monitor said"), the object of "citing"/"quoting", the agent of "corroborated by", the
object of "according to". Bare pronouns give nothing (the caller may carry the previous
speaker). Reporting words live in lexicon_data/reporting.tsv.

Example: in "Five people died, the Observatory said." the source is ("the Observatory",).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from ..lexicon_data import choice_cell, read_table

_KINDS = ("verb", "verb_object", "phrase", "pronoun", "skipobject")
#: Children that end a source's noun phrase: what follows is not part of its name.
_CUT_DEPS = frozenset({"conj", "cc", "punct", "appos", "relcl", "acl", "advcl", "parataxis"})
#: Parts of speech a source's noun phrase is made of, when read by word order.
_PHRASE_POS = frozenset({"DET", "NOUN", "PROPN", "ADJ", "CCONJ", "NUM", "PUNCT", "ADP"})


@dataclass(frozen=True)
class _ReportingWords:
    subject_verbs: frozenset[str]
    object_verbs: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    #: The first words of `phrases` (most tokens start none, and need no closer look).
    phrase_starts: frozenset[str]
    pronouns: frozenset[str]
    skip_objects: frozenset[str]


@lru_cache(maxsize=1)
def _reporting_words() -> _ReportingWords:
    tables: dict[str, list[str]] = {kind: [] for kind in _KINDS}
    for row in read_table("reporting.tsv", 2):
        tables[choice_cell("reporting.tsv", row, 1, _KINDS)].append(row.cells[0])
    return _ReportingWords(
        subject_verbs=frozenset(tables["verb"]),
        object_verbs=frozenset(tables["verb_object"]),
        phrases=tuple(tuple(p.split()) for p in tables["phrase"]),
        phrase_starts=frozenset(p.split()[0] for p in tables["phrase"]),
        pronouns=frozenset(tables["pronoun"]),
        skip_objects=frozenset(tables["skipobject"]),
    )


def find_attribution(sent: Span) -> tuple[str, ...]:
    """The sources `sent` names for its report, in sentence order, without repeats:
    "..., witnesses and a war monitor said." -> ("witnesses", "a war monitor")."""
    found: list[tuple[int, str]] = []
    for _, sources in _reports(sent):
        found.extend((span.start, span.text) for span in sources)
    seen: set[str] = set()
    ordered = []
    for _, text in sorted(found):
        if text.lower() not in seen:
            seen.add(text.lower())
            ordered.append(text)
    return tuple(ordered)


def attributed_verb(sent: Span) -> Token | None:
    """The reporting verb ("said", "reported", or "according") of `sent`: the first one that
    names a source, else the first one; None where the sentence reports nothing."""
    reports = _reports(sent)
    for verb, sources in reports:
        if sources:
            return verb
    return reports[0][0] if reports else None


def _reports(sent: Span) -> list[tuple[Token, list[Span]]]:
    """Each reporting word of `sent` with the source spans it introduces."""
    words = _reporting_words()
    reports = []
    for token in sent:
        phrase_end = _phrase_end(sent, token, words.phrases) if token.lower_ in words.phrase_starts else None
        if phrase_end is not None:
            reports.append((token, _phrase_sources(sent, phrase_end)))
        elif token.pos_ in ("VERB", "AUX") and _is_reporting_verb(token, words):
            reports.append((token, _verb_sources(token, words)))
    return reports


def _is_reporting_verb(token: Token, words: _ReportingWords) -> bool:
    lemma = token.lemma_.lower()
    if lemma not in words.subject_verbs and lemma not in words.object_verbs:
        return False
    return not any(c.dep_ == "dobj" and c.lemma_.lower() in words.skip_objects for c in token.children)


def _phrase_end(sent: Span, token: Token, phrases: tuple[tuple[str, ...], ...]) -> Token | None:
    """The last token of a source phrase ("according to") that starts at `token`."""
    for phrase in phrases:
        end = token.i + len(phrase)
        if end <= sent.end and tuple(t.lower_ for t in sent.doc[token.i:end]) == phrase:
            return sent.doc[end - 1]
    return None


def _phrase_sources(sent: Span, last: Token) -> list[Span]:
    objects = [c for c in last.children if c.dep_ == "pobj"]
    if not objects:
        objects = [chunk.root for chunk in sent.noun_chunks if chunk.start > last.i][:1]
    return _named(objects[:1])


def _verb_sources(verb: Token, words: _ReportingWords) -> list[Span]:
    lemma = verb.lemma_.lower()
    heads: list[Token] = []
    if lemma in words.object_verbs:
        heads += [c for c in verb.children if c.dep_ == "dobj"]
    else:
        heads += [c for c in verb.children if c.dep_ in ("nsubj", "expl")]
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        heads += [c for c in agent.children if c.dep_ == "pobj"]
    if not heads and lemma in words.subject_verbs:
        return _trailing_clause_sources(verb, words)
    return _named(heads)


def _trailing_clause_sources(verb: Token, words: _ReportingWords) -> list[Span]:
    """Where the parse lost the subject of ", witnesses and a war monitor said.", the noun
    phrases between the last comma and the verb, split at "and"."""
    doc, end = verb.doc, verb.i
    while end > verb.sent.start and doc[end - 1].pos_ in ("AUX", "ADV", "PART"):
        end -= 1
    start = end
    while start > verb.sent.start and doc[start - 1].text not in (",", ";", "\"", "\u201d") \
            and doc[start - 1].pos_ in _PHRASE_POS:
        start -= 1
    if start == end or start == verb.sent.start or doc[start - 1].text not in (",", "\"", "\u201d"):
        return []
    pieces, piece_start = [], start
    for i in range(start, end + 1):
        if i == end or doc[i].pos_ == "CCONJ" or doc[i].text == ",":
            if i > piece_start:
                pieces.append(doc[piece_start:i])
            piece_start = i + 1
    return [p for p in pieces if p.text.lower() not in words.pronouns
            and any(t.pos_ in ("NOUN", "PROPN") for t in p)]


def _named(heads: list[Token]) -> list[Span]:
    """Noun phrases for each head and its conjuncts; adjacent subjects merge ("the state
    news agency SANA"); pronouns are dropped."""
    words = _reporting_words()
    spans = []
    for head in heads:
        for token in (head, *head.conjuncts):
            if token.pos_ == "PRON" or token.lower_ in words.pronouns:
                continue
            spans.append(_source_span(token))
    spans.sort(key=lambda s: s.start)
    merged: list[Span] = []
    for span in spans:
        if merged and merged[-1].end == span.start and merged[-1].root.head == span.root.head \
                and merged[-1].root.dep_ == span.root.dep_ and span.root.i not in {
                    c.i for c in merged[-1].root.conjuncts}:
            merged[-1] = span.doc[merged[-1].start:span.end]
        elif not any(s.start <= span.start < s.end for s in merged):
            merged.append(span)
    return merged


def _source_span(head: Token) -> Span:
    """The noun phrase of `head` up to its appositions and clauses; a leading modifier like
    "the British-based" is trimmed where the phrase holds a proper name."""
    kept = [head]
    for child in head.children:
        if child.dep_ in _CUT_DEPS:
            continue
        kept.extend(child.subtree)
    doc = head.doc
    start, end = min(t.i for t in kept), max(t.i for t in kept) + 1
    while start < head.i and doc[start].pos_ == "PUNCT":
        start += 1
    span = doc[start:end]
    hyphenated = [c for c in head.lefts if c.dep_ in ("amod", "npadvmod", "nmod")
                  and any(t.text == "-" for t in c.subtree)]
    if hyphenated and any(t.pos_ == "PROPN" for t in doc[hyphenated[-1].right_edge.i + 1:end]):
        span = doc[hyphenated[-1].right_edge.i + 1:end]
    return span
