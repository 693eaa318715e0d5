"""What the model reads of a paragraph (`reading.segments`), on sentences quoted from development
cables (tests/data/entities/labels.jsonl)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from cablescope.entities.countries import DEMONYMS
from cablescope.entities.reading import Casing, segments


def read(text: str, window: int = 4, casing: Casing | None = None) -> list[str]:
    return [text[a:b] for a, b in segments(text, casing or {}, 0, window)]


def test_the_model_reads_a_window_around_each_unknown_name() -> None:
    # 05DUSHANBE1648, paragraph 2: "Joseph" is a name the rules do not know; "North Koreans"
    # and "Iranians" are nationalities, which they do.
    text = ("Mr. Joseph provided a map of air routes used by the North Koreans and Iranians and "
            "a list of aircraft tail numbers.")
    assert read(text) == ["Mr. Joseph provided a map of"]
    assert read(text, 1) == ["Mr. Joseph provided"]
    # windows that touch are one stretch; a common word opening a sentence is no name
    text = "Mr. Joseph provided a map. He pointed out that Central Asian countries lay"
    assert read(text) == ["Mr. Joseph provided a map. He pointed out that Central Asian "
                          "countries lay"]
    assert read(text, 1) == ["Mr. Joseph provided", "that Central Asian countries"]


def test_a_place_of_two_words_is_known_only_with_both() -> None:
    # 05SANJOSE2689, paragraphs 3 and 4: "Costa Rica", "Costa Rican" are known together.
    text = ("student groups from the University of Costa Rica. Several national political "
            "figures participated.")
    assert read(text, 1, {"several": (10, 1, 0)}) == ["the University of"]
    assert read("participants.  Costa Rican security officials told us informally that") == []
    assert read("the costa of Costa Brava said") == ["the costa of Costa Brava said"]


def test_a_lone_capital_letter_is_no_name() -> None:
    # 09NEWDELHI2342, paragraphs 1 and 3, 06TASHKENT465 paragraph 4: references.
    assert read("On November 18, PolCouns conveyed Ref A points to the Indian government.") == [
        "On November 18, PolCouns conveyed"]
    assert read("especially on issues related to the Middle East (Ref B).") == [
        "issues related to the Middle East (Ref B)."]
    assert read("banks, supermarkets and shopping centers (ref C), was tasked with") == []


class _Everything:
    """A set holding every word: turns a fast path's pre-check off."""

    def __contains__(self, _word: object) -> bool:
        return True


def test_fast_paths_read_real_paragraphs_as_the_slow_ones(
        real_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The pre-checks of 2026-12-04 (entfast2) only skip work: the places of several words
    # searched only when a word may be in one, noise patterns run only on a paragraph holding
    # their literal, title heads looked up only for words that can open a title. With each
    # check off, the first 3,000 paragraphs of the real corpus read exactly the same.
    from cablescope.entities import reading, text, titles
    from cablescope.entities.extract import load_nlp

    conn = sqlite3.connect(f"file:{real_db}?mode=ro", uri=True)
    rows = conn.execute("SELECT number, text FROM paragraphs ORDER BY rowid LIMIT 3000").fetchall()
    conn.close()
    nlp = load_nlp()
    docs = [nlp.make_doc(t) for _n, t in rows]
    fast = [(text.mask(t, header=n is None), segments(t, {}), titles.title_spans(0, d))
            for (n, t), d in zip(rows, docs, strict=True)]
    monkeypatch.setattr(reading, "_RUN_WORDS", _Everything())
    monkeypatch.setattr(text, "_LITERALS", {})
    monkeypatch.setattr(titles, "_OPENERS", _Everything())
    slow = [(text.mask(t, header=n is None), segments(t, {}), titles.title_spans(0, d))
            for (n, t), d in zip(rows, docs, strict=True)]
    assert sum(len(s) for _m, s, _t in fast) > 1000  # the paragraphs hold stretches to compare
    assert sum(len(t) for _m, _s, t in fast) > 50  # and titles
    assert fast == slow


# The rules' pre-checks of 2026-12-05 (entfast5) only skip work too. Each slow form below is
# main's code before them, kept here as the reference.
_SLOW_PLACE_PREFIX = r"(?<![\w'’-])"


def _slow_places(text: str, start: int = 0) -> list[tuple[int, int]]:
    from cablescope.entities.spans import _place_pattern

    pattern = re.compile(_SLOW_PLACE_PREFIX + _place_pattern().pattern)
    return [m.span() for m in pattern.finditer(text, start)]


def _slow_nationality(word: str) -> bool:
    from cablescope.entities.spans import _COUNTRY_NAMES

    singular = word[:-1] if word.endswith("s") else word
    return any(len(singular) >= 4 and (place.startswith(singular) or singular.startswith(place))
               and abs(len(place) - len(singular)) <= 5 for place in _COUNTRY_NAMES)


def _fast_rules(text: str) -> tuple[list[tuple[object, ...]], ...]:
    from cablescope.entities.routing import department_spans
    from cablescope.entities.spans import org_spans, place_spans

    spans, defined = org_spans(0, text)
    return ([(s.start, s.end) for s in place_spans(0, text)],
            [(s.start, s.end) for s in place_spans(0, text, len(text) // 3)],
            [(s.start, s.end) for s in department_spans(0, text)],
            [(s.start, s.end, s.type) for s in spans], list(sorted(defined.items())))


def test_place_names_are_found_without_a_lookbehind_as_with_it() -> None:
    from cablescope.entities.spans import _place_pattern, place_spans

    assert not _place_pattern().pattern.startswith("(?<")  # the engine can skip to a capital
    # A name glued by a hyphen or an apostrophe is none, and so is a shorter name inside it
    # ("Dominican Republic" after a hyphen): the search goes on inside, as with the lookbehind.
    text = ("Officials in Ruritania-Dominican Republic talks, the Costa Rica-Dominican Republic "
            "border, an India-Pakistan line, l'Ukraine and pro-Turkey groups met in Tripoli; "
            "Embassy Oslo (Norway) and Dominican\nRepublic officials, xFrance, France's.")
    fast = [(s.start, s.end) for s in place_spans(0, text)]
    assert fast == _slow_places(text)
    assert [text[a:b] for a, b in fast] == [  # a hyphen after a name makes it none too
        "Tripoli", "Oslo", "Norway", "Dominican\nRepublic", "France"]
    assert [(s.start, s.end) for s in place_spans(0, text, 60)] == _slow_places(text, 60)


def test_definitions_and_the_department_need_their_literal() -> None:
    from cablescope.entities.routing import department_spans
    from cablescope.entities.spans import _BRACKETED_ACRONYM, org_spans

    # No acronym in brackets: neither definition pattern is run, and nothing is defined.
    assert _BRACKETED_ACRONYM.search("(SBU) The Harbour Board (HB)") is not None
    spans, defined = org_spans(0, "(SBU) The Harbour Board met the Ruritanian Port Authority.")
    assert (spans, defined) == ([], {})
    spans, defined = org_spans(0, "(C) The Harbour Board (HB) and the port review (PRV) met.")
    assert [s.end - s.start for s in spans] == [len("Harbour Board")]
    assert defined == {"HB": "Harbour Board", "PRV": ""}
    assert department_spans(0, "We told the department and the Ministry.") == []
    assert len(department_spans(0, "We told the Department and the Ministry.")) == 1


def test_the_classifying_officers_agency_is_the_department() -> None:
    from cablescope.entities.routing import state_spans

    for header, word in [("CLASSIFIED BY: Jan Kowalski, Counselor, State, HBR; REASON: 1.4(B)",
                          "State"),
                         ("CLASSIFIED BY: KOWALSKI, AMBASSADOR, DOS, HBR; REASON: 1.4(D)", "DOS"),
                         ("Classified By: Jan Kowalski, Charge, state\nREASON: 1.4 (b)", "state")]:
        spans = state_spans(0, header)
        assert [header[s.start:s.end] for s in spans] == [word]
        assert {s.name for s in spans} == {"Department of State"}
    # A title's own words, or a state elsewhere in the header, are no agency field.
    assert state_spans(0, "CLASSIFIED BY: Jan Kowalski, Secretary of State, Ruritania") == []
    assert state_spans(0, "SUBJECT: STATE VISIT, HARBOUR TALKS\nTAGS: PREL") == []


def test_nationalities_by_set_lookup_as_by_scan() -> None:
    from cablescope.entities.spans import _COUNTRY_NAMES, _COUNTRY_PREFIXES, _nationality

    assert "uzbek" in _COUNTRY_PREFIXES and "uzbe" not in _COUNTRY_PREFIXES

    words = ["Uzbek", "Uzbeks", "Ruritanians", "Norwegian", "Chad", "Chadian", "Indiana", "Ind",
             "Oslo", "Kowalski", "Pakistanis", "Bolivarian", "Swedes", *sorted(_COUNTRY_NAMES)]
    for word in words:
        key = word.lower()
        if " " in key or len(key) < 4 or (key[:-1] if key.endswith("s") else key) in DEMONYMS:
            continue
        assert _nationality(word) == _slow_nationality(key), word


def test_a_substring_test_spares_case_blind_searches() -> None:
    from cablescope.entities.extract import _may_hold

    assert _may_hold("the ruritanians said", "Ruritanians")
    assert not _may_hold("the ruritania said", "Ruritanians")
    assert _may_hold(None, "Ruritanians")  # a text with other than ASCII: searched
    assert _may_hold("the rings said", "\u212aings")  # a word with other than ASCII: searched


def test_the_rules_pre_checks_read_real_paragraphs_as_main_did(
        real_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cablescope.entities import spans
    from cablescope.entities.routing import _DEPARTMENT

    conn = sqlite3.connect(f"file:{real_db}?mode=ro", uri=True)
    rows = [t for (t,) in conn.execute("SELECT text FROM paragraphs ORDER BY rowid LIMIT 3000")]
    conn.close()
    fast = [_fast_rules(text) for text in rows]
    monkeypatch.setattr(spans, "_BRACKETED_ACRONYM", re.compile(""))  # every paragraph passes
    slow = [(_slow_places(text), _slow_places(text, len(text) // 3),
             [m.span(1) for m in _DEPARTMENT.finditer(text)], *_fast_rules(text)[3:])
            for text in rows]
    assert sum(len(f[0]) for f in fast) > 1000 and sum(len(f[3]) for f in fast) > 20
    assert sum(len(f[2]) for f in fast) > 10
    assert fast == slow
    words = {w.lower() for t in rows for w in re.findall(r"[A-Z][a-z]{3,}", t)}
    checked = [w for w in words if (w[:-1] if w.endswith("s") else w) not in DEMONYMS]
    assert len(checked) > 1000
    assert all(spans._nationality(w) == _slow_nationality(w) for w in checked)


def test_capitals_counted_on_ascii_bytes_as_on_the_text() -> None:
    from cablescope.entities.truecase import _ASCII_UPPER, _LOWER_OUT, _UPPER_OUT, is_caps

    assert len(_ASCII_UPPER) == 26

    def slow(text: str, threshold: float = 0.8) -> bool:
        upper = len(text) - len(text.translate(_UPPER_OUT))
        letters = upper + len(text) - len(text.translate(_LOWER_OUT))
        return letters >= 4 and upper / letters >= threshold

    for text in ["EMBASSY OSLO FOR RURITANIA", "Embassy Oslo for Ruritania", "THE MINISTER, Jan",
                 "ÉCOLE NATIONALE DE RURITANIE", "École nationale", "ABC", "A.B.C.D. 12",
                 "MINISTER JAN KOWALSKI said", ""]:
        for threshold in (0.6, 0.8):
            assert is_caps(text, threshold) == slow(text, threshold), text


# entfast7: case-blind word filters searched on lowered ASCII text, and literal pre-checks.

_MADE_UP = [
    "Minister Jan Kowalski MET the Ambassador on May 3.",
    "PolOff was told by the Ruritanian official that talks stalled.",
    "The delegation CALLED ON the Deputy Minister; they discussed trade with Embassy Oslo.",
    "Nothing here but weather and crops.",
    "Ms. Żaneta Nowak spoke with the Chargé about the vote.",  # not ASCII: the pattern itself
    "The \u212aing of Ruritania hosts a dinner.",  # a Kelvin sign reads as k only case-blind
    "She gave PolOff a copy of the draft. He then handed the DCM the list.",
    "", "a", "meetings", "unmet needs, comet tails and helmets",
]


def test_caseless_words_match_as_the_case_blind_pattern() -> None:
    from cablescope.entities.caseless import CaselessWords
    from cablescope.entities.encounters import ENCOUNTER_WORD
    from cablescope.entities.events import _ANY_TRIGGER, _TRIGGER_CHECKS, _TRIGGERS

    patterns = [ENCOUNTER_WORD, _ANY_TRIGGER, re.compile(r"(?i)\b(?:met|kings?)\b")]
    patterns += [p for (p, _k, _o), c in zip(_TRIGGERS, _TRIGGER_CHECKS, strict=True) if c]
    assert len(patterns) > 15
    for pattern in patterns:
        fast = CaselessWords(pattern)
        for text in _MADE_UP:
            for start, end in ((0, None), (3, None), (0, len(text) // 2), (5, len(text) - 4)):
                stop = len(text) if end is None else max(0, end)
                want = pattern.search(text, start, stop) is not None
                assert fast.search(text, start, end) is want, (pattern.pattern[:30], text)
                if text.isascii():
                    assert fast.search(text, start, end, text.lower()) is want
    for bad in (re.compile(r"\b(?:met)"), re.compile(r"(?i)talks in [A-Z]\w+")):
        with pytest.raises(ValueError):
            CaselessWords(bad)


def test_meeting_sentences_and_triggers_read_as_the_slow_forms() -> None:
    from cablescope.entities import events
    from cablescope.entities.encounters import ENCOUNTER_WORD
    from cablescope.entities.reading import encounter_sentences, sentences

    for text in [*_MADE_UP, " ".join(_MADE_UP)]:
        slow = [(s, e) for s, e in sentences(text) if ENCOUNTER_WORD.search(text, s, e)]
        assert encounter_sentences(text) == slow
        for pattern, (check, handed) in zip(
                (p for p, _k, _o in events._TRIGGERS),
                ((c, events._may_hand(text)) for c in events._TRIGGER_CHECKS), strict=True):
            if check is not None and not check.search(text):
                assert pattern.search(text) is None
            if pattern is events._HANDED and not handed:
                assert pattern.search(text) is None
    assert events._may_hand("Minister Jan Kowalski handed us the note")
    assert not events._may_hand("Minister Jan Kowalski GAVE us the note")


def test_literal_pre_checks_skip_the_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    from cablescope.entities import extract, spans
    from cablescope.entities.names import parse_person

    class Never:
        def __getattr__(self, name: str) -> object:
            raise AssertionError("searched although its literal is missing")

    # newspapers before their kind: no kind's word, no search
    assert [(s.start, s.end) for s in spans._press_before_kind(
        0, "the editor of El Harbour newspaper said")] == [(14, 24)]
    monkeypatch.setattr(spans, "_PRESS_BEFORE_KIND", Never())
    assert spans._press_before_kind(0, "the Al Harbour Review said so") == []
    # a title's field: a span not after a space has none
    monkeypatch.setattr(spans, "_TITLE_FOR", Never())
    assert spans._name_after_field("coordinator for-Ruritania Anna Nowak", 16, 36,
                                   None) is None  # type: ignore[arg-type]
    # the header's names: a form whose first word an ASCII text lacks is not searched
    person = parse_person("Jan Kowalski")
    assert person is not None
    called: list[str] = []
    finditer = re.finditer

    def counting(pattern: str, text: str, flags: int = 0) -> object:
        called.append(pattern)
        return finditer(pattern, text, flags)

    monkeypatch.setattr(spans.re, "finditer", counting)
    assert spans.known_spans(0, "Ruritania's trade fell.", [(person, "tags")], False) == []
    assert called == []
    found = spans.known_spans(0, "KOWALSKI SAID SO", [(person, "tags")], True)
    assert [(s.start, s.end) for s in found] == [(0, 8)] and called
    monkeypatch.undo()
    # bodies by use: a name's pattern compiled once per process
    assert extract._written_name("Ruritex Group") is extract._written_name("Ruritex Group")
    assert extract._written_name("Ruritex Group").search("the Ruritex  Group, a maker")


def test_fast_meeting_filters_read_real_paragraphs_as_the_slow_ones(real_db: Path) -> None:
    from cablescope.entities import events, spans
    from cablescope.entities.encounters import ENCOUNTER_WORD
    from cablescope.entities.reading import encounter_sentences, sentences

    conn = sqlite3.connect(f"file:{real_db}?mode=ro", uri=True)
    rows = [t for (t,) in conn.execute("SELECT text FROM paragraphs ORDER BY rowid LIMIT 3000")]
    conn.close()
    fast_pairs = [encounter_sentences(text) for text in rows]
    assert fast_pairs == [[(s, e) for s, e in sentences(text) if ENCOUNTER_WORD.search(text, s, e)]
                          for text in rows]
    assert sum(map(len, fast_pairs)) > 1000
    said = [text[s:e] for text in rows for s, e in sentences(text)]
    assert [events._ANY.search(s) for s in said] == [bool(events._ANY_TRIGGER.search(s))
                                                     for s in said]
    for (pattern, _k, _o), check in zip(events._TRIGGERS, events._TRIGGER_CHECKS, strict=True):
        if check is not None:
            assert [check.search(s) for s in said] == [bool(pattern.search(s)) for s in said]
    assert all(events._may_hand(s) for s in said if events._HANDED.search(s))
    assert all(any(k in t for k in spans._PRESS_KINDS) for t in rows
               if spans._PRESS_BEFORE_KIND.search(t))
