"""What search adds to the database, through named migrations the store registers
(store/sql/search.*.sql), and the SQL functions its queries call.

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
