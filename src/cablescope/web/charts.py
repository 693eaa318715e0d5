"""Geometry for the two server-drawn charts (SVG, no script): the date histogram of a search and
the network of who met whom around an entity. Pure functions, so tests check the numbers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Labels are drawn in the chart's own units (the SVG scales as a whole, text with it): 9 units
# high, a character at most 0.64 of that wide (digits and '-' in the usual sans fonts).
LABEL_SIZE = 9
_CHAR_WIDTH = 0.64 * LABEL_SIZE


@dataclass(frozen=True, slots=True)
class Bar:
    """One histogram bar in a `width` x `height` box; `label` is the bucket (a year, a month),
    written under the bar when `labelled` (no two written labels overlap)."""

    label: str
    count: int
    x: float
    y: float
    width: float
    height: float
    labelled: bool = True

    @property
    def middle(self) -> float:
        """Where the label's middle goes."""
        return round(self.x + self.width / 2, 2)


def histogram(buckets: Sequence[tuple[str, int]], width: float = 800, height: float = 70,
              gap: float = 2) -> list[Bar]:
    """Bars for `(label, count)` buckets in order, the tallest filling `height`.

    The bars leave room at both ends for half a label, so the first and last labels are not cut
    at the chart's edges; every k-th bar is labelled, k as small as keeps labels apart.
    """
    if not buckets:
        return []
    top = max(count for _, count in buckets) or 1
    label_width = max(len(label) for label, _ in buckets) * _CHAR_WIDTH
    margin = label_width / 2 + 2
    step = (width - 2 * margin) / len(buckets)
    every = max(1, math.ceil((label_width + LABEL_SIZE) / step))
    bars = []
    for i, (label, count) in enumerate(buckets):
        h = height * count / top
        if count and h < 1:
            h = 1.0  # a bucket with hits stays visible
        bars.append(Bar(label, count, round(margin + i * step + gap / 2, 2), round(height - h, 2),
                        round(max(step - gap, 1), 2), round(h, 2), i % every == 0))
    return bars


def fill_years(buckets: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """Year buckets in order with empty years between them present as zero (a gap shows)."""
    years = {int(label): count for label, count in buckets if str(label).isdigit()}
    if not years:
        return []
    return [(str(y), years.get(y, 0)) for y in range(min(years), max(years) + 1)]


def fill_months(buckets: Sequence[tuple[str, int]], most: int = 240) -> list[tuple[str, int]]:
    """`YYYY-MM` buckets in order with the empty months between them as zero, so time runs
    evenly along the axis (left as given when the span passes `most` months)."""
    counts = {label: count for label, count in buckets if len(label) == 7 and label[4] == "-"}
    if not counts:
        return []
    first, last = min(counts), max(counts)
    y, m = int(first[:4]), int(first[5:])
    end = (int(last[:4]), int(last[5:]))
    if (end[0] - y) * 12 + end[1] - m >= most:
        return sorted(counts.items())
    out = []
    while (y, m) <= end:
        label = f"{y:04d}-{m:02d}"
        out.append((label, counts.get(label, 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


@dataclass(frozen=True, slots=True)
class Node:
    key: str
    label: str
    x: float
    y: float
    r: float
    center: bool = False
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    a: str
    b: str
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    weight: float


def radial_layout(center: str, labels: dict[str, str], edges: Sequence[tuple[str, str, float]],
                  hrefs: dict[str, str] | None = None, width: float = 900,
                  height: float = 460) -> tuple[list[Node], list[Edge]]:
    """The centre entity in the middle, its direct contacts on an inner ring (heaviest first, so
    layouts are stable), everyone else on an outer ring; edge width grows with weight."""
    hrefs = hrefs or {}
    direct: dict[str, float] = {}
    for a, b, w in edges:
        if center in (a, b):
            other = b if a == center else a
            direct[other] = direct.get(other, 0) + w
    inner = sorted(direct, key=lambda k: (-direct[k], labels.get(k, k)))
    outer = sorted({k for a, b, _ in edges for k in (a, b)} - set(inner) - {center},
                   key=lambda k: labels.get(k, k))
    cx, cy = width / 2, height / 2
    radius = min(width, height) / 2 - 40
    pos: dict[str, tuple[float, float]] = {center: (cx, cy)}
    for ring, keys in ((radius * (0.55 if outer else 0.9), inner), (radius * 0.95, outer)):
        for i, key in enumerate(keys):
            angle = 2 * math.pi * i / max(len(keys), 1) - math.pi / 2
            pos[key] = (round(cx + ring * math.cos(angle) * width / height * 0.9, 1),
                        round(cy + ring * math.sin(angle), 1))
    top = max((w for _, _, w in edges), default=1) or 1
    nodes = [Node(k, labels.get(k, k), x, y, 9 if k == center else 6, k == center, hrefs.get(k))
             for k, (x, y) in pos.items()]
    lines = [Edge(a, b, *pos[a], *pos[b], round(1 + 4 * w / top, 2), w)
             for a, b, w in edges if a in pos and b in pos]
    return nodes, lines
