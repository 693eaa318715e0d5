"""Options every command shares, defined once (the sqlite-utils way)."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

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


def existing_db(db: Path) -> Path:
    """The database a read command needs; a clear error when it is not there yet."""
    if not db.exists():
        raise click.ClickException(
            f"no database at {db}: run `cablescope ingest CORPUS --db {db}` first"
        )
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


class ProgressLine:
    """A one-line progress display on stderr: count, MB/s, percent and ETA when the size is known.

    Silent when `enabled` is False (`--quiet`) or stderr is not a terminal, so logs and pipes
    get no carriage-return noise. Redraws at most five times a second.
    """

    def __init__(self, label: str, enabled: bool = True, unit: str = "records") -> None:
        self.label = label
        self.unit = unit
        self.enabled = enabled and sys.stderr.isatty()
        self._last = 0.0
        self._width = 0

    def update(self, count: int, done_bytes: int, total_bytes: int | None,
               seconds: float) -> None:
        """Redraw with the running totals (throttled)."""
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.2:
            return
        self._last = now
        rate = done_bytes / seconds / 1e6 if seconds > 0 else 0.0
        line = f"{self.label}: {count:,} {self.unit}  {rate:,.1f} MB/s"
        if total_bytes and done_bytes and seconds > 0:
            fraction = min(done_bytes / total_bytes, 1.0)
            eta = seconds * (1 - fraction) / fraction if fraction > 0 else 0.0
            line += f"  {fraction:4.0%}  ETA {int(eta) // 60}:{int(eta) % 60:02d}"
        self._draw(line)

    def finish(self) -> None:
        """Erase the line, leaving the terminal clean for the summary."""
        if self.enabled and self._width:
            self._draw("")
            sys.stderr.write("\r")
            sys.stderr.flush()

    def _draw(self, line: str) -> None:
        sys.stderr.write("\r" + line.ljust(self._width))
        sys.stderr.flush()
        self._width = len(line)
