"""Parse every stored cable again from its stored text: what brings a database up to date with
a newer parser (`cablescope reparse`).

Versions are never touched. For each cable the current version (the highest numbered, the newest
released) is parsed again; when what the parser gives differs from the stored rows, the cable's
`cables`, `paragraphs` (and their full-text index), `refs`, `tags` and `recipients` rows are
replaced, like an ingest of a new current version. Cables whose rows come out the same keep
their rows and paragraph ids, so layers built on them (the trace index, entities) only redo what
changed. Unknown posts in references become problem rows, as at ingest. Work is committed every
few seconds: interrupted, the command can simply be run again.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cablescope.sources.record import Problem, RawRecord
from cablescope.store.ingest import default_workers, parsed
from cablescope.store.reading import readonly_uri
from cablescope.store.rows import (
    CABLE_COLUMNS,
    VersionRows,
    mark_parsed,
)
from cablescope.store.writer import Writer

COMMIT_SECONDS = 5.0


@dataclass(slots=True)
class ReparseSummary:
    """What a reparse did. `cables` = changed + unchanged + problems."""

    cables: int = 0
    changed: int = 0  # cables whose rows were replaced
    unchanged: int = 0  # cables whose rows came out the same
    problems: int = 0  # cables whose stored text no longer parses into a cable
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        return (f"{self.cables:,} cables parsed again: {self.changed:,} changed, "
                f"{self.unchanged:,} unchanged, {self.problems:,} problems; "
                f"{self.seconds:,.1f} s")


Progress = Callable[[ReparseSummary], None]


def _current_versions(db_path: str) -> Iterator[tuple[RawRecord, str]]:
    """(record, sha256) of every cable's newest version, read on a connection of its own."""
    # read in the thread that feeds the parser processes, not the one that opened it
    conn = sqlite3.connect(readonly_uri(Path(db_path)), uri=True, check_same_thread=False)
    try:
        rows = conn.execute(
            "SELECT v.source, v.locator, v.format, v.text, v.header, v.meta, v.sha256 "
            "FROM versions v JOIN (SELECT cable_id, max(version) AS version FROM versions "
            "GROUP BY cable_id) n ON n.cable_id = v.cable_id AND n.version = v.version "
            "ORDER BY v.cable_id")
        for source, locator, fmt, text, header, meta, sha in rows:
            yield RawRecord(source, locator, fmt, text, header, json.loads(meta)), sha
    finally:
        conn.close()


def _stored(conn: sqlite3.Connection, cable_id: str) -> tuple | None:
    cable = conn.execute(f"SELECT {', '.join(CABLE_COLUMNS)}, version FROM cables WHERE id = ?",
                         (cable_id,)).fetchone()
    if cable is None:
        return None
    return (
        cable,
        conn.execute("SELECT seq, number, marking, heading, start, end, marking_raw FROM "
                     "paragraphs WHERE cable_id = ? ORDER BY seq", (cable_id,)).fetchall(),
        conn.execute("SELECT seq, letter, raw, cited, kind, post, post_match FROM refs "
                     "WHERE citing = ? ORDER BY seq", (cable_id,)).fetchall(),
        conn.execute("SELECT tag, kind, seq FROM tags WHERE cable_id = ? ORDER BY seq, tag",
                     (cable_id,)).fetchall(),
        conn.execute("SELECT seq, kind, name FROM recipients WHERE cable_id = ? ORDER BY seq",
                     (cable_id,)).fetchall(),
    )


def _fresh(rows: VersionRows, version: int) -> tuple:
    return (
        (*rows.cable, version),
        [(p[0], p[1], p[2], p[3], p[4], p[5], p[7]) for p in rows.paragraphs],
        [tuple(r) for r in rows.refs],
        sorted((tuple(t) for t in rows.tags), key=lambda t: (t[2], t[0])),
        [tuple(r) for r in rows.recipients],
    )


def run(conn: sqlite3.Connection, db_path: str, progress: Progress | None = None,
        workers: int | None = None) -> ReparseSummary:
    """Parse every cable's newest version again and replace the rows that changed."""
    summary = ReparseSummary()
    started = time.monotonic()
    workers = default_workers() if workers is None else workers
    newest = {sha: (cable_id, version) for cable_id, version, sha in conn.execute(
        "SELECT v.cable_id, v.version, v.sha256 FROM versions v JOIN (SELECT cable_id, "
        "max(version) AS version FROM versions GROUP BY cable_id) n "
        "ON n.cable_id = v.cable_id AND n.version = v.version")}
    writer = Writer(conn)
    last_commit = time.monotonic()
    results = parsed(_current_versions(db_path), workers)  # a generator: closed below
    try:
        for result in results:
            if result is None:
                continue
            if not writer.conn.in_transaction:
                writer.begin()
            summary.cables += 1
            if isinstance(result, Problem):
                writer.problem(result)
                summary.problems += 1
            else:
                cable_id, version = newest[result.sha256]
                if result.cable_id != cable_id:  # the ID read from the text changed
                    writer.problem(Problem(result.source, result.locator,
                                           f"{cable_id} now parses as {result.cable_id}; "
                                           f"kept as {cable_id}"))
                    summary.problems += 1
                elif _stored(conn, cable_id) == _fresh(result, version):
                    summary.unchanged += 1
                else:
                    for note in result.notes:
                        writer.problem(Problem(result.source, result.locator, note))
                    writer.replace_current(result, version)
                    summary.changed += 1
            if time.monotonic() - last_commit >= COMMIT_SECONDS:
                writer.commit()
                last_commit = time.monotonic()
                if progress is not None:
                    summary.seconds = time.monotonic() - started
                    progress(summary)
        if not writer.conn.in_transaction:
            writer.begin()
        mark_parsed(conn)
        writer.commit()
    except BaseException:
        writer.rollback()
        raise
    finally:
        results.close()
    summary.seconds = time.monotonic() - started
    if progress is not None:
        progress(summary)
    return summary
