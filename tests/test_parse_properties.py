"""Properties: no text crashes the parser, blocks always partition the text, IDs are canonical."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablescope.parse import (
    canonical_id,
    is_canonical_id,
    parse_cable,
    parse_classified_by_details,
    parse_reference_list,
    parse_references,
    parse_signers,
    parse_subject,
    parse_summary,
    parse_tags,
)
from cablescope.parse.paragraphs import is_flowing

# Pieces of real cable structure, so that generated texts reach deep into every parser.
FRAGMENTS = [
    "C O N F I D E N T I A L SECTION 01 OF 03 PARIS 005335", "S E C R E T STATE 123", "UNCLAS",
    "SIPDIS", "NOFORN", "E.O. 12958: DECL: 08/04/2015", "TAGS: PREL PGOV FR SARKOZY, NICOLAS",
    "TAGS OVIP (CLINTON, HILLARY), PREL", "SUBJECT: (C) A SUBJECT", "SUBJECT:", "REF:", "REF: A.",
    "A. PARIS 1501", "¶B. 06 PARIS 5733", "C) SECDEF MSG DTG 121500Z JAN 09", "AND PREVIOUS",
    "Classified By: Ambassador Craig R. Stapleton for reasons 1.4 (b) and (d)", "CLASSIFIED BY:",
    "¶1.", "¶1.  (C)", "2. (S/NF)", "10  (C)", "¶2007.", "¶0.", "1.4 (b)", "SUMMARY:",
    "END SUMMARY",
    "Comment:", "End comment.", "Summary", "--------", "//HEADING//", "-- Heading --", "=====",
    "XXXXXXXXXXXX", "XXXXXXXXXXXX10. (C)", "STAPLETON", "GOLDRICH", "PARIS 00001698 009 OF 009",
    "FM AMEMBASSY PARIS", "TO RUEHC/SECSTATE WASHDC 1234", "INFO", "R 041010Z AUG 05", "“quoted”",
    "(", ")", "\\", "\t", "http://www.intelink.sgov.gov/wiki/Portal:France", "refid: 05PARIS5335",
]
SEPARATORS = st.sampled_from(["", " ", "  ", "\n", "\n\n", " \n \n", "\t", "\\\n", ". "])
cable_like = st.lists(st.tuples(st.sampled_from(FRAGMENTS) | st.text(max_size=12), SEPARATORS),
                      max_size=40).map(lambda parts: "".join(a + b for a, b in parts))
any_text = st.text() | cable_like
meta = st.dictionaries(
    st.sampled_from(["id", "created", "released", "classification", "origin", "references"])
    | st.text(max_size=8),
    st.text(max_size=30) | st.sampled_from(["05PARIS5335", "05 PARIS 5335", "09SECTION02OF03X1"]),
    max_size=6,
)
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=any_text, meta=meta, header=any_text)
def test_no_input_crashes_parse_cable_and_blocks_partition(text, meta, header) -> None:
    cable = parse_cable(text, meta, header)
    assert cable.text == text
    assert "".join(p.text for p in cable.paragraphs) == text
    for seq, p in enumerate(cable.paragraphs):
        assert p.seq == seq and text[p.start:p.end] == p.text
        assert p.number is None or 0 <= p.number < 1000
    assert cable.id == "" or is_canonical_id(cable.id) or any(
        "kept as given" in w for w in cable.warnings)
    for ref in cable.references:
        assert ref.cable_id is None or is_canonical_id(ref.cable_id)


@SETTINGS
@given(ref=any_text | st.from_regex(r"[0-9]{0,4} ?[A-Za-z .]{1,20} ?[0-9]{1,9}", fullmatch=True),
       year=st.none() | st.integers(-5, 3000) | st.text(max_size=5))
def test_canonical_id_returns_a_valid_id_or_raises_value_error(ref, year) -> None:
    try:
        found = canonical_id(ref, year)
    except ValueError:
        return
    assert is_canonical_id(found)
    assert canonical_id(found) == found


@SETTINGS
@given(text=any_text, year=st.none() | st.integers(1966, 2010))
def test_field_parsers_take_any_text(text, year) -> None:
    found = parse_references(text, year)
    assert len(found) == len(set(found)) and all(is_canonical_id(i) for i in found)
    assert [r.cable_id for r in parse_reference_list(text, year) if r.cable_id] or not found
    assert isinstance(parse_tags(text), list)
    assert isinstance(parse_subject(text), str)
    assert isinstance(parse_signers(text), list)
    details = parse_classified_by_details(text)
    assert details.reasons is None or details.reasons.startswith("1")
    summary = parse_summary(text)
    assert summary is None or summary.strip() == summary


# Lines of every length around the 600-character mark, so that both answers are reached often.
_LINES = st.lists(st.one_of(st.integers(0, 80), st.integers(590, 610), st.integers(0, 1300)),
                  max_size=8)


@given(_LINES, st.booleans())
@settings(max_examples=400)
def test_is_flowing_means_a_line_longer_than_600(lengths: list[int], trailing: bool) -> None:
    """`is_flowing` steps from line to line by windows (for speed); it must say what its
    definition says: some line of the text runs past 600 characters."""
    text = "\n".join("a" * n for n in lengths) + ("\n" if trailing else "")
    assert is_flowing(text) == any(len(line) > 600 for line in text.split("\n"))
