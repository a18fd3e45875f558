"""Rules on a record's two sides, applied once both are resolved: victims keep only the nationality
the text gives them, and nobody is their own recipient unless the text says so.

"Israeli air strikes killed 10 people in Gaza" in an article about Israel: the people are of the
place's country (PSE), never the attacker's by a guess from the article, and of none without a place
(in an article about another country than the attacker's, "Turkish troops killed five civilians" in
a Syria story, the article's country stands); "Nigeria's president urged the government to act" in a Nigerian
story: the recipient NGA/GOV was only guessed from the article and equals the actor, so it goes.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Entity
from .country import iso2_to_iso3
from .dictionary import ActorDictionary, normalize
from .resolve import ActorResolver

#: Categories whose recipients are the victims of violence.
VIOLENT_CATEGORIES: frozenset[str] = frozenset({"ASSAULT", "COERCE", "FIGHT"})
#: Sectors of unarmed people: as victims they take no country from the article.
VICTIM_SECTORS: frozenset[str] = frozenset({"CVL", "REF", "PRO", "MED", "EDU", "REL", "LAB", "BUS", None})
#: The longest phrase looked up when asking whether a text names a country.
MAX_PHRASE = 4


_PHRASE_TAIL = re.compile(r"\s(?:near|in|of|at|from|on|outside|inside|who|which|with)\s.*$")


def _head_word(text: str) -> str:
    """The last word of a noun phrase before its prepositional or relative tail ("two Israeli
    brothers near Nablus": "brothers")."""
    words = _PHRASE_TAIL.sub("", text).split()
    return words[-1] if words else ""


def names_country(text: str, code: str, dictionary: ActorDictionary) -> bool:
    """True when some phrase of `text` is a name, adjective, city, place or actor of country `code`
    ("Palestinian villagers", "residents of Gaza"), so the code is the text's, not a guess."""
    words = text.replace("'s ", " ").replace("\u2019s ", " ").split()
    for start in range(len(words)):
        for end in range(min(len(words), start + MAX_PHRASE), start, -1):
            phrase = " ".join(words[start:end]).strip(",.;:()\"'")
            entry = dictionary.lookup(phrase) or dictionary.places.get(normalize(phrase))
            if entry is not None and entry.code == code:
                return True
            prefix = phrase.partition("-")[0]  # "U.S.-led", "Israeli-occupied"
            if prefix != phrase and (found := dictionary.lookup(prefix)) is not None and found.code == code:
                return True
    return False


def settle_recipients(category: str, actor: Sequence[Entity], recipient: Sequence[Entity],
                      resolver: ActorResolver, *, place_country: str | None = None) -> tuple[Entity, ...]:
    """The recipients of a record after the victim and self-dyad rules (module docstring).

    Unarmed victims whose phrase names no country and whose guessed country (the article's) is
    the attacker's take the country of the event's place, `place_country` (ISO2 or ISO3), else none."""
    dictionary = resolver.dictionary
    local = iso2_to_iso3(place_country, dictionary=dictionary) if place_country and len(place_country) == 2 \
        else place_country
    sides = {(e.code, e.sector) for e in actor if e.code}
    attackers = {e.code for e in actor if e.code}
    out: list[Entity] = []
    for entity in recipient:
        if entity in actor:
            continue
        stated = entity.code is None or names_country(entity.entity_text, entity.code, dictionary)
        if not stated and category in VIOLENT_CATEGORIES and entity.sector in VICTIM_SECTORS and \
                entity.code in attackers:
            entity = Entity(entity.entity_text, resolver.name_of(local, entity.sector), local, entity.sector)
        elif not stated and (entity.code, entity.sector) in sides:
            continue
        if category in VIOLENT_CATEGORIES and entity.code and entity.sector is None \
                and _head_word(entity.entity_text).islower():
            # "two Israeli brothers", "a 37-year-old man": people of no armed or official body
            entity = resolver.with_sector(entity, "CVL")
        out.append(entity)
    return tuple(out)
