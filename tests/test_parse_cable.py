"""`parse_cable` / `parse_record`: every field, from metadata or text; the whole real archive."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

import cablescope.parse
from cablescope.parse import (
    Cable,
    body,
    classified,
    find_paragraph_starts,
    header,
    parse_cable,
    parse_record,
    refs,
    tags,
)
from cablescope.sources import RawRecord, read_corpus

CABLE = """C O N F I D E N T I A L SECTION 01 OF 02 PARIS 001234

NOFORN
SIPDIS

E.O. 12958: DECL: 08/04/2015
TAGS: PREL PGOV FR SARKOZY, NICOLAS
SUBJECT: (C) A TEST CABLE ABOUT
INTERIOR MINISTER SARKOZY

REF: A. PARIS 1501 B. 04 STATE 12 C. EMAIL FROM EUR/WE

Classified By: Ambassador Craig R. Stapleton for reasons 1.4 (b) and (d)

¶1.  (C) SUMMARY.  The minister met XXXXXXXXXXXX.  End Summary.

Background
----------
¶2.  (U) More text.

¶3. (S/NF) Comment: It went well. End comment.

STAPLETON
"""
ROUTING = "R 041010Z AUG 05\nFM AMEMBASSY PARIS\nTO RUEHC/SECSTATE WASHDC 1234\nBT\n"


def test_every_field_from_the_text_alone() -> None:
    cable = parse_cable(CABLE, header=ROUTING)
    assert (cable.id, cable.raw_id) == ("05PARIS1234", "PARIS 001234")
    assert cable.created == "2005-08-04 10:10"  # from the routing header's date-time group
    assert cable.origin == "Embassy Paris"
    assert cable.classification == "CONFIDENTIAL//NOFORN"
    assert cable.caveats == ["NOFORN", "SIPDIS"]
    assert cable.tags == ["PREL", "PGOV", "FR", "SARKOZY, NICOLAS"]
    assert (cable.subject_tags, cable.geo_tags, cable.person_tags) == (
        ["PREL", "PGOV"], ["FR"], ["SARKOZY, NICOLAS"])
    assert cable.subject == "A TEST CABLE ABOUT INTERIOR MINISTER SARKOZY"
    assert cable.subject_marking == "C"
    assert [(r.letter, r.cable_id) for r in cable.references] == [
        ("A", "05PARIS1501"), ("B", "04STATE12"), ("C", None)]
    assert cable.references[2].raw == "EMAIL FROM EUR/WE"
    assert (cable.classified_by, cable.classified_by_title, cable.reasons) == (
        ["Craig R. Stapleton"], "Ambassador", "1.4 (b) and (d)")
    assert [(r.kind, r.name) for r in cable.recipients] == [
        ("from", "AMEMBASSY PARIS"), ("to", "SECSTATE WASHDC")]
    assert cable.signers == ["STAPLETON"]
    assert cable.summary == "The minister met XXXXXXXXXXXX."
    assert cable.comment == "It went well."
    assert cable.headings == ["Background"]
    assert [(p.number, p.marking, p.heading) for p in cable.paragraphs] == [
        (None, None, None), (1, "C", None), (2, "U", "Background"), (3, "S/NF", "Background")]
    assert cable.redactions == 1
    assert cable.partial is False
    assert cable.warnings == []
    assert cable.text == CABLE


def test_metadata_wins_over_the_text() -> None:
    meta = {"id": "05PARIS1234", "created": "2005-08-04 11:11", "released": "2010-11-30 21:09",
            "classification": "CONFIDENTIAL", "origin": "Embassy Paris"}
    cable = parse_cable(CABLE, meta)
    assert (cable.id, cable.created, cable.released, cable.classification) == (
        "05PARIS1234", "2005-08-04 11:11", "2010-11-30 21:09", "CONFIDENTIAL")


def test_metadata_id_is_canonicalised_and_disagreement_noted() -> None:
    cable = parse_cable(CABLE, {"id": "05 PARIS 001235"})
    assert (cable.id, cable.raw_id) == ("05PARIS1235", "05 PARIS 001235")
    assert any("banner reads 'PARIS 001234'" in w for w in cable.warnings)


def test_malformed_metadata_id_is_kept_with_a_warning() -> None:
    cable = parse_cable(CABLE, {"id": "09SECTION02OF03QRIPOLI583"})
    assert cable.id == cable.raw_id == "09SECTION02OF03QRIPOLI583"
    assert any("malformed cable ID" in w for w in cable.warnings)


def test_container_references_complete_the_ref_block() -> None:
    cable = parse_cable(CABLE, {"id": "05PARIS1234", "references": "05PARIS1501,06ROME12"})
    assert [r.cable_id for r in cable.references] == [
        "05PARIS1501", "04STATE12", None, "06ROME12"]


def test_without_id_year_or_banner() -> None:
    cable = parse_cable("Some words without any header.\n\nMore words.\n")
    assert cable.id == ""
    assert any("no cable ID" in w for w in cable.warnings)
    assert [p.text for p in cable.paragraphs] == ["Some words without any header.\n\n",
                                                  "More words.\n"]
    empty = parse_cable("")
    assert (empty.id, empty.paragraphs, empty.subject) == ("", [], None)


def test_parse_record_passes_text_meta_and_header() -> None:
    record = RawRecord(source="x.csv", locator="1", format="csv", text=CABLE, header=ROUTING,
                       meta={"id": "05PARIS1234", "origin": "Embassy Paris"})
    cable = parse_record(record)
    assert isinstance(cable, Cable)
    assert (cable.id, cable.origin, cable.recipients[0].name) == (
        "05PARIS1234", "Embassy Paris", "AMEMBASSY PARIS")


def test_a_page_that_turns_into_another_posts_cable_after_its_extract() -> None:
    """A page's extract (first lines cut with `...`) followed by another post's whole cable:
    that cable's Classified By and signer are not this one's; the same post's full text after
    its extract is the cable itself."""
    extract = CABLE[:CABLE.index("REF:")].rstrip() + " ...\n\n"
    other = ("PP RUEHWEB\n\nDE RUEHOS #0404/01 1971651\nP 151651Z JUL 08\n"
             "FM AMEMBASSY OSLO\nTO RUEHC/SECSTATE WASHDC PRIORITY 8335\n"
             "C O N F I D E N T I A L OSLO 000404\n\nClassified By: Ambassador Ola Nordmann "
             "for reasons 1.4 (b) and (d)\n\n1. (C) The minister met the DCM.\n\nNORDMANN\n")
    cable = parse_cable(extract + other, {"id": "05PARIS1234"}, ROUTING)
    assert (cable.signers, cable.classified_by) == ([], [])
    assert any("another cable" in w and "AMEMBASSY OSLO" in w for w in cable.warnings)
    same = parse_cable(extract + other.replace("OSLO", "PARIS"), {"id": "05PARIS1234"}, ROUTING)
    assert same.signers == ["NORDMANN"] and same.classified_by == ["Ola Nordmann"]
    assert not any("another cable" in w for w in same.warnings)


def test_public_api_is_exported_and_documented() -> None:
    for name in cablescope.parse.__all__:
        obj = getattr(cablescope.parse, name)
        assert (obj.__doc__ or "").strip(), f"cablescope.parse.{name} has no docstring"


def test_examples_in_docs_and_docstrings_run() -> None:
    docs = Path(__file__).resolve().parent.parent / "docs" / "parse.md"
    result = doctest.testfile(str(docs), module_relative=False)
    assert result.attempted > 20 and result.failed == 0
    for module in (cablescope.parse, body, classified, header, refs, tags):
        assert doctest.testmod(module).failed == 0, module.__name__


# -- the real archive --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real(main_corpus: Path) -> dict[str, tuple[RawRecord, Cable]]:
    """Every cable of the 6,712-cable archive, read by the sources layer and parsed."""
    out = {}
    for record in read_corpus(main_corpus):
        assert isinstance(record, RawRecord), record
        out[record.meta["id"]] = (record, parse_record(record))
    return out


@pytest.fixture(scope="module")
def early(earlier_corpus: Path) -> list[tuple[RawRecord, Cable]]:
    return [(r, parse_record(r)) for r in read_corpus(earlier_corpus) if isinstance(r, RawRecord)]


def numbered(cable: Cable) -> list[int]:
    return [p.number for p in cable.paragraphs if p.number is not None]


@pytest.mark.real
def test_05paris5335_known_answers(real) -> None:
    cable = real["05PARIS5335"][1]
    assert cable.id == "05PARIS5335"
    assert numbered(cable) == list(range(1, 15))
    assert cable.subject == "ALLAN HUBBARD'S CALL ON INTERIOR MINISTER SARKOZY"
    assert cable.tags == ["PREL", "ECON", "EFIN", "ELAB", "PGOV", "FR"]
    assert [r.cable_id for r in cable.references] == ["05PARIS5232"]
    assert cable.signers == ["STAPLETON"]
    assert cable.classified_by == ["Craig R. Stapleton"]
    assert (cable.classified_by_title, cable.reasons) == ("Ambassador", "1.4 (b) and (d)")
    assert (cable.created, cable.origin, cable.classification) == (
        "2005-08-04 10:10", "Embassy Paris", "CONFIDENTIAL")
    assert cable.caveats == ["SIPDIS"]
    assert [p.marking for p in cable.paragraphs[1:4]] == ["C", "U", "C"]
    assert cable.summary.startswith("Ambassador Stapleton and National Economic Council Director")
    assert cable.summary.endswith("and Gonzales in Spain.\"")
    assert "COMMENT" in cable.headings
    assert cable.partial is False and cable.warnings == []


@pytest.mark.real
def test_real_hard_cases(real) -> None:
    # wrapped subject, non-cable references, signer after the website notice
    cable = real["08PARIS1698"][1]
    assert cable.subject == ("FRANCE'S CHANGING AFRICA POLICY: PART III (MILITARY PRESENCE AND "
                             "OTHER STRUCTURAL CHANGES)")
    assert [r.cable_id for r in cable.references] == ["08PARIS1501", "08PARIS1568", None, None]
    assert cable.signers == ["STAPLETON"]
    assert numbered(cable) == list(range(1, 38)) and not cable.partial
    # long lines without hard breaks, mixed-case signer, `;` before the reasons
    cable = real["07MADRID520"][1]
    assert numbered(cable) == list(range(1, 8))
    assert (cable.signers, cable.classified_by, cable.classified_by_title) == (
        ["Aguirre"], ["Hugo Llorens"], "DCM")
    # two signers
    assert real["06TRIPOLI498"][1].signers == ["GOLDRICH", "BERRY"]
    # a year at a line start is not paragraph 2004
    assert numbered(real["06BOGOTA1970"][1]) == [1, 2, 3, 4]
    # paragraphs numbered inside run-on text, one after a page's running head; two classifiers
    cable = real["09TALLINN325"][1]
    assert numbered(cable) == list(range(1, 10))
    assert cable.classified_by == ["Marc Nordberg", "Karen Decker"]
    # the cable skips paragraph 20 itself
    assert numbered(real["07MOSCOW5585"][1]) == [*range(1, 20), 21]
    # recipients from the routing header, summary under a heading
    cable = real["06SANJOSE707"][1]
    assert [(r.kind, r.name) for r in cable.recipients] == [
        ("from", "AMEMBASSY SAN JOSE"), ("to", "SECSTATE WASHDC"),
        ("info", "WHA CENTRAL AMERICAN COLLECTIVE")]
    assert cable.summary.startswith("On May 29, Ambassador hosted all five deputies-elect")
    # person tag in parentheses; marking on the subject
    assert "CLINTON, HILLARY" in real["09STATE30049"][1].person_tags
    assert real["05SOFIA1207"][1].subject_marking == "U"
    # a REF entry cut by a blank line after its year
    assert [r.cable_id for r in real["09SAOPAULO92"][1].references] == [
        "08SAOPAULO443", "08SAOPAULO423", "08SAOPAULO590"]


@pytest.mark.real
def test_text_alone_gives_id_date_origin_and_classification(real) -> None:
    record = real["06SANJOSE707"][0]
    cable = parse_cable(record.text, {}, record.header)
    assert (cable.id, cable.created, cable.origin, cable.classification) == (
        "06SANJOSE707", "2006-03-30 23:18", "Embassy San Jose", "CONFIDENTIAL")


@pytest.mark.real
@pytest.mark.slow
def test_every_real_cable_parses_consistently(real) -> None:
    assert len(real) == 6712
    subject_label = re.compile(r"SUBJ(?:ECT)?\s*:|(?m:^[ \t]*SUBJ(?:ECT)?\b)", re.I)
    first_paragraph = re.compile(r"¶1\.|(?m:^[ \t]*1\.(?:\s|\())")
    for cable_id, (record, cable) in real.items():
        assert cable.id == cable_id
        assert cable.created == record.meta["created"]
        assert cable.origin == record.meta["origin"]
        assert cable.classification == record.meta["classification"]
        paragraphs = cable.paragraphs
        assert "".join(p.text for p in paragraphs) == record.text, cable_id
        assert all(record.text[p.start:p.end] == p.text for p in paragraphs), cable_id
        if first_paragraph.search(record.text):
            assert numbered(cable), f"{cable_id}: paragraph 1 in the text, none found"
        assert all(n < 1000 for n in numbered(cable)), f"{cable_id}: a year taken for a paragraph"
        if subject_label.search(record.text):
            assert cable.subject, f"{cable_id}: SUBJECT in the text, none parsed"
        assert all(r.cable_id is None or re.fullmatch(r"[0-9]{2}[A-Z]+[1-9][0-9]*", r.cable_id)
                   for r in cable.references)


@pytest.mark.real
def test_csv_text_without_marks_gives_the_same_paragraphs(real) -> None:
    """cables.csv has no `¶`: the numbering found must not depend on WikiLeaks' marks."""
    for cable_id, (record, cable) in real.items():
        plain = find_paragraph_starts(record.text.replace("¶", ""))
        assert [(p.number, p.marking) for p in plain] == \
            [(p.number, p.marking_raw) for p in cable.paragraphs if p.number is not None], cable_id


@pytest.mark.real
def test_partial_extracts_in_the_earlier_versions(early, real) -> None:
    partial = {record.meta["id"]: cable for record, cable in early if cable.partial}
    assert sorted(partial) == ["05SOFIA1207", "08PARIS1698"]
    assert numbered(partial["08PARIS1698"]) == [1, 2, 36, 37]
    assert numbered(partial["05SOFIA1207"]) == [1, 2, 3, 4, 5, 6, 7, 8, 10, 11]
    for cable_id in partial:  # replaced by the full text later
        assert not real[cable_id][1].partial
        assert numbered(real[cable_id][1]) == list(range(1, len(numbered(real[cable_id][1])) + 1))
