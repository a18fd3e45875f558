"""Writing to the store: each article raw first, then its events, in one transaction per
article; the same content twice is stored once; a failed extraction is kept to be retried."""
from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..errors import ExtractionError
from ..models import Article, Event
from .schema import actors, articles, event_actors, events

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
    (same content hash) is not extracted again and its stored events are returned."""
    raw_content = raw if raw is not None else article.text
    digest = content_hash(raw_content)
    known = _known(store, article.id, digest)
    if known is not None:
        return known
    records, error = _extract(article, extractor)
    now = _now()
    try:
        with _transaction(store) as conn:
            article_pk = conn.execute(insert(articles).values(
                id=article.id, content_hash=digest, raw=raw_content, raw_format=raw_format,
                text=article.text, published=article.published, outlet=article.outlet,
                url=article.url, title=article.title, status="failed" if error else "ok",
                error=error, stored_at=now, extracted_at=now,
            ).returning(articles.c.pk)).scalar_one()
            insert_event_records(store, conn, article_pk, records)
    except IntegrityError:
        # A concurrent writer stored the same article (or id) between the check and the
        # insert; its transaction won, this one rolled back whole: answer as a duplicate.
        known = _known(store, article.id, digest)
        if known is None:
            raise
        return known
    return IngestResult(article.id, "failed" if error else "ok", error, records)


def _known(store: Store, article_id: str, digest: str) -> IngestResult | None:
    """The result for an article already stored with this content or this id, or None."""
    with store.engine.connect() as conn:
        known = conn.execute(select(articles).where(
            (articles.c.content_hash == digest) | (articles.c.id == article_id))).first()
        if known is None:
            return None
        if known.content_hash != digest:
            return IngestResult(article_id, "failed", f"article id {article_id!r} is already "
                                "stored with other content: give this article another id")
        return IngestResult(known.id, known.status, known.error,
                            _article_events(conn, known.pk), duplicate=True)


def reprocess(store: Store, extractor: Extractor, *, all_articles: bool = False) -> Iterator[IngestResult]:
    """Extract stored articles again (the failed ones, or all), replacing their events."""
    query = select(articles).order_by(articles.c.pk)
    if not all_articles:
        query = query.where(articles.c.status == "failed")
    with store.engine.connect() as conn:
        stored = [_stored(row) for row in conn.execute(query)]
    for item in stored:
        records, error = _extract(item.to_article(), extractor)
        with _transaction(store) as conn:
            conn.execute(delete(events).where(events.c.article_pk == item.pk))
            conn.execute(update(articles).where(articles.c.pk == item.pk).values(
                status="failed" if error else "ok", error=error, extracted_at=_now()))
            insert_event_records(store, conn, item.pk, records)
        yield IngestResult(item.id, "failed" if error else "ok", error, records)


def get_article(store: Store, article_id: str) -> StoredArticle | None:
    """The stored article with this id, or None."""
    with store.engine.connect() as conn:
        row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
    return _stored(row) if row is not None else None


def insert_event_records(store: Store, conn: Connection, article_pk: int,
                         records: Sequence[dict[str, Any]]) -> None:
    """Insert event records (dicts of spec/event-record.md) and link their actors."""
    unique = list({record["id"]: record for record in records}.values())
    if not unique:
        return
    rows = [_event_row(article_pk, record) for record in unique]
    pks = conn.execute(insert(events).returning(events.c.pk, sort_by_parameter_order=True),
                       rows).scalars().all()
    links = []
    for event_pk, record in zip(pks, unique, strict=True):
        for role in ("actor", "recipient"):
            for actor_pk in dict.fromkeys(_actor_pk(store, conn, e) for e in record.get(role) or []):
                links.append({"event_pk": event_pk, "actor_pk": actor_pk, "role": role})
    if links:
        conn.execute(insert(event_actors), links)


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


def _extract(article: Article, extractor: Extractor) -> tuple[list[dict[str, Any]], str | None]:
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


def _event_row(article_pk: int, record: dict[str, Any]) -> dict[str, Any]:
    place = record.get("event_loc") or {}
    return {
        "id": record["id"], "article_pk": article_pk, "category": record["event"],
        "mode": record.get("mode"), "cameo": record.get("cameo"),
        "acled_type": record.get("acled_event_type"),
        "acled_sub_type": record.get("acled_sub_event_type"),
        "date": _day(record.get("date")), "enddate": _day(record.get("enddate")),
        "country_code": place.get("country_code"), "admin1": place.get("admin1"),
        "lat": place.get("lat"), "lon": place.get("lon"), "dead": record.get("dead"),
        "text": record.get("text") or "", "record": json.dumps(record, ensure_ascii=False),
    }


def _actor_pk(store: Store, conn: Connection, entity: dict[str, Any]) -> int:
    values = {"entity_text": entity.get("entity_text") or "", "name": entity.get("name"),
              "code": entity.get("code"), "sector": entity.get("sector")}
    key = hashlib.sha1(json.dumps(list(values.values())).encode("utf-8")).hexdigest()
    if key in store.actor_pks:
        return store.actor_pks[key]
    dialect_insert = pg_insert if store.backend == "postgresql" else sqlite_insert
    conn.execute(dialect_insert(actors).values(key=key, **values).on_conflict_do_nothing())
    pk = conn.execute(select(actors.c.pk).where(actors.c.key == key)).scalar_one()
    store.actor_pks[key] = pk
    return pk


def _article_events(conn: Connection, article_pk: int) -> list[dict[str, Any]]:
    query = select(events.c.record).where(events.c.article_pk == article_pk).order_by(events.c.pk)
    return [json.loads(record) for record in conn.execute(query).scalars()]


def _stored(row: Any) -> StoredArticle:
    return StoredArticle(
        pk=row.pk, id=row.id, content_hash=row.content_hash, status=row.status, error=row.error,
        text=row.text, raw=row.raw, raw_format=row.raw_format, published=row.published,
        outlet=row.outlet, url=row.url, title=row.title)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
