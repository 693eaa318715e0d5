"""Export of every hit as CSV, streamed: what `cablescope search --csv` writes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from cablescope.search.engine import Hit

EXPORT_COLUMNS = ("id", "address", "paragraph", "created", "subject", "origin",
                  "classification", "marking", "score", "snippet")


def csv_safe(value: Any) -> Any:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_chunks(hits: Iterable[Hit], chunk: int = 64 * 1024) -> Iterator[str]:
    """CSV text, header first, in chunks of about `chunk` characters, as hits arrive."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for hit in hits:
        writer.writerow([csv_safe(getattr(hit, name)) for name in EXPORT_COLUMNS])
        if buffer.tell() >= chunk:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
