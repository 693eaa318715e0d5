"""Plain-text cables, one per file, as many dumps have them (`05PARIS5335.txt`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from cablescope.sources.decoding import decode
from cablescope.sources.record import Problem, RawRecord

FORMAT = "text"

# Two-digit year, post name (letters only), serial: 05PARIS5335, 66BUENOSAIRES2481, 08USNATO453.
_CABLE_ID = re.compile(r"\d{2}[A-Za-z]{2,}\d{1,7}")


def id_from_name(name: str) -> str | None:
    """The cable ID a file name spells (`cable/05PARIS5335.txt` -> `05PARIS5335`), else None."""
    stem = PurePosixPath(name).name.split(".", 1)[0]
    return stem.upper() if _CABLE_ID.fullmatch(stem) else None


def read_text(data: bytes, source: str, name: str,
              meta: dict[str, str]) -> Iterator[RawRecord | Problem]:
    """One record for the whole file; UTF-8, else cp1252/latin-1 with a Problem saying so.

    The ID comes from the file name when it looks like one; otherwise the parser finds it in
    the text.
    """
    text, damage = decode(data, fallback=True)
    meta = dict(meta)
    if damage:
        meta["encoding"] = damage
        yield Problem(source, "", damage)
    cable_id = id_from_name(name)
    if cable_id:
        meta["id"] = cable_id
    if not text.strip():
        yield Problem(source, "", "empty file: no cable text")
        return
    yield RawRecord(source=source, locator="", format=FORMAT, text=text, meta=meta)
