"""Place mentions that are not plain names: demonyms ("Turkish"), abbreviations ("U.S.",
"Bowling Green, Ky."), datelines in capitals ("SAN ANTONIO") and place names at the head of an
organisation's name ("Dubai Police",
"The Washington Post").

Each comes back as (start token, end token, what to look up, hint). The hint tells the
resolver and the event placement what kind of mention it is: "demonym" and "embedded"
mentions name a place but never say where something happened.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .datafiles import load_abbreviations, load_demonyms
from .normalize import ARTICLES, skeleton_name

#: Entity labels whose names may start with a place name ("Pakistan Army", "Kenya Airways").
HOST_LABELS = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "GPE", "LOC"})

Mention = tuple[int, int, str, str | None]
#: What follows a one-word dateline: "BEIRUT —", "TIJUANA &", "MOSUL, Iraq".
_DATELINE_MARKS = frozenset({",", "—", "–", "-", "--", "(", "&", ":"})


def name_start(ent: Span) -> int:
    """The first token of an entity's name: after a leading "the" ("the Holy See")."""
    return ent.start + (1 if len(ent) > 1 and ent[0].lower_ == "the" else 0)


def demonym_mentions(tokens: list[Token], taken: list[bool]) -> list[Mention]:
    """ "Turkish", "South Korean": the country (ISO code) or continent they stand for."""
    demonyms = load_demonyms()
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if taken[i] or not token.text[:1].isupper():
            i += 1
            continue
        two = f"{token.lower_} {tokens[i + 1].lower_}" if i + 1 < len(tokens) and not taken[i + 1] else ""
        width, target = (2, demonyms[two]) if two in demonyms else (1, demonyms.get(token.lower_))
        if target is not None and target != "-":
            found.append((i, i + width, target, "demonym"))
        i += width if target is not None else 1
    return found


def abbreviation_mentions(tokens: list[Token], taken: list[bool]) -> list[Mention]:
    """ "U.S.", "UK", "BC", "Ky." (a dotted one after a comma, like "Bowling Green, Ky.")."""
    abbreviations = load_abbreviations()
    found: list[Mention] = []
    for i, token in enumerate(tokens):
        if taken[i]:
            continue
        text, width = token.text, 1
        if text not in abbreviations and i + 1 < len(tokens) and tokens[i + 1].text == "." \
                and text + "." in abbreviations:
            text = text + "."  # "Ky" "." at the end of a sentence
        entry = abbreviations.get(text)
        if entry is None:
            continue
        name, kind = entry
        if kind == "division" and text.endswith(".") and (i == 0 or tokens[i - 1].text != ","):
            continue  # "Ga.", "La.", "Mass." are words too: only "Atlanta, Ga." is the state
        found.append((i, i + width, name, "admin" if kind == "division" else kind))
    return found


#: Words an entity may hold besides a place's name and still be that place: "the city of
#: Al-Raqqah", "Al-Raqqah city" (the model tagging them as an organisation or a facility).
_OWN_WORDS = frozenset({"-", "‑", "–", "city", "town", "village", "of"}) | ARTICLES


def embedded_mentions(doc: Doc, ent: Span, major_keys: frozenset[str], stopnames: frozenset[str],
                      demonyms: dict[str, str], saint_words: frozenset[str] = frozenset(), *,
                      division_keys: frozenset[str] = frozenset(),
                      admin_words: frozenset[str] = frozenset()) -> list[Mention]:
    """The major place names (countries, divisions, continents, big cities) inside an
    organisation's or facility's name, but not the whole of it: "Dubai Police",
    "Air Zimbabwe", "Central Bank of Malta"; not a saint's name ("St George's Chapel"); and
    any division's name that says it is one ("Metcalfe County Sheriff's Office", a name of
    `division_keys` ending in one of `admin_words`). A
    name that is the whole entity but an Arabic article and a "city" word ("Al-Raqqah city",
    "the city of Al-Raqqah", which the model may tag as an organisation) is the place itself."""
    start = name_start(ent)
    found: list[Mention] = []
    i = start
    while i < ent.end:
        best = None
        for end in range(i + 1, min(ent.end, i + 4) + 1):
            tokens = doc[i:end]
            if not (tokens[-1].text[:1].isupper() and tokens[-1].is_alpha):
                break
            if i == start and end == ent.end:
                continue
            key = skeleton_name(tokens.text)
            if key in major_keys or (end - i > 1 and tokens[-1].lower_ in admin_words and key in division_keys):
                best = end
        name = doc[i:best].text if best else ""
        after_saint = i > ent.start and doc[i - 1].lower_ in saint_words
        if best is None or name.lower() in stopnames or name.lower() in demonyms or name.isupper() or after_saint:
            i += 1
            continue
        own = all(t.lower_ in _OWN_WORDS for t in (*doc[start:i], *doc[best:ent.end]))
        found.append((i, best, name, None if own else "embedded"))
        i = best
    return found


def _abbreviation_dot(tokens: list[Token], start: int, k: int) -> bool:
    """The dot of an abbreviated word inside a capitals dateline: "ST. LOUIS", "FT. WORTH"."""
    return k > start and tokens[k].text == "." and len(tokens[k - 1]) <= 3 and tokens[k - 1].is_upper \
        and k + 1 < len(tokens) and tokens[k + 1].is_upper and tokens[k + 1].is_alpha


def dateline_mentions(tokens: list[Token], match_keys: frozenset[str], stopnames: frozenset[str]) -> list[tuple[int, int]]:
    """A dateline in capitals opening the text or a paragraph ("SAN ANTONIO —", "CAMP
    MURRAY, Wash."): the longest gazetteer name among its first words."""
    found = []
    for i, token in enumerate(tokens):
        if not (i == 0 or "\n" in tokens[i - 1].text or "\n" in tokens[i - 1].whitespace_) \
                or not (token.is_upper and token.is_alpha and len(token) > 1):
            continue
        end = i
        while end < min(i + 5, len(tokens)) and (tokens[end].is_upper and tokens[end].is_alpha
                                                 or _abbreviation_dot(tokens, i, end)):
            end += 1
        for k in range(end, i, -1):
            single = k == i + 1
            after = tokens[k].text if k < len(tokens) else ""
            if single and (token.lower_ in stopnames or token.is_stop or after not in _DATELINE_MARKS):
                continue
            if skeleton_name(" ".join(t.text for t in tokens[i:k])) in match_keys:
                found.append((i, k))
                break
    return found
