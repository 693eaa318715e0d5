"""Word-level diff between two versions of a cable: what WikiLeaks changed between publications.

Versions differ by lifted redactions, a partial extract replaced by the full text, re-wrapped
lines. Comparing words (whitespace kept but not compared) shows exactly that, where a line diff
would flag every re-wrapped line.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from typing import Any, Literal

Op = Literal["equal", "insert", "delete"]

_TOKEN = re.compile(r"\S+|\s+")


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text that is in both versions (`equal`), only the newer (`insert`) or only the
    older (`delete`). A replacement is a `delete` followed by an `insert`."""

    op: Op
    text: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces that turn `old` into `new`, comparing words and ignoring how space is laid out.

    Equal runs take the newer version's spacing; adjacent pieces of one kind are merged.
    """
    old_tokens = _TOKEN.findall(old)
    new_tokens = _TOKEN.findall(new)
    old_words = [(i, t) for i, t in enumerate(old_tokens) if not t.isspace()]
    new_words = [(i, t) for i, t in enumerate(new_tokens) if not t.isspace()]
    matcher = SequenceMatcher(None, [t for _, t in old_words], [t for _, t in new_words],
                              autojunk=False)
    pieces: list[Piece] = []

    def span(tokens: list[str], words: list[tuple[int, str]], a: int, b: int) -> str:
        """Text from word a to the end of word b-1, with the whitespace after it."""
        if a >= b:
            return ""
        first = words[a][0]
        last = words[b][0] if b < len(words) else len(tokens)
        return "".join(tokens[first:last])

    if new_tokens and new_tokens[0].isspace():  # leading space of the newer text
        pieces.append(Piece("equal", new_tokens[0]))
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("equal", span(new_tokens, new_words, j1, j2)))
            continue
        if tag in ("delete", "replace"):
            gone = span(old_tokens, old_words, i1, i2)
            if pieces and not pieces[-1].text[-1:].isspace():
                gone = " " + gone  # keep the deleted words apart from the word before
            pieces.append(Piece("delete", gone))
        if tag in ("insert", "replace"):
            pieces.append(Piece("insert", span(new_tokens, new_words, j1, j2)))
    return _merged(pieces)


def _merged(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if out and out[-1].op == piece.op:
            out[-1] = Piece(piece.op, out[-1].text + piece.text)
        else:
            out.append(piece)
    return out


def diff_stats(pieces: list[Piece]) -> dict[str, int]:
    """Words inserted, deleted and unchanged: the summary a reader sees first."""
    counts = {"equal": 0, "insert": 0, "delete": 0}
    for piece in pieces:
        counts[piece.op] += len(piece.text.split())
    return {"words_equal": counts["equal"], "words_inserted": counts["insert"],
            "words_deleted": counts["delete"]}


# --- what changed, as a reader asks it: the changes one by one, and a summary ------------------

# The release's redaction marks (some early versions wrote them in lower case).
REDACTION = re.compile(r"X{5,}|x{9,}")
_WORD = re.compile(r"[^\W_]+")

Kind = Literal["redaction lifted", "redacted", "formatting", "added", "removed", "reworded"]


@dataclass(frozen=True, slots=True)
class Change:
    """One place the versions differ: the `delete`/`insert` pieces `first`..`last - 1` together.

    `start`, `end`: where it is in the newer text (equal for a pure deletion); `paragraphs`: the
    printed numbers of the newer version's paragraphs it touches. `kind`, in order of what a
    reader looks for: redactions lifted (fewer `XXXXXXXXXXXX` after) or added (more), formatting
    only (the same words: quote marks, spacing, case, ¶ marks), text added, removed, reworded.
    """

    n: int
    kind: Kind
    first: int
    last: int
    start: int
    end: int
    paragraphs: list[int]
    words_inserted: int
    words_deleted: int
    redactions_lifted: int
    redactions_added: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _kind(deleted: str, inserted: str) -> tuple[Kind, int, int]:
    before, after = len(REDACTION.findall(deleted)), len(REDACTION.findall(inserted))
    lifted, added = max(before - after, 0), max(after - before, 0)
    if lifted:
        return "redaction lifted", lifted, 0
    if added:
        return "redacted", 0, added
    if _words(deleted) == _words(inserted):
        return "formatting", 0, 0
    if not deleted.strip():
        return "added", 0, 0
    if not inserted.strip():
        return "removed", 0, 0
    return "reworded", 0, 0


def _words(text: str) -> list[str]:
    from cablescope.search.text import fold

    return _WORD.findall(fold(text))


def changes(pieces: list[Piece], paragraphs: list[dict[str, Any]]) -> list[Change]:
    """The changes of a `word_diff` in order; `paragraphs` are the newer version's (offsets
    into its text, which the `equal` and `insert` pieces spell)."""
    numbered = [(p["start"], p["end"], p["number"]) for p in paragraphs
                if p.get("number") is not None]
    found: list[Change] = []
    pos = 0
    i = 0
    while i < len(pieces):
        if pieces[i].op == "equal":
            pos += len(pieces[i].text)
            i += 1
            continue
        first, start = i, pos
        deleted, inserted = [], []
        while i < len(pieces) and pieces[i].op != "equal":
            if pieces[i].op == "insert":
                inserted.append(pieces[i].text)
                pos += len(pieces[i].text)
            else:
                deleted.append(pieces[i].text)
            i += 1
        gone, new = "".join(deleted), "".join(inserted)
        kind, lifted, added = _kind(gone, new)
        end = max(pos, start + 1)  # a deletion touches the paragraph where it was
        touched = sorted({n for a, b, n in numbered if a < end and b > start})
        found.append(Change(len(found) + 1, kind, first, i, start, pos, touched,
                            len(new.split()), len(gone.split()), lifted, added))
    return found


def summary(found: list[Change], old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """What changed between two laid-out versions (`Store.cable` dicts, older first), in the
    terms a reader asks: redactions lifted or added, a partial extract replaced by the full text
    (or the reverse), paragraphs added, removed or reworded, changes by kind."""
    kinds: dict[str, int] = {}
    for change in found:
        kinds[change.kind] = kinds.get(change.kind, 0) + 1
    extract = None
    if old.get("partial") and not new.get("partial"):
        extract = "replaced by the full text"
    elif new.get("partial") and not old.get("partial"):
        extract = "cut to a partial extract"
    before, after = _numbered(old), _numbered(new)
    return {
        "changes": len(found),
        "kinds": kinds,
        "redactions_lifted": sum(c.redactions_lifted for c in found),
        "redactions_added": sum(c.redactions_added for c in found),
        "extract": extract,
        "paragraphs_added": sorted(set(after) - set(before)),
        "paragraphs_removed": sorted(set(before) - set(after)),
        "paragraphs_changed": sorted(n for n in set(before) & set(after)
                                     if _words(before[n]) != _words(after[n])),
    }


def _numbered(cable: dict[str, Any]) -> dict[int, str]:
    """Numbered paragraphs' text by number (a number printed twice: both texts together)."""
    out: dict[int, str] = {}
    for p in cable.get("paragraphs", []):
        if p.get("number") is not None:
            out[p["number"]] = out.get(p["number"], "") + "\n" + p["text"]
    return out


def ranges(numbers: list[int]) -> str:
    """`[3, 4, 5, 9]` -> `¶3–¶5, ¶9`: paragraph numbers as a reader writes them."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"¶{r[0]}" if len(r) == 1 else f"¶{r[0]}–¶{r[-1]}" for r in runs)


def summary_lines(diff: dict[str, Any], seen: dict[int, str | None]) -> list[dict[str, Any]]:
    """The summary as sentences, each linked to the first change it is about (`#c<n>`);
    `diff` is `core.diff`'s answer, `seen` the date each version was seen, by number."""
    s, found = diff["summary"], diff["changes"]
    old, new = diff["from_version"], diff["to_version"]

    def first(test: Any) -> str | None:
        return next((f"#c{c['n']}" for c in found if test(c)), None)

    def plural(n: int, word: str) -> str:
        return f"{n:,} {word}{'' if n == 1 else 's'}"

    def when(v: int) -> str:
        return f"v{v} (seen {seen.get(v) or 'on an unknown date'})"

    lines: list[dict[str, Any]] = []
    if s["extract"] == "replaced by the full text":
        lines.append({"text": f"{when(old)} was a partial extract of the cable; {when(new)} "
                              "is the full text", "href": None, "cls": "extract"})
    elif s["extract"]:
        lines.append({"text": f"{when(old)} was the full text; {when(new)} is a partial "
                              "extract of it", "href": None, "cls": "extract"})
    for count, what, kind in ((s["redactions_lifted"], "lifted", "redaction lifted"),
                              (s["redactions_added"], "added", "redacted")):
        if count:
            where = ranges(sorted({n for c in found if c["kind"] == kind
                                   for n in c["paragraphs"]}))
            lines.append({"text": f"{plural(count, 'redaction')} {what}"
                                  + (f" ({where})" if where else ""),
                          "href": first(lambda c, kind=kind: c["kind"] == kind),
                          "cls": kind.replace(" ", "-")})
    for numbers, what, cls in ((s["paragraphs_added"], "added", "para-added"),
                               (s["paragraphs_removed"], "removed", "para-removed"),
                               (s["paragraphs_changed"], "changed", "para-changed")):
        if numbers:
            lines.append({"text": f"{plural(len(numbers), 'paragraph')} {what}: "
                                  f"{ranges(numbers)}",
                          "href": first(lambda c, ns=set(numbers): c["kind"] != "formatting"
                                        and ns & set(c["paragraphs"])),
                          "cls": cls})
    formatting = s["kinds"].get("formatting", 0)
    if formatting:
        lines.append({"text": f"{plural(formatting, 'change')} of formatting only (quote "
                              "marks, spacing, letter case, ¶ marks)",
                      "href": first(lambda c: c["kind"] == "formatting"),
                      "cls": "formatting"})
    if not found:
        lines.append({"text": "The two versions have the same words (they may differ in "
                              "spacing only)", "href": None, "cls": "same"})
    return lines


def blocks(diff: dict[str, Any]) -> list[dict[str, Any]]:
    """The diff's pieces grouped for the page: each change's pieces together (one anchor, one
    stop of the "next change" navigation), equal text between them."""
    pieces, by_first = diff["pieces"], {c["first"]: c for c in diff["changes"]}
    out: list[dict[str, Any]] = []
    i = 0
    while i < len(pieces):
        change = by_first.get(i)
        if change is None:
            out.append({"change": None, "pieces": pieces[i:i + 1]})
            i += 1
        else:
            out.append({"change": change, "pieces": pieces[change["first"]:change["last"]]})
            i = change["last"]
    return out
