"""Lexical ranking of paragraphs for text that is not the cable's words: BM25 over the store's
full-text index (`paragraphs_fts`), re-scored by the share of the text's rare words a paragraph
holds. Used for paraphrases and claims, where no run of identical words exists to align on.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from cablescope.errors import StoreError
from cablescope.store import register_migration
from cablescope.trace.keys import word_keys

RARE = 0.005  # a word in more paragraphs than this share is not searched corpus-wide

# Document frequencies of the full-text index's terms, read through SQLite's fts5vocab.
register_migration(
    "trace.0002_vocabulary",
    "CREATE VIRTUAL TABLE IF NOT EXISTS trace_vocab USING fts5vocab(paragraphs_fts, row);",
)

STOP = frozenset([
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few",
    "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of",
    "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own", "same",
    "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
    "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too",
    "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "said",
    "says", "say", "told", "tell", "wrote", "write", "according", "cable", "cables", "embassy",
    "ambassador", "document", "documents", "noted", "note", "added", "one", "two", "also",
    "however", "would", "could", "may", "might", "must", "per", "mr", "mrs", "ms",
])


def content_keys(text: str) -> list[str]:
    """The words of `text` that carry meaning (matching keys, stop words and 1-2 letter words
    left out; numbers kept)."""
    return [k for k in word_keys(text) if k not in STOP and (len(k) > 2 or k.isdigit())]


@dataclass(frozen=True, slots=True)
class Candidate:
    pid: int
    cable_id: str
    number: int | None
    overlap: float  # weighted share of the query's content words found in the paragraph
    shared: int  # how many distinct content words it shares


class Lexicon:
    """Document frequencies and paragraph lookups on one connection (cached per term)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._df: dict[str, int] = {}
        self._keys: dict[int, frozenset[str]] = {}  # paragraph -> its word keys
        self._cables: dict[str, list] = {}  # cable -> its numbered paragraphs
        row = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'trace_vocab'").fetchone()
        self.has_vocab = row is not None
        self.total = max(1, conn.execute("SELECT max(pid) FROM paragraphs").fetchone()[0] or 1)

    def df(self, keys: list[str]) -> dict[str, int]:
        missing = [k for k in dict.fromkeys(keys) if k not in self._df]
        if missing and self.has_vocab:
            for term in missing:
                try:
                    row = self.conn.execute("SELECT doc FROM trace_vocab WHERE term = ?",
                                            (term,)).fetchone()
                except sqlite3.DatabaseError as exc:
                    raise StoreError(f"trace: reading the frequency of {term!r} from the "
                                     f"full-text index (trace_vocab) failed: {exc}") from exc
                self._df[term] = row[0] if row else 0
        elif missing:
            self._df.update(dict.fromkeys(missing, 1))
        if len(self._df) > 200_000:
            self._df.clear()
        return {k: self._df.get(k, 0) for k in keys}

    def weights(self, keys: list[str]) -> dict[str, float]:
        """Inverse document frequency of each key found in the corpus (a word no paragraph
        has cannot tell paragraphs apart: it gets no weight)."""
        df = self.df(keys)
        if not self.has_vocab:
            return dict.fromkeys(set(keys), 1.0)
        return {k: math.log(1 + self.total / (1 + df[k])) for k in set(keys) if df[k] > 0}

    def bm25(self, keys: list[str], limit: int = 20, rarest: int = 5) -> list[int]:
        """Paragraph ids ranked by BM25 for the `rarest` words of `keys` that are in the corpus
        but not common (in at most `RARE` of the paragraphs): an OR of common words costs a
        scan of most of the index."""
        df = self.df(keys)
        cap = max(50, int(self.total * RARE))
        present = sorted({k for k in keys if 0 < df.get(k, 0) <= cap}, key=lambda k: (df[k], k))
        present = present[:rarest]
        if len(present) < 2:
            return []
        query = " OR ".join(f'"{k}"' for k in present)
        try:
            rows = self.conn.execute(
                "SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ? "
                "ORDER BY rank LIMIT ?", (query, limit)).fetchall()
        except sqlite3.DatabaseError as exc:
            # never swallowed: a failed search would pass for a quotation the corpus lacks
            raise StoreError(f"trace: the full-text query {query} failed: {exc}") from exc
        return [r[0] for r in rows]

    def _rows(self, sql: str, args: list) -> list[tuple[int, str, int | None, frozenset[str]]]:
        out = []
        for pid, cable_id, number, text in self.conn.execute(sql, args):
            keys = self._keys.get(pid)
            if keys is None:
                keys = frozenset(word_keys(text, cable=True))
                if len(self._keys) > 5_000:
                    self._keys.clear()
                self._keys[pid] = keys
            out.append((pid, cable_id, number, keys))
        return out

    def paragraphs(self, pids: list[int]) -> list[tuple[int, str, int | None, frozenset[str]]]:
        """(pid, cable, number, word keys) of paragraphs (keys cached)."""
        out = []
        for i in range(0, len(pids), 900):
            chunk = pids[i:i + 900]
            marks = ",".join("?" * len(chunk))
            out.extend(self._rows(
                f"SELECT pid, cable_id, number, text FROM paragraphs WHERE pid IN ({marks})",
                chunk))
        return out

    def all_paragraphs(self, cable_id: str) -> list[tuple[int, str, int | None, frozenset[str]]]:
        """Every block of a cable (numbered or not), as `paragraphs` gives them, in order."""
        cached = self._cables.get(cable_id)
        if cached is None:
            cached = self._rows(
                "SELECT pid, cable_id, number, text FROM paragraphs WHERE cable_id = ? "
                "ORDER BY seq", [cable_id])
            if len(self._cables) > 256:
                self._cables.clear()
            self._cables[cable_id] = cached
        return cached

    def cable_paragraphs(self, cable_ids: list[str]
                         ) -> list[tuple[int, str, int | None, frozenset[str]]]:
        """The numbered paragraphs of some cables, as `paragraphs` gives them."""
        return [row for cable_id in cable_ids for row in self.all_paragraphs(cable_id)
                if row[2] is not None]

    def rank(self, keys: list[str], anchors: list[str], pids: Iterable[int] = (),
             corpus: bool = True, limit: int = 20) -> list[Candidate]:
        """Paragraphs for a text given by its content keys, scored by weighted overlap, best
        first: every numbered paragraph of the `anchors` cables, the paragraphs `pids` (those
        sharing 4-grams with it), and with `corpus` the BM25 best of the whole corpus."""
        if not keys:
            return []
        weights = self.weights(keys)
        total = math.fsum(weights.values()) or 1.0
        wanted = set(keys).intersection(weights)
        rows = {r[0]: r for r in self.cable_paragraphs(anchors)}
        extra = [p for p in dict.fromkeys([*pids, *(self.bm25(keys, limit) if corpus else [])])
                 if p not in rows]
        for r in self.paragraphs(extra):
            rows[r[0]] = r
        out = []
        for pid, cable_id, number, para_keys in rows.values():
            have = wanted.intersection(para_keys)
            overlap = math.fsum(weights[k] for k in have) / total
            out.append(Candidate(pid, cable_id, number, overlap, len(have)))
        out.sort(key=lambda c: (-c.overlap, c.pid))
        return out
