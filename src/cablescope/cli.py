"""The `cablescope` command: a thin shell over the typed core.

Each area's commands live in `cablescope.commands.<area>`; this module only assembles them. A
`CablescopeError` from the core, or an `OSError` naming a file (a folder that does not exist, no
permission, a full disk), becomes a one-line message and exit status 1, never a traceback.
"""

from __future__ import annotations

from typing import Any

import click

from cablescope import __version__
from cablescope.commands import corpus, demo
from cablescope.commands import entities as entity_commands
from cablescope.commands import search as search_commands
from cablescope.commands import spark as spark_commands
from cablescope.commands import synth as synth_commands
from cablescope.commands import trace as trace_commands
from cablescope.commands import web as web_commands
from cablescope.errors import CablescopeError


class CableGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CablescopeError as exc:
            raise click.ClickException(str(exc)) from exc
        except BrokenPipeError:
            ctx.exit(0)
        except OSError as exc:
            # a file the user named that cannot be read or written (a missing folder, no
            # permission, a full disk): one line naming it, not a traceback
            if exc.filename is None:
                raise
            raise click.ClickException(f"{exc.filename}: {exc.strerror or exc}") from exc


@click.group(cls=CableGroup)
@click.version_option(__version__, prog_name="cablescope")
def cli() -> None:
    """Load, read, search and trace diplomatic cable corpora."""


# Area commands are registered below, one line each.
cli.add_command(demo.demo)
cli.add_command(corpus.ingest)
cli.add_command(corpus.show)
cli.add_command(corpus.stats)
cli.add_command(corpus.reparse)
cli.add_command(search_commands.search)
cli.add_command(search_commands.refs)
cli.add_command(search_commands.similar)
cli.add_command(web_commands.serve)
cli.add_command(synth_commands.synth)
cli.add_command(trace_commands.trace)
cli.add_command(trace_commands.index)
cli.add_command(entity_commands.entities)
cli.add_command(entity_commands.entity)
cli.add_command(entity_commands.meetings)
cli.add_command(entity_commands.graph)
cli.add_command(entity_commands.export)
cli.add_command(spark_commands.spark)
cli.add_command(spark_commands.load)
cli.add_command(spark_commands.reuse)


def main() -> None:
    cli()
