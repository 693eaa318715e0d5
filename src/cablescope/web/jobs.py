"""Long work apart from the server: traces, ingests and index updates in child processes, each
stopped past its time limit, so no request can hold the server, its CPU or the write lock.

A trace goes to one of `WebConfig.trace_workers` warm processes (each keeps its `Tracer`
between requests); past `trace_seconds` the process is killed and replaced, and the request
gets a 503. An ingest runs in a process of its own, one at a time, killed past
`ingest_seconds` (what it committed stays: the same upload resumes). A trace index gone stale
(an ingest from the command line while the server runs) is updated by one background process
that no request owns: a trace waits for it at most `trace_seconds`, then gets a 503 saying to
come back. A request cancelled (the server stopping) kills its process at once, so SIGTERM
ends the server within seconds whatever it was doing. Job processes run at a lower priority
(`NICENESS`), so on busy cores the pages and the API keep answering first.

Frames between the processes are those of `store.workers` (a length and a pickle); only this
process and its own children read them.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import time
from collections.abc import Callable
from typing import Any

import anyio
from anyio.abc import Process, TaskGroup
from anyio.streams.buffered import BufferedByteReceiveStream
from starlette.exceptions import HTTPException

from cablescope.store.workers import child_env
from cablescope.web.config import WebConfig

log = logging.getLogger("cablescope.web")

_ENTRY = "from cablescope.web.jobs import main; main()"
NICENESS = 10  # job processes yield the CPU to the server's own requests


class _Child:
    """One child process and the frames to and from it."""

    def __init__(self, process: Process) -> None:
        self.process = process
        assert process.stdin is not None and process.stdout is not None
        self._in = process.stdin
        self._out = BufferedByteReceiveStream(process.stdout)

    @classmethod
    async def start(cls, config: WebConfig, role: str) -> _Child:
        """A child for jobs of `role`; it answers once it is ready (a trace worker has its
        modules imported and its tracer made), so time limits count only the work."""
        process = await anyio.open_process([sys.executable, "-c", _ENTRY], env=child_env(),
                                           stderr=None)
        child = cls(process)
        try:
            await child.send((config, role))
            with anyio.fail_after(config.trace_seconds + 60):
                await child.receive()
        except BaseException:
            await child.kill()
            raise
        return child

    async def send(self, obj: Any) -> None:
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        await self._in.send(len(data).to_bytes(8, "little") + data)

    async def receive(self) -> Any:
        try:
            size = int.from_bytes(await self._out.receive_exactly(8), "little")
            return pickle.loads(await self._out.receive_exactly(size))
        except (anyio.IncompleteRead, anyio.EndOfStream, anyio.BrokenResourceError):
            code = await self.process.wait()
            raise HTTPException(500, f"internal error: a worker process ended unexpectedly "
                                     f"(exit status {code})") from None

    async def call(self, kind: str, payload: Any) -> Any:
        """Send a job, wait for its outcome; an error outcome is raised as an HTTPException."""
        await self.send((kind, payload))
        outcome = await self.receive()
        if outcome[0] == "error":
            _, status, message, headers = outcome
            raise HTTPException(status, message, headers=headers)
        return outcome[1]

    async def kill(self) -> None:
        with anyio.CancelScope(shield=True):
            if self.process.returncode is None:
                self.process.kill()
            await self.process.aclose()


class Jobs:
    """The child processes of one app; `close()` (the app's shutdown) kills them all."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self._idle: list[_Child] = []
        self._busy: set[_Child] = set()
        self._trace_slots: anyio.Semaphore | None = None
        self._ingest_lock: anyio.Lock | None = None
        self._index_done: anyio.Event | None = None
        self._index_started = 0.0
        self.task_group: TaskGroup | None = None  # set by the app's lifespan

    async def trace(self, article: tuple[bytes, str | None, str | None, str | None]
                    ) -> dict[str, Any]:
        """The report of one uploaded article (bytes, file name, format, encoding)."""
        if self._trace_slots is None:
            self._trace_slots = anyio.Semaphore(self.config.trace_workers)
        async with self._trace_slots:
            child = self._idle.pop() if self._idle else await self._start("trace")
            report = await self._run(child, "trace", article, self.config.trace_seconds,
                                     f"the trace took longer than {self.config.trace_seconds:g} s "
                                     "and was stopped: trace a shorter article", keep=True)
        return report

    async def ingest(self, upload: tuple[str, str | None, str]) -> dict[str, Any]:
        """Ingest an uploaded corpus file (path, format, its name) in a process of its own, one
        ingest at a time (the time spent waiting for another counts against the limit)."""
        if self._ingest_lock is None:
            self._ingest_lock = anyio.Lock()
        seconds = self.config.ingest_seconds
        started = time.monotonic()
        acquired = False
        with anyio.move_on_after(seconds):
            await self._ingest_lock.acquire()
            acquired = True
        if not acquired:
            raise HTTPException(503, f"another ingest ran for more than {seconds:g} s: "
                                     "send the file again later")
        try:
            child = await self._start("ingest")
            summary = await self._run(
                child, "ingest", upload, seconds - (time.monotonic() - started),
                f"the ingest took longer than {seconds:g} s and was stopped: what it committed "
                "is kept; send the same file again to go on", keep=False)
        finally:
            self._ingest_lock.release()
        return summary

    async def current_index(self) -> None:
        """Bring a stale trace index up to date in the background; wait for it at most
        `trace_seconds`, then a 503 says to come back."""
        if self._index_done is None or self._index_done.is_set():
            self._index_done = anyio.Event()
            self._index_started = time.monotonic()
            if self.task_group is not None:
                self.task_group.start_soon(self._update_index, self._index_done)
            else:  # no lifespan (a bare app in a test): the request does it, bounded all the same
                await self._update_index(self._index_done)
                return
        with anyio.move_on_after(self.config.trace_seconds):
            await self._index_done.wait()
            return
        waited = time.monotonic() - self._index_started
        raise HTTPException(503, f"the trace index is being brought up to date after an ingest "
                                 f"(for {waited:.0f} s now): trace again in a minute",
                            headers={"Retry-After": "60"})

    async def _update_index(self, done: anyio.Event) -> None:
        try:
            child = await self._start("index")
            await self._run(child, "index", None, self.config.index_seconds,
                            f"updating the trace index took longer than "
                            f"{self.config.index_seconds:g} s: run `cablescope index`",
                            keep=False)
        except HTTPException as exc:
            log.warning("trace index update failed: %s", exc.detail)
        finally:
            done.set()

    async def _start(self, role: str) -> _Child:
        child = await _Child.start(self.config, role)
        self._busy.add(child)
        return child

    async def _run(self, child: _Child, kind: str, payload: Any, seconds: float,
                   too_long: str, keep: bool) -> Any:
        """`child.call` within `seconds`; the child is killed on timeout, error or cancellation
        (kept for the next job only when `keep` and it answered)."""
        self._busy.add(child)
        answered = False
        try:
            with anyio.fail_after(seconds):
                result = await child.call(kind, payload)
            answered = True
            return result
        except TimeoutError:
            raise HTTPException(503, too_long) from None
        except HTTPException as exc:
            answered = exc.status_code != 500
            raise
        finally:
            self._busy.discard(child)
            if keep and answered:
                self._idle.append(child)
            else:
                await child.kill()

    async def close(self) -> None:
        """Kill every child (the server is stopping)."""
        children, self._idle = [*self._idle, *self._busy], []
        self._busy.clear()
        for child in children:
            await child.kill()


# --- in the child process ------------------------------------------------------------------------


def _outcome(work: Callable[[], Any]) -> tuple[Any, ...]:
    """("ok", result), or ("error", status, message, headers) as the app would answer."""
    from cablescope.errors import CablescopeError, StoreError

    try:
        return ("ok", work())
    except HTTPException as exc:
        return ("error", exc.status_code, str(exc.detail), exc.headers)
    except CablescopeError as exc:
        from cablescope.trace.index import IndexMissing

        if isinstance(exc, IndexMissing):
            return ("error", 503, str(exc), None)
        if isinstance(exc, StoreError):
            return ("error", 503, f"the database is not available: {exc}", None)
        return ("error", 400, str(exc), None)
    except Exception:
        log.exception("unexpected error in a worker process")
        return ("error", 500, "internal error: the server log has the details", None)


def main() -> None:
    """A worker process: `(WebConfig, role)` first (answered when ready), then jobs
    `(kind, payload)`, until stdin closes."""
    from cablescope.store.workers import answer, child_pipes, read_frame, write_frame
    from cablescope.web.db import Database

    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    os.nice(NICENESS)  # the pages and the API answer first when the cores are busy
    source, sink = child_pipes()
    config, role = read_frame(source)
    database = Database(config)
    if role == "trace":
        _outcome(lambda: _warm(database))
    write_frame(sink, ("ok", None))
    jobs: dict[str, Callable[[Any], Any]] = {
        "trace": lambda article: _trace(database, *article),
        "ingest": lambda upload: _ingest(database, *upload),
        "index": lambda _: _index(database),
    }
    answer(source, sink, lambda job: _outcome(lambda: jobs[job[0]](job[1])))


def _warm(database: Any) -> None:
    """Import the trace layer and make this process's tracer before the first request."""
    from cablescope.trace import index_state
    from cablescope.web import tracing

    with database.reading() as store:
        if index_state(store.connection) == "current":
            tracing.tracer_for(store, database.config.crosslingual)


def _trace(database: Any, data: bytes, filename: str | None, fmt: str | None,
           encoding: str | None) -> dict[str, Any]:
    from cablescope.web import tracing

    article = tracing.read_upload(data, filename, fmt, encoding)
    # the whole trace's queries within the trace's limit, not one request's `query_seconds`
    with database.reading(database.config.trace_seconds) as store:
        return tracing.trace(store, article, database.config.crosslingual)


def _ingest(database: Any, path: str, fmt: str | None, name: str) -> dict[str, Any]:
    from cablescope.sources import open_corpus
    from cablescope.trace import ensure_index

    corpus = open_corpus(path, fmt, name=name)  # sources name the upload, not its temp path

    def ingest(store: Any) -> dict[str, Any]:
        summary: dict[str, Any] = store.ingest(corpus, workers=0).as_dict()
        ensure_index(store)
        return summary

    return database.write(ingest)


def _index(database: Any) -> None:
    from cablescope.trace import ensure_index

    database.write(ensure_index)
