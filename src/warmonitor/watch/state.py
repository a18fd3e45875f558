"""What the watcher remembers, in the store (tables of migration 0007): each source's last
poll, its validators and when it is due; each URL it was led to, claimed by one watcher at
a time and settled once, so nothing is fetched or coded twice, across restarts and across
watchers sharing a PostgreSQL store.

A URL is `pending` when found, `claimed` while a watcher works on it, then `done`,
`duplicate` or `failed` in the transaction that stores its article (or says why not). A
claim whose watcher died (a process of this host that is gone) or went silent for
`claim_timeout` seconds is taken over by the next round.
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..store.schema import watch_sources, watch_urls

if TYPE_CHECKING:
    from ..store import Store
    from .sources import Source

#: A URL failing for a passing reason (timeout, 5xx) is tried this many times in all.
MAX_ATTEMPTS = 3
_PROBLEMS_KEPT = 50


def now() -> datetime:
    """The store's clock: naive UTC, as articles.stored_at."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


_TOKEN = secrets.token_hex(4)


def watcher_id() -> str:
    """Who holds a claim: this host, process, and a token of this process's life."""
    return f"{socket.gethostname()[:80]}:{os.getpid()}:{_TOKEN}"


def url_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SourceState:
    """A source's row: validators, schedule and counts."""

    name: str
    url: str
    etag: str | None
    last_modified: str | None
    next_due_at: datetime | None


@dataclass(frozen=True)
class Claim:
    """A URL this watcher holds."""

    pk: int
    url: str
    source: str
    title: str | None
    published: date | None
    attempts: int


def sync_sources(store: Store, sources: Sequence[Source]) -> dict[str, SourceState]:
    """Make sure every source has its row (a changed URL forgets the old validators)."""
    missing: list[tuple[str, dict[str, Any]]] = []
    with store.write_lock, store.engine.begin() as conn:
        rows = {row.name: row for row in conn.execute(
            select(watch_sources).where(watch_sources.c.name.in_([s.name for s in sources])))}
        for source in sources:
            row = rows.get(source.name)
            values = {"url": source.url, "kind": source.kind, "outlet": source.outlet}
            if row is None:
                missing.append((source.name, values))
            elif row.url != source.url or row.kind != source.kind or row.outlet != source.outlet:
                if row.url != source.url:
                    values.update(etag=None, last_modified=None, next_due_at=None)
                conn.execute(update(watch_sources).where(watch_sources.c.name == source.name).values(**values))
    for name, values in missing:
        try:
            with store.write_lock, store.engine.begin() as conn:
                conn.execute(insert(watch_sources).values(name=name, polls=0, failed_polls=0, entries=0,
                                                          new_articles=0, last_new=0, failed_pages=0, **values))
        except IntegrityError:  # another watcher added it meanwhile
            pass
    with store.engine.connect() as conn:
        found = conn.execute(select(watch_sources).where(
            watch_sources.c.name.in_([s.name for s in sources])))
        return {row.name: SourceState(row.name, row.url, row.etag, row.last_modified, row.next_due_at)
                for row in found}


def record_poll(store: Store, source: Source, *, result: str, error: str | None = None,
                entries: Sequence[tuple[str, str | None, date | None]] = (), etag: str | None = None,
                last_modified: str | None = None, problems: Sequence[str] = ()) -> int:
    """Store a poll: its new URLs (pending) and the source's result, validators and next due
    time, in one transaction (validators saved only with the entries they led to). Returns
    how many URLs were new."""
    stamp = now()
    added = 0
    with store.write_lock, store.engine.begin() as conn:
        if entries:
            keys = [url_key(url) for url, _, _ in entries]
            known = set(conn.execute(select(watch_urls.c.url_key).where(watch_urls.c.url_key.in_(keys))).scalars())
            for key, (url, title, published) in zip(keys, entries):
                if key in known:
                    continue
                known.add(key)
                # Another watcher may add the same URL meanwhile: theirs stands.
                added += conn.execute(_insert_new(store).values(
                    url_key=key, url=url, source=source.name, status="pending", title=title,
                    published=published, attempts=0, first_seen_at=stamp)
                    .on_conflict_do_nothing(index_elements=["url_key"])).rowcount
        values: dict[str, Any] = dict(
            last_poll_at=stamp, last_result=result, last_error=error,
            problems=json.dumps(list(problems)[:_PROBLEMS_KEPT]) if problems else None,
            next_due_at=stamp + timedelta(seconds=source.interval),
            polls=watch_sources.c.polls + 1, entries=watch_sources.c.entries + len(entries),
            last_new=0)
        if result == "error":
            values["failed_polls"] = watch_sources.c.failed_polls + 1
        if result == "ok":
            values.update(etag=etag, last_modified=last_modified)
        conn.execute(update(watch_sources).where(watch_sources.c.name == source.name).values(**values))
    return added


def _insert_new(store: Store) -> Any:
    """INSERT that can skip a row already there, in the store's dialect."""
    if store.backend == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(watch_urls)


def candidates(store: Store, source_names: Sequence[str], *, claim_timeout: float) -> list[Any]:
    """The URLs of these sources waiting for a watcher: pending, or claimed by a watcher that
    died (a process of this host that is gone) or went silent for `claim_timeout` seconds."""
    stale_before = now() - timedelta(seconds=claim_timeout)
    with store.engine.connect() as conn:
        rows = list(conn.execute(
            select(watch_urls).where(watch_urls.c.source.in_(list(source_names)),
                                     watch_urls.c.status.in_(("pending", "claimed")))
            .order_by(watch_urls.c.pk)))
    return [row for row in rows if row.status == "pending" or _abandoned(row, stale_before)]


def claim(store: Store, row: Any) -> Claim | None:
    """Claim a candidate URL (compare and set: only if nobody changed it since it was read);
    None when another watcher took it first."""
    same = and_(watch_urls.c.pk == row.pk, watch_urls.c.status == row.status,
                watch_urls.c.attempts == row.attempts,
                watch_urls.c.claimed_by.is_(None) if row.claimed_by is None
                else watch_urls.c.claimed_by == row.claimed_by)
    with store.write_lock, store.engine.begin() as conn:
        done = conn.execute(update(watch_urls).where(same).values(
            status="claimed", claimed_by=watcher_id(), claimed_at=now(), attempts=row.attempts + 1))
    if done.rowcount != 1:
        return None
    return Claim(row.pk, row.url, row.source, row.title, row.published, row.attempts + 1)


def _held(claim: Claim) -> Any:
    """The row of a claim while it is still claimed (never undo a settled URL)."""
    return and_(watch_urls.c.pk == claim.pk, watch_urls.c.status == "claimed")


def _abandoned(row: Any, stale_before: datetime) -> bool:
    if row.claimed_at is None or row.claimed_at < stale_before:
        return True
    host, pid, token = ((row.claimed_by or "").rsplit(":", 2) + ["", "", ""])[:3]
    if host != socket.gethostname()[:80] or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return token != _TOKEN  # this process's pid, from an earlier life of the pid
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def settle(conn: Connection, claim: Claim, *, status: str, content_hash: str | None = None,
           article_id: str | None = None, error: str | None = None) -> None:
    """Settle a claimed URL inside the caller's transaction (the one storing its article);
    a new article counts for its source."""
    changed = conn.execute(update(watch_urls).where(_held(claim)).values(
        status=status, content_hash=content_hash, article_id=article_id, error=error,
        claimed_by=None, done_at=now()))
    if changed.rowcount != 1:  # settled already (by this watcher, or one that took it over)
        return
    if status == "done":
        conn.execute(update(watch_sources).where(watch_sources.c.name == claim.source).values(
            new_articles=watch_sources.c.new_articles + 1, last_new=watch_sources.c.last_new + 1))
    elif status == "failed":
        conn.execute(update(watch_sources).where(watch_sources.c.name == claim.source).values(
            failed_pages=watch_sources.c.failed_pages + 1))


def settle_alone(store: Store, claim: Claim, **values: Any) -> None:
    """Settle a URL in a transaction of its own (nothing stored with it)."""
    with store.write_lock, store.engine.begin() as conn:
        settle(conn, claim, **values)


def unclaim(store: Store, claim: Claim) -> None:
    """Give a URL back untouched (the watcher is stopping)."""
    with store.write_lock, store.engine.begin() as conn:
        conn.execute(update(watch_urls).where(_held(claim)).values(
            status="pending", claimed_by=None, claimed_at=None, attempts=claim.attempts - 1))


def release(store: Store, claim: Claim, *, error: str) -> str:
    """Give a URL that failed for a passing reason back (pending), or fail it for good after
    MAX_ATTEMPTS tries; the status it has now."""
    if claim.attempts >= MAX_ATTEMPTS:
        settle_alone(store, claim, status="failed", error=f"{error} (after {claim.attempts} tries)")
        return "failed"
    with store.write_lock, store.engine.begin() as conn:
        conn.execute(update(watch_urls).where(_held(claim)).values(
            status="pending", claimed_by=None, claimed_at=None, error=error))
    return "pending"


def add_problems(store: Store, name: str, problems: Sequence[str]) -> None:
    """Add the page failures of a round to the source's reasons shown by GET /sources."""
    if not problems:
        return
    with store.write_lock, store.engine.begin() as conn:
        old = conn.execute(select(watch_sources.c.problems).where(watch_sources.c.name == name)).scalar()
        kept = (json.loads(old) if old else []) + list(problems)
        conn.execute(update(watch_sources).where(watch_sources.c.name == name).values(
            problems=json.dumps(kept[-_PROBLEMS_KEPT:])))


def list_sources(store: Store) -> list[dict[str, Any]]:
    """Every source's row as GET /sources shows it, by name."""
    pending = (select(watch_urls.c.source, watch_urls.c.status).where(
        or_(watch_urls.c.status == "pending", watch_urls.c.status == "claimed")))
    with store.engine.connect() as conn:
        rows = list(conn.execute(select(watch_sources).order_by(watch_sources.c.name)))
        waiting: dict[str, int] = {}
        for source, _ in conn.execute(pending):
            waiting[source] = waiting.get(source, 0) + 1
    return [{
        "name": row.name, "url": row.url, "kind": row.kind, "outlet": row.outlet,
        "last_poll": _iso(row.last_poll_at), "last_result": row.last_result,
        "last_error": row.last_error, "errors": json.loads(row.problems) if row.problems else [],
        "next_due": _iso(row.next_due_at), "polls": row.polls, "failed_polls": row.failed_polls,
        "new_articles": row.new_articles, "last_new": row.last_new,
        "failed_pages": row.failed_pages, "waiting": waiting.get(row.name, 0),
    } for row in rows]


def _iso(stamp: datetime | None) -> str | None:
    return stamp.replace(tzinfo=timezone.utc).isoformat() if stamp else None
