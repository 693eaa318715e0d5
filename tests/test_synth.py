"""The synthetic corpus generator: deterministic, read back exactly, and realistic enough."""

from __future__ import annotations

import collections
import io
import math
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablescope.cli import cli
from cablescope.sources import Problem, RawRecord, read_corpus
from cablescope.synth import FULL_CORPUS, SynthCable, generate, write_csv


@pytest.fixture(scope="module")
def cables() -> list[SynthCable]:
    return list(generate(2500, seed=11))


def csv_bytes(items: list[SynthCable]) -> bytes:
    out = io.StringIO(newline="")
    write_csv(items, out)
    return out.getvalue().encode("utf-8")


def test_same_seed_same_bytes_other_seed_other_cables() -> None:
    first = csv_bytes(list(generate(300, seed=5)))
    assert first == csv_bytes(list(generate(300, seed=5)))
    other = list(generate(300, seed=6))
    assert csv_bytes(other) != first
    assert len(other) == 300 and [c.row for c in other] == list(range(1, 301))


def test_csv_reader_reads_back_every_field(tmp_path: Path) -> None:
    written = list(generate(600, seed=3))
    path = tmp_path / "synth.csv"
    assert write_csv(written, path) == 600
    read = list(read_corpus(path))
    assert not [item for item in read if isinstance(item, Problem)]
    assert len(read) == 600
    for cable, record in zip(written, read, strict=True):
        assert isinstance(record, RawRecord)
        assert record.format == "csv"
        assert record.text == cable.body
        assert record.header == cable.header
        expected = {"id": cable.id, "created": cable.created, "origin": cable.origin,
                    "classification": cable.classification, "row": str(cable.row)}
        if cable.references:
            expected["references"] = ",".join(cable.references)
        assert record.meta == expected


def test_escapes_round_trip(tmp_path: Path) -> None:
    """Quotes, backslashes, commas and line breaks in every column survive the csv dialect."""
    tricky = SynthCable(row=1, id="05PARIS1", created="2005-01-02 03:04", origin='Embassy "X"',
                        classification="SECRET", references=("05PARIS2", "05STATE3"),
                        header='FM \\\\SERVER\\SHARE\nTO "A", B\r\nBT',
                        body='He said, \\"no\\" -- \\\n"yes", C:\\TEMP\\\n\n\\')
    path = tmp_path / "cables.csv"
    write_csv([tricky], path)
    (record,) = read_corpus(path)
    assert isinstance(record, RawRecord)
    assert (record.header, record.text) == (tricky.header, tricky.body)
    assert record.meta["origin"] == 'Embassy "X"'
    assert record.meta["references"] == "05PARIS2,05STATE3"


def test_dates_posts_and_ids(cables: list[SynthCable]) -> None:
    years = collections.Counter(int(c.created[:4]) for c in cables)
    assert min(years) < 1980 and max(years) == 2010
    assert sum(n for y, n in years.items() if 2004 <= y <= 2009) > 0.7 * len(cables)
    assert [c.created for c in cables] == sorted(c.created for c in cables)
    origins = collections.Counter(c.origin for c in cables)
    assert len(origins) > 100
    assert origins.most_common(1)[0][0] == "Secretary of State"
    assert {"USUN New York", "Mission USNATO", "Embassy Paris", "Consulate Sao Paulo"} <= set(
        origins)
    last_serial: dict[tuple[str, str], int] = {}
    for cable in cables:
        match = re.fullmatch(r"(\d\d)([A-Z]+)(\d+)", cable.id)
        assert match, cable.id
        yy, post, serial = match.group(1), match.group(2), int(match.group(3))
        assert yy == cable.created[2:4]
        assert serial > last_serial.get((yy, post), 0)  # each post numbers upward in a year
        last_serial[(yy, post)] = serial
        banner_line = cable.body.split("\n", 1)[0]
        assert f" {serial:06d}" in banner_line
    assert len({c.id for c in cables}) == len(cables)


def test_classifications_banners_and_header_fields(cables: list[SynthCable]) -> None:
    assert {c.classification for c in cables} == {
        "UNCLASSIFIED", "UNCLASSIFIED//FOR OFFICIAL USE ONLY", "CONFIDENTIAL",
        "CONFIDENTIAL//NOFORN", "SECRET", "SECRET//NOFORN"}
    bodies = [c.body for c in cables]
    assert any(b.startswith("C O N F I D E N T I A L") for b in bodies)
    assert any(b.startswith("S E C R E T") for b in bodies)
    assert any(b.startswith("UNCLAS ") for b in bodies)
    for cable in cables:
        body = cable.body
        assert re.search(r"^E\.O\. \d{5}: ", body, re.M), cable.id
        assert ("\nNOFORN" in body) == cable.classification.endswith("NOFORN")
        classified = not cable.classification.startswith("UNCLASSIFIED")
        assert bool(re.search(r"^classified by: ", body, re.M | re.I)) == classified
        if classified:
            assert cable.classified_by
        assert re.search(r"^TAGS: ", body, re.M)
        assert re.search(r"^SUBJ(ECT)?: ", body, re.M)
        if cable.created >= "1990":
            assert cable.header.rstrip().endswith("BT")
        else:  # an old telegram: precedence and DTG, then FM / TO / INFO
            assert re.match(r"[RPO] \d{6}Z [A-Z]{3} \d\d\nFM .+\nTO ", cable.header)
    assert any("DECL: " in b for b in bodies)
    assert any(re.search(r"^SIPDIS$", b, re.M) for b in bodies)


def test_tags_subjects_and_references(cables: list[SynthCable]) -> None:
    tag_line = next(c for c in cables if ", " in c.body.split("TAGS: ", 1)[1].split("\n")[0])
    assert tag_line  # comma-separated TAGS lines too
    assert sum("PREL" in c.tags for c in cables) > 0.55 * len(cables)  # the real skew
    wrapped = [c for c in cables if f"SUBJECT: {c.subject}" not in c.body.upper()
               and "SUBJECT:" in c.body]
    assert len(wrapped) > 100  # long subjects wrap onto a second line
    ids = [c.id for c in cables]
    issued = set(ids)
    seen: set[str] = set()
    present = absent = 0
    for cable in cables:
        for cited in cable.references:
            if cited in issued:
                assert cited in seen  # a REF chain points back to an earlier cable
                present += 1
            else:
                absent += 1  # a cable the corpus lacks, as most real citations are
        seen.add(cable.id)
    assert present > 300 and absent > present
    text = "\n".join(c.body for c in cables)
    assert re.search(r"^REF: A\. .+\n     B\. ", text, re.M)  # lettered lists
    assert re.search(r"^(REF: |     [B-D]\. )(A\. )?SECSTATE \d+$", text, re.M)
    assert re.search(r"^(REF: |     [B-D]\. )(A\. )?\d\d [A-Z ]+ \d+$", text, re.M)
    assert re.search(r"^(REF: |     [B-D]\. )(A\. )?(TELCON|EMAIL FROM|SECDEF MSG DTG)", text,
                     re.M)


def test_paragraphs_markings_and_structure(cables: list[SynthCable]) -> None:
    text = "\n".join(c.body for c in cables)
    for marking in ("(C)", "(S/NF)", "(SBU)", "(U)", "(S)", "(C/NF)"):
        assert re.search(rf"^\d+\. {re.escape(marking)} ", text, re.M), marking
    assert re.search(r"^(SUMMARY|Summary): ", text, re.M) or "SUMMARY: " in text
    assert "END SUMMARY." in text and "END COMMENT." in text and "COMMENT: " in text
    assert re.search(r"^[A-Za-z ]+\n-{4,}\n", text, re.M)  # underlined section headings
    assert re.search(r"^[A-Z ]+ \d{8}  \d{3} OF \d{3}$", text, re.M)  # multi-part page marks
    odd = []
    for cable in cables:
        # A paragraph starts after a blank line; a wrapped "March\n12." inside one does not.
        numbers = [int(n) for n in re.findall(r"\n[ ]?\n(\d+)\. ", cable.body)]
        if numbers != list(range(1, cable.paragraphs + 1)):
            odd.append(cable.id)  # a sentence starting with a number after a blank line
        assert cable.redactions == cable.body.count("XXXXXXXXXXXX")
        assert cable.body.rsplit("\n", 1)[-1].strip().upper() == cable.signer
    assert len(odd) < 0.01 * len(cables), odd[:5]
    assert sum(c.redactions for c in cables) > 100
    assert sum(c.copied > 0 for c in cables) > 0.1 * len(cables)  # paragraphs quoted from others


def test_people_and_quotes(cables: list[SynthCable]) -> None:
    """A post's officials recur across its cables, named in full the first time (title, given
    name, surname) and by title and surname after."""
    text = "\n".join(c.body for c in cables)
    assert "“" in text and '"' in text
    assert sum(1 for c in cables if c.people) > 0.5 * len(cables)
    counts = collections.Counter(name for c in cables for name in c.people)
    assert counts.most_common(1)[0][1] >= 5  # somebody recurs
    cable = next(c for c in cables if c.people and c.body != c.body.upper())
    given, surname = cable.people[0].split(" ", 1)
    assert re.search(rf"\b{given} (\w\. )?{re.escape(surname)}\b", cable.body)


def test_vocabulary_is_large_and_zipf_like(cables: list[SynthCable]) -> None:
    counts = collections.Counter(re.findall(r"[a-z]+", "\n".join(c.body for c in cables)))
    assert len(counts) > 10000
    ranked = [n for _, n in counts.most_common()]
    # Frequency falls roughly as a power of rank (slope near -1 on a log-log scale).
    slope = (math.log(ranked[2000]) - math.log(ranked[20])) / (math.log(2001) - math.log(21))
    assert -1.6 < slope < -0.6, slope


def test_generation_is_lazy_at_full_scale() -> None:
    stream = generate(FULL_CORPUS, seed=0)
    first = next(stream)
    assert first.row == 1 and first.created.startswith("1966-")
    with pytest.raises(ValueError, match="count must be >= 0"):
        generate(-1)


def test_cli_writes_the_same_bytes_as_the_api(tmp_path: Path) -> None:
    out = tmp_path / "demo.csv"
    result = CliRunner().invoke(cli, ["synth", "--cables", "40", "--out", str(out),
                                      "--seed", "9", "--quiet"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == csv_bytes(list(generate(40, seed=9)))
    result = CliRunner().invoke(cli, ["synth", "--cables", "5", "--out", str(out), "--seed", "9"])
    assert result.exit_code == 0
    assert "wrote 5 cables to" in result.output


def test_cli_errors_name_the_problem(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["synth", "--cables", "-1", "--out", str(tmp_path / "x.csv")])
    assert result.exit_code == 2 and "--cables" in result.output
    target = tmp_path / "missing-folder" / "x.csv"
    result = runner.invoke(cli, ["synth", "--cables", "3", "--out", str(target), "--quiet"])
    assert result.exit_code == 1
    assert f"cannot write {target}" in result.output
