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

from cablescope.sources.decoding import bom_encoding
from cablescope.sources.record import Problem, RawRecord
from cablescope.sources.streams import buffered

FORMAT = "csv"
COLUMNS = 8
# A row longer than this (characters) is a runaway quote, not a cable (the longest of the real
# corpus has 66,332): it bounds memory whatever the input.
ROW_LIMIT = 16 * 1024 * 1024
_BLOCK = 1 << 16  # characters read at a time
# A row's first line: its number, then the created date's opening quote.
_ROW_START = re.compile(r'"[0-9]{1,12}","')
_ROW_BOUNDARY = re.compile(r'\n(?="[0-9]{1,12}",")')
# A row's start inside a line: an unescaped quote, its number, then a created date. Inside a
# good row this cannot occur (quotes in fields are escaped); it marks a row glued to the end of
# one cut short.
_GLUED_ROW = re.compile(
    r'[^\\]"[0-9]{1,12}","[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}","')


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


def _byte(match: re.Match[str]) -> str:
    """One undecodable byte (kept as a surrogate while reading) read as cp1252, else latin-1."""
    byte = bytes([ord(match.group(0)) - 0xDC00])
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:
        return byte.decode("latin-1")


def _clean(value: str) -> tuple[str, bool]:
    """Bytes that are not UTF-8 (kept as surrogates while reading) are read as cp1252, the
    encoding of most non-UTF-8 dumps, rather than lost: `Caf\xe9` is `Café`, not `Caf\ufffd`.
    Valid UTF-8 around them stays as it is."""
    if _UNDECODABLE.search(value) is None:
        return value, False
    return _UNDECODABLE.sub(_byte, value), True


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
        record_meta["encoding"] = "invalid UTF-8: bytes decoded as cp1252"
    return RawRecord(source=source, locator=locator, format=FORMAT, text=body, header=header,
                     meta=record_meta)


def _rows(text: IO[str]) -> Iterator[tuple[int, str | None]]:
    """(first line number, the row's text) for each row of the file; None for a row longer
    than ROW_LIMIT characters, whose text is dropped as it streams.

    A row starts at a line that starts like one (`"<number>","`): the file is cut there before
    any quote is interpreted, so a broken row cannot swallow the rows after it. Text is read in
    blocks that end at a line end (a line is read at most ROW_LIMIT characters at a time), so
    memory holds one block and one row whatever the input.
    """
    pending: list[str] = []  # the current row so far
    size = 0  # its characters, counted even when dropped
    overflow = False
    line = 1  # the line the current row starts on
    lines = 0  # line ends in the current row
    at_line_start = True
    while True:
        block = text.read(_BLOCK)
        if not block:
            break
        if not block.endswith("\n"):
            block += text.readline(ROW_LIMIT)
        cuts = [m.start() + 1 for m in _ROW_BOUNDARY.finditer(block)]
        if at_line_start and _ROW_START.match(block):
            cuts.insert(0, 0)
        at_line_start = block.endswith("\n")
        begin = 0
        for cut in [*cuts, None]:
            piece = block[begin:cut]
            lines += piece.count("\n")
            size += len(piece)
            if size > ROW_LIMIT:
                overflow, pending = True, []
            elif piece:
                pending.append(piece)
            if cut is None:
                break
            if size:
                yield line, None if overflow else "".join(pending)
            line += lines
            pending, size, overflow, lines, begin = [], 0, False, 0, cut
    if size:
        yield line, None if overflow else "".join(pending)


def _parse_row(row_text: str, source: str, locator: str,
               meta: dict[str, str]) -> RawRecord | Problem | None:
    """One row's text as a record, or a Problem saying why it is not one (None: blank)."""
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(row_text, newline=""), dialect=DIALECT):
            if row and row != [""]:
                rows.append(row)
    except csv.Error as exc:
        if rows:
            return Problem(source, locator, "unbalanced quoting: a quote inside a field ends it "
                           f"early and the rest of the row is not CSV ({exc})")
        reason = f"unreadable CSV row: {exc}"
        if row_text.rstrip("\r\n").endswith('\\"'):
            reason += (": the backslash before its last quote escapes it, so its last field "
                       "never closes (a backslash in a field is written \\\\)")
        return Problem(source, locator, reason)
    if not rows:
        return None
    if len(rows) > 1:
        return Problem(source, locator, f"unbalanced quoting: a quote inside a field ends it "
                       f"early and the row falls apart into {len(rows)} rows")
    return _row(rows[0], source, locator, meta)


def _place(row_text: str, index: int, line: int) -> str:
    """`line L, character C` of the character at `index` of a row starting on `line`."""
    start = row_text.rfind("\n", 0, index) + 1
    return f"line {line + row_text.count(chr(10), 0, index)}, character {index - start + 1}"


def _where_undecodable(row_text: str, line: int) -> str:
    """A problem's reason for a row with bytes that are not UTF-8: how many, where the first
    is, what they were read as."""
    bad = _UNDECODABLE.findall(row_text)
    first = _UNDECODABLE.search(row_text)
    assert first is not None
    return (f"invalid UTF-8: {len(bad):,} byte{'s' if len(bad) > 1 else ''} decoded as cp1252 "
            f"(the first, 0x{ord(first.group(0)) - 0xDC00:02X}, at "
            f"{_place(row_text, first.start(), line)})")


def read_csv(stream: IO[bytes], source: str, meta: dict[str, str]) -> Iterator[RawRecord | Problem]:
    """Every row of a `cables.csv` byte stream: a record, or a Problem naming its line.

    A bad row never stops the stream, nor spoils the rows around it. Memory stays bounded by one
    row (at most `ROW_LIMIT` characters) and one block of the file.
    """
    if csv.field_size_limit() < ROW_LIMIT:
        csv.field_size_limit(ROW_LIMIT)
    data = buffered(stream)
    # a byte order mark says UTF-16 (or 32); read as UTF-8 such a file is one unbalanced row
    marked = bom_encoding(data.peek(4)[:4])
    if marked in ("utf-16", "utf-32"):
        yield Problem(source, "line 1", f"the file is {marked.upper()} (it starts with a byte "
                      "order mark): read as such; cables.csv is UTF-8")
    text = io.TextIOWrapper(data, encoding=marked or "utf-8", newline="",
                            errors="replace" if marked in ("utf-16", "utf-32")
                            else "surrogateescape")
    for line, row_text in _rows(text):
        locator = f"line {line}"
        if row_text is None:
            yield Problem(source, locator, f"row longer than {ROW_LIMIT:,} characters (a "
                          "quote never closed?): not read")
            continue
        yield from _row_records(row_text, line, source, meta)
    text.detach()


def _junk_after_row(row_text: str) -> int | None:
    """Where lines with no quote at all begin after a whole first row (text pasted between
    rows): they belong to no row, and the row before them is complete. None otherwise; a
    stray quote that splits a text leaves a quote in the lines after it."""
    lines = io.StringIO(row_text, newline="").readlines()
    reader = csv.reader(iter(lines), dialect=DIALECT)
    try:
        first = next(reader)
    except (csv.Error, StopIteration):
        return None
    end = sum(len(text) for text in lines[:reader.line_num])
    rest = row_text[end:]
    if len(first) != COLUMNS or not rest.strip() or '"' in rest:
        return None
    return end


def _glued_rows(row_text: str, start: int, line: int, source: str, meta: dict[str, str],
                whole: Problem) -> Iterator[RawRecord | Problem]:
    """The rows of a text where each row but the last starts inside the one before (rows cut
    short, each with the next glued on): every piece a problem of its own, the last read as a
    row. Each piece is parsed once, so a run of them costs time linear in the text (reading
    the rest again after each cut was quadratic). A piece with another row starting inside the
    rest is never read as the rest's one row: an unescaped quote ends a field, so a whole row
    holds no row start after its first character."""
    pos, first_line = 0, line
    while True:
        locator = f"line {line}"
        head = _parse_row(row_text[pos:start] + "\n", source, locator, meta)
        reason = head.reason if isinstance(head, Problem) else whole.reason
        yield Problem(source, locator, f"{reason}; the next row starts inside it, at "
                      f"{_place(row_text, start, first_line)} (a row cut short?): read on "
                      "its own")
        line += row_text.count("\n", pos, start)
        pos = start
        glued = _GLUED_ROW.search(row_text, pos + 1)
        if glued is None:
            yield from _row_records(row_text[pos:], line, source, meta)
            return
        start = glued.start() + 1
        after = _GLUED_ROW.search(row_text, start + 1)
        window = row_text[pos:after.start() + 1 if after else len(row_text)]
        parsed = _parse_row(window, source, locator, meta)
        whole = parsed if isinstance(parsed, Problem) else Problem(
            source, locator, "unbalanced quoting: a quote inside a field ends it early")


def _row_records(row_text: str, line: int, source: str,
                 meta: dict[str, str]) -> Iterator[RawRecord | Problem]:
    """The record of one row's text, with the problems it carries; a row that does not parse
    and holds the start of another row inside a line (a row cut short, the next glued on) is
    split there, so the row after it is not lost with it."""
    locator = f"line {line}"
    record = _parse_row(row_text, source, locator, meta)
    if isinstance(record, Problem):
        junk = _junk_after_row(row_text)
        if junk is not None:
            yield from _row_records(row_text[:junk], line, source, meta)
            lines = row_text[junk:].strip("\n").count("\n") + 1
            yield Problem(source, f"line {line + row_text.count(chr(10), 0, junk)}",
                          f"{lines:,} line{'s' if lines > 1 else ''} between two rows that "
                          "belong to neither (no quote in them): skipped")
            return
        glued = _GLUED_ROW.search(row_text, 1)
        if glued is not None:
            yield from _glued_rows(row_text, glued.start() + 1, line, source, meta, record)
            return
    if record is None:
        return
    if isinstance(record, RawRecord) and "encoding" in record.meta:
        yield Problem(source, locator, _where_undecodable(row_text, line))
    elif isinstance(record, RawRecord) and "\x00" in row_text:
        at = _place(row_text, row_text.index("\x00"), line)
        yield Problem(source, locator, f"{row_text.count(chr(0)):,} NUL characters (the "
                      f"first at {at}): a damaged or binary file? the row is stored as read")
    yield record
