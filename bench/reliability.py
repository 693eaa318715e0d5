"""Reliability figures for docs/reliability.md: kill-and-resume, and load under hostile requests.

    .venv/bin/python bench/reliability.py killresume \
        --corpus ../shared/corpus/cablegate-2011-04-25.tar.xz --kills 25
    .venv/bin/python bench/reliability.py load --db cables.db --upload synth-3k.csv

`killresume` ingests CORPUS once cleanly, then again into a fresh database, SIGKILLing the
ingest (with its worker processes) 0.5-8 s after each start (seeded), up to KILLS times, and
rerunning it each time until it finishes; the two databases must hold the same content
(cables, versions, paragraphs, refs, tags, recipients, problems: the digest tests/test_store.py
uses).

`load` serves a copy of DB (writable, with a token) and runs the read mix of bench/serve.py with
CLIENTS clients three times: alone; while two clients keep sending hostile traces (a megabyte of
Markdown that takes markdown-it half a minute, each stopped at --trace-seconds 5); and while an
upload is ingested. Then it sends SIGTERM during an upload's ingest and times the exit.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import Request, urlopen

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]
CABLESCOPE = Path(sys.executable).parent / "cablescope"
TOKEN = "reliability-bench-token"


def ingest_cmd(corpus: Path, db: Path) -> list[str]:
    return [str(CABLESCOPE), "ingest", str(corpus), "--db", str(db), "-q"]


def killresume(corpus: Path, kills: int, seed: int) -> dict:
    from test_store import content_hash

    work = Path(tempfile.mkdtemp(prefix="cablescope-killresume-"))
    clean, killed = work / "clean.db", work / "killed.db"
    started = time.monotonic()
    subprocess.run(ingest_cmd(corpus, clean), check=False)
    clean_seconds = time.monotonic() - started
    rng = random.Random(seed)
    log = []
    while len(log) < kills:
        proc = subprocess.Popen(ingest_cmd(corpus, killed), start_new_session=True)
        wait = rng.uniform(0.5, 8.0)  # commits come every 5 s: kills before, at and after
        time.sleep(wait)
        if proc.poll() is not None:
            break  # finished before this kill: every kill so far hit a running ingest
        os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its worker processes
        proc.wait()
        stored = _count(killed)
        log.append({"kill": len(log) + 1, "after_s": round(wait, 1), "cables_stored": stored})
        print(f"kill {len(log)}: after {wait:.1f} s, {stored} cables stored", flush=True)
    final = subprocess.run(ingest_cmd(corpus, killed), check=False)
    same = content_hash(clean) == content_hash(killed)
    integrity = sqlite3.connect(killed).execute("PRAGMA integrity_check").fetchone()[0]
    shutil.rmtree(work)
    return {"corpus": str(corpus), "kills": kills, "clean_ingest_s": round(clean_seconds, 1),
            "final_exit": final.returncode, "identical_to_clean": same, "integrity": integrity,
            "log": log}


def _count(db: Path) -> int:
    try:
        return sqlite3.connect(db).execute("SELECT count(*) FROM cables").fetchone()[0]
    except sqlite3.Error:
        return 0


def _post(base: str, path: str, body: bytes, headers: dict[str, str], timeout: float
          ) -> tuple[int, float]:
    started = time.monotonic()
    try:
        with urlopen(Request(base + path, data=body, headers=headers), timeout=timeout) as r:
            r.read()
            status = r.status
    except HTTPError as exc:
        status = exc.code
    except OSError:
        status = 0
    return status, time.monotonic() - started


def _multipart(path: Path) -> tuple[bytes, dict[str, str]]:
    boundary = "cablescope-bench"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"{path.name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").encode()
    body += path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    return body, {"content-type": f"multipart/form-data; boundary={boundary}",
                  "authorization": f"Bearer {TOKEN}"}


def load(db: Path, seconds: float, clients: int, upload: Path) -> dict:
    import serve as bench_serve

    work = Path(tempfile.mkdtemp(prefix="cablescope-load-"))
    copy = work / "served.db"
    shutil.copy(db, copy)
    port = bench_serve.free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([str(CABLESCOPE), "serve", "--db", str(copy), "--port", str(port),
                             "--quiet", "--token", TOKEN, "--trace-seconds", "5"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    results: dict = {}
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                with urlopen(base + "/api/stats", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise SystemExit("server did not start") from None
                time.sleep(0.3)
        ids = bench_serve.sample_ids(copy, 200, 7)
        mix = bench_serve.request_mix(ids, 100_000, 7)

        def reads(label: str) -> None:
            latencies, errors, wall = asyncio.run(
                bench_serve.run_clients(port, mix, clients, seconds))
            results[label] = {k: v for k, v in bench_serve.summarise(latencies, errors, wall)
                              .items() if k != "by_kind"}
            print(label, json.dumps(results[label]), flush=True)

        reads("reads alone")

        stop = threading.Event()
        hostile: list[tuple[int, float]] = []
        slow = ("![" * 500_000).encode()

        def attacker() -> None:
            while not stop.is_set():
                hostile.append(_post(base, "/api/trace", slow,
                                     {"content-type": "text/markdown"}, 120))

        attackers = [threading.Thread(target=attacker) for _ in range(2)]
        for thread in attackers:
            thread.start()
        reads("reads while 2 clients send hostile traces")
        stop.set()
        for thread in attackers:
            thread.join()
        results["hostile traces"] = {
            "sent": len(hostile), "statuses": sorted({s for s, _ in hostile}),
            "max_seconds": round(max(t for _, t in hostile), 1) if hostile else None}
        print("hostile traces", results["hostile traces"], flush=True)

        body, headers = _multipart(upload)
        outcome: list[tuple[int, float]] = []
        ingester = threading.Thread(
            target=lambda: outcome.append(_post(base, "/api/ingest", body, headers, 3600)))
        ingester.start()
        reads("reads while an upload is ingested")
        ingester.join()
        results["upload ingest"] = {"status": outcome[0][0], "seconds": round(outcome[0][1], 1)}

        # SIGTERM in the middle of another upload's ingest
        second = work / f"again-{upload.name}"
        second.write_bytes(upload.read_bytes().replace(b"PARIS", b"ROME"))
        body, headers = _multipart(second)
        thread = threading.Thread(target=_post, args=(base, "/api/ingest", body, headers, 600))
        thread.start()
        time.sleep(3)
        sent = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        results["sigterm during an ingest: exit after s"] = round(time.monotonic() - sent, 2)
        print("SIGTERM", results["sigterm during an ingest: exit after s"], flush=True)
        thread.join(timeout=30)
        results["integrity after"] = sqlite3.connect(copy).execute(
            "PRAGMA integrity_check").fetchone()[0]
    finally:
        if proc.poll() is None:
            proc.kill()
        shutil.rmtree(work, ignore_errors=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    kr = sub.add_parser("killresume")
    kr.add_argument("--corpus", type=Path, required=True)
    kr.add_argument("--kills", type=int, default=10)
    kr.add_argument("--seed", type=int, default=15)
    ld = sub.add_parser("load")
    ld.add_argument("--db", type=Path, required=True)
    ld.add_argument("--seconds", type=float, default=30)
    ld.add_argument("--clients", type=int, default=8)
    ld.add_argument("--upload", type=Path, required=True,
                    help="a corpus file to upload (e.g. a synthetic cables.csv of 3,000 cables)")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}", flush=True)
    if args.what == "killresume":
        result = killresume(args.corpus, args.kills, args.seed)
    else:
        result = load(args.db, args.seconds, args.clients, args.upload)
    print(json.dumps(result, indent=1))
    print(f"load average {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
