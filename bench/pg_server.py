"""A throwaway PostgreSQL server for the benchmarks, started as tests/pg.py starts the
tests' one (initdb into a temporary folder, 127.0.0.1, a free port, fsync off)."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from pg import _as_server_user, _free_port, find_bin_dir  # noqa: E402


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """The URL of an empty database on a server that lives as long as the block."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise SystemExit("PostgreSQL not found: bash scripts/install-test-services.sh postgresql")
    root = Path(tempfile.mkdtemp(prefix="warmonitor-bench-pg-"))
    data_dir, socket_dir = root / "data", root / "sock"
    socket_dir.mkdir()
    if _as_server_user([])[:1] == ["runuser"]:  # root: the server runs as postgres
        shutil.chown(root, "postgres")
        shutil.chown(socket_dir, "postgres")
    port = _free_port()
    subprocess.run(_as_server_user([str(bin_dir / "initdb"), "-D", str(data_dir), "-U", "postgres",
                                    "-A", "trust", "-E", "UTF8", "--no-sync"]), check=True, capture_output=True)
    options = (f"-p {port} -k {socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
               " -c shared_buffers=1GB -c max_wal_size=4GB -c maintenance_work_mem=512MB")
    subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-o", options,
                                    "-l", str(root / "server.log"), "-w", "start"]), check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-m", "immediate",
                                        "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
