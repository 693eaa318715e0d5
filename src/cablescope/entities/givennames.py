"""Given names of many countries: what tells a person's name from a body's when the model hesitates.

The list is the one gender-guesser ships (Jörg Michael's `nam_dict.txt`: about 45,000 given names
of 55 countries and regions, Arabic, Chinese and Korean included). It is read once per process
from the installed package; nothing is downloaded. The file also says how common each name is
in each country; that is not read: on the cables it does not tell a name from a word (some names
of people the model missed are rare ones, 1 of 13, while "Novo" and "Minas" are common ones).
Many given names are also words or places ("Will", "Hope", "Jordan"): the callers check those
against the corpus's casing and the places they know.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from cablescope.entities.names import fold

_NAME = slice(3, 29)  # the file's columns: a sex code, the name, then one frequency a country


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Every given name of the list, folded ("jose", "abdelaziz", "abdel-aziz").

    Empty when gender-guesser is not installed (the `nlp` extra brings it): the rules that
    read it then do nothing.
    """
    try:
        with (resources.files("gender_guesser") / "data" / "nam_dict.txt").open(
                encoding="utf-8") as lines:
            names = {line[_NAME].strip() for line in lines if line[:1] not in ("#", "=", "\n")}
    except (ModuleNotFoundError, OSError):
        return frozenset()
    # "+" joins the parts of an Arabic, Chinese or Korean name ("Abdel+Aziz"), written either way
    joined = {n.replace("+", joint) for n in names if "+" in n for joint in ("", "-")}
    return frozenset(n.lower() if n.isascii() else fold(n)
                     for n in (names | joined) if "+" not in n)


def given_name(word: str) -> bool:
    """Whether `word` is a given name somewhere ("Pedro", "JUANA", "Ådne")."""
    return (word.lower() if word.isascii() else fold(word)) in given_names()
