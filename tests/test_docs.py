"""Docs that fall behind the code fail here (the Datasette / sqlite-utils habit)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from cablescope.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _readme_commands() -> list[str]:
    """The shell commands in README.md's first fenced block of each of its two set-up steps."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```(?:bash|sh)?\n(.+?)\n```", text, flags=re.S)


def test_ci_runs_the_readme_test_command() -> None:
    blocks = _readme_commands()
    test_block = next(b for b in blocks if "pytest" in b)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for line in test_block.strip().splitlines():
        assert line.strip() in ci, f"README test command line not run by .ci/run: {line!r}"


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        found.append((full, command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, full + " "))
    return found


def test_every_command_has_help_and_is_documented() -> None:
    docs = "\n".join(p.read_text(encoding="utf-8") for p in DOCS.glob("*.md"))
    commands = _commands(cli)
    assert commands, "no commands registered"
    for name, command in commands:
        assert (command.help or "").strip(), f"`cablescope {name}` has no help text"
        assert f"cablescope {name}" in docs, f"`cablescope {name}` is not documented in docs/"
