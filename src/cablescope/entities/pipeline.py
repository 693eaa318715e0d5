"""Extraction over a database: cables in, mentions / meetings / quotes out, then resolution.

Cables are extracted in batches by worker processes (`workers.ExtractionPool`; each loads the
spaCy model once) while this process writes, one transaction per batch together with the
`entity_cables` rows that mark those cables done. A kill loses at most the batches in flight;
running the same command again skips every cable already extracted from its current version by
this extractor, so it resumes. When the extractor's rules change (`EXTRACTOR_VERSION`), every
cable counts as stale and is redone. Nothing here touches the network: the model is loaded from
the installed package.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cablescope.entities.batch import cable_input, host_countries, learn_corpus_casing
from cablescope.entities.extract import Extractor, load_nlp
from cablescope.entities.model import Block, CableContext, CableEntities
from cablescope.entities.resolve import resolve
from cablescope.entities.workers import ExtractionPool, serve
from cablescope.errors import CablescopeError
from cablescope.store import Store

EXTRACTOR_VERSION = "2"
BATCH = 16  # cables per worker task
CASING_SAMPLE = 25_000  # paragraphs read to learn how words are cased
Progress = Callable[["ExtractSummary"], None]


@dataclass(slots=True)
class ExtractSummary:
    """What an extraction run did; `words` counts the words of the cables extracted."""

    selected: int = 0  # cables the filters chose
    extracted: int = 0  # of those, extracted by this run
    skipped: int = 0  # already extracted from their current version
    words: int = 0
    mentions: int = 0
    meetings: int = 0
    quotes: int = 0
    entities: int = 0  # entities after resolution
    workers: int = 0
    seconds: float = 0.0
    extract_seconds: float = 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.extract_seconds if self.extract_seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["words_per_second"] = round(self.words_per_second, 1)
        return data

    def line(self) -> str:
        return (f"{self.extracted:,} cables extracted ({self.skipped:,} already done), "
                f"{self.words:,} words at {self.words_per_second:,.0f} words/s on "
                f"{max(self.workers, 1)} process(es); {self.mentions:,} mentions, "
                f"{self.meetings:,} meetings, {self.quotes:,} quotes; {self.entities:,} entities "
                f"after resolution; {self.seconds:,.1f} s")


@dataclass(frozen=True, slots=True)
class Selection:
    """Which cables to extract: explicit IDs and/or filters (all combined with AND)."""

    cables: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    origin: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    limit: int | None = None

    def where(self) -> tuple[str, list[Any]]:
        """SQL condition over `cables c`, with its parameters."""
        clauses: list[str] = ["1"]
        params: list[Any] = []
        if self.cables:
            clauses.append(f"c.id IN ({','.join('?' * len(self.cables))})")
            params += list(self.cables)
        for tag in self.tags:
            clauses.append("EXISTS (SELECT 1 FROM tags t WHERE t.cable_id = c.id AND t.tag = ?)")
            params.append(tag)
        if self.origin:
            clauses.append("c.origin = ?")
            params.append(self.origin)
        if self.year_from is not None:
            clauses.append("c.year >= ?")
            params.append(self.year_from)
        if self.year_to is not None:
            clauses.append("c.year <= ?")
            params.append(self.year_to)
        return " AND ".join(clauses), params


def default_workers() -> int:
    """Extraction processes: one per core (this process only writes, which costs little)."""
    return max(1, os.cpu_count() or 1)


def load_cable(conn: sqlite3.Connection, cable_id: str,
               countries: dict[str, str]) -> tuple[CableContext, list[Block]] | None:
    """A cable's context and paragraphs, as extraction reads them; None if it is not stored."""
    row = conn.execute(
        "SELECT id, created, origin, subject, classified_by, classified_by_title, signers "
        "FROM cables WHERE id = ?", (cable_id,)).fetchone()
    if row is None:
        return None
    tags = conn.execute("SELECT tag, kind FROM tags WHERE cable_id = ? ORDER BY rowid",
                        (cable_id,)).fetchall()
    blocks = conn.execute(
        "SELECT seq, number, text FROM paragraphs WHERE cable_id = ? ORDER BY seq", (cable_id,))
    recipients = conn.execute("SELECT kind, name FROM recipients WHERE cable_id = ? ORDER BY seq",
                              (cable_id,)).fetchall()
    cid, created, origin, subject, classified_by, classified_by_title, signers = row
    return cable_input(cid, created, origin, subject, classified_by, classified_by_title,
                       signers, tags, blocks, countries, recipients)


def casing_table(conn: sqlite3.Connection) -> dict[str, tuple[int, int, int]]:
    """The word-casing table of this corpus, learnt once from its mixed-case paragraphs."""
    return {w: (lo, ti, up) for w, lo, ti, up in conn.execute(
        "SELECT word, lower, title, upper FROM entity_casing")}


def ensure_casing(conn: sqlite3.Connection, sample: int = CASING_SAMPLE) -> int:
    """Learn the casing table when the corpus changed since it was learnt; returns its size.

    At most `sample` paragraphs are read, evenly spread over the corpus: word casing settles
    long before that, and a large corpus would otherwise spend minutes here.
    """
    cables = conn.execute("SELECT count(*) FROM cables").fetchone()[0]
    row = conn.execute("SELECT value FROM meta WHERE key = 'entities:casing_cables'").fetchone()
    if row and int(row[0]) == cables:
        return conn.execute("SELECT count(*) FROM entity_casing").fetchone()[0]
    total = conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
    step = max(1, total // sample)
    texts = (t for (t,) in conn.execute("SELECT text FROM paragraphs WHERE pid % ? = 0", (step,)))
    table = learn_corpus_casing(texts)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DELETE FROM entity_casing")
    conn.executemany("INSERT INTO entity_casing VALUES (?, ?, ?, ?)",
                     ((w, *row) for w, row in table.items()))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('entities:casing_cables', ?)",
                 (str(cables),))
    conn.execute("COMMIT")
    return len(table)


# --- worker side ---------------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def load_worker_model() -> None:
    """Load the spaCy model into this process (what `open_worker` would otherwise load): an
    extraction process does it before it is given the database."""
    if "nlp" not in _WORKER:
        _WORKER["nlp"] = load_nlp()


def open_worker(db_path: str) -> None:
    """Get this process ready to extract from the database at `db_path` (read-only)."""
    conn = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True,
                           check_same_thread=False)
    load_worker_model()
    _WORKER.update(conn=conn, countries=host_countries(conn),
                   extractor=Extractor(_WORKER["nlp"], casing=casing_table(conn)))


def work() -> None:
    """An extraction process (`workers.ExtractionPool` starts it): `load_worker_model`,
    `open_worker`, then `extract_batch` on every batch it is sent."""
    serve(open_worker, extract_batch, prepare=load_worker_model)


def extract_batch(cable_ids: Sequence[str]) -> list[tuple[CableEntities, int]]:
    """Extract a batch (after `open_worker`); returns each cable's results with its version."""
    conn: sqlite3.Connection = _WORKER["conn"]
    items = []
    for cable_id in cable_ids:
        loaded = load_cable(conn, cable_id, _WORKER["countries"])
        if loaded is not None:
            version = conn.execute("SELECT version FROM cables WHERE id = ?",
                                   (cable_id,)).fetchone()[0]
            items.append((loaded, version))
    extractor: Extractor = _WORKER["extractor"]
    results = extractor.extract_many(loaded for loaded, _v in items)
    return [(r, v) for r, (_loaded, v) in zip(results, items, strict=True)]


def _batches(ids: list[str], size: int, processes: int = 0) -> Iterator[list[str]]:
    """`ids` in batches of `size`; for `processes` processes, the last batches smaller (half
    of each process's share of what is left, down to one cable), so that they finish together
    instead of one waiting for the other's last batch."""
    i = 0
    while i < len(ids):
        take = size
        if processes:
            take = max(1, min(size, -(-(len(ids) - i) // (2 * processes))))
        yield ids[i : i + take]
        i += take


def _run(db_path: str, ids: list[str], pool: ExtractionPool | None,
         size: int) -> Iterator[list[tuple[CableEntities, int]]]:
    if pool is None:
        open_worker(db_path)
        try:
            for batch in _batches(ids, size):
                yield extract_batch(batch)
        finally:
            _WORKER.pop("conn").close()
        return
    pool.open(str(Path(db_path).resolve()))
    yield from pool.map(_batches(ids, size, pool.processes))


# --- writer side ---------------------------------------------------------------------------------


def clear(conn: sqlite3.Connection, cable_ids: Iterable[str]) -> None:
    """Forget what extraction found in these cables (inside the caller's transaction)."""
    for cable_id in cable_ids:
        conn.execute("DELETE FROM meeting_participants WHERE meeting_id IN "
                     "(SELECT id FROM meetings WHERE cable_id = ?)", (cable_id,))
        for table in ("meetings", "quotes", "mentions", "entity_cables"):
            conn.execute(f"DELETE FROM {table} WHERE cable_id = ?", (cable_id,))


def write(conn: sqlite3.Connection, result: CableEntities, version: int) -> None:
    """Store one cable's results (inside the caller's transaction), replacing earlier ones."""
    clear(conn, [result.cable_id])
    ids = []
    for m in result.mentions:
        cur = conn.execute(
            "INSERT INTO mentions (cable_id, seq, number, start, end, type, text, name, key, "
            "source, title, country, link) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (result.cable_id, m.seq, m.number, m.start, m.end, m.type, m.text, m.name, m.key,
             m.source, m.title, m.country, m.link))
        ids.append(cur.lastrowid)
    for meeting in result.meetings:
        cur = conn.execute(
            "INSERT INTO meetings (cable_id, seq, number, start, end, kind, date, date_source, "
            "place, planned) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (result.cable_id, meeting.seq, meeting.number, meeting.start, meeting.end,
             meeting.kind, meeting.date, meeting.date_source, meeting.place, int(meeting.planned)))
        conn.executemany(
            "INSERT INTO meeting_participants (meeting_id, seq, mention_id, label, role) "
            "VALUES (?,?,?,?,?)",
            [(cur.lastrowid, k, ids[p.mention] if p.mention is not None else None, p.label,
              p.role) for k, p in enumerate(meeting.participants)])
    conn.executemany(
        "INSERT INTO quotes (cable_id, seq, number, start, end, text, mention_id, verb) "
        "VALUES (?,?,?,?,?,?,?,?)",
        [(result.cable_id, q.seq, q.number, q.start, q.end, q.text, ids[q.speaker], q.verb)
         for q in result.quotes])
    conn.execute("INSERT INTO entity_cables VALUES (?, ?, ?, ?, ?)",
                 (result.cable_id, version, EXTRACTOR_VERSION, result.words,
                  datetime.now(UTC).isoformat(timespec="seconds")))


def select(conn: sqlite3.Connection, selection: Selection, force: bool) -> tuple[list[str], int]:
    """The cables to extract now, and how many the selection holds in all."""
    where, params = selection.where()
    limit = f" LIMIT {int(selection.limit)}" if selection.limit else ""
    chosen = [cid for (cid,) in conn.execute(
        f"SELECT c.id FROM cables c WHERE {where} ORDER BY c.id{limit}", params)]
    if force:
        return chosen, len(chosen)
    done = {cid for (cid,) in conn.execute(
        "SELECT e.cable_id FROM entity_cables e JOIN cables c ON c.id = e.cable_id "
        "WHERE e.version = c.version AND e.extractor = ?", (EXTRACTOR_VERSION,))}
    return [cid for cid in chosen if cid not in done], len(chosen)


def extract(db: str | Path, selection: Selection | None = None, *, workers: int | None = None,
            force: bool = False, progress: Progress | None = None,
            resolve_after: bool = True, batch: int = BATCH) -> ExtractSummary:
    """Extract entities from the selected cables of the database at `db`, then resolve.

    `workers`: extraction processes (default: one per core; 0 extracts in this process).
    `force` redoes cables already extracted. `batch`: cables per task and per commit. Safe to
    kill and run again: what was committed stays, the rest is extracted by the next run.
    """
    selection = selection or Selection()
    summary = ExtractSummary()
    started = time.monotonic()
    with Store.open(db) as store:
        conn = store.connection
        if conn.execute("SELECT count(*) FROM cables").fetchone()[0] == 0:
            raise CablescopeError(f"{db} holds no cables: run `cablescope ingest` first")
        ids, summary.selected = select(conn, selection, force)
        summary.skipped = summary.selected - len(ids)
        summary.workers = default_workers() if workers is None else workers
        if ids:
            processes = min(summary.workers, max(1, len(ids) // batch)) if summary.workers else 0
            # the processes start, and load the model, while the casing table is learnt
            pool = ExtractionPool(processes) if processes else None
            finished = False
            try:
                ensure_casing(conn)
                _extract_into(conn, _run(str(db), ids, pool, batch), summary, progress)
                finished = True
            finally:
                if pool is not None:
                    pool.close(abort=not finished)
        if resolve_after:
            summary.entities = resolve(conn)
    summary.seconds = time.monotonic() - started
    return summary


def _extract_into(conn: sqlite3.Connection, batches: Iterator[list[tuple[CableEntities, int]]],
                  summary: ExtractSummary, progress: Progress | None) -> None:
    started = time.monotonic()
    try:
        for batch in batches:
            conn.execute("BEGIN IMMEDIATE")
            for result, version in batch:
                write(conn, result, version)
                summary.extracted += 1
                summary.words += result.words
                summary.mentions += len(result.mentions)
                summary.meetings += len(result.meetings)
                summary.quotes += len(result.quotes)
            conn.execute("COMMIT")
            summary.extract_seconds = time.monotonic() - started
            if progress:
                progress(summary)
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
