"""Word keys and n-gram hashes: what the trace index stores and what articles are looked up by.

`word_keys` is the fast path used to index a corpus: the same words, in the same order, as
`normalize.tokens(normalize.normalize(text).text)` gives with offsets (a property test holds the
two together), but computed with C-level string operations only, since the index covers every
paragraph of a 251,287-cable corpus.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence

from cablescope.trace import normalize as _n

GRAM = 4  # words per n-gram
_MASK = (1 << 62) - 1
_A, _B, _C = 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9
_TRANSLATE = str.maketrans({
    **_n._FOLD, **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}, "`": "'",
})
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_non_ascii(text: str) -> str:
    return _NON_ASCII.sub(lambda m: _n._fold_char(m.group()), text)


def word_keys(text: str, *, cable: bool = False) -> list[str]:
    """Matching keys of the words of `text` (cable noise dropped when `cable`)."""
    if cable:
        text = _n.CABLE_NOISE.sub(" ", text)
    text = _n._HYPHEN_BREAK.sub("-", text).translate(_TRANSLATE)
    if not text.isascii():
        text = _fold_non_ascii(text)
    return [
        "".join(ch for ch in m.group() if ch.isalnum()) if m.group("dotted") else m.group()
        for m in _KEY.finditer(text)
    ]


_KEY = re.compile(rf"(?P<dotted>{_n._DOTTED.pattern})|{_n._TOKEN.pattern}")


_token_hash_cache: dict[str, int] = {}


def _token_hash(key: str) -> int:
    h = _token_hash_cache.get(key)
    if h is None:
        h = zlib.crc32(key.encode("utf-8")) | (zlib.adler32(key.encode("utf-8")) << 32)
        if len(_token_hash_cache) < 2_000_000:
            _token_hash_cache[key] = h
    return h


def gram_hashes(keys: Sequence[str]) -> list[int]:
    """Hash of every run of `GRAM` consecutive keys, in order (positive 62-bit integers)."""
    if len(keys) < GRAM:
        return []
    hs = [_token_hash(k) for k in keys]
    return [
        (hs[i] * _A + hs[i + 1] * _B + hs[i + 2] * _C + hs[i + 3]) & _MASK
        for i in range(len(hs) - GRAM + 1)
    ]


def distinct_grams(texts: Iterable[str], *, cable: bool = True) -> set[int]:
    """All n-gram hashes of some texts (each text on its own: n-grams never span two)."""
    out: set[int] = set()
    for text in texts:
        out.update(gram_hashes(word_keys(text, cable=cable)))
    return out


def strip_accents(text: str) -> str:
    """Text without combining accents (used for display-independent comparisons)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
