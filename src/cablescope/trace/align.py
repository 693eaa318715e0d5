"""Align a quoted fragment to a cable, word runs first, then character by character at the edges.

Aligning characters with unit costs alone goes wrong on the edits journalists make: dropping a
sentence silently costs as much as the sentence, so an edit-distance aligner prefers to smear
the rest of the quote over the wrong words. Here exact runs of words (on matching keys) anchor
the alignment and are chained in order, with skipped cable text cheap and skipped article text
unscored, which models omissions and insertions of any length; then the edges of the fragment
are placed character by character with edlib (prefix/suffix mode), and every stretch between
two runs becomes one "differs" piece for `edits` to name. Inside runs, words that differ only in
case, accents, quotes, dashes or dots (U.S./US) become "minor" pieces.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import edlib

from cablescope.trace.acronyms import spells
from cablescope.trace.keys import word_keys
from cablescope.trace.normalize import CABLE_NOISE, Normalized, Token

MAX_GAP = 600  # cable words a silent omission may skip inside one fragment
EDGE_SKIP = 40  # cable words a cut next to a fragment's first or last words may skip
NEAR_GAP = 3  # cable words a short change next to a fragment's first or last words may span
STOP_WORDS = frozenset(
    [
        "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "and", "or", "but", "is",
        "are", "was", "were", "be", "been", "it", "its", "that", "this", "with", "as", "from", "he",
        "she", "they", "we", "i", "you", "his", "her", "their", "our", "not", "no", "s", "t",
    ]
)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of an alignment in original offsets: 'same' words, 'minor' (same words written
    differently: case, typography, dots) or 'diff' (different or missing words on one side)."""

    kind: str
    a_start: int
    a_end: int
    c_start: int
    c_end: int


@dataclass(slots=True)
class FragmentAlignment:
    """Where one article fragment sits in a cable, and how it differs, piece by piece."""

    pieces: list[Piece]
    matched: int  # article words aligned to the same cable words
    words: int  # article words in the fragment
    a_start: int
    a_end: int
    c_start: int
    c_end: int
    c_first_token: int
    c_last_token: int
    longest: int = 0  # longest run of identical words
    content: int = 0  # matched words that are not stop words

    @property
    def coverage(self) -> float:
        return self.matched / self.words if self.words else 0.0


@dataclass(frozen=True, slots=True)
class _Run:
    i: int  # first article token
    j: int  # first cable token
    n: int  # length in tokens


_BRACKETS = re.compile(r"[()\[\]]")


def _runs(a: list[Token], c: list[Token], lo: int, hi: int, a_text: str = "",
          c_text: str = "", index: dict[str, list[int]] | None = None) -> list[_Run]:
    """Maximal runs of equal word keys between the fragment and cable tokens [lo, hi).

    A run does not cross a bracket or parenthesis the other side does not have: the words of
    "(a reference to the ruling party)" are the writer's, even where one happens to be the
    cable's next word."""

    def same_brackets(i: int, j: int) -> bool:
        if not a_text:
            return True
        sa = _BRACKETS.findall(a_text, a[i - 1].end, a[i].start)
        sc = _BRACKETS.findall(c_text, c[j - 1].end, c[j].start)
        return sa == sc

    where: dict[str, list[int]] = {}
    wanted = {t.key for t in a}
    if index is not None:  # the cable's word -> positions, made once per cable
        for key in wanted:
            spots = index.get(key)
            if spots:
                inside = spots[bisect.bisect_left(spots, lo):bisect.bisect_left(spots, hi)]
                if inside:
                    where[key] = inside
    else:
        for j in range(lo, hi):
            key = c[j].key
            if key in wanted:
                where.setdefault(key, []).append(j)
    short = len(a) <= 3
    runs: list[_Run] = []
    for i, tok in enumerate(a):
        for j in where.get(tok.key, ()):
            if i > 0 and j > lo and a[i - 1].key == c[j - 1].key and same_brackets(i, j):
                continue  # not where a run starts
            n = 1
            while (i + n < len(a) and j + n < hi and a[i + n].key == c[j + n].key
                   and same_brackets(i + n, j + n)):
                n += 1
            if n >= 2 or short or (tok.key not in STOP_WORDS and len(tok.key) > 2):
                runs.append(_Run(i, j, n))
    return runs


def _chain(runs: list[_Run]) -> list[_Run]:
    """The best ordered chain of runs: words covered, minus a small price for each jump."""
    if not runs:
        return []
    runs.sort(key=lambda r: (r.i, r.j))
    if len(runs) > 400:  # keep the longest; a chain of short runs only is noise anyway
        runs = sorted(sorted(runs, key=lambda r: -r.n)[:400], key=lambda r: (r.i, r.j))
    best = [float(r.n) for r in runs]
    used = list(runs)  # each run as the best chain ending in it uses it (maybe trimmed)
    back = [-1] * len(runs)
    for k, r in enumerate(runs):
        for p in range(k):
            q = used[p]
            # a run overlapping its predecessor is used from where the predecessor ends:
            # "posts are not" + "not being asked" over the cable's "posts are not/not being"
            shift = max(0, q.i + q.n - r.i, q.j + q.n - r.j)
            n = r.n - shift
            if n <= 0:
                continue
            a_gap = r.i + shift - (q.i + q.n)
            c_gap = r.j + shift - (q.j + q.n)
            if c_gap > MAX_GAP:
                continue
            penalty = min(3.0, 0.3 * abs(c_gap - a_gap)) + (0.5 if c_gap != a_gap else 0.0)
            score = best[p] + n - penalty
            if score > best[k]:
                best[k] = score
                back[k] = p
                used[k] = _Run(r.i + shift, r.j + shift, n)
    k = max(range(len(runs)), key=best.__getitem__)
    chain = []
    while k != -1:
        chain.append(used[k])
        k = back[k]
    chain.reverse()
    return chain


def _edges(chain: list[_Run], runs: list[_Run], a: list[Token], c: list[Token], lo: int,
           hi: int) -> list[_Run]:
    """The chain with the fragment's first (or last) words added where the cable has them next
    to it, across what `_chain` cannot pay for with so few words:

    - a cut: "civil society that we are committed" over the cable's "civil society - the
      person on the street - that we are committed" (the writer cut a caveat: an omission, not
      words the writer inserted);
    - a short change: "The Government of Brazil understands" over "The GOB understands", "their
      Ministry of Foreign Affairs contacts" over "their MFA contacts" (an abbreviation spelled
      out: the words between become one edit, not an insertion and an omission)."""
    if not chain:
        return chain
    first, last = chain[0], chain[-1]
    if first.i > 0:
        head = [r for r in runs if r.i == 0 and r.n == first.i and r.n >= 2
                and 0 < first.j - (r.j + r.n) <= EDGE_SKIP]
        if head:
            chain = [max(head, key=lambda r: r.j), *chain]
        else:
            near = _near_edge(a, c, 0, first.i, first.j, lo, hi, backwards=True)
            if near is not None:
                chain = [near, *chain]
    end = last.i + last.n
    if end < len(a):
        tail = [r for r in runs if r.i == end and r.i + r.n == len(a) and r.n >= 2
                and 0 < r.j - (last.j + last.n) <= EDGE_SKIP]
        if tail:
            chain = [*chain, min(tail, key=lambda r: r.j)]
        else:
            near = _near_edge(a, c, end, len(a), last.j + last.n, lo, hi, backwards=False)
            if near is not None:
                chain.append(near)
    return chain


def _near_edge(a: list[Token], c: list[Token], a_lo: int, a_hi: int, c_at: int, lo: int,
               hi: int, backwards: bool) -> _Run | None:
    """The longest run of the edge words a[a_lo:a_hi] that reaches the edge (its first words
    when `backwards`, else its last) and sits within `NEAR_GAP` cable words of `c_at`, with
    other words between on both sides."""
    for k in range(a_hi - a_lo - 1, 0, -1):
        i = a_lo if backwards else a_hi - k
        if k == 1 and (a[i].key in STOP_WORDS or len(a[i].key) <= 2) and not backwards:
            continue
        for gap in range(1, NEAR_GAP + 1):
            j = c_at - gap - k if backwards else c_at + gap
            if j < lo or j + k > hi:
                continue
            if all(a[i + t].key == c[j + t].key for t in range(k)):
                return _Run(i, j, k)
    return None


def _squeeze(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _cable_display(text: str) -> str:
    return _squeeze(CABLE_NOISE.sub(" ", text))


def align_fragment(art: Normalized, a_tokens: list[Token], cab: Normalized,
                   c_tokens: list[Token], lo: int = 0, hi: int | None = None,
                   article_text: str = "", cable_text: str = "",
                   span: tuple[int, int] | None = None,
                   index: dict[str, list[int]] | None = None) -> FragmentAlignment | None:
    """Align the fragment made of `a_tokens` (words of `art`) to cable words [lo, hi).

    `article_text`/`cable_text` are the original texts (for telling minor differences apart);
    `span` the fragment's bounds in `art` when they reach past its first and last words (an
    opening "(T)he", a closing bracket); `index` the cable's word -> positions map, when made.
    None when not a single word run is shared.
    """
    hi = len(c_tokens) if hi is None else hi
    if not a_tokens or hi <= lo:
        return None
    runs = _runs(a_tokens, c_tokens, lo, hi, art.text, cab.text, index)
    chain = _edges(_chain(list(runs)), runs, a_tokens, c_tokens, lo, hi)
    if not chain:
        return None
    pieces: list[Piece] = []
    matched = 0

    def a_span(ns: int, ne: int) -> tuple[int, int]:
        return art.to_original(ns, ne)

    def c_span(ns: int, ne: int) -> tuple[int, int]:
        return cab.to_original(ns, ne)

    # -- the fragment's head, before the first run: placed backwards from the run
    first = chain[0]
    a_lo, a_hi = span if span is not None else (a_tokens[0].start, a_tokens[-1].end)
    head_a = (min(a_lo, a_tokens[0].start), a_tokens[first.i].start)
    head_c_end = c_tokens[first.j].start
    head_pieces, head_matched, c_begin = _edge(art, cab, head_a, head_c_end, backwards=True)
    pieces.extend(head_pieces)
    matched += head_matched
    for k, run in enumerate(chain):
        matched += run.n
        pieces.extend(_run_pieces(art, cab, a_tokens, c_tokens, run, article_text, cable_text))
        if k + 1 < len(chain):
            nxt = chain[k + 1]
            a_s = a_tokens[run.i + run.n - 1].end
            a_e = a_tokens[nxt.i].start
            c_s = c_tokens[run.j + run.n - 1].end
            c_e = c_tokens[nxt.j].start
            pieces.append(_gap_piece(art, cab, (a_s, a_e), (c_s, c_e)))
    last = chain[-1]
    tail_a = (a_tokens[last.i + last.n - 1].end, max(a_hi, a_tokens[-1].end))
    tail_c_start = c_tokens[last.j + last.n - 1].end
    tail_pieces, tail_matched, c_finish = _edge(art, cab, tail_a, tail_c_start, backwards=False)
    pieces.extend(tail_pieces)
    matched += tail_matched
    pieces = [p for p in pieces if p.a_end > p.a_start or p.c_end > p.c_start]
    a0, a1 = a_span(a_tokens[0].start, a_tokens[-1].end)
    c0 = c_span(c_begin, c_begin + 1)[0] if c_begin < len(cab.text) else cab.original_end
    c1 = c_span(c_finish - 1, c_finish)[1] if c_finish > 0 else 0
    content = sum(1 for r in chain for t in a_tokens[r.i:r.i + r.n] if t.key not in STOP_WORDS)
    return FragmentAlignment(pieces, matched, len(a_tokens), a0, a1, c0, c1,
                             first.j, last.j + last.n - 1, max(r.n for r in chain), content)


def _run_pieces(art: Normalized, cab: Normalized, a: list[Token], c: list[Token], run: _Run,
                article_text: str, cable_text: str) -> list[Piece]:
    """A run of equal words: one 'same' piece, or 'minor' pieces where the writing differs."""
    out: list[Piece] = []
    for k in range(run.n):
        at, ct = a[run.i + k], c[run.j + k]
        # the word, then the separator up to the next word of the run
        sa, ea = art.to_original(at.start, at.end)
        sc, ec = cab.to_original(ct.start, ct.end)
        kind = "same" if article_text[sa:ea] == cable_text[sc:ec] else "minor"
        _append(out, Piece(kind, sa, ea, sc, ec))
        if k + 1 < run.n:
            na, nc = a[run.i + k + 1], c[run.j + k + 1]
            sa2, ea2 = art.to_original(at.end, na.start)
            sc2, ec2 = cab.to_original(ct.end, nc.start)
            norm_same = art.text[at.end:na.start].strip() == cab.text[ct.end:nc.start].strip()
            shown_same = _squeeze(article_text[sa2:ea2]) == _cable_display(cable_text[sc2:ec2])
            kind = "same" if norm_same and shown_same else "minor"
            _append(out, Piece(kind, sa2, ea2, sc2, ec2))
    return out


def _append(out: list[Piece], piece: Piece) -> None:
    """Add a piece (word by word: segments split them at cable paragraph boundaries)."""
    out.append(piece)


def _gap_piece(art: Normalized, cab: Normalized, a: tuple[int, int],
               c: tuple[int, int]) -> Piece:
    """What lies between two runs: one 'diff' piece (trimmed of spaces on both sides)."""
    a_s, a_e = _trim(art.text, *a)
    c_s, c_e = _trim(cab.text, *c)
    oa = art.to_original(a_s, a_e)
    oc = cab.to_original(c_s, c_e)
    return Piece("diff", *oa, *oc)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and not text[s].isalnum() and text[s] not in "[(\"'":
        s += 1
    while e > s and not text[e - 1].isalnum() and text[e - 1] not in "])\"'":
        e -= 1
    if e <= s:
        return s, s
    return s, e


def _edge(art: Normalized, cab: Normalized, a: tuple[int, int], c_anchor: int,
          backwards: bool) -> tuple[list[Piece], int, int]:
    """Place the fragment's head (before the first run) or tail (after the last) in the cable.

    Returns the pieces, the words matched exactly, and where the fragment starts (head) or ends
    (tail) in the normalised cable text.
    """
    a_s, a_e = _trim(art.text, *a)
    if a_e <= a_s:
        return [], 0, c_anchor
    query = art.text[a_s:a_e]
    reach = int(len(query) * 1.5) + 10
    # the separator next to the run (a space, a comma) belongs to neither side of the edge
    while backwards and c_anchor > 0 and cab.text[c_anchor - 1] == " ":
        c_anchor -= 1
    while not backwards and c_anchor < len(cab.text) and cab.text[c_anchor] == " ":
        c_anchor += 1
    if backwards:
        lo = max(0, c_anchor - reach)
        target = cab.text[lo:c_anchor]
        result = edlib.align(query[::-1], target[::-1], mode="SHW", task="path")
    else:
        hi = min(len(cab.text), c_anchor + reach)
        target = cab.text[c_anchor:hi]
        result = edlib.align(query, target, mode="SHW", task="path")
    distance = result["editDistance"]
    if distance < 0 or distance > 0.4 * len(query) or not result["locations"]:
        oa = art.to_original(a_s, a_e)
        acronym = _adjacent_acronym(cab.text, c_anchor, backwards, query)
        if acronym is not None:
            # "Deputy Chief of Mission also stressed" where the cable has "DCM also stressed"
            oc = cab.to_original(*acronym)
            return [Piece("diff", *oa, *oc)], 0, acronym[0] if backwards else acronym[1]
        redaction = _adjacent_redaction(cab.text, c_anchor, backwards)
        if redaction is not None and len(query.split()) <= 6:
            # a name where the cable has XXXXXXXXXXXX
            oc = cab.to_original(*redaction)
            return [Piece("diff", *oa, *oc)], 0, redaction[0] if backwards else redaction[1]
        # nothing like it in the cable: article words only
        pos = cab.to_original(c_anchor, c_anchor)[0]
        return [Piece("diff", *oa, pos, pos)], 0, c_anchor
    consumed = result["locations"][0][1] + 1
    if backwards:
        c_s, c_e = c_anchor - consumed, c_anchor
    else:
        c_s, c_e = c_anchor, c_anchor + consumed
    c_s, c_e = _trim(cab.text, c_s, c_e)
    oa = art.to_original(a_s, a_e)
    oc = cab.to_original(c_s, c_e)
    words = len(re.findall(r"[^\W_]+", query))
    if distance == 0:
        return [Piece("minor", *oa, *oc)], words, (c_s if backwards else c_e)
    return [Piece("diff", *oa, *oc)], 0, (c_s if backwards else c_e)




def _adjacent_acronym(norm: str, anchor: int, backwards: bool,
                      query: str) -> tuple[int, int] | None:
    """The span of the cable word right before (or after) `anchor` when it is an acronym of
    the fragment's edge words (`query`)."""
    if backwards:
        m = re.search(r"([^\W_]+(?:\.[^\W_]+)*\.?)[^\w]{0,3}$", norm[max(0, anchor - 20):anchor])
        base = max(0, anchor - 20)
    else:
        m = re.match(r"[^\w]{0,3}([^\W_]+(?:\.[^\W_]+)*)", norm[anchor:anchor + 20])
        base = anchor
    if m is None:
        return None
    if not spells(word_keys(m.group(1)), word_keys(query)):
        return None
    return base + m.start(1), base + m.end(1)


def _adjacent_redaction(norm: str, anchor: int, backwards: bool) -> tuple[int, int] | None:
    """The span of an XXXXXXXXXXXX redaction right before (or after) `anchor`, if any."""
    if backwards:
        m = re.search(r"(x{4,})[\W_]*$", norm[max(0, anchor - 40):anchor])
        if m:
            base = max(0, anchor - 40)
            return base + m.start(1), base + m.end(1)
        return None
    m = re.match(r"[\W_]*(x{4,})", norm[anchor:anchor + 40])
    if m:
        return anchor + m.start(1), anchor + m.end(1)
    return None
