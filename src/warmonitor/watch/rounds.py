"""The watcher's round: poll the due sources, follow their new links, code and store each
page through the path `warmonitor ingest` takes (the store's writer, with the merge of one
event told by many outlets), and remember every URL settled in the same transaction.

    watcher = Watcher(store, load_sources(path), engine)
    report = watcher.run_round()             # one round: every source now (--once)
    watcher.run(stop_event, on_round=print)  # rounds until stopped, each source on its interval

A bad source or page never stops the round: its reason goes to the log, to the round's
report and to the store (GET /sources).
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from ..models import Article
from ..store.writer import content_hash, store_extracted
from . import state
from .fetcher import Fetcher, FetchError
from .pages import Entry, PageError, article_of_page, read_feed_entries, read_listing_links
from .sources import Source, SourceFile

if TYPE_CHECKING:
    from ..batch import Engine
    from ..store import Store

log = logging.getLogger(__name__)

_FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
_PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_ID_LIMIT = 200


@dataclass
class SourceReport:
    """What one source gave in a round."""

    name: str
    result: str = "not due"
    new_links: int = 0
    stored: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)
    #: The problems of its pages (also in `problems`), added to the source's row at the end.
    page_problems: list[str] = field(default_factory=list)


@dataclass
class RoundReport:
    """What a round did, per source, with the seconds spent in each stage."""

    sources: dict[str, SourceReport] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(
        ("fetch", "extract", "code", "store"), 0.0))
    started: float = field(default_factory=time.monotonic)
    elapsed: float = 0.0

    def total(self, name: str) -> int:
        return sum(getattr(report, name) for report in self.sources.values())

    def summary(self) -> str:
        """The progress line of a round."""
        polled = sum(r.result != "not due" for r in self.sources.values())
        failing = sum(r.result == "error" for r in self.sources.values())
        problems = sum(len(r.problems) for r in self.sources.values())
        return (f"polled {polled} of {len(self.sources)} sources ({failing} failing): "
                f"{self.total('new_links')} new links, {self.total('stored')} articles stored "
                f"({self.total('events')} events), {problems} problems, in {self.elapsed:.1f} s")


class Watcher:
    """Rounds over a set of sources, storing into `store`, coding on `engine` (the batch
    engines of `warmonitor ingest`: this process, or worker processes)."""

    def __init__(self, store: Store, source_file: SourceFile, engine: Engine, *,
                 fetcher: Fetcher | None = None, languages: Iterable[str] = ("en",)) -> None:
        self.store = store
        self.sources = {source.name: source for source in source_file.sources}
        self.settings = source_file.settings
        self.engine = engine
        self.fetcher = fetcher or Fetcher(self.settings)
        self.languages = set(languages)
        self.workers = max(1, self.settings.workers, getattr(engine, "workers", 1))
        self._lock = threading.Lock()

    def close(self) -> None:
        self.fetcher.close()

    def run(self, stop: threading.Event, *, on_round: Callable[[RoundReport], None] | None = None,
            idle: float = 1.0) -> None:
        """Rounds until `stop` is set: each polls the sources that are due, then waits until
        the next one is (at most `idle` seconds between looks at the schedule)."""
        while not stop.is_set():
            try:
                report = self.run_round(due_only=True, stop=stop)
            except Exception:  # the store away for a moment: the next look tries again
                log.exception("the round failed; trying again in %.0f s", idle)
            else:
                if on_round is not None and any(r.result != "not due" for r in report.sources.values()):
                    on_round(report)
            stop.wait(idle)

    def run_round(self, *, due_only: bool = False, stop: threading.Event | None = None) -> RoundReport:
        """One round: every source (or, with `due_only`, those due), then every link waiting,
        including those a killed watcher left claimed."""
        report = RoundReport()
        known = state.sync_sources(self.store, list(self.sources.values()))
        current = state.now()
        due = [source for name, source in self.sources.items()
               if not due_only or known[name].next_due_at is None or known[name].next_due_at <= current]
        for name in self.sources:
            report.sources[name] = SourceReport(name)
        with ThreadPoolExecutor(self.workers, thread_name_prefix="watch") as pool:
            list(pool.map(lambda source: self._guarded(self._poll, source, known[source.name], report), due))
            polled = {source.name for source in due}
            # A link that failed for a passing reason waits for its source's next poll.
            waiting = [row for row in state.candidates(self.store, list(self.sources),
                                                       claim_timeout=self.settings.claim_timeout)
                       if row.source in polled or row.attempts == 0 or row.status == "claimed"]
            list(pool.map(lambda row: self._guarded(self._follow, row, report, stop), waiting))
        for name, source_report in report.sources.items():
            state.add_problems(self.store, name, source_report.page_problems)
        report.elapsed = time.monotonic() - report.started
        return report

    def _guarded(self, step: Callable[..., None], *args: object) -> None:
        """A step of the round whose unforeseen failure (a bug, a parser crash) is logged and
        leaves the rest of the round going; a link it held is retried, up to its last try."""
        try:
            step(*args)
        except Exception:
            log.exception("%s failed", step.__name__)

    def _poll(self, source: Source, known: state.SourceState, report: RoundReport) -> None:
        out = report.sources[source.name]
        if source.language not in self.languages:
            reason = (f"language {source.language!r} is not one the coder reads "
                      f"({', '.join(sorted(self.languages))}; WARMONITOR_LANGUAGES)")
            self._failed_poll(source, out, reason)
            return
        started = time.monotonic()
        try:
            fetched = self.fetcher.get(source.url, allow_private=source.allow_private, etag=known.etag,
                                       last_modified=known.last_modified,
                                       accept=_FEED_ACCEPT if source.kind == "feed" else _PAGE_ACCEPT)
            self._add_time(report, "fetch", time.monotonic() - started)
            if fetched.not_modified:
                out.result = "not modified"
                state.record_poll(self.store, source, result="not modified")
                log.info("%s: not modified", source.name)
                return
            listing = (read_feed_entries(fetched) if source.kind == "feed"
                       else read_listing_links(fetched, follow=source.follow))
        except (FetchError, PageError) as exc:
            self._failed_poll(source, out, str(exc))
            return
        out.result = "ok"
        out.problems.extend(listing.problems)
        for problem in listing.problems:
            log.warning("%s: %s", source.name, problem)
        entries = [(entry.url, entry.title, entry.published) for entry in listing.entries]
        out.new_links = state.record_poll(self.store, source, result="ok", entries=entries,
                                          etag=fetched.etag, last_modified=fetched.last_modified,
                                          problems=listing.problems)
        log.info("%s: %d entries, %d new", source.name, len(entries), out.new_links)

    def _failed_poll(self, source: Source, out: SourceReport, reason: str) -> None:
        out.result = "error"
        out.problems.append(reason)
        log.warning("%s: %s (%s)", source.name, reason, source.url)
        state.record_poll(self.store, source, result="error", error=reason)

    def _follow(self, row: object, report: RoundReport, stop: threading.Event | None) -> None:
        """Claim, fetch, extract, code and store one link; its fate settled with it."""
        if stop is not None and stop.is_set():
            return
        claim = state.claim(self.store, row)
        if claim is None:  # another watcher took it
            return
        try:
            self._fetch_and_store(claim, report, stop)
        except Exception as exc:
            state.release(self.store, claim, error=f"unexpected {type(exc).__name__}: {exc}")
            raise

    def _fetch_and_store(self, claim: state.Claim, report: RoundReport, stop: threading.Event | None) -> None:
        source = self.sources[claim.source]
        out = report.sources[claim.source]
        started = time.monotonic()
        try:
            fetched = self.fetcher.get(claim.url, allow_private=source.allow_private, accept=_PAGE_ACCEPT)
            fetched_at = time.monotonic()
            self._add_time(report, "fetch", fetched_at - started)
            article = article_of_page(fetched, Entry(claim.url, claim.title, claim.published),
                                      article_id=article_id(claim.url), outlet=source.outlet)
            self._add_time(report, "extract", time.monotonic() - fetched_at)
        except FetchError as exc:
            if not exc.transient:
                self._failed_page(claim, out, exc.reason)
            elif state.release(self.store, claim, error=exc.reason) == "pending":
                self._problem(claim, out, f"{exc.reason}; tried again next round "
                                          f"(try {claim.attempts} of {state.MAX_ATTEMPTS})")
            else:
                self._problem(claim, out, f"{exc.reason} (after {claim.attempts} tries)")
            return
        except PageError as exc:
            self._failed_page(claim, out, str(exc))
            return
        if stop is not None and stop.is_set():
            state.unclaim(self.store, claim)
            return
        self._code_and_store(claim, article, out, report)

    def _code_and_store(self, claim: state.Claim, article: Article, out: SourceReport,
                        report: RoundReport) -> None:
        """Code on the engine, then store the article, its events and the URL's settling in
        one transaction (the writer of `warmonitor ingest`, merging across outlets)."""
        coding = time.monotonic()
        (_, records, error), = self.engine.submit([article]).result()
        storing = time.monotonic()
        self._add_time(report, "code", storing - coding)
        digest = content_hash(article.text)
        settled: list[bool] = []

        def settle(conn: Connection) -> None:
            state.settle(conn, claim, status="done", content_hash=digest, article_id=article.id, error=error)
            settled.append(True)

        result = store_extracted(self.store, article, records, error, then=settle)
        self._add_time(report, "store", time.monotonic() - storing)
        if not (settled and not result.duplicate and result.error == error):
            # Stored before (the same text at another URL, or by another watcher), or refused.
            status = "duplicate" if result.duplicate else "failed"
            state.settle_alone(self.store, claim, status=status, content_hash=digest,
                               article_id=result.article_id, error=None if result.duplicate else result.error)
            log.info("%s: %s: %s", claim.source, claim.url,
                     f"an article stored already ({result.article_id})" if result.duplicate else result.error)
            return
        with self._lock:
            out.stored += 1
            out.events += len(records)
        if error:
            self._problem(claim, out, f"stored, but coding failed: {error}")
        log.info("%s: stored %s (%d events)", claim.source, claim.url, len(records))

    def _failed_page(self, claim: state.Claim, out: SourceReport, reason: str) -> None:
        state.settle_alone(self.store, claim, status="failed", error=reason)
        self._problem(claim, out, reason)

    def _problem(self, claim: state.Claim, out: SourceReport, reason: str) -> None:
        problem = f"{claim.url}: {reason}"
        with self._lock:
            out.problems.append(problem)
            out.page_problems.append(problem)
        log.warning("%s: %s", claim.source, problem)

    def _add_time(self, report: RoundReport, stage: str, seconds: float) -> None:
        with self._lock:
            report.seconds[stage] += seconds


def article_id(url: str) -> str:
    """The stored article's id: its URL, or, past the id column's 200 characters, a prefix
    and the URL's hash."""
    if len(url) <= _ID_LIMIT:
        return url
    return url[:_ID_LIMIT - 65] + "#" + state.url_key(url)
