"""What every reader yields: a raw record (one published version of one cable) or a problem."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One published version of one cable, as its container gave it, before any parsing.

    `text` is the cable text exactly as published (for WikiLeaks pages: the last `<pre>` block
    with entities decoded and link markup removed, the `¶` paragraph marks kept). `header` is the
    routing header (VZCZC/DE/FM/TO/INFO lines) that `cables.csv` carries in its own column and
    WikiLeaks pages in the `<pre>` block before the text, else "".
    `meta` holds what the container states about the cable, all as strings, keys among:
    `id`, `created` (`YYYY-MM-DD HH:MM`), `released`, `classification`, `origin`, `references`
    (comma-separated, cables.csv), `row` (cables.csv row number), `seen` (`YYYY-MM-DD`, when this
    version was published, taken from a `mirror-<date>` folder or a dated archive name),
    `notice` (a page's "This record is a partial extract..." sentence, which stands in for a
    missing routing header and does NOT mean the text is partial), `articles` (a page's article
    links), `encoding` (set when the bytes were not clean UTF-8: what was done).
    """

    source: str
    locator: str
    format: str
    text: str
    header: str = ""
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        """Identity of this version: same header and text, same version."""
        h = hashlib.sha256(self.header.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
        h.update(self.text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Problem:
    """A record that could not be read: kept and counted, never silently dropped."""

    source: str
    locator: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.locator}" if self.locator else self.source
        return f"{where}: {self.reason}"
