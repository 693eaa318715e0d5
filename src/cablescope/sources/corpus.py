"""Open any corpus — a file, a folder tree, a tar or zip archive — as one stream of records.

Archives are read as streams (`tarfile` mode `r|*`, zip members one at a time), never unpacked
to disk; only one cable page is held at a time, and `cables.csv` is streamed row by row, so
memory stays bounded whatever the corpus size. `Corpus.bytes_read` follows the input on disk as
records stream out, for progress bars.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
import re
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from tarfile import ReadError
from typing import IO, cast

from cablescope.errors import SourceError
from cablescope.sources import csvfile, html, text
from cablescope.sources.record import Problem, RawRecord
from cablescope.sources.streams import (
    Budget,
    DecompressError,
    ExpansionError,
    decompressed,
    expansion_limit,
    external_tool,
    limited,
    open_counted,
)

FORMATS = ("html", "csv", "text")
_TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz", ".tbz2")
# Single compressed files (`cables.csv.xz`); the caller closes what these return.
_COMPRESSED: dict[str, Callable[[IO[bytes]], IO[bytes]]] = {
    ".gz": lambda f: cast(IO[bytes], gzip.GzipFile(fileobj=f)),
    ".xz": lambda f: lzma.LZMAFile(f),  # noqa: SIM115
    ".bz2": lambda f: bz2.BZ2File(f),
}
_BY_EXTENSION = {".html": "html", ".htm": "html", ".csv": "csv", ".txt": "text", "": "text"}
# Members that are clearly not cables: site assets and the usual files that ride along.
_ASSETS = frozenset((
    ".css", ".js", ".map", ".png", ".jpg", ".jpeg", ".gif", ".ico", ".svg", ".webp", ".woff",
    ".woff2", ".ttf", ".eot", ".otf", ".json", ".xml", ".rss", ".pdf", ".md", ".rst", ".sig",
    ".asc", ".sha256", ".md5", ".log", ".db", ".sqlite",
))
_NOT_CABLE_NAMES = frozenset(
    ("readme", "license", "licence", "copying", "changelog", "authors", "makefile"))
# Site sections of a WikiLeaks mirror whose pages list cables but are not cables.
_INDEX_DIRS = frozenset((
    "tag", "date", "reldate", "origin", "classification", "articles", "static", "img", "gfx",
    "css", "js", "press", "about",
))
# A cable page is held whole in memory; anything bigger is not a cable page.
MAX_RECORD_BYTES = 64 * 1024 * 1024
_MIRROR_DATE = re.compile(r"mirror-(\d{4}-\d{2}-\d{2})")
_ANY_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
# What a damaged archive or compressed stream raises mid-read. Anything else an archive library
# raises on bad bytes (tarfile's gzip reader raises TypeError on a cut header) is damage too:
# no input makes the reader raise.
_DAMAGE = (tarfile.TarError, zipfile.BadZipFile, EOFError, lzma.LZMAError, zlib.error, OSError,
           DecompressError)
# Compression by the first bytes of a stream, for a tar read in Python.
_MAGIC: tuple[tuple[bytes, Callable[[IO[bytes]], IO[bytes]]], ...] = (
    (b"\x1f\x8b", _COMPRESSED[".gz"]),
    (b"\xfd7zXZ\x00", _COMPRESSED[".xz"]),
    (b"BZh", _COMPRESSED[".bz2"]),
)


def _basename(name: str) -> str:
    return name.rstrip("/").rsplit("/", 1)[-1]


def _member_path(name: str) -> str:
    """A member's path as shown in `source`: `./cable/x.html` -> `cable/x.html`."""
    while name.startswith("./"):
        name = name[2:]
    return name


def _suffix(name: str) -> str:
    """Lower-case last extension of a member name ('' for none): plain string work, as
    pathlib costs more than the reading itself for thousands of small members."""
    base = _basename(name).lower().lstrip(".")
    return "." + base.rsplit(".", 1)[1] if "." in base else ""


# tarfile's header errors (not in its type stubs): a zero block (the end of the archive), a block
# whose checksum does not add up, a header cut short by the end of the data
_END_BLOCK: type[Exception] = tarfile.EOFHeaderError  # type: ignore[attr-defined]
_BAD_HEADER: type[Exception] = tarfile.InvalidHeaderError  # type: ignore[attr-defined]
_CUT_HEADER: type[Exception] = tarfile.TruncatedHeaderError  # type: ignore[attr-defined]


@dataclass
class _TarDamage:
    """What `_ResyncTarInfo` met reading one archive's headers: `skipped` holds (byte where an
    unreadable header was met, byte of the next good header or None), `ended` whether the
    end-of-archive zero block was read."""

    skipped: list[tuple[int, int | None]] = field(default_factory=list)
    ended: bool = False
    cut: str | None = None  # a header cut short by the end of the data: where
    after_end: bool = False  # the last run of skipped blocks began after an end marker


class _ResyncTarInfo(tarfile.TarInfo):
    """tarfile ends an archive at the first header that does not add up (a bad checksum),
    without a word, losing every member behind it. Opened with `ignore_zeros`, it skips such a
    block and reads on; this class notes each run of skipped blocks (and the end marker) in the
    archive's `_TarDamage`, so the reader can name the damage and still store the members
    after it. A header cut short by the end of the data stays an error."""

    @classmethod
    def fromtarfile(cls, archive: tarfile.TarFile) -> _ResyncTarInfo:
        damage: _TarDamage = archive.__dict__.setdefault("cablescope_damage", _TarDamage())
        at = archive.offset
        try:
            info = super().fromtarfile(archive)
        except _END_BLOCK:
            damage.ended = True
            raise
        except _BAD_HEADER:
            if not damage.skipped or damage.skipped[-1][1] is not None:
                damage.skipped.append((at, None))
                damage.after_end = damage.ended
            raise  # with ignore_zeros, tarfile skips the block and reads the next
        except _CUT_HEADER:
            damage.cut = f"unexpected end of data in a member header at byte {at:,}"
            raise  # tarfile stops there; the reader reports it once the stream is closed
        if damage.skipped and damage.skipped[-1][1] is None:
            damage.skipped[-1] = (damage.skipped[-1][0], at)
        damage.ended = False  # more members after a zero block: read on
        return info


def _explain(exc: Exception) -> str:
    """An exception as a problem's reason: the message, with its type when it is not one of
    the usual damage errors (their messages say it all)."""
    return str(exc) if isinstance(exc, _DAMAGE) else f"{type(exc).__name__}: {exc}"


def _is_tar(name: str) -> bool:
    return name.lower().endswith(_TAR_SUFFIXES)


def _seen(path: Path, member: str = "") -> str | None:
    """When this version was published: a `mirror-YYYY-MM-DD` path component, else a date in
    the input's own name (`cablegate-2011-04-25.tar.xz`)."""
    if "mirror-" in member or "mirror-" in str(path):
        for part in (*reversed(member.split("/")), *reversed(path.parts)):
            match = _MIRROR_DATE.fullmatch(part)
            if match:
                return match.group(1)
    match = _ANY_DATE.search(path.name)
    return match.group(1) if match else None


def member_format(name: str, forced: str | None) -> str | None:
    """The format to read a container member with, or None to skip it quietly.

    Hidden files and clearly non-cable files (assets, README) are skipped; `forced` applies to
    everything else. A name with an extension no reader knows gives "" (reported, not read).
    """
    base = _basename(name)
    if not base or base.startswith("."):
        return None
    suffix = _suffix(base)
    if suffix in _ASSETS:
        return None
    if suffix in ("", ".txt") and base.lower().split(".")[0] in _NOT_CABLE_NAMES:
        return None
    if forced:
        return forced
    return _BY_EXTENSION.get(suffix, "")


def _is_index_page(name: str) -> bool:
    """An html page of a mirror that is clearly not a cable: an index or a site section page."""
    parts = [p.lower() for p in name.split("/") if p]
    if "cable" in parts:
        return False
    return parts[-1].startswith("index.") or any(p in _INDEX_DIRS for p in parts[:-1])


# What an archive or compressed file starts with, by the suffix that names it.
_SIGNATURES = (
    ((".tar.xz", ".txz", ".xz"), "an xz", (b"\xfd7zXZ\x00",)),
    ((".tar.gz", ".tgz", ".gz"), "a gzip", (b"\x1f\x8b",)),
    ((".tar.bz2", ".tbz", ".tbz2", ".bz2"), "a bzip2", (b"BZh",)),
    ((".zip",), "a zip", (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")),
)


def _check_signature(path: Path, given: str) -> None:
    """An archive or compressed file whose first bytes are not what its name says is refused
    before reading, naming what it is not: random bytes called `.tar.xz` are "not an xz
    archive", not a damaged one, and an empty one says it is empty."""
    name = path.name.lower()
    expected = next(((what, magic) for suffixes, what, magic in _SIGNATURES
                     if name.endswith(suffixes)), None)
    what = expected[0] if expected else "a tar" if name.endswith(".tar") else None
    if what is None:
        return
    try:
        with path.open("rb") as f:
            head = f.read(512)
    except OSError as exc:
        raise SourceError(f"cannot read {given}: {exc.strerror or exc}") from None
    if not head:
        raise SourceError(f"{given} is empty (0 bytes), not {what} archive")
    # a `.tar` may be compressed all the same: the tar reader tells by the first bytes
    ok = (head.startswith(expected[1]) if expected
          else _tar_header(head) or any(head.startswith(magic) for magic, _ in _MAGIC))
    if not ok:
        raise SourceError(f"{given} is not {what} archive (a damaged or incomplete download, "
                          "or another kind of file under that name?)")


def _tar_header(block: bytes) -> bool:
    """Whether `block` is a tar header (its checksum adds up): tar has no magic number that
    every writer puts first."""
    try:
        tarfile.TarInfo.frombuf(block.ljust(tarfile.BLOCKSIZE, b"\0"), "utf-8",
                                "surrogateescape")
    except tarfile.HeaderError:
        return False
    return True


class Corpus:
    """An input corpus, iterable (again and again) as `RawRecord | Problem`.

    `total_bytes` is the size of the input on disk; `bytes_read` how much of it has been read
    so far (updated while iterating); `failed` is True once an archive or file turned out
    damaged or unreadable mid-stream (a Problem says where), so a CLI can exit non-zero;
    `skipped` counts members quietly passed over as not cables (assets, index pages).

    In a folder, a symbolic link that leads out of it is not followed (a problem says so) unless
    `follow_symlinks`; with it, links to folders are followed too, each folder read once.
    Decompressed data is bounded (`streams.expansion_limit`): past it, reading stops with a
    problem, as for a damaged archive.

    `name` is what records and problems call the input (`source`), when not the path itself: an
    upload saved under a temporary path is named by its own file name, not a path that is gone
    once it is read.
    """

    def __init__(self, path: str | Path, format: str | None = None, *,
                 follow_symlinks: bool = False, shard: tuple[int, int] | None = None,
                 name: str | None = None) -> None:
        if format is not None and format not in FORMATS:
            raise SourceError(
                f"unknown format {format!r} for {path}: choose one of {', '.join(FORMATS)}")
        self.path = Path(path)
        self.format = format
        self.follow_symlinks = follow_symlinks
        self._given = str(path) if name is None else name
        try:
            st = self.path.stat()
        except FileNotFoundError:
            raise SourceError(f"no such file or folder: {path}") from None
        except OSError as exc:
            raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from None
        if self.path.is_dir():
            self.kind = "folder"
            self.total_bytes = sum(max(size, 0) for _, size, _ in self._walk())
        else:
            self.kind = self._file_kind()
            self.total_bytes = st.st_size
            if not os.access(self.path, os.R_OK):
                raise SourceError(f"cannot read {path}: permission denied")
            _check_signature(self.path, self._given)
        self.bytes_read = 0
        self.failed = False
        self.skipped = 0
        if shard is not None and not 0 <= shard[0] < shard[1]:
            raise ValueError(f"shard {shard[0]} of {shard[1]} does not exist")
        self.shard = shard
        self.member = -1  # index of the member being read, counting every cable member

    def _file_kind(self) -> str:
        name = self.path.name.lower()
        if _is_tar(name):
            return "tar"
        if name.endswith(".zip"):
            return "zip"
        inner = name
        for suffix in _COMPRESSED:
            if name.endswith(suffix):
                inner = name[: -len(suffix)]
        fmt = self.format or _BY_EXTENSION.get(_suffix(inner))
        if fmt is None:
            raise SourceError(
                f"cannot tell the format of {self._given}: expected .html, .csv, .txt, a folder "
                f"or a .tar/.tar.gz/.tar.xz/.tar.bz2/.zip archive (or give the format: "
                f"{', '.join(FORMATS)})")
        return "file"

    def __repr__(self) -> str:
        return f"Corpus({self._given!r}, kind={self.kind!r}, total_bytes={self.total_bytes})"

    def __iter__(self) -> Iterator[RawRecord | Problem]:
        self.bytes_read = 0
        self.failed = False
        self.skipped = 0
        self.member = -1
        readers = {"folder": self._iter_folder, "tar": self._iter_tar, "zip": self._iter_zip,
                   "file": self._iter_file}
        yield from readers[self.kind]()
        if not self.failed:
            self.bytes_read = self.total_bytes

    def _take(self) -> bool:
        """Count the next cable member; whether this corpus reads it (`shard` k of n reads
        members k, k+n, k+2n...: several processes read one input apart, as Spark does)."""
        self.member += 1
        return self.shard is None or self.member % self.shard[1] == self.shard[0]

    # -- containers --------------------------------------------------------------------------

    def _walk(self) -> Iterator[tuple[Path, int, str | None]]:
        """Regular files under the folder, in a stable (sorted) order, with their sizes (-1: not
        readable), and why a file is not read (a link out of the folder), else None."""
        root = os.path.realpath(self.path)
        seen = {root}  # folders read, by real path (a followed link may lead back)
        stack = [self.path]
        while stack:
            folder = stack.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                yield folder, -1, None
                continue
            subfolders = []
            for entry in entries:
                path = Path(entry.path)
                if entry.is_symlink():
                    target = os.path.realpath(entry.path)
                    inside = target == root or target.startswith(root.rstrip(os.sep) + os.sep)
                    if not os.path.exists(target):
                        yield path, 0, f"broken symbolic link (to {target}): not read"
                        continue
                    if not inside and not self.follow_symlinks:
                        yield path, 0, (f"symbolic link to {target}, outside {self._given}: not "
                                        "followed (--follow-symlinks follows it)")
                        continue
                    if os.path.isdir(target):
                        if self.follow_symlinks and target not in seen:
                            seen.add(target)
                            subfolders.append(path)
                        continue  # a link inside the folder: read where it leads, not twice
                elif entry.is_dir(follow_symlinks=False):
                    if self.follow_symlinks:
                        seen.add(os.path.realpath(entry.path))
                    subfolders.append(path)
                    continue
                if entry.is_file():
                    try:
                        yield path, entry.stat().st_size, None
                    except OSError:
                        yield path, -1, None
            stack.extend(reversed(subfolders))

    def _iter_folder(self) -> Iterator[RawRecord | Problem]:
        for file, size, refused in self._walk():
            rel = file.relative_to(self.path).as_posix()
            source = str(file) if file != self.path else self._given
            if refused:
                yield Problem(source, "", refused)
                continue
            if size < 0:
                self.failed = True
                yield Problem(source, "", "cannot read this file or folder")
                continue
            fmt = member_format(rel, self.format)
            if fmt is None:
                self.skipped += 1
                self.bytes_read += size
                continue
            if not self._take():
                self.bytes_read += size
                continue
            try:
                with open_counted(file, self._count) as raw:
                    yield from self._member(rel, fmt, source, raw, size, _seen(self.path, rel))
            except OSError as exc:
                self.failed = True
                yield Problem(source, "", f"cannot read: {exc.strerror or exc}")

    def _count(self, size: int) -> None:
        self.bytes_read += size

    @contextmanager
    def _compressed_stream(self, suffix: str) -> Iterator[IO[bytes]]:
        """The decompressed input, bounded: by an external tool if installed, else in Python."""
        budget = Budget(expansion_limit(self.total_bytes))
        tool = external_tool(self.path)
        if tool:
            with decompressed(self.path, tool, self._count, budget) as stream:
                yield stream
        else:
            with open_counted(self.path, self._count) as raw, _COMPRESSED[suffix](raw) as stream:
                yield limited(stream, budget)

    @contextmanager
    def _tar_stream(self) -> Iterator[IO[bytes]]:
        """The tar stream, decompressed and bounded: by the external tool the suffix names if
        installed, else in Python after the first bytes."""
        budget = Budget(expansion_limit(self.total_bytes))
        tool = external_tool(self.path)
        if tool:
            with decompressed(self.path, tool, self._count, budget) as stream:
                yield stream
            return
        with open_counted(self.path, self._count) as raw:
            head = raw.peek(8)[:8]
            opener = next((opener for magic, opener in _MAGIC if head.startswith(magic)), None)
            if opener is None:
                yield raw
                return
            with opener(raw) as inner:
                yield limited(inner, budget)

    def _iter_file(self) -> Iterator[RawRecord | Problem]:
        if not self._take():
            return
        name = self.path.name
        suffix = next((s for s in _COMPRESSED if name.lower().endswith(s)), "")
        try:
            with (self._compressed_stream(suffix) if suffix
                  else open_counted(self.path, self._count)) as stream:
                name = name[: len(name) - len(suffix)]
                fmt = self.format or _BY_EXTENSION[_suffix(name)]
                yield from self._member(name, fmt, self._given, stream, None, _seen(self.path))
        except Exception as exc:  # whatever bad bytes make an archive library raise
            self.failed = True
            reason = str(exc) if isinstance(exc, ExpansionError) else (
                f"damaged or unreadable file: {_explain(exc)}")
            yield Problem(self._given, "", reason)

    def _iter_tar(self) -> Iterator[RawRecord | Problem]:
        member_name = last_read = ""
        damage = _TarDamage()
        told = 0  # runs of skipped header blocks already yielded as problems
        try:
            with self._tar_stream() as raw, tarfile.open(
                    fileobj=raw, mode="r|", tarinfo=_ResyncTarInfo, ignore_zeros=True) as archive:
                # tarfile.open has read the first header already: damage met there is noted in
                # the record `_ResyncTarInfo` made; keep that one, do not replace it
                damage = archive.__dict__.setdefault("cablescope_damage", damage)
                for member in archive:
                    member_name = _member_path(member.name)
                    if len(damage.skipped) > told:
                        yield self._skipped(damage.skipped[told], last_read, member_name)
                        told += 1
                    if not member.isfile():
                        continue
                    fmt = member_format(member_name, self.format)
                    if fmt is None:
                        self.skipped += 1
                        continue
                    if not self._take():
                        last_read, member_name = member_name, ""
                        continue
                    data = archive.extractfile(member)
                    assert data is not None  # a regular file always has data
                    yield from self._member(member_name, fmt,
                                            f"{self._given}!{member_name}", data, member.size,
                                            _seen(self.path, member_name))
                    last_read, member_name = member_name, ""
                started = archive.offset > 0
            # after the stream is closed, so that a decompressor's own error comes first
            # no good header after the damage (bytes after the end marker are ignored, as by tar)
            if len(damage.skipped) > told and not damage.after_end:
                raise ReadError(f"unreadable member header at byte {damage.skipped[told][0]:,}, "
                                "and none readable after it")
            if not damage.ended and (damage.cut or started):  # after the end marker: ignored
                raise ReadError(damage.cut or "unexpected end of data (no end-of-archive marker)")
        except Exception as exc:  # whatever bad bytes make an archive library raise
            self.failed = True
            yield self._damage(exc, member_name, last_read)

    def _skipped(self, run: tuple[int, int | None], last_read: str, next_member: str) -> Problem:
        """Blocks passed over between two readable members: whatever member they held is lost
        (the ones around it are read)."""
        start, end = run
        after = f"after member {last_read}" if last_read else "before the first member"
        return Problem(self._given, f"bytes {start:,}-{end or 0:,}",
                       f"damaged archive: unreadable member header {after}; "
                       f"{(end or 0) - start:,} bytes skipped, reading went on at member "
                       f"{next_member}")

    def _damage(self, exc: Exception, member: str, last_read: str) -> Problem:
        """Where an archive broke: inside a member, or between members (after the last read)."""
        what = "" if isinstance(exc, ExpansionError) else "damaged archive, "
        if member:
            return Problem(f"{self._given}!{member}", "",
                           f"{what}reading stopped inside this member: {_explain(exc)}")
        after = f" after member {last_read}" if last_read else " before any member"
        return Problem(self._given, "", f"{what}reading stopped{after}: {_explain(exc)}")

    def _iter_zip(self) -> Iterator[RawRecord | Problem]:
        member_name = last_read = ""
        budget = Budget(expansion_limit(self.total_bytes))
        try:
            with zipfile.ZipFile(self.path) as archive:
                for info in archive.infolist():
                    member_name = _member_path(info.filename)
                    if info.is_dir():
                        continue
                    fmt = member_format(member_name, self.format)
                    if fmt is None:
                        self.skipped += 1
                    elif self._take():
                        with archive.open(info) as data:
                            yield from self._member(member_name, fmt,
                                                    f"{self._given}!{member_name}",
                                                    limited(data, budget), info.file_size,
                                                    _seen(self.path, member_name))
                    self.bytes_read = min(self.total_bytes,
                                          self.bytes_read + info.compress_size + 30
                                          + len(info.filename))
                    last_read, member_name = member_name, ""
        except Exception as exc:  # whatever bad bytes make an archive library raise
            self.failed = True
            yield self._damage(exc, member_name, last_read)

    # -- one member ----------------------------------------------------------------------------

    def _member(self, name: str, fmt: str, source: str, data: IO[bytes], size: int | None,
                seen: str | None) -> Iterator[RawRecord | Problem]:
        """The records of one file or member; `data` is consumed (read or streamed) here."""
        meta = {"seen": seen} if seen else {}
        if fmt == "csv":
            yield from csvfile.read_csv(data, source, meta)
            return
        if fmt == "":
            yield Problem(source, "", f"not a known cable format ({_suffix(name)}): not read; "
                          f"give the format ({', '.join(FORMATS)}) to read it")
            return
        if size is not None and size > MAX_RECORD_BYTES:
            yield Problem(source, "", f"{size} bytes is too large for one cable: not read")
            return
        content = data.read(MAX_RECORD_BYTES + 1)
        if len(content) > MAX_RECORD_BYTES:
            yield Problem(source, "", "too large for one cable: not read")
            return
        if fmt == "html":
            if not self.format and _is_index_page(name) and not html.is_cable_page(content):
                self.skipped += 1
                return
            yield from html.read_page(content, source, meta)
        else:
            yield from text.read_text(content, source, name, meta)


def open_corpus(path: str | Path, format: str | None = None, *,
                follow_symlinks: bool = False, shard: tuple[int, int] | None = None,
                name: str | None = None) -> Corpus:
    """Open a corpus (file, folder, archive) for streaming; errors naming the path if it cannot
    be read at all, or its format cannot be told (`format` = 'html' | 'csv' | 'text' overrides
    detection for every file or member; `follow_symlinks` follows links out of a folder).
    `shard=(k, n)` reads only every n-th cable member, from the k-th: n readers with
    k = 0..n-1 read the whole corpus once between them. `name`: what sources call the input,
    when not its path (an upload's file name)."""
    return Corpus(path, format, follow_symlinks=follow_symlinks, shard=shard, name=name)


def read_corpus(path: str | Path, format: str | None = None) -> Iterator[RawRecord | Problem]:
    """Every record and problem of a corpus, streamed: `iter(open_corpus(path, format))`."""
    return iter(open_corpus(path, format))
