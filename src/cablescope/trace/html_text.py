"""The main text of an HTML page: what a reader reads, without navigation or boilerplate.

A small readability: the page is parsed into a tree by libxml2 (through lxml: tolerant of bad
markup, in C, linear in the input, nesting capped at 255 elements), elements that are never
content (scripts, forms, nav, side bars, link lists, share buttons) are dropped, and the element
whose paragraphs hold the most non-link text is the main text. It is rendered block by block
(blank line between blocks, whitespace collapsed inside them), keeping block quotes, headings and
links with their offsets in the rendered text.

Every step after parsing is linear in the size of the tree: text lengths are counted once per
element, and the renderer keeps its line's length and last character as it goes. On the 33 real
pages of ../shared/articles this reader extracts the labelled main text exactly, as
readability-lxml does and trafilatura does not (docs/benchmarks.md, "Article reading").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cablescope.errors import ArticleError

_DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button",
    "select", "input", "textarea", "nav", "header", "footer", "aside", "menu", "head", "object",
    "embed", "video", "audio", "map", "dialog",
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
_LINK_LIST_SHARE = 0.6  # a block whose text is more than this share links is navigation
_LINK_LIST_MAX = 3000  # ... unless it holds this much text or more


@dataclass(slots=True, eq=False)
class _Node:
    tag: str
    attrs: dict[str, str]
    children: list[_Node | str] = field(default_factory=list)
    parent: _Node | None = None
    total: int = 0  # characters of text below (stripped per text node), counted once
    linked: int = 0  # of those, inside a link below this element


def _dropped(tag: str, attrs: dict[str, str]) -> bool:
    if tag in _DROP_TAGS or "hidden" in attrs:
        return True
    if attrs.get("aria-hidden") == "true" or attrs.get("role") in ("navigation", "banner"):
        return True
    marks = " ".join((attrs.get("class", ""), attrs.get("id", "")))
    return bool(marks.strip()) and bool(_BOILERPLATE.search(marks)) and tag not in (
        "body", "html", "main", "article")


def _parse(html: str) -> tuple[_Node, str | None]:
    """The page as a tree of `_Node`, never-content elements left out, and its title."""
    import lxml.etree  # type: ignore[import-untyped]
    import lxml.html  # type: ignore[import-untyped]

    if not html.strip():
        return _Node("#root", {}), None
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        document = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser)
    except (lxml.etree.ParserError, ValueError):
        return _Node("#root", {}), None  # nothing but markup: no main text
    if any("Excessive depth" in error.message for error in parser.error_log):
        raise ArticleError("HTML nested more than 255 elements deep: not a page this reader "
                           "can take apart")
    title_element = document.find(".//title")
    title = title_element.text_content() if title_element is not None else None
    root = _Node("#root", {})
    # Iteratively, in document order: an element's text, its children, then its tail (a str
    # on the stack is a tail, added to the node it follows in).
    stack: list[tuple[Any, _Node]] = [(document, root)]
    while stack:
        element, parent = stack.pop()
        if isinstance(element, str):
            parent.children.append(element)
            continue
        if element.tail:
            stack.append((element.tail, parent))
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        attrs = {str(k): str(v) for k, v in element.attrib.items()}
        if not tag or _dropped(tag, attrs):
            continue
        node = _Node(tag, attrs, parent=parent)
        parent.children.append(node)
        if element.text:
            node.children.append(element.text)
        stack.extend((child, node) for child in reversed(element))
    _count(root)
    return root, title


def _walk(root: _Node) -> list[_Node]:
    """Every element below `root`, in document order (preorder), without recursion."""
    order: list[_Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(c for c in reversed(node.children) if isinstance(c, _Node))
    return order


def _count(root: _Node) -> None:
    """`total` and `linked` of every element, children before parents: text under a link
    counts as linked for every element above the link (the element itself being a link does
    not make its own text linked)."""
    for node in reversed(_walk(root)):
        total = linked = 0
        for child in node.children:
            if isinstance(child, str):
                total += len(child.strip())
            else:
                total += child.total
                linked += child.total if child.tag == "a" else child.linked
        node.total, node.linked = total, linked


def _drop_link_lists(main: _Node) -> None:
    """Blocks that are mostly links (related articles, tag clouds) are navigation."""
    for node in _walk(main):
        node.children = [
            child for child in node.children
            if not (isinstance(child, _Node)
                    and child.tag in ("div", "ul", "ol", "table", "section") and child.total
                    and child.linked / child.total > _LINK_LIST_SHARE
                    and child.total < _LINK_LIST_MAX)]


def _main(root: _Node) -> _Node:
    """The element holding the article: <article>/<main> when present, else the best-scored
    parent of paragraphs (non-link text, its parent gets half)."""
    nodes = _walk(root)
    for tag in ("article", "main"):
        candidates = [n for n in nodes if n.tag == tag]
        if candidates:
            best = max(candidates, key=lambda n: n.total)
            if best.total > 200:
                return best
    scores: dict[int, float] = {}
    by_id: dict[int, _Node] = {}
    for para in nodes:
        if para.tag not in ("p", "pre", "blockquote", "td"):
            continue
        value = float(para.total - para.linked)
        if value < 20:
            continue
        parent = para.parent
        weight = 1.0
        while parent is not None and weight >= 0.25:
            scores[id(parent)] = scores.get(id(parent), 0.0) + value * weight
            by_id[id(parent)] = parent
            parent = parent.parent
            weight /= 2
    if not scores:
        return next((n for n in nodes if n.tag == "body"), root)
    return by_id[max(scores, key=scores.__getitem__)]


class _Renderer:
    """Renders a subtree to blocks of text separated by blank lines."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[tuple[int, int, str]] = []
        self.links: list[tuple[int, int, str]] = []
        self.line: list[str] = []
        self.line_length = 0
        self.line_ends_space = True  # an empty line counts as ending in a space
        self.line_links: list[tuple[int, int, str]] = []  # offsets into the joined line
        self.line_kind = "text"
        self.quote_depth = 0

    def _add(self, piece: str) -> None:
        if piece:
            self.line.append(piece)
            self.line_length += len(piece)
            self.line_ends_space = piece[-1] in " \n"

    def text(self, data: str, pre: bool) -> None:
        if pre:
            self._add(data)
            return
        collapsed = _SPACE.sub(" ", data)
        if self.line_ends_space:
            collapsed = collapsed.lstrip()
        self._add(collapsed)

    def newline(self) -> None:
        if self.line and not self.line_ends_space:
            self._add("\n")

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
        self.line_length = 0
        self.line_ends_space = True
        self.line_links = []
        self.line_kind = "text"

    def render(self, node: _Node, pre: bool = False) -> None:
        """Recursive over elements: the tree is at most 256 deep (libxml2's limit)."""
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
                begin = self.line_length
                self.render(child, pre)
                if self.line_length > begin:
                    self.line_links.append((begin, self.line_length, child.attrs["href"]))
            else:
                self.render(child, pre or tag == "pre")
            if tag == "blockquote":
                self.flush()
                self.quote_depth -= 1
            if block:
                self.flush()


Span = tuple[int, int, str]


def block_text(html: str) -> str:
    """The text of an HTML fragment (a raw HTML block in Markdown), whitespace collapsed."""
    import lxml.etree  # type: ignore[import-untyped]
    import lxml.html  # type: ignore[import-untyped]

    if not html.strip():
        return ""
    try:
        fragment = lxml.html.fragment_fromstring(html.encode("utf-8", "replace"),
                                                 create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    return _SPACE.sub(" ", fragment.text_content()).strip()


def html_to_text(html: str) -> tuple[str, list[Span], list[Span], str | None]:
    """Main text of an HTML page, its blocks `(start, end, kind)` and links `(start, end, href)`
    (offsets into that text), and its title."""
    root, title = _parse(html)
    main = _main(root)
    _drop_link_lists(main)
    renderer = _Renderer()
    renderer.render(main)
    renderer.flush()
    title = _SPACE.sub(" ", title).strip() if title else None
    return "".join(renderer.parts), renderer.blocks, renderer.links, title or None
