"""Bytes to text without ever crashing, saying what was done when the bytes were not clean UTF-8.

Every reader goes through `decode`, so a corpus with a stray cp1252 byte still loads and the
damage is reported (as a `Problem`) instead of lost or fatal.
"""

from __future__ import annotations

import html.entities
import re

_ENTITY = re.compile(r"&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,10})|([A-Za-z][A-Za-z0-9]{0,31}));")
_NAMED = html.entities.html5


def decode(data: bytes, *, fallback: bool) -> tuple[str, str | None]:
    """Decode `data` as UTF-8 (a BOM is dropped); on bad bytes say so in the second value.

    With `fallback` (plain-text cables, often cp1252 dumps) try cp1252 then latin-1; without it
    (WikiLeaks pages, declared UTF-8) keep UTF-8 and replace the bad bytes with U+FFFD.
    The second value is None for clean UTF-8, else a sentence for a `Problem`.
    """
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
