"""The one step that turns an annotated spaCy Doc into typed, frozen `Event` records.

It reads what the NLP stages left on the Doc (event mentions with their argument spans,
toponyms) and asks the services for the rest: actors resolved to country + sector, the
date resolved against publication, the place, casualty figures and the attribution.
After this step nothing touches the Doc again.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from .actors import ActorResolver
from .actors.dyads import settle_recipients
from .attribution import find_attribution
from .dates import DateMention, find_dates
from .events import EventMention
from .geo import Geoparser
from .datafiles import load_word_lists
from .models import Article, DateSpan, Entity, Event
from .quantities import SentenceFigures


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


class RecordBuilder:
    """Builds `Event` records from the event mentions of a Doc. Services are passed in."""

    def __init__(self, resolver: ActorResolver, geoparser: Geoparser) -> None:
        self.resolver = resolver
        self.geoparser = geoparser
        words = load_word_lists("warmonitor.data", "records.yaml",
                                ("reporting_verbs", "retaliation_words", "armed_modes", "state_sectors"))
        self._reporting = frozenset(words["reporting_verbs"])
        self._armed_modes = frozenset(words["armed_modes"])
        self._state_sectors = frozenset(words["state_sectors"])
        self._retaliation = frozenset(words["retaliation_words"])

    def build(self, doc: Doc, mentions: Sequence[EventMention], context: RecordContext) -> list[Event]:
        """One record per asserted mention, in text order."""
        sent_index = {sent.start: i for i, sent in enumerate(doc.sents)}
        memo = _DocMemo(doc.text)
        events: list[Event] = []
        for mention in mentions:
            if mention.modality != "asserted":
                continue
            sent = mention.sent
            if sent.start not in memo.facts:
                memo.facts[sent.start] = _SentenceFacts(find_dates(sent.text, context.article.published),
                                                        SentenceFigures(sent), tuple(find_attribution(sent)))
            event = self._record(doc, mention, context, memo)
            if mention.reported and self._reports_own_side(event):
                continue
            if not event.actor and not event.recipient:
                continue  # "four floor plans are offered": nobody, named or coded, did it to anyone
            events.append(event.with_(sentences=(sent_index.get(sent.start, 0),)))
        return _fill_retaliation_targets(events, self._retaliation)

    def _side(self, entity: Entity) -> tuple[str | None, str | None]:
        return entity.code, "STATE" if entity.sector in self._state_sectors else entity.sector

    def _reports_own_side(self, event: Event) -> bool:
        """An accusation read from a report whose accused are all on the speaker's own side."""
        speakers = {self._side(entity) for entity in event.actor}
        return all(self._side(entity) in speakers for entity in event.recipient)

    def _record(self, doc: Doc, mention: EventMention, context: RecordContext, memo: _DocMemo) -> Event:
        sent, trigger = mention.sent, mention.trigger
        facts = memo.facts[sent.start]
        actor = self._entities(mention.actor, context, memo)
        if mention.category == "ASSAULT" and mention.mode in self._armed_modes:
            actor = tuple(self.resolver.with_sector(e, "MIL") if e.code and e.code not in ("IGO", "NGO", "IMG") and e.sector is None
                          else e for e in actor)
        recipient = self._entities(mention.recipient, context, memo)
        figures = facts.figures.quantities(trigger)
        place = self.geoparser.place_event(doc, trigger.start_char, trigger.end_char, doc_text=memo.text)
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
            date=self._date(doc, trigger, sent, facts.dates, context.article.published),
            event_loc=place,
            dead=figures.dead,
            injured=figures.injured,
            arrested=figures.arrested,
            size=figures.size,
            text=sent.text.strip(),
            attribution=facts.attribution,
            article=context.article,
            confidence=max(0.05, min(1.0, confidence)),
        )

    def _entities(self, spans: Sequence[Span], context: RecordContext, memo: _DocMemo) -> tuple[Entity, ...]:
        found: list[Entity] = []
        for span in spans:
            key = (span.start, span.end)
            if key not in memo.entities:
                memo.entities[key] = self.resolver.resolve_all(span, context_country=context.main_country,
                                                               published=context.article.published)
            for entity in memo.entities[key]:
                if entity not in found:
                    found.append(entity)
        return tuple(found)

    def _date(self, doc: Doc, trigger: Span, sent: Span, mentions: list[DateMention],
              published: date | None) -> DateSpan:
        """The date expression of the trigger's clause, else the nearest one, else publication."""
        best: tuple[float, DateMention] | None = None
        ancestors = {t.i for t in trigger.root.ancestors} | {t.i for t in trigger}
        for mention in mentions:
            span = doc.char_span(sent.start_char + mention.start, sent.start_char + mention.end,
                                 alignment_mode="expand")
            if span is None:
                continue
            governor = _governing_verb(span.root)
            distance = float(min(abs(span.start - trigger.start), abs(span.end - trigger.end)))
            if governor is not None and governor.i in ancestors:
                distance -= 100.0 if governor.i in {t.i for t in trigger} else 10.0
            elif governor is not None and governor.lemma_ in self._reporting:
                distance += 50.0
            if best is None or distance < best[0]:
                best = (distance, mention)
        if best is not None and best[1].span.precision != "unknown":
            return best[1].span
        if published is None:
            return DateSpan.unknown()
        # No date in the sentence: a news report tells what happened by its publication day.
        return DateSpan(date=published, precision="day", text=None)


def _governing_verb(token: Token) -> Token | None:
    for candidate in [token, *token.ancestors]:
        if candidate.pos_ in ("VERB", "AUX") and candidate is not token:
            return candidate
    return None


def _fill_retaliation_targets(events: list[Event], retaliation_words: frozenset[str]) -> list[Event]:
    """"Turkish forces struck back": the target is whoever attacked them just before."""
    out: list[Event] = []
    for event in events:
        words = set(event.event_text.lower().split())
        if event.event == "ASSAULT" and not event.recipient and words & retaliation_words:
            own = {e.code for e in event.actor if e.code}
            for earlier in reversed(out):
                if earlier.event == "ASSAULT" and own & {e.code for e in earlier.recipient if e.code}:
                    event = event.with_(recipient=earlier.actor)
                    break
        out.append(event)
    return out
