"""Readers: any corpus (WikiLeaks pages, `cables.csv`, plain text; in folders or archives) as a
stream of `RawRecord` or `Problem`.

>>> corpus = open_corpus("cablegate-2011-04-25.tar.xz")      # doctest: +SKIP
>>> for record in corpus: ...                                # doctest: +SKIP
"""

from cablescope.sources.corpus import FORMATS, Corpus, open_corpus, read_corpus
from cablescope.sources.record import Problem, RawRecord

__all__ = ["FORMATS", "Corpus", "Problem", "RawRecord", "open_corpus", "read_corpus"]
