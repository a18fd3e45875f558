"""Writing to the store: each article raw first, then its reports merged into events, in one
transaction per article; the same content twice is stored once; a failed extraction is kept
to be retried."""
from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import ExtractionError
from ..models import Article, Event
from .clusters import add_reports, lock_merges, remove_reports
from .schema import articles, event_reports

if TYPE_CHECKING:
    from . import Store

log = logging.getLogger(__name__)


class Extractor(Protocol):
    """What the store needs of the pipeline: the events of one article."""

    def extract_article(self, article: Article) -> list[Event]: ...


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored: its metadata, raw content, hash and extraction status."""

    pk: int
    id: str
    content_hash: str
    status: str
    error: str | None
    text: str
    raw: str
    raw_format: str
    published: date | None
    outlet: str | None
    url: str | None
    title: str | None

    def to_article(self) -> Article:
        """The Article to hand to the pipeline again."""
        return Article(id=self.id, text=self.text, published=self.published,
                       outlet=self.outlet, url=self.url, title=self.title)


@dataclass(frozen=True)
class IngestResult:
    """What became of one article: ok or failed (with the error), and its event records."""

    article_id: str
    status: str
    error: str | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    duplicate: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.article_id, "status": self.status, "error": self.error,
                "duplicate": self.duplicate, "events": self.events}


def content_hash(raw: str) -> str:
    """The sha256 of the raw content (surrounding whitespace ignored)."""
    return hashlib.sha256(raw.strip().encode("utf-8")).hexdigest()


def ingest_article(store: Store, article: Article, extractor: Extractor, *,
                   raw: str | None = None, raw_format: str = "text") -> IngestResult:
    """Store `article` and the events `extractor` finds in it; an article already stored
    (same content hash) is not extracted again and its stored reports are returned."""
    raw_content = raw if raw is not None else article.text
    known = _known(store, article, content_hash(raw_content))
    if known is not None:
        return known
    records, error = extract_records(article, extractor)
    return store_extracted(store, article, records, error, raw=raw_content, raw_format=raw_format)


def store_extracted(store: Store, article: Article, records: Sequence[dict[str, Any]],
                    error: str | None, *, raw: str | None = None, raw_format: str = "text",
                    then: Callable[[Connection], None] | None = None) -> IngestResult:
    """Store an article and the records extracted from it (elsewhere: a worker process or
    a cluster node) in one transaction, merging its reports into the stored events.

    `then(conn)` runs last in that transaction when the article is new (the watcher marks
    its URL seen there), so both are kept or lost together."""
    raw_content = raw if raw is not None else article.text
    digest = content_hash(raw_content)
    known = _known(store, article, digest)
    if known is not None:
        return known
    now = _now()
    try:
        with _transaction(store) as conn:
            # The merge lock first, as in store_batch: writers never wait on each other crosswise.
            lock_merges(store, conn)
            article_pk = conn.execute(_INSERT_ARTICLE, dict(
                id=article.id, content_hash=digest, raw=raw_content, raw_format=raw_format,
                text=article.text, published=article.published, outlet=article.outlet,
                url=article.url, title=article.title, status="failed" if error else "ok",
                error=error, stored_at=now, extracted_at=now,
            )).scalar_one()
            add_reports(store, conn, article_pk, records)
            if then is not None:
                then(conn)
    except IntegrityError:
        # Another writer stored the same article between the look-up and the insert.
        known = _known(store, article, digest)
        if known is None:
            raise
        return known
    return IngestResult(article.id, "failed" if error else "ok", error, list(records))


_INSERT_ARTICLE = insert(articles).returning(articles.c.pk)

#: (article, its records, the extraction error or None) as a worker hands them back.
Extracted = tuple[Article, Sequence[dict[str, Any]], str | None]


def store_batch(store: Store, batch: Sequence[Extracted]) -> list[IngestResult]:
    """Store several extracted articles in one transaction (fewer commits: the batch is
    kept or lost whole); falls back to one transaction each if another writer races us."""
    digests = [content_hash(article.text) for article, _, _ in batch]
    with store.engine.connect() as conn:
        query = select(articles.c.id, articles.c.content_hash).where(
            articles.c.content_hash.in_(digests) | articles.c.id.in_([a.id for a, _, _ in batch]))
        taken = {value for row in conn.execute(query) for value in row}
    if any(article.id in taken or digest in taken for (article, _, _), digest in zip(batch, digests)):
        return [store_extracted(store, *item) for item in batch]
    results: list[IngestResult] = []
    seen: set[str] = set()
    now = _now()
    try:
        with _transaction(store) as conn:
            lock_merges(store, conn)
            for (article, records, error), digest in zip(batch, digests):
                if article.id in seen or digest in seen:
                    raise _Repeated
                seen.update((article.id, digest))
                article_pk = conn.execute(_INSERT_ARTICLE, dict(
                    id=article.id, content_hash=digest, raw=article.text, raw_format="text",
                    text=article.text, published=article.published, outlet=article.outlet,
                    url=article.url, title=article.title, status="failed" if error else "ok",
                    error=error, stored_at=now, extracted_at=now)).scalar_one()
                add_reports(store, conn, article_pk, records)
                results.append(IngestResult(article.id, "failed" if error else "ok", error, list(records)))
    except (IntegrityError, _Repeated):
        return [store_extracted(store, *item) for item in batch]
    return results


class _Repeated(Exception):
    """The same article twice in one batch: store the batch one article at a time."""


def stored_ids(store: Store, ids: Sequence[str]) -> set[str]:
    """Which of these article ids are stored already (to skip them on a resumed ingest)."""
    found: set[str] = set()
    with store.engine.connect() as conn:
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            found.update(conn.execute(select(articles.c.id).where(articles.c.id.in_(chunk))).scalars())
    return found


def _known(store: Store, article: Article, digest: str) -> IngestResult | None:
    with store.engine.connect() as conn:
        known = conn.execute(select(articles).where(
            (articles.c.content_hash == digest) | (articles.c.id == article.id))).first()
        if known is None:
            return None
        if known.content_hash != digest:
            return IngestResult(article.id, "failed", f"article id {article.id!r} is already "
                                "stored with other content: give this article another id")
        return IngestResult(known.id, known.status, known.error,
                            _article_reports(conn, known.pk), duplicate=True)


def reprocess(store: Store, extractor: Extractor, *, all_articles: bool = False) -> Iterator[IngestResult]:
    """Extract stored articles again (the failed ones, or all), replacing their reports and
    undoing the merges they took part in (the events they joined are re-clustered)."""
    query = select(articles).order_by(articles.c.pk)
    if not all_articles:
        query = query.where(articles.c.status == "failed")
    with store.engine.connect() as conn:
        stored = [_stored(row) for row in conn.execute(query)]
    for item in stored:
        records, error = extract_records(item.to_article(), extractor)
        with _transaction(store) as conn:
            lock_merges(store, conn)
            left = remove_reports(conn, item.pk)
            conn.execute(update(articles).where(articles.c.pk == item.pk).values(
                status="failed" if error else "ok", error=error, extracted_at=_now()))
            add_reports(store, conn, item.pk, records, also=left)
        yield IngestResult(item.id, "failed" if error else "ok", error, records)


def get_article(store: Store, article_id: str) -> StoredArticle | None:
    """The stored article with this id, or None."""
    with store.engine.connect() as conn:
        row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
    return _stored(row) if row is not None else None


@contextmanager
def _transaction(store: Store) -> Iterator[Connection]:
    """One write transaction; on failure the actor-key cache is dropped, as rows it knows of
    may have been rolled back."""
    try:
        with store.write_lock, store.engine.begin() as conn:
            yield conn
    except Exception:
        store.actor_pks.clear()
        raise


def extract_records(article: Article, extractor: Extractor) -> tuple[list[dict[str, Any]], str | None]:
    """The records of an article (dicts with their article and id set), or an error message."""
    try:
        found = extractor.extract_article(article)
    except ExtractionError as err:
        return [], str(err) or type(err).__name__
    except Exception as err:  # a coder bug must not lose the article: keep it, failed
        log.exception("extraction of article %s failed", article.id)
        return [], f"{type(err).__name__}: {err}"
    records = []
    for event in found:
        if event.article is None:
            event = event.with_(article=article)
        if not event.id:
            event = event.with_stable_id()
        records.append(event.to_dict())
    return records, None


def _article_reports(conn: Connection, article_pk: int) -> list[dict[str, Any]]:
    query = (select(event_reports.c.record).where(event_reports.c.article_pk == article_pk)
             .order_by(event_reports.c.pk))
    return [json.loads(record) for record in conn.execute(query).scalars()]


def _stored(row: Any) -> StoredArticle:
    return StoredArticle(
        pk=row.pk, id=row.id, content_hash=row.content_hash, status=row.status, error=row.error,
        text=row.text, raw=row.raw, raw_format=row.raw_format, published=row.published,
        outlet=row.outlet, url=row.url, title=row.title)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
