"""Fetches GeoNames' per-country dumps for `warmonitor gazetteer download SY AF ML`.

    >>> [fetch(DEFAULT_BASE_URL, name, cache) for name in country_files("SY")]  # doctest: +SKIP
    [PosixPath('.../geonames/SY.zip'), PosixPath('.../geonames/alternatenames/SY.zip')]

Each country has two files on the export server: `CC.zip` (its places) and
`alternatenames/CC.zip` (their other spellings). A file is fetched into the cache folder as
`NAME.part`, resumed from where it stopped with an HTTP Range request when a transfer breaks,
checked (the length the server announced, every member's CRC inside the zip) and only then
moved into place, with its SHA-256 in `SHA256SUMS` beside it. A cached file whose checksum
still matches is used without asking the server again; a damaged one is fetched anew.
"""
from __future__ import annotations

import hashlib
import http.client
import logging
import re
import urllib.error
import urllib.request
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from ..errors import GazetteerError

log = logging.getLogger(__name__)

#: The GeoNames export server (WARMONITOR_GEONAMES_URL or `--base-url` to use a mirror).
DEFAULT_BASE_URL = "https://download.geonames.org/export/dump/"
_CHUNK = 1 << 16
_TIMEOUT = 60.0
_SUMS = "SHA256SUMS"
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def country_files(code: str) -> list[str]:
    """The dump paths of one country, relative to the base URL: places first."""
    code = code.strip().upper()
    if not _COUNTRY.match(code):
        raise GazetteerError(f"{code!r} is no ISO 3166 alpha-2 country code: give codes such as SY AF ML")
    return [f"{code}.zip", f"alternatenames/{code}.zip"]


def fetch(base_url: str, name: str, cache: Path, *, on_bytes: Callable[[int], None] | None = None,
          refresh: bool = False) -> Path:
    """`base_url` + `name` as a checked file under `cache`, from the cache when it is there
    intact; a broken transfer is resumed from its `.part` file."""
    target = cache / name
    sums = _read_sums(cache)
    if not refresh and target.is_file() and sums.get(name) == _sha256(target):
        log.info("%s: cached", target)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    url = base_url.rstrip("/") + "/" + name
    try:
        _transfer(url, part, on_bytes or (lambda _n: None))
    except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
        raise GazetteerError(f"{url}: the download stopped ({_reason(exc)}); run the same command again "
                             f"to resume it, or give --base-url of a mirror") from exc
    damage = _damage(part)
    if damage is not None:
        part.unlink(missing_ok=True)
        raise GazetteerError(f"{url}: the file came damaged ({damage}) and was deleted; run the same "
                             f"command again to fetch it anew")
    part.replace(target)
    sums[name] = _sha256(target)
    _write_sums(cache, sums)
    return target


def _transfer(url: str, part: Path, on_bytes: Callable[[int], None]) -> None:
    """Fetch `url` into `part`, asking only for the bytes after those already there."""
    have = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(url, headers={"User-Agent": "warmonitor gazetteer download"})
    if have:
        request.add_header("Range", f"bytes={have}-")
    try:
        response = urllib.request.urlopen(request, timeout=_TIMEOUT)  # noqa: S310 (the user's base URL)
    except urllib.error.HTTPError as exc:
        if exc.code != 416 or not have:  # 416: nothing after what we hold, the file is whole
            raise
        return
    with response:
        resumed = response.status == 206
        if have and not resumed:
            have = 0  # the server ignores Range: start again
        expected = _expected_size(response, have)
        with part.open("ab" if resumed else "wb") as out:
            done = have
            on_bytes(have)
            while chunk := response.read(_CHUNK):
                out.write(chunk)
                done += len(chunk)
                on_bytes(len(chunk))
    if expected is not None and done != expected:
        raise OSError(f"got {done:,} of {expected:,} bytes")


def _expected_size(response: object, have: int) -> int | None:
    """The whole file's size as the server announces it (Content-Range, else Content-Length)."""
    headers = getattr(response, "headers")
    content_range = headers.get("Content-Range") or ""
    match = re.search(r"/(\d+)\s*$", content_range)
    if match:
        return int(match.group(1))
    length = headers.get("Content-Length")
    return have + int(length) if length and length.isdigit() else None


def _damage(path: Path) -> str | None:
    """What is wrong with a fetched zip, or None: it must open and every CRC must match."""
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
            if bad is not None:
                return f"{bad} fails its CRC check"
            if not any(info.filename.endswith(".txt") for info in archive.infolist()):
                return "the archive holds no .txt file"
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        return f"not a whole zip file: {exc}"
    return None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason)
    return str(exc) or type(exc).__name__


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _read_sums(cache: Path) -> dict[str, str]:
    """name -> SHA-256 of the files fetched whole, from `cache/SHA256SUMS` (sha256sum's format)."""
    path = cache / _SUMS
    if not path.is_file():
        return {}
    sums = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        if digest and name:
            sums[name] = digest
    return sums


def _write_sums(cache: Path, sums: dict[str, str]) -> None:
    tmp = cache / (_SUMS + ".tmp")
    tmp.write_text("".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items())), encoding="utf-8")
    tmp.replace(cache / _SUMS)
