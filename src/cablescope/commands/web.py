"""`cablescope serve`: the web app and JSON API over one database."""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path

import click

from cablescope.commands.options import db_option, existing_db

SHUTDOWN_SECONDS = 3


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 exposes it to the network).")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--read-only", is_flag=True,
              help="Open the database read-only and refuse every write (public deployment).")
@click.option("--token", default=lambda: os.environ.get("CABLESCOPE_TOKEN") or None,
              show_default="$CABLESCOPE_TOKEN",
              help="Bearer token that writes (merge, reject, ingest) must present; "
                   "without one, writes are refused.")
@click.option("--max-upload", default=2, show_default=True, type=click.IntRange(1, 1024),
              help="Largest article a trace accepts, in MiB.")
@click.option("--trace-seconds", default=60.0, show_default=True,
              type=click.FloatRange(1, 3600),
              help="Time limit of one trace (it runs in a worker process, stopped past it).")
@click.option("--ingest-seconds", default=900.0, show_default=True,
              type=click.FloatRange(1, 86400),
              help="Time limit of one upload's ingest (what it committed before is kept).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (each with its own SQLite connections).")
@click.option("--crosslingual", is_flag=True,
              help="Trace articles in translation with the cross-lingual sentence model (the "
              "'crosslingual' extra; a trace embeds the sentences of cables not yet embedded, "
              "about 30 ms of CPU each, kept in a file beside the database).")
@click.option("--quiet", "-q", is_flag=True, help="No access log.")
def serve(db: Path, host: str, port: int, read_only: bool, token: str | None,
          max_upload: int, trace_seconds: float, ingest_seconds: float, workers: int,
          crosslingual: bool, quiet: bool) -> None:
    """Serve the search, cable, trace and entity pages and their JSON API.

    Open http://HOST:PORT/ in a browser; /api lists the endpoints and /api/openapi.json
    describes them.

    \b
    cablescope serve --db cables.db
    cablescope serve --read-only --host 0.0.0.0 --port 8000
    CABLESCOPE_TOKEN=s3cret cablescope serve    # allows merges, rejections and uploads
    cablescope serve --crosslingual             # the model for articles in translation
    """
    import uvicorn

    from cablescope.web.config import MiB

    existing_db(db)
    if crosslingual:  # the trace command's switch: its error before anything is served
        from cablescope.commands.trace import _need_trace_extra

        _need_trace_extra()
        from cablescope.trace.crosslingual import require

        require()
    _check_port(host, port)  # before minutes of preparing, and before saying "serving"
    if read_only:
        _prepare_read_only(db, quiet)
    else:
        _prepare(db, quiet)
    os.environ["CABLESCOPE_WEB_DB"] = str(db.resolve())
    os.environ["CABLESCOPE_WEB_READ_ONLY"] = "1" if read_only else ""
    os.environ["CABLESCOPE_WEB_TOKEN"] = token or ""
    os.environ["CABLESCOPE_WEB_MAX_UPLOAD"] = str(max_upload * MiB)
    os.environ["CABLESCOPE_WEB_TRACE_SECONDS"] = str(trace_seconds)
    os.environ["CABLESCOPE_WEB_INGEST_SECONDS"] = str(ingest_seconds)
    os.environ["CABLESCOPE_WEB_CROSSLINGUAL"] = "1" if crosslingual else ""
    click.echo(f"cablescope: serving {db} on http://{host}:{port}/"
               f"{' (read-only)' if read_only else ''}"
               f"{' (writes need the token)' if token and not read_only else ''}"
               f"{' (cross-lingual model on)' if crosslingual else ''}", err=True)
    uvicorn.run("cablescope.web.app:app_from_environment", factory=True, host=host, port=port,
                workers=workers, access_log=not quiet, log_level="warning" if quiet else "info",
                server_header=False, proxy_headers=False,
                # longer than clients keep idle connections, so a reused one is never closed
                # under them by the server at that very moment
                timeout_keep_alive=75,
                # on SIGTERM or Ctrl-C, requests still running after this are cancelled (their
                # worker processes killed), so the server stops within seconds
                timeout_graceful_shutdown=SHUTDOWN_SECONDS)


def _check_port(host: str, port: int) -> None:
    """Fail with a clear message when the server could not listen at host:port (a port in use,
    an address not of this machine), binding as uvicorn will, then letting go at once."""
    if port == 0:
        return  # any free port: the system picks one
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                   flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise click.ClickException(f"cannot serve on {host}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise click.ClickException(
                    f"port {port} on {host} is already in use (another server?): stop it, or "
                    f"choose another port with --port") from None
            raise click.ClickException(
                f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None


def _prepare_read_only(db: Path, quiet: bool) -> None:
    """A read-only server writes nothing the user sees, but the arrays search reads are derived
    data, like an index: saved once if the file may be written, or else built by each server
    process at its start (said, since at full size that takes a minute and memory per process)."""
    from cablescope.search.columns import ensure_saved, saved
    from cablescope.store import Store

    with Store.open(db, readonly=True) as store:
        if saved(store.connection):
            return
    if os.access(db, os.W_OK) and os.access(db.parent, os.W_OK):
        if not quiet:
            click.echo("cablescope: saving the search columns (the database has none current)",
                       err=True)
        with Store.open(db) as store:
            ensure_saved(store.connection)
    else:
        click.echo(f"cablescope: {db} holds no current search columns and cannot be written: "
                   f"each server process builds its own before serving (to save them once, "
                   f"serve it without --read-only where it can be written)", err=True)


def _prepare(db: Path, quiet: bool) -> None:
    """Before serving, in one opening of the database: build or update the trace index, so the
    first trace is not the one that waits (a read-only server cannot: it says what to run
    instead when asked to trace), and save the arrays search reads, so no server process builds
    its own."""
    from cablescope.search.columns import ensure_saved
    from cablescope.store import Store
    from cablescope.web.features import features

    def notify(what: str) -> None:
        if not quiet:
            click.echo(f"cablescope: {what}", err=True)

    trace = features().trace
    with Store.open(db) as store:
        if trace:
            from cablescope.trace import ensure_index

            ensure_index(store, notify=notify)
        ensure_saved(store.connection)
