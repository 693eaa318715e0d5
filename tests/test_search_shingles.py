"""Exact mode's shingle index (search/shingles.py) against a brute-force reading of every
paragraph of the real corpus, over literals drawn from its text and bent the ways users type
them: case, punctuation, accents, curly quotes, hyphens, words at paragraph edges, line breaks."""

from __future__ import annotations

import bisect
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from cablescope.search import FACETS, search, shingles
from cablescope.search.columns import forget
from cablescope.search.results import evaluate
from cablescope.search.text import QUOTE_CHARS, fold_quotes, is_token_char
from cablescope.store import Store


def _copy(source: Path, target: Path) -> Path:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    return target


@pytest.fixture(scope="module")
def indexed(real_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the real corpus's database with the shingle index built."""
    db = _copy(real_db, tmp_path_factory.mktemp("shingles") / "indexed.db")
    with Store.open(db) as store:
        store.migrate()
        assert shingles.update(store.connection) > 60_000
    forget()
    yield db
    forget()


class Corpus:
    """Every paragraph's text joined by NUL (never in a literal), for brute-force search."""

    def __init__(self, db: Path) -> None:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        rows = conn.execute("SELECT pid, text FROM paragraphs ORDER BY pid").fetchall()
        conn.close()
        self.pids = [pid for pid, _ in rows]
        self.texts = [text for _, text in rows]
        self.starts, at = [], 0
        for text in self.texts:
            self.starts.append(at)
            at += len(text) + 1
        self.joined = "\0".join(self.texts)
        self.folded = fold_quotes(self.joined)

    def find(self, literal: str) -> set[int]:
        """pids of the paragraphs holding `literal` by the rules of docs/search.md, read
        independently of search's code: a literal starting with a letter or digit starts a
        word; curly and straight quotes are one."""
        text, needle = self.joined, literal
        if any(c in QUOTE_CHARS for c in literal):
            text, needle = self.folded, fold_quotes(literal)
        found, at = set(), text.find(needle)
        while at >= 0:
            if not is_token_char(needle[0]) or at == 0 or not is_token_char(text[at - 1]):
                found.add(self.pids[bisect.bisect_right(self.starts, at) - 1])
            at = text.find(needle, at + 1)
        return found


def literals(corpus: Corpus, count: int, seed: int) -> list[str]:
    """Literals cut from the real text at word starts and bent as users type them."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < count:
        text = rng.choice(corpus.texts)
        starts = [i for i in range(len(text)) if is_token_char(text[i])
                  and (i == 0 or not is_token_char(text[i - 1]))]
        if not starts:
            continue
        kind = rng.randrange(10)
        if kind == 0:  # the paragraph's last characters, punctuation included
            start = starts[max(0, len(starts) - rng.randint(1, 3))]
            piece = text[start:]
        elif kind == 1:  # from the paragraph's start
            piece = text[:rng.randint(1, 40)]
        else:
            start = rng.choice(starts)
            piece = text[start:start + rng.randint(1, 45)]
        if not piece.strip():
            continue
        bend = rng.randrange(12)
        if bend == 0:
            piece = piece.swapcase()
        elif bend == 1:
            piece = piece.upper()
        elif bend == 2:
            piece = piece.lower()
        elif bend == 3:
            piece = piece.replace("'", "’").replace('"', "“")
        elif bend == 4:
            piece = piece.replace("e", "é", 1)
        elif bend == 5:
            piece = piece.replace(" ", "-", 1)
        elif bend == 6:
            piece = piece.replace(" ", "  ", 1)
        elif bend == 7:  # starting inside a word, or with the separator before it
            piece = text[max(0, text.find(piece) - rng.randint(1, 3)):][:len(piece) + 2]
        out.append(piece)
    return out


# literals a reader types: common words, quotes, hyphens, IDs, markings, punctuation first
TYPED = ["The ministry", "the Ministry", "president, the", "U.S.-", "U.S. ", "Sarkozy's",
         "Sarkozy’s", "(C) ", "(S/NF)", "1.4 (b)", "E.O. 12958", "--", "...", "the", "The",
         "THE", "of the", "in the", "French", "Élysée", "Elysee", "EU-3", "P5+1", "\"", "'s",
         "-- ", "\nthe", "said.", "said. ", "said.\n", "Classified By", "REF: A", "1. (C)",
         "¶", "2009", "09PARIS", "Government of", "government of"]


@pytest.fixture(scope="module")
def corpus(indexed: Path) -> Corpus:
    return Corpus(indexed)


def _pids(db: Path, literal: str) -> set[int]:
    with Store.open(db, readonly=True) as store:
        _, _, found = evaluate(store.connection, literal, "paragraph", "newest", True)
        return set(found.keys.tolist())


def test_the_index_finds_what_reading_every_paragraph_finds(indexed: Path,
                                                              corpus: Corpus) -> None:
    cases = TYPED + literals(corpus, 400, seed=14)
    answered = 0
    with Store.open(indexed, readonly=True) as store:
        conn = store.connection
        for literal in cases:
            _, _, found = evaluate(conn, literal, "paragraph", "newest", True)
            assert set(found.keys.tolist()) == corpus.find(literal), literal
            answered += shingles.match_expression(literal) is not None
    assert answered > len(cases) * 0.8  # most literals are the index's to answer


def test_the_same_results_with_and_without_the_index(real_db: Path, indexed: Path,
                                                     corpus: Corpus) -> None:
    """Hits, totals, order, facets and snippets as the path reading text gives them."""
    cases = TYPED[:20] + literals(corpus, 40, seed=15)
    for n, literal in enumerate(cases):
        options = {"level": "paragraph" if n % 3 == 0 else "cable",
                   "sort": ("rank", "newest", "oldest")[n % 3], "facets": FACETS, "limit": 30,
                   "exact_mode": True}
        with Store.open(indexed, readonly=True) as store:
            new = search(store.connection, literal, **options).as_dict()  # type: ignore[arg-type]
        with Store.open(real_db, readonly=True) as store:
            assert store.connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'search_exact_state'"
            ).fetchone()[0] == 0 or shingles.upto(store.connection) == 0
            old = search(store.connection, literal, **options).as_dict()  # type: ignore[arg-type]
        assert new == old, literal


def test_paragraphs_after_the_index_and_odd_ones_are_read(indexed: Path, corpus: Corpus,
                                                          tmp_path: Path) -> None:
    """An index behind the store (paragraphs ingested since), or a paragraph it cannot hold,
    gives the same answer: those paragraphs are checked on their text."""
    db = _copy(indexed, tmp_path / "behind.db")
    literal = "the Government"
    expected = corpus.find(literal)
    with Store.open(db) as store:
        conn = store.connection
        ordered = sorted(expected)
        behind, odd = ordered[len(ordered) // 2], ordered[0]
        (text,) = conn.execute("SELECT text FROM paragraphs WHERE pid = ?", (odd,)).fetchone()
        conn.execute("INSERT INTO search_exact (search_exact, rowid, grams) "
                     "VALUES ('delete', ?, ?)", (odd, shingles.grams(text)))
        conn.execute("INSERT INTO search_exact_odd (pid) VALUES (?)", (odd,))
        conn.execute("UPDATE search_exact_state SET upto = ?", (behind,))
    assert _pids(db, literal) == expected
    with Store.open(db) as store:  # the update takes the index to the end again
        assert shingles.update(store.connection) > 0
        assert shingles.upto(store.connection) == max(corpus.pids)
    assert _pids(db, literal) == expected


def test_what_the_index_cannot_answer_takes_the_old_path() -> None:
    assert shingles.match_expression("--") is None
    assert shingles.match_expression("a") is None  # one short word: the old path is cheaper
    assert shingles.match_expression("the") == '"the"*'
    assert shingles.match_expression("(C) text") is None  # punctuation first
    assert shingles.match_expression("x" * 2000) is None
    assert shingles.match_expression("a\ue041b") is None  # a character the encoding uses
    assert shingles.grams("text \ue020 with a moved space") is None
    # one shingle per word: the word, its separator, the next word; the last with what ends it
    assert shingles.grams("Ab, c.").count(" ") == 2
    assert shingles.match_expression("ab c") == '"ab\ue020c"*'
    assert shingles.match_expression("ab c.") == '"ab\ue020c c\ue02e"*'


def test_ingest_keeps_a_built_index_current(tmp_path: Path, main_corpus: Path) -> None:
    from click.testing import CliRunner

    from cablescope.cli import cli as main
    from cablescope.synth import generate, write_csv

    db = tmp_path / "cables.db"
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    records = list(generate(60, seed=5))
    write_csv(records[:30], first)
    write_csv(records[30:], second)
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(first), "--db", str(db)]).exit_code == 0
    with Store.open(db, readonly=True) as store:
        assert shingles.upto(store.connection) == 0  # not built by ingest alone
    result = runner.invoke(main, ["index", "--search-only", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["ingest", str(second), "--db", str(db)]).exit_code == 0
    with Store.open(db, readonly=True) as store:
        conn = store.connection
        (last,) = conn.execute("SELECT max(pid) FROM paragraphs").fetchone()
        assert shingles.upto(conn) == last
    forget()
