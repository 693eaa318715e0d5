"""Short quotations: searched in the whole corpus only when chance could not explain them.

A reporter's "tirades and antics" is a cable's words; "collateral damage" is anybody's (24 cables
of the WikiLeaks archive use it). What tells them apart is how improbable the phrase is:

- **chance**: the number of paragraphs expected to hold the phrase by chance, from how often
  its content words occur (document frequencies from the full-text index's vocabulary,
  `trace_vocab`) and how likely they are to fall side by side in a paragraph of `PARAGRAPH`
  words: `paragraphs × Π (df(unit) / paragraphs) × (span / PARAGRAPH) ^ (units - 1)`. Two
  content words the corpus puts side by side elsewhere too ("war crimes", in 60 paragraphs)
  are one unit, counted by their own frequency: "alleged war crimes" expects 0.02 paragraphs,
  "tirades and antics" 0.00003. A phrase is searched only when its chance is under `CHANCE`;
- **places**: then the full-text index is asked, word for word (an FTS5 phrase query), which
  cables hold it; it is the cable's only when exactly one does (a phrase in several cables is a
  set phrase, whoever wrote it first).

A phrase the corpus is too small to know as a stock phrase ("the lesser evil", in one cable of
the WikiLeaks archive) can still be taken for a cable's words; docs/trace.md says so.
Every short quotation carries a `Rarity` saying what was done and why, for the report.
"""

from __future__ import annotations

import itertools
import math
import re
import sqlite3
from dataclasses import dataclass

from cablescope.errors import StoreError
from cablescope.text import fold
from cablescope.trace import shapes
from cablescope.trace.lexical import STOP, Lexicon

CHANCE = 0.003  # paragraphs expected to hold the phrase by chance, under which it is searched
PARAGRAPH = 120  # words in a paragraph (124 on average in the WikiLeaks archive)
PAIRED = 2  # paragraphs elsewhere that make two neighbouring content words one unit
MAX_PLACES = 50  # paragraphs fetched for a phrase query (more: the phrase is common anyway)
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Rarity:
    """Why a short quotation was, or was not, looked for in the whole corpus.

    `chance`: paragraphs expected to hold its content words by chance (None: not computed);
    `cables`: how many cables hold it word for word (None: not asked).
    """

    searched: bool
    reason: str
    chance: float | None = None
    cables: int | None = None

    def as_dict(self) -> shapes.TraceRarity:
        return {"searched": self.searched, "reason": self.reason,
                "chance": None if self.chance is None else float(f"{self.chance:.3g}"),
                "cables": self.cables}


def fts_tokens(text: str) -> list[str]:
    """The words of `text` as the full-text index splits them (unicode61, accents removed)."""
    return _TOKEN.findall(fold(text))


def _content(tokens: list[str]) -> list[int]:
    return [i for i, t in enumerate(tokens) if t not in STOP and (len(t) > 2 or t.isdigit())]


def chance(lexicon: Lexicon, tokens: list[str], paragraphs: int,
           pairs: dict[tuple[int, int], int] | None = None) -> float:
    """Paragraphs expected to hold `tokens` side by side by chance. `pairs`: for neighbouring
    content words (positions), how many other paragraphs hold the words between them as they
    are; those held by `PAIRED` or more count as one unit."""
    content = _content(tokens)
    total = max(1, paragraphs)
    if not content:
        return float(total)
    df = lexicon.df([tokens[i] for i in content])
    units: list[float] = [df[tokens[content[0]]]]
    for a, b in itertools.pairwise(content):
        together = (pairs or {}).get((a, b), 0)
        if together >= PAIRED:
            units[-1] = together  # a known pair: its own frequency
        else:
            units.append(df[tokens[b]])
    expected = float(total)
    for freq in units:
        expected *= min(1.0, freq / total)
    return expected * min(1.0, len(tokens) / PARAGRAPH) ** (len(units) - 1)


def places(conn: sqlite3.Connection, tokens: list[str]) -> dict[str, list[int]]:
    """The cables holding `tokens` word for word, with the paragraphs (pids) that do."""
    rows = _query(conn, "SELECT p.cable_id, p.pid FROM paragraphs_fts f JOIN paragraphs p "
                  "ON p.pid = f.rowid WHERE paragraphs_fts MATCH ? LIMIT ?", tokens, MAX_PLACES)
    out: dict[str, list[int]] = {}
    for cable_id, pid in rows:
        out.setdefault(cable_id, []).append(pid)
    return out


def _count(conn: sqlite3.Connection, tokens: list[str]) -> int:
    rows = _query(conn, "SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH ?",
                  tokens)
    return int(rows[0][0])


def _query(conn: sqlite3.Connection, sql: str, tokens: list[str], *args: object) -> list:
    """A phrase query of the full-text index. A query the index refuses is an error naming
    it: a quotation that looks unmatched because the search failed would be a lie."""
    query = '"' + " ".join(tokens) + '"'
    try:
        return conn.execute(sql, (query, *args)).fetchall()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"trace: the full-text query {query} failed: {exc}") from exc


def describe(value: float) -> str:
    """0.00123 -> '0.001'; 317.0 -> '317'."""
    if value >= 10:
        return f"{value:,.0f}"
    return f"{value:.2g}" if value >= 0.01 else f"{value:.1g}"


def judge(lexicon: Lexicon, conn: sqlite3.Connection, text: str,
          paragraphs: int) -> tuple[Rarity, dict[str, list[int]]]:
    """Whether a short quotation is improbable enough to be looked for anywhere, and where it
    is (one cable: the candidate; none or several: nothing to attribute)."""
    if not lexicon.has_vocab:
        return Rarity(False, "not searched in the whole corpus: no word frequencies in this "
                      "database (run `cablescope index`)"), {}
    tokens = fts_tokens(text)
    content = _content(tokens)
    if not content:
        return Rarity(False, "not searched in the whole corpus: only small common words"), {}
    expected = chance(lexicon, tokens, paragraphs)
    if expected > CHANCE or not math.isfinite(expected):
        return Rarity(False, "not searched in the whole corpus: common words (expected by "
                      f"chance in {describe(expected)} paragraphs)", expected), {}
    found = places(conn, tokens)
    own = sum(len(p) for p in found)
    pairs = {(a, b): _count(conn, tokens[a:b + 1]) - own for a, b in itertools.pairwise(content)}
    paired = chance(lexicon, tokens, paragraphs, pairs)
    if paired > expected:
        expected = paired
    if expected > CHANCE:
        known = next(" ".join(tokens[a:b + 1]) for (a, b), n in pairs.items() if n >= PAIRED)
        return Rarity(False, f'not searched in the whole corpus: "{known}" is a common pair '
                      f"(expected by chance in {describe(expected)} paragraphs)", expected), {}
    if not found:
        return Rarity(True, "searched in the whole corpus (rare): in no cable word for word",
                      expected, 0), {}
    if len(found) > 1:
        return Rarity(True, f"searched in the whole corpus (rare): in {len(found)} cables word "
                      "for word, a set phrase", expected, len(found)), {}
    return Rarity(True, "searched in the whole corpus: rare (expected by chance in "
                  f"{describe(expected)} paragraphs) and in one cable", expected, 1), found
