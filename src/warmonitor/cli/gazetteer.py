"""`warmonitor gazetteer add` / `info`: a bigger gazetteer from the user's GeoNames dumps."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import WarmonitorError


@click.group()
def gazetteer() -> None:
    """The gazetteer index the geoparser uses: add GeoNames dumps, see what it holds."""


@gazetteer.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal).")
def add(files: tuple[Path, ...], progress: bool | None) -> None:
    """Add GeoNames dumps (allCountries.zip, a country's file such as SY.zip, the .txt
    inside, or the alternate-names file) to the gazetteer index.

    Give the places file before its alternate-names file. The villages, towns and
    divisions added are found by the geoparser from then on; an index rebuilt after an
    upgrade needs the files added again.
    """
    from tqdm import tqdm

    from ..config import Settings
    from ..geo import Gazetteer
    from ..geo.imports import add_geonames, open_dump

    index = Settings.from_env().gazetteer_path
    try:
        Gazetteer.open(index).close()  # built first where missing
        for path in files:
            with open_dump(path) as (size, _lines):
                pass
            with tqdm(total=size, unit="B", unit_scale=True, desc=path.name, file=sys.stderr,
                      disable=not (progress if progress is not None else sys.stderr.isatty())) as bar:
                counts = add_geonames(path, index, on_bytes=bar.update)
            click.echo(f"{path.name}: {counts.rows:,} {counts.kind} rows, {counts.entries_added:,} places added, "
                       f"{counts.names_added:,} names added, {counts.skipped:,} rows left out")
    except WarmonitorError as exc:
        raise click.ClickException(str(exc)) from exc


@gazetteer.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def info(as_json: bool) -> None:
    """What the gazetteer index holds: entries by kind, names, the dumps added."""
    from ..config import Settings
    from ..geo import Gazetteer
    from ..geo.imports import index_info

    index = Settings.from_env().gazetteer_path
    try:
        Gazetteer.open(index).close()
        facts = index_info(index)
    except WarmonitorError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(facts, ensure_ascii=False, indent=1))
        return
    click.echo(f"index: {facts['path']} ({facts['size_mib']} MiB, schema {facts['schema_version']})")
    entries = facts["entries"]
    assert isinstance(entries, dict)
    click.echo("entries: " + ", ".join(f"{count:,} {kind}" for kind, count in sorted(entries.items())))
    click.echo(f"names: {facts['names']:,}; names the text matcher finds: {facts['matcher_keys']:,}")
    imports = facts["imports"]
    assert isinstance(imports, list)
    for added in imports or [{"file": "none added: the embedded default (GeoNames cities500)"}]:
        extra = f" ({added['entries_added']:,} places, {added['names_added']:,} names, {added['at']})" \
            if "at" in added else ""
        click.echo(f"added: {added['file']}{extra}")


def register(group: click.Group) -> None:
    """Add the gazetteer group to the main command group."""
    group.add_command(gazetteer)
