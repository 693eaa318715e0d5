"""`cablescope ingest`, `show`, `stats` through the CLI runner on real SQLite files, and an ingest
killed half-way for real."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablescope.cli import cli
from cablescope.store import Store

POSTS = ["PARIS", "MADRID", "ROME", "STATE", "BERLIN"]


def cable_text(year: int, post: str, serial: int, words: str = "talks") -> str:
    """A plain-text cable in the usual layout: banner, TAGS, SUBJECT, REF, numbered paragraphs.

    It cites the post's previous cable in `write_corpus` (serial - 5), when there is one.
    """
    ref = f"REF: {post} {serial - len(POSTS)}\n\n" if serial > len(POSTS) else ""
    return (
        f"C O N F I D E N T I A L SECTION 01 OF 01 {post} {serial:06d}\n\nSIPDIS\n\n"
        f"E.O. 12958: DECL: 01/01/2019\nTAGS: PREL ECON FR\n"
        f"SUBJECT: {words.upper()} NUMBER {serial}\n\n"
        f"{ref}"
        f"Classified By: Ambassador Craig R. Stapleton for reasons 1.4 (b) and (d)\n\n"
        f"1. (C) Summary: the {words} about item {serial} went on. End summary.\n\n"
        f"2. (C) The minister said {words} would continue in {year + 2000}.\n\n"
        f"3. (U) Nothing else to report on case {serial}.\n\nSTAPLETON\n"
    )


def write_corpus(folder: Path, n: int, year: int = 9) -> list[str]:
    """n text cables as `<ID>.txt` files; returns their IDs."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for i in range(1, n + 1):
        post = POSTS[i % len(POSTS)]
        cid = f"{year:02d}{post}{i}"
        (folder / f"{cid}.txt").write_text(cable_text(year, post, i), encoding="utf-8")
        ids.append(cid)
    return ids


def run(*args: str, db: Path | None = None, env: dict[str, str] | None = None):
    extra = ["--db", str(db)] if db is not None else []
    return CliRunner().invoke(cli, [*args, *extra], env=env, catch_exceptions=False)


def table_counts(db: Path) -> dict[str, int]:
    with Store.open(db, readonly=True) as store:
        return {t: store.connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("cables", "versions", "paragraphs", "refs", "tags", "problems")}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    write_corpus(tmp_path / "corpus", 30)
    return tmp_path / "corpus"


# --- ingest -------------------------------------------------------------------------------------


def test_ingest_folder_then_again_changes_nothing(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "c.db"
    first = run("ingest", str(corpus), "--quiet", db=db)
    assert first.exit_code == 0, first.output
    assert "30 records: 30 new cables, 0 new versions" in first.stdout
    assert table_counts(db)["cables"] == 30
    before = table_counts(db)
    second = run("ingest", str(corpus), db=db)
    assert second.exit_code == 0
    assert "30 records: 0 new cables, 0 new versions (0 now current), 30 unchanged" in second.stdout
    assert table_counts(db) == before
    assert "\r" not in second.stderr  # not a terminal: no progress bar, only the summary


def test_ingest_json_summary_and_changed_text_becomes_a_version(tmp_path: Path,
                                                               corpus: Path) -> None:
    db = tmp_path / "c.db"
    run("ingest", str(corpus), db=db)
    changed = corpus / "09MADRID1.txt"
    changed.write_text(cable_text(9, "MADRID", 1, words="new talks"), encoding="utf-8")
    result = run("ingest", str(corpus), "--json", db=db)
    summary = json.loads(result.stdout)
    assert (summary["records"], summary["new_cables"], summary["new_versions"],
            summary["became_current"], summary["unchanged"]) == (30, 0, 1, 1, 29)
    assert summary["errors"] == []
    with Store.open(db, readonly=True) as store:
        got = store.cable("09MADRID1")
        assert got["subject"] == "NEW TALKS NUMBER 1"
        assert [v["current"] for v in got["versions"]] == [False, True]


def test_ingest_missing_and_empty_inputs_exit_1_naming_them(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "c.db"
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("   \n", encoding="utf-8")
    result = run("ingest", str(tmp_path / "nope.tar.xz"), str(corpus), str(empty), db=db)
    assert result.exit_code == 1
    assert f"no such file or folder: {tmp_path / 'nope.tar.xz'}" in result.stderr
    assert f"{empty}: no cable found in it (1 problem," in result.stderr
    assert table_counts(db)["cables"] == 30  # the readable input was ingested all the same
    assert table_counts(db)["problems"] == 1


def test_ingest_of_nothing_into_a_new_database_fails_cleanly(tmp_path: Path) -> None:
    """Nothing readable: exit 1 naming the input, and an empty database that still searches."""
    db = tmp_path / "fresh.db"
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("ingest", str(empty), db=db)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{empty}: no cable found in it" in result.stderr
    searched = run("search", "sarkozy", "--json", db=db)
    assert searched.exit_code == 0 and json.loads(searched.stdout)["total"] == 0


@pytest.mark.parametrize("read_apart", [False, True], ids=["read here", "read apart"])
def test_ingest_broken_archive_keeps_what_was_read_and_exits_1(
        tmp_path: Path, corpus: Path, read_apart: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if read_apart:  # this small archive, read in a reader process as a big one would be
        monkeypatch.setattr("cablescope.store.reading.READ_APART_BYTES", 0)
    archive = tmp_path / "cables.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(corpus, arcname="cable")
    data = archive.read_bytes()
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(data[: len(data) * 2 // 3])
    db = tmp_path / "c.db"
    result = run("ingest", str(broken), "--quiet", db=db)
    assert result.exit_code == 1
    assert str(broken) in result.stderr and "damaged" in result.stderr
    stored = table_counts(db)["cables"]
    assert 0 < stored < 30


def test_reading_apart_stores_what_reading_here_does(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader process (big corpora) and the reader in the ingesting process give the same
    database and the same summary, first time and again (every record then unchanged)."""
    from cablescope.sources import open_corpus
    from cablescope.store import Store
    from test_store import content_hash

    source = tmp_path / "cables"
    ids = write_corpus(source, 450)  # more than one batch: parsed in worker processes
    summaries = {}
    for apart in (False, True):
        monkeypatch.setattr("cablescope.store.reading.READ_APART_BYTES", 0 if apart else 1e18)
        db = tmp_path / f"{apart}.db"
        with Store.open(db) as store:
            first = store.ingest(open_corpus(source), workers=1)
            again = store.ingest(open_corpus(source), workers=1)
        summaries[apart] = [(s.records, s.new_cables, s.unchanged, s.problems, s.bytes_read)
                            for s in (first, again)]
    assert summaries[True] == summaries[False]
    assert summaries[True][0][:2] == (len(ids), len(ids))
    assert summaries[True][1][2] == len(ids)  # the second time, all skipped before parsing
    assert content_hash(tmp_path / "True.db") == content_hash(tmp_path / "False.db")


def test_db_from_environment(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "env.db"
    result = run("ingest", str(corpus), "-q", env={"CABLESCOPE_DB": str(db)})
    assert result.exit_code == 0 and db.exists()
    assert "cables:              30" in run("stats", env={"CABLESCOPE_DB": str(db)}).stdout


# --- show ---------------------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path, corpus: Path) -> Path:
    path = tmp_path / "c.db"
    assert run("ingest", str(corpus), "-q", db=path).exit_code == 0
    return path


def test_show_lays_out_the_cable(db: Path) -> None:
    result = run("show", "09PARIS10", db=db)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("09PARIS10  (version 1 of 1, current")
    assert "Subject:        TALKS NUMBER 10" in out
    assert "Signed:         STAPLETON" in out
    assert "PARIS 5  ->  09PARIS5: TALKS NUMBER 5" in out  # resolved reference with its subject
    assert "Cited by:\n  09PARIS15 (undated): TALKS NUMBER 15" in out
    assert "¶1 (C)    Summary: the talks about item 10 went on." in out
    assert out.index("¶1 (C)") < out.index("¶2 (C)") < out.index("¶3 (U)")


def test_show_accepts_citation_spellings(db: Path) -> None:
    for spelling in (["09", "PARIS", "5"], ["09 PARIS 000005"], ["09paris5"]):
        result = run("show", *spelling, db=db)
        assert result.exit_code == 0, (spelling, result.output)
        assert result.stdout.startswith("09PARIS5 ")


def test_show_unknown_id_suggests_close_ones(db: Path) -> None:
    result = run("show", "09PARIS9999", db=db)
    assert result.exit_code == 1
    assert "no cable 09PARIS9999" in result.stderr
    assert "did you mean" in result.stderr and "09PARIS" in result.stderr


def test_show_json_versions_and_old_version(db: Path, corpus: Path) -> None:
    changed = corpus / "09ROME2.txt"
    changed.write_text(cable_text(9, "ROME", 2, words="other talks"), encoding="utf-8")
    assert run("ingest", str(corpus), "-q", db=db).exit_code == 0
    current = json.loads(run("show", "09ROME2", "--json", db=db).stdout)
    assert (current["version"], current["subject"], current["current"]) == (
        2, "OTHER TALKS NUMBER 2", True)
    assert current["tags"]["subject"] == ["PREL", "ECON"]
    assert [p["address"] for p in current["paragraphs"] if p["number"]] == [
        "09ROME2¶1", "09ROME2¶2", "09ROME2¶3"]
    old = json.loads(run("show", "09ROME2", "--version", "1", "--json", db=db).stdout)
    assert (old["version"], old["subject"], old["current"]) == (1, "TALKS NUMBER 2", False)
    listing = run("show", "09ROME2", "--versions", db=db).stdout
    assert "09ROME2: 2 versions" in listing
    assert listing.splitlines()[3].startswith("*   2")
    missing = run("show", "09ROME2", "--version", "7", db=db)
    assert missing.exit_code == 1 and "has no version 7 (it has: 1, 2)" in missing.stderr


def test_read_commands_without_database(tmp_path: Path) -> None:
    for args in (["show", "05PARIS5335"], ["stats"]):
        result = run(*args, db=tmp_path / "none.db")
        assert result.exit_code == 1
        assert "no database at" in result.stderr and "cablescope ingest" in result.stderr


# --- stats --------------------------------------------------------------------------------------


def test_stats_text_and_json(db: Path) -> None:
    text = run("stats", db=db).stdout
    assert "cables:              30" in text
    assert "by origin" in text and "problems: 0" in text
    numbers = json.loads(run("stats", "--json", db=db).stdout)
    assert numbers["cables"] == 30
    assert numbers["by_tag"]["subject"] == {"ECON": 30, "PREL": 30}
    assert numbers["references"] == {"total": 25, "to_cables": 25, "resolved": 25}


# --- faults: kill -9 half-way, resume -----------------------------------------------------------

KILLABLE = """
import sys
from cablescope.sources import open_corpus
from cablescope.store import Store, reading
if sys.argv[3:] == ["apart"]:
    reading.READ_APART_BYTES = 0
with Store.open(sys.argv[1]) as store:
    store.ingest(open_corpus(sys.argv[2]), commit_every=50)
"""


def children(pid: int) -> list[int]:
    """Child process ids (Linux /proc)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def alive(pid: int) -> bool:
    """Running and not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.slow
@pytest.mark.parametrize("read_apart", [False, True], ids=["read here", "read apart"])
def test_kill_mid_ingest_leaves_a_sound_database_and_rerun_resumes(tmp_path: Path,
                                                                   read_apart: bool) -> None:
    from test_store import content_hash

    source = tmp_path / "big"
    ids = write_corpus(source, 1500)
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    assert run("ingest", str(source), "-q", db=clean).exit_code == 0

    proc = subprocess.Popen([sys.executable, "-c", KILLABLE, str(killed), str(source),
                             *(["apart"] if read_apart else [])])
    stored = 0
    deadline = time.monotonic() + 60
    while stored < 400 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
        if killed.exists():
            try:
                with sqlite3.connect(f"file:{killed}?mode=ro", uri=True) as conn:
                    stored = conn.execute("SELECT count(*) FROM versions").fetchone()[0]
            except sqlite3.OperationalError:
                pass  # schema not created yet
    assert proc.poll() is None, "the ingest ended before it could be killed: make the corpus bigger"
    workers = children(proc.pid)
    if Path("/proc/self/task").is_dir():  # Linux: the parser processes can be listed
        assert workers, "past the first batch, parsing runs in worker processes"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # its parser processes see their input close and end by themselves
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in workers)

    with Store.open(killed) as store:
        assert store.check() == []
        half = store.stats()["cables"]
    assert 400 <= half < len(ids)

    again = run("ingest", str(source), "-q", "--json", db=killed)
    summary = json.loads(again.stdout)
    assert summary["unchanged"] == half and summary["new_cables"] == len(ids) - half
    assert content_hash(killed) == content_hash(clean)
