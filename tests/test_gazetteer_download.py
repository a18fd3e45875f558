"""`warmonitor gazetteer download`: GeoNames country dumps fetched from a real HTTP server on
loopback (a small dump written for the tests), resumed after a broken transfer, checked,
cached and imported. The real GeoNames server is never contacted."""
from __future__ import annotations

import http.server
import io
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from warmonitor.cli import cli
from warmonitor.errors import GazetteerError
from warmonitor.geo.download import country_files, fetch

GEONAMES = Path(__file__).parent / "data" / "geonames"


def _zipped(member: Path, name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(member, name)
        archive.writestr("readme.txt", "GeoNames readme\n")
    return buffer.getvalue()


class DumpServer(http.server.ThreadingHTTPServer):
    """Serves `files` (path -> bytes) with Range support; `cut` (path -> byte count) ends the
    first transfer of a file after that many bytes, as a dropped connection does."""

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.files = files
        self.cut: dict[str, int] = {}
        self.requests: list[tuple[str, str | None]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/export/dump/"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: DumpServer

    def do_GET(self) -> None:  # noqa: N802 (the http.server hook)
        path = self.path.removeprefix("/export/dump/")
        self.server.requests.append((path, self.headers.get("Range")))
        body = self.server.files.get(path)
        if body is None:
            self.send_error(404)
            return
        start = int(self.headers["Range"].split("=")[1].rstrip("-")) if self.headers.get("Range") else 0
        self.send_response(206 if start else 200)
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        self.send_header("Content-Length", str(len(body) - start))
        self.end_headers()
        cut = self.server.cut.pop(path, None)
        self.wfile.write(body[start:cut] if cut is not None else body[start:])
        if cut is not None:
            self.close_connection = True

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[DumpServer]:
    files = {"SY.zip": _zipped(GEONAMES / "SY.txt", "SY.txt"),
             "alternatenames/SY.zip": _zipped(GEONAMES / "SY.alternateNames.txt", "SY.txt")}
    dump_server = DumpServer(files)
    thread = threading.Thread(target=dump_server.serve_forever, daemon=True)
    thread.start()
    yield dump_server
    dump_server.shutdown()
    dump_server.server_close()


def test_country_files_and_bad_codes() -> None:
    assert country_files("sy") == ["SY.zip", "alternatenames/SY.zip"]
    with pytest.raises(GazetteerError, match="no ISO 3166 alpha-2"):
        country_files("Syria")


def test_a_broken_transfer_is_resumed_and_checked(server: DumpServer, tmp_path: Path) -> None:
    size = len(server.files["SY.zip"])
    server.cut["SY.zip"] = size // 2
    with pytest.raises(GazetteerError, match="run the same command again"):
        fetch(server.url, "SY.zip", tmp_path)
    part = tmp_path / "SY.zip.part"
    assert part.stat().st_size == size // 2 and not (tmp_path / "SY.zip").exists()
    path = fetch(server.url, "SY.zip", tmp_path)
    assert path.read_bytes() == server.files["SY.zip"] and not part.exists()
    assert server.requests[-1] == ("SY.zip", f"bytes={size // 2}-")  # only the missing bytes asked for
    assert "SY.zip" in (tmp_path / "SHA256SUMS").read_text()
    fetch(server.url, "SY.zip", tmp_path)
    assert len(server.requests) == 2  # cached and intact: the server is not asked again


def test_a_damaged_file_is_refused_and_fetched_anew(server: DumpServer, tmp_path: Path) -> None:
    good = server.files["SY.zip"]
    server.files["SY.zip"] = good[:40] + bytes(b ^ 0xFF for b in good[40:80]) + good[80:]
    with pytest.raises(GazetteerError, match="came damaged"):
        fetch(server.url, "SY.zip", tmp_path)
    assert not list(tmp_path.glob("SY.zip*"))  # nothing broken kept
    server.files["SY.zip"] = good
    assert fetch(server.url, "SY.zip", tmp_path).read_bytes() == good
    (tmp_path / "SY.zip").write_bytes(good[:-10])  # damaged on disk: its checksum no longer matches
    assert fetch(server.url, "SY.zip", tmp_path).read_bytes() == good


def test_a_missing_file_says_what_to_do(server: DumpServer, tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="HTTP 404"):
        fetch(server.url, "XX.zip", tmp_path)


@pytest.mark.gazetteer
def test_download_imports_the_country(server: DumpServer, index_copy: Path) -> None:
    from warmonitor.geo import Gazetteer

    server.cut["alternatenames/SY.zip"] = 100
    runner = CliRunner()
    first = runner.invoke(cli, ["gazetteer", "download", "SY", "--base-url", server.url])
    assert first.exit_code != 0 and "run the same command again" in first.output
    second = runner.invoke(cli, ["gazetteer", "download", "SY", "--base-url", server.url])
    assert second.exit_code == 0, second.output
    assert "SY.zip: 6 places rows, 3 places added" in second.output
    assert "5 alternate names rows" in second.output
    assert (index_copy.parent / "geonames" / "alternatenames" / "SY.zip").is_file()
    gazetteer = Gazetteer.open(index_copy)
    assert [e.geonameid for e in gazetteer.lookup("Kfar Zbeidat")] == [99000001]
