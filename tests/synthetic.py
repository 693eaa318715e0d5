"""Generated corpora for tests that need a database of their own to write into."""

from __future__ import annotations

from pathlib import Path

from cablescope.sources import read_corpus
from cablescope.store import Store
from cablescope.synth import generate, write_csv


def ingest_synthetic(db: Path, count: int, seed: int) -> None:
    """Write `count` generated cables into `db` (through a cables.csv, as a user would)."""
    csv = db.with_name(f"synth-{seed}.csv")
    write_csv(generate(count, seed=seed), csv)
    with Store.open(db) as store:
        store.ingest(read_corpus(csv))
