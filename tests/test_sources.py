"""Readers: the real WikiLeaks archives, every container type, cables.csv, plain text, bad input."""

from __future__ import annotations

import codecs
import gzip
import io
import lzma
import re
import tarfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablescope.errors import SourceError
from cablescope.sources import Corpus, Problem, RawRecord, open_corpus, read_corpus
from cablescope.sources.decoding import unescape

Item = RawRecord | Problem


def split(items: Iterable[Item]) -> tuple[list[RawRecord], list[Problem]]:
    records: list[RawRecord] = []
    problems: list[Problem] = []
    for item in items:
        (records if isinstance(item, RawRecord) else problems).append(item)
    return records, problems


def by_id(records: Iterable[RawRecord]) -> dict[str, RawRecord]:
    return {r.meta["id"]: r for r in records}


# -- the real corpus -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def main_read(main_corpus: Path) -> tuple[Corpus, list[RawRecord], list[Problem]]:
    corpus = open_corpus(main_corpus)
    records, problems = split(corpus)
    return corpus, records, problems


@pytest.fixture(scope="module")
def early_read(earlier_corpus: Path) -> tuple[Corpus, list[RawRecord], list[Problem]]:
    corpus = open_corpus(earlier_corpus)
    records, problems = split(corpus)
    return corpus, records, problems


@pytest.mark.real
def test_main_corpus_every_page_read_with_its_metadata(main_read, main_corpus: Path) -> None:
    corpus, records, problems = main_read
    assert problems == []
    assert len(records) == 6712
    assert len({r.meta["id"] for r in records}) == 6712
    for record in records:
        assert record.format == "html"
        assert record.locator == ""
        assert record.source.startswith(f"{main_corpus}!cable/")
        assert record.source.endswith(f"/{record.meta['id']}.html")
        assert record.meta["seen"] == "2011-04-25"  # from cablegate-2011-04-25.tar.xz
        for key in ("created", "released", "classification", "origin"):
            assert record.meta[key], (record.source, key)
        assert record.meta["created"][:4] == record.source.split("!cable/")[1][:4]
        assert "<a " not in record.text and "</a>" not in record.text
        assert "&#x" not in record.text and "&#x" not in record.header
    assert corpus.bytes_read == corpus.total_bytes == main_corpus.stat().st_size
    assert not corpus.failed
    assert corpus.skipped == 0


@pytest.mark.real
def test_05paris5335_as_published(main_read) -> None:
    record = by_id(main_read[1])["05PARIS5335"]
    assert record.text.startswith("C O N F I D E N T I A L SECTION 01 OF 03 PARIS 005335\n")
    assert "\nTAGS: PREL ECON EFIN ELAB PGOV FR\n" in record.text  # links gone, tags kept
    assert "SUBJECT: ALLAN HUBBARD'S CALL ON INTERIOR MINISTER SARKOZY\n" in record.text
    assert "\n¶1.  (C) SUMMARY.  Ambassador Stapleton" in record.text
    assert record.text.rstrip().endswith("\nSTAPLETON")
    assert record.meta["created"] == "2005-08-04 10:10"
    assert record.meta["released"] == "2010-11-30 21:09"
    assert record.meta["classification"] == "CONFIDENTIAL"
    assert record.meta["origin"] == "Embassy Paris"
    # The notice stands where the routing header would be; the text itself is complete.
    assert record.meta["notice"].startswith("This record is a partial extract")
    assert record.header == ""


@pytest.mark.real
def test_notice_pages_and_routing_headers(main_read) -> None:
    records = main_read[1]
    with_notice = [r for r in records if "notice" in r.meta]
    assert len(with_notice) == 694  # counted by hand over the unpacked pages
    assert all(r.header == "" for r in with_notice)
    assert all(r.header for r in records if "notice" not in r.meta)
    paris = by_id(records)["08PARIS1698"]
    assert paris.header.startswith("VZCZCXRO8725\nRR RUEHBC")
    assert "\nFM AMEMBASSY PARIS\nTO RUEHC/SECSTATE WASHDC 4260\n" in paris.header
    assert paris.text.startswith("C O N F I D E N T I A L SECTION 01 OF 09 PARIS 001698")


@pytest.mark.real
def test_text_kept_verbatim_where_html_unescape_would_damage_it(main_read) -> None:
    records = by_id(main_read[1])
    # Mangled curly quotes: html.unescape would turn "&not" into "¬".
    assert "they are &not squeamish8" in records["09LONDON2581"].text
    assert "&pounding on the table8" in records["08ASTANA338"].text
    # Tag-like text that is part of the cable, not WikiLeaks markup.
    assert "<<Israel>> destroyed a\nnuclear reactor" in records["08STATE43817"].text


@pytest.mark.real
def test_earlier_versions_carry_their_mirror_date(early_read, main_read) -> None:
    corpus, records, problems = early_read
    assert problems == []
    assert len(records) == 84
    assert len({r.meta["id"] for r in records}) == 83
    assert {r.meta["seen"] for r in records} == {
        "2010-12-07", "2010-12-10", "2010-12-13", "2010-12-28", "2011-01-01", "2011-01-17",
        "2011-01-19", "2011-02-13"}
    for record in records:
        assert f"!mirror-{record.meta['seen']}/cable/" in record.source
        assert "<a " not in record.text and "&#x" not in record.text
    # 08PARIS1698 was first published as a partial extract: paragraphs 3-35 were one
    # XXXXXXXXXXXX; the page carried its routing header, not the "partial extract" notice.
    early = next(r for r in records if r.meta["id"] == "08PARIS1698")
    final = by_id(main_read[1])["08PARIS1698"]
    assert len(early.text) == 4991 and len(final.text) == 31538
    assert re.findall(r"¶(\d+)\.", early.text) == ["1", "2", "36", "37"]
    assert re.findall(r"¶(\d+)\.", final.text) == [str(n) for n in range(1, 38)]
    assert "Africa. \n\nXXXXXXXXXXXX\n\nConclusion \n" in early.text
    assert early.header == final.header and "notice" not in early.meta
    assert corpus.bytes_read == corpus.total_bytes


# -- containers ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(earlier_corpus: Path) -> dict[str, bytes]:
    """Three real pages (a routing-header page, a notice page, another) by file name."""
    wanted = {"08PARIS1698.html", "05THEHAGUE2309.html", "09CAIRO746.html"}
    found: dict[str, bytes] = {}
    with tarfile.open(earlier_corpus, "r|xz") as archive:
        for member in archive:
            name = member.name.rsplit("/", 1)[-1]
            if member.isfile() and name in wanted and name not in found:
                found[name] = archive.extractfile(member).read()  # type: ignore[union-attr]
    assert set(found) == wanted
    return found


MEMBERS = {
    "cable/2008/09/08PARIS1698.html": "08PARIS1698.html",
    "cable/2005/08/05THEHAGUE2309.html": "05THEHAGUE2309.html",
    "cable/2009/04/09CAIRO746.html": "09CAIRO746.html",
}


def layout(pages: dict[str, bytes]) -> dict[str, bytes]:
    """A small mirror: three cables plus what rides along (assets, an index page, a README)."""
    files = {f"mirror-2010-12-10/{k}": pages[v] for k, v in MEMBERS.items()}
    files["mirror-2010-12-10/static/css/main.css"] = b"body { color: black }"
    files["mirror-2010-12-10/index.html"] = b"<html><body>Cablegate index</body></html>"
    files["mirror-2010-12-10/tag/PREL_0.html"] = b"<html><a href='x'>05PARIS5335</a></html>"
    files["README"] = b"A mirror of the site."
    return files


def build(kind: str, files: dict[str, bytes], path: Path) -> Path:
    if kind == "zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        return path
    mode = {"tar": "w", "tar.gz": "w:gz", "tgz": "w:gz", "tar.xz": "w:xz",
            "tar.bz2": "w:bz2"}[kind]
    with tarfile.open(path, mode) as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


ARCHIVES = ["tar", "tar.gz", "tgz", "tar.xz", "tar.bz2", "zip"]


@pytest.mark.real
@pytest.mark.parametrize("decompress", ["tool", "python"])
@pytest.mark.parametrize("kind", ARCHIVES)
def test_every_archive_type_streams_the_same_records(
        kind: str, decompress: str, pages, tmp_path: Path, monkeypatch) -> None:
    if decompress == "python":
        monkeypatch.setenv("CABLESCOPE_DECOMPRESS", "python")
    archive = build(kind, layout(pages), tmp_path / f"mirror-copy.{kind}")
    corpus = open_corpus(archive)
    records, problems = split(corpus)
    assert problems == []
    assert corpus.skipped == 4  # css, README, index page, tag page
    assert sorted(r.source for r in records) == sorted(
        f"{archive}!mirror-2010-12-10/{m}" for m in MEMBERS)
    assert {r.meta["seen"] for r in records} == {"2010-12-10"}
    hague = by_id(records)["05THEHAGUE2309"]
    assert hague.meta["origin"] == "Embassy The Hague"
    assert hague.text.startswith("Monday, 22 August 2005, 17:01\nS E C R E T SECTION 01 OF 07")
    assert "notice" in hague.meta
    assert by_id(records)["08PARIS1698"].header.startswith("VZCZCXRO8725")
    assert corpus.bytes_read == corpus.total_bytes == archive.stat().st_size


@pytest.mark.real
def test_folder_tree(pages, tmp_path: Path) -> None:
    root = tmp_path / "site"
    for name, data in layout(pages).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    corpus = open_corpus(root)
    records, problems = split(corpus)
    assert problems == []
    assert [r.source for r in records] == [  # sorted walk: a stable order
        str(root / "mirror-2010-12-10" / m) for m in sorted(MEMBERS)]
    assert {r.meta["seen"] for r in records} == {"2010-12-10"}
    assert corpus.skipped == 4
    assert corpus.total_bytes == sum(len(d) for d in layout(pages).values())
    assert corpus.bytes_read == corpus.total_bytes


@pytest.mark.real
def test_single_page_file(pages, tmp_path: Path) -> None:
    page = tmp_path / "08PARIS1698.html"
    page.write_bytes(pages["08PARIS1698.html"])
    records, problems = split(read_corpus(str(page)))
    assert problems == [] and len(records) == 1
    assert records[0].source == str(page)
    assert records[0].meta["id"] == "08PARIS1698"
    assert "seen" not in records[0].meta


def test_html_page_without_metadata_table_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "cable").mkdir()
    (tmp_path / "cable" / "05PARIS1.html").write_text("<html><pre>C O N F</pre></html>")
    records, problems = split(open_corpus(tmp_path))
    assert records == []
    assert [p.source for p in problems] == [str(tmp_path / "cable" / "05PARIS1.html")]
    assert "no <table class='cable'>" in problems[0].reason


def page(text: str, created: str = "2005-08-04 10:10", header: str = "") -> bytes:
    """A page laid out like the WikiLeaks ones (navigation, table, two <pre> blocks)."""
    first = header or "This record is a partial extract of the original cable."
    return (
        "<html><body><div>navigation</div>\n<table class='cable'>\n<tr>\n<th>Reference ID</th>"
        "<th>Created</th><th>Released</th><th>Classification</th><th>Origin</th></tr>\n<tr>"
        "<td><a href='/cable/x.html'>05PARIS1</a></td><td><a href='/d'>" + created + "</a></td>"
        "<td>2010-11-30 21:09</td><td><a href='/c' title='x'>SECRET</a></td>"
        "<td>Embassy Paris</td></tr>\n</table>\n"
        f"<code><pre>{first}</pre></code>\n<code><pre>{text}</pre></code>\n</body></html>"
    ).encode()


def test_an_empty_page_says_it_is_empty(tmp_path: Path) -> None:
    """It was "not a cable page: no <table class='cable'> metadata table", true but beside
    the point for a 0-byte download."""
    _, problems = split(read_corpus_bytes(b"", "05PARIS1.html", tmp_path))
    assert [p.reason for p in problems] == ["empty file (0 bytes): no cable page"]


def test_page_markup_removed_entities_decoded(tmp_path: Path) -> None:
    data = page("S E C R E T&#x000A;TAGS: <a href='/tag/PREL_0.html'>PREL</a>&#x000A;"
                "<a id='par1' href='#par1'>¶</a>1. (S) AT&amp;T &lt;b&gt; R&D; &#233;t&#xE9;")
    records, problems = split(read_corpus_bytes(data, "05PARIS1.html", tmp_path))
    assert problems == []
    assert records[0].text == "S E C R E T\nTAGS: PREL\n¶1. (S) AT&T <b> R&D; été"
    assert records[0].meta["classification"] == "SECRET"
    assert records[0].meta["id"] == "05PARIS1"


def test_unescape_only_complete_references() -> None:
    assert unescape("a&#x000A;b&amp;c&#65;&eacute;") == "a\nb&cAé"
    assert unescape("&not squeamish8 &pounding R&D; &bogus; &#0;") == (
        "&not squeamish8 &pounding R&D; &bogus; \ufffd")


def read_corpus_bytes(data: bytes, name: str, folder: Path) -> list[Item]:
    path = folder / name
    path.write_bytes(data)
    return list(read_corpus(path))


def test_bad_utf8_in_a_page_is_replaced_and_reported(tmp_path: Path) -> None:
    data = page("C O N F I D E N T I A L\nCaf\xe9 talk").replace("Caf\xe9".encode(), b"Caf\xe9")
    records, problems = split(read_corpus_bytes(data, "05PARIS1.html", tmp_path))
    assert records[0].text == "C O N F I D E N T I A L\nCaf\ufffd talk"
    assert "invalid UTF-8" in records[0].meta["encoding"]
    assert [p.source for p in problems] == [str(tmp_path / "05PARIS1.html")]
    assert "invalid UTF-8" in problems[0].reason


# -- plain text ------------------------------------------------------------------------------------


def test_plain_text_cable_id_from_file_name(tmp_path: Path) -> None:
    (tmp_path / "05PARIS5335.txt").write_text("C O N F I D E N T I A L\nSIPDIS\n")
    (tmp_path / "notes-on-paris.txt").write_text("UNCLAS PARIS 001234\n")
    (tmp_path / "06STATE80908").write_text("UNCLAS STATE 080908\n")
    records, problems = split(open_corpus(tmp_path))
    assert problems == []
    assert [(Path(r.source).name, r.meta.get("id"), r.format) for r in records] == [
        ("05PARIS5335.txt", "05PARIS5335", "text"),
        ("06STATE80908", "06STATE80908", "text"),
        ("notes-on-paris.txt", None, "text")]
    assert records[0].text == "C O N F I D E N T I A L\nSIPDIS\n"


def test_plain_text_in_cp1252_is_decoded_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "05PARIS1.txt"
    path.write_bytes("Minister Müller said “no”".encode("cp1252"))
    records, problems = split(read_corpus(path))
    assert records[0].text == "Minister Müller said “no”"
    assert records[0].meta["encoding"].endswith("decoded as cp1252")
    assert len(problems) == 1 and problems[0].source == str(path)


def test_format_override(tmp_path: Path) -> None:
    path = tmp_path / "05PARIS1.dat"
    path.write_text("UNCLAS PARIS 000001\n")
    with pytest.raises(SourceError, match=r"cannot tell the format of .*05PARIS1\.dat"):
        open_corpus(path)
    records, problems = split(open_corpus(path, format="text"))
    assert problems == [] and records[0].text == "UNCLAS PARIS 000001\n"
    # In a container an unknown extension is reported, not read, not fatal.
    corpus = open_corpus(tmp_path)
    records, problems = split(corpus)
    assert records == [] and "not a known cable format (.dat)" in problems[0].reason
    assert not corpus.failed


# -- cables.csv ------------------------------------------------------------------------------------

CSV = (
    '"1","12/28/1966 18:48","66BUENOSAIRES2481","Embassy Buenos Aires","UNCLASSIFIED","",'
    '"R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES","UNCLAS BUENOS AIRES 2481\n\n1. HE SAID '
    '\\"NO\\" TWICE.\n"\n'
    '"2","8/4/2005 10:10","05PARIS5335","Embassy Paris","CONFIDENTIAL","05PARIS5232,06STATE1",'
    '"","C O N F I D E N T I A L\nPATH C:\\\\TEMP, \\"QUOTED\\"\n\nSTAPLETON"\n'
    '\n'
    '"3","13/45/2005 10:10","05PARIS1","Embassy Paris","SECRET","","",""\n'
    '"4","1/2/2006 09:00","06PARIS2","Embassy Paris","SECRET",""\n'
    '"5","1/3/2006 09:00","06PARIS3","Embassy Paris","SECRET","","","LAST"\n'
)


def test_csv_rows_fields_escapes_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "cables-2011-09-01.csv"
    path.write_text(CSV, encoding="utf-8")
    corpus = open_corpus(path)
    records, problems = split(corpus)
    first, second, last = records
    assert first.meta == {"id": "66BUENOSAIRES2481", "created": "1966-12-28 18:48",
                          "origin": "Embassy Buenos Aires", "classification": "UNCLASSIFIED",
                          "row": "1", "seen": "2011-09-01"}
    assert first.header == "R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES"
    assert first.text == 'UNCLAS BUENOS AIRES 2481\n\n1. HE SAID "NO" TWICE.\n'
    assert (first.source, first.locator, first.format) == (str(path), "line 1", "csv")
    assert second.meta["created"] == "2005-08-04 10:10"
    assert second.meta["references"] == "05PARIS5232,06STATE1"
    assert second.header == ""
    assert second.text == 'C O N F I D E N T I A L\nPATH C:\\TEMP, "QUOTED"\n\nSTAPLETON'
    assert second.locator == "line 6"
    assert (last.meta["id"], last.locator, last.text) == ("06PARIS3", "line 13", "LAST")
    assert [(p.locator, p.reason) for p in problems] == [
        ("line 11", "bad created date '13/45/2005 10:10'"),
        ("line 12", "expected 8 columns, found 6")]
    assert not corpus.failed and corpus.bytes_read == corpus.total_bytes


def test_csv_bad_bytes_read_as_cp1252_and_reported_where(tmp_path: Path) -> None:
    """A latin-1/cp1252 byte in a UTF-8 file was replaced with U+FFFD (the letter lost); now
    it is read as cp1252, valid UTF-8 beside it kept, and the problem names line and character."""
    path = tmp_path / "cables.csv"
    path.write_bytes(b'"1","1/2/2006 09:00","06PARIS2","Embassy Paris","SECRET","","",'
                     b'"CAF\xc9 TALK\nS\xc3\xa3o Paulo: \x93quoted\x94"\n')
    records, problems = split(read_corpus(path))
    assert records[0].text == "CAF\u00c9 TALK\nS\u00e3o Paulo: \u201cquoted\u201d"
    assert [(p.locator, p.reason) for p in problems] == [(
        "line 1", "invalid UTF-8: 3 bytes decoded as cp1252 (the first, 0xC9, at line 1, "
                  "character 68)")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_csv_in_utf16_is_read_whole_with_a_problem_saying_so(tmp_path: Path,
                                                             encoding: str) -> None:
    """A UTF-16 cables.csv (as Windows tools save it) was one unbalanced row: every cable lost,
    "no cable found". Its byte order mark is obeyed now."""
    rows = "".join(f'"{n}","1/2/2006 09:00","06PARIS{n}","Embassy Paris","SECRET","","",'
                   f'"S\u00e3o Paulo talk {n}"\n' for n in (1, 2))
    data = rows.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    path = tmp_path / "cables.csv"
    path.write_bytes(data)
    records, problems = split(read_corpus(path))
    assert [r.text for r in records] == ["S\u00e3o Paulo talk 1", "S\u00e3o Paulo talk 2"]
    assert [r.locator for r in records] == ["line 1", "line 2"]
    assert len(problems) == 1 and "byte order mark" in problems[0].reason


def test_csv_nul_characters_are_a_problem_naming_line_and_character(tmp_path: Path) -> None:
    """NUL bytes in a row were stored without a word."""
    path = tmp_path / "cables.csv"
    path.write_bytes(b'"1","1/2/2006 09:00","06PARIS1","Embassy Paris","SECRET","","",'
                     b'"TALK"\n"2","1/2/2006 09:00","06PARIS2","Embassy Paris","SECRET","",'
                     b'"","LINE ONE\nLI\x00\x00NE TWO"\n')
    records, problems = split(read_corpus(path))
    assert [r.meta["id"] for r in records] == ["06PARIS1", "06PARIS2"]
    assert [(p.locator, p.reason.split(":")[0]) for p in problems] == [
        ("line 2", "2 NUL characters (the first at line 3, character 3)")]


def test_plain_text_in_utf16_obeys_its_byte_order_mark(tmp_path: Path) -> None:
    """Decoded as cp1252 it was a NUL between every letter, stored as the cable."""
    text = "UNCLAS S\u00c3O PAULO 000001\n\n1. Caf\u00e9 talk.\n"
    records, problems = split(read_corpus_bytes(text.encode("utf-16"), "06SAOPAULO1.txt",
                                                tmp_path))
    assert problems == [] and records[0].text == text


def test_csv_streamed_from_archives_and_compressed_files(tmp_path: Path) -> None:
    data = CSV.encode()
    tgz = build("tar.gz", {"release/cables.csv": data}, tmp_path / "release.tar.gz")
    zipped = build("zip", {"cables.csv": data}, tmp_path / "release.zip")
    single = tmp_path / "cables.csv.gz"
    single.write_bytes(gzip.compress(data))
    for path, source in ((tgz, f"{tgz}!release/cables.csv"), (zipped, f"{zipped}!cables.csv"),
                         (single, str(single))):
        records, problems = split(read_corpus(path))
        assert [r.meta["id"] for r in records] == ["66BUENOSAIRES2481", "05PARIS5335", "06PARIS3"]
        assert {r.source for r in records} == {source}
        assert [p.locator for p in problems] == ["line 11", "line 12"]


def test_csv_cut_off_in_a_quoted_field_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "cables.csv"
    path.write_text(CSV + '"6","1/2/2006 09:00","06PARIS6","Embassy Paris","SECRET","","","CUT')
    records, problems = split(read_corpus(path))
    assert [r.meta["id"] for r in records] == ["66BUENOSAIRES2481", "05PARIS5335", "06PARIS3"]
    assert (problems[-1].locator, problems[-1].reason) == (
        "line 14", "unreadable CSV row: unexpected end of data")


# -- damaged and wrong input -----------------------------------------------------------------------


@pytest.mark.real
@pytest.mark.parametrize("decompress", ["tool", "python"])
@pytest.mark.parametrize("kind", ["tar.xz", "tar.gz", "tar.bz2", "tar", "zip"])
def test_truncated_archive_stops_with_a_problem(kind: str, decompress: str, pages,
                                                tmp_path: Path, monkeypatch) -> None:
    if decompress == "python":
        monkeypatch.setenv("CABLESCOPE_DECOMPRESS", "python")
    files = {f"cable/{i:02d}/{name}": data for i, (name, data) in enumerate(pages.items())}
    whole = build(kind, files, tmp_path / f"whole.{kind}").read_bytes()
    cut = tmp_path / f"cut.{kind}"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    corpus = open_corpus(cut)
    items = list(corpus)  # never raises
    records, problems = split(items)
    assert corpus.failed
    assert len(problems) == 1 and items[-1] == problems[0]
    assert problems[0].source.startswith(str(cut))
    assert "damaged archive" in problems[0].reason
    assert len(records) < 3


def _spoil_header(tar: bytes, index: int) -> bytes:
    """The tar with the header block of member `index` overwritten (its checksum no longer adds
    up), its data left as it was."""
    data, offset = bytearray(tar), 0
    for _ in range(index):
        size = int(data[offset + 124:offset + 136].strip(b"\0 ") or b"0", 8)
        offset += tarfile.BLOCKSIZE + -(-size // tarfile.BLOCKSIZE) * tarfile.BLOCKSIZE
    data[offset:offset + 100] = b"\xff" * 100
    return bytes(data)


@pytest.mark.real
@pytest.mark.parametrize("decompress", ["tool", "python"])
@pytest.mark.parametrize("kind", ["tar", "tar.gz", "tar.xz"])
def test_a_damaged_member_header_loses_that_member_only(kind: str, decompress: str, pages,
                                                        tmp_path: Path, monkeypatch) -> None:
    """tarfile ends an archive at a header whose checksum is wrong, silently: the members
    behind it were lost and the ingest said nothing. Now the damage is a problem naming the
    bytes skipped and the members around them, and the members after it are read."""
    if decompress == "python":
        monkeypatch.setenv("CABLESCOPE_DECOMPRESS", "python")
    files = {f"cable/{i:02d}/{name}": data for i, (name, data) in enumerate(pages.items())}
    plain = _spoil_header(build("tar", files, tmp_path / "whole.tar").read_bytes(), 1)
    spoiled = tmp_path / f"spoiled.{kind}"
    packers = {"tar": lambda b: b, "tar.gz": gzip.compress, "tar.xz": lzma.compress}
    spoiled.write_bytes(packers[kind](plain))
    corpus = open_corpus(spoiled)
    records, problems = split(corpus)
    names = list(files)
    assert sorted(r.source for r in records) == sorted(
        f"{spoiled}!{name}" for name in (names[0], names[2]))
    assert len(problems) == 1 and not corpus.failed  # read to its end: exit 3, not 1
    assert problems[0].source == str(spoiled)
    assert problems[0].locator.startswith("bytes ")
    assert f"after member {names[0]}" in problems[0].reason
    assert f"reading went on at member {names[2]}" in problems[0].reason


@pytest.mark.real
def test_a_damaged_first_header_is_a_problem_too(pages, tmp_path: Path) -> None:
    """tarfile reads the first header while opening the archive: damage there is reported as
    everywhere else, not lost with the member (a compressed tar gets past the signature check)."""
    files = {f"cable/{i:02d}/{name}": data for i, (name, data) in enumerate(pages.items())}
    plain = _spoil_header(build("tar", files, tmp_path / "whole.tar").read_bytes(), 0)
    spoiled = tmp_path / "spoiled.tar.gz"
    spoiled.write_bytes(gzip.compress(plain))
    corpus = open_corpus(spoiled)
    records, problems = split(corpus)
    names = list(files)
    assert sorted(r.source for r in records) == sorted(f"{spoiled}!{n}" for n in names[1:])
    assert len(problems) == 1 and not corpus.failed
    assert "before the first member" in problems[0].reason
    assert f"reading went on at member {names[1]}" in problems[0].reason


@pytest.mark.real
def test_a_damaged_last_header_stops_with_a_problem(pages, tmp_path: Path) -> None:
    """Damage with no readable header after it: reading stopped, the archive failed."""
    files = {f"cable/{i:02d}/{name}": data for i, (name, data) in enumerate(pages.items())}
    whole = build("tar", files, tmp_path / "whole.tar").read_bytes()
    spoiled = tmp_path / "spoiled.tar"
    spoiled.write_bytes(_spoil_header(whole, 2)[: len(whole) - 2 * tarfile.RECORDSIZE])
    corpus = open_corpus(spoiled)
    records, problems = split(corpus)
    assert len(records) == 2 and corpus.failed
    assert len(problems) == 1 and "none readable after it" in problems[0].reason


@pytest.mark.real
def test_bytes_after_the_end_of_a_tar_are_ignored_as_tar_ignores_them(pages,
                                                                      tmp_path: Path) -> None:
    """Junk after the end-of-archive blocks is no damage (tar ignores it); a second archive
    appended after the first is read too (tar -i)."""
    files = {f"cable/{i:02d}/{name}": data for i, (name, data) in enumerate(pages.items())}
    whole = build("tar", files, tmp_path / "whole.tar").read_bytes()
    junk = tmp_path / "junk.tar"
    junk.write_bytes(whole + b"\xffjunk" * 300)
    corpus = open_corpus(junk)
    records, problems = split(corpus)
    assert len(records) == 3 and problems == [] and not corpus.failed
    one = build("tar", dict(list(files.items())[:1]), tmp_path / "one.tar").read_bytes()
    two = build("tar", dict(list(files.items())[1:]), tmp_path / "two.tar").read_bytes()
    both = tmp_path / "both.tar"
    both.write_bytes(one + two)
    records, problems = split(open_corpus(both))
    assert len(records) == 3 and problems == []


def test_missing_path_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"no such file or folder: .*nowhere\.tar\.xz"):
        open_corpus(tmp_path / "nowhere.tar.xz")
    (tmp_path / "cables.csv").write_text("")
    with pytest.raises(SourceError, match=r"unknown format 'xml' for .*cables\.csv"):
        open_corpus(tmp_path / "cables.csv", format="xml")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF")
    with pytest.raises(SourceError, match=r"cannot tell the format of .*scan\.pdf"):
        open_corpus(tmp_path / "scan.pdf")


def test_not_an_archive_at_all(tmp_path: Path) -> None:
    """Bytes that are not what the name says are refused before reading, saying so."""
    path = tmp_path / "corpus.tar.xz"
    path.write_bytes(b"this is not xz data at all")
    with pytest.raises(SourceError, match=r"corpus\.tar\.xz is not an xz archive \("):
        open_corpus(path)
    path.write_bytes(b"")
    with pytest.raises(SourceError, match=r"corpus\.tar\.xz is empty \(0 bytes\)"):
        open_corpus(path)


def test_progress_counts_bytes_as_records_stream(tmp_path: Path) -> None:
    path = tmp_path / "cables.csv"
    row = '"{n}","1/2/2006 09:00","06PARIS{n}","Embassy Paris","SECRET","","","' + "Y" * 20000
    path.write_text("".join(row.format(n=n) + '"\n' for n in range(1, 51)))
    corpus = open_corpus(path)
    seen = [corpus.bytes_read for _ in corpus]
    assert seen == sorted(seen) and seen[0] < seen[-1] <= corpus.total_bytes
    assert corpus.bytes_read == corpus.total_bytes
    assert len(seen) == 50
    assert [r.meta["id"] for r in corpus] == [f"06PARIS{n}" for n in range(1, 51)]  # again


# -- nothing crashes the readers -------------------------------------------------------------------

SUFFIXES = ["05PARIS1.html", "05PARIS1.txt", "cables.csv", "a.tar.gz", "a.tar", "a.zip",
            "a.tar.xz", "cables.csv.gz"]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), name=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_never_crash(data: bytes, name: str, tmp_path: Path) -> None:
    """Records and problems, or (for bytes that are not the archive the name says) a
    SourceError at opening: never anything else."""
    path = tmp_path / name
    path.write_bytes(data)
    try:
        corpus = open_corpus(path)
    except SourceError as exc:
        assert f"{path} is " in str(exc) and "archive" in str(exc)
        return
    for item in corpus:
        assert isinstance(item, RawRecord | Problem)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=800), kind=st.sampled_from(["html", "csv", "text"]))
def test_arbitrary_text_never_crashes(text: str, kind: str, tmp_path: Path) -> None:
    path = tmp_path / "input"
    path.write_text(text, encoding="utf-8")
    for item in read_corpus(path, format=kind):
        assert isinstance(item, RawRecord | Problem)
        if isinstance(item, RawRecord):
            assert item.format == kind


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(max_size=300), created=st.text(max_size=20))
def test_arbitrary_page_content(body: str, created: str, tmp_path: Path) -> None:
    path = tmp_path / "05PARIS1.html"
    path.write_bytes(page(body, created=created.replace("<", "")))
    records, problems = split(read_corpus(path))
    assert len(records) == 1
    assert all(p.source == str(path) for p in problems)
