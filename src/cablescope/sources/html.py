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

_TABLE = re.compile(rb"<table\s+class=['\"]cable['\"][^>]*>", re.I)
_CELL = re.compile(r"<t([hd])\b[^>]*>(.*?)</t\1>", re.S | re.I)
_HREF_TEXT = re.compile(r"<a\b[^>]*>(.*?)</a>", re.S | re.I)
_ANY_TAG = re.compile(r"<[^>]*>")
# Only the link markup WikiLeaks added (TAGS links, paragraph anchors). Other tag-like text in
# the block (`<<Israel>>`, `< /a>`, a stray `<br>`) was in the cable as published and is kept.
_LINK_TAG = re.compile(r"<a\b[^>]*>|</a\s*>", re.I)

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


def _table_meta(table: str) -> dict[str, str]:
    """Header cells mapped to the first row of data cells; the articles row as link texts."""
    meta: dict[str, str] = {}
    names: list[str] = []
    values: list[str] = []
    for kind, raw in _CELL.findall(table):
        if kind.lower() == "h":
            names.append(_cell(raw).lower())
        elif len(values) < len(names):
            values.append(_cell(raw))
        elif "articles" in raw.lower():
            links = [_cell(text) for text in _HREF_TEXT.findall(raw)]
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


def _pre_blocks(page: str, start: int) -> list[str]:
    """The contents of the `<pre>` blocks after `start`, found with str.find (fast)."""
    blocks: list[str] = []
    while True:
        opening = page.find("<pre", start)
        if opening < 0:
            return blocks
        body = page.find(">", opening) + 1
        closing = page.find("</pre>", body)
        if body == 0 or closing < 0:
            return blocks
        if page[opening + 4 : opening + 5] in (">", " ", "\t", "\n"):
            blocks.append(page[body:closing])
        start = closing + 6


def is_cable_page(data: bytes) -> bool:
    """Whether a page has the cable metadata table (index and tag pages do not)."""
    return _find_table(data) >= 0


def read_page(data: bytes, source: str, meta: dict[str, str]) -> Iterator[RawRecord | Problem]:
    """The record of one cable page, plus a Problem for bad bytes or a missing table or text.

    `meta` holds what the container knows (e.g. `seen`); the page's own fields are added to it.
    """
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
    blocks = _pre_blocks(page, table_end)
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
    yield RawRecord(source=source, locator="", format=FORMAT, text=text, header=header, meta=meta)
