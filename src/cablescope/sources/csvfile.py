"""The WikiLeaks `cables.csv` release: one row per cable, streamed (the real file is 1.7 GB).

No header row; 8 columns: row number, created (`12/28/1966 18:48`), cable ID, origin,
classification, references (comma-separated IDs), routing header, body. Comma-delimited, every
field double-quoted, a BACKSLASH escapes quotes (`\\"`) and itself, fields span many lines.
`DIALECT` is that format for `csv.reader`/`csv.writer`; the synthetic generator writes with it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import IO

from cablescope.sources.record import Problem, RawRecord
from cablescope.sources.streams import buffered

FORMAT = "csv"
COLUMNS = 8
# A field longer than this is a runaway quote, not a cable; bounds memory whatever the input.
FIELD_LIMIT = 64 * 1024 * 1024


class WikiLeaksDialect(csv.Dialect):
    """`cables.csv` as WikiLeaks released it."""

    delimiter = ","
    quotechar = '"'
    escapechar = "\\"
    doublequote = False
    quoting = csv.QUOTE_ALL
    lineterminator = "\n"
    skipinitialspace = False
    strict = True  # a quote left open at the end of the file is a cut-off row, not a row


DIALECT = WikiLeaksDialect

_CREATED = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})(?::\d{2})?\s*")
_UNDECODABLE = re.compile("[\udc80-\udcff]")


def parse_created(value: str) -> str | None:
    """`12/28/1966 18:48` -> `1966-12-28 18:48`; None when it is not a valid US date-time."""
    match = _CREATED.fullmatch(value)
    if not match:
        return None
    month, day, year, hour, minute = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour < 24 and minute < 60):
        return None
    return f"{year:04d}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}"


def format_created(value: str) -> str:
    """`1966-12-28 18:48` -> `12/28/1966 18:48`, the inverse of `parse_created`."""
    date, time = value.split(" ")
    year, month, day = date.split("-")
    return f"{month}/{day}/{year} {time}"


def _clean(value: str) -> tuple[str, bool]:
    """Undecodable bytes (kept as surrogates while reading) become U+FFFD."""
    if _UNDECODABLE.search(value) is None:
        return value, False
    return _UNDECODABLE.sub("\ufffd", value), True


def _row(row: list[str], source: str, locator: str,
         meta: dict[str, str]) -> RawRecord | Problem:
    if len(row) != COLUMNS:
        return Problem(source, locator, f"expected {COLUMNS} columns, found {len(row)}")
    number, created_raw, cable_id, origin, classification, references, header, body = row
    created = parse_created(created_raw)
    if created is None:
        return Problem(source, locator, f"bad created date {created_raw[:40]!r}")
    if not cable_id.strip():
        return Problem(source, locator, "empty cable ID")
    fields = {"id": cable_id.strip(), "created": created, "origin": origin.strip(),
              "classification": classification.strip(), "references": references.strip(),
              "row": number.strip()}
    record_meta = {**meta, **{k: v for k, v in fields.items() if v}}
    header, bad_header = _clean(header)
    body, bad_body = _clean(body)
    if bad_header or bad_body or _UNDECODABLE.search(" ".join(row[:6])):
        record_meta = {k: _clean(v)[0] for k, v in record_meta.items()}
        record_meta["encoding"] = "invalid UTF-8: bad bytes replaced with U+FFFD"
    return RawRecord(source=source, locator=locator, format=FORMAT, text=body, header=header,
                     meta=record_meta)


def read_csv(stream: IO[bytes], source: str, meta: dict[str, str]) -> Iterator[RawRecord | Problem]:
    """Every row of a `cables.csv` byte stream: a record, or a Problem naming its line.

    A bad row never stops the stream. Memory stays bounded by one row (at most `FIELD_LIMIT`).
    """
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)
    text = io.TextIOWrapper(buffered(stream), encoding="utf-8", errors="surrogateescape",
                            newline="")
    reader = csv.reader(text, dialect=DIALECT)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Problem(source, f"line {start}", f"unreadable CSV row: {exc}")
            continue
        if not row or row == [""]:
            continue
        record = _row(row, source, f"line {start}", meta)
        if isinstance(record, RawRecord) and "encoding" in record.meta:
            yield Problem(source, f"line {start}", record.meta["encoding"])
        yield record
    text.detach()
