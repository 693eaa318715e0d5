"""What `ingest` and `serve` do with inputs they cannot use: they say what is wrong, exit
non-zero, and leave nothing behind (no empty database, no tables added to someone else's file, no
"serving" line for a server that cannot listen)."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cablescope.cli import cli
from test_cli_corpus import write_corpus

CABLESCOPE = Path(sys.executable).parent / "cablescope"
ARCHIVES = [("cables.tar.xz", "an xz"), ("cables.txz", "an xz"), ("cables.csv.xz", "an xz"),
            ("cables.tar.gz", "a gzip"), ("cables.tgz", "a gzip"), ("cables.csv.gz", "a gzip"),
            ("cables.tar.bz2", "a bzip2"), ("cables.zip", "a zip"), ("cables.tar", "a tar")]


def ingest(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["ingest", *map(str, args)], catch_exceptions=False)


def tables(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]


def test_a_missing_input_makes_no_database(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    result = ingest(tmp_path / "missing.tar.xz", "--db", db)
    assert result.exit_code == 1
    assert f"no such file or folder: {tmp_path / 'missing.tar.xz'}" in result.stderr
    assert not db.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("name", "kind"), ARCHIVES)
def test_random_bytes_under_an_archive_name_are_not_that_archive(tmp_path: Path, name: str,
                                                                 kind: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(os.urandom(4096))
    db = tmp_path / "new.db"
    result = ingest(bad, "--db", db)
    assert result.exit_code == 1
    assert f"{bad} is not {kind} archive" in result.stderr
    assert "empty" not in result.stderr and "damaged archive" not in result.stderr
    assert not db.exists()


def test_an_empty_archive_says_it_is_empty(tmp_path: Path) -> None:
    empty = tmp_path / "cables.tar.gz"
    empty.touch()
    result = ingest(empty, "--db", tmp_path / "new.db")
    assert result.exit_code == 1
    assert f"{empty} is empty (0 bytes), not a gzip archive" in result.stderr


def test_a_bad_input_beside_good_ones_is_named_and_the_good_ones_stored(tmp_path: Path) -> None:
    write_corpus(tmp_path / "good", 3)
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK but not really a zip" * 20)
    db = tmp_path / "new.db"
    result = ingest(tmp_path / "good", bad, "--db", db)
    assert result.exit_code == 1
    assert f"{bad} is not a zip archive" in result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM cables").fetchone()[0] == 3


@pytest.fixture
def foreign(tmp_path: Path) -> Path:
    """Another application's SQLite file."""
    db = tmp_path / "invoices.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO invoices VALUES (1, 9.5)")
    conn.close()
    return db


def test_another_applications_database_is_refused(tmp_path: Path, foreign: Path) -> None:
    write_corpus(tmp_path / "good", 2)
    result = ingest(tmp_path / "good", "--db", foreign)
    assert result.exit_code == 1
    assert (f"{foreign} is not a cablescope database: it holds another application's tables "
            "(customers, invoices)") in result.stderr
    assert "--force" in result.stderr
    assert tables(foreign) == ["customers", "invoices"]
    # reading commands, which would add missing tables to a writable file, refuse it too
    stats = CliRunner().invoke(cli, ["stats", "--db", str(foreign)])
    assert stats.exit_code == 1 and "not a cablescope database" in stats.stderr
    assert tables(foreign) == ["customers", "invoices"]


def test_force_adds_cablescope_to_another_applications_database(tmp_path: Path,
                                                                 foreign: Path) -> None:
    write_corpus(tmp_path / "good", 2)
    result = ingest(tmp_path / "good", "--db", foreign, "--force")
    assert result.exit_code == 0, result.output
    names = tables(foreign)
    assert {"customers", "invoices", "cables", "paragraphs", "meta"} <= set(names)
    with sqlite3.connect(foreign) as conn:
        assert conn.execute("SELECT amount FROM invoices").fetchall() == [(9.5,)]
        assert conn.execute("SELECT count(*) FROM cables").fetchone()[0] == 2
    # cablescope's now: later commands take it without --force
    assert ingest(tmp_path / "good", "--db", foreign).exit_code == 0


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def test_serve_on_a_busy_port_fails_before_saying_it_serves(tmp_path: Path,
                                                            busy_port: int) -> None:
    write_corpus(tmp_path / "good", 2)
    db = tmp_path / "c.db"
    assert ingest(tmp_path / "good", "--db", db).exit_code == 0
    done = subprocess.run([str(CABLESCOPE), "serve", "--db", str(db), "--port", str(busy_port)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert (f"port {busy_port} on 127.0.0.1 is already in use (another server?): stop it, or "
            "choose another port with --port") in done.stderr
    assert "serving" not in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("command", [["stats"], ["show", "05PARIS5335"], ["search", "tariffs"],
                                     ["refs", "05PARIS5335"], ["reparse"], ["index"]])
def test_an_empty_file_as_database_is_refused_and_left_empty(tmp_path: Path,
                                                             command: list[str]) -> None:
    """SQLite takes a 0-byte file for an empty database: `stats --db notes.csv` used to answer
    zeros and turn the file into a 700 KB cablescope database (a trace or an index built one
    too). Now every command that needs a database says the file is empty and leaves it so."""
    empty = tmp_path / "notes.csv"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, [*command, "--db", str(empty)])
    assert result.exit_code == 1, result.output
    assert f"{empty} is empty, not a cablescope database" in result.output
    assert "Traceback" not in result.output
    assert empty.stat().st_size == 0


def test_an_html_report_into_a_missing_folder_fails_before_tracing(synth_db: Path,
                                                                    tmp_path: Path) -> None:
    """`trace --html missing/report.html` traced the article, then died with a
    FileNotFoundError traceback; now a usage error names the folder before any work."""
    pytest.importorskip("cablescope.trace")
    article = tmp_path / "article.txt"
    article.write_text('The minister said "we will not allow this to happen again".\n')
    target = tmp_path / "missing" / "report.html"
    result = CliRunner().invoke(cli, ["trace", str(article), "--html", str(target),
                                      "--db", str(synth_db), "--quiet"])
    assert result.exit_code == 2, result.output
    assert f"folder {target.parent} does not exist" in result.output
    assert "Traceback" not in result.output and not target.parent.exists()


def test_an_os_error_naming_a_file_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """The command group's net: an OSError with a file name (a missing folder, no permission,
    a full disk) is reported as that file and its reason, exit 1."""
    import click

    from cablescope.cli import CableGroup

    @click.group(cls=CableGroup)
    def group() -> None:
        pass

    @group.command()
    def write() -> None:
        (tmp_path / "missing" / "out.csv").write_text("x")

    result = CliRunner().invoke(group, ["write"])
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: {tmp_path / 'missing' / 'out.csv'}: "
                                     "No such file or directory")


@pytest.mark.parametrize("command", ["show", "refs", "similar", "reuse"])
def test_a_blank_cable_id_is_a_usage_error(synth_db: Path, command: str) -> None:
    """`show ''` answered "no cable  in cablescope.db" (exit 1), as if a cable were missing."""
    result = CliRunner().invoke(cli, [command, "  ", "--db", str(synth_db)])
    assert result.exit_code == 2, result.output
    assert "give a cable ID, as in 05PARIS5335" in result.output


@pytest.mark.parametrize("command", [["meetings"], ["graph"], ["export", "csv", "--out", "x"],
                                     ["export", "ftm"]])
@pytest.mark.parametrize(("option", "value", "says"), [
    ("--from", "2006-13", "month must be in 1..12"),
    ("--to", "notadate", "write YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_a_bad_date_filter_is_a_usage_error(synth_db: Path, tmp_path: Path,
                                            command: list[str], option: str, value: str,
                                            says: str) -> None:
    """`export csv --from 2006-13` exported nothing and exited 0; dates are checked as
    queries check theirs (`search.query.date_bounds`)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        result = CliRunner().invoke(cli, [*command, option, value, "--db", str(synth_db)])
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}': bad date '{value}': {says}" in result.output
    assert not (tmp_path / "x").exists()


def test_spark_jobs_check_their_inputs_before_starting_spark(tmp_path: Path,
                                                             monkeypatch) -> None:
    """A missing input of `spark ingest`, or a missing folder for `spark trace --out`, was
    found only after Spark had started (about 40 s) or every article was traced; now before."""
    pytest.importorskip("pyspark")
    from cablescope.commands import spark as spark_commands

    def no_spark(_master: object) -> None:
        raise AssertionError("Spark was started")

    monkeypatch.setattr(spark_commands, "_session", no_spark)
    missing = tmp_path / "missing.tar.xz"
    result = CliRunner().invoke(cli, ["spark", "ingest", str(missing), "--out",
                                      str(tmp_path / "tables")])
    assert result.exit_code == 1, result.output
    assert f"no such file or folder: {missing}" in result.output
    article = tmp_path / "a.txt"
    article.write_text('He said "we will not allow this".\n')
    out = tmp_path / "no" / "reports.jsonl"
    result = CliRunner().invoke(cli, ["spark", "trace", str(article), "--db", str(article),
                                      "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert f"folder {out.parent} does not exist" in result.output
