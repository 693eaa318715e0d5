"""The generator reads like the real corpus: a synthetic corpus of the real one's size, ingested by
today's parser, measures like it within the tolerances of docs/synth.md; the committed statistics
are what the fit step computes from the real corpus; they hold no word of it."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from cablescope.parse import parse_record
from cablescope.sources import RawRecord, read_corpus
from cablescope.store import Store
from cablescope.synth import SynthCable, generate, write_csv
from cablescope.synth.fit import CLASSES, PUNCT, extract
from cablescope.synth.lexicon import COMMON_SET, LITERALS
from cablescope.synth.measure import TOLERANCES, bounds, measure, within
from cablescope.synth.model import fitted

ROOT = Path(__file__).resolve().parent.parent
SEED = 14


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[SynthCable]]]:
    """As many cables as the real corpus has, written as cables.csv and ingested."""
    cables = list(generate(fitted()["real"]["cables"], seed=SEED))
    work = tmp_path_factory.mktemp("realism")
    csv = work / "cables.csv"
    write_csv(cables, csv)
    db = work / "synth.db"
    with Store.open(db) as store:
        summary = store.ingest(read_corpus(csv))
    assert summary.problems == 0 and summary.new_cables == len(cables), summary.line()
    yield db, cables


@pytest.fixture(scope="module")
def measured(synthetic: tuple[Path, list[SynthCable]]) -> dict:
    with sqlite3.connect(synthetic[0]) as conn:
        return measure(conn)


@pytest.mark.parametrize("statistic", sorted(TOLERANCES))
def test_measures_like_the_real_corpus(measured: dict, statistic: str) -> None:
    real = fitted()["real"][statistic]
    low, high = bounds(statistic, real)
    got = measured[statistic]
    assert within(statistic, real, got), (
        f"{statistic}: generated {got}, real {real}, allowed {low:.4g} .. {high:.4g}")


def test_the_vocabulary_stays_open(measured: dict) -> None:
    """Heaps' law: three times the text brings well over a third more words (a closed
    vocabulary levels off: 24.8k -> 26.5k was the old generator's)."""
    assert measured["types_3m"] > 1.4 * measured["types_1m"]
    assert measured["hapax_share"] > 0.25


def test_tags_classifications_and_redactions_follow_the_real_shares(measured: dict) -> None:
    real = fitted()["real"]
    for got, want in zip(measured["top_tag_shares"], real["top_tag_shares"], strict=True):
        assert abs(got - want) < 0.05
    for name, share in real["classification"].items():
        assert abs(measured["classification"].get(name, 0) - share) < 0.03, name
    assert abs(measured["redacted_share"] - real["redacted_share"]) < 0.05
    assert abs(measured["citing_share"] - real["citing_share"]) < 0.05


def test_ingests_cleanly_and_parses_as_generated(synthetic: tuple[Path, list[SynthCable]]
                                                 ) -> None:
    """Today's parser reads back what was put in: IDs, TAGS, cited cables, paragraphs,
    redactions. What it misreads is what it misreads in real cables too, and no more often: a
    number wrapped to a line start taken for a paragraph number (old telegrams mostly), a
    non-ASCII person TAG split in two, `USEU BRUSSELS` also read as `BRUSSELS`."""
    db, cables = synthetic
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM problems").fetchone()[0] == 0
        warned = conn.execute("SELECT count(*) FROM cables WHERE warnings != ''").fetchone()[0]
    assert warned < 0.08 * len(cables)
    csv = db.with_name("cables.csv")
    mismatched: dict[str, list[str]] = {"tags": [], "refs": [], "paragraphs": [], "id": [],
                                         "redactions": []}
    for cable, record in zip(cables, read_corpus(csv), strict=True):
        assert isinstance(record, RawRecord)
        parsed = parse_record(record)
        if parsed.id != cable.id:
            mismatched["id"].append(cable.id)
        if sorted(parsed.tags) != sorted(cable.tags):
            mismatched["tags"].append(cable.id)
        cited = [r.cable_id for r in parsed.references if r.cable_id]
        if cited != list(cable.references):
            mismatched["refs"].append(cable.id)
        numbered = sum(1 for p in parsed.paragraphs if p.number is not None)
        if cable.paragraphs and numbered != cable.paragraphs:
            mismatched["paragraphs"].append(cable.id)
        if parsed.redactions != cable.redactions:
            mismatched["redactions"].append(cable.id)
    assert not mismatched["id"]
    allowed = {"paragraphs": 0.04}
    for field, ids in mismatched.items():
        assert len(ids) <= allowed.get(field, 0.01) * len(cables), (field, len(ids), ids[:5])


def test_old_telegrams(synthetic: tuple[Path, list[SynthCable]]) -> None:
    """Before 1990: a short routing header with FM/TO/INFO lines, and most of them in capitals
    as the real ones of that era are."""
    old = [c for c in generate(4000, seed=3) if c.created < "1990"]
    assert len(old) > 20
    assert all(re.search(r"^FM .+\nTO .+", c.header, re.M) for c in old)
    assert not any(c.header.startswith("VZCZC") for c in old)
    caps = sum(c.body == c.body.upper() for c in old)
    share = fitted()["model"]["eras"]["before 1990"]["caps"]
    assert abs(caps / len(old) - share) < 0.25


def test_the_committed_statistics_are_the_real_corpus(real_db: Path) -> None:
    """`fitted.json` holds what `bench/synth_fit.py` computes from the real corpus today: its
    statistics and the aggregates the generator draws from."""
    committed = fitted()
    with sqlite3.connect(f"file:{real_db}?mode=ro", uri=True) as conn:
        real, model = measure(conn), extract(conn)
    assert real == committed["real"]
    for key in ("words_quantiles", "paragraph_words_quantiles", "classification",
                "subject_tags", "refs_per_cable", "eras", "repeat_within_cable", "classes"):
        assert model[key] == committed["model"][key], key
    assert model["chain"] == committed["model"]["chain"]


# Names of our own the JSON uses for its keys (besides snake_case ones and numbers).
_KEYS = {"about", "real", "model", "params", "cables", "words", "types", "cited", "eras",
         "caps", "classes", "chain", "growth", "tokens", "hapax", "burst", "people", "markings",
         "classification", "a1", "a2", "knee", "offset", "before 1990", "1990s", "2000-2004",
         "2005 on"}


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)


def test_the_committed_statistics_hold_no_text_of_the_corpus() -> None:
    """Every string in fitted.json is a name of ours, a symbol of the generator's sentence model
    (its own function and everyday words, word classes, punctuation), a TAG code, a
    classification or a paragraph marking: everything else is a number."""
    committed = fitted()
    model = committed["model"]
    symbols = set(LITERALS) | {"^" + w for w in COMMON_SET} | set(CLASSES) | set(PUNCT)
    for a, b, count in model["chain"]:
        assert a in symbols and b in symbols and isinstance(count, int), (a, b)
    assert all(re.fullmatch(r"[A-Z]{2,6}", tag) for tag in model["subject_tags"])
    markings = {m for by in model["markings"].values() for m in by}
    assert all(re.fullmatch(r"[A-Z/ ,]{0,24}", m) for m in markings)
    codes = set(model["subject_tags"]) | markings | set(model["markings"])
    odd = {s for s in _strings({k: v for k, v in committed.items() if k != "about"})
           if s not in symbols and s not in codes and s not in _KEYS and "_" not in s
           and not s.isdigit()}
    assert not odd, sorted(odd)[:20]
