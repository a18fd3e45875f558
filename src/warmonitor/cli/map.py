"""`warmonitor map`: the stored events (filtered like GET /events) written as one
self-contained HTML map that opens from disk, with no server and no network."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import WarmonitorError
from .store_options import DB_HELP, event_filter_of, filter_options, open_store, settings_for

#: More events than this make a file too heavy for a browser: narrow the filters.
DEFAULT_LIMIT = 5000


@click.command("map")
@click.option("--db", envvar="WARMONITOR_DB", help=DB_HELP)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              default=Path("map.html"), show_default=True, help="The HTML file to write.")
@click.option("--limit", type=click.IntRange(min=1), default=DEFAULT_LIMIT, show_default=True,
              help="At most this many events (the first in --sort order).")
@filter_options
def map_file(db: str | None, output: Path, limit: int, **filters: Any) -> None:
    """Write the stored events (filtered like GET /events) as one HTML file: the web map
    with its markers, event cards and timeline, every asset and event inside the file."""
    from ..store.queries import get_event, iter_events
    from ..web.standalone import render_map

    try:
        flt = event_filter_of(filters)
        store = open_store(settings_for(db))
        records: list[dict[str, Any]] = []
        for record in iter_events(store, flt):
            records.append(record)
            if len(records) >= limit:
                break
        details = {r["id"]: get_event(store, r["id"]) or r for r in records}
        store.close()
    except WarmonitorError as exc:
        raise click.ClickException(str(exc)) from exc
    output.write_text(render_map(records, details), encoding="utf-8")
    click.echo(f"wrote {len(records)} events to {output}", err=True)
    click.echo(str(output.resolve()))


def register(group: click.Group) -> None:
    """Add map to the main command group."""
    group.add_command(map_file)
