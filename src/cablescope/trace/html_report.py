"""The side-by-side HTML report: the article on the left, the cable paragraphs on the right.

A self-contained page (inline CSS, no script, no external resource). Every piece of article or
cable text goes through `html.escape`: articles and cables are untrusted input.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from cablescope.trace.edits import Edit
from cablescope.trace.report import Claim, Match, TracedQuote, TraceReport, folded, summary_line

CableText = Callable[[str], str | None]

_CSS = """
body{font:15px/1.5 Georgia,serif;margin:0;color:#222;background:#fafafa}
header{padding:12px 20px;background:#1d2b3a;color:#fff}
header h1{font-size:18px;margin:0}header p{margin:4px 0 0;font:13px sans-serif;opacity:.85}
main{display:grid;grid-template-columns:1fr 1fr;gap:0}
.article,.cables{padding:16px 20px;overflow-wrap:anywhere}
.article{white-space:pre-wrap;border-right:1px solid #ddd;background:#fff}
mark{padding:0 1px;border-radius:2px;color:inherit}a{color:inherit;text-decoration:none}
.verbatim{background:#c8f0c8}.edited{background:#fff1a8}.paraphrase{background:#ffd3a8}
.unmatched{background:#f5c6cb}.scare,.phrase{background:#e6e6e6}.translation{background:#cfe3ff}
.cited{border-bottom:2px solid #1d2b3a;background:none}
.claim{border-bottom:2px dotted #5a7fb0;background:none}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;margin:0 0 14px;padding:10px 12px}
.card h2{font:bold 13px sans-serif;margin:0 0 6px}
.badge{display:inline-block;font:11px sans-serif;padding:1px 6px;border-radius:8px;margin-left:4px}
.quote{font-style:italic;margin:4px 0 8px}
.para{font:13px/1.45 monospace;white-space:pre-wrap;background:#f4f4f4;padding:6px;margin:4px 0}
.para mark{background:#c8f0c8}
table{border-collapse:collapse;font:12px sans-serif;width:100%}
td,th{border-top:1px solid #eee;padding:3px 4px;text-align:left;vertical-align:top}
.none{color:#888;font:13px sans-serif}
.supported{background:#c8f0c8}.partly{background:#fff1a8}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:8px}
"""


def render_html(report: TraceReport, cable_text: CableText, all_edits: bool = False) -> str:
    """The report as one HTML page; `cable_text(cable_id)` gives a cable's stored text.
    Typography and case edits are folded (a `<details>` to open) unless `all_edits`."""
    summary = (f"{summary_line(report.counts())}; searched {report.corpus_cables:,} cables "
               f"in {report.db}")
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Trace: {escape(report.source)}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>{escape(report.source)}</h1><p>{escape(summary)}</p></header><main>",
        f"<section class='article'>{_article(report)}</section>",
        "<section class='cables'>",
        _cited(report),
    ]
    shown = [q for q in report.quotes if q.kind != "scare"]
    for n, quote in enumerate(shown, 1):
        parts.append(_card(n, quote, cable_text, all_edits))
    scare = [q for q in report.quotes if q.kind == "scare"]
    if scare:
        items = "".join(
            f"<li>“{escape(q.text)}”"
            + (f" — {escape(q.rarity.reason)}" if q.rarity else "") + "</li>" for q in scare)
        parts.append("<div class='card'><h2>Scare quotes (not counted)</h2>"
                     f"<ul class='none'>{items}</ul></div>")
    for claim in report.claims:
        if claim.supported:
            parts.append(_claim_card(claim, cable_text))
    if not shown and not any(c.supported for c in report.claims):
        parts.append("<p class='none'>No quotations or claims found.</p>")
    parts.append("</section></main></body></html>")
    return "".join(parts)


def _para(number: int | None) -> str:
    return f"¶{number}" if number is not None else "(unnumbered)"


def _article(report: TraceReport) -> str:
    """The article text, quotations and claims marked (spans never overlap)."""
    text = report.text
    spans: list[tuple[int, int, str, str]] = []
    shown = [q for q in report.quotes if q.kind != "scare"]
    for n, q in enumerate(shown, 1):
        spans.append((q.start, q.end, q.status, f"q{n}"))
    for q in report.quotes:
        if q.kind == "scare":
            spans.append((q.start, q.end, "scare", ""))
    for c in report.claims:
        if c.supported:
            spans.append((c.start, c.end, "claim", f"c{c.start}"))
    for m in report.mentions:
        spans.append((m.start, m.end, "cited", "cited"))
    spans.sort()
    out: list[str] = []
    pos = 0
    for start, end, cls, anchor in spans:
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        marked = f"<mark class='{cls}'>{escape(text[start:end])}</mark>"
        out.append(f"<a href='#{escape(anchor)}'>{marked}</a>" if anchor else marked)
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _cited(report: TraceReport) -> str:
    """The cables the article names or links (what its translated quotations are searched in
    first), each once, those the corpus does not hold said so."""
    if not report.mentions:
        return ""
    rows: dict[str, str] = {}
    for m in report.mentions:
        key = m.cable_id or m.text
        if key in rows:
            continue
        where = "" if m.cable_id else "<span class='none'> not in the corpus</span>"
        rows[key] = (f"<tr><td>{escape(m.cable_id or '—')}{where}</td><td>{escape(m.how)}</td>"
                     f"<td>{escape(m.text)}</td></tr>")
    return (f"<div class='card' id='cited'><h2>Cables the article cites ({len(rows)})</h2>"
            "<table><tr><th>cable</th><th>by</th><th>as written</th></tr>"
            f"{''.join(rows.values())}</table></div>")


def _card(n: int, quote: TracedQuote, cable_text: CableText, all_edits: bool) -> str:
    head = (f"<h2>#{n} {escape(quote.kind)}<span class='badge {escape(quote.status)}'>"
            f"{escape(quote.status)}</span></h2>")
    body = [f"<div class='card' id='q{n}'>", head,
            f"<div class='quote'>“{escape(quote.text)}”</div>"]
    if quote.attribution:
        body.append(f"<div class='none'>attributed: {escape(quote.attribution)}</div>")
    if quote.rarity is not None:
        body.append(f"<div class='none'>{escape(quote.rarity.reason)}</div>")
    if not quote.matches:
        body.append("<div class='none'>Not found in the corpus searched.</div>")
    for match in quote.matches[:3]:
        body.append(_match(match, cable_text, all_edits))
    body.append("</div>")
    return "".join(body)


def _match(match: Match, cable_text: CableText, all_edits: bool) -> str:
    paras = ", ".join(_para(p) for p in match.paragraphs)
    out = [f"<div><b>{escape(match.cable_id)}</b> {escape(paras)} · score {match.score:.2f}"
           "</div>"]
    text = cable_text(match.cable_id) or ""
    clusters: list[list[tuple[int, int]]] = []
    for seg in sorted(match.segments, key=lambda s: s.cable_start):
        span = (seg.cable_start, seg.cable_end)
        if clusters and span[0] - clusters[-1][-1][1] < 400:
            clusters[-1].append(span)
        else:
            clusters.append([span])
    for cluster in clusters:
        lo = max(0, text.rfind("\n", 0, max(0, cluster[0][0] - 150)) + 1)
        hi = text.find("\n", min(len(text), cluster[-1][1] + 150))
        hi = len(text) if hi == -1 else hi
        html = ["<div class='para'>"]
        pos = lo
        for s, e in cluster:
            s = max(s, pos)
            html.append(escape(text[pos:s]) + "<mark>" + escape(text[s:e]) + "</mark>")
            pos = max(pos, e)
        html.append(escape(text[pos:hi]) + "</div>")
        out.append("".join(html))
    if match.translated and match.evidence:
        rows = "".join(f"<tr><td>{escape(a)}</td><td>{escape(c)}</td></tr>"
                       for a, c in match.evidence)
        out.append("<div class='none'>A translation: the marked cable sentences hold these "
                   "words of the quotation.</div><table><tr><th>article</th><th>cable</th></tr>"
                   f"{rows}</table>")
    listed, cosmetic = folded(match.edits, all_edits)
    if listed:
        out.append(_edit_table(listed))
    if cosmetic:
        out.append(f"<details><summary class='none'>+ {escape(cosmetic)}</summary>"
                   f"{_edit_table([e for e in match.edits if e.cosmetic])}</details>")
    return "".join(out)


def _edit_table(edits: list[Edit]) -> str:
    rows = "".join(
        f"<tr><td>{escape(e.kind)}</td><td>{escape(e.article_text)}</td>"
        f"<td>{escape(e.cable_brief)}</td></tr>" for e in edits)
    return f"<table><tr><th>edit</th><th>article</th><th>cable</th></tr>{rows}</table>"


def _claim_card(claim: Claim, cable_text: CableText) -> str:
    """A claim beside the cable's words: the article's sentence on the left, the supporting
    sentences of each paragraph (marked in their context) on the right, then what differs."""
    badge = "partly" if claim.verdict == "partly supported" else "supported"
    out = [f"<div class='card' id='c{claim.start}'><h2>Claim<span class='badge {badge}'>"
           f"{escape(claim.verdict)}</span></h2><div class='pair'>"
           f"<div class='quote'>{escape(claim.text)}</div><div>"]
    for m in claim.matches:
        out.append(f"<div><b>{escape(m.cable_id)}</b> {_para(m.paragraph)} · score "
                   f"{m.score:.2f} · via {escape(', '.join(m.via))}</div>")
        text = cable_text(m.cable_id) or ""
        html, pos = ["<div class='para'>"], m.cable_start
        for e in m.evidence:  # the paragraph, its supporting sentences marked
            html.append(escape(text[pos:e.cable_start]) + "<mark>"
                        + escape(text[e.cable_start:e.cable_end]) + "</mark>")
            pos = e.cable_end
        html.append(escape(text[pos:m.cable_end]) + "</div>")
        out.append("".join(html))
    out.append("</div></div>")
    if claim.differences:
        rows = "".join(f"<tr><td>{escape(d.part)}</td><td>{escape(d.article)}</td>"
                       f"<td>{escape(d.cable)}</td></tr>" for d in claim.differences)
        out.append("<table><tr><th>differs</th><th>article</th><th>cable</th></tr>"
                   f"{rows}</table>")
    out.append("</div>")
    return "".join(out)
