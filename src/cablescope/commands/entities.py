"""`cablescope entities ...`, `entity`, `meetings`, `graph`, `export`: who is in the cables.

Thin shells over `cablescope.entities`: parse options, call the core, print text for people or
JSON for programs. Progress goes to stderr, results to stdout.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from cablescope.commands.options import (
    Progress,
    db_option,
    echo_json,
    existing_db,
    json_option,
    quiet_option,
)
from cablescope.entities.model import ENTITY_TYPES, ROLE
from cablescope.entities.query import Filters
from cablescope.entities.shapes import EntityDossier, Meeting
from cablescope.store import Store

F = TypeVar("F", bound=Callable[..., Any])
TYPES = click.Choice([*ENTITY_TYPES, ROLE])

# How a meeting's date was found, when not from its own sentence.
_DATED_BY = {"cable": " (cable date)", "paragraph": " (paragraph date)"}


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A `--from`/`--to` date checked as queries check theirs: `--from 2006-13` or `--from
    notadate` silently matched nothing."""
    if value is not None:
        from cablescope.search.query import date_bounds

        try:
            date_bounds(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
    return value


def filter_options(func: F) -> F:
    """`--from`, `--to`, `--tag`, `--origin`: which cables (or meetings) count."""
    for option in reversed([
        click.option("--from", "date_from", metavar="DATE", callback=_date,
                     help="From this date on (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--to", "date_to", metavar="DATE", callback=_date,
                     help="Up to this date, inclusive."),
        click.option("--tag", help="Only cables with this TAG (e.g. FR, PGOV)."),
        click.option("--origin", help="Only cables from this post (e.g. 'Embassy Paris')."),
    ]):
        func = option(func)
    return func


def _filters(date_from: str | None, date_to: str | None, tag: str | None, origin: str | None,
             types: tuple[str, ...] = ()) -> Filters:
    return Filters(date_from, date_to, tag, origin, types)


def _open(db: Path, readonly: bool = True) -> Store:
    return Store.open(existing_db(db), readonly=readonly)


class _Progress(Progress):
    """`entities ━━━━━  18%  1,200/6,712 cables  5,400 words/s  0:04:10` on stderr."""

    def __init__(self, enabled: bool) -> None:
        super().__init__("entities", enabled)

    def __call__(self, summary: Any) -> None:
        todo = summary.selected - summary.skipped
        self.update(summary.extracted, todo, f"{summary.extracted:,}/{todo:,} cables  "
                                             f"{summary.words_per_second:,.0f} words/s")


# --- entities ... -------------------------------------------------------------------------------


@click.group()
def entities() -> None:
    """Extract, list and correct the people, organisations and places in the cables."""


@entities.command()
@db_option
@click.option("--cable", "cables", multiple=True, metavar="ID",
              help="Only this cable (repeatable).")
@click.option("--tag", "tags", multiple=True, help="Only cables with this TAG (repeatable: all).")
@click.option("--origin", help="Only cables from this post.")
@click.option("--from", "year_from", type=int, metavar="YEAR", help="Only cables from this year.")
@click.option("--to", "year_to", type=int, metavar="YEAR", help="Only cables up to this year.")
@click.option("--limit", type=int, help="At most this many cables (in ID order).")
@click.option("--workers", type=click.IntRange(min=0),
              help="Extraction processes (default: one per core; 0: in this process).")
@click.option("--force", is_flag=True, help="Redo cables already extracted.")
@quiet_option
@json_option
def extract(db: Path, cables: tuple[str, ...], tags: tuple[str, ...], origin: str | None,
            year_from: int | None, year_to: int | None, limit: int | None,
            workers: int | None, force: bool, quiet: bool, as_json: bool) -> None:
    """Find people, organisations, meetings and quotes in the cables, then merge them.

    Runs on every cable not yet extracted (or the ones selected), in parallel, offline.
    Interrupted, the same command resumes; your merges and rejections are applied again.
    """
    from cablescope.entities.pipeline import Selection
    from cablescope.entities.pipeline import extract as run

    existing_db(db)
    with _Progress(not quiet) as progress:
        try:
            summary = run(db, Selection(cables, tags, origin, year_from, year_to, limit),
                          workers=workers, force=force, progress=progress)
        except KeyboardInterrupt:
            raise click.ClickException("interrupted: what was committed is kept; run the same "
                                       "command again to resume") from None
    if as_json:
        echo_json(summary.as_dict())
    else:
        click.echo(summary.line())


@entities.command(name="list")
@db_option
@click.option("--type", "etype", type=TYPES, help="Only this type.")
@click.option("--top", type=int, default=50, show_default=True, help="How many (0: all).")
@click.option("--name", help="Only names containing this text.")
@json_option
def list_(db: Path, etype: str | None, top: int, name: str | None, as_json: bool) -> None:
    """The entities named in most cables."""
    from cablescope.entities.query import list_entities

    with _open(db) as store:
        rows = list_entities(store.connection, etype, top or None, name)
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        span = f"{row['first_seen'] or '?'}..{row['last_seen'] or '?'}"
        click.echo(f"{row['cables']:6,} cables {row['mentions']:7,} mentions  {row['type']:6}  "
                   f"{row['name']}  ({span})")


def _resolve_after(store: Store) -> int:
    from cablescope.entities.resolve import resolve

    return resolve(store.connection)


@entities.command()
@db_option
@click.argument("name")
@click.argument("other")
@click.option("--type", "etype", type=TYPES, help="Only entities of this type.")
@click.option("--note", help="Why (kept with the decision).")
@json_option
def merge(db: Path, name: str, other: str, etype: str | None, note: str | None,
          as_json: bool) -> None:
    """Say that NAME and OTHER are one entity; kept, and applied on every re-extraction."""
    from cablescope.entities.query import merge as merge_entities

    with _open(db, readonly=False) as store:
        result = merge_entities(store.connection, name, other, etype, note)
    number, merged = result["decision"], result["entity"]
    if as_json:
        echo_json(result)
        return
    click.echo(f"decision #{number}: {merged['name']} ({merged['cables']:,} cables) now includes:")
    for row in result["merged_from"]:
        click.echo(f"  {row['alias']} ({row['mentions']:,} mentions): {row['reason']}")


@entities.command()
@db_option
@click.argument("name")
@click.option("--type", "etype", type=TYPES, help="Only as this type (default: any).")
@click.option("--note", help="Why (kept with the decision).")
@json_option
def reject(db: Path, name: str, etype: str | None, note: str | None, as_json: bool) -> None:
    """Say that NAME is no entity (of --type): a false positive, kept out from now on."""
    from cablescope.entities.query import reject as reject_entities

    with _open(db, readonly=False) as store:
        result = reject_entities(store.connection, name, etype, note)
    number, dropped = result["decision"], result["mentions_dropped"]
    if as_json:
        echo_json(result)
    else:
        click.echo(f"decision #{number}: {name!r}{' as ' + etype if etype else ''} rejected; "
                   f"{dropped:,} mentions dropped")


@entities.command()
@db_option
@click.option("--drop", type=int, metavar="ID", help="Forget this decision.")
@click.option("--load", type=click.File("r", encoding="utf-8"), metavar="FILE",
              help="Import decisions exported with --json (JSON list or JSON lines).")
@json_option
def decisions(db: Path, drop: int | None, load: Any, as_json: bool) -> None:
    """The merges and rejections made so far: list, export (--json), import, drop."""
    from cablescope.entities.query import decisions as all_decisions
    from cablescope.entities.query import drop_decision, load_decisions

    with _open(db, readonly=drop is None and load is None) as store:
        conn = store.connection
        if drop is not None:
            drop_decision(conn, drop)
            _resolve_after(store)
        if load is not None:
            text = load.read().strip()
            rows = json.loads(text) if text.startswith("[") else [
                json.loads(line) for line in text.splitlines() if line.strip()]
            count = load_decisions(conn, rows)
            _resolve_after(store)
            if not as_json:
                click.echo(f"{count} decisions imported")
        rows = all_decisions(conn)
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        what = f"{row['name']!r} = {row['other']!r}" if row["action"] == "merge" else \
            f"{row['name']!r} is no {row['type'] or 'entity'}"
        click.echo(f"#{row['id']} {row['created_at']} {row['action']}: {what}"
                   + (f"  ({row['note']})" if row["note"] else ""))


# --- entity, meetings ----------------------------------------------------------------------------


@click.command()
@db_option
@click.argument("name")
@click.option("--type", "etype", type=TYPES, help="Only entities of this type.")
@click.option("--with", "other", metavar="NAME", help="The timeline of this pair instead.")
@click.option("--limit", type=int, default=200, show_default=True,
              help="At most this many paragraphs listed.")
@json_option
def entity(db: Path, name: str, etype: str | None, other: str | None, limit: int,
           as_json: bool) -> None:
    """The dossier of one entity: names, titles over time, cables, quotes, meetings."""
    from cablescope.entities.query import dossier, meetings, resolve_one, timeline

    with _open(db) as store:
        conn = store.connection
        found = resolve_one(conn, name, etype)
        if other:
            second = resolve_one(conn, other)
            pair: dict[str, Any] = {
                "entity": found, "with": second,
                "timeline": timeline(conn, found["id"], second["id"]),
                "meetings": meetings(conn, found["id"], second["id"])}
        else:
            result = dossier(conn, found["id"], limit)
            result["timeline"] = timeline(conn, found["id"])
    if as_json:
        echo_json(pair if other else result)
    elif other:
        _print_pair(pair)
    else:
        _print_dossier(result)


def _print_pair(result: dict[str, Any]) -> None:
    a, b = result["entity"]["name"], result["with"]["name"]
    click.echo(f"{a} and {b}")
    for month in result["timeline"]:
        planned = f", {month['planned']} planned" if month.get("planned") else ""
        click.echo(f"  {month['month']}: {month['cables']} cables together, "
                   f"{month['meetings']} meetings{planned}")
    _print_meetings(result["meetings"])


def _print_dossier(d: EntityDossier) -> None:
    click.echo(f"{d['name']}  [{d['type']}]  {d['cables']:,} cables, {d['mentions']:,} mentions, "
               f"{d['first_seen']} .. {d['last_seen']}")
    click.echo("names: " + ", ".join(f"{n['name']} ({n['mentions']})" for n in d["names"][:12]))
    if d["titles"]:
        click.echo("titles over time:")
        for t in d["titles"]:
            click.echo(f"  {t['first']} .. {t['last']}  {t['title']} ({t['mentions']})")
    click.echo("merged from:")
    for a in d["merged_from"][:15]:
        click.echo(f"  {a['alias']} ({a['mentions']}): {a['reason']}")
    if d.get("evidence"):
        click.echo("mentions by evidence:")
        for e in d["evidence"][:12]:
            detail = f" [{'; '.join(e['details'][:2])}]" if e["details"] else ""
            click.echo(f"  {e['mentions']:,} mentions in {e['cables']:,} cables, "
                       f"{', '.join(e['names'][:3])}: {e['evidence']}{detail}")
    click.echo(f"paragraphs ({len(d['paragraphs'])}):")
    for p in d["paragraphs"][:30]:
        click.echo(f"  {(p['date'] or '')[:10]}  {p['address']}  {p['subject'] or ''}")
    if d["quotes"]:
        click.echo(f"quoted ({len(d['quotes'])}):")
        for q in d["quotes"][:20]:
            click.echo(f"  {q['date']}  {q['address']}: \u201c{' '.join(q['text'].split())}\u201d")
    _print_meetings(d["meetings"])


def _print_meetings(rows: list[Meeting]) -> None:
    """Held meetings, then planned ones apart: an announced meeting is not one that happened."""
    held = [m for m in rows if not m["planned"]]
    planned = [m for m in rows if m["planned"]]
    for title, group in ((f"meetings held ({len(held)}):", held),
                         (f"meetings planned, not reported as held ({len(planned)}):", planned)):
        if not group:
            continue
        click.echo(title)
        for m in group:
            who = ", ".join(p["name"] + (f" ({p['role']})" if p["role"] and p["role"] != p["name"]
                                         else "") for p in m["participants"])
            when = f"{m['date']}{_DATED_BY.get(m['dated_by'] or '', '')}"
            where = f" (place: {m['place']})" if m["place"] else ""
            what = f"planned {m['kind']}" if m["planned"] else m["kind"]
            click.echo(f"  {when}  {what}: {who}{where}  [{m['address']}]")


@click.command()
@db_option
@click.option("--with", "names", multiple=True, metavar="NAME",
              help="Meetings of this entity (twice: of this pair).")
@filter_options
@click.option("--limit", type=int, help="At most this many.")
@json_option
def meetings(db: Path, names: tuple[str, ...], date_from: str | None, date_to: str | None,
             tag: str | None, origin: str | None, limit: int | None, as_json: bool) -> None:
    """Who met whom, when and where, oldest first, each with its source paragraph."""
    from cablescope.entities.query import meetings as find_meetings
    from cablescope.entities.query import require_entities, resolve_one

    if len(names) > 2:
        raise click.UsageError("--with takes one entity, or two for a pair")
    with _open(db) as store:
        conn = store.connection
        require_entities(conn)
        ids = [resolve_one(conn, n)["id"] for n in names]
        rows = find_meetings(conn, ids[0] if ids else None, ids[1] if len(ids) > 1 else None,
                             _filters(date_from, date_to, tag, origin), limit)
    if as_json:
        echo_json(rows)
    else:
        _print_meetings(rows)
        if not rows:
            click.echo("no meetings found")


# --- graph, export -------------------------------------------------------------------------------


@click.command()
@db_option
@click.option("--kind", type=click.Choice(["cooccurrence", "meetings"]), default="cooccurrence",
              show_default=True, help="Named in the same paragraph, or met.")
@click.option("--around", metavar="NAME", help="Only what is within --depth of this entity.")
@click.option("--depth", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--min-weight", type=click.IntRange(min=1), default=1, show_default=True,
              help="Leave out lighter edges.")
@click.option("--type", "types", type=TYPES, multiple=True,
              help="Entity types (repeatable; default: person and org).")
@filter_options
@click.option("--format", "fmt", type=click.Choice(["gexf", "graphml", "json"]), default="gexf",
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of stdout.")
def graph(db: Path, kind: str, around: str | None, depth: int, min_weight: int,
          types: tuple[str, ...], date_from: str | None, date_to: str | None, tag: str | None,
          origin: str | None, fmt: str, out: Path | None) -> None:
    """A graph of entities, weighted: co-occurrence in paragraphs, or meetings."""
    from cablescope.entities import graph as graphs
    from cablescope.entities.query import require_entities, resolve_one

    with _open(db) as store:
        conn = store.connection
        require_entities(conn)
        centre = resolve_one(conn, around)["id"] if around else None
        g = graphs.build(conn, kind, _filters(date_from, date_to, tag, origin, types), centre,
                         depth, min_weight)
    if out:
        with out.open("wb") as f:
            graphs.write(g, fmt, f)
        click.echo(f"{g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges -> {out}",
                   err=True)
    else:
        graphs.write(g, fmt, sys.stdout.buffer)


@click.group()
def export() -> None:
    """Export entities for other tools: FollowTheMoney (Aleph) or CSV."""


@export.command()
@db_option
@filter_options
@click.option("--type", "types", type=TYPES, multiple=True,
              help="Entity types (repeatable; default: person and org).")
@click.option("--no-text", is_flag=True, help="Leave the cable text out of the messages.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of stdout.")
def ftm(db: Path, date_from: str | None, date_to: str | None, tag: str | None,
        origin: str | None, types: tuple[str, ...], no_text: bool, out: Path | None) -> None:
    """FollowTheMoney entities as JSON lines, for Aleph (`ftm` / `aleph load-entities`)."""
    from cablescope.entities.export import write_ftm

    with _open(db) as store:
        filters = _filters(date_from, date_to, tag, origin, types)
        if out:
            with out.open("w", encoding="utf-8") as f:
                n = write_ftm(store.connection, f, filters, not no_text)
            click.echo(f"{n:,} entities -> {out}", err=True)
        else:
            write_ftm(store.connection, sys.stdout, filters, not no_text)


@export.command(name="csv")
@db_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the CSV files (created if needed).")
@filter_options
@click.option("--type", "types", type=TYPES, multiple=True,
              help="Entity types (repeatable; default: all).")
@json_option
def csv_(db: Path, out: Path, date_from: str | None, date_to: str | None, tag: str | None,
         origin: str | None, types: tuple[str, ...], as_json: bool) -> None:
    """CSV files of the selected cables and everything found in them."""
    from cablescope.entities.export import write_csv

    with _open(db) as store:
        counts = write_csv(store.connection, out,
                           _filters(date_from, date_to, tag, origin, types))
    if as_json:
        echo_json({"out": str(out), "rows": counts})
    else:
        for name, n in counts.items():
            click.echo(f"{out / (name + '.csv')}: {n:,} rows")
