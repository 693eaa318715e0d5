"""Word keys and n-gram hashes: what the trace index stores and what articles are looked up by.

`word_keys` is the fast path used to index a corpus: the same words, in the same order, as
`normalize.tokens(normalize.normalize(text).text)` gives with offsets (a property test holds the
two together), but computed with C-level string operations only, since the index covers every
paragraph of a 251,287-cable corpus.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from itertools import compress, repeat
from operator import is_

import numpy as np

from cablescope.trace import normalize as _n

GRAM = 4  # words per n-gram
WINNOW = 4  # the index keeps the smallest 4-gram hash of every WINNOW consecutive ones
_MASK = (1 << 62) - 1
_A, _B, _C = 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9
# What folding leaves to do once every non-ASCII character is folded: ASCII case and backticks.
_ASCII_TRANSLATE = str.maketrans({
    **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}, "`": "'",
})
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# `normalize._HYPHEN_BREAK` with the hyphen first (the same matches: its look-behind now checks the
# letter before the hyphen), so the regex engine skips to hyphens instead of trying every
# position.
_HYPHEN_BREAK = re.compile(r"-(?<=[^\W\d_]-)[ \t]*\n\s*(?=[a-z])")
# `normalize._ASCII_DOTTED` from its first dot on (the letter before it checked by a look-behind),
# so that the engine skips to dots instead of trying every letter: the same matches, each less
# its first letter, which stays in place ("u.s." -> "u" + "s ").
_ASCII_DOTTED = re.compile(r"\.(?<=(?<![a-z0-9_])[a-z]\.)(?:[a-z]\.){0,4}[a-z](?![a-z0-9_])\.?")
# Lower-case ASCII text to words: every character but a-z and 0-9 a space, then `str.split`
# (the words `normalize._ASCII_TOKEN.findall` gives, at C speed without the regex engine).
_ASCII_SPACES = str.maketrans({chr(c): " " for c in range(128)
                               if not (chr(c).isascii() and chr(c).isalnum())
                               or chr(c).isupper()})


def _dotted_rest(m: re.Match[str]) -> str:
    return m.group().replace(".", "") + " "


def _fold_non_ascii(text: str) -> str:
    return _NON_ASCII.sub(lambda m: _n._fold_char(m.group()), text)


def word_keys(text: str, *, cable: bool = False) -> list[str]:
    """Matching keys of the words of `text` (cable noise dropped when `cable`)."""
    if cable:
        text = _n.CABLE_NOISE.sub(" ", text)
    text = _HYPHEN_BREAK.sub("-", text)
    # Non-ASCII characters first (typographic folds included), then ASCII case: the same as
    # folding after a translate that also maps the typographic characters, since a folded
    # character is never an upper-case ASCII letter or a backtick, but an ASCII text is then
    # lower-cased at C speed.
    if not text.isascii():
        text = _fold_non_ascii(text)
    if text.isascii():
        text = text.lower()  # a backtick is a separator like the quote it folds to
        if "." in text:
            text = _ASCII_DOTTED.sub(_dotted_rest, text)
        return text.translate(_ASCII_SPACES).split()
    text = text.translate(_ASCII_TRANSLATE)
    if "." in text:
        text = _n._DOTTED.sub(_n._dotted_word, text)
    return _n._TOKEN.findall(text)


_CACHED = 2_000_000  # words whose hash is kept
_token_ids: dict[str, int] = {}  # word -> row of _token_table
_token_table = np.zeros(1 << 16, dtype=np.uint64)  # each cached word's hash


def _token_hash(key: str) -> int:
    row = _token_ids.get(key)
    if row is not None:
        return int(_token_table[row])
    data = key.encode("utf-8")
    return zlib.crc32(data) | (zlib.adler32(data) << 32)


def _cache(keys: Iterable[str]) -> None:
    """Remember the hashes of new words (while there is room)."""
    global _token_table
    for key in keys:
        if len(_token_ids) >= _CACHED:
            return
        row = len(_token_ids)
        if row == len(_token_table):
            _token_table = np.concatenate([_token_table, np.zeros_like(_token_table)])
        _token_table[row] = _token_hash(key)
        _token_ids[key] = row


def _gram_array(keys: Sequence[str]) -> np.ndarray:
    """The n-gram hashes as unsigned 64-bit integers (arithmetic wraps modulo 2**64, and the
    mask keeps the value modulo 2**62: the same numbers as exact integer arithmetic).

    Words are looked up as small row numbers (dict lookups at C speed, then one numpy take):
    a list of small ints becomes an array far faster than one of 64-bit hashes."""
    rows = list(map(_token_ids.get, keys))
    try:
        hs = _token_table[np.fromiter(rows, dtype=np.intp, count=len(rows))]
    except TypeError:  # new words (None): each hashed once, however often it occurs (a whole
        # corpus meets new words in every batch), then the lookups again
        _cache(set(compress(keys, map(is_, rows, repeat(None)))))
        rows = list(map(_token_ids.get, keys))
        if None in rows:  # the cache is full: the words left out are hashed one by one
            hs = np.array([_token_hash(k) for k in keys], dtype=np.uint64)
        else:
            hs = _token_table[np.fromiter(rows, dtype=np.intp, count=len(rows))]
    with np.errstate(over="ignore"):
        grams = (hs[:-3] * np.uint64(_A) + hs[1:-2] * np.uint64(_B)
                 + hs[2:-1] * np.uint64(_C) + hs[3:])
    return grams & np.uint64(_MASK)


def gram_hashes(keys: Sequence[str]) -> list[int]:
    """Hash of every run of `GRAM` consecutive keys, in order (positive 62-bit integers)."""
    if len(keys) < GRAM:
        return []
    return _gram_array(keys).tolist()


def _window_mins(grams: np.ndarray, window: int) -> np.ndarray:
    """The smallest of every `window` consecutive values: `window - 1` element-wise minimums of
    shifted views (many times faster than reducing a sliding window view along its rows)."""
    n = len(grams) - window + 1
    mins = grams[:n].copy()
    for i in range(1, window):
        np.minimum(mins, grams[i:i + n], out=mins)
    return mins


def winnowed(keys: Sequence[str], window: int = WINNOW) -> set[int]:
    """The n-grams a paragraph is indexed by: the smallest hash of every `window` consecutive
    n-grams (winnowing, Schleimer et al. 2003). About 2/(window+1) of them are kept, and any run
    of `window` n-grams shared with a quotation (window+3 words) shares at least one kept one."""
    if len(keys) < GRAM:
        return set()
    grams = _gram_array(keys)
    if len(grams) <= window:
        return {int(grams.min())}
    return set(np.unique(_window_mins(grams, window)).tolist())


def winnowed_many(key_lists: Sequence[Sequence[str]], window: int = WINNOW
                  ) -> tuple[np.ndarray, np.ndarray]:
    """`winnowed` of many texts at once: (hash, text index) pairs, each pair once, sorted by
    text then hash. One numpy pass over all the texts' words instead of a few calls per text,
    for indexing a corpus (an n-gram spanning two texts is computed but never kept)."""
    lengths = np.fromiter(map(len, key_lists), dtype=np.int64, count=len(key_lists))
    flat = [k for keys in key_lists for k in keys]
    none = np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    if len(flat) < GRAM:
        return none
    grams = _gram_array(flat)
    starts = np.cumsum(lengths) - lengths
    counts = np.maximum(lengths - GRAM + 1, 0)  # n-grams of each text
    owners = np.arange(len(key_lists), dtype=np.int64)
    out_hashes, out_owners = [], []
    long = counts > window
    if long.any():  # every window of `window` n-grams inside a text: its smallest
        mins = _window_mins(grams, window)
        per_text = np.where(long, counts - window + 1, 0)
        first = np.cumsum(per_text) - per_text
        at = np.repeat(starts - first, per_text) + np.arange(int(per_text.sum()))
        out_hashes.append(mins[at])
        out_owners.append(np.repeat(owners, per_text))
    short = np.flatnonzero((counts >= 1) & ~long)
    if len(short):  # a text of `window` n-grams or fewer: its smallest
        padded = np.concatenate([grams, np.full(window, np.iinfo(np.uint64).max, np.uint64)])
        rows = np.lib.stride_tricks.sliding_window_view(padded, window)[starts[short]].copy()
        rows[np.arange(window)[None, :] >= counts[short][:, None]] = np.iinfo(np.uint64).max
        out_hashes.append(rows.min(axis=1))
        out_owners.append(owners[short])
    if not out_hashes:
        return none
    hashes, owner = np.concatenate(out_hashes), np.concatenate(out_owners)
    # neighbouring windows mostly share their smallest: drop those repeats before sorting
    fresh = np.ones(len(hashes), dtype=bool)
    fresh[1:] = (hashes[1:] != hashes[:-1]) | (owner[1:] != owner[:-1])
    hashes, owner = hashes[fresh], owner[fresh]
    order = np.lexsort((hashes, owner))
    hashes, owner = hashes[order], owner[order]
    keep = np.ones(len(hashes), dtype=bool)
    keep[1:] = (hashes[1:] != hashes[:-1]) | (owner[1:] != owner[:-1])
    return hashes[keep], owner[keep]

