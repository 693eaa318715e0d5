"""WikiLeaks cable pages (`cable/YYYY/MM/<ID>.html`): the metadata table and the `<pre>` blocks.

Pages are ~75 KB, almost all navigation boilerplate; regular expressions over the raw text are
several times faster than a parser and enough for this fixed, machine-written layout.

Every page has two `<pre>` blocks. The last is the cable text. The one before it is the routing
header (`VZCZC...`, `R 091654Z SEP 08`, `FM AMEMBASSY PARIS`, `TO ...`) — what `cables.csv`
carries in its header column, so it goes to `RawRecord.header` — or, when WikiLeaks had no
header, the fixed sentence "This record is a partial extract of the original cable. The full
text of the original cable is not available." Despite its words that sentence stands in for the
missing header and says nothing about the body: 05PARIS5335 carries it above its complete text
(all 14 paragraphs and the signer), while the truly partial first version of 08PARIS1698 (cut
mid-sentence in paragraph 36, later replaced by the full text) has a routing header and no such
sentence. The sentence is kept verbatim in `meta['notice']` and must not be read as "partial".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cablescope.sources.decoding import decode, unescape
from cablescope.sources.record import Problem, RawRecord

FORMAT = "html"

# Every pattern here is linear: a tag is `<`, then anything but `<` and `>`, then `>`, so a
# failed match stops at the next `<` and no stretch of the page is scanned twice; a cell or a
# link text ends at the first closing tag after it, found by a search for that literal tag, never
# by a lazy `.*?` that rescans to the end of the page for each opening.
_TABLE = re.compile(rb"<table\s+class=['\"]cable['\"]", re.I)
_CELL_TAG = re.compile(r"<(/?)t([hd])\b[^<>]*>", re.I)
_CELL_CLOSE = {"h": re.compile(r"</th>", re.I), "d": re.compile(r"</td>", re.I)}
_LINK_OPEN = re.compile(r"<a\b[^<>]*>", re.I)
_LINK_CLOSE = re.compile(r"</a>", re.I)
_ANY_TAG = re.compile(r"<[^<>]*>")
# Only the link markup WikiLeaks added (TAGS links, paragraph anchors). Other tag-like text in
# the block (`<<Israel>>`, `< /a>`, a stray `<br>`) was in the cable as published and is kept.
_LINK_TAG = re.compile(r"<a\b[^<>]*>|</a\s*>", re.I)

NOTICE_PREFIX = "This record is a partial extract"
_COLUMNS = {
    "reference id": "id",
    "created": "created",
    "released": "released",
    "classification": "classification",
    "origin": "origin",
}


def _cell(raw: str) -> str:
    return " ".join(unescape(_ANY_TAG.sub(" ", raw)).split())


def _cells(table: str) -> Iterator[tuple[str, str]]:
    """(kind 'h' or 'd', raw content) of each table cell: from an opening `<th>`/`<td>` to the
    first closing tag of its kind, in one pass."""
    position = 0
    while match := _CELL_TAG.search(table, position):
        position = match.end()
        if match.group(1):
            continue  # a closing tag with no opening: skip it
        kind = match.group(2).lower()
        close = _CELL_CLOSE[kind].search(table, position)
        if close is None:
            return
        yield kind, table[position:close.start()]
        position = close.end()


def _link_texts(raw: str) -> Iterator[str]:
    """The text of each `<a ...>...</a>` in a cell, in one pass."""
    position = 0
    while match := _LINK_OPEN.search(raw, position):
        close = _LINK_CLOSE.search(raw, match.end())
        if close is None:
            return
        yield raw[match.end():close.start()]
        position = close.end()


def _table_meta(table: str) -> dict[str, str]:
    """Header cells mapped to the first row of data cells; the articles row as link texts."""
    meta: dict[str, str] = {}
    names: list[str] = []
    values: list[str] = []
    for kind, raw in _cells(table):
        if kind == "h":
            names.append(_cell(raw).lower())
        elif len(values) < len(names):
            values.append(_cell(raw))
        elif "articles" in raw.lower():
            links = [_cell(text) for text in _link_texts(raw)]
            if any(links):
                meta["articles"] = " ".join(link for link in links if link)
    for name, value in zip(names, values, strict=False):
        key = _COLUMNS.get(name)
        if key and value:
            meta[key] = value
    return meta


def _find_table(data: bytes) -> int:
    """Offset of the metadata table, or -1. It sits near the end of a 75 KB page, so a search
    from the end (bytes.rfind) is far quicker than a forward regex scan; the regex is the
    fallback for other quoting or case."""
    start = data.rfind(b"<table class='cable'>")
    if start >= 0:
        return start
    match = _TABLE.search(data)
    return match.start() if match else -1


def _pre_blocks(page: str, start: int) -> tuple[list[str], bool]:
    """The contents of the `<pre>` blocks after `start`, found with str.find (fast), and whether
    the last one is opened but never closed (a page cut short)."""
    blocks: list[str] = []
    while True:
        opening = page.find("<pre", start)
        if opening < 0:
            return blocks, False
        is_pre = page[opening + 4 : opening + 5] in (">", " ", "\t", "\n")
        body = page.find(">", opening) + 1
        closing = page.find("</pre>", body)
        if body == 0 or closing < 0:
            return blocks, is_pre
        if is_pre:
            blocks.append(page[body:closing])
        start = closing + 6


def is_cable_page(data: bytes) -> bool:
    """Whether a page has the cable metadata table (index and tag pages do not)."""
    return _find_table(data) >= 0


def read_page(data: bytes, source: str, meta: dict[str, str]) -> Iterator[RawRecord | Problem]:
    """The record of one cable page, plus a Problem for bad bytes or a missing table or text.

    `meta` holds what the container knows (e.g. `seen`); the page's own fields are added to it.
    """
    if not data.strip():
        yield Problem(source, "", f"empty file ({len(data):,} bytes): no cable page")
        return
    start = _find_table(data)
    if start < 0:
        yield Problem(source, "", "not a cable page: no <table class='cable'> metadata table")
        return
    # Only the table and what follows it are read: the navigation before it is not decoded.
    page, damage = decode(data[start:], fallback=False)
    if damage:
        yield Problem(source, "", damage)
    table_end = page.find("</table>")
    if table_end < 0:
        yield Problem(source, "", "cable page with an unterminated metadata table")
        return
    blocks, unclosed = _pre_blocks(page, table_end)
    if unclosed:
        yield Problem(source, "", "cable page cut short: its last <pre> block is never closed, "
                      "so the cable text is incomplete; not read")
        return
    if not blocks:
        yield Problem(source, "", "cable page without cable text: no <pre> block")
        return
    meta = {**meta, **_table_meta(page[:table_end])}
    if damage:
        meta["encoding"] = damage
    header = ""
    for block in blocks[:-1]:
        value = unescape(_LINK_TAG.sub("", block))
        if value.startswith(NOTICE_PREFIX):
            meta["notice"] = value
        else:
            header = value
    text = unescape(_LINK_TAG.sub("", blocks[-1]))
    if text.lstrip().startswith(NOTICE_PREFIX):
        yield Problem(source, "", "cable page without cable text: its last <pre> block holds "
                      "WikiLeaks' partial-extract notice, not the cable")
        return
    yield RawRecord(source=source, locator="", format=FORMAT, text=text, header=header, meta=meta)
