"""`spark reuse`: passages that two cables share, over the whole corpus at once.

The HUMINT directives repeat whole paragraphs; cables quote and paste each other. The job runs
the seeds-then-align backbone of text-reuse tools as a self-join (docs/spark.md, "Reuse"):

1. every numbered paragraph's words (case-folded; its number and markings, links and
   "classified website" footers left out) are hashed as word GRAM-grams; one gram in SAMPLE
   is kept, chosen by its hash, so the same grams are kept in every cable (header blocks, all
   routing, are not compared);
2. grams found in more than MAX_DF cables are boilerplate (routing, "Classified by", the
   closing paragraphs of a directive series) and dropped, as are grams of one cable only;
3. paragraphs of different cables sharing MIN_SHARED kept grams are candidate pairs;
4. each candidate pair is aligned word by word (`align_words`): runs of identical words, in
   order, with gaps of at most GAP words on either side, make a passage when MIN_WORDS words
   match; the passage is the span of paragraph text from its first to its last matched word;
5. paragraphs joined by passages form clusters (connected components, on the driver: passages
   are few next to the corpus).

Passages and clusters are written as Parquet (`spark.tables.REUSE_TABLES`) into the input
folder, or into the database when the input is one (`load_reuse`).
"""

from __future__ import annotations

import re
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cablescope.spark.sources import check_input, is_parquet, read_table
from cablescope.spark.tables import REUSE_TABLES, spark_schema, table_path

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

GRAM = 5  # words per hashed gram
SAMPLE = 3  # one gram in SAMPLE is kept (by hash): a 15-word passage keeps 3 or 4
MAX_DF = 100  # grams in more cables than this are boilerplate
MIN_SHARED = 2  # kept grams two paragraphs must share to be aligned
MIN_WORDS = 15  # matched words a passage needs
GAP = 4  # words an alignment may skip on either side between two runs
MIN_RUN = 3  # shortest run of identical words that counts
WORDS_KEPT = 20_000  # paragraphs' words an alignment task keeps for the next pairs

_WORD = re.compile(r"[^\W_]+")
# What every cable of a post carries and no one wrote for this cable: links, the "visit our
# classified website" footer, rules of asterisks, and what every paragraph opens with (its
# number and marking, "¶2. (S/NF)"). Blanked (offsets hold) before hashing.
_NOISE = re.compile(
    r"(?i:https?://\S+|(?m:^.*classified\s+web\s*site.*$))|\*{3,}"
    r"|(?m:^\s*¶?\s*\d{1,3}\s*\.?)|\((?:U|C|S|SBU|TS)(?:\s*/\s*[A-Z]{1,6})*\)")
_MASK = (1 << 63) - 1


@dataclass(slots=True)
class ReuseSummary:
    paragraphs: int = 0
    grams: int = 0  # kept grams in 2..MAX_DF cables
    candidates: int = 0  # paragraph pairs aligned
    passages: int = 0
    clusters: int = 0
    cables: int = 0  # cables with at least one passage
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        return (f"{self.passages:,} reused passages in {self.clusters:,} clusters over "
                f"{self.cables:,} cables ({self.candidates:,} candidate paragraph pairs from "
                f"{self.grams:,} shared grams of {self.paragraphs:,} paragraphs) in "
                f"{self.seconds:,.1f} s")


def words(text: str) -> list[tuple[str, int, int]]:
    """(key, start, end) of every word: case-folded letters and digits, noise left out."""
    text = _NOISE.sub(lambda m: " " * len(m.group()), text)
    return [(m.group().casefold(), m.start(), m.end()) for m in _WORD.finditer(text)]


def gram_hash(keys: Iterable[str]) -> int:
    """A stable 63-bit hash of a gram (the same on every executor, unlike `hash`)."""
    data = "\x1f".join(keys).encode("utf-8")
    return ((zlib.crc32(data) << 32) | zlib.adler32(data)) & _MASK


def sampled_grams(text: str) -> set[int]:
    """The kept gram hashes of a paragraph (step 1)."""
    keys = [k for k, _, _ in words(text)]
    grams = (gram_hash(keys[i:i + GRAM]) for i in range(len(keys) - GRAM + 1))
    return {g for g in grams if g % SAMPLE == 0}


@dataclass(frozen=True, slots=True)
class Passage:
    start_a: int  # character offsets into paragraph a's text
    end_a: int
    start_b: int
    end_b: int
    words: int  # words of the span in a
    score: float  # matched words / words of the longer span


def align_words(text_a: str, text_b: str) -> list[Passage]:
    """The passages two paragraphs share (step 4), in the order of paragraph a."""
    return align(words(text_a), words(text_b))


def align(wa: list[tuple[str, int, int]], wb: list[tuple[str, int, int]]) -> list[Passage]:
    """`align_words` of two paragraphs' `words`, worked out once per paragraph by the caller
    (a paragraph repeated across a directive series is in dozens of candidate pairs)."""
    passages: list[Passage] = []
    chain: list[tuple[int, int, int]] = []

    def close() -> None:
        if not chain:
            return
        matched = sum(size for _, _, size in chain)
        (first_a, first_b, _), (last_a, last_b, last_size) = chain[0], chain[-1]
        span_a = last_a + last_size - first_a
        span_b = last_b + last_size - first_b
        if matched >= MIN_WORDS:
            passages.append(Passage(
                wa[first_a][1], wa[last_a + last_size - 1][2],
                wb[first_b][1], wb[last_b + last_size - 1][2],
                span_a, round(matched / max(span_a, span_b), 4)))
        chain.clear()

    for run in matching_runs([k for k, _, _ in wa], [k for k, _, _ in wb]):
        if chain:
            prev_a, prev_b, prev_size = chain[-1]
            gap_a = run[0] - (prev_a + prev_size)
            gap_b = run[1] - (prev_b + prev_size)
            if not (0 <= gap_a <= GAP and 0 <= gap_b <= GAP):
                close()
        chain.append(run)
    close()
    return passages


def matching_runs(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """The (i, j, size) runs of `difflib.SequenceMatcher(None, a, b, autojunk=False)
    .get_matching_blocks()` that are MIN_RUN words or longer, in order, found without difflib.

    SequenceMatcher takes the longest run (the earliest in a, then in b, on a tie) and recurses
    on both sides of it, down to single shared words ("the", "of") that cost most of its time
    and are dropped here. A side whose longest run is shorter than MIN_RUN holds no run of
    MIN_RUN, so the recursion stops there; and every run inside a side is a piece of one of
    the maximal runs the two paragraphs share (the diagonals seeded by shared MIN_RUN-word
    keys and extended), clipped to the side. So the longest run of a side is the longest
    clipped diagonal, with the same tie-break: the same runs as difflib's, in far less time.
    """
    n = MIN_RUN
    seeds: dict[str, list[int]] = {}
    for j, gram in enumerate(map(" ".join, zip(*(b[k:] for k in range(n)), strict=False))):
        if gram in seeds:
            seeds[gram].append(j)
        else:
            seeds[gram] = [j]
    diagonals: list[tuple[int, int, int]] = []  # (i, j, size) of every maximal shared run
    len_a, len_b = len(a), len(b)
    for i, gram in enumerate(map(" ".join, zip(*(a[k:] for k in range(n)), strict=False))):
        found = seeds.get(gram)
        if found is None:
            continue
        for j in found:
            if i and j and a[i - 1] == b[j - 1]:
                continue  # inside a run that starts earlier
            end = i + n
            while end < len_a and end - i + j < len_b and a[end] == b[end - i + j]:
                end += 1
            diagonals.append((i, j, end - i))
    diagonals.sort(key=lambda d: -d[2])  # the longest first: a side's scan stops early
    runs: list[tuple[int, int, int]] = []
    sides = [(0, len(a), 0, len(b), diagonals)]
    while sides:
        alo, ahi, blo, bhi, inside = sides.pop()
        best = (0, 0, 0)  # (size, -i, -j): the longest, then the earliest in a, then in b
        for i, j, size in inside:
            if size < best[0]:
                break
            shift = j - i
            start = i if i > alo else alo
            if blo - shift > start:
                start = blo - shift
            end = i + size
            if ahi < end:
                end = ahi
            if bhi - shift < end:
                end = bhi - shift
            if end - start >= n and (end - start, -start, -start - shift) > best:
                best = (end - start, -start, -start - shift)
        size, i, j = best[0], -best[1], -best[2]
        if not size:
            continue
        runs.append((i, j, size))
        for side in ((alo, i, blo, j), (i + size, ahi, j + size, bhi)):
            kept = [d for d in inside if _clipped(d, *side) >= n]
            if kept:
                sides.append((*side, kept))
    runs.sort()
    return runs


def _clipped(diagonal: tuple[int, int, int], alo: int, ahi: int, blo: int, bhi: int) -> int:
    """Words of a shared run left inside the side a[alo:ahi], b[blo:bhi]."""
    i, j, size = diagonal
    return min(i + size, ahi, bhi - j + i) - max(i, alo, blo - j + i)


# --- the job --------------------------------------------------------------------------------------


def reuse(spark: SparkSession, source: str | Path,
          stage: Callable[[str], None] | None = None) -> ReuseSummary:
    """Find the passages cables share in `source` (a Parquet folder or a database) and write
    them there (see the module docstring). `stage`, when given, is called with each step's name
    as it ends (bench/spark_reuse.py times the steps with it)."""
    from pyspark.sql import functions as F

    ended = stage or (lambda name: None)
    started = time.monotonic()
    source = check_input(source)
    summary = ReuseSummary()
    paragraphs = read_table(spark, source, "paragraphs", ["cable_id", "seq", "number", "text"]
                            ).where("number IS NOT NULL").cache()
    summary.paragraphs = paragraphs.count()
    ended("paragraphs")

    def postings(rows: Iterable[Any]) -> Iterator[tuple[int, str, int]]:
        for cable_id, seq, text in rows:
            for gram in sampled_grams(text or ""):
                yield gram, cable_id, seq

    posted = spark.createDataFrame(
        paragraphs.select("cable_id", "seq", "text").rdd.mapPartitions(postings),
        "gram long, cable_id string, seq int").cache()  # hashed once: it is read three times
    frequency = posted.groupBy("gram").agg(F.countDistinct("cable_id").alias("df"))
    kept = frequency.where((F.col("df") >= 2) & (F.col("df") <= MAX_DF)).select("gram")
    kept_postings = posted.join(kept, "gram").cache()
    summary.grams = kept.count()
    ended("postings")
    a, b = kept_postings.alias("a"), kept_postings.alias("b")
    pairs = a.join(b, (F.col("a.gram") == F.col("b.gram"))
                   & (F.col("a.cable_id") < F.col("b.cable_id"))) \
        .groupBy(F.col("a.cable_id").alias("cable_a"), F.col("a.seq").alias("seq_a"),
                 F.col("b.cable_id").alias("cable_b"), F.col("b.seq").alias("seq_b")) \
        .agg(F.count("*").alias("shared")).where(F.col("shared") >= MIN_SHARED).cache()
    summary.candidates = pairs.count()
    ended("candidates")
    pa_ = paragraphs.select(F.col("cable_id").alias("cable_a"), F.col("seq").alias("seq_a"),
                            F.col("number").alias("number_a"), F.col("text").alias("text_a"))
    pb_ = paragraphs.select(F.col("cable_id").alias("cable_b"), F.col("seq").alias("seq_b"),
                            F.col("number").alias("number_b"), F.col("text").alias("text_b"))
    candidates = pairs.join(pa_, ["cable_a", "seq_a"]).join(pb_, ["cable_b", "seq_b"])

    def aligned(rows: Iterable[Any]) -> Iterator[tuple]:
        known: dict[tuple[str, int], list[tuple[str, int, int]]] = {}

        def words_of(cable_id: str, seq: int, text: str | None) -> list[tuple[str, int, int]]:
            if len(known) > WORDS_KEPT:
                known.clear()
            found = known.get((cable_id, seq))
            if found is None:
                found = known[(cable_id, seq)] = words(text or "")
            return found

        for r in rows:
            for p in align(words_of(r.cable_a, r.seq_a, r.text_a),
                           words_of(r.cable_b, r.seq_b, r.text_b)):
                yield (r.cable_a, r.seq_a, r.number_a, p.start_a, p.end_a, r.cable_b, r.seq_b,
                       r.number_b, p.start_b, p.end_b, p.words, p.score)

    found = candidates.rdd.mapPartitions(aligned).collect()
    ended("alignment")
    pairs.unpersist()
    kept_postings.unpersist()
    posted.unpersist()
    paragraphs.unpersist()
    passages, clusters = number_passages(found)
    summary.passages, summary.clusters = len(passages), len({c[0] for c in clusters})
    summary.cables = len({c[1] for c in clusters})
    ended("components")
    write_reuse(spark, source, passages, clusters)
    ended("writes")
    summary.seconds = time.monotonic() - started
    return summary


def number_passages(found: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """Passages with ids and clusters, and the cluster members, both in REUSE_TABLES column
    order. Clusters are connected components of paragraphs; ids follow the sorted passages and
    the sorted first member of each cluster, so a rerun gives the same numbers."""
    found = sorted(found)
    parent: dict[tuple[str, int], tuple[str, int]] = {}
    numbers: dict[tuple[str, int], int | None] = {}

    def root(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for row in found:
        a, b = (row[0], row[1]), (row[5], row[6])
        numbers[a], numbers[b] = row[2], row[7]
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for node in sorted(numbers):
        members.setdefault(root(node), []).append(node)
    cluster_of: dict[tuple[str, int], int] = {}
    clusters: list[tuple] = []
    for number, group in enumerate(sorted(members.values()), start=1):
        for node in group:
            cluster_of[node] = number
            clusters.append((number, node[0], node[1], numbers[node]))
    passages = [(i, cluster_of[(row[0], row[1])], *row) for i, row in enumerate(found, start=1)]
    return passages, clusters


def write_reuse(spark: SparkSession, source: Path, passages: list[tuple],
                clusters: list[tuple]) -> None:
    """Into the Parquet folder, or into the database (replacing earlier results)."""
    if not is_parquet(source):
        from cablescope.spark.load import load_reuse_rows
        from cablescope.store import Store

        with Store.open(source) as store:
            load_reuse_rows(store.connection, {"reuse_passages": passages,
                                               "reuse_clusters": clusters})
        return
    for table, rows in (("reuse_passages", passages), ("reuse_clusters", clusters)):
        frame: DataFrame = spark.createDataFrame(rows, spark_schema(table))
        frame.coalesce(1).write.mode("overwrite").parquet(str(table_path(source, table)))


__all__ = ["REUSE_TABLES", "Passage", "ReuseSummary", "align", "align_words", "reuse"]
