"""Draw the held-out cables of the entity evaluation (tests/data/entities/heldout.jsonl).

    .venv/bin/python bench/entities_draw.py --db corpus.db

Run once, before anyone looked at what the extractor finds in the cables drawn: a seeded shuffle of
every cable of the 2011-04-25 corpus, keeping, in that order, the first `--n` that are not already
labelled (labels.jsonl, heldout-40.jsonl, heldout-39.jsonl, heldout-38.jsonl, heldout-37.jsonl,
heldout-36.jsonl, heldout-35.jsonl, heldout-34.jsonl, heldout-33.jsonl, heldout-32.jsonl,
heldout-31.jsonl, heldout-30.jsonl, heldout-29.jsonl, heldout-28.jsonl, heldout-27.jsonl,
heldout-26.jsonl, heldout-25.jsonl, heldout-24.jsonl, heldout-23.jsonl, heldout-22.jsonl,
heldout-21.jsonl, heldout-20.jsonl, heldout-19.jsonl, heldout-18.jsonl, heldout-17.jsonl,
heldout-16.jsonl, heldout-15.jsonl, heldout-14.jsonl, heldout-13.jsonl, heldout-12.jsonl,
heldout-11.jsonl, heldout-10.jsonl, heldout-9.jsonl, heldout-8.jsonl, heldout-7.jsonl,
heldout-6.jsonl, heldout-5.jsonl, heldout.jsonl, heldout-3.jsonl, heldout-2.jsonl,
heldout-spent.jsonl) and whose text is at most `--max-words` words (to bound the work of labelling
every person, organisation and meeting by hand). Prints the IDs, one a line, in the order drawn; the
rule and the seeds are in tests/data/entities/README.md.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "entities"
LABELLED = (DATA / "labels.jsonl", DATA / "heldout-40.jsonl", DATA / "heldout-39.jsonl",
            DATA / "heldout-38.jsonl", DATA / "heldout-37.jsonl", DATA / "heldout-36.jsonl",
            DATA / "heldout-35.jsonl", DATA / "heldout-34.jsonl", DATA / "heldout-33.jsonl",
            DATA / "heldout-32.jsonl", DATA / "heldout-31.jsonl", DATA / "heldout-30.jsonl",
            DATA / "heldout-29.jsonl", DATA / "heldout-28.jsonl", DATA / "heldout-27.jsonl",
            DATA / "heldout-26.jsonl", DATA / "heldout-25.jsonl", DATA / "heldout-24.jsonl",
            DATA / "heldout-23.jsonl", DATA / "heldout-22.jsonl", DATA / "heldout-21.jsonl",
            DATA / "heldout-20.jsonl", DATA / "heldout-19.jsonl", DATA / "heldout-18.jsonl",
            DATA / "heldout-17.jsonl", DATA / "heldout-16.jsonl", DATA / "heldout-15.jsonl",
            DATA / "heldout-14.jsonl", DATA / "heldout-13.jsonl", DATA / "heldout-12.jsonl",
            DATA / "heldout-11.jsonl", DATA / "heldout-10.jsonl", DATA / "heldout-9.jsonl",
            DATA / "heldout-8.jsonl", DATA / "heldout-7.jsonl", DATA / "heldout-6.jsonl",
            DATA / "heldout-5.jsonl", DATA / "heldout.jsonl", DATA / "heldout-3.jsonl",
            DATA / "heldout-2.jsonl",
            DATA / "heldout-spent.jsonl")  # never drawn again
SEED = 20261203


def labelled_cables() -> set[str]:
    """Every cable of a labelled set: never drawn again, and never run through the extractor by
    another benchmark (bench/entities.py), so a held-out set stays unseen until its first look."""
    return {json.loads(line)["cable"] for path in LABELLED if path.is_file()
            for line in path.read_text().splitlines() if line.strip()}


def draw(db: Path, n: int, max_words: int, seed: int = SEED,
         exclude: set[str] | None = None) -> list[str]:
    """The first `n` cables of a seeded shuffle that are not in `exclude` and not too long."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    ids = sorted(r[0] for r in conn.execute("SELECT id FROM cables"))
    random.Random(seed).shuffle(ids)
    chosen: list[str] = []
    for cable in ids:
        if cable in (exclude or set()):
            continue
        words = sum(len(t.split()) for (t,) in conn.execute(
            "SELECT text FROM paragraphs WHERE cable_id = ?", (cable,)))
        if words <= max_words:
            chosen.append(cable)
        if len(chosen) == n:
            break
    conn.close()
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--n", type=int, default=32)
    parser.add_argument("--max-words", type=int, default=2500)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    for cable in draw(args.db.resolve(), args.n, args.max_words, args.seed, labelled_cables()):
        print(cable)
    return 0


if __name__ == "__main__":
    sys.exit(main())
