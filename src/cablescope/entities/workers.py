"""Extraction processes, fed batches of cable IDs through pipes (the store's worker pattern).

Plain child processes (`python -c ...`), not `multiprocessing`: they never re-import the
caller's main module (a script without an `if __name__ == "__main__"` guard works) and never
fork a process holding a database connection. Each loads the spaCy model once, reads cables from
its own read-only connection and sends back what it found; it ends when its input closes, which
includes the parent being killed. Frames are `cablescope.store.workers`' length + pickle. A
process that cannot work (spaCy missing, a cable it cannot read) answers with a `Failure` naming
why, which the parent raises as the error the user sees, instead of dying unexplained.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from cablescope.errors import CablescopeError
from cablescope.store.workers import (
    IN_FLIGHT_PER_WORKER,
    answer,
    child_pipes,
    read_frame,
    receive,
    spawn,
    stop,
    write_frame,
)

_ENTRY = "from cablescope.entities.workers import main; main()"


@dataclass(frozen=True, slots=True)
class Failure:
    """What an extraction process sends instead of results when it cannot do its work."""

    message: str


def failure(exc: BaseException) -> Failure:
    """The user's message for an exception: our own errors as they are, others with their type."""
    if isinstance(exc, CablescopeError):
        return Failure(str(exc))
    return Failure(f"{type(exc).__name__}: {exc}")


class ExtractionPool:
    """`n` extraction processes on the database at `db`; `map` keeps results in input order."""

    def __init__(self, n: int, db: str) -> None:
        self._procs = spawn(_ENTRY, n)
        for proc in self._procs:
            assert proc.stdin is not None
            write_frame(proc.stdin, db)

    def map(self, batches: Iterable[list[str]]) -> Iterator[Any]:
        """Each batch's results, in the order of `batches`, a few batches ahead per process."""
        n = len(self._procs)
        owners: deque[int] = deque()
        for sent, batch in enumerate(batches):
            while len(owners) >= n * IN_FLIGHT_PER_WORKER:
                yield self._result(owners.popleft())
            stdin = self._procs[sent % n].stdin
            assert stdin is not None
            with contextlib.suppress(BrokenPipeError, OSError):  # died: its result will say so
                write_frame(stdin, batch)
            owners.append(sent % n)
        while owners:
            yield self._result(owners.popleft())

    def _result(self, index: int) -> Any:
        proc = self._procs[index]
        result = receive(proc, CablescopeError, "extraction process")
        if isinstance(result, Failure):
            raise CablescopeError(f"extraction process {proc.pid} failed: {result.message}")
        return result

    def close(self, abort: bool = False) -> None:
        """Stop the processes: close their input and let them end, or kill them (`abort`)."""
        if abort:
            for proc in self._procs:
                proc.kill()
        stop(self._procs, timeout=30)


def main() -> None:
    """An extraction process: the database path, then batches of cable IDs, on stdin; what was
    found, on stdout; until stdin closes."""
    from cablescope.entities import pipeline

    source, sink = child_pipes()
    try:
        db = read_frame(source)
    except EOFError:
        return
    try:
        pipeline.open_worker(db)
    except Exception as exc:  # every batch gets the reason, the parent raises the first
        reason = Failure(f"could not start on {db}: {failure(exc).message}")
        answer(source, sink, lambda _batch: reason)
        return
    answer(source, sink, guarded(pipeline.extract_batch))


def guarded(handle: Callable[[list[str]], Any]) -> Callable[[list[str]], Any]:
    """`handle` for a batch of cable IDs, answering a `Failure` that names the cable it failed
    on (found by retrying the batch's cables one by one) instead of raising."""
    def run(batch: list[str]) -> Any:
        try:
            return handle(batch)
        except Exception as exc:
            return Failure(f"{_where(handle, batch)}: {failure(exc).message}")
    return run


def _where(handle: Callable[[list[str]], Any], batch: list[str]) -> str:
    for cable in batch:
        try:
            handle([cable])
        except Exception:
            return f"on cable {cable}"
    return f"on the batch {batch[0]} .. {batch[-1]}" if batch else "on an empty batch"
