"""Numbered paragraphs, headings and partial extracts on the shapes found in the real archive."""

from __future__ import annotations

from itertools import pairwise

import pytest

from cablescope.parse import find_headings, find_paragraph_starts, is_partial, split_paragraphs
from cablescope.parse.model import Paragraph


def numbers(text: str) -> list[int | None]:
    return [p.number for p in split_paragraphs(text)]


def assert_partition(text: str, paragraphs: list[Paragraph]) -> None:
    assert "".join(p.text for p in paragraphs) == text
    assert [p.seq for p in paragraphs] == list(range(len(paragraphs)))
    for p in paragraphs:
        assert text[p.start:p.end] == p.text
    for a, b in pairwise(paragraphs):
        assert a.end == b.start


HEADER = "C O N F I D E N T I A L PARIS 005335\n\nSUBJECT: X\n\nClassified By: Y\n\n"


def test_wikileaks_marks_header_block_and_markings() -> None:
    text = HEADER + "¶1.  (C) SUMMARY.  One.\n\n¶2.  (U) Two.\n\n¶3. (S/NF) Three.\n\nSTAPLETON\n"
    paragraphs = split_paragraphs(text)
    assert [(p.number, p.marking) for p in paragraphs] == [
        (None, None), (1, "C"), (2, "U"), (3, "S/NF")]
    assert paragraphs[1].text.startswith("¶1.  (C) SUMMARY.")
    assert paragraphs[0].text == HEADER
    assert_partition(text, paragraphs)


def test_csv_text_without_pilcrows_gives_the_same_paragraphs() -> None:
    text = HEADER + "¶1.  (C) One.\n\n¶2. (SBU) Two.\n\n10  (C) Ten.\n2.(C) Again two.\n"
    with_marks = [(p.number, p.marking) for p in find_paragraph_starts(text)]
    without = [(p.number, p.marking) for p in find_paragraph_starts(text.replace("¶", ""))]
    assert with_marks == without == [(1, "C"), (2, "SBU"), (10, "C"), (2, "C")]


@pytest.mark.parametrize(("text", "expected"), [
    # a year or a wrapped figure at a line start is not a paragraph (¶2007., 06BOGOTA1970 ¶2004.)
    ("¶1. (C) The plan dates from \n¶2007. It was revised.\n\n¶2. (C) Next.\n", [1, 2]),
    ("¶1. (U) Text \nin 2\n¶010. This dramatic expansion\n¶2. (U) Next\n", [1, 2]),
    ("¶1. (C) entered South Ossetia on August 8 at\n¶0200. Reports indicate\n", [1]),
    # a date or count wrapped onto the next line (06REYKJAVIK88, 09REYKJAVIK228)
    ("¶1. (C) We met Hannigan March \n¶16.  Hannigan took note.\n¶2. (C) X\n", [1, 2]),
    ("¶1. (U) passed by a vote of 33 to \n¶30.  Passage of the bill\n", [1]),
    ("¶1. (C) SEE PARAGRAPHS 2, 5, and \n¶6. \n \n¶2.  (U) DOD HAS ASKED\n", [1, 2]),
    # `1.4 (b)` from a wrapped Classified By line
    ("Classified By: Ambassador for reasons \n1.4 (b) and (d)\n\n1. (C) Text\n", [None, 1]),
    # numbers that skip or repeat are kept as printed (09LONDON2120, 08STATE79112)
    ("1. (C) a\n\n2. (C) b\n\n121. (C/NF) c\n\n6. (U) d\n", [1, 2, 121, 6]),
    # `¶0. (C)`: the 1 of `10.` lost to the heading line above (04BRASILIA1291)
    ("¶9. (C) Nine.\n\nPKO/HAITI --------- 1\n\n¶0. (C) Zaluar announced\n", [9, 0]),
    # lettered sub-lists and dashes stay inside their paragraph
    ("1. (C) Points:\n A. first\n¶B. second\n -- third\n(C) fourth\n2. (C) Next\n", [1, 2]),
])
def test_what_is_and_is_not_a_paragraph(text: str, expected: list[int | None]) -> None:
    assert numbers(text) == expected
    assert_partition(text, split_paragraphs(text))


def test_text_without_hard_line_breaks() -> None:
    # 07MOSCOW5585 / 09TALLINN325: paragraphs run on after sentences and page running heads
    text = ("C O N F I D E N T I A L MOSCOW 005585 SIPDIS TAGS: EPET\n\nSUBJECT: NORD STREAM "
            "Classified By: Ambassador William J. Burns for Reasons 1.4 (b/d) \n\n------- SUMMARY "
            "------- 1. (C) In a November 15th meeting, executives spoke. 2. (C) Hurdles remain, "
            "however. TALLINN 00000325 002 OF 003 3. (SBU) When asked how it went, he said “fine.” "
            "He cited para 4. (C) is not a start without a sentence end. BURNS")
    paragraphs = split_paragraphs(text)
    assert [(p.number, p.marking) for p in paragraphs] == [
        (None, None), (1, "C"), (2, "C"), (3, "SBU")]
    assert [p.heading for p in paragraphs] == [None, "SUMMARY", "SUMMARY", "SUMMARY"]
    assert_partition(text, paragraphs)


def test_flowing_text_with_unmarked_numbers_that_continue() -> None:
    sentence = "Word " * 130
    text = f"UNCLAS LONDON 000092 \n\nREF: 09 State 124006   1.  In response. {sentence}  " \
           f"2.  The UK leads. {sentence} about 3.  Three"
    assert numbers(text) == [None, 1, 2]


def test_no_numbered_paragraphs_splits_at_blank_lines() -> None:
    text = "UNCLAS STATE 000001\n\nSUBJECT: X\n\nFirst block\nstill first.\n \n\nSecond.\n"
    paragraphs = split_paragraphs(text)
    assert [(p.number, p.text) for p in paragraphs] == [
        (None, "UNCLAS STATE 000001\n\n"), (None, "SUBJECT: X\n\n"),
        (None, "First block\nstill first.\n \n\n"), (None, "Second.\n")]
    assert_partition(text, paragraphs)


def test_empty_text_has_no_blocks() -> None:
    assert split_paragraphs("") == []


def test_redaction_glued_to_the_next_paragraph_number() -> None:
    # 05SOFIA1207 of 2010-12-10: paragraph 9 cut, `XXXXXXXXXXXX10. (C)` left
    text = "¶8. (C) Campaign.\nXXXXXXXXXXXX10. (C) Below the level.\n\n¶11. (C) Despite\n"
    assert numbers(text) == [8, 10, 11]


# -- headings ----------------------------------------------------------------------------------


def test_headings_of_every_kind_and_the_paragraphs_under_them() -> None:
    text = (HEADER + "Summary \n-------- \n¶1.  (C) One.\n\n"
            "PUSC Puts on a Brave Face \n------------------------- \n¶2.  (C) Two.\n\n"
            "¶3.  (C) Three, same section.\n\n//HEATED POLITICAL ENVIRONMENT// \n\n¶4. (C) Four.\n"
            "\n-- About Shika NPP -- \n \n¶5. (U) Five -- an aside -- goes on.\n\n"
            "=========\nU.S.-SPAIN RELATIONS\n=========\n¶6. (C) Six.\n\nCOMMENT\n\n¶7. (C) Seven."
            "\n\nSTAPLETON\n")
    headings = [h for _, h in find_headings(text, find_paragraph_starts(text))]
    assert headings == ["Summary", "PUSC Puts on a Brave Face", "HEATED POLITICAL ENVIRONMENT",
                        "About Shika NPP", "U.S.-SPAIN RELATIONS", "COMMENT"]
    assert [(p.number, p.heading) for p in split_paragraphs(text)] == [
        (None, None), (1, "Summary"), (2, "PUSC Puts on a Brave Face"),
        (3, "PUSC Puts on a Brave Face"), (4, "HEATED POLITICAL ENVIRONMENT"),
        (5, "About Shika NPP"), (6, "U.S.-SPAIN RELATIONS"), (7, "COMMENT")]


@pytest.mark.parametrize("text", [
    # the last line of a paragraph above a rule is not a heading
    "¶1. (C) The meeting ended on a long and rather sour note today.\n-------\n¶2. (C) X\n",
    # a link underlined, a sentence tail, END markers
    "¶1. (C) X\n\nhttp://www.state.sgov.gov/p/eur/madrid\n-----\n¶2. (C) Y\n",
    "¶1. (C) X\ndeficit of 96 GW/h which was imported.\n------\n¶2. (C) Y\n",
    "¶1. (C) X. \n\nEND SUMMARY\n\n¶2. (C) Y\n",
    # capitals standing alone at the end: the signer, not a heading
    "¶1. (C) X.\n\nSTAPLETON\n",
])
def test_not_headings(text: str) -> None:
    assert find_headings(text, find_paragraph_starts(text)) == []


# -- partial extracts --------------------------------------------------------------------------


def test_partial_extract_numbering_jumps_over_a_redaction_line() -> None:
    # 08PARIS1698 as first published: paragraphs 3 to 35 replaced by one line
    text = ("¶1. (C) SUMMARY: One.\n\n¶2. (C) Part I of this series.\n\nXXXXXXXXXXXX\n\n"
            "Conclusion \n---------- \n¶36. (C) In saying.\n\n¶37. (C) End.\n\nSTAPLETON\n")
    assert is_partial(text)


@pytest.mark.parametrize("text", [
    # the text starts past paragraph 1 (10MADRID87)
    "Classified By: DCM Arnold A. Chacon. \nXXXXXXXXXXXX\n//Bilateral Relations//\n\n¶5. (U) X\n",
    # after the last paragraph, alone above the signer (08MADRID691)
    "¶3. (C) Rajoy finds his way.\n\nXXXXXXXXXXXX\n\nAGUIRRE\n",
])
def test_partial_extract_cut_at_either_end(text: str) -> None:
    assert is_partial(text)


@pytest.mark.parametrize("text", [
    # names redacted inside a paragraph, numbering continuous (09RIYADH670)
    "¶18. (U) Participants\n\nXXXXXXXXXXXX\nXXXXXXXXXXXX\n\n¶19. (U) Cleared.\nRUNDELL\n",
    # a numbering skip without any redaction line is a typo, not a cut
    "¶1. (C) One.\n\n¶3. (C) Three.\n\nSIGNER\n",
    # a redacted list of names before the signer (09BEIJING1634)
    "¶7. (C) Jim Brown, interpreter\n\nXXXXXXXXXXXX\nXXXXXXXXXXXX\nPICCUTA\n",
    # a sentence ending in a redaction, then the signer (07STATE135366)
    "¶6. (U) Please slug any reporting on this issue for \nXXXXXXXXXXXX.\nRice\n",
    "No redactions at all.\n",
])
def test_not_partial(text: str) -> None:
    assert not is_partial(text)


def test_a_number_after_a_lone_carriage_return_line_parses() -> None:
    """A CRLF text whose line before a paragraph number holds only its "\r" (found by the
    parser's fuzz test): the line is blank, nothing runs on into the number."""
    from cablescope.parse.cable import parse_cable

    for text, number in (("\r\n0.A", 0), ("x\r\n\r\n1. A", 1), ("\r\n12.A", 12)):
        cable = parse_cable(text, {}, header=text[:500])
        assert cable.paragraphs[-1].number == number, cable.paragraphs
        assert "".join(p.text for p in cable.paragraphs) == text  # nothing lost
