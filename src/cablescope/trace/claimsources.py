"""Where a claim's supporting paragraphs are looked for beyond the cables an article points to.

- **Ranked search** over the full-text index (the same `paragraphs_fts` that `cablescope search`
  ranks on), for the claim's rarest names, acronyms and numbers, bounded by the dates the claim
  gives: "Den 23 oktober 2008 hade Barth Eide ett möte med ... Roger Brady" finds 08OSLO585 ¶5
  through "barth", "eide", "brady" among cables of October 2008 to April 2009. The columns engine
  of `cablescope.search` is not loaded for this: a command-line trace would spend a second
  loading them for a few lookups.
- **Entities** (after `cablescope entities extract`): the people a claim names, resolved by the
  names they go by, and the meetings between them ("X met Y in 2006" is a query on the
  meetings table). Without extraction this source is simply empty.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from cablescope.trace.claimfacts import When

# A corpus search is for words that pick out a few paragraphs: a name in this share of the
# paragraphs or more is not searched.
RARE_SHARE = 0.002
MIN_RARE_DF = 40
SEARCH_LIMIT = 30
REPORT_LAG_DAYS = 180  # a cable reports an event within this many days


@dataclass(frozen=True, slots=True)
class Window:
    """Cables created between `first` and `last` (ISO dates, inclusive)."""

    first: str
    last: str


def window_for(dates: list[When]) -> Window | None:
    """The cables that can report events of these dates (or be these documents): from the
    earliest to some months after the latest. None without a year."""
    days: list[tuple[date, date]] = []
    for w in dates:
        if w.year is None:
            continue
        lo = date(w.year, w.month or 1, w.day_lo or 1)
        hi_month = w.month or 12
        hi = date(w.year, hi_month, min(w.day_hi or w.day_lo or 28, 28))
        days.append((lo, hi))
    if not days:
        return None
    first = min(lo for lo, _ in days) - timedelta(days=3)
    last = max(hi for _, hi in days) + timedelta(days=REPORT_LAG_DAYS)
    return Window(first.isoformat(), last.isoformat() + " 99")


def search(conn: sqlite3.Connection, keys: list[str], df: dict[str, int], total: int,
           window: Window | None, limit: int = SEARCH_LIMIT) -> list[int]:
    """Paragraph ids holding the rarest of `keys`, best first (BM25 of the full-text index),
    created within `window` when given. At least two rare keys are needed: one name alone
    ("Eide") finds every paragraph about anyone of that name."""
    cap = max(MIN_RARE_DF, int(total * RARE_SHARE))
    rare = sorted({k for k in keys if 0 < df.get(k, 0) <= cap}, key=lambda k: (df[k], k))[:5]
    if len(rare) < 2:
        return []
    query = " OR ".join(f'"{k}"' for k in rare)
    sql = ("SELECT f.rowid FROM paragraphs_fts f WHERE paragraphs_fts MATCH ? "
           "ORDER BY rank LIMIT ?")
    args: list[Any] = [query, limit * 3 if window else limit]
    try:
        pids = [r[0] for r in conn.execute(sql, args)]
    except sqlite3.OperationalError as exc:  # a malformed query here is our bug: say so
        raise sqlite3.OperationalError(f"claim search {query!r} failed: {exc}") from exc
    if window is None or not pids:
        return pids[:limit]
    marks = ",".join("?" * len(pids))
    inside = {r[0] for r in conn.execute(
        f"SELECT p.pid FROM paragraphs p JOIN cables c ON c.id = p.cable_id WHERE p.pid IN "
        f"({marks}) AND c.created BETWEEN ? AND ?", [*pids, window.first, window.last])}
    return [p for p in pids if p in inside][:limit]


class Entities:
    """The entity tables of one connection, when extraction has run on it."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._ids: dict[str, list[int]] = {}
        try:
            self.ready = bool(conn.execute(
                "SELECT 1 FROM entities LIMIT 1").fetchone())
        except sqlite3.OperationalError:
            self.ready = False

    def people(self, name: str) -> list[int]:
        """Entities answering to `name` exactly (by a name they go by)."""
        if not self.ready:
            return []
        if name not in self._ids:
            from cablescope.entities.query import named

            self._ids[name] = named(self.conn, name)
            if len(self._ids) > 10_000:
                self._ids.clear()
        return self._ids[name]

    def meetings(self, first: list[int], second: list[int],
                 window: Window | None) -> list[tuple[str, int | None, str | None]]:
        """(cable, paragraph, date) of meetings between an entity of `first` and one of
        `second` (any meeting of `first` when `second` is empty), inside `window`."""
        if not self.ready or not first:
            return []
        from cablescope.entities.query import Filters, meetings

        filters = Filters(date_from=window.first[:10], date_to=window.last[:10]) if window \
            else Filters()
        out: list[tuple[str, int | None, str | None]] = []
        others: list[int | None] = list(second[:2]) or [None]
        for a in first[:2]:
            for b in others:
                for m in meetings(self.conn, a, b, filters=filters, limit=20):
                    out.append((m["cable"], m["paragraph"], m["date"]))
        return out
