"""The short loop that runs the stages in order.

    article -> clean (ingest) -> spaCy Doc -> toponyms (geo) -> event mentions (events)
            -> records (actors, dates, places, figures, attribution) -> in-article merge

Like spaCy's `Language.__call__`: each stage reads what earlier ones set and adds its own;
`RecordBuilder` is the one step from the Doc to typed `Event` records.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc

from .actors import ActorDictionary, ActorResolver, dateline_votes, iso2_to_iso3, main_country
from .assembly import link_statements, merge_within_article
from .config import Settings
from .errors import ExtractionError, WarmonitorError
from .events import find_event_mentions
from .geo import Gazetteer, Geoparser
from .ingest import CleanText, clean_text
from .ingest.language import check_language, load_detector
from .models import Article, Event
from .nlp.model import load_nlp
from .records import RecordBuilder, RecordContext

log = logging.getLogger(__name__)


class Pipeline:
    """Turns articles into event records. The spaCy pipeline and the gazetteer load once,
    on first use; pass them in to share them (tests, workers)."""

    def __init__(self, settings: Settings | None = None, *, nlp: Language | None = None,
                 gazetteer: Gazetteer | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self._nlp = nlp
        self._gazetteer = gazetteer

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Pipeline:
        return cls(settings)

    @cached_property
    def nlp(self) -> Language:
        return self._nlp or load_nlp(self.settings.model)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return self._gazetteer or Gazetteer.open(self.settings.gazetteer_path)

    @cached_property
    def geoparser(self) -> Geoparser:
        return Geoparser(self.gazetteer)

    @cached_property
    def builder(self) -> RecordBuilder:
        return RecordBuilder(ActorResolver(ActorDictionary.load()), self.geoparser)

    def warm_up(self) -> None:
        """Load every service now (the first article would otherwise pay for it)."""
        _ = self.nlp, self.builder
        if self.settings.languages:
            load_detector()

    def extract_article(self, article: Article) -> list[Event]:
        """The events of one article; raises ExtractionError when it cannot be coded (too
        big, not in a language the coder reads, nothing left after cleaning, a coder bug)."""
        self.check_article(article)
        return self._guarded(article, clean_text(article.text, published=article.published), None)

    def explain_article(self, article: Article) -> list[tuple[Event, list[tuple[int, str]]]]:
        """The events of one article, each with the sentences it was assembled from (their
        index and text); `Event.evidence` says which slot each sentence gave."""
        self.check_article(article)
        clean = clean_text(article.text, published=article.published)
        doc = self.nlp(clean.text)
        sentences = [sent.text.strip() for sent in doc.sents]
        events = self._guarded(article, clean, doc)
        return [(event, [(i, sentences[i]) for i in event.sentences if i < len(sentences)]) for event in events]

    def check_article(self, article: Article) -> None:
        """Refuse, before any cleaning or parsing, an article too big to parse or written in
        a language the coder does not read (ExtractionError saying which and what to do)."""
        size = len(article.text.encode("utf-8", errors="surrogatepass"))
        limit = self.settings.max_article_bytes
        if size > limit:
            raise ExtractionError(f"article {article.id!r} is {size:,} bytes, over the limit of "
                                  f"{limit:,} (WARMONITOR_MAX_ARTICLE_BYTES): split it or raise the limit")
        check_language(article.text, article_id=article.id, languages=self.settings.languages,
                       min_confidence=self.settings.language_min_confidence)

    def extract_many(self, articles: Iterable[Article], *, batch_size: int | None = None
                     ) -> Iterator[tuple[Article, list[Event] | ExtractionError]]:
        """(article, events) for each article, or (article, error) where it failed: one bad
        article never stops the batch. Parses in batches with `nlp.pipe`; an article refused
        by `check_article` is never parsed."""
        cleaned = (self._checked(article) for article in articles)
        pairs = _tee_pipe(self.nlp, cleaned, batch_size or self.settings.batch_size)
        for article, clean, doc in pairs:
            if isinstance(clean, ExtractionError):
                yield article, clean
                continue
            try:
                yield article, self._guarded(article, clean, doc)
            except ExtractionError as exc:
                yield article, exc

    def _checked(self, article: Article) -> tuple[Article, CleanText | ExtractionError]:
        try:
            self.check_article(article)
        except ExtractionError as exc:
            return article, exc
        return article, clean_text(article.text, published=article.published)

    def _guarded(self, article: Article, clean: CleanText, doc: Doc | None) -> list[Event]:
        try:
            if not clean.text.strip():
                raise ExtractionError(f"article {article.id!r} has no text left after cleaning")
            return self._events(article, clean, doc if doc is not None else self.nlp(clean.text))
        except ExtractionError:
            raise
        except WarmonitorError as exc:
            raise ExtractionError(f"article {article.id!r}: {exc}") from exc
        except Exception as exc:  # noqa: BLE001 - one article's failure is stored, not fatal
            log.exception("extraction failed for %s", article.id)
            raise ExtractionError(f"article {article.id!r}: {type(exc).__name__}: {exc}") from exc

    def _events(self, article: Article, clean: CleanText, doc: Doc) -> list[Event]:
        if (article.title is None and clean.title) or clean.filed_from or clean.filed_by:
            article = replace(article, title=article.title or clean.title,
                              filed_from=article.filed_from or clean.filed_from,
                              filed_by=article.filed_by or clean.filed_by)
        # the filing place is one vote for the story's country, never an event's place: the
        # dateline and the byline are out of the parsed text
        toponyms = self.geoparser.annotate(doc, dateline=clean.filing_place, country=self.settings.country)
        votes = [iso2_to_iso3(t.place.country_code) for t in toponyms
                 if t.place is not None and t.place.country_code and t.role != "seat"]
        if self.settings.country:  # the batch's country speaks for the actors' too
            votes.append(iso2_to_iso3(self.settings.country))
        votes += dateline_votes(clean.filing_place)  # "N'DJAMENA (Reuters) -": the story's country, most often
        seats = [t.start_char for t in toponyms if t.role == "seat"]  # where speakers sit: no vote
        country = main_country(doc, extra_votes=[v for v in votes if v], skip_chars=seats)
        mentions = find_event_mentions(doc)
        events = self.builder.build(doc, mentions, RecordContext(article, country))
        return link_statements([event.with_stable_id() for event in merge_within_article(events)])


_Checked = tuple[Article, "CleanText | ExtractionError"]


def _tee_pipe(nlp: Language, cleaned: Iterable[_Checked], batch_size: int
              ) -> Iterator[tuple[Article, CleanText | ExtractionError, Doc | None]]:
    batch: list[_Checked] = []
    for item in cleaned:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _parse_batch(nlp, batch)
            batch = []
    if batch:
        yield from _parse_batch(nlp, batch)


def _parse_batch(nlp: Language, batch: list[_Checked]
                 ) -> Iterator[tuple[Article, CleanText | ExtractionError, Doc | None]]:
    texts = [clean.text for _, clean in batch if isinstance(clean, CleanText)]
    docs = iter(nlp.pipe(texts))
    for article, clean in batch:
        yield article, clean, next(docs) if isinstance(clean, CleanText) else None


_default: Pipeline | None = None


def extract(text: str, *, published: date | str | None = None, outlet: str | None = None,
            url: str | None = None, title: str | None = None, id: str = "text") -> list[Event]:
    """The events of one article's text, e.g.

    >>> events = extract(story, published="2020-02-06", outlet="Reuters")  # doctest: +SKIP
    >>> events[0].event, events[0].date.date                                 # doctest: +SKIP
    ('ASSAULT', datetime.date(2020, 2, 6))
    """
    global _default
    if _default is None:
        _default = Pipeline()
    if isinstance(published, str):
        published = date.fromisoformat(published)
    article = Article(id=id, text=text, published=published, outlet=outlet, url=url, title=title)
    return _default.extract_article(article)
