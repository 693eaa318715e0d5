"""Names after titles: "Interior Minister Nicolas Sarkozy", "FM Kouchner", "A/S Shapiro",
"Ambassador to U.S. Huda Nunu", "former prime minister Lionel Jospin".

Works on the model's tokens: a title head (or phrase) from the lexicon, more heads stacked after
it ("Minister-Counselor", "Brigadier General"), an optional complement naming a place or body
("to U.S.", "of Egypt") and then up to five name words. The words left of the head that belong
to the title ("Interior", "National Economic Council", "former") are kept as the title and
marked, so the model's organisation guess "Interior" is dropped.
"""

from __future__ import annotations

import re
from typing import Any

from cablescope.entities.countries import code_for_words
from cablescope.entities.givennames import given_name
from cablescope.entities.lexicon import (
    DESCRIPTIONS,
    MONTHS,
    NOT_NAME_WORDS,
    ORG_HEAD_WORDS,
    ROLE_WORDS,
    TITLE_HEADS,
    TITLE_PHRASES,
)
from cablescope.entities.model import PERSON
from cablescope.entities.names import PARTICLES, TITLE_MODIFIERS, fold
from cablescope.entities.spans import INITIAL, Span, title_word_as_surname

# Titles a cable also writes in lower case before a name ("former prime minister Lionel Jospin").
_LOWER_OK_HEADS = frozenset(DESCRIPTIONS) | frozenset([
    "president", "minister", "ambassador", "secretary", "chairman", "director", "spokesman",
    "leader", "governor", "mayor", "senator", "king", "general", "counselor", "advisor",
    "adviser", "deputy", "frontrunner", "candidate", "journalist", "editor", "activist",
    "official", "officer", "legislator", "lawmaker", "commander",
])
# Portfolio words written in lower case before a head ("interior minister Barrionuevo").
_PORTFOLIOS = frozenset([
    "economic", "national", "political", "military", "commerce", "public", "social",
    "international", "european", "federal", "presidential", "regional", "provincial", "general",
    "executive", "special", "principal", "permanent", "assistant", "vice", "first", "second",
    "interior", "foreign", "defense", "defence", "finance", "justice", "economy", "trade",
    "health", "education", "energy", "agriculture", "labor", "labour", "environment", "culture",
    "transport", "tourism", "industry", "planning", "information", "security", "oil", "prime",
])
# Small words that start a clause, never a title: "While Interior Minister ...".
_FUNCTION_WORDS = frozenset([
    "while", "during", "under", "but", "when", "after", "before", "as", "with", "by", "from",
    "to", "in", "on", "at", "or", "if", "since", "because", "although", "though", "that",
    "this", "these", "those", "which", "who", "whom", "whose", "his", "her", "their", "its",
    "our", "said", "says", "told", "also", "even", "only", "both", "each", "every", "all",
])
_HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Mme", "M.", "Sir", "Dr."})
_NAME_WORD = re.compile(r"^(?:Mc|Mac|O['’]|D['’]|Al-|El-)?[A-ZÀ-ÖØ-Þ][\w'’À-ÿ]*$")
_PHRASES = sorted(((p.split(), p) for p in TITLE_PHRASES), key=lambda x: -len(x[0]))
_SLASHED = {h for h in TITLE_HEADS if "/" in h}
_COMPLEMENT = frozenset({"to", "of", "for", "in"})
_MODEL_PERSON = "PERSON"  # the model's entity label for a person


# First words of title phrases, which end a name written before a title ("Thomas Shannon
# Assistant Secretary"): "Assistant", "Prime", "Foreign", ...
_PHRASE_STARTS = frozenset(p.split()[0] for p in TITLE_PHRASES) - {"major", "chief"}


def is_name_word(text: str) -> bool:
    """A capitalised word that can be part of a person's name (not a title, month, org word)."""
    low = fold(text).strip(".")
    return bool(_NAME_WORD.match(text)) and low not in NOT_NAME_WORDS and (
        low not in ORG_HEAD_WORDS) and low not in TITLE_HEADS and low not in MONTHS and (
        low not in _PHRASE_STARTS) and (not text.isupper() or len(text) > 3)


def _by_first_word() -> dict[str, list[list[str]]]:
    index: dict[str, list[list[str]]] = {}
    for words, _phrase in _PHRASES:
        index.setdefault(words[0].rstrip("."), []).append([w.rstrip(".") for w in words])
    return index


_PHRASES_BY_FIRST = _by_first_word()
# Every lower-case word that can open a title (a phrase, a head, a role), plurals included:
# most tokens are none, and `head_at` answers them without building a list.
_OPENERS = frozenset(_PHRASES_BY_FIRST) | frozenset(TITLE_HEADS) | frozenset(ROLE_WORDS)


def _lowered(tokens: list[Any]) -> list[str]:
    return [t.lower_.rstrip(".") for t in tokens]


def _same(low: str, word: str) -> bool:
    return low == word or (low.endswith("s") and low[:-1] == word)  # plurals


def head_at(tokens: list[Any], i: int, low: list[str] | None = None) -> int:
    """Number of tokens of a title starting at token i (a phrase or one head word), else 0.

    `low` is the tokens' lower-case forms (computed once per paragraph by the caller).
    """
    low = low if low is not None else _lowered(tokens)
    first = low[i]
    if first not in _OPENERS and first[:-1] not in _PHRASES_BY_FIRST and (
            i + 1 >= len(tokens) or low[i + 1] != "/"):
        return 0
    for words in _PHRASES_BY_FIRST.get(first, []) + _PHRASES_BY_FIRST.get(first[:-1], []):
        if i + len(words) <= len(tokens) and all(
            _same(low[i + k], w) for k, w in enumerate(words)
        ):
            return len(words)
    if (i + 2 < len(tokens) and not tokens[i].whitespace_ and tokens[i + 1].text == "/"
            and not tokens[i + 1].whitespace_
            and f"{low[i]}/{low[i + 2]}" in _SLASHED):
        return 3  # "A/S", "U/S": three tokens for the model
    text = tokens[i].text
    if first in TITLE_HEADS and (text[0].isupper() or first in _LOWER_OK_HEADS or "/" in text):
        return 1
    if first in ROLE_WORDS and text[0].isupper():  # "EconOff Roland McKay"
        return 1
    return 0


# Last words of a title's field written as a unit's name ("for European Affairs", "in the Trade
# and Fisheries Department"): the name starts right after them.
_FIELD_ENDS = frozenset({"affairs", "department", "directorate", "division", "office", "bureau",
                         "unit", "section"})


# A body's word in a title's complement: the body is the labels' even there (not "Affairs").
_UNIT_WORDS = (_FIELD_ENDS | ORG_HEAD_WORDS) - {"affairs"}


def _field_start(tokens: list[Any], k: int) -> int | None:
    """Where a name starts after a title's field written in capitals ("of Defense", "for
    European Affairs", "in the Trade and Fisheries Department"), or None when no name follows.

    The model reads the field with the name into one body, tags the name a nationality, or
    reads no entity at all, so the field is read here: up to six capitalised words (with "and",
    "&", "of" between them). The name starts after the last of `_FIELD_ENDS` in the run, else
    at its first given name past the first word ("Minister of Defense Jan Kowalski"), else after
    a comma closing the field when two or more name words and a comma or stop follow
    ("Minister of Irrigation, Anna Nowak, said").
    """
    run: list[int] = []
    m = k
    while m < len(tokens) and len(run) < 9:
        text = tokens[m].text
        if text[:1].isupper() and tokens[m].is_alpha:
            run.append(m)
        elif run and tokens[m].lower_ in {"and", "&", "of"} and m + 1 < len(tokens) and (
                tokens[m + 1].text[:1].isupper()):
            pass
        else:
            break
        m += 1
    if not run:
        return None
    ends = [i for i in run[:6] if tokens[i].lower_ in _FIELD_ENDS]
    if ends and _name_tokens(tokens, ends[-1] + 1):
        return ends[-1] + 1
    for i in run[1:7]:
        if given_name(tokens[i].text) and fold(tokens[i].text) not in _PORTFOLIOS and (
                tokens[i - 1].lower_ not in {"and", "&", "of"}) and not _inside_place(tokens, i):
            return i
    last = m  # a comma closing a field of one to three words, then the name and a comma
    if m < len(tokens) and tokens[m].text == "," and len(run) <= 3:
        name = _name_tokens(tokens, m + 1)
        after = m + 1 + len(name)
        if len(name) >= 2 and after < len(tokens) and tokens[after].text in {",", "."}:
            return last + 1
    return None


# Two words run together, a given name and another ("JanKowalski"): the labels write the
# name apart, so read as one word it would be a false person; left to the model.
_RUN_TOGETHER = re.compile(r"([A-Z][a-z]{2,})([A-Z][a-z]{2,})")
_PREFIXES = frozenset({"mac", "van", "von", "del", "della", "des", "dos", "das"})


def _field(tokens: list[Any], k: int) -> int | None:
    """`_field_start`, unless the name's first word is two words run together."""
    at = _field_start(tokens, k)
    if at is None or at >= len(tokens):
        return at
    joined = _RUN_TOGETHER.fullmatch(tokens[at].text)
    if joined and given_name(joined.group(1)) and joined.group(1).lower() not in _PREFIXES:
        return None
    return at


def _inside_place(tokens: list[Any], i: int) -> bool:
    """Token i continues a place or body the model read from the word before ("of Costa Rica":
    "Rica" is also a given name), or makes a country with it."""
    t = tokens[i]
    return (t.ent_iob_ == "I" and t.ent_type_ != _MODEL_PERSON) or bool(
        code_for_words(f"{tokens[i - 1].text} {t.text}"))


def _field_after(tokens: list[Any], j: int) -> int | None:
    """`_field` after the complement's word at j ("of", "for the", ...), else None."""
    if j < len(tokens) and tokens[j].lower_ in _COMPLEMENT:
        k = j + 1
        if k < len(tokens) and tokens[k].lower_ == "the":
            k += 1
        return _field(tokens, k)
    return None


def _complement(tokens: list[Any], j: int) -> int:
    """Skip "to U.S." / "of the Interior" after a head when the model marks it as a place or
    body, or a field written in capitals (`_field`); returns the index where the name may
    start."""
    if (at := _field_after(tokens, j)) is not None:
        return at
    if j < len(tokens) and tokens[j].lower_ in _COMPLEMENT:
        k = j + 1
        if k < len(tokens) and tokens[k].lower_ == "the":
            k += 1
        start = k
        while k < len(tokens) and tokens[k].ent_type_ in ("GPE", "NORP", "ORG", "LOC"):
            k += 1
        if k > start:
            return k
        for n in (3, 2, 1):  # a country the model read into the name ("Sri Lanka John Doe")
            if k + n < len(tokens) and code_for_words(" ".join(t.text for t in tokens[k:k + n])):
                return k + n
    return j


# A blank line between two words: the end of a header field or a paragraph, which no name runs
# over (16,838 capitalised words on either side of one in the corpus; docs/benchmarks.md,
# tuning round 27, people22).
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SINGLE_LINE = re.compile(r"\S[ \t]*\n[ \t]*\S")  # two lines with no blank line between


_SINGLE_SPACED = "cablescope.single_spaced"  # the doc's `user_data` key


def _single_spaced(doc: Any) -> bool:
    """Whether the text has lines with no blank line between them (not stored double-spaced);
    asked once a text, kept in the doc's `user_data` (`title_spans` sets it from the paragraph
    when the doc reads a stretch of one)."""
    if _SINGLE_SPACED not in doc.user_data:
        doc.user_data[_SINGLE_SPACED] = _SINGLE_LINE.search(doc.text) is not None
    return bool(doc.user_data[_SINGLE_SPACED])


def _name_tokens(tokens: list[Any], k: int) -> list[Any]:
    """The name after a title: up to five words, a hyphen joining two of them counting as none
    ("Sheikh Jan bin Rowan Al-Doe": five words, six tokens; counted as tokens the name
    stopped at "bin Rowan", the family name left out). Over the corpus's paragraphs this
    changes 103 names after a title in 72 cables: 86 made whole (58 a Gulf "X bin Y Al-Z"), 2
    longer and still short, 3 run on into the next word, 11 in headings (wrong either way)."""
    found: list[Any] = []
    while k < len(tokens) and sum(t.text != "-" for t in found) < 5:
        t = tokens[k]
        before = found[-1] if found else (tokens[k - 1] if k > 0 else None)
        if before is not None and _BLANK_LINE.search(t.doc.text, before.idx, t.idx) and (
                _single_spaced(t.doc)):  # a field's or a paragraph's end: "SYG JAN ROE" +
            break  # blank + "REF"; a subject's last word a title ("... PRESIDENT") + blank +
            # a masked REF line + a lettered item ("B. HARBOURTON 148"): no name after it;
            # not so in a cable stored double-spaced, a blank line after every line
        follows = (k + 1 < len(tokens) and is_name_word(tokens[k + 1].text)) or (
            k + 2 < len(tokens) and tokens[k + 1].lower_ in PARTICLES  # "van der Berg"
            and is_name_word(tokens[k + 2].text))
        if INITIAL.match(t.text) or is_name_word(t.text) or (
            t.lower_ in PARTICLES and follows and found
        ) or (t.text == "-" and found and not t.whitespace_ and follows):
            found.append(t)
        elif t.lower_ in PARTICLES and follows and not found and t.text[0].islower():
            found.append(t)  # "de Villepin"
        elif (t.lower_ in PARTICLES and k + 2 < len(tokens) and tokens[k + 1].text == "-"
              and not t.whitespace_ and is_name_word(tokens[k + 2].text)):
            found.extend(tokens[k : k + 3])  # "al-Qirbi": three tokens for the model
            k += 3
            continue
        elif (len(found) == 1
              and (k + 1 == len(tokens) or not tokens[k + 1].text[:1].isupper())
              and title_word_as_surname(found[0].text, t.text)):
            found.append(t)  # "lawyer Pedro Singer said", "official Omar Eid.": the surname
            break
        else:
            break
        k += 1
    while found and (found[-1].lower_ in PARTICLES or found[-1].text == "-"):
        found.pop()
    return found


def _title_start(tokens: list[Any], head_start: int) -> int:
    """Index of the first word of the title: capitalised or portfolio words before the head."""
    m = head_start
    while m > 0 and head_start - m < 5:
        prev = tokens[m - 1]
        if (m >= 3 and prev.text == ")" and tokens[m - 3].text == "("
                and tokens[m - 2].text.isupper()):  # "Popular Movement (UMP) President"
            m -= 3
            break
        if (prev.text == "-" and m >= 2 and tokens[m - 2].lower_ in TITLE_MODIFIERS
                and not prev.whitespace_):
            m -= 2  # "then-President", "ex-Minister"
            continue
        if (prev.whitespace_ == "" and prev.text not in {"-"}) or prev.ent_type_ == _MODEL_PERSON:
            break
        if prev.lower_ in _BEFORE_SENTENCE or (_starts_sentence(tokens, m - 1) and not (
                prev.lower_ in TITLE_MODIFIERS or prev.lower_ in _PORTFOLIOS
                or prev.lower_ in ORG_HEAD_WORDS or prev.text.isupper())):
            break  # "Despite President X", "Noting FM Y": the sentence's word, not the title's
        low = prev.lower_.rstrip("-")
        if low in _FUNCTION_WORDS:
            break  # "While Interior Minister", "Under President"
        if (prev.text[:1].isupper() and prev.is_alpha and low not in {"and", "the"}) or (
            low in TITLE_MODIFIERS or low in _PORTFOLIOS or low in ORG_HEAD_WORDS
        ) or (prev.text in {"of", "for"} and m - 1 > 0 and m < head_start):
            m -= 1  # "UMP party president": the body is part of the title
        else:
            break
    while m < head_start and tokens[m].text in {"of", "for"}:
        m += 1
    return m


# Titles that stand for one person ("POTUS"), never the first half of a compound title.
_PERSONS = frozenset({"potus", "vpotus", "flotus", "secstate", "secdef"})


_BEFORE_SENTENCE = frozenset({"despite", "noting", "following", "reinforcing", "until",
                              "dear", "notwithstanding", "mirroring", "attacks", "for", "with",
                              "from", "to", "by", "against"})
_RUNNING = frozenset({"candidate", "candidates", "nominee", "bid", "race", "running", "run",
                      "aspirant", "contender"})


def _starts_sentence(tokens: list[Any], k: int) -> bool:
    return k == 0 or tokens[k - 1].text in {".", "!", "?", ":", ";", '"', "“", "--"}


def _supposed(tokens: list[Any], m: int) -> bool:
    """A title supposed, not held: in quotation marks ("President Sarkozy"), after an
    indefinite article ("a President Sarkozy would ..."), sought ("candidate for Prime
    Minister Netanyahu")."""
    if m == 0:
        return False
    prev = tokens[m - 1]
    if prev.lower_ == "for" and m >= 2 and tokens[m - 2].lower_ in _RUNNING:
        return True
    return prev.text in {'"', "“", "'", "‘"} or prev.lower_ in {"a", "an"}


def _words(tokens: list[Any]) -> str:
    return "".join(t.text + (" " if t.whitespace_ else "") for t in tokens).strip()


def title_spans(seq: int, doc: Any, base: int = 0, paragraph: str | None = None) -> list[Span]:
    """Person spans for names written after a title, with the title as written (`doc` read from
    offset `base` of the paragraph, whose whole text `paragraph` tells its line spacing)."""
    if paragraph is not None and _SINGLE_SPACED not in doc.user_data:
        # a stretch's spacing is its paragraph's: "SUBJECT: ... DIRECTOR" + blank + "Sensitive
        # but unclassified." holds no single line break, the header's routing lines do
        doc.user_data[_SINGLE_SPACED] = _SINGLE_LINE.search(paragraph) is not None
    tokens = [t for t in doc if not t.is_space]  # joined lines leave double spaces
    low = _lowered(tokens)
    spans: list[Span] = []
    i = 0
    while i < len(tokens):
        n = head_at(tokens, i, low)
        if not n:
            i += 1
            continue
        head_start, j = i, i + n
        if low[i] in _PERSONS and j < len(tokens) and tokens[j].text in {"-", "–"}:
            i = j + 1  # "the POTUS-President Sarkozy bilat": two people, not one title
            continue
        while j < len(tokens):  # stacked titles
            if tokens[j].text in {"-", "–"} and j + 1 < len(tokens) and head_at(tokens, j + 1,
                                                                                 low):
                j += 1 + head_at(tokens, j + 1, low)
            elif (k := head_at(tokens, j, low)):
                j += k
            elif (tokens[j].text == "-" and j + 1 < len(tokens) and low[j + 1] == "equivalent"
                  and not tokens[j - 1].whitespace_ and not tokens[j].whitespace_):
                j += 2  # "Foreign Minister-equivalent X", "A/S-equivalent X": a title of a
                # government whose offices the cable matches to ours (about 100 before a name
                # in 75 cables; "-equivalent" 375 times in 218)
            else:
                break
        k = _complement(tokens, j)
        name = _name_tokens(tokens, k)
        # A head in lower case before a lone country's word is its adjective, no title ("the
        # official Ruritanian position", "the activist Freedonian judge").
        adjective = (len(name) == 1 and tokens[head_start].text[:1].islower()
                     and bool(code_for_words(name[0].text)))
        if not name or not any(len(t.text) > 2 for t in name) or adjective:
            i = j
            continue
        m = _title_start(tokens, head_start)
        head_text = _words(tokens[head_start:j])
        words = _words(tokens[m:k]) if m < head_start or k > j else head_text
        title: str | None = " ".join(words.replace("(", " ").replace(")", " ").split()).rstrip(
            " ,")  # "Minister of Irrigation, Anna Nowak": the comma closes the title
        if title in _HONORIFICS or head_text in _HONORIFICS or _supposed(tokens, m):
            title = None  # not a title held: "the idea of 'President Sarkozy'"
        start, end = base + name[0].idx, base + name[-1].idx + len(name[-1].text)
        # A unit's name in the title's complement ("in the Harbour Department Jan Roe", "of
        # the Office of Harbour Safety, Jan Roe,") is a body the labels count: the title does
        # not cover it, so the model's body there stays.
        unit = k > j and _field_after(tokens, j) == k and any(
            low[x] in _UNIT_WORDS for x in range(j, k))
        spans.append(Span(seq, start, end, PERSON, "title", 3, title=title,
                          cover_start=start if unit else base + tokens[head_start].idx,
                          cover_end=end,
                          modifiers=(base + tokens[m].idx, base + tokens[head_start].idx)
                          if m < head_start else None))
        i = k + len(name)
    return spans
