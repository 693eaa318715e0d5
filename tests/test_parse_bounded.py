"""No input makes the parser slow: every parse entry point runs in time linear in its input.

A regular expression that backtracks (nested or overlapping quantifiers, `.*X.*` searched along a
line) turns some inputs into minutes of work: issue 15 found a `TAGS:` line followed by two
letters, 30+ spaces and a digit that never finished, and a last line of 3,000 spaces that took
43 s in `parse_signers`. This harness feeds adversarial inputs (those, and generated runs of
spaces, X's, digits, punctuation, repeated header keywords and huge lines) to every entry point at
two sizes, about 2 KB and 8 times that, and fails when

- either input takes more than `BUDGET_MS_PER_KB` per KB (CPU time of the best of 3 runs), or
- the larger input takes more than `GROWTH` times as long as the smaller one, and over `FLOOR_MS`.

Times are CPU time of the calling thread, not wall time: on a shared machine a call longer than
a scheduler time slice waits for the CPU in proportion to the load, which would make linear code
look super-linear; CPU time does not wait. A call still running after `GIVE_UP_S` seconds of wall
time is stopped (SIGALRM; regular expression matching checks for signals) and counts as failed.

Real cables parse at about 0.07 ms per KB, so 25 ms per KB leaves a loaded 2-core CI machine
several hundred times the headroom it needs, while a quadratic pattern on 16 KB (hundreds of
millions of steps) takes seconds. A linear parser grows about 8x from 1x to 8x the input; a
quadratic one 64x: `GROWTH` = 24 sits between them, and the floor keeps timer noise on inputs
that take a few milliseconds from failing the test.

Self-contained on purpose (issue 15: each layer's harness stands alone).
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from cablescope import parse

BUDGET_MS_PER_KB = 25.0
GROWTH = 24.0
FLOOR_MS = 60.0
GIVE_UP_S = 10  # a call still running after this long has failed; stop it (SIGALRM)
BASE_BYTES = 2048
SCALE = 8

# Entry points: name -> function of one text (each takes its text where the API puts it).
ENTRY_POINTS: dict[str, Callable[[str], object]] = {
    "parse_cable": lambda text: parse.parse_cable(text, {"id": "05PARIS5335"}),
    "parse_cable(header)": lambda text: parse.parse_cable("C O N F I D E N T I A L PARIS 1\n",
                                                          {}, text),
    "parse_cable(meta)": lambda text: parse.parse_cable("TAGS: PREL\n", {
        "id": text, "created": text, "references": text, "origin": text}),
    "canonical_id": lambda text: _value_error_ok(parse.canonical_id, text, 2005),
    "post_code": parse.post_code,
    "resolve_post": parse.resolve_post,
    "parse_references": lambda text: parse.parse_references(text, 2005),
    "parse_reference_list": lambda text: parse.parse_reference_list(text, 2005),
    "parse_tags": parse.parse_tags,
    "split_tags": lambda text: parse.split_tags(text.split()),
    "parse_subject_details": parse.parse_subject_details,
    "parse_classified_by_details": parse.parse_classified_by_details,
    "parse_recipients": parse.parse_recipients,
    "parse_signers": parse.parse_signers,
    "parse_summary": parse.parse_summary,
    "parse_comment": parse.parse_comment,
    "find_banner": parse.find_banner,
    "find_paragraph_starts": parse.find_paragraph_starts,
    "split_paragraphs": parse.split_paragraphs,
    "find_headings": lambda text: parse.find_headings(text, parse.find_paragraph_starts(text)),
    "count_redactions": parse.count_redactions,
    "is_partial": parse.is_partial,
    "normalize_marking": parse.normalize_marking,
}


def _value_error_ok(function: Callable[..., object], *args: object) -> object:
    try:
        return function(*args)
    except ValueError:  # canonical_id's documented answer to what is not an ID
        return None


# Adversarial shapes: (name, prefix, unit, suffix); the unit is repeated to the size wanted.
# The first four are the inputs issue 15 reported.
SHAPES: list[tuple[str, str, str, str]] = [
    ("tags-two-letters-spaces-digit", "TAGS: PREL\nAB", " ", "1\n"),
    ("x-run-between-jumping-paragraphs", "1. (C) One.\n\n", "X", "a\n\n5. (C) Five.\n"),
    ("last-line-letter-spaces-letter", "End.\n\na", " ", "a"),
    ("nul-in-tags", "TAGS: ", "\x00PREL \x001 (\x00,\x00) ", "\n"),
    # the same, kept within the limits the parser has (a TAGS continuation of at most 80
    # characters, a signer within the last 3,000), repeated or after filler lines
    ("tags-continuation-lines", "TAGS: PREL\n", "AB" + " " * 36 + "1\n", ""),
    ("tags-continuation-words", "TAGS: PREL\n", "AB CD" + " ," * 18 + "1\n", ""),
    ("x-line-between-jumping-paragraphs", "",
     "1. (C) One.\n\n" + "X" * 80 + "a\n\n5. (C) V.\n", ""),
    ("signer-line-of-spaces", "", "x\n", "a" + " " * 2990 + "a"),
    ("signer-line-of-marks", "", "x\n", "a" + " ." * 1490 + "a"),
    # runs of one character, bare and inside fields
    ("spaces", "", " ", ""),
    ("spaces-between-letters", "a", " ", "a"),
    ("tabs-and-spaces", "x", " \t", "y\n"),
    ("x-run", "", "X", ""),
    ("x-run-line", "\n", "X", "\n"),
    ("x-words", "", "XXXXXX ", "\n"),
    ("digits", "", "1", ""),
    ("digits-after-ref", "REF: A. PARIS ", "0", "\n"),
    ("dots", "", ".", ""),
    ("dashes", "\n", "-", "\n"),
    ("dash-lines", "HEADING\n", "-\n", ""),
    ("equals", "", "=", "x"),
    ("underscores", "", "_", ""),
    ("slashes", "//", "/", "x"),
    ("parens-open", "", "(", ""),
    ("parens", "", "()", ""),
    ("commas", "TAGS: ", ",", "X\n"),
    ("quotes", "", "\"'", ""),
    ("backslashes", "", "\\", ""),
    ("newlines", "", "\n", ""),
    ("blank-lines-with-spaces", "", " \n", "x"),
    ("pilcrows", "", "¶", ""),
    ("pilcrow-numbers", "", "¶1.", ""),
    ("nul", "", "\x00", ""),
    ("unicode-spaces", "a", "\u00a0\u2003", "a"),
    # repeated header keywords and fields
    ("tags-keyword", "", "TAGS ", ""),
    ("tags-colon", "", "TAGS: ", ""),
    ("tags-lines", "TAGS: PREL\n", "AB CD, EF; (GH) \n", ""),
    ("tags-wrapped-words", "TAGS: ", "PREL PGOV ", "\n"),
    ("subject-keyword", "", "SUBJECT: ", ""),
    ("subject-wrapped", "SUBJECT: ", "WORD ", "\n"),
    ("subject-lines", "SUBJECT: X\n", "CONTINUED LINE\n", ""),
    ("ref-keyword", "", "REF: ", ""),
    ("ref-letters", "REF: ", "A. B. ", "\n"),
    ("ref-entries", "REF: ", "A. PARIS 1234 ", "\n"),
    ("ref-wrapped", "REF: A. ", "STATE\n", "1"),
    ("ref-years", "REF: ", "2005 ", "X"),
    ("ref-and-serials", "REF: PARIS 12", " AND 34", "\n"),
    ("ref-page-heads", "REF: A. PARIS 1 ", "PAGE 02 PARIS 00001 01 OF 02 010101Z\n", ""),
    ("classified-keyword", "", "CLASSIFIED BY ", ""),
    ("classified-names", "Classified By: ", "Ambassador John ", "for reasons 1.4 (b)"),
    ("classified-reasons", "Classified By: X for reasons ", "1.4 (b) and ", "\n"),
    ("summary-keyword", "", "SUMMARY: ", ""),
    ("summary-ends", "1. (C) SUMMARY: ", "END ", "\n"),
    ("comment-keyword", "1. (C) ", "COMMENT: ", ""),
    ("section-keyword", "", "SECTION 01 OF 02 ", ""),
    ("banner-letters", "", "C O N F I D E N T I A L ", ""),
    ("banner-s", "", "S ", "PARIS 1"),
    ("caveats", "SECRET ", "NOFORN ", "PARIS 1\n"),
    ("routing", "FM ", "AMEMBASSY PARIS ", "\n"),
    ("routing-lines", "TO RUEHC/SECSTATE WASHDC\n", "RUEHFR/AMEMBASSY PARIS PRIORITY 1\n", ""),
    ("paragraph-marks", "", "1. (C) ", ""),
    ("paragraph-lines", "", "\n1. (C) x", ""),
    ("dot-marks", "x", ". (C)", ""),
    ("markings", "1. ", "(S//NF)", " x"),
    ("marking-long", "1. (S//", "REL TO USA ", ") x"),
    ("headings", "", "\n\nHEADING LINE\n", "1. (C) x"),
    ("dashed-headings", "", "-- Heading --", "\n1. (C)"),
    ("slashed-headings", "", "//HEADING//", "\n1. (C)"),
    ("page-running-heads", "", "PARIS 00001698 002 OF 009 ", ""),
    ("dtgs", "", "P 302318Z MAR 06 ", ""),
    ("signer-names", "End.\n\n", "STAPLETON ", ""),
    ("signer-lines", "End.\n\n", "STAPLETON\n", ""),
    ("website-notice", "x\n", "http://www.intelink.sgov.gov/ ", "\nSTAPLETON"),
    ("end-text", "BEGIN TEXT\n", "END TEXT ", "\nRUSK"),
    ("numbers-and-spaces", "", "1 ", ""),
    ("ids", "", "05PARIS5335", ""),
    ("spaced-id", "05 ", "PARIS ", "5335"),
    ("huge-line", "C O N F I D E N T I A L PARIS 1\nTAGS: PREL\nSUBJECT: X\n\n1. (C) ",
     "The minister said that ", ""),
    ("huge-word", "", "abcdefghij", ""),
]


def _input(prefix: str, unit: str, suffix: str, size: int) -> str:
    repeat = max(1, (size - len(prefix) - len(suffix)) // len(unit))
    return prefix + unit * repeat + suffix


class _GaveUp(Exception):
    pass


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Stop a runaway call (regular expression matching checks for signals)."""
    def give_up(signum: int, frame: object) -> None:
        raise _GaveUp

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _best_of(function: Callable[[str], object], text: str, runs: int = 3) -> float:
    best = float("inf")
    for run in range(runs):
        start = time.thread_time()
        try:
            with _deadline(GIVE_UP_S):
                function(text)
        except _GaveUp:
            return float("inf")
        best = min(best, time.thread_time() - start)
        if best * 1000 > BUDGET_MS_PER_KB * len(text) / 1024 * 4 and run > 0:
            break  # hopeless twice: no need to wait for a third run
    return best * 1000


@pytest.mark.parametrize("shape", SHAPES, ids=[s[0] for s in SHAPES])
def test_every_entry_point_runs_in_linear_time(shape: tuple[str, str, str, str]) -> None:
    _, prefix, unit, suffix = shape
    small = _input(prefix, unit, suffix, BASE_BYTES)
    large = _input(prefix, unit, suffix, BASE_BYTES * SCALE)
    slow = []
    for name, function in ENTRY_POINTS.items():
        function(small[:256])  # warm up: a first call's one-off costs are not its input's
        t_small = _best_of(function, small)
        t_large = _best_of(function, large)
        per_kb = max(t_small / (len(small.encode()) / 1024),
                     t_large / (len(large.encode()) / 1024))
        if per_kb > BUDGET_MS_PER_KB or (t_large > FLOOR_MS and t_large > GROWTH * t_small):
            slow.append(f"{name}: {t_small:.1f} ms at {len(small):,} chars, "  # inf: gave up
                        f"{t_large:.1f} ms at {len(large):,} ({per_kb:.1f} ms/KB)")
    assert not slow, "super-linear or over budget:\n" + "\n".join(slow)


def test_the_entry_points_are_every_public_parser() -> None:
    """A new public function of `cablescope.parse` must join the harness."""
    covered = {name.split("(")[0] for name in ENTRY_POINTS}
    # Not text parsers: a predicate on a parsed ID, a tag's kind, and the data types.
    exempt = {"is_canonical_id", "classify_tag", "parse_record", "parse_classified_by",
              "parse_subject"}
    public = {name for name in parse.__all__ if name[0].islower()}
    assert public - covered - exempt == set()


def test_the_entry_points_never_raise_on_the_reported_inputs() -> None:
    """Issue 15: `parse_tags` raised on a NUL although the parse API never raises."""
    for _, prefix, unit, suffix in SHAPES:
        text = _input(prefix, unit, suffix, 300)
        for function in ENTRY_POINTS.values():
            function(text)
