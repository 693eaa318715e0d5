"""The fitted model the generator draws from: `fitted.json` loaded once, and its samplers.

`fitted.json` is written by `bench/synth_fit.py` from a real corpus (see docs/synth.md): the
real corpus's statistics (`real`), the aggregates extracted from it (`model`, see `fit.extract`)
and parameters calibrated so that generated text measures like the real one (`params`). It holds
numbers and the generator's own symbols only, so the generator runs anywhere without the corpus.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

TABLE = 1 << 21  # ranks drawn from a table; the rare ranks beyond, from a Pareto tail


@cache
def fitted() -> dict[str, Any]:
    """The committed fit (`fitted.json` next to this module)."""
    with resources.files("cablescope.synth").joinpath("fitted.json").open(encoding="utf-8") as f:
        return json.load(f)


class Quantiles:
    """Draws from an empirical distribution given by its quantiles (linear in between)."""

    def __init__(self, values: list[float]) -> None:
        self.values = np.asarray(values, dtype=np.float64)

    def draw(self, u: np.ndarray | float) -> np.ndarray:
        """Values at uniform numbers `u` in [0, 1)."""
        position = np.asarray(u) * (len(self.values) - 1)
        low = np.floor(position).astype(np.int64)
        high = np.minimum(low + 1, len(self.values) - 1)
        return self.values[low] + (position - low) * (self.values[high] - self.values[low])


def zipf_weights(a1: float, a2: float, knee: float, offset: float, size: int) -> np.ndarray:
    """Unnormalised probabilities of ranks 1..size of a two-regime Zipf law: (r+offset)^-a1 up
    to the knee, falling as (r+offset)^-a2 beyond it (continuous at the knee)."""
    r = np.arange(1, size + 1, dtype=np.float64) + offset
    k = knee + offset
    return np.where(r <= k, r ** -a1, k ** (a2 - a1) * r ** -a2)


def zipf_tail(a1: float, a2: float, knee: float, offset: float, beyond: int) -> float:
    """The unnormalised mass of the ranks past `beyond` (an integral: they are many and rare)."""
    k = knee + offset
    start = max(beyond + 0.5 + offset, k)
    return float(k ** (a2 - a1) * start ** (1 - a2) / (a2 - 1))


class ClassSampler:
    """Frequency ranks (0-based) of one word class: a table for the first `TABLE` ranks, a
    Pareto tail beyond, so the vocabulary never closes (Heaps' law)."""

    def __init__(self, a1: float, a2: float, knee: float, offset: float) -> None:
        self.a2, self.offset = a2, offset
        weights = zipf_weights(a1, a2, knee, offset, TABLE)
        tail = zipf_tail(a1, a2, knee, offset, TABLE)
        total = float(weights.sum()) + tail
        self.cumulative = np.cumsum(weights) / total
        self.tail = tail / total

    def draw(self, u: np.ndarray) -> np.ndarray:
        """Ranks for uniform numbers `u` in [0, 1)."""
        ranks = np.searchsorted(self.cumulative, u, side="right")
        beyond = ranks >= TABLE
        if beyond.any():
            # the tail's share of u, rescaled to (0, 1], inverted through the Pareto law
            v = (1.0 - u[beyond]) / self.tail
            start = TABLE + 0.5 + self.offset
            far = start * np.clip(v, 1e-300, 1.0) ** (-1.0 / (self.a2 - 1.0)) - self.offset
            ranks = ranks.astype(np.int64)
            ranks[beyond] = np.minimum(far, 1e15).astype(np.int64)
        return ranks


def expected_growth(params: dict[str, float], tokens: np.ndarray) -> tuple[np.ndarray, float]:
    """Expected distinct words after each number of `tokens` drawn independently from a class
    law, and the expected words seen once after the last: the quantities a fit matches."""
    a1, a2, knee, offset = params["a1"], params["a2"], params["knee"], params["offset"]
    exact = 1 << 16
    weights = zipf_weights(a1, a2, knee, offset, exact)
    edges = np.geomspace(exact + 0.5, 1e12, 2000)
    middles = np.sqrt(edges[:-1] * edges[1:])
    k = knee + offset
    far = np.where(middles + offset <= k, (middles + offset) ** -a1,
                   k ** (a2 - a1) * (middles + offset) ** -a2)
    widths = np.diff(edges)
    total = float(weights.sum()) + float((far * widths).sum())
    p, pw = weights / total, far / total
    types = np.array([float((-np.expm1(-n * p)).sum() + (widths * -np.expm1(-n * pw)).sum())
                      for n in tokens])
    n = float(tokens[-1])
    hapax = float((n * p * np.exp(-n * p)).sum() + (widths * n * pw * np.exp(-n * pw)).sum())
    return types, hapax


class Chain:
    """The sentence model: a first-order Markov chain over symbols, `.` ending a sentence.

    Sampling uses an alias table per state (Walker's method), so thousands of sentences advance
    one step together in a few numpy operations, whatever the number of symbols."""

    def __init__(self, pairs: list[list[Any]]) -> None:
        symbols = sorted({a for a, _, _ in pairs} | {b for _, b, _ in pairs})
        self.symbols = symbols
        self.index = {s: i for i, s in enumerate(symbols)}
        size = len(symbols)
        counts = np.zeros((size, size), dtype=np.float64)
        for a, b, n in pairs:
            counts[self.index[a], self.index[b]] += n
        self.stop = self.index["."]
        empty = counts.sum(axis=1) == 0
        counts[empty, self.stop] = 1.0  # a symbol never followed: the sentence ends
        self.accept, self.alias = _alias_tables(counts / counts.sum(axis=1, keepdims=True))

    def sentences(self, rng: np.random.Generator, count: int, longest: int = 80
                  ) -> tuple[np.ndarray, np.ndarray]:
        """`count` sentences: their symbols end to end (each ending with `.`) and lengths."""
        size = len(self.symbols)
        state = np.full(count, self.stop, dtype=np.int64)
        out = np.full((count, longest), self.stop, dtype=np.int32)
        alive = np.arange(count)
        for step in range(longest - 1):
            column = (rng.random(len(alive)) * size).astype(np.int64)
            current = state[alive]
            taken = rng.random(len(alive)) < self.accept[current, column]
            nxt = np.where(taken, column, self.alias[current, column])
            out[alive, step] = nxt
            state[alive] = nxt
            alive = alive[nxt != self.stop]
            if not len(alive):
                break
        lengths = np.argmax(out == self.stop, axis=1) + 1
        keep = np.arange(longest)[None, :] < lengths[:, None]
        return out[keep], lengths


def _alias_tables(p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Walker's alias tables of each row of `p` (rows summing to 1): pick a column uniformly,
    keep it with probability accept[row, column], else take alias[row, column]."""
    rows, size = p.shape
    accept = np.ones((rows, size), dtype=np.float64)
    alias = np.tile(np.arange(size, dtype=np.int64), (rows, 1))
    for r in range(rows):
        scaled = p[r] * size
        small = [i for i in range(size) if scaled[i] < 1.0]
        large = [i for i in range(size) if scaled[i] >= 1.0]
        while small and large:
            s, g = small.pop(), large.pop()
            accept[r, s] = scaled[s]
            alias[r, s] = g
            scaled[g] = scaled[g] + scaled[s] - 1.0
            (small if scaled[g] < 1.0 else large).append(g)
    return accept, alias
