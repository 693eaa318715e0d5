"""Given names of many countries: what tells a person's name from a body's when the model hesitates.

The list is the one gender-guesser ships (Jörg Michael's `nam_dict.txt`: about 45,000 given names
of 55 countries and regions, Arabic, Chinese and Korean included, each with how common it is in
each country). It is read once per process from the installed package; nothing is downloaded.
Many given names are also words or places ("Will", "Hope", "Jordan"): the callers check those
against the corpus's casing and the places they know.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from cablescope.entities.names import fold

# The file's columns: sex code, name from column 3 to 29, then one frequency a country from
# column 30 on (a hexadecimal digit, 1 rare to D extremely common; blank where unknown).
_NAME = slice(3, 29)
_FREQUENCIES = slice(30, 86)


@lru_cache(maxsize=1)
def given_names() -> dict[str, int]:
    """Folded given name -> how common it is in the country where it is commonest (1 to 13).

    Empty when gender-guesser is not installed (the `nlp` extra brings it): the rules that
    read it then do nothing.
    """
    try:
        text = (resources.files("gender_guesser") / "data" / "nam_dict.txt").read_text(
            encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        return {}
    names: dict[str, int] = {}
    for line in text.splitlines():
        if not line or line[0] in "#=":
            continue
        name = line[_NAME].strip()
        top = max(line[_FREQUENCIES], default=" ")  # digits and A-D sort above blanks
        frequency = int(top, 16) if top in "123456789ABCD" else 1
        # "+" joins the parts of an Arabic, Chinese or Korean name ("Abd+al+Aziz")
        for form in {name.replace("+", joint) for joint in ("", "-")}:
            key = form.lower() if form.isascii() else fold(form)
            if names.get(key, 0) < frequency:
                names[key] = frequency
    return names


def given_name(word: str) -> int:
    """How common `word` is as a given name somewhere (1 rare to 13), 0 when it is none."""
    return given_names().get(word.lower() if word.isascii() else fold(word), 0)
