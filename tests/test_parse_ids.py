"""Cable IDs and REF blocks: canonical forms and the reference shapes found in the real archive.

The REF lines below are shaped on real ones (cable named in the comment) and cut to what the
case needs.
"""

from __future__ import annotations

import pytest

from cablescope.parse import canonical_id, is_canonical_id, parse_reference_list, parse_references
from cablescope.parse.ids import cut_page_markers, post_code

# -- canonical_id ------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "year", "expected"), [
    ("05PARIS5335", None, "05PARIS5335"),
    ("05 PARIS 5335", None, "05PARIS5335"),
    ("PARIS 005335", 2005, "05PARIS5335"),
    ("PARIS 005335", 5, "05PARIS5335"),
    ("PARIS 005335", "05", "05PARIS5335"),
    ("2005 LISBON 1609", None, "05LISBON1609"),
    ("05 RIO DE JAN 123", None, "05RIODEJANEIRO123"),
    ("RIO 77", 2009, "09RIODEJANEIRO77"),
    ("05RIODEJAN123", None, "05RIODEJANEIRO123"),
    ("SECSTATE 74879", 2006, "06STATE74879"),
    ("06 State 80908", None, "06STATE80908"),
    ("UNESCO PARIS 12", 2008, "08UNESCOPARISFR12"),
    ("USUN NEW YORK 0001065", 2006, "06USUNNEWYORK1065"),
    ("UNVIE VIENNA 192", 2009, "09UNVIEVIENNA192"),
    ("AMEMBASSY PARIS 1234", 2007, "07PARIS1234"),
    ("66BUENOSAIRES2481", None, "66BUENOSAIRES2481"),
    ("buenos aires 2835", 2005, "05BUENOSAIRES2835"),
    ("  05   PARIS\n5335 ", None, "05PARIS5335"),
    # codes WikiLeaks used as they are: never merged into another post's
    ("09EFTOLONDON2618", None, "09EFTOLONDON2618"),
    ("06KIEV1261", None, "06KIEV1261"),
    ("09IRANRPODUBAI23", None, "09IRANRPODUBAI23"),
])
def test_canonical_id_forms(written: str, year: int | str | None, expected: str) -> None:
    assert canonical_id(written, year) == expected
    assert is_canonical_id(expected)
    assert canonical_id(expected) == expected  # idempotent


def test_unesco_paris_is_not_paris() -> None:
    assert canonical_id("UNESCO PARIS 12", 2008) != canonical_id("PARIS 12", 2008)


@pytest.mark.parametrize(("written", "message"), [
    ("PARIS 005335", "has no year"),
    ("09SECTION02OF03QRIPOLI583", "malformed"),  # a real malformed WikiLeaks ID
    ("08ECTION01OF02MANAMA492", "malformed"),
    ("05PARIS", "malformed"),
    ("12345", "malformed"),
    ("", "malformed"),
    ("05 PARIS 0", "serial is zero"),
    ("05 X 12", "too short"),
])
def test_canonical_id_rejects_what_is_not_an_id(written: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        canonical_id(written)


def test_canonical_id_rejects_an_impossible_year() -> None:
    with pytest.raises(ValueError, match="year"):
        canonical_id("PARIS 5335", 1492)


def test_post_code_knows_written_forms_and_not_inventions() -> None:
    assert post_code("RIO DE JAN") == "RIODEJANEIRO"
    assert post_code("SAO PAULO") == "SAOPAULO"
    assert post_code("Secstate") == "STATE"
    assert post_code("USDAO") is None
    assert post_code("EMAIL") is None


def test_page_markers_cut_with_their_post_only() -> None:
    # 08LONDON2217: the subject runs into the page's running head
    assert cut_page_markers("UK SLIDING TOWARDS RECESSION LONDON 00002217 001.2 OF 004").strip() \
        == "UK SLIDING TOWARDS RECESSION"
    # 09MEXICO880: the line before the running head ends with a figure, kept
    assert cut_page_markers("APRIL 1-2  \nMEXICO 00000880  001.2 OF 003 \n").split() \
        == ["APRIL", "1-2"]


# -- REF blocks --------------------------------------------------------------------------------


def ids(header: str, year: int | None) -> list[tuple[str | None, str | None]]:
    return [(r.letter, r.cable_id) for r in parse_reference_list(header, year)]


def test_single_reference_takes_the_citing_year() -> None:
    assert parse_references("REF: PARIS 5232\n\nClassified By: ...", 2005) == ["05PARIS5232"]


def test_reference_without_year_and_no_citing_year_stays_raw() -> None:
    refs = parse_reference_list("REF: PARIS 5232", None)
    assert [(r.raw, r.cable_id) for r in refs] == [("PARIS 5232", None)]
    assert parse_references("REF: PARIS 5232", None) == []


def test_lettered_list_with_two_and_four_digit_years() -> None:
    header = "REF: A. PARIS 1501  B. 06 PARIS 5733 C) 2005 LISBON 1609 (D) 10SHENYANG 003"
    assert ids(header, 2008) == [("A", "08PARIS1501"), ("B", "06PARIS5733"),
                                 ("C", "05LISBON1609"), ("D", "10SHENYANG3")]


def test_wikileaks_pilcrow_letters_and_blank_lines_between_entries() -> None:
    # 06SANJOSE592: entries a blank line apart, `¶B.` marks added by WikiLeaks
    header = "REF: A. SAN JOSE 443 \n \n     ¶B. SAN JOSE 591 \n \n¶1.  (U) Summary: Kevin"
    assert parse_references(header, 2006) == ["06SANJOSE443", "06SANJOSE591"]


def test_label_alone_then_entries_after_a_blank_line() -> None:
    # 06ISLAMABAD22025 (no line breaks but one): `REF: \n\n¶A. ISLAMABAD 21222 B. PESHAWAR 653`
    header = "MISSING AMCITREF: \n\n¶A. ISLAMABAD 21222 B. PESHAWAR 653\n\nClassified By: X"
    assert parse_references(header, 2006) == ["06ISLAMABAD21222", "06PESHAWAR653"]


def test_entry_split_by_a_blank_line_after_its_year() -> None:
    # 09SAOPAULO92
    header = "REF: A. 08 SAO PAULO 0443; B. 08 SAO PAULO 0423; C. 08 \n\nSAO PAULO 0590 \n\nX"
    assert parse_references(header, 2009) == ["08SAOPAULO443", "08SAOPAULO423",
                                              "08SAOPAULO590"]


def test_doubled_markers_and_non_cable_entries_kept_raw() -> None:
    # 08PARIS1698 (C, D are DIA reports) and 09STATE72105 (`A. (A) STATE 54958`)
    header = ("REF: A. PARIS 1501 \n¶B. (B) PARIS 1568 \n"
              "¶C. HOTR WASHINGTON DC//USDAO PARIS (SUBJ: IIR 6 832 \n0617 08) \n\n¶1. (C)")
    refs = parse_reference_list(header, 2008)
    assert [(r.letter, r.cable_id) for r in refs] == [
        ("A", "08PARIS1501"), ("B", "08PARIS1568"), ("C", None)]
    assert refs[1].raw == "PARIS 1568"
    assert refs[2].raw == "HOTR WASHINGTON DC//USDAO PARIS (SUBJ: IIR 6 832 0617 08)"


@pytest.mark.parametrize("entry", [
    "SECDEF DTG261447ZNOV08 (DEFENSE TRILATERAL TALKS)",  # 09SEOUL59
    "SECDEF MSG DTG 121500Z JAN 09",
    "BURDICK 10/16/09 EMAIL",  # 09ANKARA1725
    "EMBASSY PARIS DAILY REPORT FOR 01FEB06",  # 06PARIS1113
    "09 CIAWASH 542085 - ALLEGED THREAT",  # 09TRIPOLI190
    "CNO N2L EMAIL DTD 08 AUGUST 2008",  # 08MANAMA540
    "314/07696-07",  # 09STATE124636
    "PHONE CALL WITH EUR/WE ON JUNE 5, 2008",
])
def test_non_cable_references_are_not_made_into_ids(entry: str) -> None:
    refs = parse_reference_list(f"REF: A. {entry}\n¶B. STATE 33385\n\nSUMMARY", 2009)
    assert [(r.letter, r.cable_id) for r in refs] == [("A", None), ("B", "09STATE33385")]
    assert refs[0].raw == entry


def test_semicolon_list_wrapped_with_years() -> None:
    # 10TASHKENT27
    header = ("REF: 07 TASHKENT 237; 07 TASHKENT 2029; 08 TASHKENT 153 \\\n"
              "08 TASHKENT 1072; 09 TASHKENT 921 \\\n \\\nCLASSIFIED BY: Berliner")
    assert parse_references(header, 2010) == [
        "07TASHKENT237", "07TASHKENT2029", "08TASHKENT153", "08TASHKENT1072", "09TASHKENT921"]


def test_compact_ids_and_secstate() -> None:
    assert parse_references("REF: 09CAIRO2122; 09CAIRO2321", 2010) == ["09CAIRO2122",
                                                                       "09CAIRO2321"]
    assert parse_references("REF: SECSTATE 165115", 2006) == ["06STATE165115"]


def test_and_previous_and_further_serials_of_the_same_post() -> None:
    assert parse_references("REF: VATICAN 25 AND PREVIOUS (NOTAL)", 2009) == ["09VATICAN25"]
    assert parse_references("REF: BOGOTA 8108 AND 9795, STATE 3836, 05 SANTIAGO 465", 2006) == [
        "06BOGOTA8108", "06BOGOTA9795", "06STATE3836", "05SANTIAGO465"]


def test_references_are_unique_and_in_order() -> None:
    header = "REF: A. STATE 3 B. PARIS 1 C. STATE 3 D. 06 PARIS 1"
    assert parse_references(header, 2006) == ["06STATE3", "06PARIS1"]


def test_reference_block_ends_at_the_next_field() -> None:
    header = "REF: MADRID 828\nClassified By: DCM Hugo Llorens for reasons 1.4 (b)\n¶1. MADRID 9"
    assert parse_references(header, 2008) == ["08MADRID828"]


def test_no_ref_block() -> None:
    assert parse_reference_list("SUBJECT: REFORM OF THE PREFECTURES\n\n1. (C) Text", 2008) == []
