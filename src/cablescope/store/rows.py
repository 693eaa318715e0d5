"""A parsed cable flattened into the rows the store writes, and the worker that makes them.

Flattening happens next to parsing (in a worker process during a big ingest), so the single
writer only runs SQL. Everything here is plain tuples: cheap to pickle between processes.
"""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from cablescope.parse.model import Cable
from cablescope.parse.refs import unknown_posts
from cablescope.sources.record import Problem, RawRecord

LIST_SEP = "; "  # classified_by, signers
WARN_SEP = "\n"  # warnings may contain '; '
# Seconds one record may take to parse; past that it becomes a problem and the ingest goes on.
# (A cable parses in milliseconds; the longest real one, 66 KB, in well under a second.)
ROW_SECONDS = 10.0
# What may be stored as a cable ID: the canonical form, or the rare malformed one WikiLeaks
# itself published (`08ECTION01OF02MANAMA492`): two-digit year, letters and digits, a serial.
# Anything else (`../../ETC/PASSWD`, 5,000 characters) is a problem, not a cable.
_STORABLE_ID = re.compile(r"[0-9]{2}[A-Z][A-Z0-9]{0,60}[0-9]")


@dataclass(slots=True)
class VersionRows:
    """One version of one cable, ready to write: the version row plus its cable's rows."""

    cable_id: str
    sha256: str
    seen: str | None
    released: str | None
    source: str
    locator: str
    format: str
    header: str
    text: str
    meta: str  # JSON
    cable: tuple  # cables columns in CABLE_COLUMNS order, without `version`
    paragraphs: list[tuple]  # (seq, number, marking, heading, start, end, text, marking_raw)
    refs: list[tuple]  # (seq, letter, raw, cited, kind, post, post_match)
    tags: list[tuple]  # (tag, kind, seq)
    recipients: list[tuple]  # (seq, kind, name)
    notes: list[str] = field(default_factory=list)  # problems with a stored cable, to record


# Bumped whenever the stored parse changes in a way `reparse` should bring to old databases.
PARSER_VERSION = "2"
PARSER_KEY = "parse:version"


def parser_version(conn: sqlite3.Connection) -> str | None:
    """The parser version the stored parse comes from (None: from before versions were kept)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (PARSER_KEY,)).fetchone()
    return row[0] if row else None


def mark_parsed(conn: sqlite3.Connection) -> None:
    """Record that the stored parse is the current parser's."""
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                 (PARSER_KEY, PARSER_VERSION))


CABLE_COLUMNS = (
    "id", "raw_id", "created", "year", "released", "origin", "classification", "caveats",
    "subject", "classified_by", "classified_by_title", "reasons", "signers", "summary",
    "partial", "redactions", "paragraph_count", "comment", "warnings",
)


def _year(created: str | None) -> int | None:
    if created and len(created) >= 4 and created[:4].isdigit():
        return int(created[:4])
    return None


def _joined(items: list[str], sep: str) -> str | None:
    return sep.join(items) if items else None


def tag_rows(cable: Cable) -> list[tuple]:
    """(tag, kind, seq) for each distinct tag, in TAGS order; kind from the parser's split."""
    kinds: dict[str, str] = {}
    for kind, tags in (("subject", cable.subject_tags), ("geo", cable.geo_tags),
                       ("person", cable.person_tags)):
        for tag in tags:
            kinds.setdefault(tag, kind)
    order = list(dict.fromkeys([*cable.tags, *cable.subject_tags, *cable.geo_tags,
                                *cable.person_tags]))
    return [(tag, kinds.get(tag, "other"), seq) for seq, tag in enumerate(order)]


def version_rows(record: RawRecord, cable: Cable, sha256: str | None = None) -> VersionRows:
    """Flatten one record and the cable parsed from it."""
    meta = record.meta
    cable_row = (
        cable.id, cable.raw_id or cable.id, cable.created, _year(cable.created),
        cable.released, cable.origin, cable.classification, " ".join(cable.caveats),
        cable.subject, _joined(cable.classified_by, LIST_SEP), cable.classified_by_title,
        cable.reasons, _joined(cable.signers, LIST_SEP), cable.summary, int(cable.partial),
        cable.redactions, sum(1 for p in cable.paragraphs if p.number is not None),
        cable.comment, _joined(cable.warnings, WARN_SEP),
    )
    return VersionRows(
        cable_id=cable.id,
        sha256=sha256 or record.sha256,
        seen=meta.get("seen") or None,
        released=meta.get("released") or cable.released,
        source=record.source,
        locator=record.locator,
        format=record.format,
        header=record.header,
        text=record.text,
        meta=json.dumps(meta, ensure_ascii=False, sort_keys=True),
        cable=cable_row,
        paragraphs=[(p.seq, p.number, p.marking, p.heading, p.start, p.end, p.text,
                     p.marking_raw) for p in cable.paragraphs],
        refs=[(seq, r.letter, r.raw, r.cable_id, r.kind, r.post, r.post_match)
              for seq, r in enumerate(cable.references)],
        tags=tag_rows(cable),
        recipients=[(seq, r.kind, r.name) for seq, r in enumerate(cable.recipients)],
        notes=[f"{cable.id}: unknown post {r.post!r} in reference {r.raw!r}"
               for r in unknown_posts(cable.references)],
    )


class ParseTimeout(BaseException):
    """A record's parse ran out of time (a BaseException, so no `except Exception` in the
    parser swallows it)."""


def _timed_out(signum: int, frame: object) -> None:
    raise ParseTimeout


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ParseTimeout in the block after `seconds`, by SIGALRM: only in a process's main
    thread (where ingest parses: the CLI, worker and ingest processes); elsewhere unlimited.
    Regular expressions check for signals as they run, so a backtracking one is stopped too."""
    if (seconds <= 0 or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _timed_out)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parse_to_rows(record: RawRecord, sha256: str | None = None) -> VersionRows | Problem:
    """Parse one record; a record the parser cannot make a cable of (in `ROW_SECONDS`, or with
    an ID that is not a cable ID) becomes a Problem."""
    from cablescope.parse import parse_record

    try:
        with time_limit(ROW_SECONDS):
            cable = parse_record(record)
    except ParseTimeout:
        return Problem(record.source, record.locator,
                       f"cannot parse: gave up after {ROW_SECONDS:g} s (the parser does not "
                       "finish on this text)")
    except Exception as exc:  # any parser failure is data to keep, never a crash
        return Problem(record.source, record.locator, f"cannot parse: {type(exc).__name__}: {exc}")
    if not cable.id:
        return Problem(record.source, record.locator, "cannot parse: no cable ID found")
    if not _STORABLE_ID.fullmatch(cable.id):
        shown = cable.raw_id or cable.id
        shown = repr(shown[:60]) + (f" ({len(shown):,} characters)" if len(shown) > 60 else "")
        return Problem(record.source, record.locator, f"not a cable ID: {shown}")
    return version_rows(record, cable, sha256)


def parse_batch(batch: list[tuple[RawRecord, str] | Problem | None],
                strip: bool = False) -> list[VersionRows | Problem | None]:
    """Parse a batch of (record, sha256) pairs in order; a reader's Problem (or a None marking
    skipped records) passes through, keeping its place in the stream.

    `strip` (in a worker process) leaves out what the caller still holds: the record's text and
    header, and each paragraph's text when it is the slice `text[start:end]`; `restore` puts
    them back. This halves what travels between the processes.
    """
    out = [item if item is None or isinstance(item, Problem) else parse_to_rows(*item)
           for item in batch]
    if strip:
        for rows in out:
            if isinstance(rows, VersionRows):
                text = rows.text
                rows.paragraphs = [p if p[6] != text[p[4]:p[5]] else (*p[:6], None, *p[7:])
                                   for p in rows.paragraphs]
                rows.text = rows.header = ""
    return out


def restore(rows: VersionRows, record: RawRecord) -> VersionRows:
    """Undo `parse_batch(strip=True)` with the record the rows were parsed from."""
    text = rows.text = record.text
    rows.header = record.header
    rows.paragraphs = [p if p[6] is not None else (*p[:6], text[p[4]:p[5]], *p[7:])
                       for p in rows.paragraphs]
    return rows
