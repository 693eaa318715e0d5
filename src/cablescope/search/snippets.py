"""Snippets: the part of a paragraph where the query matched, the matches between markers.

Done in Python on the paragraphs of the page only (never on every hit of a big result), from the
query's positive leaves: each word or phrase is found as a run of folded tokens (the last one as a
prefix for `sarko*`), each exact string as the literal itself. The window shown is the stretch of
about `chars` characters holding the most matches; whitespace runs (cable line breaks) become one
space.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from cablescope.search.query import Leaf, Literal, Phrase, Word
from cablescope.search.text import fold, fold_quotes, is_token_char, spans, tokens

MARKERS = ("⟦", "⟧")  # never in cable text; the CLI turns them into colour on a terminal
SNIPPET_CHARS = 240
_SPACE = re.compile(r"\s+")
_LAST_SPACE = re.compile(r"\s+(?=\S*\Z)")  # the last whitespace run (searched with an endpos)


@dataclass(frozen=True, slots=True)
class Highlighter:
    """What to mark in a paragraph: token runs (with a prefix flag) and exact strings."""

    runs: tuple[tuple[tuple[str, ...], bool], ...]
    literals: tuple[str, ...]

    @classmethod
    def for_leaves(cls, leaves: list[Leaf]) -> Highlighter:
        runs: list[tuple[tuple[str, ...], bool]] = []
        literals: list[str] = []
        for leaf in leaves:
            if isinstance(leaf, Word | Phrase):
                toks = tuple(tokens(leaf.text))
                if toks:
                    runs.append((toks, leaf.prefix))
            elif isinstance(leaf, Literal):
                literals.append(leaf.text)
        return cls(tuple(dict.fromkeys(runs)), tuple(dict.fromkeys(literals)))

    def __bool__(self) -> bool:
        return bool(self.runs or self.literals)

    def matches(self, text: str) -> list[tuple[int, int]]:
        """Character ranges of every match in `text`, sorted, overlaps merged."""
        found: list[tuple[int, int]] = []
        if self.runs:
            folded = fold(text)
            if len(folded) == len(text):  # offsets kept (always for ASCII): one regex a run
                for run, prefix in self.runs:
                    found.extend(_run_ranges(folded, run, prefix))
            else:
                found.extend(_token_walk(text, self.runs))
        if self.literals:
            folded_quotes = fold_quotes(text)
            for literal in self.literals:
                found.extend(_literal_ranges(folded_quotes, literal))
        found.sort()
        merged: list[tuple[int, int]] = []
        for start, end in found:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def snippet(self, text: str, chars: int = SNIPPET_CHARS,
                markers: tuple[str, str] = MARKERS) -> str:
        """The best window of `text` with its matches between `markers`."""
        ranges = self.matches(text) if self else []
        start, end = _window(text, ranges, chars)
        out: list[str] = []
        pos = start
        for a, b in ranges:
            if b <= start or a >= end:
                continue
            a, b = max(a, start), min(b, end)
            out.append(_squeeze(text[pos:a]))
            out.append(markers[0] + _squeeze(text[a:b]) + markers[1])
            pos = b
        out.append(_squeeze(text[pos:end]))
        body = "".join(out).strip()
        cut = end < len(text) and not text[end:].isspace()  # text left out after the window
        return ("…" if start > 0 else "") + body + ("…" if cut else "")


@functools.lru_cache(maxsize=256)
def _run_pattern(run: tuple[str, ...], prefix: bool) -> re.Pattern[str]:
    """A run of folded tokens in folded text: whole tokens, any separators between them."""
    body = r"[\W_]+".join(re.escape(t) for t in run)
    end = r"[^\W_]*" if prefix else r"(?![^\W_])"
    return re.compile(r"(?<![^\W_])" + body + end)


def _run_ranges(folded: str, run: tuple[str, ...], prefix: bool) -> list[tuple[int, int]]:
    """What `_run_pattern(run, prefix).finditer(folded)` finds, tried only where the first token
    occurs: `str.find` skips ahead in C, where the pattern's leading lookbehind makes the regex
    engine try every position."""
    pattern, first = _run_pattern(run, prefix), run[0]
    out = []
    at = folded.find(first)
    while at >= 0:
        m = pattern.match(folded, at)
        if m:
            out.append(m.span())
            at = folded.find(first, m.end())
        else:
            at = folded.find(first, at + 1)
    return out


def _token_walk(text: str, runs: tuple[tuple[tuple[str, ...], bool], ...]) -> list[tuple[int, int]]:
    """The runs found token by token: for text whose folding changes lengths (rare scripts)."""
    toks = list(spans(text))
    words = [t.token for t in toks]
    found = []
    for run, prefix in runs:
        n = len(run)
        for i in range(len(words) - n + 1):
            if words[i:i + n - 1] != list(run[:-1]):
                continue
            last = words[i + n - 1]
            if last == run[-1] or (prefix and last.startswith(run[-1])):
                found.append((toks[i].start, toks[i + n - 1].end))
    return found


def _literal_ranges(folded: str, literal: str) -> list[tuple[int, int]]:
    """Where `literal` occurs as exact mode finds it (the rules of `exact_match`).

    `folded` is the text with its quotes folded, which keeps every offset.
    """
    needle = fold_quotes(literal)
    anchored = is_token_char(literal[0])
    out = []
    at = folded.find(needle)
    while at >= 0:
        if not anchored or at == 0 or not is_token_char(folded[at - 1]):
            out.append((at, at + len(needle)))
        at = folded.find(needle, at + 1)
    return out


def _squeeze(text: str) -> str:
    return _SPACE.sub(" ", text)


def _window(text: str, ranges: list[tuple[int, int]], chars: int) -> tuple[int, int]:
    """[start, end) of about `chars` characters holding the most matches, cut between words."""
    if len(text) <= chars:
        return 0, len(text)
    anchor, last, best = 0, 0, 0
    for i, (a, _) in enumerate(ranges):
        inside = [b for _, b in ranges[i:] if b <= a + chars * 4 // 5]
        if len(inside) > best:
            anchor, last, best = a, max(inside), len(inside)
    start = max(0, anchor - chars // 5) if best else 0
    end = min(len(text), start + chars)
    start = max(0, end - chars)
    if start > 0:  # begin at a word: the first space between start and the first match
        space = _SPACE.search(text, start, anchor if best else end)
        if space:
            start = space.end()
    if end < len(text):  # end at a word: the last space after the last match shown
        space = _LAST_SPACE.search(text, max(last, start), end)
        if space:
            end = space.start()
    return start, end
