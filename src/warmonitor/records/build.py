"""The one step that turns an annotated spaCy Doc into typed, frozen `Event` records.

It reads what the NLP stages left on the Doc (event mentions with their argument spans,
toponyms) and asks the services for the rest: actors resolved to country + sector, the
date resolved against publication, the place, casualty figures and the attribution.
After this step nothing touches the Doc again.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ..actors import ActorResolver, iso2_to_iso3
from ..actors.acronyms import acronym_of, defined_acronyms
from ..actors.dyads import settle_recipients
from ..actors.tables import BODY_CODES
from ..counts.quantities import SentenceFigures
from ..counts.tolls import CLAIMED_TOLL
from ..dates.background import OLD_NEWS, background_reason, tells_history
from ..dates.event_time import EventTime, event_time
from ..dates.mentions import DateMention, find_dates
from ..events import EventMention
from ..events.acled_rules import apply_acled_rules, load_acled_rules, stands_alone
from ..events.arguments import is_passive, noun_phrase, subject_of
from ..events.attribution import find_attribution
from ..events.clauses import is_quoted
from ..events.lexicon import DATA_DIR as EVENT_DATA
from ..events.lexicon import EventLexicon
from ..events.statements import reporting_verb
from ..geo import Geoparser
from ..lexicon_data.files import load_word_lists
from ..models import Article, DateSpan, Entity, Event, Place, slot_evidence
from .later_tolls import TollWords, toll_updates
from .story_time import StoryTime
from .parts import (
    at_joined_places,
    bare_definite,
    fill_retaliation_targets,
    is_place,
    named_before,
    once,
    person_named_before,
    previous_subject,
)


@dataclass(frozen=True)
class RecordContext:
    """What one article's records share: the article, its main country, its dateline."""

    article: Article
    main_country: str | None


@dataclass(frozen=True)
class _SentenceFacts:
    """What the records of one sentence share: its dates, number phrases and sources (read
    once for all the mentions in it)."""

    dates: list[DateMention]
    figures: SentenceFigures
    attribution: tuple[str, ...]


@dataclass
class _DocMemo:
    """What `build` reads once a Doc: its text (Doc.text re-joins every token on each access),
    each sentence's facts, and each argument span's entities (mentions share arguments)."""

    text: str
    facts: dict[int, _SentenceFacts] = field(default_factory=dict)
    entities: dict[tuple[int, int], list[Entity]] = field(default_factory=dict)
    #: sentences (by start) with an asserted event whose own clause may hold the sentence's toll
    counted: frozenset[int] = frozenset()
    #: acronyms the article defines ("the Armed Forces of the Philippines (AFP)")
    acronyms: dict[str, Span] = field(default_factory=dict)
    #: sentences (by start) that go on from a sentence of history in their paragraph
    after_history: dict[int, bool] = field(default_factory=dict)


class RecordBuilder:
    """Builds `Event` records from the event mentions of a Doc. Services are passed in."""

    def __init__(self, resolver: ActorResolver, geoparser: Geoparser) -> None:
        self.resolver = resolver
        self.geoparser = geoparser
        words = load_word_lists("warmonitor.data", "records.yaml",
                                ("reporting_verbs", "retaliation_words", "armed_modes", "state_sectors",
                                 "statement_categories", "toll_categories", "toll_nouns", "speaker_words",
                                 "elaborating_categories", "unprotesting_sectors", "toll_rise_verbs"))
        self._reporting = frozenset(words["reporting_verbs"])
        self._statements = frozenset(w.upper() for w in words["statement_categories"])
        self._tolls = frozenset(w.upper() for w in words["toll_categories"])
        self._toll_words = TollWords(self._tolls, frozenset(words["toll_nouns"]), frozenset(words["toll_rise_verbs"]))
        self._armed_modes = frozenset(words["armed_modes"])
        self._state_sectors = frozenset(w.upper() for w in words["state_sectors"])
        self._retaliation = frozenset(words["retaliation_words"])
        self._speaker_words = frozenset(words["speaker_words"])
        self._elaborating = frozenset(w.upper() for w in words["elaborating_categories"])
        self._unprotesting = frozenset(w.upper() for w in words["unprotesting_sectors"])
        self._acled = load_acled_rules(EVENT_DATA)
        self._casualty = frozenset(EventLexicon.load().cue("casualty_words"))
        self._event_nouns = frozenset(EventLexicon.load().nouns)
        implied = load_word_lists("warmonitor.data", "records.yaml", ("crowd_categories", "state_modes"))
        self._crowd_acts = frozenset(w.upper() for w in implied["crowd_categories"])
        self._state_modes = frozenset(implied["state_modes"])

    def build(self, doc: Doc, mentions: Sequence[EventMention], context: RecordContext) -> list[Event]:
        """One record per asserted mention, in text order. Background clauses give no violent
        record; statements and background carry no toll."""
        sent_index = {sent.start: i for i, sent in enumerate(doc.sents)}
        memo = _DocMemo(doc.text, counted=frozenset(
            m.sent.start for m in mentions if m.modality == "asserted" and m.category in self._tolls),
            acronyms=defined_acronyms(doc))
        events: list[Event] = []
        sentences = list(doc.sents)
        published = context.article.published
        time = StoryTime(sentences, lambda sent: memo.facts[sent.start].dates if sent.start in memo.facts
                         else find_dates(sent.text, published), self._event_nouns, self._reporting)
        for mention in mentions:
            if mention.modality != "asserted" and not mention.anaphoric:
                continue
            sent = mention.sent
            index = sent_index.get(sent.start, 0)
            time.enter(index)
            facts = self._facts(sent, memo, context)
            statement = self._is_statement(mention)
            violent = mention.category in self._tolls
            when = event_time(doc, mention.trigger, sent, facts.dates, published,
                              reporting=self._reporting, statement=statement, told=time.carried(violent),
                              last_day=time.last_day(index),
                              own_announcement=mention.category not in self._tolls)
            background = background_reason(mention.trigger, sent, facts.dates,
                                           when.span if when.source == "text" else None, context.article.published,
                                           after_history=self._after_history(doc, sent, context, memo))
            if background and (mention.category in self._tolls or background == OLD_NEWS and not mention.recoded):
                continue  # history: "the coalition intervened in 2015", "in 2016 the coalition blamed ..."
            event, also_at = self._record(doc, mention, context, memo, when)
            event = apply_acled_rules(event, mention, self._acled)
            if statement or background or mention.category not in self._tolls:
                event = event.with_(dead=None, injured=None, notes=())
            if mention.reported and self._reports_own_side(event):
                continue
            if event.event == "PROTEST" and (event.actor and all(e.sector in self._unprotesting for e in event.actor)
                                            or self._armed_doers(mention)):
                continue  # "gunmen poured into the streets": armed men do not protest
            if not event.actor and not event.recipient and not stands_alone(mention, event, self._acled, self._casualty):
                if event.event not in self._elaborating:
                    continue  # "four floor plans are offered": nobody, named or coded, did it to anyone
                # "..., when it was struck": no event alone, but what it tells (a place, a day)
                # adds to the attack told before it
                event = event.with_(anaphoric=True)
            time.after_record(index, when, violent=violent, statement=statement, background=bool(background))
            if mention.anaphoric:  # "The fighting, despite a Jan. 12 truce, disrupted ...": not the event's time
                # but "The attack on Thursday morning was the deadliest": its own
                event = event.with_(anaphoric=True, date=event.date if when.attached else DateSpan.unknown())
            dated = bool(event.date.text) and when.source == "text"
            placed = event.event_loc is not None and event.event_loc.place_text in sent.text  # not a fallback
            event = event.with_(sentences=(index,), evidence=slot_evidence(event, index, dated=dated, placed=placed))
            events.append(event)
            events.extend(at_joined_places(event, also_at))
        return fill_retaliation_targets(
            toll_updates(doc, events, context.article.published, self._toll_words), self._retaliation)

    @staticmethod
    def _facts(sent: Span, memo: _DocMemo, context: RecordContext) -> _SentenceFacts:
        """The sentence's dates, figures and sources, read once for all its mentions."""
        if sent.start not in memo.facts:
            memo.facts[sent.start] = _SentenceFacts(find_dates(sent.text, context.article.published),
                                                    SentenceFigures(sent), tuple(find_attribution(sent)))
        return memo.facts[sent.start]

    def _after_history(self, doc: Doc, sent: Span, context: RecordContext, memo: _DocMemo) -> bool:
        """The sentence before `sent`, in the same paragraph, tells history (read once a sentence)."""
        if sent.start not in memo.after_history:
            published = context.article.published
            if sent.start == 0 or "\n" in memo.text[doc[sent.start - 1].idx:sent.start_char]:
                memo.after_history[sent.start] = False  # a new paragraph
            else:
                before = doc[sent.start - 1].sent
                facts = memo.facts.get(before.start)
                dates = facts.dates if facts else find_dates(before.text, published)
                memo.after_history[sent.start] = tells_history(before, dates, published)
        return memo.after_history[sent.start]

    def _is_statement(self, mention: EventMention) -> bool:
        """A statement ("said", "condemned", an accusation): dated by its telling, no toll."""
        return mention.category in self._statements or (
            mention.category not in self._tolls and mention.trigger.root.lemma_ in self._reporting)

    def _side(self, entity: Entity) -> tuple[str | None, str | None]:
        return entity.code, "STATE" if entity.sector in self._state_sectors else entity.sector

    def _reports_own_side(self, event: Event) -> bool:
        """An accusation read from a report whose accused are all on the speaker's own side, or
        a state's report of what others did in its own country ("police said gunmen killed
        four"): the state tells the attack, it does not accuse anyone of it."""
        speakers = {self._side(entity) for entity in event.actor}
        if all(self._side(entity) in speakers for entity in event.recipient):
            return True
        state_countries = {code for code, side in speakers if side == "STATE"}
        return bool(state_countries) and all(entity.code in state_countries for entity in event.recipient)

    def _record(self, doc: Doc, mention: EventMention, context: RecordContext, memo: _DocMemo,
                when: EventTime) -> tuple[Event, list[Place]]:
        """The mention's record, and the other towns its place phrase joins to its place."""
        sent, trigger = mention.sent, mention.trigger
        facts = memo.facts[sent.start]
        # "the Mpeketoni raid", "the Donetsk shelling": a town that modifies the event noun is where, not who
        doers = tuple(span for span in mention.actor if not (mention.nominal and is_place(doc, span))
                      and span.root.ent_type_ not in ("DATE", "TIME"))  # nor is a day a doer
        actor = self._entities(doers, context, memo)
        if mention.category == "ASSAULT" and mention.mode in self._armed_modes:
            # the government's shelling is its army's: "government artillery", "regime warplanes"
            actor = tuple(self.resolver.with_sector(e, "MIL") if e.code and e.code not in BODY_CODES
                          and e.sector in (None, "GOV") else e for e in actor)
            actor = once(actor)  # "Syrian government artillery": one army, named once
        elif mention.category == "PROTEST":  # "thousands of supporters of the party marched": protesters
            crowd = self._acled.words["protester_words"]
            actor = tuple(self.resolver.with_sector(e, "PRO") if e.sector is None and e.code
                          and crowd & set(e.entity_text.lower().split()) else e for e in actor)
        else:
            # a state that acts does it by its forces or its government: "an Israeli raid", "Russia
            # struck" (MIL); "Colombia rejected the accusation", "Venezuela has arrested six" (GOV)
            state = "MIL" if mention.category == "ASSAULT" else "GOV"
            actor = tuple(self.resolver.with_sector(e, state) if self._bare_state(e) else e for e in actor)
        targets = mention.recipient
        if mention.category in self._crowd_acts:  # "marched to Tahrir Square": where, not against whom
            targets = tuple(span for span in targets if not is_place(doc, span))
        recipient = self._entities(targets, context, memo)
        figures = facts.figures.quantities(trigger)
        if mention.anaphoric and figures.dead is None and sent.start not in memo.counted:
            # "The clashes resulted in the killing of 14"; not "The raid came after troops killed 34"
            figures = facts.figures.quantities(None)
        place, also_at = self.geoparser.event_places(doc, trigger.start_char, trigger.end_char, doc_text=memo.text,
                                                     announced=mention.recoded)
        if not actor and mention.category in self._crowd_acts and (mention.nominal or not is_passive(trigger.root)):
            # "protests broke out": the protesters'; not "six houses were set on fire": whose is untold
            actor = self._implied_actor("unnamed protesters", "PRO", place, context)
        elif not actor and mention.mode in self._state_modes:
            # "police said several people had been detained": the telling force made the arrest
            actor = tuple(e for e in self._told_by(mention, context, memo)[1] if e.sector in self._state_sectors
                          and (e.plover_sector or e.sector) in self._state_sectors) \
                or self._implied_actor("police", "COP", place, context)  # not "his lawyer said" (JUD)
        claimant = self._claimant(mention, actor, context, memo)
        actor = actor or claimant
        confidence = mention.confidence * (1.0 if actor else 0.8)
        return Event(
            event=mention.category,
            mode=mention.mode,
            context=tuple(mention.context),
            cameo=mention.cameo,
            acled_event_type=mention.acled_event_type,
            acled_sub_event_type=mention.acled_sub_event_type,
            actor=actor,
            recipient=settle_recipients(mention.category, actor, recipient, self.resolver,
                                        place_country=place.country_code if place else None),
            event_text=trigger.text,
            date=when.span,
            event_loc=place,
            dead=figures.dead,
            injured=figures.injured,
            arrested=figures.arrested,
            size=figures.size,
            notes=tuple(f"{field}: {words!r} gives no number" for field, words in figures.vague)
            + ((CLAIMED_TOLL,) if claimant and figures.dead is not None else ()),
            text=sent.text.strip(),
            attribution=facts.attribution,
            article=context.article,
            confidence=max(0.05, min(1.0, confidence)),
        ), also_at

    def _claimant(self, mention: EventMention, actor: tuple[Entity, ...], context: RecordContext,
                  memo: _DocMemo) -> tuple[Entity, ...]:
        """The speaker, when the act is told as the speaker's own ("the group said it had killed
        25 policemen", "the army said its strikes killed 40"): its toll is a claim to weigh, and
        a doer named only by a pronoun is the speaker."""
        if not mention.actor:
            return ()
        verb, speakers = self._told_by(mention, context, memo)
        if not speakers or verb is None:
            return ()
        if not actor and all(span.root.lower_ in self._speaker_words for span in mention.actor):
            # "said it had killed": the speaker's own act; not the quoted '"They came," a villager said'
            clause = next((t for t in [mention.trigger.root, *mention.trigger.root.ancestors] if t.head.i == verb.i), None)
            return () if clause is None or is_quoted(clause) else speakers
        sides = {self._side(e) for e in speakers if e.sector}
        return speakers if sides and actor and all(self._side(e) in sides for e in actor) else ()

    def _told_by(self, mention: EventMention, context: RecordContext,
                 memo: _DocMemo) -> tuple[Token | None, tuple[Entity, ...]]:
        """The verb of saying over the mention's clause and who says it, resolved ("police said
        ... had been detained"); (None, ()) where nobody is told saying it."""
        verb = reporting_verb(mention.trigger.root, self._reporting)
        speaker = subject_of(verb)[0] if verb is not None else None
        return verb, self._entities((noun_phrase(speaker),), context, memo) if speaker is not None else ()

    def _armed_doers(self, mention: EventMention) -> bool:
        """The mention's doers are named as armed men ("the gunmen", "militants")."""
        armed = self._acled.words["non_state_words"]
        if not mention.actor:  # "the gunmen set cars on fire to block the roads": the nearest clause's doer
            doer = next((child for verb in [mention.trigger.root, *mention.trigger.root.ancestors]
                         for child in verb.children if child.dep_ == "nsubj"), None)
            return doer is not None and doer.lower_ in armed
        return all(span.root.lower_ in armed for span in mention.actor)

    def _bare_state(self, entity: Entity) -> bool:
        """The entity is a country named alone ("Colombia", "Israeli"), no body of it."""
        return bool(entity.code) and entity.code not in BODY_CODES and entity.sector is None \
            and entity.plover_sector is None \
            and entity.name == self.resolver.name_of(entity.code, None) and entity.entity_text[:1].isupper()

    def _implied_actor(self, name: str, sector: str, place: Place | None, context: RecordContext) -> tuple[Entity, ...]:
        """A protest whose protesters go unnamed ("protests broke out in X") is still theirs, and
        an arrest whose arrester goes unnamed the police's: of the country where it happened
        (PLOVER codes the crowd as the actor)."""
        country = iso2_to_iso3(place.country_code) if place is not None and place.country_code else None
        country = country or context.main_country
        return (Entity(name, None, country, sector),) if country else ()

    def _as_named_before(self, span: Span, context: RecordContext) -> list[Entity]:
        """A person named by surname resolved as the fuller naming before ("Duterte" as
        "President Rodrigo Duterte"), where that tells a sector."""
        fuller = person_named_before(span)
        if fuller is None:
            return []
        found = self.resolver.resolve_all(fuller, context_country=context.main_country,
                                          published=context.article.published)
        return [replace(entity, entity_text=span.text) for entity in found if entity.sector]

    def _entities(self, spans: Sequence[Span], context: RecordContext, memo: _DocMemo) -> tuple[Entity, ...]:
        found: list[Entity] = []
        for span in spans:
            key = (span.start, span.end)
            if key not in memo.entities:
                named = acronym_of(span, memo.acronyms)  # "the AFP" of "the Armed Forces of the Philippines (AFP)"
                memo.entities[key] = [] if named is None else self.resolver.resolve_all(
                    named, context_country=context.main_country, published=context.article.published)
                antecedent = previous_subject(span)  # "It condemned the violence": the last sentence's subject
                memo.entities[key] = memo.entities[key] or self.resolver.resolve_all(
                    antecedent or span, context_country=context.main_country, published=context.article.published)
                if not any(entity.code for entity in memo.entities[key]) or bare_definite(span):
                    memo.entities[key] = named_before(span, memo.entities) or memo.entities[key]
                if not any(entity.sector for entity in memo.entities[key]) or all(
                        entity.code == context.main_country for entity in memo.entities[key]):
                    # "Yuki Kitazumi" after "Japanese journalist Yuki Kitazumi": not the story's country
                    memo.entities[key] = self._as_named_before(span, context) or memo.entities[key]
            for entity in memo.entities[key]:
                if entity not in found:
                    found.append(entity)
        return tuple(found)
