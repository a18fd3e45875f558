"""What the commands that read or write the store share: the --db option's help, the
settings and the store it names, and the filters of GET /events as options."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import click

from ..config import Settings
from ..errors import WarmonitorError
from .options import iso_date

if TYPE_CHECKING:
    from ..store import EventFilter, Store

DB_HELP = "Database URL: sqlite:///PATH (default warmonitor.db, or $WARMONITOR_DB) or postgresql://..."


def settings_for(db: str | None) -> Settings:
    settings = Settings.from_env()
    if db:
        settings = replace(settings, database_url=db)
    return settings


def open_store(settings: Settings) -> Store:
    from ..store import Store

    try:
        return Store.open(settings.database_url)
    except WarmonitorError as exc:
        raise click.ClickException(str(exc)) from exc


def filter_options(command: Callable[..., None]) -> Callable[..., None]:
    """The filters of GET /events as options (--start, --end, --bbox, --country, ...)."""
    options = [
        click.option("--start", callback=iso_date, help="First event date (YYYY-MM-DD)."),
        click.option("--end", callback=iso_date, help="Last event date (YYYY-MM-DD)."),
        click.option("--bbox", help="minlon,minlat,maxlon,maxlat"),
        click.option("--country", help="ISO alpha-2 or alpha-3 country code."),
        click.option("--admin1", help="First-level division (e.g. Idlib)."),
        click.option("--category", multiple=True, help="PLOVER category (repeatable)."),
        click.option("--acled-type", help="ACLED event type (e.g. Battles)."),
        click.option("--actor", help="Part of an actor's name or words."),
        click.option("--actor-code", help="Actor code (e.g. SYR)."),
        click.option("--actor-sector", help="Actor sector (e.g. MIL)."),
        click.option("--q", help="Words of the sentence (all required)."),
        click.option("--min-dead", type=int, help="At least this many dead."),
        click.option("--sort", default="date", show_default=True,
                     type=click.Choice(["date", "-date", "dead", "-dead"]), help="Order."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def event_filter_of(filters: dict[str, Any]) -> EventFilter:
    """The EventFilter of the options of `filter_options`."""
    from ..store import EventFilter
    from ..store.filters import parse_bbox, parse_categories

    return EventFilter(
        start=filters["start"], end=filters["end"], bbox=parse_bbox(filters["bbox"]),
        country=filters["country"], admin1=filters["admin1"],
        categories=parse_categories(filters["category"]), acled_type=filters["acled_type"],
        actor=filters["actor"], actor_code=filters["actor_code"],
        actor_sector=filters["actor_sector"], q=filters["q"], min_dead=filters["min_dead"],
        sort=filters["sort"])
