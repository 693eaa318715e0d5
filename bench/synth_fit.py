"""Fit the synthetic generator to the real corpus: the build step behind `synth/fitted.json`.

Usage (from the project root, with the project's virtualenv; needs ../shared):

    .venv/bin/python bench/synth_fit.py                    # ingest the real corpus, fit, calibrate
    .venv/bin/python bench/synth_fit.py --db real.db       # a database of it already made
    .venv/bin/python bench/synth_fit.py --rounds 0         # extract and fit, no calibration

1. The real corpus is ingested into a scratch database (or `--db` is read).
2. `measure` gives the statistics the realism test compares against (`real` in the JSON), and
   `fit.extract` the aggregates the generator draws from (`model`): quantiles, shares, counts,
   the sentence chain's pair counts, each word class's vocabulary growth.
3. Each class's two-regime Zipf law is fitted to its growth (`fit.fit_class`).
4. Calibration: the parameters no table gives directly (burstiness of words and names, the rate
   of copied paragraphs and of shared formulas, how often a citation is of a corpus cable, the
   vocabulary tails) are adjusted in rounds: generate as many cables as the real corpus has,
   ingest them, measure, move each parameter towards its target.

Only numbers and the generator's own symbols are written: no word of the corpus.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CABLESCOPE_SHARED", ROOT.parent / "shared"))
REAL = SHARED / "corpus" / "cablegate-2011-04-25.tar.xz"
OUT = ROOT / "src" / "cablescope" / "synth" / "fitted.json"
SEED = 6712


def ingest(records: Any, db: Path) -> None:
    import cablescope.cli  # noqa: F401  every layer's migrations, as `cablescope ingest` has
    from cablescope.store import Store

    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)
    with Store.open(db) as store:
        summary = store.ingest(records)
    if summary.problems:
        raise SystemExit(f"{db}: {summary.problems} problems while ingesting")


def synthetic(fit: dict[str, Any], count: int, work: Path) -> Path:
    """Generate `count` cables with `fit` and ingest them; the database's path."""
    from cablescope.sources import read_corpus
    from cablescope.synth import generate, write_csv

    csv = work / "calibrate.csv"
    write_csv(generate(count, SEED, fit=fit), csv)
    db = work / "calibrate.db"
    ingest(read_corpus(csv), db)
    return db


def initial(real: dict[str, Any], model: dict[str, Any]) -> dict[str, Any]:
    from cablescope.synth.fit import fit_class

    return {
        "classes": {k: fit_class(v) for k, v in model["classes"].items()},
        "burst": {"W": model["repeat_within_cable"]["W"] / 2,
                  "C": model["repeat_within_cable"]["C"] / 2, "people": 0.3},
        "copy_rate": real["copied_paragraphs"],
        "stock_rate": max(0.01, real["shared_paragraphs"] - real["copied_paragraphs"]),
        "stock_offset": 100.0,
        "ref_present": real["cited_present"],
        "tail_scale": 1.0,
        "words_scale": 1.0,
        "paragraph_scale": 1.0,
        "redact_share": model["redacted_share"],
        "redactions_mean": model["redactions_per_redacted"],
    }


def _towards(value: float, target: float, got: float, power: float = 1.0,
             low: float = 1e-4, high: float = 1.0) -> float:
    """A multiplicative step of `value` so that `got` moves to `target`."""
    if got <= 0:
        return min(high, value * 2)
    return min(high, max(low, value * (target / got) ** power))


def calibrate_round(fit: dict[str, Any], got: dict[str, Any], repeats: dict[str, float]
                    ) -> None:
    real, model, params = fit["real"], fit["model"], fit["params"]
    params["ref_present"] = _towards(params["ref_present"], real["cited_present"],
                                     got["cited_present"])
    params["copy_rate"] = _towards(params["copy_rate"], real["copied_paragraphs"],
                                   got["copied_paragraphs"])
    target_formula = real["shared_paragraphs"] - real["copied_paragraphs"]
    got_formula = got["shared_paragraphs"] - got["copied_paragraphs"]
    params["stock_rate"] = _towards(params["stock_rate"], target_formula, got_formula)
    params["stock_offset"] = _towards(params["stock_offset"], got["top_8gram_share"],
                                      real["top_8gram_share"], 1.5, 1.0, 1e6)
    for group in ("W", "C"):
        target = model["repeat_within_cable"][group]
        burst = params["burst"][group] + 1.2 * (target - repeats[group])
        params["burst"][group] = round(min(0.95, max(0.0, burst)), 4)
    params["words_scale"] = round(params["words_scale"] * real["words_median"]
                                  / got["words_median"], 4)
    params["paragraph_scale"] = round(params["paragraph_scale"]
                                      * real["body_paragraph_words_median"]
                                      / got["body_paragraph_words_median"], 4)
    params["redact_share"] = _towards(params["redact_share"], real["redacted_share"],
                                      got["redacted_share"])
    params["redactions_mean"] = _towards(params["redactions_mean"],
                                         real["redactions_per_redacted"],
                                         got["redactions_per_redacted"], 1.0, 1.0, 100.0)
    # the vocabulary: more types wanted -> a heavier tail on every class
    want = math.log(real["types_3m"]) - math.log(got["types_3m"] or 1)
    params["tail_scale"] = round(params["tail_scale"] * math.exp(-0.8 * want), 4)
    _tails(fit)


def _tails(fit: dict[str, Any]) -> None:
    """Each class's tail exponent from its fitted one, scaled by the calibrated factor."""
    params = fit["params"]
    for name, law in params["classes"].items():
        base = fit["base_classes"][name]
        law["a2"] = round(1.05 + (base["a2"] - 1.05) * params["tail_scale"], 5)


def report(label: str, real: dict[str, Any], got: dict[str, Any]) -> None:
    keys = ("words_median", "words_p90", "types_1m", "types_3m", "hapax_share",
            "top_4gram_share", "shared_paragraphs", "copied_paragraphs", "top_8gram_share",
            "top_tag_share", "cited_present")
    print(label, " ".join(f"{k}={got[k]}/{real[k]}" for k in keys), flush=True)


def dump(fit: dict[str, Any]) -> str:
    """JSON with one line per entry of the long tables (readable diffs, a few hundred KB)."""
    text = json.dumps(fit, indent=1)
    for key in ("chain", "words_quantiles", "paragraph_words_quantiles", "growth"):
        text = _compact(text, key)
    return text + "\n"


def _compact(text: str, key: str) -> str:
    """Inner lists of `key`'s value on one line each."""
    out, at = [], 0
    marker = f'"{key}": ['
    while (start := text.find(marker, at)) >= 0:
        end = _closing(text, start + len(marker) - 1)
        value = json.loads(text[start + len(marker) - 1:end + 1])
        if value and isinstance(value[0], list):
            inner = ",\n  ".join(json.dumps(v, separators=(",", ":")) for v in value)
            compact = f"[\n  {inner}\n ]"
        else:
            compact = json.dumps(value, separators=(",", ":"))
        out.append(text[at:start + len(marker) - 1] + compact)
        at = end + 1
    return "".join(out) + text[at:]


def _closing(text: str, start: int) -> int:
    depth = 0
    for i in range(start, len(text)):
        depth += {"[": 1, "]": -1}.get(text[i], 0)
        if depth == 0:
            return i
    raise ValueError("unbalanced JSON")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="a database of the real corpus (else ingested)")
    parser.add_argument("--rounds", type=int, default=8, help="calibration rounds")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "synth-fit")
    parser.add_argument("--start", type=Path,
                        help="calibrate from the parameters of this fit (e.g. the committed "
                             "one) instead of from scratch")
    args = parser.parse_args()
    from cablescope.synth.fit import extract
    from cablescope.synth.measure import measure

    args.work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    db = args.db
    if db is None:
        from cablescope.sources import read_corpus

        if not REAL.exists():
            raise SystemExit(f"{REAL} is absent (set CABLESCOPE_SHARED)")
        db = args.work / "real.db"
        ingest(read_corpus(REAL), db)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    real, model = measure(conn), extract(conn)
    conn.close()
    print(f"real corpus measured in {time.monotonic() - started:.0f} s", flush=True)
    params = initial(real, model)
    if args.start:
        calibrated = json.loads(args.start.read_text(encoding="utf-8"))["params"]
        params.update({k: v for k, v in calibrated.items() if k != "classes"})
    fit = {"about": "Aggregate statistics of the real corpus and the generator's fitted "
                    "parameters; written by bench/synth_fit.py (docs/synth.md).",
           "real": real, "model": model, "params": params,
           "base_classes": json.loads(json.dumps(params["classes"]))}
    _tails(fit)
    for round_ in range(args.rounds):
        t = time.monotonic()
        db_synth = synthetic(fit, real["cables"], args.work)
        conn = sqlite3.connect(db_synth)
        got = measure(conn)
        repeats = extract(conn)["repeat_within_cable"]
        conn.close()
        report(f"round {round_} ({time.monotonic() - t:.0f} s):", real, got)
        print(f"  repeats {repeats} / {model['repeat_within_cable']}; params {params}",
              flush=True)
        calibrate_round(fit, got, repeats)
    args.out.write_text(dump(fit), encoding="utf-8")
    print(f"wrote {args.out} in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
