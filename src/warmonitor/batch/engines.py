"""Where the extraction of chunks runs: in this process, in a pool of local processes
(`--workers N`), or on a Dask cluster (`--engine dask [--address tcp://...]`).

Every engine has `submit(chunk) -> future` (with `.result()`) and `close()`; the ingest
loop keeps a bounded number of chunks in flight, so memory stays bounded whatever the size
of the input. Each worker builds its extractor once (the spaCy model and the gazetteer).
"""
from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol

from ..config import Settings
from ..errors import InputError
from ..models import Article
from ..store.writer import Extractor
from .workers import ChunkResult, extract_chunk, init_worker

log = logging.getLogger(__name__)


class Engine(Protocol):
    """Runs `extract_chunk` somewhere and hands back a future of its result."""

    workers: int

    def submit(self, chunk: list[Article]) -> Any: ...

    def close(self) -> None: ...


class SerialEngine:
    """Extraction in this process, with an extractor given or built from the settings."""

    workers = 1

    def __init__(self, settings: Settings, extractor: Extractor | None = None) -> None:
        init_worker(settings, extractor)

    def submit(self, chunk: list[Article]) -> Future[ChunkResult]:
        future: Future[ChunkResult] = Future()
        future.set_result(extract_chunk(chunk))
        return future

    def close(self) -> None:
        return None


class ProcessEngine:
    """A pool of `workers` local processes, each loading the extractor once at start."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.workers = workers
        context = multiprocessing.get_context("forkserver" if _threads_unsafe() else "fork")
        self.pool = ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker,
                                        initargs=(settings,))

    def submit(self, chunk: list[Article]) -> Future[ChunkResult]:
        return self.pool.submit(extract_chunk, chunk)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _threads_unsafe() -> bool:
    # Forking a process that runs threads (a loaded BLAS, a web server) can deadlock.
    import threading

    return threading.active_count() > 1


class DaskEngine:
    """Chunks sent to a Dask cluster: the scheduler at `address`, or a local cluster of
    `workers` processes on 127.0.0.1 when no address is given. A worker plugin loads the
    extractor once in each worker process; records come back to this process's writer."""

    def __init__(self, settings: Settings, *, address: str | None, workers: int) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise InputError("--engine dask needs Dask: pip install 'dask[distributed]'") from exc
        # Dask logs at INFO by default; follow this program's level instead (-v shows them).
        logging.getLogger("distributed").setLevel(logging.getLogger().getEffectiveLevel())
        self.cluster = None
        if address is None:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        host="127.0.0.1", dashboard_address=":0",
                                        silence_logs=logging.getLogger().getEffectiveLevel())
            address = self.cluster.scheduler_address
        from .dask_plugin import ExtractorPlugin

        self.client = Client(address)
        self.client.register_plugin(ExtractorPlugin(settings), name="warmonitor-extractor")
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def submit(self, chunk: list[Article]) -> Any:
        return self.client.submit(extract_chunk, chunk, pure=False)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def open_engine(settings: Settings, *, engine: str = "local", workers: int = 1,
                address: str | None = None, extractor: Extractor | None = None) -> Engine:
    """The engine the command line asks for."""
    if engine == "dask":
        return DaskEngine(settings, address=address, workers=workers)
    if engine != "local":
        raise InputError(f"unknown engine {engine!r}: use local or dask")
    if address:
        raise InputError("--address needs --engine dask")
    if workers <= 1:
        return SerialEngine(settings, extractor)
    return ProcessEngine(settings, workers)
