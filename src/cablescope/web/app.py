"""The ASGI app: pages and their JSON twins over the same core functions, safe by default."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from cablescope import __version__
from cablescope.web import errors
from cablescope.web.config import WebConfig
from cablescope.web.db import Database
from cablescope.web.features import features
from cablescope.web.jobs import Jobs
from cablescope.web.render import STATIC
from cablescope.web.reports import Reports
from cablescope.web.security import BodyLimit, SecurityHeaders

# Paths that take uploads get the configured limits; every other body is small JSON or a form.
_SMALL_BODY = 64 * 1024


def create_app(config: WebConfig | Path | str) -> FastAPI:
    """A web app over the database `config.db` (a bare path gives the default settings)."""
    if not isinstance(config, WebConfig):
        config = WebConfig(db=Path(config))
    features()  # which optional layers are installed, decided once, before serving
    if config.crosslingual:  # asked for: fail now (ExtraMissing), not at every trace
        from cablescope.trace.crosslingual import require

        require()
    database = Database(config)
    jobs = Jobs(config)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Few threads do the database work: many more would only time-slice the same cores,
        # stretching every query towards its time limit, and each holds its own SQLite cache.
        anyio.to_thread.current_default_thread_limiter().total_tokens = config.threads
        await anyio.to_thread.run_sync(database.warm)
        try:
            async with anyio.create_task_group() as background:
                jobs.task_group = background
                yield
                background.cancel_scope.cancel()
        finally:
            jobs.task_group = None
            await jobs.close()
            database.close()

    app = FastAPI(
        title="cablescope",
        version=__version__,
        summary="Search, read and trace diplomatic cables.",
        description="The JSON API behind the cablescope pages: every page has a twin here. "
                    "Errors are `{\"error\": {\"status\", \"message\", ...}}`.",
        docs_url=None, redoc_url=None,  # their assets come from a CDN: /api lists endpoints
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.config = config
    app.state.db = database
    app.state.jobs = jobs
    errors.install(app)

    from cablescope.web import api, entity_routes, pages, trace_routes, write_routes

    app.state.reports = Reports(database)
    app.include_router(api.router)
    app.include_router(trace_routes.api)
    app.include_router(write_routes.router)
    app.include_router(entity_routes.api)
    app.include_router(pages.router)
    app.include_router(trace_routes.pages)
    app.include_router(entity_routes.pages)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def limit_for(path: str) -> int:
        if path.rstrip("/") in ("/trace", "/api/trace"):
            return config.max_upload
        if path.rstrip("/") == "/api/ingest":
            return config.max_ingest
        return _SMALL_BODY

    app.add_middleware(BodyLimit, limit_for=limit_for)
    app.add_middleware(SecurityHeaders)
    return app


def app_from_environment() -> FastAPI:
    """The app `cablescope serve` runs in each worker process, configured through the
    environment variables the command sets (uvicorn workers import the app afresh)."""
    import os

    from cablescope.web.config import MiB

    env = os.environ
    return create_app(WebConfig(
        db=Path(env["CABLESCOPE_WEB_DB"]),
        read_only=bool(env.get("CABLESCOPE_WEB_READ_ONLY")),
        token=env.get("CABLESCOPE_WEB_TOKEN") or None,
        max_upload=int(env.get("CABLESCOPE_WEB_MAX_UPLOAD") or 2 * MiB),
        trace_seconds=float(env.get("CABLESCOPE_WEB_TRACE_SECONDS") or 60),
        ingest_seconds=float(env.get("CABLESCOPE_WEB_INGEST_SECONDS") or 900),
        crosslingual=True if env.get("CABLESCOPE_WEB_CROSSLINGUAL") else None,
    ))
