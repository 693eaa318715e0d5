"""The reading end of an ingest: records in, those not already stored out, in this process or
in a process of its own.

Reading a corpus is work of its own (unpacking an archive, taking the cable text out of its
HTML page, hashing it): about a fifth of an ingest's CPU on the real corpus. In the ingesting
process it competes with the writer for the interpreter; in a reader process it runs beside it.
A `Corpus` (`cablescope.sources.open_corpus`) of READ_APART_BYTES or more is read apart when
parsing runs in worker processes; any other iterable of records is read here.

The reader process gets the corpus (path, format) and the database path on stdin and sends
frames of items on stdout, with how far it has read; it ends at the end of the input, and when
the ingesting process is gone (its next write fails).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from cablescope.errors import StoreError
from cablescope.sources.corpus import Corpus
from cablescope.sources.record import Problem, RawRecord
from cablescope.store.workers import child_pipes, read_frame, receive, spawn, stop, write_frame

READ_APART_BYTES = 8_000_000  # smaller inputs are read here: a process costs a tenth of a second
PROGRESS_EVERY = 200  # records skipped as stored between two progress markers
FRAME_ITEMS = 100  # items per frame from the reader process
_ENTRY = "from cablescope.store.reading import main; main()"

# None in the stream: records were skipped as already stored; a chance to report progress.
Item = tuple[RawRecord, str] | Problem | None


@dataclass(slots=True)
class Tally:
    """What the reading end counted: records read, of which already stored, and the last
    problem the reader met (it says why an input stopped early)."""

    records: int = 0
    unchanged: int = 0
    last_problem: Problem | None = None


def readonly_uri(path: Path) -> str:
    """The SQLite URI that opens the database at `path` for reading only."""
    return f"file:{quote(str(path.resolve()))}?mode=ro"


class KnownVersions:
    """Answers "is this record's text already stored?" from the sha256 index, before parsing.

    It reads through a connection of its own: it sees what is committed, which is what a resumed
    ingest needs to skip (the writer checks again anyway).
    """

    def __init__(self, db_path: str) -> None:
        self.conn = sqlite3.connect(readonly_uri(Path(db_path)), uri=True,
                                    check_same_thread=False)

    def close(self) -> None:
        self.conn.close()

    def has(self, record: RawRecord, sha: str) -> bool:
        ids = [cid for (cid,) in self.conn.execute(
            "SELECT cable_id FROM versions WHERE sha256 = ?", (sha,))]
        if not ids:
            return False
        claimed = record.meta.get("id")
        if not claimed:
            return len(ids) == 1  # the text alone identifies it
        from cablescope.parse import canonical_id

        try:
            return canonical_id(claimed) in ids
        except Exception:  # an ID the parser rejects: let the full path decide
            return False


def fresh(records: Iterable[RawRecord | Problem], known: KnownVersions,
          tally: Tally) -> Iterator[Item]:
    """The records not already stored (with their hash) and the problems, counted in `tally`."""
    for item in records:
        if isinstance(item, Problem):
            tally.last_problem = item
            yield item
            continue
        tally.records += 1
        sha = item.sha256
        if not known.has(item, sha):
            yield item, sha
            continue
        tally.unchanged += 1
        if tally.unchanged % PROGRESS_EVERY == 0:
            yield None


def reads_apart(records: object, workers: int) -> bool:
    """Whether `records` is read in a process of its own (see the module docstring)."""
    return (workers > 0 and isinstance(records, Corpus)
            and records.total_bytes >= READ_APART_BYTES)


def read_apart(corpus: Corpus, db_path: str, tally: Tally) -> Iterator[Item]:
    """`fresh(corpus)`, read in a reader process. While it runs, `corpus.bytes_read` follows
    the reader's; at the end `corpus.failed` says whether the input stopped early."""
    (proc,) = spawn(_ENTRY, 1)
    finished = False
    try:
        assert proc.stdin is not None
        write_frame(proc.stdin, (str(corpus.path), corpus.format, corpus.follow_symlinks, db_path))
        proc.stdin.close()
        while True:
            frame = receive(proc, StoreError, "reader process")
            kind = frame[0]
            if kind == "items":
                _, items, tally.records, tally.unchanged, corpus.bytes_read = frame
                for item in items:
                    if isinstance(item, Problem):
                        tally.last_problem = item
                    yield item
            elif kind == "end":
                _, corpus.failed, corpus.bytes_read = frame
                finished = True
                return
            else:  # "error": the reader failed
                raise StoreError(f"reading {corpus.path}: {frame[1]}")
    finally:
        if not finished:
            proc.kill()
        stop([proc], timeout=10)


def main() -> None:
    """A reader process: (path, format, follow_symlinks, database) on stdin; frames of items
    on stdout."""
    source, sink = child_pipes()
    path, fmt, follow_symlinks, db_path = read_frame(source)
    with contextlib.suppress(BrokenPipeError):  # the ingesting process is gone: stop
        try:
            corpus = Corpus(path, fmt, follow_symlinks=follow_symlinks)
            known = KnownVersions(db_path)
            tally = Tally()
            items: list[Item] = []
            for item in fresh(corpus, known, tally):
                items.append(item)
                if len(items) >= FRAME_ITEMS or item is None:
                    write_frame(sink, ("items", items, tally.records, tally.unchanged,
                                       corpus.bytes_read))
                    items = []
            write_frame(sink, ("items", items, tally.records, tally.unchanged, corpus.bytes_read))
            write_frame(sink, ("end", corpus.failed, corpus.bytes_read))
            known.close()
        except BrokenPipeError:
            raise
        except Exception as exc:  # say what went wrong rather than just ending
            write_frame(sink, ("error", f"{type(exc).__name__}: {exc}"))
