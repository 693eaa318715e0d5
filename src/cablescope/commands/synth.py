"""`cablescope synth`: write a synthetic corpus in the WikiLeaks `cables.csv` format."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from cablescope.commands.options import Progress, quiet_option

FULL_CORPUS = 251_287  # cables in the WikiLeaks release; the generator's vocabulary loads lazily


@click.command()
@click.option("--cables", "count", type=click.IntRange(min=0), default=1000, show_default=True,
              help=f"How many cables (the real corpus has {FULL_CORPUS:,}).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The cables.csv file to write ('-' for stdout).")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Random seed: the same seed and count give the same bytes.")
@quiet_option
def synth(count: int, out: Path, seed: int, quiet: bool) -> None:
    """Write COUNT realistic synthetic cables as a WikiLeaks cables.csv.

    Varied posts, dates (1966-2010), classifications, TAGS, REF chains to earlier cables,
    paragraph markings, redactions and invented people; deterministic for a seed.

    \b
    Example:
        cablescope synth --cables 25000 --out synth-25k.csv --seed 1
    """
    from cablescope.synth import generate, write_csv  # a second to load: only when used

    started = time.monotonic()
    cables = generate(count, seed)
    if str(out) == "-":
        write_csv(cables, sys.stdout)
        return
    with Progress("cables", enabled=not quiet) as bar:
        try:
            written = write_csv(cables, out, lambda n: bar.update(n, count, f"{n:,}/{count:,}"))
        except OSError as exc:
            raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from exc
    if not quiet:
        size = out.stat().st_size
        click.echo(f"wrote {written:,} cables to {out} ({size / 1e6:,.1f} MB) in "
                   f"{time.monotonic() - started:.1f}s", err=True)
