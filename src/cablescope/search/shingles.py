"""The exact-mode index: every word with the separator after it and the next word, case, accents
and punctuation kept, so that an exact string is answered by the index without reading text.

Exact mode (`=The ministry`) finds paragraphs containing a literal string that begins a word
(docs/search.md). The word index folds case and accents, so for a literal of common words it
lets through far more paragraphs than hold the string (`"the ministry"`: 297,706 paragraphs at
full size for 9,043 cables holding `The ministry`), and each had to be read and checked. Here
each paragraph is indexed as its *shingles*: for every word, the word, the separator after it
and the next word (the last word: the word and what ends the paragraph), exactly as written
(curly quotes folded as exact mode folds them). A literal `w1 s1 w2 s2 w3` is then the FTS5
phrase of its shingles `w1s1w2 w2s2w3*`: consecutive positions are consecutive words, a shingle
starts at a word's start (the anchoring rule), and the open end is a prefix of the last shingle,
which expands to few terms (`president, the*`, not `the*`). The paragraphs the phrase finds are
exactly those containing the literal: nothing is read or checked.

The encoding lets FTS5's `ascii` tokenizer keep each shingle whole and unfolded: every ASCII
character other than a-z and 0-9 (capitals, punctuation, spaces, line breaks) is moved to the
private-use code point U+E000 + its code (non-ASCII characters are token characters to that
tokenizer, never folded), so the only ASCII separator left is the space written between
shingles. A paragraph that itself contains one of those private-use characters (none in any
corpus seen) is not indexed but listed in `search_exact_odd` and checked on its text; so is a
literal containing one, or beginning with punctuation (`=(b)`: which separator it ends is not a
shingle's start), or having no word: those take the old path (index of words, then the text).

The index covers the paragraphs up to `search_exact_state.upto` (pids only grow, and a changed
cable's paragraphs get new pids): paragraphs after it, ingested since the last update, are
checked on their text, so the answer is the same whether or not the index is current. Entries
of paragraphs since replaced stay in the index (a contentless table cannot delete without the
text) and are dropped at query time like any pid of no current cable; `update(rebuild=True)`
(`cablescope index --rebuild`) clears them.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

from cablescope.search.query import QUOTE_FOLD

_BASE = 0xE000
# every ASCII character but a-z and 0-9 -> U+E000 + its code; curly quotes as exact mode folds
# them (to the straight quote's code)
_TABLE: dict[int, int] = {c: _BASE + c for c in range(128)
                          if not (0x61 <= c <= 0x7A or 0x30 <= c <= 0x39)}
_TABLE.update({c: _BASE + ord(str(t)) for c, t in QUOTE_FOLD.items()})
# token characters after the move: letters and digits, the moved capitals
_TOKEN = r"[^\W_]|[\ue041-\ue05a]"
_SEPARATOR = r"[^\w\ue041-\ue05a]|_"
# a word, the separator after it, and (looked at, not consumed) the next word; or the
# separator before the first word, dropped
_SHINGLE = re.compile(f"((?:{_TOKEN})+)((?:{_SEPARATOR})*)(?=((?:{_TOKEN})+)?)|^(?:{_SEPARATOR})+")
_WORD_SEP = re.compile(f"((?:{_TOKEN})+)((?:{_SEPARATOR})*)")
_ODD = re.compile("[\ue000-\ue07f]")
# a literal longer than this takes the old path (FTS5 truncates very long tokens)
MAX_LITERAL = 1000
# a single word shorter than this (`=a`, `=of`) starts too many shingles: the old path is cheaper
# (at 25k, `=a` 486 ms of CPU from the shingles against 244 ms reading candidates)
MIN_WORD = 3
BATCH = 5000


def grams(text: str) -> str | None:
    """The shingles of a paragraph's text, space-separated, as the index holds them; None for a
    text holding one of the private-use characters the encoding uses (checked on its text)."""
    if _ODD.search(text):
        return None
    return _SHINGLE.sub(r"\1\2\3 ", text.translate(_TABLE))


def match_expression(literal: str) -> str | None:
    """The FTS5 phrase that finds exactly the paragraphs containing `literal` as exact mode
    reads it, or None when the index cannot answer it (see the module's docstring)."""
    if not literal or len(literal) > MAX_LITERAL or _ODD.search(literal):
        return None
    moved = literal.translate(_TABLE)
    parts = [(m.group(1), m.group(2)) for m in _WORD_SEP.finditer(moved)]
    if not parts or not moved.startswith(parts[0][0]):
        return None  # no word, or punctuation first
    words = [w for w, _ in parts]
    seps = [s for _, s in parts]
    terms = [words[i] + seps[i] + words[i + 1] for i in range(len(words) - 1)]
    if seps[-1]:  # ends in a separator: the last word whole, then a separator starting so
        terms.append(words[-1] + seps[-1])
    elif not terms:  # one word, open at its end: every shingle starting so
        if len(literal) < MIN_WORD:
            return None  # `=a`: more shingles to merge than the old path reads (measured)
        terms.append(words[0])
    return '"' + " ".join(terms) + '"*'


def upto(conn: sqlite3.Connection) -> int | None:
    """The last pid the index covers; None without the index (a database not migrated yet)."""
    try:
        row = conn.execute("SELECT upto FROM search_exact_state").fetchone()
    except sqlite3.OperationalError:
        return None
    return int(row[0]) if row else 0


def update(conn: sqlite3.Connection, rebuild: bool = False,
           progress: Callable[[int, int], None] | None = None) -> int:
    """Index the paragraphs added since the last update (every paragraph with `rebuild`), one
    transaction per batch (an interrupted update resumes where it stopped); returns how many
    were indexed. `conn` must be writable, in autocommit mode (as the store's), and migrated."""
    if rebuild:
        _write(conn, "INSERT INTO search_exact (search_exact) VALUES ('delete-all')",
               "DELETE FROM search_exact_odd", "UPDATE search_exact_state SET upto = 0")
    start = upto(conn) or 0
    first = start == 0
    (todo,) = conn.execute("SELECT count(*) FROM paragraphs WHERE pid > ?", (start,)).fetchone()
    done = 0
    while done < todo:
        rows = conn.execute("SELECT pid, text FROM paragraphs WHERE pid > ? ORDER BY pid "
                            "LIMIT ?", (start, BATCH)).fetchall()
        if not rows:
            break
        shingled = [(pid, grams(text)) for pid, text in rows]
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany("INSERT INTO search_exact (rowid, grams) VALUES (?, ?)",
                             [(pid, g) for pid, g in shingled if g])
            conn.executemany("INSERT OR IGNORE INTO search_exact_odd (pid) VALUES (?)",
                             [(pid,) for pid, g in shingled if g is None])
            start = rows[-1][0]
            conn.execute("UPDATE search_exact_state SET upto = ?", (start,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        done += len(rows)
        if progress:
            progress(done, todo)
    if done and first:  # one segment: fewer b-trees for each query to look into
        _write(conn, "INSERT INTO search_exact (search_exact) VALUES ('optimize')")
    return done


def _write(conn: sqlite3.Connection, *statements: str) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for sql in statements:
            conn.execute(sql)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
