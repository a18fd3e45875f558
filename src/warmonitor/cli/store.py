"""The store's commands: `ingest`, `reprocess`, `export` and `serve`, added to the main
click group by `register(group)`. A thin layer: the work is in warmonitor.store, .export, .api."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from ..config import Settings
from ..errors import WarmonitorError
from .options import country_option, iso_date
from .store_options import DB_HELP, event_filter_of, filter_options, open_store, settings_for

if TYPE_CHECKING:
    from ..store.writer import Extractor


def load_pipeline(settings: Settings) -> Extractor:
    """The extractor `settings.extractor` names: the pipeline unless $WARMONITOR_EXTRACTOR
    says otherwise (a seam the tests replace with a fake)."""
    from ..batch import build_extractor

    return build_extractor(settings)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", envvar="WARMONITOR_DB", help=DB_HELP)
@click.option("--published", callback=iso_date, help="Publication date where the input gives none.")
@click.option("--outlet", help="The outlet where the input gives none.")
@click.option("--country", callback=country_option, envvar="WARMONITOR_COUNTRY",
              help="The country the batch is about (ISO code, e.g. SY): a national feed's place names lean there.")
@click.option("--workers", type=click.IntRange(min=0), default=0, show_default=True,
              help="Extraction processes (0: one per core; 1: in this process). With "
                   "--engine dask and no --address, the local cluster's worker count.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: local processes, or a Dask cluster.")
@click.option("--address", help="Dask scheduler address (tcp://HOST:8786); without it "
                                "--engine dask starts a local cluster.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Articles sent to a worker at a time.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: when stderr is a terminal).")
def ingest(paths: tuple[str, ...], db: str | None, published: date | None, outlet: str | None,
           country: str | None, workers: int, engine: str, address: str | None, chunk_size: int,
           progress: bool | None) -> None:
    """Extract events from .txt, .html, .jsonl, RSS/Atom (.rss, .atom, .xml) files, folders
    of them and feed URLs, and store articles and events (merged across articles).

    Each article is stored raw with its events in one transaction; an article already
    stored is skipped without extraction, so an interrupted run picks up where it stopped;
    one whose extraction fails is stored as failed (see `reprocess`).
    """
    import os
    import sys

    from tqdm import tqdm

    from ..batch import count_inputs, ingest_stream, open_engine
    from ..ingest import read_articles
    from ..ingest.feeds import is_feed_url

    missing = [p for p in paths if not is_feed_url(p) and not Path(p).exists()]
    if missing:
        raise click.BadParameter(f"no such file or directory: {', '.join(missing)}", param_hint="PATHS")
    settings = replace(settings_for(db), country=country)
    store = open_store(settings)
    workers = workers or (os.cpu_count() or 1)
    try:
        extractor = load_pipeline(settings) if engine == "local" and workers == 1 else None
        runner = open_engine(settings, engine=engine, workers=workers, address=address,
                             extractor=extractor)
    except WarmonitorError as exc:
        raise click.ClickException(str(exc)) from exc
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(total=count_inputs(paths) if show else None, unit="article", file=sys.stderr,
               disable=not show, smoothing=0.1, dynamic_ncols=True)
    try:
        counts = ingest_stream(store, read_articles(paths, published=published, outlet=outlet),
                               runner, chunk_size=chunk_size, write_batch=settings.write_batch,
                               on_progress=bar.update,
                               on_message=lambda m: bar.write(f"warmonitor: {m}", file=sys.stderr))
    except WarmonitorError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        bar.close()
        runner.close()
    click.echo(f"stored {counts.ok} articles ({counts.reports} events); {counts.failed} failed, "
               f"{counts.duplicate} already stored, {counts.unreadable} unreadable; "
               f"{store.counts()['events']} events in the store after merging", err=True)


@click.command("reprocess")
@click.option("--db", envvar="WARMONITOR_DB", help=DB_HELP)
@click.option("--all", "all_articles", is_flag=True, help="Every stored article, not only failed ones.")
def reprocess(db: str | None, all_articles: bool) -> None:
    """Extract stored articles again: those that failed, or all of them with --all (after an
    upgrade of the coder). Their old events are replaced."""
    from ..store import reprocess as reprocess_articles

    settings = settings_for(db)
    store = open_store(settings)
    done = failed = 0
    for result in reprocess_articles(store, load_pipeline(settings), all_articles=all_articles):
        done += 1
        if result.status == "failed":
            failed += 1
            click.echo(f"warmonitor: {result.article_id}: {result.error}", err=True)
    click.echo(f"reprocessed {done} articles; {failed} failed", err=True)


@click.command("export")
@click.option("--db", envvar="WARMONITOR_DB", help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "acled-csv", "geojson", "plover"]),
              default="jsonl", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Write here (default: stdout).")
@filter_options
def export(db: str | None, fmt: str, output: IO[str], **filters: Any) -> None:
    """Write stored events as JSON Lines, ACLED-style CSV, GeoJSON or PLOVER JSON, filtered
    like GET /events."""
    from ..store.export import write_export
    from ..store.queries import iter_events

    try:
        flt = event_filter_of(filters)
        store = open_store(settings_for(db))
        count = write_export(iter_events(store, flt), output, fmt=fmt)
    except WarmonitorError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"exported {count} events", err=True)


@click.command("serve")
@click.option("--db", envvar="WARMONITOR_DB", help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--watch", "sources", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Watch the sources of this file beside the API (as `warmonitor watch` does); "
                   "the map shows their new events as they come.")
def serve(db: str | None, host: str, port: int, sources: Path | None) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs) and the web map at / with uvicorn.
    Writing (POST /articles) needs $WARMONITOR_TOKEN. With --watch SOURCES.yaml a watcher
    runs in the background, stopped with the server."""
    import uvicorn

    from ..api import create_app

    settings = settings_for(db)
    store = open_store(settings)
    app = create_app(settings, store=store)
    if sources:
        from .watch import start_watching

        watching = start_watching(store, sources, settings)
    else:
        watching = None
    click.echo(f"warmonitor serving {_safe_url(settings.database_url)} on http://{host}:{port}/", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info", **server_limits(settings))
    finally:
        if watching is not None:
            watching.stop()


def _safe_url(url: str) -> str:
    """The database URL with any password masked, fit to print."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("@")[-1] if "@" in url else url


def server_limits(settings: Settings) -> dict[str, int]:
    """uvicorn's guards: open connections, idle keep-alive seconds, bytes of request headers."""
    return {"limit_concurrency": settings.max_connections, "timeout_keep_alive": 5,
            "h11_max_incomplete_event_size": 65_536}


def register(group: click.Group) -> None:
    """Add ingest, reprocess, export and serve to the main command group."""
    for command in (ingest, reprocess, export, serve):
        group.add_command(command)
