"""The `cablescope` command: a thin shell over the typed core.

Each area's commands live in `cablescope.commands.<area>`; this module only assembles them. A
`CablescopeError` from the core becomes a one-line message and exit status 1, never a traceback.
"""

from __future__ import annotations

from typing import Any

import click

from cablescope import __version__
from cablescope.errors import CablescopeError


class CableGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CablescopeError as exc:
            raise click.ClickException(str(exc)) from exc
        except BrokenPipeError:
            ctx.exit(0)


@click.group(cls=CableGroup)
@click.version_option(__version__, prog_name="cablescope")
def cli() -> None:
    """Load, read, search and trace diplomatic cable corpora."""


# Area commands are registered below, one line each.


def main() -> None:
    cli()
