"""What search adds to the database, through the store's named migrations.

- `search_subjects`: a small full-text index over `cables.subject` (same tokenizer as the
  paragraph index), kept in step with `cables` by triggers, so `subject:` never scans the cables.
  Its rowid is the cable's rowid. The BEFORE INSERT trigger removes the entry of a row that an
  `INSERT OR REPLACE` is about to delete, whether or not SQLite's recursive triggers are on.

- `search_paragraph_cable_marking`, `search_paragraph_marking`: indexes on paragraph markings.

- `search_columns`: the arrays search reads in bulk, saved (search/columns.py).

Everything else search needs is the store's own schema (paragraphs_fts, tags, refs and indexes).
SQL functions the queries call are registered on each connection by `prepare`.
"""

from __future__ import annotations

import sqlite3

from cablescope.search.text import QUOTE_CHARS, fold_quotes, is_token_char
from cablescope.store import register_migration

SUBJECTS_MIGRATION = """
CREATE VIRTUAL TABLE IF NOT EXISTS search_subjects USING fts5(
    subject, tokenize="unicode61 remove_diacritics 2"
);
INSERT INTO search_subjects (rowid, subject) SELECT rowid, subject FROM cables
    WHERE subject IS NOT NULL;
CREATE TRIGGER IF NOT EXISTS search_subjects_replace BEFORE INSERT ON cables BEGIN
    DELETE FROM search_subjects WHERE rowid = (SELECT rowid FROM cables WHERE id = new.id);
END;
CREATE TRIGGER IF NOT EXISTS search_subjects_insert AFTER INSERT ON cables
WHEN new.subject IS NOT NULL BEGIN
    INSERT OR REPLACE INTO search_subjects (rowid, subject) VALUES (new.rowid, new.subject);
END;
CREATE TRIGGER IF NOT EXISTS search_subjects_delete AFTER DELETE ON cables BEGIN
    DELETE FROM search_subjects WHERE rowid = old.rowid;
END;
CREATE TRIGGER IF NOT EXISTS search_subjects_update AFTER UPDATE OF subject ON cables BEGIN
    DELETE FROM search_subjects WHERE rowid = old.rowid;
    INSERT INTO search_subjects (rowid, subject) SELECT new.rowid, new.subject
        WHERE new.subject IS NOT NULL;
END;
"""

register_migration("search.0001_subjects_fts", SUBJECTS_MIGRATION)

# Paragraph markings without reading paragraph rows: the marking facet and `marking:` at cable
# level read (cable_id, marking); `marking:` alone at paragraph level starts from (marking).
register_migration("search.0002_marking_indexes", """
CREATE INDEX IF NOT EXISTS search_paragraph_cable_marking ON paragraphs(cable_id, marking);
CREATE INDEX IF NOT EXISTS search_paragraph_marking ON paragraphs(marking);
""")


# The arrays of `columns.Columns`, saved for the next process (see search/columns.py).
register_migration("search.0003_columns", """
CREATE TABLE IF NOT EXISTS search_columns (
    name  TEXT PRIMARY KEY,   -- an array of `Columns`, or 'values' (JSON: the code tables)
    stamp TEXT NOT NULL,      -- the store's high-water marks when it was built
    data  BLOB NOT NULL       -- numpy array bytes (dtype and shape in 'values')
);
""")


# Paragraph markings normalised in place by store.0004 (`S//NF` -> `S/NF`), which moves none of
# the high-water marks the saved columns are stamped with: saved columns are dropped once, so
# the next search builds them from the normalised markings.
register_migration("search.0004_columns_after_markings_normalised",
                   "DELETE FROM search_columns;")


def exact_match(text: str | None, literal: str) -> bool:
    """Does `literal` occur in `text`, starting a word if it starts with a letter or digit?

    Case, accents and punctuation count; curly and straight quotes are the same.
    """
    if text is None:
        return False
    if any(c in QUOTE_CHARS for c in literal):
        text = fold_quotes(text)
        literal = fold_quotes(literal)
    anchored = is_token_char(literal[0])
    at = text.find(literal)
    while at >= 0:
        if not anchored or at == 0 or not is_token_char(text[at - 1]):
            return True
        at = text.find(literal, at + 1)
    return False


def prepare(conn: sqlite3.Connection) -> None:
    """Register the SQL functions search queries use on `conn` (cheap; safe to repeat)."""
    conn.create_function("cablescope_exact", 2, exact_match, deterministic=True)
