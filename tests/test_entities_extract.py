"""Extraction from single cables: sentences quoted from real cables, with the context (header
fields) those cables carry. Needs the spaCy model of the `nlp` extra (loaded offline)."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import pytest

from cablescope.entities.extract import Extractor
from cablescope.entities.link import link
from cablescope.entities.model import ORG, Block, CableContext, CableEntities, Mention
from cablescope.entities.names import fold, name_key
from cablescope.entities.routing import ref_spans, routing_spans

PARIS_2005 = CableContext(id="05PARIS5335", created="2005-08-04 16:00", origin="Embassy Paris",
                          country="FR", geo_tags=("FR",), signers=("STAPLETON",),
                          classified_by=("Craig R. Stapleton",),
                          classified_by_title="Ambassador")
PARIS_2006 = CableContext(id="06PARIS5975", created="2006-09-06 15:03", origin="Embassy Paris",
                          country="FR", geo_tags=("EU", "FR"), signers=("STAPLETON",),
                          classified_by=("Craig Stapleton",), classified_by_title="Ambassador")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def made_up_paris(serial: int) -> CableContext:
    """A made-up Paris cable of 2008 for a test's own text (08PARIS<serial>)."""
    return CableContext(id=f"08PARIS{serial}", created="2008-03-02 10:00",
                        origin="Embassy Paris", country="FR")


def made_up_oslo(serial: int) -> CableContext:
    """A made-up Oslo cable of 2008 for a test's own text (08OSLO<serial>)."""
    return CableContext(id=f"08OSLO{serial}", created="2008-03-02 10:00",
                        origin="Embassy Oslo", country="NO")


def run(extractor: Extractor, ctx: CableContext, *paragraphs: str) -> CableEntities:
    blocks: Sequence[Block] = [Block(i + 1, i + 1, p) for i, p in enumerate(paragraphs)]
    return extractor.extract(ctx, blocks)


def model_body(ctx: CableContext, text: str, start: int, words: str) -> str | None:
    """What the rules make of the model reading `words`, at `start` of a one-paragraph cable's
    `text`, as a body: the mention's type, or None where it is no mention."""
    from cablescope.entities.extract import _mention
    from cablescope.entities.spans import Span, Vocabulary

    span = Span(1, start, start + len(words), "org", "ner", 2)
    found = _mention(span, (Block(1, 1, text), text), ctx, Vocabulary())
    return found.type if found else None


def people(result: CableEntities) -> set[str]:
    return {m.name for m in result.mentions if m.type == "person"}


def written_as(result: CableEntities) -> list[tuple[str, str]]:
    """Each person mention as (what the cable writes, whom it names)."""
    return [(m.text, m.name) for m in result.mentions if m.type == "person"]


def cleaned(kind: str, text: str, words: str) -> str:
    """What `spans._clean` makes of a model span of `kind` over `words` (kept as that kind),
    whitespace normalised."""
    from cablescope.entities.spans import Vocabulary, _clean

    start = text.index(words)
    kept, a, b, _title = _clean(kind, text, start, start + len(words), Vocabulary())
    assert kept == kind
    return " ".join(text[a:b].split())


def read_as(text: str, words: str, model_kind: str = ORG) -> str | None:
    """The kind `spans._clean` keeps a model span of `model_kind` over `words` as (None:
    dropped)."""
    from cablescope.entities.spans import Vocabulary, _clean

    start = text.index(words)
    return _clean(model_kind, text, start, start + len(words), Vocabulary())[0]


def test_meeting_with_titles_and_the_ambassador(extractor: Extractor) -> None:
    result = run(extractor, PARIS_2005,
                 "¶1.  (C) SUMMARY.  Ambassador Stapleton and National Economic\n"
                 "Council Director Allan Hubbard met with Interior Minister\n"
                 "Nicolas Sarkozy on August 1.  Sarkozy expressed his\n"
                 "admiration for President Bush.")
    assert {"Craig R. Stapleton", "Allan Hubbard", "Nicolas Sarkozy", "Bush"} <= people(result)
    sarkozy = [m for m in result.mentions if m.text == "Sarkozy"]
    assert sarkozy and all(m.name == "Nicolas Sarkozy" for m in sarkozy)
    assert "surname of Nicolas Sarkozy" in (sarkozy[0].link or "")
    titled = next(m for m in result.mentions if m.text == "Nicolas Sarkozy")
    assert titled.title == "Interior Minister"
    (meeting,) = result.meetings
    assert meeting.date == "2005-08-01" and meeting.date_source == "text"
    parties = {p.label for p in meeting.participants}
    assert parties == {"Craig R. Stapleton", "Allan Hubbard", "Nicolas Sarkozy"}
    orgs = {m.name for m in result.mentions if m.type == "org"}
    # This paragraph writes the council only as the modifier of a named person's title, which
    # the labels do not count (tests/data/entities/README.md, relabel7's convention).
    assert "National Economic Council" not in orgs and "Embassy Paris" in orgs
    assert "Interior" not in orgs  # the model's guess for "Interior Minister"


def test_told_the_ambassador_is_a_dated_meeting_and_quotes_are_attributed(
        extractor: Extractor) -> None:
    result = run(extractor, PARIS_2006,
                 "¶1. (C) Summary: Interior Minister Nicolas Sarkozy told Ambassador September 5 "
                 "he was “proud and honored” to be meeting with President Bush on September 12. "
                 "He shrugged off the challenge Socialist Party frontrunner Segolene Royal might "
                 "pose. “She doesn’t bother me,” he said, while also underlining his conviction "
                 "that the election would be very, very close.")
    meeting = next(m for m in result.meetings if not m.planned)
    assert meeting.date == "2006-09-05"
    assert {p.label for p in meeting.participants} == {"Nicolas Sarkozy", "Craig Stapleton"}
    assert next(p for p in meeting.participants if p.label == "Craig Stapleton").role == \
        "Ambassador"
    planned = next(m for m in result.meetings if m.planned)
    assert planned.date == "2006-09-12"
    assert {p.label for p in planned.participants} == {"Nicolas Sarkozy", "Bush"}
    quote = next(q for q in result.quotes if q.text.startswith("She doesn"))
    assert result.mentions[quote.speaker].name == "Nicolas Sarkozy"
    assert "Segolene Royal" in people(result)
    # The party is written here only as the modifier of a named person's title, which the labels
    # do not count (tests/data/entities/README.md, relabel7's convention); a party's name with
    # its host country is asserted on a party written on its own, in the test below.
    assert not any(m.text == "Socialist Party" for m in result.mentions)


def test_a_party_written_on_its_own_is_named_with_its_host_country(
        extractor: Extractor) -> None:
    """A party named after its kind ("the Labour Party") is the host country's (made-up)."""
    oslo = made_up_oslo(9989)
    result = run(extractor, oslo, "The Labour Party will name its candidate in May.")
    party = next(m for m in result.mentions if m.text == "Labour Party")
    assert party.name == "Labour Party (Norway)"


def test_a_party_written_as_its_members_plural_is_a_body(extractor: Extractor) -> None:
    """A party written only as its members' capitalised plural ("the Socialists", "Agrarian
    Socialists") is a body, named as written, with a word of its name before it but not a
    nationality; not a plural right before a title's word and a name (made-up)."""
    oslo = made_up_oslo(9967)
    result = run(extractor, oslo,
                 "¶1. (C) In the harbour vote the Socialists lost two seats, while the Agrarian "
                 "Socialists and the Danish Socialists gained one each. Socialists "
                 "floorleader Jan Kowalski said little.")
    bodies = sorted((m.text, m.start) for m in result.mentions
                    if m.type == "org" and m.text and "Socialists" in m.text)
    assert [text for text, _start in bodies] == ["Agrarian Socialists", "Socialists",
                                                "Socialists"]
    assert "Jan Kowalski" in people(result)
    # one body with the party the cable writes out; the plural alone opening a sentence is none
    result = run(extractor, made_up_oslo(9966),
                 "¶1. (C) The Agrarian Socialist Party held its congress. Socialists won a "
                 "majority of the harbour board's seats, and the Agrarian Socialists gained two.")
    assert [m.name for m in result.mentions if m.type == "org" and m.text
            and "Socialist" in m.text] == ["Agrarian Socialist Party"] * 2


def test_the_government_alone_is_the_hosts(extractor: Extractor) -> None:
    """"The Government" capitalised and alone is the host's government (made-up); not a body
    named after it, nor in a Washington cable, which has no host."""
    oslo = made_up_oslo(9978)
    result = run(extractor, oslo,
                 "¶1. (C) The Government will publish its harbour plan, Jan Kowalski said, and "
                 "the Government Harbour Office will review it.")
    governments = [m for m in result.mentions if m.type == "org" and m.text == "Government"]
    assert [m.name for m in governments] == ["Government (Norway)"]
    washington = CableContext(id="08STATE9978", created="2008-03-02 10:00",
                              origin="Secretary of State")
    result = run(extractor, washington, "¶1. (C) The Government will publish its harbour plan.")
    assert not [m for m in result.mentions if m.type == "org" and m.text == "Government"]


def test_a_department_cable_calls_the_one_post_it_is_sent_to_post(extractor: Extractor) -> None:
    """"Post", "the Embassy" in a Department cable whose TO / INFO lines address one post are
    that post (made-up); not a post with its city or another country's word, a paper, a
    compound, a paragraph in capitals, nor when the lines address two posts."""
    to_oslo = CableContext(id="08STATE9976", created="2008-03-02 10:00",
                           origin="Secretary of State",
                           addressees=("AMEMBASSY OSLO", "CIA WASHINGTON DC"))
    text = ("¶1. (C) Post will hand the harbour note to the Harbour Ministry, and the Embassy "
            "may send Post's reading of it. The Ruritanian Embassy, the U.S. Embassy in Bergen, "
            "Embassy Copenhagen and the Springfield Post wrote of the Post-war harbour.")
    posts = [(m.text, m.name) for m in run(extractor, to_oslo, text).mentions
             if m.type == ORG and m.name == "Embassy Oslo"]
    assert posts == [("Post", "Embassy Oslo"), ("Embassy", "Embassy Oslo"),
                     ("Post", "Embassy Oslo")]
    caps = run(extractor, to_oslo, "¶1. (C) HARBOUR READERS LIKED POST'S NOTE AND WILL ASK THE "
               "EMBASSY FOR MORE ON THE HARBOUR MINISTRY.")  # labelled in some sets, not others
    assert not [m for m in caps.mentions if m.name == "Embassy Oslo"]
    to_two = CableContext(id="08STATE9975", created="2008-03-02 10:00",
                          origin="Secretary of State",
                          addressees=("AMEMBASSY OSLO", "AMCONSUL BERGEN"))
    assert not [m for m in run(extractor, to_two, text).mentions
                if m.type == ORG and m.text in ("Post", "Embassy")]


def test_the_government_after_a_party_word_or_next_is_the_hosts(extractor: Extractor) -> None:
    """"The Liberal Government", "the new Government": the host's government (made-up); not a
    level of government ("the Federal Government")."""
    oslo = made_up_oslo(9977)
    result = run(extractor, oslo,
                 "¶1. (C) Jan Kowalski said the Liberal Government would delay the harbour plan "
                 "until the new Government took office.")
    governments = [m for m in result.mentions if m.type == "org" and "Government" in m.text]
    assert [(m.text, m.name) for m in governments] == [
        ("Liberal Government", "Government (Norway)"), ("Government", "Government (Norway)")]
    result = run(extractor, made_up_oslo(9976),
                 "¶1. (C) Jan Kowalski said the Federal Government would delay the harbour plan.")
    assert not [m for m in result.mentions if m.type == "org" and "Government" in m.text]


def test_a_party_word_before_a_lower_case_government_is_the_hosts(
        extractor: Extractor) -> None:
    """"The Labour government", "a future Conservative government": the host's government
    (made-up); not "the government" alone, nor a government "of" another place."""
    result = run(extractor, made_up_oslo(9975),
                 "¶1. (C) Jan Kowalski said the Labour government would delay the harbour plan, "
                 "which a future Conservative government would revive; the government said "
                 "nothing, and the Labour government of the province was silent.")
    governments = [m for m in result.mentions if m.type == "org" and "overnment" in m.text]
    assert [(m.text, m.name) for m in governments] == [
        ("Labour government", "Government (Norway)"),
        ("Conservative government", "Government (Norway)")]


def test_a_titled_surname_stays_apart_from_a_namesake(extractor: Extractor) -> None:
    ankara = CableContext(id="09ANKARA321", created="2009-02-27 15:03", origin="Embassy Ankara",
                          country="TU")
    result = run(extractor, ankara,
                 "The owner of SOM Petrol is Sitki Ayan, a good friend of PM Erdogan. Ayan is in "
                 "the PM's circle of friends including Mustafa Erdogan (PM's brother).")
    names = written_as(result)
    assert ("Erdogan", "Erdogan") in names
    assert ("Mustafa Erdogan", "Mustafa Erdogan") in names
    assert ("Ayan", "Sitki Ayan") in names


def test_a_titled_surname_joins_the_full_name_of_that_office_written_later(
        extractor: Extractor) -> None:
    ctx = made_up_paris(4471)
    result = run(extractor, ctx,
                 "Justice Minister Varga told the Ambassador on March 3 that the bill would pass.",
                 "Minister of Interior and Justice Karol Varga added that U/S Molnar would visit.",
                 "Under Secretary for Trade Policy Ede Molnar arrives May 2. Deputy Minister "
                 "Horvath and Minister Lajos Horvath, his uncle, will not attend.")
    names = written_as(result)
    assert ("Varga", "Karol Varga") in names
    assert ("Molnar", "Ede Molnar") in names
    assert ("Horvath", "Horvath") in names  # a deputy's rank: not the minister's office


def test_a_titled_surname_joins_a_later_untitled_full_name_unless_a_kinship_word_is_beside(
        extractor: Extractor) -> None:
    ctx = made_up_paris(4472)
    result = run(extractor, ctx,
                 "PM Kowalski told the Ambassador on March 3 that the harbour bill would pass.",
                 "Jan Kowalski added that the vote would come in May.",
                 "Minister Nowak was not present. Piotr Nowak, the minister's son, runs a "
                 "shipping firm in the capital.")
    names = written_as(result)
    assert ("Kowalski", "Jan Kowalski") in names
    assert ("Nowak", "Nowak") in names  # a son's full name: a relative, not the minister


def test_a_form_value_run_on_into_the_next_label_is_cut(extractor: Extractor) -> None:
    oslo = CableContext(id="07OSLO385", created="2007-03-02 10:00", origin="Embassy Oslo",
                        country="NO")
    result = run(extractor, oslo,
                 "(U) As the Department asked (reftel), here is biodata for post's \n"
                 "nominee: \nName in full:  Erik Lars Haugland \nBirth date and place:  May 2, "
                 "1951 in Bergen, Norway \nNationality:  Norwegian \n")
    assert "Erik Lars Haugland" in people(result)
    assert not any("Birth" in name for name in people(result))


def test_a_form_label_before_a_date_is_no_person(extractor: Extractor) -> None:
    state = CableContext(id="10STATE14321", created="2010-02-12 10:00",
                         origin="Secretary of State", country="US")

    def entry(name: str, unit: str, course: str, start: str) -> str:
        return (f"\n Name: {name} \n Rank: CAPTAIN \n Unit/Service: {unit} \n"
                f" Course: {course} \n Opening Date: {start}/2010 \n Closing Date: 6/27/2010 \n"
                "  \n")

    result = extractor.extract(state, [Block(1, 2, (
        "(U) Post requests vetting of the following officers of Ruritania for training: \n"
        + entry("JAN TOMASZ KOWALSKI", "COAST GUARD", "MARITIME SEARCH AND RESCUE", "3/29")
        + entry("PIOTR NOWAK ZIELINSKI", "NAVAL FORCES", "TRANSPORTATION BASIC OFFICER", "3/2")
        + entry("ERIK LARS HAUGLAND", "AIR DEFENSE", "HAWK SYSTEM UPDATE", "2/22")))])
    assert not {"Opening Date", "Opening", "Date", "Closing Date"} & people(result)
    assert "Erik Lars Haugland" in people(result)


def test_acronyms_defined_in_the_cable_join_their_long_form(extractor: Extractor) -> None:
    result = run(extractor, PARIS_2006,
                 "¶2. (C) Sarkozy recalled a campaign speech before eight thousand Union for a "
                 "Popular Movement (UMP) party supporters.",
                 "¶4. (C) He pointed to his unification of the UMP party.")
    keys = {m.key for m in result.mentions
            if m.type == "org" and ("UMP" in m.text or "Union" in m.text)}
    assert keys == {"union for a popular movement"}


def test_roles_resolve_to_the_classifying_officer_or_stay_roles(extractor: Extractor) -> None:
    result = run(extractor, PARIS_2006,
                 "¶3. (C) Sarkozy and the Ambassador discussed the importance of informal "
                 "contacts. PolOff later met with Sarkozy Chief of Staff Claude Gueant.")
    ambassador = next(m for m in result.mentions if m.text == "Ambassador")
    assert ambassador.type == "person" and ambassador.name == "Craig Stapleton"
    assert "Classified By Ambassador Craig Stapleton" in (ambassador.link or "")
    poloff = next(m for m in result.mentions if m.text == "PolOff")
    assert poloff.type == "role" and poloff.key == "role:poloff|embassy paris"
    assert any({p.label for p in m.participants} == {"PolOff", "Claude Gueant"}
               for m in result.meetings)


def test_the_posts_public_affairs_officer_is_a_role_not_a_body(extractor: Extractor) -> None:
    """"PAO" in a cable's text is the post's Public Affairs Officer, one of its officers like
    "RSO" or "DAO", never a body the cable names (made-up text)."""
    result = run(extractor, made_up_paris(934),
                 "¶2. (SBU) Students of the Ruritanian Harbour Academy told PAO that the press "
                 "law was unfair. Instead, the Embassy's PAO continued the discussion.")
    assert "PAO" not in {m.text for m in result.mentions if m.type == "org"}
    assert {m.type for m in result.mentions if m.text == "PAO"} == {"role"}


def test_the_posts_section_chiefs_and_fraud_manager_are_roles(extractor: Extractor) -> None:
    """"Pol/C", "Econ/C" (the post's political and economic section chiefs) and "FPM" (its
    Fraud Prevention Manager) are the post's officers by function, like "RSO" or "PAO": roles,
    never a body or a person (made-up text)."""
    result = run(extractor, made_up_paris(935),
                 "¶2. (C) Harbour Director Jan Kowalski told Pol/C and Poloff on June 11 that the "
                 "port would reopen. Econ/C met March 5 with the Ruritanian Grain Board.",
                 "¶3. (SBU) The FPM and the A/RSO-I interviewed two applicants. The FPM "
                 "reviews every referral with the consular section.")
    for form in ("Pol/C", "Econ/C", "FPM"):
        assert form not in {m.text for m in result.mentions if m.type in ("org", "person")}
        assert {m.type for m in result.mentions if m.text == form} == {"role"}


def test_the_fraud_prevention_manager_and_pol_mil_officer_are_roles(extractor: Extractor) -> None:
    """The post's Fraud Prevention Manager spelt out, and its political-military officer written
    with a slash ("Pol/MilOff", "Pol/EconOff"), are the post's officers like "FPM" and
    "PolMilOff": roles, never a body (made-up text)."""
    result = run(extractor, made_up_paris(936),
                 "¶2. (SBU) A consular officer referred the case to the Fraud Prevention Manager "
                 "(FPM). The Fraud Prevention Manager then called the Ruritanian Harbour Ministry.",
                 "¶3. (C) Harbour Director Jan Kowalski told Pol/MilOff on June 11 that the port "
                 "would reopen. He later told Pol/EconOff the same.")
    orgs = {m.text for m in result.mentions if m.type == "org"}
    for form in ("Fraud Prevention Manager", "Pol/MilOff", "Pol/EconOff"):
        assert form not in orgs
        assert {m.type for m in result.mentions if m.text == form} == {"role"}


def test_routing_and_redacted_sources(extractor: Extractor) -> None:
    dublin = CableContext(id="04DUBLIN1739", created="2004-12-02 12:12", origin="Embassy Dublin",
                          country="EI", signers=("KENNY",), classified_by=("JONATHAN BENTON",),
                          classified_by_title="DCM")
    header = ("S E C R E T DUBLIN 001739\n\nSIPDIS\n\nE.O. 12958: DECL: 12/01/2014\n"
              "TAGS: MOPS PINR PREL\nSUBJECT: SHANNON: GOI UNDER PRESSURE BUT NO CHANGE IN "
              "POLICY\n\nClassified By: DCM JONATHAN BENTON FOR REASONS 1.4 B AND D\n\n")
    body = ("¶1. (S) DCM met with XXXXXXXXXXXX issues surrounding U.S. use of Shannon airport. "
            "XXXXXXXXXXXX cited this allegation as both politically and legally difficult for "
            "the GOI. KENNY")
    result = extractor.extract(dublin, [Block(0, None, header), Block(1, 1, body)])
    assert {"Jonathan Benton", "Kenny"} <= people(result)
    (meeting,) = result.meetings
    assert {p.label for p in meeting.participants} == {"Jonathan Benton", "(redacted source)"}
    assert "Government (Ireland)" in {m.name for m in result.mentions if m.type == "org"}


def test_extraction_never_needs_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network used during extraction")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    offline = Extractor()  # loads the model from the installed package
    result = run(offline, PARIS_2005, "¶1. (C) Ambassador Stapleton met with Interior Minister "
                 "Nicolas Sarkozy on August 1.")
    assert "Nicolas Sarkozy" in people(result) and result.meetings


def test_a_contact_the_text_dates_by_its_month_carries_the_month(extractor: Extractor) -> None:
    harare = CableContext(id="09HARARE51", created="2009-01-23 09:09", origin="Embassy Harare",
                          country="ZI")
    result = run(extractor, harare,
                 "¶1. (SBU) In mid-January, a local chief in the diamond rich \n"
                 "and violence-ridden XXXXXXXXXXXX  \n"
                 "informed us of the Zimbabwean military's intention to \n"
                 "displace as many as 25,000 villagers from their homes XXXXXXXXXXXX.")
    (meeting,) = result.meetings
    assert {p.label for p in meeting.participants} == {"(redacted source)", "EmbOff"}
    assert (meeting.date, meeting.date_source) == ("2009-01", "text")  # the labels' date


def test_a_lower_case_redaction_is_a_redacted_source(extractor: Extractor) -> None:
    # Some posts' cables write their redactions in lower case ("xxxxxxxxxxxx", "xxxxx"): the
    # same source as "XXXXXXXXXXXX", told or telling.
    for text in ("¶1. (C) xxxxxxxxxxxx told PolOff on February 12 that the harbour levy would "
                 "rise before the summer.",
                 "¶1. (C) PolOff met xxxxx on February 12 to discuss the harbour levy."):
        (meeting,) = run(extractor, made_up_oslo(41), text).meetings
        assert {p.label for p in meeting.participants} == {"(redacted source)", "PolOff"}
        assert meeting.date == "2008-02-12"


def test_the_day_of_a_followed_up_contact_is_not_the_meeting_s(extractor: Extractor) -> None:
    # The day written in what a meeting follows up on is the earlier contact's; the meeting's
    # own day, further from its verb, dates it.
    for text in ("¶1. (C) Following up on our demarche to the Harbour Ministry on January 28, "
                 "PolOff met with Harbour Director Jan Storvik, the head of the port board, on "
                 "February 12 to discuss the levy.",
                 "¶1. (C) On February 12, PolOff followed up on a January 28 demarche by paying "
                 "a call on Harbour Minister Jan Storvik."):
        (meeting,) = run(extractor, made_up_oslo(42), text).meetings
        assert {p.label for p in meeting.participants} == {"PolOff", "Jan Storvik"}
        assert meeting.date == "2008-02-12"


# The development cables have no sentence of the shapes below; these are written for the test in
# the cables' style (no cable's text), one per convention the meeting rules read.
CONVENTIONS = CableContext(id="09XXXX1", created="2009-10-20 12:00", origin="Embassy Paris",
                           country="FR")


@pytest.mark.parametrize(("sentence", "parties", "date"), [
    ("¶1. (C) We demarched Foreign Minister Bernard Kouchner on March 3 on the vote.",
     {"EmbOff", "Bernard Kouchner"}, "2009-03-03"),
    ("¶1. (C) During a discussion with EconOff, Finance Minister Christine Lagarde said rates "
     "would rise.", {"EconOff", "Christine Lagarde"}, "2009-10-20"),
    ("¶1. (C) Bernard Kouchner, who is also Minister of Foreign and European Affairs, met with "
     "Hillary Clinton in early September.", {"Bernard Kouchner", "Hillary Clinton"}, "2009-09"),
    ("¶1. (C) Christine Lagarde said she came away from her meeting with Prime Minister "
     "Francois Fillon with few commitments.", {"Christine Lagarde", "Francois Fillon"},
     "2009-10-20"),
    ("¶1. (C) Minister Christine Lagarde visited Berlin with Francois Fillon. Lagarde spoke "
     "there. She also met with Angela Merkel.", {"Christine Lagarde", "Angela Merkel"},
     "2009-10-20"),
    ("¶1. (C) Charge passed the points to the head of the MFA's office for Asia, Mr. Jan van "
     "der Berg, on October 2.", {"Charge d'Affaires", "Jan van der Berg"}, "2009-10-02"),
    ("¶1. (C) Finance Minister Christine Lagarde told Consul General on October 8 that banks "
     "were sound.", {"Christine Lagarde", "Consul General"}, "2009-10-08"),
    ("¶1. (C) Chancellor Angela Merkel will call Nicolas Sarkozy after the summit.",
     {"Nicolas Sarkozy", "Angela Merkel"}, "2009-10-20"),
])
def test_meeting_conventions(extractor: Extractor, sentence: str, parties: set[str],
                             date: str) -> None:
    result = run(extractor, CONVENTIONS, sentence)
    found = [({p.label for p in m.participants}, m.date) for m in result.meetings]
    assert (parties, date) in found, (found, [(m.type, m.text) for m in result.mentions])


def test_the_department_the_fco_and_another_countrys_mission(extractor: Extractor) -> None:
    madrid = CableContext(id="05MADRID3302", created="2005-09-20 12:00", origin="Embassy Madrid",
                          country="SP")
    result = run(extractor, madrid,
                 "¶1. (C) Telstar was told that, were the sanctions lifted, any Telstar sales to "
                 "Iran would lead to the\nDepartment reimposing sanctions.")
    assert "Department of State" in {m.name for m in result.mentions if m.type == "org"}
    london = CableContext(id="09LONDON1310", created="2009-05-27 12:00", origin="Embassy London",
                          country="UK")
    result = run(extractor, london,
                 "1.(S/NF) We passed reftel demarche to the UK's Treasury (HMT) and Foreign "
                 "Office (FCO) and pressed the UK to investigate XXXXXXXXXXXX. HMT promised to "
                 "do so, coordinating with FCO and UK Revenue and Customs.")
    offices = {(m.text, m.name) for m in result.mentions if m.type == "org" and "O" in m.text}
    assert {name for _t, name in offices if "Foreign" in name} == {
        "Foreign Office (United Kingdom)"}, offices  # one body, however written
    result = run(extractor, london, "1.(C) The Dutch Embassy in Rome told us the same.")
    assert "Dutch Embassy in Rome" in {m.name for m in result.mentions if m.type == "org"}


def test_an_acronym_the_cable_defines_is_its_own_body_not_the_lexicons(
        extractor: Extractor) -> None:
    """"the Harbour and Commonwealth Fisheries Office (FCO) ... the FCO": the cable's own
    definition names every use of the acronym, not the lexicon's expansion (made-up text)."""
    london = CableContext(id="09LONDON9999", created="2009-05-27 12:00", origin="Embassy London",
                          country="UK")
    result = run(extractor, london,
                 "1.(C) Poloff met officials of the Harbour and Commonwealth Fisheries Office "
                 "(FCO) on May 3. The FCO said it would reply within a week.")
    named = {m.name for m in result.mentions if m.type == "org" and m.text == "FCO"}
    assert named == {"Harbour and Commonwealth Fisheries Office"}, named


def orgs(result: CableEntities) -> set[str]:
    return {m.name for m in result.mentions if m.type == "org"}


def test_a_body_of_the_un_is_one_organisation(extractor: Extractor) -> None:
    # 09NEWDELHI2342 ¶6 (development): the labels name "UN General Assembly" (alias UNGA) and
    # "UN Security Council", not "United Nations" plus a "General Assembly" of nobody.
    new_delhi = CableContext(id="09NEWDELHI2342", created="2009-11-17 12:00",
                             origin="Embassy New Delhi", country="IN")
    result = run(extractor, new_delhi,
                 "¶6. (C) Comment: The Indian Government is likely to remain inflexible on its "
                 "UN voting strategy through the 64th UN General Assembly. India would support "
                 "a candidacy for a non-permanent seat during October 2010 UN Security Council "
                 "elections. End Comment.")
    found = orgs(result)
    assert {"United Nations General Assembly", "United Nations Security Council"} <= found
    assert "General Assembly" not in found and "Security Council" not in found
    # 09BRASILIA1280 (development): a body the cable defines keeps its definition ("HRC")
    brasilia = CableContext(id="09BRASILIA1280", created="2009-10-23 12:00",
                            origin="Embassy Brasilia", country="BR")
    result = run(extractor, brasilia,
                 "¶3. (C) Silva replied that these matters are properly handled in the UN Human "
                 "Rights Council (HRC) with a universal periodic review. Brazil supported the "
                 "resolution in the HRC.")
    assert "Human Rights Council" in orgs(result)
    assert "United Nations Human Rights Council" not in orgs(result)


def test_the_un_written_only_before_a_longer_name_is_not_named(extractor: Extractor) -> None:
    """The abbreviation "UN" as the first word of a longer name names no United Nations (the
    labels leave a body out that is written only inside a longer name), while the model's
    reading of that longer name still loses to it; "UN" before lower-case words, punctuation or
    "and" stays a mention (made-up text)."""
    only_inside = run(extractor, made_up_oslo(7101),
                      "1. (C) Ruritanian officials discussed the UN Widget Council's review of "
                      "harbour tariffs with Poloff on May 3. They expect the UN Widget Charter to "
                      "be amended next year.")
    found = orgs(only_inside)
    assert "United Nations" not in found, found
    assert not any(name.startswith(("UN ", "United Nations Widget Ch")) for name in found), found
    written_alone = run(extractor, made_up_oslo(7102),
                        "1. (C) Ruritanian officials said the UN sanctions on harbour tariffs "
                        "would stay. They asked the UN and the Widget Council for advice.")
    assert "United Nations" in orgs(written_alone)


def test_newspapers_the_model_calls_people_are_bodies(extractor: Extractor) -> None:
    # 05SANJOSE2689 ¶4 (development): the labels count "La Nacion" as an organisation.
    san_jose = CableContext(id="05SANJOSE2689", created="2005-11-01 12:00",
                            origin="Embassy San Jose", country="CS")
    result = run(extractor, san_jose,
                 "¶4. Estimates on the size of the crowd have varied widely. Influential daily "
                 "newspaper La Nacion offered a graphical analysis of crowd density.")
    assert "La Nacion" in orgs(result) and "La Nacion" not in people(result)
    # A press review's dated citation (made up, in the manner of the cables' media reports):
    # every name in the bracket is a source, wherever else the cable names it.
    cairo = CableContext(id="09XXXX2", created="2009-09-28 12:00", origin="Embassy Cairo",
                         country="EG")
    result = run(extractor, cairo,
                 "¶3. (U) The Minister of Irrigation said the project would start next year "
                 "(Al Daily Star, Al Balad Al Youm, 9/23/2009).",
                 "¶4. (U) Al Balad Al Youm reports that the committee met twice "
                 "(Al Nahar Net 9/27/09).")
    assert {"Al Daily Star", "Al Balad Al Youm", "Al Nahar Net"} <= orgs(result)
    assert not {"Al Daily Star", "Al Balad Al Youm"} & people(result)


def test_a_citation_of_the_press_as_a_whole_is_no_body(extractor: Extractor) -> None:
    # Made up, in the manner of the cables' media reports: "(All newspapers, date)" cites the
    # press as a whole, no newspaper; a named paper in the same bracket is still a source.
    harbour = CableContext(id="09XXXX3", created="2009-08-05 12:00", origin="Embassy Cairo",
                           country="EG")
    result = run(extractor, harbour,
                 "¶2. (U) The Minister of Harbours said tariffs on Ruritanian ferries would "
                 "fall next year (All newspapers, 8/4/2009).",
                 "¶3. (U) The port authority approved two new piers "
                 "(All local newspapers, Al Harbour Star, 8/3/2009).")
    found = orgs(result)
    assert "Al Harbour Star" in found
    assert not {"All newspapers", "All local newspapers"} & found


@pytest.mark.parametrize(("header", "person"), [
    # 10SANAA19 (development; labels: A. MacDonald alias AMACDONALD, M. Humphrey)
    ("S E C R E T SANAA 000019\n\nSIPDIS\n\nDEPT FOR NEA/ARP AMACDONALD AND ISN/NESS MHUMPHREY"
     "\n\nEO 12958 DECL: 01/08/2020\n", "M. Humphrey"),
    # 10CAIRO68 (development; labels: S. Franceski)
    ("C O N F I D E N T I A L CAIRO 000068\n\nSENSITIVE\nSIPDIS\n\nDEPT FOR NEA/ELA\nDEPT "
     "PLEASE PASS TO USTR/SFRANCESKI AND GSTRICKLER\n\nE.O. 12958: DECL: 01/12/2020\n",
     "S. Franceski"),
    # an addressee, a dash and the officer (the form of a few San Jose and Panama headers)
    ("UNCLAS SAN JOSE 000123\n\nSIPDIS\n\nUSTR WASHINGTON DC - JDOE,\nDEPT OF TREASURY - "
     "JANE ROE\n\nE.O. 12958: N/A\n", "J. Doe"),
])
def test_a_routing_officer_written_with_the_initial_glued(extractor: Extractor, header: str,
                                                           person: str) -> None:
    ctx = CableContext(id="10XXXX3", created="2010-01-12 12:00", origin="Embassy Cairo",
                       country="EG")
    result = extractor.extract(ctx, [Block(0, None, header),
                                     Block(1, 1, "¶1. (U) Nothing to report.")])
    assert person in people(result)
    assert "Amacdonald" in people(result) or "AMACDONALD" not in header  # a name can start so


def test_a_routing_office_is_no_person() -> None:
    header = ("UNCLAS STATE 000123\n\nSIPDIS\n\nDEPT OF JUSTICE - PASS TO ATF INTERNATIONAL "
              "AFFAIRS (J. ROWE)\n\nE.O. 12958: N/A\n")
    found = {(s.type, header[s.start:s.end]) for s in routing_spans(0, header)}
    assert ("person", "J. ROWE") in found and ("org", "DEPT OF JUSTICE") in found
    assert not any("AFFAIRS" in text for _t, text in found)


def test_a_collective_passed_to_is_no_person() -> None:
    """"DEPT PASS TO ABC COLLECTIVE": the posts addressed as one are no officer; a name
    passed to stays (made-up)."""
    header = ("UNCLAS RURITANIA 000123\n\nSIPDIS\n\nDEPT PASS TO ABC COLLECTIVE\n"
              "STATE PASS XYZ COLLECTIVE\nDEPT PASS TO JKOWALSKI\n\nE.O. 12958: N/A\n")
    found = {header[s.start:s.end] for s in routing_spans(0, header) if s.type == "person"}
    assert "COLLECTIVE" not in found and "JKOWALSKI" in found, found


def test_an_office_routed_to_before_its_officers_is_no_person() -> None:
    """"DEPT FOR ABCD (AMBASSADOR NOWAK AND ...)", "ENERGY FOR WXYZ - ...", "OSD FOR XYZ-NATO":
    an office's letters after "FOR", before its officers or joined to its section by a hyphen,
    are no person; the officers, a long surname after "FOR" and "INR-ROWE" stay (made-up)."""
    header = ("UNCLAS RURITANIA 000123\n\nSIPDIS\n\nDEPT FOR ABCD (AMBASSADOR NOWAK AND "
              "KOWALSKI), NEA/ELA FOR ZIELINSKI,\nDEPARTMENT OF ENERGY FOR WXYZ - BRANTLEY\n"
              "OSD FOR XYZ-NATO\nDEPT FOR QRS-TUV\nUSDA FOR KOWALCZYK - ROME\n"
              "DEPT FOR INR-ROWE\n\nE.O. 12958: N/A\n")
    found = {header[s.start:s.end] for s in routing_spans(0, header) if s.type == "person"}
    assert not {"ABCD", "WXYZ", "XYZ-NATO", "QRS-TUV"} & found, found
    assert {"NOWAK", "ZIELINSKI", "BRANTLEY", "KOWALCZYK", "INR-ROWE"} <= found, found


def test_an_office_written_with_the_us_prefix_is_no_person() -> None:
    """"USXYZCOM", "USDEL", "USOFFICE [CITY]": an American office with the "US" prefix is no
    person, nor the seat after it; the officer after one ("USQRS JKOWALSKI") and the names
    after a listed addressee ("USTR NOWAK") stay (made-up)."""
    header = ("UNCLAS RURITANIA 000123\n\nSIPDIS\n\nSTATE FOR ABC/DEF; USXYZCOM ALSO FOR POLAD\n"
              "OSLO FOR AMBASSADOR ZIELINSKI AND USDEL\nDEPT PASS TO USOFFICE WESTHAVEN\n"
              "DEPT PASS TO USQRS JKOWALSKI\nDEPT PASS TO USTR NOWAK\n\nE.O. 12958: N/A\n")
    found = {header[s.start:s.end] for s in routing_spans(0, header) if s.type == "person"}
    assert not {"USXYZCOM", "USDEL", "USOFFICE WESTHAVEN", "WESTHAVEN"} & found, found
    assert {"ZIELINSKI", "JKOWALSKI", "NOWAK"} <= found, found


def test_every_officer_at_the_end_of_an_office_path_is_a_person() -> None:
    """"USDOC FOR 1234/ABC/XYZ/JKOWALSKI/ANOWAKOWA/MZIEL": the officers' glued names ending an
    office path are each a person, not the last one only, and "XYZ/PRQ JBRANTLEY/TSTROM" is
    no next route's office; a four-letter part is an office's letters (made-up)."""
    header = ("UNCLAS RURITANIA 000123\n\nSIPDIS\n\nUSDOC FOR 1234/ABC/XYZ/JKOWALSKI/ANOWAKOWA/"
              "MZIEL\nSTATE FOR XYZ/PRQ JBRANTLEY/TSTROM STATE FOR ABC/DEF WPOLE\n"
              "DEA FOR NQIE/ZIELINSKI\n\nE.O. 12958: N/A\n")
    found = {(header[s.start:s.end], s.name) for s in routing_spans(0, header)
             if s.type == "person"}
    assert {("JKOWALSKI", "J. KOWALSKI"), ("ANOWAKOWA", None), ("MZIEL", "M. ZIEL"),
            ("JBRANTLEY", "J. BRANTLEY"), ("TSTROM", None), ("WPOLE", "W. POLE")} <= found, found
    assert not any(text in ("ABC", "XYZ", "PRQ", "NQIE") for text, _n in found), found


def test_the_writers_of_e_mails_a_ref_line_cites_are_people(extractor: Extractor) -> None:
    header = ("C O N F I D E N T I A L OSLO 000123\n\nSIPDIS\n\nE.O. 12958: DECL: 01/12/2020\n"
              "TAGS: PREL, RU\nSUBJECT: RURITANIA: HARBOUR TALKS\n\nREF: A. KOWALSKI-NOWAK/"
              "WISNIEWSKI E-MAILS\n     B. OSLO 456\n     C. ZIELINSKA JUNE 3 EMAIL\n"
              "¶D. EMBASSY OSLO-WHA/CEN EMAIL 5/6/08\n\nClassified By: Ambassador Jan Doe\n")
    found = {header[s.start:s.end] for s in ref_spans(0, header)}
    assert found == {"KOWALSKI", "NOWAK", "WISNIEWSKI", "ZIELINSKA"}  # no item letter, post, office
    ctx = made_up_oslo(123)
    result = extractor.extract(ctx, [Block(0, None, header),
                                     Block(1, 1, "¶1. (C) The talks went well.")])
    assert {"Kowalski", "Nowak", "Wisniewski", "Zielinska"} <= {
        n.title() for n in people(result)}
    text = "REF: A. Dahl - J. Roe email of 3/4\n"
    assert {text[s.start:s.end] for s in ref_spans(0, text)} == {"Dahl", "J. Roe"}


def test_a_post_the_model_reads_as_a_place_is_that_post(extractor: Extractor) -> None:
    """"Embassy Oslo (ref b)" and "the refugee coordinator in Embassy Lima": the cable writes
    another post by its city, an organisation, whether the model reads the post or its city
    as a place (made-up text)."""
    paris = made_up_paris(9999)
    result = run(extractor, paris,
                 "Armed with a timely readout from Embassy Oslo (ref b) on the minister's "
                 "visit, Poloff called on the ministry.",
                 "Embassy Paris and the refugee coordinator in Embassy Lima received requests "
                 "by e-mail.")
    orgs = {m.name for m in result.mentions if m.type == "org"}
    assert {"Embassy Oslo", "Embassy Lima"} <= orgs
    assert not any(m.type == "place" and "Embassy" in m.text for m in result.mentions)


def test_a_foreign_secretarys_abbreviation_and_a_peerage_title_are_titles(
        extractor: Extractor) -> None:
    """"FS Kowalski" (a foreign secretary), "VFM Nowak" and "Baroness Ruritania": titles before
    a name, not a body, a place or a given name (made-up text; the model reads "FS" as part of
    the name and a peer's surname as the place her title is named after)."""
    result = run(extractor, made_up_paris(9998),
                 "FS Kowalski told the Ambassador on May 3 that the harbour plan would fail. "
                 "FS Kowalski will write to the Minister.",
                 "Baroness Ruritania, who chairs the harbour commission, met the Ambassador on "
                 "May 3. Baroness Ruritania said she would attend.",
                 "VFM Nowak will travel to Oslo next week.")
    found = {m.name: m.title for m in result.mentions if m.type == "person"}
    assert found.get("Kowalski") == "FS"  # the title as written
    assert found.get("Ruritania") == "Baroness"
    assert found.get("Nowak") == "VFM"
    assert not any(m.type in ("org", "place") and m.text.endswith(("Kowalski", "Ruritania"))
                   for m in result.mentions)


class _Ent:
    """One entity of a made-up model reading: its label and its characters."""

    def __init__(self, text: str, words: str, label: str) -> None:
        self.label_ = label
        self.start_char = text.index(words)
        self.end_char = self.start_char + len(words)


class _Reading:
    def __init__(self, *ents: _Ent) -> None:
        self.ents = ents


@pytest.mark.parametrize(("text", "words", "label"), [
    ("Poloff called on the deputy coordinator for Ruritania Anna Nowak on May 3.",
     "Ruritania Anna Nowak", "ORG"),
    ("We met the Deputy Director for the Harbour Region Anna Nowak on May 3.",
     "Harbour Region Anna Nowak", "GPE"),
])
def test_a_titles_field_run_on_into_a_name_leaves_the_person(text: str, words: str,
                                                             label: str) -> None:
    """The model reading a title's field and the name after it as one body or place ("deputy
    coordinator for Ruritania" + "Anna Nowak"): the name from its given name on is the
    person, and the field is no mention (made-up text and a made-up model reading)."""
    from cablescope.entities.spans import ner_spans

    found = ner_spans(1, text, _Reading(_Ent(text, words, label)))
    assert [(s.type, text[s.start : s.end]) for s in found] == [("person", "Anna Nowak")]
    # no given name and surname at the end: the body after the title stays a body
    body = text.replace(words, "Ruritania Harbour Authority")
    found = ner_spans(1, body, _Reading(_Ent(body, "Ruritania Harbour Authority", "ORG")))
    assert [(s.type, body[s.start : s.end]) for s in found] == [
        ("org", "Ruritania Harbour Authority")]


def test_a_government_written_with_its_countrys_adjective(extractor: Extractor) -> None:
    """"the Norwegian government", "a Chilean government official": a country's adjective before
    "government" in lower case is that country's government, an organisation (made-up text)."""
    paris = made_up_paris(9998)
    result = run(extractor, paris,
                 "Poloff asked whether the Norwegian government would send observers to the "
                 "harbour talks; a Chilean government official said his side would wait.")
    found = orgs(result)
    assert {"Government (Norway)", "Government (Chile)"} <= found, found
    assert "Government (France)" not in found


def test_a_government_without_an_article(extractor: Extractor) -> None:
    """"Norwegian government officials", "in Chilean government custody", "the harbour board
    and U.K. Government staff": without an article too, the country's government; a
    capitalised word right before the adjective within a sentence ("the Harbour Norwegian
    government") is left alone (made-up text)."""
    result = run(extractor, made_up_paris(9105),
                 "2. (C) Poloff met Norwegian government officials on the harbour plan. In "
                 "Chilean government custody the sailors waited, while the harbour board and "
                 "U.K. Government staff agreed.",
                 "3. (C) Jan Kowalski said the Harbour Norwegian government group would meet.")
    found = orgs(result)
    assert {"Government (Norway)", "Government (Chile)",
            "Government (United Kingdom)"} <= found, found
    texts = [(m.seq, m.text) for m in result.mentions if m.type == ORG]
    assert (3, "Norwegian government") not in texts, texts


def test_an_articleless_government_is_neither_the_united_states_own_nor_after_a_capital() -> None:
    """Without an article the United States' own ("U.S. government offices", a Department
    cable's boilerplate attribute) and a country's word right after a capitalised word within a
    sentence (maybe a longer adjective) are no government; a sentence's first word does not
    count, and an article keeps both forms (made-up text)."""
    from cablescope.entities.orgs import government_spans

    def found(text: str) -> list[str]:
        return [text[s.start:s.end] for s in government_spans(1, text)]
    assert found("Staff met at U.S. government offices and in UK government offices.") == [
        "UK government"]
    assert found("He saw the Harbour Norwegian government team.") == []
    assert found("Talks ended. Norwegian government staff left.") == ["Norwegian government"]
    assert found("He met the U.S. government team.") == ["U.S. government"]
    assert found("A paragraph on the port, the harbour and the fishing fleet.") == []


def test_a_government_after_a_short_name_or_capitalised(extractor: Extractor) -> None:
    """"the UK government", "the United States government", "the Norwegian Government": a
    country's short name before "government", or "Government" capitalised after a country's
    word, is that country's government; "the U.S. Government Accountability Office" is another
    body (made-up text)."""
    result = run(extractor, made_up_paris(9103),
                 "2. (C) Jan Kowalski said the UK government and the United States government "
                 "backed the harbour plan, and the Norwegian Government would send observers.",
                 "3. (C) The U.S. Government Accountability Office will review the plan.")
    found = orgs(result)
    assert {"Government (United Kingdom)", "Government (United States)",
            "Government (Norway)"} <= found, found
    texts = {m.text for m in result.mentions if m.type == ORG}
    assert "U.S. Government" not in texts, texts


def test_a_government_of_the_country_is_one_with_its_short_form(extractor: Extractor) -> None:
    """"the Government of the United States" and "the U.S. Government" in one cable are one
    organisation, the country's government (made-up text)."""
    result = run(extractor, made_up_paris(9104),
                 "2. (C) The Government of the United States welcomed the harbour accord, "
                 "and Jan Kowalski said the U.S. Government would send observers.")
    found = orgs(result)
    assert "Government (United States)" in found, found
    assert not any("of the united states" in fold(name) for name in found), found


def test_a_government_of_a_country_and_its_congress_in_lower_case(extractor: Extractor) -> None:
    """"the government of Norway", "the government of the Netherlands" and "the Peruvian
    congress" in lower case are bodies; "the government of Prime Minister Jan Kowalski" and
    "the government of Chilean President Jan Kowalski" name no country (made-up text)."""
    result = run(extractor, made_up_paris(9102),
                 "2. (C) Minister Jan Kowalski said Ruritania was pressing the government of "
                 "Norway to settle, and the government of the Netherlands agreed.",
                 "3. (C) He said the Peruvian congress would vote, unlike the government of "
                 "Prime Minister Jan Kowalski or the government of Chilean President Jan "
                 "Kowalski.")
    found = orgs(result)
    assert {"Government (Norway)", "Government (Netherlands)"} <= found, found
    assert any("congress" in fold(name) for name in found), found
    texts = {m.text for m in result.mentions if m.type == ORG}
    assert not any(t.startswith(("government of Chilean", "government of Prime"))
                   for t in texts), texts


def test_a_capitalised_government_of_a_country_at_a_sentence_start_or_possessive(
        extractor: Extractor) -> None:
    """"The Government of Malawi" opening a sentence and "the Government of Mongolia's" before
    a possessive are those countries' governments; "the Transitional Government of Malawi" is
    left to the model whole (made-up text)."""
    result = run(extractor, made_up_paris(9105),
                 "2. (C) The Government of Malawi asked for the harbour accord. Given the "
                 "Government of Mongolia\u2019s delay, Jan Kowalski waited.",
                 "3. (C) He said the Transitional Government of Malawi would wait.")
    found = orgs(result)
    assert {"Government (Malawi)", "Government (Mongolia)"} <= found, found
    texts = {m.text for m in result.mentions if m.type == ORG}
    assert not any(t.endswith("\u2019s") for t in texts), texts
    assert "Government of Malawi" not in {m.text for m in result.mentions
                                          if m.type == ORG and m.seq == 2}, texts


def test_a_forms_field_labels_are_no_bodies(extractor: Extractor) -> None:
    """A vetting list's field labels ("DOB:", "Grade/Name:", "Branch/Unit: COAST GUARD"),
    which the model reads as bodies, are no organisations (made-up text)."""
    paris = made_up_paris(9996)
    result = run(extractor, paris,
                 "Request #: 12345\nGrade/Name: MAJ JAN KOWALSKI\nDOB: 1/1/1970\n"
                 "Place of Birth: OSLO, NORWAY\nBranch/Unit: COAST GUARD\n"
                 "Training: HARBOUR SAFETY\n\nRequest #: 12346\nGrade/Name: CPT ANNA NOWAK\n"
                 "DOB: 2/3/1975\nPlace of Birth: BERGEN, NORWAY\nBranch/Unit: HARBOUR POLICE",
                 "KOWALSKI, Jan  DOB: 10/10/1975  POB: Oslo, Norway  Position: Chief of "
                 "Operations, Harbour Police")
    texts = [m.text for m in result.mentions if m.type == "org"]
    assert not any("Grade/Name" in t or "Branch/Unit" in t or t == "DOB" for t in texts), texts


def test_legal_texts_are_no_bodies(extractor: Extractor) -> None:
    """"the Harbour Statute", "the Ruritanian Export Control Regulations": a law's text, which
    the model reads as a body, is no organisation (made-up text)."""
    paris = made_up_paris(9995)
    result = run(extractor, paris,
                 "The ministry said the Harbour Statute and the Ruritanian Constitution bar it; "
                 "the sale would violate the Ruritanian Export Control Regulations and the "
                 "Freedonian Transactions Regulations.")
    assert orgs(result) == {"Embassy Paris"}, orgs(result)


def test_agreement_and_programme_acronyms_are_no_bodies(extractor: Extractor) -> None:
    """"the Ruritania-Freedonia FTA", "the MOU", "FMF grants", "IMET training": an agreement's or
    a programme's acronym, which the model reads as a body, is no organisation; the same acronym
    with a body's word ("the FTA Council") or its officials stays (made-up text)."""
    paris = made_up_paris(9993)
    result = run(extractor, paris,
                 "¶1. (C) Ruritanian Trade Minister Jan Kowalski said the Ruritania-Freedonia "
                 "FTA would enter into force in May, and that the MOU on fisheries the two "
                 "governments signed last year would follow. He asked whether FMF grants and "
                 "IMET training could be used for the coast guard.",
                 "¶2. (C) The FTA Council would meet in June, before the Harbour "
                 "Treaty RevCon; exports from the Springfield QIZ grew.",
                 "¶3. (C) Ruritania's MAP and the Harbour JCET were discussed in a DVC.")
    found = orgs(result)
    assert not any(o.endswith(("FTA", "MOU", "RevCon", "QIZ", "MAP", "JCET")) or o in (
        "FMF", "IMET", "DVC") for o in found), found
    assert "FTA Council" in found, found
    officials = orgs(run(extractor, paris,
                         "¶1. (C) Ruritanian MOU officials said the talks would resume."))
    assert any(o.endswith("MOU") for o in officials), officials


def test_weapon_and_material_acronyms_are_no_bodies(extractor: Extractor) -> None:
    """"Ruritanian UAVs", "the MANPADS", "a THAAD battery", "the HEU shipment": a drone, a
    missile, a missile-defence system or bomb-grade uranium, which the model reads as a body, is
    no organisation; a body's word with it ("the UAV Squadron") keeps it (made-up text)."""
    from cablescope.entities.orgs import text_acronym

    line = "Ruritanian UAVs, the Harbour MANPADS, a THAAD battery, the HEU shipment, UAV Squadron"
    for words in ("Ruritanian UAVs", "Harbour MANPADS", "THAAD", "HEU"):
        at = line.index(words)
        assert text_acronym(line, at, at + len(words), set()), words
    at = line.index("UAV Squadron")
    assert not text_acronym(line, at, at + len("UAV Squadron"), set())
    result = run(extractor, made_up_paris(9989),
                 "¶1. (C) Ruritanian Defense Minister Jan Kowalski said Ruritanian UAVs had "
                 "tracked the smugglers, that the army had collected 300 MANPADS and that a THAAD "
                 "battery and the HEU shipment were discussed with the Freedonian Navy.")
    found = orgs(result)
    assert not any(o.endswith(("UAV", "UAVs", "MANPADS", "THAAD", "HEU")) for o in found), found


def test_texts_and_regimes_named_by_their_kind_are_no_bodies(extractor: Extractor) -> None:
    """"the Freedonia Arrangement", "the Springfield Communique", "the Port Expansion", "the
    Consolidated Visa Database (CVD)": a text, a regime, a project or a database that the model
    reads as a body is no organisation, nor is its acronym (made-up text)."""
    paris = made_up_paris(9992)
    result = run(extractor, paris,
                 "¶1. (C) Ruritanian officials said the Harbour Memorandum and the Freedonia "
                 "Arrangement bind both navies, that the Springfield Communique was agreed last "
                 "week, that bids for the Port Expansion close in May and that the Consolidated "
                 "Visa Database (CVD) is down. The CVD may return by June.")
    assert orgs(result) == {"Embassy Paris"}, orgs(result)


def test_a_known_crafts_model_name_is_no_body(extractor: Extractor) -> None:
    """"the Acme Eurofighter", "Freedonian Eurofighters", "the Ruritanian Chinooks": a fighter's
    or a helicopter's model name, with or without its maker, is a product, no organisation
    (made-up text)."""
    paris = made_up_paris(9990)
    result = run(extractor, paris,
                 "¶1. (C) The air force will choose between the Acme Eurofighter, Freedonian "
                 "Eurofighters and the Ruritanian Chinooks; Acme Aerospace said the Globex "
                 "Harrier is too old.")
    found = orgs(result)
    assert not any(w in o for o in found for w in ("Eurofighter", "Chinook", "Harrier")), found


def test_a_texts_title_is_no_body(extractor: Extractor) -> None:
    """"the Convention against Harbour Piracy (CAHP)", "the Treaty on Springfield Fisheries": a
    text's title, or the words of it the model reads after "on", and its acronym are no
    organisation; a body named after such a title keeps its own name (made-up text)."""
    paris = made_up_paris(9991)
    result = run(extractor, paris,
                 "¶1. (C) Ruritania will sign the Convention against Harbour Piracy (CAHP) in "
                 "May; Freedonia ratified the CAHP last year. The Treaty on Springfield "
                 "Fisheries lapses in June, but the agreement on the Harbour Board stands.")
    assert orgs(result) == {"Embassy Paris", "Harbour Board"}, orgs(result)


def test_a_body_read_deep_inside_a_texts_title_is_no_body(extractor: Extractor) -> None:
    """"the Convention on the Protection of Pilots against the Misuse of Harbour Lights":
    words the model reads as a body past the title's own words and its small words
    are still the text's title, no organisation; a body with its head word named after the
    title keeps its name (made-up text)."""
    paris = made_up_paris(9992)
    result = run(extractor, paris,
                 "¶2. (U) Ruritania has not ratified the Convention on the Protection of "
                 "Pilots against the Misuse of Harbour Lights, nor the Harbour Board's "
                 "protocol. Freedonia signed the Convention on the Rights of Harbour Pilots "
                 "with the Harbour Authority of Springfield.")
    assert orgs(result) == {"Embassy Paris", "Harbour Board", "Harbour Authority of Springfield"
                            }, orgs(result)


def test_a_sum_of_money_is_no_body(extractor: Extractor) -> None:
    """"LE 12.5 million", "LE 7 billion", "ISK 75": a currency's code and an amount is a sum of
    money, no organisation, however the model reads it (made-up text)."""
    cairo = CableContext(id="09CAIRO9990", created="2009-03-02 10:00", origin="Embassy Cairo",
                         country="EG")
    result = run(extractor, cairo,
                 "¶1. (SBU) Ruritanian exports reached LE 12.5 million (USD 2.2m) in May, and "
                 "the Harbour Authority owes LE 7 billion ($1.3 billion) to the banks; sugar sold "
                 "for LE 9 (US$1.60) per kilogram, against LE 3 (US$0.55) a year ago.")
    found = orgs(result)
    assert not any(o.startswith("LE") for o in found), found


def test_a_unit_of_a_kind_many_places_have_is_no_body(extractor: Extractor) -> None:
    """"Ruritania runs a Provincial Reconstruction Team": one of many such units, written after an
    indefinite article or a possessive, is no organisation of its own (made-up text)."""
    paris = made_up_paris(9994)
    result = run(extractor, paris,
                 "Ruritania runs a Provincial Reconstruction Team near Springfield and wants "
                 "Freedonia to send doctors to its PRT next spring.")
    assert not any("Reconstruction" in o or o == "PRT" for o in orgs(result)), orgs(result)


def test_a_model_body_right_after_in_or_at_is_a_place() -> None:
    """"the march in Zarvanitsa", "the plant at Kulvara Beach": a model organisation of one or two
    words without a body's word, right after "in" or "at", is a town the gazetteer lacks; "at
    the Harbour Board" and a body the lexicon knows ("workers at Gazprom") stay. Made-up text."""

    paris = made_up_paris(9993)
    text = ("The march in Zarvanitsa ended; the plant at Kulvara Beach, workers at Gazprom and "
            "at the Harbour Board.")

    def kind(words: str) -> str | None:
        return model_body(paris, text, text.index(words), words)

    assert kind("Zarvanitsa") == "place" and kind("Kulvara Beach") == "place"
    assert kind("Gazprom") == "org" and kind("Harbour Board") == "org"


def test_a_company_introduced_by_its_kind_is_no_person(extractor: Extractor) -> None:
    """"the shipping company X", "mining companies X and Y": a company wherever else the model
    reads its name as a person's (made-up text)."""
    oslo = made_up_oslo(9999)
    result = run(extractor, oslo,
                 "¶1. (C) The Ruritanian shipping group Varnholt hopes to win the tender, like "
                 "the timber company Delmark. After the fair, Delmark signed the contract and "
                 "Varnholt said it would bid.",
                 "¶2. (SBU) Mining companies Brantley and Kessler opened a pit in the north. "
                 "Kessler will dig a second pit next year, Minister Jan Kowalski said.",
                 "¶3. (C) Ruritanian company Halvorsen Arms wants a license to sell rifles. "
                 "Halvorsen Arms staff gave no end user.")
    assert people(result) == {"Jan Kowalski"}


def test_the_people_of_a_vetting_list_are_read_from_its_entries(extractor: Extractor) -> None:
    """One entry a line before its "DOB:" line: "SURNAME, Given Names" is "Given Names
    Surname", "Rank/Name: MAJ NAMES" the names after the rank (made-up text)."""
    oslo = CableContext(id="09OSLO9998", created="2009-03-02 10:00", origin="Embassy Oslo",
                        country="NO")
    result = run(extractor, oslo,
                 "¶2. (U) Staff Course, March 3 - April 4\n\nLUNDQVIST, Anders Petter\n"
                 "DOB: 1/2/1971\nPOB: Bergen, Norway\nPosition: Instructor, Coast Guard\n\n"
                 "Rank/Name: MAJ KNUT ARNE HOLMSEN\nDOB: 5/4/1980\nPOB: Tromso, Norway\n")
    assert {"Anders Petter Lundqvist", "Knut Arne Holmsen"} <= people(result)
    assert not any("Dob" in p or p in ("Anders Petter", "Lundqvist") for p in people(result))


def test_a_designation_list_written_surname_first_in_capitals(extractor: Extractor) -> None:
    """A list of persons written "SURNAME, Given Names", run into one paragraph with runs of
    spaces or one space between entries, or numbered with trailers ("(a.k.a. ...)", ", DOB"):
    each entry one person in standard order, never the given names of one entry run into the
    next entry's surname; a place written "CITY, Country" is no entry (made-up text)."""
    oslo = made_up_oslo(9995)
    result = run(extractor, oslo,
                 "¶4. (SBU) The Widget Ministry asks for details of these persons.  Urgent:"
                 "        LUNDQVIST, Anders Petter       AL-BARENI, "
                 "Tamir Yusuf       HOLMSEN, Knut SVEIN       Widget Relief Society  Second "
                 "urgent:  OSTBERG DALE, Ingrid Marit KARVONEN, Eero Tapio BIN ROSTAM, Halid  "
                 "Widget Trading AG  End of the Ministry's list.",
                 "¶5. (SBU) Also listed:\n1. VARENNE LUCAS, Pierre Andre (a.k.a. Pierre "
                 "Varenne), DOB 1/2/1961\n2. MARTENSSON, Gunnel; passport 123456\n"
                 "The delegation arrives in TROMSO, Norway on May 2.",
                 "¶6. (S) Still pending:  -SORENSEN, Mikkel Aage    Widget Relief -NYGAARD, "
                 "Liv    Widget Relief  The Ministry will decide by June.")
    found = people(result)
    assert {"Anders Petter Lundqvist", "Tamir Yusuf Al-Bareni", "Knut Svein Holmsen",
            "Ingrid Marit Ostberg Dale", "Eero Tapio Karvonen", "Halid bin Rostam",
            "Pierre Andre Varenne Lucas", "Gunnel Martensson", "Mikkel Aage Sorensen",
            "Liv Nygaard"} <= {
                " ".join(w.capitalize() if w.isupper() else w for w in n.split())
                for n in found}, found
    assert not any(n.startswith(("Anders Petter ", "Tamir Yusuf ", "Eero Tapio ", "Tromso"))
                   and not n.endswith(("Lundqvist", "Al-Bareni", "Karvonen")) for n in found), found


def test_a_list_headed_surname_first_is_read_surname_first(extractor: Extractor) -> None:
    """After a heading saying the names are written surname first ("Family name / Given name"),
    the lettered entries in capitals are read surname first (made-up text)."""
    result = run(extractor, made_up_oslo(9994),
                 "¶6. (SBU) Widget Aviation employs these Ruritanian pilots:\n\n"
                 "Pilots (Family name / Given name)   Widget card   Travel document\n\n"
                 "a.     KARVONEN EERO                 123456 50\nTD-0312345\n\n"
                 "b.     HALVORSEN TRYGVE              654321 51\nTD-0398765\n")
    found = {" ".join(w.capitalize() if w.isupper() else w for w in n.split())
             for n in people(result)}
    assert {"Eero Karvonen", "Trygve Halvorsen"} <= found, found
    assert not found & {"Karvonen Eero", "Halvorsen Trygve"}, found


def test_a_common_word_after_chief_or_executive_is_no_person() -> None:
    """"Executive Order 13224", "Chief Logistics": a text or a function the corpus writes in
    lower case, not a surname; after an office ("Ambassador Young") it stays a person."""
    casing = {"order": (50, 2, 0), "logistics": (40, 3, 0), "young": (40, 2, 0)}
    extractor = Extractor(casing=casing)
    oslo = made_up_oslo(9997)
    result = run(extractor, oslo,
                 "¶1. (C) On May 2 the United States designated the bank pursuant to Executive "
                 "Order 13224 for its support to terrorism.",
                 "¶2. (U) Position: Chief Logistics, Coast Guard Oslo. Ambassador Young met "
                 "Minister Jan Kowalski.")
    assert people(result) == {"Young", "Jan Kowalski"}



def test_an_occupation_after_chief_or_head_is_no_person() -> None:
    """"Chief Astronomer", "Head Surveyor", "CHIEF LIBRARIAN": an occupation the corpus also
    writes in lower case (or never in mixed case), not a surname; "Police Chief Baker", whose
    name the corpus writes capitalised only, stays a person (made-up text)."""
    casing = {"astronomer": (4, 2, 0), "surveyor": (8, 30, 0), "baker": (0, 25, 0),
              "said": (900, 10, 0)}
    extractor = Extractor(casing=casing)
    oslo = made_up_oslo(9996)
    result = run(extractor, oslo,
                 "¶1. (C) Ruritania's Chief Astronomer said the star charts would be late. "
                 "The Ministry's Head Surveyor agreed, and Police Chief Baker met Minister Jan "
                 "Kowalski.",
                 "¶2. THE ACADEMY'S CHIEF LIBRARIAN SAID THAT THE READING ROOM WILL CLOSE.")
    assert people(result) == {"Baker", "Jan Kowalski"}



def test_a_common_word_of_a_body_after_general_is_no_person() -> None:
    """"the General Harbour Committee", "the General Fisheries Corporation", an army's "Staff"
    after "General" (a wrapped line): "General" is a word of the body's name there, not a
    rank, and the common word after it no surname; "General Roe" and "Secretary General
    Kowalski's Commission" stay people (made-up text)."""
    casing = {"harbour": (30, 40, 0), "fisheries": (20, 30, 0), "staff": (200, 40, 0),
              "said": (900, 10, 0)}
    extractor = Extractor(casing=casing)
    oslo = made_up_oslo(9979)
    result = run(extractor, oslo,
                 "¶1. (C) On May 3 the General Harbour Committee and the General Fisheries "
                 "Corporation wrote to the Embassy, and the Ruritanian General\nStaff agreed.",
                 "¶2. (C) Ambassador Smith met General Roe on May 4; they discussed Secretary "
                 "General Kowalski's Commission.")
    assert people(result) == {"Smith", "Roe", "Kowalski"}


def test_a_plural_common_word_read_alone_is_no_person() -> None:
    """"Fisheries Grants", "Ruritanian Expatriates": a plural the corpus mostly writes in
    lower case, read alone by the model as a person, is none; "Banks", whom the cable also
    names in full, "Waters" after a given name, and a name the corpus writes capitalised
    ("Jonas") stay (made-up text)."""
    from cablescope.entities.extract import _common_words
    from cablescope.entities.spans import Span, Vocabulary

    text = ("Funds go to Fisheries Grants and to Ruritanian Expatriates. Olaf Banks met "
            "Jonas; Banks said so. Pollster Ola Waters agreed.")
    vocabulary = Vocabulary(casing={"grants": (300, 10, 1), "expatriates": (200, 4, 0),
                                    "banks": (600, 30, 0), "jonas": (0, 20, 0),
                                    "waters": (170, 11, 0)})

    def model(words: str, at: int = 0) -> Span:
        start = text.index(words, at)
        return Span(1, start, start + len(words), "person", "ner", 2)

    chosen = [model("Grants"), model("Expatriates"), model("Olaf Banks"), model("Jonas"),
              model("Banks", text.index(";")), model("Waters")]
    kept = _common_words(chosen, lambda s: text[s.start : s.end], vocabulary, frozenset(),
                         {1: text})
    assert [text[s.start : s.end] for s in kept] == ["Olaf Banks", "Jonas", "Banks", "Waters"]


def test_a_word_of_a_function_before_officer_or_attache_is_no_person(
        extractor: Extractor) -> None:
    """"Assistant Naval Attache Jan Kowalski", "Ola Nordmann, Harbour Officer": the word
    before "Attache", "Counselor" or "Officer" is the function's, not a surname; the holders
    named with it stay people (made-up text)."""
    oslo = made_up_oslo(9980)
    result = run(extractor, oslo,
                 "¶1. (C) On May 3 Assistant Naval Attache Jan Kowalski and Fisheries Counselor "
                 "Piotr Nowak met Ruritanian officials at the ministry.",
                 "¶2. (C) Poloff delivered the points to Ola Nordmann, Harbour Officer, "
                 "Department for Fisheries, who said Ruritania would reply.")
    assert people(result) == {"Jan Kowalski", "Piotr Nowak", "Ola Nordmann"}


def test_a_name_the_cable_also_writes_in_the_plural_is_a_people(extractor: Extractor) -> None:
    """"four Tanjils", "non-Tanjils": a people or a group, no person, where the model reads the
    name alone as one; a surname whose bearer the cable names in full stays (made-up text)."""
    result = run(extractor, made_up_paris(9990),
                 "¶1. (C) Tanjil leaders say there is no Tanjil support for the rebels now. In "
                 "a meeting with four Tanjils, Kowalski said so.",
                 "¶3. (C) The Tanjil diaspora in Oslo wants a seat, Minister Jan Kowalski said; "
                 "the Kowalskis will host its envoys.")
    assert people(result) == {"Jan Kowalski"}

def test_a_monarchs_number_is_part_of_the_name(extractor: Extractor) -> None:
    """"King Olav II", "Crown Prince Torvald bin Olav II": the number after a monarch's or a
    pope's name is part of it; "Phase II" makes no one's name longer (made-up text)."""
    result = run(extractor, made_up_paris(9991),
                 "¶1. (U) Offices must show photos of Crown Prince Torvald bin Olav II next to "
                 "King Olav II, and Pope Anselm XV once blessed the flag.",
                 "¶2. (C) Minister Jan Kowalski said Phase II of the plan starts when King Olav II "
                 "returns.")
    assert people(result) == {"Torvald bin Olav II", "Olav II", "Anselm XV", "Jan Kowalski"}

def test_a_street_or_district_named_after_a_person_is_a_place(extractor: Extractor) -> None:
    """"on rue X", "Colonia X Delegacion Y", "Avenida X": the name of a street or a district,
    which the model reads as a person's (made-up text)."""
    mexico = CableContext(id="09MEXICO9999", created="2009-03-02 10:00",
                          origin="Embassy Mexico", country="MX")
    result = run(extractor, mexico,
                 "¶4. (C) Minister Jan Kowalski bought a shop on rue Karim Haddou last year, "
                 "his brother said.",
                 "¶5. (U) Consignee:\nRuritanian Guard Staff\nAvenida Libertad 41\n"
                 "Colonia Miguel Ortega Delegacion Luis Barragan\nCP 04510 Mexico\n")
    assert people(result) == {"Jan Kowalski"}


def test_a_ministry_topic_written_in_a_title_is_no_body() -> None:
    """"Interior Minister Doe", "Justice and Harbours Minister Roe", "Secretary of the
    Interior, Jan Kowalski": the model's one-word topic is the office's subject, no body; the
    topic written for the ministry itself ("Interior said") stays. Made-up text."""

    oslo = made_up_oslo(9997)
    text = ("Still, Justice and Interior Minister Doe met the Secretary of the Treasury and "
            "Energy, Jan Kowalski, and the previous Health\nhead; Interior said it would wait.")
    kind = functools.partial(model_body, oslo, text)

    assert kind(text.index("Justice"), "Justice") is None
    assert kind(text.index("Interior"), "Interior") is None
    assert kind(text.index("Energy"), "Energy") is None
    assert kind(text.index("Health"), "Health") is None
    assert kind(text.rindex("Interior"), "Interior") == "org"


def test_a_field_of_work_written_in_a_title_is_no_body() -> None:
    """"Harbour Security Adviser Doe", "Trade and Fisheries Affairs Officer Roe", "Director of
    Planning, Training, and Coastal Technology Jan Kowalski": the model's field of work is
    the title's subject, no body; a body named after the field ("the Office of Fisheries
    Affairs") and the field written alone ("Fisheries Affairs said") stay. Made-up text."""

    oslo = made_up_oslo(9994)
    text = ("Harbour Security Adviser Doe, Trade and Fisheries Affairs\nOfficer Roe and the "
            "Director of Planning, Training, and Coastal Technology Jan Kowalski met the "
            "Office of Fisheries Affairs; later, Coastal Affairs said it would wait.")

    def kind(words: str, before: str = "") -> str | None:
        return model_body(oslo, text, text.index(before + words) + len(before), words)

    assert kind("Harbour Security") is None
    assert kind("Fisheries Affairs", "and ") is None
    assert kind("Coastal Technology") is None
    assert kind("Fisheries Affairs", "Office of ") == "org"
    assert kind("Coastal Affairs") == "org"


def test_a_title_or_its_field_read_as_a_body_is_no_body() -> None:
    """"the Minister of Harbours" with no name after it, "Acme's VP for Coastal Relations Jan
    Kowalski", "Acme Director for Bank Operations", "Secretary for Nordic Affairs",
    "Minister-Counselor, Trade and Fisheries Affairs", "Secretary of Tourism Roe", "Minister of
    Justice and Lighthouse Affairs": a title of the lexicon's lists, or its field of work, is no
    body; a body the title holds in words ("Director of the Treaties Section", "Secretary General
    of RFTO", "Chairman of Acme Mining") stays. Made-up text."""

    oslo = made_up_oslo(9992)
    text = ("The Minister of Harbours lost her seat. Acme's VP for Coastal Relations Jan "
            "Kowalski, Acme Director for Bank Operations, and the Secretary for Nordic Affairs "
            "met Anna Nowak, Minister-Counselor, Trade and Fisheries Affairs, after a call on "
            "Secretary of Tourism Roe and on the Minister of Justice and Lighthouse Affairs "
            "Jan Roe. The Director of the Treaties Section, the Secretary General of RFTO and "
            "the Chairman of Acme Mining came too.")

    def kind(words: str) -> str | None:
        return model_body(oslo, text, text.index(words), words)

    assert kind("Minister of Harbours") is None
    assert kind("VP for Coastal Relations Jan Kowalski") is None
    assert kind("Bank Operations") is None
    assert kind("Nordic Affairs") is None
    assert kind("Fisheries Affairs") is None
    assert kind("Tourism Roe") is None
    assert kind("Lighthouse Affairs") is None
    assert kind("Treaties Section") == "org"
    assert kind("RFTO") == "org"
    assert kind("Acme Mining") == "org"


def test_the_general_assemblys_abbreviation_for_its_session_is_no_body(
        extractor: Extractor) -> None:
    """"on the sidelines of UNGA", "at the next UNGA", "his trip to the UNGA", "before the 64th
    UNGA": the abbreviation stands for the Assembly's yearly session, a meeting the labels name
    no body; "a UNGA vote on whaling" and "the UNGA adopted" stay the body. Made-up text."""
    oslo = made_up_oslo(9994)
    session = ("Minister Jan Kowalski saw a Ruritanian envoy on the sidelines of UNGA and will "
               "see him again at the next UNGA, after his trip to the UNGA. Harbour talks "
               "before the 64th UNGA were not held.")
    body = "Ruritania lost a UNGA vote on whaling, which the UNGA adopted in May."

    def kind(text: str, at: int) -> str | None:
        return model_body(oslo, text, at, "UNGA")

    starts = [i for i in range(len(session)) if session.startswith("UNGA", i)]
    assert len(starts) == 4
    assert [kind(session, i) for i in starts] == [None] * 4
    assert [kind(body, i) for i in range(len(body)) if body.startswith("UNGA", i)] == [
        "org", "org"]
    found = run(extractor, oslo, session)
    assert not [m for m in found.mentions if m.type == ORG and "General Assembly" in m.name]


def test_a_field_of_work_after_a_bodys_word_is_that_body() -> None:
    """"the office of Harbour Affairs", "the Ministry-equivalent of Coastal Security": where the
    model reads the field alone, the body is read whole from its word, an organisation named
    with a capital; a field after a title ("Director of Harbour Affairs") is no body. Made-up
    text."""
    from cablescope.entities.extract import _mention
    from cablescope.entities.spans import Span, Vocabulary

    oslo = made_up_oslo(9993)
    text = ("Jan Roe, in the office of Harbour Affairs, wrote to the Ministry-equivalent of "
            "Coastal Security and to the Director of Fisheries Affairs Anna Nowak.")
    block = Block(1, 1, text)

    def found(words: str) -> tuple[str, str] | None:
        start = text.index(words)
        mention = _mention(Span(1, start, start + len(words), "org", "ner", 2), (block, text),
                           oslo, Vocabulary())
        return (mention.name, mention.text) if mention else None

    assert found("Harbour Affairs") == ("Office of Harbour Affairs", "office of Harbour Affairs")
    assert found("Coastal Security") == ("Ministry-equivalent of Coastal Security",
                                         "Ministry-equivalent of Coastal Security")
    assert found("Fisheries Affairs") is None


def test_an_offices_field_before_office_or_ending_in_rights_is_that_office() -> None:
    """"the ministry's Harbour Affairs office", "the office of Coastal Organizations", "the
    office of Sailors and Pilots Rights": the lower-case word "office" right after the field is
    the body's, and an office's field may end in "Organizations" or "Rights". Made-up text."""
    from cablescope.entities.extract import _mention
    from cablescope.entities.spans import Span, Vocabulary

    oslo = made_up_oslo(9989)
    text = ("Jan Roe of the ministry's Harbour Affairs office called the office of Coastal "
            "Organizations and the office of Sailors and Pilots Rights.")
    block = Block(1, 1, text)

    def found(words: str) -> str | None:
        start = text.index(words)
        mention = _mention(Span(1, start, start + len(words), "org", "ner", 2), (block, text),
                           oslo, Vocabulary())
        return mention.text if mention else None

    assert found("Harbour Affairs") == "Harbour Affairs office"
    assert found("Coastal Organizations") == "office of Coastal Organizations"
    assert found("Sailors and Pilots Rights") == "office of Sailors and Pilots Rights"


def test_a_craft_named_by_its_models_number_is_no_body() -> None:
    """"12 Ruritanian Falcon X1 jets", "the Acme Harrier 39 fighters": a craft or weapon named
    by its model's number is a product, no body; without the number ("the Ruritanian Front
    rockets") the name stays a body. Made-up text."""

    oslo = made_up_oslo(9992)
    text = ("The yard will service 12 Ruritanian Falcon X1 jets and fit radar on the Acme "
            "Harrier 39\nfighters, while the Ruritanian Front rockets fell short.")

    def kind(words: str) -> str | None:
        return model_body(oslo, text, text.index(words), words)

    assert kind("Ruritanian Falcon X1") is None
    assert kind("Acme Harrier") is None
    assert kind("Ruritanian Front") == "org"


def test_a_site_named_by_its_kind_is_no_body() -> None:
    """"Harbourton Naval Air Station", "the Acme Proving Grounds", "the Women's Penitentiary of
    Harbourton": a site named by its kind is a place, no body; a body's word keeps the body that
    runs one ("the Secretariat of Penitentiary Administration"). Made-up text."""

    oslo = made_up_oslo(9993)
    text = ("The team flew from Harbourton Naval Air\nStation to the Acme Proving Grounds, then "
            "saw the Women's Penitentiary of Harbourton and the Secretariat of Penitentiary "
            "Administration.")

    def kind(words: str) -> str | None:
        return model_body(oslo, text, text.index(words), words)

    assert kind("Harbourton Naval Air\nStation") is None
    assert kind("Acme Proving Grounds") is None
    assert kind("Women's Penitentiary of Harbourton") is None
    assert kind("Secretariat of Penitentiary Administration") == "org"


def test_a_sites_acronym_is_no_body(extractor: Extractor) -> None:
    """"Harbourton Naval Air Station (HNAS)": the acronym stands for the site, no body either;
    the body that runs it stays. Made-up text."""
    result = run(extractor, made_up_oslo(9994),
                 "1. (U) The Ruritanian Harbour Board will take over Harbourton Naval Air Station "
                 "(HNAS) next year. HNAS will then close.")
    assert not any("HNAS" in m.text or "Air Station" in m.name for m in result.mentions)
    assert "Ruritanian Harbour Board" in orgs(result)


def test_a_company_named_after_its_kind_is_a_body(extractor: Extractor) -> None:
    """"state oil company Varkonol", "oil companies Brantley and Kessler": the name right after
    a company's kind in lower case is that company, an organisation, where the model reads
    nothing there or reads a person; "a company Roe set up" is a clause, and "the company
    President Jan Kowalski" a title (made-up text)."""
    oslo = made_up_oslo(9996)
    result = run(extractor, oslo,
                 "¶1. (C) The Ruritanian state oil company Varkonol is partnering with the timber "
                 "firm Delmark, and oil companies Brantley and Kessler want a share; the company "
                 "President Jan Kowalski said so.",
                 "¶2. (C) The money went to a company Roe set up in Ruritania.")
    found = orgs(result)
    assert {"Varkonol", "Delmark", "Brantley", "Kessler"} <= found, found
    assert not {"Roe", "President Jan Kowalski", "Jan Kowalski"} & found, found
    assert "Jan Kowalski" in people(result)


def test_a_newspaper_named_after_its_kind_is_a_body(extractor: Extractor) -> None:
    """"the pro-government daily Vecherny Harbour", "the dailies \"Gazeta Wolna\" and \"Kurier
    Polny\"", "the newspaper \"El Pregon\"": a newspaper named right after its kind, quoted or
    not, is a body, never a person (made-up text)."""
    oslo = made_up_oslo(9995)
    result = run(extractor, oslo,
                 "¶2. (SBU) The pro-government daily Vecherny Harbour and the dailies \"Gazeta "
                 "Wolna\" and \"Kurier Polny\" reported the deal; the newspaper \"El Pregon\" "
                 "did not, and newspapers January 29 said nothing.")
    found = orgs(result)
    assert {"Vecherny Harbour", "Gazeta Wolna", "Kurier Polny", "El Pregon"} <= found, found
    assert not {"Gazeta Wolna", "Kurier Polny", "El Pregon"} & people(result)
    assert not any("January" in name for name in found)


def test_a_quoted_newspaper_after_its_kind_and_a_comma_or_dash_is_a_body(
        extractor: Extractor) -> None:
    """"the weekly newspaper, \"Al Mirsad\"", "only one paper -- \"Sawt al-Bahr\"": a quoted
    name after a press kind and a comma or a dash ("paper" too) is a body; a non-paper's title
    is not (made-up text)."""
    oslo = made_up_oslo(9993)
    result = run(extractor, oslo,
                 "¶2. (SBU) Roe edits the weekly newspaper, \"Al Mirsad\" (\"The Watch\"), and "
                 "only one paper -- \"Sawt al-Bahr\" run by the opposition -- kept its licence.",
                 "¶3. (SBU) Post left a non-paper, \"Harbour Options\", with the ministry.")
    found = orgs(result)
    assert {"Al Mirsad", "Sawt al-Bahr"} <= found, found
    assert "Harbour Options" not in found, found


def test_a_newspaper_after_its_kind_the_model_reads_as_a_place_is_a_body(
        extractor: Extractor) -> None:
    """"the newspapers Nordbladid, Vestbladid and Sudbladid": a name right after its press kind
    that the model reads as a town is the newspaper; so is one led by a lower-case Arabic
    article ("the independent newspaper al-Sahil"); a town later in the sentence stays a town
    (made-up text)."""
    oslo = made_up_oslo(9992)
    result = run(extractor, oslo,
                 "¶2. (SBU) The Ambassador gave interviews to National Radio, the newspapers "
                 "Nordbladid, Vestbladid and Sudbladid, and a wire service. Roe visited the "
                 "independent newspaper al-Sahil in Bergen.")
    found = orgs(result)
    assert {"Nordbladid", "Vestbladid", "Sudbladid", "al-Sahil"} <= found, found
    assert "Bergen" not in found, found


def test_names_in_a_list_headed_or_closed_by_their_kind_are_bodies(
        extractor: Extractor) -> None:
    """"shipping firms, including Acme and Initech": a list after a plural company kind and a
    comma is of companies; "columnists in the Harbour Star, Morgenblad and Nordlys papers": a
    list closed by a press kind is of newspapers; a list of nationalities or languages before
    "dailies" is not, nor two names before "papers" (documents as often; made-up text)."""
    oslo = made_up_oslo(9995)
    result = run(extractor, oslo,
                 "¶2. (SBU) Several shipping firms, including Acme and Initech, opened offices "
                 "at the new port.",
                 "¶3. (SBU) Columnists in the Harbour Star, Morgenblad and Nordlys papers "
                 "welcomed the port; the Norwegian and Danish dailies and the English and "
                 "Arabic dailies did not.",
                 "¶4. (SBU) The ministry read the Kowalski and Nowak papers on the port.")
    found = orgs(result)
    assert {"Acme", "Initech", "Harbour Star", "Morgenblad", "Nordlys"} <= found, found
    assert not {"Norwegian", "Danish", "English", "Arabic", "Kowalski", "Nowak"} & found, found


def test_a_newspaper_named_before_its_kind_is_a_body(extractor: Extractor) -> None:
    """"the \"Harbour Star\" newspaper", "in Al Mintaqa newspaper", "the el-Sawtia daily": a
    newspaper named right before its kind, quoted or led by an Arabic or Romance article, is a
    body; a city or a faith before "daily", and "daily" as an adverb, are not (made-up text)."""
    oslo = made_up_oslo(9994)
    result = run(extractor, oslo,
                 "¶2. (SBU) The \"Harbour Star\" newspaper ran the story, a columnist argued "
                 "in Al Mintaqa newspaper that the port should close, and the el-Sawtia daily "
                 "said nothing.",
                 "¶3. (SBU) The Islamist dailies and the Oslo weekly were silent; his family "
                 "visited al-Rashidi daily at the prison.")
    found = orgs(result)
    assert {"Harbour Star", "Al Mintaqa", "el-Sawtia"} <= found, found
    assert not {"Islamist", "Oslo", "al-Rashidi"} & found, found


def test_the_model_multiplies_with_numpy_on_one_blas_thread(extractor: Extractor) -> None:
    # blis's generic kernel, which its wheel picks on a CPU it does not know, is about a third
    # of the speed of NumPy's OpenBLAS; a second BLAS thread would take the other process's core
    from thinc.api import NumpyOps

    from cablescope.entities.matmul import one_blas_thread

    for name in ("ner", "tok2vec", "parser"):
        for node in extractor.nlp.get_pipe(name).model.walk():
            assert isinstance(node.ops, NumpyOps) and not node.ops.use_blis, (name, node.name)
    assert one_blas_thread()  # the wheels' OpenBLAS is found (and set again: harmless)


def test_the_model_reads_the_same_entities_with_blis_as_with_numpy(extractor: Extractor) -> None:
    import spacy

    from cablescope.entities.extract import _EXCLUDE, MODEL

    with_blis = spacy.load(MODEL, exclude=_EXCLUDE, disable=["tok2vec", "parser"])
    assert with_blis.get_pipe("ner").model.ops.use_blis  # spaCy's default, not ours
    texts = ["Minister Jan Kowalski of Ruritania met Ambassador Anna Berg of the Ruritanian "
             "Harbour Authority in Oslo on March 3 to discuss the Northern Fisheries Council.",
             "The Oslo Chamber of Commerce told Embassy Oslo that Per Olsen, the new chairman "
             "of Nordic Shipping Lines, would visit Washington in May with 40 delegates."]
    for text in texts:
        ours = [(e.start_char, e.end_char, e.label_) for e in extractor.nlp(text).ents]
        theirs = [(e.start_char, e.end_char, e.label_) for e in with_blis(text).ents]
        assert ours == theirs and ours


def test_a_bodys_possessive_before_its_unit_is_two_bodies(extractor: Extractor) -> None:
    """"the Department of Harbours's Office of Coastal Enforcement", "the Ruritanian Trade
    Ministry's Fisheries Licensing Division": the body and its unit are two organisations,
    not one; a bare "the Ministry's" gives the unit alone (made-up text)."""
    oslo = made_up_oslo(9990)
    result = run(extractor, oslo,
                 "¶1. (C) On March 1 PolOff met officials of the Department of Harbours's Office "
                 "of Coastal Enforcement and of the Ruritanian Trade Ministry's Fisheries "
                 "Licensing Division, who said the Ministry's Export Control Section had not "
                 "replied.")
    found = orgs(result)
    assert {"Department of Harbours", "Office of Coastal Enforcement",
            "Fisheries Licensing Division", "Export Control Section"} <= found, found
    assert not any("'s" in name for name in found), found


def test_a_unit_before_of_the_its_parent_body_is_two_bodies(extractor: Extractor) -> None:
    """"the Coastal Licensing Office of the Ministry of Harbour Affairs": the unit and its
    parent are two organisations, not one; "the Office of the Ministry of ..." (a bare unit
    word) is left whole (made-up text)."""
    result = run(extractor, made_up_oslo(9989),
                 "¶1. (C) On March 1 PolOff met the director of the Coastal Licensing Office of "
                 "the Ministry of Harbour Affairs, who said the license rules would change.")
    found = orgs(result)
    assert "Coastal Licensing Office" in found, found
    assert not any(" of the " in name for name in found), found


def test_a_body_with_its_head_word_only_in_a_named_persons_title_is_no_mention(
        extractor: Extractor) -> None:
    """"National Fisheries Council Director Anna Nowak": the model's body, head word and all,
    written only as the modifier of a named person's title is no organisation of the cable
    (the labels' convention); written on its own too, it is one (made-up text)."""
    only_title = run(extractor, made_up_paris(9991),
                     "Poloff met National Fisheries Council Director Anna Nowak on March 3. "
                     "Nowak said the talks would go on.")
    assert "National Fisheries Council" not in orgs(only_title)
    on_its_own = run(extractor, made_up_paris(9991),
                     "Poloff met National Fisheries Council Director Anna Nowak on March 3. "
                     "The National Fisheries Council will reply within a week.")
    assert "National Fisheries Council" in orgs(on_its_own)


def test_a_ministry_for_a_field_only_in_a_named_persons_title_is_no_mention(
        extractor: Extractor) -> None:
    """"Ruritanian Ministry for Harbour Affairs Political Director Anna Nowak": the title's
    words stop at "for", but the ministry written so, only before a named person's title, is no
    organisation of the cable (the labels' convention); written on its own too, it is one
    (made-up text)."""
    opening = ("Poloff delivered the points to Ruritanian Ministry for Harbour Affairs "
               "Political Director Anna Nowak on March 3. ")
    only_title = run(extractor, made_up_paris(9995), opening + "Nowak said the talks would go on.")
    assert not any("Ministry" in name for name in orgs(only_title)), orgs(only_title)
    on_its_own = run(extractor, made_up_paris(9995), opening + "The Ministry for Harbour Affairs "
                     "will reply within a week.")
    assert any("Ministry" in name for name in orgs(on_its_own)), orgs(on_its_own)


def test_an_abbreviation_only_in_named_persons_titles_is_no_mention(
        extractor: Extractor) -> None:
    """"OAS Special Envoy Anna Nowak", "GOF Foreign Minister Anna Nowak": a body's or a
    government's abbreviation that the cable writes only as the modifier of named persons'
    titles is no organisation; written anywhere else ("the OAS", "the GOF's") it is one. A
    ministry's ("MFA Desk Officer Doe") stays, as the labels count some (made-up text)."""
    for abbreviation, title in (("OAS", "OAS Special Envoy Anna Nowak"),
                                ("GOF", "GOF Foreign Minister Anna Nowak")):
        opening = f"Poloff delivered the points to {title} on March 3. "
        only_title = run(extractor, made_up_paris(9997), opening + "Nothing came of it.")
        assert not any(m.type == "org" and m.text == abbreviation
                       for m in only_title.mentions), title
        for elsewhere in (f"The {abbreviation} will reply within a week.",
                          f"Poloff said the {abbreviation}'s reply was late."):
            kept = run(extractor, made_up_paris(9997), opening + elsewhere)
            assert any(m.type == "org" and m.text == abbreviation
                       for m in kept.mentions), elsewhere
    ministry = run(extractor, made_up_paris(9997), "Poloff delivered the points to MFA "
                   "Harbours Desk Officer Anna Nowak on March 3. Nothing came of it.")
    assert any(m.type == "org" and m.text == "MFA" for m in ministry.mentions)


def test_the_british_foreign_office_only_in_named_persons_titles_is_no_mention(
        extractor: Extractor) -> None:
    """"FCO Ruritania Desk Officer Anna Nowak", "FCO Deputy Head Harbour Policy Jan Kowalski":
    the British foreign office's abbreviation written only as the modifier of named persons'
    titles is no organisation (relabel7); written anywhere else ("the FCO", "the FCO's") it is
    one (made-up text)."""
    london = CableContext(id="08LONDON9991", created="2008-03-02 10:00", origin="Embassy London",
                          country="GB")
    opening = ("¶1. (C) FCO Ruritania Desk Officer Anna Nowak told Poloff on March 3 that the "
               "harbour talks had stalled, according to FCO Deputy Head Harbour Policy Jan "
               "Kowalski. ")
    only_title = run(extractor, london, opening + "Nothing came of it.")
    assert not any(m.type == "org" and m.text == "FCO" for m in only_title.mentions)
    for elsewhere in ("The FCO will reply within a week.", "Poloff said the FCO's reply was late."):
        kept = run(extractor, london, opening + elsewhere)
        assert any(m.type == "org" and m.text == "FCO" for m in kept.mentions), elsewhere


def test_temporary_duty_is_no_body(extractor: Extractor) -> None:
    """"TDY" is the cables' temporary duty ("TDY visitors", "on TDY"), which the model reads as
    a body; no body (made-up text)."""
    result = run(extractor, made_up_paris(9995),
                 "¶3. Each TDY inspector is to call the harbour office on landing. "
                 "Anna Nowak, on TDY from Embassy Oslo, will meet them.")
    assert not any(m.type == "org" and m.text == "TDY" for m in result.mentions)


def test_american_citizen_and_no_further_information_are_no_bodies() -> None:
    """"AmCit(s)" (an American citizen) and "NFI" (no further information) are no body when
    the model reads them as one (made-up text)."""
    text = ("¶2. (C) One detained sailor is an AmCit (NFI). No AmCits were hurt, "
            "the Harbour Police told Anna Nowak.")
    for words, kind in (("AmCit", None), ("NFI", None), ("AmCits", None),
                        ("Harbour Police", ORG)):
        assert read_as(text, words) == kind, words


def test_an_aid_account_is_no_body() -> None:
    """U.S. aid accounts and the munitions list ("ESF", "INCLE", "FMF", "USML") are no body
    when the model reads them as one (made-up text)."""
    text = ("¶4. (SBU) Ruritania lost its ESF and FMF in May; INCLE funds now pay the "
            "Harbour Police, whose USML items Anna Nowak checked.")
    for words, kind in (("ESF", None), ("FMF", None), ("INCLE", None), ("USML", None),
                        ("Harbour Police", ORG)):
        assert read_as(text, words) == kind, words


def test_one_body_written_with_and_without_its_country_or_city(extractor: Extractor) -> None:
    """A host's body the cable writes with and without its country's word, a body written with
    the country or its adjective, or with "in [city]" after it is one body; "the U.S. Embassy in
    Oslo" of an Oslo cable is the post. A bare name stays apart beside another country's body of
    that name, or two countries' (made-up text)."""
    oslo = made_up_oslo(9991)
    result = run(extractor, oslo,
                 "¶1. (C) The Norwegian Harbour Authority said on May 3 that it would close the "
                 "port. The Harbour Authority reopened it a week later.",
                 "¶2. (C) Officials of the Denmark Embassy in Oslo and of the Danish Embassy "
                 "called on staff of the U.S. Embassy in Oslo on May 4.")
    names = {m.text: m.name for m in result.mentions if m.type == "org"}
    assert names["Harbour Authority"] == names["Norwegian Harbour Authority"], names
    assert names["Denmark Embassy in Oslo"] == names["Danish Embassy"], names
    assert names["U.S. Embassy in Oslo"] == "Embassy Oslo", names
    for text in ("¶1. (C) The Swedish Harbour Authority met on May 3. The Harbour Authority said "
                 "nothing.",
                 "¶1. (C) The Norwegian Harbour Authority and the Swedish Harbour Authority met on "
                 "May 3. The Harbour Authority said nothing."):
        names = {m.text: m.name for m in run(extractor, oslo, text).mentions if m.type == "org"}
        assert names.get("Harbour Authority", "Harbour Authority") == "Harbour Authority", names


def test_a_double_surname_written_in_full_and_in_part(extractor: Extractor) -> None:
    """"Minister Pedro Alvarez Montero" then "Pedro Alvarez", "Alvarez"; "Jan Kowalski-Nowak"
    then "Kowalski": one person each, the fuller name (made-up text)."""
    result = run(extractor, made_up_paris(9992),
                 "¶1. (C) Minister Pedro Alvarez Montero received the Ambassador on May 3. Pedro "
                 "Alvarez said the ports would open; Alvarez added that the harbour was full.",
                 "¶2. (C) Deputy Minister Jan Kowalski-Nowak joined them. Kowalski said little.")
    names = {m.text: m.name for m in result.mentions if m.type == "person"}
    assert names["Pedro Alvarez"] == names["Alvarez"] == "Pedro Alvarez Montero", names
    assert names["Kowalski"] == "Jan Kowalski-Nowak", names


def test_a_plural_bodys_word_before_a_list_is_each_body(extractor: Extractor) -> None:
    """"Embassies Oslo, Stockholm, and Helsinki are requested to ..." names three posts, each
    in its singular form; "the Ministries of Fisheries, Forests and Foreign Affairs" three
    ministries; "Embassies Agree" (no list) and a list of no posts give nothing (made-up text)."""
    result = run(extractor, made_up_paris(9990),
                 "¶1. (C) Action request: Embassies Oslo, Stockholm, and Helsinki are requested "
                 "to deliver the points below by May 3.",
                 "¶2. (C) The Ministries of Fisheries, Forests and Foreign Affairs issued a joint "
                 "note on May 4.")
    names = {m.name for m in result.mentions if m.type == "org"}
    for name in ("Embassy Oslo", "Embassy Stockholm", "Embassy Helsinki",
                 "Ministry of Fisheries (France)", "Ministry of Forests (France)",
                 "Ministry of Foreign Affairs (France)"):
        assert name in names, names
    assert not any(n.startswith(("Embassies", "Ministries")) for n in names), names
    none = run(extractor, made_up_paris(9989),
               "¶1. (C) Embassies Agree: the Harbour Weeks of Ruritown and Freedonia City open.")
    assert {m.name for m in none.mentions if m.type == "org"} <= {"Embassy Paris"}  # the origin



def test_more_listed_bodies_consulates_city_posts_and_nations(extractor: Extractor) -> None:
    """"Embassies Oslo and Guatemala City" names both posts (the corpus's list drops "City"),
    "Consulates General Frankfurt and Munich" both consulates, and "the Norwegian, Danish and
    Swiss missions" each country's mission; a US item is the own post (made-up text)."""
    result = run(extractor, made_up_paris(9988),
                 "¶1. (C) Action request: Embassies Oslo and Guatemala City are requested "
                 "to deliver the points below by May 3.",
                 "¶2. (C) Consulates General Frankfurt and Munich will join the call on May 4.",
                 "¶3. (C) The Norwegian, Danish and Swiss missions stay open, as do the U.S. "
                 "and Finnish embassies.")
    names = {fold(m.name) for m in result.mentions if m.type == "org"}
    for name in ("Embassy Oslo", "Embassy Guatemala City", "Consulate Frankfurt",
                 "Consulate Munich", "Norwegian mission", "Danish mission", "Swiss mission",
                 "Finnish embassy"):
        assert fold(name) in names, names
    assert not any(n.endswith(("missions", "embassies")) or n.startswith("u.s.")
                   for n in names), names


def test_an_acronym_joins_a_long_form_with_a_linking_word_or_without_its_country(
        extractor: Extractor) -> None:
    """An acronym the cable never defines joins the one long form whose initials it is, counting
    a linking word's letter ("for") or leaving out a first word that names a country; "MOD" (a
    body `normalize_org` knows) stays apart from a Ministry of Development (made-up text)."""
    result = run(extractor, made_up_paris(9993),
                 "¶1. (C) The Norwegian Harbour Security Force closed the harbour on May 3. The "
                 "HSF said it would reopen.",
                 "¶2. (C) The Office for Harbour Safety wrote to the Ruritanian Ministry of "
                 "Development on May 4. The OFHS asked the MOD for ships.")
    names = {m.text: m.name for m in result.mentions if m.type == "org"}
    assert names["HSF"] == "Norwegian Harbour Security Force", names
    assert names["OFHS"] == "Office for Harbour Safety", names
    assert "Development" not in names.get("MOD", ""), names


def test_an_acronym_joins_a_long_form_with_hyphens_or_in_mixed_case() -> None:
    """Letters of a hyphenated word's parts ("Pan-Nordic" PN, "League-North" LN), an acronym
    with a hyphenated suffix ("RPL-N") or in mixed case ("RiP"); two long forms that fit stay
    apart from the acronym (made-up names)."""
    ctx = made_up_paris(9994)

    def org(name: str) -> Mention:
        return Mention(ORG, text=name, name=name, key=name_key(name), source="text")

    mentions = [org("Pan-Nordic Harbour Union"), org("PNHU"),
                org("Ruritanian People's League-North"), org("RPL-N"),
                org("Ruritania in Progress"), org("RiP"),
                org("Baltic Port Union"), org("Bay Port Union"), org("BPU")]
    link(mentions, [], ctx)
    names = {m.text: m.name for m in mentions}
    assert names["PNHU"] == "Pan-Nordic Harbour Union", names
    assert names["RPL-N"] == "Ruritanian People's League-North", names
    assert names["RiP"] == "Ruritania in Progress", names
    assert names["BPU"] == "BPU", names


def test_a_un_body_written_without_un_is_that_body_when_the_cable_names_it() -> None:
    """"the Harbour Council" beside "the UN Harbour Council" (or its acronym's long form) is
    that UN body; in a cable with no UN form it stays as written (made-up names)."""
    def org(name: str) -> Mention:
        return Mention(ORG, text=name, name=name, key=name_key(name), source="text")

    mentions = [org("United Nations Harbour Council"), org("Harbour Council"),
                org("UN Pilots Board"), org("Pilots Board")]
    link(mentions, [], made_up_paris(9995))
    names = {(m.text, i): m.name for i, m in enumerate(mentions)}
    assert names[("Harbour Council", 1)] == "United Nations Harbour Council", names
    assert names[("Pilots Board", 3)] == "UN Pilots Board", names
    alone = [org("Harbour Council")]
    link(alone, [], made_up_paris(9996))
    assert alone[0].name == "Harbour Council", alone[0].name


def test_a_body_named_in_brackets_after_its_kind_in_lower_case(extractor: Extractor) -> None:
    """A body named in brackets right after its kind in lower case ("the harbour police
    (POLMAR)", "a shipping company (SHIPRU)", "the Auditor General's office (Kontrolla)")
    is that body, and a later "POLMAR" too; an acronym of the lower-case kind ("non-governmental
    organization (NGO)"), a reference and the head of a body named after a title are not
    (made-up text)."""
    result = run(extractor, made_up_paris(9995),
                 "¶1. (C) The harbour police (POLMAR) seized 20 kilos on May 3. The POLMAR "
                 "said more would follow.",
                 "¶2. (C) Kowalski was vice president of a regional shipping company "
                 "(SHIPRU) and wrote to the Auditor General's office "
                 "(Kontrolla).",
                 "¶3. (C) A non-governmental organization (NGO) and the national police (Ref A) "
                 "met the head of the ruling coalition (Dubrovski) on May 4.")
    orgs = {m.text for m in result.mentions if m.type == "org"}
    for name in ("POLMAR", "SHIPRU", "Kontrolla"):
        assert name in orgs, orgs
    assert sum(1 for m in result.mentions if m.type == "org" and m.text == "POLMAR") == 2
    assert not {"NGO", "Ref A", "Dubrovski"} & orgs, orgs


def test_another_countrys_embassy_in_lower_case(extractor: Extractor) -> None:
    """Another country's embassy written in lower case ("the Ruritanian embassy", "UK embassy
    staff", "the Freedonian embassy in Oslo") is that embassy; the cable's own, "the American
    embassy", is not one of them (made-up text)."""
    result = run(extractor, made_up_paris(9996),
                 "¶1. (C) According to the Norwegian embassy, the talks will resume on May 3. "
                 "UK embassy staff and the Danish embassy in Oslo agreed, as did the American "
                 "embassy.")
    orgs = {fold(m.name) for m in result.mentions if m.type == "org"}
    for name in ("Norwegian embassy", "UK embassy", "Danish embassy in Oslo"):
        assert fold(name) in orgs, orgs
    assert not any(n.startswith("american") for n in orgs), orgs


def test_a_name_written_before_a_bodys_kind_or_part_is_a_body(extractor: Extractor) -> None:
    """"Varnholt workers", "Varnholt shares fell", "Delmark's board", "Halvik, the largest
    truck maker,", "a radio station, Kestrel,": what a company or a medium has and a person has
    not, or its kind as the name's apposition; the model's person of that name is the body. A
    surname of someone the cable names in full ("Tomasz Brantley", "Brantley employees") stays
    a person, and so does a name after a kind that a preposition governs ("the governor of the
    central bank, Wen Zhaolin,") (made-up text)."""
    oslo = made_up_oslo(9994)
    result = run(extractor, oslo,
                 "¶1. (C) Varnholt said it would cut 500 jobs this year. Minister Jan Kowalski "
                 "said Varnholt had asked for a loan.",
                 "¶2. (SBU) Varnholt workers struck for two days, and Varnholt shares fell.",
                 "¶3. (C) Lawyer Tomasz Brantley told Econoff that Delmark had left the "
                 "market. Brantley employees were not paid, Brantley said.",
                 "¶4. (C) Delmark's board met on Monday.",
                 "¶5. (C) Halvik, the largest truck maker, will build a plant; Halvik said so. "
                 "Econoff visited a local radio station, Kestrel, which said Kestrel would "
                 "follow the talks.",
                 "¶6. (C) The talks drew praise from the governor of the central bank, Wen "
                 "Zhaolin, in March.")
    assert people(result) == {"Jan Kowalski", "Tomasz Brantley", "Wen Zhaolin"}, people(result)
    assert {"Varnholt", "Delmark", "Halvik", "Kestrel"} <= orgs(result), orgs(result)


def test_a_name_with_a_bodys_kind_word_in_spanish_is_a_body(
        extractor: Extractor) -> None:
    """"the Fiscalia", "the Procuraduria": a body's kind in the host country's language, which
    the model reads as a name, makes a body, not a person (made-up text)."""
    lima = CableContext(id="08LIMA9997", created="2008-03-02 10:00", origin="Embassy Lima",
                        country="PE")
    result = run(extractor, lima,
                 "¶1. (C) Prosecutor General Juan Perez said the Fiscalia would charge the "
                 "mayor. The Procuraduria opened its own inquiry.")
    assert people(result) == {"Juan Perez"}, people(result)
    assert {"Fiscalia", "Procuraduria"} <= orgs(result), orgs(result)


def test_a_shops_kind_word_in_the_hosts_language_makes_a_body() -> None:
    """"Armeria Roe" (a gun shop), "Agencia ...": the model reads the body's kind as a given
    name; the span is a body, and a person named as usual stays one (made-up text)."""
    from cablescope.entities.model import PERSON

    text = ("Econoff visited Armeria Roe with Juan Perez; the Agencia Ruritana de Pesca sent "
            "staff.")
    for words, kind in (("Armeria Roe", ORG), ("Juan Perez", PERSON),
                        ("Agencia Ruritana de Pesca", ORG)):
        assert read_as(text, words, PERSON) == kind, words


def test_a_name_after_a_titles_field_is_a_person(extractor: Extractor) -> None:
    """"Vice Minister of Defense Jan Kowalski", "State Secretary for Baltic Affairs Wesolek",
    "Minister of Fisheries, Anna Nowak, signed", "Policy Officer in the Harbour and Coastal
    Department Ilsa Berg": the name after a title's field written in capitals is a person with
    that title, where the model reads the field and the name as one body, tags the surname a
    nationality or reads nothing; a field with no name after it ("The Minister of Irrigation
    said") gives no person, a body named in the field ("director of the Office of Harbour
    Safety, Jan Brzoza,") stays a body and a country ("President of Costa Rica") gives no
    name; a given name run into the surname ("AnnaNowak") is left (made-up text)."""
    oslo = made_up_oslo(9990)
    result = run(extractor, oslo,
                 "¶1. (C) Nowak took part in a May 11 meeting chaired by Vice Minister of "
                 "Defense Radomir Wesolek and Armed Forces Commander General Jan Brzoza.",
                 "¶2. (C) At the request of the absent FM Kowalski, State Secretary for Baltic "
                 "Affairs Wesolek issued a statement on August 12.",
                 "¶3. (U) On August 16, Minister of Fisheries, Ilsa Brzozowska, signed six "
                 "agreements for gas exploration.",
                 "¶4. (C) Poloff delivered the points to Policy Officer in the Harbour and "
                 "Coastal Department Ilsa Berg. The Minister of Irrigation said nothing.",
                 "¶5. (C) He said the visit of the director of the Office of Harbour Safety, "
                 "Jan Brzoza, had helped; Roe was President of Costa Rica. Vargas then left.",
                 "¶6. (C) Vice Minister of Foreign Affairs AnnaNowak told us the group was "
                 "satisfied.")
    titles = {m.text: m.title for m in result.mentions if m.type == "person"}
    assert titles.get("Radomir Wesolek") == "Vice Minister of Defense"
    assert titles.get("Wesolek") == "State Secretary for Baltic Affairs"
    assert titles.get("Ilsa Brzozowska") == "Minister of Fisheries"
    assert titles.get("Ilsa Berg") == "Policy Officer in the Harbour and Coastal Department"
    assert not any("Affairs" in name or "Irrigation" in name for name in people(result))
    assert not any("Wesolek" in name or "Brzozowska" in name for name in orgs(result))
    # a body named in the title's field stays a body; a country's second word is no name
    assert "Office of Harbour Safety" in orgs(result) and "Jan Brzoza" in people(result)
    assert "Rica" not in people(result)
    # a given name run into the surname is left to the model (the labels write it apart)
    assert "AnnaNowak" not in people(result)


def test_a_lower_case_title_before_a_countrys_word_is_its_adjective(
        extractor: Extractor) -> None:
    """"the official Norwegian position", "the activist Chilean judge Jan Roe": a title's word
    in lower case before a country's word alone is an adjective of what follows, no person (nor
    the country's word anywhere else in the cable); the name after the next title stays, and
    a capitalised title before a surname that is a country's word keeps its person (made-up
    text)."""
    result = run(extractor, made_up_oslo(9994),
                 "¶1. (C) The official Norwegian position on the harbour talks has not changed, "
                 "Norwegian officials said.",
                 "¶2. (C) The activist Chilean judge Jan Vardanega opened a case on October 30.",
                 "¶3. (C) Fisheries Minister Chad told us the talks would resume.")
    found = people(result)
    assert not found & {"Norwegian", "Chilean"}, found
    assert "Jan Vardanega" in found and "Chad" in found, found


def test_a_government_named_after_its_leader_names_the_leader(extractor: Extractor) -> None:
    """"the Doe Presidency", "the Doe government": the leader's surname is a person (the third
    set's decision), where the model reads the phrase as a body or nothing; a government named
    by a common word, a party or a nationality names nobody."""
    result = run(extractor, made_up_paris(9101),
                 "¶3.  (SBU) As Minister of Fisheries under the Vardanega  Presidency, the "
                 "Mayor chafed against the rules.",
                 "¶4.  (C) The Ruritanian Charge said the Borovina government had conferred "
                 "with the Vardanega government and the Ruritanians did not object.",
                 "¶5.  (C) The Federal government and the Socialist government met the "
                 "Ruritanian regime and the Labour government.")
    found = {m.text for m in result.mentions if m.type == "person"}
    assert {"Vardanega", "Borovina"} <= found
    assert not found & {"Federal", "Socialist", "Ruritanian", "Labour"}


def test_a_surname_the_model_left_off_after_given_names_is_read() -> None:
    """A person read as given names only, where the text goes on with the surname (written
    in capitals, unknown to the model, or on the next line of a wrapped cable), is the whole
    name; what the longer name covers goes; a common word, a title, a body's word or a place
    after a given name is no surname, and a name that goes on past what can be read, a name
    written surname first or a list's next line are left as they stand."""
    from cablescope.entities.extract import _surname_after_given
    from cablescope.entities.spans import Span, Vocabulary, known_places

    casing = {"told": (50, 1, 0), "praises": (1, 4, 0)}  # lower, title, upper
    vocabulary = Vocabulary(casing, known_places())

    def grown(text: str, given: str, *others: str) -> list[str]:
        at = text.index(given)
        spans = [Span(1, at, at + len(given), "person", "ner", 2)]
        for other in others:
            o = text.index(other)
            spans.append(Span(1, o, o + len(other), "person", "ner", 2))
        kept = _surname_after_given(spans, {1: text}, {1: text}, vocabulary)
        return [text[s.start:s.end] for s in kept]

    assert grown("Her lawyer Jan Wieczorkowski told us on May 2.", "Jan") == [
        "Jan Wieczorkowski"]
    assert grown("He married Anna Maria KOWALCZYK Brzoza in 1970.", "Anna Maria",
                 "Brzoza") == ["Anna Maria KOWALCZYK Brzoza"]
    wrapped = "The Ministry said it had had its own troubles with Marek \nSobieraj. It"
    assert grown(wrapped, "Marek") == ["Marek \nSobieraj"]
    # no surname after the given name: a sentence's next word, a title, a body, a place, a
    # word the cables also write in lower case (a headline's verb)
    assert grown("Anna told us May 2.", "Anna") == ["Anna"]
    assert grown("the fund of Jan Foundation staff", "Jan") == ["Jan"]
    assert grown("Anna Minister of Fisheries said", "Anna") == ["Anna"]
    assert grown("Anna Paris office", "Anna") == ["Anna"]
    assert grown("observers: Anna Praises the plan", "Anna") == ["Anna"]
    # a possessive or a comma right after the name: the name ended
    assert grown("Anna's case, Jan, Nowak", "Anna") == ["Anna"]
    # a name going on past three words or into a particle is not cut anew
    assert grown("with Jan Roe Doe Smith Brzoza there", "Jan") == ["Jan"]
    assert grown("release of Jan Roe \nal-Doe soon", "Jan") == ["Jan"]
    # a name written surname first; a list of names, one a line
    assert grown("Extradition: ROE, Jan Maria \n", "Jan") == ["Jan"]
    assert grown("Aide Jan Maria\nAnna Nowak (notes)\n", "Jan Maria") == ["Jan Maria"]
    # a surname the model read is left alone
    assert grown("with Anna Brzoza Sobieraj there", "Anna Brzoza") == ["Anna Brzoza"]


def test_two_posts_joined_before_one_route_are_each_that_post() -> None:
    # Made up: two posts the INFO lines address, then two of which only one is addressed.
    header = ("C O N F I D E N T I A L RURITANIA 000123\n\nSIPDIS\n\nDEPT FOR ABC/XYZ; OSLO AND "
              "ROME FOR XYZ WATCHERS;\nBERN AND SOFIA FOR ABC\n\nE.O. 12958: DECL: 3/18/2019\n")
    found = {(s.type, s.name, header[s.start:s.end])
             for s in routing_spans(0, header, ["AMEMBASSY OSLO", "AMEMBASSY ROME",
                                                "AMEMBASSY BERN"])}
    assert {("org", "Embassy Oslo", "OSLO"), ("org", "Embassy Rome", "ROME")} <= found
    assert not any(text in ("BERN", "SOFIA") for _t, _n, text in found)  # Sofia not addressed
    assert not any(t == "person" for t, _n, _text in found)


def test_a_relay_in_the_routing_lines_names_both_posts() -> None:
    # Made up: a post asks two others to pass its cable on, one line run on into the next.
    header = ("UNCLAS RURITANIA 000123\n\nSIPDIS\n\nSTATE FOR ABC/XYZ\n"
              "AMEMBASSY RURITANIA PASS TO AMCONSUL PORT HARBOUR\n"
              "AMEMBASSY FREEDONIA PASS TO AMEMBASSY SYLVANIA AMEMBASSY TOMAINIA PASS TO AMCONSUL "
              "OSTERLICH\n\nE.O. 12958: N/A\n")
    found = {(s.type, s.name, header[s.start:s.end]) for s in routing_spans(0, header)}
    assert {("org", "Embassy Ruritania", "AMEMBASSY RURITANIA"),
            ("org", "Consulate Port Harbour", "AMCONSUL PORT HARBOUR"),
            ("org", "Embassy Freedonia", "AMEMBASSY FREEDONIA"),
            ("org", "Embassy Sylvania", "AMEMBASSY SYLVANIA"),
            ("org", "Embassy Tomainia", "AMEMBASSY TOMAINIA"),
            ("org", "Consulate Osterlich", "AMCONSUL OSTERLICH")} <= found
    assert not any(t == "person" for t, _n, _text in found)


def test_the_environmental_council_and_the_sanctions_office_are_routing_addressees() -> None:
    # Made up: the Department passes the cable to two agencies of the routing vocabulary.
    header = ("UNCLAS RURITANIA 000123\n\nSIPDIS\n\nSTATE FOR ABC/XYZ\nSTATE PASS CEQ\n"
              "TREASURY FOR GENERAL COUNSEL (ROWAN), OFAC DIRECTOR (NOWAK)\n\n"
              "E.O. 12958: N/A\n")
    found = {(s.type, s.name, header[s.start:s.end]) for s in routing_spans(0, header)}
    assert ("org", "Council on Environmental Quality", "CEQ") in found
    assert ("org", "OFAC", "OFAC") in found
    assert not any(t == "person" and "OFAC" in text for t, _n, text in found)


def test_a_treasury_office_routed_to_by_its_letters_is_a_body() -> None:
    # Made up: a post routes its cable to two offices of the Treasury and to an officer there.
    header = ("UNCLAS RURITANIA 000123\n\nSIPDIS\n\nSTATE FOR ABC/XYZ\n"
              "TREASURY/ABC FOR JANE ROWAN\nSTATE FOR ABC/DE (JNOWAK) AND TREASURY XYZ (JKOWAL)\n"
              "PLEASE PASS TO TREASURY/JKOWAL\n\nE.O. 12958: N/A\n")
    found = {(s.type, header[s.start:s.end]) for s in routing_spans(0, header)}
    assert {("org", "ABC"), ("org", "XYZ")} <= found
    assert ("person", "JANE ROWAN") in found
    assert not any(t == "org" and text == "JKOWAL" for t, text in found)


def test_an_office_routed_to_before_its_officers_in_parentheses_is_a_body() -> None:
    # Made up: a post routes its cable to two offices by their letters, each with its officers
    # in parentheses, and to a third whose officer follows a dash.
    header = ("UNCLAS RURITANIA 000123\n\nSIPDIS\n\n"
              "DEPT FOR ICAR (AMBASSADOR KOWALSKI AND MARTA NOWAK), ABC/XY\n"
              "WHITE HOUSE FOR UVW-KL (PIOTR WISNIEWSKI)\nENERGY FOR WXYZ - ANNA ROWAN\n"
              "\nE.O. 12958: N/A\n")
    found = {(s.type, header[s.start:s.end]) for s in routing_spans(0, header)}
    assert {("org", "ICAR"), ("org", "UVW-KL")} <= found
    assert ("person", "PIOTR WISNIEWSKI") in found
    assert not any(text == "WXYZ" for _t, text in found)


def test_agencies_heading_or_taking_a_route_are_routing_addressees() -> None:
    # Made up: a post routes its cable to agencies that head a route or follow one.
    header = ("UNCLAS RURITANIA 000123\n\nSIPDIS\n\nNASA FOR JKOWALSKI\n"
              "USCG FOR CG-9 AND RURITANIA DESK\nSTATE FOR ABC/XYZ AND USOAS\n"
              "JUSTICE PASS TO DEA\n\nE.O. 12958: N/A\n")
    found = {(s.type, s.name, header[s.start:s.end]) for s in routing_spans(0, header)}
    assert {("org", "NASA", "NASA"), ("org", "US Coast Guard", "USCG"),
            ("org", "US Mission to the OAS", "USOAS"), ("org", "DEA", "DEA")} <= found
    assert any(t == "person" and text == "JKOWALSKI" for t, _n, text in found)


def test_a_route_opening_on_a_bureau_symbol_is_the_department() -> None:
    # Made up: a post routes its cable to State's bureaus by their symbols, with no STATE or
    # DEPT word, and to an agency; only the bureaus' lines name the Department.
    header = ("UNCLAS RURITANIA 000123\n\nSIPDIS\n\nEUR/XY FOR JKOWALSKI; WHA/ABC FOR ROWAN\n"
              "FOR NEA/QRS: JNOWAK\nNASA FOR JWISNIEWSKI\n\nE.O. 12958: N/A\n")
    found = {(s.type, s.name, header[s.start:s.end]) for s in routing_spans(0, header)}
    assert ("org", "Department of State", "EUR/XY") in found
    assert ("org", "Department of State", "NEA/QRS") in found
    assert not any(n == "Department of State" and text == "NASA" for _t, n, text in found)


def test_a_short_name_beside_the_full_name_is_that_body() -> None:
    """An agency's short name in a list ("Labor") joins the department a routing line or the
    text names in full, and a body's head before "of" ("Harbour Bank") the one body of the
    cable named so; with no full name, or two that fit, each stays as written (made-up
    names)."""
    def org(name: str) -> Mention:
        return Mention(ORG, text=name, name=name, key=name_key(name), source="text")

    mentions = [org("Department of Labor"), org("Labor"), org("Harbour Bank of Ruritania"),
                org("Harbour Bank"), org("Treasury")]
    link(mentions, [], made_up_paris(9993))
    names = {m.text: m.name for m in mentions}
    assert names["Labor"] == "Department of Labor", names
    assert names["Harbour Bank"] == "Harbour Bank of Ruritania", names
    assert names["Treasury"] == "Treasury", names  # its department is not named
    two = [org("Harbour Bank of Ruritania"), org("Harbour Bank of Borduria"),
           org("Harbour Bank")]
    link(two, [], made_up_paris(9994))
    assert two[2].name == "Harbour Bank", two[2].name


def test_a_body_cut_at_its_kind_word_takes_its_name_after_of_or_for() -> None:
    """The model often stops a body's name at its kind word ("the Special Tribunal" + " for
    Harbour Islands"): the labels name it in full, so the span goes on over "of", "for" or "on"
    and up to four capitalised words, but not over a month or a weekday (made-up names)."""
    text = ("Ruritania will appeal to the Special Tribunal for Harbour Islands next week, "
            "and the Harbour Court on Monday heard the Fisheries Council of\nNorth Borduria.")
    assert cleaned(ORG, text, "Special Tribunal") == "Special Tribunal for Harbour Islands"
    assert cleaned(ORG, text, "Harbour Court") == "Harbour Court"
    assert cleaned(ORG, text, "Fisheries Council") == "Fisheries Council of North Borduria"


def test_a_body_taken_on_over_its_tail_covers_the_body_read_there() -> None:
    """Where the model read the tail as a body of its own ("Harbour Court" and "Marine
    Claims", over a line break), the body taken on over it covers it: one body, not two
    (made-up names)."""
    from cablescope.entities.spans import Span, Vocabulary, _clean, join_split_orgs

    text = "The Harbour Court of\nMarine Claims ruled on May 3."
    start = text.index("Harbour Court")
    _kind, a, b, _title = _clean(ORG, text, start, start + len("Harbour Court"), Vocabulary())
    tail = text.index("Marine Claims")
    spans = [Span(1, a, b, ORG, "ner", 2, head_word=True),
             Span(1, tail, tail + len("Marine Claims"), ORG, "ner", 2)]
    joined = join_split_orgs(text, spans, Vocabulary())
    assert [" ".join(text[s.start:s.end].split()) for s in joined] == [
        "Harbour Court of Marine Claims"]


def test_a_congressional_delegation_named_by_its_leader_is_that_leader(
        extractor: Extractor) -> None:
    """"Codel Brantley", "CODEL BRANTLEY": a congressional delegation named by its leader's
    surname is that person (the labels' alias of the representative), not a person "Codel
    Brantley", and "the Codel" alone names no person (made-up text)."""
    oslo = made_up_oslo(9993)
    result = run(extractor, oslo,
                 "¶1. (C) Summary: On May 3, Codel Brantley -- U.S. Representatives Tomasz "
                 "Brantley and Anna Nowak -- met with Prime Minister Jan Kowalski. Kowalski "
                 "thanked the Codel for its support.",
                 "¶2. (C) Representatives Brantley and Nowak met the Minister of Fisheries.")
    assert not any("codel" in fold(name) for name in people(result)), people(result)
    assert any(name.endswith("Brantley") for name in people(result)), people(result)


def test_a_group_of_states_named_by_letter_and_number_is_a_body(extractor: Extractor) -> None:
    """"G-8", "G20", "P-3" and "P5+1" (also "P5 plus 1" and the stored text's "P5 1") are
    bodies, as a noun's modifier too; an aircraft's "P-3", a UN grade's "P-5" and a group
    right before "summit" (the meeting named) are not (made-up text)."""
    result = run(extractor, made_up_paris(9101),
                 "2. (C) Minister Jan Kowalski said Ruritania would coordinate a G-7 statement "
                 "with the P-3 before the G20 ministers meet, and urged the P5 1 to meet Borduria.",
                 "3. (C) Ruritania backs the P5 plus 1 offer; the G-77 objected.",
                 "4. (C) Ruritania approved two P-3 aircraft flights, offered a P-5 post to "
                 "Jan Kowalski before the G-8 summit.")
    found = orgs(result)
    assert {"G-7", "P-3", "G20", "P5 1", "P5 plus 1", "G-77"} <= found
    assert "P-5" not in found
    fourth = {m.text for m in result.mentions if m.type == ORG and m.seq == 3}
    assert not fourth & {"P-3", "P-5", "G-8"}


def test_the_prime_ministers_office_with_the_premier_named_is_a_body(
        extractor: Extractor) -> None:
    """"PM Doe's office" and "Prime Minister Doe's office" are the host country's prime
    minister's office, and the premier named between stays a person; another title's office is
    not read (made-up text)."""
    oslo = made_up_oslo(9962)
    result = run(extractor, oslo,
                 "2. (C) Minister Anna Nowak said the draft will next go to PM Jan Kowalski's "
                 "office, and the Harbour Minister's office agreed.",
                 "3. (C) Prime Minister Kowalski's office did not comment.")
    found = {(m.text, m.name) for m in result.mentions if m.type == ORG}
    assert ("PM Jan Kowalski's office", "Prime Minister's Office (Norway)") in found, found
    assert ("Prime Minister Kowalski's office", "Prime Minister's Office (Norway)") in found
    assert not any(text.startswith("Harbour") for text, _name in found), found
    assert any(name.endswith("Kowalski") for name in people(result)), people(result)


def test_a_ministrys_desk_for_a_country_is_a_body(extractor: Extractor) -> None:
    """"the MFA's Ruritania desk", "the Borduria Desk": a ministry's desk is a body, from its
    topic's words to "desk", no person; a body's letters as the topic stay that body too; a
    desk officer stays a title (made-up text)."""
    oslo = made_up_oslo(9961)
    result = run(extractor, oslo,
                 "2. (C) Anna Nowak of the MFA's Ruritania desk said the Borduria Desk "
                 "would reply.",
                 "3. (C) Freedonia desk officer Jan Kowalski agreed.",
                 "4. (C) Piotr Zielinski worked on the MFA's NATO desk until May.")
    found = {m.text for m in result.mentions if m.type == ORG}
    assert {"Ruritania desk", "Borduria Desk", "NATO desk", "NATO"} <= found, found
    assert not any("Freedonia" in text for text in found), found
    assert not any("Ruritania" in name or "Borduria" in name for name in people(result))


def test_a_ship_named_by_its_navy_prefix_is_no_person(extractor: Extractor) -> None:
    """"USS Jane Kowalski", "HMS Tomasz Brantley": a ship named by its navy's prefix is no
    person, even where the name after the prefix is a person's; the people beside it stay
    (made-up text)."""
    oslo = made_up_oslo(9994)
    result = run(extractor, oslo,
                 "¶1. (C) Summary: The submarine tender USS Jane Kowalski will call at Ruritown "
                 "in May, Minister Anna Nowak told the Ambassador on March 1.",
                 "¶2. (C) The visit of HMS Tomasz Brantley and USS Jane Kowalski was welcomed "
                 "by Nowak, who met Admiral Piotr Zielinski.")
    assert not any("kowalski" in fold(name) or "brantley" in fold(name)
                   for name in people(result)), people(result)
    assert any(name.endswith("Nowak") for name in people(result)), people(result)


@pytest.mark.parametrize(("text", "person"), [
    ("The team was Ana Nowak, Pedro Rurik, and Eva Kowalska of the harbour office.", True),
    ("Judges: Jan Kowalski (harbours);  Pedro Rurik (federal crimes); and Eva Kowalska.", True),
    ("Shares of Pedro Rurik rose after it reopened the port in Ruritania.", False),
    ("Ana Nowak said Pedro Rurik would reopen the port in Ruritania.", False),
])
def test_a_given_name_and_surname_listed_with_people_is_a_person(text: str,
                                                                person: bool) -> None:
    """A model body written as a given name and a surname, written once, that stands in a
    list beside a person ("Ana Nowak, Pedro Rurik, and Eva Kowalska"; "Jan Kowalski
    (harbours);  Pedro Rurik (federal crimes)") is a person; one written once outside such a
    list stays a body (made-up text and a made-up model reading)."""
    from cablescope.entities.extract import _given_and_surname
    from cablescope.entities.spans import Span, Vocabulary

    def at(words: str, kind: str) -> Span:
        start = text.index(words)
        return Span(1, start, start + len(words), kind, "ner", 2)

    span = at("Pedro Rurik", ORG)
    people = [at(name, "person") for name in ("Ana Nowak", "Jan Kowalski", "Eva Kowalska")
              if name in text]
    _given_and_surname([*people, span], {1: text}, {1: text}, Vocabulary())
    assert (span.type == "person") is person, span.type


def test_a_title_word_after_a_given_name_with_no_name_after_it_is_the_surname() -> None:
    """A person's last word that is a title's or a description's word is cut off as the next
    name's title ("Yousef Brigadier" + "Roe"), but after a given name of the lists, with no
    capitalised word right after it, it is the surname ("Pedro Singer said", "Juana Bishop,")
    (made-up names)."""
    from cablescope.entities.model import PERSON

    text = ("In Ruritown Pedro Singer said that Juana Bishop, the harbour's owner, met Ivo Major."
            " Yousef Brigadier Roe and Ali Colonel\nDoe listened.")
    assert cleaned(PERSON, text, "Pedro Singer") == "Pedro Singer"
    assert cleaned(PERSON, text, "Juana Bishop") == "Juana Bishop"
    assert cleaned(PERSON, text, "Ivo Major") == "Ivo Major"
    assert cleaned(PERSON, text, "Yousef Brigadier") == "Yousef"
    assert cleaned(PERSON, text, "Ali Colonel") == "Ali"


def test_the_department_broken_by_a_line_or_after_requests_is_the_department_of_state(
        extractor: Extractor) -> None:
    """"the \\nDepartment": a post's cable wraps its lines, so "the" may end one line and
    "Department" open the next; the two words are still the Department of State, and so is
    "Department" after a post's verb of asking ("Post requests Department guidance")."""
    post = CableContext(id="09RURITANIA12", created="2009-03-02 12:00", origin="Embassy Zenda",
                        country="RU")
    result = run(extractor, post,
                 "¶1. (SBU) The Harbour Board asked that the Embassy report the port fees to the \n"
                 "Department.  Embassy thanks the \n  Department in advance for its reply.",
                 "¶2. (SBU) Action request: Post requests Department guidance on the fees.")
    found = [m for m in result.mentions if m.type == "org" and m.name == "Department of State"]
    assert len(found) == 3, [(m.text, m.name) for m in result.mentions]


def test_a_titled_gulf_name_keeps_its_hyphened_family_name(extractor: Extractor) -> None:
    """"Minister of Housing Sheikh Faisal bin Rashed Al-Mannai": a name after a title of five
    words, one of them joined by a hyphen ("Al-Mannai"), is read whole; the hyphen counts as no
    word of the five (it did, and the name stopped at "bin Rashed"), so the meeting's party is
    the person the cable names (made-up text)."""
    manama = CableContext(id="08MANAMA9990", created="2008-03-02 10:00",
                          origin="Embassy Manama", country="BH")
    result = run(extractor, manama,
                 "¶1. (C) Minister of Housing Sheikh Faisal bin Rashed Al-Mannai told the "
                 "Ambassador on February 24 that the new towns would open in the autumn.")
    assert ("Faisal bin Rashed Al-Mannai", "Faisal bin Rashed Al-Mannai") in written_as(result)
    assert "Faisal bin Rashed" not in people(result)
    assert any(result.mentions[p.mention].name == "Faisal bin Rashed Al-Mannai"
               for m in result.meetings for p in m.participants if p.mention is not None)


@pytest.mark.parametrize("bracket", ["(Al Daily, Al Harbour Al Youm, 11/22/09)",
                                     "(Al Daily and Al Harbour Al Youm, 6/8/2009)"])
def test_the_models_person_inside_a_cited_newspaper_is_that_newspaper(bracket: str) -> None:
    # Made up, in the manner of the cables' media reports: the model reads the tail of a
    # newspaper's name in a dated citation ("Harbour Al Youm") as a person; the whole cited
    # name is the body ("and" also parts the bracket's names).
    from cablescope.entities.model import PERSON
    from cablescope.entities.spans import Span, publications
    text = "¶2. (U) The Minister of Harbours said ferry tariffs would fall " + bracket + "."
    a = text.index("Harbour Al Youm")
    spans = publications([Span(0, a, a + len("Harbour Al Youm"), PERSON, "ner", 2)], {0: text})
    assert not [s for s in spans if s.type == PERSON]
    assert "Al Harbour Al Youm" in {text[s.start : s.end] for s in spans if s.type == ORG}


def test_a_told_contact_takes_the_day_closing_its_clause(extractor: Extractor) -> None:
    """"A briefed B on the proposal on February 20 and ...": the day written "on" it at the end
    of the clause dates the conversation, however far past the object it sits; a day after a
    that-clause or another clause's verb is what was told (made-up text in the cables' style)."""
    result = run(extractor, made_up_paris(9111),
                 "¶1. (C) PolOff briefed Deputy Minister Jan Kowalski on the regional customs "
                 "union proposal on February 20 and asked for a reply by March.")
    (meeting,) = [m for m in result.meetings if "Jan Kowalski" in {p.label for p in m.participants}]
    assert (meeting.date, meeting.date_source) == ("2008-02-20", "text")
    result = run(extractor, made_up_paris(9112),
                 "¶1. (C) Deputy Minister Jan Kowalski told PolOff that the regional customs "
                 "union would be signed on February 12.")
    (meeting,) = [m for m in result.meetings if "Jan Kowalski" in {p.label for p in m.participants}]
    assert (meeting.date, meeting.date_source) == ("2008-03-02", "cable")
    result = run(extractor, made_up_paris(9113),
                 "¶1. (C) Deputy Minister Jan Kowalski told PolOff the regional customs union "
                 "negotiators visited the border crossing on February 12.")
    (meeting,) = [m for m in result.meetings if "Jan Kowalski" in {p.label for p in m.participants}]
    assert (meeting.date, meeting.date_source) == ("2008-03-02", "cable")


def test_a_told_contact_takes_the_day_written_on_its_occasion(extractor: Extractor) -> None:
    """"A briefed B on ... in a February 20 meeting in Lyon": the day written on the occasion of
    the conversation dates it, however far past the object it sits; a day written on an
    occasion inside what was told ("told B that ... during a meeting on February 12") is another
    encounter's (made-up text in the cables' style)."""
    ctx = made_up_paris(9101)
    result = run(extractor, ctx,
                 "¶1. (C) Deputy Minister Jan Kowalski briefed the Ambassador on the new customs "
                 "rules and their effect on regional trade in a February 20 meeting in Lyon.")
    (meeting,) = [m for m in result.meetings
                  if {"Jan Kowalski", "Ambassador"} <= {p.label for p in m.participants}]
    assert (meeting.date, meeting.date_source) == ("2008-02-20", "text")
    result = run(extractor, made_up_paris(9102),
                 "¶1. (C) Deputy Minister Jan Kowalski told the Ambassador that the new customs "
                 "rules had been agreed with the regional authorities during a meeting on "
                 "February 12.")
    (meeting,) = [m for m in result.meetings
                  if {"Jan Kowalski", "Ambassador"} <= {p.label for p in m.participants}]
    assert (meeting.date, meeting.date_source) == ("2008-03-02", "cable")


def test_a_day_naming_another_event_leaves_the_contact_its_own_day(
        extractor: Extractor) -> None:
    """"the April 21 Ministerial" names another event; the contact is dated by its own day, both
    in its sentence and for a later sentence of the paragraph (made-up)."""
    result = run(extractor, made_up_oslo(9961),
                 "¶1. (C) During a February 26 dinner hosted by Foreign Minister Tor Halvik, "
                 "talk turned to the March 19 Fisheries Ministerial in Bergen. Privately, "
                 "Halvik told the Ambassador that the quotas would hold.")
    dated = {m.date for m in result.meetings}
    assert dated and dated <= {"2008-02-26"}


def test_a_retold_meeting_takes_the_month_written_on_it_not_the_day_it_was_told(
        extractor: Extractor) -> None:
    """"X stated on [day] that she met Y in March 2006": the month closing the retold meeting's
    clause dates it, not the day of the telling before the "that"; a day after the "that" keeps
    the day (made-up text in the cables' style)."""
    def dated(number: int, paragraph: str, *labels: str) -> set[str | None]:
        result = run(extractor, made_up_paris(number), paragraph)
        return {m.date for m in result.meetings
                if set(labels) <= {p.label for p in m.participants}}

    assert dated(9541, "¶1. (C) On February 6, in a testimony before the harbour committee, Anna "
                 "Kowalska stated that she met with President Varga in March 2006 to request "
                 "federal help.", "Anna Kowalska", "Varga") == {"2006-03"}
    assert dated(9542, "¶1. (C) Anna Kowalska stated that she met with President Varga on "
                 "February 6 in the capital, as planned in January.",
                 "Anna Kowalska", "Varga") == {"2008-02-06"}
    assert dated(9543, "¶2. (C) The harbour accord, a major topic during the January meeting "
                 "between Secretary Nowak and Foreign Minister Varga, was discussed again.",
                 "Nowak", "Varga") == {"2008-01"}


def test_an_acronym_read_in_the_routing_lines_is_no_person() -> None:
    """"PASS TO ZQXB - JANE NOWAK", "FOR ZORBCOM": a body's or a command's letters, which the
    mixed-case cables mostly write in capitals, are no officer; a surname the corpus writes
    capitalised ("KOWALSKI"), a given name and a glued initial ("JDOE") stay people (made-up
    text)."""
    casing = {"zqxb": (0, 0, 14), "zorbcom": (0, 1, 30), "kowalski": (0, 12, 1),
              "ilse": (0, 0, 5)}
    extractor = Extractor(casing=casing)
    header = ("UNCLAS OSLO 000123\n\nSIPDIS\n\nENERGY PLEASE PASS TO ZQXB - JANE NOWAK\n"
              "DEPT FOR EUR/NB KOWALSKI, ZORBCOM, ILSE AND JDOE\n\nE.O. 12958: N/A\n"
              "TAGS: ENRG NO\nSUBJECT: HARBOUR FUEL\n\n")
    result = extractor.extract(made_up_oslo(9961), [Block(0, None, header)])
    routed = {m.text for m in result.mentions if m.type == "person" and m.source == "routing"}
    assert {"JANE NOWAK", "KOWALSKI", "ILSE", "JDOE"} <= routed
    assert not routed & {"ZQXB", "ZORBCOM"}


def test_the_legal_attache_written_as_its_symbol_is_no_person(extractor: Extractor) -> None:
    """"Legatt noted that", "told LEGAT": the post's Legal Attache by its office symbol is
    never (part of) a person's name; the minister named beside it stays (made-up)."""
    result = run(extractor, made_up_oslo(9431),
                 "1. (C) Legatt noted that Minister Kari Nordvik had asked for the file. "
                 "Nordvik later told LEGAT that the request stood.")
    found = people(result)
    assert not any("legat" in name.lower() for name in found), found
    assert "Kari Nordvik" in found, found


def test_an_attache_written_as_its_run_together_symbol_is_no_person(
        extractor: Extractor) -> None:
    """"Finatt told", "told AgAtt", "NAVATT STATES": the post's attaches by their office
    symbols are never (part of) a person's name; the official named beside them stays
    (made-up)."""
    result = run(extractor, made_up_oslo(9437),
                 "1. (C) Deputy Governor Kari Nordvik told Finatt on May 3 that the bank "
                 "would act. In response, Finatt stressed the risk. Nordvik also told AgAtt "
                 "that the tariff stood, and PetAtt met the ministry the next day.")
    found = people(result)
    assert not any(w in name.lower() for name in found
                   for w in ("finatt", "agatt", "petatt")), found
    assert "Kari Nordvik" in found, found


def test_the_middle_word_of_a_deputy_permanent_title_is_no_person(
        extractor: Extractor) -> None:
    """"Deputy Permanent Secretary" with no name after it: "Permanent" is the title's word, no
    surname; a deputy permanent representative named after the title stays a person (made-up)."""
    ctx = made_up_oslo(4913)
    result = run(extractor, ctx,
                 "In a call 3/4 the Ministry of Fisheries Deputy Permanent Secretary told "
                 "Embassy that the quota talks would resume.",
                 "Deputy Permanent Representative to NATO Arne Vollum will attend.")
    found = people(result)
    assert "Permanent" not in found
    assert "Arne Vollum" in found


def test_cote_cut_from_its_place_name_is_no_person(extractor: Extractor) -> None:
    """"Cote d’Ivoire", "the Cote d’Azur": the model cuts the place at its curly apostrophe;
    "Cote" is no surname, the person beside it stays (made-up)."""
    ctx = made_up_paris(4914)
    result = run(extractor, ctx,
                 "Director Henri Malbec said the courier flew on to Cote d’Ivoire, and "
                 "another had a villa on the Cote d’Azur.")
    found = people(result)
    assert "Cote" not in found
    assert "Henri Malbec" in found


def test_a_casa_seat_of_government_is_no_person(extractor: Extractor) -> None:
    """"Casa" and a house's name: a seat of government named as a house is a body, no person;
    the official named beside it stays (made-up)."""
    ctx = made_up_oslo(4915)
    result = run(extractor, ctx,
                 "Casa Verdemar told him then that the bill would wait. The Casa Lindoro had "
                 "no comment, Advisor Ingrid Solberg said.")
    found = people(result)
    assert not any("Casa" in name for name in found), found
    assert "Ingrid Solberg" in found
    assert "Casa Verdemar" in {m.name for m in result.mentions if m.type == ORG}


def test_a_spanish_or_portuguese_rank_before_a_name_is_a_title(extractor: Extractor) -> None:
    """A legislator's or an officer's rank left untranslated before the name ("Diputado",
    "Brigadeiro") is the person's title, not the first word of the name (made-up)."""
    ctx = made_up_oslo(4916)
    result = run(extractor, ctx,
                 "The ministry would work with Diputado Ramon Estrabel Quiroga of the Widget "
                 "Committee.  The President had instructed Brigadeiro Valtorno to meet the "
                 "Ruritanian delegation.")
    found = people(result)
    assert not any(w in name for name in found for w in ("Diputado", "Brigadeiro")), found
    assert {"Ramon Estrabel Quiroga", "Valtorno"} <= found, found


def test_words_dated_to_a_day_with_no_listener_are_a_meeting_with_the_post(
        extractor: Extractor) -> None:
    """An official's words dated to the day with no listener written, the paragraph going on
    with what the official said, are a meeting of the official with `EmbOff` that day; a dated
    remark the paragraph leaves at once, or one said in public, is none (made-up text)."""
    oslo = made_up_oslo(9992)
    result = run(extractor, oslo,
                 "¶1. (C) Widget Ministry Desk Officer Marta Kvalheim said March 1 that the "
                 "government would not oppose the Ruritanian resolution. Kvalheim added that "
                 "the vote would come in April.")
    meetings = [(sorted(p.label for p in m.participants), m.date) for m in result.meetings]
    assert (["EmbOff", "Marta Kvalheim"], "2008-03-01") in meetings, meetings
    for text in ("¶1. (C) The harbour was closed in January. Harbour Director Olav Brekstad "
                 "said on March 1 that the trial would open soon.",
                 "¶1. (C) Widget Minister Olav Brekstad said March 1 in a statement to the press "
                 "that the port would close. Brekstad added that it would reopen."):
        found = run(extractor, made_up_oslo(9993), text).meetings
        assert not found, [(sorted(p.label for p in m.participants), m.date) for m in found]


def test_a_pronoun_opening_a_sentence_is_the_last_sentences_subject_an_officer_too(
        extractor: Extractor) -> None:
    """"She spoke by phone with X" right after a sentence the Ambassador opens: the
    Ambassador met X (and, "separately", Y), not the person the paragraph named most; the
    count of people alone never reaches a post's officer (made-up text)."""
    result = run(extractor, made_up_oslo(9994),
                 "¶3. (C) The Ambassador raised the closure of the harbour in conversations "
                 "with the Ruritanian leadership on April 7.  She spoke separately by phone with "
                 "Widget Minister Robert Hallworth and Harbour Minister Peter Lindqvist.")
    meetings = [(sorted(p.label for p in m.participants), m.date) for m in result.meetings]
    assert (["Ambassador", "Robert Hallworth"], "2008-04-07") in meetings, meetings
    assert (["Ambassador", "Peter Lindqvist"], "2008-04-07") in meetings, meetings
    result = run(extractor, made_up_oslo(9995),
                 "¶3. (C) PolOff asked about Widget Minister Robert Hallworth's plans on April 7. "
                 "He met with Harbour Minister Peter Lindqvist the same day.")
    meetings = [(sorted(p.label for p in m.participants), m.date) for m in result.meetings]
    assert any(labels == ["Peter Lindqvist", "PolOff"] for labels, _date in meetings), meetings
    assert not any("Robert Hallworth" in labels for labels, _date in meetings), meetings
    result = run(extractor, made_up_oslo(9996),
                 "¶4. (C) Robert Hallworth's remark reminded us of an earlier conversation in May "
                 "with Harbour Minister Anna Lindqvist.  She told us that the harbour would stay "
                 "closed.")
    meetings = [(sorted(p.label for p in m.participants), m.date) for m in result.meetings]
    assert not any("Robert Hallworth" in labels for labels, _date in meetings), meetings


def test_a_route_opening_on_a_list_of_state_offices_is_the_department() -> None:
    # Made up: a post routes its cable to State's offices by a list of symbols whose first is
    # no bureau in the opening rule (an office, a principal's letter), or after PLEASE PASS;
    # a list with an agency in it, or a lone letter with no route, names no Department.
    lines = ["FOR CT, T, AND EUR", "FOR G/XYZ AND NEA", "PLEASE PASS D, E, SA, WHA",
             "PLEASE PASS TO PRM/ABC/XYZ FOR JAN KOWALSKI", "P FOR JAN NOWAK"]
    for line in lines:
        header = f"UNCLAS RURITANIA 000123\n\nSIPDIS\n\n{line}\n\nE.O. 12958: N/A\n"
        found = {s.name for s in routing_spans(0, header) if s.type == "org"}
        assert "Department of State" in found, line
    for line in ["FOR NSC AND EUR", "FOR P. ROWAN", "FOR WIDGET COORDINATOR"]:
        header = f"UNCLAS RURITANIA 000123\n\nSIPDIS\n\n{line}\n\nE.O. 12958: N/A\n"
        found = {s.name for s in routing_spans(0, header) if s.type == "org"}
        assert "Department of State" not in found, line


def test_a_contact_retold_by_surname_joins_the_dated_record_naming_the_person_in_full(
        extractor: Extractor) -> None:
    """A later paragraph naming a person by a surname two people of the cable share ("Kowalski
    told PolOff", after Minister Jan Kowalski and his brother Adam Kowalski) tells of the contact
    the opening dated with the same officer: one record, that day, not a second one on the
    cable's date; a contact of the surname with another party stays its own (made-up text)."""
    result = run(extractor, made_up_oslo(9996),
                 "¶1. (C) Summary: On February 14, Widget Minister Jan Kowalski told PolOff that "
                 "his brother, Adam Kowalski, would lead the trade delegation to Ruritania. End "
                 "summary.",
                 "¶2. (C) The delegation will visit three cities in April.",
                 "¶3. (C) Kowalski told PolOff that the ministry hoped to sign a widget agreement "
                 "during the visit.")
    meetings = [(sorted(p.label for p in m.participants), m.date) for m in result.meetings]
    assert meetings == [(["Jan Kowalski", "PolOff"], "2008-02-14")], meetings
    result = run(extractor, made_up_oslo(9997),
                 "¶1. (C) Summary: On February 14, Widget Minister Jan Kowalski told PolOff that "
                 "his brother, Adam Kowalski, would lead the trade delegation to Ruritania. End "
                 "summary.",
                 "¶2. (C) Kowalski met Harbour Minister Peter Lindqvist on February 20 to plan "
                 "the visit.")
    meetings = [(sorted(p.label for p in m.participants), m.date) for m in result.meetings]
    assert (["Jan Kowalski", "PolOff"], "2008-02-14") in meetings, meetings
    assert (["Kowalski", "Peter Lindqvist"], "2008-02-20") in meetings, meetings


def test_a_short_cables_body_run_on_below_its_header_is_read_for_meetings(
        extractor: Extractor) -> None:
    """A short cable whose only paragraph is unnumbered and run on below "Classified By" in the
    header's block: that text is its body, read for meetings like any paragraph; a summary there
    is not (the numbered paragraphs tell it again) (made-up text)."""
    ctx = CableContext(id="08OSLO9901", created="2008-03-02 10:00", origin="Embassy Oslo",
                       country="NO", classified_by=("Jan Doe",), classified_by_title="Ambassador")
    header = ("C O N F I D E N T I A L OSLO 009901\n\nSIPDIS\n\nE.O. 12958: DECL: 03/01/2018\n"
              "TAGS: PREL NO\nSUBJECT: RURITANIA: WIDGET DEMARCHE DELIVERED\n\n"
              "REF: STATE 12345\n\nClassified By: Ambassador Jan Doe for reasons 1.4 (b) and "
              "(d).\n\n")
    body = ("(C) Poloff delivered reftel points on widget exports to Widget Ministry Director "
            "Kari Nordmann on February 28. Nordmann said Norway would study the request.\n")
    result = extractor.extract(ctx, [Block(0, None, header + body), Block(1, None, "DOE")])
    meetings = [(sorted(p.label for p in m.participants), m.date) for m in result.meetings]
    assert meetings == [(["Kari Nordmann", "PolOff"], "2008-02-28")], meetings
    summary = "Summary: " + body + "End Summary.\n"
    result = extractor.extract(ctx, [Block(0, None, header + summary), Block(1, 1, "¶1. DOE")])
    assert result.meetings == []


def test_a_subject_with_no_blank_line_below_ends_where_the_body_begins(
        extractor: Extractor) -> None:
    """A subject of several lines with the rest of a short cable run on below it, no blank line
    between: the subject ends at the body's marking, and the body is read (made-up text)."""
    ctx = CableContext(id="08OSLO9902", created="2008-03-02 10:00", origin="Embassy Oslo",
                       country="NO")
    block = ("E.O. 12958: DECL: 03/01/2018 \nTAGS: ECON NO\nSUBJECT: RURITANIA WEIGHS NEW "
             "LICENCES FOR WIDGET \nEXPORTS REF: STATE 12345 Classified By: Ambassador Jan Doe "
             "for reasons 1.4 (b) and (d) (C) PolOff raised the licensing question with the "
             "Widget Ministry. Widget Ministry Under Secretary Kari Nordmann told PolOff on "
             "February 28 that the cabinet would decide by the spring. She said her staff had "
             "drafted three options for the minister. Nordmann added that the northern "
             "islands' council wanted a say before any licence is issued, and that the "
             "ministry would consult the exporters' association first; she offered to brief "
             "the embassy again once the cabinet has decided.\n")
    result = extractor.extract(ctx, [Block(0, None, "UNCLAS OSLO 009902\n"),
                                     Block(1, None, "SIPDIS\n"), Block(2, None, block)])
    meetings = [(sorted(p.label for p in m.participants), m.date) for m in result.meetings]
    assert (["Kari Nordmann", "PolOff"], "2008-02-28") in meetings, meetings


def test_state_beside_a_us_agency_is_the_department(extractor: Extractor) -> None:
    """"State" alone in a pair or list of US agencies ("State and Commerce officials", "Energy,
    State and the Widget Ministry", "a State/USTR team", "a State-Treasury review") is the
    Department of State; "Secretary of State and Defense", "secretaries of State and Defense"
    and "Head of State and Government" are titles (made-up text)."""
    def departments(*paragraphs: str) -> list[str]:
        result = run(extractor, made_up_oslo(9911), *paragraphs)
        return [m.text for m in result.mentions
                if m.type == ORG and m.name == "Department of State"]

    for text in ("1. (C) The Ruritanian delegation met State and Commerce officials on widget "
                 "exports last week.",
                 "1. (C) The Widget Ministry will work with Energy, State and the central bank "
                 "on the widget levy.",
                 "1. (C) A State/USTR widget team visited the plant in Springfield.",
                 "1. (C) A State-Treasury review of the widget levy will end in March."):
        assert departments(text) == ["State"], text
    for text in ("1. (C) The Secretary of State and Defense Secretary will visit Springfield.",
                 "1. (C) He said the President, secretaries of State and Defense, and the "
                 "chiefs all agreed.",
                 "1. (C) The Ruritanian Head of State and Government spoke on widgets."):
        assert departments(text) == [], text


def test_the_posts_sections_by_their_codes_are_no_bodies() -> None:
    """The post's own sections and staff by their standing codes ("MGT", "CONS", "SEO", "LES",
    "LE Staff") are no body when the model reads them as one; a code other bodies share ("IPC",
    "FPU") is a section in a list of the post's sections, an agency listed beside them stays,
    and outside such a list it is left as read (made-up text)."""
    text = ("¶2. (SBU) The Springfield EAC met on May 4. Attending were ECON, MGT, RSO, WDA, "
            "FPU, CONS and IPC. SEO will brief LES and LE Staff on the Harbour Police plan.")
    for words, kind in (("MGT", None), ("CONS", None), ("SEO", None), ("LES", None),
                        ("LE Staff", None), ("FPU", None), ("IPC", None), ("WDA", ORG),
                        ("Harbour Police", ORG)):
        assert read_as(text, words) == kind, words
    alone = "¶3. (U) Ruritania backs the IPC and the Widget Ministry on ship rules."
    assert read_as(alone, "IPC") == ORG
