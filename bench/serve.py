"""Serve benchmark: requests/s and latency of `cablescope serve` for a search/cable mix.

Starts `cablescope serve` on 127.0.0.1 (a free port) over DB, then CLIENTS concurrent clients
send a fixed, seeded mix of search pages, search API calls, cable pages and cable API calls until
REQUESTS are done or SECONDS pass (both bounded). Any status other than 200, or a failed
connection, counts as an error. `--ingest PATH` also runs `cablescope ingest PATH` into a copy of
DB while the clients read it (readers on their own connections while one writer writes).

    .venv/bin/python bench/serve.py --db /tmp/web-real.db
    .venv/bin/python bench/serve.py --db /tmp/web-real.db --ingest corpus.tar.xz --record

`--record` writes the results under `## Serve` in docs/benchmarks.md (only that section).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx

ROOT = Path(__file__).resolve().parent.parent
CABLESCOPE = Path(sys.executable).parent / "cablescope"
BENCHMARKS = ROOT / "docs" / "benchmarks.md"
MAX_REQUESTS = 100_000
MAX_SECONDS = 300.0

# Queries a newsroom would type: words, phrases, filters, facets (every search returns them).
QUERIES = [
    "sarkozy", '"markedly different"', "kouchner AND iraq", "tag:PREL nuclear",
    'origin:"Embassy Paris" sanctions', "class:SECRET* iran", "from:2006-01 to:2007-06 oil",
    "marking:S/NF", "afghanistan NOT taliban", "ambassador met minister", "subject:election",
    "tag:PGOV corruption", "year:2009 china", "brazil", "gaddafi OR qadhafi", "pakistan aid*",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sample_ids(db: Path, n: int, seed: int) -> list[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        ids = [cid for (cid,) in conn.execute("SELECT id FROM cables ORDER BY id")]
    if not ids:
        raise SystemExit(f"{db} holds no cables: ingest a corpus first")
    return random.Random(seed).sample(ids, min(n, len(ids)))


def request_mix(ids: list[str], count: int, seed: int) -> list[tuple[str, str]]:
    """(kind, path) in a fixed order: 40% search (page and API), 60% cable (page and API)."""
    rng = random.Random(seed)
    mix = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.2:
            mix.append(("search page", "/search?" + urlencode({"q": rng.choice(QUERIES)})))
        elif roll < 0.4:
            mix.append(("search api", "/api/search?" + urlencode({"q": rng.choice(QUERIES)})))
        elif roll < 0.7:
            mix.append(("cable page", "/cable/" + quote(rng.choice(ids))))
        else:
            mix.append(("cable api", "/api/cables/" + quote(rng.choice(ids))))
    return mix


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [str(CABLESCOPE), "serve", "--db", str(db), "--port", str(port), "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not answer within 30 s")


async def run_clients(base: str, mix: list[tuple[str, str]], clients: int,
                      seconds: float) -> tuple[list[tuple[str, float]], list[str], float]:
    """Send `mix` with `clients` concurrent connections; (kind, latency) per success, errors."""
    latencies: list[tuple[str, float]] = []
    errors: list[str] = []
    position = 0
    stop_at = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:

        async def client() -> None:
            nonlocal position
            while position < len(mix) and time.monotonic() < stop_at:
                kind, path = mix[position]
                position += 1
                started = time.perf_counter()
                try:
                    response = await http.get(path)
                    elapsed = time.perf_counter() - started
                    if response.status_code == 200:
                        latencies.append((kind, elapsed))
                    else:
                        errors.append(f"{response.status_code} {path}")
                except httpx.HTTPError as exc:
                    errors.append(f"{type(exc).__name__} {path}")

        began = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        wall = time.perf_counter() - began
    return latencies, errors, wall


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summarise(latencies: list[tuple[str, float]], errors: list[str], wall: float) -> dict:
    all_ms = [t * 1000 for _, t in latencies]
    by_kind = {}
    for kind in sorted({k for k, _ in latencies}):
        ms = [t * 1000 for k, t in latencies if k == kind]
        by_kind[kind] = {"requests": len(ms), "p50_ms": round(statistics.median(ms), 1),
                         "p99_ms": round(percentile(ms, 99), 1)}
    done = len(latencies) + len(errors)
    return {
        "requests": done, "errors": len(errors), "error_samples": errors[:5],
        "seconds": round(wall, 2), "requests_per_s": round(done / wall, 1) if wall else 0,
        "p50_ms": round(percentile(all_ms, 50), 1), "p95_ms": round(percentile(all_ms, 95), 1),
        "p99_ms": round(percentile(all_ms, 99), 1), "by_kind": by_kind,
    }


def record(result: dict, args: argparse.Namespace, cables: int) -> None:
    """Replace the `## Serve` section of docs/benchmarks.md (only that section)."""
    lines = [
        "## Serve",
        "",
        f"`bench/serve.py` on {date.today().isoformat()}: `cablescope serve` (1 worker process) "
        f"on loopback over a database of {cables:,} cables, {args.clients} concurrent clients "
        f"(httpx, one process), {result['requests']:,} requests of a fixed mix "
        "(20% search page, 20% search API, 30% cable page, 30% cable API). "
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; the clients share "
        "the cores with the server."
        + (f" An ingest of `{Path(args.ingest).name}` ran into the same database meanwhile "
           f"({result['ingest']})." if args.ingest else ""),
        "",
        "| requests/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---:|---:|---:|---:|---:|",
        f"| {result['requests_per_s']} | {result['p50_ms']} | {result['p95_ms']} | "
        f"{result['p99_ms']} | {result['errors']} |",
        "",
        "| kind | requests | p50 ms | p99 ms |",
        "|---|---:|---:|---:|",
        *(f"| {kind} | {v['requests']} | {v['p50_ms']} | {v['p99_ms']} |"
          for kind, v in result["by_kind"].items()),
        "",
        "Reproduce: `.venv/bin/python bench/serve.py --db DB"
        + (" --ingest ARCHIVE" if args.ingest else "") + " --record`.",
        "",
    ]
    section = "\n".join(lines)
    text = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else "# Benchmarks\n\n"
    pattern = re.compile(r"^## Serve\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else (
        text.rstrip("\n") + "\n\n" + section)
    BENCHMARKS.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--ingest", help="an archive to ingest into the database meanwhile")
    parser.add_argument("--record", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()
    requests = min(args.requests, MAX_REQUESTS)
    seconds = min(args.seconds, MAX_SECONDS)

    db = args.db
    with tempfile.TemporaryDirectory() as tmp:
        if args.ingest:  # never write into the caller's database
            db = Path(tmp) / "serve-bench.db"
            shutil.copyfile(args.db, db)
        ids = sample_ids(db, 500, args.seed)
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            cables = conn.execute("SELECT count(*) FROM cables").fetchone()[0]
        port = free_port()
        server = start_server(db, port)
        ingest = None
        try:
            base = f"http://127.0.0.1:{port}"
            asyncio.run(run_clients(base, request_mix(ids, 64, args.seed + 1), 4, 30))  # warm
            if args.ingest:
                ingest = subprocess.Popen(
                    [str(CABLESCOPE), "ingest", args.ingest, "--db", str(db), "--quiet",
                     "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            latencies, errors, wall = asyncio.run(
                run_clients(base, request_mix(ids, requests, args.seed), args.clients, seconds))
            result = summarise(latencies, errors, wall)
            if ingest is not None:
                out, err = ingest.communicate(timeout=MAX_SECONDS)
                result["ingest"] = (f"exit {ingest.returncode}, "
                                    + (_ingest_line(out) if ingest.returncode == 0
                                       else err.decode()[-200:]))
        finally:
            if ingest is not None and ingest.poll() is None:
                ingest.terminate()
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps(result, indent=2))
    if args.record:
        record(result, args, cables)
    if result["errors"]:
        sys.exit(1)


def _ingest_line(out: bytes) -> str:
    try:
        summary = json.loads(out)
    except json.JSONDecodeError:
        return "done"
    keys = ("records", "added", "new_versions", "unchanged", "problems")
    found = {k: summary[k] for k in keys if isinstance(summary, dict) and k in summary}
    return ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in found.items()) or "done"


if __name__ == "__main__":
    main()
