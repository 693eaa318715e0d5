"""Alignment and edit naming on hand-made cable paragraphs (known answers)."""

from __future__ import annotations

import pytest

from cablescope.trace.align import align_fragment
from cablescope.trace.edits import classify, kind_of
from cablescope.trace.normalize import normalize, tokens

CABLE = (
    "¶4. (C) Despite negative rhetoric in Itamaraty and at higher levels of the GOB,\n"
    "Brazilian law enforcement and intelligence agencies--principally the Federal Police,\n"
    "Customs, the Brazilian Intelligence Agency (ABIN), and others--are aware of the potential\n"
    "threat from terrorists exploiting the favorable conditions existing in Brazil to operate\n"
    "and actively track and monitor suspected terrorist activity and follow all leads passed\n"
    "to them. The Federal Police will often arrest individuals with links to terrorism.\n\n"
    "¶5. (S) XXXXXXXXXXXX told PolOff that the minister would back the sanctions."
)


def _align(article: str):
    a, c = normalize(article), normalize(CABLE, cable=True)
    fa = align_fragment(a, tokens(a.text), c, tokens(c.text), article_text=article,
                        cable_text=CABLE, span=(0, len(a.text)))
    assert fa is not None
    return fa, [(e.kind, e.article_text, e.cable_text) for e in classify(fa.pieces, article,
                                                                          CABLE)]


def test_verbatim_across_line_breaks_and_cable_paragraphs() -> None:
    article = ("to them. The Federal Police will often arrest individuals with links to "
               "terrorism. XXXXXXXXXXXX told PolOff that the minister")
    fa, edits = _align(article)
    assert edits == []
    assert fa.matched == fa.words == 19
    assert CABLE[fa.c_start:fa.c_end].startswith("to them.")
    assert CABLE[fa.c_start:fa.c_end].endswith("that the minister")


@pytest.mark.parametrize(("article", "expected"), [
    ("at higher levels of the GOB [Government of Brazil], Brazilian law enforcement",
     [("bracketed_insertion", "[Government of Brazil]", "")]),
    ("the Brazilian Intelligence Agency (ABIN) (the spy service), and others",
     [("parenthetical_insertion", "(the spy service)", "")]),
    ("agencies—principally the Federal Police", [("typography", "—", "--")]),
    ("THE FEDERAL POLICE WILL OFTEN ARREST individuals",
     [("case", "THE FEDERAL POLICE WILL OFTEN ARREST", "The Federal Police will often arrest")]),
    ("(T)he Federal Police will often arrest individuals", [("case", "(T)he", "The")]),
    ("exploiting the favourable conditions existing in Brasil to operate",
     [("spelling", "favourable", "favorable"), ("spelling", "Brasil", "Brazil")]),
    ("actively track suspected terrorist activity and follow all leads",
     [("omission", "", "and monitor")]),
    ("The Federal Police will often detain people with ties to terrorism",
     [("substitution", "detain people with ties", "arrest individuals with links")]),
    ("aware of the threat potential from terrorists",
     [("reordering", "threat potential", "potential threat")]),
    ("Jorge Felix told PolOff that the minister would back the sanctions",
     [("redaction", "Jorge Felix", "XXXXXXXXXXXX")]),
    ("Federal Police will often arrest individuals with known links to terrorism",
     [("insertion", "known", "")]),
    ("higher levels of the Government of Brazil, Brazilian law enforcement",
     [("abbreviation", "Government of Brazil", "GOB")]),
])
def test_each_edit_kind_is_named(article: str, expected: list[tuple[str, str, str]]) -> None:
    _, edits = _align(article)
    assert edits == expected


def test_kind_of_small_cases() -> None:
    assert kind_of("U.S.", "US") == "abbreviation"
    assert kind_of("“fine”", '"fine"') == "typography"
    assert kind_of("same  words", "same\nwords") is None
    assert kind_of("", "XXXXXXXXXXXX") == "redaction"
    assert kind_of("[the minister]", "he") == "bracketed_insertion"


def test_a_long_silent_omission_does_not_smear_the_alignment() -> None:
    article = ("Despite negative rhetoric in Itamaraty and at higher levels of the GOB, "
               "Brazilian law enforcement and intelligence agencies are aware of the potential "
               "threat from terrorists")
    fa, edits = _align(article)
    assert edits == [("omission", "",
                      "principally the Federal Police,\nCustoms, the Brazilian Intelligence "
                      "Agency (ABIN), and others")]
    assert fa.matched == fa.words
