"""Bytes to text without ever crashing, saying what was done when the bytes were not clean UTF-8.

Every reader goes through `decode`, so a corpus with a stray cp1252 byte still loads and the
damage is reported (as a `Problem`) instead of lost or fatal.
"""

from __future__ import annotations

import codecs
import html.entities
import re

_ENTITY = re.compile(r"&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,10})|([A-Za-z][A-Za-z0-9]{0,31}));")
_NAMED = html.entities.html5


# Byte order marks, longest first (UTF-32's little-endian mark begins like UTF-16's).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte order mark at the start of `head` announces (`utf-16`, `utf-32`,
    `utf-8-sig`: codecs that drop the mark), else None. Text editors on Windows save UTF-16
    with one; read as UTF-8 it is a NUL between every letter."""
    return next((name for bom, name in _BOMS if head.startswith(bom)), None)


def decode(data: bytes, *, fallback: bool) -> tuple[str, str | None]:
    """Decode `data` as UTF-8 (a BOM is dropped); on bad bytes say so in the second value.

    A UTF-16 or UTF-32 byte order mark is obeyed. With `fallback` (plain-text cables, often
    cp1252 dumps) try cp1252 then latin-1; without it (WikiLeaks pages, declared UTF-8) keep
    UTF-8 and replace the bad bytes with U+FFFD.
    The second value is None for clean text, else a sentence for a `Problem`.
    """
    marked = bom_encoding(data[:4])
    if marked in ("utf-16", "utf-32"):
        try:
            return data.decode(marked), None
        except UnicodeDecodeError as exc:
            return (data.decode(marked, errors="replace"),
                    f"invalid {marked.upper()} at byte {exc.start}: bad bytes replaced with U+FFFD")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        where = f"invalid UTF-8 at byte {exc.start}"
    if fallback:
        try:
            return data.decode("cp1252"), f"{where}: decoded as cp1252"
        except UnicodeDecodeError:
            return data.decode("latin-1"), f"{where}: decoded as latin-1"
    return data.decode("utf-8-sig", errors="replace"), f"{where}: bad bytes replaced with U+FFFD"


def _entity(match: re.Match[str]) -> str:
    hex_code, dec_code, name = match.groups()
    if name is not None:
        return _NAMED.get(name + ";", match.group(0))
    code = int(hex_code, 16) if hex_code is not None else int(dec_code)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return chr(code)


def unescape(text: str) -> str:
    """Decode complete HTML character references (`&#x000A;`, `&amp;`), nothing else.

    `html.unescape` also decodes bare legacy names without a semicolon, which wrecks real cable
    text: WikiLeaks pages carry mangled curly quotes as `&` and `8`, so "&not squeamish8" would
    become "¬ squeamish8" (09LONDON2581) and "&pounding" "£ing" (08ASTANA338).
    """
    text = text.replace("&#x000A;", "\n")  # the one entity of every page, thousands a page
    if "&" not in text:
        return text
    return _ENTITY.sub(_entity, text)
