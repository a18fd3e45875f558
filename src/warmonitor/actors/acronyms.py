"""Acronyms an article defines: "the Armed Forces of the Philippines (AFP)" makes a later "the
AFP" name the same actor, whatever else the letters stand for elsewhere (Agence France-Presse).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

#: "Long Name Of Words (LNOW)": up to eight words, small linking words allowed inside.
_DEFINITION = re.compile(
    r"(?P<long>[A-Z][\w'’-]*(?:\s+(?:of|the|for|and|de|du|des|la|le|al|el|[A-Z][\w'’-]*)){0,8})"
    r"\s+\((?P<short>[A-Z][A-Z0-9&-]{1,9})\)")
_SMALL = frozenset(["of", "the", "for", "and", "de", "du", "des", "la", "le", "al", "el"])


def defined_acronyms(doc: Doc) -> dict[str, Span]:
    """Each acronym defined in the text -> the span of its long form. The acronym's letters
    must be the initials of the long form's last words ("Bangsamoro Islamic Freedom Fighters
    (BIFF)"); a bracketed word that is no such acronym is left alone."""
    found: dict[str, Span] = {}
    for match in _DEFINITION.finditer(doc.text):
        short = match.group("short").replace("-", "").replace("&", "")
        words = [w for w in match.group("long").split() if w.lower() not in _SMALL]
        if len(words) < len(short):
            continue
        kept = words[-len(short):]
        if "".join(w[0].upper() for w in kept) != short.upper():
            continue
        start = match.start("long") + match.group("long").rfind(kept[0])
        span = doc.char_span(start, match.end("long"), alignment_mode="expand")
        if span is not None:
            found.setdefault(match.group("short"), span)
    return found


def acronym_of(span: Span, acronyms: dict[str, Span]) -> Span | None:
    """The long form a span names by its acronym ("the AFP") or holds with its definition
    ("the Armed Forces of the Philippines (AFP)"), or None."""
    words = [t.text for t in span if t.lower_ not in ("the", "a")]
    if len(words) == 1 and words[0] in acronyms:
        return acronyms[words[0]]
    return next((long for long in acronyms.values() if span.start <= long.start and long.end <= span.end), None)
