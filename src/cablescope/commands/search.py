"""`cablescope search`, `refs`, `similar`: thin shells over `cablescope.search`.

Results go to stdout (text for people, `--json` for programs, `--csv` for every hit of a search);
warnings go to stderr. Query errors come back as QueryError and are shown with a caret.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import click

from cablescope.commands.options import (
    cable_id_argument,
    db_option,
    echo_json,
    existing_db,
    json_option,
)
from cablescope.search import FACETS, FIELDS, SORTS, SearchResult
from cablescope.search import refs as find_refs
from cablescope.search import search as run_search
from cablescope.search import similar as find_similar
from cablescope.search.engine import iter_hits
from cablescope.search.export import csv_chunks
from cablescope.search.options import MAX_LIMIT
from cablescope.search.refs import MAX_DEPTH, RefGraph, RefLink
from cablescope.search.similar import SimilarResult
from cablescope.search.snippets import MARKERS
from cablescope.store import Store

_WIDTH = 100
_BOLD = ("\x1b[1;33m", "\x1b[0m")


def _facet_list(value: str | None) -> list[str]:
    if not value:
        return []
    names = [n.strip() for n in value.split(",") if n.strip()]
    if names == ["all"]:
        return list(FACETS)
    unknown = [n for n in names if n not in FACETS]
    if unknown:
        raise click.BadParameter(f"unknown facet {unknown[0]!r}: choose from "
                                 f"{', '.join(FACETS)} (or all)", param_hint="--facets")
    return names


_FIELD_HELP = "\b\nFields:\n" + "\n".join(f"  {example:<28} {text}"
                                            for _, (text, example) in FIELDS.items())


@click.command(epilog=_FIELD_HELP)
@click.argument("query")
@click.option("--paragraphs", is_flag=True, help="Hits are paragraphs (<ID>¶<n>), not cables.")
@click.option("--exact", is_flag=True,
              help="The whole query is one exact string (case and punctuation count); a "
                   "leading '=' is optional.")
@click.option("--sort", type=click.Choice(SORTS), default="rank", show_default=True,
              help="rank: best first (newest first when the query has no words).")
@click.option("--limit", type=click.IntRange(0, MAX_LIMIT), default=20, show_default=True,
              help="Hits per page.")
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True,
              help="Hits to skip (paging).")
@click.option("--facets", "facet_names", metavar="NAMES",
              help=f"Comma-separated counts over all hits: {','.join(FACETS)} (or all).")
@click.option("--csv", "as_csv", is_flag=True,
              help="Every hit (not one page) as CSV on stdout, streamed.")
@db_option
@json_option
def search(query: str, paragraphs: bool, exact: bool, sort: str, limit: int, offset: int,
           facet_names: str | None, as_csv: bool, db: Path, as_json: bool) -> None:
    """Search cables (or paragraphs) with the query language of docs/search.md.

    Words and "phrases" fold case and accents; AND, OR, NOT (or -word) and parentheses combine
    them; word* is a prefix; field:value filters (listed below); =text is an exact string.

    \b
      cablescope search '"markedly different" sarkozy'
      cablescope search 'kouchner AND (iraq OR afghanistan) NOT darfur'
      cablescope search 'tag:PREL origin:"Embassy Paris" from:2006-01 to:2007-06 nuland'
      cablescope search 'Sarkozy' --facets origin,year,tag --json
      cablescope search '=U.S.-France' --exact --csv > hits.csv
    """
    if as_csv and as_json:
        raise click.UsageError("choose one of --csv and --json")
    level = "paragraph" if paragraphs else "cable"
    facets = _facet_list(facet_names)
    with Store.open(existing_db(db), readonly=True) as store:
        conn = store.connection
        if as_csv:
            hits = iter_hits(conn, query, level=level, sort=sort, exact_mode=exact,
                             markers=("", ""))
            for chunk in csv_chunks(hits):
                sys.stdout.write(chunk)
            return
        color = not as_json and sys.stdout.isatty()
        result = run_search(conn, query, level=level, sort=sort, limit=limit, offset=offset,
                            facets=facets, exact_mode=exact,
                            markers=MARKERS)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        echo_json(result.as_dict())
    else:
        click.echo(_layout(result, color))


def _layout(result: SearchResult, color: bool) -> str:
    unit = "paragraph" if result.level == "paragraph" else "cable"
    unit += "" if result.total == 1 else "s"
    lines = [f"{result.total:,} {unit} for: {result.query}"]
    if result.cable:
        lines[0] = (f"{result.query.strip()} is the cable {result.cable} "
                    f"(all of it: cablescope show {result.cable})")
    if result.hits:
        first = result.offset + 1
        lines[0] += f"   ({first:,}-{result.offset + len(result.hits):,} shown, {result.sort})"
    elif result.total and result.limit:
        lines[0] += f"   (none shown: --offset {result.offset:,} is past the last hit)"
    for hit in result.hits:
        where = hit.address or (f"{hit.id} (block {hit.seq})" if hit.seq is not None else hit.id)
        date = (hit.created or "undated")[:10]
        lines.append("")
        lines.append("  ".join(filter(None, [where, date, hit.origin, hit.classification,
                                             f"score {hit.score:g}" if hit.score else None])))
        if hit.subject:
            lines.append(textwrap.indent(textwrap.fill(hit.subject, _WIDTH - 4), "    "))
        if hit.snippet:
            snippet = textwrap.indent(textwrap.fill(hit.snippet, _WIDTH - 4), "    ")
            if color:
                snippet = snippet.replace(MARKERS[0], _BOLD[0]).replace(MARKERS[1], _BOLD[1])
            lines.append(snippet)
    if result.facets:
        lines.append("")
    for name, values in result.facets.items():
        shown = ", ".join(f"{v.value if v.value is not None else '(none)'} {v.count:,}"
                          for v in values)
        lines.append(textwrap.fill(f"{name}: {shown or '-'}", _WIDTH,
                                   subsequent_indent="    "))
    return "\n".join(lines)


# --- refs -------------------------------------------------------------------------------------


@click.command()
@cable_id_argument()
@click.option("--depth", type=click.IntRange(1, MAX_DEPTH), default=1, show_default=True,
              help="Follow chains of references this many steps out.")
@db_option
@json_option
def refs(cable_id: str, depth: int, db: Path, as_json: bool) -> None:
    """The cables one cable cites (its REF line) and the cables that cite it.

    A cited cable not in the database is listed as unresolved; a reference that is not a
    cable (an e-mail, a phone call) as such. ID may also be a cable only known from REF lines.

    \b
      cablescope refs 05PARIS5335
      cablescope refs 05PARIS5232 --depth 2 --json
    """
    with Store.open(existing_db(db), readonly=True) as store:
        graph = find_refs(store.connection, cable_id, depth)
    if as_json:
        echo_json(graph.as_dict())
    else:
        click.echo(_refs_layout(graph))


def _refs_layout(graph: RefGraph) -> str:
    head = f"{graph.id}  {(graph.created or 'undated')[:10]}  {graph.subject or ''}".rstrip()
    if not graph.stored:
        head = f"{graph.id}  (not in this database; known from the REF lines citing it)"
    lines = [head, "", f"Cites ({len(graph.cites)}):"]
    for link in graph.cites:
        lines.append(_link_line(link, outward=True))
    if not graph.cites:
        lines.append("  (nothing)" if graph.stored else "  (unknown: the cable is not stored)")
    lines += ["", f"Cited by ({len(graph.cited_by)}):"]
    lines.extend(_link_line(link, outward=False) for link in graph.cited_by)
    if not graph.cited_by:
        lines.append("  (nothing)")
    if graph.unresolved:
        lines += ["", "Unresolved (cited, not in this database): "
                  + ", ".join(sorted({link.cited for link in graph.unresolved if link.cited}))]
    return "\n".join(lines)


def _link_line(link: RefLink, outward: bool) -> str:
    indent = "  " * link.depth
    letter = f"{link.letter}. " if link.letter else ""
    if outward:
        if link.cited is None:
            target = "not a cable"
        elif link.resolved:
            target = f"{link.cited}  {(link.created or 'undated')[:10]}  {link.subject or ''}"
        else:
            target = f"{link.cited}  (unresolved: not in this database)"
        via = f"{link.citing}: " if link.depth > 1 else ""
        return f"{indent}{via}{letter}{link.raw}  ->  {target}".rstrip()
    via = f"  (cites {link.cited})" if link.depth > 1 else ""
    return (f"{indent}{link.citing}  {(link.created or 'undated')[:10]}  "
            f"{link.subject or ''}{via}").rstrip()


# --- similar ----------------------------------------------------------------------------------


@click.command()
@cable_id_argument()
@click.option("--limit", type=click.IntRange(1, 200), default=10, show_default=True,
              help="How many cables to list.")
@db_option
@json_option
def similar(cable_id: str, limit: int, db: Path, as_json: bool) -> None:
    """The cables most like one cable: those sharing most of its distinctive words.

    \b
      cablescope similar 06PARIS5974
    """
    with Store.open(existing_db(db), readonly=True) as store:
        result = find_similar(store.connection, cable_id, limit)
    if as_json:
        echo_json(result.as_dict())
    else:
        click.echo(_similar_layout(result))


def _similar_layout(result: SimilarResult) -> str:
    words = ", ".join(t for t, _ in result.terms) or "(none: the cable has no distinctive word)"
    lines = [textwrap.fill(f"Cables like {result.id}, by its distinctive words: {words}",
                           _WIDTH, subsequent_indent="    ")]
    for rank, hit in enumerate(result.hits, 1):
        lines.append("")
        lines.append(f"{rank:>3}. {hit.id}  {(hit.created or 'undated')[:10]}  "
                     f"{hit.origin or ''}  score {hit.score:g}")
        if hit.subject:
            lines.append(textwrap.indent(textwrap.fill(hit.subject, _WIDTH - 6), "      "))
        lines.append(textwrap.indent(textwrap.fill("shared: " + ", ".join(hit.shared),
                                                   _WIDTH - 6), "      "))
    if not result.hits:
        lines.append("no similar cable found")
    return "\n".join(lines)
