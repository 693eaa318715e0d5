"""The bodies of synthetic cables: fitted sentence skeletons, filled with words of an open
vocabulary, people of the post, formulas many cables share and paragraphs copied from others.

Speed matters (251,287 cables, about 290 million words): a batch of cables is written together,
its sentences drawn from the fitted chain (`model.Chain`, thousands of sentences a step at a
time in numpy), its words drawn class by class and its strings joined in a few numpy and
C-level calls. Python runs per paragraph and per name, never per word.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from operator import add
from typing import Any

import numpy as np

from cablescope.synth.fit import CLASSES
from cablescope.synth.lexicon import Lexicon
from cablescope.synth.model import Chain, ClassSampler, Quantiles
from cablescope.synth.world import Person

REDACTED = "XXXXXXXXXXXX"
STOCK = 20_000  # formula sentences per corpus (most rarely used)
PHRASES = 4096  # subject lines and headings made at a time
_ATTACH_PREV = frozenset({",", ".", ";", ":", ")", "'s"})
_ATTACH_NEXT = frozenset({"("})
_GROUPS = {"W": 0, "S": 0, "ED": 0, "ING": 0, "LY": 0, "C": 1}  # Polya groups: words, names


@dataclass(slots=True)
class Request:
    """What the body of one cable needs: see `Writer.bodies`."""

    cable_id: str
    post: str
    budget: int  # words
    cast: Sequence[Person]  # the people of its post
    cited: Sequence[str]  # corpus cables it cites (copies come from them first)
    redactions: int  # names to replace by XXXXXXXXXXXX
    telegraphic: bool  # an old telegram, articles dropped


@dataclass(slots=True)
class Paragraph:
    """A body paragraph before numbering: its text and whether it was copied."""

    text: str
    copied: bool = False


@dataclass(slots=True)
class CableText:
    """What `Writer.bodies` made for one cable."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    mentioned: list[Person] = field(default_factory=list)
    redactions: int = 0


class Writer:
    """Body text for one corpus, batch after batch of cables in date order."""

    def __init__(self, seed: int, fit: dict[str, Any]) -> None:
        model, params = fit["model"], fit["params"]
        self.np = np.random.Generator(np.random.PCG64(seed))
        self.rng = random.Random(seed * 7 + 3)
        self.chain = Chain(model["chain"])
        symbols = self.chain.symbols
        self.kinds = np.array([CLASSES.index(s) if s in CLASSES else -1 for s in symbols])
        self.strings = np.array([("" if s in CLASSES else s[1:].capitalize() if s[0] == "^"
                                  and len(s) > 1 else s) for s in symbols], dtype=object)
        self.attach_prev = np.array([s in _ATTACH_PREV for s in symbols])
        self.attach_next = np.array([s in _ATTACH_NEXT for s in symbols])
        self.quote = self.chain.index.get('"', -1)
        self.stop = self.chain.stop
        self.articles = np.array([self.chain.index[w] for w in ("the", "a", "an")
                                  if w in self.chain.index])
        self.samplers = {k: ClassSampler(**params["classes"][k]) for k in CLASSES}
        self.lexicons = {k: Lexicon(k) for k in CLASSES}
        self.burst = params["burst"]
        self.copy_rate, self.stock_rate = params["copy_rate"], params["stock_rate"]
        self.paragraph_words = Quantiles(model["paragraph_words_quantiles"])
        self.paragraph_scale = params["paragraph_scale"]
        self.is_word = ~(self.attach_prev | self.attach_next)
        if self.quote >= 0:
            self.is_word[self.quote] = False
        words = self._fresh(4096)[2]
        self.mean_words = max(1.0, float(words.mean()))
        self.stock = self._stock(params["stock_offset"])
        self.phrases: list[str] = []
        self.recent: deque[tuple[str, str, list[str]]] = deque(maxlen=4000)
        self.by_id: dict[str, list[str]] = {}

    def _fresh(self, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`count` new sentences of the chain: symbols end to end, lengths, words."""
        symbols, lengths = self.chain.sentences(self.np, count)
        starts = np.cumsum(lengths) - lengths
        words = np.add.reduceat(self.is_word[symbols].astype(np.int64), starts)
        return symbols, lengths, words

    def _sentence_texts(self, count: int, low: int = 1, high: int = 1 << 30) -> list[str]:
        """Texts of `count` fresh sentences of `low` to `high` words, each on its own."""
        symbols, lengths, words = self._fresh(int(count * 1.5) + 64)
        starts = np.cumsum(lengths) - lengths
        fit = np.flatnonzero((words >= low) & (words <= high))
        while len(fit) < count:  # rare: the wanted lengths are uncommon
            more, more_lengths, more_words = self._fresh(count)
            symbols = np.concatenate([symbols, more])
            starts = np.concatenate([starts, np.cumsum(more_lengths) - more_lengths
                                     + starts[-1] + lengths[-1]])
            lengths = np.concatenate([lengths, more_lengths])
            words = np.concatenate([words, more_words])
            fit = np.flatnonzero((words >= low) & (words <= high))
        fit = fit[:count]
        at = np.repeat(starts[fit] - (np.cumsum(lengths[fit]) - lengths[fit]), lengths[fit])
        picked = symbols[at + np.arange(int(lengths[fit].sum()))]
        return self._render(picked, np.cumsum(lengths[fit]) - lengths[fit], None)

    def _stock(self, offset: float) -> list[str]:
        """Formula sentences of ten to forty words, made once; drawn with Zipf-Mandelbrot
        weights (a few in many cables, most in a few), as cables' boilerplate is."""
        weights = 1.0 / (np.arange(1, STOCK + 1) + offset)
        self.stock_cumulative = np.cumsum(weights) / weights.sum()
        return self._sentence_texts(STOCK, 10, 40)

    def phrase(self, words: int) -> str:
        """The first words of a fresh sentence, unpunctuated (subjects, headings)."""
        if not self.phrases:
            self.phrases = self._sentence_texts(PHRASES, 2)
        text = self.phrases.pop()
        kept = [w.strip('.,;:()"') for w in text.split()[:words]]
        return " ".join(w for w in kept if w)

    # -- a batch of cables -----------------------------------------------------------------------

    def bodies(self, requests: Sequence[Request]) -> list[CableText]:
        """The bodies of a batch of cables. A paragraph is copied from a cable of an earlier
        batch at the fitted rate (a cited one when it can), else composed of pool sentences to
        its drawn length; some composed ones carry a formula many cables share."""
        rng = self.np
        plans: list[list[int | str]] = []
        targets: list[int] = []
        for request in requests:
            plan: list[int | str] = []
            debt = 0  # words a copied paragraph took beyond its target
            for target in self._targets(request.budget):
                source = (self._copy_source(request.post, request.cited)
                          if rng.random() < self.copy_rate else None)
                if source is not None:
                    debt += len(source.split()) - target
                    plan.append(source)
                elif debt >= target:
                    debt -= target
                else:
                    plan.append(len(targets))
                    targets.append(target - max(0, debt))
                    debt = 0
            plans.append(plan)
        symbols, starts = self._pick(np.array(targets, dtype=np.int64))
        owner = np.repeat(np.arange(len(requests)),
                          [sum(isinstance(x, int) for x in plan) for plan in plans])
        out = [CableText() for _ in requests]
        texts = self._render(symbols, starts, out, owner=owner, requests=requests)
        stock = rng.random(len(texts)) < self.stock_rate
        which = np.searchsorted(self.stock_cumulative, rng.random(len(texts)))
        front = rng.random(len(texts)) < 0.5
        for i in np.flatnonzero(stock).tolist():
            formula = self.stock[int(which[i])]
            texts[i] = f"{formula} {texts[i]}" if front[i] else f"{texts[i]} {formula}"
        for request, plan, text in zip(requests, plans, out, strict=True):
            kept = []
            for item in plan:
                if isinstance(item, str):
                    text.paragraphs.append(Paragraph(item, copied=True))
                    kept.append(item)
                else:
                    text.paragraphs.append(Paragraph(texts[item]))
                    kept.append(texts[item])
            self._remember(request.cable_id, request.post, kept)
        return out

    def _targets(self, budget: int) -> list[int]:
        """Paragraph lengths drawn from the real distribution until they make `budget` words."""
        targets: list[int] = []
        left = budget
        while left > 0:
            for value in self.paragraph_words.draw(self.np.random(8)).tolist():
                words = max(3, int(value * self.paragraph_scale))
                if words >= left:
                    targets.append(max(left, 3))
                    return targets
                targets.append(words)
                left -= words
        return targets

    def _pick(self, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Fresh sentences for paragraphs of `targets` words: one stream of sentences cut where
        its running word count passes each running target (a paragraph that ran over leaves
        the next one shorter). Returns the symbols and where each paragraph starts in them."""
        if not len(targets):
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int64)
        goal = np.cumsum(targets)
        parts = []
        lengths_parts = []
        words_parts = []
        have = 0
        while have < goal[-1] + 1:
            symbols, lengths, words = self._fresh(int((goal[-1] - have) / self.mean_words
                                                      * 1.05) + 16)
            parts.append(symbols)
            lengths_parts.append(lengths)
            words_parts.append(words)
            have += int(words.sum())
        symbols = np.concatenate(parts)
        lengths = np.concatenate(lengths_parts)
        total = np.cumsum(np.concatenate(words_parts))
        # paragraph i ends with the first sentence whose running total reaches goal[i], and
        # has one sentence at least
        ends = np.searchsorted(total, goal) + 1
        steps = np.arange(len(ends))
        ends = np.maximum.accumulate(ends - steps) + steps
        while len(lengths) < ends[-1]:
            more, more_lengths, _ = self._fresh(int(ends[-1] - len(lengths)) + 8)
            symbols = np.concatenate([symbols, more])
            lengths = np.concatenate([lengths, more_lengths])
        sentence_start = np.cumsum(lengths) - lengths
        first = np.concatenate(([0], ends[:-1]))
        used = int(sentence_start[ends[-1] - 1] + lengths[ends[-1] - 1])
        return symbols[:used], sentence_start[first]

    def _render(self, symbols: np.ndarray, para_start: np.ndarray,
                out: list[CableText] | None, *, owner: np.ndarray | None = None,
                requests: Sequence[Request] | None = None) -> list[str]:
        """The text of paragraphs made of `symbols`, paragraph i starting at para_start[i].
        With `out` (one per cable, `owner` giving each paragraph's cable), words recur within a
        cable, people of the post are named and names redacted."""
        rng = self.np
        size = len(symbols)
        para_start = np.asarray(para_start, dtype=np.int64)
        cable_of = None
        if out is not None and owner is not None and requests is not None:
            para_of = np.repeat(np.arange(len(para_start)),
                                np.diff(np.concatenate((para_start, [size]))))
            cable_of = owner[para_of]
            telegraphic = np.array([r.telegraphic for r in requests])
            if telegraphic.any():
                drop = (telegraphic[cable_of] & np.isin(symbols, self.articles)
                        & (rng.random(size) < 0.7))
                keep = np.flatnonzero(~drop)
                symbols, cable_of = symbols[keep], cable_of[keep]
                para_start = np.searchsorted(keep, para_start)
                size = len(symbols)
        tokens = self.strings[symbols]
        kinds = self.kinds[symbols]
        for k, kind in enumerate(CLASSES):
            where = np.flatnonzero(kinds == k)
            if not len(where):
                continue
            ranks = self.samplers[kind].draw(rng.random(len(where)))
            group = _GROUPS.get(kind)
            if group is not None and cable_of is not None:
                burst = self.burst["W" if group == 0 else "C"]
                ranks = _polya(ranks, cable_of[where], rng.random(len(where)) < burst,
                               rng.random(len(where)))
            tokens[where] = self.lexicons[kind].words(ranks.tolist())
        if cable_of is not None and out is not None and requests is not None:
            self._people_and_redactions(tokens, kinds == CLASSES.index("C"), cable_of, out,
                                        requests)
        stops = symbols == self.stop
        capital = np.zeros(size, dtype=bool)
        capital[1:] = stops[:-1]
        capital[para_start] = True
        capital = np.flatnonzero(capital)
        tokens[capital] = [t[:1].upper() + t[1:] for t in tokens[capital].tolist()]
        glue = self.attach_prev[symbols].copy()
        glue[1:] |= self.attach_next[symbols[:-1]]
        quotes = np.flatnonzero(symbols == self.quote)
        if len(quotes):
            paragraph = np.searchsorted(para_start, quotes, side="right") - 1
            ordinal = np.arange(len(quotes)) - np.searchsorted(quotes, para_start[paragraph])
            glue[quotes[ordinal % 2 == 1]] = True
            opening = quotes[ordinal % 2 == 0] + 1
            glue[opening[opening < size]] = True
        separators = np.where(glue, "", " ").astype(object)
        separators[para_start] = ""
        pieces = list(map(add, separators.tolist(), tokens.tolist()))
        bounds = [*para_start.tolist(), size]
        return ["".join(pieces[a:b]) for a, b in pairwise(bounds)]

    def _people_and_redactions(self, tokens: np.ndarray, names: np.ndarray,
                               cable_of: np.ndarray, out: list[CableText],
                               requests: Sequence[Request]) -> None:
        """Runs of two or more capitalised words become one of the post's people at the fitted
        rate, named as cables name them (`Interior Minister Karim Halimi` first, then `Minister
        Halimi`); a cable protecting its sources has names replaced by XXXXXXXXXXXX."""
        edges = np.diff(np.concatenate(([0], names.astype(np.int8), [0])))
        run_starts = np.flatnonzero(edges == 1)
        run_ends = np.flatnonzero(edges == -1)
        long = (run_ends - run_starts >= 2) & (self.np.random(len(run_starts))
                                               < self.burst["people"])
        rng = self.rng
        named: set[tuple[int, Person]] = set()
        for a, b in zip(run_starts[long].tolist(), run_ends[long].tolist(), strict=True):
            cable = int(cable_of[a])
            cast = requests[cable].cast
            if not cast:
                continue
            person = cast[int(rng.random() ** 1.7 * len(cast))]
            words = person.phrase(full=(cable, person) not in named).split()
            named.add((cable, person))
            if len(words) >= b - a:
                tokens[a:b] = words[len(words) - (b - a):]
            else:
                tokens[b - len(words):b] = words
            if person not in out[cable].mentioned:
                out[cable].mentioned.append(person)
        wanted = np.array([r.redactions for r in requests])
        if wanted.any():
            where = np.flatnonzero(names)
            owners = cable_of[where]
            for cable in np.flatnonzero(wanted).tolist():
                mine = where[owners == cable]
                if len(mine):
                    chosen = self.np.choice(mine, size=min(int(wanted[cable]), len(mine)),
                                            replace=False)
                    tokens[chosen] = REDACTED
                    out[cable].redactions = len(chosen)

    # -- copies --------------------------------------------------------------------------------

    def _copy_source(self, post: str, cited: Sequence[str]) -> str | None:
        """A paragraph of a cited cable, else of a recent cable of the same post, else of any
        recent cable (posts quote the Department, the Department repeats posts' reporting)."""
        rng = self.rng
        for cable_id in cited:
            paragraphs = self.by_id.get(cable_id)
            if paragraphs:
                return rng.choice(paragraphs)
        if not self.recent:
            return None
        for _ in range(4):
            _cable, source_post, paragraphs = self.recent[rng.randrange(len(self.recent))]
            if paragraphs and (source_post == post or rng.random() < 0.3):
                return rng.choice(paragraphs)
        return None

    def _remember(self, cable_id: str, post: str, paragraphs: list[str]) -> None:
        if len(self.recent) == self.recent.maxlen:
            self.by_id.pop(self.recent[0][0], None)
        self.recent.append((cable_id, post, paragraphs))
        self.by_id[cable_id] = paragraphs


def _polya(ranks: np.ndarray, cables: np.ndarray, repeat: np.ndarray, u: np.ndarray
           ) -> np.ndarray:
    """Within each cable, a word slot marked `repeat` takes the word of an earlier slot of its
    group in the same cable, chosen at random: words recur in proportion to their use so far,
    the burstiness of real text (`cables` is sorted: slots of a cable are contiguous)."""
    n = len(ranks)
    index = np.arange(n)
    first = np.searchsorted(cables, cables)  # each slot's cable's first slot
    before = index - first
    source = np.where(repeat & (before > 0), first + (u * before).astype(np.int64), index)
    for _ in range(64):
        nxt = source[source]
        if np.array_equal(nxt, source):
            break
        source = nxt
    return ranks[source]


def wrap(text: str, per_line: int, newline: str) -> str:
    """Hard line breaks every `per_line` words (cheap, and ragged like a telegram)."""
    tokens = text.split(" ")
    if len(tokens) <= per_line:
        return text
    tokens[per_line - 1:-1:per_line] = [t + newline for t in tokens[per_line - 1:-1:per_line]]
    return " ".join(tokens).replace(newline + " ", newline)
