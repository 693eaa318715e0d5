"""`cablescope demo`: the main job end to end on a synthetic corpus the project makes itself.

It runs the same commands a user would type, printing each before its output, so the demo doubles
as a tour. The corpus is generated (deterministically) because the real ones are not ours to ship.
"""

from __future__ import annotations

import sqlite3
import textwrap
from pathlib import Path

import click

from cablescope.commands import corpus, search
from cablescope.commands import synth as synth_commands
from cablescope.commands import trace as trace_commands


def _run(ctx: click.Context, command: click.Command, shown: str, note: str = "",
         **params: object) -> None:
    click.secho(f"\n$ cablescope {shown}", fg="cyan", bold=True)
    if note:
        click.secho(note, dim=True)
    ctx.invoke(command, **params)


# How to read the trace output: which side is the article's, which the cable's.
TRACE_NOTE = ('# the article\'s quotation, then -> the cable paragraph it comes from; under it, '
              'each edit:\n# article "what the article printed" vs cable "what the cable says"')


def _demo_article(db: Path) -> str:
    """A short news article quoting two paragraphs of the demo corpus, one of them edited."""
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT p.cable_id, p.number, p.text FROM paragraphs p JOIN cables c ON c.id = p.cable_id"
        " WHERE p.number IS NOT NULL AND length(p.text) > 400 AND c.year >= 2000"
        " AND instr(p.text, '\"') = 0 AND instr(p.text, '“') = 0"  # quotes inside the quotation
        " AND instr(p.text, '”') = 0"  # would end it early
        " ORDER BY p.cable_id, p.number LIMIT 2"
    ).fetchall()
    conn.close()
    quotes = []
    for _cable_id, _number, text in rows:
        words = text.split()[4:40]  # past the number and marking
        quotes.append(" ".join(words[:12]) + " ... " + " ".join(words[20:32]))
    first, second = quotes
    return textwrap.dedent(f"""\
        Diplomats' private words laid bare

        According to one cable, the embassy reported that "{first}". A second dispatch was
        blunter: "{second}," the ambassador wrote. The ministry declined to comment.
        """)


@click.command()
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path),
              default=Path("demo"), show_default=True,
              help="Where the synthetic corpus and its database go.")
@click.option("--cables", "count", type=click.IntRange(100), default=3000, show_default=True,
              help="How many synthetic cables to generate.")
@click.option("--seed", type=int, default=1, show_default=True, help="Generator seed.")
@click.pass_context
def demo(ctx: click.Context, directory: Path, count: int, seed: int) -> None:
    """Generate a synthetic corpus, ingest it, and show search, reading and tracing on it.

    \b
    Example:
        cablescope demo --dir demo --cables 3000
    """
    directory.mkdir(parents=True, exist_ok=True)
    csv_path, db = directory / "cables.csv", directory / "cablescope.db"
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)
    _run(ctx, synth_commands.synth, f"synth --cables {count} --out {csv_path} --seed {seed}",
         count=count, out=csv_path, seed=seed, quiet=True)
    _run(ctx, corpus.ingest, f"ingest {csv_path} --db {db}",
         paths=(csv_path,), fmt=None, db=db, quiet=True, as_json=False)
    conn = sqlite3.connect(db)
    cable_id = conn.execute(
        "SELECT r.citing FROM refs r JOIN cables c ON c.id = r.cited"
        " ORDER BY r.citing LIMIT 1").fetchone()[0]
    conn.close()
    _run(ctx, corpus.show, f"show {cable_id} --db {db}", cable_id=cable_id, db=db)
    _run(ctx, search.search, f"search 'minister AND class:SECRET' --facets year,origin --limit 3"
         f" --db {db}", query="minister AND class:SECRET", facet_names="year,origin", limit=3,
         db=db)
    _run(ctx, search.refs, f"refs {cable_id} --db {db}", cable_id=cable_id, db=db)
    article = directory / "article.txt"
    article.write_text(_demo_article(db), encoding="utf-8")
    _run(ctx, trace_commands.trace, f"trace {article} --db {db}", TRACE_NOTE,
         articles=(str(article),), db=db)
    click.secho(f"\nThe database is {db}: open it with sqlite3, Datasette or pandas "
                "(docs/schema.md).", fg="green")
