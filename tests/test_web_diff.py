"""What changed between two published versions, on real cables of the corpus.

The answers were read in the two versions' texts (the earlier-versions archive and the main one),
not taken from the tool:
- 08PARIS1698, seen 2010-12-07: ¶1, ¶2, then `XXXXXXXXXXXX` where ¶3–¶35 were cut, then ¶36 and
  ¶37 (a partial extract). Seen 2011-04-25: ¶1–¶37 in full, no redaction; ¶3 opens under the
  heading "The Bases".
- 07MADRID520: the two versions differ in line wrapping and one space ("Bush.Spaniards" in the
  earlier, "Bush. Spaniards" in ¶4 of the later): the same words.
- 08CASABLANCA104, seen 2010-12-07: no redaction; names the sources ("Samir Benmakhlouf,
  president of Century 21 Morocco", "Jawad Kerdoudi, an economist..."). Seen 2011-04-25: four
  `XXXXXXXXXXXX` in their place.
Version numbers are looked up by the day each version was seen, not assumed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from cablescope.store import Store
from cablescope.web import core
from cablescope.web.diff import Piece, changes, ranges, summary, summary_lines, word_diff

pytestmark = pytest.mark.real


@pytest.fixture(scope="module")
def store(real_db: Path) -> Iterator[Store]:
    with Store.open(real_db, readonly=True) as opened:
        yield opened


def by_seen(store: Store, cable_id: str) -> dict[str, int]:
    return {v["seen"]: v["version"] for v in store.versions(cable_id)}


def spelled(diff: dict[str, object], op: str) -> str:
    return "".join(p["text"] for p in diff["pieces"] if p["op"] in ("equal", op))  # type: ignore[attr-defined,index]


def test_a_partial_extract_replaced_by_the_full_text(store: Store) -> None:
    seen = by_seen(store, "08PARIS1698")
    d = core.diff(store, "08PARIS1698", seen["2010-12-07"], seen["2011-04-25"])
    s = d["summary"]
    assert s["extract"] == "replaced by the full text"
    assert s["paragraphs_added"] == list(range(3, 36))
    assert s["paragraphs_removed"] == [] and s["redactions_lifted"] == 1
    assert s["redactions_added"] == 0
    lifted = [c for c in d["changes"] if c["kind"] == "redaction lifted"]
    assert len(lifted) == 1
    pieces = d["pieces"][lifted[0]["first"]:lifted[0]["last"]]
    assert [p["text"].strip() for p in pieces if p["op"] == "delete"] == ["XXXXXXXXXXXX"]
    assert "".join(p["text"] for p in pieces if p["op"] == "insert").startswith("The Bases")
    # the heading "The Bases" opens ¶3 (a heading belongs to the paragraph under it), so the
    # full text comes in at ¶3's start, where the earlier version had its redaction
    assert lifted[0]["paragraphs"][:2] == [3, 4] and lifted[0]["paragraphs"][-1] == 35
    text = store.version_text("08PARIS1698", seen["2011-04-25"])
    assert spelled(d, "insert") == text
    assert text[lifted[0]["start"]:lifted[0]["end"]].startswith("The Bases")
    lines = [line["text"] for line in summary_lines(d, {v: k for k, v in seen.items()})]
    assert lines[0] == (f"v{seen['2010-12-07']} (seen 2010-12-07) was a partial extract of "
                        f"the cable; v{seen['2011-04-25']} (seen 2011-04-25) is the full text")
    assert "33 paragraphs added: ¶3–¶35" in lines
    assert any(line.startswith("1 redaction lifted") for line in lines)


def test_the_same_diff_read_backwards(store: Store) -> None:
    seen = by_seen(store, "08PARIS1698")
    d = core.diff(store, "08PARIS1698", seen["2011-04-25"], seen["2010-12-07"])
    s = d["summary"]
    assert s["extract"] == "cut to a partial extract"
    assert s["paragraphs_removed"] == list(range(3, 36)) and s["paragraphs_added"] == []
    assert (s["redactions_added"], s["redactions_lifted"]) == (1, 0)
    assert spelled(d, "insert") == store.version_text("08PARIS1698", seen["2010-12-07"])


def test_line_wrapping_and_a_space_are_formatting_only(store: Store) -> None:
    seen = by_seen(store, "07MADRID520")
    d = core.diff(store, "07MADRID520", seen["2010-12-07"], seen["2011-04-25"])
    s = d["summary"]
    assert s["kinds"] == {"formatting": 1}
    assert s["paragraphs_added"] == s["paragraphs_removed"] == s["paragraphs_changed"] == []
    assert s["extract"] is None and s["redactions_lifted"] == s["redactions_added"] == 0
    (change,) = d["changes"]
    assert change["paragraphs"] == [4]
    assert [(p["op"], p["text"].strip()) for p in d["pieces"][change["first"]:change["last"]]
            ] == [("delete", "Bush.Spaniards"), ("insert", "Bush. Spaniards")]


def test_names_redacted_in_the_later_version(store: Store) -> None:
    seen = by_seen(store, "08CASABLANCA104")
    d = core.diff(store, "08CASABLANCA104", seen["2010-12-07"], seen["2011-04-25"])
    s = d["summary"]
    assert (s["redactions_added"], s["redactions_lifted"]) == (4, 0)
    assert s["kinds"] == {"redacted": 4}
    first = d["changes"][0]
    gone = "".join(p["text"] for p in d["pieces"][first["first"]:first["last"]]
                   if p["op"] == "delete")
    assert gone.startswith("Samir Benmakhlouf, president of Century")
    lines = summary_lines(d, {})
    assert lines[0]["text"].startswith("4 redactions added") and lines[0]["href"] == "#c1"


def test_every_cable_with_versions_diffs_and_spells_both_texts(store: Store) -> None:
    """All 83 cables with an earlier version: the pieces spell both texts, every change is
    placed inside the newer text, changes and counts agree."""
    conn: sqlite3.Connection = store.connection
    ids = [r[0] for r in conn.execute(
        "SELECT cable_id FROM versions GROUP BY cable_id HAVING count(*) > 1")]
    assert len(ids) == 83
    for cable_id in ids:
        d = core.diff(store, cable_id)
        new = store.version_text(cable_id, d["to_version"]) or ""
        assert spelled(d, "insert") == new, cable_id
        assert len(d["changes"]) == d["summary"]["changes"]
        assert sum(d["summary"]["kinds"].values()) == len(d["changes"])
        for c in d["changes"]:
            assert 0 <= c["start"] <= c["end"] <= len(new)
            assert all(p["op"] != "equal" for p in d["pieces"][c["first"]:c["last"]])


def test_changes_of_a_made_up_pair() -> None:
    old_paras = [{"number": 1, "text": "He met XXXXXXXXXXXX on March 3."},
                 {"number": 2, "text": "He was upbeat today."}]
    new_paras = [{"number": 1, "text": "He met Minister Auric Goldfinger on March 3."},
                 {"number": 2, "text": "He was “upbeat” today."},
                 {"number": 3, "text": "Comment: none."}]
    old = "\n\n".join(p["text"] for p in old_paras)
    new = "\n\n".join(p["text"] for p in new_paras)
    pos = 0
    for p in new_paras:
        p["start"], p["end"] = pos, pos + len(p["text"])
        pos = p["end"] + 2
    pieces = word_diff(old, new)
    assert all(isinstance(p, Piece) for p in pieces)
    found = changes(pieces, new_paras)
    assert [(c.kind, c.paragraphs) for c in found] == [
        ("redaction lifted", [1]), ("formatting", [2]), ("added", [3])]
    s = summary(found, {"paragraphs": old_paras}, {"paragraphs": new_paras})
    assert s["paragraphs_added"] == [3] and s["paragraphs_changed"] == [1]
    assert ranges([3, 4, 5, 9, 11, 12]) == "¶3–¶5, ¶9, ¶11–¶12"
