"""HTML rendering: one Jinja2 environment with autoescape, and the few helpers that build markup.

Every string that comes from a cable, an article or a request is escaped: templates autoescape,
and the helpers here that return `Markup` escape each piece of text they wrap. Nothing else in the
web layer builds HTML by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus, urlencode

import jinja2
from markupsafe import Markup, escape

from cablescope.web.diff import ranges

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"

REDACTION = re.compile(r"X{5,}")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text to wrap: `[start, end)` gets `<tag class=cls>` (an `<a>` when `href`)."""

    start: int
    end: int
    cls: str
    href: str | None = None
    title: str | None = None
    tag: str = "span"


def wrap_spans(text: str, spans: Iterable[Span],
               marks: Sequence[tuple[int, int]] = ()) -> Markup:
    """`text` escaped, with each span wrapped; overlapping spans after the first are dropped.

    `marks` (search hits) are `<mark>`ed inside whatever span they fall in, cut at its edges, so
    a highlighted word keeps its entity link or redaction bar.
    """
    out: list[str] = []
    pos = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        start, end = max(span.start, 0), min(span.end, len(text))
        if start < pos or start >= end:
            continue
        out.append(_marked(text, pos, start, marks))
        attrs = f' class="{escape(span.cls)}"'
        if span.title:
            attrs += f' title="{escape(span.title)}"'
        tag = "a" if span.href else span.tag
        if span.href:
            attrs = f' href="{escape(span.href)}"' + attrs
        out.append(f"<{tag}{attrs}>{_marked(text, start, end, marks)}</{tag}>")
        pos = end
    out.append(_marked(text, pos, len(text), marks))
    return Markup("".join(out))


def _marked(text: str, start: int, end: int, marks: Sequence[tuple[int, int]]) -> str:
    """`text[start:end]` escaped, the parts of `marks` inside it in `<mark class="hit">`."""
    out: list[str] = []
    pos = start
    for a, b in marks:
        a, b = max(a, pos), min(b, end)
        if a >= b:
            continue
        out.append(f'{escape(text[pos:a])}<mark class="hit">{escape(text[a:b])}</mark>')
        pos = b
    out.append(str(escape(text[pos:end])))
    return "".join(out)


def redaction_spans(text: str) -> list[Span]:
    """Every `XXXXXXXXXXXX` run: shown, never hidden, so a reader sees where sources were cut."""
    return [Span(m.start(), m.end(), "redacted", title="redacted in the published cable")
            for m in REDACTION.finditer(text)]


def cable_text(text: str, extra: Sequence[Span] = (),
               marks: Sequence[tuple[int, int]] = ()) -> Markup:
    """Cable text escaped, redactions marked, plus `extra` spans (entities, trace segments) and
    search hits `marks` (sorted `(start, end)` offsets)."""
    return wrap_spans(text, [*extra, *redaction_spans(text)], marks)


def highlighted(text: str, marks: Sequence[tuple[int, int]]) -> Markup:
    """Search snippet: text escaped, each `(start, end)` hit in `<mark>`."""
    return wrap_spans(text, [], marks)


def paragraph_anchor(number: int | None, seq: int, first: bool) -> str:
    """A paragraph's id on the cable page: `p4` for the first paragraph numbered 4 (the address
    people cite), `s<seq>` for an unnumbered block or a number printed twice."""
    return f"p{number}" if number is not None and first else f"s{seq}"


def cable_url(cable_id: str, paragraph: int | None = None) -> str:
    """Link to a cable page, to a paragraph anchor when given."""
    url = "/cable/" + quote(cable_id, safe="")
    return f"{url}#p{paragraph}" if paragraph is not None else url


def search_url(q: str, **params: Any) -> str:
    """Link to a search; keeps only parameters that are set."""
    url = "/search?q=" + quote_plus(q)  # urlencode's own quoting, without its general path
    rest = {k: v for k, v in params.items() if v not in (None, "", False)}
    return f"{url}&{urlencode(rest)}" if rest else url


def field_query(field: str, value: str) -> str:
    """A query-language filter, quoted when the value has spaces or punctuation."""
    if re.fullmatch(r"[\w./-]+", value):
        return f"{field}:{value}"
    return f'{field}:"{value.replace(chr(34), "")}"'


def css_token(value: str) -> str:
    """A value made safe as part of a CSS class name (`S/NF` -> `S-NF`)."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", value)


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """`x.y` on a plain dict reads the key at once. Jinja tries the attribute first and catches
    the AttributeError, for every field of every hit: a third of a search page's rendering."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:  # what Jinja would reach
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def _env() -> jinja2.Environment:
    env = _Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # the templates ship with the package: no stat of every template file on every page
        auto_reload=False,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(cable_url=cable_url, search_url=search_url, field_query=field_query)
    env.filters.update(cable_text=cable_text, highlighted=highlighted,
                       css_token=css_token, thousands=lambda n: f"{n:,}",
                       paragraph_ranges=ranges)
    return env


ENV = _env()


def render(template: str, **context: Any) -> str:
    """One page as a string; context values are escaped by the templates."""
    return ENV.get_template(template).render(**context)
