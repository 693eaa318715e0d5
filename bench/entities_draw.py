"""Draw the held-out cables of the entity evaluation (tests/data/entities/heldout.jsonl).

    .venv/bin/python bench/entities_draw.py --db corpus.db

Run once, before anyone looked at what the extractor finds in the cables drawn: a seeded shuffle of
every cable of the 2011-04-25 corpus, keeping, in that order, the first `--n` that are not already
labelled (labels.jsonl and every heldout*.jsonl beside it, the spent set's included: a new set's
file, committed empty before its draw, is among them) and whose text is at most `--max-words` words
(to bound the work of labelling every person, organisation and meeting by hand). Prints the IDs, one
a line, in the order drawn; the rule and the seeds are in tests/data/entities/README.md.
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
# Never drawn again: a set's file added beside them is left out of every draw after it.
LABELLED = (DATA / "labels.jsonl", *sorted(DATA.glob("heldout*.jsonl")))
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
