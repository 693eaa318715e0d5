"""Encounters read from the dependency parse (`cablescope.entities.encounters`), on sentences of
development cables (tests/data/entities/labels.jsonl), the answers from their labels. The phrase
rules are switched off where a test is about what the parse reads alone. Needs the spaCy model
of the `nlp` extra (loaded offline)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from cablescope.entities import encounters, events, extract
from cablescope.entities.extract import Extractor
from cablescope.entities.model import (
    PERSON,
    PLACE,
    ROLE,
    Block,
    CableContext,
    CableEntities,
    Mention,
)
from cablescope.entities.pipeline import load_cable
from cablescope.entities.reading import encounter_sentences

DUBLIN = CableContext(id="04DUBLIN1739", created="2004-12-02 12:12", origin="Embassy Dublin",
                      country="EI")
PARIS = CableContext(id="06PARIS5975", created="2006-09-06 15:03", origin="Embassy Paris",
                     country="FR", geo_tags=("EU", "FR"), signers=("STAPLETON",),
                     classified_by=("Craig Stapleton",), classified_by_title="Ambassador")
VILNIUS = CableContext(id="08VILNIUS657", created="2008-08-12 14:00", origin="Embassy Vilnius",
                       country="LH")
ANKARA = CableContext(id="09ANKARA321", created="2009-02-27 15:00", origin="Embassy Ankara",
                      country="TU")
DATA = Path(__file__).parent / "data" / "entities"
TRIPOLI = CableContext(id="09TRIPOLI117", created="2009-02-09 12:00", origin="Embassy Tripoli",
                       country="LY")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture
def parse_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The phrase rules off: only what the parse reads is left."""
    monkeypatch.setattr(events, "_meetings", lambda *args: [])


def run(extractor: Extractor, ctx: CableContext, *paragraphs: str) -> CableEntities:
    blocks: Sequence[Block] = [Block(i + 1, i + 1, p) for i, p in enumerate(paragraphs)]
    return extractor.extract(ctx, blocks)


def meetings(result: CableEntities) -> list[tuple[set[str], str | None, bool]]:
    return [({p.label for p in m.participants}, m.date, m.planned) for m in result.meetings]


def between(result: CableEntities, *labels: str) -> list[Any]:
    """The meetings whose parties are exactly `labels`."""
    return [m for m in result.meetings if {p.label for p in m.participants} == set(labels)]


def with_party(result: CableEntities, label: str) -> list[Any]:
    """The meetings `label` is one of the parties of."""
    return [m for m in result.meetings if label in {p.label for p in m.participants}]


def test_the_model_loads_the_parser_disabled_and_parses_only_meeting_sentences(
        extractor: Extractor) -> None:
    assert "parser" not in extractor.nlp.pipe_names  # not run on what the NER reads
    assert extractor.parses  # but loaded, for the sentences with a meeting word
    # 06PARIS5975, paragraph 2 (the labels: Sarkozy with the Ambassador): only the sentence
    # with a meeting word is parsed; "expressed" alone is none, "expressed ... to" is one.
    text = ("¶2. (C) Sarkozy said he was grateful. He expressed his thanks to the Ambassador "
            "for the meeting. President Chirac had pressured him.")
    start = text.index("He expressed")
    assert encounter_sentences(text) == [(start, text.index("meeting.") + len("meeting."))]
    assert encounter_sentences("¶3. (C) Sarkozy expressed his thanks.") == []


def test_a_redacted_contact_after_met_with(extractor: Extractor, parse_only: None) -> None:
    result = run(extractor, DUBLIN,
                 "¶1. (S) DCM met with XXXXXXXXXXXX issues surrounding U.S.  use of  Shannon "
                 "airport. XXXXXXXXXXXX noted that the government feels increasingly under "
                 "pressure.")
    found = meetings(result)
    assert any("(redacted source)" in parties and len(parties) == 2 for parties, _d, _p in found)


def test_he_is_the_subject_of_the_sentence_and_to_be_meeting_is_planned(
        extractor: Extractor, parse_only: None) -> None:
    result = run(extractor, PARIS,
                 "¶1. (C) Summary: Interior Minister Nicolas Sarkozy told Ambassador September 5 "
                 "he was “proud and honored” to be meeting with President Bush on September 12. "
                 "President Chirac had pressured him “not to go to the U.S.,” Sarkozy said.")
    found = meetings(result)
    # labels: Sarkozy with Bush (and Hadley) on 2006-09-12, announced; Sarkozy with the Ambassador
    assert ({"Nicolas Sarkozy", "Bush"}, "2006-09-12", True) in found, found
    assert ({"Nicolas Sarkozy", "Craig Stapleton"}, "2006-09-05", False) in found, found


def test_points_shared_with_a_named_official(extractor: Extractor, parse_only: None) -> None:
    result = run(extractor, VILNIUS,
                 "¶1. (C) Post shared reftel language August 11 with MFA Director of "
                 "Transatlantic Cooperation and Security Policy Vytautas Leskevicius, who "
                 "predicted that Lithuania will agree to the statement language at the August "
                 "12 NAC.")
    found = meetings(result)
    assert any(parties >= {"EmbOff"} and any("Leskevicius" in p for p in parties)
               and date == "2008-08-11" for parties, date, _p in found), found


@pytest.mark.parametrize(("ctx", "paragraph"), [
    # a refusal: the labels of the cable have no encounter with this adviser
    (ANKARA, "¶1. (C) One of Energy Minister Guler's advisors, Musa Gunaydin, who is widely "
             "believed to be behind the Minister's push to do business with Iran refused to "
             "discuss the topic with us."),
    # a wish, not an announced meeting: the labels have none with Muatassim
    (TRIPOLI, "¶3. (C) The Ambassador said he would be pleased to discuss these issues "
              "directly with Muatassim; Fituri undertook to arrange a meeting soon."),
])
def test_refusals_and_wishes_are_no_encounters(extractor: Extractor, ctx: CableContext,
                                               paragraph: str) -> None:
    assert not run(extractor, ctx, paragraph).meetings


# Written for the test in the cables' style (no cable's text): the development cables have no
# sentence of these shapes.
CONVENTIONS = CableContext(id="09XXXX1", created="2009-10-20 12:00", origin="Embassy Paris",
                           country="FR")


def test_an_encounter_the_sentence_does_not_date_takes_its_paragraphs_date(
        extractor: Extractor) -> None:
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) On March 3, Finance Minister Christine Lagarde was in Berlin. "
                 "Chancellor Angela Merkel received her at the Chancellery.")
    (meeting,) = result.meetings
    assert {p.label for p in meeting.participants} == {"Angela Merkel", "Christine Lagarde"}
    assert (meeting.date, meeting.date_source) == ("2009-03-03", "paragraph")


def test_the_party_of_a_topic_discussed_with_them(extractor: Extractor,
                                                  parse_only: None) -> None:
    # the parser hangs "with X" on the topic ("the election with X"), not on the verb
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) Poloff discussed the election with Foreign Minister Jean Dupont in a "
                 "meeting on May 4.")
    found = meetings(result)
    assert any(parties == {"PolOff", "Jean Dupont"} and date == "2009-05-04"
               for parties, date, _p in found), found


@pytest.mark.parametrize(("paragraph", "expected"), [
    # the source of a second-hand report is no party
    ("¶1. (C) According to Interior Minister Jean Dupont, Prime Minister Paul Durand told Finance "
     "Minister Pierre Martin that the budget would pass.",
     {(frozenset({"Paul Durand", "Pierre Martin"}), False)}),
    # nor the possessor of a title, whatever the commas
    ("¶1. (C) Foreign Minister Jean Dupont was traveling. We briefed Dupont's Chief of Staff, "
     "Pierre Martin, on the decision.",
     {(frozenset({"EmbOff", "Pierre Martin"}), False)}),
    # an encounter a party reports having with someone else, here announced
    ("¶1. (C) Foreign Minister Jean Dupont told us that he would brief Prime Minister Paul Durand "
     "on the decision.",
     {(frozenset({"Jean Dupont", "EmbOff"}), False),
      (frozenset({"Jean Dupont", "Paul Durand"}), True)}),
    # a meeting an opening phrase names with no other party is not guessed to be the post's own
    # (that rule cost the spent validation set three false meetings: reverted)
    ("¶1. (C) In a recent meeting, Interior Minister Jean Dupont described his plans for the "
     "police.",
     set()),
    # an idea broached with someone, a consultation announced
    ("¶1. (C) Foreign Minister Jean Dupont said he had broached the idea with Prime Minister Paul "
     "Durand. Dupont undertook to consult with Durand again.",
     {(frozenset({"Jean Dupont", "Paul Durand"}), False),
      (frozenset({"Jean Dupont", "Paul Durand"}), True)}),
    # a comma alone makes no list: the name after it opens the main clause ...
    ("¶1. (C) Asked about Foreign Minister Jean Dupont's May 3 meeting with Prime Minister Paul "
     "Durand, Finance Minister Pierre Martin replied that it had gone well.",
     {(frozenset({"Jean Dupont", "Paul Durand"}), False)}),
    # ... while a list that "and" closes is read whole, on either side
    ("¶1. (C) PolOff met with Jean Dupont, Paul Durand, and Pierre Martin on May 3. Jacques "
     "Morel, Louis Bernard and Henri Petit met on May 4.",
     {(frozenset({"PolOff", "Jean Dupont", "Paul Durand", "Pierre Martin"}), False),
      (frozenset({"Jacques Morel", "Louis Bernard", "Henri Petit"}), False)}),
    # a contact without a meeting word: a follow-up, a contact (the apposition's minister is none)
    ("¶1. (C) On May 4, PolCouns followed up with Jean Dupont, chief of staff to Foreign "
     "Minister Paul Durand.",
     {(frozenset({"Political Counselor", "Jean Dupont"}), False)}),
    ("¶1. (C) In parallel we also contacted Pierre Martin, adviser to the Prime Minister.",
     {(frozenset({"EmbOff", "Pierre Martin"}), False)}),
    # speech to the post is a conversation with it: "confirmed to PolOff", "indicated to us"
    ("¶1. (C) Senator Jacques Morel confirmed to PolOff on May 4 that the bill would pass.",
     {(frozenset({"PolOff", "Jacques Morel"}), False)}),
    ("¶1. (C) Deputy Minister Louis Bernard recently indicated to us that the talks had stalled.",
     {(frozenset({"EmbOff", "Louis Bernard"}), False)}),
    # the post's officers as a group are the embassy; another country's embassy staff are not
    ("¶1. (C) Claire Petit, a leader of the Green Party, told Embassy staff that the speech was "
     "empty rhetoric.", {(frozenset({"EmbOff", "Claire Petit"}), False)}),
    ("¶1. (C) On May 4 consulate officers met with Paul Durand, Secretary for Public Safety, to "
     "discuss security.", {(frozenset({"EmbOff", "Paul Durand"}), False)}),
    ("¶1. (C) Paul Durand told the German Embassy staff that he would resign.", set()),
    # the post itself the one told, written as the post: "informed Post", "confirmed to the
    # Embassy", "advised us" ("advised" read as "told" only with the post after it)
    ("¶1. (C) Deputy Minister Louis Bernard informed Post on May 4 that the talks had stalled.",
     {(frozenset({"EmbOff", "Louis Bernard"}), False)}),
    ("¶1. (C) Senator Jacques Morel confirmed to the Embassy on May 4 that the bill would pass.",
     {(frozenset({"EmbOff", "Jacques Morel"}), False)}),
    ("¶1. (C) Widget Minister Paul Durand advised us on May 4 that the plant would close.",
     {(frozenset({"EmbOff", "Paul Durand"}), False)}),
    ("¶1. (C) Widget Minister Paul Durand advised the Ambassador that the plant would close.",
     {(frozenset({"Ambassador", "Paul Durand"}), False)}),
    ("¶1. (C) Widget Minister Paul Durand advised the cabinet to close the plant.", set()),
    ("¶1. (C) Paul Durand told the Embassy of Ruritania that he would resign.", set()),
    # "X from Y explained to Embassy officers": X is the party, not Y
    ("¶1. (C) Jacques Morel from the Ruritanian Widget Board explained to Embassy officers that "
     "the port would close.",
     {(frozenset({"EmbOff", "Jacques Morel"}), False)}),
    # "X, adviser to Y, told PolOff": Y closes X's apposition; X is the party, not Y
    ("¶1. (C) Jacques Morel, senior adviser to Widget Minister Paul Durand, told PolOff on "
     "May 4 that the port would close.",
     {(frozenset({"Jacques Morel", "PolOff"}), False)}),
    ("¶1. (C) Anna Weber, chief of staff to Ruritanian Senate President Jean Dupont, told us that "
     "the vote would be delayed.",
     {(frozenset({"Anna Weber", "EmbOff"}), False)}),
    # the body a name possesses is what the points went to, not the one who owns it: the
    # office's owner is no party, the desk officer after it is; a committee is nobody's meeting
    ("¶1. (C) On May 4, EconOff delivered the points to Foreign Minister Jean Dupont's office "
     "and to desk officer Paul Durand.",
     {(frozenset({"EconOff", "Paul Durand"}), False)}),
    ("¶1. (C) On May 4, PolOff delivered the demarche to Senator Jacques Morel's committee.",
     set()),
    # another country's officer written by the post's role word is not the post's officer:
    # "the Norwegian DCM", "the Greek Charge" (any role, any nationality), while "the DCM"
    # alone or "the U.S. Charge" is the post's
    ("¶1. (C) The Norwegian DCM told us on May 4 that the widget talks had stalled.", set()),
    ("¶1. (C) Widget Minister Jean Dupont met with the Greek Charge on May 4 to discuss the "
     "talks.", set()),
    ("¶1. (C) The DCM told Widget Minister Jean Dupont on May 4 that the talks had stalled.",
     {(frozenset({"DCM", "Jean Dupont"}), False)}),
])
def test_who_the_parties_of_a_reported_encounter_are(
        extractor: Extractor, paragraph: str, expected: set[tuple[frozenset[str], bool]]) -> None:
    found = {(frozenset(parties), planned) for parties, _d, planned
             in meetings(run(extractor, CONVENTIONS, paragraph))}
    assert found == expected


def test_the_posts_officers_as_a_group_keep_the_cables_words_as_their_role(
        extractor: Extractor) -> None:
    found = run(extractor, CONVENTIONS, "¶1. (C) On May 4 consulate officers met with Paul "
                "Durand, Secretary for Public Safety, to discuss security.").meetings
    assert [sorted((p.label, p.role) for p in m.participants if p.mention is None)
            for m in found] == [[("EmbOff", "consulate officers")]]


def test_what_the_cables_writing_says_is_no_person(extractor: Extractor) -> None:
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) Jean Dupont, a manager at REPSOL, said the Houthis had left Saada "
                 "Governorate.")
    names = {m.name for m in result.mentions if m.type == "person"}
    assert "Jean Dupont" in names
    assert not names & {"REPSOL", "Repsol", "Houthis", "Saada Governorate"}, names


def test_a_meeting_sentence_without_two_parties_is_not_parsed() -> None:
    # 06PARIS5975, paragraph 2: "He" and the Ambassador (a role mention) can meet; a sentence
    # with one party or none cannot give a complete encounter.
    text = "He expressed his thanks to the Ambassador for the meeting."
    ambassador = (text.index("Ambassador"), text.index("Ambassador") + len("Ambassador"))
    assert encounters.may_meet(text, text, 0, len(text), [ambassador])
    assert encounters.may_meet(text, text, 0, len(text), [])  # "He" and "his": two words
    alone = "The government discussed the budget at a meeting."
    assert not encounters.may_meet(alone, alone, 0, len(alone), [])
    one = "Sarkozy discussed the budget at a meeting."
    assert not encounters.may_meet(one, one, 0, len(one), [(0, 7)])
    assert encounters.may_meet(one, one, 0, len(one), [(0, 7), (len(one) + 2, len(one) + 9)])
    # a redaction is a party beside one other, never alone
    raw = "XXXXXXXXXXXX met with the Ambassador."
    blank = " " * 12 + raw[12:]
    assert encounters.may_meet(blank, raw, 0, len(raw), [(26, 36)])
    assert not encounters.may_meet(blank, raw, 0, len(raw), [])


def test_the_parse_gate_loses_no_encounter_on_the_development_cables(
        extractor: Extractor, real_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sentences `may_meet` leaves out would give nothing: every development cable's
    meetings are the same with every meeting sentence parsed, and fewer are parsed."""
    ids = [json.loads(line)["cable"] for line in
           (DATA / "labels.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    conn = sqlite3.connect(f"file:{real_db}?mode=ro", uri=True)
    cables = [c for c in (load_cable(conn, i, {}) for i in ids) if c is not None]
    conn.close()
    assert len(cables) == len(ids)
    parsed: list[int] = []
    real_make_doc = extractor.nlp.make_doc

    def counting(text: str) -> Any:
        parsed.append(len(text))
        return real_make_doc(text)

    monkeypatch.setattr(extractor.nlp, "make_doc", counting)
    gated = [r.meetings for r in extractor.extract_many(cables)]
    gated_chars, parsed[:] = sum(parsed), []
    monkeypatch.setattr(extract, "may_meet", lambda *args: True)
    every = [r.meetings for r in extractor.extract_many(cables)]
    assert sum(len(m) for m in every) > 20  # the development cables report meetings
    assert gated == every
    assert gated_chars < sum(parsed)



def test_two_redacted_sources_of_a_paragraph_are_two_encounters(extractor: Extractor) -> None:
    """Made-up sentences in the cables' manner: the first redaction ends the sentence before
    it once blanked, the second source is named "analyst"; the summary's record of the first
    source takes only one of them."""
    result = run(extractor, ANKARA,
                 "¶1. (C) Summary: XXXXXXXXXXXX told us that the talks would fail. End summary.",
                 "¶2. (C) Tensions grew among the party leaders.  XXXXXXXXXXXX told us on "
                 "February 20 that the talks would fail.  Political analyst XXXXXXXXXXXX told "
                 "us on February 20 that the leaders would meet again.")
    told = between(result, "(redacted source)", "EmbOff")
    assert len(told) == 2
    assert sorted(m.date or "" for m in told) == ["2009-02-20", "2009-02-20"]

def test_a_bare_redaction_again_in_a_paragraph_is_the_same_source(extractor: Extractor) -> None:
    """Made-up sentences in the cables' manner: a source told in several sentences of one
    paragraph, each time a bare redaction after a full stop or a comma, is one encounter; the
    source introduced with a description ("banker XXXXXXXXXXXX") is another."""
    result = run(extractor, ANKARA,
                 "¶2. (C) On February 20, XXXXXXXXXXXX told the Ambassador that the bank would "
                 "close its branches.  The decision surprised the markets.  XXXXXXXXXXXX told the "
                 "Ambassador that the board had met twice.  Private banker XXXXXXXXXXXX told the "
                 "Ambassador that depositors were calm.")
    told = between(result, "(redacted source)", "Ambassador")
    assert len(told) == 2


def test_a_redacted_source_the_body_cites_is_a_contact_of_the_post(
        extractor: Extractor) -> None:
    """Made-up sentences in the cables' manner: "according to XXXXXXXXXXXX" makes one contact of
    the post with a redacted source, on the cable's day, when no sentence tells of one; "according
    to our contact" makes none, nor does the form where a told-sentence has the source's record."""
    result = run(extractor, ANKARA,
                 "¶1. (C) The governor is ill.",
                 "¶2. (C) According to XXXXXXXXXXXX, the governor has left the country.  "
                 "According to XXXXXXXXXXXX, his deputy runs the province.")
    assert [m.date for m in between(result, "(redacted source)", "EmbOff")] == [
        "2009-02-27"], meetings(result)
    assert len(result.meetings) == 1, meetings(result)
    result = run(extractor, ANKARA,
                 "¶2. (C) According to our contact, the governor has left the country.")
    assert result.meetings == [], meetings(result)
    result = run(extractor, ANKARA,
                 "¶2. (C) XXXXXXXXXXXX told PolOff on February 20 that the port would be sold.",
                 "¶3. (C) According to XXXXXXXXXXXX, the buyer is a bank.")
    assert meetings(result) == [({"(redacted source)", "PolOff"}, "2009-02-20", False)]


def test_a_cited_source_takes_the_officer_and_day_named_beside_a_redaction(
        extractor: Extractor) -> None:
    """Made-up sentences in the cables' manner: the cited source's contact is the officer a
    sentence names beside a redaction, on that sentence's day; another post's ambassador there
    is no such officer (EmbOff on the cable's day)."""
    result = run(extractor, ANKARA,
                 "¶1. (C) The port will be sold by June, according to XXXXXXXXXXXX of the "
                 "harbour board in a meeting with Econoffs February 17.",
                 "¶2. (C) According to XXXXXXXXXXXX, the buyer is a bank.")
    assert [m.date for m in between(result, "(redacted source)", "EconOff")] == [
        "2009-02-17"], meetings(result)
    result = run(extractor, ANKARA,
                 "¶1. (C) XXXXXXXXXXXX said the ambassador to the UN was recalled.",
                 "¶2. (C) According to XXXXXXXXXXXX, the buyer is a bank.")
    assert [m.date for m in between(result, "(redacted source)", "EmbOff")] == [
        "2009-02-27"], meetings(result)


def test_sources_named_and_titled_in_two_paragraphs_are_two_encounters(
        extractor: Extractor) -> None:
    """Made-up sentences in the cables' manner: a redacted name and a redacted title
    ("XXXXXXXXXXXX XXXXXXXXXXXX told us") introduce a source; two such in two paragraphs are
    two sources, not the summary and the body of one."""
    result = run(extractor, ANKARA,
                 "¶2. (C) Longtime contact XXXXXXXXXXXX XXXXXXXXXXXX told us on February 20 that "
                 "the governor was ill.",
                 "¶3. (C) In a separate exchange, XXXXXXXXXXXX XXXXXXXXXXXX told us on February "
                 "20 that the governor had left the country.")
    told = between(result, "(redacted source)", "EmbOff")
    assert len(told) == 2


def _tuning_labels() -> list[dict[str, Any]]:
    """The labels of the three tuning sets (development, second and third draws)."""
    rows = []
    for name in ("labels.jsonl", "heldout-2.jsonl", "heldout-3.jsonl"):
        rows += [json.loads(line) for line in
                 (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def test_each_redacted_source_a_paragraph_says_told_us_is_its_own_encounter(
        extractor: Extractor, real_db: Path) -> None:
    """Every tuning cable whose labels hold two encounters of a redacted source with us in one
    paragraph (two sources, each "XXXXXXXXXXXX told us", one after a sentence the redaction
    ends) gets at least that many such records (one may join the summary's record of its
    source); the cables are chosen from the labels, not named, so no tuning cable is quoted."""
    wanted: dict[str, int] = {}
    for row in _tuning_labels():
        counts: dict[int, int] = {}
        for m in row["meetings"]:
            if sorted(m["participants"]) == ["(redacted)", "EmbOff"] and len(m["paragraphs"]) == 1:
                counts[m["paragraphs"][0]] = counts.get(m["paragraphs"][0], 0) + 1
        if max(counts.values(), default=0) >= 2:
            wanted[row["cable"]] = max(counts.values())
    assert len(wanted) >= 2  # in two of the three tuning sets
    conn = sqlite3.connect(f"file:{real_db}?mode=ro", uri=True)
    cables = [load_cable(conn, cable, {}) for cable in wanted]
    conn.close()
    for loaded in cables:
        assert loaded is not None
        result = extractor.extract(*loaded)
        told = between(result, "(redacted source)", "EmbOff")
        assert len(told) >= wanted[result.cable_id], result.cable_id


def test_the_posts_officers_named_by_function_are_parties(extractor: Extractor) -> None:
    """Made-up sentences in the cables' manner: an officer of the post named by function
    ("Legal Attache", "Econ Unit Chief") with no name is a party, as "PolOff" is, and a
    minister who "summoned" one met him; another country's attache is no officer of ours."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (SBU) On May 4, Legal Attache delivered the court records to Prosecutor "
                 "General Jean Dupont.",
                 "¶2. (C) Interior Minister Pierre Martin summoned Econ Unit Chief to an "
                 "unscheduled meeting on May 6.",
                 "¶3. (C) On May 7, the Indian Naval Attache met with Paul Durand.")
    found = meetings(result)
    assert ({"Legal Attache", "Jean Dupont"}, "2009-05-04", False) in found
    assert ({"Pierre Martin", "Econ Unit Chief"}, "2009-05-06", False) in found
    assert not any("Indian Naval Attache" in parties or "Naval Attache" in parties
                   for parties, _d, _p in found)


def test_a_sections_counselor_or_officer_spelt_out_is_a_party(extractor: Extractor) -> None:
    """Made-up sentences in the cables' manner: a section's counselor or officer spelt out with
    no name after ("Political counselor", "Science Counselor", "Commercial Officer") is the
    post's officer and a party; another country's ("the Indian Political Counselor") is not ours."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (SBU) On May 4, Political counselor spoke with Jean Dupont about the "
                 "fisheries accord.",
                 "¶2. (SBU) On May 6, Science Counselor met with Deputy Minister Pierre Martin.",
                 "¶3. (C) On May 7, the Indian Political Counselor met with Paul Durand.")
    found = meetings(result)
    assert ({"Political counselor", "Jean Dupont"}, "2009-05-04", False) in found
    assert ({"Science Counselor", "Pierre Martin"}, "2009-05-06", False) in found
    assert not any("Political Counselor" in parties or "Indian Political Counselor" in parties
                   for parties, _d, _p in found), found


def test_the_purpose_of_a_meeting_is_no_meeting_of_its_own(extractor: Extractor) -> None:
    """"Met with X and Y to discuss Z" is one meeting of the three; "to discuss" is its purpose,
    not an announced meeting of X and Y (made-up sentence in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) On May 4, the Ambassador met with Interior Minister Jean Dupont and "
                 "Justice Minister Pierre Martin to discuss the new asylum law.")
    assert meetings(result) == [({"Ambassador", "Jean Dupont", "Pierre Martin"}, "2009-05-04",
                                 False)]  # and no planned meeting of the two ministers


def test_what_was_conveyed_is_no_meeting_with_whom_it_names(extractor: Extractor) -> None:
    """"He conveyed that the government's dialog with X ..." reports what was said: X was not
    met (made-up sentence in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) On May 4, PolOff met Deputy Minister Jean Dupont. However, he conveyed "
                 "that the government's dialog with President Paul Martin showed the limits of "
                 "the reform.")
    assert not [m for m in meetings(result) if "Paul Martin" in m[0]], meetings(result)


def _mention(kind: str, text: str, paragraph: str, last: bool = False) -> Mention:
    start = paragraph.rindex(text) if last else paragraph.index(text)
    return Mention(kind, text, text, text.lower(), "ner", seq=1, number=1, start=start,
                   end=start + len(text))


def test_a_name_the_model_reads_as_a_place_once_and_a_person_after_is_a_party() -> None:
    """The model tags "Jane Roe" a place where the cable calls her "Roe" the person later, and
    "Lumu" a place where it names the person "John Lumu Smith": both are parties. A country's
    name stays a place whoever bears it, and so does a name the model reads both ways
    (made-up sentences in the cables' manner)."""
    text = ("¶1. (C) On May 4, PolOff met with Jane Roe, head of the candidacies division. "
            "Roe said the Ministry would decide in June. Michael Jordan later met with Jordan. "
            "Professor John Lumu Smith was arrested. EconOff reached Lumu by phone on May 6. "
            "Governor Tarija resigned. On May 8, PolOff met with Tarija officials.")
    mentions = [_mention(ROLE, "PolOff", text), _mention(ROLE, "PolOff", text, last=True),
                _mention(PLACE, "Jane Roe", text),
                _mention(PERSON, "Roe", text, last=True),
                _mention(PERSON, "Michael Jordan", text), _mention(PLACE, "Jordan", text, True),
                _mention(PERSON, "John Lumu Smith", text), _mention(ROLE, "EconOff", text),
                _mention(PLACE, "Lumu", text, last=True),
                _mention(PERSON, "Tarija", text), _mention(PLACE, "Tarija", text, last=True)]
    found, _quotes = events.find(CONVENTIONS, [Block(1, 1, text)], [text], mentions)
    assert [({p.label for p in m.participants}, m.date) for m in found] == [
        ({"PolOff", "Jane Roe"}, "2009-05-04"), ({"EconOff", "Lumu"}, "2009-05-06")]


def test_he_is_the_last_speaker_of_the_paragraph() -> None:
    """"Vice Minister X told us ... He also told us": "he" is X, who last spoke, not the person
    the paragraph names most (made-up sentences in the cables' manner)."""
    text = ("¶5. (C) Police continue to probe Paul Martin. Vice Minister Jean Dupont told us that "
            "Martin was driving Marie Curie to a meeting when Martin was arrested. He also told "
            "us that Curie had paid the officials.")
    mentions = [_mention(PERSON, "Paul Martin", text), _mention(PERSON, "Jean Dupont", text),
                _mention(PERSON, "Martin", text), _mention(PERSON, "Marie Curie", text),
                _mention(PERSON, "Martin", text, last=True),
                _mention(PERSON, "Curie", text, last=True)]
    for m in mentions:
        m.key = m.key.split()[-1]
    found, _quotes = events.find(CONVENTIONS, [Block(1, 5, text)], [text], mentions)
    assert [{p.label for p in m.participants} for m in found] == [{"Jean Dupont", "EmbOff"}]


def test_a_party_who_had_spoken_to_someone(extractor: Extractor) -> None:
    """"X said ... He added that he had spoken to Y last week": X and Y talked (made-up)."""
    result = run(extractor, CONVENTIONS,
                 "¶6. (C) Former minister Jean Dupont said the party would split after the vote. "
                 "He added that he had spoken to former President Paul Durand last week about "
                 "the vote.")
    assert any({"Jean Dupont", "Paul Durand"} <= parties for parties, _d, _p in meetings(result)), \
        meetings(result)


def test_a_record_its_paragraph_dates_joins_the_dated_one_it_repeats(
        extractor: Extractor) -> None:
    """"On March 3, X delivered ... to Y, as requested on February 20. Y assured X ...": one
    contact, on March 3, not a second one dated by the paragraph's last date (made-up)."""
    result = run(extractor, CONVENTIONS,
                 "¶2. (SBU) On March 3, EconOff delivered the shipping records to Customs "
                 "Director Michael Brennan, as requested by the ministry on February 20. "
                 "Brennan thanked EconOff for the records, and assured EconOff that his staff "
                 "would keep them out of the press.")
    assert [date for _parties, date, _planned in meetings(result)] == ["2009-03-03"], \
        meetings(result)


def test_an_encounter_between_two_others_has_those_two_as_its_parties(
        extractor: Extractor) -> None:
    """"the May 12 telephone exchange between X and Y": X and Y talked, on May 12; "During a
    call with the Ambassador after the May 9 meeting between A and B, C said": A met B, and the
    Ambassador, who spoke with C, was at no meeting with A and B; "Z said the meeting between X
    and Y went well": Z is no party; "W, who attended the meeting between X and Y": W is
    (made-up)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) MFA Director Jean Dupont described the May 12 telephone exchange "
                 "between Foreign Minister Paul Durand and Spanish Foreign Minister Pedro Gomez "
                 "at some length.",
                 "¶2. (C) During a call with Ambassador Tom Brown after the May 9 Lyon summit "
                 "meeting between President Louis Martin and Spanish President Carlos Ruiz, "
                 "Interior Minister Marc Petit said that the summit had gone well.",
                 "¶3. (C) Director Anne Roux said the May 20 meeting between Foreign Minister "
                 "Paul Durand and Foreign Minister Ivan Petrov went well.",
                 "¶4. (C) Senator Luc Blanc, who attended the June 2 Geneva meeting between "
                 "Minister Hugo Vidal and Minister Omar Nasser, called it a failure.")
    assert [m.date for m in between(result, "Paul Durand", "Pedro Gomez")] == ["2009-05-12"], \
        meetings(result)
    assert between(result, "Paul Durand", "Ivan Petrov"), meetings(result)  # not Anne Roux
    assert between(result, "Luc Blanc", "Hugo Vidal", "Omar Nasser"), meetings(result)
    assert between(result, "Louis Martin", "Carlos Ruiz"), meetings(result)
    assert not any({"Tom Brown", "Louis Martin"} <= parties
                   for parties, _d, _p in meetings(result)), meetings(result)


def test_one_named_before_a_meeting_between_a_named_and_an_unnamed_party_is_no_party(
        extractor: Extractor) -> None:
    """"Z said that aside from a conversation between X and the Minister": the Minister is no
    mention, and Z, who only tells of it, is no party with X; "W, who attended the meeting
    between X and the Minister": W is; "In a meeting between X and the Secretary, Mr. Y, ...": Y,
    the opening phrase's subject, is the Secretary (made-up)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) Director Anne Roux said that aside from a May 20 conversation between "
                 "Foreign Minister Paul Durand and the Harbour Minister, the ministry had no "
                 "other contact with the Spanish government.",
                 "¶2. (C) Senator Luc Blanc, who attended the June 2 meeting between Minister "
                 "Hugo Vidal and the Harbour Minister, called it a failure.",
                 "¶3. (C) In a June 4 meeting between Ambassador Tom Brown and the Harbour "
                 "Secretary of the Ruritanian Dock Board, Mr. Jean Dupont, the Ambassador "
                 "raised the tariff question.")
    assert not any({"Anne Roux", "Paul Durand"} <= parties
                   for parties, _d, _p in meetings(result)), meetings(result)
    assert any({"Luc Blanc", "Hugo Vidal"} <= parties
               for parties, _d, _p in meetings(result)), meetings(result)
    assert any({"Tom Brown", "Jean Dupont"} <= parties
               for parties, _d, _p in meetings(result)), meetings(result)


def test_a_party_described_between_its_name_and_the_verb_is_its_subject(
        extractor: Extractor) -> None:
    """"X of the Z Union, told EconOff", "XXXXXXXXXXXX , sales director of ... told EconOff":
    the described party is the one who spoke (made-up)."""
    result = run(extractor, CONVENTIONS,
                 "¶4. (C) The ministry calls the strike a passing quarrel over wages. A union "
                 "official, Ali Hassan of the independent Dockworkers Union, told EconOff the "
                 "strikers were mostly young porters but that the older crews would join them "
                 "next week.",
                 "¶5. (C) XXXXXXXXXXXX , sales director for the northern region of a cement "
                 "firm told EconOff on June 3 that prices would rise in the autumn.")
    assert between(result, "Ali Hassan", "EconOff"), meetings(result)
    assert [m.date for m in between(result, "EconOff", "(redacted source)")] == [
        "2009-06-03"], meetings(result)


def test_the_political_economic_chief_by_abbreviation_is_a_party(extractor: Extractor) -> None:
    """"P/E Chief", "PolEcon Chief": the post's political-economic section chief written by
    function, a party as "Pol/Econ Chief" is (made-up sentences)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) Deputy Minister Jan Kowalski told P/E Chief on May 12 that the "
                 "fishing talks had stalled over the northern quota.",
                 "¶2. (C) On May 14 PolEcon Chief called on Harbour Board director Adam Nowak "
                 "to ask about the new port fees.")
    assert [m.date for m in between(result, "Jan Kowalski", "P/E Chief")] == ["2009-05-12"], \
        meetings(result)
    assert [m.date for m in between(result, "PolEcon Chief", "Adam Nowak")] == [
        "2009-05-14"], meetings(result)


def test_separate_encounters_are_one_record_each(extractor: Extractor) -> None:
    """"X met separately with A and B" is two meetings, X with A and X with B; "In separate
    talks, A and B noted to the AMB" two, each with the Ambassador; "In separate meetings with
    A and B, PolOff heard" two, each with PolOff (made-up)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) The visiting Senator Tom Brown met separately with Culture Minister "
                 "Maria Gomez and Defense Minister Piotr Nowak on June 4 to discuss the festival.",
                 "¶2. (C) In separate talks, Police Chief Carlos Ruiz and Navy Commander Marc "
                 "Petit each noted to the AMB that the fishing ban would hold.",
                 "¶3. (C) In separate meetings with Senator Luis Vega and Deputy Ana Torres, "
                 "PolOff heard the same complaint.")
    assert [m.date for m in between(result, "Tom Brown", "Maria Gomez")] == ["2009-06-04"], \
        meetings(result)
    assert [m.date for m in between(result, "Tom Brown", "Piotr Nowak")] == ["2009-06-04"], \
        meetings(result)
    assert between(result, "Carlos Ruiz", "Ambassador"), meetings(result)
    assert between(result, "Marc Petit", "Ambassador"), meetings(result)
    assert between(result, "Luis Vega", "PolOff"), meetings(result)
    assert between(result, "Ana Torres", "PolOff"), meetings(result)
    assert not any({"Maria Gomez", "Piotr Nowak"} <= parties
                   for parties, _d, _p in meetings(result)), meetings(result)


def test_another_countrys_ambassador_is_not_the_posts(extractor: Extractor) -> None:
    """"the Danish Ambassador to Norway, X" and "the UK Ambassador" are someone else's, not the
    post's Ambassador: a dinner hosted by X with Y is X's meal with Y, X assuring "the
    Ambassador" is X's talk with ours, and the UK Ambassador informing us makes no record
    (made-up sentences)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) During dinner on October 8, hosted by the Danish Ambassador to Norway, "
                 "Peter Smith, Minister Jan Kowalski praised the new ferry line. Smith later "
                 "assured the Ambassador that the ferry plan stands.",
                 "¶2. (C) The UK Ambassador also informed us on October 9 that the quota talks "
                 "had stalled.")
    assert [m.date for m in between(result, "Jan Kowalski", "Peter Smith")] == [
        "2009-10-08"], meetings(result)
    assert between(result, "Peter Smith", "Ambassador"), meetings(result)
    assert not any(m.seq == 2 for m in result.meetings), meetings(result)


def test_a_day_written_relative_to_the_last_one_dates_the_encounter(
        extractor: Extractor) -> None:
    """"later in the day" is the day written last before it, "the next day" the day after it,
    and "occurred the day after X met Y" puts X's meeting with Y the day before (made-up
    sentences; the cable is of October 20)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) On October 12, EconOff delivered the points to Deputy Minister Jan "
                 "Kowalski. Harbour Board chairman Peter Smith telephoned EconOff later in the "
                 "day to report that the board had agreed.",
                 "¶2. (C) On October 15, the Ruritanian delegation toured the port. The tour came "
                 "the day after Minister Anna Nowak met with Senator Paul Brown in Oslo.",
                 "¶3. (C) The next day, Minister Anna Nowak telephoned Deputy Minister Jan "
                 "Kowalski about the ferry tender.")
    assert [m.date for m in between(result, "Peter Smith", "EconOff")] == [
        "2009-10-12"], meetings(result)
    assert [m.date for m in between(result, "Anna Nowak", "Paul Brown")] == [
        "2009-10-14"], meetings(result)
    assert [m.date for m in between(result, "Anna Nowak", "Jan Kowalski")] == [
        "2009-10-16"], meetings(result)


def test_an_undated_encounter_takes_the_day_an_earlier_paragraph_gave_its_parties(
        extractor: Extractor) -> None:
    """A body paragraph's record with no day of its own, nor one in its paragraph, takes the
    day an earlier paragraph gave in a sentence that tells of a contact and names the same
    parties, not the cable's (made-up sentences; the cable is of October 20)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) During the Ambassador's introductory call October 5, Defense Minister "
                 "Jan Kowalski described the ferry partnership as strong and transparent.",
                 "¶2. (C) The harbour board has not yet approved the tender, and the ministry "
                 "expects a decision in the spring.",
                 "¶3. (C) Kowalski told the Ambassador that the navy would buy two patrol "
                 "boats this year.")
    assert [m.date for m in between(result, "Jan Kowalski", "Ambassador")] == [
        "2009-10-05"], meetings(result)


def test_an_undated_encounter_takes_the_day_the_paragraph_before_gave_one_of_its_people(
        extractor: Extractor) -> None:
    """A record with no day of its own takes the day of the last dated contact sentence of the
    paragraph just before that names one of its persons not the post's own; not a
    "subsequent" contact's, nor a day a source recounts after "that" (made-up sentences; the
    cable is of October 20)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) EconOff held separate meetings on October 6 with Deputy Minister Jan "
                 "Kowalski and with the harbour board.",
                 "¶2. (C) Kowalski told EconOff that the navy would buy two patrol boats.",
                 "¶3. (C) Senator Paul Brown said that he met Mayor Tom Black on October 2.",
                 "¶4. (C) Brown told PolOff that the tender would be closed.",
                 "¶5. (C) Governor Anna Nowak met Mayor Lisa White on October 9 about the port.",
                 "¶6. (C) In a subsequent conversation, Nowak told PolOff that the port "
                 "would be sold.")
    assert [m.date for m in between(result, "Jan Kowalski", "EconOff")] == [
        "2009-10-06"], meetings(result)
    assert [m.date for m in between(result, "Paul Brown", "PolOff")] == [
        "2009-10-20"], meetings(result)
    assert [m.date for m in between(result, "Anna Nowak", "PolOff")] == [
        "2009-10-20"], meetings(result)


def test_a_visiting_officials_undated_encounter_takes_the_day_the_paragraph_before_gave_him(
        extractor: Extractor) -> None:
    """A visiting Washington official ("U/S", "A/S") stands for the post's side: his undated
    contact takes the day of the paragraph before's contact sentence naming him; a host
    senator's does not (made-up sentences; the cable is of October 20)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) Two harbour firms raised the tender in separate meetings on October 6 "
                 "with U/S Paul Brown.",
                 "¶2. (C) Port Director Jan Kowalski told U/S Brown that the tender would close.",
                 "¶3. (C) Deputy Lisa White raised the port in separate meetings on October 9 "
                 "with Senator Tom Black.",
                 "¶4. (C) Mayor Anna Nowak told Senator Black that the port would be sold.")
    assert [m.date for m in between(result, "Jan Kowalski", "Paul Brown")] == [
        "2009-10-06"], meetings(result)
    assert [m.date for m in between(result, "Anna Nowak", "Tom Black")] == [
        "2009-10-20"], meetings(result)


def test_an_undated_encounter_takes_the_day_written_on_the_meeting_an_earlier_paragraph_frames(
        extractor: Extractor) -> None:
    """"In an October 6 meeting, Director Kowalski confirmed ..." frames the conversation the
    cable reports: a later paragraph's undated record of the post's officer with that person
    ("Kowalski asked PolOff ...") takes that day, not the cable's; not where the paragraphs
    before date two such meetings, nor a contact told as another occasion ("once told")
    (made-up sentences; the cable is of October 20)."""
    framed = ("¶1. (C) In an October 6 meeting, Harbour Director Jan Kowalski confirmed that the "
              "ferry tender was closed.")
    asked = "¶3. (C) Kowalski asked PolOff about visas for the ferry crews."
    for paragraphs, day in (
            ((framed + " According to Kowalski, the ministry will choose a builder in the spring.",
              "¶2. (C) The harbour board has not yet approved the budget.", asked), "2009-10-06"),
            ((framed, "¶2. (C) In an October 9 meeting, Kowalski said the board had met.", asked),
             "2009-10-20"),
            ((framed, "¶2. (C) The harbour board has not yet approved the budget.",
              "¶3. (C) Kowalski once told PolOff that the crews were underpaid."), "2009-10-20")):
        result = run(extractor, CONVENTIONS, *paragraphs)
        assert [m.date for m in between(result, "Jan Kowalski", "PolOff")] == [day], \
            meetings(result)


def test_a_sections_counselor_by_abbreviation_is_a_party(extractor: Extractor) -> None:
    """"PE Couns", "Pol Counselor", "ECON Minister Counselor" are the post's counselors by
    function, also before a date ("told ... Counselor October 8"); another country's ("the
    Danish Econ Counselor") is not ours (made-up sentences)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) PE Couns met with Jan Kowalski, head of the Ferry Division, on October "
                 "6. Deputy Minister Anna Nowak told ECON Minister Counselor October 8 that the "
                 "tender was closed.",
                 "¶2. (C) Pol Counselor called on Senator Paul Brown on October 9.",
                 "¶3. (C) The Danish Econ Counselor told us on October 10 that the fleet "
                 "would be sold.")
    assert [m.date for m in between(result, "PE Couns", "Jan Kowalski")] == [
        "2009-10-06"], meetings(result)
    assert [m.date for m in between(result, "Anna Nowak", "ECON Minister Counselor")] == [
        "2009-10-08"], meetings(result)
    assert [m.date for m in between(result, "Pol Counselor", "Paul Brown")] == [
        "2009-10-09"], meetings(result)
    assert not any(m.seq == 3 for m in result.meetings), meetings(result)


def test_they_and_their_are_the_two_people_named_before(extractor: Extractor) -> None:
    """"they"/"their" stand for two people when the clauses the pronoun's clause hangs on name
    exactly two before it ("X has a note to hand to Y when they meet"), else the
    sentence before names two and its own sentence none before it ("X said Y had misled him.
    He described their talks", only for "their" before a meeting noun); three people
    are no one, nor "They spoke of ..." after a sentence naming two (made-up sentences)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) The Minister said that President Paul Brown has a note on the ferries to "
                 "hand to Prime Minister Peter Smith when they meet in Oslo on October 24.",
                 "¶2. (C) On October 3, Foreign Minister Jan Kowalski said that Governor Anna "
                 "Nowak had misled him. He described their talks about the harbour.",
                 "¶3. (C) Senator Mark Green, Governor Lisa White and Mayor Tom Black toured "
                 "the port. Their conversation turned to the harbour.",
                 "¶4. (C) On October 5, Senator Mark Green said that Mayor Tom Black had "
                 "resigned. They spoke of the harbour's debts.")
    assert [m.date for m in between(result, "Paul Brown", "Peter Smith")] == [
        "2009-10-24"], meetings(result)
    assert [m.date for m in between(result, "Jan Kowalski", "Anna Nowak")] == [
        "2009-10-03"], meetings(result)
    assert not any(m.seq in (3, 4) for m in result.meetings), meetings(result)


def test_a_topic_discussed_with_a_party_named_after_it(extractor: Extractor,
                                                       parse_only: None) -> None:
    """"X discussed [a long topic] with Y": the parser hangs "with Y" on a word of the topic, not
    on the verb; Y is still the one X spoke with, on the day written after Y's description.
    "Discussed the transfer of Z to Y" names no one
    met (made-up sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (SBU) EconOff discussed the potential for trade action over cheese with "
                 "Dairy Association President Jan Kowalski, a former farm minister, on October "
                 "6.",
                 "¶2. (C) On October 7, PolOff discussed the transfer of Paul Brown to Ruritanian "
                 "custody.")
    assert [m.date for m in between(result, "EconOff", "Jan Kowalski")] == [
        "2009-10-06"], meetings(result)
    assert not any(m.seq == 2 for m in result.meetings), meetings(result)


def test_a_request_or_pledge_one_party_made_to_another(extractor: Extractor,
                                                       parse_only: None) -> None:
    """"X's [date] request to Y", "X's pledge to Y": what X asked of or promised Y, a contact of
    the two; "X's request" with no one it was made to is none, nor "a request to the
    ministry" (made-up sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) We noted Assistant Minister Jan Kowalski's October 6 request to "
                 "Senator Paul Brown in Geneva for closer coordination on the report.",
                 "¶2. (C) The Minister recalled King Peter's pledge to President Tom Black in "
                 "October that Ruritania would return its ambassador.",
                 "¶3. (C) Minister Anna Nowak's request was declined on October 9.")
    assert [m.date for m in between(result, "Jan Kowalski", "Paul Brown")] == [
        "2009-10-06"], meetings(result)
    assert between(result, "Peter", "Tom Black"), meetings(result)
    assert not any(m.seq == 3 for m in result.meetings), meetings(result)


def test_recommended_or_praised_to_a_party(extractor: Extractor, parse_only: None) -> None:
    """"X recommended to Y that ...", "X praised [a decision] to Y": speaking to Y, a contact,
    the party only through "to" (made-up sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) General Jan Kowalski told the Ambassador on October 6 that he "
                 "recommended to Defense Minister Paul Brown that the army reach out to its "
                 "neighbours.",
                 "¶2. (C) The Ambassador praised the government's decision to President Tom "
                 "Black on October 8, calling it a strong signal.")
    assert between(result, "Jan Kowalski", "Paul Brown"), meetings(result)
    assert [m.date for m in between(result, "Ambassador", "Tom Black")] == [
        "2009-10-08"], meetings(result)


def test_a_meeting_only_sought_is_none(extractor: Extractor) -> None:
    """"was seeking a meeting with X", "favors a meeting between X and Y": a meeting only sought,
    none held or announced. A meeting held in the same cable is still read (made-up sentences
    in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) The Ruritanian Ambassador told us he had passed a similar message to "
                 "Intelligence Director Jan Kowalski, and was seeking a meeting with President "
                 "Tom Black to deliver a letter.",
                 "¶2. (C) According to Anna Nowak, Ruritania favors a meeting between President "
                 "Tom Black and the bloc's leaders on the margins of the summit.",
                 "¶3. (C) Minister Anna Nowak met the Ambassador on October 5.")
    assert not any(m.seq in (1, 2) for m in result.meetings), meetings(result)
    assert [m.date for m in between(result, "Anna Nowak", "Ambassador")] == [
        "2009-10-05"], meetings(result)


def test_a_meeting_only_requested_is_none(extractor: Extractor) -> None:
    """"X requested a meeting with Y", "Y requests a meeting with A or B": a meeting only asked
    for, none held or announced; "X, who had requested the meeting" is the one held, and so is
    one requested for a day written after it ("requested a meeting with EconOff October 7"):
    both are still read (made-up sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) We have requested a meeting with Harbour Director Jan Kowalski about "
                 "the port fees.",
                 "¶2. (C) Senator Anna Nowak arrives on Monday and requests a meeting with "
                 "Ambassador Tom Black or his deputy.",
                 "¶3. (C) Minister Paul Brown, who had requested the meeting, met the DCM on "
                 "October 5.",
                 "¶4. (C) Governor Eva Lind requested a meeting with EconOff October 7 to explain "
                 "the new port rules.")
    assert not any(m.seq in (1, 2) for m in result.meetings), meetings(result)
    assert [m.date for m in between(result, "Paul Brown", "DCM")] == [
        "2009-10-05"], meetings(result)
    assert [m.date for m in between(result, "Eva Lind", "EconOff")] == [
        "2009-10-07"], meetings(result)


def test_a_sentence_without_a_date_takes_its_paragraphs_day(extractor: Extractor) -> None:
    """"On [day], X met Y. ... Z told Y ...": the later sentence gives no date of its own, so its
    contact takes the day written last in an earlier sentence of its paragraph that tells of a
    contact, not the cable's; a day of another event (taking office, a note) is passed over,
    and a paragraph with none leaves the cable's date (made-up sentences in the cables'
    manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) On October 5, the Ambassador met Minister Anna Nowak at the ministry. "
                 "Her deputy, Tom Black, took office on September 28. Deputy Minister Tom Black "
                 "told the Ambassador that the reform would pass.",
                 "¶2. (C) Senator Paul Brown told the Ambassador that the vote was close.",
                 "¶3. (C) The port is closed. (NOTE: The Embassy sent the papers to Oslo on "
                 "October 8. END NOTE.) Governor Eva Lind told the Ambassador that it would "
                 "open soon.")
    assert [m.date for m in between(result, "Tom Black", "Ambassador")] == [
        "2009-10-05"], meetings(result)
    assert [m.date for m in between(result, "Paul Brown", "Ambassador")] == [
        "2009-10-20"], meetings(result)
    assert [m.date for m in between(result, "Eva Lind", "Ambassador")] == [
        "2009-10-20"], meetings(result)


def test_the_posts_officers_written_as_one_word_are_parties(extractor: Extractor) -> None:
    """"ECMIN", "EMIN", "Polchief", "PolMinCouns": the post's minister-counselors and section
    chiefs as one word are parties as written, like "PolOff"; with a name after it the word is
    that person's title, and "Emin" in lower case is a given name (made-up sentences in the
    cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) In an October 5 meeting with ECMIN, Minister Anna Nowak said the "
                 "reform would pass.",
                 "¶2. (C) Polchief discussed the vote on October 6 with Senator Paul Brown.",
                 "¶3. (C) Deputy Minister Tom Black told PolMinCouns that the port was closed.",
                 "¶4. (C) Governor Eva Lind met EMIN October 7 to discuss the budget.",
                 "¶5. (C) Mayor Emin Kaya met with Governor Eva Lind on October 8.")
    assert [m.date for m in between(result, "Anna Nowak", "ECMIN")] == ["2009-10-05"], \
        meetings(result)
    assert [m.date for m in between(result, "Polchief", "Paul Brown")] == ["2009-10-06"], \
        meetings(result)
    assert between(result, "Tom Black", "PolMinCouns"), meetings(result)
    assert [m.date for m in between(result, "Eva Lind", "EMIN")] == ["2009-10-07"], \
        meetings(result)
    assert [m.date for m in between(result, "Emin Kaya", "Eva Lind")] == ["2009-10-08"], \
        meetings(result)


def test_another_countrys_embassy_is_not_the_post(extractor: Extractor) -> None:
    """"The Ruritanian Embassy informed us": another country's embassy is no party of the
    post's, so no meeting of the post with itself; "the Embassy" and "the U.S. Embassy" are
    still the post (made-up sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) The French Embassy informed us on October 5 that it funds a small "
                 "police program.",
                 "¶2. (C) The Embassy informed Minister Anna Nowak on October 6 that the port "
                 "was closed.")
    assert not [m for m in result.meetings if {p.label for p in m.participants} <= {"EmbOff"}
                ], meetings(result)
    assert between(result, "Anna Nowak", "EmbOff"), meetings(result)


def test_another_countrys_official_named_by_title_alone_is_a_party(
        extractor: Extractor) -> None:
    """"met with her Norwegian counterpart", "in a conversation with the Danish Ambassador in
    Warsaw": another country's official whom the cable names by title alone is a party, as
    written (without "the" or "her", with the place the title holds); with a name after the
    title, or after a comma, the name is the party (made-up sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) Minister Anna Nowak met with her Norwegian counterpart on October 5 "
                 "to discuss the port.",
                 "¶2. (C) In an October 6 conversation with the Danish Ambassador in Warsaw, "
                 "Minister Tom Black said the port was closed.",
                 "¶3. (C) Minister Eva Lind met with her Swedish counterpart, Paul Brown, on "
                 "October 7.")
    assert [m.date for m in between(result, "Anna Nowak", "Norwegian counterpart")] == [
        "2009-10-05"], meetings(result)
    assert [m.date for m in between(result, "Tom Black", "Danish Ambassador in Warsaw")] == [
        "2009-10-06"], meetings(result)
    assert not with_party(result, "Swedish counterpart"), meetings(result)


def test_he_after_a_redacted_teller_is_nobody_the_paragraph_names(
        extractor: Extractor, parse_only: None) -> None:
    """"XXXXXXXXXXXX told the Ambassador that he had complained ... to Minister X": the teller
    is blanked before the parse, so the sentence's reporting verb has no subject and "he" is
    the redaction, not the person the paragraph names most (made-up text)."""
    result = run(extractor, TRIPOLI,
                 "¶1. (C) Deputy Minister Anna Nowak met the Ambassador on May 3. Nowak said "
                 "the harbour would reopen. XXXXXXXXXXXX told the Ambassador that he had once "
                 "complained about XXXXXXXXXXXX's presence with Minister of Defense Jan "
                 "Kowalski, who said he could not raise the issue.")
    assert not between(result, "Anna Nowak", "Jan Kowalski"), meetings(result)


def test_a_handover_to_its_first_object_is_a_meeting(extractor: Extractor) -> None:
    """"X passed PolOff and the DCM a copy of the draft law", "X provided EconOff with a list":
    the recipient of a handover written as the verb's first object met the giver; "gave X the
    impression" is no handover (made-up sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) In a meeting on October 5, Deputy Minister Anna Nowak passed PolOff "
                 "and the DCM a copy of the draft law.",
                 "¶2. (C) On October 6, Senator Paul Brown provided EconOff with a list of the "
                 "firms involved.",
                 "¶3. (C) The harbour's reopening gave Minister Tom Black the impression that "
                 "the strike was over.")
    assert [m.date for m in between(result, "Anna Nowak", "PolOff", "DCM")] == [
        "2009-10-05"], meetings(result)
    assert [m.date for m in between(result, "Paul Brown", "EconOff")] == ["2009-10-06"], \
        meetings(result)
    assert not with_party(result, "Tom Black"), meetings(result)


def test_a_demarche_delivered_after_a_long_topic_reaches_its_recipient(
        extractor: Extractor) -> None:
    """"PolOff delivered the demarche and non-paper on the transfer of X to [a country] to MFA
    Director Y": the recipient's "to" lies past the delivery trigger's 80 characters, and the
    topic's "to [a country]" is not it (made-up sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) PolOff delivered reftel demarche and associated non-paper and "
                 "diplomatic note on the transfer of Tom Black to the U.S. to MFA Director "
                 "for Americas Jan Kowalski on November 25.",
                 "¶2. (C) EconOff delivered reftel points concerning the lifting of sanctions "
                 "against a Ruritanian shipping firm on October 29 to Anna Nowak, the "
                 "ministry's deputy director for trade.")
    assert [m.date for m in between(result, "PolOff", "Jan Kowalski")] == ["2009-11-25"], \
        meetings(result)
    assert [m.date for m in between(result, "EconOff", "Anna Nowak")] == ["2009-10-29"], \
        meetings(result)


def test_a_summons_written_called_in_is_a_meeting(extractor: Extractor) -> None:
    """"Minister X called in CDA", "X called in the Ambassador on [day]": a summons of the post's
    officer, as "summoned" is; "called in" before no person or role ("may be called in March",
    "called in Parliament for the government to summon the Ambassador") makes none (made-up
    sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) On October 12, Ruritanian Finance Minister Jan Kowalski called in CDA "
                 "to press for support of the loan review.",
                 "¶2. (C) Foreign Minister Anna Nowak called in the Ambassador on October 14 to "
                 "protest the visa decision.",
                 "¶3. (C) Elections may be called in March. Minister Piotr Zielinski also called "
                 "in Parliament for the government to summon the Ambassador.")
    assert [m.date for m in between(result, "Jan Kowalski", "Charge d'Affaires")] == \
        ["2009-10-12"], meetings(result)
    assert [m.date for m in between(result, "Anna Nowak", "Ambassador")] == ["2009-10-14"], \
        meetings(result)
    assert not with_party(result, "Piotr Zielinski"), meetings(result)



def test_a_person_called_is_a_call(extractor: Extractor) -> None:
    """"X called the Ambassador back to say ...", "Y called Minister Z on [day] to ...": a
    telephone call whose other party is the verb's object; "called" naming something ("called
    Minister Z a reformer", "called Z's remarks ...") or "so-called" makes none (made-up
    sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) On October 12, Ruritanian Foreign Minister Jan Kowalski called the "
                 "Ambassador back to say that the loan review would not go ahead.",
                 "¶2. (C) Prime Minister Anna Nowak called Foreign Minister Piotr Zielinski on "
                 "October 14 to ask for his support.",
                 "¶3. (C) Deputy Minister Ewa Lis called Minister Adam Wolski a reformer and "
                 "called Minister Wolski's remarks on the so-called Ruritanian compact timely.")
    assert [m.date for m in between(result, "Jan Kowalski", "Ambassador")] == \
        ["2009-10-12"], meetings(result)
    assert [m.date for m in between(result, "Anna Nowak", "Piotr Zielinski")] == \
        ["2009-10-14"], meetings(result)
    assert not with_party(result, "Ewa Lis"), meetings(result)


def test_notified_reviewed_with_and_a_call_to_a_party(extractor: Extractor,
                                                      parse_only: None) -> None:
    """"we notified X of ...", "X reviewed [a demarche] with Y", "in a phone call to Y": a
    contact, Y the party through the verb's object, "with" or "to"; "reviewed" with no party
    after "with" and "called to [do]" make none (made-up sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) On October 5 we notified Jan Kowalski, Director of the Ruritanian "
                 "Security Office, of the decision.",
                 "¶2. (C) Poloff reviewed the demarche with Minister Anna Nowak on October 7.",
                 "¶3. (C) Later on October 9, the DCM followed up in a phone call to Piotr "
                 "Zielinski, who had not yet heard of the report.",
                 "¶4. (C) The Ministry reviewed the file with care, Adam Wolski said, and Ewa "
                 "Lis called to express her thanks.")
    assert [m.date for m in between(result, "Jan Kowalski", "EmbOff")] == ["2009-10-05"], \
        meetings(result)
    assert [m.date for m in between(result, "PolOff", "Anna Nowak")] == ["2009-10-07"], \
        meetings(result)
    assert [m.date for m in between(result, "DCM", "Piotr Zielinski")] == ["2009-10-09"], \
        meetings(result)
    assert not any(m.seq == 4 for m in result.meetings), meetings(result)


def test_a_name_owning_the_noun_of_an_apposition_is_no_party(extractor: Extractor) -> None:
    """"X, the acting chief during Minister Y's absence, informed the Ambassador", "X, a member
    of Y's delegation, provided PolCouns with an overview": Y's possessive owns a noun of the
    apposition describing X, the subject; a possessive with no one described before it ("Y's
    spokesman told PolOff") is read as before (made-up sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) MFA Permanent Secretary Jan Kowalski, the acting chief of the MFA "
                 "during Foreign Minister Anna Nowak's extended absence, informed the Ambassador "
                 "October 17 that Nowak would return soon.",
                 "¶2. (C) Adviser Piotr Zielinski, who was a member of Minister Adam Wolski's "
                 "delegation, provided PolCouns with an overview of the talks on October 14.",
                 "¶3. (C) Senator Ewa Lis's spokesman told PolOff on October 15 that the vote "
                 "would be delayed.")
    assert [m.date for m in between(result, "Jan Kowalski", "Ambassador")] == \
        ["2009-10-17"], meetings(result)
    assert not with_party(result, "Anna Nowak"), meetings(result)
    assert [m.date for m in between(result, "Piotr Zielinski", "Political Counselor")] == \
        ["2009-10-14"], meetings(result)
    assert not with_party(result, "Adam Wolski"), meetings(result)
    assert [m.date for m in between(result, "Ewa Lis", "PolOff")] == ["2009-10-15"], \
        meetings(result)


def test_a_name_owning_the_head_of_an_of_phrase_is_no_party(extractor: Extractor) -> None:
    """"The tutor of X's daughter told PolOff", "Y, a cousin of X's, told EconOff": the
    possessive in the "of" phrase owns the one who spoke; X is no party (Y is, described so);
    "X's spokesman told PolOff" stays X's contact (made-up sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) The tutor of Senator Ewa Lis's daughter told PolOff on October 15 "
                 "that the family would leave the country.",
                 "¶2. (C) Banker Piotr Zielinski, a cousin of Adam Wolski's, told EconOff on "
                 "October 16 that the bank would close.",
                 "¶3. (C) Minister Anna Nowak's spokesman told PolOff on October 17 that the "
                 "vote would be delayed.")
    assert not with_party(result, "Ewa Lis"), meetings(result)
    assert not with_party(result, "Adam Wolski"), meetings(result)
    assert [m.date for m in between(result, "Piotr Zielinski", "EconOff")] == \
        ["2009-10-16"], meetings(result)
    assert [m.date for m in between(result, "Anna Nowak", "PolOff")] == ["2009-10-17"], \
        meetings(result)


def test_a_relative_clause_with_whom_is_a_meeting(extractor: Extractor) -> None:
    """"X, with whom PolOff met on [day], ...", "Y, with whom we had lunch ...": the
    antecedent is the other party of the clause's subject; "with whom [he] will meet", "had
    declined to meet" or a group before "with whom" ("officials with whom we met") makes none
    (made-up sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) Ruritanian Finance Minister Jan Kowalski, with whom PolOff met on "
                 "October 12, told reporters that the loan review would not go ahead.",
                 "¶2. (C) Deputy Minister Anna Nowak, with whom we had lunch on October 14, "
                 "praised the new port.",
                 "¶3. (C) Senator Ewa Lis, with whom the Ambassador will meet next week, leads "
                 "the budget committee. Two officials with whom we met agreed.",
                 "¶4. (C) Prime Minister Adam Wolski praised the port. The plan resembles "
                 "Wolski's approach with Ruritanian President Piotr Zielinski, with whom he "
                 "holds regular meetings.")
    assert [m.date for m in between(result, "Jan Kowalski", "PolOff")] == \
        ["2009-10-12"], meetings(result)
    assert [m.date for m in between(result, "Anna Nowak", "EmbOff")] == \
        ["2009-10-14"], meetings(result)
    assert between(result, "Adam Wolski", "Piotr Zielinski"), meetings(result)
    assert not [m for m in with_party(result, "Ewa Lis") if not m.planned], meetings(result)


def test_a_person_approached_is_a_meeting(extractor: Extractor) -> None:
    """"X approached the Ambassador to ...", "Y approached Minister Z on [day] on the margins
    of ...": the verb's object is the other party of a contact; "approached" before a country or a
    body ("approached Ruritania about the debt") or "approached by" makes none (made-up
    sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) On October 12, Ruritanian Finance Minister Jan Kowalski approached "
                 "the Ambassador to ask for support of the loan review.",
                 "¶2. (C) Prime Minister Anna Nowak approached Foreign Minister Piotr Zielinski "
                 "on October 14 on the margins of the summit.",
                 "¶3. (C) Deputy Minister Ewa Lis approached Ruritania about the debt.")
    assert [m.date for m in between(result, "Jan Kowalski", "Ambassador")] == \
        ["2009-10-12"], meetings(result)
    assert [m.date for m in between(result, "Anna Nowak", "Piotr Zielinski")] == \
        ["2009-10-14"], meetings(result)
    assert not with_party(result, "Ewa Lis"), meetings(result)


def test_conferred_with_a_person_is_a_meeting(extractor: Extractor) -> None:
    """"X conferred with Minister Y", "Z, who conferred briefly with W, ...": a conversation with
    the party after "with"; "conferred with" a government, or power "conferred upon" someone,
    makes none (made-up sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) On October 12, Ambassador Jane Doe conferred with Ruritanian Finance "
                 "Minister Jan Kowalski on the loan review.",
                 "¶2. (C) Anna Nowak, who conferred briefly with Foreign Minister Piotr "
                 "Zielinski on October 14, said the vote would be delayed.",
                 "¶3. (C) Deputy Minister Ewa Lis conferred with the Ruritanian government and "
                 "cited the powers conferred upon her by the constitution.")
    assert [m.date for m in between(result, "Jan Kowalski", "Jane Doe")] == \
        ["2009-10-12"], meetings(result)
    assert [m.date for m in between(result, "Anna Nowak", "Piotr Zielinski")] == \
        ["2009-10-14"], meetings(result)
    assert not with_party(result, "Ewa Lis"), meetings(result)


def test_an_acting_officer_keeps_the_a_slash_prefix(extractor: Extractor) -> None:
    """"A/DCM", "A/DAO": the post's acting officer, another party than the officer the role
    alone names, so the prefix is kept in the party's label (made-up sentences in the cables'
    manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) Ruritanian Defense Chief Jan Kowalski told A/DAO on October 12 that "
                 "the exercise would go ahead.",
                 "¶2. (C) A/DCM spoke with Deputy Minister Anna Nowak October 14.")
    assert [m.date for m in between(result, "Jan Kowalski", "A/DAO")] == ["2009-10-12"], \
        meetings(result)
    assert [m.date for m in between(result, "Anna Nowak", "A/DCM")] == ["2009-10-14"], \
        meetings(result)


def test_the_esth_counselor_and_a_section_deputy_are_the_posts_officers(
        extractor: Extractor) -> None:
    """"(ESTH) Counselor" after the section spelt out, "EST Officer", "Pol Deputy": the post's
    officers named by function, parties of the contact (made-up sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (SBU) On March 3, 2009, Environment, Science, Technology and Health (ESTH) "
                 "Counselor met with Ruritanian Deputy Director Jan Kowalski to discuss fisheries.",
                 "¶2. (C) Post delivered reftel points to key MFA contacts, and Pol Deputy met "
                 "with Anna Nowak, senior policy officer in the MFA, on March 5.",
                 "¶3. (SBU) On March 6, EST Officer also talked to Piotr Zielinski, adviser to "
                 "the Health Minister.")
    assert [m.date for m in between(result, "Jan Kowalski", "ESTH Counselor")] == \
        ["2009-03-03"], meetings(result)
    assert [m.date for m in between(result, "Anna Nowak", "Pol Deputy")] == ["2009-03-05"], \
        meetings(result)
    assert [m.date for m in between(result, "Piotr Zielinski", "EST Officer")] == \
        ["2009-03-06"], meetings(result)


def test_a_meeting_named_by_its_parties_surnames_joined_by_a_hyphen(
        extractor: Extractor) -> None:
    """"the Kowalski-Nowak meeting", "a Nowak-Zielinski call": a contact named by its two
    parties' surnames joined by a hyphen, each the surname of a person the cable names, or
    one of them a surname named nowhere else ("the Kowalski-Brandt dinner": Brandt, a bare
    party); a country pair ("the Ruritania-Freedonia talks"), a place as the other half ("the
    Kowalski-Paris summit") or one person's hyphenated surname ("the Lis-Wolska meeting" of
    Ewa Lis-Wolska) makes none (made-up sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) Ruritanian President Jan Kowalski and Freedonian President Anna Nowak "
                 "signed the border accord on October 12. Foreign Minister Piotr Zielinski and "
                 "Deputy Minister Ewa Lis-Wolska welcomed it.",
                 "¶2. (C) For the Deputy Minister, the most notable result of the Kowalski-Nowak "
                 "meeting was a new border commission. The Nowak-Zielinski call of October 14 "
                 "settled its terms. Kowalski said the Kowalski-Brandt dinner of October 16 "
                 "went well.",
                 "¶3. (C) The Ruritania-Freedonia talks and the Lis-Wolska meeting with the "
                 "press drew little notice, as did the Kowalski-Paris summit.")
    assert between(result, "Jan Kowalski", "Anna Nowak"), meetings(result)
    assert [m.date for m in between(result, "Anna Nowak", "Piotr Zielinski")] == \
        ["2009-10-14"], meetings(result)
    assert [m.date for m in between(result, "Jan Kowalski", "Brandt")] == \
        ["2009-10-16"], meetings(result)
    assert not [m for m in result.meetings if m.number == 3], meetings(result)


def test_a_hyphen_pairs_contact_only_announced_or_called_off_is_marked_planned(
        extractor: Extractor) -> None:
    """"a possible Kowalski-Nowak call", "the aborted Nowak-Zielinski dinner": the pair's
    contact was not held, so its record is marked planned; "the Kowalski-Zielinski meeting"
    without such a word stays a contact held (made-up sentences in the cables' manner)."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) Ruritanian President Jan Kowalski, Freedonian President Anna Nowak "
                 "and Foreign Minister Piotr Zielinski signed the border accord on October 12.",
                 "¶2. (C) The Deputy Minister discussed with us a possible Kowalski-Nowak call on "
                 "the commission.",
                 "¶3. (C) He recalled the aborted Nowak-Zielinski dinner on the margins of the "
                 "summit.",
                 "¶4. (C) The most notable result of the Kowalski-Zielinski meeting was a new "
                 "border commission.")
    assert [m.planned for m in between(result, "Jan Kowalski", "Anna Nowak")] == [True], \
        meetings(result)
    assert [m.planned for m in between(result, "Anna Nowak", "Piotr Zielinski")] == [True], \
        meetings(result)
    assert [m.planned for m in between(result, "Jan Kowalski", "Piotr Zielinski")] == [False], \
        meetings(result)


def test_a_numeric_month_and_day_dates_the_encounter(extractor: Extractor) -> None:
    """The post's "a 10/14 meeting", "on 10/15" and "on 10/16/09" give the day (made-up
    sentences; the cable is of October 20); a press citation's "(Paper, 10/14/09)" and "9/11"
    give none."""
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) The port tender came up in a 10/14 meeting between Minister Anna "
                 "Nowak and the Ambassador. On 10/15, Deputy Minister Jan Kowalski told "
                 "EconOff that the board had agreed.")
    assert [m.date for m in between(result, "Anna Nowak", "Ambassador")] == [
        "2009-10-14"], meetings(result)
    assert [m.date for m in between(result, "Jan Kowalski", "EconOff")] == [
        "2009-10-15"], meetings(result)
    cable = dt.date(2009, 10, 20)
    assert events.find_date("the paper wrote (Daily Herald, 10/14/09).", cable) is None
    assert events.find_date("EconOff called Director Maria Lis on 10/16/09 to ask.",
                            cable) == "2009-10-16"
    assert events.find_date("The Ambassador's 9/28/2009 meeting with Minister Piotr Zielinski "
                            "went well.", cable) == "2009-09-28"
    assert events.find_date("the paper's line on 9/11 was balanced.", cable) is None
