"""Tracing for the pages and the API: read an upload, trace it, lay the report out.

The report is `TraceReport.as_dict()` (the contract of docs/trace.md) plus `id`, the key under
which `web.reports` keeps it, so `/trace/<id>` is a link to share; the downloads (JSON,
standalone HTML) carry it anywhere.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

from cablescope.store import Store
from cablescope.store.shapes import StoredCable
from cablescope.web.errors import BadRequest
from cablescope.web.render import Span, cable_text, cable_url, wrap_spans

FORMATS = ("html", "markdown", "text")
WINDOW = 240  # characters of a long cable paragraph shown around a quotation

_tracers = threading.local()


def read_upload(data: bytes, filename: str | None, fmt: str | None,
                encoding: str | None) -> Any:
    """An `Article` from uploaded or pasted bytes; the format follows `fmt`, else the file name,
    else the content. Undecodable bytes are a 400 naming the byte (never silently replaced)."""
    from cablescope.trace import parse_article
    from cablescope.trace.article import decode_article, guess_format

    source = filename or "pasted text"
    if fmt and fmt not in FORMATS:
        raise BadRequest(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if not data.strip():
        raise BadRequest("nothing to trace: paste an article or choose a file")
    chosen = fmt or guess_format(source, data)
    text = decode_article(data, source, encoding=encoding or None, html=chosen == "html")
    return parse_article(text, source=source, format=chosen)


def tracer_for(store: Store, crosslingual: bool | None = None) -> Any:
    """This thread's `Tracer` over its reader store (its caches are per connection), made
    afresh when cables were ingested since (its corpus counts would be stale); `crosslingual`
    is the Tracer's switch (`WebConfig.crosslingual`)."""
    from cablescope.trace import Tracer
    from cablescope.trace.index import fingerprint

    corpus = fingerprint(store.connection)
    cached = getattr(_tracers, "cached", None)
    if cached is None or cached[0] is not store or cached[1] != corpus:
        cached = (store, corpus, Tracer(store.connection, store.path.name,
                                       crosslingual=crosslingual))
        _tracers.cached = cached
    return cached[2]


def trace(store: Store, article: Any, crosslingual: bool | None = None) -> dict[str, Any]:
    """The report of one article, with the article text (offsets point into it)."""
    report = tracer_for(store, crosslingual).trace(article).as_dict()
    report["article"]["text"] = article.text
    report["article"]["title"] = article.title
    return report


# --- the side-by-side view ---------------------------------------------------------------------


def _best(quote: dict[str, Any]) -> dict[str, Any] | None:
    return quote["matches"][0] if quote["matches"] else None


def view(store: Store, report: dict[str, Any]) -> dict[str, Any]:
    """What the report page shows: the article with each quotation coloured by status and
    linked to its panel; per quotation the cable paragraphs it aligns to, segments marked."""
    text = report["article"]["text"]
    spans = []
    for i, q in enumerate(report["quotes"]):
        best = _best(q)
        title = q["status"] + (f" · {best['cable_id']}" if best else "")
        spans.append(Span(q["start"], q["end"], f"q {q['status']} kind-{q.get('kind', 'quote')}",
                          href=f"#q{i}", title=title))
    cables: dict[str, StoredCable | None] = {}
    quotes = []
    for i, q in enumerate(report["quotes"]):
        matches = []
        for m in q["matches"][:3]:
            cable = cables.setdefault(m["cable_id"], store.cable(m["cable_id"]))
            matches.append({**m, "paragraphs": _aligned(cable, m), "subject":
                            cable["subject"] if cable else None,
                            "listed": [e for e in m["edits"] if not e["cosmetic"]],
                            "folded": [e for e in m["edits"] if e["cosmetic"]]})
        quotes.append({**q, "i": i, "shown": matches})
    claims = [_claim(store, c, cables) for c in report["claims"]
              if c.get("verdict", "supported" if c["matches"] else "not found") != "not found"]
    # the report's own counts (`TraceReport.counts`), never counted again here: the CLI, the
    # JSON, the HTML report and this page show the same numbers
    return {"article_html": wrap_spans(text, spans), "quotes": quotes, "claims": claims,
            "counts": report["summary"], "cited": cited(report)}


def cited(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The cables the article names or links, each once (first mention), in article order."""
    seen: dict[str, dict[str, Any]] = {}
    for m in report.get("cited", []):
        seen.setdefault(m["cable_id"] or m["text"], m)
    return list(seen.values())


def _claim(store: Store, claim: dict[str, Any], cables: dict[str, StoredCable | None]
           ) -> dict[str, Any]:
    """A claim with, per supporting paragraph, the paragraph's text (cut around the supporting
    sentences, which are marked): the cable's words beside the article's."""
    shown = []
    for m in claim["matches"][:3]:
        cable = cables.setdefault(m["cable_id"], store.cable(m["cable_id"]))
        para = next((p for p in (cable["paragraphs"] if cable else [])
                     if p["number"] is not None and p["number"] == m["paragraph"]), None)
        html = None
        if para is not None:
            base = para["start"]
            marks = [Span(e["cable_start"] - base, e["cable_end"] - base, "seg")
                     for e in m.get("evidence", [])
                     if base <= e["cable_start"] < base + len(para["text"])]
            cut, marks = excerpt(para["text"], marks)
            html = cable_text(cut, marks)
        shown.append({**m, "html": html, "href": cable_url(m["cable_id"], m["paragraph"]),
                      "subject": cable["subject"] if cable else None})
    return {**claim, "shown": shown}


def _aligned(cable: StoredCable | None, match: dict[str, Any]) -> list[dict[str, Any]]:
    """The paragraphs a match's segments fall in, each with its aligned stretches marked and,
    inside them, the cable words each edit changed or skipped marked by kind."""
    if cable is None:
        return []
    out: dict[int, dict[str, Any]] = {}
    for seg in match["segments"]:
        para = next((p for p in cable["paragraphs"]
                     if p["start"] <= seg["cable_start"] < max(p["end"], p["start"] + 1)), None)
        if para is None:
            continue
        out.setdefault(para["seq"], {"number": para["number"], "seq": para["seq"],
                                     "href": cable_url(cable["id"], para["number"]),
                                     "address": para["address"], "text": para["text"],
                                     "start": para["start"], "segs": []})
        out[para["seq"]]["segs"].append((seg["cable_start"], seg["cable_end"]))
    edits = [(e["cable_start"], e["cable_end"], e) for e in match["edits"]
             if e.get("cable_end", 0) > e.get("cable_start", 0)]
    shown = []
    for _, entry in sorted(out.items()):
        base, end = entry["start"], entry["start"] + len(entry["text"])
        inside = [(max(a, base), min(b, end), e) for a, b, e in edits if a < end and b > base]
        marks = [Span(a - base, b - base, f"edit {e['kind']}",
                      title=f"{e['kind']}: article “{e['article_text']}” · cable "
                            f"“{e['cable_text']}”") for a, b, e in inside]
        holes = [(a, b) for a, b, _ in inside]
        marks += [Span(a - base, b - base, "seg") for s_a, s_b in entry["segs"]
                  for a, b in _minus((s_a, s_b), holes)]
        text, marks = excerpt(entry["text"], marks)
        shown.append({k: v for k, v in entry.items() if k not in ("segs", "start")}
                     | {"html": cable_text(text, marks)})
    return shown


def excerpt(text: str, marks: list[Span], context: int = WINDOW) -> tuple[str, list[Span]]:
    """A long paragraph cut to the marked stretch and `context` characters around it (at
    spaces, with `…`), the marks moved to match; a short one as it is."""
    if not marks or len(text) <= 3 * context:
        return text, marks
    first, last = min(m.start for m in marks), max(m.end for m in marks)
    lo, hi = max(0, first - context), min(len(text), last + context)
    if lo > 0:  # start after a space, so no word is cut
        lo = text.find(" ", lo, first) + 1 or lo
    if hi < len(text):
        space = text.rfind(" ", last, hi)
        hi = space if space > 0 else hi
    shift = lo - (1 if lo > 0 else 0)
    cut = ("…" if lo > 0 else "") + text[lo:hi] + ("…" if hi < len(text) else "")
    return cut, [replace(m, start=m.start - shift, end=m.end - shift) for m in marks]


def _minus(span: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`span` without the stretches in `holes`."""
    pieces = [span]
    for h_a, h_b in sorted(holes):
        pieces = [piece for a, b in pieces
                  for piece in ((a, min(b, h_a)), (max(a, h_b), b)) if piece[0] < piece[1]]
    return pieces
