"""`cablescope ingest`, `show`, `stats`: load a corpus, read one cable, count what is there.

Thin shells over `cablescope.store.Store`: parse the arguments, call the store, format the
result (text for people, `--json` for programs). Progress goes to stderr, results to stdout.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import click

from cablescope.commands.options import (
    Progress,
    cable_id_argument,
    db_option,
    echo_json,
    existing_db,
    ingest_progress,
    json_option,
    quiet_option,
)
from cablescope.errors import SourceError
from cablescope.parse import canonical_id
from cablescope.sources import FORMATS, open_corpus
from cablescope.store import IngestSummary, Store
from cablescope.store.shapes import Stats, StoredCable, VersionInfo

# --- ingest -------------------------------------------------------------------------------------

PROBLEMS_EXIT = 3  # the ingest went through, but some records are problems


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path),
                metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Read every file as this format instead of telling it from the name.")
@click.option("--follow-symlinks", is_flag=True,
              help="In a folder, follow symbolic links that lead out of it (and to folders).")
@click.option("--force", is_flag=True,
              help="Add cablescope's tables to a SQLite file another application made (refused "
                   "otherwise).")
@db_option
@quiet_option
@json_option
def ingest(paths: tuple[Path, ...], fmt: str | None, follow_symlinks: bool, force: bool,
           db: Path, quiet: bool, as_json: bool) -> None:
    """Load cables from files, folders or archives (.tar[.gz|.xz|.bz2], .zip) into the database.

    Reads WikiLeaks cable pages (.html), the cables.csv release and plain-text cables. A text
    already stored is skipped; a changed text becomes a new version. Bad records are kept as
    problems (see `cablescope stats`). Interrupted, the same command resumes where it stopped.

    Every input is opened before the database: when none can be read, no database is made.
    A SQLite file that is not cablescope's is refused unless --force.

    Exit status: 0 when every input was read whole and every record stored; 3 when they were,
    but some records are problems (a malformed row, an unparsable text); 1 when an input cannot
    be read, is damaged or cut short, or holds no cable that could be stored.
    """
    total = IngestSummary(total_bytes=0)
    errors: list[str] = []
    corpora = []
    for path in paths:
        try:
            corpora.append((path, open_corpus(path, fmt, follow_symlinks=follow_symlinks)))
        except SourceError as exc:
            errors.append(str(exc))
    if corpora:
        with Store.open(db, foreign_ok=force) as store:
            for path, corpus in corpora:
                bar, show = ingest_progress(str(path), enabled=not quiet)
                with bar:
                    try:
                        summary = store.ingest(corpus, progress=show)
                    except KeyboardInterrupt:
                        raise click.ClickException(
                            f"interrupted while reading {path}: what was committed is kept; "
                            "run the same command again to resume") from None
                failure = summary.failure(str(path))
                if failure:
                    errors.append(failure)
                if len(paths) > 1 and not as_json:
                    click.echo(f"{path}: {summary.line()}")
                total = total + summary
            # the arrays search reads (search/columns.py), built now rather than by the first
            # search
            from cablescope.search import shingles
            from cablescope.search.columns import ensure_saved

            ensure_saved(store.connection)
            if shingles.upto(store.connection):  # exact search's index, once built: current
                shingles.update(store.connection)
    if as_json:
        echo_json({**total.as_dict(), "errors": errors, "db": str(db)})
    elif corpora:
        click.echo(("total: " if len(paths) > 1 else "") + total.line() + f" -> {db}")
    for error in errors:
        click.echo(f"Error: {error}", err=True)
    if errors:
        click.get_current_context().exit(1)
    if total.problems:
        # a problem is a record not stored, or one stored with a warning (bad bytes read as
        # cp1252, an unknown post in a REF): the line must not say they were all lost
        click.echo(f"{total.problems:,} problem{'s' if total.problems != 1 else ''} (records "
                   "not stored, or stored with a warning): "
                   f"`cablescope stats --db {db}` lists them", err=True)
        click.get_current_context().exit(PROBLEMS_EXIT)


# --- show ---------------------------------------------------------------------------------------


@click.command()
@cable_id_argument()
@click.option("--version", "version", type=int, metavar="N",
              help="Show version N of the cable instead of the current one.")
@click.option("--versions", "list_versions", is_flag=True,
              help="List the stored versions of the cable instead of showing it.")
@db_option
@json_option
def show(cable_id: str, version: int | None, list_versions: bool, db: Path,
         as_json: bool) -> None:
    """Show one cable: header fields, TAGS, references, signer, numbered paragraphs.

    ID may be written as the cable has it (05PARIS5335) or as cables cite each other
    (`05 PARIS 5335`, `PARIS 005335` with the year). Unknown IDs get suggestions.
    """
    wanted = cable_id
    with Store.open(existing_db(db), readonly=True) as store:
        found = store.resolve_id(wanted)
        if found is None:
            raise click.ClickException(_not_found(store, wanted, db))
        if list_versions:
            rows = store.versions(found)
            if as_json:
                echo_json(rows)
            else:
                click.echo(_versions_table(found, rows))
            return
        cable = store.cable(found, version)
        if cable is None:
            numbers = ", ".join(str(v["version"]) for v in store.versions(found))
            raise click.ClickException(f"{found} has no version {version} (it has: {numbers})")
    if as_json:
        echo_json(cable)
    else:
        click.echo(layout(cable))


def _not_found(store: Store, wanted: str, db: Path) -> str:
    """Say what is known about an ID that is not stored: who cites it, what is close."""
    try:
        canonical = canonical_id(wanted)
    except ValueError:
        canonical = wanted
    name = canonical if canonical == wanted else f"{canonical} ({wanted})"
    message = f"no cable {name} in {db}"
    citing = [c["citing"] for c in store.cited_by(canonical)]
    if citing:
        shown = ", ".join(citing[:5]) + (f" and {len(citing) - 5} more" if len(citing) > 5 else "")
        message += f"; cited by {shown}"
    close = store.suggest_ids(wanted)
    if close:
        message += f"; did you mean {', '.join(close)}?"
    return message


def _versions_table(cable_id: str, rows: list[VersionInfo]) -> str:
    lines = [f"{cable_id}: {len(rows)} version{'s' if len(rows) != 1 else ''}",
             f"  {'#':>3}  {'released':<16}  {'seen':<10}  {'format':<6}  {'chars':>7}  "
             "sha256        source"]
    for v in rows:
        mark = "*" if v["current"] else " "
        where = v["source"] + (f" ({v['locator']})" if v["locator"] else "")
        lines.append(f"{mark} {v['version']:>3}  {v.get('released') or '-':<16}  "
                     f"{v['seen'] or '-':<10}  {v['format']:<6}  "
                     f"{v['chars']:>7,}  {v['sha256'][:12]}  {where}")
    lines.append("(numbered by release date, else the date seen; * current: the newest)")
    return "\n".join(lines)


def _field(lines: list[str], name: str, value: object) -> None:
    if value not in (None, "", []):
        lines.append(f"{name + ':':<16}{value}")


def layout(cable: StoredCable) -> str:
    """The cable as people read it: fields first, then the paragraphs with their numbers."""
    count = len(cable["versions"])
    state = "current" if cable["current"] else "NOT the current version"
    lines = [f"{cable['id']}  (version {cable['version']} of {count}, {state}; seen "
             f"{cable['seen'] or 'date unknown'}; {cable['source']})", ""]
    _field(lines, "Subject", cable["subject"])
    _field(lines, "Created", cable["created"])
    _field(lines, "Released", cable["released"])
    _field(lines, "Origin", cable["origin"])
    _field(lines, "Classification", cable["classification"])
    _field(lines, "Caveats", " ".join(cable["caveats"]))
    by = "; ".join(cable["classified_by"])
    if cable["classified_by_title"]:
        by += f" ({cable['classified_by_title']})"
    if cable["reasons"]:
        by += f", reasons {cable['reasons']}"
    _field(lines, "Classified by", by.strip(" ,"))
    for kind in ("from", "to", "info"):
        _field(lines, kind.upper(), "; ".join(
            r["name"] for r in cable["recipients"] if r["kind"] == kind))
    _field(lines, "Signed", "; ".join(cable["signers"]))
    _field(lines, "Redactions", cable["redactions"] or None)
    if cable["partial"]:
        _field(lines, "Note", "a partial extract, not the full cable")
    for kind, tags in cable["tags"].items():
        _field(lines, f"Tags ({kind})", " ".join(f"[{t}]" if " " in t else t for t in tags))
    if cable["references"]:
        lines.append("References:")
        for ref in cable["references"]:
            letter = f"{ref['letter']}. " if ref["letter"] else ""
            if ref["cited"] is None:
                state = "not a cable"
            elif ref["resolved"]:
                state = f"{ref['cited']}: {ref['subject'] or '(no subject)'}"
            else:
                state = f"{ref['cited']} (not in this database)"
            lines.append(f"  {letter}{ref['raw']}  ->  {state}")
    if cable["cited_by"]:
        lines.append("Cited by:")
        lines.extend(f"  {c['citing']} ({c['created'] or 'undated'}): {c['subject'] or ''}"
                     for c in cable["cited_by"])
    for warning in cable["warnings"]:
        _field(lines, "Parser note", warning)
    lines.append("")
    lines.extend(_paragraph_lines(cable))
    return "\n".join(lines).rstrip() + "\n"


# "¶3. (C) " or "3. (S/NF) " opening a numbered paragraph: shown in the gutter instead.
_NUMBER_AND_MARK = re.compile(r"\A\s*¶?\s*\d+\s*\.?\s*(?:\([A-Z/ ]{1,12}\)\s*)?")


def _paragraph_lines(cable: StoredCable) -> list[str]:
    """Numbered paragraphs in a gutter `¶N (marking)`; a cable without them shows its text."""
    paragraphs = cable["paragraphs"]
    first = next((i for i, p in enumerate(paragraphs) if p["number"] is not None), None)
    if first is None:
        return [cable["text"]]
    lines = []
    for p in paragraphs[first:]:  # section headings are in the text, between paragraphs
        gutter = f"¶{p['number']}" if p["number"] is not None else ""
        if p["marking"]:
            gutter += f" ({p['marking']})"
        text = p["text"]
        if p["number"] is not None:
            text = _NUMBER_AND_MARK.sub("", text, count=1)
        body = textwrap.dedent(text).strip("\n").splitlines() or [""]
        lines.append(f"{gutter:<10}{body[0]}".rstrip())
        lines.extend(f"{'':<10}{line}".rstrip() for line in body[1:])
    return lines


# --- stats --------------------------------------------------------------------------------------


@click.command()
@db_option
@json_option
@click.option("--top", type=int, default=15, show_default=True,
              help="Rows per facet in the text output (JSON always has them all).")
def stats(db: Path, as_json: bool, top: int) -> None:
    """Count cables by year, origin, classification and tag; versions; list problems."""
    with Store.open(existing_db(db), readonly=True) as store:
        numbers = store.stats(problems_limit=None if as_json else 20)
    if as_json:
        echo_json(numbers)
        return
    click.echo(stats_text(numbers, top))


# --- reparse ------------------------------------------------------------------------------------


@click.command()
@db_option
@click.option("--workers", type=click.IntRange(min=0),
              help="Parser processes (default: cores - 1, at least 1; 0 parses in this one).")
@quiet_option
@json_option
def reparse(db: Path, workers: int | None, quiet: bool, as_json: bool) -> None:
    """Parse every stored cable again with this version's parser.

    Brings a database made by an older cablescope up to date: each cable's newest version is
    parsed again from its stored text and the fields, paragraphs, references, tags and
    recipients that came out different are replaced. Versions are never changed. Interrupted,
    the same command can be run again.
    """
    with Progress(str(db), enabled=not quiet) as bar, Store.open(existing_db(db)) as store:
        summary = store.reparse(
            lambda s: bar.update(s.cables, None, f"{s.cables:,} cables"), workers=workers)
    if as_json:
        echo_json(summary.as_dict())
        return
    click.echo(summary.line())
    if summary.changed:
        click.echo("Derived layers built before this: the trace index updates itself on its "
                   "next use; run `cablescope entities extract --force` to redo entities.")


def _facet(title: str, counts: dict[str, int], top: int) -> list[str]:
    shown = list(counts.items())[:top] if top > 0 else list(counts.items())
    more = len(counts) - len(shown)
    lines = [f"{title} ({len(counts):,}):"]
    lines += [f"  {key:<40} {count:>8,}" for key, count in shown]
    if more > 0:
        lines.append(f"  ... {more:,} more (--top 0 or --json for all)")
    return lines


def stats_text(numbers: Stats, top: int) -> str:
    """The `stats` dict as aligned text."""
    refs = numbers["references"]
    lines = [
        f"cables:      {numbers['cables']:>10,}",
        f"versions:    {numbers['versions']:>10,}  "
        f"({numbers['cables_with_several_versions']:,} cables have more than one)",
        f"paragraphs:  {numbers['paragraphs']:>10,}  ({numbers['numbered_paragraphs']:,} numbered)",
        f"references:  {refs['total']:>10,}  ({refs['to_cables']:,} to cables, "
        f"{refs['resolved']:,} of them in this database)",
        "",
        "by year:",
    ]
    years = list(numbers["by_year"].items())
    for i in range(0, len(years), 6):
        lines.append("  " + "  ".join(f"{y:>9} {n:>6,}" for y, n in years[i:i + 6]))
    lines.append("")
    lines += _facet("by classification", numbers["by_classification"], top)
    lines.append("")
    lines += _facet("by origin", numbers["by_origin"], top)
    for kind, counts in numbers["by_tag"].items():
        lines.append("")
        lines += _facet(f"by tag, {kind}", counts, top)
    parser = numbers.get("parser") or {}
    if numbers["cables"] and parser.get("stored") != parser.get("current"):
        lines += ["", "parsed by an older cablescope: run `cablescope reparse` to update the "
                  "fields, paragraphs and references"]
    problems = numbers["problems"]
    lines += ["", f"problems: {problems['count']:,}"]
    for p in problems["items"]:
        where = f"{p['source']}:{p['locator']}" if p["locator"] else p["source"]
        lines.append(f"  {where}: {p['reason']}")
    if problems["count"] > len(problems["items"]):
        lines.append(f"  ... {problems['count'] - len(problems['items']):,} more "
                     "(`cablescope stats --json` or the problems table)")
    return "\n".join(lines)
