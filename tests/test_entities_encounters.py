"""Encounters read from the dependency parse (`cablescope.entities.encounters`), on sentences of
development cables (tests/data/entities/labels.jsonl), the answers from their labels. The phrase
rules are switched off where a test is about what the parse reads alone. Needs the spaCy model
of the `nlp` extra (loaded offline)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from cablescope.entities import events
from cablescope.entities.extract import Extractor
from cablescope.entities.model import Block, CableContext, CableEntities
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


def test_what_the_cables_writing_says_is_no_person(extractor: Extractor) -> None:
    result = run(extractor, CONVENTIONS,
                 "¶1. (C) Jean Dupont, a manager at REPSOL, said the Houthis had left Saada "
                 "Governorate.")
    names = {m.name for m in result.mentions if m.type == "person"}
    assert "Jean Dupont" in names
    assert not names & {"REPSOL", "Repsol", "Houthis", "Saada Governorate"}, names
