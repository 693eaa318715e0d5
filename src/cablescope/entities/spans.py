"""Finding names in one paragraph: the statistical model's spans plus what cable conventions give.

Every finder returns `Span`s over the *prepared* paragraph text (same length as the original, so
offsets are the original's). `priority` settles overlaps: names the cable's own header gives
(TAGS, signer, Classified By) beat a title rule, which beats the model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from cablescope.entities.lexicon import (
    GOV_ABBREVIATION,
    NOT_GOV_ABBREVIATIONS,
    NOT_NAME_WORDS,
    ORG_ABBREVIATIONS,
    ORG_HEAD_WORDS,
    ROLE_PATTERN,
    TITLE_HEADS,
    TITLE_PHRASES,
    role_for,
)
from cablescope.entities.model import ORG, PERSON, PLACE, ROLE
from cablescope.entities.names import PARTICLES, TITLE_MODIFIERS, PersonName, fold, split_title

# Titles a cable also writes in lower case before a name ("former prime minister Lionel Jospin").
_LOWER_OK_HEADS = frozenset(
    [
        "president", "minister", "ambassador", "secretary", "chairman", "director", "spokesman",
        "leader", "governor", "mayor", "senator", "king", "general", "counselor", "advisor",
        "adviser", "deputy", "frontrunner", "candidate",
    ]
)
_HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Mme", "M.", "Sir", "Dr."})
_MONTHS = frozenset(
    [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec",
    ]
)
_INITIAL = re.compile(r"^[A-Z]\.?$")
_NAME_WORD = re.compile(r"^(?:Mc|Mac|O['’]|D['’]|Al-|El-)?[A-ZÀ-ÖØ-Þ][\w'’À-ÿ]*$")
_PHRASES = sorted(TITLE_PHRASES, key=lambda p: -len(p.split()))
_ACRONYM = re.compile(r"(?<![\w-])([A-Z][A-Z&]{1,7}(?:-[A-Z])?)(?![\w-])")
_DEFINITION = re.compile(
    r"((?:(?:[A-Z][\w'’.-]*|of|for|the|and|a|de|du|des|la|le|del|y|in|on|to)\s+){1,8}"
    r"[A-Z][\w'’.-]*)\s*\(([A-Z][A-Za-z&]{1,9})\)"
)
_NOISE_ORG = re.compile(r"^(?:[^A-Za-z]*|ref\w*|para\w*|¶.*|.*\d{3,}.*|[A-Z]?\d.*)$", re.IGNORECASE)


@dataclass(slots=True)
class Span:
    """A candidate mention: `start`/`end` the name itself, `cover` what it claims for overlaps."""

    seq: int
    start: int
    end: int
    type: str
    source: str
    priority: int
    title: str | None = None
    name: str | None = None  # the name it stands for when not its own text (a TAGS name)
    cover_start: int = -1
    cover_end: int = -1
    modifiers: tuple[int, int] | None = None  # words of a title left of its head word

    head_word: bool = False  # an ORG span with a word such as Council, Ministry, Party

    def __post_init__(self) -> None:
        if self.cover_start < 0:
            self.cover_start = self.start
        if self.cover_end < 0:
            self.cover_end = self.end


def _is_name_word(text: str) -> bool:
    low = fold(text).strip(".")
    return bool(_NAME_WORD.match(text)) and low not in NOT_NAME_WORDS and (
        low not in ORG_HEAD_WORDS) and low not in TITLE_HEADS and low not in _MONTHS and (
        not text.isupper() or len(text) > 3)


def _head_at(tokens: list, i: int) -> int:
    """Number of tokens of a title starting at token i (a phrase or one head word), else 0."""
    for phrase in _PHRASES:
        words = phrase.split()
        if i + len(words) <= len(tokens) and all(
            tokens[i + k].lower_.rstrip(".") == w.rstrip(".") for k, w in enumerate(words)
        ):
            return len(words)
    word = tokens[i].lower_.rstrip(".")
    if word in TITLE_HEADS:
        text = tokens[i].text
        if text[0].isupper() or word in _LOWER_OK_HEADS or "/" in text:
            return 1
    return 0


def title_spans(seq: int, doc) -> list[Span]:
    """Names right after a title: "Interior Minister Nicolas Sarkozy", "FM Kouchner"."""
    tokens = list(doc)
    spans: list[Span] = []
    i = 0
    while i < len(tokens):
        n = _head_at(tokens, i)
        if not n:
            i += 1
            continue
        head_start = i
        j = i + n
        while j < len(tokens):  # stacked titles: "Minister-Counselor", "Deputy Foreign Minister"
            if tokens[j].text in {"-", "–"} and j + 1 < len(tokens) and _head_at(tokens, j + 1):
                j += 1 + _head_at(tokens, j + 1)
            elif _head_at(tokens, j):
                j += _head_at(tokens, j)
            else:
                break
        name_tokens = []
        k = j
        while k < len(tokens) and len(name_tokens) < 5:
            t = tokens[k]
            follows = k + 1 < len(tokens) and _is_name_word(tokens[k + 1].text)
            if _INITIAL.match(t.text) or _is_name_word(t.text) or (
                t.lower_ in PARTICLES and follows
            ) or (t.text == "-" and name_tokens and not t.whitespace_ and follows):
                name_tokens.append(t)
            else:
                break
            k += 1
        while name_tokens and (name_tokens[-1].lower_ in PARTICLES or name_tokens[-1].text == "-"):
            name_tokens.pop()
        if not name_tokens or not any(len(t.text) > 2 for t in name_tokens):
            i = j
            continue
        # Words before the head that belong to the title: "Interior", "NEC", "former".
        m = head_start
        while m > 0 and head_start - m < 5:
            prev = tokens[m - 1]
            if (prev.whitespace_ == "" and prev.text not in {"-"}) or prev.ent_type_ == "PERSON":
                break
            low = prev.lower_.rstrip("-")
            if (prev.text[:1].isupper() and prev.is_alpha and low not in {"and", "the"}) or (
                low in TITLE_MODIFIERS
            ) or (prev.text in {"of", "for"} and m - 1 > 0 and m < head_start):
                m -= 1
            else:
                break
        while m < head_start and tokens[m].text in {"of", "for"}:
            m += 1
        head_text = doc[head_start:j].text
        title = doc[m:j].text if m < head_start else head_text
        if title in _HONORIFICS or head_text in _HONORIFICS:
            title = None
        start, end = name_tokens[0].idx, name_tokens[-1].idx + len(name_tokens[-1].text)
        spans.append(Span(seq, start, end, PERSON, "title", 3, title=title,
                          cover_start=tokens[head_start].idx, cover_end=end,
                          modifiers=(tokens[m].idx, tokens[head_start].idx) if m < head_start
                          else None))
        i = k
    return spans


def ner_spans(seq: int, text: str, doc) -> list[Span]:
    """The model's PERSON / ORG / GPE / LOC / FAC spans, cleaned of cable noise."""
    spans: list[Span] = []
    for ent in doc.ents:
        kind = {"PERSON": PERSON, "ORG": ORG, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE}.get(
            ent.label_)
        if not kind:
            continue
        start, end = ent.start_char, ent.end_char
        start, end = _trim(text, start, end)
        if end <= start:
            continue
        surface = text[start:end]
        title = None
        if kind == PERSON:
            title, rest = split_title(surface)
            if title:
                start = end - len(rest)
                surface = rest
            words = [fold(w).strip(".,") for w in surface.split()]
            if any(w in ORG_HEAD_WORDS for w in words):
                kind = ORG
            elif (not words or all(w in NOT_NAME_WORDS or w in TITLE_HEADS for w in words)
                  or any(ch.isdigit() for ch in surface) or not surface[:1].isupper()):
                continue
        if kind in (ORG, PLACE) and (_NOISE_ORG.match(surface) or not surface[:1].isupper()
                                     or fold(surface) in NOT_NAME_WORDS
                                     or fold(surface) in TITLE_HEADS):
            continue
        head = kind == ORG and any(fold(w) in ORG_HEAD_WORDS for w in surface.split())
        spans.append(Span(seq, start, end, kind, "ner", 2, title=title, head_word=head))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", a trailing possessive and punctuation; cut at a line break."""
    surface = text[start:end]
    cut = surface.find("\n")
    if cut > 0:
        end = start + cut
        surface = surface[:cut]
    m = re.match(r"(?i)^(?:the|a|an)\s+", surface)
    if m:
        start += m.end()
    m = re.search(r"(?:['’]s?|[\s.,;:)(\"“”-]+)$", text[start:end])
    while m and m.start() > 0:
        end = start + m.start()
        if text[start:end].endswith("."):  # keep "Jr." / initials, drop sentence periods
            break
        m = re.search(r"(?:['’]s?|[\s.,;:)(\"“”-]+)$", text[start:end])
    return start, end


def known_spans(seq: int, text: str, names: Iterable[tuple[PersonName, str]],
                caps: bool) -> list[Span]:
    """Where the names the cable's header gives (TAGS, signer, Classified By) occur in the text.

    Full names and surnames alone, case-insensitively in capitalised text and capitalised in
    mixed text (a signer BROWN is not every "brown").
    """
    spans: list[Span] = []
    for person, source in names:
        forms = {person.display}
        if not person.surname_only:
            forms.add(" ".join(w for w in person.display.split() if not _INITIAL.match(w)))
        surname_words = person.display.split()[-len(person.surname.split()):]
        forms.add(" ".join(surname_words))
        for form in sorted(forms, key=len, reverse=True):
            if len(form) < 3:
                continue
            pattern = r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in form.split()) + r"(?![\w-])"
            for m in re.finditer(pattern, text, re.IGNORECASE):
                if not caps and not m.group()[:1].isupper():
                    continue
                spans.append(Span(seq, m.start(), m.end(), PERSON, source, 4, name=person.display))
    return spans


def role_spans(seq: int, text: str) -> list[Span]:
    """Embassy roles written instead of names: "PolOff", "the Ambassador", "DCM"."""
    spans = []
    for m in ROLE_PATTERN.finditer(text):
        word = m.group(1)
        label = role_for(word)
        if label is None:
            continue
        if label in ("Ambassador", "Charge d'Affaires") and not word[0].isupper():
            continue  # "the French ambassador" is a description, not our Ambassador
        if label == "Ambassador" and re.match(r"\s+(?:to|of|in|for)\b", text[m.end(1):]) is None \
                and re.search(r"(?i)\b(?:french|[a-z]+ian|[a-z]+ese|[a-z]+ish|former)\s+$",
                              text[: m.start(1)]):
            continue  # "the Egyptian Ambassador": someone else's ambassador
        spans.append(Span(seq, m.start(1), m.end(1), ROLE, "role", 2, name=label))
    return spans


def org_spans(seq: int, text: str) -> tuple[list[Span], dict[str, str]]:
    """Organisation abbreviations and "Long Name (ACRONYM)" definitions.

    Returns the spans and the definitions found ({"UMP": "Union for a Popular Movement"}), which
    the caller applies to the acronym everywhere in the cable.
    """
    spans: list[Span] = []
    defined: dict[str, str] = {}
    for m in _DEFINITION.finditer(text):
        long_form, acronym = m.group(1), m.group(2)
        long_form = _fit_definition(long_form, acronym)
        if long_form:
            start = m.start(1) + m.group(1).rfind(long_form)
            spans.append(Span(seq, start, start + len(long_form), ORG, "definition", 3))
            defined[acronym] = long_form
    for m in _ACRONYM.finditer(text):
        word = m.group(1)
        if word in ORG_ABBREVIATIONS or (
            GOV_ABBREVIATION.fullmatch(word) and word not in NOT_GOV_ABBREVIATIONS
        ):
            spans.append(Span(seq, m.start(1), m.end(1), ORG, "abbreviation", 3))
    return spans, defined


def _fit_definition(long_form: str, acronym: str) -> str | None:
    """The shortest tail of `long_form` whose capitalised words' initials spell `acronym`."""
    words = long_form.split()
    letters = acronym.replace("&", "").upper()
    for n in range(1, len(words) + 1):
        tail = words[-n:]
        if tail[0][0].islower():
            continue
        initials = "".join(w[0] for w in tail if w[0].isupper()).upper()
        initials_all = "".join(w[0] for w in tail).upper()
        if letters in (initials, initials_all):
            return " ".join(tail)
    return None


def acronym_uses(seq: int, text: str, defined: dict[str, str]) -> list[Span]:
    """Every use of an acronym the cable defined, as an organisation span."""
    if not defined:
        return []
    pattern = r"(?<![\w-])(" + "|".join(re.escape(a) for a in defined) + r")(?![\w-])"
    return [Span(seq, m.start(), m.end(), ORG, "definition", 3, name=defined[m.group()])
            for m in re.finditer(pattern, text)]


def choose(spans: list[Span]) -> list[Span]:
    """Non-overlapping spans, higher priority and longer first; model ORG spans that are only a
    title's modifier ("Interior" of "Interior Minister") are dropped."""
    taken: list[Span] = []
    by_seq: dict[int, list[tuple[int, int]]] = {}
    for span in sorted(spans, key=lambda s: (-s.priority, -(s.cover_end - s.cover_start),
                                             s.seq, s.start)):
        ranges = by_seq.setdefault(span.seq, [])
        if any(span.cover_start < b and a < span.cover_end for a, b in ranges):
            continue
        ranges.append((span.cover_start, span.cover_end))
        taken.append(span)
    modifiers = [(s.seq, *s.modifiers) for s in taken if s.modifiers]
    result = []
    for span in taken:
        if span.type == ORG and span.source == "ner" and any(
            seq == span.seq and a <= span.start and span.end <= b for seq, a, b in modifiers
        ) and not span.head_word:
            continue
        result.append(span)
    return sorted(result, key=lambda s: (s.seq, s.start))
