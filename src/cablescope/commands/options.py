"""Options every command shares, defined once (the sqlite-utils way)."""

from __future__ import annotations

import json
import os
import sys
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
