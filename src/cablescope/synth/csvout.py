"""Write synthetic cables as `cables.csv`, exactly the format `cablescope.sources` reads."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from cablescope.sources.csvfile import DIALECT, format_created
from cablescope.synth.generate import SynthCable


def _rows(cables: Iterable[SynthCable]) -> Iterable[list[str]]:
    for cable in cables:
        yield [str(cable.row), format_created(cable.created), cable.id, cable.origin,
               cable.classification, ",".join(cable.references), cable.header, cable.body]


def write_csv(cables: Iterable[SynthCable], out: str | Path | IO[str],
              progress: Callable[[int], None] | None = None) -> int:
    """Write `cables` as WikiLeaks `cables.csv` rows (no header row) to a path or text stream;
    return how many. `progress(n)` is called every 1,000 cables, for a progress bar."""
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return write_csv(cables, stream, progress)
    writer = csv.writer(out, dialect=DIALECT)
    written = 0
    batch: list[list[str]] = []
    for row in _rows(cables):
        batch.append(row)
        if len(batch) == 1000:
            writer.writerows(batch)
            written += len(batch)
            batch.clear()
            if progress:
                progress(written)
    writer.writerows(batch)
    written += len(batch)
    if progress:
        progress(written)
    return written
