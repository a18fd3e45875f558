"""A real uvicorn server on 127.0.0.1 (a free port) for an ASGI app, in a thread of the test
process: the page's browser tests and the API's HTTP tests talk to it over real HTTP."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any


def serve_app(app: Any, **config: Any) -> Iterator[str]:
    """Yield the server's base URL while it runs; stop it when the generator is closed."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", **config))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
