"""The command line: a thin layer over the library (`warmonitor --help`)."""
from __future__ import annotations

import json
import logging
import sys
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from ..errors import WarmonitorError
from .options import country_option, iso_date

if TYPE_CHECKING:
    from ..models import Article, Event
    from ..pipeline import Pipeline

#: Progress bars appear when a run holds more articles than this.
PROGRESS_AFTER = 5


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="warmonitor")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """warmonitor: news reports of armed conflict in, coded event records out."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--published", callback=iso_date, help="Publication date (YYYY-MM-DD) where the input gives none.")
@click.option("--outlet", help="The outlet (e.g. Reuters) where the input gives none.")
@click.option("--url", help="The article URL where the input gives none.")
@click.option("--title", help="The article title where the input gives none.")
@click.option("--country", callback=country_option, envvar="WARMONITOR_COUNTRY",
              help="The country the batch is about (ISO code, e.g. SY): a national feed's place names lean there.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Write JSON Lines here (default: stdout).")
@click.option("--explain", is_flag=True,
              help="Instead of JSON, show each record with the sentences it was assembled from "
                   "and the slots each gave.")
def extract(paths: tuple[Path, ...], published: date | None, outlet: str | None, url: str | None,
            title: str | None, country: str | None, output: IO[str], explain: bool) -> None:
    """Extract event records from .txt, .html and .jsonl articles (or folders of them).

    Writes one JSON event record a line (spec: event-record.md). Articles that cannot be
    read or coded are reported on stderr; the others go on.
    """
    from dataclasses import replace

    from tqdm import tqdm

    from ..config import Settings
    from ..ingest import ReadFailure, read_articles
    from ..pipeline import Pipeline

    items = list(read_articles(paths, published=published, outlet=outlet, url=url, title=title))
    articles = [item for item in items if not isinstance(item, ReadFailure)]
    failures = 0
    for item in items:
        if isinstance(item, ReadFailure):
            failures += 1
            click.echo(f"warmonitor: cannot read {item.where}: {item.reason}", err=True)
    pipeline = Pipeline(replace(Settings.from_env(), country=country))
    try:
        pipeline.warm_up()
    except WarmonitorError as exc:
        raise click.ClickException(str(exc)) from exc
    if explain:
        failures += _explain(pipeline, articles, output)
        if failures and not articles:
            raise click.ClickException("no article could be read")
        return
    bar = tqdm(total=len(articles), unit="article", file=sys.stderr,
               disable=len(articles) <= PROGRESS_AFTER)
    for article, result in pipeline.extract_many(articles):
        bar.update(1)
        if isinstance(result, Exception):
            failures += 1
            click.echo(f"warmonitor: {result}", err=True)
            continue
        for event in result:
            output.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
    bar.close()
    output.flush()
    if failures and not articles:
        raise click.ClickException("no article could be read")


def _explain(pipeline: Pipeline, articles: list[Article], output: IO[str]) -> int:
    """Write each article's records with the sentences behind each; return the failures."""
    failures = 0
    for article in articles:
        try:
            explained = pipeline.explain_article(article)
        except WarmonitorError as exc:
            failures += 1
            click.echo(f"warmonitor: {exc}", err=True)
            continue
        output.write(f"== {article.id}: {len(explained)} records\n")
        for n, (event, sentences) in enumerate(explained, 1):
            output.write(explain_record(n, event, sentences))
    output.flush()
    return failures


def explain_record(number: int, event: Event, sentences: list[tuple[int, str]]) -> str:
    """A record as a coder reads it: its coding, then each sentence it drew on with the slots
    read from it."""
    sides = [",".join(f"{e.code or '?'}/{e.sector or '?'}" for e in group) or "-"
             for group in (event.actor, event.recipient)]
    place = event.event_loc.name or event.event_loc.place_text if event.event_loc else "-"
    lines = [f"record {number}: {event.event} {event.mode or ''} {sides[0]} -> {sides[1]} "
             f"date={event.date.date or '-'} place={place} dead={event.dead if event.dead is not None else '-'}"]
    slots_of: dict[int, list[str]] = {}
    for slot, index in event.evidence:
        slots_of.setdefault(index, []).append(slot)
    for index, text in sentences:
        gave = ", ".join(slots_of.get(index, [])) or "the event again"
        lines.append(f"  [{index}] ({gave}) {text}")
    return "\n".join(lines) + "\n"


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Write JSON Lines here (default: stdout).")
def geoparse(paths: tuple[Path, ...], output: IO[str]) -> None:
    """Find and resolve the place names of .txt, .html and .jsonl documents (or folders).

    Writes one line per document: {id, toponyms: [{start, end, text, name, geonameid,
    feature_code, country_code, admin1, lat, lon, score, ...}]}, offsets into the
    document's text as read. Names that cannot be resolved have null coordinates.
    """
    from ..config import Settings
    from ..geo import Gazetteer, Geoparser, geoparse_texts
    from ..ingest import ReadFailure, read_articles
    from ..nlp.model import load_nlp

    items = list(read_articles(paths))
    articles = [item for item in items if not isinstance(item, ReadFailure)]
    for item in items:
        if isinstance(item, ReadFailure):
            click.echo(f"warmonitor: cannot read {item.where}: {item.reason}", err=True)
    settings = Settings.from_env()
    try:
        nlp = load_nlp(settings.model)
        geoparser = Geoparser(Gazetteer.open(settings.gazetteer_path))
    except WarmonitorError as exc:
        raise click.ClickException(str(exc)) from exc
    documents = ((article.id, article.text) for article in articles)
    for record in geoparse_texts(documents, nlp=nlp, geoparser=geoparser, batch_size=settings.batch_size):
        output.write(json.dumps(record, ensure_ascii=False) + "\n")
    output.flush()
    if not articles:
        raise click.ClickException("no document could be read")


def _register_optional_commands() -> None:
    """Commands of the gazetteer, store, API and evaluation layers, where installed."""
    from . import gazetteer
    gazetteer.register(cli)
    try:
        from . import store
    except ImportError:
        return
    store.register(cli)
    from . import map as map_command
    map_command.register(cli)
    from .watch import watch
    cli.add_command(watch)
    from . import evaluation
    evaluation.register(cli)


_register_optional_commands()


def main() -> None:
    cli()
