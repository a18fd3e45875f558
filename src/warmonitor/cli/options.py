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


def country_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A click callback: a two-letter country code (SY), or a usage error that shows the form."""
    from ..config import country_code
    from ..errors import InputError

    try:
        return country_code(value)
    except InputError as exc:
        raise click.BadParameter(str(exc)) from exc
