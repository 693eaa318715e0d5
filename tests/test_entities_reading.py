"""What the model reads of a paragraph (`reading.segments`), on sentences quoted from development
cables (tests/data/entities/labels.jsonl)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

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
