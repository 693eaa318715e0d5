"""A small hostile corpus for the web tests: cables whose text and fields carry markup-like strings
(`<script>`, `&amp;`, quotes), redactions, REF links both ways and two published versions.

Built through `Store.add` from hand-made `Cable`s, so the web tests do not depend on the parser's
choices; every string here is invented.
"""

from __future__ import annotations

from pathlib import Path

from cablescope.parse.model import Cable, Paragraph, Recipient, Reference
from cablescope.sources.record import RawRecord
from cablescope.store import Store

SCRIPT = "<script>alert('x')</script>"
HOSTILE_SUBJECT = f"TALKS ON {SCRIPT} & <b>TARIFFS</b>"


def _cable(cable_id: str, created: str, body: list[tuple[int | None, str | None, str]],
           **fields: object) -> Cable:
    """A cable whose text is its paragraphs joined by blank lines, offsets computed."""
    text = ""
    paragraphs = []
    for seq, (number, marking, para) in enumerate(body):
        if text:
            text += "\n\n"
        start = len(text)
        text += para
        paragraphs.append(Paragraph(seq, number, marking, para, start, len(text)))
    return Cable(id=cable_id, raw_id=cable_id, text=text, created=created,
                 paragraphs=paragraphs, **fields)  # type: ignore[arg-type]


def _record(cable: Cable, seen: str) -> RawRecord:
    return RawRecord("synthetic.tar", f"cable/{cable.id}.html", "html", cable.text,
                     meta={"id": cable.id, "seen": seen})


def cables() -> list[tuple[Cable, str]]:
    """(cable, seen) in ingest order; 09TESTPOST2 comes twice (a redaction lifted)."""
    first = _cable(
        "09TESTPOST1", "2009-03-02 10:00",
        [(None, None, "S E C R E T TESTPOST 000001\nSUBJECT: " + HOSTILE_SUBJECT),
         (1, "C", "The minister said tariffs & quotas <would> fall; see "
                  "http://example.org/?a=1&b=2 ."),
         (2, "S/NF", f"A source, XXXXXXXXXXXX, passed a note reading {SCRIPT}."),
         (3, "U", "Paragraph three mentions Blofeld Ernst twice: Blofeld.")],
        origin="Embassy Testpost", classification="SECRET//NOFORN", caveats=["NOFORN"],
        subject=HOSTILE_SUBJECT, tags=["PREL", "ETRD", "XT"], subject_tags=["PREL", "ETRD"],
        geo_tags=["XT"], signers=["SMITH"], redactions=1,
        recipients=[Recipient("from", "AMEMBASSY TESTPOST"), Recipient("to", "SECSTATE")],
    )
    second_v1 = _cable(
        "09TESTPOST2", "2009-04-01 08:00",
        [(None, None, "C O N F I D E N T I A L TESTPOST 000002\nREF: TESTPOST 1"),
         (1, "C", "Following up on reftel, Ambassador Smith met with XXXXXXXXXXXX on March 3."),
         (2, "C", "He was upbeat."),
         (3, "C", 'Goldfinger said that "the tariffs will fall next year."')],
        origin="Embassy Testpost", classification="CONFIDENTIAL", subject="FOLLOW-UP",
        tags=["PREL"], subject_tags=["PREL"], redactions=1,
        references=[Reference("TESTPOST 1", "09TESTPOST1"),
                    Reference("Email of March 3", None, "B")],
    )
    second_v2 = _cable(
        "09TESTPOST2", "2009-04-01 08:00",
        [(None, None, "C O N F I D E N T I A L TESTPOST 000002\nREF: TESTPOST 1"),
         (1, "C", "Following up on reftel, Ambassador Smith met with Minister Auric "
                  "Goldfinger on March 3."),
         (2, "C", "He was upbeat and candid."),
         (3, "C", 'Goldfinger said that "the tariffs will fall next year."')],
        origin="Embassy Testpost", classification="CONFIDENTIAL", subject="FOLLOW-UP",
        tags=["PREL"], subject_tags=["PREL"],
        references=[Reference("TESTPOST 1", "09TESTPOST1"),
                    Reference("Email of March 3", None, "B"),
                    Reference("TESTPOST 99", "09TESTPOST99", "C")],
    )
    third = _cable(
        "10OTHERPOST7", "2010-01-15 12:00",
        [(None, None, "UNCLAS OTHERPOST 000007"),
         (1, "SBU", "Unrelated talk about fisheries and tariffs.")],
        origin="Embassy Otherpost", classification="UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        subject="FISHERIES", tags=["ETRD", "XO"], subject_tags=["ETRD"], geo_tags=["XO"],
    )
    return [(first, "2010-11-28"), (second_v1, "2010-12-01"), (second_v2, "2011-04-25"),
            (third, "2010-11-28")]


def build(path: Path) -> Path:
    """Write the hostile corpus to a fresh database at `path`, trace index built."""
    from cablescope.trace import ensure_index

    with Store.open(path) as store:
        for cable, seen in cables():
            store.add(_record(cable, seen), cable)
        ensure_index(store)
    return path
