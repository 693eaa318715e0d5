"""Read an article (HTML, Markdown or plain text) into the text a reader sees, with its structure.

Every offset the tracer reports is into `Article.text`, the text as extracted here: HTML keeps
only the main text (navigation, scripts, side bars and link lists dropped: `html_text`), Markdown
is the text markdown-it-py renders, plain text is kept as written. No regular expression here
backtracks: reading takes time linear in the article's size. Blocks (paragraphs, headings, block
quotes) and links (their targets name cables) are kept with their offsets into that text.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cablescope.errors import ArticleError
from cablescope.sources.decoding import bom_encoding
from cablescope.trace.html_text import block_text, html_to_text

MAX_BYTES = 20_000_000
MAX_CHARS = 2_000_000

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt", ".text")
ARTICLE_SUFFIXES = HTML_SUFFIXES + MARKDOWN_SUFFIXES + TEXT_SUFFIXES


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level unit of the text: `kind` is 'text', 'heading', 'quote' or 'list'."""

    start: int
    end: int
    kind: str = "text"


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink: its anchor text's span in the article text and its target."""

    start: int
    end: int
    href: str


@dataclass(slots=True)
class Article:
    """An article as the tracer sees it: extracted text plus where its blocks and links are."""

    source: str
    text: str
    format: str  # 'html' | 'markdown' | 'text'
    title: str | None = None
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def read_article(path: str | Path, *, encoding: str | None = None,
                 format: str | None = None) -> Article:
    """Read an article file ('-' reads standard input); the format follows the suffix.

    Raises `ArticleError` naming the file for a missing, huge, empty or undecodable article.
    """
    source = str(path)
    if source == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        source = "<stdin>"
    else:
        p = Path(path)
        if p.is_dir():
            raise ArticleError(f"{source}: is a folder, not an article")
        try:
            size = p.stat().st_size
            if size > MAX_BYTES:
                raise ArticleError(
                    f"{source}: article too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
            data = p.read_bytes()
        except FileNotFoundError:
            raise ArticleError(f"{source}: no such file") from None
        except OSError as exc:
            raise ArticleError(f"{source}: cannot read: {exc.strerror or exc}") from None
    if format is None:
        format = guess_format(source, data)
    text = decode_article(data, source, encoding=encoding, html=format == "html")
    return parse_article(text, source=source, format=format)


def guess_format(source: str, data: bytes) -> str:
    """'html', 'markdown' or 'text': by suffix, else by sniffing the first bytes."""
    lower = source.lower()
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    if lower.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    if lower.endswith(TEXT_SUFFIXES):
        return "text"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "html"
    return "text"


_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def decode_article(data: bytes, source: str, *, encoding: str | None = None,
                   html: bool = False) -> str:
    """Bytes to text: the given encoding, else a BOM, else (HTML) the declared charset, else
    UTF-8. Undecodable bytes are an error that names the byte, never silently replaced."""
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{source}: article too large (over {MAX_BYTES:,} bytes)")
    chosen = encoding
    declared = False
    if chosen is None:
        if marked := bom_encoding(data[:4]):
            chosen = marked
        elif html and (m := _DECLARED.search(data[:4096])):
            chosen, declared = m.group(1).decode("ascii").lower(), True
        else:
            chosen = "utf-8"
    try:
        codecs.lookup(chosen)
    except LookupError:
        if declared:
            raise ArticleError(f"{source}: the page declares charset {chosen!r}, not a known "
                               "encoding; give its encoding with --encoding (e.g. --encoding "
                               "utf-8)") from None
        raise ArticleError(f"{source}: unknown text encoding {chosen!r}") from None
    try:
        return data.decode(chosen)
    except UnicodeDecodeError as exc:
        nul = data.find(b"\x00")
        if nul >= 0 and not chosen.startswith(("utf-16", "utf-32")):
            # random bytes: an encoding would not help, so do not suggest one
            raise ArticleError(f"{source}: binary data (a NUL byte at byte {nul}), not an "
                               "article") from None
        raise ArticleError(
            f"{source}: not valid {chosen} text at byte {exc.start} "
            f"({data[exc.start:exc.start + 4]!r}); give its encoding with --encoding "
            "(e.g. --encoding cp1252)"
        ) from None


def parse_article(text: str, *, source: str = "<text>", format: str = "text") -> Article:
    """Extract the readable text of an already decoded article."""
    if "\x00" in text:
        raise ArticleError(f"{source}: binary data (NUL characters), not an article")
    if format == "html":
        extracted, block_spans, link_spans, title = html_to_text(text)
        blocks = [Block(*span) for span in block_spans]
        links = [Link(*span) for span in link_spans]
    elif format == "markdown":
        extracted, blocks, links = _markdown(text)
        title = next((extracted[b.start:b.end] for b in blocks if b.kind == "heading"), None)
    elif format == "text":
        extracted, blocks = _plain(text)
        links, title = [], None
    else:
        raise ArticleError(f"{source}: unknown article format {format!r}")
    if not extracted.strip():
        what = "no main text found" if format == "html" else "the article is empty"
        raise ArticleError(f"{source}: {what}")
    if len(extracted) > MAX_CHARS:
        raise ArticleError(
            f"{source}: article too large ({len(extracted):,} characters of text; the limit is "
            f"{MAX_CHARS:,}): split it")
    return Article(source, extracted, format, title, blocks, links)


# --- plain text ----------------------------------------------------------------------------------

_BLANK = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")


def _split_blocks(lines_text: str) -> list[str]:
    return [b for b in _BLANK.split(lines_text) if b.strip()]


def _plain(raw: str) -> tuple[str, list[Block]]:
    """Plain text as written (line ends unified); '>'-prefixed or indented blocks are quotes."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    out: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for chunk in _split_blocks(text):
        lines = chunk.strip("\n").split("\n")
        kind = "text"
        if all(line.lstrip().startswith(">") for line in lines):
            lines = [re.sub(r"^\s*>+ ?", "", line) for line in lines]
            kind = "quote"
        elif len(lines[0]) - len(lines[0].lstrip()) >= 4 and all(
                not line.strip() or line.startswith(("    ", "\t")) for line in lines):
            kind = "quote"
        body = "\n".join(line.strip() for line in lines).strip()
        if not body:
            continue
        if out:
            out.append("\n\n")
            pos += 2
        out.append(body)
        blocks.append(Block(pos, pos + len(body), kind))
        pos += len(body)
    return "".join(out), blocks


# --- Markdown ------------------------------------------------------------------------------------

# Blocks of text a Markdown document renders; a `fence` or `code_block` keeps its lines as they are.
_MD_LEAVES = frozenset({"inline", "fence", "code_block", "html_block"})


def _md_parser() -> Any:
    """CommonMark with tables and strikethrough, as most newsroom Markdown has them.

    markdown-it-py parses in time linear in the input for all but nesting, which it caps
    (`maxNesting`: lists and block quotes 20 deep), so no input makes it backtrack.
    """
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _md_inline(children: list[Any], base: int, links: list[Link]) -> str:
    """An inline token's text without its markup; link spans recorded relative to `base`."""
    out: list[str] = []
    length = 0
    opened: list[tuple[int, str]] = []  # (start, href) of the links open here
    for token in children:
        kind = token.type
        if kind in ("text", "code_inline"):
            piece = token.content
        elif kind in ("softbreak", "hardbreak"):
            piece = "\n"
        elif kind == "link_open":
            opened.append((length, str(token.attrs.get("href", ""))))
            continue
        elif kind == "link_close":
            if opened:
                start, href = opened.pop()
                if length > start:
                    links.append(Link(base + start, base + length, href))
            continue
        else:  # emphasis marks, images, inline HTML tags: no text of their own
            continue
        out.append(piece)
        length += len(piece)
    return "".join(out)


def _markdown(raw: str) -> tuple[str, list[Block], list[Link]]:
    """Markdown to the text it renders: headings, quotes, lists and links without their markup,
    one block per paragraph, heading, list item or code block."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if text.startswith("---\n"):  # YAML front matter
        end = text.find("\n---", 4)
        if end != -1:
            text = text[end + 4:]
    out: list[str] = []
    blocks: list[Block] = []
    links: list[Link] = []
    pos = 0
    quote_depth = list_depth = 0
    heading = False
    for token in _md_parser().parse(text):
        kind = token.type
        if kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "heading_open":
            heading = True
        elif kind == "heading_close":
            heading = False
        if kind not in _MD_LEAVES:
            continue
        start = pos + (2 if out else 0)
        first_link = len(links)
        if kind == "inline":
            body = _md_inline(token.children or [], start, links)
        elif kind == "html_block":
            body = block_text(token.content)
        else:
            body = token.content.rstrip("\n")
        stripped = body.strip()
        if not stripped:
            del links[first_link:]
            continue
        if stripped != body:  # keep the links' offsets right when the ends are trimmed
            lead = len(body) - len(body.lstrip())
            body = stripped
            links[first_link:] = [
                Link(min(max(link.start - lead, start), start + len(body)),
                     min(max(link.end - lead, start), start + len(body)), link.href)
                for link in links[first_link:]]
        if out:
            out.append("\n\n")
        out.append(body)
        pos = start + len(body)
        block_kind = ("heading" if heading else "quote" if quote_depth
                      else "list" if list_depth else "text")
        blocks.append(Block(start, pos, block_kind))
    return "".join(out), blocks, [link for link in links if link.end > link.start]


# --- language ------------------------------------------------------------------------------------

_STOPWORDS = {
    "en": "the and of to in that is was for with on are by as from this have which",
    "pt": "de que não para com uma os do da em por dos das ao mais foi como seu",
    "es": "el la que de los del las por con una para es se su al lo como más",
    "fr": "le la les des et est que une du pour dans qui sur au pas par ce avec",
    "sv": "och att det som en är på för med av till har den inte om ett var",
    "de": "der die und das nicht ist mit den von zu sich auf für dem ein eine auch",
    "it": "il di che non per con una gli della delle nel sono alla dei anche come più questo",
}
_STOPSETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_WORDS = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the article's language by script and common words, or None."""
    sample = text[:20000]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return None
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    if cyrillic > len(letters) / 3:
        return "ru"
    if arabic > len(letters) / 3:
        return "ar"
    words = [w.lower() for w in _WORDS.findall(sample)]
    if not words:
        return None
    scores = {lang: sum(1 for w in words if w in stops) for lang, stops in _STOPSETS.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= max(3, len(words) // 50) else None
