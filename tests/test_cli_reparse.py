"""`cablescope reparse` through the CLI on a copy of the real corpus: nothing changes where the
stored parse is this parser's; where a few cables carry an older parser's rows (and the database
an older parser version), exactly those are parsed into new rows and the stamp is brought up to
date."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablescope.cli import cli
from cablescope.store.rows import PARSER_KEY, PARSER_VERSION

# Every row reparse may rewrite, in a stable order (versions are never touched: checked too).
TABLES = {
    "cables": "SELECT * FROM cables ORDER BY id",
    # all but `pid`, the full-text rowid, which a replaced paragraph gets anew
    "paragraphs": "SELECT cable_id, seq, number, marking, marking_raw, heading, start, end, text "
                  "FROM paragraphs ORDER BY cable_id, seq",
    "refs": "SELECT * FROM refs ORDER BY citing, seq",
    "tags": "SELECT * FROM tags ORDER BY cable_id, seq, tag",
    "recipients": "SELECT * FROM recipients ORDER BY cable_id, seq",
    "versions": "SELECT cable_id, version, sha256 FROM versions ORDER BY cable_id, version",
}


def digests(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        out = {}
        for table, sql in TABLES.items():
            h = hashlib.sha256()
            for row in conn.execute(sql):
                h.update(repr(row).encode())
            out[table] = h.hexdigest()
    conn.close()
    return out


def paragraph_rowids(db: Path) -> dict[str, list[int]]:
    with sqlite3.connect(db) as conn:
        out: dict[str, list[int]] = {}
        for cable_id, pid in conn.execute("SELECT cable_id, pid FROM paragraphs ORDER BY pid"):
            out.setdefault(cable_id, []).append(pid)
    conn.close()
    return out


def reparse(db: Path) -> dict[str, int]:
    result = CliRunner().invoke(cli, ["reparse", "--db", str(db), "--quiet", "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def stats_text(db: Path) -> str:
    result = CliRunner().invoke(cli, ["stats", "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def copy(real_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reparse") / "real.db"
    shutil.copy(real_db, path)
    return path


def test_reparse_of_a_current_database_changes_nothing(copy: Path) -> None:
    with sqlite3.connect(copy) as conn:
        (cables,) = conn.execute("SELECT count(*) FROM cables").fetchone()
    conn.close()
    before, rowids = digests(copy), paragraph_rowids(copy)
    summary = reparse(copy)
    assert summary["cables"] == cables == 6712
    assert summary["changed"] == 0
    assert summary["unchanged"] + summary["problems"] == cables
    assert digests(copy) == before
    assert paragraph_rowids(copy) == rowids  # no row was even rewritten
    assert "run `cablescope reparse`" not in stats_text(copy)


def test_reparse_replaces_exactly_the_rows_an_older_parser_left(copy: Path) -> None:
    current = digests(copy)
    rowids = paragraph_rowids(copy)
    with sqlite3.connect(copy) as conn:
        # three real cables, each with numbered paragraphs and a REF line
        stale = [r[0] for r in conn.execute(
            "SELECT c.id FROM cables c WHERE EXISTS (SELECT 1 FROM refs r WHERE r.citing = c.id)"
            " AND EXISTS (SELECT 1 FROM paragraphs p WHERE p.cable_id = c.id AND p.number = 2)"
            " ORDER BY c.id LIMIT 3")]
        assert len(stale) == 3
        # what an older parser left: a subject cut short, a paragraph marking missed, a REF
        # entry not read
        conn.execute("UPDATE cables SET subject = substr(subject, 1, 10) WHERE id = ?",
                     (stale[0],))
        conn.execute("UPDATE paragraphs SET marking = NULL, marking_raw = NULL "
                     "WHERE cable_id = ? AND number = 2", (stale[1],))
        conn.execute("DELETE FROM refs WHERE citing = ? AND seq = (SELECT max(seq) FROM refs "
                     "WHERE citing = ?)", (stale[2], stale[2]))
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')", (PARSER_KEY,))
    conn.close()
    assert digests(copy) != current
    assert "run `cablescope reparse`" in stats_text(copy)

    summary = reparse(copy)

    assert summary["changed"] == 3, summary
    assert digests(copy) == current  # the three cables' rows are this parser's again
    after = paragraph_rowids(copy)  # and only theirs were written: the others keep their rows
    assert {c for c in rowids if rowids[c] != after.get(c)} == set(stale)
    with sqlite3.connect(copy) as conn:
        stamp = conn.execute("SELECT value FROM meta WHERE key = ?", (PARSER_KEY,)).fetchone()
    conn.close()
    assert stamp == (PARSER_VERSION,)
    assert "run `cablescope reparse`" not in stats_text(copy)
