"""Option parsers shared by the CLI's command modules."""
from __future__ import annotations

from datetime import date

import click


def iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    """A click callback: an ISO date (2020-02-06), or a usage error that shows the form."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date like 2020-02-06") from exc
