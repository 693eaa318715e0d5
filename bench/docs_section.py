"""Rewrite one `## <heading>` section of a docs page, leaving the rest of the page as it is.

The benchmarks' `--write-docs` options share it: each owns one section of docs/benchmarks.md
(or docs/synth.md) and must never touch another's.
"""

from __future__ import annotations

import re
from pathlib import Path


def replace_section(page: Path, heading: str, section: str, *, must_exist: bool = False) -> None:
    """Put `section` (which starts with `## heading`) in place of that section of `page`, or
    at its end when it has none (an error when `must_exist`)."""
    text = page.read_text(encoding="utf-8") if page.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^## {re.escape(heading)}\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section.rstrip("\n") + "\n\n", text, count=1)
    elif must_exist:
        raise SystemExit(f"{page} has no `## {heading}` section")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    page.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
