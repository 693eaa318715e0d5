"""Tracing as a service over one store: the index made ready, articles read and traced."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from cablescope.errors import ArticleError, CablescopeError, StoreError
from cablescope.store import Store
from cablescope.trace.article import ARTICLE_SUFFIXES, read_article
from cablescope.trace.index import IndexMissing, IndexSummary, index_state, update_index
from cablescope.trace.report import TraceReport
from cablescope.trace.tracer import Tracer

Notify = Callable[[str], None]


def ensure_index(store: Store, progress: Callable[[int, int], None] | None = None,
                 notify: Notify | None = None) -> IndexSummary | None:
    """Make the trace index current: build it the first time, bring it up to date after an
    ingest. Returns what was done, or None when it was already current.

    A read-only store with a missing or stale index is an error that says what to run.
    """
    if store.pending_migrations():
        if store.readonly:
            raise IndexMissing(f"{store.path}: the trace tables are missing; run "
                               f"`cablescope index --db {store.path}`")
        store.migrate()
    conn = store.connection
    state = index_state(conn)
    if state == "current":
        return None
    if store.readonly:
        raise IndexMissing(f"{store.path}: the trace index is {state}; run "
                           f"`cablescope index --db {store.path}`")
    if notify:
        what = {"missing": "building the trace index (once per database)",
                "outdated": "rebuilding the trace index (older format)",
                "stale": "updating the trace index with newly ingested cables"}[state]
        notify(what)
    return write_index(store, rebuild=state == "outdated", progress=progress)


def write_index(store: Store, rebuild: bool = False,
                progress: Callable[[int, int], None] | None = None) -> IndexSummary:
    """`update_index` on a writable, migrated store; a database it cannot write (locked by an
    ingest, disk full...) is a `StoreError` naming it."""
    try:
        return update_index(store.connection, rebuild=rebuild, progress=progress)
    except sqlite3.OperationalError as exc:
        raise StoreError(f"{store.path}: cannot write the trace index: {exc}") from exc


def article_files(paths: Iterable[str | Path]) -> list[str]:
    """The articles named: files as given, folders searched for .html/.htm/.md/.txt files,
    '-' for standard input. A path that does not exist is an error."""
    out: list[str] = []
    for raw in paths:
        if str(raw) == "-":
            out.append("-")
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.name.lower().endswith(ARTICLE_SUFFIXES))
            if not found:
                raise ArticleError(f"{path}: no articles (.html, .htm, .md, .txt) in this folder")
            out.extend(str(p) for p in found)
        elif path.exists():
            out.append(str(path))
        else:
            raise ArticleError(f"{path}: no such file or folder")
    return out


def trace_path(tracer: Tracer, path: str, encoding: str | None = None,
               format: str | None = None) -> TraceReport:
    """Read and trace one article file ('-': standard input)."""
    return tracer.trace(read_article(path, encoding=encoding, format=format))


def trace_paths(tracer: Tracer, paths: Iterable[str], encoding: str | None = None,
                format: str | None = None) -> Iterator[tuple[str, TraceReport | CablescopeError]]:
    """Trace many articles one by one; an article that cannot be read yields its error and the
    batch goes on."""
    for path in paths:
        try:
            yield path, trace_path(tracer, path, encoding, format)
        except CablescopeError as exc:
            yield path, exc
