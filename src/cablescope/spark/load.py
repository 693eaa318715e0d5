"""`cablescope load`: the Parquet tables of the Spark jobs into the SQLite store.

Needs pyarrow only, no Spark and no Java. The store tables go in as they are, batch after batch,
through the store's own writer (`Writer.add_rows`): versions keep the numbers `spark ingest` gave
them, paragraphs get ids and their full-text index, then the search columns are built, as after
an ingest. A cable the database already holds is not overwritten: each of its Parquet versions
goes through the writer as an ingest of the same record would (the text is parsed again), so a
known text is skipped and a new one becomes a new version. Entity and reuse tables, when the
folder has them, replace what the database had for those cables (entities) or for the corpus
(reuse).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

from cablescope.errors import CablescopeError, StoreError
from cablescope.sources.record import Problem, RawRecord
from cablescope.spark.tables import (
    ENTITY_TABLES,
    REUSE_TABLES,
    STORE_TABLES,
    columns,
    present,
    table_path,
)
from cablescope.store import Store
from cablescope.store.rows import parse_to_rows
from cablescope.store.writer import Transaction, Writer

BATCH_ROWS = {"versions": 2000, "paragraphs": 20000}  # rows per transaction (others: 50,000)

Progress = Callable[[str, int], None]  # table, rows so far


@dataclass(slots=True)
class LoadSummary:
    cables: int = 0  # new cables
    versions: int = 0  # versions written (new cables' and merged ones')
    paragraphs: int = 0
    problems: int = 0
    merged: int = 0  # cables the database had already: their versions went through the writer
    entity_cables: int = 0
    entities: int = 0  # after resolution
    reuse_passages: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        text = (f"{self.cables:,} cables, {self.versions:,} versions, {self.paragraphs:,} "
                f"paragraphs, {self.problems:,} problems")
        if self.merged:
            text += f"; {self.merged:,} cables already stored, merged as an ingest would"
        if self.entity_cables:
            text += (f"; entities of {self.entity_cables:,} cables ({self.entities:,} entities "
                     "after resolution)")
        if self.reuse_passages:
            text += f"; {self.reuse_passages:,} reused passages"
        return text + f" in {self.seconds:,.1f} s"


def rows_of(folder: str | Path, table: str, batch_rows: int = 50000) -> Iterator[list[tuple]]:
    """The rows of one Parquet table, in file order, as lists of tuples in column order."""
    import pyarrow.dataset as ds  # type: ignore[import-untyped]

    files = sorted(str(p) for p in table_path(folder, table).glob("*.parquet"))
    if not files:
        return
    dataset = ds.dataset(files, format="parquet")  # in part order: a table sorted by Spark
    for batch in dataset.to_batches(columns=columns(table), batch_size=batch_rows):
        if batch.num_rows:
            yield list(zip(*(col.to_pylist() for col in batch.columns), strict=True))


def load(folder: str | Path, db: str | Path, progress: Progress | None = None) -> LoadSummary:
    """Load every table the Spark jobs wrote in `folder` into the database at `db`."""
    started = time.monotonic()
    folder = Path(folder)
    if not present(folder, "versions") or not present(folder, "cables"):
        raise CablescopeError(f"{folder}: no Parquet tables of `cablescope spark ingest` here "
                              "(versions/, cables/)")
    summary = LoadSummary()
    with Store.open(db) as store:
        conn = store.connection
        try:
            _load_store(conn, folder, summary, progress)
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"{db}: cannot write: {exc}") from exc
        from cablescope.search.columns import ensure_saved

        ensure_saved(conn)
        if present(folder, "entity_cables"):
            load_entities(store, folder, summary)
        if present(folder, "reuse_passages"):
            summary.reuse_passages = load_reuse(conn, folder)
    summary.seconds = time.monotonic() - started
    return summary


def _load_store(conn: sqlite3.Connection, folder: Path, summary: LoadSummary,
                progress: Progress | None) -> None:
    known = {cid for (cid,) in conn.execute("SELECT id FROM cables")}
    writer = Writer(conn)
    merging: list[tuple] = []  # versions of cables already stored
    for table in STORE_TABLES:
        if not present(folder, table):
            continue
        done = 0
        for rows in rows_of(folder, table, BATCH_ROWS.get(table, 50000)):
            if known and table != "problems":
                if table == "versions":
                    merging.extend(r for r in rows if r[0] in known)
                rows = [r for r in rows if r[0] not in known]
            writer.begin()
            writer.add_rows(table, rows)
            writer.commit()
            done += len(rows)
            if progress:
                progress(table, done)
        if table == "versions":
            summary.versions = done
        elif table == "cables":
            summary.cables = done
        elif table == "paragraphs":
            summary.paragraphs = done
        elif table == "problems":
            summary.problems = done
    if merging:
        summary.merged = len({r[0] for r in merging})
        summary.versions += _merge(writer, merging)


def _merge(writer: Writer, versions: list[tuple]) -> int:
    """Versions of cables the database already has, written as an ingest of them would be."""
    cols = columns("versions")
    txn = Transaction(writer)
    for row in sorted(versions, key=lambda r: (r[0], r[1])):
        v = dict(zip(cols, row, strict=True))
        record = RawRecord(v["source"], v["locator"], v["format"], v["text"], v["header"],
                           json.loads(v["meta"]))
        parsed = parse_to_rows(record)
        txn.add(parsed)
    outcomes = txn.commit()
    return sum(1 for o in outcomes if not isinstance(o, Problem) and o != "unchanged")


# --- entities -------------------------------------------------------------------------------------


def load_entities(store: Store, folder: Path, summary: LoadSummary) -> None:
    """The entity tables of `spark entities` into the database (each cable's results replace
    what it had), then one resolution over the whole database, as `cablescope entities` ends."""
    from cablescope.entities import resolve_entities
    from cablescope.entities.pipeline import write
    from cablescope.spark.entities import cable_results

    conn = store.connection
    if store.pending_migrations():
        store.migrate()
    streams = {t: _grouped(folder, t) for t in ENTITY_TABLES if t != "entity_cables"}
    heads: dict[str, tuple[str, list[tuple]] | None] = {t: next(s, None)
                                                        for t, s in streams.items()}
    conn.execute("BEGIN IMMEDIATE")
    try:
        for n, (cable_id, version, words) in enumerate(_entity_cables(folder)):
            parts: dict[str, list[tuple]] = {}
            for table, stream in streams.items():
                head = heads[table]
                while head is not None and head[0] < cable_id:  # rows of an unknown cable
                    head = next(stream, None)
                if head is not None and head[0] == cable_id:
                    parts[table] = head[1]
                    head = next(stream, None)
                heads[table] = head
            write(conn, cable_results(cable_id, words, parts), version)
            summary.entity_cables += 1
            if n % 5000 == 4999:
                conn.execute("COMMIT")
                conn.execute("BEGIN IMMEDIATE")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    summary.entities = resolve_entities(conn)


def _entity_cables(folder: Path) -> Iterator[tuple[str, int, int]]:
    for rows in rows_of(folder, "entity_cables"):
        for cable_id, version, _extractor, words, _at in rows:
            yield cable_id, version, words


def _grouped(folder: Path, table: str) -> Iterator[tuple[str, list[tuple]]]:
    """(cable_id, rows) of an entity table written in cable order by `spark entities`."""
    def rows() -> Iterator[tuple]:
        for batch in rows_of(folder, table):
            yield from batch

    for cable_id, group in groupby(rows(), key=lambda r: r[0]):
        yield cable_id, list(group)


# --- reuse ----------------------------------------------------------------------------------------


def load_reuse(conn: sqlite3.Connection, folder: Path) -> int:
    """Replace the database's reuse tables with those of `spark reuse`; passages loaded."""
    return load_reuse_rows(conn, {table: (row for rows in rows_of(folder, table) for row in rows)
                                  for table in REUSE_TABLES})


def load_reuse_rows(conn: sqlite3.Connection, tables: dict[str, Iterable[tuple]]) -> int:
    """Replace the reuse tables' rows (in `REUSE_TABLES` column order); passages written."""
    from cablescope.spark import schema as _schema  # noqa: F401 - registers the migration
    from cablescope.store.migrations import apply_pending

    apply_pending(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        total = 0
        for table in REUSE_TABLES:
            conn.execute(f"DELETE FROM {table}")
            cols = columns(table)
            sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            cur = conn.executemany(sql, tables.get(table, ()))
            if table == "reuse_passages":
                total = cur.rowcount
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return total
