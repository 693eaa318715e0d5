"""Options every command shares, defined once (the sqlite-utils way)."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar

import click

if TYPE_CHECKING:
    import rich.progress

    from cablescope.store.ingest import IngestSummary

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "cablescope.db"


def db_option(func: F) -> F:
    """`--db PATH`, else $CABLESCOPE_DB, else ./cablescope.db."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=lambda: os.environ.get("CABLESCOPE_DB", DEFAULT_DB),
        show_default="$CABLESCOPE_DB or ./cablescope.db",
        help="SQLite database file.",
    )(func)


def json_option(func: F) -> F:
    """`--json`: machine-readable output on stdout."""
    return click.option("--json", "as_json", is_flag=True, help="Output JSON.")(func)


def quiet_option(func: F) -> F:
    """`--quiet`: no progress bars (they go to stderr, never stdout)."""
    return click.option("--quiet", "-q", is_flag=True, help="No progress output.")(func)


def cable_id_argument(metavar: str = "ID") -> Callable[[F], F]:
    """`ID...`: a cable ID, as one word or as cables cite each other (`05 PARIS 5335`), joined
    into one string; a blank one is a usage error, not "no cable  in cablescope.db"."""

    def joined(_ctx: click.Context, _param: click.Parameter, words: tuple[str, ...]) -> str:
        wanted = " ".join(" ".join(words).split())
        if not wanted:
            raise click.BadParameter("give a cable ID, as in 05PARIS5335 or '05 PARIS 5335'")
        return wanted

    return click.argument("cable_id", nargs=-1, required=True, metavar=metavar,
                          callback=joined)


def existing_db(db: Path) -> Path:
    """The database a read command needs; a clear error when it is not there yet, or is an
    empty file (which SQLite would take for an empty database, and a command that builds an
    index would turn into a cablescope database)."""
    if not db.exists():
        raise click.ClickException(
            f"no database at {db}: run `cablescope ingest CORPUS --db {db}` first"
        )
    if db.is_file() and db.stat().st_size == 0:
        raise click.ClickException(
            f"{db} is empty, not a cablescope database: run `cablescope ingest CORPUS --db {db}` "
            "first")
    return db


def echo_json(value: Any) -> None:
    """One JSON document on stdout, UTF-8, not ASCII-escaped: cables are multilingual."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def echo_jsonl(rows: Iterable[Any]) -> None:
    """One JSON object a line, streamed."""
    out = sys.stdout
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str))
        out.write("\n")


class Progress:
    """The one progress display of long commands (ingest, load, index, entities): rich's bar on
    stderr with percent and ETA when the total is known, and a line of detail the command words
    ('12,000 records  3.1 MB/s'). Off with `--quiet` or when stderr is not a terminal, so logs
    and pipes get nothing; erased when done, leaving the terminal clean for the summary."""

    def __init__(self, label: str, enabled: bool = True) -> None:
        self._bar: rich.progress.Progress | None = None
        self._task: rich.progress.TaskID | None = None
        self._label = label
        self._last = 0.0
        if enabled and sys.stderr.isatty():
            import rich.console
            import rich.progress as rp

            self._bar = rp.Progress(
                rp.TextColumn("{task.description}"), rp.BarColumn(), rp.TaskProgressColumn(),
                rp.TextColumn("{task.fields[detail]}"), rp.TimeRemainingColumn(),
                console=rich.console.Console(stderr=True), transient=True, auto_refresh=False)

    def update(self, done: float, total: float | None = None, detail: str = "",
               label: str | None = None) -> None:
        """Redraw (five times a second at most): `done` of `total` (None: unknown)."""
        if self._bar is None:
            return
        if label is not None:
            self._label = label
        if self._task is None:
            self._bar.start()
            self._task = self._bar.add_task(self._label, total=total, detail=detail)
        self._bar.update(self._task, completed=done, total=total, detail=detail,
                         description=self._label)
        now = time.monotonic()
        if now - self._last >= 0.2:
            self._last = now
            self._bar.refresh()

    def finish(self) -> None:
        """Erase the display."""
        if self._bar is not None and self._task is not None:
            self._bar.stop()
            self._task = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.finish()


def ingest_progress(label: str,
                    enabled: bool) -> tuple[Progress, Callable[[IngestSummary], None]]:
    """The display of an ingest or load, and the callback `Store.ingest` calls with its running
    `IngestSummary`: records read and MB/s, percent and ETA by bytes when the size is known."""
    bar = Progress(label, enabled)

    def show(summary: IngestSummary) -> None:
        rate = summary.bytes_read / summary.seconds / 1e6 if summary.seconds > 0 else 0.0
        detail = f"{summary.records:,} records  {rate:,.1f} MB/s"
        if summary.total_bytes:
            bar.update(summary.bytes_read, summary.total_bytes, detail)
        else:
            bar.update(summary.records, None, detail)

    return bar, show
