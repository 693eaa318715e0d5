"""The reuse tables, created through the store's named migrations (docs/spark.md, "Reuse").

`spark reuse` finds passages that two cables share (the HUMINT directives repeat whole
paragraphs; cables quote each other); `cablescope load` (or `spark reuse` on a SQLite file)
puts them here. A passage joins a paragraph span of one cable to a paragraph span of another;
passages that share paragraphs form a cluster (connected components), listed per paragraph.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from cablescope.store import register_migration

SCHEMA = """
-- One passage shared by two cables: a span of a paragraph of cable_a and one of cable_b
-- (cable_a < cable_b). start/end are offsets into paragraphs.text; words counts the words of
-- the aligned span in cable_a; score is the share of them found in cable_b, in order.
CREATE TABLE IF NOT EXISTS reuse_passages (
    id       INTEGER PRIMARY KEY,
    cluster  INTEGER NOT NULL,
    cable_a  TEXT NOT NULL,
    seq_a    INTEGER NOT NULL,
    number_a INTEGER,
    start_a  INTEGER NOT NULL,
    end_a    INTEGER NOT NULL,
    cable_b  TEXT NOT NULL,
    seq_b    INTEGER NOT NULL,
    number_b INTEGER,
    start_b  INTEGER NOT NULL,
    end_b    INTEGER NOT NULL,
    words    INTEGER NOT NULL,
    score    REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS reuse_passages_a ON reuse_passages(cable_a, seq_a);
CREATE INDEX IF NOT EXISTS reuse_passages_b ON reuse_passages(cable_b, seq_b);

-- Every paragraph in a cluster of reuse: the paragraphs joined by passages, transitively.
CREATE TABLE IF NOT EXISTS reuse_clusters (
    cluster  INTEGER NOT NULL,
    cable_id TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    number   INTEGER,
    PRIMARY KEY (cluster, cable_id, seq)
);
CREATE INDEX IF NOT EXISTS reuse_clusters_cable ON reuse_clusters(cable_id, seq);
"""

register_migration("spark.0001_reuse_passages_clusters", SCHEMA)


def has_reuse(conn: sqlite3.Connection) -> bool:
    """Whether the database has reuse tables (a `spark reuse` was loaded into it)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                        "AND name = 'reuse_passages'").fetchone() is not None


def shared_passages(conn: sqlite3.Connection, cable_id: str) -> list[dict[str, Any]]:
    """Every passage `cable_id` shares with another cable, seen from `cable_id`: its paragraph
    and span, the other cable's, their size; in paragraph order, longest first. Empty when the
    database has no reuse tables."""
    if not has_reuse(conn):
        return []
    rows = conn.execute(
        """
        SELECT r.cluster, r.words, r.score, side.seq, side.number, side.start, side."end",
               side.other, side.other_seq, side.other_number, side.other_start, side.other_end,
               c.subject, c.created
        FROM reuse_passages r
        JOIN (SELECT id, seq_a AS seq, number_a AS number, start_a AS start, end_a AS "end",
                     cable_b AS other, seq_b AS other_seq, number_b AS other_number,
                     start_b AS other_start, end_b AS other_end
              FROM reuse_passages WHERE cable_a = :id
              UNION ALL
              SELECT id, seq_b, number_b, start_b, end_b, cable_a, seq_a, number_a, start_a,
                     end_a
              FROM reuse_passages WHERE cable_b = :id) side ON side.id = r.id
        LEFT JOIN cables c ON c.id = side.other
        ORDER BY side.seq, r.words DESC, side.other
        """, {"id": cable_id})
    keys = ("cluster", "words", "score", "seq", "number", "start", "end", "cable_id", "other_seq",
            "other_number", "other_start", "other_end", "subject", "created")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def cluster_sizes(conn: sqlite3.Connection, clusters: list[int]) -> dict[int, int]:
    """Cables in each of `clusters`."""
    if not clusters or not has_reuse(conn):
        return {}
    marks = ", ".join("?" * len(clusters))
    return dict(conn.execute(
        f"SELECT cluster, count(DISTINCT cable_id) FROM reuse_clusters WHERE cluster IN ({marks}) "
        "GROUP BY cluster", clusters).fetchall())
