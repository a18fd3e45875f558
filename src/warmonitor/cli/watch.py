"""`warmonitor watch`: poll news sources, follow their new links, code and store the pages.
A thin layer over warmonitor.watch."""
from __future__ import annotations

import logging
import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..config import Settings
from ..errors import WarmonitorError
from .store_options import DB_HELP, open_store, settings_for

if TYPE_CHECKING:
    from ..store import Store
    from ..watch import RoundReport, WatchThread


@click.command("watch")
@click.argument("sources", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--feed", "feeds", multiple=True, metavar="URL",
              help="An RSS/Atom feed to watch (repeatable); with or without SOURCES.")
@click.option("--db", envvar="WARMONITOR_DB", help=DB_HELP)
@click.option("--once", is_flag=True, help="One round of every source now, then exit (for cron or CI).")
@click.option("--workers", type=click.IntRange(min=1), help="Pages fetched and coded at once "
              "(more than 1: coding in worker processes). Default: the file's, else 1.")
@click.option("--contact", envvar="WARMONITOR_CONTACT",
              help="Sent in the User-Agent so sites can reach you (an e-mail or URL).")
@click.option("--host-delay", type=click.FloatRange(min=0), help="Seconds between two requests to one host.")
@click.option("--allow-private", is_flag=True, help="Let --feed URLs be on private or loopback addresses.")
@click.option("-v", "--verbose", is_flag=True, help="A line per source each round, and the log of each page.")
def watch(sources: Path | None, feeds: tuple[str, ...], db: str | None, once: bool, workers: int | None,
          contact: str | None, host_delay: float | None, allow_private: bool, verbose: bool) -> None:
    """Watch RSS/Atom feeds and listing pages (SOURCES.yaml, or --feed URL): poll each on
    its interval with conditional GET, follow each new entry to its page, extract and code
    it, and store it with its events as `ingest` does (merged across outlets).

    Remembers every URL in the store, so nothing is fetched or coded twice across restarts.
    Without --once, runs until stopped (Ctrl-C), a progress line a round.
    """
    from ..watch import build_watcher, read_sources

    if verbose:
        logging.getLogger("warmonitor.watch").setLevel(logging.INFO)
    settings = settings_for(db)
    try:
        source_file = read_sources(sources, feeds, contact=contact, host_delay=host_delay,
                                   workers=workers, allow_private=allow_private)
        store = open_store(settings)
        watcher = build_watcher(store, source_file, settings)
    except WarmonitorError as exc:
        raise click.ClickException(str(exc)) from exc

    def show(report: RoundReport) -> None:
        click.echo(f"warmonitor watch: {report.summary()}", err=True)
        if verbose:
            for item in report.sources.values():
                if item.result == "not due":
                    continue
                click.echo(f"  {item.name}: {item.result}, {item.new_links} new links, "
                           f"{item.stored} stored ({item.events} events)", err=True)
                for problem in item.problems:
                    click.echo(f"    {problem}", err=True)

    try:
        if once:
            show(watcher.run_round())
            return
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        click.echo(f"warmonitor watch: {len(source_file.sources)} sources; Ctrl-C stops", err=True)
        watcher.run(stop, on_round=show)
    finally:
        watcher.engine.close()
        watcher.close()


def start_watching(store: Store, sources: Path, settings: Settings) -> WatchThread:
    """The watcher of `serve --watch`, started in a thread over the API's store."""
    from ..watch import WatchThread, build_watcher, read_sources

    try:
        watcher = build_watcher(store, read_sources(sources), settings)
    except WarmonitorError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"warmonitor watching {len(watcher.sources)} sources of {sources}", err=True)
    return WatchThread(watcher, on_round=lambda report: click.echo(
        f"warmonitor watch: {report.summary()}", err=True)).start()
