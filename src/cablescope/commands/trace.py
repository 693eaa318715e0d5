"""`cablescope trace` and `cablescope index`: trace articles to their cables; build the index.

Thin shells over `cablescope.trace`: read arguments, open the store, make the index ready,
trace, format (text for people, `--json`/`--jsonl` for programs, `--html` side by side).
Progress and notices go to stderr, results to stdout. `cablescope.trace` (numpy, edlib,
rapidfuzz: the `trace` extra) is imported when a command runs, not when the CLI starts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from cablescope.commands.options import (
    Progress,
    db_option,
    echo_json,
    echo_jsonl,
    existing_db,
    json_option,
    quiet_option,
)
from cablescope.errors import ArticleError, CablescopeError, StoreError
from cablescope.store import Store

if TYPE_CHECKING:
    from cablescope.trace import Tracer
    from cablescope.trace.report import Match, TraceReport
    from cablescope.trace.shapes import TraceReport as TraceReportJSON


def _need_trace_extra() -> None:
    """Import the tracing layer, or say what to install."""
    try:  # the package loads its modules on first use: ask for the tracer to load them
        from cablescope.trace import Tracer  # noqa: F401
    except ImportError as exc:
        raise click.ClickException(
            f"tracing needs the 'trace' extra ({exc.name} is missing): "
            "pip install 'cablescope[trace]'") from exc


def _indexing(bar: Progress) -> Callable[[int, int], None]:
    """The trace index's progress callback: 'indexing  40%  12,000/86,000 paragraphs'."""

    def show(done: int, total: int) -> None:
        bar.update(done, total, f"{done:,}/{total:,} paragraphs")

    return show


def _open(db: Path) -> Store:
    """The store, writable when possible (the index may need building), else read-only."""
    try:
        return Store.open(existing_db(db))
    except StoreError:
        return Store.open(db, readonly=True)


@click.command()
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...")
@db_option
@json_option
@click.option("--jsonl", "as_jsonl", is_flag=True,
              help="One JSON report per line, per article (for folders and batches).")
@click.option("--html", "html_path", type=click.Path(dir_okay=True, path_type=Path),
              help="Write a side-by-side HTML report to this file (a folder for several).")
@click.option("--encoding", help="Text encoding of the articles (default: UTF-8, or what an "
              "HTML page declares).")
@click.option("--format", "fmt", type=click.Choice(["html", "markdown", "text"]),
              help="Read every article as this format instead of telling it from the name.")
@click.option("--all-edits", is_flag=True,
              help="List typography and case edits one by one (by default they are counted "
              "on one line).")
@click.option("--crosslingual", is_flag=True,
              help="Use the cross-lingual sentence model for articles in translation (the "
              "'crosslingual' extra; its first use on a database embeds the cables' sentences, "
              "about 30 ms of CPU each, kept in a file beside the database).")
@quiet_option
def trace(articles: tuple[str, ...], db: Path, as_json: bool, as_jsonl: bool,
          html_path: Path | None, encoding: str | None, fmt: str | None, all_edits: bool,
          crosslingual: bool, quiet: bool) -> None:
    """Trace articles to the cables they quote: every quotation and claim, aligned to the cable
    paragraph, every edit named.

    ARTICLE is an .html, .md or .txt file, a folder of them, or '-' for standard input. Each
    quotation is `verbatim`, `edited`, `paraphrase` or `unmatched`; a quotation from a cable not
    in the database stays unmatched, never pinned on the nearest cable. The first run on a
    database builds the trace index (see `cablescope index`).
    """
    if as_json and as_jsonl:
        raise click.UsageError("--json and --jsonl are alternatives: give one")
    _need_trace_extra()
    from cablescope.trace import Tracer, ensure_index
    from cablescope.trace.html_report import render_html
    from cablescope.trace.service import article_files, trace_paths

    paths = article_files(articles)
    if paths.count("-") > 1:
        raise click.UsageError("'-' (standard input) can be given once")
    notify = None if quiet else (lambda msg: click.echo(msg + " ...", err=True))
    failed = 0
    html_dir = _html_dir(html_path, len(paths))  # before any work: a bad --html fails now
    with _open(db) as store:
        with Progress("indexing", enabled=not quiet) as bar:
            ensure_index(store, progress=_indexing(bar), notify=notify)
        tracer = Tracer(store.connection, str(db), crosslingual=crosslingual or None)
        collected: list[TraceReportJSON] = []
        for path, result in trace_paths(tracer, paths, encoding, fmt):
            if isinstance(result, CablescopeError):
                failed += 1
                if len(paths) == 1:
                    raise result
                click.echo(f"Error: {result}", err=True)
                if as_jsonl:
                    echo_jsonl([{"article": {"source": path}, "error": str(result)}])
                continue
            if html_path is not None:
                target = html_path if html_dir is None else html_dir / (Path(path).stem + ".html")
                try:
                    target.write_text(render_html(result, lambda c: _cable_text(tracer, c),
                                                  all_edits), encoding="utf-8")
                except OSError as exc:
                    raise click.ClickException(f"cannot write the HTML report {target}: "
                                               f"{exc.strerror or exc}") from None
            if as_jsonl:
                echo_jsonl([result.as_dict()])
            elif as_json:
                collected.append(result.as_dict())
            elif html_path is None or len(paths) > 1:
                _echo_text(result, all_edits, lambda c: _cable_text(tracer, c))
        if as_json:
            echo_json(collected[0] if len(paths) == 1 and collected else collected)
    if html_path is not None and not quiet:
        click.echo(f"HTML report written to {html_path}", err=True)
    if failed:
        raise click.ClickException(f"{failed} of {len(paths)} articles could not be traced")


def _cable_text(tracer: Tracer, cable_id: str) -> str | None:
    ct = tracer.cables.get(cable_id)
    return ct.text if ct else None


def _html_dir(html_path: Path | None, count: int) -> Path | None:
    """For several articles, --html names a folder (created); for one, a file, in a folder that
    exists (checked before any tracing, so a typo costs nothing)."""
    if html_path is None:
        return None
    if count == 1 and not html_path.is_dir():
        if not html_path.parent.is_dir():
            raise click.BadParameter(f"{html_path}: folder {html_path.parent} does not exist",
                                     param_hint="--html")
        return None
    if html_path.exists() and not html_path.is_dir():
        raise ArticleError(f"--html {html_path}: several articles need a folder, not a file")
    try:
        html_path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.BadParameter(f"cannot make the folder {html_path}: {exc.strerror or exc}",
                                 param_hint="--html") from None
    return html_path


def _short(text: str, width: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _echo_text(report: TraceReport, all_edits: bool = False,
               cable_text: Callable[[str], str | None] | None = None) -> None:
    """The human summary: the cables the article cites, one line per quotation and claim,
    edits indented below (typography and case counted on one line unless `all_edits`); a short
    quotation says why it was or was not searched in the whole corpus; a quotation in
    translation, the cable sentences it renders."""
    from cablescope.trace.report import folded, summary_line

    click.echo(f"{report.source}: {summary_line(report.counts())} (searched "
               f"{report.corpus_cables:,} cables in {report.db})")
    cited = _cited_line(report)
    if cited:
        click.echo(f"  cites: {cited}")
    for q in report.quotes:
        why = q.rarity.reason if q.rarity is not None else None
        where = "not in the corpus searched"
        if q.matches:
            m = q.matches[0]
            paras = ",".join(f"¶{p}" if p is not None else "¶-" for p in m.paragraphs)
            more = f" (+{len(q.matches) - 1} more)" if len(q.matches) > 1 else ""
            where = f"{m.cable_id} {paras} score {m.score:.2f}{more}"
        elif q.rarity is not None:
            where = why or where
            why = None
        label = q.status if q.kind in ("quote", "block", "nested") else f"{q.status}, {q.kind}"
        if q.kind == "scare":
            label = "scare"
        click.echo(f"  [{label}] \"{_short(q.text, 70)}\" -> {where}")
        if why:
            click.echo(f"      why: {why}")
        if q.status == "translation":
            _echo_renders(q.matches[0], cable_text)
        shown, cosmetic = folded(q.matches[0].edits if q.matches else [], all_edits)
        for e in shown:
            cable = f"\"{_short(e.cable_text, 50)}\""
            if e.skipped_words and e.skipped_words > 8:
                cable += f" ({e.skipped_words:,} words)"
            click.echo(f"      {e.kind}: article \"{_short(e.article_text, 40)}\" vs cable {cable}")
        if cosmetic:
            click.echo(f"      + {cosmetic} (quote marks, dashes, letter case: --all-edits "
                       "lists them)")
    for c in report.claims:
        if c.supported:
            _echo_claim(c)


def _echo_claim(claim: Any) -> None:
    """A supported claim: the sentence, the paragraph, the cable's words beside it, and what
    differs."""
    best = claim.matches[0]
    para = f"¶{best.paragraph}" if best.paragraph is not None else "¶-"
    more = f" (+{len(claim.matches) - 1} more)" if len(claim.matches) > 1 else ""
    click.echo(f"  [claim, {claim.verdict}] \"{_short(claim.text, 70)}\" -> {best.cable_id} "
               f"{para} score {best.score:.2f}{more}")
    for evidence in best.evidence[:1]:
        click.echo(f"      cable: \"{_short(evidence.text, 110)}\"")
    for d in claim.differences:
        click.echo(f"      {d.part}: \"{_short(d.article, 40)}\" vs {_short(d.cable, 70)}")


def _cited_line(report: TraceReport) -> str:
    """The cables the article names or links, once each, those not in the corpus said so."""
    seen: dict[str, str] = {}
    for m in report.mentions:
        key = m.cable_id or m.text
        if key not in seen:
            seen[key] = m.cable_id or f"{m.text} (not in the corpus)"
    return ", ".join(seen.values())


def _echo_renders(match: Match, cable_text: Callable[[str], str | None] | None) -> None:
    """For a quotation in translation: the cable sentences it renders, and why."""
    text = (cable_text(match.cable_id) if cable_text else None) or ""
    for seg in match.segments:
        para = f"¶{seg.paragraph}" if seg.paragraph is not None else "¶-"
        sentence = _short(text[seg.cable_start:seg.cable_end], 80)
        click.echo(f"      renders {para}: \"{sentence}\"" if sentence else
                   f"      renders {para} [{seg.cable_start}:{seg.cable_end}]")
    shared = ", ".join(f"{a}={c}" for a, c in match.evidence[:8])
    if shared:
        click.echo(f"      shared: {shared}")


@click.command()
@db_option
@click.option("--rebuild", is_flag=True, help="Rebuild the indexes from scratch.")
@click.option("--search-only", is_flag=True,
              help="Only exact search's index (no trace index; needs no 'trace' extra).")
@quiet_option
@json_option
def index(db: Path, rebuild: bool, search_only: bool, quiet: bool, as_json: bool) -> None:
    """Build exact search's shingle index and the trace index (4-grams of every paragraph),
    or bring them up to date.

    Run once after an ingest; later runs add what was ingested since (and drop paragraphs of
    cables whose current version changed); ingest keeps exact search's index current once it is
    built. `cablescope trace` builds the trace index itself when missing.
    """
    if not search_only:
        _need_trace_extra()
    from cablescope.search import shingles

    with Store.open(existing_db(db)) as store:
        store.migrate()
        with Progress("exact search index", enabled=not quiet) as bar:
            exact = shingles.update(store.connection, rebuild=rebuild,
                                    progress=_indexing(bar))
        if search_only:
            if as_json:
                echo_json({"exact_search_paragraphs": exact, "db": str(db)})
            else:
                click.echo(f"exact search index: {exact:,} paragraphs indexed -> {db}")
            return
        from cablescope.trace.service import write_index

        with Progress("indexing", enabled=not quiet) as bar:
            summary = write_index(store, rebuild=rebuild, progress=_indexing(bar))
    if as_json:
        echo_json({**summary.as_dict(), "exact_search_paragraphs": exact, "db": str(db)})
    else:
        click.echo(f"exact search index: {exact:,} paragraphs indexed; " + summary.line()
                   + f" -> {db}")

