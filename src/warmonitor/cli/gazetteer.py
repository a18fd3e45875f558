"""`warmonitor gazetteer add` / `download` / `info`: a bigger gazetteer from GeoNames dumps."""
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
    try:
        _add_files(files, _shown(progress))
    except WarmonitorError as exc:
        raise click.ClickException(str(exc)) from exc


@gazetteer.command("download")
@click.argument("countries", nargs=-1, required=True)
@click.option("--base-url", envvar="WARMONITOR_GEONAMES_URL", default=None,
              help="Where the dumps are: a mirror (default: the GeoNames export server); also WARMONITOR_GEONAMES_URL.")
@click.option("--refresh", is_flag=True, help="Fetch again even when an intact copy is cached.")
@click.option("--progress/--no-progress", default=None, help="Show progress bars (default: on a terminal).")
def download(countries: tuple[str, ...], base_url: str | None, refresh: bool, progress: bool | None) -> None:
    """Fetch GeoNames' dumps of COUNTRIES (ISO codes: SY AF ML) and add them to the index.

    Each country's places (CC.zip) and alternate names (alternatenames/CC.zip) are fetched
    into the cache folder (resumed where a transfer broke off, checked, kept with their
    SHA-256), then added as `gazetteer add` adds them. Run the same command again after a
    failure: what was fetched whole is not fetched again.
    """
    from tqdm import tqdm

    from ..config import Settings
    from ..geo.download import DEFAULT_BASE_URL, country_files, fetch

    cache = Settings.from_env().cache_dir / "geonames"
    try:
        names = [name for code in countries for name in country_files(code)]
        files = []
        for name in names:
            with tqdm(unit="B", unit_scale=True, desc=name, file=sys.stderr, disable=not _shown(progress)) as bar:
                files.append(fetch(base_url or DEFAULT_BASE_URL, name, cache, on_bytes=bar.update, refresh=refresh))
        _add_files(tuple(files), _shown(progress))
    except WarmonitorError as exc:
        raise click.ClickException(str(exc)) from exc


def _shown(progress: bool | None) -> bool:
    """Whether to draw progress bars: as asked, else when stderr is a terminal."""
    return progress if progress is not None else sys.stderr.isatty()


def _add_files(files: tuple[Path, ...], progress: bool) -> None:
    """Add each dump to the index (built first where missing), one summary line a file."""
    from tqdm import tqdm

    from ..config import Settings
    from ..geo import Gazetteer
    from ..geo.imports import add_geonames, open_dump

    index = Settings.from_env().gazetteer_path
    Gazetteer.open(index).close()
    for path in files:
        with open_dump(path) as (size, _lines):
            pass
        with tqdm(total=size, unit="B", unit_scale=True, desc=path.name, file=sys.stderr, disable=not progress) as bar:
            counts = add_geonames(path, index, on_bytes=bar.update)
        click.echo(f"{path.name}: {counts.rows:,} {counts.kind} rows, {counts.entries_added:,} places added, "
                   f"{counts.names_added:,} names added, {counts.skipped:,} rows left out")


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
