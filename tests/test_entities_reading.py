"""What the model reads of a paragraph (`reading.segments`), on sentences quoted from development
cables (tests/data/entities/labels.jsonl)."""

from __future__ import annotations

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
