"""Resolving an argument noun phrase to an Entity (country code, sector, canonical name).

Country comes from a name, adjective, capital, seat of power, armed group, IGO or leader in the
span, or else from the article's main country; sector from the head noun, title or group. Example:
"Syrian government forces" -> SYR/MIL "Military Forces of Syria"; "rebels" in a Syria story -> SYR/REB.
Office holders are coded as of the article's date; the rules of `phrase_rules` decide when a
phrase names no actor (an unattributed air strike, an outlet, an unknown place) or whose it is.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Span, Token

from ..models import Entity
from ..nlp.model import quantified_head, record_words
from .dictionary import ActorDictionary, normalize
from .matching import NameMatch, find_names, path_to
from .phrase_rules import appositive, is_instrument, is_outlet, owner_by_preposition, owner_modifier, people_of
from .spans import entity_text, split_coordination
from .tables import BODY_CODES

#: Dependency labels of a head's left modifiers that can carry a sector ("rebel leaders").
MODIFIER_DEPS: frozenset[str] = frozenset({"amod", "compound", "nmod", "nn", "npadvmod"})
#: Entity types that make an otherwise unknown head an actor (an unknown person or organisation).
ACTOR_ENT_TYPES: frozenset[str] = frozenset({"PERSON", "ORG", "NORP"})
#: Entity types of places: an unknown one is where something happened, not who did it.
PLACE_ENT_TYPES: frozenset[str] = frozenset({"GPE", "LOC", "FAC"})
#: Sectors a bare noun takes the article's country for ("rebels" in a Syria story -> SYR).
NON_NATIONAL_SECTORS: frozenset[str] = frozenset({"IGO", "NGO"})
#: Sectors for which "X in <country>" says whose they are ("rebels in Syria"); not for state forces.
LOCAL_SECTORS: frozenset[str] = frozenset({"REB", "CVL", "REF", "PRO", "OPP", "PGM", "MED", "BUS", "ELI"})


class ActorResolver:
    """Turns argument spans into Entity records using an ActorDictionary (cheap: dict lookups only)."""

    def __init__(self, dictionary: ActorDictionary | None = None) -> None:
        self.dictionary = dictionary or ActorDictionary.load()

    def resolve(self, span: Span, *, context_country: str | None = None,
                published: date | None = None) -> Entity | None:
        """The entity `span` names (the first one of a coordination), or None for a non-actor."""
        entities = self.resolve_all(span, context_country=context_country, published=published)
        return entities[0] if entities else None

    def resolve_all(self, span: Span, *, context_country: str | None = None,
                    published: date | None = None) -> list[Entity]:
        """One entity per conjunct: "the United States and Jordan" -> [USA, JOR];
        "Hungarian and Romanian officials" -> [HUN/GOV, ROU/GOV]. Office holders are coded as of
        `published` (the article's date): a president is GOV of their country only in office."""
        entities: list[Entity] = []
        for part in split_coordination(span):
            for entity in self._resolve_part(part, context_country, published):
                entity = Entity.coded(entity.entity_text, entity.name, entity.code, entity.sector)
                if entity not in entities:
                    entities.append(entity)
        return entities

    def _resolve_part(self, part: Span, context_country: str | None, published: date | None,
                      *, nested: bool = False) -> list[Entity]:
        head = quantified_head(part.root)
        text = entity_text(part)
        if not text:
            return []
        body = self._spoken_for(part, head) if not nested else None
        if body is not None:  # "a spokesman for the OLA": the OLA's; "the home of the cleric": the cleric's
            found = self._resolve_part(body, context_country, published, nested=True)
            if found and found[0].sector:
                return [Entity(text, found[0].name, found[0].code, found[0].sector)]
        entities = self._resolve_phrase(part, head, text, context_country, published)
        role = appositive(head) if not nested else None
        if role is not None and (head.ent_type_ == "PERSON" or not entities or entities[0].code is None):
            found = self._resolve_part(role, context_country, published, nested=True)
            if found and (found[0].code or found[0].sector):
                code = found[0].code or (entities[0].code if entities else None)
                name = found[0].name if found[0].code in BODY_CODES else self._name(code, found[0].sector)
                return [Entity(text, name, code, found[0].sector)]
        return entities

    def _resolve_phrase(self, part: Span, head: Token, text: str, context_country: str | None,
                        published: date | None) -> list[Entity]:
        dictionary = self.dictionary
        possessor = self._possessor_country(part)
        context_country = possessor or context_country
        matches = [replace(m, entry=m.entry.on(published)) if m.entry.periods else m
                   for m in find_names(part, dictionary) if not _in_a_persons_name(m, part)]
        if is_outlet(part, head, dictionary) and not any(m.start <= head.i < m.end for m in matches):
            return []  # "state media", "the newspaper": sources, not actors
        strong, of_phrase, located = self._classify(matches, part, head)
        noun_sector, head_is_weak, from_head = self._noun_sector(part, head)
        if noun_sector in ("GOV", "MIL", "COP") and any(  # "a former chief minister": once of the state
                normalize(t.text) in dictionary.former_words for t in part if t.i < head.i or t.head.i == head.i):
            noun_sector = "ELI"
        named = [m for m in strong if not m.is_country]
        if not named and (owner := owner_by_preposition(of_phrase + located, head)) is not None:
            named = [owner]  # "observers from the OSCE", "fighters of the Islamic State"
        if named:
            entity = self._from_named(self._pick(named, head), head, (noun_sector, head_is_weak, from_head),
                                      text, context_country)
            return [entity] if entity is not None else []
        countries = [m for m in strong if m.is_country]
        on_head = next((m for m in countries if m.start <= head.i < m.end), None)
        if noun_sector is None and (people := people_of(of_phrase, head, on_head)) is not None:
            return [self._entity(text, people.entry.code, dictionary.demonym_sector)]
        owners = [m for m in countries if m.entry.kind not in ("city", "place")]  # "Donetsk shelling": a target
        if not owners and not of_phrase and is_instrument(part, head, dictionary) and \
                not owner_modifier(part, head, dictionary):
            if possessor is not None:  # "Chad said its warplanes struck": Chad's forces
                return [self._entity(text, possessor, "MIL")]
            return []  # "an air strike", "warplanes": the text does not say whose
        if on_head is not None and noun_sector is None:
            return [self._entity(text, on_head.entry.code, self._bare_country_sector(on_head, head))]
        if noun_sector is None:
            return self._fallback(part, head, text, of_phrase + located + countries, context_country)
        codes = list(dict.fromkeys(m.entry.code for m in countries if m.entry.code))
        if len(codes) > 1 and any(t.dep_ == "cc" for t in part if t.i < head.i):
            return [self._entity(text, code, noun_sector) for code in codes]
        if codes:
            return [self._entity(text, codes[0], noun_sector)]
        of_codes = list(dict.fromkeys(m.entry.code for m in of_phrase if m.is_country and m.entry.code))
        if len(of_codes) > 1 and any(t.dep_ == "cc" for t in part if t.i > head.i):
            return [self._entity(text, code, noun_sector) for code in of_codes]  # "ministers of Congo and Rwanda"
        usable = of_phrase + [m for m in located if noun_sector in LOCAL_SECTORS or not context_country]
        if usable:
            return [self._entity(text, usable[0].entry.code, noun_sector)]
        code = context_country if noun_sector not in NON_NATIONAL_SECTORS else None
        return [self._entity(text, code, noun_sector)]

    def _spoken_for(self, part: Span, head: Token) -> Span | None:
        """The body a speaker head speaks for ("a spokesman for the army"), or the owner of what
        a belonging head names ("the convoy of the governor"), inside the span."""
        words = {normalize(head.lemma_), normalize(head.text)}
        speaker = bool(words & self.dictionary.speaker_heads)
        if not speaker and not words & self.dictionary.belonging_heads:
            return None
        for prep in head.children:
            if prep.dep_ == "prep" and (prep.lower_ == "of" or speaker and prep.lower_ == "for"):
                body = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if body is not None and part.start <= body.left_edge.i and body.right_edge.i < part.end:
                    return part.doc[body.left_edge.i: body.right_edge.i + 1]
        return None

    def _possessor_country(self, part: Span) -> str | None:
        """ "its troops" after "Russia said", "Turkey, whose leader": the owner's country."""
        pronoun = next((t for t in part if t.dep_ == "poss" and t.lower_ in record_words()["possessive_pronouns"]), None)
        if pronoun is None:
            return None
        doc = part.doc
        if pronoun.lower_ == "whose":
            clause = next((t for t in pronoun.ancestors if t.dep_ == "relcl"), None)
            candidates = [clause.head] if clause is not None else []
        else:
            sent_start = pronoun.sent.start
            candidates = [doc[i] for i in range(pronoun.i - 1, sent_start - 1, -1)
                          if doc[i].ent_type_ in ("GPE", "NORP")]
            # then a country name the model left untagged: "Chad ... said its warplanes"
            named = [m for m in find_names(doc[sent_start:pronoun.i], self.dictionary) if m.is_country]
            candidates += [doc[m.start] for m in reversed(named)]
        for token in candidates:
            names = [m for m in find_names(doc[token.i: token.i + 1], self.dictionary) if m.is_country]
            if names and names[0].entry.code:
                return names[0].entry.code
        return None

    def _bare_country_sector(self, match: NameMatch, head: Token) -> str | None:
        """Sector of a phrase that is only a country word: a capital stands for the government
        ("Ankara"), a plural demonym for the people ("Palestinians"); a country name has none."""
        if match.entry.kind == "capital":
            return match.entry.sector
        if match.entry.kind == "adjective" and head.tag_ in ("NNS", "NNPS"):
            return self.dictionary.demonym_sector
        return None

    def _classify(self, matches: list[NameMatch], part: Span, head: Token
                  ) -> tuple[list[NameMatch], list[NameMatch], list[NameMatch]]:
        """Split names into those that say whose the actor is (strong), those in an "of" phrase
        ("president of Armenia") and those that only say where it is ("militants in Idlib")."""
        strong: list[NameMatch] = []
        of_phrase: list[NameMatch] = []
        located: list[NameMatch] = []
        for match in matches:
            path = path_to(match.root, head)
            preps = [t for t in path or [] if t.dep_ in ("prep", "agent")]
            if path is None or not preps:
                strong.append(match)
            elif match.root.dep_ == "poss" and match.root.head.i != head.i and \
                    normalize(match.root.head.lemma_) not in self.dictionary.sector_nouns:
                continue  # "Turkey's zone" inside "militants in Turkey's zone": a place, not an owner
            elif len(preps) == 1 and preps[0].lower_ == "of" and preps[0].head.i == head.i:
                of_phrase.append(match)
            else:
                located.append(match)
        return strong, of_phrase, located

    def _noun_sector(self, part: Span, head: Token) -> tuple[str | None, bool, bool]:
        """The sector the head noun (or a title or modifier before it) gives, whether the head is a
        weak word ("leader", "officials") a modifier may override, and whether the head gave it."""
        nouns, agents = self.dictionary.sector_nouns, self.dictionary.agent_nouns
        found = self._phrase_ending_at(part, head.i, nouns) or self._phrase_ending_at(part, head.i, agents)
        if found is not None:
            sector, words = found
            is_weak = words == 1 and (normalize(head.text) in self.dictionary.weak_heads
                                      or normalize(head.lemma_) in self.dictionary.weak_heads)
            if is_weak:
                modifier = self._modifier_sector(part, head)
                if modifier is not None:
                    return modifier, False, True
            return sector, is_weak, True
        titled = head.pos_ == "PROPN"  # "Archbishop Desmond Tutu": any sector word may be a title
        for end in range(head.i - 1, part.start - 1, -1):
            found = self._phrase_ending_at(part, end, nouns)
            if found is None and titled:
                found = self._phrase_ending_at(part, end, agents)
            if found is None and part.doc[end].head.i == head.i:
                found = self._phrase_ending_at(part, end, self.dictionary.sector_modifiers)
            if found is not None:
                return found[0], False, False
        return None, False, False

    def _phrase_ending_at(self, part: Span, end: int, table: dict[str, str]) -> tuple[str, int] | None:
        doc = part.doc
        for words in range(min(4, end - part.start + 1), 0, -1):
            key = normalize(doc[end - words + 1: end + 1].text)
            if key in table:
                return table[key], words
        lemma = normalize(doc[end].lemma_)
        return (table[lemma], 1) if lemma in table else None

    def _modifier_sector(self, part: Span, head: Token) -> str | None:
        for child in reversed(list(head.lefts)):
            if child.i >= part.start and child.dep_ in MODIFIER_DEPS:
                sector = self.dictionary.sector_modifiers.get(normalize(child.text))
                if sector is not None:
                    return sector
        return None

    @staticmethod
    def _pick(named: list[NameMatch], head: Token) -> NameMatch:
        for match in named:
            if match.start <= head.i < match.end:
                return match
        for match in named:
            if match.root.head.i == head.i:
                return match
        return named[0]

    def _from_named(self, match: NameMatch, head: Token, noun: tuple[str | None, bool, bool],
                    text: str, context_country: str | None) -> Entity | None:
        """An entity named by a group, IGO, seat, leader or outlet; the head noun may refine the
        sector ("NATO forces" -> IGO/MIL, "Assad's forces" -> SYR/MIL)."""
        noun_sector, head_is_weak, from_head = noun
        entry = match.entry
        code = entry.code or (context_country if entry.kind == "group" else None)
        on_head = match.start <= head.i < match.end
        if entry.kind == "igo":
            refined = not on_head and from_head and noun_sector in ("MIL", "CVL")
            return Entity(text, entry.name, code, noun_sector if refined else entry.sector)
        if entry.periods and on_head and noun_sector is not None and not from_head:
            return Entity(text, self._name(code, noun_sector), code, noun_sector)  # the text's title wins
        if entry.kind == "media" and on_head:
            return None  # "Reuters", "AFP": the source of the news, not an actor in it
        if entry.kind in ("group", "media") or on_head:
            return Entity(text, entry.name if entry.kind != "seat" else self._name(code, entry.sector),
                          code, entry.sector)
        # a generic head ("Pentagon officials") keeps the seat's sector; a specific one wins ("Assad's forces")
        specific = noun_sector is not None and from_head and (not head_is_weak or noun_sector != "GOV")
        sector = noun_sector if specific else entry.sector
        return self._entity(text, code, sector)

    def _fallback(self, part: Span, head: Token, text: str, places: list[NameMatch],
                  context_country: str | None = None) -> list[Entity]:
        """A head that is no sector noun: a place or unknown person/organisation, else no actor.
        A person the dictionaries do not know is taken for one of the story's country."""
        is_name = head.pos_ == "PROPN" or head.ent_type_ in ACTOR_ENT_TYPES
        if not is_name or not head.text[:1].isupper():
            if normalize(head.lemma_) in self.dictionary.place_heads or normalize(head.text) in self.dictionary.place_heads:
                return []
            # "US mediation", "an Indian proposal", "Serbia's suppression": the country it is of
            owner = next((m for m in places if m.is_country and _modifies(m.root, head)), None)
            if owner is None:  # "further action against Russia", "a demand by Moscow"
                owner = next((m for m in places if m.is_country and any(
                    t.dep_ == "prep" and t.lower_ in record_words()["target_prepositions"] for t in path_to(m.root, head) or [])), None)
            if owner is not None and owner.entry.code:
                return [Entity(text, self.dictionary.country_name(owner.entry.code), owner.entry.code, None)]
            return []
        place = next((m for m in places if m.start <= head.i < m.end), None)
        if place is None:
            place = next((m for m in find_names(part, self.dictionary, with_places=True)
                          if m.entry.kind == "place" and m.start <= head.i < m.end), None)
        if place is not None:
            return [Entity(text, place.entry.name, place.entry.code, None)]
        if head.ent_type_ in PLACE_ENT_TYPES or is_instrument(part, head, self.dictionary):
            return []  # an unknown place ("Faryab") or a capitalised act ("Massacre in ...")
        owner = next((m for m in places if m.is_country and m.root.dep_ == "poss" and m.entry.code), None)
        if owner is not None:  # "Rwanda's Olivier Nduhungirehe": one of that country
            return [Entity(text, None, owner.entry.code, None)]
        return [Entity(text, None, context_country if head.ent_type_ == "PERSON" else None, None)]

    def _entity(self, text: str, code: str | None, sector: str | None) -> Entity:
        return Entity(text, self._name(code, sector), code, sector)

    def with_sector(self, entity: Entity, sector: str) -> Entity:
        """The same entity in another sector, its canonical name made anew ("Military Forces of Turkey")."""
        return Entity.coded(entity.entity_text, self._name(entity.code, sector), entity.code, sector)

    def name_of(self, code: str | None, sector: str | None) -> str | None:
        """The canonical name of a country + sector ("Military Forces of Turkey"); None without a country."""
        return self._name(code, sector)

    def _name(self, code: str | None, sector: str | None) -> str | None:
        country = self.dictionary.country_name(code)
        if country is None:
            return None
        template = self.dictionary.name_templates.get(sector or "")
        return template.format(country=country) if template else country


def _in_a_persons_name(match: NameMatch, part: Span) -> bool:
    """A group's or body's name that is only a word of a longer person's name ("Therese
    Kayikwamba Wagner" is no Wagner Group)."""
    if match.entry.kind not in ("group", "igo", "media", "seat"):
        return False
    doc = part.doc
    person = next((ent for ent in doc.ents if ent.label_ == "PERSON" and ent.start <= match.start
                   and match.end <= ent.end), None)
    return person is not None and len(person) > match.end - match.start


def _modifies(token: Token, head: Token) -> bool:
    """The token modifies `head` before it, directly or through the head's other modifiers
    ("Russian" in "a Russian missile strike")."""
    while token.dep_ in ("compound", "amod", "poss", "nmod") and token.head.i != token.i:
        token = token.head
        if token.i == head.i:
            return True
    return False
