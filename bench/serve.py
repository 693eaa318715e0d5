"""Serve benchmark: requests/s and latency of `cablescope serve` for a search/cable mix.

Starts `cablescope serve` on 127.0.0.1 (a free port) over DB, then CLIENTS concurrent clients
send a fixed, seeded mix of search pages, search API calls, cable pages and cable API calls until
REQUESTS are done or SECONDS pass (both bounded). Any status other than 200, or a failed
connection, counts as an error. `--ingest PATH` adds a second run in which `cablescope ingest
PATH` writes into a copy of DB while the clients read it (readers on their own connections while
one writer writes).

    .venv/bin/python bench/serve.py --db /tmp/web-real.db
    cablescope synth --cables 3000 --seed 6 --out synth-3k.csv
    .venv/bin/python bench/serve.py --db /tmp/web-real.db --ingest synth-3k.csv --record

`--record` writes the results under `## Serve` in docs/benchmarks.md (only that section).

`--varied N` replaces the 16 fixed queries by N queries drawn (seed --seed) from the database's
own vocabulary as bench/search.py draws its mix (words by frequency, pairs, phrases, OR / NOT,
filters with words; one in five at paragraph level; its exact strings left out, which
bench/search.py measures). Search keeps recent terms' hits in memory (search/columns.py), so
the fixed 16 queries, repeated 1,600 times, are answered from it after their first use; with
N about the number of searches (0.4 × --requests) nearly every query is new and most of its
words too, which is the figure to set beside.

    .venv/bin/python bench/serve.py --db DB --workers 2 --varied 1600
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import re
import signal
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
from urllib.request import urlopen

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


def varied_queries(db: Path, count: int, seed: int) -> list[tuple[str, str]]:
    """`count` (query, level) drawn from the database as bench/search.py draws its mix, without
    its exact strings, in the order drawn."""
    from search import make_mix  # bench/search.py: numpy and cablescope, only when asked

    per_round = 180  # of the 200 queries a round draws, 20 are exact strings
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        drawn = make_mix(conn, db, seed, rounds=-(-count // per_round))
    pool = [(q["query"], q["level"]) for q in drawn if not q["exact"]][:count]
    random.Random(seed).shuffle(pool)  # the kinds mixed over the run, not one after another
    return pool


def search_params(query: str | tuple[str, str]) -> str:
    q, level = (query, "cable") if isinstance(query, str) else query
    return urlencode({"q": q, **({"level": level} if level != "cable" else {})})


def request_mix(ids: list[str], count: int, seed: int,
                queries: list[str] | list[tuple[str, str]] = QUERIES) -> list[tuple[str, str]]:
    """(kind, path) in a fixed order: 40% search (page and API), 60% cable (page and API).
    With `queries` of N items, search i (in order) asks the i-th modulo N: a pool as large as
    the searches never repeats one."""
    rng = random.Random(seed)
    mix = []
    searches = 0
    for _ in range(count):
        roll = rng.random()
        if roll < 0.4:
            fixed = rng.choice(queries)  # the same draws as ever for the fixed 16
            chosen = fixed if queries is QUERIES else queries[searches % len(queries)]
            searches += 1
            path = "/search?" if roll < 0.2 else "/api/search?"
            mix.append(("search page" if roll < 0.2 else "search api",
                        path + search_params(chosen)))
        elif roll < 0.7:
            mix.append(("cable page", "/cable/" + quote(rng.choice(ids))))
        else:
            mix.append(("cable api", "/api/cables/" + quote(rng.choice(ids))))
    return mix


def start_server(db: Path, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [str(CABLESCOPE), "serve", "--db", str(db), "--port", str(port), "--quiet",
         "--read-only", "--workers", str(workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,  # its worker processes are stopped with it (stop_server)
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            # one probe at a time, waited for: at full size on a busy machine the stats take
            # more than a few seconds, and probes given up on pile up in the server's threads
            with urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=60) as answer:
                if answer.status == 200:
                    return proc
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise SystemExit("server did not answer within 120 s")


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) of process `pid` and every process below it, from /proc: what
    the server spent, whatever else the shared machine was doing (None where there is no /proc)."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total, todo = 0, [pid]
    try:
        while todo:
            at = todo.pop()
            with open(f"/proc/{at}/stat") as f:
                fields = f.read().rpartition(")")[2].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
            children = Path(f"/proc/{at}/task/{at}/children")
            if children.exists():
                todo.extend(int(c) for c in children.read_text().split())
    except (OSError, ValueError):
        return None
    return total / ticks


class Connection:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: the load generator shares the
    machine with the server, so it must cost far less CPU per request than the server does
    (httpx costs about as much as the server's own work here)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        """GET `path`; the status code. Reconnects when the server closed the connection."""
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
        if "content-length" in headers:
            await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            while size := int((await self.reader.readline()).strip(), 16):
                await self.reader.readexactly(size + 2)
            await self.reader.readline()
        if headers.get("connection") == "close":
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = self.reader = None


async def run_clients(port: int, mix: list[tuple[str, str]], clients: int,
                      seconds: float) -> tuple[list[tuple[str, float]], list[str], float]:
    """Send `mix` over `clients` concurrent keep-alive connections until done or `seconds`
    pass; (kind, latency) per 200 answer, and the errors."""
    latencies: list[tuple[str, float]] = []
    errors: list[str] = []
    position = 0
    stop_at = time.monotonic() + seconds

    async def client() -> None:
        nonlocal position
        conn = Connection("127.0.0.1", port)
        try:
            while position < len(mix) and time.monotonic() < stop_at:
                kind, path = mix[position]
                position += 1
                started = time.perf_counter()
                try:
                    status = await asyncio.wait_for(conn.get(path), timeout=60)
                except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    errors.append(f"{type(exc).__name__} {path}")
                    await conn.close()
                    continue
                if status == 200:
                    latencies.append((kind, time.perf_counter() - started))
                else:
                    errors.append(f"{status} {path}")
        finally:
            await conn.close()

    began = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, errors, time.perf_counter() - began


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


def scenario(db: Path, ids: list[str], args: argparse.Namespace,
             ingest: str | None = None, clients: int | None = None,
             requests: int | None = None) -> dict:
    """Serve `db`, warm it up, run the clients (with an ingest into `db` meanwhile when
    `ingest` names an input); the summary, with the server's CPU time per request (the figure
    other jobs on a shared machine change least) and the load average before."""
    port = free_port()
    server = start_server(db, port, args.workers)
    writer = None
    try:
        asyncio.run(run_clients(port, request_mix(ids, 64, args.seed + 1), 4, 30))  # warm up
        # (the warm-up's searches are the fixed 16: with --varied they are not in the pool)
        if ingest:
            writer = subprocess.Popen(
                [str(CABLESCOPE), "ingest", ingest, "--db", str(db), "--quiet", "--json"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        load = os.getloadavg()[0]
        cpu_before = cpu_seconds(server.pid)
        latencies, errors, wall = asyncio.run(run_clients(
            port, request_mix(ids, min(requests or args.requests, MAX_REQUESTS), args.seed,
                              args.queries),
            clients or args.clients, min(args.seconds, MAX_SECONDS)))
        cpu_after = cpu_seconds(server.pid)
        result = summarise(latencies, errors, wall)
        result["load_before"] = round(load, 1)
        if cpu_before is not None and cpu_after is not None and result["requests"]:
            result["server_cpu_ms"] = round(
                (cpu_after - cpu_before) * 1000 / result["requests"], 2)
        if writer is not None:
            out, err = writer.communicate(timeout=MAX_SECONDS)
            result["ingest"] = (_ingest_line(out) if writer.returncode == 0
                                else f"failed: {err.decode()[-200:]}")
    finally:
        if writer is not None and writer.poll() is None:
            writer.terminate()
        stop_server(server)
    return result


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server and every process it started: a worker still starting up outlives a
    plain terminate of the parent, and would go on taking the cores from the next run."""
    proc.terminate()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=30)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


def record(results: dict[str, dict], args: argparse.Namespace, cables: int) -> None:
    """Replace the `## Serve` section of docs/benchmarks.md (only that section)."""
    first = next(iter(results.values()))
    lines = [
        "## Serve",
        "",
        f"`bench/serve.py` on {date.today().isoformat()}: `cablescope serve --workers "
        f"{args.workers}` on loopback over a database of {cables:,} cables ({args.corpus}), "
        f"{args.clients} concurrent clients on keep-alive connections (one asyncio process "
        f"with a minimal HTTP client, so the load generator costs little), "
        f"{first['requests']:,} requests of a fixed, seeded mix: 20% search pages, 20% search "
        "API calls ("
        + (f"{len(args.queries):,} queries drawn from the database's vocabulary"
           if args.varied else "16 queries: words, phrases, filters")
        + "; every search computes all five facets), 30% cable pages, 30% cable API calls "
        "(500 cables). "
        f"Machine: {os.cpu_count()} cores shared with the clients"
        + (" and, while measured, with other jobs" if args.busy else "")
        + f"; Python {platform.python_version()}.",
        "",
        "| scenario | requests/s | p50 ms | p95 ms | p99 ms | errors | server CPU ms a request "
        "| load average before |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *(f"| {name} | {r['requests_per_s']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} "
          f"| {r['errors']} | {r.get('server_cpu_ms', 'n/a')} | {r['load_before']} |"
          for name, r in results.items()),
        "",
        *(f"In the second scenario {r['ingest']}, into a copy of the database the server "
          "was reading (readers on their own WAL connections, no error)."
          if not r["errors"] else f"In the second scenario {r['ingest']}."
          for r in results.values() if "ingest" in r),
        "",
        "By kind of request (first scenario):",
        "",
        "| kind | requests | p50 ms | p99 ms |",
        "|---|---:|---:|---:|",
        *(f"| {kind} | {v['requests']} | {v['p50_ms']} | {v['p99_ms']} |"
          for kind, v in first["by_kind"].items()),
        "",
        "Reproduce: `.venv/bin/python bench/serve.py --db DB"
        + (f" --workers {args.workers}" if args.workers != 1 else "")
        + (f" --ingest {Path(args.ingest).name}" if args.ingest else "")
        + (" --busy" if args.busy else "")
        + (f" --varied {args.varied}" if args.varied else "") + " --record`"
        + (" (the input made by `cablescope synth --cables 3000 --seed 6 --out synth-3k.csv`)"
           if args.ingest and Path(args.ingest).name == "synth-3k.csv" else "") + ".",
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
    parser.add_argument("--workers", type=int, default=1, help="`cablescope serve --workers`")
    parser.add_argument("--corpus", default="the real corpus",
                        help="what the database holds, for the record")
    parser.add_argument("--ingest", help="also measure while this input is ingested into a "
                                         "copy of the database")
    parser.add_argument("--busy", action="store_true",
                        help="note in the record that other jobs shared the machine")
    parser.add_argument("--record", action="store_true", help="write docs/benchmarks.md")
    parser.add_argument("--varied", type=int, metavar="N",
                        help="N queries drawn from the database's vocabulary instead of the "
                             "fixed 16 (see the module's doc)")
    args = parser.parse_args()

    args.queries = varied_queries(args.db, args.varied, args.seed) if args.varied else QUERIES
    ids = sample_ids(args.db, 500, args.seed)
    with sqlite3.connect(f"file:{args.db}?mode=ro", uri=True) as conn:
        cables = conn.execute("SELECT count(*) FROM cables").fetchone()[0]
    results = {"reads only": scenario(args.db, ids, args),
               # each request alone: what a page costs without any queue
               "one client": scenario(args.db, ids, args, clients=1, requests=500)}
    if args.ingest:
        with tempfile.TemporaryDirectory() as tmp:  # never write into the caller's database
            copy = Path(tmp) / "serve-bench.db"
            with sqlite3.connect(f"file:{args.db}?mode=ro", uri=True) as src, \
                    sqlite3.connect(copy) as dst:
                src.backup(dst)
            name = f"reads while `cablescope ingest {Path(args.ingest).name}` writes"
            results[name] = scenario(copy, ids, args, args.ingest)
    print(json.dumps(results, indent=2))
    if args.record:
        record(results, args, cables)
    if any(r["errors"] for r in results.values()):
        sys.exit(1)


def _ingest_line(out: bytes) -> str:
    try:
        summary = json.loads(out)
    except json.JSONDecodeError:
        return "the ingest finished"
    keys = ("records", "new_cables", "new_versions", "unchanged", "problems", "seconds")
    found = {k: summary[k] for k in keys if isinstance(summary, dict) and k in summary}
    return "the ingest wrote " + ", ".join(
        f"{v:,.1f} {k}" if isinstance(v, float) else f"{v:,} {k.replace('_', ' ')}"
        for k, v in found.items())


if __name__ == "__main__":
    main()
