"""Acronyms and what they stand for: the cable's "GOB", the writer's "Government of Brazil"."""

from __future__ import annotations

import re

SMALL_WORDS = frozenset({"of", "the", "and", "for", "de", "do", "da", "to", "in", "on"})
_CAPITALS = re.compile(r"[A-Z]{2,6}s?")


def spells(short: list[str], long: list[str]) -> bool:
    """Word keys: 'gob' stands for 'government of brazil', 'usg' for 'us government', 'ngos'
    for 'non governmental organizations'."""
    if len(short) != 1 or len(long) < 2:
        return False
    letters = short[0]
    full = "".join(w[0] for w in long)
    content = "".join(w[0] for w in long if w not in SMALL_WORDS)
    spelled = "".join(w if len(w) <= 2 else w[0] for w in long)
    forms = {letters}
    if len(letters) > 2 and letters.endswith("s") and long[-1].endswith("s"):
        forms.add(letters[:-1])  # a plural: NGOs
    return bool(forms & {full, content, spelled})


def named(short: str, long: str) -> bool:
    """'MRE' for 'Ministry of Foreign Relations': an acronym (of another language, say)
    standing for a capitalised name."""
    words = long.split()
    return (bool(_CAPITALS.fullmatch(short)) and len(words) >= 2
            and sum(w[:1].isupper() for w in words) >= 2)
