"""What a running web app is allowed to do, decided once at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class WebConfig:
    """Settings of one app instance.

    `read_only` opens the database read-only and refuses every write; `token` is the bearer token
    a write (merge, reject, ingest) must present — with no token, writes are refused as well, so a
    server is safe by default. `max_upload` bounds a trace upload (bytes), `max_ingest` an ingest
    upload; `query_seconds` bounds the database work of a request; `threads` is how many
    requests do database work at once (the others wait their turn). Traces and ingests run in
    child processes (`web.jobs`): `trace_seconds` and `ingest_seconds` bound each, and
    `index_seconds` a background update of the trace index; `trace_workers` traces run at once.
    `crosslingual` is the trace's cross-lingual sentence model for articles in translation
    (`cablescope.trace.Tracer`'s switch: True asks for it, and the app is not made without its
    extra; None leaves it to `CABLESCOPE_CROSSLINGUAL`; False never uses it).
    """

    db: Path
    read_only: bool = False
    token: str | None = None
    max_upload: int = 2 * MiB
    max_ingest: int = 64 * MiB
    query_seconds: float = 10.0
    threads: int = 8
    trace_seconds: float = 60.0
    ingest_seconds: float = 900.0
    index_seconds: float = 3600.0
    trace_workers: int = 2
    crosslingual: bool | None = None
