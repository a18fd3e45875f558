"""Building the FastAPI app: the store and pipeline it is handed, the routers, the error
handler that turns warmonitor's input errors into HTTP 400, the guards of api/security.py
(CSP, body size, write rate, timeout; CORS only when configured), and the web page."""
from __future__ import annotations

import importlib.util
import json
import os

from fastapi import Depends, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from ..config import Settings
from ..errors import InputError
from ..store import Store
from ..store.writer import Extractor
from . import actors, articles, events, mapview, security, sources, stats
from .deps import require_read_access


def create_app(settings: Settings | None = None, *, pipeline: Extractor | None = None,
               store: Store | None = None, protect_reads: bool | None = None) -> FastAPI:
    """The app over `store` (default: opened from settings.database_url). The pipeline loads
    on the first POST when none is given. Reads need the token too when `protect_reads`
    (default: env WARMONITOR_PROTECT_READS=1)."""
    settings = settings or Settings.from_env()
    app = FastAPI(title="warmonitor", version="0.1.0",
                  description="Coded, geolocated events of armed conflict read from news reports.")
    app.state.settings = settings
    app.state.store = store or Store.open(settings.database_url)
    app.state.pipeline = pipeline
    if protect_reads is None:
        protect_reads = os.environ.get("WARMONITOR_PROTECT_READS") == "1"
    app.state.protect_reads = protect_reads

    @app.exception_handler(InputError)
    async def bad_input(_request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": str(exc)})

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> Response:
        # What was wrong and where, without echoing the input: it may be huge, or hold
        # characters (lone surrogates) that cannot even be written as UTF-8.
        errors = [{key: error.get(key) for key in ("type", "loc", "msg")} for error in exc.errors()]
        body = json.dumps({"detail": jsonable_encoder(errors)}, ensure_ascii=True, default=str)
        return Response(body, status_code=422, media_type="application/json")

    security.install(app, settings)

    read = [Depends(require_read_access)]
    app.include_router(events.router, dependencies=read)
    app.include_router(actors.router, dependencies=read)
    app.include_router(stats.router, dependencies=read)
    app.include_router(mapview.router, dependencies=read)
    app.include_router(sources.router, dependencies=read)
    app.include_router(stats.health_router)
    app.include_router(articles.router)
    _mount_web_page(app)
    return app


def _mount_web_page(app: FastAPI) -> None:
    """Serve the page of `warmonitor.web` at / and its assets at /static, where it is installed."""
    if importlib.util.find_spec("warmonitor.web") is None:
        return
    from ..web import static_dir

    folder = static_dir()
    index = folder / "index.html"
    if not index.exists():
        return
    app.mount("/static", StaticFiles(directory=folder), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(index)
