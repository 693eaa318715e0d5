"""`Classified By:` lines: who classified the cable, with what title, for which reasons.

`Classified By: Ambassador Craig R. Stapleton for reasons 1.4 (b) and (d)` (title, name),
`CLASSIFIED BY: Gene A. Cretz, Ambassador, U.S. Embassy - Tripoli, U.S. Dept of State. REASON:
1.4 (b), (d)` (name, title, organisation), `Classified By: DCM Hugo Llorens; reason 1.4 (B) and
(D)`, `COM: M.E. Parmly`, `P/E CHIEF SHUBLER`, `Berliner,Nicholas, PolEcon-Chief`, a title with no
name (`Charge d'Affaires, for reasons ...`), wrapped lines and two classifiers in one cable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cablescope.parse._scan import find_label

__all__ = ["ClassifiedBy", "parse_classified_by", "parse_classified_by_details"]

_LABEL = re.compile(r"classified\s+by\s*:?", re.I)
_BLOCK_END = re.compile(r"\n[ \t\\]*\n|¶|(?m:^[ \t]*[0-9]{1,2}\.\s)|(?<=\s)[0-9]{1,2}\.\s+\(|"
                        r"classified\s+by", re.I)
_MAX_BLOCK = 400
# E.O. 12958 section 1.4 (1.5 before 2003) and its letters: `1.4 (b) and (d)`, `1.4 b/d`.
_REASONS = re.compile(
    r"1\s*[./,]\s*[45]\.?(?:[\s,;&/()]|\b(?:and|AND|or)\b|(?<![A-Za-z])[a-hA-H](?![A-Za-z]))*")
_REASON_WORD = re.compile(
    r"[\s,;.:]*(?:\bfor\s+(?:the\s+)?reasons?\b|\breasons?\b|\bper\b)", re.I)
_TITLE_TEXT = """
ambassador amb amb. ambassador-designate charge charge' chargé d'affaires d’affaires d'affairs
d'affaires, a.i. ai a.i cda dcm deputy chief of mission acting political economic econ pol
polecon counselor counsellor couns polcouns econcouns econ/pol minister minister-counselor
minister-counsellor consul general cg principal officer po poloff econoff section head director
assistant secretary under affairs public management regional security rso defense attache
military coordinator advisor adviser special envoy senior representative permanent permrep
consular legal labor environment science technology commercial agricultural executive exec
interim office com pao das chief and for the mission's embassy u.s. us political-military
pol-mil polmil pol-econ political-economic economic-political a/dcm officer-in-charge charge.
affairs, counselor, sr. senior. dep deputy. acting. ambassador,
"""
_TITLE_WORDS = frozenset(_TITLE_TEXT.split())
_ORG_TEXT = """
embassy department dept state u.s. usg mission consulate section bureau office government
washington us
"""
_ORG_WORDS = frozenset(_ORG_TEXT.split())
_NAME_TOKEN = re.compile(
    r"(?:[A-Z][A-Za-z'’\-]+\.?|(?:[A-Z]\.){1,3}(?:[A-Z][a-z'’\-]+)?|[A-Z]|(?:de|van|von|da|del|la|le|al|bin|di|du|der"
    r"|dos|das)|Jr\.?|Sr\.?|II|III|IV)$")
_SURNAME_GIVEN = re.compile(r"^([A-Z][a-z'\-]+),([A-Z][a-z'\-]+)\b")


@dataclass(slots=True)
class ClassifiedBy:
    """Who classified a cable: names as written, the first title given, the reasons."""

    names: list[str] = field(default_factory=list)
    title: str | None = None
    reasons: str | None = None


def _is_title_word(word: str) -> bool:
    low = word.lower().strip(",;")
    if low in _TITLE_WORDS:
        return True
    if "/" in low and len(low) <= 12:
        return True
    if "-" in low:
        return all(part in _TITLE_WORDS for part in low.split("-") if part)
    return False


def _is_name_word(word: str) -> bool:
    return (_NAME_TOKEN.match(word) is not None and not _is_title_word(word)
            and word.lower().strip(".") not in _ORG_WORDS and word.strip("Xx.") != "")


def _name_run(words: list[str]) -> tuple[int, int] | None:
    """(start, end) of the last run of name-like words: the name comes after the title
    (`Coordinating Director for ... Affairs Ambassador E. Anthony Wayne`)."""
    best: tuple[int, int] | None = None
    i = 0
    while i < len(words):
        if not _is_name_word(words[i]) or words[i].islower():
            i += 1
            continue
        j = i
        while j < len(words) and _is_name_word(words[j]):
            j += 1
        end = j
        while end > i and words[end - 1].islower():  # a particle cannot end a name
            end -= 1
        if any(len(w.strip(".")) > 1 for w in words[i:end]):
            best = (i, end)
        i = j
    return best


def _who(who: str) -> tuple[list[str], str | None]:
    """Names and first title in the part of the line before the reasons."""
    who = _LABEL.sub(" ", who)  # `Classified By: Classified by Ambassador Eduardo Aguirre`
    who = " ".join(who.replace("\\", " ").split()).strip(" .,;:")
    swapped = _SURNAME_GIVEN.match(who)
    if swapped:  # `Berliner,Nicholas, PolEcon-Chief`
        who = f"{swapped.group(2)} {swapped.group(1)}{who[swapped.end():]}"
    names: list[str] = []
    title: str | None = None
    for chunk in re.split(r"[,;:]|\s-\s", who):
        words = chunk.strip(" .").split()
        if not words:
            continue
        run = _name_run(words)
        if run is None:
            if title is None and all(_is_title_word(w) for w in words):
                title = " ".join(words).strip(" ,")
            continue
        chunk_title = " ".join(words[:run[0]]).strip(" ,") or None
        if chunk_title or not names:
            names.append(" ".join(words[run[0]:run[1]]))
            if title is None and chunk_title:
                title = chunk_title
    return names, title


def _clean_reasons(raw: str) -> str | None:
    text = " ".join(raw.split()).strip(" ,;.&")
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"\s+\)", ")", text)
    text = re.sub(r"\s+(?:and|AND|or|&)$", "", text).strip(" ,;.")
    if text.count("(") > text.count(")"):
        text += ")"
    return text or None


def _blocks(text: str) -> list[str]:
    blocks = []
    pos = 0
    upper = text.upper()
    while (label := find_label(text, "CLASSIFIED", _LABEL, pos, upper=upper)) is not None:
        pos = label.end()
        end = _BLOCK_END.search(text, label.end(), min(len(text), label.end() + _MAX_BLOCK))
        block = text[label.end():end.start() if end else min(len(text), label.end() + _MAX_BLOCK)]
        if block.strip():
            blocks.append(block)
    return blocks


def parse_classified_by_details(text: str) -> ClassifiedBy:
    """Names, title and reasons from every `Classified By` line of `text`."""
    result = ClassifiedBy()
    for block in _blocks(text):
        flat = " ".join(block.replace("\\", " ").split())
        reasons = _REASONS.search(flat)
        word = _REASON_WORD.search(flat)
        cut = len(flat)
        if word is not None:
            cut = word.start()
        elif reasons is not None:
            cut = reasons.start()
        names, title = _who(flat[:cut])
        for name in names:
            if name not in result.names:
                result.names.append(name)
        if result.title is None:
            result.title = title
        if result.reasons is None and reasons is not None:
            result.reasons = _clean_reasons(reasons.group(0))
    return result


def parse_classified_by(text: str) -> list[str]:
    """The names in the `Classified By` line(s) of a cable, as written.

    >>> parse_classified_by("Classified By: Ambassador Craig R. Stapleton for reasons 1.4 (b)")
    ['Craig R. Stapleton']
    """
    return parse_classified_by_details(text).names
