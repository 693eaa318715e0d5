"""The main text of an HTML page: what a reader reads, without navigation or boilerplate.

A small readability: the page is parsed into a tree (stdlib `html.parser`, tolerant of bad
markup), elements that are never content (scripts, forms, nav, side bars, link lists, share
buttons) are dropped, and the element whose paragraphs hold the most non-link text is the main
text. It is rendered block by block (blank line between blocks, whitespace collapsed inside
them), keeping block quotes, headings and links with their offsets in the rendered text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button",
    "select", "input", "textarea", "nav", "header", "footer", "aside", "menu", "head", "object",
    "embed", "video", "audio", "map", "dialog",
})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})
_BLOCK = frozenset({
    "address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table",
    "tbody", "td", "th", "thead", "tr", "ul", "body", "html", "center",
})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|sidebar|side-bar|footer|header|masthead|"
    r"comments?|share|sharing|social|related|langlist|morearticles|rightcol|leftcol|breadcrumbs?|"
    r"advert|ads?|promo|cookie|subscribe|newsletter|widget|toolbar|pagination|pager|skip|"
    r"small|byline-tools|tags)(?:$|[\s_-])",
    re.I,
)
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class _Node:
    tag: str
    attrs: dict[str, str]
    children: list[_Node | str] = field(default_factory=list)
    parent: _Node | None = None


class _TreeBuilder(HTMLParser):
    """Tolerant tree building: unclosed tags close with their parent, stray end tags are ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {})
        self.stack = [self.root]
        self.title: str | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag == "p":  # a <p> closes an open <p>
            self._close("p", stop_at={"div", "blockquote", "td", "li", "section", "article"})
        node = _Node(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        self._close(tag)

    def _close(self, tag: str, stop_at: set[str] | None = None) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            name = self.stack[i].tag
            if name == tag:
                del self.stack[i:]
                return
            if stop_at and name in stop_at:
                return

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data
        self.stack[-1].children.append(data)


def _dropped(node: _Node) -> bool:
    if node.tag in _DROP_TAGS:
        return True
    if "hidden" in node.attrs:
        return True
    if node.attrs.get("aria-hidden") == "true" or node.attrs.get("role") in ("navigation",
                                                                              "banner"):
        return True
    marks = " ".join((node.attrs.get("class", ""), node.attrs.get("id", "")))
    return bool(marks.strip()) and bool(_BOILERPLATE.search(marks)) and node.tag not in (
        "body", "html", "main", "article")


def _prune(node: _Node) -> None:
    node.children = [c for c in node.children if isinstance(c, str) or not _dropped(c)]
    for child in node.children:
        if isinstance(child, _Node):
            _prune(child)


def _text_and_link_length(node: _Node, in_link: bool = False) -> tuple[int, int]:
    total = linked = 0
    for child in node.children:
        if isinstance(child, str):
            n = len(child.strip())
            total += n
            if in_link:
                linked += n
        else:
            t, li = _text_and_link_length(child, in_link or child.tag == "a")
            total += t
            linked += li
    return total, linked


def _drop_link_lists(node: _Node) -> None:
    """Blocks that are mostly links (related articles, tag clouds) are navigation."""
    kept: list[_Node | str] = []
    for child in node.children:
        if isinstance(child, _Node) and child.tag in ("div", "ul", "ol", "table", "section"):
            total, linked = _text_and_link_length(child)
            if total and linked / total > 0.6 and total < 3000:
                continue
            _drop_link_lists(child)
        elif isinstance(child, _Node):
            _drop_link_lists(child)
        kept.append(child)
    node.children = kept


def _find_all(node: _Node, tags: set[str]) -> list[_Node]:
    found = []
    for child in node.children:
        if isinstance(child, _Node):
            if child.tag in tags:
                found.append(child)
            found.extend(_find_all(child, tags))
    return found


def _main(root: _Node) -> _Node:
    """The element holding the article: <article>/<main> when present, else the best-scored
    parent of paragraphs (non-link text, its parent gets half)."""
    for tag in ("article", "main"):
        candidates = _find_all(root, {tag})
        if candidates:
            best = max(candidates, key=lambda n: _text_and_link_length(n)[0])
            if _text_and_link_length(best)[0] > 200:
                return best
    scores: dict[int, float] = {}
    nodes: dict[int, _Node] = {}
    for para in _find_all(root, {"p", "pre", "blockquote", "td"}):
        total, linked = _text_and_link_length(para)
        value = float(total - linked)
        if value < 20:
            continue
        parent = para.parent
        weight = 1.0
        while parent is not None and weight >= 0.25:
            scores[id(parent)] = scores.get(id(parent), 0.0) + value * weight
            nodes[id(parent)] = parent
            parent = parent.parent
            weight /= 2
    if not scores:
        bodies = _find_all(root, {"body"})
        return bodies[0] if bodies else root
    return nodes[max(scores, key=scores.__getitem__)]


class _Renderer:
    """Renders a subtree to blocks of text separated by blank lines."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[tuple[int, int, str]] = []
        self.links: list[tuple[int, int, str]] = []
        self.line: list[str] = []
        self.line_links: list[tuple[int, int, str]] = []  # offsets into the joined line
        self.line_kind = "text"
        self.quote_depth = 0
        self.pending_space = False

    def _line_length(self) -> int:
        return sum(len(x) for x in self.line)

    def text(self, data: str, pre: bool) -> None:
        if pre:
            self.line.append(data)
            return
        collapsed = _SPACE.sub(" ", data)
        if not collapsed:
            return
        if not self.line or self._line_ends_space():
            collapsed = collapsed.lstrip()
        self.line.append(collapsed)

    def _line_ends_space(self) -> bool:
        for piece in reversed(self.line):
            if piece:
                return piece[-1] in " \n"
        return True

    def newline(self) -> None:
        if self.line and not self._line_ends_space():
            self.line.append("\n")

    def flush(self) -> None:
        raw = "".join(self.line)
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if body:
            if self.parts:
                self.parts.append("\n\n")
                self.length += 2
            start = self.length
            self.parts.append(body)
            self.length += len(body)
            kind = "quote" if self.quote_depth else self.line_kind
            self.blocks.append((start, self.length, kind))
            for s, e, href in self.line_links:
                s2 = max(0, min(len(body), s - lead))
                e2 = max(0, min(len(body), e - lead))
                if e2 > s2:
                    self.links.append((start + s2, start + e2, href))
        self.line = []
        self.line_links = []
        self.line_kind = "text"

    def render(self, node: _Node, pre: bool = False) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.text(child, pre)
                continue
            tag = child.tag
            if tag == "br":
                self.newline()
                continue
            if tag in ("img", "hr"):
                if tag == "hr":
                    self.flush()
                continue
            block = tag in _BLOCK
            if block:
                self.flush()
            if tag in _HEADINGS:
                self.line_kind = "heading"
            if tag == "blockquote":
                self.quote_depth += 1
            if tag == "a" and child.attrs.get("href"):
                begin = self._line_length()
                self.render(child, pre)
                end = self._line_length()
                if end > begin:
                    self.line_links.append((begin, end, child.attrs["href"]))
            else:
                self.render(child, pre or tag == "pre")
            if tag == "blockquote":
                self.flush()
                self.quote_depth -= 1
            if block:
                self.flush()


Span = tuple[int, int, str]


def html_to_text(html: str) -> tuple[str, list[Span], list[Span], str | None]:
    """Main text of an HTML page, its blocks `(start, end, kind)` and links `(start, end, href)`
    (offsets into that text), and its title."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    root = builder.root
    _prune(root)
    main = _main(root)
    _drop_link_lists(main)
    renderer = _Renderer()
    renderer.render(main)
    renderer.flush()
    title = _SPACE.sub(" ", builder.title).strip() if builder.title else None
    return "".join(renderer.parts), renderer.blocks, renderer.links, title
