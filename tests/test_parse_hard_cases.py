"""The hard-case suite of issue 11: field cases the parser must get right, each from a real cable.

Every case is a line of `tests/data/parse/hard/<class>.jsonl`, labelled by reading the cable (or,
for `conventions.jsonl`, the published description of an older telegram's layout it cites); how
the labels were made is in tests/data/parse/README.md. A case names the cable it comes from
(`cable`, read from ../shared in place) or the document that describes the convention
(`source`); the text a case quotes must occur in that cable.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cablescope.parse import (
    Cable,
    canonical_id,
    normalize_marking,
    parse_cable,
    parse_record,
    resolve_post,
)
from cablescope.sources import RawRecord, read_corpus

HARD = Path(__file__).resolve().parent / "data" / "parse" / "hard"
CLASSES = ("posts", "refs", "tags", "classified", "signers", "summaries", "subjects", "headings",
           "markings", "versions", "ids", "conventions")
MINIMUM = 400


def _load(name: str) -> list[dict[str, Any]]:
    path = HARD / f"{name}.jsonl"
    cases = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.strip():
            case = json.loads(line)
            case["_where"] = f"{path.name}:{n}"
            cases.append(case)
    return cases


CASES = {name: _load(name) for name in CLASSES}


def _params(name: str) -> list[Any]:
    return [pytest.param(case, id=case["case"]) for case in CASES[name]]


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


@pytest.fixture(scope="module")
def cited(main_corpus: Path) -> dict[str, tuple[RawRecord, Cable]]:
    """Every cable a case cites, read from the real archive and parsed."""
    wanted = {case["cable"] for cases in CASES.values() for case in cases if "cable" in case}
    out = {}
    for record in read_corpus(main_corpus):
        if isinstance(record, RawRecord) and record.meta["id"] in wanted:
            out[record.meta["id"]] = (record, parse_record(record))
    assert wanted <= out.keys(), f"cited but not in the archive: {sorted(wanted - out.keys())}"
    return out


@pytest.fixture(scope="module")
def conn(real_db: Path) -> Iterator[sqlite3.Connection]:
    from cablescope.store import Store

    with Store.open(real_db, readonly=True) as store:
        yield store.connection


def _cable(case: dict[str, Any], cited: dict[str, tuple[RawRecord, Cable]]) -> Cable:
    return cited[case["cable"]][1]


# --- the suite itself ---------------------------------------------------------------------------


def test_suite_is_large_sourced_and_covers_every_class() -> None:
    total = sum(len(cases) for cases in CASES.values())
    assert total >= MINIMUM, f"{total} cases, fewer than {MINIMUM}"
    names = [case["case"] for cases in CASES.values() for case in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    for name, cases in CASES.items():
        assert len(cases) >= 5, f"{name}: {len(cases)} cases"
        for case in cases:
            assert ("cable" in case) != ("source" in case), \
                f"{case['_where']}: a case cites a real cable or a documented convention"
            if "cable" in case:
                assert re.fullmatch(r"[0-9]{2}[A-Z0-9]+", case["cable"]), case["_where"]
            else:
                assert case["source"].startswith(("http", "design/")), case["_where"]


@pytest.mark.real
def test_quoted_text_occurs_in_the_cited_cable(cited) -> None:
    """What a case quotes as written (`raw`, `quote`) is in the cable it cites."""
    for cases in CASES.values():
        for case in cases:
            if "cable" not in case:
                continue
            text = _flat(cited[case["cable"]][0].text).replace("¶", "")
            for key in ("raw", "quote"):
                if key in case:
                    assert _flat(case[key]) in text, f"{case['_where']}: {case[key]!r} not found"


# --- posts --------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", _params("posts"))
def test_post(case: dict[str, Any]) -> None:
    found = resolve_post(case["raw"])
    assert (found.code if found else None) == case["post"], case["why"]
    if found is not None:
        assert found.raw == _flat(case["raw"])  # the form as written is kept beside the code


# --- references ---------------------------------------------------------------------------------


def _check_refs(case: dict[str, Any], cable: Cable) -> None:
    refs = cable.references
    got = list(dict.fromkeys(r.cable_id for r in refs if r.kind == "cable" and r.cable_id))
    assert got == case["cables"], case["why"]
    for kind, text in case.get("others", []):
        assert any(r.kind == kind and text.lower() in r.raw.lower() for r in refs), \
            (kind, text, [(r.kind, r.raw) for r in refs])
    for cable_id in case.get("not", []):
        assert all(r.cable_id != cable_id for r in refs)
    if "letters" in case:
        assert [r.letter for r in refs] == case["letters"]


@pytest.mark.real
@pytest.mark.parametrize("case", _params("refs"))
def test_references(case: dict[str, Any], cited) -> None:
    _check_refs(case, _cable(case, cited))


# --- TAGS, classified by, signers, summaries, subjects ------------------------------------------


@pytest.mark.real
@pytest.mark.parametrize("case", _params("tags"))
def test_tags(case: dict[str, Any], cited) -> None:
    assert _cable(case, cited).tags == case["tags"], case["why"]


def _check_classified(case: dict[str, Any], cable: Cable) -> None:
    assert cable.classified_by == case["classified_by"], case["why"]
    if "title" in case:
        assert cable.classified_by_title == case["title"]


@pytest.mark.real
@pytest.mark.parametrize("case", _params("classified"))
def test_classified_by(case: dict[str, Any], cited) -> None:
    _check_classified(case, _cable(case, cited))


@pytest.mark.real
@pytest.mark.parametrize("case", _params("signers"))
def test_signers(case: dict[str, Any], cited) -> None:
    assert _cable(case, cited).signers == case["signers"], case["why"]


def _check_text(case: dict[str, Any], text: str | None) -> None:
    if case.get("none"):
        assert text is None, case["why"]
        return
    assert text is not None, case["why"]
    flat = _flat(text)
    if "starts" in case:
        assert flat.startswith(_flat(case["starts"])), (case["why"], flat[:200])
    if "ends" in case:
        assert flat.endswith(_flat(case["ends"])), (case["why"], flat[-200:])
    for part in case.get("lacks", []):
        assert _flat(part) not in flat, (case["why"], part)


@pytest.mark.real
@pytest.mark.parametrize("case", _params("summaries"))
def test_summary(case: dict[str, Any], cited) -> None:
    _check_text(case, _cable(case, cited).summary)


def _check_subject(case: dict[str, Any], cable: Cable) -> None:
    assert cable.subject == case["subject"], case["why"]
    if "marking" in case:
        assert cable.subject_marking == case["marking"]


@pytest.mark.real
@pytest.mark.parametrize("case", _params("subjects"))
def test_subject(case: dict[str, Any], cited) -> None:
    _check_subject(case, _cable(case, cited))


# --- section headings, markings -----------------------------------------------------------------


def _check_heading(case: dict[str, Any], cable: Cable) -> None:
    numbered = {p.number: p for p in cable.paragraphs if p.number is not None}
    para = numbered[case["paragraph"]]
    heading = _flat(case["heading"])
    assert _flat(para.heading) == heading, case["why"]
    if case.get("opens", True):  # the heading's lines (rules aside) open the paragraph's text
        opening = _flat(re.sub(r"[-=_]{3,}", " ", para.text))
        assert opening.startswith(_flat(case.get("opens_with", heading))), \
            (case["why"], para.text[:120])
        before = [p for p in cable.paragraphs if p.seq < para.seq]
        assert before and heading not in _flat(before[-1].text), "glued to the paragraph above"


@pytest.mark.real
@pytest.mark.parametrize("case", _params("headings"))
def test_heading(case: dict[str, Any], cited) -> None:
    _check_heading(case, _cable(case, cited))


@pytest.mark.parametrize("case", _params("markings"))
def test_marking(case: dict[str, Any], request: pytest.FixtureRequest) -> None:
    assert normalize_marking(case["raw"]) == case["marking"], case["why"]
    if "paragraph" in case:
        cable = _cable(case, request.getfixturevalue("cited"))
        para = next(p for p in cable.paragraphs if p.number == case["paragraph"])
        assert (para.marking, para.marking_raw) == (case["marking"], case["raw"])
    if "query" in case:
        from cablescope.search import iter_hits

        conn = request.getfixturevalue("conn")
        hits = {h.address for h in iter_hits(conn, case["query"], level="paragraph")}
        assert f"{case['cable']}¶{case['paragraph']}" in hits, case["why"]


# --- versions, IDs ------------------------------------------------------------------------------


@pytest.mark.real
@pytest.mark.parametrize("case", _params("versions"))
def test_versions_numbered_by_release(case: dict[str, Any], conn: sqlite3.Connection) -> None:
    """The real database ingests the archive of 2011-04-25 first and the earlier versions
    after: version 1 must still be the first published."""
    from cablescope.store.read import versions

    got = versions(conn, case["cable"])
    assert [v["version"] for v in got] == list(range(1, len(got) + 1))
    assert [v["released"] for v in got] == case["released"], case["why"]


@pytest.mark.parametrize("case", _params("ids"))
def test_cable_id(case: dict[str, Any], request: pytest.FixtureRequest) -> None:
    """A cable's ID in any spelling names the cable, and a search for it goes to it."""
    assert canonical_id(case["query"].split("¶")[0]) == case["cable"], case["why"]
    from cablescope.search import search

    conn = request.getfixturevalue("conn")
    result = search(conn, case["query"], limit=1)
    assert result.cable == case["cable"] and [h.id for h in result.hits] == [case["cable"]]


@pytest.mark.real
def test_cable_id_search_in_the_cli_and_the_web(real_db: Path) -> None:
    from fastapi.testclient import TestClient

    from cablescope.cli import cli
    from cablescope.web import WebConfig, create_app

    out = CliRunner().invoke(cli, ["search", "--db", str(real_db), "05 PARIS 5335"])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("05 PARIS 5335 is the cable 05PARIS5335")
    with TestClient(create_app(WebConfig(db=real_db))) as client:
        page = client.get("/search", params={"q": "05PARIS5335"}, follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/cable/05PARIS5335"
        api = client.get("/api/search", params={"q": "05 paris 5335"}).json()
        assert api["cable"] == "05PARIS5335" and api["total"] == 1


# --- conventions of older telegrams -------------------------------------------------------------


@pytest.mark.parametrize("case", _params("conventions"))
def test_convention(case: dict[str, Any]) -> None:
    if "post" in case:
        found = resolve_post(case["raw"])
        assert (found.code if found else None) == case["post"], case["why"]
        return
    cable = parse_cable(case["text"], {"id": case["id"], "created": case["created"]})
    checks = {"cables": _check_refs, "classified_by": _check_classified,
              "subject": _check_subject, "heading": _check_heading}
    done = False
    for key, check in checks.items():
        if key in case:
            check(case, cable)
            done = True
    if "signers" in case:
        assert cable.signers == case["signers"], case["why"]
        done = True
    if "tags" in case:
        assert cable.tags == case["tags"], case["why"]
        done = True
    if "summary" in case:
        _check_text(case["summary"] | {"why": case["why"]}, cable.summary)
        done = True
    assert done, f"{case['_where']}: nothing to check"
