"""Paragraph markings as facets and filters see them: `S//NF` = `S/NF` = `S NF`, `c` = `C`.

Cables write a paragraph's classification many ways: `(S//NF)`, `(S/NF)`, `(S NF)`, `(S-NF)`,
`(s/nf)`, `(S/Noforn)`, `(C - ENTIRE TEXT)`, `(S//REL TO USA, FVEY)`, `(C/Rel UK)`. The
normalised form is the classification letter (`TS`, `S`, `C`, `U`, `SBU`) and its caveats, upper
case, separated by single slashes: `S/NF`, `C/REL USA, FVEY`, `S/FGI/NF`. The form as written is
kept beside it (`Paragraph.marking_raw`, `paragraphs.marking_raw`).
"""

from __future__ import annotations

import re

__all__ = ["normalize_marking"]

_WORDS = {
    "TOP SECRET": "TS", "SECRET": "S", "CONFIDENTIAL": "C", "UNCLASSIFIED": "U", "UNCLAS": "U",
    "SENSITIVE BUT UNCLASSIFIED": "SBU", "NOFORN": "NF", "NO FOREIGN": "NF",
    "FOR OFFICIAL USE ONLY": "FOUO", "RELEASABLE TO": "REL", "RELEASABLE": "REL",
}
_WORD = re.compile("|".join(sorted((re.escape(w) for w in _WORDS), key=len, reverse=True)))
_WHOLE_TEXT = re.compile(r"[ \t]*-?[ \t]*ENTIRE TEXT$")
_SEPARATORS = re.compile(r"[ \t]*(?:/+|-)[ \t]*")
_SPACED_CAVEAT = re.compile(r"^(TS|SBU|S|C|U)[ \t]+(?=NF\b|FOUO\b|REL\b)")
_REL = re.compile(r"^REL(?:[ \t]+TO)?[ \t]+")
_BASES = ("TS", "SBU", "S", "C", "U")
_MAX = 80


def normalize_marking(raw: str | None) -> str | None:
    """The marking as facets and filters compare it, or None for none.

    >>> [normalize_marking(m) for m in ("S//NF", "s/nf", "S NF", "C - ENTIRE TEXT", "S/Noforn")]
    ['S/NF', 'S/NF', 'S/NF', 'C', 'S/NF']
    >>> normalize_marking("S//REL TO USA, FVEY//"), normalize_marking("SNF")
    ('S/REL USA, FVEY', 'S/NF')
    """
    if raw is None:
        return None
    raw = str(raw)[:_MAX]
    found = _SEEN.get(raw, _UNSEEN)
    if found is _UNSEEN:
        found = _normalized(raw)
        if len(_SEEN) < _SEEN_MAX:
            _SEEN[raw] = found
    return found  # type: ignore[return-value]


_UNSEEN = object()
_SEEN: dict[str, str | None] = {}  # markings repeat: a few hundred forms in a whole release
_SEEN_MAX = 10000


def _normalized(raw: str) -> str | None:
    text = " ".join(raw.upper().strip(" \t()").split())
    if not text:
        return None
    text = _WHOLE_TEXT.sub("", text)
    text = _WORD.sub(lambda m: _WORDS[m.group(0)], text)
    if text == "SNF":
        text = "S/NF"
    text = _SPACED_CAVEAT.sub(r"\1/", text)  # `C NF`
    parts = [p.strip(" ,") for p in _SEPARATORS.split(text) if p.strip(" ,")]
    if not parts:
        return None
    out = [parts[0]]
    for part in parts[1:]:
        if part.startswith("REL"):
            part = _REL.sub("REL ", part)
        elif out[-1].startswith("REL ") and out[-1] != "REL" and parts[0] in _BASES:
            out[-1] = f"{out[-1]}/{part}"  # `REL TO NATO/AUS`: one list of countries
            continue
        out.append(part)
    return "/".join(out)
