"""Batch ingest: stream articles from files, directories, feeds; extract them on an engine
(this process, local worker processes, or a Dask cluster); write each article and its
merged events to the store as it comes back.

    counts = ingest_stream(store, read_articles(paths), open_engine(settings, workers=4))

Articles already stored are skipped before extraction, so an interrupted run resumes where
it stopped. The articles that came back are stored a batch to a transaction (the
`write_batch` setting) and counted once it commits, so a crash loses at most the articles in
flight or waiting for their batch, never half of one and never one reported stored.
"""
from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..ingest import ReadFailure
from ..models import Article
from ..store import Store, stored_ids
from ..config import Settings
from ..store.writer import Extracted, store_batch
from .engines import DaskEngine, Engine, ProcessEngine, SerialEngine, open_engine
from .workers import build_extractor, extract_chunk, init_worker

log = logging.getLogger(__name__)

__all__ = [
    "DaskEngine", "Engine", "IngestCounts", "ProcessEngine", "SerialEngine", "build_extractor",
    "count_inputs", "extract_chunk", "ingest_stream", "init_worker", "open_engine",
]


@dataclass
class IngestCounts:
    """What a batch did: articles stored ok or failed, skipped, unreadable; events stored."""

    ok: int = 0
    failed: int = 0
    duplicate: int = 0
    unreadable: int = 0
    reports: int = 0
    words: int = 0
    messages: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.ok + self.failed + self.duplicate + self.unreadable


def ingest_stream(store: Store, items: Iterable[Article | ReadFailure], engine: Engine, *,
                  chunk_size: int = 16, in_flight: int | None = None, write_batch: int | None = None,
                  on_progress: Callable[[int], None] | None = None,
                  on_message: Callable[[str], None] | None = None) -> IngestCounts:
    """Extract and store every article of `items` (see the module docstring). At most
    `in_flight` chunks (default: two per worker) are out at once; the chunks that came back
    are stored, in the order they were sent, `write_batch` articles (default: the setting)
    to a transaction, and counted once committed."""
    counts = IngestCounts()
    window = in_flight or 2 * max(1, engine.workers)
    batch = write_batch or Settings.from_env().write_batch
    pending: deque[Any] = deque()
    ready: list[Extracted] = []
    say = on_message or (lambda message: None)
    tick = on_progress or (lambda n: None)

    def collect(wait: bool) -> None:
        # The chunks done at the head of the queue (the head itself, waited for, if `wait`).
        while pending and (wait or _done(pending[0])):
            ready.extend(pending.popleft().result())
            wait = False

    def write() -> None:
        for (article, records, _), result in zip(ready, store_batch(store, ready)):
            if result.duplicate:
                counts.duplicate += 1
            elif result.status == "ok":
                counts.ok += 1
                counts.reports += len(records)
                counts.words += len(article.text.split())
            else:
                counts.failed += 1
                say(f"{result.article_id}: {result.error}")
            tick(1)
        ready.clear()

    for chunk in _new_chunks(store, items, chunk_size, counts, say, tick):
        pending.append(engine.submit(chunk))
        collect(wait=len(pending) >= window)
        if len(ready) >= batch:
            write()
    while pending:
        collect(wait=True)
        if len(ready) >= batch:
            write()
    if ready:
        write()
    return counts


def _done(future: Any) -> bool:
    done = getattr(future, "done", None)
    return bool(done()) if callable(done) else False


def count_inputs(paths: Iterable[str]) -> int | None:
    """About how many articles the inputs hold (files, JSONL lines, feed entries), read
    without parsing, for the progress bar; None where a feed URL makes it unknown."""
    from pathlib import Path

    from ..ingest.feeds import FEED_SUFFIXES, is_feed_url
    from ..ingest.readers import SUFFIXES, walk_directory

    total = 0
    for given in paths:
        if is_feed_url(given):
            return None
        path = Path(given)
        files = walk_directory(path) if path.is_dir() else [path]
        for found in files:
            suffix = found.suffix.lower()
            if suffix not in SUFFIXES:
                continue
            if suffix == ".jsonl":
                with found.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            elif suffix in FEED_SUFFIXES:
                head = found.read_bytes()
                total += max(1, head.count(b"<item") + head.count(b"<entry"))
            else:
                total += 1
    return total


def _new_chunks(store: Store, items: Iterable[Article | ReadFailure], size: int,
                counts: IngestCounts, say: Callable[[str], None], tick: Callable[[int], None]
                ) -> Iterator[list[Article]]:
    """Chunks of articles not stored yet (the same content twice in one run is extracted
    twice and stored once: the writer checks again)."""
    batch: list[Article] = []

    def fresh(articles: list[Article]) -> list[Article]:
        done = stored_ids(store, [a.id for a in articles])
        for _ in range(sum(article.id in done for article in articles)):
            counts.duplicate += 1
            tick(1)
        return [article for article in articles if article.id not in done]

    for item in items:
        if isinstance(item, ReadFailure):
            counts.unreadable += 1
            say(f"cannot read {item.where}: {item.reason}")
            tick(1)
            continue
        batch.append(item)
        if len(batch) >= size:
            if keep := fresh(batch):
                yield keep
            batch = []
    if batch and (keep := fresh(batch)):
        yield keep
