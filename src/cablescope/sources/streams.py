"""Byte streams of an input file: counted for progress, and decompressed by the fastest means.

A `.tar.xz` decompresses with the `xz` tool in its own process when it is installed, so the
decompression runs on another core while Python parses pages: the 6,712-page archive streams in
close to the time `xz -dc` alone takes. Without the tool (or with `CABLESCOPE_DECOMPRESS=python`)
Python's own `lzma`/`gzip`/`bz2` do it in-process.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

_TOOLS = {".xz": "xz", ".txz": "xz", ".gz": "gzip", ".tgz": "gzip", ".bz2": "bzip2",
          ".tbz": "bzip2", ".tbz2": "bzip2"}
_CHUNK = 1 << 20


# Decompressed data may be at most EXPANSION_RATIO times the compressed input, or EXPANSION_FLOOR
# bytes if that is more: real corpora expand 5-30 times (the WikiLeaks archive 27 times), a
# compression bomb thousands of times.
EXPANSION_RATIO = 100
EXPANSION_FLOOR = 1 << 30


class DecompressError(OSError):
    """The external decompressor reported damaged input."""


class ExpansionError(DecompressError):
    """Decompressed data past the limit: a compression bomb, most likely."""


def expansion_limit(compressed_size: int) -> int:
    """How many decompressed bytes an input of `compressed_size` bytes may give."""
    return max(EXPANSION_FLOOR, EXPANSION_RATIO * compressed_size)


class Budget:
    """Decompressed bytes still allowed, shared by the members of one archive."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def spend(self, n: int) -> None:
        self.used += n
        if self.used > self.limit:
            raise ExpansionError(
                f"decompresses to more than {self.limit:,} bytes ({EXPANSION_RATIO} times its "
                f"size, at least {EXPANSION_FLOOR:,}): a compression bomb? Reading stopped there")


class _Limited(io.RawIOBase):
    """A raw reader that charges every byte it reads to a `Budget`."""

    def __init__(self, source: IO[bytes], budget: Budget) -> None:
        self._source = source
        self._budget = budget

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._source.read(len(buffer))
        self._budget.spend(len(data))
        buffer[: len(data)] = data
        return len(data)


def limited(source: IO[bytes], budget: Budget) -> io.BufferedReader:
    """`source` read through `budget`: an ExpansionError once it is spent."""
    return io.BufferedReader(_Limited(source, budget), 1 << 16)


class _Counting(io.RawIOBase):
    """A raw reader that reports every byte it reads (for `Corpus.bytes_read`)."""

    def __init__(self, raw: IO[bytes], count: Callable[[int], None]) -> None:
        self._raw = raw
        self._count = count

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        self._count(count or 0)
        return count

    def close(self) -> None:
        self._raw.close()
        super().close()


class _Plain(io.RawIOBase):
    """Any object with `read(n)` as a plain, non-seekable raw stream (a tar member in stream
    mode cannot even say whether it is seekable, which `io.TextIOWrapper` asks)."""

    def __init__(self, source: IO[bytes]) -> None:
        self._source = source

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._source.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def buffered(source: IO[bytes]) -> io.BufferedReader:
    """A buffered reader over any byte source, fit for `io.TextIOWrapper`."""
    return io.BufferedReader(_Plain(source), 1 << 16)


def open_counted(path: Path, count: Callable[[int], None]) -> io.BufferedReader:
    """The file opened for buffered reading; `count(n)` is called as bytes are read."""
    return io.BufferedReader(_Counting(open(path, "rb", buffering=0), count), 1 << 16)


def external_tool(path: Path) -> str | None:
    """The decompressor program to use for this file, or None to decompress in Python."""
    if os.environ.get("CABLESCOPE_DECOMPRESS", "").lower() == "python":
        return None
    suffix = path.suffix.lower()
    tool = _TOOLS.get(suffix)
    return shutil.which(tool) if tool else None


@contextmanager
def decompressed(path: Path, tool: str, count: Callable[[int], None],
                 budget: Budget) -> Iterator[IO[bytes]]:
    """The decompressed bytes of `path`, produced by `tool -dc` in a child process, charged to
    `budget` (what is left after the reader stops is drained through it too).

    A thread feeds the file to the tool (counting the bytes as it goes); on leaving, a damaged
    input becomes a `DecompressError` carrying the tool's own message.
    """
    process = subprocess.Popen([tool, "-dc"], bufsize=_CHUNK, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdin is not None and process.stdout is not None  # both are pipes

    def feed() -> None:
        try:
            with open_counted(path, count) as source:
                while chunk := source.read(_CHUNK):
                    process.stdin.write(chunk)  # type: ignore[union-attr]
        except (BrokenPipeError, OSError, ValueError):
            pass  # the reader stopped early or the tool died: its status says why
        finally:
            with suppress(OSError):
                process.stdin.close()  # type: ignore[union-attr]

    feeder = threading.Thread(target=feed, name=f"feed {tool}", daemon=True)
    feeder.start()
    finished = False
    output = limited(process.stdout, budget)
    try:
        yield output
        while output.read(_CHUNK):
            pass  # drain what the reader left (tar padding), so the tool ends cleanly
        finished = True
    finally:
        if not finished:
            process.kill()
        process.stdout.close()
        feeder.join()
        status = process.wait()
        said = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        # one line, each complaint once: gzip says "gzip: stdin: ..." on a line per check
        message = "; ".join(dict.fromkeys(line.strip() for line in said.splitlines()
                                          if line.strip()))
        if process.stderr:
            process.stderr.close()
    if finished and status != 0:
        raise DecompressError(message or f"{Path(tool).name} exited with status {status}")
