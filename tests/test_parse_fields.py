"""Header and body field parsers on the shapes found in the real archive (cable in the comment)."""

from __future__ import annotations

import pytest

from cablescope.parse import (
    classify_tag,
    count_redactions,
    find_banner,
    parse_classified_by,
    parse_classified_by_details,
    parse_comment,
    parse_recipients,
    parse_signers,
    parse_subject,
    parse_subject_details,
    parse_summary,
    parse_tags,
    split_tags,
)

# -- TAGS --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("header", "expected"), [
    ("TAGS: PREL ECON EFIN ELAB PGOV FR\nSUBJECT: X",
     ["PREL", "ECON", "EFIN", "ELAB", "PGOV", "FR"]),
    ("TAGS EFIN, PK, PREL, PTER, KTFN \n", ["EFIN", "PK", "PREL", "PTER", "KTFN"]),
    ("TAGS PREL;PGOV;KCOR;HU;HR \n", ["PREL", "PGOV", "KCOR", "HU", "HR"]),  # 10ZAGREB97
    ("Tags: mtcr, parm, prel, ettc\n", ["MTCR", "PARM", "PREL", "ETTC"]),  # lower case
    # person tags kept whole, however written
    ("TAGS: PREL PGOV FR SARKOZY, NICOLAS\n", ["PREL", "PGOV", "FR", "SARKOZY, NICOLAS"]),
    ("TAGS: PREL, PGOV, SARKOZY, NICOLAS, FR\n", ["PREL", "PGOV", "SARKOZY, NICOLAS", "FR"]),
    ("TAGS OVIP (CLINTON, HILLARY), PREL, AS, PK\n",  # 09STATE30049
     ["OVIP", "CLINTON, HILLARY", "PREL", "AS", "PK"]),
    ("TAGS OVIP (STEINBERG, JAMES B.), PREL, PGOV, PARM, MNUC, \nCH, KN, KS \nSUBJECT: PRC",
     ["OVIP", "STEINBERG, JAMES B.", "PREL", "PGOV", "PARM", "MNUC", "CH", "KN", "KS"]),
    # 06PARTO9: a person without comma after OVIP, and a wrapped second line
    ("TAGS: OVIP RICE CONDOLEEZZA KISL PGOV PHUM LE\nSY, IS \nSUBJECT: (U) Secretary",
     ["OVIP", "RICE, CONDOLEEZZA", "KISL", "PGOV", "PHUM", "LE", "SY", "IS"]),
    # 06SANJOSE1792: run together
    ("TAGS: ETRDEINVECINPGOVCS\nSUBJECT:", ["ETRD", "EINV", "ECIN", "PGOV", "CS"]),
    # 06CAIRO941: fields run together in a text without line breaks
    ("12958: DECL: 02/14/2016 TAGS: PTER PREL KISL EG\n\nSUBJECT:", ["PTER", "PREL", "KISL", "EG"]),
    # a wrapped line is not the banner that follows (06MEXICO1311)
    ("TAGS: PGOV PINR MX\nUNCLAS SECTION 01 OF 02 MEXICO 001311 \n", ["PGOV", "PINR", "MX"]),
    # duplicates dropped (01VATICAN3507 repeats its tags)
    ("TAGS: PREL, PHUM, IS, PHUM, IS, VT\n", ["PREL", "PHUM", "IS", "VT"]),
    ("SUBJECT: NO TAGS LINE HERE\n", []),
])
def test_parse_tags(header: str, expected: list[str]) -> None:
    assert parse_tags(header) == expected


def test_a_phrase_in_a_comma_list_stays_one_topic() -> None:
    # 05NEWDELHI2606
    assert parse_tags("TAGS PHUM, PREL, PTER, IN, PK, Human Rights \n")[-1] == "HUMAN RIGHTS"


@pytest.mark.parametrize(("tag", "kind"), [
    ("PREL", "subject"), ("KJUS", "subject"), ("MTCRE", "subject"), ("ELECTIONS", "subject"),
    ("FR", "geo"), ("IZ", "geo"), ("NATO", "geo"), ("UN", "geo"), ("UNSC", "geo"),
    ("SARKOZY, NICOLAS", "person"), ("STEINBERG, JAMES B.", "person"),
])
def test_classify_tag(tag: str, kind: str) -> None:
    assert classify_tag(tag) == kind


def test_split_tags_keeps_order_within_each_kind() -> None:
    tags = ["PREL", "FR", "SARKOZY, NICOLAS", "PGOV", "NATO"]
    assert split_tags(tags) == (["PREL", "PGOV"], ["FR", "NATO"], ["SARKOZY, NICOLAS"])


# -- SUBJECT -----------------------------------------------------------------------------------


def test_subject_wrapped_lines_joined() -> None:
    # 08PARIS1698
    header = ("SUBJECT: FRANCE'S CHANGING AFRICA POLICY: PART III \n(MILITARY PRESENCE AND OTHER "
              "STRUCTURAL CHANGES) \n\nREF: A. PARIS 1501 ")
    assert parse_subject(header) == ("FRANCE'S CHANGING AFRICA POLICY: PART III (MILITARY "
                                     "PRESENCE AND OTHER STRUCTURAL CHANGES)")


def test_subject_marking_removed_and_recorded() -> None:
    # 05SOFIA1207
    subject = parse_subject_details("SUBJECT: (U) BULGARIAN ORGANIZED CRIME (C-CN5-00054) \n\n")
    assert subject is not None
    assert (subject.text, subject.marking) == ("BULGARIAN ORGANIZED CRIME (C-CN5-00054)", "U")
    assert parse_subject_details("SUBJECT: (SBU) FOO\n").marking == "SBU"


@pytest.mark.parametrize(("header", "expected"), [
    # 06CAIRO941: the REF label run on
    ("SUBJECT: FBI DIRECTOR MUELLER’S VISIT TO EGYPTREF: CAIRO 493\n\n",
     "FBI DIRECTOR MUELLER’S VISIT TO EGYPT"),
    # 09TALLINN325: Classified By run on
    ("SUBJECT: Estonia Opposes Nord Stream Pipeline CLASSIFIED BY: Marc Nordberg\n",
     "Estonia Opposes Nord Stream Pipeline"),
    # 09TRIPOLI759: the page's running head run on
    ("SUBJECT: JORDANIAN PERSPECTIVES ON LIBYAN REGIME TRIPOLI 00000759 001.2 OF 002 \n\n",
     "JORDANIAN PERSPECTIVES ON LIBYAN REGIME"),
    # 09MEXICO880: wrapped, then the running head on its own line
    ("SUBJECT: SCENESETTER FOR THE FIREARMS-TRAFFICKING \nCONFERENCE, APRIL 1-2  \n"
     "MEXICO 00000880  001.2 OF 003 \n \n", "SCENESETTER FOR THE FIREARMS-TRAFFICKING "
     "CONFERENCE, APRIL 1-2"),
    # 06WELLINGTON967: a subject that itself starts with E.O.
    ("SUBJECT: E.O. 13382 ENTITIES -- EXAMPLES OF PROLIFERATION \n \nREF: SECSTATE 193703",
     "E.O. 13382 ENTITIES -- EXAMPLES OF PROLIFERATION"),
    # 09CAIRO2178: the label alone, the subject after a blank line
    ("SUBJECT:\n\nCOPTIC CHOIR BOYS UNCOVERED AS INTENDING IMMIGRANTS\n1.(SBU) Summary: The",
     "COPTIC CHOIR BOYS UNCOVERED AS INTENDING IMMIGRANTS"),
    # 06BERN2115: line continuations of the tab-separated dumps
    ("SUBJECT: SWISS TO BAKER COMMISSION: USG SHOULD NO LONGER \\\n\"OUT-SOURCE\" TO THE EU-3 \\\n"
     " \\\nClassified By: Ambassador", "SWISS TO BAKER COMMISSION: USG SHOULD NO LONGER "
     "\"OUT-SOURCE\" TO THE EU-3"),
    ("Subject: mongolia's consultations with dprk vice foreign\nminister kim\n\nClassified",
     "mongolia's consultations with dprk vice foreign minister kim"),
    ("TAGS: PREL\n\n1. (C) No subject here.", ""),
])
def test_parse_subject(header: str, expected: str) -> None:
    assert parse_subject(header) == expected


# -- Classified By -----------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "names", "title", "reasons"), [
    ("Classified By: Ambassador Craig R. Stapleton for reasons 1.4 (b) and (d\n).",
     ["Craig R. Stapleton"], "Ambassador", "1.4 (b) and (d)"),
    ("CLASSIFIED BY: Gene A. Cretz, Ambassador, U.S. Embassy - Tripoli, U.S. Dept of State. "
     "REASON: 1.4 (b), (d) ", ["Gene A. Cretz"], "Ambassador", "1.4 (b), (d)"),
    ("Classified By: DCM Hugo Llorens; reason 1.4 (B) and (D) ", ["Hugo Llorens"], "DCM",
     "1.4 (B) and (D)"),
    ("Classified By: P/E CHIEF SHUBLER, REASONS 1.4 (B) & (D). ", ["SHUBLER"], "P/E CHIEF",
     "1.4 (B) & (D)"),
    ("Classified By: COM: M.E. Parmly : For reasons 1.4 b/d ", ["M.E. Parmly"], "COM", "1.4 b/d"),
    ("CLASSIFIED BY: Berliner,Nicholas, PolEcon-Chief; REASON: 1.4(B), (D)",
     ["Nicholas Berliner"], "PolEcon-Chief", "1.4(B), (D)"),
    ("Classified By: Charge d'Affaires, for reasons 1.4 (b), (c), and (d). ", [],
     "Charge d'Affaires", "1.4 (b), (c), and (d)"),
    ("CLASSIFIED BY: Bruce Williamson, Consul General, Monterrey, \nState. \nREASON: 1.4 (b), (d)",
     ["Bruce Williamson"], "Consul General", "1.4 (b), (d)"),
    ("Classified by Coordinating Director for Development and Economic\nAffairs Ambassador E. "
     "Anthony Wayne for reasons 1.4 (b) and (d).", ["E. Anthony Wayne"],
     "Coordinating Director for Development and Economic Affairs Ambassador", "1.4 (b) and (d)"),
    ("Classified By: Classified by Ambassador Eduardo Aguirre\nfor reasons 1.4 (b) & (d)",
     ["Eduardo Aguirre"], "Ambassador", "1.4 (b) & (d)"),
    ("Classified by: Under Secretary William J. Burns, Reasons 1.4. (B) and (D) \n",
     ["William J. Burns"], "Under Secretary", "1.4. (B) and (D)"),
    ("Classified By: DCM L.Carter for reasons 1.4(b) and (d) \\\n", ["L.Carter"], "DCM",
     "1.4(b) and (d)"),
    ("Classified By: XXXXXXXXXXXXX for reasons 1.4 (B) and (D). ", [], None, "1.4 (B) and (D)"),
    ("Classified By: Political Counselor Presny X. Bradford for reasons 1.4 (b,d).",
     ["Presny X. Bradford"], "Political Counselor", "1.4 (b,d)"),
    # surname first (09PANAMA887, 10BUENOSAIRES55); places after the title are not names
    ("CLASSIFIED BY: Stephenson, Ambassador; REASON: 1.4(B), (D)", ["Stephenson"], "Ambassador",
     "1.4(B), (D)"),
    ("CLASSIFIED BY: Martinez, Vilma, Ambassador; REASON: 1.4(B), (D)", ["Vilma Martinez"],
     "Ambassador", "1.4(B), (D)"),
    ("CLASSIFIED BY: Michael S. Owen, Consul General, Consulate General Mumbai, State. REASON: "
     "1.4 (b), (d)", ["Michael S. Owen"], "Consul General", "1.4 (b), (d)"),
    # a broken `for reasons` and a truncated line
    ("Classified By: Political Minister Counselor Josiah Rosenblatt for Reaso\nns 1.4 (b) and (d)",
     ["Josiah Rosenblatt"], "Political Minister Counselor", "1.4 (b) and (d)"),
    ("Classified By: Ambassador Heather M. Hodges for Reas...\n\n\nid: 219977",
     ["Heather M. Hodges"], "Ambassador", None),
])
def test_classified_by(line: str, names: list[str], title: str | None,
                       reasons: str | None) -> None:
    found = parse_classified_by_details(line)
    assert (found.names, found.title, found.reasons) == (names, title, reasons)
    assert parse_classified_by(line) == names


def test_two_classified_by_lines() -> None:
    # 09TALLINN325
    text = ("SUBJECT: Estonia CLASSIFIED BY: Marc Nordberg, Political/Economic Chief; REASON: "
            "1.4(B), (D) Classified by Charge Karen Decker for Reasons 1.4 B & D. \n\n¶1. (SBU)")
    found = parse_classified_by_details(text)
    assert found.names == ["Marc Nordberg", "Karen Decker"]
    assert found.reasons == "1.4(B), (D)"


# -- banner, recipients ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "classification", "written", "sections"), [
    ("C O N F I D E N T I A L SECTION 01 OF 03 PARIS 005335\n", "CONFIDENTIAL", "PARIS 005335", 3),
    ("S E C R E T ISLAMABAD 003705 \n", "SECRET", "ISLAMABAD 003705", None),
    ("UNCLAS SECTION 01 OF 12 LONDON 000092 \n", "UNCLASSIFIED", "LONDON 000092", 12),
    ("UNCLAS E F T O SECTION 01 OF 03 LONDON 002618\n", "UNCLASSIFIED", "LONDON 002618", 3),
    ("C C O N F I D E N T I A L SECTION 01 OF 02 MADRID 000779\n", "CONFIDENTIAL",  # 06MADRID779
     "MADRID 000779", 2),
    ("SS E C R E T PESHAWAR 000041 \n", "SECRET", "PESHAWAR 000041", None),  # 09PESHAWAR41
    ("S e c r e t ulaanbaatar 000234\n", "SECRET", "ULAANBAATAR 000234", None),
    ("C O N F I D E N T I A L SECTION 01 OF 02 CAIRO 000941SIPDISE.O. 12958", "CONFIDENTIAL",
     "CAIRO 000941", 2),  # 06CAIRO941, no line breaks
    ("Cable dated:2006-02-15T15:18:00S E C R E T TEL AVIV 000687SIPDIS", "SECRET",
     "TEL AVIV 000687", None),  # 06TELAVIV687
    ("C O N F I D E N T I A L SECTION 01 OF 02 USUN NEW YORK 001065 \n", "CONFIDENTIAL",
     "USUN NEW YORK 001065", 2),
])
def test_find_banner(text: str, classification: str, written: str, sections: int | None) -> None:
    banner = find_banner(text)
    assert banner is not None
    assert (banner.classification, banner.written_id, banner.sections) == (
        classification, written, sections)


@pytest.mark.parametrize("text", [
    "CONFIDENTIAL\n\nVZCZCXRO5916\nRR RUEHCD",  # an outlet's metadata line, then routing
    "CONFIDENTIAL\t\tVZCZCXRO0211\\\nOO RUEHDBU",  # 06BERN1593, tab-separated dump
    "SE C R E T SECTION 01 OF 02 XXXXXXXXXXXX 000004 \n",  # 10SHENYANG4: post redacted
    "The SECRETARY 12 said",
])
def test_no_banner(text: str) -> None:
    assert find_banner(text) is None


def test_recipients_from_a_routing_header() -> None:
    # 06SANJOSE707 (the page's first <pre>), 09ULAANBAATAR234 (continuations without indicator)
    routing = ("VZCZCXYZ0019\nPP RUEHWEB\n\nDE RUEHSJ #0707/01 0892318\nZNY CCCCC ZZH\n"
               "P 302318Z MAR 06\nFM AMEMBASSY SAN JOSE\nTO RUEHC/SECSTATE WASHDC PRIORITY 4637\n"
               "INFO RUEHZA/WHA CENTRAL AMERICAN COLLECTIVE\nAMEMBASSY MOSCOW PRIORITY\n"
               "RHMFISS/CDR USSOUTHCOM MIAMI FL\nBT\n")
    assert [(r.kind, r.name) for r in parse_recipients(routing)] == [
        ("from", "AMEMBASSY SAN JOSE"), ("to", "SECSTATE WASHDC"),
        ("info", "WHA CENTRAL AMERICAN COLLECTIVE"), ("info", "AMEMBASSY MOSCOW"),
        ("info", "CDR USSOUTHCOM MIAMI FL")]


def test_body_sentences_are_not_routing_lines() -> None:
    assert parse_recipients("to the embassy on Monday\nInfo about it follows") == []


# -- signers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("tail", "signers"), [
    ("...for everyone.\n\nSTAPLETON\n", ["STAPLETON"]),
    # 08PARIS1698: after the classified-website notice
    ("not turn into an estrangement.\n\nPARIS 00001698 009 OF 009 \n\n\n\n\nPlease visit Paris' "
     "Classified Website at: \nhttp://www.intelink.sgov.gov/wiki/Portal:Fran ce \n\nSTAPLETON",
     ["STAPLETON"]),
    ("political campaign. \nAguirre", ["Aguirre"]),  # 07MADRID520, mixed case
    ("--IRB Workshop \n \nGOLDRICH \nBERRY", ["GOLDRICH", "BERRY"]),  # 06TRIPOLI498: two signers
    ("damage.\n\nRICE\nRICE", ["RICE"]),  # 06STATE40904: repeated
    ("STRUBLE\n=======================CABLE ENDS============================", ["STRUBLE"]),
    ("(FROM THE WESTERN POINT OF VIEW) NEGOTIATING PROCESS. \n \n \nLAINGEN \n \nCONFIDENTIAL",
     ["LAINGEN"]),  # 79TEHRAN8980
    ("Americans and Afghans.  End Comment. SCOBEY", ["SCOBEY"]),  # no line breaks
    ("End comment. CRETZ .", ["CRETZ"]),
    ("...the Chancery.\n\nVAN VOORST", ["VAN VOORST"]),
    ("on the matter. \n \n \nvan Voorst", ["van Voorst"]),
    ("classified Website: XXXXXXXXXXXX TUTTLE", ["TUTTLE"]),  # 08LONDON1853
    ("End Comment. \nSOBEL 2008-01-08", ["SOBEL"]),
    ("the same directness.  End\nComment.\nBASSETT", ["BASSETT"]),
    ("in the middle of a sentence that just ends", []),
    ("...talks.\n\nEnd Comment.", []),
    ("", []),
])
def test_parse_signers(tail: str, signers: list[str]) -> None:
    assert parse_signers(tail) == signers


# -- SUMMARY, COMMENT, redactions --------------------------------------------------------------


def test_summary_from_a_paragraph_label_to_end_summary() -> None:
    text = ("SUBJECT: X\n\n¶1.  (C) SUMMARY.  Sarkozy confirmed that he would be running for\n"
            "President of France in 2007.  End\nSummary.\n\n¶2.  (U) Details follow.\n")
    assert parse_summary(text) == "Sarkozy confirmed that he would be running for President of " \
                                  "France in 2007."


def test_summary_under_a_heading_to_end_summary() -> None:
    # 06SANJOSE707
    text = ("SUBJECT: X\n\nSummary \n-------- \n¶1.  (C) On May 29, Ambassador hosted all five "
            "\ndeputies-elect. End summary. \n \nPUSC Puts on a Brave Face \n------------------"
            "------- \n¶2.  (C) The February 5 general elections\n")
    assert parse_summary(text) == "On May 29, Ambassador hosted all five deputies-elect."


def test_summary_spanning_paragraphs_drops_their_marks() -> None:
    text = ("¶1. (C) Summary: First point.\n\n¶2. (C) Second point. End Summary.\n\n"
            "¶3. (C) More.\n")
    assert parse_summary(text) == "First point. Second point."


def test_summary_without_end_marker_is_its_paragraph() -> None:
    text = "1. (SBU) SUMMARY: Only this paragraph.\n\n2. (SBU) Not this one.\n"
    assert parse_summary(text) == "Only this paragraph."


def test_no_summary_for_a_mention_inside_a_paragraph() -> None:
    text = "1. (C) The summary of talks is in ref A.\n\n2. (C) End summary of nothing.\n"
    assert parse_summary(text) is None


def test_comment_section_and_parenthetical_comments() -> None:
    text = ("¶1. (C) Talks (Comment: an aside. End comment.) went on.\n\n"
            "¶2. (C) Comment: The real comment. End Comment.\n\nSIGNER\n")
    assert parse_comment(text) == "The real comment."


def test_comment_under_a_heading_runs_to_the_signature() -> None:
    text = ("¶1. (C) Text.\n\n-------\nComment\n-------\n\n¶2. (C) First.\n\n¶3. (C) Second."
            "\n\nLANGDALE\n")
    assert parse_comment(text) == "First. Second."


def test_count_redactions() -> None:
    assert count_redactions("met XXXXXXXXXXXX and XXXXXXXXXXXX, and xxxxxxxxxxxx (lower)") == 3
    assert count_redactions("the XXX Corps and 20 XXXXX") == 0
    assert count_redactions("") == 0
