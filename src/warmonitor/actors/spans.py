"""Argument spans cut into conjuncts and trimmed to the words that name an actor."""
from __future__ import annotations

from spacy.tokens import Span


def split_coordination(span: Span) -> list[Span]:
    """The conjuncts of a coordinated noun phrase as spans ("the United States and Jordan" ->
    ["the United States", "Jordan"]); the span itself when it is not coordinated."""
    root = span.root
    heads = sorted([root, *(t for t in root.conjuncts if span.start <= t.i < span.end)], key=lambda t: t.i)
    if len(heads) == 1:
        return [span]
    doc = span.doc
    starts = [span.start] + [max(h.left_edge.i, span.start) for h in heads[1:]]
    parts: list[Span] = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else span.end
        while end > start and (doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct):
            end -= 1
        if end > start:
            parts.append(doc[start:end])
    return parts


def entity_text(span: Span) -> str:
    """The span's words without a leading determiner or trailing punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].dep_ in ("det", "predet") and doc[start].lower_ in
                           ("the", "a", "an", "this", "that", "these", "those") or doc[start].is_punct):
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end].text if end > start else ""
