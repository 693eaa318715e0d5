"""What makes a corpus read like the real one, measured the same way on any cablescope database.

The realism test, the fit (`bench/synth_fit.py`) and docs/synth.md all use these numbers, so the
generator is judged by exactly what it is fitted to. Every figure is an aggregate: no word or
phrase of the measured corpus leaves this module.

Definitions (a *word* is a run of letters, case folded; cables in date order):

- `words_median`, `words_p90`: whitespace-separated words of a cable's current text.
- `types`, `types_1m`, `types_3m`: distinct words in the whole corpus, and after its first one and
  three million words (Heaps' law); `hapax_share`: words seen once, as a share of `types`.
- `top_4gram_share`: the share of cables holding the most widespread *prose* 4-gram, four
  consecutive words of a body paragraph (not the header block) with no one-letter word but
  `a`/`i` (so `U.S.` and letter-spaced banners are not prose).
- `shared_paragraphs`: body paragraphs sharing at least one 8-gram with another cable;
  `copied_paragraphs`: those of which at least half the 8-grams are found in another cable
  (copied or quoted text, not a shared formula); both as shares of all body paragraphs.
  `top_8gram_share`: the share of cables holding the most widespread 8-gram.
- `top_tag_share`: cables carrying the commonest TAG; `cited_present`: cable references (REF
  entries that are cable IDs) whose cable is in the corpus.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import numpy as np

WORD = re.compile(r"[^\W\d_]+")

# How far a generated corpus of the real one's size may measure from it, statistic by statistic
# (docs/synth.md; tests/test_synth_realism.py): ("ratio", r) allows real/r .. real*r,
# ("plus", d) allows real-d .. real+d.
TOLERANCES: dict[str, tuple[str, float]] = {
    "words_median": ("ratio", 1.10),
    "words_p90": ("ratio", 1.10),
    "types_1m": ("ratio", 1.10),
    "types_3m": ("ratio", 1.10),
    "hapax_share": ("plus", 0.04),
    "top_4gram_share": ("ratio", 1.5),
    "shared_paragraphs": ("plus", 0.05),
    "copied_paragraphs": ("plus", 0.02),
    "top_8gram_share": ("ratio", 2.5),
    "top_tag_share": ("plus", 0.05),
    "cited_present": ("plus", 0.05),
}


def within(statistic: str, real: float, got: float) -> bool:
    """Whether `got` is within the tolerance of `statistic` around the real value."""
    kind, amount = TOLERANCES[statistic]
    if kind == "ratio":
        return real / amount <= got <= real * amount
    return real - amount <= got <= real + amount


def bounds(statistic: str, real: float) -> tuple[float, float]:
    kind, amount = TOLERANCES[statistic]
    return (real / amount, real * amount) if kind == "ratio" else (real - amount, real + amount)
COPIED = 0.5  # share of a paragraph's 8-grams found elsewhere that makes it copied text
_P = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5,
               0x85EBCA77C2B2AE63, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x9FB21C651E98DF25],
              dtype=np.uint64)
_STATS_VERSION = 1


def _quantile(values: np.ndarray, q: float) -> float:
    return float(np.quantile(values, q)) if len(values) else 0.0


def _cables(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(id, current text) of every cable in date order."""
    return conn.execute(
        "SELECT c.id, v.text FROM cables c JOIN versions v "
        "ON v.cable_id = c.id AND v.version = c.version ORDER BY c.created, c.id").fetchall()


def _paragraph_words(conn: sqlite3.Connection, order: dict[str, int]
                     ) -> Iterator[tuple[int, int, list[str]]]:
    """(cable index, seq, words) of every paragraph, header blocks included (seq 0)."""
    for cable_id, seq, text in conn.execute("SELECT cable_id, seq, text FROM paragraphs"):
        index = order.get(cable_id)
        if index is not None:
            yield index, seq, WORD.findall(text.lower())


def _grams(ids: np.ndarray, n: int) -> np.ndarray:
    """Hashes of every n-gram of `ids` (uint64 arithmetic, wrapping)."""
    count = len(ids) - n + 1
    out = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n):
            out += ids[k:k + count] * _P[k]
    return out


def _windows(ids: np.ndarray, breaks: np.ndarray, n: int) -> np.ndarray:
    """Start positions of the n-grams that do not cross a break (a -1 separator)."""
    count = len(ids) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=np.int64)
    sep = np.concatenate(([0], np.cumsum(breaks)))
    ok = sep[n:n + count] - sep[:count] == 0
    return np.flatnonzero(ok)


def _spread(hashes: np.ndarray, cables: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each n-gram occurrence, in how many distinct cables its hash occurs; and that count
    per distinct hash. Occurrences come in cable order, so a stable sort by hash keeps each
    hash's cables in order and a change of cable starts a new one."""
    if not len(hashes):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.argsort(hashes, kind="stable")
    h, c = hashes[order], cables[order]
    new_hash = np.empty(len(h), dtype=bool)
    new_hash[0] = True
    np.not_equal(h[1:], h[:-1], out=new_hash[1:])
    new_cable = new_hash.copy()
    new_cable[1:] |= c[1:] != c[:-1]
    group = np.cumsum(new_hash) - 1
    per_hash = np.bincount(group, weights=new_cable).astype(np.int64)
    per_occurrence = np.empty(len(h), dtype=np.int64)
    per_occurrence[order] = per_hash[group]
    return per_occurrence, per_hash


def measure(conn: sqlite3.Connection) -> dict[str, Any]:
    """The realism statistics of the cables in a cablescope database (see the module doc)."""
    cables = _cables(conn)
    order = {cable_id: i for i, (cable_id, _) in enumerate(cables)}
    n_cables = len(cables)
    words = np.array([len(text.split()) for _, text in cables], dtype=np.int64)

    vocab: defaultdict[str, int] = defaultdict(itertools.count().__next__)
    streams: list[tuple[int, int, np.ndarray]] = []
    for index, seq, tokens in _paragraph_words(conn, order):
        ids = np.array(list(map(vocab.__getitem__, tokens)), dtype=np.int64)
        streams.append((index, seq, ids))
    streams.sort(key=lambda s: (s[0], s[1]))
    all_ids = (np.concatenate([s[2] for s in streams]) if streams
               else np.zeros(0, dtype=np.int64))
    n_tokens = len(all_ids)
    counts = np.bincount(all_ids, minlength=len(vocab)) if n_tokens else np.zeros(0)
    firsts = np.sort(np.unique(all_ids, return_index=True)[1]) if n_tokens else np.zeros(0)

    def types_after(n: int) -> int | None:
        return int(np.searchsorted(firsts, n)) if n_tokens >= n else None

    # prose n-grams: body paragraphs only, joined with -1 separators
    body = [s for s in streams if s[1] > 0]
    lengths = np.array([len(s[2]) for s in body], dtype=np.int64)
    joined = np.full(int(lengths.sum()) + len(body), -1, dtype=np.int64)
    owner = np.full(len(joined), -1, dtype=np.int64)  # body paragraph index per position
    cable_of = np.array([s[0] for s in body], dtype=np.int64)
    pos = 0
    for i, (_, _, ids) in enumerate(body):
        joined[pos:pos + len(ids)] = ids
        owner[pos:pos + len(ids)] = i
        pos += len(ids) + 1
    tokens_list = list(vocab)
    one_letter = np.array([len(t) == 1 and t not in ("a", "i") for t in tokens_list] + [True],
                          dtype=bool)
    safe = np.where(joined < 0, len(tokens_list), joined)
    breaks = joined < 0
    hashed = (safe.astype(np.uint64) + np.uint64(1))

    starts4 = _windows(joined, breaks | one_letter[safe], 4)
    grams4 = _grams(hashed, 4)[starts4]
    _, spread4 = _spread(grams4, cable_of[owner[starts4]])
    top4 = int(spread4.max()) if len(spread4) else 0

    starts8 = _windows(joined, breaks, 8)
    grams8 = _grams(hashed, 8)[starts8]
    para8 = owner[starts8]
    occurrence, spread8 = _spread(grams8, cable_of[para8])
    shared = (occurrence > 1).astype(np.float64)
    n_body = len(body)
    per_para = np.bincount(para8, minlength=n_body).astype(np.float64)
    shared_per_para = np.bincount(para8, weights=shared, minlength=n_body)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(per_para > 0, shared_per_para / np.maximum(per_para, 1), 0.0)
    sharing = int((shared_per_para > 0).sum())
    copied = int((share >= COPIED).sum())

    tag_counts = conn.execute("SELECT count(DISTINCT cable_id) AS n FROM tags GROUP BY tag "
                              "ORDER BY n DESC LIMIT 5").fetchall()
    subject_counts = conn.execute(
        "SELECT count(DISTINCT cable_id) AS n FROM tags WHERE kind = 'subject' GROUP BY tag "
        "ORDER BY n DESC").fetchall()
    cited, present = conn.execute(
        "SELECT count(*), count(c.id) FROM refs r LEFT JOIN cables c ON c.id = r.cited "
        "WHERE r.cited IS NOT NULL").fetchone()
    citing = conn.execute("SELECT count(DISTINCT citing) FROM refs WHERE cited IS NOT NULL"
                          ).fetchone()[0]
    classes = dict(conn.execute("SELECT classification, count(*) FROM cables "
                                "GROUP BY classification").fetchall())
    redacted, redactions = conn.execute(
        "SELECT count(*) FILTER (WHERE redactions > 0), coalesce(sum(redactions), 0) "
        "FROM cables").fetchone()
    numbered = np.array([r[0] for r in conn.execute(
        "SELECT count(p.number) FROM cables c LEFT JOIN paragraphs p ON p.cable_id = c.id "
        "GROUP BY c.id")], dtype=np.int64)
    capitals = sum(1 for _, text in cables if _all_caps(text))

    def share_of(n: int) -> float:
        return round(n / n_cables, 4) if n_cables else 0.0

    return {
        "stats_version": _STATS_VERSION,
        "cables": n_cables,
        "words": int(words.sum()),
        "words_median": _quantile(words, 0.5),
        "words_p10": _quantile(words, 0.1),
        "words_p90": _quantile(words, 0.9),
        "words_p99": _quantile(words, 0.99),
        "letter_words": n_tokens,
        "types": len(vocab),
        "types_1m": types_after(1_000_000),
        "types_3m": types_after(3_000_000),
        "hapax_share": round(float((counts == 1).sum()) / len(vocab), 4) if vocab else 0.0,
        "top_4gram_share": share_of(top4),
        "body_paragraphs": n_body,
        "body_paragraph_words_median": _quantile(lengths, 0.5),
        "body_paragraph_words_p90": _quantile(lengths, 0.9),
        "numbered_median": _quantile(numbered, 0.5),
        "numbered_p90": _quantile(numbered, 0.9),
        "shared_paragraphs": round(sharing / n_body, 4) if n_body else 0.0,
        "copied_paragraphs": round(copied / n_body, 4) if n_body else 0.0,
        "top_8gram_share": share_of(int(spread8.max()) if len(spread8) else 0),
        "top_tag_share": share_of(tag_counts[0][0] if tag_counts else 0),
        "top_tag_shares": [share_of(n) for (n,) in tag_counts],
        "subject_tags": len(subject_counts),
        "cited": cited,
        "cited_present": round(present / cited, 4) if cited else 0.0,
        "citing_share": share_of(citing),
        "classification": {k or "": share_of(v) for k, v in sorted(classes.items(),
                                                                   key=lambda kv: -kv[1])},
        "redacted_share": share_of(redacted),
        "redactions_per_redacted": round(redactions / redacted, 2) if redacted else 0.0,
        "all_caps_share": share_of(capitals),
    }


_NOT_LOWER = bytes(c for c in range(256) if not 97 <= c <= 122)
_NOT_UPPER = bytes(c for c in range(256) if not 65 <= c <= 90)


def _all_caps(text: str) -> bool:
    """A telegram written in capitals (a few lower-case letters in URLs or names aside)."""
    raw = text.encode("ascii", "ignore")
    lower = len(raw.translate(None, _NOT_LOWER))
    upper = len(raw.translate(None, _NOT_UPPER))
    return upper > 0 and lower < 0.05 * (lower + upper)
