"""Trace reports kept in the database, so `/trace/<id>` is a link that lasts: past a restart,
across server processes, for anyone the link is sent to.

One plain table (docs/schema.md, "Trace reports"): the report is stored whole as JSON, the
contract of docs/trace.md plus `article.text` (what its offsets point into) and `id`. The id is
derived from the article's text, its source and the corpus size, so tracing the same article on
the same corpus again gives the same link. A `--read-only` server writes nothing: it keeps its
own reports in memory while it runs, and reads the ones a writable server stored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
from collections import OrderedDict
from datetime import UTC, datetime
from typing import Any

from cablescope.errors import StoreError
from cablescope.store import Store, register_migration
from cablescope.web.db import Database

register_migration("web.0001_trace_reports", """
CREATE TABLE IF NOT EXISTS trace_reports (
    id       TEXT PRIMARY KEY,      -- the 20 hex digits of /trace/<id>
    created  TEXT NOT NULL,         -- when it was traced (UTC, ISO 8601)
    source   TEXT NOT NULL,         -- the article's file name, or 'pasted text'
    title    TEXT,                  -- the article's title, when it has one
    cables   INTEGER NOT NULL,      -- cables in the corpus when it was traced
    report   TEXT NOT NULL          -- the report as JSON (docs/trace.md, plus article.text, id)
);
CREATE INDEX IF NOT EXISTS trace_reports_created ON trace_reports(created);
""")


log = logging.getLogger(__name__)


def report_id(report: dict[str, Any]) -> str:
    """The report's key: the same article (text and source) on a corpus of the same size gets
    the same one."""
    h = hashlib.sha256(report["article"]["text"].encode("utf-8", "surrogatepass"))
    h.update(f"\x00{report['corpus']['cables']}\x00{report['article']['source']}".encode())
    return h.hexdigest()[:20]


class Reports:
    """Reports by id: in the database (unless the server is read-only), the last `recent` in
    memory too, so a report just traced is shown without reading it back. A report the database
    would not take (a file made read-only under a writable server) is kept in memory, and the
    page says its link lasts while the server runs."""

    def __init__(self, db: Database, recent: int = 50, unsaved: int = 200) -> None:
        self.db = db
        self.recent = recent
        self.unsaved_limit = unsaved
        self._items: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._unsaved: set[str] = set()
        self._lock = threading.Lock()

    def put(self, report: dict[str, Any]) -> str:
        """Keep `report` (setting its `id`); returns the id. Blocking: call it from a thread."""
        key = report_id(report)
        report["id"] = key
        saved = not self.db.config.read_only and self._save(key, report)
        with self._lock:
            self._items[key] = report
            self._items.move_to_end(key)
            if saved:
                self._unsaved.discard(key)
            else:
                self._unsaved.add(key)
            while len(self._items) > self.recent:  # past that, saved ones are read back
                old = next((k for k in self._items if k not in self._unsaved), None)
                if old is None:
                    break
                del self._items[old]
            while len(self._unsaved) > self.unsaved_limit:  # memory only: the oldest go
                old = next(k for k in self._items if k in self._unsaved)
                del self._items[old]
                self._unsaved.discard(old)
        return key

    def lasting(self, key: str) -> bool:
        """Whether the report under `key` is in the database (outlives this server)."""
        with self._lock:
            return key not in self._unsaved

    def get(self, key: str) -> dict[str, Any] | None:
        """The report kept under `key`, or None."""
        with self._lock:
            if key in self._items:
                return self._items[key]
        with self.db.reading() as store:
            try:
                row = store.connection.execute(
                    "SELECT report FROM trace_reports WHERE id = ?", (key,)).fetchone()
            except sqlite3.OperationalError as exc:
                if "no such table" in str(exc):  # a read-only file from before the table
                    return None
                raise
        return json.loads(row[0]) if row else None

    def _save(self, key: str, report: dict[str, Any]) -> bool:
        row = (key, datetime.now(UTC).isoformat(timespec="seconds"),
               report["article"]["source"], report["article"].get("title"),
               report["corpus"]["cables"], json.dumps(report, ensure_ascii=False))

        def save(store: Store) -> None:
            store.connection.execute(
                "INSERT OR REPLACE INTO trace_reports (id, created, source, title, cables, "
                "report) VALUES (?, ?, ?, ?, ?, ?)", row)

        try:
            self.db.write(save)
        except (StoreError, sqlite3.Error) as exc:
            log.warning("trace report %s kept in memory only: %s", key, exc)
            return False
        return True
